"""The score chart (dots on stems, weakest at the top), a click on it read back, and its text alternative."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.assessment.scale import MAX_SCORE, format_score
from components.shared.colours import SCORE_COLOURS
from components.shared.selection import selected_customdata
from components.shared.text import escape_plotly, wrap_label

# Score colours have no hue, so they never read as a group or a node kind (components/shared/colours.py).
# Legend names and the order (weakest at the top) say the same thing, so colour is never alone.
FOCUS_COLOUR = SCORE_COLOURS["focus"]
OTHER_COLOUR = SCORE_COLOURS["other"]
FONT_SIZE = 16
# Streamlit's chart theme draws axis text in a grey below 4.5:1 on white; axis text here is near-black.
TEXT_COLOUR = "#111827"
# An area's name wraps at this many characters: a phone-width line at 16 px.
LABEL_CHARS = 36
LEGEND_GAP_PX = 110
# Source and caveat lines under the chart short enough for a phone (components/shared/chart_export.py).
FOOTER_LINE_CHARS = 44


def score_chart(ranked: pd.DataFrame, focus: list[str]) -> go.Figure:
    """Theme scores out of 2 as dots on stems, weakest at the top, the focus areas in ink, the rest in grey.

    Dots rather than bars because a score of 0 is an answer, and a bar of length 0 cannot be seen. Each
    area's name is written above its stem, not beside the axis, so that on a phone the stems and the
    "1.5 out of 2" beside each dot keep the chart's whole width. The figure is built as one dict: adding
    traces and annotations one by one cost plotly 5-6x as long, on every rating.
    """
    labels = {theme: wrap_label(escape_plotly(theme), width=LABEL_CHARS) for theme in ranked["theme"]}
    traces: list[dict] = []
    for name, colour, is_focus in (("Weakest areas", FOCUS_COLOUR, True), ("Other areas", OTHER_COLOUR, False)):
        subset = ranked.loc[ranked["theme"].isin(focus) == is_focus]
        if subset.empty:
            continue
        themes, scores = subset["theme"].tolist(), subset["score"].tolist()
        stems_x: list[float | None] = []
        stems_y: list[str | None] = []
        for theme, score in zip(themes, scores, strict=True):
            stems_x += [0, score, None]
            stems_y += [labels[theme], labels[theme], None]
        traces.append(
            {
                "type": "scatter",
                "x": stems_x,
                "y": stems_y,
                "mode": "lines",
                "line": {"color": colour, "width": 6},
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": name,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": scores,
                "y": [labels[theme] for theme in themes],
                "mode": "markers+text",
                "name": name,
                "legendgroup": name,
                "marker": {"color": colour, "size": 22, "line": {"color": "#FFFFFF", "width": 2}},
                "text": [format_score(score) for score in scores],
                "textposition": "middle right",
                "textfont": {"size": FONT_SIZE, "color": colour},
                "cliponaxis": False,
                # The raw theme, so a click can open that area's passages; the hover shows it escaped.
                "customdata": [[theme] for theme in themes],
                "hovertext": [escape_plotly(theme) for theme in themes],
                "hovertemplate": "%{hovertext}: %{x:.2f} out of 2 · click for the source passages<extra></extra>",
            }
        )
    annotations = [
        {
            "text": label,
            "name": "area name",
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "y": label,
            "yanchor": "bottom",
            "yshift": 14,  # clear of the dot's radius; a wrapped name grows upwards
            "align": "left",
            "showarrow": False,
            "font": {"size": FONT_SIZE, "color": TEXT_COLOUR},
        }
        for label in labels.values()
    ]
    height = max(260, 90 * len(ranked) + 150)
    margin = {"l": 20, "r": 20, "t": 10, "b": 10}
    # The legend sits a fixed distance under the plot, below the two-line ticks and axis title, whatever
    # the number of areas (plotly places it in fractions of the plot's height).
    legend_y = -LEGEND_GAP_PX / (height - margin["t"] - margin["b"])
    layout = {
        "height": height,
        "margin": margin,
        "legend": {"orientation": "h", "yanchor": "top", "y": legend_y, "x": 0, "font": {"size": FONT_SIZE}},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "clickmode": "event+select",
        "dragmode": False,
        "annotations": annotations,
        "xaxis": {
            # Room left of 0 for its centred two-line tick, right of 2 for "2 out of 2".
            "range": [-0.3, MAX_SCORE + 0.7],
            "tickvals": [0, 1, 2],
            # Two lines each, so that a phone's narrow axis does not tilt them.
            "ticktext": ["0<br>not in place", "1<br>partly", "2<br>fully"],
            "tickfont": {"size": FONT_SIZE, "color": TEXT_COLOUR},
            "title": {
                "text": "Score out of 2<br>(mean of your ratings)",
                "font": {"size": FONT_SIZE, "color": TEXT_COLOUR},
            },
            "showgrid": True,
            "zeroline": False,
        },
        # Plotly draws the first category at the bottom; reverse so the weakest reads first, at the top.
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": [labels[theme] for theme in ranked["theme"]][::-1],
            # Room above the top stem for its name.
            "range": [-0.5, len(ranked) - 0.1],
            "showticklabels": False,
            "tickfont": {"size": FONT_SIZE, "color": TEXT_COLOUR},
        },
    }
    # Unchecked: plotly's checks cost more than the rest of a rating's run on a large dataset, and this dict is
    # code, not data (tests/components/assessment/test_figure.py checks it through plotly's validators).
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def theme_from_selection(selection: object) -> str | None:
    """The area (theme) of the score dot just clicked (None when nothing is selected)."""
    customdata = selected_customdata(selection)
    return customdata[0] if customdata else None


def chart_summary(ranked: pd.DataFrame, unscored: list[str]) -> str:
    """The chart in one sentence, generated from the data. Not escaped."""
    if ranked.empty:
        return "No theme has a rating yet."
    parts = [f"{row.theme} {format_score(row.score)}" for row in ranked.itertuples()]
    sentence = f"Scores by theme, weakest first (mean of your ratings, out of 2): {'; '.join(parts)}."
    if unscored:
        sentence += f" Not scored yet (no rating other than don't know): {', '.join(unscored)}."
    return sentence


def chart_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers with readable column names, for the table under it."""
    table = ranked.loc[:, ["rank", "theme", "score", "rated", "not_in_place", "partly", "fully", "dont_know"]].copy()
    table["score"] = table["score"].round(2)
    return table.rename(
        columns={
            "rank": "Rank (1 = weakest)",
            "theme": "Theme",
            "score": "Score out of 2",
            "rated": "Statements rated",
            "not_in_place": "Not in place",
            "partly": "Partly",
            "fully": "Fully in place",
            "dont_know": "Don't know",
        }
    )
