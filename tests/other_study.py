"""A second, invented study: nurses and paramedics at handover, with no lens and audiences of its own.

Every page, the deck, the handouts, the chart images and the plan documents are run on it to check that no
word of the bundled study (tests/bundled_words.py) leaks into a study that does not use it. Its quotes are
invented for the tests and cited to an invented source; nothing here is real data.
"""

from __future__ import annotations

from pathlib import Path

from components.data.load import build_dataset
from components.data.model import Dataset
from components.your_data import metadata
from tests.components.small_uploads import csv_bytes

GROUPS = ("Nurses", "Paramedics")
GROUP_NAMES = {"Nurses": "Emergency department nurses", "Paramedics": "Ambulance paramedics"}
SOURCE = "Handover study 2024, interviews"


def _finding(finding_id: str, group: str, category: str, theme: str, statement: str, partner: str = "") -> dict:
    return {
        "finding_id": finding_id,
        "group": group,
        "category": category,
        "theme": theme,
        "statement": statement,
        "evidence": statement.rstrip("."),
        "source": f"{SOURCE}: {theme}",
        "partner": partner,
        "basis": "stated",
    }


FINDINGS = [
    _finding("N01", "Nurses", "purpose", "Safer care", "A clear handover keeps patients safe.", "clients"),
    _finding(
        "N02",
        "Paramedics",
        "purpose",
        "Safer care",
        "Handing over well lets crews get back on the road.",
        "professionals",
    ),
    _finding("N03", "Nurses", "barrier", "Time pressure", "Crowded corridors leave no time to listen."),
    _finding("N04", "Paramedics", "barrier", "Time pressure", "Waiting to hand over delays the next call."),
    _finding("N05", "All", "barrier", "Different records", "Each service writes its notes in its own system."),
    _finding("N06", "Nurses", "perception", "Views of the other", "Paramedics rush the handover."),
    _finding("N07", "Paramedics", "perception", "Views of the other", "Nurses do not read the patient report."),
    _finding("N08", "All", "enabler", "Shared tools", "A joint study day helped."),
    _finding("N09", "All", "enabler", "Shared tools", "One handover form for both services helps."),
    _finding("N10", "All", "observation", "About the study", "Twelve interviews took place in one hospital."),
]
RECOMMENDATIONS = [
    {
        "recommendation_id": "H01",
        "audience": "Hospital managers",
        "text": "Set aside a handover bay at the front door.",
        "evidence": "Set aside a handover bay at the front door",
        "source": f"{SOURCE}: recommendations",
        "basis": "stated",
    },
    {
        "recommendation_id": "H02",
        "audience": "Ambulance service leads",
        "text": "Run a joint study day each year.",
        "evidence": "Run a joint study day each year",
        "source": f"{SOURCE}: recommendations",
        "basis": "stated",
    },
]
LINKS = [
    {"from_id": "N08", "to_id": "N06", "relation": "overcomes", "basis": "inferred", "note": "Meeting eases views."},
    {"from_id": "N09", "to_id": "N05", "relation": "overcomes", "basis": "inferred", "note": "One form, one record."},
    {"from_id": "H01", "to_id": "N03", "relation": "addresses", "basis": "inferred", "note": "A bay makes time."},
    {"from_id": "H02", "to_id": "N07", "relation": "addresses", "basis": "inferred", "note": "Study days build trust."},
]


# Its metadata as the Your data page's form would hold it (components/your_data/metadata.py): no lens.
METADATA_FORM = dict(
    title="Handover between emergency nurses and paramedics",
    authors="Okafor, Ada",
    year="2024",
    publisher="Northern Health Research Unit",
    licence="CC BY 4.0",
    question="What makes a handover between the two services work?",
    group_names="Nurses = Emergency department nurses\nParamedics = Ambulance paramedics",
)


def files() -> dict[str, bytes]:
    return {
        "findings.csv": csv_bytes(FINDINGS),
        "recommendations.csv": csv_bytes(RECOMMENDATIONS),
        "links.csv": csv_bytes(LINKS),
    }


def other_study() -> Dataset:
    """The invented study as an upload would make it."""
    return build_dataset(files(), name="Handover study")


def other_study_with_metadata() -> Dataset:
    """The invented study as an upload opened with its details filled in on the Your data page."""
    return metadata.with_study(other_study(), metadata.study_from_form(metadata.MetadataForm(**METADATA_FORM)))


def write_folder(directory: Path, with_metadata: bool = False) -> Path:
    """The invented study as a data folder (for EXPLORER_DATA_DIR), with its study.json if asked."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        (directory / name).write_bytes(content)
    if with_metadata:
        metadata.write_study_file(metadata.study_from_form(metadata.MetadataForm(**METADATA_FORM)), directory)
    return directory


def page_text(app) -> str:
    """Every text an AppTest run shows: titles, headings, Markdown, captions, labels, options, tables."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        children = getattr(node, "children", None) or {}
        for child in children.values() if isinstance(children, dict) else children:
            walk(child)

    walk(app._tree)
    return "\n".join(parts)
