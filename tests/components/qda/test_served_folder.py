"""A study opened from a data folder (EXPLORER_DATA_DIR) is named as that study, never as an upload: by the
study.json the command line writes beside the tables, or by the folder's name when it has none."""

from __future__ import annotations

from dataclasses import replace

from components.data.load import load_dataset_dir
from components.present.deck import build_deck
from components.qda.__main__ import main
from components.shared.citation import citation_line
from tests.fixtures.qda import projects as fixtures


def test_a_folder_the_command_line_wrote_is_cited_as_the_servers_own_study(tmp_path):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    assert main([str(project), "--out", str(tmp_path / "Team survey 2026")]) == 0
    # What components.data.access does with the folder the server was started with.
    served = replace(load_dataset_dir(tmp_path / "Team survey 2026"), is_bundled=True)
    line = citation_line(served)
    assert line == "Fixture study. (n.d.)."  # the project's own name, from the study.json written with it
    assert "uploaded in this session" not in line
    closing = build_deck(served)[-1]
    assert closing.lead == line


def test_a_folder_without_study_json_is_cited_by_its_name(tmp_path):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    assert main([str(project), "--out", str(tmp_path / "Team survey 2026")]) == 0
    (tmp_path / "Team survey 2026" / "study.json").unlink()
    served = replace(load_dataset_dir(tmp_path / "Team survey 2026"), is_bundled=True)
    line = citation_line(served)
    assert line == "Team survey 2026: the study in the data folder this server was started with."
    assert "uploaded in this session" not in line
    closing = build_deck(served)[-1]
    assert closing.lead == line


def test_an_upload_is_still_said_to_be_one(tmp_path):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    assert main([str(project), "--out", str(tmp_path / "data")]) == 0
    (tmp_path / "data" / "study.json").unlink()  # an upload of the tables alone
    uploaded = load_dataset_dir(tmp_path / "data")
    assert citation_line(uploaded) == "data: data uploaded in this session."
