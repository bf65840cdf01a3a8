"""Every colour that carries a meaning, defined once so that a colour means one thing on every page.

Three families that never share a hue:
- groups (who said it): the study's first group blue, its second vermillion, the shared group dark grey —
  on /compare and wherever a group is coloured; further groups take darker and lighter blues and
  vermillions. "First" is the study's own order (study.json's `groups`, else the data's), so the bundled
  study's MHSW is blue and CSW vermillion because its metadata lists them so, and one dataset's groups keep
  one colour each on every page;
- node kinds in the network (what a finding is): wine, olive, teal-green, indigo, green, violet —
  hues kept at least MIN_HUE_GAP degrees from the group hues;
- self-assessment scores (your weakest areas or not): near-black and mid grey, no hue at all.

Colours come from the Okabe-Ito and Paul Tol palettes (darkened where needed), which stay apart with the
common forms of colour blindness; every mark is at least 3:1 against white and every coloured text 4.5:1
(tests/components/shared/test_colours.py computes both). Colour is never alone: groups are labelled and placed,
node kinds have their own shapes, and every chart that uses colour has a legend.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence

from components.data.vocabulary import SHARED_GROUP

BACKGROUND = "#FFFFFF"
# WCAG 2.1: 3:1 for graphical marks and large text, 4.5:1 for normal text.
MIN_MARK_CONTRAST = 3.0
MIN_TEXT_CONTRAST = 4.5
# Two hues closer than this (degrees round the colour wheel) read as "the same colour".
MIN_HUE_GAP = 30.0
# Below this saturation a colour is a grey: it has no hue to share.
GREY_SATURATION = 0.12

# The shared group: common ground, not a third side.
SHARED_GROUP_COLOUR = "#4D4D4D"  # dark grey
# A study's groups take these in its own order: the group hues first (blue, vermillion), then darker and
# lighter shades of them, so blue and vermillion still mean "a group" however many there are.
GROUP_COLOURS = ("#0072B2", "#D55E00", "#004A75", "#8F3F00", "#5A8FB8", "#B8651E", "#003050", "#B04A00")

# The live room's own answers (a room's bars beside the study's groups on the projector): ink, no hue, and
# darker than the shared group's grey, so the room is never read as one of the study's groups.
ROOM_ANSWERS_COLOUR = "#1A1A1A"

# Node kinds in the network, and the same kinds wherever they appear as chips.
KIND_COLOURS = {
    "barrier": "#882255",  # wine
    "perception": "#6F6F00",  # olive
    "observation": "#00785A",  # teal-green
    "purpose": "#332288",  # indigo
    "enabler": "#117733",  # green
    "recommendation": "#7B3294",  # violet
}

# Self-assessment: the areas to work on stand out in ink, the rest recede in grey. No hue, so no clash
# with a group or a node kind; the legend and the order (weakest at the top) say the same thing.
SCORE_COLOURS = {
    "focus": "#1A1A1A",  # near-black: your weakest areas
    "other": "#6B6B6B",  # mid grey: your other areas
}


def group_colours(groups: Sequence[str], study_order: Sequence[str] = ()) -> dict[str, str]:
    """A colour for every group label: the shared group grey, the others GROUP_COLOURS in the study's order.

    `groups` are every group of the dataset (not only those one chart shows), so a group keeps its colour on
    every page; `study_order` is the order the study's metadata lists its groups in (study_words.group_order),
    which comes first; groups it does not list follow in the order given.
    """
    ranked = [group for group in study_order if group in groups]
    ranked += [group for group in groups if group not in ranked]
    sides = [group for group in ranked if group != SHARED_GROUP]
    colours = {group: GROUP_COLOURS[index % len(GROUP_COLOURS)] for index, group in enumerate(sides)}
    colours.update({group: SHARED_GROUP_COLOUR for group in ranked if group == SHARED_GROUP})
    return {group: colours[group] for group in groups}


def hex_to_rgb(colour: str) -> tuple[float, float, float]:
    """Red, green and blue of a hex colour, each 0 to 1."""
    value = colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a hex colour (0 for black, 1 for white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two hex colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hue(colour: str) -> float | None:
    """The colour's hue in degrees (0-360), or None for a grey, which has none."""
    hue_fraction, _lightness, saturation = colorsys.rgb_to_hls(*hex_to_rgb(colour))
    return None if saturation < GREY_SATURATION else hue_fraction * 360


def hue_gap(first: str, second: str) -> float | None:
    """Degrees between two colours' hues round the wheel; None when either is a grey."""
    first_hue, second_hue = hue(first), hue(second)
    if first_hue is None or second_hue is None:
        return None
    gap = abs(first_hue - second_hue) % 360
    return min(gap, 360 - gap)
