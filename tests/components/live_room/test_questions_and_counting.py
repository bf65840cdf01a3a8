"""The live room's plain logic: which question is current, answers checked, counting, moderation order,
word counts and rate limits."""

from __future__ import annotations

import pytest

from components.live_room import questions
from components.live_room.counting import answers_label, moderation_list, tally, word_counts
from components.live_room.limits import SlidingLimit
from components.live_room.questions import AnswerError
from components.store.live_room import APPROVED, COUNTED, PENDING, REJECTED, LiveAnswer

STATE = questions.live_state(
    {
        2: {"id": "P01", "question": "Which barrier?", "lens": "Barriers", "category": "barrier"},
        6: {"id": "P02", "question": "What helps?", "lens": "Helps", "category": "enabler"},
        9: {"id": "P03", "question": "Who first?", "lens": "Identity", "category": ""},
    },
    {"barrier": ["Time", "Roles"], "enabler": []},
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def row(number: int, question_id: str, body: dict, status: str = COUNTED, at: float = 0.0) -> LiveAnswer:
    return LiveAnswer(number, question_id, f"h{number}", body, status, at, at)


def test_each_prompt_asks_options_when_the_study_has_its_themes_else_the_scale() -> None:
    assert questions.current_question(STATE, 2).id == "P01:barrier"
    assert questions.current_question(STATE, 2).options == ("Time", "Roles")
    assert questions.current_question(STATE, 6).id == "P02:scale"  # no enabler themes: the scale
    assert questions.current_question(STATE, 9).kind == "scale"
    assert questions.current_question(STATE, 3) is None


def test_between_questions_the_phone_says_what_comes_next() -> None:
    assert "Helps" in questions.what_comes_next(STATE, 3)
    assert "No more questions" in questions.what_comes_next(STATE, 9)


def test_a_spot_question_is_current_until_taken_down() -> None:
    state = questions.with_spot_question(STATE, "  Rate\tthis\x00 day ", "scale")
    assert questions.current_question(state, 2).id == "S1:scale"
    assert questions.current_question(state, 2).ask == "Rate this day"
    assert questions.current_question({**state, "spot_on": None}, 2).id == "P01:barrier"
    with pytest.raises(AnswerError):
        questions.with_spot_question(STATE, "x" * 301, "text")
    with pytest.raises(AnswerError):
        questions.with_spot_question(STATE, "Which?", "enabler")  # the study has no enabler themes here


def test_answers_are_checked() -> None:
    options = questions.question_by_id(STATE, "P01:barrier")
    assert questions.checked_answer(options, ["Roles", "Time", "Roles"]) == ({"options": ["Time", "Roles"]}, COUNTED)
    for bad in ([], ["Other"], None):
        with pytest.raises(AnswerError):
            questions.checked_answer(options, bad)
    scale = questions.question_by_id(STATE, "P03:scale")
    assert questions.checked_answer(scale, "3") == ({"scale": 3}, COUNTED)
    for bad in (0, 6, "x", None):
        with pytest.raises(AnswerError):
            questions.checked_answer(scale, bad)
    text = questions.question_by_id(STATE, "P03:text")
    assert questions.checked_answer(text, " a\r\nb ") == ({"text": "a b"}, PENDING)
    assert questions.checked_answer(text, "x" * 280)[0] == {"text": "x" * 280}
    with pytest.raises(AnswerError, match="280"):
        questions.checked_answer(text, "x" * 281)
    with pytest.raises(AnswerError):
        questions.checked_answer(text, "   ")


def test_counting_options_scale_and_short_answers() -> None:
    options = questions.question_by_id(STATE, "P01:barrier")
    counted = tally(
        options,
        [
            row(1, options.id, {"options": ["Time"]}),
            row(2, options.id, {"options": ["Time", "Roles"]}),
            row(3, "other", {"options": ["Time"]}),
        ],
    )
    assert counted.answered == 2
    assert counted.counts == (("Time", 2), ("Roles", 1))
    scale = questions.question_by_id(STATE, "P03:scale")
    counted = tally(scale, [row(n, scale.id, {"scale": point}) for n, point in enumerate([5, 5, 1, 3], 1)])
    assert counted.answered == 4
    assert dict(counted.counts) == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 2}
    assert answers_label(1) == "1 answer"
    assert answers_label(8) == "8 answers"


def test_moderation_shows_only_approved_texts_and_lists_waiting_first() -> None:
    text = questions.question_by_id(STATE, "P03:text")
    rows = [
        row(1, text.id, {"text": "first"}, APPROVED, 1),
        row(2, text.id, {"text": "rude"}, REJECTED, 2),
        row(3, text.id, {"text": "waiting"}, PENDING, 3),
    ]
    counted = tally(text, rows)
    assert counted.shown_texts == ("first",)
    assert counted.waiting == 1
    assert counted.answered == 3
    assert [r.id for r in moderation_list(text, rows)] == [3, 1, 2]


def test_word_counts_leave_out_common_words_and_count_a_word_once_per_answer() -> None:
    found = word_counts(["Trust trust TRUST and time", "time to talk", "The trust"], limit=3)
    assert found == [("trust", 2), ("time", 2), ("talk", 1)]


def test_rate_limits_forget_after_a_minute() -> None:
    clock = Clock()
    limit = SlidingLimit(2, clock=clock)
    assert limit.allow("a")
    assert limit.allow("a")
    assert not limit.allow("a")
    assert limit.allow("b")
    clock.now = 60.0
    assert limit.allow("a")
    # Wrong join codes are counted in the store: tests/components/store/test_live_room_store.py.


def test_a_room_keeps_the_line_citing_the_study_it_presents() -> None:
    state = questions.live_state({}, {}, "Source: Someone (2020). Counts are counts of coded statements.")
    assert questions.room_source(state) == "Source: Someone (2020). Counts are counts of coded statements."
    assert questions.room_source({**state, "source": None}) == ""  # a room opened before rooms kept it


def test_the_projector_shows_the_latest_short_answers_that_fit() -> None:
    from components.live_room.counting import latest_that_fit

    short, long = "Trust.", "x" * 280  # one line each / seven lines each
    assert latest_that_fit([short, short, short]) == [short, short, short]
    # 280 characters wrap to 7 lines (+1 between quotes): one fits in 13 lines, two do not.
    assert latest_that_fit([long, long, "Newest."]) == [long, "Newest."]
    assert latest_that_fit([long, long]) == [long]
    assert latest_that_fit(["y" * 2000]) == ["y" * 2000], "the newest is always shown"
    assert latest_that_fit([]) == []
