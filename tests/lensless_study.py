"""The invented second study (tests/other_study.py: nurses and paramedics) whose recommendations.csv FILLS the
`cop_element` column although its details define no lens, as a spreadsheet made from the template might.

The loader sets those values aside (components/data/lens.py) with a note naming the file, column and rows, so
no page, slide, export or plan shows a lens tag, filter or column for a lens the study does not have. The
element names are invented and used nowhere else in the study, so a test can look for them in any text.
Invented for the tests; nothing here is real data.
"""

from __future__ import annotations

from pathlib import Path

from components.data.load import build_dataset
from components.data.model import Dataset
from components.your_data import metadata
from tests.components.small_uploads import csv_bytes
from tests.other_study import FINDINGS, LINKS, METADATA_FORM, RECOMMENDATIONS

# Words no page may show for this study: its two element names as the file spells them, and what the app calls
# a lens element or marks on one. Checked case-sensitively (the study itself says "trust" in a link note).
ELEMENTS = ("Kinship", "Common ground")
LENS_WORDS = (*ELEMENTS, "Lens element", "lens element", "element inferred", "Communities of Practice")

RECOMMENDATIONS_WITH_ELEMENTS = [
    {**RECOMMENDATIONS[0], "cop_element": "Common ground", "basis": "inferred"},
    {**RECOMMENDATIONS[1], "cop_element": "Kinship", "basis": "stated"},
]
# The spreadsheet rows that name an element (the header is row 1).
ELEMENT_ROWS = (2, 3)


def files() -> dict[str, bytes]:
    return {
        "findings.csv": csv_bytes(FINDINGS),
        "recommendations.csv": csv_bytes(RECOMMENDATIONS_WITH_ELEMENTS),
        "links.csv": csv_bytes(LINKS),
    }


def details():
    """Its details as the Your data form holds them: title, authors, groups, and no lens."""
    return metadata.study_from_form(metadata.MetadataForm(**METADATA_FORM))


def lensless_study() -> Dataset:
    """The study as an upload opened with its details (no lens) builds it."""
    return build_dataset(files(), name="Handover study", study=details())


def lens_words_in(text: str) -> list[str]:
    return [word for word in LENS_WORDS if word in text]


def write_folder(directory: Path) -> Path:
    """The study as a data folder (for EXPLORER_DATA_DIR) with its study.json, which names no lens."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        (directory / name).write_bytes(content)
    metadata.write_study_file(details(), directory)
    return directory
