"""Charts that keep their title, source and caveat when saved as an image for a slide.

Nothing here imports Streamlit. plotly.js's camera button draws the figure as it is, so what an image must
carry has to be in the figure: `framed_figure` returns a copy with the title on top and the source line and
caveat ("Counts are counts of coded statements, not of people.") drawn under the chart, in margins made for
them, so the chart's own plot area keeps its size. `chart_config` is the plotly config that names the file
and sets its format and size. components/ui/frame.py `chart` puts both on a page.

Why in the browser: plotly.js writes PNG and SVG itself (`toImageButtonOptions.format`), so no image
server is needed. A server-side export (kaleido) would start a Chrome for every image, and Chrome is not
on a fresh machine or in the app's image. A config travels as JSON, so it can hold one format per chart,
not a button of our own: the page offers the choice of format beside the chart.
"""

from __future__ import annotations

import copy
import json
import math
import re
import unicodedata

import plotly.graph_objects as go
import plotly.io

from components.shared.text import escape_plotly, wrap_label
from components.shared.wording import COUNTS_NOTE

IMAGE_FORMATS = ("png", "svg")
EXPORT_WIDTH = 1280  # a 1280x720 slide's width: text sized for it reads on a projector
PNG_SCALE = 2  # twice the pixels, so a PNG stays sharp when a slide is shown full screen
TITLE_SIZE = 22
FOOTER_SIZE = 14
TITLE_LINE_PX = 28
TITLE_RISE_PX = 14  # half a title line: see framed_figure
FOOTER_LINE_PX = 19
# Plotly does not wrap text, and the server cannot know how wide a chart is drawn on screen: lines are
# wrapped for a chart in about two thirds of a 1280 px page (a narrower chart can pass fewer characters).
FOOTER_CHARS = 72  # a line of source at 14 px: about 500 px
TITLE_SHARE = 0.6  # title characters are about 1.6 times as wide (22 px, bold)
TEXT_COLOUR = "#1f1f1f"
FOOTER_COLOUR = "#404040"
MIN_PLOT_HEIGHT = 160  # max_height never squeezes the plot area below this
PLOTLY_HEIGHT = 450  # plotly's own height for a figure that sets none
PLOTLY_MARGIN = {"t": 100, "b": 80, "l": 80, "r": 80}
# Everything in the mode bar but the camera (Streamlit adds its fullscreen button itself).
REMOVED_BUTTONS = (
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "resetScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
    "toggleHover",
    "resetViews",
    "sendDataToCloud",
)


def _lines(text: str, width: int) -> list[str]:
    """Escaped text wrapped into lines of about `width` characters; nothing cut off."""
    escaped = escape_plotly(re.sub(r"\s+", " ", text).strip())
    return wrap_label(escaped, width=width, max_lines=1_000).split("<br>") if escaped else []


def _margin(figure: go.Figure, side: str) -> float:
    value = getattr(figure.layout.margin, side)
    return float(PLOTLY_MARGIN[side] if value is None else value)


def _legend_below(figure: go.Figure, plot_height: float) -> float:
    """Pixels a legend placed under the plot takes below it (assessment's score chart puts one there)."""
    legend = figure.layout.legend
    if figure.layout.showlegend is False or legend.y is None or legend.y >= 0 or legend.yref == "container":
        return 0.0
    # The legend's top sits -y plot heights under the plot; give it room for two rows of entries.
    return -float(legend.y) * plot_height + 2 * 26


def framed_figure(
    figure: go.Figure,
    title: str,
    source: str,
    caveat: str | None = COUNTS_NOTE,
    line_chars: int = FOOTER_CHARS,
    max_height: int | None = None,
) -> go.Figure:
    """A copy of `figure` with its title above and "Source: …" and the caveat below, as the image will carry.

    The title is the layout title, the source and caveat one annotation under everything the chart already
    has below its plot (axis titles, a legend). The figure grows by what they need, so its plot area keeps
    its height. Text is data: it is escaped (plotly renders a little HTML) and wrapped, never cut. Pass
    caveat=None for a chart that does not count statements, and fewer `line_chars` (source characters a
    line) for a chart drawn narrow. `max_height` caps the framed figure's height, the plot area giving up what
    the frame needs beyond it (for a chart that must still fit a 1280x720 projector under the page's
    controls). The input figure is not changed.
    """
    # to_dict() already holds a checked figure: checking it again cost 3-4x the copy itself.
    framed = go.Figure(copy.deepcopy(figure.to_dict()), _validate=False)
    height = float(framed.layout.height or PLOTLY_HEIGHT)
    top, bottom = _margin(framed, "t"), _margin(framed, "b")
    plot_height = max(height - top - bottom, 1.0)

    title_lines = _lines(title, max(int(line_chars * TITLE_SHARE), 10))
    footer_lines = _lines(f"Source: {source}", line_chars) if source else []
    if caveat:
        footer_lines += _lines(caveat, line_chars)
    # plotly.js centres a title of several lines on where one line would sit, so the first line would rise
    # above the figure's top edge by half a line for each line after it: pad it down by as much.
    title_rise = TITLE_RISE_PX * (len(title_lines) - 1) if title_lines else 0
    title_px = TITLE_LINE_PX * len(title_lines) + 14 + title_rise if title_lines else 0
    under_plot = max(bottom, _legend_below(framed, plot_height)) + 8
    footer_px = FOOTER_LINE_PX * len(footer_lines) + 12 if footer_lines else 0

    if max_height is not None and top + title_px + plot_height + under_plot + footer_px > max_height:
        plot_height = max(max_height - top - title_px - under_plot - footer_px, MIN_PLOT_HEIGHT)
    framed.update_layout(
        height=math.ceil(top + title_px + plot_height + under_plot + footer_px),
        margin={"t": top + title_px, "b": under_plot + footer_px},
    )
    if title_lines:
        framed.update_layout(
            title={
                "text": "<b>" + "<br>".join(title_lines) + "</b>",
                # From the figure's own left edge, not the plot's: a chart's axis labels push the plot
                # right by a width only the browser knows, and the title must not run off the figure.
                "x": 0,
                "xref": "container",
                "xanchor": "left",
                "y": 1,
                "yref": "container",
                "yanchor": "top",
                "pad": {"t": 10 + title_rise, "l": 4},
                "automargin": False,
                "font": {"size": TITLE_SIZE, "color": TEXT_COLOUR},
            }
        )
    if footer_lines:
        framed.add_annotation(
            text="<br>".join(footer_lines),
            name="chart source",
            # Anchored at the plot's right edge and reaching left over the axis labels' margin, for the same
            # reason: from the plot's left edge a long line would run off the figure.
            xref="paper",
            yref="paper",
            x=1,
            y=0,
            xanchor="right",
            yanchor="top",
            yshift=-under_plot,  # pixels under the plot: below the axis titles and any legend
            align="left",
            showarrow=False,
            font={"size": FOOTER_SIZE, "color": FOOTER_COLOUR},
        )
    return framed


class KeptFigure(go.Figure):
    """A framed figure that nobody changes, whose `to_dict()` decodes its JSON, written once.

    st.plotly_chart calls `to_dict()` on every run of every session, and plotly's deep-copies every trace and
    the template: 5-8 ms for each of the compare page's charts. Decoding the kept JSON gives an equal, fresh
    dict in a fraction of that. Changing the figure afterwards would not change what `to_dict()` returns:
    it is shared read-only, as the views it comes from are (components.ui.view_cache).
    """

    def to_dict(self) -> dict:
        return json.loads(self.__dict__["_kept_json"])


def kept_framed_figure(
    figure: go.Figure,
    title: str,
    source: str,
    caveat: str | None = COUNTS_NOTE,
    line_chars: int = FOOTER_CHARS,
    max_height: int | None = None,
) -> go.Figure:
    """`framed_figure`, made once per figure and frame, for a figure nobody changes (a cached view's).

    Framing copies the whole figure through plotly's validators: 30-40 ms for the compare page's theme
    chart, on every rerun of every session. A cached view is shared read-only (components.ui.view_cache), so
    its framed copies are kept on it, one per frame, as KeptFigures (their serialised form made once too); the
    copy is shared in turn and must not be changed.
    """
    frame = (title, source, caveat, line_chars, max_height)
    # In the instance's own __dict__: plotly's __setattr__ accepts only figure properties.
    kept = figure.__dict__.setdefault("_kept_framed_copies", {})
    if frame not in kept:
        framed = framed_figure(figure, *frame)
        copy_kept = KeptFigure(framed.to_dict(), _validate=False)
        copy_kept.__dict__["_kept_json"] = plotly.io.to_json(framed, validate=False)
        kept[frame] = copy_kept
    return kept[frame]


def image_file_name(title: str) -> str:
    """A file name from the title: 'Why collaborate? MHSW & CSW' -> 'why-collaborate-mhsw-csw'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or "chart"


def chart_config(figure: go.Figure, title: str, image_format: str = "png", base: dict | None = None) -> dict:
    """The plotly config for a framed figure: a camera button that saves `image_format` at slide size.

    `base` is the caller's own config (scrollZoom and the like): it is kept, except that the mode bar is
    always shown (the camera is in it) and the image options are this function's.
    """
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"image_format must be one of {IMAGE_FORMATS}, not {image_format!r}")
    config = dict(base or {})
    removed = list(dict.fromkeys([*REMOVED_BUTTONS, *config.get("modeBarButtonsToRemove", [])]))
    config.update(
        {
            "displaylogo": False,
            "displayModeBar": True,
            "modeBarButtonsToRemove": removed,
            "toImageButtonOptions": {
                "format": image_format,
                "filename": image_file_name(title),
                "width": EXPORT_WIDTH,
                "height": int(figure.layout.height or PLOTLY_HEIGHT),
                "scale": PNG_SCALE if image_format == "png" else 1,
            },
        }
    )
    return config
