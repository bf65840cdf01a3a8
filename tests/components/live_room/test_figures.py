"""The live room's pure figures: the study's groups in the colours they have on every page (group_colours in
the study's order), the room's own bars in an ink no group has, and every text at least 24 px for a
1280x720 projector."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.data.vocabulary import SHARED_GROUP
from components.live_room import figures, questions
from components.live_room.counting import tally
from components.live_room.evidence import study_colours, study_counts
from components.shared.colours import (
    GROUP_COLOURS,
    MIN_MARK_CONTRAST,
    SHARED_GROUP_COLOUR,
    contrast_ratio,
    group_colours,
    hue,
)
from components.shared.study_words import group_order
from components.store.live_room import COUNTED, LiveAnswer
from components.ui.access import bundled_dataset
from tests.other_study import other_study_with_metadata

MIN_PX = 24
OPTIONS = ("Time", "Roles", "Trust")
OPTIONS_QUESTION = questions.Question("P01:barrier", "barrier", "Which barrier?", "", OPTIONS, "P01")


def answers(question_id: str, bodies: list[dict]) -> list[LiveAnswer]:
    return [LiveAnswer(n, question_id, f"h{n}", body, COUNTED, 0.0, 0.0) for n, body in enumerate(bodies)]


def options_tally():
    return tally(OPTIONS_QUESTION, answers("P01:barrier", [{"options": ["Time"]}, {"options": ["Time", "Trust"]}]))


def every_font_size(figure: go.Figure) -> list[tuple[str, float | None]]:
    """Every text's size in the figure as plotly will draw it: (which text, px); None where nothing sets one."""
    layout = figure.layout
    base = layout.font.size
    sizes = [("layout font", base), ("legend", layout.legend.font.size or base)]
    if layout.title.text:
        sizes.append(("title", layout.title.font.size or base))
    for name in [key for key in layout.to_plotly_json() if key.startswith(("xaxis", "yaxis"))]:
        axis = layout[name]
        sizes.append((f"{name} ticks", axis.tickfont.size or base))
        sizes.append((f"{name} title", axis.title.font.size or base))
    sizes += [(f"annotation {a.text!r}", a.font.size or base) for a in layout.annotations]
    sizes += [(f"bar text {t.name!r}", t.textfont.size or base) for t in figure.data if t.text is not None]
    return sizes


def figures_under_test() -> dict[str, go.Figure]:
    study = pd.DataFrame({"MHSW": [1, 0, 2], "CSW": [0, 3, 1]}, index=list(OPTIONS))
    scale_question = questions.Question("P02:scale", "scale", "How true?", prompt_id="P02")
    scale = tally(scale_question, answers("P02:scale", [{"scale": 2}, {"scale": 5}, {"scale": 5}]))
    return {
        "options": figures.options_figure(options_tally(), study, {"MHSW": "#0072B2", "CSW": "#D55E00"}),
        "scale": figures.scale_figure(scale),
        "words": figures.words_figure([("trust", 3), ("time", 2)]),
    }


@pytest.mark.parametrize("name", ["options", "scale", "words"])
def test_every_text_of_a_projector_figure_is_at_least_24_px(name: str) -> None:
    sizes = every_font_size(figures_under_test()[name])
    too_small = [(what, size) for what, size in sizes if size is None or size < MIN_PX]
    assert not too_small, too_small


def test_the_study_columns_take_their_groups_colours_in_the_studys_order() -> None:
    dataset = bundled_dataset()
    study = study_counts(dataset, "barrier")
    colours = study_colours(dataset)
    order = group_order(dataset)
    by_group = group_colours(order, order)
    assert list(study.columns) == ["MHSW", "CSW", f"Common ground ({SHARED_GROUP})"]
    assert colours["MHSW"] == by_group["MHSW"] == GROUP_COLOURS[0]  # blue, as on /compare
    assert colours["CSW"] == by_group["CSW"] == GROUP_COLOURS[1]  # vermillion
    assert colours[f"Common ground ({SHARED_GROUP})"] == SHARED_GROUP_COLOUR
    counted = tally(
        questions.Question("P:barrier", "barrier", "?", "", tuple(study.index), "P"),
        answers("P:barrier", [{"options": [study.index[0]]}]),
    )
    figure = figures.options_figure(counted, study, colours)
    drawn = {trace.name: trace.marker.color for trace in figure.data}
    assert drawn == {
        "This room": figures.ROOM_COLOUR,
        "MHSW": GROUP_COLOURS[0],
        "CSW": GROUP_COLOURS[1],
        f"Common ground ({SHARED_GROUP})": SHARED_GROUP_COLOUR,
    }


def test_another_studys_groups_keep_their_own_colours() -> None:
    dataset = other_study_with_metadata()
    order = group_order(dataset)
    expected = group_colours(order, order)
    colours = study_colours(dataset)
    for column in study_counts(dataset, "barrier").columns:
        group = SHARED_GROUP if column == f"Common ground ({SHARED_GROUP})" else column
        assert colours[column] == expected[group], column


def test_the_rooms_bars_are_an_ink_no_group_has() -> None:
    assert figures.ROOM_COLOUR not in (*GROUP_COLOURS, SHARED_GROUP_COLOUR)
    assert hue(figures.ROOM_COLOUR) is None, "no hue, so never read as a group's blue or vermillion"
    assert contrast_ratio(figures.ROOM_COLOUR, "#FFFFFF") >= MIN_MARK_CONTRAST
    assert contrast_ratio(figures.ROOM_COLOUR, SHARED_GROUP_COLOUR) >= 2, "apart from the shared group's grey"
    for figure in figures_under_test().values():
        room = [trace for trace in figure.data if trace.name in (None, "This room")]
        assert room
        assert all(trace.marker.color == figures.ROOM_COLOUR for trace in room)


def test_the_scale_shows_every_point_with_its_count_the_named_ends_too() -> None:
    scale_question = questions.Question("P02:scale", "scale", "How true?", prompt_id="P02")
    counted = tally(scale_question, answers("P02:scale", [{"scale": 1}, {"scale": 3}, {"scale": 5}, {"scale": 5}]))
    figure = figures.scale_figure(counted)
    bars = figure.data[0]
    assert figure.layout.xaxis.type == "category"
    assert [str(tick).split("<br>")[0] for tick in bars.x] == ["1", "2", "3", "4", "5"]
    assert list(bars.y) == [1, 0, 1, 0, 2]


def test_the_word_picture_keeps_to_the_words_that_fit_the_projector() -> None:
    words = [(f"word{number}", 12 - number) for number in range(12)]
    figure = figures.words_figure(words)
    assert list(figure.data[0].y) == [word for word, _ in words[: figures.MAX_PICTURED_WORDS]]
    assert figure.layout.height <= 400  # the projector's chart height: 24 px labels, none skipped


def many_options_figure(count: int) -> go.Figure:
    options = tuple(f"Barrier number {number} of the study" for number in range(count))
    question = questions.Question("P:barrier", "barrier", "?", "", options, "P")
    counted = tally(question, answers("P:barrier", [{"options": [options[0], options[-1]]}]))
    study = pd.DataFrame({"MHSW": range(count), "CSW": [1] * count}, index=list(options))
    return figures.options_figure(counted, study, {"MHSW": "#0072B2", "CSW": "#D55E00"})


@pytest.mark.parametrize("count", [3, 12, 14])
def test_every_option_is_a_tick_of_its_own_with_a_row_tall_enough_for_its_label(count: int) -> None:
    figure = many_options_figure(count)
    labels = list(figure.data[0].y)
    assert len(labels) == count
    for axis in (figure.layout.yaxis, figure.layout.yaxis2):
        # Ticks given, not left to plotly, which drops category labels on a crowded axis.
        assert axis.tickmode == "array"
        assert list(axis.tickvals) == labels
        assert axis.automargin is True  # the label column as wide as the longest label
    plot_height = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
    assert plot_height / count >= figures.OPTION_ROW_PX >= MIN_PX + 4  # a 24 px line and a gap per option


def test_the_options_chart_grows_with_the_count_and_a_few_options_keep_thick_bars() -> None:
    heights = [many_options_figure(count).layout.height for count in (3, 7, 12, 14)]
    assert heights == sorted(heights)
    assert heights[-1] > heights[-2] > heights[0]
    few = many_options_figure(3)
    assert few.layout.height - few.layout.margin.t - few.layout.margin.b >= figures.MIN_OPTIONS_PLOT_PX


def test_a_narrow_options_chart_names_the_rooms_bars_in_its_legend_for_want_of_room_for_titles() -> None:
    options = tuple(f"Barrier {number}" for number in range(14))
    question = questions.Question("P:barrier", "barrier", "?", "", options, "P")
    counted = tally(question, answers("P:barrier", [{"options": [options[0]]}]))
    study = pd.DataFrame({"MHSW": [1] * 14}, index=list(options))
    narrow = figures.options_figure(counted, study, {"MHSW": "#0072B2"}, narrow=True)
    assert not narrow.layout.annotations  # the two charts' titles ran into each other
    assert [trace.name for trace in narrow.data if trace.showlegend is not False] == ["This room", "MHSW"]
    sizes = every_font_size(narrow)
    assert all(size is not None and size >= MIN_PX for _, size in sizes), sizes


def test_the_sentence_of_many_options_names_the_groups_once_and_keeps_every_number() -> None:
    study = pd.DataFrame({"MHSW": [1, 0, 2], "CSW": [0, 3, 1]}, index=list(OPTIONS))
    full = figures.options_sentence(options_tally(), study)
    compact = figures.options_sentence(options_tally(), study, compact=True)
    assert full == (
        "2 answers. Time: 2 (study: MHSW 1, CSW 0); Roles: 0 (study: MHSW 0, CSW 3); Trust: 1 (study: MHSW 2, CSW 1)."
    )
    assert compact == (
        "2 answers. Each option: this room's picks (the study's MHSW, CSW). "
        "Time: 2 (1, 0); Roles: 0 (0, 3); Trust: 1 (2, 1)."
    )
