"""The study's details form (components/your_data/metadata.py): what is typed becomes the typed Study and the
study.json the loader reads, every citation then uses it; faults are named by field."""

from __future__ import annotations

import pytest

from components.data.load import load_dataset_dir
from components.data.model import DatasetError, StudyGroup
from components.data.validate import read_study
from components.shared import study_words
from components.shared.citation import citation_line
from components.your_data import metadata
from tests.other_study import other_study, write_folder

FORM = metadata.MetadataForm(
    title="Handover between nurses and paramedics",
    authors="Okafor, Ada; Lind, Per",
    year="2024",
    publisher="Northern Health Research Unit",
    licence="CC BY 4.0",
    question="What makes a handover work?",
    group_names="Nurses = Emergency department nurses\nParamedics = Ambulance paramedics\n",
)


def test_the_form_becomes_a_study_with_a_citation_built_only_from_what_was_typed():
    study = metadata.study_from_form(FORM)
    assert study.year == 2024
    assert study.citation == (
        "Okafor, Ada; Lind, Per (2024). Handover between nurses and paramedics. Northern Health Research Unit."
    )
    assert study.short_citation == "Okafor (2024)"
    assert study.groups == (
        StudyGroup("Nurses", "Emergency department nurses"),
        StudyGroup("Paramedics", "Ambulance paramedics"),
    )
    assert study.lens is None


def test_no_year_is_cited_as_n_d_in_both_the_label_and_the_reference():
    study = metadata.study_from_form(metadata.MetadataForm(title="A study", authors="Okafor, Ada"))
    assert study.year is None
    assert study.short_citation == "Okafor (n.d.)"
    assert "(n.d.)" in study.citation


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (metadata.MetadataForm(), "title: give the study a title."),
        (metadata.MetadataForm(title="A", year="24"), "year: '24' is not a year; write it as four digits, e.g. 2024."),
        (
            metadata.MetadataForm(title="A", group_names="Nurses"),
            "group names, line 1: write it as 'LABEL = Full name'.",
        ),
        (metadata.MetadataForm(title="A", lens_name="Lens"), "lens: name its elements too, or leave the lens blank."),
    ],
)
def test_each_fault_is_named_by_its_field(form, message):
    with pytest.raises(DatasetError) as caught:
        metadata.study_from_form(form)
    assert [problem.message for problem in caught.value.problems] == [message]
    assert caught.value.problems[0].file == metadata.FORM_NAME


def test_study_json_round_trips_through_the_loader_and_every_citation_uses_it(tmp_path):
    study = metadata.study_from_form(FORM)
    assert read_study(metadata.study_json_bytes(study)) == study
    folder = write_folder(tmp_path / "handover")
    metadata.write_study_file(study, folder)
    loaded = load_dataset_dir(folder)
    assert loaded.study == study
    assert citation_line(loaded) == f"{study.citation} Licence: CC BY 4.0."
    assert study_words.group_name(loaded, "Nurses") == "Emergency department nurses"


def test_with_study_gives_an_upload_its_metadata_and_a_new_fingerprint():
    upload = other_study()
    opened = metadata.with_study(upload, metadata.study_from_form(FORM))
    assert opened.study.title == FORM.title
    assert opened.fingerprint != upload.fingerprint
    assert not opened.is_bundled


def test_a_lens_with_its_elements():
    form = metadata.MetadataForm(title="A", lens_name="Activity theory", lens_elements="tools, rules\ncommunity")
    assert metadata.study_from_form(form).lens.elements == ("tools", "rules", "community")


@pytest.mark.parametrize(
    ("file_name", "title"),
    [("handover-study_findings.csv", "Handover study"), ("findings.csv", ""), (None, "")],
)
def test_a_title_is_guessed_from_the_upload_file_name(file_name, title):
    assert metadata.title_from_file_name(file_name) == title
