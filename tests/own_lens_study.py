"""The invented second study (tests/other_study.py: nurses and paramedics) with a lens of its OWN: "Team
working", whose elements are "Trust" and "Shared tools". Its recommendations are coded to those elements (one
in another case and spacing, as a spreadsheet might hold it), so the loader, the About page and the planner's
lens filter are run on a lens no line of code names. Invented for the tests; nothing here is real data.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from components.data.load import build_dataset
from components.data.model import Dataset
from components.your_data import metadata
from tests.components.small_uploads import csv_bytes
from tests.other_study import FINDINGS, LINKS, METADATA_FORM, RECOMMENDATIONS, SOURCE

LENS_NAME = "Team working"
ELEMENTS = ("Trust", "Shared tools")

RECOMMENDATIONS_WITH_ELEMENTS = [
    {**RECOMMENDATIONS[0], "cop_element": "  shared TOOLS "},
    {**RECOMMENDATIONS[1], "cop_element": "Trust"},
    {
        "recommendation_id": "H03",
        "audience": "Hospital managers",
        "text": "Give both services one handover form.",
        "evidence": "Give both services one handover form",
        "source": f"{SOURCE}: recommendations",
        "cop_element": "Shared tools",
        "basis": "inferred",
    },
]
# The Your data form as a researcher fills it in for this study: the lens named, its elements one a line.
LENS_FORM = {**METADATA_FORM, "lens_name": LENS_NAME, "lens_elements": "\n".join(ELEMENTS)}


def files(recommendations: list[dict] | None = None) -> dict[str, bytes]:
    return {
        "findings.csv": csv_bytes(FINDINGS),
        "recommendations.csv": csv_bytes(recommendations or RECOMMENDATIONS_WITH_ELEMENTS),
        "links.csv": csv_bytes(LINKS),
    }


def study():
    return metadata.study_from_form(metadata.MetadataForm(**LENS_FORM))


def own_lens_study() -> Dataset:
    """The study as the loader builds it with its details (lens included) given."""
    return build_dataset(files(), name="Handover study", study=study())


def write_folder(directory: Path, recommendations: list[dict] | None = None) -> Path:
    """The study as a data folder with its study.json (as `python -m components.qda … --out` writes one)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files(recommendations).items():
        (directory / name).write_bytes(content)
    metadata.write_study_file(study(), directory)
    return directory


def with_element(recommendation_id: str, element: str) -> list[dict]:
    """The recommendations with one of them coded to `element`."""
    return [
        {**row, "cop_element": element} if row["recommendation_id"] == recommendation_id else dict(row)
        for row in RECOMMENDATIONS_WITH_ELEMENTS
    ]


def without_lens(dataset: Dataset) -> Dataset:
    return dataclasses.replace(dataset, study=dataclasses.replace(dataset.study, lens=None))
