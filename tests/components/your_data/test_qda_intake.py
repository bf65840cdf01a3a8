"""What the your-data page says about a QDA file: read problems, open problems, a changed mapping."""

from __future__ import annotations

from dataclasses import replace

from components.data.model import Problem
from components.qda.mapping import Mapping
from components.your_data import qda_intake as intake


def failed_read(count: int) -> intake.QdaRead:
    problems = tuple(Problem("evil <b>.qdpx", n, "Code", f"bad {n}") for n in range(count))
    return intake.QdaRead(("fp",), "evil <b>.qdpx", None, problems)


def test_a_file_that_cannot_be_read_is_named_escaped_and_the_open_study_stays():
    message = intake.read_failed_message(failed_read(1), "Carpenter (2019)")
    assert message == (
        "**evil &lt;b&gt;\\.qdpx cannot be opened: 1 problem.** "
        "Nothing has changed: you are still viewing Carpenter \\(2019\\)."
    )
    assert "2 problems" in intake.read_failed_message(failed_read(2), "x")


def test_at_most_fifty_problems_are_listed_each_with_its_line():
    lines = intake.read_problem_lines(failed_read(80)).splitlines()
    assert len(lines) == intake.MAX_PROBLEMS_LISTED == 50
    assert lines[3] == "- evil &lt;b&gt;\\.qdpx, line 3, Code\\: bad 3"
    opened = replace(failed_read(0), open_problems=tuple(Problem("findings.csv", 2, "group", "x") for _ in range(60)))
    assert len(intake.open_problem_lines(opened).splitlines()) == 50


def test_a_mapping_changed_after_opening_needs_open_again():
    read = intake.QdaRead(("fp",), "a.qdpx", None)
    mapping = Mapping({"c1": "barrier"}, None)
    assert not intake.mapping_changed(read, mapping)
    opened = replace(read, opened_name="Study", opened_with=mapping)
    assert not intake.mapping_changed(opened, Mapping({"c1": "barrier"}, None))
    assert intake.mapping_changed(opened, Mapping({"c1": "enabler"}, None))
