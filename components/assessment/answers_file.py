"""The answers file: the ratings as a table to download, and an earlier file read back (or a DatasetError
naming file, row and column)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.assessment.scale import RATINGS, normalise_rating
from components.data.decode import decode_text
from components.data.model import DatasetError, Problem
from components.data.parse import parse_table
from components.data.vocabulary import TableSpec
from components.shared.text import escape_markdown

ANSWER_COLUMNS = ("item_id", "theme", "statement", "finding_id", "rating", "assessed_on")
# A file with thousands of bad rows gets the first problems listed and a count, not a page of errors.
MAX_PROBLEMS_SHOWN = 50


def answers_frame(items: pd.DataFrame, answers: dict[str, str], assessed_on: dt.date) -> pd.DataFrame:
    """The answers as a table to download: every statement, its rating ("" if not answered) and the date."""
    frame = items.loc[:, ["item_id", "theme", "statement", "finding_id"]].astype(str).copy()
    frame["rating"] = [answers.get(item_id, "") or "" for item_id in frame["item_id"]]
    frame["assessed_on"] = assessed_on.isoformat()
    return frame.loc[:, list(ANSWER_COLUMNS)].reset_index(drop=True)


def answers_file_name(assessed_on: dt.date) -> str:
    return f"self-assessment-answers-{assessed_on.isoformat()}.csv"


@dataclass(frozen=True)
class EarlierAnswers:
    """Answers read back from a file: item id -> rating, the date they were given (if the file says), notes."""

    answers: dict[str, str]
    assessed_on: str
    notes: tuple[str, ...] = ()


def _answers_spec(file_name: str) -> TableSpec:
    return TableSpec(
        file=file_name,
        id_column="item_id",
        required=("item_id", "rating"),
        optional=("theme", "statement", "finding_id", "assessed_on"),
    )


def read_answers(file_name: str, raw: bytes, items: pd.DataFrame) -> EarlierAnswers:
    """Read an answers file saved by this page, or raise DatasetError naming file, row and column."""
    text, decode_note = decode_text(file_name, raw)
    spec = _answers_spec(file_name)
    frame, problems, notes = parse_table(spec, text)
    if decode_note:
        notes = [f"{file_name}: {decode_note}.", *notes]
    if frame.empty:
        raise DatasetError(problems or [Problem(file_name, None, None, "the file has no answers.")])
    known = list(items["item_id"].astype(str))
    allowed = ", ".join(RATINGS)
    seen: dict[str, int] = {}
    answers: dict[str, str] = {}
    for row_text, item_id, raw_rating in zip(frame["_row"], frame["item_id"], frame["rating"], strict=True):
        row_number, item_id, raw_rating = int(row_text), str(item_id), str(raw_rating)
        if not item_id:
            problems.append(
                Problem(file_name, row_number, "item_id", "this cell is blank; every row needs an item_id.")
            )
            continue
        if item_id not in known:
            shown = ", ".join(known[:3]) + (" …" if len(known) > 3 else "")
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "item_id",
                    f"'{item_id}' is not a statement in this self-assessment (its ids are {shown}). "
                    "Was the file saved from a different dataset?",
                )
            )
            continue
        if item_id in seen:
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "item_id",
                    f"'{item_id}' is answered twice (rows {seen[item_id]} and {row_number}); "
                    "keep one row per statement.",
                )
            )
            continue
        seen[item_id] = row_number
        rating = normalise_rating(raw_rating)
        if raw_rating and rating is None:
            problems.append(
                Problem(
                    file_name,
                    row_number,
                    "rating",
                    f"'{raw_rating}' is not a rating; use one of: {allowed} (or leave it blank).",
                )
            )
            continue
        if rating:
            answers[item_id] = rating
    if problems:
        raise DatasetError(problems)
    dates = []
    if "assessed_on" in frame.columns:
        dates = [value for value in dict.fromkeys(frame["assessed_on"].astype(str)) if value]
    if not answers:
        notes.append(f"{file_name}: no statement has a rating, so there is nothing to compare.")
    return EarlierAnswers(answers=answers, assessed_on=", ".join(dates), notes=tuple(notes))


def file_error_markdown(error: DatasetError) -> str:
    """What to tell the user about an answers file that could not be read: each problem, escaped."""
    shown = error.problems[:MAX_PROBLEMS_SHOWN]
    lines = "\n".join(f"- {escape_markdown(problem)}" for problem in shown)
    hidden = len(error.problems) - len(shown)
    more = f"\n- … and {hidden} more" if hidden > 0 else ""
    return f"**This answers file could not be read.** Fix these and upload it again:\n\n{lines}{more}"


def comparison_heading(earlier: EarlierAnswers) -> str:
    when = f"from {escape_markdown(earlier.assessed_on)}" if earlier.assessed_on else "in the file"
    return f"**What changed since the answers {when}:**"
