"""Home's headline findings for a study that does not name its own (study.json → `headline_findings`).

A few per category, chosen by a rule the page states, never by taste: in each category (reasons, barriers,
differing views, what helps), the themes with the most coded statements, one finding each: the first the data
lists from the group shown least so far, so every group is heard. Observations are the points to note, shown
apart.
"""

from __future__ import annotations

import pandas as pd

CATEGORY_ORDER = ("purpose", "barrier", "perception", "enabler")
THEMES_PER_CATEGORY = 2
CHOSEN_NOTE = (
    "The study names no headline findings, so these are, in each category, the "
    f"{THEMES_PER_CATEGORY} themes with the most coded statements, one finding each, taking turns between the groups."
)


def chosen_headlines(findings: pd.DataFrame, per_category: int = THEMES_PER_CATEGORY) -> pd.DataFrame:
    """One finding for each of the `per_category` most-coded themes of each category, categories in reading order.

    Ties keep the order the data first names the themes in, so the same data always gives the same list.
    """
    chosen = []
    shown: dict[str, int] = {}  # findings chosen so far per group
    categories = findings["category"].astype(str)
    for category in CATEGORY_ORDER:
        rows = findings[categories == category]
        if rows.empty:
            continue
        themes = rows["theme"].astype(str)
        counts = themes.value_counts(sort=False)
        first_seen = {theme: position for position, theme in enumerate(dict.fromkeys(themes))}
        ranked = sorted(counts.index, key=lambda theme: (-counts[theme], first_seen[theme]))[:per_category]
        for theme in ranked:
            candidates = rows[themes == theme]
            groups = candidates["group"].astype(str).tolist()
            # min() keeps the first of equals: the data's own order breaks ties.
            position = min(range(len(groups)), key=lambda at: shown.get(groups[at], 0))
            shown[groups[position]] = shown.get(groups[position], 0) + 1
            chosen.append(candidates.iloc[position])
    if not chosen:
        return findings.head(0)
    return pd.DataFrame(chosen).reset_index(drop=True)
