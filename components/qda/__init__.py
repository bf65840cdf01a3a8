"""Open a study from the QDA tool its researcher used, and export it back.

REFI-QDA projects (.qdpx) and bare project.qde files, REFI codebooks (.qdc, which hold no coded text
and say so), and Taguette highlight exports (CSV) are read into one `QdaProject`; `mapping` turns it
into the app's findings, recommendations and links; `folder` writes them as a data folder; `export`
writes any dataset back as .qdpx and .qdc. `python -m components.qda` is the command line.
"""

from __future__ import annotations

from components.qda.archive import MAX_QDPX_BYTES, MB, Deadline
from components.qda.model import QdaError, QdaProject, problem
from components.qda.refi import read_qde, read_qdpx
from components.qda.taguette import read_taguette_csv

QDA_FILE_TYPES = ("qdpx", "qde", "qdc", "csv")
# The uploader's own limit, in MB: the server-wide one in .streamlit/config.toml is set to this.
QDA_UPLOAD_LIMIT_MB = MAX_QDPX_BYTES // MB


def read_qda_file(file_name: str, raw: bytes) -> QdaProject:
    """Any supported QDA file, chosen by its extension; a QdaError naming the file for anything wrong."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    deadline = Deadline.start(file_name)
    if extension == "qdpx":
        return read_qdpx(file_name, raw, deadline)
    if extension in ("qde", "qdc", "xml"):
        return read_qde(file_name, raw, deadline)
    if extension == "csv":
        return read_taguette_csv(file_name, raw)
    raise QdaError(
        [
            problem(
                file_name,
                "this app reads REFI-QDA projects (.qdpx), project.qde and .qdc files, and Taguette highlight "
                "exports (.csv). Export your project in one of those formats.",
            )
        ]
    )


__all__ = ["QDA_FILE_TYPES", "QDA_UPLOAD_LIMIT_MB", "QdaError", "QdaProject", "read_qda_file"]
