"""The Compare page's view: everything the page shows for one dataset, category and pair of groups, built once
by plain functions and kept by components.ui.view_cache, so a rerun (a click, a pick) does no pandas work.

Sentences that name data come back as Markdown with the data escaped, ready to render.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from components.compare.figures import MAX_CHART_THEMES
from components.compare.labels import (
    CATEGORY_LABELS,
    category_label,
    comparable_groups,
    default_pair,
    panel_label,
)
from components.compare.partners import (
    NO_PARTNER,
    PARTNER_CATEGORY,
    PartnerCell,
    cell_label,
    children_all_zero,
    children_observation,
    matrix_cells,
    partner_cell,
    partner_matrix,
)
from components.compare.text_alternatives import partner_summary, partner_table, theme_summary, theme_table
from components.compare.themes import ThemeComparison, compare_themes, other_groups_with_statements, theme_statements
from components.data.model import Dataset
from components.shared.colours import group_colours
from components.shared.study_words import group_order
from components.shared.text import escape_markdown
from components.shared.wording import plural

# Observations (points to note) are mostly the shared group's; the partner matrix carries their headline.
CATEGORIES = tuple(category for category in CATEGORY_LABELS if category != "observation")


@dataclass(frozen=True)
class GroupChoice:
    """What the pickers offer for a dataset: the groups, the default pair and each group's colour."""

    pickable: tuple[str, ...]
    default_left: str | None
    default_right: str | None
    colours: dict[str, str]


def group_choice(dataset: Dataset) -> GroupChoice:
    groups = dataset.groups
    # The study's own order (its metadata, else the data's) picks the default pair and the colours.
    ordered = group_order(dataset)
    left, right = default_pair(ordered)
    return GroupChoice(tuple(comparable_groups(groups)), left, right, group_colours(groups, ordered))


def group_notice(pickable: tuple[str, ...], left: str | None, right: str | None) -> str | None:
    """Markdown for the note above the charts when there are not two different groups to compare."""
    if len(pickable) == 1:
        return (
            f"This dataset has one group, {escape_markdown(pickable[0])}, so there is no second group to compare "
            "it with: its themes are shown alone, beside any common ground."
        )
    if not pickable:
        return (
            "Every statement in this dataset belongs to the shared group, so there are no groups to compare: "
            "its statements are shown as common ground."
        )
    if left == right:
        return f"Both sides show {escape_markdown(left)}. Choose a different group on one side to compare two groups."
    return None


@dataclass(frozen=True)
class CompareView:
    """One category for one pair of groups: the theme counts and partner matrix with their text alternatives.

    `heading`, `empty_message`, `more_themes` and `partner_empty_message` are Markdown, data escaped;
    `children_note` is the source's own point about children, set only when the matrix shows children at 0.
    The tables are Arrow tables, which st.dataframe sends as they are: a DataFrame it converts on every run.
    """

    category: str
    label: str
    groups: tuple[str, ...]
    colours: dict[str, str]
    comparison: ThemeComparison
    heading: str
    empty_message: str
    theme_summary: str
    theme_table: pa.Table
    more_themes: str
    matrix: pd.DataFrame
    partner_empty_message: str
    partner_summary: str
    partner_table: pa.Table
    cells: tuple[tuple[str, str], ...]
    cell_labels: dict[tuple[str, str], str]
    children_note: pd.Series | None

    @property
    def has_partners(self) -> bool:
        return not self.partner_empty_message


def _arrow(table: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(table, preserve_index=False)


def _empty_message(findings: pd.DataFrame, category: str, groups: list[str], names: str) -> str:
    others = other_groups_with_statements(findings, category, groups)
    hint = (
        " Other groups have some: "
        + ", ".join(f"{escape_markdown(group)} ({count})" for group, count in others.items())
        + ". Pick one above."
        if others
        else " Choose another category above, or add rows with this category to your findings file (Your data)."
    )
    return f"No coded statements under “{escape_markdown(category_label(category))}” for {names}.{hint}"


def compare_view(dataset: Dataset, category: str, groups: tuple[str, ...]) -> CompareView:
    """The whole view for `category` and the distinct `groups` shown (left first), from the dataset alone."""
    findings = dataset.findings
    chosen = list(groups)
    label = category_label(category)
    names = " and ".join(escape_markdown(group) for group in chosen) or "common ground"
    comparison = compare_themes(findings, category, chosen)
    themes = len(comparison.themes)
    more = (
        f"The chart shows the first {MAX_CHART_THEMES} of {themes} themes; the table has them all."
        if themes > MAX_CHART_THEMES
        else ""
    )
    matrix = partner_matrix(findings, chosen)
    named = matrix.drop(columns=[NO_PARTNER], errors="ignore")
    partner_empty = ""
    if matrix.empty or int(named.to_numpy().sum()) == 0:
        partner_label = category_label(PARTNER_CATEGORY).lower()
        partner_empty = (
            f"No “{escape_markdown(partner_label)}” statements here name a partner. Fill the partner column of "
            "the findings file (clients, families, professionals, MDT, children) to see this matrix."
        )
    cells = tuple(matrix_cells(matrix))
    children = children_observation(findings) if children_all_zero(matrix) else None
    return CompareView(
        category=category,
        label=label,
        groups=tuple(chosen),
        colours=group_choice(dataset).colours,
        comparison=comparison,
        heading=f"**{escape_markdown(label)}: {names}.** Click a bar to read the evidence.",
        empty_message=_empty_message(findings, category, chosen, names) if comparison.is_empty else "",
        theme_summary=theme_summary(comparison),
        theme_table=_arrow(theme_table(comparison)),
        more_themes=more,
        matrix=matrix,
        partner_empty_message=partner_empty,
        partner_summary=partner_summary(matrix),
        partner_table=_arrow(partner_table(matrix)),
        cells=cells,
        cell_labels={cell: cell_label(matrix, cell) for cell in cells},
        children_note=children,
    )


@dataclass(frozen=True)
class ThemeWords:
    """Each panel group's statements on one theme, as rows ready to show, with the column heading."""

    theme: str
    panels: tuple[tuple[str, str, tuple[pd.Series, ...]], ...]  # (group, Markdown heading, rows) per panel


def theme_words(dataset: Dataset, category: str, theme: str, panels: tuple[str, ...]) -> ThemeWords:
    statements = theme_statements(dataset.findings, category, theme, panels)
    return ThemeWords(
        theme,
        tuple(
            (
                group,
                f"{escape_markdown(panel_label(group))}: {plural(len(frame), 'coded statement')}",
                tuple(row for _, row in frame.iterrows()),
            )
            for group, frame in statements.items()
        ),
    )


@dataclass(frozen=True)
class CellWords:
    """One partner-matrix cell's statements as rows ready to show, beside the cell itself."""

    cell: PartnerCell
    rows: tuple[pd.Series, ...]


def cell_words(dataset: Dataset, group: str, partner: str) -> CellWords:
    cell = partner_cell(dataset.findings, group, partner)
    return CellWords(cell, tuple(row for _, row in cell.statements.iterrows()))
