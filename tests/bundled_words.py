"""The bundled study's own words, in ONE place: a page showing another study must use none of them.

Matched ignoring case. "CSW" and "MHSW" are matched as whole words so that an unrelated word containing the
letters (none in English, but a user's id might) does not count.
"""

from __future__ import annotations

import re

BUNDLED_WORDS = (
    "MHSW",
    "CSW",
    "social worker",
    "Carpenter",
    "Wenger",
    "Communities of Practice",
    "Kirklees",
    "mental health",
)

_PATTERN = re.compile("|".join(rf"\b{re.escape(word)}" for word in BUNDLED_WORDS), re.IGNORECASE)


def bundled_words_in(text: str) -> list[str]:
    """Each bundled word found in `text`, with a little of its surroundings so a failure says where."""
    return [text[max(match.start() - 40, 0) : match.end() + 40] for match in _PATTERN.finditer(text)]
