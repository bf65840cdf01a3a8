"""Home page figures come from the data, and participant counts only from the study's own statement."""

import pandas as pd
import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import Study
from components.home import view as home
from components.shared.text import escape_markdown


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


def many_observations(count: int, statement: str = "Seen {n}"):
    """An upload (no study metadata) with `count` observations, so they stand in for the points to note."""
    lines = ["finding_id,group,category,theme,statement"]
    lines += [f'O{n},Nurses,observation,Time,"{statement.format(n=n)}"' for n in range(count)]
    lines.append("B1,Nurses,barrier,Time,No time")
    return build_dataset({"findings.csv": "\n".join(lines).encode()}, name="Upload")


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


class TestHomeView:
    def test_the_view_holds_what_the_page_shows(self, study):
        view = home.home_view(study)
        assert list(view.figures) == home.key_figures(study)
        assert [row["finding_id"] for row in view.headline] == home.headline_findings(study)["finding_id"].tolist()
        assert [row["finding_id"] for row in view.points_to_note] == ["F001", "F002", "F003", "F004", "F005"]
        assert [row["theme"] for row in view.influences] == home.influences(study)["theme"].tolist()

    def test_an_upload_has_headlines_chosen_by_the_stated_rule_and_no_influences(self):
        upload = small_upload()
        view = home.home_view(upload)
        expected = home.headlines.chosen_headlines(upload.findings)["finding_id"].tolist()
        assert expected
        assert [row["finding_id"] for row in view.headline] == expected
        assert view.headline_note == home.headlines.CHOSEN_NOTE
        assert view.influences == ()

    def test_the_points_the_study_names_are_one_markdown_list_in_full(self, study):
        view = home.home_view(study)
        assert view.points_hidden == 0
        lines = view.points_markdown.splitlines()
        assert lines == [f"- {escape_markdown(row['statement'])}" for row in view.points_to_note]

    def test_observations_standing_in_for_points_are_bounded_with_a_way_to_the_rest(self):
        view = home.home_view(many_observations(40))
        assert [row["finding_id"] for row in view.points_to_note] == [f"O{n}" for n in range(home.POINTS_SHOWN)]
        assert view.points_total == 40
        assert view.points_hidden == 40 - home.POINTS_SHOWN
        assert view.points_rest_label == "All 40 observations, on Explore"
        assert home.OBSERVATIONS_QUERY == {"category": "observation"}

    def test_a_few_observations_are_all_shown(self):
        view = home.home_view(many_observations(3))
        assert len(view.points_to_note) == 3
        assert view.points_hidden == 0

    def test_point_text_is_escaped(self):
        view = home.home_view(many_observations(1, statement="[click](http://x) *now*"))
        assert view.points_markdown == f"- {escape_markdown('[click](http://x) *now*')}"
        assert "](" not in view.points_markdown

    def test_influences_are_one_markdown_element(self, study):
        markdown = home.home_view(study).influences_markdown
        # The thesis and who took part are the study's own words (data/study.json), not this code's.
        assert markdown.startswith("The thesis found that social workers' perspectives were shaped by:")
        assert "- **Organisational climate and culture**\n- **Professional identity**" in markdown

    def test_another_study_is_not_called_a_thesis_nor_its_people_social_workers(self):
        findings = b"finding_id,group,category,theme,statement\nB1,Nurses,barrier,Time,No time\n"
        ward = build_dataset(
            {"findings.csv": findings}, "Ward", study=Study(title="Ward study", participants="ward staff")
        )
        assert home.influences_lead(ward) == "The study found that ward staff's perspectives were shaped by:"
        assert home.influences_lead(many_observations(1)).startswith("The study found that the participants'")

    def test_a_headline_link_reads_as_the_finding_and_whose_view_it_is(self, study):
        finding = home.home_view(study).headline[0]
        assert home.headline_label(finding) == (
            f"{escape_markdown(finding['statement'])} ({escape_markdown(finding['group'])})"
        )


class TestCards:
    def test_every_page_but_home_four_a_row_in_navigation_order(self):
        rows = home.card_rows()
        assert [card for row in rows for card in row] == list(home.NEXT_PAGES)
        assert all(len(row) == home.CARDS_PER_ROW for row in rows[:-1])
        assert 0 < len(rows[-1]) <= home.CARDS_PER_ROW

    def test_a_short_list_is_one_row(self):
        assert home.card_rows(home.NEXT_PAGES[:3]) == (home.NEXT_PAGES[:3],)
