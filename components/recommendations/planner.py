"""The recommendations planner's logic: why each recommendation exists, filtering, the page's view, cards,
sentences and the plan table. The plan's files are in plan_files.py (CSV, Markdown) and plan_documents.py
(Word, PDF); the plan's own rules in components/shared/action_plan.py.

It stays one module of about 440 lines while other branches edit it; reasons, filters, view and cards are the
next subjects to split out, once those edits are merged.

Nothing here imports Streamlit. The page reads widgets, calls these functions and renders what comes back,
so every rule a team lead relies on (what matches, what goes in the plan, what the files hold) is tested here.

"Why" comes from links.csv: a link from a recommendation to a finding with relation "addresses" names a
barrier (or view) the recommendation answers; any other relation from a recommendation (the bundled data uses
"builds on") names something it builds on. Findings' evidence is shown verbatim, never rewritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from components.data.links import RECOMMENDATION_KIND
from components.data.model import Dataset
from components.shared import study_words
from components.shared.action_plan import as_date, coerce_details, known_plan
from components.shared.badges import inferred_badge
from components.shared.text import cell_text, escape_markdown, search_fold, search_fold_series

ADDRESSES = "addresses"
PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
MAX_LABEL_CHARS = 90

EDITABLE_COLUMNS = ("owner", "due_date", "first_step", "notes")
# What the page's data editor shows: the fixed facts first, then the columns a team lead fills in.
PLAN_COLUMNS = ("recommendation_id", "audience", "recommendation", *EDITABLE_COLUMNS)
# The editor's due dates: Arrow's date type whether or not any date is filled in (see editor_table).
EDITOR_DATE_DTYPE = "date32[pyarrow]"

REASON_COLUMNS = (
    "recommendation_id",
    "relation",
    "finding_id",
    "link_basis",
    "note",
    "statement",
    "group",
    "category",
    "evidence",
    "source",
)


# ---------------------------------------------------------------------------------------------
# Why: recommendations joined to the findings behind them


def reasons(dataset: Dataset) -> pd.DataFrame:
    """Every link from a recommendation to a finding, with the finding's statement and verbatim evidence.

    Read from the loader's link index, so "Addresses " is already "addresses". Links to unknown ids (or from
    ids that are not recommendations) are left out: uploaded data may hold them. The result keeps links.csv's
    order, each (recommendation, relation, finding) once.
    """
    findings = dataset.findings
    finding_columns = ["finding_id", "statement", "group", "category", "evidence", "source"]
    by_id = {
        cell_text(record["finding_id"]): record
        for record in findings[finding_columns].drop_duplicates("finding_id").to_dict("records")
    }
    rows, seen = [], set()
    for link in dataset.link_index.links_from(RECOMMENDATION_KIND):
        key = (link.from_id, link.relation, link.to_id)
        if link.to_id not in by_id or key in seen:
            continue
        seen.add(key)
        finding = by_id[link.to_id]
        rows.append(
            {
                "recommendation_id": link.from_id,
                "relation": link.relation,
                "finding_id": link.to_id,
                "link_basis": link.basis,
                "note": link.note,
                **{column: cell_text(finding[column]) for column in finding_columns[1:]},
            }
        )
    if not rows:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in REASON_COLUMNS})
    return pd.DataFrame(rows, columns=list(REASON_COLUMNS), dtype=object)


def barrier_options(dataset: Dataset, reason_frame: pd.DataFrame | None = None) -> list[str]:
    """Ids of the findings that at least one recommendation addresses, in the findings table's order."""
    reason_frame = reasons(dataset) if reason_frame is None else reason_frame
    addressed = set(reason_frame.loc[reason_frame["relation"] == ADDRESSES, "finding_id"])
    return [finding_id for finding_id in dataset.findings["finding_id"].astype(str) if finding_id in addressed]


def short_label(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def barrier_labels(dataset: Dataset, finding_ids: Iterable[str]) -> dict[str, str]:
    """A readable pick-list label per finding id: 'group: statement', shortened.

    Read from one dict of records, not a DataFrame lookup per id: on 100x data that is 1,400 ids, 1.1 s by
    `.loc` and about 0.1 s this way.
    """
    findings = dataset.findings[["finding_id", "group", "statement"]].drop_duplicates("finding_id")
    by_id = {cell_text(record["finding_id"]): record for record in findings.to_dict("records")}
    labels = {}
    for finding_id in finding_ids:
        row = by_id.get(finding_id)
        labels[finding_id] = (
            short_label(f"{cell_text(row['group'])}: {cell_text(row['statement'])}") if row else finding_id
        )
    return labels


def element_options(dataset: Dataset) -> list[str]:
    """The lens elements used by the recommendations, in the order the study's lens lists them (study.json's
    `lens`); none for a study without one, which has no lens filter on the page."""
    named = study_words.lens(dataset)
    if named is None:
        return []
    used = set(dataset.recommendations["cop_element"].map(cell_text))
    return [element for element in named.elements if element in used]


def reason_label(item: dict) -> str:
    """A linked finding in one line: its statement, then whose view it is and what kind of finding.

    The kind matters: "addresses" links mostly point at barriers, but also at views and purposes.
    """
    where = ", ".join(part for part in (cell_text(item.get("group")), cell_text(item.get("category"))) if part)
    return f"{cell_text(item.get('statement'))} ({where})" if where else cell_text(item.get("statement"))


# ---------------------------------------------------------------------------------------------
# Filtering


def _search_text(recommendations: pd.DataFrame, reason_frame: pd.DataFrame) -> pd.Series:
    """Folded text per recommendation: its own words plus the statements of what it addresses or builds on."""
    own = (
        recommendations[["recommendation_id", "audience", "text", "evidence", "cop_element"]]
        .astype(object)
        .map(cell_text)
        .agg(" ".join, axis=1)
    )
    linked = reason_frame.groupby("recommendation_id", sort=False)["statement"].agg(" ".join)
    extra = recommendations["recommendation_id"].astype(str).map(linked).map(cell_text)
    # The same fold as the Explore search: case, quote marks and dashes never stop a match.
    return search_fold_series(own + " " + extra.to_numpy())


def filter_recommendations(
    dataset: Dataset,
    audiences: Sequence[str] = (),
    barriers: Sequence[str] = (),
    elements: Sequence[str] = (),
    query: str = "",
    reason_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The recommendations that match every filter given; an empty filter matches everything.

    Within a filter, any chosen value matches (audience A or B). A barrier matches when the recommendation
    has an "addresses" link to it. The search folds case, quotes and dashes and needs every word to appear.
    """
    recommendations = dataset.recommendations
    reason_frame = reasons(dataset) if reason_frame is None else reason_frame
    keep = pd.Series(True, index=recommendations.index)
    if audiences:
        keep &= recommendations["audience"].astype(str).isin(list(audiences))
    if elements:
        keep &= recommendations["cop_element"].map(cell_text).isin(list(elements))
    if barriers:
        addressing = reason_frame.loc[
            (reason_frame["relation"] == ADDRESSES) & reason_frame["finding_id"].isin(list(barriers)),
            "recommendation_id",
        ]
        keep &= recommendations["recommendation_id"].astype(str).isin(set(addressing))
    words = search_fold(query[:MAX_QUERY_CHARS]).split()
    if words and keep.any():
        haystack = _search_text(recommendations.loc[keep], reason_frame)
        matches = haystack.map(lambda text: all(word in text for word in words))
        keep.loc[matches.index] &= matches
    return recommendations.loc[keep]


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def page_slice(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of one page (1-based); a page past the end gives the last page, so long lists stay light."""
    page = min(max(1, int(page)), page_count(len(frame), size))
    return frame.iloc[(page - 1) * size : page * size]


def match_summary(shown: int, total: int, audiences: Sequence[str]) -> str:
    """'2 of 15 recommendations match' in words a team lead reads at a glance."""
    noun = "recommendation" if total == 1 else "recommendations"
    verb = "matches" if shown == 1 else "match"
    if shown == total:
        return f"Showing all {total} {noun}."
    return f"{shown} of {total} {noun} {verb} your filters."


# ---------------------------------------------------------------------------------------------
# The page's view: built once per dataset (through components.ui.view_cache), read by every run


@dataclass(frozen=True)
class PlannerView:
    """What the planner page needs of a dataset whatever the filters: reasons, grouped once, and pick lists."""

    reasons: pd.DataFrame
    by_recommendation: dict[str, tuple[dict, ...]]  # each recommendation's reasons, in links.csv's order
    barrier_options: list[str]
    barrier_labels: dict[str, str]
    element_options: list[str]


def planner_view(dataset: Dataset) -> PlannerView:
    """Grouping the reasons here, once, spares every card a filter of the whole reasons table on every run."""
    reason_frame = reasons(dataset)
    grouped: dict[str, list[dict]] = {}
    for record in reason_frame.to_dict("records"):
        grouped.setdefault(record["recommendation_id"], []).append(record)
    options = barrier_options(dataset, reason_frame)
    return PlannerView(
        reason_frame,
        {recommendation_id: tuple(items) for recommendation_id, items in grouped.items()},
        options,
        barrier_labels(dataset, options),
        element_options(dataset),
    )


@dataclass(frozen=True)
class PlannerFilters:
    """What the team lead chose: audiences, barriers (finding ids), Communities of Practice elements, a search."""

    audiences: tuple[str, ...] = ()
    barriers: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.audiences or self.barriers or self.elements or self.query.strip())

    def url(self) -> dict[str, object]:
        """The URL parameters that reopen this selection."""
        return {
            "audience": list(self.audiences),
            "barrier": list(self.barriers),
            "element": list(self.elements),
            "q": self.query.strip(),
        }


# ---------------------------------------------------------------------------------------------
# Cards: one recommendation as the page shows it, as Markdown with every data value escaped


@dataclass(frozen=True)
class EvidenceEntry:
    """One linked finding inside a card's evidence expander."""

    heading: str  # Markdown: the relation, the finding's statement, its group and id
    evidence: str  # the finding's verbatim evidence
    source: str
    finding_id: str
    why_linked: str  # Markdown: this app's note on the link, "" when there is none


@dataclass(frozen=True)
class Card:
    recommendation_id: str
    title: str  # Markdown: the recommendation's text, bold
    badges: str  # Markdown: audience, element (and its inferred mark), id
    why: tuple[str, ...]  # Markdown blocks: what it addresses, what it builds on, or that no links are recorded
    evidence_label: str  # the evidence expander's label; "" when there is nothing to show in it
    own_quote: str  # the study's own words for the recommendation, when they say more than its text
    source_line: str  # Markdown: the recommendation's source, shown when there is no own quote
    source: str
    entries: tuple[EvidenceEntry, ...]

    @property
    def summary(self) -> str:
        """Title, badges and why as one Markdown block: the card's closed view is one element, not four.

        Every element a page sends costs the server its serialising and hashing in every session on every
        run; joined as paragraphs, the text reads as it did in separate blocks.
        """
        return "\n\n".join((self.title, self.badges, *self.why))


def _reason_list(items: Sequence[dict]) -> str:
    return "\n".join(
        f"- {escape_markdown(reason_label(item))}"
        + (f" {inferred_badge('link inferred')}" if item["link_basis"] == "inferred" else "")
        for item in items
    )


def _evidence_entry(item: dict) -> EvidenceEntry:
    relation = "Addresses" if item["relation"] == ADDRESSES else "Builds on"
    inferred = " (inferred)" if item["link_basis"] == "inferred" else ""
    return EvidenceEntry(
        f"**{relation}:** {escape_markdown(item['statement'])} "
        f":gray-badge[{escape_markdown(item['group'])}] `{escape_markdown(item['finding_id'])}`",
        item["evidence"],
        item["source"],
        item["finding_id"],
        f"Why this app links them{inferred}: {escape_markdown(item['note'])}" if item["note"] else "",
    )


def card(recommendation: dict, own: Sequence[dict]) -> Card:
    """A recommendation's card: its text and badges, why it exists (from links.csv) and the evidence behind it."""
    recommendation_id = cell_text(recommendation.get("recommendation_id"))
    text = cell_text(recommendation.get("text"))
    element = cell_text(recommendation.get("cop_element"))
    badges = [f":gray-badge[For {escape_markdown(recommendation.get('audience'))}]"]
    if element:
        badges.append(f":gray-badge[{escape_markdown(element.capitalize())}]")
        if cell_text(recommendation.get("basis")) == "inferred":
            badges.append(inferred_badge("element inferred"))
    addressed = [item for item in own if item["relation"] == ADDRESSES]
    linked = [item for item in own if item["relation"] != ADDRESSES]
    why = []
    if addressed:
        why.append("**Why — what it addresses:**\n" + _reason_list(addressed))
    if linked:
        why.append("**It builds on what helps:**\n" + _reason_list(linked))
    if not own:
        why.append("_No links to the study's findings are recorded for this recommendation._")
    quote = cell_text(recommendation.get("evidence")).strip()
    own_quote = cell_text(recommendation.get("evidence")) if quote and quote != text.strip() else ""
    source = cell_text(recommendation.get("source"))
    entries = tuple(_evidence_entry(item) for item in own)
    label = f"The evidence behind it ({len(own)} finding{'s' if len(own) != 1 else ''})"
    return Card(
        recommendation_id,
        f"**{escape_markdown(text)}**",
        " ".join(badges) + f" · `{escape_markdown(recommendation_id)}`",
        tuple(why),
        label if own or own_quote or source else "",
        own_quote,
        f"Recommendation source: {escape_markdown(source)}" if source and not own_quote else "",
        source,
        entries,
    )


# ---------------------------------------------------------------------------------------------
# The page's sentences


def plan_note(plan_size: int) -> str:
    """After the match count: how big the plan is and where to find it, or how to start one."""
    if plan_size:
        return f" Your plan has **{plan_size}** — see [your action plan](#your-action-plan) below."
    return " Tick **In my plan** to add one to your action plan."


def add_all_button(match_ids: Sequence[str], plan_ids: Sequence[str]) -> tuple[str, bool]:
    """The "add all shown" button's label, and whether it is disabled (everything shown is in the plan)."""
    all_in = set(plan_ids).issuperset(match_ids)
    return ("All shown are in your plan" if all_in else f"Add all {len(match_ids)} shown to my plan"), all_in


def added_message(added: int, shown: int) -> str:
    already = shown - added
    return f"Added {added} to your plan" + (f"; {already} were already in it." if already else ".")


def no_match_message(total: int) -> str:
    return (
        "No recommendation matches all of these filters. Try removing the barrier or element filter, "
        "searching for a shorter word, or choosing another audience — or clear the filters to see all "
        f"{total}."
    )


def remove_label(plan_labels: dict[str, str], recommendation_id: str) -> str:
    """An item in the "take out" list: its id and the start of its text."""
    return f"{recommendation_id}: {short_label(plan_labels.get(recommendation_id, ''), 70)}"


# ---------------------------------------------------------------------------------------------
# The plan


def plan_signature(plan_ids: Sequence[str]) -> str:
    """A short stable name for one plan's contents, for the data editor's key.

    A keyed data editor with fixed rows keeps its edits by row position, so a plan whose rows change must get
    a new editor; otherwise an edit made to row 2 would land on whatever recommendation is row 2 now.
    """
    return hashlib.sha1("\x1f".join(plan_ids).encode("utf-8")).hexdigest()[:12]


def plan_table(dataset: Dataset, plan_ids: Sequence[str], details: object) -> pd.DataFrame:
    """The plan as the editor shows it: one row per known id, in plan order, with any details filled in so far."""
    ids = known_plan(dataset, list(plan_ids))
    recommendations = dataset.recommendations.drop_duplicates("recommendation_id").set_index("recommendation_id")
    stored = coerce_details(details).set_index("recommendation_id")
    rows = []
    for recommendation_id in ids:
        recommendation = recommendations.loc[recommendation_id]
        saved = stored.loc[recommendation_id] if recommendation_id in stored.index else None
        rows.append(
            {
                "recommendation_id": recommendation_id,
                "audience": cell_text(recommendation["audience"]),
                "recommendation": cell_text(recommendation["text"]),
                "owner": "" if saved is None else saved["owner"],
                "due_date": None if saved is None else saved["due_date"],
                "first_step": "" if saved is None else saved["first_step"],
                "notes": "" if saved is None else saved["notes"],
            }
        )
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS), dtype=object)


def editor_table(table: pd.DataFrame) -> pd.DataFrame:
    """The plan table as the data editor gets it: column types that never change with what is typed in.

    Streamlit names a keyed data editor with fixed rows after its columns' types, not their values, so edits
    survive reruns. A due-date column with no date in it yet goes to the browser as Arrow "null", and as
    "date" once one is filled in: the first due date typed would then make a new editor (a new grid on the
    page), and an edit typed into the old one meanwhile would be lost. So dates are always Arrow dates (blank
    as missing) and everything else is always text.
    """
    frame = table.copy()
    for column in frame.columns:
        if column == "due_date":
            frame[column] = frame[column].map(as_date).astype(EDITOR_DATE_DTYPE)
        else:
            frame[column] = frame[column].map(cell_text).astype(object)
    return frame
