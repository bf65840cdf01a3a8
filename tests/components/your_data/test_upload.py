"""The your-data page's pure helpers: templates that load, problems grouped for fixing, names and summaries."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError, Problem
from components.data.vocabulary import FINDINGS_SPEC, LINKS_SPEC, RECOMMENDATIONS_SPEC
from components.your_data import upload
from tests.lensless_study import lensless_study, write_folder


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def examples(bundled):
    return upload.template_examples(bundled)


def read_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


class TestTemplates:
    @pytest.mark.parametrize("spec", [FINDINGS_SPEC, RECOMMENDATIONS_SPEC, LINKS_SPEC])
    def test_header_is_the_spec_columns_then_one_example_row(self, spec, examples):
        rows = read_csv(upload.template_bytes(spec, examples[spec.file]))
        assert rows[0] == list(spec.columns)
        assert len(rows) == 2
        assert all(rows[1][spec.columns.index(name)] for name in spec.required)

    def test_the_three_templates_load_together_as_one_valid_dataset(self, examples):
        files = {
            spec.file: upload.template_bytes(spec, examples[spec.file])
            for spec in (slot.spec for slot in upload.UPLOAD_SLOTS)
        }
        dataset = build_dataset(files, name="templates")
        assert len(dataset.findings) == len(dataset.recommendations) == len(dataset.links) == 1
        link = dataset.links.iloc[0]
        assert link["from_id"] == dataset.recommendations["recommendation_id"].iloc[0]
        assert link["to_id"] == dataset.findings["finding_id"].iloc[0]

    def test_example_rows_are_real_bundled_rows_word_for_word(self, examples, bundled):
        finding = examples[FINDINGS_SPEC.file]
        source = bundled.findings.set_index("finding_id").loc[finding["finding_id"]]
        assert finding["statement"] == source["statement"]
        assert finding["evidence"] == source["evidence"]

    def test_templates_are_spreadsheet_safe_csv(self, examples):
        raw = upload.template_bytes(FINDINGS_SPEC, examples[FINDINGS_SPEC.file])
        assert raw.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in raw

    def test_a_study_without_links_still_gives_templates(self, bundled):
        files = {"findings.csv": b"finding_id,group,category,theme,statement\nF1,A,barrier,t,x\n"}
        examples = upload.template_examples(build_dataset(files, name="tiny"))
        assert examples[FINDINGS_SPEC.file]["finding_id"] == "F1"
        assert examples[LINKS_SPEC.file] == dict.fromkeys(LINKS_SPEC.columns, "")


class TestColumnGuide:
    def test_lists_every_column_with_whether_it_is_needed(self):
        guide = upload.column_guide(FINDINGS_SPEC)
        assert guide["Column"].tolist() == list(FINDINGS_SPEC.columns)
        needed = dict(zip(guide["Column"], guide["Needed"], strict=True))
        assert needed["statement"] == "required"
        assert needed["evidence"] == "optional"

    def test_names_the_allowed_values(self):
        guide = upload.column_guide(FINDINGS_SPEC).set_index("Column")["What goes in it"]
        assert guide["category"] == "One of: purpose, barrier, enabler, perception, observation."
        assert guide["basis"] == (
            "stated (the source says the row) or inferred (your reading); blank means stated when there is "
            "evidence, inferred when not."
        )

    def test_ids_are_exemplified_in_each_file_s_own_style(self):
        guide = upload.column_guide(RECOMMENDATIONS_SPEC).set_index("Column")["What goes in it"]
        assert guide["recommendation_id"] == "A unique id for the row, e.g. R01."
        # The elements are the study's own (its lens, in the study's details), so the guide lists none.
        assert guide["cop_element"] == (
            "An element of the lens named in the study's details, as it spells it (or blank)."
        )
        links = upload.column_guide(LINKS_SPEC).set_index("Column")["What goes in it"]
        assert links["basis"].endswith("blank means inferred.")

    def test_rules_quote_the_loader_limits(self):
        rules = " ".join(upload.upload_rules())
        assert "2 MB" in rules
        assert "20,000 rows" in rules
        assert "5,000 characters" in rules
        assert "Windows-1252" in rules


def many_problems() -> list[Problem]:
    rows = "".join(f"F{n},,barrier,t,x\n" for n in range(45))
    files = {
        "findings.csv": ("finding_id,group,category,theme,statement\n" + rows).encode(),
        "recommendations.csv": b"recommendation_id,audience,text\n" + b"".join(f"R{n},,t\n".encode() for n in range(8)),
        "links.csv": b"from_id,to_id,relation\n" + b"".join(f"F1,Z{n},r\n".encode() for n in range(7)),
    }
    with pytest.raises(DatasetError) as caught:
        build_dataset(files, name="x")
    return caught.value.problems


class TestGroupProblems:
    def test_first_fifty_grouped_by_file_in_the_order_a_user_meets_them(self):
        problems = many_problems()
        groups, hidden = upload.group_problems(problems, {"findings.csv": "My findings.csv"})
        assert [group.file for group in groups] == ["findings.csv", "recommendations.csv", "links.csv"]
        assert sum(len(group.shown) for group in groups) == 50
        assert hidden == len(problems) - 50 == 10
        assert [group.total for group in groups] == [45, 8, 7]
        assert groups[0].user_file_name == "My findings.csv"
        assert groups[1].user_file_name is None

    def test_a_group_can_be_all_hidden_but_still_counted(self):
        groups, _ = upload.group_problems(many_problems())
        assert groups[2].shown == ()
        assert groups[2].total == 7

    def test_few_problems_hide_nothing(self):
        problems = [Problem("links.csv", 2, "to_id", "x"), Problem("findings.csv", None, None, "y")]
        groups, hidden = upload.group_problems(problems)
        assert hidden == 0
        assert [group.file for group in groups] == ["findings.csv", "links.csv"]

    @pytest.mark.parametrize(
        ("problem", "where"),
        [
            (Problem("findings.csv", 4, "category", "m"), "Row 4, column category"),
            (Problem("findings.csv", 3, None, "m"), "Row 3"),
            (Problem("findings.csv", None, None, "m"), "Whole file"),
        ],
    )
    def test_location_in_spreadsheet_words(self, problem, where):
        assert upload.problem_location(problem) == where

    def test_problems_download_lists_every_problem_and_neutralises_formulas(self):
        from components.data.exports import safe_csv_bytes

        problems = [
            Problem("findings.csv", 2, "group", "'=HYPERLINK(\"x\")' is odd"),
            Problem("links.csv", None, None, "=1+1"),
        ]
        frame = upload.problems_frame(problems)
        assert frame.columns.tolist() == ["file", "row", "column", "problem"]
        rows = read_csv(safe_csv_bytes(frame))
        assert rows[1] == ["findings.csv", "2", "group", "'=HYPERLINK(\"x\")' is odd"]
        assert rows[2] == ["links.csv", "", "", "'=1+1"]


class TestNamesAndSummaries:
    @pytest.mark.parametrize(
        ("typed", "file_name", "expected"),
        [
            ("", "team_a.csv", "Your upload (team_a)"),
            (None, None, "Your upload"),
            ("  North\nteam  study ", "x.csv", "North team study"),
            ("x" * 200, None, "x" * 80),
        ],
    )
    def test_dataset_name(self, typed, file_name, expected):
        assert upload.clean_dataset_name(typed, file_name) == expected

    def test_summary_counts_coded_statements_groups_and_other_files(self, bundled):
        assert upload.dataset_summary(bundled) == (
            "35 coded statements in 3 groups (MHSW, CSW, All), 15 recommendations, 40 links."
        )

    def test_summary_says_what_is_missing_and_shortens_many_groups(self):
        rows = "".join(f"F{n},G{n},barrier,t,x\n" for n in range(14))
        dataset = build_dataset({"findings.csv": ("finding_id,group,category,theme,statement\n" + rows).encode()}, "x")
        summary = upload.dataset_summary(dataset)
        assert summary.startswith("14 coded statements in 14 groups (G0, G1,")
        assert "G11 and 2 more)" in summary
        assert summary.endswith("no recommendations, no links.")

    def test_one_statement_is_singular(self):
        dataset = build_dataset({"findings.csv": b"finding_id,group,category,theme,statement\nF1,A,barrier,t,x\n"}, "x")
        assert upload.dataset_summary(dataset) == "1 coded statement in 1 group (A), no recommendations, no links."

    def test_fingerprint_changes_with_files_or_name_only(self):
        first = upload.fingerprint({"findings.csv": ("a.csv", 10, "id1"), "links.csv": None}, "n")
        assert first == upload.fingerprint({"links.csv": None, "findings.csv": ("a.csv", 10, "id1")}, "n")
        assert first != upload.fingerprint({"findings.csv": ("a.csv", 10, "id2")}, "n")
        assert first != upload.fingerprint({"findings.csv": ("a.csv", 10, "id1")}, "other")


class TestTemplatesReadTheLinkIndex:
    def test_the_example_link_is_the_first_recommendation_to_finding_link_of_the_index(self, bundled, examples):
        index = bundled.link_index
        first = next(link for link in index.links_from("recommendation") if index.kind_of(link.to_id) != "")
        link = examples[LINKS_SPEC.file]
        assert (link["from_id"], link["to_id"], link["relation"]) == (first.from_id, first.to_id, first.relation)
        assert examples[RECOMMENDATIONS_SPEC.file]["recommendation_id"] == first.from_id
        assert examples[FINDINGS_SPEC.file]["finding_id"] == first.to_id

    def test_a_study_without_links_still_gives_each_template_a_row(self):
        dataset = build_dataset({"findings.csv": b"finding_id,group,category,theme,statement\nF1,A,barrier,t,x\n"}, "x")
        examples = upload.template_examples(dataset)
        assert examples[FINDINGS_SPEC.file]["finding_id"] == "F1"
        assert set(examples[LINKS_SPEC.file].values()) == {""}

    def test_slots_name_their_widget_keys(self):
        assert [slot.key for slot in upload.UPLOAD_SLOTS] == [
            "your_data_upload_findings",
            "your_data_upload_recommendations",
            "your_data_upload_links",
        ]
        assert upload.UPLOAD_SLOTS[0].template_key == "your_data_upload_findings_template"


GOOD_FINDINGS = b"finding_id,group,category,theme,statement\nF1,Team A,barrier,Time,Not enough time.\n"


class TestCheckFiles:
    def test_good_files_give_a_dataset_and_a_summary(self):
        result, dataset = upload.check_files({"findings.csv": ("mine.csv", GOOD_FINDINGS)}, "North", ("fp",))
        assert dataset is not None
        assert dataset.name == "North"
        assert result.ok
        assert result.fingerprint == ("fp",)
        assert result.file_names == {"findings.csv": "mine.csv"}
        assert result.summary == "1 coded statement in 1 group (Team A), no recommendations, no links."

    def test_bad_files_give_their_problems_and_no_dataset(self):
        bad = b"finding_id,group,category,theme,statement\nF1,,barier,t,x\n"
        result, dataset = upload.check_files({"findings.csv": ("mine.csv", bad)}, "North", ("fp",))
        assert dataset is None
        assert not result.ok
        assert {problem.column for problem in result.problems} >= {"group", "category"}
        assert result.dataset_name == "North"


class TestPageSentences:
    def test_showing_now_names_the_study_escaped(self, bundled):
        assert upload.showing_now(bundled).startswith("**Showing now:** the bundled study, ")
        uploaded = build_dataset({"findings.csv": GOOD_FINDINGS}, name="<b>Mine</b>")
        assert upload.showing_now(uploaded).startswith("**Showing now:** your data, &lt;b&gt;Mine&lt;/b&gt;.")

    def test_the_servers_own_study_shows_what_the_loader_noted(self, tmp_path):
        # A server started on a folder whose study has no lens (EXPLORER_DATA_DIR): what components.ui.access makes.
        served = dataclasses.replace(load_dataset_dir(write_folder(tmp_path / "handover")), is_bundled=True)
        notes = upload.server_study_notes(served)
        assert len(notes) == 1
        assert notes[0].startswith("recommendations.csv, column 'cop_element', rows 2, 3: 2 recommendations name")

    def test_an_upload_and_a_study_read_without_a_note_have_no_server_notes(self, bundled):
        assert upload.server_study_notes(lensless_study()) == ()  # its notes are shown with its check
        assert upload.server_study_notes(bundled) == ()

    def test_next_step(self):
        assert upload.next_step(False) == "Add **findings.csv** to check your data. The other two files are optional."
        assert upload.next_step(True) == "Press **Check and open my data** to check these files."

    def test_messages_escape_the_names(self):
        assert upload.opened_message("A*B", "2 rows.") == "**A\\*B is open on every page.** 2 rows\\."
        assert upload.problems_message(1, "Study").startswith(
            "**1 problem to fix.** Nothing has changed: you are still viewing Study. Fix the files"
        )
        assert upload.problems_message(1200, "S").startswith("**1,200 problems to fix.**")

    def test_a_group_names_the_users_own_file_and_lists_each_problem(self):
        problems = [Problem("findings.csv", 3, "group", "blank"), Problem("findings.csv", None, None, "odd <b>")]
        (group,), _ = upload.group_problems(problems, {"findings.csv": "my_file.csv"})
        heading, lines = upload.group_markdown(group)
        assert heading == "#### findings\\.csv: 2 problems (your file: my\\_file\\.csv)"
        assert lines.splitlines() == ["- **Row 3, column group:** blank", "- **Whole file:** odd &lt;b&gt;"]
        assert upload.more_problems(1234) == "**… and 1,234 more.** Download the full list to fix them in one pass."
