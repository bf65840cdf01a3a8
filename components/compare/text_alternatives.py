"""The text alternative under each Compare chart: the numbers as a table and sentences built from the counts,
for screen readers and for a room reading a projector."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.compare.labels import category_label, panel_label
from components.compare.partners import NO_PARTNER, PARTNER_CATEGORY, children_all_zero
from components.compare.themes import ThemeComparison
from components.data.vocabulary import SHARED_GROUP
from components.shared.wording import plural, spoken_list


def theme_table(comparison: ThemeComparison) -> pd.DataFrame:
    """The chart's numbers as a table for the text alternative: one row per theme, one column per panel."""
    table = pd.DataFrame({"Theme": comparison.themes})
    for group in comparison.panels:
        table[f"{panel_label(group)}: coded statements"] = comparison.counts[group].to_numpy()
    if comparison.inferred_themes:
        table["Theme name"] = [
            "this app's coding (inferred)" if theme in comparison.inferred_themes else "as the source words it"
            for theme in comparison.themes
        ]
    return table


def _quoted_list(items: Sequence[str], limit: int = 3) -> str:
    shown = [f"“{item}”" for item in items[:limit]]
    more = len(items) - len(shown)
    text = spoken_list(shown)
    return text + (f" (and {more} more)" if more > 0 else "")


def theme_summary(comparison: ThemeComparison) -> str:
    """One or two sentences, from the counts, saying where the chosen groups differ most."""
    label = category_label(comparison.category)
    groups = [group for group in comparison.panels if group != SHARED_GROUP]
    counts = comparison.counts
    if comparison.is_empty:
        return f"{label}: no coded statements for {' or '.join(groups) or 'any group'}."
    totals = {group: int(counts[group].sum()) for group in groups}
    parts = [
        f"{group} has {plural(totals[group], 'coded statement')} on {plural(int((counts[group] > 0).sum()), 'theme')}"
        if totals[group]
        else f"{group} has none"
        for group in groups
    ]
    sentences = [f"{label}: " + "; ".join(parts) + "." if parts else f"{label}."]
    if len(groups) >= 2:
        first, second = counts[groups[0]], counts[groups[1]]
        if totals[groups[0]] and totals[groups[1]]:
            shared = int(((first > 0) & (second > 0)).sum())
            gap = (first - second).abs()
            widest = [theme for theme in comparison.themes if gap[theme] == gap.max()]
            top = widest[0]
            if int(gap.max()) == 0:
                sentences.append(f"They share {plural(shared, 'theme')}, with the same count on each.")
            else:
                sentences.append(f"They share {plural(shared, 'theme')}." if shared else "They share no themes.")
                if shared or int(gap.max()) > 1:
                    sentences.append(
                        f"The biggest difference is on {_quoted_list(widest)} "
                        f"({groups[0]} {first[top]}, {groups[1]} {second[top]})."
                    )
        elif totals[groups[0]] or totals[groups[1]]:
            speaker = groups[0] if totals[groups[0]] else groups[1]
            sentences.append(f"Only {speaker} has statements of its own here.")
        else:
            sentences.append("Neither group has statements of its own here.")
    elif len(groups) == 1 and totals[groups[0]]:
        top = counts[groups[0]].idxmax()
        sentences.append(f"It says most about “{top}” ({plural(int(counts.at[top, groups[0]]), 'coded statement')}).")
    if SHARED_GROUP in counts:
        common = counts[SHARED_GROUP][counts[SHARED_GROUP] > 0]
        sentences.append(
            f"{plural(int(common.sum()), 'coded statement')} on {plural(len(common), 'theme')} are common ground, "
            f"shared by every group ({SHARED_GROUP})."
        )
    return " ".join(sentences)


def partner_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a plain table for the text alternative."""
    table = matrix.copy()
    table.insert(0, "Group", [panel_label(group) for group in matrix.index])
    table["Total coded statements"] = matrix.sum(axis=1).to_numpy()
    return table.reset_index(drop=True)


def partner_summary(matrix: pd.DataFrame, category: str = PARTNER_CATEGORY) -> str:
    """Which partner each group names most, and the partner the groups differ most on, from the counts."""
    label = category_label(category).lower()
    if matrix.empty:
        return f"No “{label}” statements for the groups shown."
    parts = []
    for group in matrix.index:
        row = matrix.loc[group].drop(labels=[NO_PARTNER], errors="ignore")
        total = int(matrix.loc[group].sum())
        name = panel_label(group)
        if total == 0:
            parts.append(f"{name} has none")
        elif int(row.max()) == 0:
            parts.append(f"{name} names no partner")
        else:
            top = [str(partner) for partner in row.index if row[partner] == row.max()]
            parts.append(f"{name} most often names {' and '.join(top)} ({int(row.max())} of {total})")
    sentences = [f"In “{label}” statements, " + "; ".join(parts) + "."]
    groups = [group for group in matrix.index if group != SHARED_GROUP]
    named = matrix.drop(columns=[NO_PARTNER], errors="ignore")
    if len(groups) >= 2:
        gap = (named.loc[groups[0]] - named.loc[groups[1]]).abs()
        if int(gap.max()) > 0:
            partner = str(gap.idxmax())
            sentences.append(
                f"The widest gap is {partner}: {groups[0]} {int(named.at[groups[0], partner])}, "
                f"{groups[1]} {int(named.at[groups[1], partner])}."
            )
    if children_all_zero(matrix):
        sentences.append("No statement names children.")
    if NO_PARTNER in matrix:
        sentences.append(f"{plural(int(matrix[NO_PARTNER].sum()), 'coded statement')} record no partner.")
    return " ".join(sentences)
