"""Every word a page says about a study comes from that study's metadata, or is neutral.

The bundled study keeps its wording ("Why social workers do — and don't — collaborate", the Communities of
Practice lens) because data/study.json says so; a study without those fields (an upload, a QDA import) gets
the neutral words here. Pure functions of the dataset: pages, slides and documents all ask these.
"""

from __future__ import annotations

from components.data.model import Dataset, StudyGroup, StudyLens
from components.shared.text import escape_markdown

NEUTRAL_HEADLINE = "What the study found"
NEUTRAL_PARTICIPANTS = "the participants"
# Navigation labels are fixed when the app starts, before any study is chosen: they stay neutral.
COMPARE_TITLE = "Compare groups"


def work_noun(dataset: Dataset) -> str:
    """What the study is, in one word: "thesis" when its degree says so (the bundled Masters thesis), else "study"."""
    study = dataset.study
    return "thesis" if study is not None and "thesis" in study.degree.lower() else "study"


def source_kinds(dataset: Dataset) -> list[str]:
    """The kinds of document the study's quotes come from, as its source list names them, in its order."""
    study = dataset.study
    return list(dict.fromkeys(str(source.kind) for source in (study.sources if study else ()) if source.kind))


# A search box's hint: a few of the study's own theme names, so it suggests words this study uses.
NEUTRAL_SEARCH_HINT = "Search for a word or a phrase"
HINT_THEMES = 3
HINT_THEME_CHARS = 28
# Barriers and what helps first: what a reader most often comes looking for.
HINT_CATEGORIES = ("barrier", "enabler", "purpose", "perception", "observation")


def search_hint(dataset: Dataset) -> str:
    """ "Try “Time pressure”, “Shared tools” or “Safer care”": up to three short theme names of this study (its
    barriers' and enablers' first), in the order the data names them; neutral words for a study with none."""
    findings = dataset.findings
    themes: list[str] = []
    for category in HINT_CATEGORIES:
        named = findings.loc[findings["category"].astype(str) == category, "theme"].astype(str)
        for theme in dict.fromkeys(" ".join(name.split()) for name in named):
            if theme and len(theme) <= HINT_THEME_CHARS and theme.casefold() not in {t.casefold() for t in themes}:
                themes.append(theme)
    chosen = [f"“{theme}”" for theme in themes[:HINT_THEMES]]
    if not chosen:
        return NEUTRAL_SEARCH_HINT
    if len(chosen) == 1:
        return f"Try {chosen[0]}"
    return f"Try {', '.join(chosen[:-1])} or {chosen[-1]}"


def headline(dataset: Dataset) -> str:
    """Home's headline: the study's own, else its short title or title, else a neutral one."""
    study = dataset.study
    if study is None:
        return NEUTRAL_HEADLINE
    return study.headline or study.short_title or study.title


def participants(dataset: Dataset) -> str:
    """Who the study heard, in its own words ("social workers"), else "the participants"."""
    study = dataset.study
    return (study.participants if study else "") or NEUTRAL_PARTICIPANTS


def group_name(dataset: Dataset, label: str) -> str:
    """A group's full name as the study gives it, else its label as the data has it."""
    study = dataset.study
    for group in study.groups if study else ():
        if group.label == label:
            return group.name
    return label


def study_groups(dataset: Dataset) -> tuple[StudyGroup, ...]:
    """The groups the study names in full (study.json's `groups`), in its order; none without metadata."""
    return dataset.study.groups if dataset.study else ()


def lens(dataset: Dataset) -> StudyLens | None:
    """The lens the study defines, or None: no lens section, filter or tag appears without one."""
    return dataset.study.lens if dataset.study else None


def lens_element_label(dataset: Dataset) -> str:
    """How an element of the lens is named beside a recommendation: "Communities of Practice element"."""
    found = lens(dataset)
    return f"{found.name} element" if found else "Lens element"


def intro_markdown(dataset: Dataset) -> str:
    """Home's lines under the headline (Markdown, escaped): the question, and who heard whom, where and when,
    from whichever of those fields the study gives; blank for a study without metadata."""
    study = dataset.study
    if study is None:
        return ""
    parts = []
    if study.question:
        parts.append(f"**The question.** {escape_markdown(study.question)}")
    who = ", ".join(part for part in (study.author, study.author_role) if part)
    if (who and study.participants) or (who and study.setting):
        sentence = f"{who} interviewed {participants(dataset)}"
        sentence += f" in {study.setting}" if study.setting else ""
        sentence += f" ({study.year})" if study.year is not None else ""
        parts.append(escape_markdown(sentence + "."))
    elif who:
        parts.append(escape_markdown(f"By {who}" + (f" ({study.year})." if study.year is not None else ".")))
    return "\n\n".join(parts)


def group_order(dataset: Dataset) -> list[str]:
    """The dataset's groups in the study's own order: those study.json's `groups` lists, in its order, then
    the rest as the data first names them (the shared group last). Colours and the default pair follow it."""
    listed = [group.label for group in study_groups(dataset) if group.label in dataset.groups]
    return listed + [group for group in dataset.groups if group not in listed]
