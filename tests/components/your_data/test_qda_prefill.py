"""The study's details form is prefilled from what a real QDA project holds (../shared/qda-corpus, read in place:
tests/qda_corpus.py): its name as the title, the people among its Users as the authors (the creating user first,
the tool's own account left out), its own Description as the question. Nothing is made up."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

from components.data.load import load_dataset_dir
from components.qda import read_qda_file
from components.qda.export import export_qdpx
from components.qda.refi import parse_xml, project_users
from components.your_data import metadata
from components.your_data.qda_intake import study_details_prefill
from tests.qda_corpus import corpus_file


def read(name: str):
    return read_qda_file(name, corpus_file(name).read_bytes())


@pytest.mark.parametrize(
    ("name", "users"),
    [
        # NVivo for Windows: Gergo is listed first, but floriansipos created the project (creatingUserGUID).
        ("nvivo_win12_oltas0517_2sources.qdpx", ("floriansipos", "Gergo")),
        ("nvivo_mac12_oltas_17june.qdpx", ("floriansipos", "Gergo")),
        # pyqdpx added a user of its own after the two NVivo ones.
        ("pyqdpx_rewritten_oltas_teszt.qdpx", ("floriansipos", "Gergo", "test_user")),
        ("qc_demo.qdpx", ("cp",)),
    ],
)
def test_a_real_projects_users_are_read_creator_first(name, users):
    assert read(name).users == users


def test_the_form_is_prefilled_with_the_projects_name_and_its_users_as_authors():
    project = read("nvivo_win12_oltas_1source.qdpx")
    form = study_details_prefill(project)
    assert form.title == "Untitled"  # the project's own name, as NVivo wrote it
    assert form.authors == "floriansipos; Gergo"
    # NVivo wrote no project Description: no question is made up.
    assert project.description == ""
    assert form.question == ""
    assert (form.year, form.licence, form.publisher, form.lens_name) == ("", "", "", "")


def test_the_tool_that_wrote_the_project_is_not_an_author():
    # ATLAS.ti's project.qde (refused as a whole for its missing source texts) lists the tool as a user.
    root = parse_xml("atlasti8_standard_project.qde", corpus_file("atlasti8_standard_project.qde").read_bytes())
    users = project_users(root)
    assert users == ("Friedrich Markgraf", "ATLAS.ti", "Sebastian Petrausch")
    project = dataclasses.replace(read("qc_demo.qdpx"), users=users, origin=root.get("origin"))
    assert study_details_prefill(project).authors == "Friedrich Markgraf; Sebastian Petrausch"


def with_project_description(raw: bytes, description: str) -> bytes:
    """The .qdpx with a Description added to its Project, as ATLAS.ti, MAXQDA and NVivo can write one."""
    source, target = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.lower() == "project.qde":
                text = data.decode("utf-8")
                text = re.sub(r"(</Project>\s*)$", f"<Description>{description}</Description>\\1", text)
                data = text.encode("utf-8")
            out.writestr(entry, data)
    return target.getvalue()


def test_the_projects_own_description_is_the_question():
    raw = with_project_description(
        corpus_file("qc_demo.qdpx").read_bytes(), "What do board minutes\n  say about   teaching?"
    )
    project = read_qda_file("qc_demo.qdpx", raw)
    form = study_details_prefill(project)
    assert form.question == "What do board minutes say about teaching?"
    assert metadata.study_from_form(form).question == "What do board minutes say about teaching?"
    assert metadata.study_from_form(form).author == "cp"


def test_a_description_too_long_for_the_form_gives_its_first_sentence_or_nothing():
    long_tail = "More. " * 80
    project = dataclasses.replace(read("qc_demo.qdpx"), description=f"What helps handover? {long_tail}")
    assert study_details_prefill(project).question == "What helps handover?"
    project = dataclasses.replace(read("qc_demo.qdpx"), description="x" * (metadata.MAX_CHARS + 1))
    assert study_details_prefill(project).question == ""


def test_this_apps_own_export_prefills_neither_itself_as_author_nor_its_export_note_as_question():
    data, _ = export_qdpx(load_dataset_dir())
    project = read_qda_file("study.qdpx", data)
    assert project.description.startswith("Exported by the")
    form = study_details_prefill(project)
    assert (form.authors, form.question) == ("", "")
