"""The compare figures: theme bars and the partner matrix."""

from __future__ import annotations

import itertools

import pytest

from components import compare
from components.data.vocabulary import PARTNERS, SHARED_GROUP
from components.shared.colours import contrast_ratio, group_colours
from tests.components.compare.small import TWO_GROUPS, findings


class TestThemeFigure:
    @pytest.fixture
    def comparison(self):
        return compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])

    def test_one_bar_trace_per_panel_in_group_colours(self, comparison):
        colours = group_colours(["A", "B", SHARED_GROUP])
        figure = compare.theme_figure(comparison, colours)
        assert [trace.marker.color for trace in figure.data] == [colours["A"], colours["B"], colours[SHARED_GROUP]]
        assert [trace.orientation for trace in figure.data] == ["h", "h", "h"]

    def test_every_panel_has_the_same_themes_in_the_same_order(self, comparison):
        figure = compare.theme_figure(comparison, {})
        orders = [list(trace.y) for trace in figure.data]
        assert orders == [comparison.themes] * 3
        assert list(figure.data[1].x) == [0, 1, 0, 3]

    def test_customdata_carries_theme_and_group_for_the_drill_down(self, comparison):
        figure = compare.theme_figure(comparison, {})
        assert [list(point) for point in figure.data[1].customdata] == [[theme, "B"] for theme in comparison.themes]

    def test_says_coded_statements_and_no_percentages(self, comparison):
        figure = compare.theme_figure(comparison, {})
        assert any(annotation.text == "coded statements" for annotation in figure.layout.annotations)
        assert all("coded statement" in text for text in figure.data[0].hovertext)
        assert "%" not in figure.to_json().replace("%{hovertext}", "")

    def test_fonts_are_projector_sized(self, comparison):
        figure = compare.theme_figure(comparison, {})
        sizes = [
            figure.layout.yaxis.tickfont.size,
            figure.layout.xaxis.tickfont.size,
            figure.layout.hoverlabel.font.size,
        ]
        sizes += [annotation.font.size for annotation in figure.layout.annotations]
        sizes += [trace.textfont.size for trace in figure.data]
        assert min(sizes) >= 14

    def test_panels_are_titled_by_group_so_colour_is_not_the_only_cue(self, comparison):
        titles = [annotation.text for annotation in compare.theme_figure(comparison, {}).layout.annotations]
        assert titles[:3] == ["<b>A</b>", "<b>B</b>", "<b>Common ground</b>"]

    def test_data_text_is_escaped(self):
        data = findings(("<b>x</b>", "barrier", "<a href='http://evil'>click</a>"), ("B", "barrier", "Time"))
        figure = compare.theme_figure(compare.compare_themes(data, "barrier", ["<b>x</b>", "B"]), {})
        text = " ".join([*figure.layout.yaxis.ticktext, *figure.data[0].hovertext, figure.layout.annotations[0].text])
        assert "<a href" not in text
        assert "&lt;a href=" in text
        assert "&lt;b&gt;x&lt;/b&gt;" in figure.layout.annotations[0].text
        # customdata keeps the raw theme: it is matched against the data, never rendered.
        assert figure.data[0].customdata[0][0] == "<a href='http://evil'>click</a>"

    def test_selected_theme_is_outlined_and_bold(self, comparison):
        figure = compare.theme_figure(comparison, {}, selected_theme="Only B")
        assert list(figure.data[1].marker.line.width) == [0, 0, 0, 3]
        assert list(figure.data[0].marker.line.width) == [0, 0, 0, 0]
        assert figure.layout.yaxis.ticktext[3] == "<b>Only B</b>"

    def test_many_themes_are_capped_for_the_chart(self):
        data = findings(*[("A", "barrier", f"Theme {n}") for n in range(30)])
        figure = compare.theme_figure(compare.compare_themes(data, "barrier", ["A"]), {}, max_themes=20)
        assert len(figure.data[0].y) == 20


class TestPartnerFigure:
    def test_cells_show_the_counts_and_partners_run_down_the_side(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        figure = compare.partner_figure(matrix, group_colours(["A", "B", SHARED_GROUP]))
        heatmap = figure.data[0]
        assert list(heatmap.y) == list(PARTNERS)
        assert list(heatmap.x) == ["A", "B", compare.COMMON_GROUND]
        cells = {(a.x, a.y): a.text for a in figure.layout.annotations}
        assert cells[("A", "clients")] == "<b>2</b>"
        assert cells[("B", "professionals")] == "<b>4</b>"
        assert cells[("A", "children")] == "<b>0</b>"

    def test_each_group_column_is_shaded_in_its_own_colour(self):
        colours = group_colours(["A", "B", SHARED_GROUP])
        figure = compare.partner_figure(compare.partner_matrix(TWO_GROUPS, ["A", "B"]), colours)
        ends = [colour for _, colour in figure.data[0].colorscale][1::2]
        assert list(ends) == [colours["A"], colours["B"], colours[SHARED_GROUP]]

    def test_cell_numbers_are_readable_on_their_shading(self):
        many = [f"G{n}" for n in range(9)]
        data = findings(*[(group, "purpose", "X", "clients") for group in many])
        colours = group_colours(many)
        figure = compare.partner_figure(compare.partner_matrix(data, many), colours)
        for annotation in figure.layout.annotations:
            group = annotation.x
            background = colours[group] if annotation.text == "<b>1</b>" else compare.EMPTY_CELL
            # Large bold text (20px): WCAG asks for 3:1.
            assert contrast_ratio(annotation.font.color, background) >= 3, group

    def test_no_tooltip_covers_the_partner_names(self):
        figure = compare.partner_figure(compare.partner_matrix(TWO_GROUPS, ["A", "B"]), {})
        heatmap, cells = figure.data
        assert heatmap.hoverinfo == "skip"
        assert cells.hoverinfo == "none"

    def test_every_drawn_cell_is_clickable_and_carries_its_group_and_partner(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        figure = compare.partner_figure(matrix, {}, selected_cell=("B", "professionals"))
        cells = figure.data[1]
        assert figure.layout.clickmode == "event+select"
        assert len(cells.customdata) == len(PARTNERS) * 3
        assert list(cells.customdata[0]) == ["A", "clients"]
        assert (cells.x[0], cells.y[0]) == ("A", "clients")  # over the heatmap cell it stands for
        picked = [index for index, width in enumerate(cells.marker.line.width) if width]
        assert [list(cells.customdata[index]) for index in picked] == [["B", "professionals"]]

    def test_long_group_names_wrap_instead_of_turning(self):
        data = findings(("Health visitors", "purpose", "X", "clients"), ("École staff", "purpose", "Y", "MDT"))
        figure = compare.partner_figure(compare.partner_matrix(data, ["Health visitors", "École staff"]), {})
        assert figure.layout.xaxis.tickangle == 0
        assert list(figure.layout.xaxis.ticktext) == ["Health<br>visitors", "École<br>staff"]
        assert list(figure.data[0].x) == ["Health visitors", "École staff"]

    def test_fonts_are_projector_sized(self):
        figure = compare.partner_figure(compare.partner_matrix(TWO_GROUPS, ["A", "B"]), {})
        sizes = [figure.layout.xaxis.tickfont.size, figure.layout.yaxis.tickfont.size]
        sizes += [annotation.font.size for annotation in figure.layout.annotations]
        assert min(sizes) >= 14


class TestPhoneThemeFigure:
    """At a phone's width the panels stack, each with its own theme labels, wrapped narrower."""

    @pytest.fixture
    def comparison(self):
        return compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])

    def test_panels_stack_one_under_another(self, comparison):
        figure = compare.theme_figure(comparison, {}, phone=True)
        domains = [figure.layout[f"yaxis{index if index > 1 else ''}"].domain for index in range(1, 4)]
        xdomains = [figure.layout[f"xaxis{index if index > 1 else ''}"].domain for index in range(1, 4)]
        assert all(tuple(domain) == (0.0, 1.0) for domain in xdomains)
        tops = [domain[1] for domain in domains]
        assert tops == sorted(tops, reverse=True)
        assert all(later[1] < earlier[0] for earlier, later in itertools.pairwise(domains))

    def test_every_panel_names_its_themes_and_labels_wrap_narrower(self, comparison):
        figure = compare.theme_figure(comparison, {}, phone=True)
        assert not figure.layout.yaxis2.matches
        assert [list(trace.y) for trace in figure.data] == [list(figure.data[0].y)] * 3
        longest = max(len(line) for text in figure.layout.yaxis.ticktext for line in text.split("<br>"))
        assert longest <= compare.figures.PHONE_LABEL_CHARS

    def test_taller_than_the_wide_layout(self, comparison):
        wide = compare.theme_figure(comparison, {})
        phone = compare.theme_figure(comparison, {}, phone=True)
        assert phone.layout.height > 2 * wide.layout.height
