"""Small uploaded datasets built through the loader, for the search and Explore tests."""

from __future__ import annotations

import csv
import io

from components.data.load import build_dataset


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def upload(findings: list[dict[str, str]], recommendations=None, links=None):
    files = {"findings.csv": csv_bytes(findings)}
    if recommendations:
        files["recommendations.csv"] = csv_bytes(recommendations)
    if links:
        files["links.csv"] = csv_bytes(links)
    return build_dataset(files, name="test upload")


def finding(finding_id: str, statement: str, **extra: str) -> dict[str, str]:
    row = {"finding_id": finding_id, "group": "Team A", "category": "barrier", "theme": "A theme"}
    row.update({"statement": statement, "evidence": "", "source": "", "basis": "stated"})
    row.update(extra)
    return row
