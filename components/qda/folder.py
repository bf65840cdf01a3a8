"""The app's own data folder from a mapped QDA project: the same CSV files the loader reads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from components.data.load import build_dataset
from components.data.model import Dataset
from components.data.vocabulary import LONG_CELL_CHARS
from components.qda.mapping import Mapping, build_tables
from components.qda.model import QdaProject


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Plain UTF-8 CSV, every cell kept exactly (evidence is verbatim: no formula-guard prefix is added)."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def project_files(project: QdaProject, mapping: Mapping) -> tuple[dict[str, bytes], list[str]]:
    tables, notes = build_tables(project, mapping)
    files = {name: csv_bytes(frame) for name, frame in tables.items() if name == "findings.csv" or not frame.empty}
    return files, notes


def project_dataset(project: QdaProject, mapping: Mapping, name: str | None = None) -> Dataset:
    """The project as a dataset, through the same loader as every CSV upload."""
    files, notes = project_files(project, mapping)
    # A coded passage is never refused for its length: the 5,000-character limit is for a typed cell.
    dataset = build_dataset(files, name=name or project.name, max_cell_chars=LONG_CELL_CHARS)
    return replace(dataset, notes=(*notes, *dataset.notes))


def write_folder(project: QdaProject, mapping: Mapping, folder: Path | str) -> list[Path]:
    """Write the CSV files into `folder` (created if needed). The project is checked by the loader first."""
    files, _ = project_files(project, mapping)
    build_dataset(files, name=project.name, max_cell_chars=LONG_CELL_CHARS)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written
