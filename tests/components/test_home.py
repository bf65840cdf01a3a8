"""Home page figures come from the data, and participant counts only from the study's own statement."""

import pandas as pd
import pytest

from components import home
from components.data.load import build_dataset, load_dataset_dir


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


def small_upload():
    findings = (
        "finding_id,group,category,theme,statement\n"
        "A1,Nurses,barrier,Time,No time\n"
        "A2,Nurses,enabler,Time,Protected time\n"
    )
    return build_dataset({"findings.csv": findings.encode()}, name="Upload")


class TestKeyFigures:
    def test_bundled_study_figures(self, study):
        figures = {figure.label: figure for figure in home.key_figures(study)}
        assert figures["Interviews"].value == "8"
        assert figures["Interviews"].help == "As the study states: 4 MHSW, 4 CSW."
        assert figures["Coded statements"].value == str(len(study.findings))
        assert figures["Recommendations"].value == "15"
        assert "4 audiences" in figures["Recommendations"].help
        inferred = int((study.links["basis"] == "inferred").sum())
        assert f"{inferred} are this app's interpretation" in figures["Links"].help

    def test_upload_without_metadata_shows_no_participant_count(self):
        labels = [figure.label for figure in home.key_figures(small_upload())]
        assert labels == ["Coded statements", "Themes"]


class TestSections:
    def test_points_to_note_follow_the_study(self, study):
        points = home.points_to_note(study)
        assert points["finding_id"].tolist() == ["F001", "F002", "F003", "F004", "F005"]

    def test_points_to_note_fall_back_to_observations(self):
        assert home.points_to_note(small_upload()).empty

    def test_three_influences(self, study):
        assert home.influences(study)["theme"].tolist() == [
            "Organisational climate and culture",
            "Professional identity",
            "Narratives within each service",
        ]

    def test_unknown_ids_are_skipped(self, study):
        found = home.findings_by_id(study, ["F002", "NOPE", "F001"])
        assert isinstance(found, pd.DataFrame)
        assert found["finding_id"].tolist() == ["F002", "F001"]
