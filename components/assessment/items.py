"""The statements a team rates: the dataset's own assessment items or, for a dataset without them, statements
derived here from its barrier and enabler findings (each keeps the id of the finding it comes from)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.model import Study
from components.data.vocabulary import ASSESSMENT_FILE
from components.shared.text import escape_markdown
from components.shared.wording import plural

# A dataset with hundreds of barriers would make a form nobody finishes; derived statements stop here.
MAX_DERIVED_ITEMS = 30
DERIVED_CATEGORIES = ("enabler", "barrier")

ITEM_COLUMNS = ("item_id", "theme", "statement", "finding_id", "help")


@dataclass(frozen=True)
class ItemSet:
    """The statements to rate, whether they were derived here, and what the page should tell the user."""

    items: pd.DataFrame
    derived: bool
    notes: tuple[str, ...] = ()

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(self.items["theme"].astype(str)))


@dataclass(frozen=True)
class FormItem:
    """One statement as the form draws it: plain strings, so a run reads no DataFrame per statement."""

    item_id: str
    statement: str
    finding_id: str
    help: str
    has_finding: bool  # whether the dataset has the finding, so its source can be shown


def form_sections(item_set: ItemSet, finding_ids: set[str]) -> list[tuple[str, list[FormItem]]]:
    """The form's themes in order, each with its statements in order (built once per dataset)."""
    sections: dict[str, list[FormItem]] = {theme: [] for theme in item_set.themes}
    for row in item_set.items.astype(str).to_dict("records"):
        sections[row["theme"]].append(
            FormItem(
                item_id=row["item_id"],
                statement=row["statement"],
                finding_id=row["finding_id"],
                help=row["help"],
                has_finding=row["finding_id"] in finding_ids,
            )
        )
    return list(sections.items())


def _empty_items() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in ITEM_COLUMNS})


def build_items(findings: pd.DataFrame, assessment_items: pd.DataFrame) -> ItemSet:
    """The dataset's own statements when it has them (keeping those whose finding exists), else derived ones."""
    finding_ids = set(findings["finding_id"].astype(str))
    notes: list[str] = []
    if not assessment_items.empty:
        items = assessment_items.loc[:, list(ITEM_COLUMNS)].astype(str).reset_index(drop=True)
        unknown = items.loc[~items["finding_id"].isin(finding_ids)]
        if not unknown.empty:
            listed = ", ".join(f"{row.item_id} ({row.finding_id})" for row in unknown.itertuples())
            notes.append(
                f"{plural(len(unknown), 'statement')} in {ASSESSMENT_FILE} "
                f"{'points' if len(unknown) == 1 else 'point'} to a finding this dataset does not have, so "
                f"{'it is' if len(unknown) == 1 else 'they are'} left out: {listed}."
            )
        items = items.loc[items["finding_id"].isin(finding_ids)].reset_index(drop=True)
        if not items.empty:
            return ItemSet(items=items, derived=False, notes=tuple(notes))
    derived, derived_notes = derive_items(findings)
    return ItemSet(items=derived, derived=True, notes=tuple(notes + derived_notes))


# A derived item is a question about the finding, then the finding in its own words: the finding is never
# glued into a template sentence ("In our service: A joint study day helped" reads badly for most statements).
ENABLER_QUESTION = "How true is this of your service?"
BARRIER_QUESTION = "How far has your service overcome this barrier?"


def derived_statement(category: str, statement: str) -> str:
    """A finding turned into something a team can rate about itself: a question, then the finding as written."""
    question = BARRIER_QUESTION if category == "barrier" else ENABLER_QUESTION
    return f"{question} — {statement}"


def derive_items(findings: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One statement per barrier or enabler finding (enablers first, each in its theme), capped in number."""
    category = findings["category"].astype(str)
    chosen = findings.loc[category.isin(DERIVED_CATEGORIES)].copy()
    if chosen.empty:
        return _empty_items(), []
    chosen["_order"] = chosen["category"].astype(str).map({name: i for i, name in enumerate(DERIVED_CATEGORIES)})
    chosen = chosen.sort_values("_order", kind="stable")
    notes: list[str] = []
    if len(chosen) > MAX_DERIVED_ITEMS:
        notes.append(
            f"This dataset has {len(chosen)} barrier and enabler findings; the first {MAX_DERIVED_ITEMS} "
            "(enablers first) are offered as statements so that the form stays short."
        )
        chosen = chosen.head(MAX_DERIVED_ITEMS)
    items = pd.DataFrame(
        {
            "item_id": chosen["finding_id"].astype(str),
            "theme": chosen["theme"].astype(str),
            "statement": [
                derived_statement(str(cat), str(text))
                for cat, text in zip(chosen["category"], chosen["statement"], strict=True)
            ],
            "finding_id": chosen["finding_id"].astype(str),
            "help": "",
        }
    )
    # Group by theme in the order themes first appear, keeping the enabler-first order inside each.
    theme_order = {theme: i for i, theme in enumerate(dict.fromkeys(items["theme"]))}
    items["_theme_order"] = items["theme"].map(theme_order)
    items = items.sort_values("_theme_order", kind="stable").drop(columns="_theme_order")
    return items.reset_index(drop=True), notes


def source_description(study: Study | None, dataset_name: str) -> str:
    """Where the statements come from, for the honest note: the study and its size when the data says so."""
    citation = (study.short_citation or study.title).strip() if study else ""
    interviews = study.method.interviews if study else None
    if citation and interviews:
        return f"the findings of one small study ({citation}: {interviews} interviews)"
    if citation:
        return f"the findings of one study ({citation})"
    return f"the findings in this dataset ({dataset_name})"


def reflection_note(study: Study | None, dataset_name: str) -> str:
    """The honest note above the form: what the statements are, what a score is, where answers stay."""
    return (
        "**A prompt for reflection, not a measurement.** These statements are derived from "
        f"{escape_markdown(source_description(study, dataset_name))}. They have not been "
        "tested as a measure. Scores are the mean of your own ratings, out of 2 (fully in place = 2, partly "
        "= 1, not in place = 0; don't know is left out): they are not percentages of people. Your answers "
        "stay in this browser session; download them to keep a record."
    )


def form_heading(rated: int, total: int) -> str:
    """Section 1's heading, what to do and how many statements are rated, as one Markdown element."""
    return (
        "## 1. Rate your service\n\nFor each statement, choose how far it is true of your service today. Open "
        f"“Where this comes from” to read the study's own words.\n\n**{rated} of {total} statements rated.**"
    )


DERIVED_NOTE = (
    "This dataset has no self-assessment statements of its own, so they were derived from its barrier "
    f"and enabler findings: each enabler as “{ENABLER_QUESTION} — …” and each barrier as “{BARRIER_QUESTION} "
    "— …”. Each keeps the id of the finding it comes from."
)
NOTHING_TO_RATE = (
    "This dataset has no self-assessment statements and no barrier or enabler findings to derive them "
    "from. Add findings with the category 'barrier' or 'enabler' to your data, or return to the bundled "
    "study, to use this page."
)
