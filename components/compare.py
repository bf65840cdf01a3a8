"""What the Compare page shows: two groups' themes side by side, who each says collaboration is with,
and the statements behind a theme. Pure functions (DataFrame in, DataFrame or figure out), no Streamlit.

Counts are counts of coded statements (rows of findings.csv), never of people. Statements made about
every social worker (the shared group "All") are common ground: they get their own panel and are
never added to either group's count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.data.vocabulary import PARTNERS, SHARED_GROUP
from components.text import escape_plotly, fold, wrap_label
from components.ui.colours import FIXED_GROUP_COLOURS, contrast_ratio, hex_to_rgb
from components.ui.selection import selected_customdata

# The categories the page compares, in the order a trainer walks through them, with the words users see.
CATEGORY_LABELS = {
    "purpose": "Why collaborate",
    "barrier": "Barriers",
    "perception": "Differing views",
    "enabler": "What helps",
    "observation": "Points to note",
}
PARTNER_CATEGORY = "purpose"
DEFAULT_PAIR = ("MHSW", "CSW")
NO_PARTNER = "(no partner recorded)"
COMMON_GROUND = f"Common ground ({SHARED_GROUP})"
# Beyond this many themes a chart stops being readable on a projector; the table keeps them all.
MAX_CHART_THEMES = 20
# The theme chart with its frame (title, source, caveat) never runs past a 1280x720 window under the controls.
PROJECTOR_CHART_HEIGHT = 470

FONT_SIZE = 15
TITLE_SIZE = 17
CELL_TEXT_SIZE = 20
TEXT_COLOUR = "#111827"
EMPTY_CELL = "#F2F4F7"


# ---------------------------------------------------------------------------------------------
# Groups


def comparable_groups(groups: Sequence[str]) -> list[str]:
    """The groups a user can pick: every group except the shared one, which is common ground."""
    return [group for group in groups if group != SHARED_GROUP]


def default_pair(groups: Sequence[str]) -> tuple[str | None, str | None]:
    """MHSW vs CSW when both are present, else the first two pickable groups (None where there are fewer)."""
    pickable = comparable_groups(groups)
    if all(group in pickable for group in DEFAULT_PAIR):
        return DEFAULT_PAIR
    first = pickable[0] if pickable else None
    second = pickable[1] if len(pickable) > 1 else None
    return first, second


def chosen_groups(left: str | None, right: str | None) -> list[str]:
    """The distinct groups to show, left first: one when both sides name the same group or one is missing."""
    return list(dict.fromkeys(group for group in (left, right) if group))


def panel_label(group: str) -> str:
    return COMMON_GROUND if group == SHARED_GROUP else group


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


# ---------------------------------------------------------------------------------------------
# Themes side by side


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


def _plural(count: int, word: str = "coded statement") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _quoted_list(items: Sequence[str], limit: int = 3) -> str:
    shown = [f"“{item}”" for item in items[:limit]]
    more = len(items) - len(shown)
    text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
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
        f"{group} has {_plural(totals[group])} on {_plural(int((counts[group] > 0).sum()), 'theme')}"
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
                sentences.append(f"They share {_plural(shared, 'theme')}, with the same count on each.")
            else:
                sentences.append(f"They share {_plural(shared, 'theme')}." if shared else "They share no themes.")
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
        sentences.append(f"It says most about “{top}” ({_plural(int(counts.at[top, groups[0]]))}).")
    if SHARED_GROUP in counts:
        common = counts[SHARED_GROUP][counts[SHARED_GROUP] > 0]
        sentences.append(
            f"{_plural(int(common.sum()))} on {_plural(len(common), 'theme')} are common ground, "
            f"shared by every group ({SHARED_GROUP})."
        )
    return " ".join(sentences)


def _panel_title(group: str) -> str:
    """A panel's title: the group's name, or "Common ground" for the shared group (wrapped, escaped)."""
    name = "Common ground" if group == SHARED_GROUP else group
    return f"<b>{wrap_label(escape_plotly(name), width=14, max_lines=2)}</b>"


def theme_figure(
    comparison: ThemeComparison,
    colours: Mapping[str, str],
    selected_theme: str | None = None,
    max_themes: int = MAX_CHART_THEMES,
) -> go.Figure:
    """One panel of horizontal bars per group, side by side on one shared theme axis.

    Each bar carries [theme, group] in customdata, because plotly's selection event returns only what
    the trace holds, and the page needs the theme to open its statements. Labels are escaped: plotly
    renders a little HTML.
    """
    counts = comparison.counts.head(max_themes)
    panels = comparison.panels
    themes = list(counts.index)
    titles = [_panel_title(group) for group in panels]
    title_lines = max((title.count("<br>") + 1 for title in titles), default=1)
    figure = make_subplots(
        rows=1, cols=max(len(panels), 1), shared_yaxes=True, horizontal_spacing=0.035, subplot_titles=titles
    )
    labels = [escape_plotly(theme) for theme in themes]
    top = max(int(counts.to_numpy().max()) if not counts.empty else 0, 1)
    for column, group in enumerate(panels, start=1):
        values = [int(value) for value in counts[group]]
        colour = colours.get(group) or FIXED_GROUP_COLOURS.get(group, TEXT_COLOUR)
        hover = [
            f"<b>{escape_plotly(theme)}</b><br>{escape_plotly(panel_label(group))}: {_plural(value)}"
            + ("<br>Theme name: this app's coding (inferred)" if theme in comparison.inferred_themes else "")
            for theme, value in zip(themes, values, strict=True)
        ]
        figure.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                name=escape_plotly(panel_label(group)),
                marker={
                    "color": colour,
                    "line": {
                        "color": TEXT_COLOUR,
                        "width": [
                            3 if theme == selected_theme and value else 0
                            for theme, value in zip(themes, values, strict=True)
                        ],
                    },
                },
                text=[str(value) if value else "" for value in values],
                textposition="outside",
                textfont={"size": FONT_SIZE, "color": TEXT_COLOUR},
                cliponaxis=False,
                customdata=[[theme, group] for theme in themes],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=column,
        )
        figure.update_xaxes(
            range=[0, top * 1.25 + 0.3],
            dtick=1 if top <= 6 else None,
            tickfont={"size": FONT_SIZE},
            showgrid=True,
            gridcolor="#E5E7EB",
            zeroline=True,
            zerolinecolor="#6B7280",
            fixedrange=True,
            row=1,
            col=column,
        )
    wrapped = [wrap_label(label, width=24) for label in labels]
    # Rows tall enough for the longest wrapped label, so neighbouring labels never overlap.
    row_height = max(36, 6 + 18 * max((label.count("<br>") + 1 for label in wrapped), default=1))
    ticks = [f"<b>{tick}</b>" if theme == selected_theme else tick for theme, tick in zip(themes, wrapped, strict=True)]
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
        tickmode="array",
        tickvals=labels,
        ticktext=ticks,
        tickfont={"size": FONT_SIZE},
        fixedrange=True,
        automargin=True,
    )
    figure.update_annotations(font={"size": TITLE_SIZE, "color": TEXT_COLOUR})
    # One axis title under all the panels: one per panel collides when three panels share the width.
    figure.add_annotation(
        text="coded statements",
        xref="paper",
        yref="paper",
        x=0.5,
        y=0,
        yanchor="top",
        yshift=-24,
        showarrow=False,
        font={"size": FONT_SIZE, "color": TEXT_COLOUR},
    )
    figure.update_layout(
        template="plotly_white",
        height=max(200, 54 + 22 * title_lines + row_height * len(themes)),
        margin={"l": 10, "r": 20, "t": 10 + 22 * title_lines, "b": 44},
        showlegend=False,
        bargap=0.3,
        hoverlabel={"font": {"size": FONT_SIZE}},
        clickmode="event+select",
        dragmode=False,
        font={"size": FONT_SIZE, "color": TEXT_COLOUR},
    )
    return figure


def theme_from_selection(selection: object) -> str | None:
    """The theme of the first selected bar in a plotly selection event (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return customdata[0] if customdata else None


def cell_from_selection(selection: object) -> tuple[str, str] | None:
    """The (group, partner) of the partner-matrix cell just clicked (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return (customdata[0], customdata[1]) if customdata and len(customdata) >= 2 else None


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


# ---------------------------------------------------------------------------------------------
# Who collaboration is with


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


def partner_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a plain table for the text alternative."""
    table = matrix.copy()
    table.insert(0, "Group", [panel_label(group) for group in matrix.index])
    table["Total coded statements"] = matrix.sum(axis=1).to_numpy()
    return table.reset_index(drop=True)


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
        return f"{panel_label(self.group)} · {self.partner}: {_plural(len(self.statements))}"


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
        why = f"None of {name}'s {_plural(len(rows))} under “{label}” names {partner}" + (
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
    return f"{panel_label(group)} · {partner}: {_plural(int(matrix.at[group, partner]))}"


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
        sentences.append(f"{_plural(int(matrix[NO_PARTNER].sum()))} record no partner.")
    return " ".join(sentences)


def _blend(start: str, end: str, fraction: float) -> str:
    """The colour a linear colour scale shows at `fraction` of the way from start to end."""
    mixed = [
        a + (b - a) * min(max(fraction, 0.0), 1.0) for a, b in zip(hex_to_rgb(start), hex_to_rgb(end), strict=True)
    ]
    return "#" + "".join(f"{round(channel * 255):02X}" for channel in mixed)


def text_colour_on(background: str) -> str:
    """White or near-black, whichever reads better on the background."""
    return max(("#FFFFFF", TEXT_COLOUR), key=lambda text: contrast_ratio(text, background))


def partner_figure(
    matrix: pd.DataFrame, colours: Mapping[str, str], selected_cell: tuple[str, str] | None = None
) -> go.Figure:
    """The group × partner matrix as a grid of numbered cells: partners down the side, one column per group,
    each column shaded in its group's colour, darkest for the partner that group names most (its own
    emphasis: the numbers in the cells carry the comparison between groups).

    One heatmap trace with a colour scale made of one segment per group: separate single-row traces
    misplace rows on a categorical axis. Plotly cannot select a heatmap cell, so a scatter of clear squares
    lies over the cells: clicking one selects its point, which carries [group, partner] in customdata. No
    tooltip: the number is in the cell, and a tooltip on this narrow chart covered the partner names.
    """
    # Statements with no partner stay in the table and the sentence; drawn, they would set every column's shade.
    matrix = matrix.drop(columns=[NO_PARTNER], errors="ignore")
    groups = list(matrix.index)
    partners = list(matrix.columns)
    # Full names are the cells' keys (unique); the wrapped short names are only what the axis shows.
    group_labels = [escape_plotly(panel_label(group)) for group in groups]
    group_ticks = [
        wrap_label(escape_plotly("Common ground" if group == SHARED_GROUP else group), width=10, max_lines=2)
        for group in groups
    ]
    label_lines = max((tick.count("<br>") + 1 for tick in group_ticks), default=1)
    partner_labels = [escape_plotly(partner) for partner in partners]
    tops = {group: max(int(matrix.loc[group].max()) if matrix.size else 0, 1) for group in groups}
    colour_of = {group: colours.get(group) or FIXED_GROUP_COLOURS.get(group, TEXT_COLOUR) for group in groups}
    segments = max(len(groups), 1)
    scale: list[list] = []
    for index, group in enumerate(groups):
        scale += [[index / segments, EMPTY_CELL], [(index + 1) / segments, colour_of[group]]]
    if not scale:
        scale = [[0, EMPTY_CELL], [1, EMPTY_CELL]]
    z = [
        # Keep each value inside its group's segment of the scale (0 sits just above the segment start).
        [
            (index + 0.001 + 0.998 * int(matrix.at[group, partner]) / tops[group]) / segments
            for index, group in enumerate(groups)
        ]
        for partner in partners
    ]
    figure = go.Figure(
        go.Heatmap(
            x=group_labels,
            y=partner_labels,
            z=z,
            zmin=0,
            zmax=1,
            colorscale=scale,
            showscale=False,
            xgap=4,
            ygap=4,
            hoverinfo="skip",
        )
    )
    cells = matrix_cells(matrix)
    label_of = dict(zip(groups, group_labels, strict=True))
    figure.add_trace(
        go.Scatter(
            x=[label_of[group] for group, _ in cells],
            y=[escape_plotly(partner) for _, partner in cells],
            mode="markers",
            marker={
                "symbol": "square",
                "size": 40,
                "color": "rgba(0,0,0,0)",
                "line": {"color": TEXT_COLOUR, "width": [3 if cell == selected_cell else 0 for cell in cells]},
            },
            # Selecting a cell must not fade the others: the clear squares carry no colour to fade.
            selected={"marker": {"opacity": 1}},
            unselected={"marker": {"opacity": 1}},
            customdata=[[group, partner] for group, partner in cells],
            hoverinfo="none",
            showlegend=False,
            name="cells",
        )
    )
    for partner, partner_label in zip(partners, partner_labels, strict=True):
        for group, group_label in zip(groups, group_labels, strict=True):
            value = int(matrix.at[group, partner])
            figure.add_annotation(
                x=group_label,
                y=partner_label,
                text=f"<b>{value}</b>",
                showarrow=False,
                font={
                    "size": CELL_TEXT_SIZE,
                    "color": text_colour_on(_blend(EMPTY_CELL, colour_of[group], value / tops[group])),
                },
            )
    figure.update_xaxes(
        side="top",
        tickangle=0,
        tickmode="array",
        tickvals=group_labels,
        ticktext=group_ticks,
        tickfont={"size": FONT_SIZE},
        fixedrange=True,
        showgrid=False,
        type="category",
    )
    figure.update_yaxes(
        autorange="reversed",
        tickfont={"size": FONT_SIZE},
        fixedrange=True,
        showgrid=False,
        type="category",
        automargin=True,
    )
    figure.update_layout(
        template="plotly_white",
        height=40 + 20 * label_lines + 46 * len(partners),
        margin={"l": 10, "r": 10, "t": 20 + 20 * label_lines, "b": 10},
        hoverlabel={"font": {"size": FONT_SIZE}},
        font={"size": FONT_SIZE, "color": TEXT_COLOUR},
        dragmode=False,
        clickmode="event+select",
        showlegend=False,
    )
    return figure
