"""Whatever bytes arrive, reading a QDA file ends in a project or a QdaError naming the file: never another
exception (which would reach the user as an error page)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.model import DatasetError
from components.qda import QdaError, read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import guess_mapping
from tests.fixtures.qda import projects as fixtures

VALID_XML, VALID_FILES = fixtures.project_xml(fixtures._two_interviews(), inline=False)


def read_or_refuse(file_name: str, raw: bytes) -> None:
    refused = None
    try:
        project = read_qda_file(file_name, raw)
        # A mapping-time problem (say, a huge segment) is a DatasetError too, naming what is at fault.
        project_dataset(project, guess_mapping(project))
    except DatasetError as error:
        refused = error
    if refused is not None:
        assert refused.problems
        assert all(problem.file.startswith(file_name) for problem in refused.problems)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(position=st.integers(min_value=0, max_value=len(VALID_XML) - 1), replacement=st.text(max_size=8))
def test_a_corrupted_project_xml_is_read_or_refused(position, replacement):
    xml = VALID_XML[:position] + replacement + VALID_XML[position + 1 :]
    read_or_refuse("study.qdpx", fixtures.qdpx(xml, VALID_FILES))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=2_000))
def test_a_truncated_archive_is_refused(cut):
    raw = fixtures.sources_file_project()
    read_or_refuse("study.qdpx", raw[: len(raw) - 1 - cut % len(raw)])


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_are_refused_in_every_format(data):
    for file_name in ("x.qdpx", "x.qde", "x.qdc", "x.csv"):
        read_or_refuse(file_name, data)
        read_or_refuse(file_name, b"PK\x03\x04" + data)


@FUZZ
@given(start=st.integers(min_value=-5, max_value=200), end=st.text(alphabet="0123456789-x ", max_size=4))
def test_any_selection_offsets_are_read_or_refused(start, end):
    xml = VALID_XML.replace('startPosition="', f'startPosition="{start}" data-x="', 1).replace(
        'endPosition="', f'endPosition="{end}" data-y="', 1
    )
    read_or_refuse("study.qdpx", fixtures.qdpx(xml, VALID_FILES))


def test_a_source_file_that_is_not_utf8_is_named():
    files = {path: b"\xff\xfe\xfa not utf-8" for path in VALID_FILES}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", VALID_XML)
        for path, data in files.items():
            archive.writestr(path, data)
    with pytest.raises(QdaError) as raised:
        read_qda_file("study.qdpx", buffer.getvalue())
    assert "is not UTF-8 text (byte 0 is not)" in raised.value.problems[0].message
