"""recommendations.csv's lens elements are checked against the study's OWN lens (components/data/lens.py): a
study with "Trust" and "Shared tools" loads them; the bundled study keeps Communities of Practice because its
study.json says so; a value that is not one of the study's elements names its file, row and column."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError, Problem, Study, StudyLens
from components.data.vocabulary import BUNDLED_DATA_DIR, STUDY_FILE
from components.your_data import metadata, upload
from tests import own_lens_study as own
from tests.other_study import other_study

R = "recommendations.csv"


def problems(error: pytest.ExceptionInfo) -> list[tuple]:
    return [(problem.file, problem.row, problem.column, problem.message) for problem in error.value.problems]


class TestAStudysOwnLens:
    def test_a_folder_whose_study_json_names_its_own_lens_loads_its_elements_in_the_studys_spelling(self, tmp_path):
        dataset = load_dataset_dir(own.write_folder(tmp_path / "handover"))
        assert dataset.study.lens == StudyLens(name="Team working", elements=("Trust", "Shared tools"))
        by_id = dataset.recommendations.set_index("recommendation_id")["cop_element"].to_dict()
        # "  shared TOOLS " in the file is the study's "Shared tools".
        assert by_id == {"H01": "Shared tools", "H02": "Trust", "H03": "Shared tools"}
        assert not dataset.notes

    def test_an_element_not_in_the_studys_lens_names_file_row_and_column(self, tmp_path):
        folder = own.write_folder(tmp_path / "handover", own.with_element("H02", "Trusst"))
        with pytest.raises(DatasetError) as caught:
            load_dataset_dir(folder)
        assert problems(caught) == [
            (
                R,
                3,
                "cop_element",
                "'Trusst' is not an element of the study's lens, Team working. Use one of: Trust, Shared tools "
                "(or leave it blank). Did you mean 'Trust'?",
            )
        ]
        assert str(caught.value.problems[0]).startswith("recommendations.csv, row 3, column 'cop_element': ")

    def test_the_bundled_studys_elements_are_refused_under_another_lens(self):
        files = own.files(own.with_element("H03", "mutual engagement"))
        with pytest.raises(DatasetError) as caught:
            build_dataset(files, name="handover", study=own.study())
        assert [(file, row, column) for file, row, column, _ in problems(caught)] == [(R, 4, "cop_element")]
        assert "'mutual engagement' is not an element of the study's lens, Team working." in problems(caught)[0][3]

    def test_every_row_at_fault_is_listed_with_the_tables_other_faults(self):
        rows = own.with_element("H01", "Tools")
        rows[1] = {**rows[1], "cop_element": "Respect", "audience": ""}
        with pytest.raises(DatasetError) as caught:
            build_dataset(own.files(rows), name="handover", study=own.study())
        assert [(file, row, column) for file, row, column, _ in problems(caught)] == [
            (R, 2, "cop_element"),
            (R, 3, "audience"),
            (R, 3, "cop_element"),
        ]

    def test_a_study_without_a_lens_sets_its_elements_aside_naming_file_column_and_rows(self):
        study = dataclasses.replace(own.study(), lens=None)
        files = own.files(own.with_element("H01", "anything at all"))
        dataset = build_dataset(files, name="handover", study=study)
        # Elements of no lens: no page, slide or export can show them, so none is kept.
        assert dataset.recommendations["cop_element"].tolist() == ["", "", ""]
        assert dataset.notes == (
            "recommendations.csv, column 'cop_element', rows 2, 3, 4: 3 recommendations name an element of a lens, "
            "but the study defines no lens: they are set aside and no page shows them. To show them, name the lens "
            "and its elements in the study's details (study.json's `lens`, or the form on Your data).",
        )
        # The rest of the row is kept as written.
        assert dataset.recommendations["text"].tolist() == [row["text"] for row in own.RECOMMENDATIONS_WITH_ELEMENTS]

    def test_without_any_study_metadata_the_elements_are_set_aside_too(self):
        rows = [dict(row, cop_element="") for row in own.RECOMMENDATIONS_WITH_ELEMENTS]
        rows[1]["cop_element"] = "Trust"
        dataset = build_dataset(own.files(rows), name="handover")
        assert dataset.recommendations["cop_element"].tolist() == ["", "", ""]
        assert len(dataset.notes) == 1
        assert dataset.notes[0].startswith(
            "recommendations.csv, column 'cop_element', row 3: 1 recommendation names an element of a lens, "
        )

    def test_a_long_list_of_rows_is_cut_short_with_a_count(self):
        template = own.RECOMMENDATIONS_WITH_ELEMENTS[0]
        rows = [{**template, "recommendation_id": f"H{number:02d}", "cop_element": "Trust"} for number in range(14)]
        dataset = build_dataset(own.files(rows), name="handover")
        assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 4 more: 14 recommendations name" in dataset.notes[0]

    def test_a_blank_column_is_no_lens_and_says_nothing(self):
        rows = [dict(row, cop_element="  ") for row in own.RECOMMENDATIONS_WITH_ELEMENTS]
        dataset = build_dataset(own.files(rows), name="handover", study=dataclasses.replace(own.study(), lens=None))
        assert not dataset.notes


class TestTheBundledStudyFromItsData:
    """Communities of Practice is the bundled study's lens because data/study.json says so."""

    @staticmethod
    def bundled_copy(folder: Path, change) -> Path:
        shutil.copytree(BUNDLED_DATA_DIR, folder)
        study = json.loads((folder / STUDY_FILE).read_text(encoding="utf-8"))
        change(study)
        (folder / STUDY_FILE).write_text(json.dumps(study, ensure_ascii=False), encoding="utf-8")
        return folder

    def test_the_bundled_study_loads_its_lens_from_study_json(self):
        bundled = load_dataset_dir()
        lens = bundled.study.lens
        assert lens.name == "Communities of Practice"
        used = set(bundled.recommendations["cop_element"]) - {""}
        assert used == set(lens.elements)

    def test_a_bundled_copy_whose_study_json_drops_an_element_refuses_its_rows(self, tmp_path):
        def drop_shared_repertoire(study: dict) -> None:
            study["lens"]["elements"] = ["mutual engagement", "joint enterprise"]

        bundled = load_dataset_dir()
        rows = bundled.recommendations[bundled.recommendations["cop_element"] == "shared repertoire"]["_row"]
        with pytest.raises(DatasetError) as caught:
            load_dataset_dir(self.bundled_copy(tmp_path / "data", drop_shared_repertoire))
        assert [(file, row, column) for file, row, column, _ in problems(caught)] == [
            (R, int(row), "cop_element") for row in rows
        ]

    def test_a_bundled_copy_with_its_lens_renamed_in_study_json_loads_with_those_elements(self, tmp_path):
        def rename(study: dict) -> None:
            study["lens"] = {
                "name": "Practice",
                "elements": ["Mutual Engagement", "Joint Enterprise", "Shared Repertoire"],
            }

        dataset = load_dataset_dir(self.bundled_copy(tmp_path / "data", rename))
        assert set(dataset.recommendations["cop_element"]) - {""} == {
            "Mutual Engagement",
            "Joint Enterprise",
            "Shared Repertoire",
        }


class TestTheYourDataRoutes:
    def test_a_csv_upload_is_checked_against_the_lens_typed_into_the_form(self):
        uploads = {name: (f"handover_{name}", raw) for name, raw in own.files(own.with_element("H03", "Tools")).items()}
        result, checked = upload.check_files(uploads, "Handover study", ("fp",), own.study())
        assert checked is None
        assert result.problems == (
            Problem(
                R,
                4,
                "cop_element",
                "'Tools' is not an element of the study's lens, Team working. Use one of: Trust, Shared tools "
                "(or leave it blank).",
            ),
        )
        result, checked = upload.check_files(
            {name: (name, raw) for name, raw in own.files().items()}, "Handover study", ("fp",), own.study()
        )
        assert result.ok
        assert checked.study.lens.elements == own.ELEMENTS
        assert checked.recommendations["cop_element"].tolist() == ["Shared tools", "Trust", "Shared tools"]

    def test_with_study_checks_and_respells_the_elements_of_an_opened_study(self):
        lower_case = StudyLens(name="Team working", elements=("trust", "shared tools"))
        opened = build_dataset(own.files(), name="Handover study", study=Study(title="Handover", lens=lower_case))
        assert opened.recommendations["cop_element"].tolist() == ["shared tools", "trust", "shared tools"]
        with_lens = metadata.with_study(opened, own.study())
        assert with_lens.recommendations["cop_element"].tolist() == ["Shared tools", "Trust", "Shared tools"]
        assert with_lens.fingerprint != opened.fingerprint
        other = Study(title="Handover", lens=StudyLens(name="Other", elements=("Respect",)))
        with pytest.raises(DatasetError) as caught:
            metadata.with_study(opened, other)
        assert [(file, row, column) for file, row, column, _ in problems(caught)] == [
            (R, 2, "cop_element"),
            (R, 3, "cop_element"),
            (R, 4, "cop_element"),
        ]

    def test_with_a_study_without_a_lens_the_elements_are_set_aside_and_noted(self):
        opened = own.own_lens_study()
        lensless = metadata.with_study(opened, dataclasses.replace(own.study(), lens=None))
        assert lensless.recommendations["cop_element"].tolist() == ["", "", ""]
        assert opened.recommendations["cop_element"].tolist() == ["Shared tools", "Trust", "Shared tools"]
        assert len(lensless.notes) == 1
        assert lensless.notes[0].startswith("recommendations.csv, column 'cop_element', rows 2, 3, 4: ")
        assert "set aside" in lensless.notes[0]

    def test_a_study_without_recommendations_takes_any_lens(self):
        assert metadata.with_study(other_study(), own.study()).study.lens.name == "Team working"

    def test_a_study_with_no_recommendations_file_takes_its_lens(self):
        findings_only = build_dataset({"findings.csv": own.files()["findings.csv"]}, name="Handover study")
        assert metadata.with_study(findings_only, own.study()).study.lens.elements == own.ELEMENTS
