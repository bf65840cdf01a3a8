"""After the session: the room's answers as a formula-safe CSV (question, answer, time; no person) and a PDF
summary (each question, its totals and approved short answers, and the study's evidence it asked about).

Nothing here imports Streamlit. Rejected short answers are left out of both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from components.data.exports import safe_csv_bytes
from components.data.model import Dataset
from components.live_room import questions
from components.live_room.counting import answers_label, tally
from components.live_room.evidence import STUDY_COUNTS_NOTE, prompt_evidence, study_counts
from components.live_room.questions import Question
from components.present.documents import PrintDocument, printable
from components.shared.citation import citation_line
from components.store.live_room import REJECTED, LiveAnswer

CSV_COLUMNS = ("question", "answer", "time")


def answer_text(answer: dict) -> str:
    if "options" in answer:
        return "; ".join(str(option) for option in answer["options"])
    if "scale" in answer:
        return f"{answer['scale']} of 5"
    return str(answer.get("text", ""))


def _when(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _label(question: Question) -> str:
    return f"{question.context} — {question.ask}" if question.context else question.ask


def answers_frame(state: dict, answers: Sequence[LiveAnswer]) -> pd.DataFrame:
    """One row per answer (its last version), in question order then time: question, answer, time."""
    rows = []
    for question in questions.asked_questions(state):
        for answer in sorted((a for a in answers if a.question_id == question.id), key=lambda a: (a.updated_at, a.id)):
            if answer.status != REJECTED:
                rows.append((_label(question), answer_text(answer.answer), _when(answer.updated_at)))
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def answers_csv(state: dict, answers: Sequence[LiveAnswer]) -> bytes:
    return safe_csv_bytes(answers_frame(state, answers))


def summary_pdf(state: dict, answers: Sequence[LiveAnswer], dataset: Dataset, join_code: str) -> bytes:
    """Each question the room answered: its totals, its approved short answers and the study's evidence."""
    document = PrintDocument("Live room answers", citation_line(dataset))
    document.heading(f"Live room {join_code}: the room's answers", level=0)
    document.text_block(
        "Counts of the room's answers are counts of people who answered (one answer per person per question). "
        + STUDY_COUNTS_NOTE
    )
    answered = [q for q in questions.asked_questions(state) if any(a.question_id == q.id for a in answers)]
    if not answered:
        document.text_block("Nobody answered a question in this room.")
    for question in answered:
        counted = tally(question, answers)
        document.heading(printable(question.context or question.ask), level=1)
        if question.context:
            document.text_block(printable(question.ask), style="I")
        document.text_block(answers_label(counted.answered))
        if question.is_options:
            study = study_counts(dataset, question.kind)
            for option, count in counted.counts:
                groups = ""
                if option in study.index:
                    groups = (
                        "; the study: "
                        + ", ".join(f"{group} {int(study.at[option, group])}" for group in study.columns)
                        + " coded statements"
                    )
                document.bullet(printable(f"{option}: {count} in the room{groups}"))
        elif question.kind == questions.SCALE:
            for point, count in counted.counts:
                document.bullet(f"{point} of 5: {count}")
        else:
            document.text_block(f"{len(counted.shown_texts)} approved short answers shown:")
            for text in counted.shown_texts:
                document.bullet(printable(text))
        evidence, source = prompt_evidence(dataset, question.prompt_id)
        if evidence:
            document.text_block("The study's evidence this prompt asked about:", size=9, colour=(60, 60, 60), gap=0.5)
            document.quote(printable(evidence), printable(source))
    return document.pdf_bytes()
