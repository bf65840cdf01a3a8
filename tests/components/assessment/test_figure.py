"""The score chart, a click on it read back, and its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.assessment import score
from components.assessment.figure import FOCUS_COLOUR, chart_summary, chart_table, score_chart, theme_from_selection
from components.assessment.scale import FULLY, NOT_IN_PLACE, PARTLY
from tests.components.assessment.common import ITEMS


class TestChart:
    def ranked(self):
        scored = score.score_items(ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "d": NOT_IN_PLACE, "e": NOT_IN_PLACE})
        return score.rank_themes(score.theme_scores(scored))

    def test_weakest_is_drawn_at_the_top_and_focus_areas_take_the_focus_colour(self):
        ranked = self.ranked()
        figure = score_chart(ranked, ["T3", "T2"])
        assert list(figure.layout.yaxis.categoryarray) == ["T1", "T2", "T3"]  # bottom to top
        dots = [trace for trace in figure.data if trace.mode == "markers+text"]
        assert [trace.name for trace in dots] == ["Weakest areas", "Other areas"]
        assert dots[0].marker.color == FOCUS_COLOUR
        assert list(dots[0].text) == ["0 out of 2", "0.5 out of 2"]

    def test_the_figure_passes_plotlys_own_checks(self):
        # score_chart skips plotly's validators for speed; building it again with them on must not raise.
        figure = score_chart(self.ranked(), ["T3", "T2"])
        checked = go.Figure(figure.to_dict())
        assert checked.to_plotly_json() == figure.to_plotly_json()

    def test_every_text_on_the_chart_is_at_least_14px(self):
        figure = score_chart(self.ranked(), ["T3"])
        layout = figure.layout
        sizes = [
            layout.xaxis.tickfont.size,
            layout.yaxis.tickfont.size,
            layout.xaxis.title.font.size,
            layout.legend.font.size,
            layout.hoverlabel.font.size,
            *[trace.textfont.size for trace in figure.data if trace.mode == "markers+text"],
            *[annotation.font.size for annotation in layout.annotations],
        ]
        assert min(sizes) >= 14

    def test_theme_names_are_escaped_in_the_chart(self):
        ranked = pd.DataFrame({"rank": [1], "theme": ["<b>bold</b> & co"], "score": [1.0], "not_in_place": [0]})
        figure = score_chart(ranked, ["<b>bold</b> & co"])
        dots = next(trace for trace in figure.data if trace.mode == "markers+text")
        assert "<b>" not in dots.y[0]
        assert "&lt;b&gt;bold&lt;/b&gt;" in dots.y[0]

    def test_summary_and_table_come_from_the_data(self):
        ranked = self.ranked()
        summary = chart_summary(ranked, ["T9"])
        assert summary.startswith("Scores by theme, weakest first")
        assert "T3 0 out of 2; T2 0.5 out of 2; T1 2 out of 2" in summary
        assert "Not scored yet (no rating other than don't know): T9." in summary
        table = chart_table(ranked)
        assert table["Theme"].tolist() == ["T3", "T2", "T1"]
        assert table["Score out of 2"].tolist() == [0.0, 0.5, 2.0]
        assert "_row" not in table.columns
        assert chart_summary(ranked.iloc[0:0], []) == "No theme has a rating yet."


class TestAreaNames:
    def test_each_area_is_named_above_its_stem_not_beside_the_axis(self):
        figure = score_chart(TestChart().ranked(), ["T3"])
        names = [annotation for annotation in figure.layout.annotations if annotation.name == "area name"]
        assert [annotation.text for annotation in names] == ["T3", "T2", "T1"]
        assert all(annotation.y == annotation.text and annotation.yanchor == "bottom" for annotation in names)
        assert figure.layout.yaxis.showticklabels is False

    def test_long_and_hostile_names_are_wrapped_and_escaped(self):
        theme = "<i>A very long area name that will not fit one phone line</i>"
        ranked = pd.DataFrame({"rank": [1], "theme": [theme], "score": [1.0], "not_in_place": [0]})
        (name,) = score_chart(ranked, [theme]).layout.annotations
        assert "<i>" not in name.text
        assert "<br>" in name.text

    def test_the_dot_labels_may_run_past_the_plot_instead_of_being_cut(self):
        figure = score_chart(TestChart().ranked(), ["T3"])
        assert all(trace.cliponaxis is False for trace in figure.data if trace.mode == "markers+text")


class TestChartMarks:
    def test_every_dot_carries_its_raw_theme_for_a_click(self):
        ranked = pd.DataFrame(
            {"rank": [1, 2], "theme": ["<b>T</b> & co", "Plain"], "score": [0.0, 2.0], "not_in_place": [1, 0]}
        )
        figure = score_chart(ranked, ["<b>T</b> & co"])
        dots = [trace for trace in figure.data if trace.mode == "markers+text"]
        assert [list(point) for trace in dots for point in trace.customdata] == [["<b>T</b> & co"], ["Plain"]]
        assert "&lt;b&gt;" in dots[0].hovertext[0]
        assert figure.layout.clickmode == "event+select"

    def test_a_click_is_read_back_as_the_theme(self):
        event = {"selection": {"points": [{"customdata": ["Wellbeing"], "x": 1}]}}
        assert theme_from_selection(event) == "Wellbeing"
        assert theme_from_selection({"selection": {"points": []}}) is None
        assert theme_from_selection(None) is None
