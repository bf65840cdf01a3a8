"""Group and node colours, defined once so every page shows a group in the same colour.

Okabe-Ito colours stay distinguishable with the common forms of colour blindness. Groups are also
told apart by label and position on every chart, never by colour alone.
"""

from __future__ import annotations

# The study's two groups and the shared group keep fixed colours; other labels take the rest in order.
FIXED_GROUP_COLOURS = {
    "MHSW": "#0072B2",  # blue
    "CSW": "#D55E00",  # vermillion
    "All": "#4D4D4D",  # dark grey: common ground, not a third side
}
OTHER_GROUP_COLOURS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733", "#332288", "#999933")

# Node kinds in the network, and the same kinds wherever they appear as chips.
KIND_COLOURS = {
    "barrier": "#D55E00",
    "enabler": "#009E73",
    "recommendation": "#0072B2",
    "perception": "#CC79A7",
    "purpose": "#E69F00",
    "observation": "#4D4D4D",
}


def group_colours(groups: list[str]) -> dict[str, str]:
    """A colour for every group label, stable for the study's groups and deterministic for others."""
    colours: dict[str, str] = {}
    spare = iter(OTHER_GROUP_COLOURS)
    for group in groups:
        if group in FIXED_GROUP_COLOURS:
            colours[group] = FIXED_GROUP_COLOURS[group]
        else:
            colours[group] = next(spare, None) or OTHER_GROUP_COLOURS[len(colours) % len(OTHER_GROUP_COLOURS)]
    return colours
