"""Whose words a quote is, and how to cite it: plain reference, RIS and BibTeX. Nothing here imports Streamlit.

A `source` cell names its document by a short key and then, after ": ", the section: "Carpenter 2019,
summary: Why Collaborate?". The bundled study's `study.json` → `sources` lists each document once under
that key, with what kind of text it is (the researcher's summary, the thesis abstract, a context article …)
and its bibliographic details as the source document gives them. An upload has no such list: its source
cells are the uploader's own, shown as "your source: …" and cited as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import rispy
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from components.data.model import Dataset, Study, StudySource
from components.shared.text import cell_text
from components.shared.wording import APP_NAME, COUNTS_NOTE

EXPLORE_PATH = "explore"

# What each reference type is called in RIS (TY) and BibTeX (entry type). Unknown types are "generic".
RIS_TYPES = {"thesis": "THES", "blog": "BLOG", "news": "NEWS", "unpublished": "UNPB", "teaching": "GEN", "app": "ELEC"}
BIBTEX_TYPES = {"thesis": "mastersthesis", "unpublished": "unpublished"}
KIND_LABELS = {"thesis": "Masters thesis", "blog": "Blog post", "news": "News article", "teaching": "Teaching material"}


@dataclass(frozen=True)
class SourceIndex:
    """The active dataset's source documents, and whether its source cells are an uploader's own."""

    documents: tuple[StudySource, ...] = ()
    uploaded: bool = False
    dataset_name: str = ""
    published: bool = False  # the source cells are a published study's publisher's, not this reader's


@dataclass(frozen=True)
class CitedSource:
    """A source cell read against the documents: which document (if any) and which section."""

    text: str
    document: StudySource | None
    section: str
    uploaded: bool
    published: bool = False


@dataclass(frozen=True)
class Citation:
    plain: str
    ris: str
    bibtex: str
    url: str


def _text(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() == "nan" else text


def _sentence(text: str) -> str:
    """Text ending in one full stop (or its own ? or !), for joining into a reference."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def source_index(study: Study | None, uploaded: bool, dataset_name: str = "", published: bool = False) -> SourceIndex:
    """The study's source documents (the loader's own `StudySource` records, each with a key) to cite against."""
    return SourceIndex(study.sources if study else (), uploaded, _text(dataset_name), published)


def resolve(source: object, index: SourceIndex | None) -> CitedSource:
    """Which document a source cell names (the longest key it starts with) and the section after the key."""
    text = _text(source)
    index = index or SourceIndex()
    if index.uploaded:
        return CitedSource(text, None, "", True, index.published)
    matches = [doc for doc in index.documents if text == doc.key or text.startswith(doc.key)]
    if not matches:
        return CitedSource(text, None, "", False)
    document = max(matches, key=lambda doc: len(doc.key))
    section = text[len(document.key) :].lstrip(":;,— ").strip()
    return CitedSource(text, document, section, False)


def whose_words(cited: CitedSource) -> str:
    """A lead-in saying whose words a quote is: "From the researcher's summary of her study", "Your source: …"."""
    if cited.uploaded and cited.published:
        return f"Its publisher's source: {cited.text}" if cited.text else "Its publisher gives no source for this quote"
    if cited.uploaded:
        return f"Your source: {cited.text}" if cited.text else "Your data gives no source for this quote"
    if cited.document is not None and cited.document.whose_words:
        words = cited.document.whose_words
        return f"From {words}"
    return f"Source: {cited.text}" if cited.text else "No source recorded"


def plain_reference(cited: CitedSource) -> str:
    """The document as a reference list would give it, with the section: what the source gives, never more."""
    document = cited.document
    if document is None:
        return cited.text or "Source not recorded"
    parts = []
    year = f"({document.year})" if document.year else "(n.d.)"
    parts.append(f"{document.author} {year}" if document.author else f"{document.title} {year}")
    if document.author:
        parts.append(document.title)
    label = KIND_LABELS.get(document.reference_type)
    if label:
        parts.append(label)
    if document.publisher:
        parts.append(document.publisher)
    reference = " ".join(_sentence(part) for part in parts if part)
    if cited.section:
        reference += f" Section: {_sentence(cited.section)}"
    if document.url:
        reference += f" {document.url}"
    return reference


def app_base_url(url: object, page_paths: list[str] | tuple[str, ...] = ()) -> str:
    """The app's own address from the browser's URL of this page: query, fragment and page path removed.

    Blank when the URL is unknown (tests, a bare script): links are then relative.
    """
    text = _text(url)
    if not text:
        return ""
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        return ""
    path = parts.path.rstrip("/")
    for page in sorted((p.strip("/") for p in page_paths if p and p.strip("/")), key=len, reverse=True):
        if path.endswith("/" + page):
            path = path[: -len(page) - 1]
            break
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def item_url(base: str, item_id: object) -> str:
    """The Explore link that reopens one item, e.g. `http://host/explore?id=F012` (or `/explore?id=F012`)."""
    return f"{base.rstrip('/')}/{EXPLORE_PATH}?{urlencode({'id': _text(item_id)})}"


# LaTeX's specials that may appear in data; pylatexenc writes each as its escape (\\& \\% \\# \\_ \\$). Other characters
# are kept as written: BibTeX files are read as UTF-8 by biber and by bibtexparser.
_LATEX_SPECIALS = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, {ord(char): "\\" + char for char in "&%#_$"})],
    non_ascii_only=False,
    unknown_char_policy="keep",
    unknown_char_warning=False,
    replacement_latex_protection="none",
)


def _bibtex_text(value: object) -> str:
    # Braces delimit BibTeX values and a backslash starts a command: any in the data are dropped, so they can
    # neither unbalance the entry nor run as LaTeX.
    return re.sub(r"\s+", " ", re.sub(r"[{}\\]", "", _text(value))).strip()


def bibtex_value(value: object) -> str:
    """A value as BibTeX holds it between braces: braces and backslashes dropped, & % # _ $ escaped."""
    return _LATEX_SPECIALS.unicode_to_latex(_bibtex_text(value))


def bibtex_entry(entry_type: str, key: str, fields: list[tuple[str, object]]) -> str:
    """The one BibTeX writer: `@type{key,` then one `name = {value}` per field. A url is kept as written (the
    url field is read verbatim), other values go through `bibtex_value`."""
    body = ",\n".join(
        f"  {name} = {{{_bibtex_text(value) if name == 'url' else bibtex_value(value)}}}" for name, value in fields
    )
    return f"@{entry_type}{{{key},\n{body}\n}}"


class _OneReference(rispy.RisWriter):
    """rispy's RIS writer without its "1." counter line: a citation is one reference on its own."""

    def set_header(self, count: int) -> None:
        return None


def _ris_value(value: object) -> str:
    # One RIS tag per line: a line break in the data would start a bogus tag.
    return re.sub(r"\s+", " ", _text(value))


def ris_entry(reference: dict[str, object]) -> str:
    """The one RIS writer: rispy's tags from its field names (type_of_reference, authors, title, year, …), every
    value on one line."""
    clean = {
        name: [_ris_value(item) for item in value] if isinstance(value, list) else _ris_value(value)
        for name, value in reference.items()
    }
    return rispy.dumps([clean], implementation=_OneReference).rstrip("\n")


def _bibtex_key(cited: CitedSource, item_id: str) -> str:
    document = cited.document
    lead = document.author.split(",")[0] if document and document.author else (document.title if document else "")
    lead = re.sub(r"[^A-Za-z0-9]", "", lead or "source").lower()[:20] or "source"
    year = document.year if document and document.year else "nd"
    return f"{lead}{re.sub(r'[^0-9A-Za-z]', '', year)}_{re.sub(r'[^0-9A-Za-z]', '', item_id) or 'quote'}"


def cite(
    quote: object,
    source: object,
    index: SourceIndex | None,
    *,
    item_id: object = "",
    item_label: str = "",
    url: str = "",
) -> Citation:
    """A quote's citation three ways: a plain reference with the section, RIS and BibTeX; each with `url`.

    The reference is the source document's (the quote is that document's words); the note says where in
    this app it is shown, so a reader can reopen it.
    """
    cited = resolve(source, index)
    item = _text(item_id)
    quote_text = re.sub(r"\s+", " ", _text(quote))
    shown_in = f"Shown as {item_label or item} in {APP_NAME}" if item else f"Shown in {APP_NAME}"
    if cited.uploaded and cited.published:
        name = index.dataset_name if index else ""
        shown_in += f" (a published study{': ' + name if name else ''}, not checked by this app)"
    elif cited.uploaded:
        name = index.dataset_name if index else ""
        shown_in += (
            f" (uploaded data{': ' + name if name else ''}, not checked by this app; "
            "the link reopens it only in the browser session that holds the upload)"
        )
    plain = plain_reference(cited)
    plain_full = f"{plain} {shown_in}" + (f": {url}" if url else ".")

    document = cited.document
    reference_type = document.reference_type if document else ""
    title = document.title if document else (cited.text or "Source not recorded")
    reference: dict[str, object] = {"type_of_reference": RIS_TYPES.get(reference_type, "GEN")}
    if document and document.author:
        reference["authors"] = [document.author]
    reference["title"] = title
    if document and document.year:
        reference["year"] = document.year
    if document and document.publisher:
        reference["publisher"] = document.publisher
    if cited.section:
        reference["section"] = cited.section
    notes = [f"Quote: “{quote_text}”"] if quote_text else []
    notes.append(shown_in)
    if document and document.note:
        notes.append(document.note)
    reference["notes"] = notes
    if url:
        reference["urls"] = [url]

    fields: list[tuple[str, str]] = []
    if document and document.author:
        fields.append(("author", document.author))
    fields.append(("title", title))
    fields.append(("year", document.year if document and document.year else "n.d."))
    if document and document.publisher:
        fields.append(("school" if reference_type == "thesis" else "publisher", document.publisher))
    bibtex_notes = [
        f"Section: {cited.section}" if cited.section else "",
        f"Quote: “{quote_text}”" if quote_text else "",
    ]
    bibtex_notes.append(shown_in)
    fields.append(("note", " ".join(_sentence(note) for note in bibtex_notes if note)))
    if url:
        fields.append(("url", url))
    bibtex = bibtex_entry(BIBTEX_TYPES.get(reference_type, "misc"), _bibtex_key(cited, item), fields)
    return Citation(plain=plain_full, ris=ris_entry(reference), bibtex=bibtex, url=url)


def citation_line(dataset: Dataset) -> str:
    """How the data is cited on every page: the study's reference and licence, or the data's own name and
    where it came from (an upload in this session, or the data folder the server was started with)."""
    study = dataset.study
    if study and cell_text(study.citation):
        licence = cell_text(study.licence)
        return f"{cell_text(study.citation)} Licence: {licence}." if licence else cell_text(study.citation)
    if dataset.published:  # read from a ?study= link (components/ui/published.py)
        return f"{dataset.name}: a study shared by link, as its publisher uploaded it."
    if dataset.is_bundled:
        return f"{dataset.name}: the study in the data folder this server was started with."
    return f"{dataset.name}: data uploaded in this session."


def source_line(dataset: Dataset) -> str:
    """The line under every page and on every handout page: the citation, then what the counts count."""
    return f"Source: {citation_line(dataset)} {COUNTS_NOTE}"


def chart_source(dataset: Dataset) -> str:
    """The short reference drawn under a chart: citation, title, institution and licence, as far as the study
    gives them; the citation line for a study without metadata."""
    study = dataset.study
    if study is None:
        return citation_line(dataset)
    licence = re.search(r"\(([^()]+)\)\s*$", study.licence)
    licence_text = licence.group(1) if licence else study.licence
    head = " ".join(part for part in (study.short_citation, study.title) if part)
    text = ", ".join(part for part in (head, study.institution) if part) + "."
    return f"{text} Licence: {licence_text}." if licence_text else text
