"""Who collaboration is with: coded "why collaborate" statements per group naming each partner (the partner
matrix), the statements behind one cell, and the source's own point that explains a zero."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.compare.labels import category_label, panel_label
from components.data.vocabulary import PARTNERS, SHARED_GROUP
from components.shared.selection import selected_customdata
from components.shared.text import fold
from components.shared.wording import plural

PARTNER_CATEGORY = "purpose"
NO_PARTNER = "(no partner recorded)"


def partner_columns(findings: pd.DataFrame) -> list[str]:
    """The study's partners in their usual order, then any other partner the data names."""
    found = [value for value in findings.get("partner", pd.Series(dtype=str)).astype(str) if value.strip()]
    canonical = {fold(partner): partner for partner in PARTNERS}
    extra = [value for value in dict.fromkeys(found) if fold(value) not in canonical]
    return [*PARTNERS, *extra]


def _canonical_partner(value: str) -> str:
    if not value.strip():
        return NO_PARTNER
    return {fold(partner): partner for partner in PARTNERS}.get(fold(value), value)


def _named_partners(rows: pd.DataFrame) -> pd.Series:
    """Each row's partner as the matrix names it (case folded to the study's spelling, blank as no partner)."""
    partners = rows["partner"].astype(str) if "partner" in rows else pd.Series("", index=rows.index, dtype=str)
    return partners.map(_canonical_partner)


def partner_matrix(findings: pd.DataFrame, groups: Sequence[str], category: str = PARTNER_CATEGORY) -> pd.DataFrame:
    """Coded statements of one category (why collaborate) per group (rows) naming each partner (columns).

    Rows are the chosen groups, then the shared group when it has statements of this category.
    A column for statements with no partner appears only when there are some.
    """
    groups = [group for group in dict.fromkeys(groups) if group != SHARED_GROUP]
    rows = findings[findings["category"].astype(str) == category]
    if (rows["group"].astype(str) == SHARED_GROUP).any():
        groups = [*groups, SHARED_GROUP]
    rows = rows[rows["group"].astype(str).isin(groups)]
    columns = partner_columns(findings)
    named = _named_partners(rows)
    if (named == NO_PARTNER).any():
        columns = [*columns, NO_PARTNER]
    matrix = pd.crosstab(rows["group"].astype(str), named) if not rows.empty else pd.DataFrame()
    matrix = matrix.reindex(index=groups, columns=columns, fill_value=0).fillna(0).astype("int64")
    matrix.index.name = "group"
    matrix.columns.name = None
    return matrix


@dataclass(frozen=True)
class PartnerCell:
    """What one partner-matrix cell counts: the statements behind it, or why it is zero.

    why_zero is "" when there are statements; note is the source's own point that explains a zero
    (the study's observation that no one spoke of children), when the data has one.
    """

    group: str
    partner: str
    statements: pd.DataFrame
    why_zero: str
    note: pd.Series | None = None

    @property
    def title(self) -> str:
        return f"{panel_label(self.group)} · {self.partner}: {plural(len(self.statements), 'coded statement')}"


def partner_cell(findings: pd.DataFrame, group: str, partner: str, category: str = PARTNER_CATEGORY) -> PartnerCell:
    """The coded statements one cell of partner_matrix counts, in the data's order, or a sentence saying why
    there are none (what that group's statements name instead)."""
    rows = findings[(findings["category"].astype(str) == category) & (findings["group"].astype(str) == group)]
    named = _named_partners(rows)
    statements = rows[named == partner]
    if not statements.empty:
        return PartnerCell(group, partner, statements, "")
    label, name = category_label(category).lower(), panel_label(group)
    if rows.empty:
        why = f"{name} has no coded “{label}” statements, so none names {partner}."
    else:
        others = named[named != NO_PARTNER].value_counts(sort=False)
        them = "; ".join(f"{other} {int(count)}" for other, count in others.items())
        why = f"None of {name}'s {plural(len(rows), 'coded statement')} under “{label}” names {partner}" + (
            f": they name {them}." if them else ", and none names a partner."
        )
    note = children_observation(findings) if fold(partner) == "children" else None
    return PartnerCell(group, partner, statements, why, note)


def matrix_cells(matrix: pd.DataFrame) -> list[tuple[str, str]]:
    """Every drawn cell as (group, partner), partner by partner as the grid reads (for the keyboard pick-list)."""
    partners = [partner for partner in matrix.columns if partner != NO_PARTNER]
    return [(group, partner) for partner in partners for group in matrix.index]


def cell_label(matrix: pd.DataFrame, cell: tuple[str, str]) -> str:
    """A cell as the pick-list names it: "MHSW · clients: 3 coded statements"."""
    group, partner = cell
    return f"{panel_label(group)} · {partner}: {plural(int(matrix.at[group, partner]), 'coded statement')}"


def children_observation(findings: pd.DataFrame) -> pd.Series | None:
    """The source's own point about children (an observation whose partner is children), if the data has one."""
    if "partner" not in findings:
        return None
    rows = findings[
        (findings["category"].astype(str) == "observation") & (findings["partner"].astype(str).map(fold) == "children")
    ]
    return rows.iloc[0] if not rows.empty else None


def children_all_zero(matrix: pd.DataFrame) -> bool:
    return "children" in matrix and not matrix.empty and int(matrix["children"].sum()) == 0


def cell_from_selection(selection: object) -> tuple[str, str] | None:
    """The (group, partner) of the partner-matrix cell just clicked (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return (customdata[0], customdata[1]) if customdata and len(customdata) >= 2 else None
