"""Honest naming: what users read never calls the evidence the participants' words, nor cites a file number.

The bundled evidence is the researcher's summary, the thesis abstract and record, and context sources; none
is a participant's transcript. Sources are named the way a reference would name them ("Carpenter n.d.,
summary: …"), never by the internal number of a seed file ("seed 002").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCANNED = [
    *sorted((REPO / "data").glob("*")),
    *sorted((REPO / "pages").glob("*.py")),
    *sorted((REPO / "components").rglob("*.py")),
    *sorted((REPO / "docs").glob("*.md")),
    REPO / "README.md",
    REPO / "app.py",
]
PARTICIPANTS_WORDS = re.compile(r"participants?['’]s?\s+(own\s+)?words", re.IGNORECASE)
SEED_NUMBER = re.compile(r"\bseeds?\s*[`(]?\s*0\d\d\b", re.IGNORECASE)


def study() -> dict:
    return json.loads((REPO / "data" / "study.json").read_text(encoding="utf-8"))


def hits(pattern: re.Pattern) -> list[str]:
    found = []
    for path in SCANNED:
        if not path.is_file() or path.suffix not in {".py", ".md", ".csv", ".json"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    return found


def test_the_scan_covers_the_data_pages_components_and_docs():
    names = {path.relative_to(REPO).as_posix() for path in SCANNED if path.is_file()}
    assert {"data/README.md", "data/context.csv", "data/study.json", "pages/explore.py", "README.md"} <= names
    assert "components/ui/frame.py" in names


def test_no_bundled_source_is_a_participants_transcript():
    """So nothing may call its quotes the participants' words."""
    kinds = {source["kind"] for source in study()["sources"]}
    assert kinds
    assert "participant transcript" not in kinds


@pytest.mark.parametrize(
    "text",
    ["the participants' words", "the participants’ words", "in the participant's own words", "Participants' Words"],
)
def test_the_pattern_catches_each_spelling(text):
    assert PARTICIPANTS_WORDS.search(text)


@pytest.mark.parametrize("text", ["(seed 002)", "seed `000`", "seeds 004", "Seed 003"])
def test_the_seed_pattern_catches_file_numbers(text):
    assert SEED_NUMBER.search(text)


def test_nothing_users_read_calls_the_evidence_the_participants_words():
    assert hits(PARTICIPANTS_WORDS) == []


def test_no_source_is_named_by_an_internal_file_number():
    assert hits(SEED_NUMBER) == []
