"""`python -m components.qda PROJECT --out FOLDER` writes a data folder the app's own loader opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from components.data.load import load_dataset_dir
from components.qda.__main__ import main
from tests.fixtures.qda import projects as fixtures

REPO = Path(__file__).resolve().parents[3]


def test_writes_a_folder_that_load_dataset_dir_opens(tmp_path, capsys):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    assert main([str(project), "--out", str(tmp_path / "data")]) == 0
    dataset = load_dataset_dir(tmp_path / "data")
    assert set(dataset.groups) == {"MHSW", "CSW"}
    assert fixtures.PASSAGES["matters"] in set(dataset.findings["evidence"])
    assert len(dataset.recommendations) == 1
    assert len(dataset.links) == 1
    # study.json beside the tables, with the title the project names and nothing guessed.
    assert (tmp_path / "data" / "study.json").exists()
    assert dataset.study.title
    assert (dataset.study.author, dataset.study.year, dataset.study.licence) == ("", None, "")
    printed = capsys.readouterr().out
    assert "counts are counts of coded segments" in printed
    assert f"EXPLORER_DATA_DIR={tmp_path / 'data'} streamlit run app.py" in printed


def test_group_and_category_can_be_changed(tmp_path):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    out = tmp_path / "data"
    assert main([str(project), "--out", str(out), "--group", "none", "--category", "Barriers=observation"]) == 0
    dataset = load_dataset_dir(out)
    assert dataset.groups == ["All"]
    assert "barrier" not in set(dataset.findings["category"].astype(str))


def test_a_bad_project_is_named_on_stderr_and_nothing_is_written(tmp_path):
    project = tmp_path / "broken.qdpx"
    project.write_bytes(fixtures.selection_past_end())
    result = subprocess.run(
        [sys.executable, "-m", "components.qda", str(project), "--out", str(tmp_path / "data")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "broken.qdpx › project.qde, line 15, PlainTextSelection 0000012f" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_export_writes_a_project_and_a_codebook_that_import_back_with_the_same_ids(tmp_path, capsys):
    from components.qda import read_qda_file
    from components.qda.folder import project_dataset
    from components.qda.mapping import guess_mapping

    assert main(["export", str(REPO / "data"), "--out", str(tmp_path / "study.qdpx")]) == 0
    assert main(["export", str(REPO / "data"), "--out", str(tmp_path / "codebook.qdc")]) == 0
    assert "Wrote" in capsys.readouterr().out
    bundled = load_dataset_dir(REPO / "data")
    project = read_qda_file("study.qdpx", (tmp_path / "study.qdpx").read_bytes())
    again = project_dataset(project, guess_mapping(project))
    assert sorted(again.findings["finding_id"]) == sorted(bundled.findings["finding_id"])
    assert (tmp_path / "codebook.qdc").read_bytes().startswith(b"<?xml")


def test_export_refuses_a_folder_without_findings_and_a_wrong_file_type(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "components.qda", "export", str(tmp_path), "--out", str(tmp_path / "x.qdpx")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not a data folder (it has no findings.csv)" in result.stderr
    assert main(["export", str(REPO / "data"), "--out", str(tmp_path / "x.zip")]) == 2
    assert not (tmp_path / "x.zip").exists()


def test_the_summary_says_how_positions_were_counted(tmp_path, capsys):
    project = tmp_path / "study.qdpx"
    project.write_bytes(fixtures.sources_file_project())
    assert main([str(project), "--out", str(tmp_path / "data")]) == 0
    assert "Character positions were read as Unicode code points" in capsys.readouterr().out


def test_a_folder_holding_a_long_passage_opens_as_the_servers_study(tmp_path):
    """The 6,381-character NVivo passage is written to the folder and read back whole (the 5,000 limit is for
    a typed cell in an upload, not for the server's own folder)."""
    from tests.qda_corpus import corpus_file

    source = corpus_file("nvivo_win12_oltas_1source.qdpx")
    assert main([str(source), "--out", str(tmp_path / "data")]) == 0
    dataset = load_dataset_dir(tmp_path / "data")
    assert len(dataset.findings) == 97
    assert max(dataset.findings["evidence"].str.len()) > 6_000
