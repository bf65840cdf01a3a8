"""The search engine behind Explore: SQLite FTS5, in memory, over every row of the search corpus.

Why FTS5: it is in Python's own sqlite3, stems words (porter: "sharing" finds "share"), folds case and
accents (unicode61), matches "quoted phrases" and prefix* words, ranks by bm25 with a weight per column and
marks matches by the engine's own token positions (highlight()). Nothing here imports Streamlit.

One `SearchIndex` per dataset is built once and shared read-only by every session (components.ui.view_cache);
its single connection is opened with check_same_thread=False and every statement runs under the index's lock,
as sqlite3 objects must not be used by two threads at once. Highlighting uses a small connection of its own
per thread (`highlight_pieces`), so drawing cards never waits on another session's search.

A user's words never reach FTS5 as syntax: `parse_query` turns any string into `Term`s, and each term becomes
a double-quoted FTS5 string (a quote inside doubled), optionally with a trailing `*`. AND, OR, NEAR, colons,
parentheses, unbalanced quotes and `*` alone are therefore plain text (or dropped when they hold no word).
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.shared.text import cell_text, escape_markdown

# Token characters: letters, numbers, marks (Devanagari vowel signs, Hebrew points), private use and symbols
# (emoji), so a word in any script, or a 🤝, is one token. Everything else separates words.
TOKENIZER = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M* So'"
# The same without stemming: the study's words as written, for suggestions ("familiarity", never "familiar").
PLAIN_TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M* So'"
_TOKEN_CATEGORIES = ("L", "N", "M")

# Index columns and their bm25 weights: a statement's own words and its verbatim evidence count most; what
# this app adds (theme names, the Communities of Practice label, group and category) counts least.
COLUMNS = ("item_id", "words", "evidence", "detail", "labels", "folded")
WEIGHTS = {"item_id": 6.0, "words": 10.0, "evidence": 8.0, "detail": 3.0, "labels": 1.0, "folded": 4.0}

# How much an item holding the words exactly as typed gains over one holding only their stems.
EXACT_FORM_WEIGHT = 6.0
# Long pastes are cut: a query of more words than this says nothing more, and each word costs a lookup.
MAX_TERMS = 24
# A multi-word search that finds fewer items holding every word also lists items holding some of them.
FEW_RESULTS = 5
# In that list, a word held by more than this share of all items ("the", "social") is not enough on its own.
COMMON_SHARE = 0.2

_OPEN, _CLOSE = "\x02", "\x03"  # highlight() marks; text holding them is shown unmarked
_PHRASE = re.compile(r'"([^"]*)"|“([^”“]*)”|„([^“”]*)[“”]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Term:
    """One thing a query asks for: a word, or a phrase in double quotes; `prefix` when typed with a trailing *."""

    text: str
    phrase: bool = False
    prefix: bool = False

    @property
    def fts(self) -> str:
        """This term as FTS5 syntax: one double-quoted string, safe whatever it holds."""
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted

    @property
    def label(self) -> str:
        """The term as a reader typed it: "familiar*", “there for the child”."""
        text = f"“{self.text}”" if self.phrase else self.text
        return text + "*" if self.prefix else text


def _has_token(text: str) -> bool:
    return any(
        unicodedata.category(char)[0] in _TOKEN_CATEGORIES or unicodedata.category(char) in ("Co", "So")
        for char in text
    )


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())


def _word_term(word: str) -> Term | None:
    prefix = word.endswith("*")
    core = word.strip("*").strip()
    # Edge punctuation goes ("familiarity." is "familiarity"); inner punctuation stays for the tokenizer to
    # split on, so "face-to-face" is a phrase of three words and "MHSW's" finds "MHSW's".
    while core and not _has_token(core[0]):
        core = core[1:]
    while core and not _has_token(core[-1]):
        core = core[:-1]
    if not core or not _has_token(core):
        return None
    return Term(core, phrase=False, prefix=prefix and not core.endswith("*"))


def parse_query(query: object) -> list[Term]:
    """The terms of a query as typed: words, and "phrases in double quotes" (straight or curly) as one term each.

    Never raises: an open quote is read as plain words, operators are words, blanks and bare punctuation are
    dropped. At most MAX_TERMS terms, duplicates once.
    """
    text = _clean(cell_text(query))
    terms: list[Term] = []
    rest = []
    position = 0
    for match in _PHRASE.finditer(text):
        rest.append(text[position : match.start()])
        inner = " ".join(next((group for group in match.groups() if group is not None), "").split())
        prefix = text[match.end() : match.end() + 1] == "*"
        if _has_token(inner):
            terms.append(Term(inner.strip("*").strip() or inner, phrase=" " in inner.strip(), prefix=prefix))
        position = match.end() + (1 if prefix else 0)
    rest.append(text[position:])
    words = [term for word in " ".join(rest).replace('"', " ").split() if (term := _word_term(word))]
    unique: dict[tuple[str, bool, bool], Term] = {}
    for term in words + terms:
        unique.setdefault((term.text.casefold(), term.phrase, term.prefix), term)
    return list(unique.values())[:MAX_TERMS]


# ---------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class Hits:
    """What a search found: corpus row positions best first, and how they were found."""

    rows: tuple[int, ...]  # best first
    every_word: int  # how many of `rows` (the first ones) hold every term; the rest hold some
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, searched instead) when nothing matched as typed
    expression: str = ""  # FTS5 syntax for any term searched (after corrections): what highlighting marks
    loosened: bool = False  # nothing held a "quoted phrase" word for word, so its words were searched

    @property
    def some_words_only(self) -> bool:
        return len(self.rows) > 0 and self.every_word == 0


def _connect() -> sqlite3.Connection:
    # Shared across Streamlit's session threads: every use holds SearchIndex._lock.
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


def _folded(text: str) -> str:
    """What compatibility folding adds ("Straße" is searched as "strasse", "ﬁ" as "fi"): "" when nothing."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded if folded != text.lower() else ""


class SearchIndex:
    """An FTS5 index of one corpus (rows as `components.explore.search.build_corpus` gives them, `index_texts`
    per row)."""

    def __init__(self, texts: Sequence[dict[str, str]], synonyms: dict[str, str] | None = None):
        self._lock = threading.Lock()
        self._connection = _connect()
        self.size = len(texts)
        # Abbreviations the sources use, with what they stand for (glossary): "mhsw" -> "mental health social worker".
        self.synonyms = {key.casefold(): value for key, value in (synonyms or {}).items()}
        columns = ", ".join(COLUMNS)
        weights = ", ".join(str(WEIGHTS[column]) for column in COLUMNS)
        with self._lock:
            run = self._connection.execute
            run(f'CREATE VIRTUAL TABLE items USING fts5({columns}, tokenize="{TOKENIZER}")')
            run(f"INSERT INTO items(items, rank) VALUES ('rank', 'bm25({weights})')")
            run(f'CREATE VIRTUAL TABLE words USING fts5(text, tokenize="{PLAIN_TOKENIZER}")')
            run("CREATE VIRTUAL TABLE vocabulary USING fts5vocab(words, 'row')")
            self._connection.executemany(
                f"INSERT INTO items(rowid, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        position,
                        row.get("item_id", ""),
                        row.get("words", ""),
                        row.get("evidence", ""),
                        row.get("detail", ""),
                        row.get("labels", ""),
                        _folded(" ".join(row.get(column, "") for column in ("words", "evidence", "detail"))),
                    )
                    for position, row in enumerate(texts)
                ),
            )
            self._connection.executemany(
                "INSERT INTO words(rowid, text) VALUES (?, ?)",
                ((position, f"{row.get('words', '')} {row.get('evidence', '')}") for position, row in enumerate(texts)),
            )
            self._vocabulary = {
                term: count
                for term, count in run("SELECT term, doc FROM vocabulary").fetchall()
                if len(term) > 2 and not term.isdigit()
            }

    # -- queries -------------------------------------------------------------------------------

    def _group(self, term: Term) -> str:
        """One term as FTS5: itself, or itself OR what the abbreviation stands for."""
        meaning = self.synonyms.get(term.text.casefold()) if not term.phrase and not term.prefix else None
        if meaning:
            return f'({term.fts} OR "{meaning.replace(chr(34), chr(34) * 2)}")'
        return term.fts

    def _rows(self, expression: str) -> list[int]:
        """Rows matching an FTS5 expression, best first: bm25 over the stemmed index, plus a bonus where the
        words appear in the very form typed ("sharing" before "shared"), from the unstemmed table."""
        with self._lock:
            return [
                row
                for (row,) in self._connection.execute(
                    "SELECT items.rowid FROM items LEFT JOIN "
                    "(SELECT rowid, bm25(words) AS score FROM words WHERE words MATCH ?) AS exact "
                    "ON exact.rowid = items.rowid WHERE items MATCH ? "
                    "ORDER BY items.rank + ? * coalesce(exact.score, 0)",
                    (expression, expression, EXACT_FORM_WEIGHT),
                )
            ]

    def _count(self, expression: str) -> int:
        """How many rows match, without ranking them."""
        with self._lock:
            return self._connection.execute("SELECT count(*) FROM items WHERE items MATCH ?", (expression,)).fetchone()[
                0
            ]

    def columns_hit(self, expression: str, rows: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """Which index columns hold a term of `expression` (from `Hits.expression`), for each of `rows`.

        Asked for the cards a page draws: their texts are read by rowid and matched column by column in this
        thread's scratch table (same tokenizer), which stays fast however many items hold a common word.
        """
        wanted = list(dict.fromkeys(rows))
        if not expression or not wanted:
            return {}
        columns = ", ".join(COLUMNS)
        records = []
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[start : start + 500]
            with self._lock:
                records += self._connection.execute(
                    f"SELECT rowid, {columns} FROM items WHERE rowid IN ({', '.join('?' for _ in chunk)})", chunk
                ).fetchall()
        connection = _scratch()
        found: dict[int, list[str]] = {row: [] for row in wanted}
        connection.executemany(
            f"INSERT INTO cards(rowid, {columns}) VALUES ({', '.join('?' for _ in range(len(COLUMNS) + 1))})", records
        )
        try:
            for column in COLUMNS:
                for (row,) in connection.execute(
                    "SELECT rowid FROM cards WHERE cards MATCH ?", (f"{{{column}}} : ({expression})",)
                ):
                    found[row].append(column)
        finally:
            connection.execute("DELETE FROM cards")  # nothing of an uploaded study stays in this thread
        return {row: tuple(names) for row, names in found.items()}

    def search(self, query: object, correct: bool = True) -> Hits:
        """Rows for a query: those holding every term first (and, for several plain words, those holding them
        as one phrase before the rest), by bm25; with fewer than FEW_RESULTS, then rows holding any term.

        An empty query gives every row in corpus order. When nothing holds any term, each unknown word is
        replaced by its nearest spelling in the study (if `correct`) and `corrected` says so.
        """
        return self.search_terms(parse_query(query), correct)

    def search_terms(self, terms: Sequence[Term], correct: bool = True) -> Hits:
        if not terms:
            return Hits(tuple(range(self.size)), self.size)
        groups = [self._group(term) for term in terms]
        ordered: list[int] = []
        words = [term for term in terms if not term.phrase and not term.prefix]
        if len(words) > 1 and len(words) == len(terms):
            ordered.extend(self._rows(Term(" ".join(term.text for term in words), phrase=True).fts))
        seen = set(ordered)
        ordered.extend(row for row in self._rows(" AND ".join(groups)) if row not in seen)
        every_count = len(ordered)
        any_words = " OR ".join(groups)
        if len(groups) > 1 and every_count < FEW_RESULTS:
            seen = set(ordered)
            ordered.extend(row for row in self._rows(self._uncommon(terms, groups)) if row not in seen)
        if not ordered and any(term.phrase for term in terms):
            words = [Term(word) for term in terms for word in term.text.split()] if terms else []
            found = self.search_terms([term for word in words if (term := _word_term(word.text))], correct)
            if found.rows:
                return Hits(found.rows, 0, found.corrected, found.expression, loosened=True)
        if not ordered and correct:
            corrections = dict(self.corrections(terms))
            if corrections:
                fixed = [Term(corrections[term.text]) if term.text in corrections else term for term in terms]
                found = self.search_terms(fixed, correct=False)
                if found.rows:
                    return Hits(found.rows, found.every_word, tuple(corrections.items()), found.expression)
        return Hits(tuple(ordered), every_count, (), any_words)

    def _uncommon(self, terms: Sequence[Term], groups: Sequence[str]) -> str:
        """Any of the terms, less those most items hold ("the", "for"): a search for some of the words should
        find items by the words that say something. All of them when every term is common."""
        common = max(self.size * COMMON_SHARE, 1)
        kept = [group for term, group in zip(terms, groups, strict=True) if self._count(term.fts) <= common]
        return " OR ".join(kept or groups)

    def highlight_query(self, query: object) -> str:
        """FTS5 syntax matching any term of the query (with abbreviations' meanings), for highlighting."""
        return " OR ".join(self._group(term) for term in parse_query(query))

    # -- suggestions ------------------------------------------------------------------------------

    @property
    def vocabulary(self) -> dict[str, int]:
        """Words of the study's statements and evidence as written (lower case), with how many items hold each."""
        return self._vocabulary

    def near_words(self, word: str, limit: int = 3) -> list[str]:
        """Words of the study spelt like `word` (never one that is not in the study), most used first."""
        folded = word.casefold()
        if len(folded) < 3:
            return []
        near = difflib.get_close_matches(folded, list(self._vocabulary), n=limit * 2, cutoff=0.75)
        near = [candidate for candidate in near if candidate != folded]
        score = {candidate: difflib.SequenceMatcher(None, folded, candidate).ratio() for candidate in near}
        return sorted(near, key=lambda candidate: (-round(score[candidate], 1), -self._vocabulary[candidate]))[:limit]

    def corrections(self, terms: Sequence[Term]) -> list[tuple[str, str]]:
        """(typed word, nearest study word) for each plain word the index does not hold."""
        fixes = []
        for term in terms:
            if term.phrase or term.prefix or self._count(term.fts):
                continue
            near = self.near_words(term.text, limit=1)
            if near:
                fixes.append((term.text, near[0]))
        return fixes


# ---------------------------------------------------------------------------------------------
# Highlighting: the engine's own token positions, in a small per-thread scratch table

_local = threading.local()


def _scratch() -> sqlite3.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        connection.execute(f'CREATE VIRTUAL TABLE scratch USING fts5(text, tokenize="{TOKENIZER}")')
        connection.execute(f'CREATE VIRTUAL TABLE cards USING fts5({", ".join(COLUMNS)}, tokenize="{TOKENIZER}")')
        _local.connection = connection
    return connection


def highlight_pieces(text: str, expression: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) by FTS5's highlight() for an FTS5 `expression` (from `highlight_query`).

    Marks cover whole tokens only, so punctuation next to a word ("information,", "Wenger's") stays outside
    the mark. Text holding the mark characters themselves (or a NUL, where SQLite ends a string) is returned
    unmarked.
    """
    if not text or not expression or _OPEN in text or _CLOSE in text or "\x00" in text:
        return [(text, False)] if text else []
    connection = _scratch()
    connection.execute("INSERT INTO scratch(rowid, text) VALUES (1, ?)", (text,))
    try:
        row = connection.execute(
            "SELECT highlight(scratch, 0, ?, ?) FROM scratch WHERE scratch MATCH ?", (_OPEN, _CLOSE, expression)
        ).fetchone()
    finally:
        # Nothing of the text stays behind: an uploaded study's words must not outlive its session.
        connection.execute("DELETE FROM scratch")
    if row is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    for index, part in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", row[0])):
        if part:
            pieces.append((part, index % 2 == 1))
    return pieces


# ---------------------------------------------------------------------------------------------
# Building an index from a corpus


# Which corpus columns go in which index column ("words", "evidence", "detail", "labels"), per kind.
def index_texts(corpus: pd.DataFrame, layout: dict[str, dict[str, tuple[str, ...]]]) -> list[dict[str, str]]:
    """One dict per corpus row of the index columns' text, from `layout[kind][index column]` = corpus columns."""
    records = corpus.to_dict("records")
    texts = []
    for record in records:
        fields = layout.get(record.get("kind", ""), {})
        row = {"item_id": cell_text(record.get("item_id"))}
        for column, sources in fields.items():
            row[column] = " \n ".join(cell_text(record.get(source)) for source in sources if record.get(source))
        texts.append(row)
    return texts


class Highlight(tuple):
    """What to mark in a text: one FTS5 expression (`SearchIndex.highlight_query`), as a 1-tuple so it passes
    wherever a sequence of terms did (components.ui.quotes)."""

    @property
    def expression(self) -> str:
        return self[0] if self else ""


def _expression(terms: Sequence[str]) -> str:
    if isinstance(terms, Highlight):
        return terms.expression
    parsed = [term for text in terms if text for term in parse_query(f'"{text}"' if " " in text else text)]
    return " OR ".join(term.fts for term in parsed)


def highlight_markdown(text: object, terms: Sequence[str]) -> str:
    """Text escaped for Markdown, with the search's matches marked by an orange background.

    `terms` is a `Highlight` (the engine's expression for a search) or plain terms. Marks come from FTS5's
    highlight(): whole tokens, as the engine matched them ("sharing" for "share"), punctuation left outside.
    The text is cut at the marks and every piece escaped on its own, so nothing in the data can become
    Markdown or HTML; only the `:orange-background[…]` marks are this function's own.
    """
    value = cell_text(text)
    expression = _expression(terms) if terms else ""
    if not value or not expression:
        return escape_markdown(value)
    return "".join(
        f":orange-background[{escape_markdown(piece)}]" if marked else escape_markdown(piece)
        for piece, marked in highlight_pieces(value, expression)
    )
