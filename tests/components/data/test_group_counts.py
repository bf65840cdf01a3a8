"""Interviews per group come from the study's metadata (study.json → method → interviews_by_group), keyed by the
study's own group labels: none is written in code, and a study that states none shows none."""

from __future__ import annotations

import dataclasses
import json

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError, Problem, StudyGroupCount, StudyMethod
from components.data.stored_form import dataset_bytes, dataset_from_bytes
from components.data.validate import read_study
from components.home.view import key_figures
from components.present.deck import build_deck
from tests import own_lens_study as own
from tests.other_study import other_study_with_metadata


def handover_with_counts(*counts: StudyGroupCount, interviews: int | None = 12):
    study = dataclasses.replace(own.study(), method=StudyMethod(interviews=interviews, interviews_by_group=counts))
    return build_dataset(own.files(), name="Handover study", study=study)


def test_the_bundled_counts_are_read_from_study_json_in_its_order():
    method = load_dataset_dir().study.method
    assert method.interviews == 8
    assert method.group_counts == (("MHSW", 4), ("CSW", 4))


def test_another_study_counts_its_own_groups_by_their_labels():
    dataset = handover_with_counts(StudyGroupCount("Paramedics", 5), StudyGroupCount("Nurses", 7))
    assert dataset.study.method.group_counts == (("Paramedics", 5), ("Nurses", 7))
    interviews = next(figure for figure in key_figures(dataset) if figure.label == "Interviews")
    assert interviews.value == "12"
    assert interviews.help == "As the study states: 5 Paramedics, 7 Nurses."


def test_a_study_that_states_no_group_counts_shows_none():
    dataset = handover_with_counts()
    assert dataset.study.method.group_counts == ()
    interviews = next(figure for figure in key_figures(dataset) if figure.label == "Interviews")
    assert interviews.help == "As the study states."
    # And a study that states no interviews at all has no interview figure anywhere.
    assert "Interviews" not in [figure.label for figure in key_figures(other_study_with_metadata())]


def test_the_deck_gives_the_split_in_the_studys_own_labels():
    dataset = handover_with_counts(StudyGroupCount("Nurses", 7), StudyGroupCount("Paramedics", 5))
    points = [point for slide in build_deck(dataset) for point in slide.points() if point.label == "Interviews"]
    assert [point.text for point in points] == ["12 (7 Nurses, 5 Paramedics)"]


def test_a_count_for_a_group_the_data_does_not_have_or_counted_twice_is_refused():
    with pytest.raises(DatasetError) as caught:
        handover_with_counts(StudyGroupCount("Nurses", 7), StudyGroupCount("Doctors", 3), StudyGroupCount("Nurses", 1))
    assert caught.value.problems == [
        Problem(
            "study.json",
            None,
            None,
            "the field 'method' → 'interviews_by_group' → entry 2: 'Doctors' is not a group in findings.csv (its "
            "groups: Nurses, Paramedics, All).",
        ),
        Problem(
            "study.json",
            None,
            None,
            "the field 'method' → 'interviews_by_group' → entry 3: the group 'Nurses' is counted twice.",
        ),
    ]


def test_study_json_gives_the_counts_as_a_list_of_group_and_interviews():
    raw = json.dumps(
        {"title": "Handover", "method": {"interviews_by_group": [{"group": "Nurses", "interviews": 7}]}}
    ).encode()
    assert read_study(raw).method.group_counts == (("Nurses", 7),)


def test_a_study_kept_before_the_change_still_opens():
    """A kept or published study (components/data/stored_form.py) written before the per-group counts were keyed
    by label holds the retired fields empty; it opens as before."""
    dataset = other_study_with_metadata()
    document = json.loads(dataset_bytes(dataset))
    assert "mhsw" not in document["study"]["method"]
    document["study"]["method"] = {**document["study"]["method"], "mhsw": None, "csw": None}
    document["study"]["method"].pop("interviews_by_group")
    reopened = dataset_from_bytes(json.dumps(document).encode("utf-8"))
    assert reopened.study == dataset.study
