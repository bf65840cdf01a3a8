"""The action plan's one API (components/ui/session.py): each function on its own, then in a real session."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset, load_dataset_dir
from components.shared.session_keys import ACTION_PLAN, ACTION_PLAN_DETAILS
from components.ui import session


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


@pytest.fixture
def state(monkeypatch):
    """One session's state as a plain dict: what session.py reads and writes, visible to the test."""
    values: dict = {}
    monkeypatch.setattr(st, "session_state", values)
    return values


def details(rows: list[dict]) -> pd.DataFrame:
    columns = ("recommendation_id", "owner", "due_date", "first_step", "notes")
    return pd.DataFrame([{column: row.get(column, "") for column in columns} for row in rows])


class TestPlanIds:
    def test_an_empty_session_has_an_empty_plan(self, state, study):
        assert session.plan_ids(study) == []

    def test_only_this_datasets_ids_each_once_in_the_order_added(self, state, study):
        state[ACTION_PLAN] = ["R05", "UPLOAD1", "R01", "R05"]
        assert session.plan_ids(study) == ["R05", "R01"]
        # Nothing is deleted: the upload's id is there for when that dataset is open again.
        assert state[ACTION_PLAN] == ["R05", "UPLOAD1", "R01", "R05"]


class TestChanges:
    def test_set_in_plan_adds_at_the_end_once_and_takes_out(self, state, study):
        session.set_in_plan("R06", True)
        session.set_in_plan("R02", True)
        session.set_in_plan("R06", True)
        assert state[ACTION_PLAN] == ["R02", "R06"]
        session.set_in_plan("R02", False)
        assert session.plan_ids(study) == ["R06"]

    def test_add_to_plan_appends_new_ids_and_says_which_were_new(self, state):
        state[ACTION_PLAN] = ["R05"]
        assert session.add_to_plan(["R04", "R05", "R06"]) == ["R04", "R06"]
        assert state[ACTION_PLAN] == ["R05", "R04", "R06"]
        assert session.add_to_plan(["R04"]) == []

    def test_clear_plan_takes_out_only_this_datasets_ids(self, state, study):
        state[ACTION_PLAN] = ["R05", "UPLOAD1", "R01"]
        session.clear_plan(study)
        assert state[ACTION_PLAN] == ["UPLOAD1"]
        assert session.plan_ids(study) == []

    def test_clear_plan_of_an_upload_leaves_the_bundled_ids(self, state):
        uploaded = build_dataset(
            {
                "findings.csv": b"finding_id,group,category,theme,statement\nF1,A,barrier,t,x\n",
                "recommendations.csv": b"recommendation_id,audience,text\nX1,Team,Do it\n",
            },
            name="upload",
        )
        state[ACTION_PLAN] = ["R05", "X1"]
        session.clear_plan(uploaded)
        assert state[ACTION_PLAN] == ["R05"]


class TestDetails:
    def test_no_details_until_something_is_saved(self, state):
        assert session.plan_details() is None

    def test_saved_details_merge_with_those_of_items_not_shown(self, state):
        session.save_plan_details(details([{"recommendation_id": "R05", "owner": "Sam"}]))
        session.save_plan_details(details([{"recommendation_id": "R06", "due_date": "2027-03-31"}]))
        saved = session.plan_details().set_index("recommendation_id")
        assert saved.loc["R05", "owner"] == "Sam"
        assert saved.loc["R06", "due_date"] == dt.date(2027, 3, 31)
        assert state[ACTION_PLAN_DETAILS] is session.plan_details()

    def test_an_edit_replaces_what_was_typed_for_that_item(self, state):
        session.save_plan_details(details([{"recommendation_id": "R05", "owner": "Sam"}]))
        session.save_plan_details(details([{"recommendation_id": "R05", "owner": "Priya"}]))
        assert session.plan_details()["owner"].tolist() == ["Priya"]


def plan_script() -> None:
    """A page that changes the plan only through session.py, one step per run, as buttons would."""
    import streamlit as st

    from components.ui import session
    from components.ui.access import active_dataset

    dataset = active_dataset()
    step = st.session_state.get("step", 0)
    if step == 1:
        session.set_in_plan("R03", True)
    elif step == 2:
        session.add_to_plan(["R03", "R09", "R10"])
    elif step == 3:
        session.set_in_plan("R09", False)
    elif step == 4:
        session.clear_plan(dataset)
    st.markdown("plan: " + (",".join(session.plan_ids(dataset)) or "empty"))


def test_the_plan_lives_in_the_real_session_across_reruns():
    app = AppTest.from_function(plan_script, default_timeout=60)
    seen = []
    for step in range(5):
        app.session_state["step"] = step
        app.run()
        assert not app.exception, [error.value for error in app.exception]
        seen.append(app.markdown[0].value)
    assert seen == ["plan: empty", "plan: R03", "plan: R03,R09,R10", "plan: R03,R10", "plan: empty"]
