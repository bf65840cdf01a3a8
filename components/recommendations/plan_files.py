"""The action plan as files a team lead keeps: a spreadsheet-safe CSV and a Markdown plan, both with the reasons
behind each recommendation and the study's own words. Nothing here imports Streamlit."""

from __future__ import annotations

import pandas as pd

from components.data.exports import safe_csv_bytes
from components.data.model import Dataset
from components.recommendations.planner import ADDRESSES, reason_label, reasons
from components.shared import study_words
from components.shared.action_plan import as_date
from components.shared.text import cell_text, escape_markdown
from components.shared.wording import APP_NAME


def _reason_items(reason_frame: pd.DataFrame, recommendation_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What one recommendation addresses, and what else it is linked to (builds on)."""
    own = reason_frame.loc[reason_frame["recommendation_id"] == recommendation_id]
    return own.loc[own["relation"] == ADDRESSES], own.loc[own["relation"] != ADDRESSES]


def _inferred_mark(basis: str) -> str:
    return " (link inferred by this app)" if basis == "inferred" else ""


def _ordered_by_audience(dataset: Dataset, table: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Plan rows grouped by audience, audiences in the data's order, items in plan order within each."""
    audiences = [audience for audience in dataset.audiences if audience in set(table["audience"])]
    return [(audience, table.loc[table["audience"] == audience]) for audience in audiences]


def plan_export_frame(dataset: Dataset, table: pd.DataFrame, citation: str) -> pd.DataFrame:
    """The plan as a spreadsheet: one row per recommendation with its reasons, evidence and the team's details."""

    def reason_line(entries: list[dict]) -> str:
        return " | ".join(
            f"{entry['label']}{_inferred_mark('inferred' if entry['inferred'] else '')}" for entry in entries
        )

    # A lens element column only for a study that defines a lens (a study without one has no elements to show).
    element_column = study_words.lens_element_label(dataset) if study_words.lens(dataset) else None
    rows = [
        {
            "Audience": item["audience"],
            "Recommendation ID": item["recommendation_id"],
            "Recommendation": item["recommendation"],
            "Owner": item["owner"],
            "Due date": item["due_date"].isoformat() if item["due_date"] else "",
            "First step": item["first_step"],
            "Notes": item["notes"],
            "Why: what it addresses": reason_line(item["addresses"]),
            "Evidence for what it addresses (verbatim)": " | ".join(
                f"“{entry['evidence']}” ({entry['source']})" for entry in item["addresses"] if entry["evidence"]
            ),
            "Builds on": reason_line(item["builds_on"]),
            element_column: item["element"] + (" (inferred by this app)" if item["element_inferred"] else ""),
            "Recommendation source": item["source"],
            "Study": citation,
        }
        for item in plan_items(dataset, table)
    ]
    columns = [
        "Audience",
        "Recommendation ID",
        "Recommendation",
        "Owner",
        "Due date",
        "First step",
        "Notes",
        "Why: what it addresses",
        "Evidence for what it addresses (verbatim)",
        "Builds on",
        element_column,
        "Recommendation source",
        "Study",
    ]
    return pd.DataFrame(rows, columns=[column for column in columns if column is not None], dtype=object)


def plan_items(dataset: Dataset, table: pd.DataFrame) -> list[dict]:
    """The plan for a printed document: per item, in audience then plan order, its details and its reasons.

    Each reason is a dict with "label" (the finding in one line), "inferred" (the link is this app's reading),
    "evidence" and "source" (the finding's verbatim words and where they come from). Values are raw data:
    the document writer makes them plain text.
    """
    if table.empty:
        return []
    reason_frame = reasons(dataset)
    recommendations = dataset.recommendations.drop_duplicates("recommendation_id").set_index("recommendation_id")
    items = []
    for audience, group in _ordered_by_audience(dataset, table):
        for record in group.to_dict("records"):
            recommendation_id = record["recommendation_id"]
            recommendation = recommendations.loc[recommendation_id]
            addressed, builds_on = _reason_items(reason_frame, recommendation_id)
            element = cell_text(recommendation["cop_element"])
            evidence = cell_text(recommendation["evidence"])
            items.append(
                {
                    "recommendation_id": recommendation_id,
                    "audience": audience,
                    "recommendation": cell_text(recommendation["text"]),
                    "element": element,
                    "element_inferred": bool(element) and cell_text(recommendation["basis"]) == "inferred",
                    "element_label": study_words.lens_element_label(dataset),
                    "owner": cell_text(record.get("owner")),
                    "due_date": as_date(record.get("due_date")),
                    "first_step": cell_text(record.get("first_step")),
                    "notes": cell_text(record.get("notes")),
                    "addresses": [_reason_entry(item) for item in addressed.to_dict("records")],
                    "builds_on": [_reason_entry(item) for item in builds_on.to_dict("records")],
                    # The study's own words for the recommendation, when they say more than its text.
                    "own_evidence": evidence if evidence.strip() != cell_text(recommendation["text"]).strip() else "",
                    "source": cell_text(recommendation["source"]),
                }
            )
    return items


def _reason_entry(item: dict) -> dict:
    return {
        "label": reason_label(item),
        "inferred": item["link_basis"] == "inferred",
        "evidence": item["evidence"],
        "source": item["source"],
    }


def plan_csv_bytes(dataset: Dataset, table: pd.DataFrame, citation: str) -> bytes:
    """The plan as spreadsheet-safe CSV: UTF-8 with BOM, CRLF, every formula-like cell neutralised."""
    return safe_csv_bytes(plan_export_frame(dataset, table, citation))


def _file_text(text: object) -> str:
    """Data as literal text in the downloaded Markdown, on one line (components.shared.text.escape_markdown)."""
    return escape_markdown(text, in_file=True)


def plan_markdown(dataset: Dataset, table: pd.DataFrame, citation: str, title: str = "Action plan") -> str:
    """The plan as a Markdown document grouped by audience: each item, who does what by when, and why."""
    reason_frame = reasons(dataset)
    recommendations = dataset.recommendations.drop_duplicates("recommendation_id").set_index("recommendation_id")
    lines = [f"# {_file_text(title)}", ""]
    lines += [f"Built with the {APP_NAME} from: {_file_text(citation)}", ""]
    groups = _ordered_by_audience(dataset, table) if not table.empty else []
    if not groups:
        lines += [
            "No recommendations are in this plan yet. Tick “Add to my plan” beside a recommendation to add it.",
            "",
        ]
    number = 0
    for audience, group in groups:
        lines += [f"## For {_file_text(audience)}", ""]
        for record in group.to_dict("records"):
            number += 1
            recommendation_id = record["recommendation_id"]
            recommendation = recommendations.loc[recommendation_id]
            due = as_date(record.get("due_date"))
            lines += [
                f"### {number}. {_file_text(recommendation['text'])} ({_file_text(recommendation_id)})",
                "",
            ]
            lines.append(f"- **Owner:** {_file_text(record.get('owner')) or 'not set'}")
            lines.append(f"- **Due date:** {due.isoformat() if due else 'not set'}")
            lines.append(f"- **First step:** {_file_text(record.get('first_step')) or 'not set'}")
            if cell_text(record.get("notes")).strip():
                lines.append(f"- **Notes:** {_file_text(record.get('notes'))}")
            element = cell_text(recommendation["cop_element"])
            if element:
                mark = " (inferred by this app)" if cell_text(recommendation["basis"]) == "inferred" else ""
                lines.append(f"- **{study_words.lens_element_label(dataset)}:** {_file_text(element)}{mark}")
            addressed, builds_on = _reason_items(reason_frame, recommendation_id)
            lines += _reason_lines("Why: what it addresses", addressed)
            lines += _reason_lines("It builds on", builds_on)
            if addressed.empty and builds_on.empty:
                lines.append("- **Why:** no links to findings are recorded for this recommendation.")
            evidence, source = cell_text(recommendation["evidence"]), cell_text(recommendation["source"])
            if evidence and evidence.strip() != cell_text(recommendation["text"]).strip():
                lines.append(f"- **In the study's words:** “{_file_text(evidence)}”")
            if source:
                lines.append(f"- **Recommendation source:** {_file_text(source)}")
            lines.append("")
    lines += [
        "---",
        "",
        "Links marked “inferred by this app” are this explorer's reading of the study, not the study's own words. "
        "Quotes are verbatim from the study's sources.",
        "",
        f"Source: {_file_text(citation)}",
        "",
    ]
    return "\n".join(lines)


def plan_markdown_bytes(dataset: Dataset, table: pd.DataFrame, citation: str) -> bytes:
    return plan_markdown(dataset, table, citation).encode("utf-8")


def _reason_lines(heading: str, items: pd.DataFrame) -> list[str]:
    if items.empty:
        return []
    lines = [f"- **{heading}:**"]
    for item in items.to_dict("records"):
        lines.append(f"  - {_file_text(reason_label(item))}{_inferred_mark(item['link_basis'])}")
        if item["evidence"]:
            source = f" — {_file_text(item['source'])}" if item["source"] else ""
            lines.append(f"    > “{_file_text(item['evidence'])}”{source}")
    return lines
