"""The compare page view, built once per dataset and choice, and the bundled study through every part."""

from __future__ import annotations

import pytest

from components import compare
from components.compare import view
from components.data.load import build_dataset
from tests.components.compare.small import findings


class TestPageView:
    """The page's whole view is built by plain functions, once, from the dataset and the page's parameters."""

    def test_study_view_holds_what_the_page_shows(self, study):
        shown = view.compare_view(study, "purpose", ("MHSW", "CSW"))
        comparison = compare.compare_themes(study.findings, "purpose", ["MHSW", "CSW"])
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert shown.heading == "**Why collaborate: MHSW and CSW.** Click a bar to read the evidence."
        assert shown.comparison.themes == comparison.themes
        assert shown.theme_summary == compare.theme_summary(comparison)
        expected = compare.theme_table(comparison)
        assert shown.theme_table.column_names == list(expected.columns)
        assert shown.theme_table.to_pydict() == expected.to_dict(orient="list")
        assert shown.partner_table.to_pydict() == compare.partner_table(matrix).to_dict(orient="list")
        assert shown.partner_summary == compare.partner_summary(matrix)
        assert list(shown.cells) == compare.matrix_cells(matrix)
        assert shown.cell_labels[("CSW", "professionals")] == compare.cell_label(matrix, ("CSW", "professionals"))
        assert shown.has_partners
        assert shown.empty_message == ""
        assert shown.more_themes == ""
        assert shown.children_note["finding_id"] == compare.children_observation(study.findings)["finding_id"]

    def test_an_empty_pair_points_to_groups_that_have_some(self):
        data = findings(("A", "barrier", "Time"), ("C", "perception", "Rushed"), ("C", "perception", "Rushed"))
        dataset = build_dataset({"findings.csv": data.to_csv(index=False).encode()}, name="Upload")
        shown = view.compare_view(dataset, "perception", ("A", "B"))
        assert shown.comparison.is_empty
        assert shown.empty_message.startswith("No coded statements under “Differing views” for A and B.")
        assert "Other groups have some: C (2). Pick one above." in shown.empty_message
        assert "name a partner" in shown.partner_empty_message
        assert not shown.has_partners

    def test_many_themes_say_the_chart_shows_the_first(self):
        data = findings(*[("A", "barrier", f"Theme {n:02d}") for n in range(compare.MAX_CHART_THEMES + 3)])
        dataset = build_dataset({"findings.csv": data.to_csv(index=False).encode()}, name="Upload")
        shown = view.compare_view(dataset, "barrier", ("A",))
        assert shown.more_themes == (
            f"The chart shows the first {compare.MAX_CHART_THEMES} of {compare.MAX_CHART_THEMES + 3} themes; "
            "the table has them all."
        )

    @pytest.mark.parametrize(
        ("pickable", "left", "right", "expected"),
        [
            (("Nurses",), "Nurses", None, "This dataset has one group, Nurses,"),
            ((), None, None, "Every statement in this dataset belongs to the shared group"),
            (("A", "B"), "A", "A", "Both sides show A."),
            (("A", "B"), "A", "B", None),
        ],
    )
    def test_group_notice(self, pickable, left, right, expected):
        notice = view.group_notice(pickable, left, right)
        assert notice == expected if expected is None else notice.startswith(expected)

    def test_group_notice_escapes_names(self):
        assert "\\*\\*x\\*\\*" in view.group_notice(("**x**",), "**x**", None)

    def test_theme_words_are_rows_ready_to_show(self, study):
        words = view.theme_words(study, "purpose", "Empowerment and inclusion", ("MHSW", "CSW"))
        by_group = {group: (heading, rows) for group, heading, rows in words.panels}
        assert by_group["CSW"] == ("CSW: 0 coded statements", ())
        expected = compare.theme_statements(study.findings, "purpose", "Empowerment and inclusion", ["MHSW"])["MHSW"]
        assert [row["finding_id"] for row in by_group["MHSW"][1]] == expected["finding_id"].tolist()

    def test_cell_words_match_the_cell(self, study):
        words = view.cell_words(study, "CSW", "professionals")
        assert [row["finding_id"] for row in words.rows] == words.cell.statements["finding_id"].tolist()
        assert len(words.rows) == 5


class TestBundledStudy:
    """The study's own finding, read from the data: MHSWs name clients, CSWs name professionals."""

    def test_mhsw_talk_of_clients_and_csw_of_professionals(self, study):
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert matrix.loc["MHSW"].idxmax() == "clients"
        assert matrix.loc["CSW"].idxmax() == "professionals"
        assert matrix.loc["MHSW", "professionals"] == 0
        assert matrix.loc["CSW", "clients"] == 0

    def test_children_zero_carries_the_sources_observation(self, study):
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        assert compare.children_all_zero(matrix)
        row = compare.children_observation(study.findings)
        expected = study.findings[
            (study.findings["category"] == "observation") & (study.findings["partner"] == "children")
        ].iloc[0]
        assert row["finding_id"] == expected["finding_id"]
        assert row["evidence"] == expected["evidence"]

    def test_default_groups_and_every_category_has_a_summary(self, study):
        # The bundled study's metadata lists MHSW then CSW; its data names "All" first.
        choice = view.group_choice(study)
        assert (choice.default_left, choice.default_right) == ("MHSW", "CSW")
        assert choice.colours == {"All": "#4D4D4D", "MHSW": "#0072B2", "CSW": "#D55E00"}
        for category in compare.CATEGORY_LABELS:
            summary = compare.theme_summary(compare.compare_themes(study.findings, category, ["MHSW", "CSW"]))
            assert summary.startswith(compare.category_label(category))
