"""A chart as every page shows it: framed with its title, source and caveat for saving, and a text
alternative under it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.shared.chart_export import FOOTER_CHARS, chart_config, framed_figure, kept_framed_figure
from components.shared.session_keys import CHART_PHONE_BOX_SUFFIX, CHART_PHONE_CANVAS_SUFFIX
from components.shared.text import escape_markdown
from components.shared.wording import COUNTS_NOTE
from components.ui.lazy import lazy_expander

TABLE_BOX_LABEL = "Show the numbers as a table"


def phone_box_key(chart_key: str) -> str:
    """The key of the box that scrolls sideways around a chart with a `phone_min_width`."""
    return chart_key + CHART_PHONE_BOX_SUFFIX


def phone_canvas_key(chart_key: str) -> str:
    """The key of the container inside that box which keeps the chart's width."""
    return chart_key + CHART_PHONE_CANVAS_SUFFIX


def phone_style(chart_key: str, min_width: int) -> str:
    """Static CSS (keys are this app's own, never data): on a screen narrower than the chart needs, the chart
    keeps `min_width` and its own box scrolls sideways (swipe), instead of squeezing the labels, title and
    source that plotly cannot wrap into a phone's width and cutting them off."""
    return f"""<style>
@media (max-width: {min_width + 40}px) {{
  .st-key-{phone_box_key(chart_key)} {{ overflow-x: auto; }}
  .st-key-{phone_canvas_key(chart_key)} {{ min-width: {min_width}px; }}
}}
</style>"""


@contextmanager
def kept_width_on_a_phone(chart_key: str, min_width: int | None) -> Iterator[None]:
    """Around a chart: with a `min_width`, the box that scrolls sideways on a narrower screen; else nothing.
    The width goes on an inner container because Streamlit sizes a chart to the block around it."""
    if not min_width:
        yield
        return
    st.html(phone_style(chart_key, min_width))
    with st.container(key=phone_box_key(chart_key)), st.container(key=phone_canvas_key(chart_key)):
        yield


def text_alternative(summary: str, table: pd.DataFrame, key: str, box_key: str) -> None:
    """Under every chart: a generated sentence and the numbers as a table, for screen readers and the room.

    The table's box is lazy (components.ui.lazy, open state under `box_key`): the table is sent only while
    the box is open, instead of on every run of every session (a closed expander's table is still sent).
    """
    st.markdown(escape_markdown(summary))
    box = lazy_expander(TABLE_BOX_LABEL, key=box_key)
    if box:
        with box:
            st.dataframe(table, hide_index=True, width="stretch", key=key)


IMAGE_FORMAT_LABELS = {"png": "PNG", "svg": "SVG"}


def chart(
    figure: go.Figure,
    *,
    key: str,
    title: str,
    source: str,
    caveat: str | None = COUNTS_NOTE,
    line_chars: int = FOOTER_CHARS,
    max_height: int | None = None,
    alt: str | None = None,
    on_select: str | Callable = "ignore",
    selection_mode: str | Iterable[str] = ("points", "box", "lasso"),
    config: dict | None = None,
    theme: str | None = "streamlit",
    width: str | int = "stretch",
    height: str | int = "content",
    cached_figure: bool = False,
    phone_min_width: int | None = None,
):
    """st.plotly_chart for a chart whose saved image keeps its title, source and caveat.

    A drop-in for `st.plotly_chart(figure, key=..., on_select=..., selection_mode=..., alt=..., config=...,
    theme=..., width=..., height=...)`: those pass straight through and it returns what st.plotly_chart
    returns (the selection, when on_select is set). More, keyword only:
      title   -- what the chart shows, drawn above it and used for the image's file name;
      source  -- where the data comes from, usually `citation.chart_source(dataset)`, drawn under it;
      caveat  -- drawn under the source; defaults to "Counts are counts of coded statements, not of
                 people."; pass None for a chart that does not count statements;
      line_chars -- characters a line of source (plotly does not wrap): the default fits a chart two
                 thirds of a 1280 px page wide; pass about 40 for one in a third of the page;
      max_height -- the most pixels the framed chart may take, the plot area giving up room for the frame;
      cached_figure -- True for a figure from components.ui.view_cache (never changed): it is framed once,
                 not on every rerun (see chart_export.kept_framed_figure);
      phone_min_width -- the narrowest the chart can be drawn with its labels, title and source whole: on a
                 narrower screen it keeps this width and scrolls sideways in its own box.
    `key` is required: it keys the chart and, with "_image_format" added, the PNG/SVG choice under it
    that decides what the camera button in the chart's mode bar saves. The mode bar is always shown.
    Data in title and source is escaped here; the figure is copied, never changed.
    """
    format_key = f"{key}_image_format"
    image_format = st.session_state.get(format_key) or "png"
    frame = kept_framed_figure if cached_figure else framed_figure
    framed = frame(figure, title, source, caveat, line_chars, max_height)
    with kept_width_on_a_phone(key, phone_min_width):
        shown = st.plotly_chart(
            framed,
            key=key,
            on_select=on_select,
            selection_mode=selection_mode,
            config=chart_config(framed, title, image_format, config),
            theme=theme,
            width=width,
            height=height,
            alt=alt,
        )
    st.segmented_control(
        "Camera button saves the chart as",
        list(IMAGE_FORMAT_LABELS),
        format_func=IMAGE_FORMAT_LABELS.get,
        default="png",
        required=True,
        key=format_key,
        help="The camera button at the chart's top right saves it with its title, source and caveat: "
        "PNG for slides and documents, SVG to stay sharp at any size.",
    )
    return shown
