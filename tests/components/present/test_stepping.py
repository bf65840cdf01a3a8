"""Which slide a window shows: links, steps, the jump list and a room's keys, without Streamlit."""

from __future__ import annotations

import pytest

from components.present.slide_model import Slide
from components.present.stepping import (
    STEPS,
    picked_slide,
    room_change,
    single_window_slide,
    slide_from_param,
    slide_label,
    step_target,
    toggled,
)


class TestSlideFromLink:
    @pytest.mark.parametrize(
        ("value", "index", "noted"),
        [
            (None, 0, False),
            ("", 0, False),
            ("1", 0, False),
            ("4", 3, False),
            (" 4 ", 3, False),
            ("10", 9, False),
            ("0", 0, True),
            ("-3", 0, True),
            ("11", 9, True),
            ("999999999999999999999", 9, True),
            ("2.7", 1, False),
            ("abc", 0, True),
            ("nan", 0, True),
            ("inf", 0, True),
        ],
    )
    def test_numbers_from_a_link_clamp_to_the_deck(self, value, index, noted):
        result, note = slide_from_param(value, 10)
        assert result == index
        assert (note is not None) == noted

    def test_an_empty_deck_cannot_happen_but_clamping_still_holds(self):
        assert slide_from_param("5", 0)[0] == 0


class TestSteps:
    @pytest.mark.parametrize(
        ("step", "index", "expected"),
        [
            ("next", 3, 4),
            ("previous", 3, 2),
            ("first", 7, 0),
            ("last", 2, 9),
            ("next", 9, 9),
            ("previous", 0, 0),
            ("unknown", 5, 5),
        ],
    )
    def test_a_step_lands_inside_the_deck(self, step, index, expected):
        assert step_target(step, index, 10) == expected

    def test_a_one_slide_deck_never_moves(self):
        assert [step_target(step, 0, 1) for step in STEPS] == [0, 0, 0, 0]


class TestSingleWindow:
    def test_the_first_run_opens_on_the_link_slide(self):
        assert single_window_slide(None, "4", 10, None) == (3, None)

    def test_the_first_run_names_a_link_slide_it_had_to_change(self):
        index, note = single_window_slide(None, "99", 10, None)
        assert index == 9
        assert "this deck has 10 slides" in note

    def test_later_runs_keep_the_slide_shown_and_ignore_the_link(self):
        assert single_window_slide(5, "2", 10, None) == (5, None)

    def test_a_deck_that_shrank_keeps_the_slide_inside_it(self):
        assert single_window_slide(12, None, 3, None) == (2, None)

    @pytest.mark.parametrize(("step", "expected"), [("next", 6), ("previous", 4), ("first", 0), ("last", 9)])
    def test_a_key_steps_on_from_the_slide_shown(self, step, expected):
        assert single_window_slide(5, None, 10, step) == (expected, None)

    def test_the_blank_key_does_not_move_the_single_window(self):
        assert single_window_slide(5, None, 10, "blank") == (5, None)

    def test_a_reveal_press_shows_then_hides_one_prompt_only(self):
        shown = toggled(set(), 4)
        assert shown == {4}
        assert toggled(shown | {7}, 4) == {7}

    def test_toggling_never_changes_the_set_it_was_given(self):
        revealed = frozenset({1})
        toggled(revealed, 2)
        assert revealed == {1}

    def test_a_slide_is_listed_by_number_and_heading(self):
        assert slide_label(Slide(kind="why", title="Why", part=2, parts=3), 4) == "5. Why (2 of 3)"


class TestRoomKeys:
    def test_a_step_moves_the_room_inside_the_deck(self):
        assert room_change("next", 3, False, 10) == {"slide": 4}
        assert room_change("last", 3, False, 10) == {"slide": 9}
        assert room_change("previous", 0, False, 10) == {"slide": 0}

    @pytest.mark.parametrize("blank", [False, True])
    def test_the_blank_key_flips_the_projector(self, blank):
        assert room_change("blank", 3, blank, 10) == {"blank": not blank}

    @pytest.mark.parametrize("step", [None, "", "sideways"])
    def test_no_key_changes_nothing(self, step):
        assert room_change(step, 3, False, 10) == {}

    def test_the_jump_list_echoing_the_slide_shown_is_not_a_pick(self):
        assert picked_slide(4, 4) is None

    def test_another_slide_in_the_jump_list_is_the_trainer_pick(self):
        assert picked_slide("7", 4) == 7
