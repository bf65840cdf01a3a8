"""The action plan's rules: which recommendation ids it holds, in what order, and what was typed for them.

The plan is built on two pages (the recommendations planner and the self-assessment) and kept in the session
by components/ui/session.py; these rules (no duplicates, order kept, ids of another dataset left alone,
details of items taken out kept) are plain functions, tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from components.data.model import Dataset
from components.shared.text import cell_text

# The editable part of the plan, one row per recommendation id: the shape of session_keys.ACTION_PLAN_DETAILS.
DETAIL_COLUMNS = ("recommendation_id", "owner", "due_date", "first_step", "notes")


def known_plan(dataset: Dataset, plan_ids: object) -> list[str]:
    """The plan's ids that this dataset knows, each once, in the order they were added.

    Other pages append to the plan too, and a plan may outlive a dataset switch: unknown ids are dropped
    here (not deleted from the session) so switching back to the bundled study brings them back.
    """
    if not isinstance(plan_ids, (list, tuple)):
        return []
    known = set(dataset.recommendations["recommendation_id"].astype(str))
    return [value for value in dict.fromkeys(str(item) for item in plan_ids) if value in known]


def toggle_plan(plan_ids: object, recommendation_id: str, include: bool) -> list[str]:
    """The plan with this id added (at the end, once) or removed; anything else in it is kept as it was."""
    current = list(plan_ids) if isinstance(plan_ids, (list, tuple)) else []
    current = [item for item in current if item != recommendation_id]
    if include:
        current.append(recommendation_id)
    return current


def add_all_to_plan(plan_ids: object, shown_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """The plan with every id the filters show added at the end, in the order shown, and the ids newly added.

    "Shown" means every match, on every page of results, not only the page on screen. The self-assessment
    page adds its tailored list the same way, so both share one rule.
    """
    current = [str(item) for item in plan_ids] if isinstance(plan_ids, (list, tuple)) else []
    added = [item for item in dict.fromkeys(str(item) for item in shown_ids) if item not in current]
    return list(dict.fromkeys(current)) + added, added


def clear_plan(plan_ids: object, dataset_ids: Iterable[str]) -> list[str]:
    """The plan without this dataset's ids; ids from another dataset (a switched upload) stay put.

    Owners, dates and notes stay in the details, so an item put back keeps what was typed for it.
    """
    current = list(plan_ids) if isinstance(plan_ids, (list, tuple)) else []
    remove = set(dataset_ids)
    return [item for item in current if item not in remove]


def empty_details() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in DETAIL_COLUMNS})


def as_date(value: object) -> dt.date | None:
    if not cell_text(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def coerce_details(details: object) -> pd.DataFrame:
    """Whatever the session holds as plan details, as a clean frame: one row per id, text and dates only."""
    if not isinstance(details, pd.DataFrame) or "recommendation_id" not in details.columns:
        return empty_details()
    rows = []
    for record in details.to_dict("records"):
        recommendation_id = cell_text(record.get("recommendation_id"))
        if not recommendation_id:
            continue
        rows.append(
            {
                "recommendation_id": recommendation_id,
                "owner": cell_text(record.get("owner")),
                "due_date": as_date(record.get("due_date")),
                "first_step": cell_text(record.get("first_step")),
                "notes": cell_text(record.get("notes")),
            }
        )
    if not rows:
        return empty_details()
    frame = pd.DataFrame(rows, columns=list(DETAIL_COLUMNS), dtype=object)
    return frame.drop_duplicates("recommendation_id", keep="last").reset_index(drop=True)


def update_details(details: object, edited: pd.DataFrame) -> pd.DataFrame:
    """Stored details with the editor's rows written over them; details of items not shown now are kept.

    Keeping them means a recommendation taken out of the plan and put back keeps its owner and notes.
    """
    stored = coerce_details(details)
    fresh = coerce_details(edited)
    kept = stored.loc[~stored["recommendation_id"].isin(set(fresh["recommendation_id"]))]
    if kept.empty:
        return fresh
    if fresh.empty:
        return kept.reset_index(drop=True)
    return pd.concat([kept, fresh], ignore_index=True)
