"""What the room is asked: each discussion prompt of the deck as options, a 1-5 scale or a short answer, and
questions the presenter adds on the spot. The live state (a JSON dict kept in the store) names them, so a
phone needs no dataset: it reads which slide the presenter is on and looks the question up here.

Nothing here imports Streamlit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from components.store.live_room import COUNTED, PENDING

# What a prompt can ask for. Options are the study's themes of one category of coded statements.
OPTION_KINDS = {
    "barrier": "Which of the study's barriers do you meet in your service? Pick any.",
    "enabler": "Which of the things that helped would make the most difference in your service? Pick any.",
}
SCALE, TEXT = "scale", "text"
KINDS = (*OPTION_KINDS, SCALE, TEXT)
KIND_LABELS = {
    "barrier": "Options: the study's barriers",
    "enabler": "Options: what helps",
    SCALE: "Scale 1 to 5: how true is this in your service?",
    TEXT: "Short answer",
}
SCALE_ASK = "How true is this in your service?"
SCALE_POINTS = (1, 2, 3, 4, 5)
SCALE_ENDS = {1: "not at all true", 5: "completely true"}
TEXT_ASK = "Your answer, in a few words"
MAX_TEXT_CHARS = 280
MAX_SPOT_CHARS = 300
MAX_SPOT_QUESTIONS = 30


class AnswerError(ValueError):
    """An answer that cannot be taken; str() says why, for the phone."""


@dataclass(frozen=True)
class Question:
    id: str  # "P01:barrier", "S2:scale": a prompt's (or spot question's) id and what it asks for
    kind: str
    ask: str  # what the phone asks
    context: str = ""  # the prompt's own question, shown above the ask
    options: tuple[str, ...] = ()
    prompt_id: str = ""

    @property
    def is_options(self) -> bool:
        return self.kind in OPTION_KINDS

    @property
    def moderated(self) -> bool:
        return self.kind == TEXT


def live_state(
    prompt_slides: Mapping[int, Mapping[str, str]], options: Mapping[str, Sequence[str]], source: str = ""
) -> dict:
    """The first live state of a room: which deck slide is which prompt ({index: {"id", "question", "lens"}}),
    the options each kind offers, the kind each prompt asks for (options when the study has themes of the
    prompt's category, else the scale) and `source`, the line citing the study the room presents (the phones
    cite it, not whatever study their own session has)."""
    options = {kind: list(dict.fromkeys(str(o) for o in values)) for kind, values in options.items() if values}
    prompts = {}
    slides = {}
    ask = {}
    for index, prompt in prompt_slides.items():
        prompt_id = str(prompt["id"])
        slides[str(int(index))] = prompt_id
        prompts[prompt_id] = {"question": str(prompt.get("question", "")), "lens": str(prompt.get("lens", ""))}
        category = str(prompt.get("category", ""))
        ask[prompt_id] = category if category in options else SCALE
    return {
        "slides": slides,
        "prompts": prompts,
        "options": options,
        "ask": ask,
        "spot": [],
        "spot_on": None,
        "revealed": [],
        "locked": [],
        "source": str(source),
    }


def room_source(state: Mapping[str, object]) -> str:
    """The line citing the study the room presents ("" for a room opened before rooms kept it)."""
    source = state.get("source")
    return source if isinstance(source, str) else ""


def prompt_question(state: Mapping[str, Any], prompt_id: str, kind: str | None = None) -> Question | None:
    prompt = state.get("prompts", {}).get(prompt_id)
    if prompt is None:
        return None
    kind = kind or state.get("ask", {}).get(prompt_id, SCALE)
    return _question(state, prompt_id, kind, str(prompt.get("question", "")))


def spot_question(state: Mapping[str, Any], spot_id: str) -> Question | None:
    for spot in state.get("spot", []):
        if spot.get("id") == spot_id:
            return _question(state, spot_id, str(spot.get("kind", TEXT)), str(spot.get("text", "")), spot=True)
    return None


def _question(state: Mapping[str, Any], base_id: str, kind: str, text: str, spot: bool = False) -> Question | None:
    if kind in OPTION_KINDS:
        options = tuple(state.get("options", {}).get(kind, ()))
        if not options:
            return None
        ask = OPTION_KINDS[kind]
        return Question(f"{base_id}:{kind}", kind, ask, text, options, base_id)
    if kind == SCALE:
        return Question(
            f"{base_id}:{kind}", kind, SCALE_ASK if not spot else text, text if not spot else "", (), base_id
        )
    if kind == TEXT:
        return Question(
            f"{base_id}:{kind}", kind, TEXT_ASK if not spot else text, text if not spot else "", (), base_id
        )
    return None


def question_by_id(state: Mapping[str, Any], question_id: str) -> Question | None:
    base, _, kind = str(question_id).partition(":")
    if base.startswith("S"):
        spot = spot_question(state, base)
        return spot if spot and spot.id == question_id else None
    return prompt_question(state, base, kind)


def current_question(state: Mapping[str, Any], slide: int) -> Question | None:
    """The question phones answer now: a spot question the presenter put up, else the prompt on the slide."""
    if state.get("spot_on"):
        return spot_question(state, state["spot_on"])
    prompt_id = state.get("slides", {}).get(str(int(slide)))
    return prompt_question(state, prompt_id) if prompt_id else None


def what_comes_next(state: Mapping[str, Any], slide: int) -> str:
    """What a phone says between questions."""
    later = sorted(int(index) for index in state.get("slides", {}) if int(index) > int(slide))
    if not later:
        return "No more questions are planned. Keep this page open in case the presenter adds one."
    prompt = state["prompts"].get(state["slides"][str(later[0])], {})
    lens = prompt.get("lens") or "the next discussion"
    return f"The next question is coming up: {lens}. This page changes by itself when it is on."


def is_open(state: Mapping[str, Any], question_id: str, slide: int) -> bool:
    """Whether phones may answer this question now: it is the current one and not locked."""
    question = current_question(state, slide)
    return question is not None and question.id == question_id and question_id not in state.get("locked", [])


def clean_text(value: object) -> str:
    """A short answer as kept: normalised, control characters out, whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in text)
    return re.sub(r"\s+", " ", text).strip()


def checked_answer(question: Question, value: object) -> tuple[dict[str, Any], str]:
    """(the answer as stored, its status) from what the phone sent; AnswerError says what is wrong."""
    if question.is_options:
        picked = [value] if isinstance(value, str) else list(value or [])
        picked = list(dict.fromkeys(str(option) for option in picked))
        if not picked:
            raise AnswerError("Pick at least one option.")
        unknown = [option for option in picked if option not in question.options]
        if unknown:
            raise AnswerError("That option is not one of this question's.")
        return {"options": [option for option in question.options if option in picked]}, COUNTED
    if question.kind == SCALE:
        try:
            point = int(value)
        except (TypeError, ValueError):
            raise AnswerError("Pick a number from 1 to 5.") from None
        if point not in SCALE_POINTS:
            raise AnswerError("Pick a number from 1 to 5.")
        return {"scale": point}, COUNTED
    text = clean_text(value)
    if not text:
        raise AnswerError("Write a few words first.")
    if len(text) > MAX_TEXT_CHARS:
        raise AnswerError(f"Keep it to {MAX_TEXT_CHARS} characters (this is {len(text)}).")
    return {"text": text}, PENDING


def with_spot_question(state: Mapping[str, Any], text: str, kind: str) -> dict[str, Any]:
    """The state with a question added on the spot and put up for the phones."""
    text = clean_text(text)
    if not text or len(text) > MAX_SPOT_CHARS:
        raise AnswerError(f"A question needs 1 to {MAX_SPOT_CHARS} characters.")
    if kind not in (SCALE, TEXT, *[k for k in OPTION_KINDS if state.get("options", {}).get(k)]):
        raise AnswerError("That kind of question cannot be asked here.")
    spots = list(state.get("spot", []))
    if len(spots) >= MAX_SPOT_QUESTIONS:
        raise AnswerError(f"A room can add at most {MAX_SPOT_QUESTIONS} questions on the spot.")
    spot_id = f"S{len(spots) + 1}"
    spots.append({"id": spot_id, "text": text, "kind": kind})
    return {**state, "spot": spots, "spot_on": spot_id}


def asked_questions(state: Mapping[str, Any]) -> list[Question]:
    """Every question the room could have answered, in deck order then spot questions (for the downloads)."""
    found = []
    for index in sorted(state.get("slides", {}), key=int):
        prompt_id = state["slides"][index]
        for kind in KINDS:
            question = prompt_question(state, prompt_id, kind)
            if question is not None:
                found.append(question)
    for spot in state.get("spot", []):
        question = spot_question(state, spot["id"])
        if question is not None:
            found.append(question)
    return found
