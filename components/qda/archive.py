"""Read a .qdpx (a zip holding project.qde and a sources folder) in memory, safely.

Nothing is extracted to disk. Entry names with `..`, absolute paths or drive letters are refused;
each entry is stream-read with a counter, so a size in the zip header that lies cannot get past the
caps; and reading stops when the import's time bound runs out.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from dataclasses import dataclass

from components.qda.model import QdaError, problem

MB = 1024 * 1024
# An upload as big as real projects with transcripts get; CSV uploads keep their own 2 MB limit.
MAX_QDPX_BYTES = 50 * MB
# Unpacked: project.qde or one source text, and everything read from one project.
MAX_ENTRY_BYTES = 64 * MB
MAX_TOTAL_BYTES = 256 * MB
MAX_ENTRIES = 20_000
# Seconds one import may take, reading and parsing included.
TIME_LIMIT_SECONDS = 30.0
_CHUNK = 256 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Deadline:
    """The import's time bound, checked as it goes."""

    file_name: str
    ends_at: float

    @classmethod
    def start(cls, file_name: str, seconds: float | None = None) -> Deadline:
        return cls(file_name, time.monotonic() + (TIME_LIMIT_SECONDS if seconds is None else seconds))

    def check(self) -> None:
        if time.monotonic() > self.ends_at:
            raise QdaError(
                [
                    problem(
                        self.file_name,
                        f"reading this project took longer than {TIME_LIMIT_SECONDS:.0f} seconds, so it was "
                        "stopped. Export a smaller project (fewer or shorter sources) and try again.",
                    )
                ]
            )


def unsafe_name(name: str) -> bool:
    """True for an entry name that could point outside the archive: `..`, absolute, a drive, a NUL."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts or "\x00" in name


class QdpxArchive:
    """The entries of one .qdpx, read on demand and counted against the caps."""

    def __init__(self, file_name: str, raw: bytes, deadline: Deadline):
        self.file_name = file_name
        self.deadline = deadline
        self._read_total = 0
        if len(raw) > MAX_QDPX_BYTES:
            raise QdaError(
                [
                    problem(
                        file_name,
                        f"the file is {len(raw) / MB:.1f} MB; the limit for a .qdpx project is "
                        f"{MAX_QDPX_BYTES // MB} MB. Export it without audio, video or PDF sources, or split it.",
                    )
                ]
            )
        if not raw.startswith(b"PK"):
            raise QdaError(
                [
                    problem(
                        file_name,
                        "this is not a .qdpx project: a .qdpx file is a zip archive, and this file is not one. "
                        "Use your QDA tool's 'Export > REFI-QDA project (.qdpx)'.",
                    )
                ]
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise QdaError(
                [problem(file_name, f"this zip archive is damaged and cannot be opened ({error}).")]
            ) from None
        if len(infos) > MAX_ENTRIES:
            raise QdaError(
                [problem(file_name, f"the archive holds {len(infos):,} files; the limit is {MAX_ENTRIES:,}.")]
            )
        bad = [info.filename for info in infos if unsafe_name(info.filename)]
        if bad:
            raise QdaError(
                [
                    problem(
                        file_name,
                        "the archive holds a file whose name points outside the project, which is refused: "
                        + ", ".join(f"'{name}'" for name in bad[:5]),
                        where=bad[0],
                    )
                ]
            )
        self._entries = {info.filename.replace("\\", "/"): info for info in infos if not info.is_dir()}
        self._folded = {name.casefold(): name for name in self._entries}

    def find(self, path: str) -> str | None:
        """The entry at this path inside the archive, matched ignoring case (tools differ: Sources/ or sources/)."""
        return self._folded.get(path.replace("\\", "/").lstrip("/").casefold())

    def find_project_file(self) -> str | None:
        for name in self._entries:
            if "/" not in name and name.casefold().endswith(".qde"):
                return name
        return None

    def read(self, name: str) -> bytes:
        """One entry's bytes, read in chunks and counted: the caps hold whatever the zip header claims."""
        info = self._entries[name]
        chunks, size = [], 0
        try:
            with self._zip.open(info) as part:
                while True:
                    self.deadline.check()
                    chunk = part.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > MAX_ENTRY_BYTES:
                        raise QdaError(
                            [
                                problem(
                                    self.file_name,
                                    f"'{name}' unpacks to more than {MAX_ENTRY_BYTES // MB} MB, the limit for one "
                                    "file in a project, so it was not read.",
                                    where=name,
                                )
                            ]
                        )
                    if self._read_total > MAX_TOTAL_BYTES:
                        raise QdaError(
                            [
                                problem(
                                    self.file_name,
                                    f"the project unpacks to more than {MAX_TOTAL_BYTES // MB} MB, the limit, so "
                                    "it was not read.",
                                    where=name,
                                )
                            ]
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
            raise QdaError(
                [problem(self.file_name, f"'{name}' in the archive is damaged ({error}).", where=name)]
            ) from None
        except RuntimeError:
            raise QdaError(
                [problem(self.file_name, f"'{name}' is encrypted; export the project without a password.", where=name)]
            ) from None
        except NotImplementedError:
            raise QdaError(
                [problem(self.file_name, f"'{name}' uses a zip compression this app cannot read.", where=name)]
            ) from None
        return b"".join(chunks)
