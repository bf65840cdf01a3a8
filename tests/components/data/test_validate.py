"""Validation: column rules and their plain-words messages, coded values in one spelling, defaults for blank
cells, the checks across files, and study.json's fields."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest

from components.data.load import build_dataset
from components.data.model import DatasetError, Problem, Study, StudyMethod, StudyQuote, StudySource
from components.data.validate import read_study
from components.data.vocabulary import BUNDLED_DATA_DIR, STUDY_FILE
from tests.components.data.loader_cases import (
    BLANK,
    FIXTURES,
    HEADER,
    NO_RECS,
    F,
    L,
    R,
    load_case,
    problems_of,
    raised_problems,
    reads_good_case,
)

# Every bad file in tests/fixtures/bad/<case>/ that validation refuses, and its problems: (file, row, column, message).
BAD_FILES: dict = {
    "duplicate_id": [
        (F, 2, "finding_id", "the id 'F001' is used more than once (rows 2, 4); each id must be unique."),
        (F, 4, "finding_id", "the id 'F001' is used more than once (rows 2, 4); each id must be unique."),
    ],
    "unknown_category": [
        (
            F,
            3,
            "category",
            "'barier' is not an allowed value. Use one of: purpose, barrier, enabler, perception, observation. "
            "Did you mean 'barrier'?",
        )
    ],
    "blank_required_cell": [(F, 3, "theme", BLANK)],
    "dangling_link": [(L, 3, "to_id", f"'F999' is not a finding_id or recommendation_id in this dataset{NO_RECS}.")],
    "dangling_link_to_recommendation_without_file": [
        (L, 2, "from_id", f"'R01' is not a finding_id or recommendation_id in this dataset{NO_RECS}.")
    ],
    "unknown_link_basis": [
        (L, 2, "basis", "'guessed' is not an allowed value. Use one of: stated, inferred (or leave it blank).")
    ],
    "blank_link_end": [(L, 2, "to_id", BLANK)],
    "recommendation_id_clash": [
        (
            R,
            2,
            "recommendation_id",
            "the id 'F001' is also a finding_id; links need ids to be unique across both files.",
        )
    ],
}

# Good files in tests/fixtures/good/<case>/ whose coded values need normalising.
GOOD_FILES: dict = {
    "capitalised_codes": (),
}


class TestBadFiles:
    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    def test_names_file_row_column_and_message(self, case):
        assert problems_of(load_case(FIXTURES / "bad" / case)) == BAD_FILES[case]


class TestGoodFiles:
    @pytest.mark.parametrize("case", sorted(GOOD_FILES))
    def test_reads_the_text_exactly_with_its_notes(self, case):
        reads_good_case(case, GOOD_FILES[case])

    def test_basis_defaults_follow_the_evidence(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "utf8"), name="mine")
        assert dataset.findings["basis"].astype(str).tolist() == ["stated", "inferred"]
        assert dataset.findings["theme_basis"].tolist() == ["stated", "stated"]


class TestRulesAndCrossChecks:
    def test_an_id_repeated_many_times_lists_the_first_rows_and_a_count(self):
        problems = raised_problems({F: (HEADER + "F1,A,barrier,t,x\n" * 25).encode()})
        assert len(problems) == 25
        assert problems[0].message == (
            "the id 'F1' is used more than once (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more); "
            "each id must be unique."
        )

    def test_a_broken_findings_file_does_not_also_flag_every_link(self):
        files = {
            F: (HEADER + "F1,A,barrier,t,x\nF2,A,barrier,t,y,stray\n").encode(),
            L: b"from_id,to_id,relation\nF2,F1,overcomes\n",
        }
        assert [(p.file, p.row) for p in raised_problems(files)] == [(F, 3)]

    def test_a_self_assessment_item_must_point_at_a_finding(self):
        findings = b"finding_id,group,category,theme,statement\nF1,Team A,barrier,Time,Not enough time.\n"
        items = b"item_id,theme,statement,finding_id\nA1,Time,We have time.,F1\nA2,Time,We meet.,F9\n"
        with pytest.raises(DatasetError) as error:
            build_dataset({"findings.csv": findings, "assessment_items.csv": items}, name="x")
        assert error.value.problems == [
            Problem("assessment_items.csv", 3, "finding_id", "'F9' is not a finding_id in this dataset.")
        ]


class TestRelations:
    """Link relations are normalised like categories, so every page words an uploaded link the same way."""

    FINDINGS = b"finding_id,group,category,theme,statement\nF1,Adult,barrier,Time,No time to meet.\n"
    RECOMMENDATIONS = b"recommendation_id,audience,text\nR1,Managers,Protect time for joint meetings.\n"

    def upload(self, relations: list[str]):
        links = "from_id,to_id,relation\n" + "".join(f"R1,F1,{relation}\n" for relation in relations)
        return build_dataset({F: self.FINDINGS, R: self.RECOMMENDATIONS, L: links.encode()}, name="upload")

    def test_known_relations_match_whatever_their_case_and_spacing(self):
        dataset = self.upload(["Addresses", "BUILDS  ON", " Overcomes "])
        assert dataset.links["relation"].tolist() == ["addresses", "builds on", "overcomes"]

    def test_other_relations_are_kept_as_written(self):
        assert self.upload(["Leads to"]).links["relation"].tolist() == ["Leads to"]

    def test_network_and_explore_word_an_uploaded_addresses_alike(self):
        from components.explore import search
        from components.network.graph import GraphFilters, build_graph
        from components.network.text import node_links

        dataset = self.upload(["Addresses"])
        graph = build_graph(dataset, GraphFilters())
        phrases = node_links(graph, "F1")["phrase"].tolist()
        assert phrases == ["addressed by"]
        assert search.relation_heading(dataset.links["relation"].iloc[0], outgoing=False) == "Addressed by"


# ---------------------------------------------------------------------------------------------
# study.json: typed records, and each fault named by its field in plain words.

BUNDLED_STUDY_JSON = json.loads((BUNDLED_DATA_DIR / STUDY_FILE).read_text(encoding="utf-8"))
OBJECT = "must be an object in curly brackets { } with named fields"
TEXT = "must be text in quote marks"
NUMBER = "must be a whole number (without quote marks)"


def study_bytes(change=None) -> bytes:
    data = copy.deepcopy(BUNDLED_STUDY_JSON)
    if change is not None:
        change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def study_messages(raw: bytes) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_study(raw)
    assert {problem.file for problem in caught.value.problems} == {STUDY_FILE}
    return [problem.message for problem in caught.value.problems]


def _set(path: tuple, value):
    def change(data):
        *parents, last = path
        for part in parents:
            data = data[part]
        data[last] = value

    return change


def _delete(path: tuple):
    def change(data):
        *parents, last = path
        for part in parents:
            data = data[part]
        del data[last]

    return change


# One fault each, and the one message it gives.
MALFORMED_STUDIES = {
    "a required field missing": (_delete(("title",)), "the required field 'title' is missing."),
    "a required field blank": (
        _set(("title",), "  "),
        "the field 'title' is blank; it needs a value, because a page shows it.",
    ),
    "a number for text": (_set(("licence",), 5), f"the field 'licence' {TEXT}, not the number 5."),
    "a year in quote marks": (_set(("year",), "2019"), f"the field 'year' {NUMBER}, not text in quote marks."),
    "true for a year": (_set(("year",), True), f"the field 'year' {NUMBER}, not true."),
    "method null": (_set(("method",), None), f"the field 'method' {OBJECT}, not null."),
    "method as text": (_set(("method",), "interviews"), f"the field 'method' {OBJECT}, not text in quote marks."),
    "a count in words": (
        _set(("method", "interviews"), "eight"),
        f"the field 'method' → 'interviews' {NUMBER}, not text in quote marks.",
    ),
    "a negative count": (
        _set(("method", "interviews_by_group", 0, "interviews"), -4),
        "the field 'method' → 'interviews_by_group' → entry 1 → 'interviews' must be 0 or more.",
    ),
    "a group count in words": (
        _set(("method", "interviews_by_group", 1, "interviews"), "four"),
        f"the field 'method' → 'interviews_by_group' → entry 2 → 'interviews' {NUMBER}, not text in quote marks.",
    ),
    "the retired per-service count": (
        _set(("method", "mhsw"), 4),
        "the field 'method' → 'mhsw' is not part of study.json's format. See data/README.md for the fields it may "
        "have.",
    ),
    "a quote that is a number": (
        _set(("method", "evidence", 1, "quote"), 5),
        f"the field 'method' → 'evidence' → entry 2 → 'quote' {TEXT}, not the number 5.",
    ),
    "a limit that is text": (
        _set(("limits", 0), "small"),
        f"the field 'limits' → entry 1 {OBJECT}, not text in quote marks.",
    ),
    "a list that is text": (
        _set(("headline_findings",), "F035"),
        "the field 'headline_findings' must be a list in square brackets [ ], not text in quote marks.",
    ),
    "an influence without its finding": (
        _delete(("influences", 0, "finding_id")),
        "the required field 'influences' → entry 1 → 'finding_id' is missing.",
    ),
    "a source's year as a number": (
        _set(("sources", 2, "year"), 2019),
        f"the field 'sources' → entry 3 → 'year' {TEXT}, not the number 2019.",
    ),
    "a misspelt field": (
        _set(("licence_evidnce",), "x"),
        "the field 'licence_evidnce' is not part of study.json's format. Did you mean 'licence_evidence'?",
    ),
    "an unknown nested field": (
        _set(("method", "sample_size"), 8),
        "the field 'method' → 'sample_size' is not part of study.json's format. See data/README.md for the fields "
        "it may have.",
    ),
}


class TestStudyJson:
    def test_the_bundled_file_reads_to_typed_records(self):
        study = read_study((BUNDLED_DATA_DIR / STUDY_FILE).read_bytes())
        assert isinstance(study, Study)
        assert study.short_citation == "Carpenter (2019)"
        assert study.year == 2019
        assert isinstance(study.method, StudyMethod)
        assert study.method.interviews == 8
        assert study.method.group_counts == (("MHSW", 4), ("CSW", 4))
        assert all(isinstance(entry, StudyQuote) for entry in study.method.evidence)
        assert [entry.finding_id for entry in study.influences] == ["F032", "F033", "F034"]
        assert study.limits[-1].quote == ""
        assert all(isinstance(source, StudySource) for source in study.sources)
        assert study.sources[0].key == "Carpenter n.d., summary"
        assert study.headline_findings == ("F035", "F013", "F014", "F031")

    def test_records_are_frozen(self):
        study = read_study(study_bytes())
        with pytest.raises(dataclasses.FrozenInstanceError):
            study.licence = "changed"  # type: ignore[misc]

    def test_optional_fields_may_be_left_out(self):
        def keep_required(data):
            for name in ("short_title", "degree", "licence_evidence", "licence_source", "question_evidence"):
                del data[name]
            for name in ("question_source", "method", "influences", "limits", "headline_findings"):
                del data[name]
            del data["points_to_note"], data["sources"]

        study = read_study(study_bytes(keep_required))
        assert study.method == StudyMethod()
        assert study.method.group_counts == ()
        assert study.sources == ()
        assert study.licence_evidence == ""

    def test_a_title_is_all_a_study_needs(self):
        # An imported or uploaded study's metadata (components/your_data/metadata.py) may give only its title.
        study = read_study(b'{"title": "Handover between nurses and paramedics"}')
        assert study.title == "Handover between nurses and paramedics"
        assert (study.author, study.year, study.citation, study.lens) == ("", None, "", None)

    def test_a_byte_order_mark_is_read(self):
        assert read_study(b"\xef\xbb\xbf" + study_bytes()).citation.startswith("Carpenter, Nicola (2019)")

    @pytest.mark.parametrize("case", sorted(MALFORMED_STUDIES))
    def test_each_fault_is_named_by_its_field(self, case):
        change, message = MALFORMED_STUDIES[case]
        assert study_messages(study_bytes(change)) == [message]

    def test_every_fault_is_listed_at_once(self):
        def break_three(data):
            del data["title"]
            data["year"] = "2019"
            data["limits"][0] = "small"

        messages = study_messages(study_bytes(break_three))
        assert len(messages) == 3
        assert "the required field 'title' is missing." in messages

    def test_the_error_names_study_json(self):
        with pytest.raises(DatasetError) as caught:
            read_study(study_bytes(_delete(("title",))))
        assert str(caught.value) == "study.json: the required field 'title' is missing."

    def test_broken_json_says_where(self):
        (message,) = study_messages(b'{"title": "A study",\n "year": 2019,\n}')
        assert message.startswith("the file is not valid JSON (")
        assert "line 3" in message
        assert message.endswith("Check the commas, quote marks and brackets there.")

    def test_a_list_is_not_a_study(self):
        assert study_messages(b"[]") == [
            "the file must hold one object in curly brackets { } with named fields, not a list."
        ]

    def test_text_that_is_not_utf8(self):
        assert study_messages('{"title": "caf\xe9"}'.encode("cp1252")) == [
            "the file is not UTF-8 text (byte 14 is not); save it as UTF-8."
        ]
