"""Which slide a window shows: a link's `?slide=`, a key or button step, the jump list, a prompt's reveal.

Nothing here imports Streamlit: the single window (components.present.draw_single_window) and the room windows
(components.present.draw_rooms) call these with what they read, and draw what comes back.
"""

from __future__ import annotations

from components.present.slide_model import Slide

# What a key (or a Previous/Next press) asks for. A room window also hears "blank" (components.present.slide_keys).
STEPS = ("first", "previous", "next", "last")
BLANK = "blank"


def clamp_index(index: int, count: int) -> int:
    return min(max(index, 0), max(count - 1, 0))


def step_target(step: str, index: int, count: int) -> int:
    """The slide a step leads to from `index` in a deck of `count` slides, kept inside the deck."""
    target = {"first": 0, "previous": index - 1, "next": index + 1, "last": count - 1}.get(step, index)
    return clamp_index(target, count)


def slide_from_param(value: object, count: int) -> tuple[int, str | None]:
    """A 1-based `?slide=` value to a 0-based index, clamped to the deck, with a note when it was changed."""
    if value is None or str(value).strip() == "":
        return 0, None
    raw = str(value).strip()
    try:
        number = int(raw)
    except ValueError:
        try:
            number = int(float(raw))
        except (ValueError, OverflowError):
            return 0, f"The link asked for slide '{raw[:20]}', which is not a number, so the deck starts at slide 1."
    index = clamp_index(number - 1, count)
    if index + 1 != number:
        return index, f"The link asked for slide {raw[:20]}; this deck has {count} slides, so it opens at {index + 1}."
    return index, None


def slide_label(slide: Slide, index: int) -> str:
    """How a slide is listed in the jump menu (plain text, never Markdown)."""
    return f"{index + 1}. {slide.heading}"


def single_window_slide(shown: int | None, link: object, count: int, step: str | None) -> tuple[int, str | None]:
    """The slide the single window shows now, and a note when the link's slide number was changed.

    `shown` is the slide it showed last (None on its first run, when the link's `?slide=` decides);
    the deck may have shrunk since (another dataset uploaded), so it is kept inside the deck. A key's
    `step` then moves on from there.
    """
    note = None
    if shown is None:
        index, note = slide_from_param(link, count)
    else:
        index = clamp_index(int(shown), count)
    if step in STEPS:
        index = step_target(step, index, count)
    return index, note


def toggled(revealed: set[int] | frozenset[int], index: int) -> set[int]:
    """The prompt slides whose findings are shown, after a press of `index`'s Show/Hide button."""
    return set(revealed) ^ {index}


def room_change(step: str | None, slide: int, blank: bool, count: int) -> dict[str, object]:
    """What a key pressed in a room window changes in the room: the slide, the blank screen, or nothing."""
    if step == BLANK:
        return {"blank": not blank}
    if step in STEPS:
        return {"slide": step_target(step, slide, count)}
    return {}


def picked_slide(value: object, shown: int) -> int | None:
    """The slide the trainer picked in a room's jump list, or None when the list only echoes the slide shown.

    A request the browser sent before it drew the list's replacement still carries the list's first value,
    which Streamlit reports as a change: only a different slide is the trainer's pick.
    """
    picked = int(value)
    return picked if picked != shown else None
