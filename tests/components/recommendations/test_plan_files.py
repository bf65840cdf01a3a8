"""The plan's files: the spreadsheet-safe CSV and the Markdown plan, with reasons and the study's words."""

from __future__ import annotations

import datetime as dt

import pytest

from components.recommendations import plan_files, planner
from tests.components.recommendations.plan_data import CHILDRENS, CITATION, LA, make_dataset, parse_csv

DANGEROUS = ["=1+1", "+44 1484", "-2+3", "@SUM(A1:A9)", "\t=cmd", "\r=cmd|' /C calc'!A0"]


class TestCsv:
    def plan(self, study, **details):
        table = planner.plan_table(study, ["R05", "R06", "R03"], None)
        for column, values in details.items():
            table[column] = values
        return table

    def test_starts_with_a_utf8_bom_and_reads_back_ungarbled(self, study):
        data = plan_files.plan_csv_bytes(study, self.plan(study), CITATION)
        assert data.startswith(b"\xef\xbb\xbf")
        rows = parse_csv(data)
        assert [row["Recommendation ID"] for row in rows] == ["R03", "R05", "R06"]
        assert rows[1]["Recommendation"].startswith("Social workers’ focus")
        assert rows[0]["Study"] == CITATION

    def test_rows_end_with_crlf(self, study):
        data = plan_files.plan_csv_bytes(study, self.plan(study), CITATION)
        assert data.count(b"\r\n") == 4
        assert b"\n" not in data.replace(b"\r\n", b"")

    @pytest.mark.parametrize("value", DANGEROUS)
    @pytest.mark.parametrize("column", ["owner", "first_step", "notes"])
    def test_every_dangerous_prefix_is_neutralised(self, study, column, value):
        table = planner.plan_table(study, ["R05"], None)
        table[column] = [value]
        rows = parse_csv(plan_files.plan_csv_bytes(study, table, CITATION))
        header = {"owner": "Owner", "first_step": "First step", "notes": "Notes"}[column]
        assert len(rows) == 1
        assert rows[0][header] == "'" + value

    @pytest.mark.parametrize("value", DANGEROUS)
    def test_dangerous_data_from_an_upload_is_neutralised(self, value):
        dataset = make_dataset(
            "recommendation_id,audience,text\n" + f'R1,"{value}","{value}"\n',
            "from_id,to_id,relation\nR1,F1,addresses\n",
        )
        stored = dataset.recommendations.iloc[0]["text"]
        rows = parse_csv(plan_files.plan_csv_bytes(dataset, planner.plan_table(dataset, ["R1"], None), CITATION))
        assert rows[0]["Recommendation"] == "'" + stored
        assert rows[0]["Audience"] == "'" + stored

    def test_harmless_cells_are_untouched(self, study):
        table = self.plan(study, owner=["Team lead", "O'Neill", "3 people"], due_date=[dt.date(2027, 5, 1), None, None])
        rows = parse_csv(plan_files.plan_csv_bytes(study, table, CITATION))
        by_id = {row["Recommendation ID"]: row for row in rows}
        assert by_id["R05"]["Owner"] == "Team lead"
        assert by_id["R05"]["Due date"] == "2027-05-01"
        assert by_id["R06"]["Owner"] == "O'Neill"

    def test_reasons_and_evidence_travel_with_each_row(self, study):
        rows = {
            row["Recommendation ID"]: row
            for row in parse_csv(plan_files.plan_csv_bytes(study, self.plan(study), CITATION))
        }
        assert (
            "Children's social workers are driven by timescales, tasks and targets. (CSW, barrier)"
            in rows["R06"]["Why: what it addresses"]
        )
        assert "(link inferred by this app)" in rows["R06"]["Why: what it addresses"]
        assert "“CSW – Timescales, tasks, targets”" in rows["R06"]["Evidence for what it addresses (verbatim)"]
        assert rows["R06"]["Communities of Practice element"] == "joint enterprise (inferred by this app)"
        assert rows["R03"]["Communities of Practice element"] == "shared repertoire"

    def test_empty_plan_is_a_header_only_csv(self, study):
        data = plan_files.plan_csv_bytes(study, planner.plan_table(study, [], None), CITATION)
        assert data.startswith(b"\xef\xbb\xbfAudience,Recommendation ID,Recommendation,Owner")
        assert parse_csv(data) == []


class TestMarkdown:
    def test_grouped_by_audience_in_data_order(self, study):
        text = plan_files.plan_markdown(study, planner.plan_table(study, ["R05", "R06", "R03"], None), CITATION)
        la, children = text.index(f"## For {LA}"), text.index(f"## For {CHILDRENS}")
        assert la < text.index("(R03)") < children < text.index("(R05)") < text.index("(R06)")
        assert "### 1. Children’s and adults’ services" in text
        assert "### 3. Managers to recognise" in text

    def test_each_item_has_its_reasons_evidence_and_the_citation(self, study):
        table = planner.plan_table(study, ["R06"], None)
        table["owner"] = ["Sam Patel"]
        table["due_date"] = [dt.date(2027, 3, 31)]
        table["first_step"] = ["Put collaboration on the team meeting agenda"]
        text = plan_files.plan_markdown(study, table, CITATION)
        assert "- **Owner:** Sam Patel" in text
        assert "- **Due date:** 2027-03-31" in text
        assert "- **First step:** Put collaboration on the team meeting agenda" in text
        assert "**Why: what it addresses:**" in text
        assert (
            "Children's social workers are driven by timescales, tasks and targets. (CSW, barrier) (link inferred"
            in text
        )
        assert "> “CSW – Timescales, tasks, targets” — Carpenter n.d., summary" in text
        assert "joint enterprise (inferred by this app)" in text
        assert text.rstrip().endswith(f"Source: {CITATION}")

    def test_builds_on_is_given_when_nothing_is_addressed(self, study):
        text = plan_files.plan_markdown(study, planner.plan_table(study, ["R09"], None), CITATION)
        assert "**It builds on:**" in text
        assert "Face to face contact builds relationships." in text

    def test_empty_plan_says_so_and_still_cites(self, study):
        text = plan_files.plan_markdown(study, planner.plan_table(study, [], None), CITATION)
        assert "No recommendations are in this plan yet" in text
        assert "## For" not in text
        assert CITATION in text

    def test_data_cannot_inject_links_html_or_headings(self):
        dataset = make_dataset(
            'recommendation_id,audience,text\nR1,"# Team <b>A</b>","[click](javascript:alert(1)) **now**"\n'
        )
        table = planner.plan_table(dataset, ["R1"], None)
        table["notes"] = ["<img src=x onerror=alert(1)>\nline two"]
        text = plan_files.plan_markdown(dataset, table, "Uploaded data")
        assert "## For \\# Team \\<b\\>A\\</b\\>" in text
        assert "\\[click\\](javascript:alert(1)) \\*\\*now\\*\\*" in text
        assert "- **Notes:** \\<img src=x onerror=alert(1)\\> line two" in text
        assert "<img" not in text.replace("\\<img", "")
