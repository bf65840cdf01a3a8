"""Markdown badges, one look each. Every badge is grey: colour belongs to the groups (and the network's node
kinds), so a badge says what it marks in words and with an icon, never by a hue of its own."""

from __future__ import annotations

INFERRED_ICON = ":material/psychology:"  # this app's reading of the source, not the source's own claim
CONTEXT_BADGE = ":gray-badge[:material/article: Context, not this study]"


def inferred_badge(what: str = "inferred") -> str:
    """A badge that marks this app's interpretation, naming what it qualifies ("inferred link", …).

    `what` is app text, never data: callers escape anything from a file before it reaches here."""
    return f":gray-badge[{INFERRED_ICON} {what}]"
