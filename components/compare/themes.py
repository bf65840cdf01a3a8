"""Themes side by side: one category's coded statements counted per theme for each chosen group and, apart,
the shared group (common ground), in one theme order for every panel; the statements behind a theme."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.data.vocabulary import SHARED_GROUP
from components.shared.selection import selected_customdata


@dataclass(frozen=True)
class ThemeComparison:
    """Coded statements per theme (rows, in display order) for each panel (columns: groups, then "All")."""

    category: str
    counts: pd.DataFrame  # index: theme; columns: panel groups, in panel order; int values
    inferred_themes: frozenset[str]

    @property
    def panels(self) -> list[str]:
        return list(self.counts.columns)

    @property
    def themes(self) -> list[str]:
        return list(self.counts.index)

    @property
    def is_empty(self) -> bool:
        return self.counts.empty or int(self.counts.to_numpy().sum()) == 0


def compare_themes(findings: pd.DataFrame, category: str, groups: Sequence[str]) -> ThemeComparison:
    """Count one category's coded statements per theme for each chosen group and, apart, the shared group.

    Themes come in one order for every panel: first those the first group says more about, then those
    said equally (or only in common ground), then those the second group says more about; within each,
    the most-said first, ties in the order the data names them.
    """
    groups = [group for group in dict.fromkeys(groups) if group != SHARED_GROUP]
    rows = findings[findings["category"].astype(str) == category]
    has_shared = bool((rows["group"].astype(str) == SHARED_GROUP).any())
    panels = [*groups, SHARED_GROUP] if has_shared else list(groups)
    rows = rows[rows["group"].astype(str).isin(panels)]
    if rows.empty:
        return ThemeComparison(category, pd.DataFrame(columns=panels, dtype="int64"), frozenset())

    themes = list(dict.fromkeys(rows["theme"].astype(str)))
    counts = (
        pd.crosstab(rows["theme"].astype(str), rows["group"].astype(str))
        .reindex(index=themes, columns=panels, fill_value=0)
        .astype("int64")
    )
    counts.index.name = "theme"
    counts.columns.name = None
    counts = counts.loc[_theme_order(counts, groups, themes)]
    inferred = frozenset()
    if "theme_basis" in rows:
        inferred = frozenset(rows.loc[rows["theme_basis"].astype(str) == "inferred", "theme"].astype(str))
    return ThemeComparison(category, counts, inferred)


def _theme_order(counts: pd.DataFrame, groups: list[str], themes: list[str]) -> list[str]:
    position = {theme: index for index, theme in enumerate(themes)}
    total = counts.sum(axis=1)

    def key(theme: str) -> tuple:
        if len(groups) >= 2:
            first, second = counts.at[theme, groups[0]], counts.at[theme, groups[1]]
            lean = 0 if first > second else (2 if second > first else 1)
            lead = max(first, second)
        elif groups:
            lean, lead = 0, counts.at[theme, groups[0]]
        else:
            lean, lead = 0, 0
        return (lean, -lead, -total[theme], position[theme])

    return sorted(themes, key=key)


def theme_from_selection(selection: object) -> str | None:
    """The theme of the first selected bar in a plotly selection event (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return customdata[0] if customdata else None


def theme_statements(
    findings: pd.DataFrame, category: str, theme: str, panels: Sequence[str]
) -> dict[str, pd.DataFrame]:
    """For each panel group, that group's statements on one theme of one category, in the data's order."""
    rows = findings[(findings["category"].astype(str) == category) & (findings["theme"].astype(str) == theme)]
    return {group: rows[rows["group"].astype(str) == group] for group in panels}


def other_groups_with_statements(findings: pd.DataFrame, category: str, shown: Sequence[str]) -> dict[str, int]:
    """Coded statements in this category from groups not on screen: what an empty state can point to."""
    rows = findings[(findings["category"].astype(str) == category) & ~findings["group"].astype(str).isin(shown)]
    counts = rows["group"].astype(str).value_counts(sort=False)
    return {str(group): int(count) for group, count in counts.items() if group != SHARED_GROUP}
