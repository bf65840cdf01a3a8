"""The kinds of node the network draws: their order, names, shapes and layers."""

from __future__ import annotations

from components.data.links import RECOMMENDATION_KIND

RECOMMENDATION = RECOMMENDATION_KIND
BARRIER = "barrier"
ENABLER = "enabler"
# Kinds always drawn when they pass the filters, even with no link: an unanswered barrier is worth seeing.
CORE_KINDS = (BARRIER, ENABLER, RECOMMENDATION)
# Every kind in the order the legend and the filter list them; findings of the other categories
# (perceptions, observations, purposes) appear only when a link touches them.
KIND_ORDER = (BARRIER, "perception", "observation", "purpose", ENABLER, RECOMMENDATION)
KIND_NAMES = {
    BARRIER: "Barrier",
    "perception": "Perception",
    "observation": "Observation",
    "purpose": "Purpose",
    ENABLER: "What helps (enabler)",
    RECOMMENDATION: "Recommendation",
}
# Shape as well as colour, so kinds stay apart in greyscale and for colour-blind viewers.
KIND_SYMBOLS = {
    BARRIER: "square",
    "perception": "triangle-up",
    "observation": "triangle-down",
    "purpose": "star",
    ENABLER: "circle",
    RECOMMENDATION: "diamond",
}
LAYER_TITLES = {0: "Barriers and<br>other findings", 1: "What helps", 2: "Recommendations"}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def layer_of(kind: str) -> int:
    if kind == ENABLER:
        return 1
    if kind == RECOMMENDATION:
        return 2
    return 0
