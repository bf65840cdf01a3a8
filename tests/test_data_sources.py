"""Honest data: every quote in data/ stands word for word in a source document.

Only whitespace may differ between a quote and its source (line breaks in the seeds). Quote marks
and dashes must match exactly, so a curly apostrophe in the source stays curly in the data.
"""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from components.data.load import load_dataset_dir

REPO = Path(__file__).resolve().parents[1]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def sources(seed_documents: list[Path]) -> list[str]:
    texts = [squash(path.read_text(encoding="utf-8")) for path in seed_documents]
    assert len(texts) == 5, "expected the five seed documents"
    return texts


@pytest.fixture(scope="module")
def dataset():
    return load_dataset_dir(REPO / "data")


def quoted_cells(dataset) -> list[tuple[str, str, str]]:
    """(table, id, quote) for every cell that claims to quote a source."""
    cells = []
    tables = {
        "findings": (dataset.findings, "finding_id", ("evidence", "detail")),
        "recommendations": (dataset.recommendations, "recommendation_id", ("text", "evidence")),
        "context": (dataset.context, "context_id", ("evidence",)),
        "glossary": (dataset.glossary, "term", ("evidence",)),
        "prompts": (dataset.prompts, "prompt_id", ("evidence",)),
        "assessment_items": (dataset.assessment_items, "item_id", ()),
    }
    for table, (frame, id_column, columns) in tables.items():
        for column in columns:
            for row_id, value in zip(frame[id_column], frame[column], strict=True):
                if isinstance(value, str) and value:
                    cells.append((f"{table}.{column}", row_id, value))
    study = json.loads((REPO / "data" / "study.json").read_text(encoding="utf-8"))
    for key in ("licence_evidence", "question_evidence"):
        cells.append(("study", key, study[key]))
    for index, item in enumerate(study["method"]["evidence"]):
        cells.append(("study.method", str(index), item["quote"]))
    for index, item in enumerate(study["limits"]):
        if item["quote"]:
            cells.append(("study.limits", str(index), item["quote"]))
    # A link's note may quote the source in single quotes: those phrases must be verbatim too.
    for row_id, note in zip(
        dataset.links["from_id"] + "→" + dataset.links["to_id"], dataset.links["note"], strict=True
    ):
        for phrase in re.findall(r"'([^']{15,})'", note):
            cells.append(("links.note", row_id, phrase))
    return cells


def test_every_quote_is_verbatim_in_a_source(dataset, sources):
    cells = quoted_cells(dataset)
    assert len(cells) > 60
    missing = [
        (table, row_id, quote[:70]) for table, row_id, quote in cells if not any(squash(quote) in s for s in sources)
    ]
    assert missing == []


def test_every_finding_has_evidence_and_source(dataset):
    findings = dataset.findings
    assert (findings["evidence"].str.len() > 0).all()
    assert findings["source"].str.startswith("Carpenter ").all()


def test_recommendation_text_is_its_evidence(dataset):
    recommendations = dataset.recommendations
    assert len(recommendations) == 15
    assert (recommendations["text"] == recommendations["evidence"]).all()


def test_four_audiences_named_as_the_source_names_them(dataset, sources):
    assert dataset.audiences == [
        "the Local Authority as an organisation",
        "Children's social care",
        "Mental Health social workers",
        "Mental Health in Families team",
    ]
    summary = sources[0]
    for audience in (
        "the Local Authority as an organisation",
        "Children’s social care",
        "Mental Health social workers",
        "Mental Health in Families team",
    ):
        assert audience in summary


def test_only_the_source_states_participant_counts(dataset):
    """The one participant count is the study's own: 8 interviews, 4 in each service, keyed by the study's own
    group labels."""
    method = json.loads((REPO / "data" / "study.json").read_text(encoding="utf-8"))["method"]
    assert method["interviews"] == 8
    assert method["interviews_by_group"] == [{"group": "MHSW", "interviews": 4}, {"group": "CSW", "interviews": 4}]
    assert "4 SW's from each services, 8 in total" in method["evidence"][0]["quote"]
    statements = " ".join(dataset.findings["statement"])
    assert not re.search(r"\d+ ?%|\b(one|two|three|four|five|six|seven|eight) (of|social workers)", statements)


def test_links_are_marked_and_explained(dataset):
    links = dataset.links
    assert set(links["basis"].astype(str)) <= {"stated", "inferred"}
    assert (links["note"].str.len() > 10).all()
    kinds = dataset.findings.set_index("finding_id")["category"].astype(str).to_dict()
    kinds.update(dict.fromkeys(dataset.recommendations["recommendation_id"], "recommendation"))
    pairs = set(zip(links["from_id"].map(kinds), links["relation"], strict=True))
    assert ("enabler", "overcomes") in pairs
    assert ("recommendation", "addresses") in pairs
    assert {kind for kind, _ in pairs} <= {"enabler", "recommendation", "perception", "observation"}


def test_every_summary_barrier_and_enabler_is_coded(dataset, sources):
    """Each bold heading of the summary's barrier, view and help sections is some finding's evidence."""
    headings = [
        "Social workers do not understand enough about the 'other' service or what each other does",
        "Our individual services don't prioritise collaboration",
        "Social work is a tough job and our wellbeing can often be neglected",
        "Better understanding of each other's services, roles and responsibilities",
        "Relationships are helped by familiarity",
        "Face to face contact builds relationships",
        "Mental Health in Families team",
        "Children's social workers are responsible for their own poor image",
        "Families don't like having us involved",
    ]
    evidence = " | ".join(dataset.findings["evidence"])
    for heading in headings:
        assert heading in evidence
        assert heading in sources[0]
    assert pd.Series(dataset.findings["category"].astype(str)).value_counts().to_dict() == {
        "observation": 9,
        "purpose": 9,
        "perception": 7,
        "barrier": 6,
        "enabler": 4,
    }
