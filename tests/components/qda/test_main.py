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
