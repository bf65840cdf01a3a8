"""What a kept plan or self-assessment holds, and how it is read back: plain logic, tested without Streamlit.

A payload names the study it was made on and holds ids and typed text only. Reading one back keeps what the
open study knows and counts what it does not; a payload that is not what was kept reads as nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from components.assessment.scale import RATINGS
from components.data.model import Dataset
from components.shared.action_plan import DETAIL_COLUMNS, coerce_details, known_plan

PLAN, ASSESSMENT = "plan", "assessment"  # the store's kinds, and the URL parameters that carry their links
MAX_ITEMS = 2000
# The store's private link ids: secrets.token_urlsafe(24), 32 characters of A-Z a-z 0-9 - _.
_LINK_ID = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class ReopenedPlan:
    ids: list[str]  # recommendation ids the open study knows, in the kept order
    details: pd.DataFrame  # owner, due date, first step, notes (the shape of session_keys.ACTION_PLAN_DETAILS)
    study: str  # the name of the study it was kept on
    left_out: int  # kept ids the open study does not have


@dataclass(frozen=True)
class ReopenedAnswers:
    answers: dict[str, str]  # item id -> rating, for items the open study has
    study: str
    left_out: int


def normal_link_id(value: object) -> str | None:
    """A link id from a URL, or None when it cannot be one (then it is never looked up)."""
    text = str(value or "").strip()
    return text if _LINK_ID.fullmatch(text) else None


def private_link(app_url: str | None, page_path: str, param: str, link_id: str) -> str:
    """The page's address with only `?param=link_id`. `app_url` is the address the browser shows, with or
    without this page's path at its end (st.context.url has either, by Streamlit version and page)."""
    parts = urlsplit(app_url or "")
    path = parts.path.rstrip("/")
    if path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    path = path + "/" + page_path
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode({param: link_id}), ""))


def plan_payload(dataset: Dataset, plan_ids: list[str], details: object) -> dict:
    """The plan's ids (in order) and what was typed for them, as JSON-ready values."""
    ids = [str(recommendation_id) for recommendation_id in plan_ids][:MAX_ITEMS]
    frame = coerce_details(details)
    frame = frame.loc[frame["recommendation_id"].isin(set(ids))]
    rows = [
        {
            column: (value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value)))
            for column, value in record.items()
        }
        for record in frame.to_dict("records")
    ]
    return {"study": dataset.name, "ids": ids, "details": rows}


def plan_from_payload(dataset: Dataset, payload: object) -> ReopenedPlan | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("ids"), list):
        return None
    kept = [item for item in payload["ids"] if isinstance(item, str)][:MAX_ITEMS]
    ids = known_plan(dataset, kept)
    rows = payload.get("details") if isinstance(payload.get("details"), list) else []
    records = [
        {column: row.get(column) for column in DETAIL_COLUMNS}
        for row in rows[:MAX_ITEMS]
        if isinstance(row, dict) and row.get("recommendation_id") in set(ids)
    ]
    details = coerce_details(pd.DataFrame(records, columns=list(DETAIL_COLUMNS)))
    return ReopenedPlan(ids, details, _study(payload), len(set(kept)) - len(ids))


def assessment_payload(dataset: Dataset, answers: dict[str, str]) -> dict:
    return {"study": dataset.name, "answers": {str(item): str(rating) for item, rating in answers.items()}}


def answers_from_payload(item_ids: list[str], payload: object) -> ReopenedAnswers | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        return None
    known = set(item_ids)
    kept = {
        item: rating
        for item, rating in list(payload["answers"].items())[:MAX_ITEMS]
        if isinstance(item, str) and rating in RATINGS
    }
    answers = {item: rating for item, rating in kept.items() if item in known}
    return ReopenedAnswers(answers, _study(payload), len(kept) - len(answers))


def _study(payload: dict) -> str:
    study = payload.get("study")
    return study[:200] if isinstance(study, str) else ""


def plan_notice(reopened: ReopenedPlan, open_study: str) -> str:
    """What to say once a kept plan is open (plain text: the page escapes it)."""
    count = len(reopened.ids)
    said = f"Opened the action plan kept at this link: {count} recommendation{'s' if count != 1 else ''}."
    return said + _left_out(reopened.left_out, "recommendation") + _other_study(reopened.study, open_study)


def answers_notice(reopened: ReopenedAnswers, open_study: str) -> str:
    count = len(reopened.answers)
    said = f"Opened the self-assessment kept at this link: {count} answer{'s' if count != 1 else ''}."
    return said + _left_out(reopened.left_out, "answer") + _other_study(reopened.study, open_study)


def _left_out(count: int, noun: str) -> str:
    if count <= 0:
        return ""
    return f" {count} kept {noun}{'s are' if count != 1 else ' is'} not in the study open now, so left out."


def _other_study(kept_on: str, open_study: str) -> str:
    if not kept_on or kept_on == open_study:
        return ""
    return f" It was kept on “{kept_on}”; the study open now is “{open_study}”."
