"""The room's answers counted: how many answered, each option's count, the scale's distribution, the short
answers waiting for the presenter and those approved, and the words people used. Nothing imports Streamlit.

Counts here are counts of people in the room who answered (one answer per person per question); the study's
counts beside them are counts of coded statements (components.live_room.evidence), and the screens say so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from components.live_room.questions import SCALE, SCALE_POINTS, TEXT, Question
from components.store.live_room import APPROVED, PENDING, LiveAnswer

# Words too common to say anything about what the room thinks.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "don",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "i'm",
        "it's",
        "don't",
        "can't",
        "we're",
        "they're",
    ]
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Tally:
    question_id: str
    answered: int  # people who answered (short answers: approved or not)
    counts: tuple[tuple[str, int], ...] = ()  # options or scale points, in the question's order
    shown_texts: tuple[str, ...] = ()  # approved short answers, oldest first
    waiting: int = 0  # short answers the presenter has not yet approved or rejected


def answers_label(count: int) -> str:
    return f"{count} answer" if count == 1 else f"{count} answers"


def tally(question: Question, answers: Iterable[LiveAnswer]) -> Tally:
    """Totals of one question's answers (each participant has at most one row)."""
    rows = [answer for answer in answers if answer.question_id == question.id]
    if question.is_options:
        counter = Counter(option for row in rows for option in row.answer.get("options", []))
        counts = tuple((option, counter.get(option, 0)) for option in question.options)
        return Tally(question.id, len(rows), counts)
    if question.kind == SCALE:
        counter = Counter(int(row.answer.get("scale", 0)) for row in rows)
        return Tally(question.id, len(rows), tuple((str(point), counter.get(point, 0)) for point in SCALE_POINTS))
    if question.kind == TEXT:
        shown = tuple(row.answer.get("text", "") for row in rows if row.status == APPROVED)
        waiting = sum(1 for row in rows if row.status == PENDING)
        return Tally(question.id, len(rows), (), shown, waiting)
    return Tally(question.id, len(rows))


def moderation_list(question: Question, answers: Iterable[LiveAnswer]) -> list[LiveAnswer]:
    """A short-answer question's answers for the presenter: waiting ones first, then the rest, oldest first."""
    rows = [answer for answer in answers if answer.question_id == question.id]
    return sorted(rows, key=lambda row: (row.status != PENDING, row.updated_at, row.id))


def word_counts(texts: Sequence[str], limit: int = 12) -> list[tuple[str, int]]:
    """The words people used most (lower case, without common words), most used first; a word counts once
    per answer, so one person repeating a word does not lead the picture."""
    counter: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for text in texts:
        words = dict.fromkeys(word.lower().replace("’", "'") for word in WORD.findall(text))
        for word in words:
            if len(word) < 3 or word in STOP_WORDS:
                continue
            counter[word] += 1
            first_seen.setdefault(word, len(first_seen))
    ranked = sorted(counter.items(), key=lambda item: (-item[1], first_seen[item[0]]))
    return ranked[:limit]


# What a projector's half-width column holds of approved short answers at 24 px, at 1280x720: about 44
# characters a line and 13 lines under the results heading, a quote's own spacing counted as a line.
PROJECTOR_LINE_CHARS = 44
PROJECTOR_LINES = 13


def latest_that_fit(
    texts: Sequence[str], line_chars: int = PROJECTOR_LINE_CHARS, lines: int = PROJECTOR_LINES
) -> list[str]:
    """The latest approved answers (oldest first, as given) that fit `lines` lines of `line_chars` characters,
    each taking its wrapped lines plus one for the space between quotes; the newest is always kept."""
    kept: list[str] = []
    used = 0
    for text in reversed(texts):
        needed = -(-max(len(text), 1) // line_chars) + 1
        if kept and used + needed > lines:
            break
        kept.append(text)
        used += needed
    return kept[::-1]
