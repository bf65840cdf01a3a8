"""Groups and categories as the Compare page names them: which groups can be picked, the default pair,
the words users see for a category or a panel, and "3 coded statements" (counts are of coded statements,
never of people)."""

from __future__ import annotations

from collections.abc import Sequence

from components.data.vocabulary import SHARED_GROUP

# The categories the page compares, in the order a trainer walks through them, with the words users see.
CATEGORY_LABELS = {
    "purpose": "Why collaborate",
    "barrier": "Barriers",
    "perception": "Differing views",
    "enabler": "What helps",
    "observation": "Points to note",
}
COMMON_GROUND = f"Common ground ({SHARED_GROUP})"


def comparable_groups(groups: Sequence[str]) -> list[str]:
    """The groups a user can pick: every group except the shared one, which is common ground."""
    return [group for group in groups if group != SHARED_GROUP]


def default_pair(groups: Sequence[str]) -> tuple[str | None, str | None]:
    """The first two pickable groups (None where there are fewer). Pass the groups in the study's own order
    (study_words.group_order) and the bundled study opens on MHSW vs CSW because its metadata lists them so."""
    pickable = comparable_groups(groups)
    first = pickable[0] if pickable else None
    second = pickable[1] if len(pickable) > 1 else None
    return first, second


def chosen_groups(left: str | None, right: str | None) -> list[str]:
    """The distinct groups to show, left first: one when both sides name the same group or one is missing."""
    return list(dict.fromkeys(group for group in (left, right) if group))


def panel_label(group: str) -> str:
    return COMMON_GROUND if group == SHARED_GROUP else group


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)
