"""Compare page logic on tiny hand-made findings: groups, counts, theme order, sentences, figures, partners."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from components import compare
from components.compare import view
from components.data.load import build_dataset, load_dataset_dir
from components.data.vocabulary import PARTNERS, SHARED_GROUP
from components.ui.colours import contrast_ratio, group_colours

COLUMNS = ("finding_id", "group", "category", "theme", "statement", "evidence", "source", "partner", "theme_basis")


def findings(*rows: tuple) -> pd.DataFrame:
    """Rows as (group, category, theme[, partner[, theme_basis]]); ids, statements and quotes are filled in."""
    records = []
    for number, row in enumerate(rows, start=1):
        group, category, theme, partner, theme_basis = (*row, "", "")[:5]
        records.append(
            {
                "finding_id": f"T{number:02d}",
                "group": group,
                "category": category,
                "theme": theme,
                "statement": f"Statement {number}",
                "evidence": f"Quote {number}",
                "source": "Test source",
                "partner": partner,
                "theme_basis": theme_basis,
            }
        )
    return pd.DataFrame(records, columns=COLUMNS).astype("string")


TWO_GROUPS = findings(
    ("A", "purpose", "Shared aim", "clients"),
    ("A", "purpose", "Only A", "clients"),
    ("A", "purpose", "Only A", "families"),
    ("B", "purpose", "Shared aim", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    ("B", "purpose", "Only B", "professionals"),
    (SHARED_GROUP, "purpose", "Everyone", "MDT"),
    ("A", "barrier", "Time", "", "inferred"),
    ("B", "barrier", "Time"),
    (SHARED_GROUP, "barrier", "Money"),
)


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


class TestGroups:
    def test_shared_group_is_not_pickable(self):
        assert compare.comparable_groups(["A", "B", SHARED_GROUP]) == ["A", "B"]

    def test_default_is_mhsw_and_csw_when_both_present(self):
        assert compare.default_pair(["Nurses", "CSW", "MHSW", SHARED_GROUP]) == ("MHSW", "CSW")

    def test_default_is_first_two_groups_otherwise(self):
        assert compare.default_pair(["Nurses", "MHSW", "Teachers", SHARED_GROUP]) == ("Nurses", "MHSW")

    def test_one_group_pairs_with_nothing(self):
        assert compare.default_pair(["Nurses", SHARED_GROUP]) == ("Nurses", None)

    def test_only_the_shared_group_gives_no_pair(self):
        assert compare.default_pair([SHARED_GROUP]) == (None, None)

    @pytest.mark.parametrize(
        ("left", "right", "expected"),
        [("A", "B", ["A", "B"]), ("A", "A", ["A"]), ("A", None, ["A"]), (None, None, [])],
    )
    def test_chosen_groups_are_distinct(self, left, right, expected):
        assert compare.chosen_groups(left, right) == expected


class TestCompareThemes:
    def test_counts_coded_statements_per_theme_and_group(self):
        counts = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]).counts
        assert counts.loc["Only A"].to_dict() == {"A": 2, "B": 0, SHARED_GROUP: 0}
        assert counts.loc["Only B"].to_dict() == {"A": 0, "B": 3, SHARED_GROUP: 0}
        assert counts.loc["Shared aim"].to_dict() == {"A": 1, "B": 1, SHARED_GROUP: 0}

    def test_shared_statements_are_their_own_panel_not_added_to_groups(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        assert comparison.panels == ["A", "B", SHARED_GROUP]
        assert comparison.counts.loc["Everyone"].to_dict() == {"A": 0, "B": 0, SHARED_GROUP: 1}
        assert int(comparison.counts["A"].sum()) == 3
        assert int(comparison.counts["B"].sum()) == 4

    def test_no_common_ground_panel_when_the_category_has_none(self):
        data = TWO_GROUPS[TWO_GROUPS["group"] != SHARED_GROUP]
        assert compare.compare_themes(data, "purpose", ["A", "B"]).panels == ["A", "B"]

    def test_one_theme_order_left_leaning_then_even_then_right_leaning(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        assert comparison.themes == ["Only A", "Shared aim", "Everyone", "Only B"]

    def test_swapping_sides_mirrors_the_order(self):
        comparison = compare.compare_themes(TWO_GROUPS, "purpose", ["B", "A"])
        assert comparison.themes == ["Only B", "Shared aim", "Everyone", "Only A"]
        assert comparison.panels == ["B", "A", SHARED_GROUP]

    def test_one_group_alone(self):
        one = findings(("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Rota"))
        comparison = compare.compare_themes(one, "barrier", ["Nurses"])
        assert comparison.panels == ["Nurses"]
        assert comparison.counts["Nurses"].to_dict() == {"Time": 2, "Rota": 1}

    def test_many_groups_count_only_the_two_chosen(self):
        many = findings(*[(f"G{n}", "barrier", f"Theme {n % 3}") for n in range(12)])
        comparison = compare.compare_themes(many, "barrier", ["G4", "G7"])
        assert comparison.panels == ["G4", "G7"]
        assert int(comparison.counts.to_numpy().sum()) == 2
        assert set(comparison.themes) == {"Theme 1"}

    def test_shared_group_is_never_a_side(self):
        comparison = compare.compare_themes(TWO_GROUPS, "barrier", [SHARED_GROUP, "A"])
        assert comparison.panels == ["A", SHARED_GROUP]

    def test_empty_category(self):
        comparison = compare.compare_themes(TWO_GROUPS, "perception", ["A", "B"])
        assert comparison.is_empty
        assert comparison.themes == []

    def test_inferred_theme_names_are_known(self):
        comparison = compare.compare_themes(TWO_GROUPS, "barrier", ["A", "B"])
        assert comparison.inferred_themes == frozenset({"Time"})
        table = compare.theme_table(comparison)
        assert table.loc[table["Theme"] == "Time", "Theme name"].item() == "this app's coding (inferred)"

    def test_does_not_change_its_input(self):
        before = TWO_GROUPS.copy()
        compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"])
        pd.testing.assert_frame_equal(TWO_GROUPS, before)

    def test_table_has_one_column_per_panel_in_coded_statements(self):
        table = compare.theme_table(compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]))
        assert list(table.columns) == [
            "Theme",
            "A: coded statements",
            "B: coded statements",
            "Common ground (All): coded statements",
        ]
        assert table["B: coded statements"].tolist() == [0, 1, 0, 3]


class TestThemeSummary:
    def test_names_the_widest_difference_with_its_counts(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "purpose", ["A", "B"]))
        assert summary.startswith("Why collaborate: A has 3 coded statements on 2 themes; B has 4")
        assert "They share 1 theme." in summary
        assert "The biggest difference is on “Only B” (A 0, B 3)." in summary
        assert "1 coded statement on 1 theme are common ground" in summary
        assert "%" not in summary

    def test_equal_counts_say_so(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "barrier", ["A", "B"]))
        assert "They share 1 theme, with the same count on each." in summary

    def test_neither_group_has_statements_of_its_own(self):
        data = findings(("A", "enabler", "Desk"), (SHARED_GROUP, "enabler", "Tea"), ("B", "barrier", "Time"))
        summary = compare.theme_summary(compare.compare_themes(data, "enabler", ["B", "C"]))
        assert "B has none; C has none. Neither group has statements of its own here." in summary

    def test_only_one_side_speaks(self):
        data = findings(("A", "enabler", "Desk"), ("B", "barrier", "Time"))
        assert "Only A has statements of its own here." in compare.theme_summary(
            compare.compare_themes(data, "enabler", ["A", "B"])
        )

    def test_one_group(self):
        one = findings(("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Time"), ("Nurses", "barrier", "Rota"))
        summary = compare.theme_summary(compare.compare_themes(one, "barrier", ["Nurses"]))
        assert summary == (
            "Barriers: Nurses has 3 coded statements on 2 themes. It says most about “Time” (2 coded statements)."
        )

    def test_empty(self):
        summary = compare.theme_summary(compare.compare_themes(TWO_GROUPS, "perception", ["A", "B"]))
        assert summary == "Differing views: no coded statements for A or B."


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


class TestSelection:
    def test_theme_from_a_clicked_bar(self):
        event = {"selection": {"points": [{"x": 3, "y": "Only B", "customdata": ["Only B", "B"]}]}}
        assert compare.theme_from_selection(event) == "Only B"

    @pytest.mark.parametrize(
        "event",
        [None, {}, {"selection": {}}, {"selection": {"points": []}}, {"selection": {"points": [{"x": 1}]}}, "junk"],
    )
    def test_nothing_selected(self, event):
        assert compare.theme_from_selection(event) is None


class TestThemeStatements:
    def test_each_panel_gets_its_own_rows(self):
        statements = compare.theme_statements(TWO_GROUPS, "purpose", "Shared aim", ["A", "B", SHARED_GROUP])
        assert list(statements) == ["A", "B", SHARED_GROUP]
        assert statements["A"]["evidence"].tolist() == ["Quote 1"]
        assert statements["B"]["evidence"].tolist() == ["Quote 4"]
        assert statements[SHARED_GROUP].empty

    def test_other_groups_are_offered_when_a_category_is_empty_for_the_pair(self):
        data = findings(("C", "perception", "View"), ("C", "perception", "View"), ("A", "barrier", "Time"))
        assert compare.other_groups_with_statements(data, "perception", ["A", "B"]) == {"C": 2}


class TestPartnerMatrix:
    def test_counts_why_collaborate_statements_in_canonical_partner_order(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        assert list(matrix.columns) == list(PARTNERS)
        assert list(matrix.index) == ["A", "B", SHARED_GROUP]
        assert matrix.loc["A"].to_dict() == {"clients": 2, "families": 1, "professionals": 0, "MDT": 0, "children": 0}
        assert matrix.loc["B", "professionals"] == 4
        assert matrix.loc[SHARED_GROUP, "MDT"] == 1

    def test_other_partners_found_in_the_data_are_added_and_case_is_folded(self):
        data = findings(("A", "purpose", "X", "Clients"), ("A", "purpose", "Y", "schools"), ("B", "barrier", "Z"))
        matrix = compare.partner_matrix(data, ["A", "B"])
        assert list(matrix.columns) == [*PARTNERS, "schools"]
        assert matrix.loc["A", "clients"] == 1
        assert matrix.loc["A", "schools"] == 1

    def test_statements_without_a_partner_get_a_column_only_when_present(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "purpose", "Y", ""))
        assert compare.partner_matrix(data, ["A"]).loc["A", compare.NO_PARTNER] == 1
        assert compare.NO_PARTNER not in compare.partner_matrix(TWO_GROUPS, ["A", "B"]).columns

    def test_data_without_a_partner_column(self):
        data = findings(("A", "purpose", "X"), ("B", "purpose", "Y")).drop(columns=["partner"])
        matrix = compare.partner_matrix(data, ["A", "B"])
        assert list(matrix.columns) == [*PARTNERS, compare.NO_PARTNER]
        assert matrix[compare.NO_PARTNER].tolist() == [1, 1]

    def test_one_group_and_no_groups(self):
        assert list(compare.partner_matrix(TWO_GROUPS, ["A"]).index) == ["A", SHARED_GROUP]
        shared_only = findings((SHARED_GROUP, "barrier", "X"))
        assert compare.partner_matrix(shared_only, []).empty

    def test_table_for_the_text_alternative(self):
        table = compare.partner_table(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        assert table["Group"].tolist() == ["A", "B", compare.COMMON_GROUND]
        assert table["Total coded statements"].tolist() == [3, 4, 1]
        assert "_row" not in table.columns

    def test_summary_names_each_groups_main_partner_and_the_widest_gap(self):
        summary = compare.partner_summary(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        assert summary.startswith("In “why collaborate” statements, A most often names clients (2 of 3); ")
        assert "B most often names professionals (4 of 4)" in summary
        assert "The widest gap is professionals: A 0, B 4." in summary
        assert "No statement names children." in summary
        assert "%" not in summary

    def test_summary_for_a_group_with_no_statements(self):
        summary = compare.partner_summary(compare.partner_matrix(TWO_GROUPS, ["A", "Nobody"]))
        assert "; Nobody has none;" in summary

    def test_statements_without_a_partner_are_counted_in_the_summary_but_not_drawn(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "purpose", "Y", ""), ("A", "purpose", "Z", ""))
        matrix = compare.partner_matrix(data, ["A"])
        assert "A most often names clients (1 of 3)" in compare.partner_summary(matrix)
        assert "2 coded statements record no partner." in compare.partner_summary(matrix)
        figure = compare.partner_figure(matrix, {})
        assert compare.NO_PARTNER not in list(figure.data[0].y)


class TestChildren:
    def test_the_sources_own_observation_is_found_from_the_data(self):
        data = findings(("A", "purpose", "X", "clients"), (SHARED_GROUP, "observation", "Who with", "children")).assign(
            evidence=["Quote 1", "Nobody spoke of the young people"]
        )
        row = compare.children_observation(data)
        assert row is not None
        assert row["evidence"] == "Nobody spoke of the young people"

    def test_no_observation_no_note(self):
        assert compare.children_observation(TWO_GROUPS) is None

    def test_children_zero_only_when_every_row_is_zero(self):
        assert compare.children_all_zero(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        data = findings(("A", "purpose", "X", "children"), ("B", "purpose", "Y", "clients"))
        assert not compare.children_all_zero(compare.partner_matrix(data, ["A", "B"]))


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


class TestBundledStudy:
    """The study's own finding, read from the data: MHSWs name clients, CSWs name professionals."""

    def test_mhsw_talk_of_clients_and_csw_of_professionals(self, study):
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert matrix.loc["MHSW"].idxmax() == "clients"
        assert matrix.loc["CSW"].idxmax() == "professionals"
        assert matrix.loc["MHSW", "professionals"] == 0
        assert matrix.loc["CSW", "clients"] == 0

    def test_children_zero_carries_the_sources_observation(self, study):
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert compare.children_all_zero(matrix)
        row = compare.children_observation(study.findings)
        expected = study.findings[
            (study.findings["category"] == "observation") & (study.findings["partner"] == "children")
        ].iloc[0]
        assert row["finding_id"] == expected["finding_id"]
        assert row["evidence"] == expected["evidence"]

    def test_default_groups_and_every_category_has_a_summary(self, study):
        assert compare.default_pair(study.groups) == ("MHSW", "CSW")
        for category in compare.CATEGORY_LABELS:
            summary = compare.theme_summary(compare.compare_themes(study.findings, category, ["MHSW", "CSW"]))
            assert summary.startswith(compare.category_label(category))


class TestPartnerCells:
    NOTE = findings(("A", "observation", "Children", "children"))

    def test_a_cell_lists_the_statements_its_count_counts(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        for group, partner in compare.matrix_cells(matrix):
            cell = compare.partner_cell(TWO_GROUPS, group, partner)
            assert len(cell.statements) == matrix.at[group, partner], (group, partner)
        cell = compare.partner_cell(TWO_GROUPS, "B", "professionals")
        assert cell.statements["statement"].tolist() == ["Statement 4", "Statement 5", "Statement 6", "Statement 7"]
        assert cell.statements["evidence"].tolist() == ["Quote 4", "Quote 5", "Quote 6", "Quote 7"]
        assert cell.why_zero == ""
        assert cell.title == "B · professionals: 4 coded statements"

    def test_partner_spelling_and_case_are_folded_as_in_the_matrix(self):
        data = findings(("A", "purpose", "X", "Clients"), ("A", "purpose", "Y", "clients"))
        assert len(compare.partner_cell(data, "A", "clients").statements) == 2

    def test_only_why_collaborate_statements_count(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "barrier", "Y", "clients"))
        assert compare.partner_cell(data, "A", "clients").statements["statement"].tolist() == ["Statement 1"]

    def test_a_zero_cell_says_what_the_group_names_instead(self):
        cell = compare.partner_cell(TWO_GROUPS, "A", "professionals")
        assert cell.statements.empty
        assert cell.why_zero == (
            "None of A's 3 coded statements under “why collaborate” names professionals: "
            "they name clients 2; families 1."
        )
        assert cell.note is None

    def test_a_zero_cell_for_a_group_with_no_statements(self):
        cell = compare.partner_cell(TWO_GROUPS, "Nobody", "clients")
        assert cell.why_zero == "Nobody has no coded “why collaborate” statements, so none names clients."

    def test_one_statement_is_singular(self):
        data = findings(("A", "purpose", "X", "families"))
        assert compare.partner_cell(data, "A", "clients").why_zero.startswith("None of A's 1 coded statement under")
        assert compare.partner_cell(data, "A", "families").title == "A · families: 1 coded statement"

    def test_the_zero_children_cell_carries_the_sources_own_point(self):
        data = pd.concat([TWO_GROUPS, self.NOTE.assign(finding_id="N1", statement="No one spoke of children")])
        cell = compare.partner_cell(data, "B", "children")
        assert "names children" in cell.why_zero
        assert cell.note is not None
        assert cell.note["statement"] == "No one spoke of children"
        assert compare.partner_cell(data, "B", "clients").note is None

    def test_the_bundled_studys_zero_children_cell_quotes_the_source(self, study):
        cell = compare.partner_cell(study.findings, "MHSW", "children")
        assert cell.statements.empty
        assert cell.note is not None
        assert cell.note["evidence"]
        assert cell.note["source"]

    def test_cells_read_partner_by_partner_and_are_labelled_with_their_count(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        cells = compare.matrix_cells(matrix)
        assert cells[:3] == [("A", "clients"), ("B", "clients"), (SHARED_GROUP, "clients")]
        assert compare.cell_label(matrix, ("A", "clients")) == "A · clients: 2 coded statements"
        assert compare.cell_label(matrix, (SHARED_GROUP, "MDT")) == f"{compare.COMMON_GROUND} · MDT: 1 coded statement"

    def test_a_click_on_a_cell_is_read_from_the_selection(self):
        event = {"selection": {"points": [{"x": "A", "customdata": ["A", "clients"]}]}}
        assert compare.cell_from_selection(event) == ("A", "clients")
        assert compare.cell_from_selection({"selection": {"points": []}}) is None
        assert compare.cell_from_selection(None) is None
        assert compare.cell_from_selection({"selection": {"points": [{"customdata": ["theme only"]}]}}) is None


class TestPageView:
    """The page's whole view is built by plain functions, once, from the dataset and the page's parameters."""

    def test_study_view_holds_what_the_page_shows(self, study):
        shown = view.compare_view(study, "purpose", ("MHSW", "CSW"))
        comparison = compare.compare_themes(study.findings, "purpose", ["MHSW", "CSW"])
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert shown.heading == "**Why collaborate: MHSW and CSW.** Click a bar to read the evidence."
        assert shown.comparison.themes == comparison.themes
        assert shown.theme_summary == compare.theme_summary(comparison)
        expected = compare.theme_table(comparison)
        assert shown.theme_table.column_names == list(expected.columns)
        assert shown.theme_table.to_pydict() == expected.to_dict(orient="list")
        assert shown.partner_table.to_pydict() == compare.partner_table(matrix).to_dict(orient="list")
        assert shown.partner_summary == compare.partner_summary(matrix)
        assert list(shown.cells) == compare.matrix_cells(matrix)
        assert shown.cell_labels[("CSW", "professionals")] == compare.cell_label(matrix, ("CSW", "professionals"))
        assert shown.has_partners
        assert shown.empty_message == ""
        assert shown.more_themes == ""
        assert shown.children_note["finding_id"] == compare.children_observation(study.findings)["finding_id"]

    def test_an_empty_pair_points_to_groups_that_have_some(self):
        data = findings(("A", "barrier", "Time"), ("C", "perception", "Rushed"), ("C", "perception", "Rushed"))
        dataset = build_dataset({"findings.csv": data.to_csv(index=False).encode()}, name="Upload")
        shown = view.compare_view(dataset, "perception", ("A", "B"))
        assert shown.comparison.is_empty
        assert shown.empty_message.startswith("No coded statements under “Differing views” for A and B.")
        assert "Other groups have some: C (2). Pick one above." in shown.empty_message
        assert "name a partner" in shown.partner_empty_message
        assert not shown.has_partners

    def test_many_themes_say_the_chart_shows_the_first(self):
        data = findings(*[("A", "barrier", f"Theme {n:02d}") for n in range(compare.MAX_CHART_THEMES + 3)])
        dataset = build_dataset({"findings.csv": data.to_csv(index=False).encode()}, name="Upload")
        shown = view.compare_view(dataset, "barrier", ("A",))
        assert shown.more_themes == (
            f"The chart shows the first {compare.MAX_CHART_THEMES} of {compare.MAX_CHART_THEMES + 3} themes; "
            "the table has them all."
        )

    @pytest.mark.parametrize(
        ("pickable", "left", "right", "expected"),
        [
            (("Nurses",), "Nurses", None, "This dataset has one group, Nurses,"),
            ((), None, None, "Every statement in this dataset belongs to the shared group"),
            (("A", "B"), "A", "A", "Both sides show A."),
            (("A", "B"), "A", "B", None),
        ],
    )
    def test_group_notice(self, pickable, left, right, expected):
        notice = view.group_notice(pickable, left, right)
        assert notice == expected if expected is None else notice.startswith(expected)

    def test_group_notice_escapes_names(self):
        assert "\\*\\*x\\*\\*" in view.group_notice(("**x**",), "**x**", None)

    def test_theme_words_are_rows_ready_to_show(self, study):
        words = view.theme_words(study, "purpose", "Empowerment and inclusion", ("MHSW", "CSW"))
        by_group = {group: (heading, rows) for group, heading, rows in words.panels}
        assert by_group["CSW"] == ("CSW: 0 coded statements", ())
        expected = compare.theme_statements(study.findings, "purpose", "Empowerment and inclusion", ["MHSW"])["MHSW"]
        assert [row["finding_id"] for row in by_group["MHSW"][1]] == expected["finding_id"].tolist()

    def test_cell_words_match_the_cell(self, study):
        words = view.cell_words(study, "CSW", "professionals")
        assert [row["finding_id"] for row in words.rows] == words.cell.statements["finding_id"].tolist()
        assert len(words.rows) == 5
