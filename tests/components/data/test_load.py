"""The loader end to end: the bundled study loads; every bad fixture has its expected problems; random input never
raises anything but DatasetError; the fingerprint follows the content."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import Dataset, DatasetError, Problem, StudyInfluence
from components.data.vocabulary import (
    BUNDLED_DATA_DIR,
    CATEGORIES,
    FINDINGS_SPEC,
    LINKS_SPEC,
    RECOMMENDATIONS_SPEC,
)
from tests.components.data import test_decode, test_parse, test_validate
from tests.components.data.loader_cases import (
    BLANK,
    FIXTURES,
    HEADER,
    F,
    L,
    R,
    load_case,
    problems_of,
)


class TestBundledStudy:
    def test_loads_every_table(self):
        dataset = load_dataset_dir()
        assert isinstance(dataset, Dataset)
        assert dataset.is_bundled
        assert len(dataset.findings) == 35
        assert len(dataset.recommendations) == 15
        assert len(dataset.links) == 40
        assert not dataset.glossary.empty
        assert dataset.study.licence.startswith("Creative Commons")

    def test_ids_are_the_documented_ranges(self):
        dataset = load_dataset_dir()
        assert dataset.findings["finding_id"].tolist() == [f"F{n:03d}" for n in range(1, 36)]
        assert dataset.recommendations["recommendation_id"].tolist() == [f"R{n:02d}" for n in range(1, 16)]

    def test_rows_are_numbered_as_a_spreadsheet_shows_them(self):
        findings = load_dataset_dir().findings
        assert findings["_row"].iloc[0] == "2"
        assert findings["_row"].iloc[-1] == str(len(findings) + 1)

    def test_coded_columns_are_categorical(self):
        findings = load_dataset_dir().findings
        assert list(findings["category"].cat.categories) == list(CATEGORIES)
        assert set(findings["basis"]) <= {"stated", "inferred"}

    def test_every_link_points_at_an_existing_id(self):
        dataset = load_dataset_dir()
        known = set(dataset.findings["finding_id"]) | set(dataset.recommendations["recommendation_id"])
        assert set(dataset.links["from_id"]) <= known
        assert set(dataset.links["to_id"]) <= known

    def test_a_copy_of_the_folder_is_not_marked_bundled(self, tmp_path):
        for name in ("findings.csv", "links.csv", "recommendations.csv"):
            (tmp_path / name).write_bytes((BUNDLED_DATA_DIR / name).read_bytes())
        dataset = load_dataset_dir(tmp_path, name="copy")
        assert not dataset.is_bundled
        assert dataset.study is None
        assert dataset.name == "copy"


# Bad files in tests/fixtures/bad/<case>/ that only the whole loader sees: (file, row, column, message).
BAD_FILES: dict = {
    "findings_missing": [(F, None, None, "findings.csv is required and was not given.")],
    # Every file's problems at once, listed file by file in the order a user meets them, then by row.
    "problems_in_every_file": [
        (F, 3, "group", BLANK),
        (R, 2, "audience", BLANK),
        (R, 2, "recommendation_id", "the id 'R01' is used more than once (rows 2, 3); each id must be unique."),
        (R, 3, "recommendation_id", "the id 'R01' is used more than once (rows 2, 3); each id must be unique."),
        (L, 3, "basis", "'maybe' is not an allowed value. Use one of: stated, inferred (or leave it blank)."),
        (L, 3, "to_id", "'F404' is not a finding_id or recommendation_id in this dataset."),
    ],
}


class TestBadFiles:
    def test_every_fixture_has_an_expected_result(self):
        on_disk = {folder.name for folder in (FIXTURES / "bad").iterdir() if folder.is_dir()}
        tables = (BAD_FILES, test_decode.BAD_FILES, test_parse.BAD_FILES, test_validate.BAD_FILES)
        assert on_disk == set().union(*tables)
        assert sum(len(table) for table in tables) == len(on_disk)

    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    def test_names_file_row_column_and_message(self, case):
        assert problems_of(load_case(FIXTURES / "bad" / case)) == BAD_FILES[case]

    def test_notes_survive_a_failed_check(self):
        files = {F: (HEADER.rstrip("\n") + ",Coder\nF1,A,barier,t,caf\xe9,x\n").encode("cp1252")}
        with pytest.raises(DatasetError) as caught:
            build_dataset(files, name="test")
        assert any("Windows-1252" in note for note in caught.value.notes)
        assert any("'Coder'" in note for note in caught.value.notes)


class TestGoodFiles:
    def test_every_fixture_has_an_expected_result(self):
        tables = (test_decode.GOOD_FILES, test_parse.GOOD_FILES, test_validate.GOOD_FILES)
        assert {folder.name for folder in (FIXTURES / "good").iterdir()} == set().union(*tables)
        assert sum(len(table) for table in tables) == len(set().union(*tables))

    def test_missing_optional_tables_are_empty_with_their_columns(self):
        dataset = build_dataset(load_case(FIXTURES / "good" / "utf8"), name="mine")
        assert dataset.recommendations.empty
        assert set(RECOMMENDATIONS_SPEC.columns) <= set(dataset.recommendations.columns)
        assert set(LINKS_SPEC.columns) <= set(dataset.links.columns)
        assert dataset.study is None
        assert not dataset.is_bundled
        assert dataset.groups == ["MHSW", "CSW"]

    def test_file_names_are_matched_without_folder_or_case(self):
        files = {"some/folder/Findings.CSV": load_case(FIXTURES / "good" / "utf8")[F]}
        assert len(build_dataset(files, name="x").findings) == 2


# ---------------------------------------------------------------------------------------------
# Property-based: whatever arrives, the loader answers with a Dataset or a DatasetError, nothing else.

cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
column_names = st.sampled_from([*FINDINGS_SPEC.columns, "Finding ID", " GROUP ", "extra", "", "Theme"]) | cell_text


@st.composite
def random_tables(draw) -> bytes:
    header = draw(st.lists(column_names, min_size=0, max_size=8))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(cell_text | st.sampled_from(CATEGORIES), min_size=max(0, width - 1), max_size=width + 1),
            max_size=6,
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = text.replace('"', "", draw(st.integers(0, 2)))  # break the quoting now and then
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@st.composite
def valid_findings(draw) -> list[dict[str, str]]:
    words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    clean = words.map(str.strip).filter(bool)
    count = draw(st.integers(1, 8))
    return [
        {
            "finding_id": f"F{index}",
            "group": draw(clean),
            "category": draw(st.sampled_from(CATEGORIES)),
            "theme": draw(clean),
            "statement": draw(clean),
        }
        for index in range(count)
    ]


class TestNeverCrashes:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw=st.binary(max_size=400))
    def test_random_bytes(self, raw):
        _build_or_dataset_error({F: raw})

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(findings=random_tables(), links=st.none() | random_tables(), recs=st.none() | random_tables())
    def test_random_tables(self, findings, links, recs):
        files = {F: findings}
        if links is not None:
            files[L] = links
        if recs is not None:
            files[R] = recs
        _build_or_dataset_error(files)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rows=valid_findings(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    def test_a_valid_table_reads_back_exactly(self, rows, encoding):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(FINDINGS_SPEC.required))
        writer.writeheader()
        writer.writerows(rows)
        dataset = build_dataset({F: buffer.getvalue().encode(encoding)}, name="x")
        read = dataset.findings[list(FINDINGS_SPEC.required)].astype(str)
        assert read.to_dict("records") == rows


def _build_or_dataset_error(files: dict[str, bytes]) -> None:
    dataset, problems = None, []
    try:
        dataset = build_dataset(files, name="fuzz")
    except DatasetError as error:
        problems = error.problems
        if not problems:
            raise AssertionError("a DatasetError must name at least one problem") from error
    for problem in problems:
        assert problem.file in {F, L, R}
        assert problem.message
        assert problem.row is None or problem.row >= 1
    if dataset is None:
        return
    assert isinstance(dataset.findings, pd.DataFrame)
    assert not dataset.findings.empty
    assert (dataset.findings["finding_id"] != "").all()


class TestFingerprint:
    """The digest caches key on: the same content gives the same digest, any changed byte a different one."""

    @staticmethod
    def bundled_files() -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in BUNDLED_DATA_DIR.glob("*.csv")}

    def test_same_content_same_fingerprint(self):
        first = build_dataset(self.bundled_files(), name="study")
        second = build_dataset(dict(reversed(list(self.bundled_files().items()))), name="study")
        assert len(first.fingerprint) == 64
        assert first.fingerprint == second.fingerprint

    def test_bundled_folder_loads_with_a_stable_fingerprint(self):
        assert load_dataset_dir().fingerprint == load_dataset_dir().fingerprint
        assert load_dataset_dir().fingerprint != build_dataset(self.bundled_files(), name="study").fingerprint

    def test_one_changed_cell_changes_the_fingerprint(self):
        files = self.bundled_files()
        changed = dict(files)
        changed[F] = files[F].replace(b"Face to face contact builds relationships.", b"Face to face contact helps.", 1)
        assert changed[F] != files[F]
        assert build_dataset(changed, name="study").fingerprint != build_dataset(files, name="study").fingerprint

    def test_study_metadata_and_name_are_part_of_it(self):
        files = self.bundled_files()
        plain = build_dataset(files, name="study")
        study = load_dataset_dir().study
        with_study = build_dataset(files, name="study", study=study)
        assert with_study.fingerprint != plain.fingerprint
        assert build_dataset(files, name="another").fingerprint != plain.fingerprint
        # One changed field of study.json changes the digest too.
        other_licence = dataclasses.replace(study, licence="CC BY")
        assert build_dataset(files, name="study", study=other_licence).fingerprint != with_study.fingerprint


class TestStudyFolder:
    """study.json is read with the folder's tables: its faults come with theirs, and its finding ids must exist."""

    @staticmethod
    def copy_of_the_bundled_folder(folder: Path) -> Path:
        for path in BUNDLED_DATA_DIR.iterdir():
            if path.is_file():
                (folder / path.name).write_bytes(path.read_bytes())
        return folder

    def test_a_copy_with_study_json_has_the_same_study(self, tmp_path):
        dataset = load_dataset_dir(self.copy_of_the_bundled_folder(tmp_path))
        assert dataset.study == load_dataset_dir().study
        assert dataset.name == "Carpenter (2019)"
        assert not dataset.is_bundled

    def test_a_malformed_study_json_is_listed_with_the_tables_faults(self, tmp_path):
        folder = self.copy_of_the_bundled_folder(tmp_path)
        study = json.loads((folder / "study.json").read_text(encoding="utf-8"))
        study["method"]["interviews"] = "8"
        (folder / "study.json").write_text(json.dumps(study), encoding="utf-8")
        (folder / F).write_bytes((folder / F).read_bytes().replace(b",barrier,", b",barier,", 1))
        with pytest.raises(DatasetError) as caught:
            load_dataset_dir(folder)
        problems = caught.value.problems
        assert [problem.file for problem in problems] == [F, "study.json"]
        assert str(problems[-1]) == (
            "study.json: the field 'method' → 'interviews' must be a whole number (without quote marks), "
            "not text in quote marks."
        )

    def test_finding_ids_the_study_names_must_be_in_findings_csv(self):
        study = dataclasses.replace(
            load_dataset_dir().study,
            headline_findings=("F035", "F999"),
            influences=(StudyInfluence("Culture", "F404"),),
        )
        files = {path.name: path.read_bytes() for path in BUNDLED_DATA_DIR.glob("*.csv")}
        with pytest.raises(DatasetError) as caught:
            build_dataset(files, name="x", study=study)
        assert caught.value.problems == [
            Problem("study.json", None, None, "'F404' in the field 'influences' is not a finding_id in findings.csv."),
            Problem(
                "study.json", None, None, "'F999' in the field 'headline_findings' is not a finding_id in findings.csv."
            ),
        ]
