"""The Compare page's two figures: the themes as side-by-side bar panels, and the partner matrix as a grid of
numbered cells. Labels are escaped (plotly renders a little HTML); every clickable mark carries its keys in
customdata, which is all plotly's selection event returns."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.compare.labels import panel_label
from components.compare.partners import NO_PARTNER, matrix_cells
from components.compare.themes import ThemeComparison
from components.data.vocabulary import SHARED_GROUP
from components.shared.colours import SHARED_GROUP_COLOUR, contrast_ratio, hex_to_rgb
from components.shared.text import escape_plotly, wrap_label
from components.shared.wording import plural

# Beyond this many themes a chart stops being readable on a projector; the table keeps them all.
MAX_CHART_THEMES = 20
# The theme chart with its frame (title, source, caveat) never runs past a 1280x720 window under the controls.
PROJECTOR_CHART_HEIGHT = 470
# The narrowest the theme chart draws with its title, labels and 60-character source lines whole: narrower (a
# phone) it keeps this width and scrolls sideways, since plotly cannot wrap them to the screen.
THEME_CHART_MIN_WIDTH = 520

FONT_SIZE = 15
TITLE_SIZE = 17
CELL_TEXT_SIZE = 20
TEXT_COLOUR = "#111827"
EMPTY_CELL = "#F2F4F7"
# No plotly template: every colour these charts show is set here, and plotly_white's 7 KB of defaults for
# trace types they do not draw were sent, and applied by the browser, on every run (about half its drawing
# time for the theme chart). White is plotly.js's own background.
NO_TEMPLATE = "none"


# On a phone (components/ui/viewport.py) the panels stack, each as wide as the screen: a title's line and a
# theme's label wrap at these many characters, so nothing runs past a 390 px screen.
PHONE_TITLE_CHARS = 30
PHONE_LABEL_CHARS = 16
# Characters a line of the chart's source and caveat under it on a phone (components/ui/chart_export.py).
PHONE_LINE_CHARS = 40


def _colour(colours: Mapping[str, str], group: str) -> str:
    """The group's colour as the caller gave it (shared.colours.group_colours); ink for a group it left out,
    grey for the shared group, so no colour is guessed from a group's label."""
    return colours.get(group) or (SHARED_GROUP_COLOUR if group == SHARED_GROUP else TEXT_COLOUR)


def _panel_title(group: str, width: int = 14, max_lines: int = 2) -> str:
    """A panel's title: the group's name, or "Common ground" for the shared group (wrapped, escaped)."""
    name = "Common ground" if group == SHARED_GROUP else group
    return f"<b>{wrap_label(escape_plotly(name), width=width, max_lines=max_lines)}</b>"


def theme_figure(
    comparison: ThemeComparison,
    colours: Mapping[str, str],
    selected_theme: str | None = None,
    max_themes: int = MAX_CHART_THEMES,
    phone: bool = False,
) -> go.Figure:
    """One panel of horizontal bars per group, side by side on one shared theme axis.

    `phone`: the panels stack one under another, each with its own theme labels, wrapped narrower, and whole
    titles, so the chart fits a phone's width instead of scrolling sideways.

    Each bar carries [theme, group] in customdata, because plotly's selection event returns only what
    the trace holds, and the page needs the theme to open its statements. Labels are escaped: plotly
    renders a little HTML.
    """
    counts = comparison.counts.head(max_themes)
    panels = comparison.panels
    themes = list(counts.index)
    titles = [_panel_title(group, PHONE_TITLE_CHARS, 3) if phone else _panel_title(group) for group in panels]
    title_lines = max((title.count("<br>") + 1 for title in titles), default=1)
    labels = [escape_plotly(theme) for theme in themes]
    wrapped = [wrap_label(label, width=PHONE_LABEL_CHARS if phone else 24) for label in labels]
    # Rows tall enough for the longest wrapped label, so neighbouring labels never overlap.
    row_height = max(36, 6 + 18 * max((label.count("<br>") + 1 for label in wrapped), default=1))
    count = max(len(panels), 1)
    if phone:
        # Each panel's own title above it, its ticks under it: the space between panels holds both.
        gap_px = 34 + 22 * title_lines
        plot_px = count * row_height * len(themes) + (count - 1) * gap_px
        figure = make_subplots(rows=count, cols=1, vertical_spacing=gap_px / max(plot_px, 1), subplot_titles=titles)
    else:
        plot_px = row_height * len(themes)
        figure = make_subplots(rows=1, cols=count, shared_yaxes=True, horizontal_spacing=0.035, subplot_titles=titles)
    top = max(int(counts.to_numpy().max()) if not counts.empty else 0, 1)
    for column, group in enumerate(panels, start=1):
        values = [int(value) for value in counts[group]]
        colour = _colour(colours, group)
        hover = [
            f"<b>{escape_plotly(theme)}</b><br>{escape_plotly(panel_label(group))}: {plural(value, 'coded statement')}"
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
            row=column if phone else 1,
            col=1 if phone else column,
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
            ticks="",
            nticks=5 if phone else None,
            row=column if phone else 1,
            col=1 if phone else column,
        )
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
        ticks="",
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
        template=NO_TEMPLATE,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        height=max(200, 54 + 22 * title_lines + plot_px),
        margin={"l": 10, "r": 20, "t": 10 + 22 * title_lines, "b": 44},
        showlegend=False,
        bargap=0.3,
        hoverlabel={"font": {"size": FONT_SIZE}},
        clickmode="event+select",
        dragmode=False,
        font={"size": FONT_SIZE, "color": TEXT_COLOUR},
    )
    return figure


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
    colour_of = {group: _colour(colours, group) for group in groups}
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
        ticks="",
        showgrid=False,
        type="category",
    )
    figure.update_yaxes(
        autorange="reversed",
        tickfont={"size": FONT_SIZE},
        fixedrange=True,
        ticks="",
        showgrid=False,
        type="category",
        automargin=True,
    )
    figure.update_layout(
        template=NO_TEMPLATE,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        height=40 + 20 * label_lines + 46 * len(partners),
        margin={"l": 10, "r": 10, "t": 20 + 20 * label_lines, "b": 10},
        hoverlabel={"font": {"size": FONT_SIZE}},
        font={"size": FONT_SIZE, "color": TEXT_COLOUR},
        dragmode=False,
        clickmode="event+select",
        showlegend=False,
        # The mode bar's buttons stacked down the right edge: in a row, at 1280 px they sat over this narrow
        # chart's title. The saved image carries no mode bar.
        modebar={"orientation": "v"},
    )
    return figure
