"""What the home page shows, computed from the dataset (no figures typed into the page)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.model import Dataset, StudyMethod
from components.ui import navigation
from components.ui.session_keys import HOME_CARDS

# The cards under "Where to go next": every page but this one, in navigation order, each with its title as the
# navigation names it and its one-line purpose.
NEXT_PAGES = tuple(page for page in navigation.PAGES if not page.is_home)
# Four a row: the longest title ("Recommendations") still fits a quarter of a 1280 px screen.
CARDS_PER_ROW = 4
# Static CSS, never data. Streamlit cuts a page link's label to one line with an ellipsis ("Recommendations
# pl…"); in the cards the title wraps between words instead, and the link's side padding goes so that the
# longest word ("Recommendations") fits a quarter of a 1280 px screen.
CARD_STYLE = f"""<style>
.st-key-{HOME_CARDS} [data-testid="stPageLink"] a {{ padding-left: 0; padding-right: 0; }}
.st-key-{HOME_CARDS} [data-testid="stPageLink"] span {{ white-space: normal; overflow: visible; text-overflow: clip; }}
.st-key-{HOME_CARDS} [data-testid="stPageLink"] p {{
  white-space: normal; overflow-wrap: normal; word-break: normal; font-size: 1rem; line-height: 1.3;
}}
</style>"""


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    help: str


def key_figures(dataset: Dataset) -> list[KeyFigure]:
    """Headline numbers. The participant count appears only when the study's metadata states it."""
    findings, recommendations, links = dataset.findings, dataset.recommendations, dataset.links
    figures = []
    method = dataset.study.method if dataset.study else StudyMethod()
    if method.interviews:
        split = ", ".join(f"{count} {label}" for label, count in method.group_counts)
        figures.append(KeyFigure("Interviews", str(method.interviews), f"As the study states: {split}."))
    figures.append(
        KeyFigure(
            "Coded statements",
            str(len(findings)),
            "Rows in the findings table: points coded from the sources, not people.",
        )
    )
    figures.append(KeyFigure("Themes", str(findings["theme"].nunique()), "Distinct theme names in the coding."))
    if not recommendations.empty:
        figures.append(
            KeyFigure(
                "Recommendations", str(len(recommendations)), f"For {recommendations['audience'].nunique()} audiences."
            )
        )
    if not links.empty:
        inferred = int((links["basis"] == "inferred").sum())
        figures.append(
            KeyFigure(
                "Links",
                str(len(links)),
                f"Between barriers, what helps and recommendations; {inferred} are this app's "
                "interpretation (inferred).",
            )
        )
    return figures


def findings_by_id(dataset: Dataset, ids: list[str]) -> pd.DataFrame:
    """The findings with these ids, in the order given; unknown ids are skipped."""
    indexed = dataset.findings.set_index("finding_id", drop=False)
    return indexed.loc[[finding_id for finding_id in ids if finding_id in indexed.index]].reset_index(drop=True)


def points_to_note(dataset: Dataset) -> pd.DataFrame:
    """The study's points to note, or every observation when the metadata does not list them."""
    ids = list(dataset.study.points_to_note) if dataset.study else []
    if ids:
        return findings_by_id(dataset, ids)
    return dataset.findings[dataset.findings["category"] == "observation"].reset_index(drop=True)


def headline_findings(dataset: Dataset) -> pd.DataFrame:
    ids = list(dataset.study.headline_findings) if dataset.study else []
    return findings_by_id(dataset, ids) if ids else dataset.findings.head(0)


def influences(dataset: Dataset) -> pd.DataFrame:
    """The influences the thesis names, each with the finding that quotes it."""
    entries = dataset.study.influences if dataset.study else ()
    return findings_by_id(dataset, [entry.finding_id for entry in entries])


def card_rows(pages: tuple[navigation.PageRecord, ...] = NEXT_PAGES) -> tuple[tuple[navigation.PageRecord, ...], ...]:
    """The "Where to go next" cards, CARDS_PER_ROW a row, in navigation order."""
    return tuple(pages[start : start + CARDS_PER_ROW] for start in range(0, len(pages), CARDS_PER_ROW))


@dataclass(frozen=True)
class HomeView:
    """What the home page shows under its title, built once per dataset: findings are rows ready to show."""

    figures: tuple[KeyFigure, ...]
    headline: tuple[pd.Series, ...]
    points_to_note: tuple[pd.Series, ...]
    influences: tuple[pd.Series, ...]


def home_view(dataset: Dataset) -> HomeView:
    def rows(frame: pd.DataFrame) -> tuple[pd.Series, ...]:
        return tuple(row for _, row in frame.iterrows())

    return HomeView(
        tuple(key_figures(dataset)),
        rows(headline_findings(dataset)),
        rows(points_to_note(dataset)),
        rows(influences(dataset)),
    )
