"""One index of the links between coded items, built once by the loader and read by every feature.

The network, the planner, the self-assessment and explore all ask the same questions of links.csv:
what is linked to this item, in which direction, of which kind, by which relation, stated or inferred.
They ask `Dataset.link_index` instead of walking the table each their own way. Nothing here imports
Streamlit. The index is plain tuples and dicts, shared read-only between sessions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from components.data.cells import cell_text

RECOMMENDATION_KIND = "recommendation"
# A linked id that names no finding or recommendation: uploaded links may hold one.
UNKNOWN_KIND = ""


@dataclass(frozen=True)
class Link:
    """One row of links.csv, its values as text. `relation` is already in the data dictionary's spelling."""

    from_id: str
    to_id: str
    relation: str
    basis: str
    note: str
    row: int  # position in links.csv's order, so lists keep the data's order


@dataclass(frozen=True)
class Neighbour:
    """An item at the other end of a link, seen from one item."""

    item_id: str
    kind: str  # the finding's category, "recommendation", or "" for an unknown id
    outgoing: bool  # True when the link runs from the item asked about to this one
    link: Link


@dataclass(frozen=True)
class LinkIndex:
    """Links by item, both directions, with the kind of the item at each end."""

    links: tuple[Link, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)
    _by_item: dict[str, tuple[Neighbour, ...]] = field(default_factory=dict, repr=False)

    def kind_of(self, item_id: str) -> str:
        return self.kinds.get(item_id, UNKNOWN_KIND)

    def neighbours(
        self,
        item_id: str,
        *,
        outgoing: bool | None = None,
        kinds: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        stated_only: bool = False,
    ) -> tuple[Neighbour, ...]:
        """What is linked to an item: outgoing links first, then incoming, each in links.csv's order.

        `outgoing` picks one direction; `kinds` and `relations` keep only those; `stated_only` drops
        links the researcher's text does not state (inferred by us).
        """
        kind_set = None if kinds is None else set(kinds)
        relation_set = None if relations is None else set(relations)
        return tuple(
            neighbour
            for neighbour in self._by_item.get(item_id, ())
            if (outgoing is None or neighbour.outgoing == outgoing)
            and (kind_set is None or neighbour.kind in kind_set)
            and (relation_set is None or neighbour.link.relation in relation_set)
            and (not stated_only or neighbour.link.basis == "stated")
        )

    def links_from(self, kind: str) -> tuple[Link, ...]:
        """Every link whose source item is of this kind, in links.csv's order."""
        return tuple(link for link in self.links if self.kind_of(link.from_id) == kind)


def build_link_index(findings: pd.DataFrame, recommendations: pd.DataFrame, links: pd.DataFrame) -> LinkIndex:
    """Index validated tables (the loader's own frames). Duplicate rows of links.csv stay: each is a coding."""
    kinds: dict[str, str] = {}
    if {"finding_id", "category"} <= set(findings.columns):
        for finding_id, category in zip(findings["finding_id"], findings["category"], strict=True):
            kinds.setdefault(cell_text(finding_id), cell_text(category))
    if "recommendation_id" in recommendations.columns:
        for recommendation_id in recommendations["recommendation_id"]:
            kinds.setdefault(cell_text(recommendation_id), RECOMMENDATION_KIND)
    rows: list[Link] = []
    if {"from_id", "to_id"} <= set(links.columns):

        def column(name: str) -> list[str]:
            return [cell_text(value) for value in links[name]] if name in links.columns else [""] * len(links)

        for row, (from_id, to_id, relation, basis, note) in enumerate(
            zip(column("from_id"), column("to_id"), column("relation"), column("basis"), column("note"), strict=True)
        ):
            rows.append(Link(from_id, to_id, relation, basis or "inferred", note, row))
    outgoing: dict[str, list[Neighbour]] = {}
    incoming: dict[str, list[Neighbour]] = {}
    for link in rows:
        outgoing.setdefault(link.from_id, []).append(Neighbour(link.to_id, kinds.get(link.to_id, ""), True, link))
        incoming.setdefault(link.to_id, []).append(Neighbour(link.from_id, kinds.get(link.from_id, ""), False, link))
    by_item = {item_id: (*outgoing.get(item_id, ()), *incoming.get(item_id, ())) for item_id in {*outgoing, *incoming}}
    return LinkIndex(links=tuple(rows), kinds=kinds, _by_item=by_item)
