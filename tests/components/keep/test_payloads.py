"""Kept plans and self-assessments as payloads, without Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.data.load import load_dataset_dir
from components.keep.payloads import (
    answers_from_payload,
    answers_notice,
    assessment_payload,
    normal_link_id,
    plan_from_payload,
    plan_notice,
    plan_payload,
    private_link,
)

BUNDLED = load_dataset_dir()
IDS = BUNDLED.recommendations["recommendation_id"].astype(str).tolist()


def test_a_plan_comes_back_with_its_order_and_what_was_typed() -> None:
    details = pd.DataFrame(
        [
            {
                "recommendation_id": IDS[2],
                "owner": "Sam",
                "due_date": dt.date(2027, 3, 1),
                "first_step": "Call",
                "notes": "",
            },
            {
                "recommendation_id": IDS[0],
                "owner": "",
                "due_date": None,
                "first_step": "",
                "notes": "<b>kept as text</b>",
            },
            {"recommendation_id": "not in the plan", "owner": "x", "due_date": None, "first_step": "", "notes": ""},
        ]
    )
    payload = plan_payload(BUNDLED, [IDS[2], IDS[0]], details)
    assert payload["ids"] == [IDS[2], IDS[0]]
    assert len(payload["details"]) == 2  # only the plan's own rows
    reopened = plan_from_payload(BUNDLED, payload)
    assert reopened.ids == [IDS[2], IDS[0]]
    assert reopened.left_out == 0
    row = reopened.details.set_index("recommendation_id").loc[IDS[2]]
    assert (row["owner"], row["due_date"], row["first_step"]) == ("Sam", dt.date(2027, 3, 1), "Call")
    assert reopened.details.set_index("recommendation_id").loc[IDS[0], "notes"] == "<b>kept as text</b>"
    assert plan_notice(reopened, BUNDLED.name) == "Opened the action plan kept at this link: 2 recommendations."


def test_ids_the_open_study_lacks_are_left_out_and_counted() -> None:
    reopened = plan_from_payload(BUNDLED, {"study": "Another study", "ids": [IDS[1], "R999", 5], "details": []})
    assert reopened.ids == [IDS[1]]
    assert reopened.left_out == 1
    notice = plan_notice(reopened, BUNDLED.name)
    assert "1 kept recommendation is not in the study open now" in notice
    assert "“Another study”" in notice


@pytest.mark.parametrize("payload", [None, [], {}, {"ids": "R1"}, {"answers": {}}])
def test_a_payload_that_is_not_a_plan_reads_as_nothing(payload) -> None:
    assert plan_from_payload(BUNDLED, payload) is None


def test_answers_come_back_for_known_items_with_known_ratings_only() -> None:
    payload = assessment_payload(BUNDLED, {"A1": "fully", "A2": "not in place"})
    assert payload["answers"] == {"A1": "fully", "A2": "not in place"}
    kept = {"study": BUNDLED.name, "answers": {"A1": "fully", "A2": "<script>", "A9": "partly"}}
    reopened = answers_from_payload(["A1", "A2"], kept)
    assert reopened.answers == {"A1": "fully"}
    assert reopened.left_out == 1  # A9 is not an item here; A2's rating is not a rating at all
    assert answers_notice(reopened, BUNDLED.name).startswith("Opened the self-assessment kept at this link: 1 answer.")
    assert answers_from_payload(["A1"], {"answers": "all"}) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a" * 32, "a" * 32),
        ("  Ab-_" + "x" * 28 + " ", "Ab-_" + "x" * 28),
        ("a" * 31, None),
        ("a" * 33, None),
        ("a" * 31 + "!", None),
        (None, None),
        ("' or 1=1 --", None),
    ],
)
def test_only_what_can_be_a_link_id_is_looked_up(value, expected) -> None:
    assert normal_link_id(value) == expected


def test_the_private_link_names_the_page_and_only_the_id() -> None:
    assert (
        private_link("https://explorer.example.org/app/", "recommendations", "plan", "a" * 32)
        == "https://explorer.example.org/app/recommendations?plan=" + "a" * 32
    )
    assert (
        private_link("http://127.0.0.1:8501/recommendations", "recommendations", "plan", "c" * 32)
        == "http://127.0.0.1:8501/recommendations?plan=" + "c" * 32
    )
    assert private_link(None, "self-assessment", "assessment", "b" * 32) == "/self-assessment?assessment=" + "b" * 32
