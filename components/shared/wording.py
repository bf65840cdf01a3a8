"""Words the app says in many places, written once. Nothing here imports Streamlit."""

from __future__ import annotations

APP_NAME = "Collaboration Findings Explorer"

# Every count in the app counts coded statements: said under charts, on slides, in handouts and on every page.
COUNTS_NOTE = "Counts are counts of coded statements, not of people."


def spoken_list(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c': items as a sentence names them ("" for none)."""
    items = list(items)
    if len(items) < 2:
        return items[0] if items else ""
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 statement', '2 statements', '1,204 links': a count with its noun in the right number (never
    "statement(s)"). `words` is the plural when adding "s" is wrong."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
