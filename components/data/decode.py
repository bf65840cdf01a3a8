"""Bytes to text: what a non-text file is (in a user's words) and which encoding a spreadsheet wrote."""

from __future__ import annotations

import io
import zipfile

from components.data.model import DatasetError, Problem
from components.data.vocabulary import MAX_FILE_BYTES

_BINARY_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a WEBP image or other media file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zipped file (such as .zip, .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel (.xls) or Word (.doc) file"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
)
# Parts inside a zip that name the program that wrote it: what a user would call the file.
_ZIP_KINDS = (
    ("xl/", "an Excel workbook (.xlsx)"),
    ("word/", "a Word document (.docx)"),
    ("ppt/", "a PowerPoint presentation (.pptx)"),
    ("Index/Document.iwa", "an Apple Numbers or Pages file"),
)
_EXPORT_HINT = "Open it in your spreadsheet and use File > Save As > 'CSV UTF-8 (comma delimited)', then upload that."
_WORKBOOK_HINT = (
    "Upload CSV files, not the workbook: in Excel use File > Save As > 'CSV UTF-8 (comma delimited)' "
    "for each sheet (in Google Sheets, File > Download > Comma-separated values), then upload those."
)
_MB = 1024 * 1024


def _megabytes(size: int) -> str:
    """A size in MB that never rounds down to the limit it broke (2.04 MB shows as 2.1 MB, not 2.0)."""
    tenths = -(-size * 10 // _MB)
    return f"{tenths / 10:.1f} MB"


def describe_binary(raw: bytes) -> tuple[str, str] | None:
    """If the bytes are a known non-text file, what it is (in a user's words) and what to do instead."""
    # A BMP starts "BM", as a header like "BMI,..." could: its reserved bytes 6-9 being zero tells them apart.
    if raw.startswith(b"BM") and len(raw) >= 14 and raw[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image", _EXPORT_HINT
    for signature, what in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            if signature == b"PK\x03\x04":
                return _describe_zip(raw)
            if "Excel" in what:
                return what, _WORKBOOK_HINT
            return what, _EXPORT_HINT
    return None


def _describe_zip(raw: bytes) -> tuple[str, str]:
    names: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names:
                # Read only the start: a hostile zip could hold a huge "mimetype" entry.
                with archive.open("mimetype") as part:
                    mimetype = part.read(200).decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, KeyError, EOFError, NotImplementedError):
        return "a zipped file (such as .zip, .docx or .xlsx)", _EXPORT_HINT
    if "opendocument.spreadsheet" in mimetype:
        return "an OpenDocument spreadsheet (.ods)", _WORKBOOK_HINT
    if "opendocument" in mimetype:
        return "an OpenDocument file (.odt or .odp)", _EXPORT_HINT
    for part, what in _ZIP_KINDS:
        if any(name.startswith(part) or name == part for name in names):
            return what, _WORKBOOK_HINT if "Excel" in what or "Numbers" in what else _EXPORT_HINT
    return "a zip archive", "Unzip it and upload the CSV files inside."


def _looks_like_html(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml", "<table"))


def decode_text(file_name: str, raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, trying the encodings spreadsheets write. Returns the text and a note if a fallback was used."""
    # What the file is comes first: 'this is an Excel workbook' helps more than 'this is 3 MB'.
    binary = describe_binary(raw)
    if binary:
        what, hint = binary
        raise DatasetError([Problem(file_name, None, None, f"this is {what}, not a CSV text file. {hint}")])
    if len(raw) > MAX_FILE_BYTES:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file is {_megabytes(len(raw))}; the limit is {MAX_FILE_BYTES // _MB} MB per file. "
                    "Split it into smaller studies or remove columns the app does not use.",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        text, note = _decode_or_fail(file_name, raw, "utf-8-sig"), None
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, note = _decode_or_fail(file_name, raw, "utf-16"), "read as UTF-16 (its byte order mark says so)"
    elif b"\x00" in raw:
        # Every other byte zero: UTF-16 text that lost its byte order mark. Anything else is binary.
        if len(raw) >= 4 and (raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4):
            message = (
                f"this looks like UTF-16 text without a byte order mark, which cannot be read reliably. {_EXPORT_HINT}"
            )
        else:
            message = f"this file holds binary data, not CSV text. {_EXPORT_HINT}"
        raise DatasetError([Problem(file_name, None, None, message)])
    else:
        try:
            text, note = raw.decode("utf-8"), None
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise DatasetError(
                    [Problem(file_name, None, None, f"the text is in an encoding this app cannot read. {_EXPORT_HINT}")]
                ) from None
            note = (
                "not valid UTF-8, so it was read as Windows-1252 (the encoding older Excel uses); "
                "check that accents and curly quotes look right"
            )
    if "\x00" in text:
        raise DatasetError(
            [Problem(file_name, None, None, f"this file holds binary data, not CSV text. {_EXPORT_HINT}")]
        )
    if _looks_like_html(text):
        raise DatasetError(
            [Problem(file_name, None, None, f"this is a web page or XML file, not a CSV text file. {_EXPORT_HINT}")]
        )
    return text, note


def _decode_or_fail(file_name: str, raw: bytes, encoding: str) -> str:
    label = "UTF-16" if encoding == "utf-16" else "UTF-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DatasetError(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"the file starts with a {label} marker, but the text after it is not {label} "
                    f"(byte {error.start:,} is not). {_EXPORT_HINT}",
                )
            ]
        ) from None
