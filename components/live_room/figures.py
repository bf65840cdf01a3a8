"""Pictures of the room's answers and the join code's QR image. Builds figures and markup; draws nothing.

Every label is data (a theme, a word someone typed): it is HTML-escaped before plotly sees it, since plotly
renders a small HTML subset in text. Text sizes are set for a projector (Streamlit's theme overrides fonts).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import segno
from plotly.subplots import make_subplots

from components.live_room.counting import Tally, answers_label
from components.live_room.questions import SCALE_ENDS

ROOM_COLOUR = "#1f5f99"
GROUP_COLOURS = ("#b35806", "#542788", "#4d4d4d", "#1b7837")
FONT = {"size": 20}


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        font=FONT,
        legend={"font": FONT, "orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    figure.update_xaxes(tickfont=FONT, title_font=FONT, gridcolor="#ddd")
    figure.update_yaxes(tickfont=FONT, title_font=FONT)
    for annotation in figure.layout.annotations:
        annotation.font = FONT
    return figure


def options_figure(counted: Tally, study: pd.DataFrame) -> go.Figure:
    """The room's picks per option beside the study's coded statements for the same themes, by group."""
    options = [option for option, _ in counted.counts]
    labels = [html.escape(option) for option in options]
    figure = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=(
            f"This room: people who picked it ({answers_label(counted.answered)})",
            "The study: coded statements by group",
        ),
    )
    figure.add_trace(
        go.Bar(
            y=labels,
            x=[count for _, count in counted.counts],
            orientation="h",
            name="This room",
            marker_color=ROOM_COLOUR,
            text=[count for _, count in counted.counts],
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    for number, group in enumerate(study.columns):
        values = [int(study.at[option, group]) if option in study.index else 0 for option in options]
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=html.escape(str(group)),
                marker_color=GROUP_COLOURS[number % len(GROUP_COLOURS)],
                text=values,
                textposition="outside",
                textangle=0,
                cliponaxis=False,
            ),
            row=1,
            col=2,
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(rangemode="tozero", dtick=1)
    return _layout(figure, 120 + 70 * max(len(options), 1))


def scale_figure(counted: Tally) -> go.Figure:
    points = [point for point, _ in counted.counts]
    ticks = [f"{point}<br>{SCALE_ENDS[int(point)]}" if int(point) in SCALE_ENDS else point for point in points]
    figure = go.Figure(
        go.Bar(
            x=ticks,
            y=[count for _, count in counted.counts],
            marker_color=ROOM_COLOUR,
            text=[count for _, count in counted.counts],
            textposition="outside",
            textangle=0,
            cliponaxis=False,
        )
    )
    figure.update_layout(title={"text": f"How true is this in your service? ({answers_label(counted.answered)})"})
    figure.update_yaxes(rangemode="tozero", dtick=1)
    return _layout(figure, 380)


def words_figure(words: list[tuple[str, int]]) -> go.Figure:
    figure = go.Figure(
        go.Bar(
            y=[html.escape(word) for word, _ in words],
            x=[count for _, count in words],
            orientation="h",
            marker_color=ROOM_COLOUR,
        )
    )
    figure.update_layout(title={"text": "Words people used (in how many approved answers)"})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(rangemode="tozero", dtick=1)
    return _layout(figure, 100 + 40 * max(len(words), 1))


def qr_markup(join_url: str, width: int = 260) -> str:
    """An <img> of the join address's QR code (an SVG data URI made here), whose alt text is the address."""
    uri = segno.make(join_url, error="m").svg_data_uri(scale=4, border=2)
    return f'<img src="{html.escape(uri)}" alt="{html.escape(join_url)}" width="{width}" height="{width}">'


def options_sentence(counted: Tally, study: pd.DataFrame) -> str:
    """The options chart as a sentence, for screen readers and the room."""
    parts = []
    for option, count in counted.counts:
        groups = ""
        if option in study.index:
            groups = " (study: " + ", ".join(f"{g} {int(study.at[option, g])}" for g in study.columns) + ")"
        parts.append(f"{option}: {count}{groups}")
    return f"{answers_label(counted.answered)}. " + "; ".join(parts) + "."


def scale_sentence(counted: Tally) -> str:
    return f"{answers_label(counted.answered)}. " + "; ".join(f"{p} of 5: {c}" for p, c in counted.counts) + "."
