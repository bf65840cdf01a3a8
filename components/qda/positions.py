"""Character positions as the tool that wrote them counts: Unicode code points, or UTF-16 code units.

The REFI-QDA standard counts code points, and qualitative-coding, QualCoder, ATLAS.ti and MAXQDA do. NVivo
counts UTF-16 code units, so every emoji (any character outside the Basic Multilingual Plane) counts 2:
read as code points, each selection after the first emoji lands that many characters early. Which reading
a project gets is decided once for the whole project, from its `origin` and from which reading puts the
selections on the source's text (starting and ending on word boundaries, never inside a surrogate pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CODE_POINTS = "code points"
UTF16_UNITS = "UTF-16 code units"
# How much better the other reading must fit the text before it overrules what the origin says.
_MARGIN_SHARE = 0.05


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR as LF: a carriage return never reaches Markdown or a chart label."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class SourceText:
    """One source's plain text (a byte-order mark is not text and is already removed), sliced either way."""

    text: str
    _units: bytes | None = field(default=None, repr=False)
    _astral: bool | None = field(default=None, repr=False)

    @property
    def has_astral(self) -> bool:
        """Whether any character counts 2 in UTF-16: without one, both readings are the same."""
        if self._astral is None:
            self._astral = any(ord(character) > 0xFFFF for character in self.text)
        return self._astral

    def units(self) -> bytes:
        if self._units is None:
            self._units = self.text.encode("utf-16-le", "surrogatepass")
        return self._units

    def length(self, reading: str) -> int:
        return len(self.units()) // 2 if reading == UTF16_UNITS and self.has_astral else len(self.text)

    def slice(self, reading: str, start: int, end: int) -> str | None:
        """The characters start..end under this reading; None if that cuts a character in two."""
        if reading != UTF16_UNITS or not self.has_astral:
            return self.text[start:end]
        try:
            return self.units()[2 * start : 2 * end].decode("utf-16-le")
        except UnicodeDecodeError:
            return None

    def fits(self, reading: str, start: int, end: int) -> bool:
        """Whether the selection starts and ends on a word boundary of the text under this reading."""
        if not 0 <= start < end <= self.length(reading):
            return False
        inside = self.slice(reading, start, end)
        if inside is None:
            return False
        before = self.slice(reading, start - 1, start) if start > 0 else ""
        after = self.slice(reading, end, end + 1) if end < self.length(reading) else ""
        if before is None or after is None:
            return False
        starts_clean = not (before[-1:].isalnum() and inside[:1].isalnum())
        ends_clean = not (inside[-1:].isalnum() and after[:1].isalnum())
        return starts_clean and ends_clean


def default_reading(origin: str) -> str:
    return UTF16_UNITS if "nvivo" in origin.casefold() else CODE_POINTS


@dataclass(frozen=True)
class Reading:
    positions: str  # CODE_POINTS or UTF16_UNITS
    note: str  # what the import summary says about it


def choose_reading(origin: str, selections: list[tuple[SourceText, int, int]]) -> Reading:
    """The reading for the whole project: the origin's, unless the other one clearly fits the text better."""
    expected = default_reading(origin)
    tool = origin or "the tool that wrote it"
    if not any(text.has_astral for text, _, _ in selections):
        return Reading(
            CODE_POINTS,
            "Character positions: no source has a character that counts twice in UTF-16 (such as an emoji), so "
            "code points and UTF-16 code units give the same text.",
        )
    fitting = {
        reading: sum(text.fits(reading, start, end) for text, start, end in selections)
        for reading in (CODE_POINTS, UTF16_UNITS)
    }
    other = CODE_POINTS if expected == UTF16_UNITS else UTF16_UNITS
    margin = max(2, int(_MARGIN_SHARE * len(selections)))
    chosen = other if fitting[other] > fitting[expected] + margin else expected
    total = len(selections)
    how = (
        "UTF-16 code units (an emoji counts 2), as NVivo counts them"
        if chosen == UTF16_UNITS
        else "Unicode code points (an emoji counts 1), as the REFI-QDA standard counts them"
    )
    why = f"{fitting[chosen]:,} of {total:,} coded selections start and end on word boundaries that way"
    why += f", {fitting[other]:,} the other way"
    if chosen != expected:
        why += f"; this overrules what the file's origin ('{tool}') suggests"
    return Reading(chosen, f"Character positions were read as {how}: {why}.")
