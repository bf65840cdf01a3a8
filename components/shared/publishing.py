"""Publishing a study: the server's settings, what is kept about a study, its links, and every sentence the
pages say about it. No Streamlit here (components/ui/published.py draws it; components/store/published.py
keeps it).

A published study is readable by anyone who has its read link (`?study=ID` on any page) and by nobody who
does not: no page lists published studies. Its owner link (`/your-data?study=ID&owner=TOKEN`) replaces its
data, changes its expiry and deletes it. Whoever runs a public server sets, in the environment:
- EXPLORER_PUBLISH_KEY: a key a publisher must type (off when unset, as on a laptop);
- EXPLORER_PUBLISH_MAX_MB: the largest study kept (its stored form), default 10;
- EXPLORER_PUBLISH_MAX_STUDIES: how many published studies the server keeps at once, default 200.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from components.data.model import Dataset
from components.shared import citation
from components.shared.text import escape_markdown

KEY_VARIABLE = "EXPLORER_PUBLISH_KEY"
MAX_MB_VARIABLE = "EXPLORER_PUBLISH_MAX_MB"
MAX_STUDIES_VARIABLE = "EXPLORER_PUBLISH_MAX_STUDIES"
DEFAULT_MAX_MB = 10
DEFAULT_MAX_STUDIES = 200

STUDY_PARAM = "study"  # ?study=ID on any page opens the published study
OWNER_PARAM = "owner"  # &owner=TOKEN on /your-data opens its owner's controls
OWNER_PAGE = "your-data"

DAY = 24 * 60 * 60
# How long a study stays published; the owner can change it later.
LIFETIMES = {"7 days": 7 * DAY, "30 days": 30 * DAY, "90 days": 90 * DAY, "1 year": 365 * DAY}
DEFAULT_LIFETIME = "30 days"
META_FIELD_CHARS = 300

# One sentence for every id that does not open a study (unknown, mistyped, tampered with, expired, deleted):
# nothing in it says whether such a study ever existed.
NOT_FOUND = (
    "**This link does not open a published study.** It may be incomplete, or the study is no longer published "
    "(deleted or expired). The pages show the explorer's own study instead."
)
OWNER_NOT_FOUND = (
    "**This owner link does not open a published study.** It may be incomplete, or the study is no longer "
    "published (deleted or expired)."
)
WRONG_KEY = "**That publishing key is not right.** Ask whoever runs this server for it. Nothing was published."

# Wrong publishing keys and owner links that open nothing are counted in the store (components/store/attempts.py),
# so the limits hold whichever replica a browser reaches. Per browser, and per thing guessed: the server's key
# (all browsers together: past its limit nobody may try until the window passes, so a key cannot be found by
# trying from many browsers) or one study's owner link (only browsers that have themselves tried a wrong link
# wait, so someone guessing cannot lock the real owner out).
ATTEMPT_WINDOW_SECONDS = 15 * 60
WRONG_KEYS_PER_BROWSER = 5
WRONG_KEYS_PER_SERVER = 30
WRONG_OWNER_LINKS_PER_BROWSER = 5
WRONG_OWNER_LINKS_PER_STUDY = 10


def too_many_keys_message(wait: str) -> str:
    return (
        "**Too many wrong publishing keys were tried.** Nothing was published. "
        f"Wait {wait}, then type the key again; ask whoever runs this server for it."
    )


def too_many_owner_links_message(wait: str) -> str:
    return (
        "**Too many owner links that open nothing were tried from this browser.** "
        f"Wait {wait}, then open your owner link again, copied whole."
    )


@dataclass(frozen=True)
class PublishSettings:
    key: str  # empty: anyone may publish
    max_bytes: int
    max_studies: int

    @property
    def needs_key(self) -> bool:
        return bool(self.key)

    @property
    def max_mb(self) -> float:
        return self.max_bytes / (1024 * 1024)


def _positive_number(environ: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float((environ.get(name) or "").strip() or default)
    except ValueError:
        return default
    return value if value > 0 else default


def settings(environ: Mapping[str, str] | None = None) -> PublishSettings:
    """This server's publishing settings from its environment (a value that is not a positive number is
    ignored, and the default used)."""
    env = os.environ if environ is None else environ
    return PublishSettings(
        key=(env.get(KEY_VARIABLE) or "").strip(),
        max_bytes=int(_positive_number(env, MAX_MB_VARIABLE, DEFAULT_MAX_MB) * 1024 * 1024),
        max_studies=int(_positive_number(env, MAX_STUDIES_VARIABLE, DEFAULT_MAX_STUDIES)),
    )


def key_matches(typed: str | None, expected: str) -> bool:
    """Whether the typed publishing key is the server's, compared in constant time (as digests, so the
    length of the key does not show either)."""
    if not expected:
        return True
    digest = lambda text: hashlib.sha256((text or "").encode()).digest()  # noqa: E731
    return hmac.compare_digest(digest(typed), digest(expected))


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:META_FIELD_CHARS]


def study_meta(dataset: Dataset) -> dict[str, Any]:
    """What a reader's banner names: the study's name, and its title and authors when it has metadata."""
    meta: dict[str, Any] = {"name": _one_line(dataset.name)}
    study = dataset.study
    if study is not None:
        if study.title:
            meta["title"] = _one_line(study.title)
        if study.author:
            meta["authors"] = _one_line(study.author)
        if study.year:
            meta["year"] = int(study.year)
    return meta


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size:,} bytes"


def too_large_message(size: int, settings_: PublishSettings) -> str:
    return (
        f"**This study is too large to publish here:** {size_text(size)} as stored, and this server publishes "
        f"studies of up to {size_text(settings_.max_bytes)}. Nothing was published."
    )


def too_many_message(settings_: PublishSettings) -> str:
    return (
        f"**This server keeps as many published studies as it may ({settings_.max_studies:,}).** Try again once "
        "one has expired, or ask whoever runs it. Nothing was published."
    )


def banner_markdown(meta: Mapping[str, Any]) -> str:
    """The read-only banner on every page of a published study (every value from the study escaped)."""
    name = escape_markdown(_one_line(meta.get("name") or "A published study"))
    title = _one_line(meta.get("title") or "")
    authors = _one_line(meta.get("authors") or "")
    year = meta.get("year")
    parts = [f"**Published study:** {name}"]
    if title and title != _one_line(meta.get("name") or ""):
        parts.append(f", *{escape_markdown(title)}*")
    if authors:
        parts.append(f", by {escape_markdown(authors)}")
        if isinstance(year, int):
            parts.append(f" ({year})")
    parts.append(". Read-only: everyone with this link sees the same study.")
    return "".join(parts)


def base_url(current_url: str | None) -> str:
    """The app's own address (scheme, host and any path prefix) from the current page's URL; "" when unknown
    (links are then relative to the server). Published links are made on the owner's page, so that is the page
    path taken off."""
    return citation.app_base_url(current_url, (OWNER_PAGE,))


def read_link(base: str, study_id: str) -> str:
    return f"{base}/?{urlencode({STUDY_PARAM: study_id})}"


def owner_link(base: str, study_id: str, owner_token: str) -> str:
    return f"{base}/{OWNER_PAGE}?{urlencode({STUDY_PARAM: study_id, OWNER_PARAM: owner_token})}"


def expiry_text(expires_at: float, now: float | None = None) -> str:
    """When a study stops being published, as a date and how far off it is."""
    now = time.time() if now is None else now
    days = max(0, round((expires_at - now) / DAY))
    date = time.strftime("%d %B %Y", time.gmtime(expires_at)).lstrip("0")
    return f"{date} (in {days} day{'s' if days != 1 else ''})"
