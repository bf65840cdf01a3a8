"""Keeping a plan or a self-assessment in AppTest: the button gives a private link, and the link reopens it in
another session (a new AppTest stands for another device). The store is the test session's SQLite file."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import load_dataset_dir
from components.keep.draw import NOT_FOUND
from components.shared.session_keys import (
    ACTION_PLAN,
    ACTION_PLAN_DETAILS,
    ASSESSMENT_ANSWERS,
    KEEP_ASSESSMENT,
    KEEP_PLAN,
)
from tests.pages.apptest import open_app_page

PLANNER, ASSESSMENT = "pages/recommendations.py", "pages/self-assessment.py"
IDS = load_dataset_dir().recommendations["recommendation_id"].astype(str).tolist()


def kept_link(app: AppTest, page_path: str, param: str) -> str:
    codes = [code.value for code in app.code if f"{param}=" in code.value]
    assert codes, "the private link is shown"
    found = re.fullmatch(rf"/{page_path}\?{param}=([A-Za-z0-9_-]{{32}})", codes[-1])
    assert found, codes[-1]
    return found.group(1)


def texts(app: AppTest, kind: str) -> list[str]:
    """The messages of one kind, as read on screen (Markdown escapes taken out)."""
    return [element.value.replace("\\", "") for element in getattr(app, kind)]


def test_a_kept_plan_reopens_in_another_session() -> None:
    app = open_app_page(PLANNER, state={ACTION_PLAN: [IDS[3], IDS[1]]})
    app.button(key=KEEP_PLAN).click().run()
    assert not app.exception
    link_id = kept_link(app, "recommendations", "plan")
    assert any("Kept." in text for text in texts(app, "success"))

    elsewhere = open_app_page(PLANNER, query={"plan": link_id})
    assert elsewhere.session_state[ACTION_PLAN] == [IDS[3], IDS[1]]
    assert ACTION_PLAN_DETAILS in elsewhere.session_state
    assert any(
        "Opened the action plan kept at this link: 2 recommendations." in text for text in texts(elsewhere, "success")
    )
    assert "plan" not in elsewhere.query_params, "the private id leaves the address bar"
    elsewhere.run()
    assert not [text for text in texts(elsewhere, "success") if "Opened" in text], "said once"
    assert elsewhere.session_state[ACTION_PLAN] == [IDS[3], IDS[1]]


@pytest.mark.parametrize("link_id", ["x" * 32, "short", "<b>html</b>", "a" * 31 + "!"])
def test_an_unknown_or_malformed_plan_link_says_not_found_and_keeps_the_plan(link_id: str) -> None:
    app = open_app_page(PLANNER, query={"plan": link_id}, state={ACTION_PLAN: [IDS[0]]})
    assert NOT_FOUND in texts(app, "warning")
    assert app.session_state[ACTION_PLAN] == [IDS[0]]


def test_kept_answers_reopen_in_another_session() -> None:
    app = open_app_page(ASSESSMENT, state={ASSESSMENT_ANSWERS: {"A01": "fully", "A07": "not in place"}})
    app.button(key=KEEP_ASSESSMENT).click().run()
    assert not app.exception
    link_id = kept_link(app, "self-assessment", "assessment")

    elsewhere = open_app_page(ASSESSMENT, query={"assessment": link_id}, state={ASSESSMENT_ANSWERS: {"A02": "partly"}})
    assert elsewhere.session_state[ASSESSMENT_ANSWERS] == {"A01": "fully", "A07": "not in place"}
    radio = next(radio for radio in elsewhere.radio if radio.key.endswith("A07"))
    assert radio.value == "not in place"
    assert any("2 answers" in text for text in texts(elsewhere, "success"))
    assert "assessment" not in elsewhere.query_params
