"""Decks for the present tests: the bundled study's, and uploads made up in a test."""

from __future__ import annotations

from components.data.load import build_dataset
from components.data.model import Dataset


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(header)] + [",".join(cell(value) for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


FINDING_HEADER = ["finding_id", "group", "category", "theme", "statement", "evidence", "source", "basis"]


def upload(findings: list[list[str]], recommendations: bytes | None = None, links: bytes | None = None) -> Dataset:
    """A dataset as a user would upload it: no study metadata, no prompts, no glossary."""
    files = {"findings.csv": csv_bytes(FINDING_HEADER, findings)}
    if recommendations is not None:
        files["recommendations.csv"] = recommendations
    if links is not None:
        files["links.csv"] = links
    return build_dataset(files, name="Our team survey")


def kinds(slides) -> list[str]:
    return [slide.kind for slide in slides]
