"""The statements to rate: the bundled study's own, or derived from an upload's barriers and enablers."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components.assessment import items as assessment_items
from components.data.model import StudyMethod
from components.data.vocabulary import ASSESSMENT_FILE
from tests.components.assessment.common import FINDINGS, small_dataset


class TestBundledItems:
    def test_bundled_statements_are_used_not_derived(self, item_set):
        assert not item_set.derived
        assert item_set.notes == ()
        assert 10 <= len(item_set.items) <= 12

    def test_every_statement_derives_from_an_existing_barrier_or_enabler(self, bundled, item_set):
        findings = bundled.findings.set_index("finding_id")
        for finding_id in item_set.items["finding_id"]:
            assert finding_id in findings.index
            # Perceptions are listed in the source under "What are the barriers to collaboration?".
            category = findings.loc[finding_id, "category"]
            source = findings.loc[finding_id, "source"]
            assert category in ("barrier", "enabler") or "barriers to collaboration" in source

    def test_statements_are_grouped_by_theme(self, item_set):
        themes = item_set.items["theme"].tolist()
        # Each theme's statements sit together, so the form shows each theme once.
        assert themes == sorted(themes, key=item_set.themes.index)
        assert len(item_set.themes) >= 4

    def test_the_issue_examples_are_there(self, item_set):
        by_finding = dict(zip(item_set.items["finding_id"], item_set.items["statement"], strict=True))
        assert by_finding["F029"] == "Workers from both services meet face to face."
        assert "roles and responsibilities" in by_finding["F015"]
        assert "legal and procedural frameworks" in by_finding["F015"]


class TestItemsForOtherDatasets:
    def test_a_dataset_without_items_gets_statements_derived_from_barriers_and_enablers(self):
        dataset = small_dataset(FINDINGS)
        item_set = assessment_items.build_items(dataset.findings, dataset.assessment_items)
        assert item_set.derived
        items = item_set.items.set_index("item_id")
        assert set(items.index) == {"B1", "E1", "E2"}  # the purpose finding is not a statement
        assert items.loc["E1", "statement"] == "How true is this of your service? — Meeting in person helps."
        assert (
            items.loc["B1", "statement"]
            == "How far has your service overcome this barrier? — We never have time to meet."
        )
        assert items.loc["E2", "finding_id"] == "E2"

    def test_derived_statements_are_grouped_by_theme_with_enablers_first(self):
        dataset = small_dataset(FINDINGS)
        items = assessment_items.build_items(dataset.findings, dataset.assessment_items).items
        assert items["item_id"].tolist() == ["E1", "E2", "B1"]
        assert items["theme"].tolist() == ["Contact", "Time", "Time"]

    def test_a_dataset_with_no_barriers_or_enablers_has_no_statements(self):
        dataset = small_dataset("finding_id,group,category,theme,statement\nP1,A,purpose,Why,Shares risk.\n")
        item_set = assessment_items.build_items(dataset.findings, dataset.assessment_items)
        assert item_set.items.empty
        assert list(item_set.items.columns) == list(assessment_items.ITEM_COLUMNS)

    def test_a_large_dataset_is_capped_and_says_so(self):
        rows = "\n".join(f"F{i},G,barrier,Theme {i % 4},Barrier number {i}." for i in range(200))
        dataset = small_dataset("finding_id,group,category,theme,statement\n" + rows + "\n")
        item_set = assessment_items.build_items(dataset.findings, dataset.assessment_items)
        assert len(item_set.items) == assessment_items.MAX_DERIVED_ITEMS
        assert "200 barrier and enabler findings" in item_set.notes[0]

    def test_items_pointing_at_missing_findings_are_dropped_with_a_note(self, bundled):
        extra = pd.DataFrame(
            [{"_row": "99", "item_id": "Z1", "theme": "T", "statement": "S", "finding_id": "F999", "help": ""}]
        )
        items = pd.concat([bundled.assessment_items, extra], ignore_index=True)
        item_set = assessment_items.build_items(bundled.findings, items)
        assert "Z1" not in set(item_set.items["item_id"])
        assert "Z1 (F999)" in item_set.notes[0]
        assert ASSESSMENT_FILE in item_set.notes[0]

    def test_items_that_all_point_nowhere_fall_back_to_derived_statements(self):
        dataset = small_dataset(FINDINGS)
        items = pd.DataFrame(
            [{"_row": "2", "item_id": "Z1", "theme": "T", "statement": "S", "finding_id": "F999", "help": ""}]
        )
        item_set = assessment_items.build_items(dataset.findings, items)
        assert item_set.derived
        assert set(item_set.items["item_id"]) == {"B1", "E1", "E2"}


class TestFormSections:
    """The form reads plain statements per theme, built once per dataset, in the items' own order."""

    def test_themes_and_statements_keep_the_items_order(self, bundled, item_set):
        sections = assessment_items.form_sections(item_set, set(bundled.findings["finding_id"]))
        assert [theme for theme, _ in sections] == item_set.themes
        flat = [item for _, form_items in sections for item in form_items]
        assert [item.item_id for item in flat] == item_set.items["item_id"].tolist()
        assert [item.statement for item in flat] == item_set.items["statement"].tolist()
        assert all(item.has_finding for item in flat)
        first = flat[0]
        row = item_set.items.iloc[0]
        assert (first.finding_id, first.help) == (row["finding_id"], row["help"])

    def test_a_statement_whose_finding_is_missing_is_marked(self, item_set):
        sections = assessment_items.form_sections(item_set, {"F015"})
        flags = {item.finding_id: item.has_finding for _, form_items in sections for item in form_items}
        assert flags["F015"] is True
        assert not any(has for finding_id, has in flags.items() if finding_id != "F015")


class TestFormHeading:
    def test_the_heading_says_what_to_do_and_how_many_are_rated(self):
        heading = assessment_items.form_heading(3, 12)
        assert heading.startswith("## 1. Rate your service\n\n")
        assert "Open “Where this comes from” to read the study's own words." in heading
        assert heading.endswith("**3 of 12 statements rated.**")


class TestSourceDescription:
    def test_the_bundled_study_is_named_with_its_size(self, bundled):
        assert assessment_items.source_description(bundled.study, bundled.name) == (
            "the findings of one small study (Carpenter (2019): 8 interviews)"
        )

    @pytest.mark.parametrize(
        ("study", "expected"),
        [
            (None, "the findings in this dataset (Our data)"),
            (
                {"short_citation": "", "title": "A study", "method": StudyMethod()},
                "the findings of one study (A study)",
            ),
            ({"short_citation": "X (2020)", "method": StudyMethod()}, "the findings of one study (X (2020))"),
            (
                {"short_citation": "X (2020)", "method": StudyMethod(interviews=0)},
                "the findings of one study (X (2020))",
            ),
        ],
    )
    def test_other_datasets_are_described_by_what_they_hold(self, bundled, study, expected):
        # A method that is not an object, or a count that is not a number, never gets this far: the loader refuses
        # that study.json (tests/components/data/test_validate.py).
        study = dataclasses.replace(bundled.study, **study) if study is not None else None
        assert assessment_items.source_description(study, "Our data") == expected


class TestNotes:
    def test_the_reflection_note_names_the_study_and_says_what_a_score_is(self, bundled):
        note = assessment_items.reflection_note(bundled.study, bundled.name)
        assert note.startswith("**A prompt for reflection, not a measurement.**")
        # Escaped for Markdown; without the backslashes it reads as the study's citation and size.
        assert "one small study (Carpenter (2019): 8 interviews)" in note.replace("\\", "")
        assert "not percentages of people" in note

    def test_an_uploads_name_is_shown_as_text(self):
        note = assessment_items.reflection_note(None, "[x](javascript:y)")
        assert "](javascript" not in note
