"""The study's own evidence beside the room's answers: for an options question, how many coded statements the
study has for each theme of that category, by group (MHSW and CSW for the bundled study, and the statements
both groups share). Counts of coded statements, never of people; the screens and the PDF say so.

Nothing here imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.compare.labels import default_pair, panel_label
from components.compare.themes import compare_themes
from components.data.model import Dataset
from components.present.slide_model import Slide
from components.shared.colours import group_colours
from components.shared.study_words import group_order
from components.shared.text import cell_text

STUDY_COUNTS_NOTE = "The study's counts are counts of coded statements, not of people."


def category_themes(dataset: Dataset) -> dict[str, list[str]]:
    """Each option kind's themes, in the order the data names them."""
    findings = dataset.findings
    themes = {}
    for category in ("barrier", "enabler"):
        rows = findings[findings["category"].astype(str) == category]
        themes[category] = list(dict.fromkeys(rows["theme"].astype(str))) if not rows.empty else []
    return themes


def study_counts(dataset: Dataset, category: str) -> pd.DataFrame:
    """Coded statements per theme (rows, in the data's order) for each group (columns, e.g. MHSW, CSW and
    "Common ground (All)"), the groups in the study's own order."""
    groups = [group for group in default_pair(group_order(dataset)) if group]
    comparison = compare_themes(dataset.findings, category, groups)
    themes = category_themes(dataset).get(category, [])
    counts = comparison.counts.reindex(index=themes, fill_value=0).astype("int64")
    counts.columns = [panel_label(str(column)) for column in counts.columns]
    return counts


def study_colours(dataset: Dataset) -> dict[str, str]:
    """Each column of study_counts (a group, or the common ground) in its group's colour, the one it has on
    every page (shared.colours.group_colours in the study's order)."""
    order = group_order(dataset)
    return {panel_label(group): colour for group, colour in group_colours(order, order).items()}


def prompt_rows(dataset: Dataset, deck: list[Slide]) -> dict[int, Mapping[str, str]]:
    """Deck slide index -> the prompt on it: its id, question, lens and the category most of its related
    findings have (the options it asks about by default)."""
    prompts = dataset.prompts.reset_index(drop=True)
    findings = dataset.findings.set_index("finding_id", drop=False)
    found = {}
    for index, slide in enumerate(deck):
        if slide.kind != "prompt" or not 1 <= slide.part <= len(prompts):
            continue
        prompt = prompts.iloc[slide.part - 1]
        related = [item for item in cell_text(prompt.get("related_ids")).split() if item in findings.index]
        categories = [str(findings.at[item, "category"]) for item in related]
        options = [category for category in categories if category in ("barrier", "enabler")]
        category = max(options, key=options.count) if options else ""
        found[index] = {
            "id": cell_text(prompt.get("prompt_id")) or f"P{slide.part:02d}",
            "question": cell_text(prompt.get("question")),
            "lens": cell_text(prompt.get("lens")),
            "category": category,
        }
    return found


def prompt_evidence(dataset: Dataset, prompt_id: str) -> tuple[str, str]:
    """(the prompt's verbatim evidence, its source) from prompts.csv, or ("", "")."""
    prompts = dataset.prompts
    rows = prompts[prompts["prompt_id"].astype(str) == prompt_id] if "prompt_id" in prompts else prompts.iloc[0:0]
    if rows.empty:
        return "", ""
    row = rows.iloc[0]
    return cell_text(row.get("evidence")), cell_text(row.get("source"))
