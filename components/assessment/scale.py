"""The rating scale a team uses on itself, and how ratings and scores are written.

A short ordinal scale; "don't know" is an honest answer, so it is kept but not scored. Scores are a team's
own ratings of itself: a mean out of 2, never a count or a percentage of people.
"""

from __future__ import annotations

import pandas as pd

from components.shared.text import fold

# The scale, in the order a person reads it.
NOT_IN_PLACE = "not in place"
PARTLY = "partly"
FULLY = "fully"
DONT_KNOW = "don't know"
RATINGS = (NOT_IN_PLACE, PARTLY, FULLY, DONT_KNOW)
SCORES = {NOT_IN_PLACE: 0, PARTLY: 1, FULLY: 2}
MAX_SCORE = 2
RATING_LABELS = {
    NOT_IN_PLACE: "Not in place",
    PARTLY: "Partly",
    FULLY: "Fully in place",
    DONT_KNOW: "Don't know",
}
# Ratings that mark a gap worth acting on.
GAP_RATINGS = (NOT_IN_PLACE, PARTLY)


_MARKDOWN_CONTROL = str.maketrans({character: " " for character in "\\`*_[]<>$~|#"})


def plain_label(text: object) -> str:
    """Text for a collapsed widget label, which becomes the screen reader's name for the widget.

    Escaped Markdown would be read out with its backslashes; removing the characters that build links,
    emphasis, HTML, maths or directives instead keeps the name readable and the hidden label inert.
    """
    return " ".join(str(text if text is not None else "").translate(_MARKDOWN_CONTROL).split())


def normalise_rating(value: object) -> str | None:
    """A rating as typed or exported (any case, curly apostrophe, 'Fully in place') to the scale, else None."""
    text = fold(value)
    if not text:
        return None
    for rating in RATINGS:
        if text in (fold(rating), fold(RATING_LABELS[rating])):
            return rating
    return None


def format_score(score: float) -> str:
    """'1.5 out of 2': a mean of ratings, never a percentage (there are no people behind it to count)."""
    if pd.isna(score):
        return "not scored"
    return f"{short_number(score)} out of {MAX_SCORE}"


def short_number(value: float) -> str:
    """At most two decimals, no trailing zeros: 1, 1.5, 0.67."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
