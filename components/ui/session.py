"""The state pages share within one browser session, read and changed through these functions only.

The action plan is built on two pages (recommendations and self-assessment); the self-assessment's
answers outlive a visit to another page. Pages call these
functions instead of writing `st.session_state` themselves, so each rule (no duplicates, order kept, ids
of another dataset left alone) lives once, in components/shared/action_plan.py, and is tested there.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components.data.model import Dataset
from components.shared import action_plan
from components.shared.session_keys import (
    ACTION_PLAN,
    ACTION_PLAN_DETAILS,
    ASSESSMENT_ANSWERS,
    ASSESSMENT_RATING_PREFIX,
)


def plan_ids(dataset: Dataset) -> list[str]:
    """The plan's recommendation ids this dataset knows, each once, in the order they were added."""
    return action_plan.known_plan(dataset, st.session_state.get(ACTION_PLAN))


def set_in_plan(recommendation_id: str, include: bool) -> None:
    """Put one recommendation in the plan (at the end) or take it out."""
    st.session_state[ACTION_PLAN] = action_plan.toggle_plan(
        st.session_state.get(ACTION_PLAN), recommendation_id, include
    )


def add_to_plan(recommendation_ids: Iterable[str]) -> list[str]:
    """Append these ids in order, skipping any already there; returns the ids newly added."""
    plan, added = action_plan.add_all_to_plan(st.session_state.get(ACTION_PLAN), recommendation_ids)
    st.session_state[ACTION_PLAN] = plan
    return added


def clear_plan(dataset: Dataset) -> None:
    """Empty the plan of this dataset's recommendations; owners, dates and notes typed for them are kept."""
    dataset_ids = dataset.recommendations["recommendation_id"].astype(str)
    st.session_state[ACTION_PLAN] = action_plan.clear_plan(st.session_state.get(ACTION_PLAN), dataset_ids)


def replace_plan(recommendation_ids: list[str], details: pd.DataFrame) -> None:
    """Put a kept plan in place of this session's (components/keep): its ids in order and what was typed."""
    st.session_state[ACTION_PLAN] = list(recommendation_ids)
    st.session_state[ACTION_PLAN_DETAILS] = details


def plan_details() -> pd.DataFrame | None:
    """Owner, due date, first step and notes typed for plan items (None until something is typed)."""
    return st.session_state.get(ACTION_PLAN_DETAILS)


def save_plan_details(edited: pd.DataFrame) -> None:
    """Keep what was typed in the plan editor, merged with details of items not shown now."""
    st.session_state[ACTION_PLAN_DETAILS] = action_plan.update_details(
        st.session_state.get(ACTION_PLAN_DETAILS), edited
    )


def assessment_answers(item_ids: Iterable[str]) -> dict[str, str]:
    """This session's self-assessment ratings of these items."""
    stored = st.session_state.get(ASSESSMENT_ANSWERS) or {}
    known = set(item_ids)
    return {item_id: rating for item_id, rating in stored.items() if item_id in known}


def save_assessment_answers(answers: dict[str, str]) -> None:
    st.session_state[ASSESSMENT_ANSWERS] = dict(answers)


def reset_assessment_answers(item_ids: list[str]) -> None:
    """Forget every rating, including the radios' own state, before the form is drawn again."""
    save_assessment_answers({})
    for item_id in item_ids:
        st.session_state.pop(ASSESSMENT_RATING_PREFIX + item_id, None)
