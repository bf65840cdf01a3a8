"""Markdown badges, one look each. Every badge is grey: colour belongs to the groups (and the network's node
kinds), so a badge says what it marks in words, never by a hue of its own. No icon inside: Streamlit draws
a Material icon as a ligature word, which a screen reader reads out and exact text matching sees."""

from __future__ import annotations

CONTEXT_BADGE = ":gray-badge[Context, not this study]"


def inferred_badge(what: str = "inferred") -> str:
    """A badge that marks this app's interpretation, naming what it qualifies ("inferred link", …).

    `what` is app text, never data: callers escape anything from a file before it reaches here."""
    return f":gray-badge[{what}]"
