"""Home's headline findings for a study that names none: the most-coded themes of each category."""

from __future__ import annotations

from components.data.load import load_dataset_dir
from components.home import headlines
from components.home.view import headline_findings, headline_note
from tests.other_study import other_study


def test_two_most_coded_themes_per_category_one_finding_each_in_reading_order():
    chosen = headlines.chosen_headlines(other_study().findings)
    # purpose: one theme (Nurses); barrier: Time pressure (2, the Paramedics' turn) before Different records (1);
    # perception: one theme, Nurses first of equals; enabler: one.
    assert list(chosen["finding_id"]) == ["N01", "N04", "N05", "N06", "N08"]
    assert "observation" not in set(chosen["category"])


def test_ties_keep_the_order_the_data_names_the_themes_in():
    findings = other_study().findings
    assert list(headlines.chosen_headlines(findings, per_category=1)["finding_id"]) == ["N01", "N04", "N06", "N08"]


def test_a_study_without_its_own_list_says_how_they_were_chosen():
    study = other_study()
    assert list(headline_findings(study)["finding_id"])[:2] == ["N01", "N04"]
    assert headline_note(study) == headlines.CHOSEN_NOTE


def test_the_bundled_study_keeps_its_curated_list():
    bundled = load_dataset_dir()
    assert list(headline_findings(bundled)["finding_id"]) == list(bundled.study.headline_findings)
    assert headline_note(bundled) == ""


def test_findings_without_the_four_categories_give_none():
    findings = other_study().findings
    assert headlines.chosen_headlines(findings[findings["category"] == "observation"]).empty
