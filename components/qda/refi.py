"""Parse REFI-QDA (QDA-XML 1.0) projects (.qdpx, or a bare project.qde) and codebooks (.qdc).

The XML is parsed by lxml with no DTD loaded, no entity resolved and no network; a document that
declares a DTD at all is refused (that is where entity bombs and external entities live). Element
names are matched without their namespace, as tools differ in how they write it. Every problem names
the file, the XML line and the element or GUID at fault, and all of them are collected at once.
"""

from __future__ import annotations

import re

from lxml import etree

from components.data.model import Problem
from components.qda.archive import MAX_ENTRY_BYTES, MB, Deadline, QdpxArchive, unsafe_name
from components.qda.model import Case, Code, Link, QdaError, QdaProject, Segment, Source, Variable, problem
from components.qda.positions import SourceText, choose_reading, normalise_line_ends

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_VALUE_ELEMENTS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")
INTERNAL = "internal://"


def parse_xml(file_name: str, raw: bytes) -> etree._Element:
    """The document's root element, or a QdaError naming the line that broke it."""
    if len(raw) > MAX_ENTRY_BYTES:
        raise QdaError([problem(file_name, f"the XML is over {MAX_ENTRY_BYTES // MB} MB, the limit.")])
    if declares_dtd(raw):
        raise QdaError([_dtd_problem(file_name)])
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = str(error.msg or error).strip()
        raise QdaError([problem(file_name, f"the XML cannot be read at line {line}: {message}.", line=line)]) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or tree.docinfo.externalDTD is not None:
        raise QdaError([_dtd_problem(file_name)])
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise QdaError([problem(file_name, "the XML uses entities that are not defined; it is refused.")])
    return root


_ROOT_START = re.compile(r"<[A-Za-z_:]")


def declares_dtd(raw: bytes) -> bool:
    """Whether the prolog (what comes before the root element) holds a <!DOCTYPE>: checked before parsing,
    so no entity declared there is ever read."""
    head = raw[: 64 * 1024]
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    text = head.decode(encoding, "ignore").lstrip("\ufeff")
    root = _ROOT_START.search(text)
    prolog = text[: root.start()] if root else text
    return "<!DOCTYPE" in prolog.upper()


def _dtd_problem(file_name: str) -> Problem:
    return problem(
        file_name,
        "the XML declares a DTD (<!DOCTYPE …>). QDA-XML never needs one, and a DTD can hide entity tricks "
        "(external files, entity bombs), so the file is refused unread. Export it again from your QDA tool.",
        where="DOCTYPE",
    )


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    found = children(element, name)
    return found[0] if found else None


def nested(element: etree._Element, outer: str, inner: str) -> list[etree._Element]:
    """The `inner` elements inside the first `outer` child: Variables/Variable, Cases/Case, …"""
    container = child(element, outer)
    return children(container, inner) if container is not None else []


def child_text(element: etree._Element, name: str) -> str:
    found = child(element, name)
    return (found.text or "") if found is not None else ""


def guid_key(value: str | None) -> str:
    """GUIDs compared as the standard allows writing them: with or without braces, any case."""
    return (value or "").strip().strip("{}").lower()


def describe(element: etree._Element) -> str:
    """How a message names an element: its tag, and its name or guid."""
    label = element.get("name") or element.get("guid") or ""
    return f"{local(element)} '{label}'" if label else local(element)


def read_codebook(file_name: str, root: etree._Element, problems: list) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    book = root if local(root) == "CodeBook" else child(root, "CodeBook")
    codes_element = child(book, "Codes") if book is not None else None
    if codes_element is None:
        return codes

    def walk(element: etree._Element, parent: str | None) -> None:
        for code in children(element, "Code"):
            key = guid_key(code.get("guid"))
            name = (code.get("name") or "").strip()
            if not key or not name:
                what = "a guid" if not key else "a name"
                problems.append(
                    problem(file_name, f"this code has no {what}.", line=code.sourceline, where=describe(code))
                )
            elif key in codes:
                problems.append(
                    problem(
                        file_name,
                        f"the code guid {code.get('guid')} is used twice.",
                        line=code.sourceline,
                        where=describe(code),
                    )
                )
            else:
                codes[key] = Code(key, name, parent, child_text(code, "Description").strip())
            walk(code, key if key else parent)

    walk(codes_element, None)
    return codes


def _source_text(file_name: str, source: etree._Element, archive: QdpxArchive | None, problems: list) -> str | None:
    inline = child(source, "PlainTextContent")
    if inline is not None:
        return inline.text or ""
    path = source.get("plainTextPath")
    line, where = source.sourceline, describe(source)
    if not path:
        problems.append(
            problem(file_name, "this text source has neither PlainTextContent nor a plainTextPath.", line, where)
        )
        return None
    if archive is None:
        problems.append(
            problem(
                file_name,
                f"its text is in the file '{path}', which only a .qdpx holds. Upload the whole .qdpx project.",
                line,
                where,
            )
        )
        return None
    relative = project_path(path)
    if relative is None:
        problems.append(
            problem(
                file_name,
                f"its text file '{path}' is outside the project (a path on the computer that exported it), so it "
                "was not read. Export the project again from your QDA tool as a .qdpx with its sources included "
                "(their texts inside the archive, under sources/).",
                line,
                where,
            )
        )
        return None
    entry = archive.find(f"sources/{relative}") or archive.find(relative)
    if entry is None:
        problems.append(
            problem(
                file_name,
                f"its text file '{path}' is not in the project (looked for sources/{relative}, in any case). "
                "Export the project again as a .qdpx with its sources included.",
                line,
                where,
            )
        )
        return None
    raw = archive.read(entry)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            problem(
                file_name,
                f"its text file '{entry}' is not UTF-8 text (byte {error.start:,} is not), as QDA-XML requires.",
                line,
                where,
            )
        )
        return None
    return text.removeprefix("\ufeff")


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def project_path(path: str) -> str | None:
    """Where a plainTextPath points inside the archive, or None when it points outside the project.

    The standard writes `internal://name.txt`; qualitative-coding writes the bare `name.txt` (its file under
    sources/), and a relative `sources/name.txt` is the same place. `file:`, `relative:///` (a file beside
    the project on the exporting computer), absolute paths, drives and `..` are outside.
    """
    path = path.strip()
    if path.startswith(INTERNAL):
        relative = path[len(INTERNAL) :]
    elif _URL_SCHEME.match(path) and not re.match(r"^[A-Za-z]:[\\/]", path):
        return None
    else:
        relative = path
    relative = relative.replace("\\", "/")
    if relative.startswith("./"):
        relative = relative[2:]
    if not relative or unsafe_name(relative):
        return None
    return relative


def _position(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def read_project(file_name: str, root: etree._Element, archive: QdpxArchive | None, deadline: Deadline) -> QdaProject:
    """The codes, text sources, coded segments, cases, variables and links of one project."""
    if local(root) == "CodeBook":
        codes = read_codebook(file_name, root, [])
        if "taguette" in (root.get("origin") or "").casefold():
            advice = (
                "Taguette cannot export a .qdpx project: in Taguette, open the project, choose Export, then "
                "'Export all highlights' as CSV (Excel works too if saved as CSV), and upload that file."
            )
        else:
            advice = "Export the whole project from your QDA tool as a .qdpx file and upload that."
        raise QdaError(
            [
                problem(
                    file_name,
                    f"this is a codebook ({len(codes):,} codes) with no coded text, so there is no study to open. "
                    + advice,
                    where="CodeBook",
                )
            ]
        )
    if local(root) != "Project":
        raise QdaError(
            [
                problem(
                    file_name,
                    f"the XML's root element is <{local(root)}>, not <Project>: this is not a QDA-XML project.",
                    line=root.sourceline,
                    where=local(root),
                )
            ]
        )
    problems: list = []
    notes: list[str] = []
    codes = read_codebook(file_name, root, problems)
    project_notes = {
        guid_key(note.get("guid")): ((note.get("name") or "").strip(), child_text(note, "PlainTextContent").strip())
        for note in nested(root, "Notes", "Note")
    }

    variables: dict[str, Variable] = {}
    for element in nested(root, "Variables", "Variable"):
        key = guid_key(element.get("guid"))
        if key:
            variables[key] = Variable(key, (element.get("name") or "").strip(), element.get("typeOfVariable") or "Text")

    sources: dict[str, Source] = {}
    segments: list[Segment] = []
    source_values: dict[str, dict[str, str]] = {}
    skipped_kinds: dict[str, int] = {}
    coded: list[tuple[Source, SourceText, list[etree._Element]]] = []
    sources_element = child(root, "Sources")
    for element in list(sources_element) if sources_element is not None else []:
        deadline.check()
        kind = local(element)
        if kind != "TextSource":
            skipped_kinds[kind] = skipped_kinds.get(kind, 0) + 1
            continue
        key = guid_key(element.get("guid"))
        if not key or key in sources:
            what = "has no guid" if not key else f"has the guid {element.get('guid')}, which another source has"
            problems.append(problem(file_name, f"this text source {what}.", element.sourceline, describe(element)))
            continue
        name = (element.get("name") or "").strip() or source_file_name(element) or f"Source {len(sources) + 1}"
        source = Source(key, name, len(sources) + 1)
        sources[key] = source
        source_values[key] = _values(element)
        selections = [item for item in children(element, "PlainTextSelection") if children(item, "Coding")]
        if not selections:
            continue
        text = _source_text(file_name, element, archive, problems)
        if text is None:
            continue
        coded.append((source, SourceText(text), selections))

    origin = (root.get("origin") or "").strip()
    reading = choose_reading(
        origin,
        [
            (text, start, end)
            for _, text, selections in coded
            for selection in selections
            for start, end in [(_position(selection.get("startPosition")), _position(selection.get("endPosition")))]
            if start is not None and end is not None
        ],
    )
    passages = _Passages(file_name, codes)
    for source, text, selections in coded:
        for selection in selections:
            deadline.check()
            found = _segments(
                file_name, selection, source, text, reading.positions, codes, problems, passages, project_notes
            )
            segments.extend(found)
    problems.extend(passages.problems())
    notes.append(f"{file_name}: {reading.note}")

    cases = []
    for element in nested(root, "Cases", "Case"):
        cases.append(
            Case(
                guid_key(element.get("guid")),
                (element.get("name") or "").strip(),
                _values(element),
                tuple(guid_key(ref.get("targetGUID")) for ref in children(element, "SourceRef")),
                tuple(guid_key(ref.get("targetGUID")) for ref in children(element, "SelectionRef")),
            )
        )
    # Variables set on a source itself (some tools do) act as a one-source case.
    for key, values in source_values.items():
        if values:
            cases.append(Case(f"source:{key}", sources[key].name, values, (key,), ()))

    note_texts = {key: text for key, (_, text) in project_notes.items()}
    links = []
    for element in nested(root, "Links", "Link"):
        note = " ".join(note_texts.get(guid_key(ref.get("targetGUID")), "") for ref in children(element, "NoteRef"))
        links.append(
            Link(
                guid_key(element.get("guid")),
                (element.get("name") or "").strip(),
                element.get("direction") or "Associative",
                guid_key(element.get("originGUID")),
                guid_key(element.get("targetGUID")),
                note.strip(),
            )
        )

    if skipped_kinds:
        listed = ", ".join(f"{count} {kind}" for kind, count in skipped_kinds.items())
        notes.append(f"{file_name}: only text sources are read; {listed} were left out.")
    if problems:
        raise QdaError(problems, notes)
    if not segments:
        raise QdaError(
            [
                problem(
                    file_name,
                    f"the project has no coded text: {len(sources):,} text source(s) and {len(codes):,} code(s), "
                    "but no text selection carries a code. Code some text in your QDA tool, then export again.",
                )
            ],
            notes,
        )
    return QdaProject(
        file_name=file_name,
        name=(root.get("name") or "").strip() or file_name.rsplit(".", 1)[0],
        origin=origin,
        codes=codes,
        sources=sources,
        segments=tuple(segments),
        variables=variables,
        cases=tuple(cases),
        links=tuple(links),
        notes=tuple(notes),
        positions=reading.positions,
        description=child_text(root, "Description").strip(),
        users=project_users(root),
    )


def project_users(root: etree._Element) -> tuple[str, ...]:
    """The names of the project's Users (Users/User `name`), the creating user first, each once, blanks left out."""
    creator = guid_key(root.get("creatingUserGUID"))
    users = nested(root, "Users", "User")
    ordered = sorted(users, key=lambda user: guid_key(user.get("guid")) != creator) if creator else users
    names = (" ".join((user.get("name") or "").split()) for user in ordered)
    return tuple(dict.fromkeys(name for name in names if name))


def source_file_name(element: etree._Element) -> str:
    """A source without a name is called by its file (qualitative-coding names none): board_2017.txt."""
    path = (element.get("plainTextPath") or "").replace("\\", "/")
    return path.rsplit("/", 1)[-1] if path else ""


def _values(element: etree._Element) -> dict[str, str]:
    values = {}
    for value in children(element, "VariableValue"):
        ref = child(value, "VariableRef")
        held = next((child(value, name) for name in _VALUE_ELEMENTS if child(value, name) is not None), None)
        if ref is not None and held is not None:
            values[guid_key(ref.get("targetGUID"))] = (held.text or "").strip()
    return values


class _Passages:
    """Problems with a selection's positions, said once per passage (NVivo writes one selection per code, so a
    passage coded 11 times would otherwise give 11 identical messages naming only GUIDs)."""

    def __init__(self, file_name: str, codes: dict[str, Code]):
        self.file_name = file_name
        self.codes = codes
        self._found: dict[tuple[str, int | None, int | None], tuple[int | None, str, str, list[str]]] = {}

    def add(self, source: Source, selection: etree._Element, start: int | None, end: int | None, why: str) -> None:
        key = (source.guid, start, end)
        where = f"PlainTextSelection {selection.get('guid') or '(no guid)'}"
        if key not in self._found:
            self._found[key] = (selection.sourceline, where, why, [])
        names = self._found[key][3]
        for coding in children(selection, "Coding"):
            ref = child(coding, "CodeRef")
            code = self.codes.get(guid_key(ref.get("targetGUID")) if ref is not None else "")
            if code is not None and code.name not in names:
                names.append(code.name)

    def problems(self) -> list[Problem]:
        found = []
        for (_, _, _), (line, where, why, names) in self._found.items():
            coded = f" It is coded with {', '.join(repr(name) for name in names)}." if names else ""
            found.append(problem(self.file_name, why + coded, line, where))
        return found


def _segments(
    file_name: str,
    selection: etree._Element,
    source: Source,
    text: SourceText,
    positions: str,
    codes: dict[str, Code],
    problems: list,
    passages: _Passages,
    project_notes: dict[str, tuple[str, str]],
) -> list[Segment]:
    where = f"PlainTextSelection {selection.get('guid') or '(no guid)'}"
    codings = children(selection, "Coding")
    if not codings:
        return []
    start, end = _position(selection.get("startPosition")), _position(selection.get("endPosition"))
    if start is None or end is None:
        passages.add(
            source,
            selection,
            start,
            end,
            f"in '{source.name}', startPosition and endPosition must be whole numbers of characters.",
        )
        return []
    if not 0 <= start < end:
        passages.add(
            source,
            selection,
            start,
            end,
            f"in '{source.name}', the selection runs from {start} to {end}, which selects nothing.",
        )
        return []
    length = text.length(positions)
    if end > length:
        passages.add(
            source,
            selection,
            start,
            end,
            f"the selection starting at character {start:,} ends at character {end:,}, past the end of the text "
            f"of '{source.name}', which has {length:,} characters.",
        )
        return []
    inside = text.slice(positions, start, end)
    if inside is None:
        passages.add(
            source,
            selection,
            start,
            end,
            f"in '{source.name}', the selection from character {start:,} to {end:,} cuts a character in two "
            f"(counted in {positions}).",
        )
        return []
    found = []
    for coding in codings:
        ref = child(coding, "CodeRef")
        target = guid_key(ref.get("targetGUID")) if ref is not None else ""
        if target not in codes:
            problems.append(
                problem(
                    file_name,
                    f"a Coding refers to the code {ref.get('targetGUID') if ref is not None else '(none)'}, which "
                    "is not in the codebook.",
                    coding.sourceline,
                    where,
                )
            )
            continue
        found.append(
            Segment(
                guid=guid_key(selection.get("guid")),
                source=source.guid,
                code=target,
                text=normalise_line_ends(inside),
                start=start,
                end=end,
                name=(selection.get("name") or "").strip(),
                memo=child_text(selection, "Description").strip(),
                notes=tuple(
                    project_notes[guid_key(ref.get("targetGUID"))]
                    for ref in children(selection, "NoteRef")
                    if guid_key(ref.get("targetGUID")) in project_notes
                ),
            )
        )
    return found


def read_qdpx(file_name: str, raw: bytes, deadline: Deadline | None = None) -> QdaProject:
    deadline = deadline or Deadline.start(file_name)
    archive = QdpxArchive(file_name, raw, deadline)
    entry = archive.find_project_file()
    if entry is None:
        raise QdaError(
            [
                problem(
                    file_name,
                    "the archive has no project.qde, so it is not a REFI-QDA project. Use your QDA tool's "
                    "'Export > REFI-QDA project (.qdpx)'.",
                )
            ]
        )
    root = parse_xml(f"{file_name} › {entry}", archive.read(entry))
    return read_project(f"{file_name} › {entry}", root, archive, deadline)


def read_qde(file_name: str, raw: bytes, deadline: Deadline | None = None) -> QdaProject:
    """A bare project.qde or .qdc (no archive): inline PlainTextContent only."""
    deadline = deadline or Deadline.start(file_name)
    return read_project(file_name, parse_xml(file_name, raw), None, deadline)
