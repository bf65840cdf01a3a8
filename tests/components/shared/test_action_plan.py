"""The action plan's rules: ids kept once and in order, another dataset's ids left alone, details cleaned."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.data.load import load_dataset_dir
from components.shared import action_plan


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


class TestPlan:
    def test_known_plan_drops_unknown_ids_and_repeats(self, study):
        assert action_plan.known_plan(study, ["R05", "X99", "R05", "R01"]) == ["R05", "R01"]
        assert action_plan.known_plan(study, None) == []
        assert action_plan.known_plan(study, "R05") == []

    def test_toggle_adds_once_and_removes_keeping_the_rest(self):
        plan = action_plan.toggle_plan(["R01", "OTHER"], "R05", True)
        assert plan == ["R01", "OTHER", "R05"]
        assert action_plan.toggle_plan(plan, "R05", True) == ["R01", "OTHER", "R05"]
        assert action_plan.toggle_plan(plan, "R01", False) == ["OTHER", "R05"]
        assert action_plan.toggle_plan(None, "R02", True) == ["R02"]

    def test_clear_plan_keeps_ids_of_another_dataset(self, study):
        known = study.recommendations["recommendation_id"]
        assert action_plan.clear_plan(["R05", "UPLOAD1", "R01"], known) == ["UPLOAD1"]
        assert action_plan.clear_plan(None, known) == []

    @pytest.mark.parametrize("junk", [None, "text", 42, pd.DataFrame({"x": [1]}), pd.DataFrame()])
    def test_unexpected_session_details_become_an_empty_table(self, junk):
        details = action_plan.coerce_details(junk)
        assert details.empty
        assert list(details.columns) == list(action_plan.DETAIL_COLUMNS)

    def test_editor_dates_and_missing_values_are_cleaned(self):
        edited = pd.DataFrame(
            {
                "recommendation_id": ["R1", "R2", "R3"],
                "owner": [pd.NA, None, "Lee"],
                "due_date": [pd.Timestamp("2027-01-31"), pd.NaT, "not a date"],
                "first_step": ["", None, "Call"],
                "notes": [None, "n", float("nan")],
            }
        )
        details = action_plan.coerce_details(edited)
        assert details["owner"].tolist() == ["", "", "Lee"]
        assert details["due_date"].tolist() == [dt.date(2027, 1, 31), None, None]
        assert details["notes"].tolist() == ["", "n", ""]
