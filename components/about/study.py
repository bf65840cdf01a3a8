"""What the About page shows, computed from the dataset: study facts, coding counts, the study's own lens (for
the bundled study, Communities of Practice, as its study.json says), glossary and context evidence. Nothing here
imports Streamlit; nothing is typed in that the data does not hold (a study without metadata gives empty
results, not invented ones)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.data.model import Dataset, Study
from components.shared import citation, study_words
from components.shared.text import escape_markdown, fold, search_fold, search_fold_series
from components.shared.wording import spoken_list

APP_CODING_SOURCE = "this app's coding"


def study_facts(study: Study | None) -> list[tuple[str, str]]:
    """(label, value) pairs for the facts the study metadata holds, in reading order; missing ones left out."""
    if study is None:
        return []
    facts = [
        ("Title", study.title),
        ("Author", study.author),
        ("Author's role", study.author_role),
        ("Setting", study.setting),
        ("Year", study.year),
        (
            "Degree" if study.degree else "Publisher or institution",
            ", ".join(str(part) for part in (study.degree, study.institution) if part),
        ),
        ("Licence", study.licence),
        # The groups as the data labels them and as the study names them in full (study.json's `groups`).
        ("Groups", "; ".join(f"{group.label}: {group.name}" for group in study.groups)),
    ]
    return [(label, str(value)) for label, value in facts if value not in (None, "")]


def has_method(study: Study) -> bool:
    """Whether the study says how it was done (a count, design, analysis, a quote or the influences it found)."""
    method = study.method
    return bool(method.interviews or method.design or method.analysis or method.evidence or study.influences)


def bibtex(study: Study | None) -> str | None:
    """A BibTeX entry built only from the metadata's own fields, or None without author, title and year."""
    if study is None or not all((study.author, study.title, study.year)):
        return None
    surname = re.sub(r"[^A-Za-z]", "", str(study.author).split()[-1]).lower() or "study"
    entry_type = "mastersthesis" if "master" in study.degree.lower() else "misc"
    fields: list[tuple[str, object]] = [("author", study.author), ("title", study.title), ("year", study.year)]
    if study.institution:
        fields.append(("school", study.institution))
    if study.degree and entry_type == "misc":
        fields.append(("note", study.degree))
    return citation.bibtex_entry(entry_type, f"{surname}{study.year}", fields)


def method_evidence_lead(dataset: Dataset) -> str:
    """The line before the method's quotes, naming the kinds of document they come from as the study's source
    list names them ("From the study's documents (researcher's summary and thesis abstract):")."""
    index = citation.source_index(dataset.study, not dataset.is_bundled, dataset.name, published=dataset.published)
    kinds = []
    for entry in method_evidence(dataset.study) if dataset.study else []:
        document = citation.resolve(entry["source"], index).document
        if document is not None and document.kind:
            kinds.append(str(document.kind))
    named = spoken_list(list(dict.fromkeys(kinds)))
    return f"From the study's documents ({escape_markdown(named)}):" if named else "From the study's documents:"


def method_evidence(study: Study) -> list[dict[str, str]]:
    """The method's supporting quotes, each with its source; entries without a quote are skipped."""
    return [{"quote": entry.quote, "source": entry.source} for entry in study.method.evidence if entry.quote]


def influences(dataset: Dataset) -> pd.DataFrame:
    """The influences the study names, each with its finding's evidence and source when the finding exists."""
    rows = []
    findings = dataset.findings.set_index("finding_id", drop=False) if not dataset.findings.empty else None
    for entry in dataset.study.influences if dataset.study else ():
        finding_id = entry.finding_id
        known = findings is not None and finding_id in findings.index
        rows.append(
            {
                "name": entry.name,
                "finding_id": finding_id if known else "",
                "evidence": str(findings.at[finding_id, "evidence"]) if known else "",
                "source": str(findings.at[finding_id, "source"]) if known else "",
            }
        )
    return pd.DataFrame(rows, columns=["name", "finding_id", "evidence", "source"])


def limits(study: Study) -> list[dict[str, str]]:
    """The limits the metadata records, each with its supporting quote (may be blank) and source."""
    return [{"limit": entry.limit, "quote": entry.quote, "source": entry.source} for entry in study.limits]


def _basis_counts(label: str, basis: pd.Series) -> dict[str, object]:
    values = basis.astype("string").fillna("")
    return {
        "coded item": label,
        "inferred": int((values == "inferred").sum()),
        "stated": int((values == "stated").sum()),
        "not marked": int((values == "").sum()),
        "total": len(values),
    }


def coding_summary(dataset: Dataset) -> pd.DataFrame:
    """How much of the coding is this app's interpretation: inferred vs stated, counted from the data.

    One row per kind of coding that exists in this dataset; the "not marked" column appears only
    when some rows leave their basis blank.
    """
    rows = []
    findings, recommendations, links = dataset.findings, dataset.recommendations, dataset.links
    if not findings.empty:
        rows.append(_basis_counts("Theme names given to findings", findings["theme_basis"]))
        rows.append(_basis_counts("Findings (the statement itself)", findings["basis"]))
    if not links.empty:
        rows.append(_basis_counts("Links between items (what helps, barriers, recommendations)", links["basis"]))
    with_element = recommendations[recommendations["cop_element"] != ""] if not recommendations.empty else None
    if with_element is not None and not with_element.empty:
        element = study_words.lens_element_label(dataset)
        rows.append(_basis_counts(f"{element} of a recommendation", with_element["basis"]))
    frame = pd.DataFrame(rows, columns=["coded item", "inferred", "stated", "not marked", "total"])
    if not frame.empty and not frame["not marked"].any():
        frame = frame.drop(columns=["not marked"])
    return frame


_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(count: int) -> str:
    """A small count in words, as a sentence says it ("three elements"); digits past ten."""
    return _COUNT_WORDS[count] if 0 <= count < len(_COUNT_WORDS) else f"{count:,}"


def cop_use(recommendations: pd.DataFrame, lens_elements: Sequence[str]) -> pd.DataFrame:
    """Recommendations per lens element (the study's own, study.json's `lens`), split into stated and inferred.

    Every element always appears (a zero says something too); recommendations with no element
    are counted on a last row only when there are some.
    """
    columns = ["element", "recommendations", "stated", "inferred", "ids"]
    if recommendations.empty:
        return pd.DataFrame(columns=columns)
    elements = recommendations["cop_element"].astype("string").fillna("")
    basis = recommendations["basis"].astype("string").fillna("")
    rows = []
    for element in lens_elements:
        chosen = elements == element
        rows.append(
            {
                "element": element,
                "recommendations": int(chosen.sum()),
                "stated": int((chosen & (basis == "stated")).sum()),
                "inferred": int((chosen & (basis == "inferred")).sum()),
                "ids": recommendations.loc[chosen, "recommendation_id"].tolist(),
            }
        )
    missing = elements == ""
    if missing.any():
        rows.append(
            {
                "element": "no element given",
                "recommendations": int(missing.sum()),
                "stated": 0,
                "inferred": 0,
                "ids": recommendations.loc[missing, "recommendation_id"].tolist(),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def cop_sentence(use: pd.DataFrame, lens_elements: Sequence[str], lens_name: str) -> str:
    """Plain sentences from `cop_use`: how many recommendations each element frames, and on what basis."""
    counted = use[(use["element"].isin(lens_elements)) & (use["recommendations"] > 0)]
    if counted.empty:
        return f"No recommendation in this dataset is tied to an element of {lens_name}."
    parts = [
        f"{row.element}: {row.recommendations} ({row.stated} stated, {row.inferred} inferred)"
        for row in counted.itertuples()
    ]
    total = int(counted["recommendations"].sum())
    inferred, stated = int(counted["inferred"].sum()), int(counted["stated"].sum())
    if inferred > stated:
        basis = "Most of these elements are this app's reading of the recommendation (inferred)."
    elif stated > inferred:
        basis = "Most of these elements are named by the recommendation itself (stated)."
    else:
        basis = "As many elements are named by the recommendation itself (stated) as are this app's reading (inferred)."
    return f"{total} recommendation{'s' if total != 1 else ''} tied to an element — {'; '.join(parts)}. {basis}"


def glossary_entries(glossary: pd.DataFrame, terms: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """The glossary rows for these terms, in the order asked (matched ignoring case); missing ones skipped."""
    if glossary.empty:
        return glossary
    folded = glossary["term"].map(fold)
    rows = [glossary[folded == fold(term)].head(1) for term in terms]
    rows = [row for row in rows if not row.empty]
    return pd.concat(rows, ignore_index=True) if rows else glossary.head(0)


def app_terms(glossary: pd.DataFrame) -> pd.DataFrame:
    """Glossary entries for this app's own vocabulary (their source is this app's coding)."""
    if glossary.empty:
        return glossary
    return glossary[glossary["source"].map(fold).str.contains(APP_CODING_SOURCE, regex=False)].reset_index(drop=True)


def filter_glossary(glossary: pd.DataFrame, query: object) -> pd.DataFrame:
    """Glossary entries whose term or definition holds the query, forgiving of case, quotes, dashes and spaces
    (the Explore search's fold)."""
    wanted = search_fold(query)
    if not wanted or glossary.empty:
        return glossary.reset_index(drop=True)
    text = search_fold_series(glossary["term"] + " " + glossary["definition"])
    return glossary[text.str.contains(wanted, regex=False)].reset_index(drop=True)


def glossary_markdown(glossary: pd.DataFrame) -> str:
    """The glossary as a Markdown table (term, meaning, where it comes from), every cell escaped."""
    lines = ["| Term | Meaning | From |", "| --- | --- | --- |"]
    for _, entry in glossary.iterrows():
        origin = escape_markdown(entry.get("source", ""))
        if entry.get("evidence"):
            origin = f"“{escape_markdown(entry['evidence'])}” — {origin}"
        lines.append(f"| **{escape_markdown(entry['term'])}** | {escape_markdown(entry['definition'])} | {origin} |")
    return "\n".join(lines)


def markdown_table(frame: pd.DataFrame) -> str:
    """A small DataFrame as a Markdown table with escaped cells (readable at projector size, unlike a grid)."""
    header = "| " + " | ".join(escape_markdown(column) for column in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(escape_markdown(value) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def context_by_source(
    context: pd.DataFrame, index: citation.SourceIndex | None = None
) -> list[tuple[str, pd.DataFrame]]:
    """Context evidence grouped by its source, sources in the order the data first names them.

    With the dataset's source documents, items from different sections of one document are one group,
    named by the document's reference; without them, each distinct source cell is a group.
    """
    if context.empty:
        return []
    if index is None or not index.documents:
        return [(str(source), rows) for source, rows in context.groupby("source", sort=False)]
    documents = context["source"].map(lambda source: citation.resolve(source, index))
    labels = documents.map(
        lambda cited: (
            citation.plain_reference(citation.CitedSource(cited.text, cited.document, "", False))
            if cited.document is not None
            else cited.text
        )
    )
    return [(str(label), rows) for label, rows in context.groupby(labels, sort=False)]


# ---------------------------------------------------------------------------------------------
# What the About page's lens, glossary and upload sections show, as plain data (Markdown escaped)

# A long list (a large upload) would cost more to draw than it helps to read.
RECOMMENDATION_LINK_LIMIT = 30


@dataclass(frozen=True)
class LensElement:
    """One Communities of Practice element: its definition, how many recommendations it frames, and links
    to them as (recommendation id, Markdown label), at most RECOMMENDATION_LINK_LIMIT; `hidden` counts the rest."""

    title: str
    definition: str
    counts: str
    links: tuple[tuple[str, str], ...]
    hidden: int


@dataclass(frozen=True)
class Lens:
    """The Communities of Practice section. `quote` is the glossary's evidence as (evidence, source), kept only
    when the dataset has its own glossary (an upload borrows the app's definitions, never its quote)."""

    definition: str
    quote: tuple[str, str] | None
    use_sentence: str
    elements: tuple[LensElement, ...]


def lens(dataset: Dataset, app_glossary: pd.DataFrame) -> Lens | None:
    """The lens section for this dataset, or None when there is nothing to say (no element, no definitions).

    `app_glossary` is the bundled study's glossary, whose definitions an upload without its own borrows.
    """
    # The study's own lens (study.json's `lens`, or the Your data form's) names the term and its elements; a
    # study that defines none has no lens section.
    named = study_words.lens(dataset)
    if named is None:
        return None
    own_glossary = not dataset.glossary.empty
    glossary = dataset.glossary if own_glossary else app_glossary
    lens_name, lens_elements = named.name, named.elements
    use = cop_use(dataset.recommendations, lens_elements)
    entries = glossary_entries(glossary, [lens_name, *lens_elements])
    if use.empty and not own_glossary:
        return None
    if entries.empty and (use.empty or not use["recommendations"].any()):
        return None
    term = glossary_entries(glossary, [lens_name])
    definition = escape_markdown(term.iloc[0]["definition"]) if not term.empty else ""
    quote = None
    if own_glossary and not term.empty and term.iloc[0]["evidence"]:
        quote = (term.iloc[0]["evidence"], term.iloc[0]["source"])
    texts: dict[str, str] = {}
    recommendations = dataset.recommendations
    if not recommendations.empty:
        for rec_id, text in zip(recommendations["recommendation_id"], recommendations["text"], strict=True):
            texts.setdefault(rec_id, text)  # the first row with an id names it, as a lookup by id would
    elements = []
    for element in lens_elements:
        found = glossary_entries(glossary, [element])
        row = use[use["element"] == element] if not use.empty else use
        counts, links, hidden = "", (), 0
        if not row.empty:
            row = row.iloc[0]
            counts = (
                f"{row['recommendations']} recommendation{'s' if row['recommendations'] != 1 else ''}: "
                f"{row['stated']} stated, {row['inferred']} inferred."
            )
            links = tuple(
                (rec_id, escape_markdown(rec_id) + (f" · {escape_markdown(texts[rec_id])}" if rec_id in texts else ""))
                for rec_id in row["ids"][:RECOMMENDATION_LINK_LIMIT]
            )
            hidden = max(len(row["ids"]) - RECOMMENDATION_LINK_LIMIT, 0)
        elements.append(
            LensElement(
                escape_markdown(element[:1].upper() + element[1:]),
                escape_markdown(found.iloc[0]["definition"]) if not found.empty else "",
                counts,
                links,
                hidden,
            )
        )
    sentence = escape_markdown(cop_sentence(use, lens_elements, lens_name)) if not use.empty else ""
    return Lens(definition, quote, sentence, tuple(elements))


@dataclass(frozen=True)
class GlossaryView:
    """The glossary to show and the lines (Markdown) that introduce it."""

    glossary: pd.DataFrame
    intro: tuple[str, ...]


# What an app's definition calls an element of the lens: "an element", "a lens element", "elements".
_ELEMENT = re.compile(r"\b(?:lens\s+)?elements?\b", re.IGNORECASE)
# A bracketed list in a definition, "(a theme name, a link or an element)", and its items.
_BRACKETED = re.compile(r"\(([^()]*)\)")
_LIST_ITEM_SEPARATOR = re.compile(r",?\s+or\s+|,\s*")


def _without_element_items(bracketed: re.Match) -> str:
    """A bracketed list without its items that name an element, said again as a list ("(a theme name or a
    link)"); a bracket that names no element is kept as it is."""
    items = _LIST_ITEM_SEPARATOR.split(bracketed.group(1))
    kept = [item for item in items if not _ELEMENT.search(item)]
    if len(kept) == len(items) or not kept:
        return bracketed.group(0)
    listed = kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " or " + kept[-1]
    return f"({listed})"


def terms_without_a_lens(terms: pd.DataFrame) -> pd.DataFrame:
    """The app's own terms as a study without a lens reads them: an element named in a bracketed list is dropped
    from it ("inferred": "(a theme name, a link or an element)" reads "(a theme name or a link)"), and an entry
    that would still speak of elements is left out. Only the app's own words are changed, never a study's."""
    if terms.empty:
        return terms
    definitions = terms["definition"].map(lambda definition: _BRACKETED.sub(_without_element_items, str(definition)))
    reworded = terms.assign(definition=definitions.astype(terms["definition"].dtype))
    speaks_of_elements = (reworded["term"] + " " + reworded["definition"]).str.contains(_ELEMENT)
    return reworded[~speaks_of_elements.astype(bool)].reset_index(drop=True)


def glossary_view(glossary: pd.DataFrame, app_glossary: pd.DataFrame, has_lens: bool = True) -> GlossaryView | None:
    """The dataset's own glossary, or (for an upload without one) the app's own terms; None when neither has any.

    `has_lens` is whether the study defines a lens: without one, the app's terms say nothing of its elements
    (terms_without_a_lens)."""
    if not glossary.empty:
        return GlossaryView(
            glossary,
            (
                "Every abbreviation and term used in this app.",
                "The same definitions appear in the tooltips behind the question-mark icons.",
            ),
        )
    terms = app_terms(app_glossary)
    if not has_lens:
        terms = terms_without_a_lens(terms)
    if terms.empty:
        return None
    return GlossaryView(terms, ("Your data has no glossary. These are the terms this app itself uses:",))


def glossary_placeholder(glossary: pd.DataFrame, shown: int = 3) -> str:
    """ "For example: …" with the glossary's own first terms, so the hint speaks the study's words."""
    terms = [str(term) for term in glossary["term"].head(shown)] if "term" in glossary else []
    return f"For example: {', '.join(terms)}" if terms else "A word to find"


def glossary_found(glossary: pd.DataFrame, query: object) -> str:
    """The glossary table (Markdown) of the entries a search finds, or what to do when none does."""
    shown = filter_glossary(glossary, query)
    return "No term matches. Clear the box to see them all." if shown.empty else glossary_markdown(shown)


def upload_summary(dataset: Dataset) -> str:
    """What an upload holds, in one Markdown line (counts are of coded statements, rows of findings.csv)."""
    return (
        f"Your data: **{escape_markdown(dataset.name)}** — {len(dataset.findings)} coded statements, "
        f"{len(dataset.recommendations)} recommendations, {len(dataset.links)} links."
    )


def context_warning(sources: int) -> str:
    return (
        f"The items below come from {sources} other source{'s' if sources != 1 else ''}, not from this "
        "study's interviews. They are context that helps read the findings, not findings of this study."
    )
