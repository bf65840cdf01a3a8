"""Charts framed for saving: title, source and caveat drawn into the figure, and the camera's config."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components.compare import compare_themes, theme_figure
from components.data.load import load_dataset_dir
from components.shared.chart_export import (
    EXPORT_WIDTH,
    FOOTER_CHARS,
    REMOVED_BUTTONS,
    chart_config,
    framed_figure,
    image_file_name,
    kept_framed_figure,
)
from components.shared.colours import group_colours
from components.shared.wording import COUNTS_NOTE

CITATION = (
    "Carpenter, Nicola (2019) Exploratory Study of Social Workers’ Perceptions of Collaboration in a Local "
    "Authority. Masters thesis, University of Huddersfield. Licence: Creative Commons Attribution "
    "Non-commercial No Derivatives (CC BY-NC-ND)."
)


def bar(**layout) -> go.Figure:
    figure = go.Figure(go.Bar(x=["Time", "Roles"], y=[3, 2]))
    figure.update_layout(height=400, margin={"t": 20, "b": 60, "l": 40, "r": 10}, **layout)
    return figure


def footer(figure: go.Figure) -> go.layout.Annotation:
    (annotation,) = [item for item in figure.layout.annotations if item.name == "chart source"]
    return annotation


def plot_height(figure: go.Figure) -> float:
    return figure.layout.height - figure.layout.margin.t - figure.layout.margin.b


class TestFraming:
    def test_title_source_and_caveat_are_drawn_into_the_figure(self):
        framed = framed_figure(bar(), "Why collaborate: MHSW and CSW", CITATION)
        assert framed.layout.title.text == "<b>Why collaborate: MHSW and CSW</b>"
        text = footer(framed).text.replace("<br>", " ")
        assert text == f"Source: {CITATION} {COUNTS_NOTE}"
        assert framed.layout.title.yref == "container"

    def test_the_plot_area_keeps_its_height_and_the_figure_grows_for_the_frame(self):
        original = bar()
        framed = framed_figure(original, "Barriers", CITATION)
        assert plot_height(framed) == pytest.approx(plot_height(original))
        assert framed.layout.margin.t > original.layout.margin.t
        assert framed.layout.margin.b > original.layout.margin.b + 3 * 19  # four lines of source and caveat
        assert framed.layout.height > original.layout.height

    def test_the_source_sits_under_the_axis_titles_and_inside_the_figure(self):
        framed = framed_figure(bar(), "Barriers", CITATION)
        note = footer(framed)
        assert (note.y, note.yref, note.yanchor) == (0, "paper", "top")
        assert -note.yshift >= 60  # below the original bottom margin, where the x axis title is
        lines = note.text.count("<br>") + 1
        assert -note.yshift + lines * 19 <= framed.layout.margin.b

    def test_a_legend_under_the_plot_keeps_its_room(self):
        with_legend = bar(legend={"orientation": "h", "y": -0.3})
        framed = framed_figure(with_legend, "Scores", CITATION)
        assert -footer(framed).yshift > 0.3 * plot_height(with_legend) + 40

    def test_lines_are_wrapped_for_a_slide_never_cut(self):
        framed = framed_figure(bar(), "T", CITATION + " " + "long words " * 40)
        lines = footer(framed).text.split("<br>")
        assert len(lines) > 3
        assert all(len(line) <= FOOTER_CHARS + 15 for line in lines)
        assert " ".join(lines).endswith(COUNTS_NOTE)
        assert "…" not in footer(framed).text

    def test_no_caveat_for_a_chart_that_does_not_count_statements(self):
        framed = framed_figure(bar(), "Scores", CITATION, caveat=None)
        assert COUNTS_NOTE not in footer(framed).text
        assert footer(framed).text.startswith("Source: Carpenter")

    def test_data_in_title_and_source_is_escaped(self):
        framed = framed_figure(bar(), "<b>x</b> <a href='http://e.invalid'>y</a>", "Team <i>data</i>")
        assert "&lt;a href='http://e.invalid'&gt;y&lt;/a&gt;" in framed.layout.title.text.replace("<br>", " ")
        assert "<i>" not in footer(framed).text
        assert "&lt;i&gt;data&lt;/i&gt;" in footer(framed).text

    def test_the_input_figure_is_not_changed(self):
        original = bar()
        before = original.to_dict()
        framed_figure(original, "Barriers", CITATION)
        assert original.to_dict() == before

    def test_a_figure_without_height_or_margins_gets_plotlys_own(self):
        framed = framed_figure(go.Figure(go.Bar(x=[1], y=[1])), "T", CITATION)
        assert plot_height(framed) == pytest.approx(450 - 100 - 80)

    def test_the_compare_chart_keeps_its_panels_and_gains_the_frame(self):
        dataset = load_dataset_dir()
        comparison = compare_themes(dataset.findings, "barrier", ["MHSW", "CSW"])
        original = theme_figure(comparison, group_colours(dataset.groups))
        framed = framed_figure(original, "What gets in the way: MHSW and CSW", CITATION)
        assert len(framed.data) == len(original.data)
        assert len(framed.layout.annotations) == len(original.layout.annotations) + 1
        assert plot_height(framed) == pytest.approx(plot_height(original))


class TestConfig:
    def test_the_camera_saves_at_slide_width_with_the_titles_file_name(self):
        framed = framed_figure(bar(), "Why collaborate? MHSW & CSW", CITATION)
        config = chart_config(framed, "Why collaborate? MHSW & CSW")
        assert config["toImageButtonOptions"] == {
            "format": "png",
            "filename": "why-collaborate-mhsw-csw",
            "width": EXPORT_WIDTH,
            "height": framed.layout.height,
            "scale": 2,
        }
        assert config["displayModeBar"] is True
        assert config["displaylogo"] is False
        assert "toImage" not in config["modeBarButtonsToRemove"]
        assert set(REMOVED_BUTTONS) <= set(config["modeBarButtonsToRemove"])

    def test_svg_is_saved_at_scale_one(self):
        config = chart_config(bar(), "T", "svg")
        assert config["toImageButtonOptions"]["format"] == "svg"
        assert config["toImageButtonOptions"]["scale"] == 1

    def test_the_callers_config_is_kept_but_the_mode_bar_is_shown(self):
        config = chart_config(bar(), "T", base={"scrollZoom": False, "displayModeBar": False})
        assert config["scrollZoom"] is False
        assert config["displayModeBar"] is True

    def test_an_unknown_format_is_refused(self):
        with pytest.raises(ValueError, match="image_format"):
            chart_config(bar(), "T", "gif")

    @pytest.mark.parametrize(
        ("title", "expected"),
        [("Équipe 🌍: scores", "equipe-scores"), ("", "chart"), ("نص عربي", "chart"), ("a" * 100, "a" * 60)],
    )
    def test_file_names_are_safe(self, title, expected):
        assert image_file_name(title) == expected


class TestKeptFraming:
    """A cached view's figure is framed once per frame, not on every rerun; the frame is the same as framing it."""

    def test_the_same_frame_gives_the_same_copy(self):
        figure = bar()
        first = kept_framed_figure(figure, "Barriers", CITATION)
        assert kept_framed_figure(figure, "Barriers", CITATION) is first
        assert first.to_dict() == framed_figure(bar(), "Barriers", CITATION).to_dict()

    def test_another_frame_is_framed_afresh_and_the_figure_is_unchanged(self):
        figure = bar()
        before = figure.to_dict()
        first = kept_framed_figure(figure, "Barriers", CITATION)
        other = kept_framed_figure(figure, "What helps", CITATION)
        assert other is not first
        assert other.layout.title.text == "<b>What helps</b>"
        assert first.layout.title.text == "<b>Barriers</b>"
        assert figure.to_dict() == before

    def test_streamlit_is_sent_the_same_figure_as_framing_it_gives(self):
        """st.plotly_chart serialises `to_dict()`; the kept copy decodes its JSON, made once, to the same spec."""
        import plotly.io
        import plotly.tools

        def spec(figure: go.Figure) -> str:
            # What st.plotly_chart puts in its message (streamlit/elements/plotly_chart.py).
            return plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(figure, True), validate=False)

        dataset = load_dataset_dir()
        comparison = compare_themes(dataset.findings, "purpose", ["MHSW", "CSW"])
        figure = theme_figure(comparison, group_colours(dataset.groups))
        kept = kept_framed_figure(figure, "Why collaborate", CITATION, max_height=470)
        assert spec(kept) == spec(framed_figure(figure, "Why collaborate", CITATION, max_height=470))

    def test_each_to_dict_is_a_fresh_dict(self):
        kept = kept_framed_figure(bar(), "Barriers", CITATION)
        first = kept.to_dict()
        first["layout"]["title"]["text"] = "changed"
        first["data"].clear()
        assert kept.to_dict()["layout"]["title"]["text"] == "<b>Barriers</b>"
        assert len(kept.to_dict()["data"]) == 1
