"""Pictures of the room's answers and the join code's QR image. Builds figures and markup; draws nothing.

Every label is data (a theme, a word someone typed): it is HTML-escaped before plotly sees it, since plotly
renders a small HTML subset in text. Every text (ticks, axis and subplot titles, bar counts, legend) is at
least PROJECTOR_FONT_PX, set on each part explicitly (a theme's defaults do not reach them; the browser test
measures the drawn text at 1280x720). Colours: the study's groups keep the colour they
have on every page (shared.colours.group_colours, passed in by the caller); the room's own bars are
ROOM_COLOUR, an ink no group has.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import segno
from plotly.subplots import make_subplots

from components.live_room.counting import Tally, answers_label
from components.live_room.questions import SCALE_ENDS
from components.shared.colours import ROOM_ANSWERS_COLOUR

ROOM_COLOUR = ROOM_ANSWERS_COLOUR
PROJECTOR_FONT_PX = 24
TEXT_COLOUR = "#262730"  # Streamlit's own text colour: a theme's grey ticks are too faint on a projector
FONT = {"size": PROJECTOR_FONT_PX, "color": TEXT_COLOUR}
TITLE_FONT = {"size": PROJECTOR_FONT_PX + 2, "color": TEXT_COLOUR}


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        font=FONT,
        title_font=TITLE_FONT,
        legend={"font": FONT, "orientation": "h", "y": -0.12, "yanchor": "top", "x": 1, "xanchor": "right"},
        plot_bgcolor="white",
        # A count beside a bar is never shrunk below the projector's size to fit the bar's thickness.
        uniformtext={"minsize": PROJECTOR_FONT_PX, "mode": "show"},
    )
    figure.update_xaxes(tickfont=FONT, title_font=FONT, gridcolor="#ddd")
    figure.update_yaxes(tickfont=FONT, title_font=FONT)
    figure.update_traces(textfont=FONT, selector={"type": "bar"})
    for annotation in figure.layout.annotations:
        annotation.font = FONT
    return figure


# Each option's row on the projector: one 24 px label line with room between rows. The chart grows by this
# much for each option, so no label is ever left out for want of room (plotly skips crowded category ticks).
# A few options share at least MIN_OPTIONS_PLOT_PX, so their grouped bars stay thick.
OPTION_ROW_PX = 30
MIN_OPTIONS_PLOT_PX = 230
# The options chart's edges: the subplot titles above, and the counts' axis and the legend below.
OPTIONS_TOP_PX, OPTIONS_BOTTOM_PX = 60, 90


def options_height(count: int) -> int:
    """The options chart's height for `count` options: every label's row at OPTION_ROW_PX or more."""
    return OPTIONS_TOP_PX + OPTIONS_BOTTOM_PX + max(OPTION_ROW_PX * count, MIN_OPTIONS_PLOT_PX)


def options_figure(counted: Tally, study: pd.DataFrame, colours: Mapping[str, str], narrow: bool = False) -> go.Figure:
    """The room's picks per option beside the study's coded statements for the same themes, by group.

    `colours` gives each of `study`'s columns its group's colour (evidence.study_colours). Every option is
    labelled: the ticks are the options themselves (plotly skips category ticks it finds crowded when left to
    choose), the label column is as wide as the longest (automargin), and the chart grows with the count.
    `narrow`: the chart has part of the projector's width, too little for the two charts' titles (they ran
    into each other), so the legend names the room's bars too."""
    options = [option for option, _ in counted.counts]
    labels = [html.escape(option) for option in options]
    titles = (f"This room ({answers_label(counted.answered)})", "The study (coded statements)")
    figure = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        # Apart enough that the room's last count and the study's first are never read as one number.
        horizontal_spacing=0.12 if narrow else 0.08,
        subplot_titles=None if narrow else titles,
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
            # Never shrunk to the bar's thickness: with many options a row is just taller than the 24 px count.
            constraintext="none",
            cliponaxis=False,
            showlegend=narrow,
        ),
        row=1,
        col=1,
    )
    for group in study.columns:
        values = [int(study.at[option, group]) if option in study.index else 0 for option in options]
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=html.escape(str(group)),
                marker_color=colours[group],
                # No count beside the study's thin grouped bars (24 px would not fit their thickness): the
                # axis gives them, and the sentence under the chart says each one.
                hovertemplate="%{y}: %{x}<extra>" + html.escape(str(group)) + "</extra>",
            ),
            row=1,
            col=2,
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(
        autorange="reversed", type="category", tickmode="array", tickvals=labels, ticktext=labels, automargin=True
    )
    figure.update_xaxes(rangemode="tozero", dtick=1)
    _layout(figure, options_height(len(options)))
    # The legend on the figure's bottom edge, under the axis' counts (which it covered when placed in the
    # plot's own coordinates).
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 20 if narrow else OPTIONS_TOP_PX, "b": OPTIONS_BOTTOM_PX},
        legend={"yref": "container", "y": 0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    return figure


def scale_figure(counted: Tally) -> go.Figure:
    """The scale's answers per point, every point 1 to 5 on a category axis (the ends named under theirs)."""
    points = [point for point, _ in counted.counts]
    # Every tick a string on a category axis: a mix of numbers and named ends made plotly read the axis as
    # numbers and drop the named ends' bars (1 and 5).
    ticks = [f"{point}<br>{SCALE_ENDS[int(point)]}" if int(point) in SCALE_ENDS else str(point) for point in points]
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
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=ticks)
    figure.update_yaxes(rangemode="tozero", dtick=1)
    return _layout(figure, 380)


# At most this many words in the picture, so each keeps its 24 px label in the projector's chart height; the
# sentence under the picture names every counted word.
MAX_PICTURED_WORDS = 8


def words_figure(words: list[tuple[str, int]]) -> go.Figure:
    shown = words[:MAX_PICTURED_WORDS]
    figure = go.Figure(
        go.Bar(
            y=[html.escape(word) for word, _ in shown],
            x=[count for _, count in shown],
            orientation="h",
            marker_color=ROOM_COLOUR,
        )
    )
    figure.update_layout(title={"text": "Words used (in how many answers)"})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(rangemode="tozero", dtick=1)
    return _layout(figure, 80 + 40 * max(len(shown), 1))


def qr_markup(join_url: str, width: int = 260) -> str:
    """An <img> of the join address's QR code (an SVG data URI made here), whose alt text is the address."""
    uri = segno.make(join_url, error="m").svg_data_uri(scale=4, border=2)
    return f'<img src="{html.escape(uri)}" alt="{html.escape(join_url)}" width="{width}" height="{width}">'


def options_sentence(counted: Tally, study: pd.DataFrame, compact: bool = False) -> str:
    """The options chart as a sentence, for screen readers and the room.

    `compact`: the groups are named once and each option gives its numbers in that order, so the sentence of
    many options fits beside their chart on a 720 px projector at 24 px."""
    groups = [str(group) for group in study.columns]
    parts = []
    for option, count in counted.counts:
        numbers = [int(study.at[option, g]) for g in study.columns] if option in study.index else []
        if not numbers:
            parts.append(f"{option}: {count}")
        elif compact:
            parts.append(f"{option}: {count} (" + ", ".join(str(n) for n in numbers) + ")")
        else:
            named = ", ".join(f"{group} {number}" for group, number in zip(groups, numbers, strict=True))
            parts.append(f"{option}: {count} (study: {named})")
    key = ""
    if compact and groups:
        key = f"Each option: this room's picks (the study's {', '.join(groups)}). "
    return f"{answers_label(counted.answered)}. {key}" + "; ".join(parts) + "."


def scale_sentence(counted: Tally) -> str:
    return f"{answers_label(counted.answered)}. " + "; ".join(f"{p} of 5: {c}" for p, c in counted.counts) + "."
