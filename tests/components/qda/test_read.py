"""Reading QDA projects in several tools' conventions: evidence is exactly the segment's characters."""

from __future__ import annotations

import pytest

from components.data.vocabulary import SHARED_GROUP
from components.qda import read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import CASE_NAME, Mapping, guess_mapping
from tests.fixtures.qda import projects as fixtures

CONVENTIONS = {
    "sources folder, CRLF, cases": ("study.qdpx", fixtures.sources_file_project),
    "inline text, braced GUIDs": ("study.qdpx", fixtures.inline_project),
    "Sources/ folder, variables on sources": ("study.qdpx", fixtures.capital_sources_project),
    "bare project.qde": ("project.qde", fixtures.bare_qde),
}


@pytest.fixture(params=sorted(CONVENTIONS))
def project(request):
    file_name, build = CONVENTIONS[request.param]
    return read_qda_file(file_name, build())


class TestEvidence:
    def test_each_segment_is_exactly_its_characters(self, project):
        texts = {segment.text for segment in project.segments}
        assert texts == set(fixtures.PASSAGES.values())

    def test_offsets_count_unicode_characters_after_non_ascii_and_crlf(self, project):
        """The passage after 'naïve — “time” 🙂' and two CRLFs still lands on its characters."""
        segment = next(segment for segment in project.segments if segment.text == fixtures.PASSAGES["time"])
        assert (segment.start, segment.end) == (
            fixtures.INTERVIEW_A.index(fixtures.PASSAGES["time"]),
            fixtures.INTERVIEW_A.index(fixtures.PASSAGES["time"]) + len(fixtures.PASSAGES["time"]),
        )

    def test_windows_line_endings_are_kept_as_characters(self, project):
        segment = next(segment for segment in project.segments if segment.text == fixtures.PASSAGES["time"])
        assert fixtures.INTERVIEW_A[: segment.start].count("\r\n") == 2

    def test_the_dataset_quotes_each_segment_word_for_word(self, project):
        dataset = project_dataset(project, guess_mapping(project))
        assert set(dataset.findings["evidence"]) == {
            fixtures.PASSAGES["time"],
            fixtures.PASSAGES["matters"],
            fixtures.PASSAGES["together"],
        }
        assert list(dataset.recommendations["text"]) == [fixtures.PASSAGES["managers"]]

    def test_source_names_the_document_and_the_characters(self, project):
        dataset = project_dataset(project, guess_mapping(project))
        row = dataset.findings.set_index("evidence").loc[fixtures.PASSAGES["time"]]
        start = fixtures.INTERVIEW_A.index(fixtures.PASSAGES["time"])
        assert row["source"] == f"Interview A (MHSW), characters {start}–{start + len(fixtures.PASSAGES['time'])}"

    def test_theme_is_the_code_and_detail_the_memo(self, project):
        dataset = project_dataset(project, guess_mapping(project))
        row = dataset.findings.set_index("evidence").loc[fixtures.PASSAGES["time"]]
        assert row["theme"] == "Time pressure"
        assert row["detail"] == "Said twice in the interview."
        assert row["basis"] == "stated"


class TestGroups:
    def test_cases_with_a_role_variable_give_groups(self):
        project = read_qda_file("study.qdpx", fixtures.sources_file_project())
        dataset = project_dataset(project, guess_mapping(project))
        assert dict(zip(dataset.findings["evidence"], dataset.findings["group"], strict=True)) == {
            fixtures.PASSAGES["time"]: "MHSW",
            fixtures.PASSAGES["matters"]: "MHSW",
            fixtures.PASSAGES["together"]: "CSW",
        }

    def test_variables_set_on_sources_act_as_cases(self):
        project = read_qda_file("study.qdpx", fixtures.capital_sources_project())
        mapping = guess_mapping(project)
        assert project.variables[mapping.group_by].name == "role"
        assert set(project_dataset(project, mapping).groups) == {"MHSW", "CSW"}

    def test_without_cases_every_statement_is_all(self):
        project = read_qda_file("study.qdpx", fixtures.inline_project())
        mapping = guess_mapping(project)
        assert mapping.group_by is None
        assert project_dataset(project, mapping).groups == [SHARED_GROUP]

    def test_case_names_can_be_the_groups(self):
        project = read_qda_file("study.qdpx", fixtures.sources_file_project())
        mapping = Mapping(guess_mapping(project).categories, CASE_NAME)
        assert set(project_dataset(project, mapping).groups) == {"Participant 1", "Participant 2"}


class TestTaguette:
    def test_highlights_become_statements_with_their_content_as_evidence(self):
        project = read_qda_file("highlights.csv", fixtures.TAGUETTE_CSV)
        dataset = project_dataset(project, guess_mapping(project))
        assert list(dataset.findings["evidence"]) == [
            "We never have time to meet.",
            'Sitting together helps a lot, "really".',
            "Ça c'est naïve — “time” 🙂 matters.",
        ]
        assert list(dataset.findings["category"]) == ["barrier", "enabler", "barrier"]
        assert list(dataset.findings["source"]) == ["Interview A", "Interview A", "Interview B"]
