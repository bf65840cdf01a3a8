"""What the home page shows, computed from the dataset (no figures typed into the page)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.model import Dataset, StudyMethod
from components.home import headlines
from components.shared import navigation, study_words
from components.shared.session_keys import HOME_CARDS, HOME_HEADLINES
from components.shared.text import escape_markdown

# The cards under "Where to go next": every page but this one, in navigation order, each with its title as the
# navigation names it and its one-line purpose.
NEXT_PAGES = tuple(page for page in navigation.PAGES if not page.is_home and page.home_card)
# Four a row: the longest title ("Recommendations") still fits a quarter of a 1280 px screen.
CARDS_PER_ROW = 4
# Points to note drawn on the page when the study does not name them and every observation stands in: on an
# upload or 100x data that is hundreds of lines, each a Markdown element sent to every session. The rest
# are a link away, on Explore filtered to observations.
POINTS_SHOWN = 5
OBSERVATION = "observation"
# Static CSS, never data. Streamlit cuts a page link's label to one line with an ellipsis ("Recommendations
# pl…"); in the cards the title wraps between words instead, and the link's side padding goes so that the
# longest word ("Recommendations") fits a quarter of a 1280 px screen. Headline findings are page links
# whose label is the finding itself, so they wrap the same way.
CARD_STYLE = f"""<style>
.st-key-{HOME_CARDS} [data-testid="stPageLink"] a {{ padding-left: 0; padding-right: 0; }}
:is(.st-key-{HOME_CARDS}, .st-key-{HOME_HEADLINES}) [data-testid="stPageLink"] span {{
  white-space: normal; overflow: visible; text-overflow: clip;
}}
:is(.st-key-{HOME_CARDS}, .st-key-{HOME_HEADLINES}) [data-testid="stPageLink"] p {{
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
        # The help is Markdown: the group labels are the study's data, escaped.
        split = ", ".join(f"{count} {escape_markdown(label)}" for label, count in method.group_counts)
        figures.append(
            KeyFigure(
                "Interviews",
                str(method.interviews),
                f"As the study states: {split}." if split else "As the study states.",
            )
        )
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
    if study_names_points(dataset):
        return findings_by_id(dataset, list(dataset.study.points_to_note))
    return dataset.findings[dataset.findings["category"] == OBSERVATION].reset_index(drop=True)


def study_names_points(dataset: Dataset) -> bool:
    return bool(dataset.study and dataset.study.points_to_note)


def bullet_list(lines: list[str]) -> str:
    """Markdown bullets, one element for the whole list (each line already escaped)."""
    return "\n".join(f"- {line}" for line in lines)


def headline_findings(dataset: Dataset) -> pd.DataFrame:
    """The study's own headline findings, or (when it names none) a few per category by a stated rule."""
    ids = list(dataset.study.headline_findings) if dataset.study else []
    return findings_by_id(dataset, ids) if ids else headlines.chosen_headlines(dataset.findings)


def headline_note(dataset: Dataset) -> str:
    """How the headline findings were chosen, when the study did not choose them."""
    return "" if dataset.study and dataset.study.headline_findings else headlines.CHOSEN_NOTE


def influences(dataset: Dataset) -> pd.DataFrame:
    """The influences the thesis names, each with the finding that quotes it."""
    entries = dataset.study.influences if dataset.study else ()
    return findings_by_id(dataset, [entry.finding_id for entry in entries])


def card_rows(pages: tuple[navigation.PageRecord, ...] = NEXT_PAGES) -> tuple[tuple[navigation.PageRecord, ...], ...]:
    """The "Where to go next" cards, CARDS_PER_ROW a row, in navigation order."""
    return tuple(pages[start : start + CARDS_PER_ROW] for start in range(0, len(pages), CARDS_PER_ROW))


def headline_label(finding: pd.Series) -> str:
    """A headline finding as its link reads: the statement and whose view it is (escaped)."""
    return f"{escape_markdown(finding['statement'])} ({escape_markdown(finding['group'])})"


def influences_lead(dataset: Dataset) -> str:
    """ "The thesis found that social workers' perspectives were shaped by:", in the study's own words."""
    who = study_words.participants(dataset)
    whose = escape_markdown(who + ("'" if who.endswith("s") else "'s"))
    return f"The {study_words.work_noun(dataset)} found that {whose} perspectives were shaped by:"


@dataclass(frozen=True)
class HomeView:
    """What the home page shows under its title, built once per dataset: findings are rows ready to show."""

    figures: tuple[KeyFigure, ...]
    headline: tuple[pd.Series, ...]
    points_to_note: tuple[pd.Series, ...]  # the points drawn: all the study names, else the first observations
    influences: tuple[pd.Series, ...]
    points_total: int = 0  # the points there are; more than those drawn when observations stand in
    headline_note: str = ""  # how the headline findings were chosen, when the study names none
    influences_lead: str = "The study found that the participants' perspectives were shaped by:"

    @property
    def points_markdown(self) -> str:
        """The points to note as one Markdown list (one element, however many lines)."""
        return bullet_list([escape_markdown(row["statement"]) for row in self.points_to_note])

    @property
    def points_hidden(self) -> int:
        return self.points_total - len(self.points_to_note)

    @property
    def points_rest_label(self) -> str:
        return f"All {self.points_total} observations, on Explore"

    @property
    def influences_markdown(self) -> str:
        """The influences as one Markdown element: the lead line and a bullet per influence."""
        lines = [f"**{escape_markdown(row['theme'])}**" for row in self.influences]
        return self.influences_lead + "\n\n" + bullet_list(lines)


# Explore's filter that lists every observation: where the points to note not drawn on home are read.
OBSERVATIONS_QUERY = {"category": OBSERVATION}


def home_view(dataset: Dataset) -> HomeView:
    def rows(frame: pd.DataFrame) -> tuple[pd.Series, ...]:
        return tuple(row for _, row in frame.iterrows())

    points = points_to_note(dataset)
    shown = points if study_names_points(dataset) else points.head(POINTS_SHOWN)
    return HomeView(
        tuple(key_figures(dataset)),
        rows(headline_findings(dataset)),
        rows(shown),
        rows(influences(dataset)),
        points_total=len(points),
        headline_note=headline_note(dataset),
        influences_lead=influences_lead(dataset),
    )
