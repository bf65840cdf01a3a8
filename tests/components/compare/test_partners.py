"""Who each group works with: the partner matrix, its cells and the children note."""

from __future__ import annotations

import pandas as pd

from components import compare
from components.data.vocabulary import PARTNERS, SHARED_GROUP
from tests.components.compare.small import TWO_GROUPS, findings


class TestPartnerMatrix:
    def test_counts_why_collaborate_statements_in_canonical_partner_order(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        assert list(matrix.columns) == list(PARTNERS)
        assert list(matrix.index) == ["A", "B", SHARED_GROUP]
        assert matrix.loc["A"].to_dict() == {"clients": 2, "families": 1, "professionals": 0, "MDT": 0, "children": 0}
        assert matrix.loc["B", "professionals"] == 4
        assert matrix.loc[SHARED_GROUP, "MDT"] == 1

    def test_other_partners_found_in_the_data_are_added_and_case_is_folded(self):
        data = findings(("A", "purpose", "X", "Clients"), ("A", "purpose", "Y", "schools"), ("B", "barrier", "Z"))
        matrix = compare.partner_matrix(data, ["A", "B"])
        assert list(matrix.columns) == [*PARTNERS, "schools"]
        assert matrix.loc["A", "clients"] == 1
        assert matrix.loc["A", "schools"] == 1

    def test_statements_without_a_partner_get_a_column_only_when_present(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "purpose", "Y", ""))
        assert compare.partner_matrix(data, ["A"]).loc["A", compare.NO_PARTNER] == 1
        assert compare.NO_PARTNER not in compare.partner_matrix(TWO_GROUPS, ["A", "B"]).columns

    def test_data_without_a_partner_column(self):
        data = findings(("A", "purpose", "X"), ("B", "purpose", "Y")).drop(columns=["partner"])
        matrix = compare.partner_matrix(data, ["A", "B"])
        assert list(matrix.columns) == [*PARTNERS, compare.NO_PARTNER]
        assert matrix[compare.NO_PARTNER].tolist() == [1, 1]

    def test_one_group_and_no_groups(self):
        assert list(compare.partner_matrix(TWO_GROUPS, ["A"]).index) == ["A", SHARED_GROUP]
        shared_only = findings((SHARED_GROUP, "barrier", "X"))
        assert compare.partner_matrix(shared_only, []).empty

    def test_table_for_the_text_alternative(self):
        table = compare.partner_table(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        assert table["Group"].tolist() == ["A", "B", compare.COMMON_GROUND]
        assert table["Total coded statements"].tolist() == [3, 4, 1]
        assert "_row" not in table.columns

    def test_summary_names_each_groups_main_partner_and_the_widest_gap(self):
        summary = compare.partner_summary(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        assert summary.startswith("In “why collaborate” statements, A most often names clients (2 of 3); ")
        assert "B most often names professionals (4 of 4)" in summary
        assert "The widest gap is professionals: A 0, B 4." in summary
        assert "No statement names children." in summary
        assert "%" not in summary

    def test_summary_for_a_group_with_no_statements(self):
        summary = compare.partner_summary(compare.partner_matrix(TWO_GROUPS, ["A", "Nobody"]))
        assert "; Nobody has none;" in summary

    def test_statements_without_a_partner_are_counted_in_the_summary_but_not_drawn(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "purpose", "Y", ""), ("A", "purpose", "Z", ""))
        matrix = compare.partner_matrix(data, ["A"])
        assert "A most often names clients (1 of 3)" in compare.partner_summary(matrix)
        assert "2 coded statements record no partner." in compare.partner_summary(matrix)
        figure = compare.partner_figure(matrix, {})
        assert compare.NO_PARTNER not in list(figure.data[0].y)


class TestChildren:
    def test_the_sources_own_observation_is_found_from_the_data(self):
        data = findings(("A", "purpose", "X", "clients"), (SHARED_GROUP, "observation", "Who with", "children")).assign(
            evidence=["Quote 1", "Nobody spoke of the young people"]
        )
        row = compare.children_observation(data)
        assert row is not None
        assert row["evidence"] == "Nobody spoke of the young people"

    def test_no_observation_no_note(self):
        assert compare.children_observation(TWO_GROUPS) is None

    def test_children_zero_only_when_every_row_is_zero(self):
        assert compare.children_all_zero(compare.partner_matrix(TWO_GROUPS, ["A", "B"]))
        data = findings(("A", "purpose", "X", "children"), ("B", "purpose", "Y", "clients"))
        assert not compare.children_all_zero(compare.partner_matrix(data, ["A", "B"]))


class TestPartnerCells:
    NOTE = findings(("A", "observation", "Children", "children"))

    def test_a_cell_lists_the_statements_its_count_counts(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        for group, partner in compare.matrix_cells(matrix):
            cell = compare.partner_cell(TWO_GROUPS, group, partner)
            assert len(cell.statements) == matrix.at[group, partner], (group, partner)
        cell = compare.partner_cell(TWO_GROUPS, "B", "professionals")
        assert cell.statements["statement"].tolist() == ["Statement 4", "Statement 5", "Statement 6", "Statement 7"]
        assert cell.statements["evidence"].tolist() == ["Quote 4", "Quote 5", "Quote 6", "Quote 7"]
        assert cell.why_zero == ""
        assert cell.title == "B · professionals: 4 coded statements"

    def test_partner_spelling_and_case_are_folded_as_in_the_matrix(self):
        data = findings(("A", "purpose", "X", "Clients"), ("A", "purpose", "Y", "clients"))
        assert len(compare.partner_cell(data, "A", "clients").statements) == 2

    def test_only_why_collaborate_statements_count(self):
        data = findings(("A", "purpose", "X", "clients"), ("A", "barrier", "Y", "clients"))
        assert compare.partner_cell(data, "A", "clients").statements["statement"].tolist() == ["Statement 1"]

    def test_a_zero_cell_says_what_the_group_names_instead(self):
        cell = compare.partner_cell(TWO_GROUPS, "A", "professionals")
        assert cell.statements.empty
        assert cell.why_zero == (
            "None of A's 3 coded statements under “why collaborate” names professionals: "
            "they name clients 2; families 1."
        )
        assert cell.note is None

    def test_a_zero_cell_for_a_group_with_no_statements(self):
        cell = compare.partner_cell(TWO_GROUPS, "Nobody", "clients")
        assert cell.why_zero == "Nobody has no coded “why collaborate” statements, so none names clients."

    def test_one_statement_is_singular(self):
        data = findings(("A", "purpose", "X", "families"))
        assert compare.partner_cell(data, "A", "clients").why_zero.startswith("None of A's 1 coded statement under")
        assert compare.partner_cell(data, "A", "families").title == "A · families: 1 coded statement"

    def test_the_zero_children_cell_carries_the_sources_own_point(self):
        data = pd.concat([TWO_GROUPS, self.NOTE.assign(finding_id="N1", statement="No one spoke of children")])
        cell = compare.partner_cell(data, "B", "children")
        assert "names children" in cell.why_zero
        assert cell.note is not None
        assert cell.note["statement"] == "No one spoke of children"
        assert compare.partner_cell(data, "B", "clients").note is None

    def test_the_bundled_studys_zero_children_cell_quotes_the_source(self, study):
        cell = compare.partner_cell(study.findings, "MHSW", "children")
        assert cell.statements.empty
        assert cell.note is not None
        assert cell.note["evidence"]
        assert cell.note["source"]

    def test_cells_read_partner_by_partner_and_are_labelled_with_their_count(self):
        matrix = compare.partner_matrix(TWO_GROUPS, ["A", "B"])
        cells = compare.matrix_cells(matrix)
        assert cells[:3] == [("A", "clients"), ("B", "clients"), (SHARED_GROUP, "clients")]
        assert compare.cell_label(matrix, ("A", "clients")) == "A · clients: 2 coded statements"
        assert compare.cell_label(matrix, (SHARED_GROUP, "MDT")) == f"{compare.COMMON_GROUND} · MDT: 1 coded statement"

    def test_a_click_on_a_cell_is_read_from_the_selection(self):
        event = {"selection": {"points": [{"x": "A", "customdata": ["A", "clients"]}]}}
        assert compare.cell_from_selection(event) == ("A", "clients")
        assert compare.cell_from_selection({"selection": {"points": []}}) is None
        assert compare.cell_from_selection(None) is None
        assert compare.cell_from_selection({"selection": {"points": [{"customdata": ["theme only"]}]}}) is None
