"""The your-data page in AppTest: uploads go through the loader, problems are listed for fixing, the previous
dataset stays active until a valid upload replaces it, and every page then runs on the uploaded data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset
from components.shared.session_keys import UPLOADED_DATASET, YOUR_DATA_GUIDE_BOX, YOUR_DATA_QDA_RULES_BOX
from components.shared.text import escape_markdown
from components.your_data.qda_intake import NO_GROUPS, qda_rules
from components.your_data.upload import UPLOAD_SLOTS
from tests.components.your_data.test_qda_prefill import with_project_description
from tests.fixtures.qda import projects as qda_fixtures
from tests.pages.apptest import PAGES, open_app_page
from tests.qda_corpus import corpus_file

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
HOSTILE = FIXTURES / "study" / "hostile"
HEADER = b"finding_id,group,category,theme,statement\n"
VALID = HEADER + b"F1,Team A,barrier,Time,Not enough time.\nF2,Team B,enabler,Desks,Sitting together.\n"


def open_your_data() -> AppTest:
    return open_app_page("pages/your-data.py")


def upload(app: AppTest, files: dict[str, bytes], name: str | None = None) -> AppTest:
    """Put files in the page's uploaders (by slot), optionally type a name, press Check."""
    for file, data in files.items():
        slot = file.removesuffix(".csv")
        app.file_uploader(key=f"your_data_upload_{slot}").set_value((f"my {file}", data, "text/csv"))
    app.run()
    if name is not None:
        app.text_input(key="your_data_name").input(name)
        app.run()
    app.button(key="your_data_check").click()
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def shown_text(app: AppTest) -> str:
    parts = [element.value for kind in ("markdown", "success", "error", "info", "title") for element in app.get(kind)]
    return "\n".join(str(part) for part in parts)


def load_folder(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


class TestBeforeUpload:
    def test_offers_three_uploaders_and_waits_for_findings(self):
        app = open_your_data()
        assert [uploader.label for uploader in app.file_uploader] == [
            "Your findings.csv",
            "Your recommendations.csv",
            "Your links.csv",
            "Your QDA project (.qdpx, project.qde) or Taguette highlights (.csv)",
        ]
        assert app.button(key="your_data_check").disabled
        assert "Add **findings.csv** to check your data." in shown_text(app)
        assert "**Showing now:** the bundled study" in shown_text(app)

    def test_the_guides_are_sent_only_when_opened(self):
        app = open_your_data()
        labels = [expander.label for expander in app.expander]
        assert "What each file must hold, and the rules the check applies" in labels
        assert "What a QDA file must hold, and how it maps" in labels
        assert len(app.table) == 0
        assert "Each file may be up to" not in shown_text(app)
        app.session_state[YOUR_DATA_GUIDE_BOX] = True
        app.session_state[YOUR_DATA_QDA_RULES_BOX] = True
        app.run()
        assert not app.exception
        assert len(app.table) == len(UPLOAD_SLOTS)
        text = shown_text(app)
        assert "Each file may be up to" in text
        for rule in qda_rules():
            assert escape_markdown(rule) in text

    def test_a_researcher_can_start_from_the_first_view(self):
        """Closed guides hide nothing needed to start: every template and uploader is on the first view."""
        app = open_your_data()
        templates = [button.label for button in app.get("download_button")]
        for slot in UPLOAD_SLOTS:
            assert f"{slot.file} template" in templates
        assert len(app.file_uploader) == len(UPLOAD_SLOTS) + 1  # and the QDA project's

    def test_uploading_alone_changes_nothing_until_checked(self):
        app = open_your_data()
        app.file_uploader(key="your_data_upload_findings").set_value(("f.csv", VALID, "text/csv"))
        app.run()
        assert not app.button(key="your_data_check").disabled
        assert "Press **Check and open my data**" in shown_text(app)
        assert UPLOADED_DATASET not in app.session_state


class TestValidUpload:
    def test_opens_the_data_with_a_summary_and_the_banner(self):
        app = upload(open_your_data(), {"findings.csv": VALID}, name="North team")
        dataset = app.session_state[UPLOADED_DATASET]
        assert dataset.name == "North team"
        assert len(dataset.findings) == 2
        assert app.success[0].value.startswith("**North team is open on every page.** 2 coded statements in 2 groups")
        assert "You are viewing your own data:** North team" in shown_text(app)

    def test_default_name_comes_from_the_file(self):
        app = upload(open_your_data(), {"findings.csv": VALID})
        assert app.session_state[UPLOADED_DATASET].name == "Your upload (my findings)"

    def test_notes_are_shown(self):
        app = upload(open_your_data(), load_folder(FIXTURES / "good" / "windows_1252"))
        notes = [info.value for info in app.info]
        assert any("read as Windows\\-1252" in note for note in notes), notes

    def test_return_to_the_bundled_study(self):
        app = upload(open_your_data(), {"findings.csv": VALID})
        app.button(key="banner_return_to_bundled").click()
        app.run()
        assert UPLOADED_DATASET not in app.session_state
        assert "**Showing now:** the bundled study" in shown_text(app)


class TestBadUpload:
    def test_lists_problems_by_file_with_row_column_and_message(self):
        app = upload(open_your_data(), load_folder(FIXTURES / "bad" / "problems_in_every_file"))
        assert app.error[0].value.startswith("**6 problems to fix.** Nothing has changed: you are still viewing")
        text = shown_text(app)
        headings = [line for line in text.splitlines() if line.startswith("#### ") and "problem" in line]
        assert headings == [
            "#### findings\\.csv: 1 problem (your file: my findings\\.csv)",
            "#### recommendations\\.csv: 3 problems (your file: my recommendations\\.csv)",
            "#### links\\.csv: 2 problems (your file: my links\\.csv)",
        ]
        assert "- **Row 3, column group:** this cell is blank; every row needs a value here\\." in text
        assert "- **Row 3, column to\\_id:** 'F404' is not a finding\\_id or recommendation\\_id" in text
        assert UPLOADED_DATASET not in app.session_state

    def test_a_bad_upload_keeps_the_previous_upload_active(self):
        app = upload(open_your_data(), {"findings.csv": VALID}, name="Good one")
        upload(app, {"findings.csv": HEADER + b"F1,,barier,t,x\n"})
        assert app.session_state[UPLOADED_DATASET].name == "Good one"
        assert "you are still viewing Good one" in app.error[0].value

    def test_shows_fifty_then_how_many_more(self):
        rows = b"".join(f"F{n},,barrier,t,x\n".encode() for n in range(60))
        app = upload(open_your_data(), {"findings.csv": HEADER + rows})
        text = shown_text(app)
        assert text.count("- **Row ") == 50
        assert "**… and 10 more.** Download the full list" in text

    @pytest.mark.parametrize(
        ("case", "message"),
        [
            ("png_image", "this is a PNG image, not a CSV text file"),
            ("excel_workbook", "this is an Excel workbook \\(\\.xlsx\\), not a CSV text file"),
            ("unbalanced_quote", 'a quote mark \\("\\) opened in this row is never closed'),
            ("empty_file", "the file is empty"),
        ],
    )
    def test_unreadable_files_say_what_they_are(self, case, message):
        app = upload(open_your_data(), load_folder(FIXTURES / "bad" / case))
        assert message in shown_text(app)

    def test_a_stale_result_is_hidden_when_the_files_change(self):
        app = upload(open_your_data(), {"findings.csv": HEADER + b"F1,,barrier,t,x\n"})
        app.file_uploader(key="your_data_upload_findings").set_value(("other.csv", VALID, "text/csv"))
        app.run()
        assert not app.error
        assert "Press **Check and open my data**" in shown_text(app)


class TestHostileUpload:
    def test_html_and_markdown_in_the_data_reach_the_page_only_as_escaped_text(self):
        name = '<img src=x onerror="alert(1)"> [x](javascript:alert(1))'
        app = upload(open_your_data(), load_folder(HOSTILE), name=name)
        assert app.session_state[UPLOADED_DATASET].name == name
        text = shown_text(app)
        assert '&lt;img src=x onerror="alert\\(1\\)"&gt; \\[x\\]\\(javascript\\:alert\\(1\\)\\)' in text
        assert "<img" not in text
        assert "<b>" not in text
        assert "&lt;b&gt;Team A&lt;/b&gt;" in text


def uploaded_shapes() -> dict[str, object]:
    """Datasets of the shapes the issue names: hostile text, one group with no links, a dozen groups x 5,000 rows."""
    big_rows = "".join(
        f"F{n:04d},Group {n % 12},{('purpose', 'barrier', 'enabler', 'perception', 'observation')[n % 5]},"
        f"Theme {n % 40},Statement {n} 🙂 مرحبا\n"
        for n in range(5_000)
    )
    return {
        "hostile": build_dataset(load_folder(HOSTILE), name="<b>Hostile</b> study"),
        "one_group_no_links": build_dataset({"findings.csv": HEADER + b"F1,Solo,barrier,Time,Only one.\n"}, "solo"),
        "dozen_groups_5000_rows": build_dataset({"findings.csv": HEADER + big_rows.encode()}, name="big"),
    }


SHAPES = uploaded_shapes()
JOIN_PAGE = "pages/join.py"


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_uploaded_data(page, shape):
    app = open_app_page(page, state={UPLOADED_DATASET: SHAPES[shape]}, timeout=120)
    assert not app.exception
    if page == JOIN_PAGE:  # a phone answers the presenter's room, whatever this browser has uploaded
        assert "You are viewing your own data" not in shown_text(app)
    else:
        assert "You are viewing your own data" in shown_text(app)


def test_an_upload_made_on_the_page_carries_to_every_page():
    app = upload(open_your_data(), load_folder(HOSTILE), name="Carried")
    for page in PAGES:
        app.switch_page(page)
        app.run()
        assert not app.exception, (page, [error.value for error in app.exception])
        if page != JOIN_PAGE:  # the phone page answers the presenter's room, not this browser's upload
            assert "You are viewing your own data:** Carried" in shown_text(app), page


# ---------------------------------------------------------------------------------------------
# Opening a study from a QDA tool


def upload_qda(app: AppTest, file_name: str, data: bytes) -> AppTest:
    app.file_uploader(key="your_data_qda_upload").set_value((file_name, data, "application/octet-stream"))
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def press_open(app: AppTest) -> AppTest:
    app.button(key="your_data_qda_open").click()
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


class TestQdaImport:
    def test_uploaders_carry_their_own_limits(self):
        app = open_your_data()
        limits = {uploader.key: uploader.proto.max_upload_size_mb for uploader in app.file_uploader}
        assert limits == {
            "your_data_upload_findings": 5,
            "your_data_upload_recommendations": 5,
            "your_data_upload_links": 5,
            "your_data_qda_upload": 50,
        }
        assert "(.qdpx, up to 50 MB)" in shown_text(app)

    def test_the_mapping_is_shown_with_guesses_before_anything_opens(self):
        app = upload_qda(open_your_data(), "study.qdpx", qda_fixtures.sources_file_project())
        categories = {box.label: box.value for box in app.selectbox if box.key.startswith("your_data_qda_category_")}
        assert categories == {
            "Category for Reasons to collaborate (1 coded segment)": "purpose",
            "Category for Barriers (1 coded segment)": "barrier",
            "Category for What helps (1 coded segment)": "enabler",
            "Category for Recommendations (1 coded segment)": "recommendation",
        }
        assert app.selectbox(key="your_data_qda_group").value is not None
        assert "By group\\: MHSW 2, CSW 1\\." in shown_text(app)
        assert UPLOADED_DATASET not in app.session_state

    def test_open_uses_the_changed_choices(self):
        app = upload_qda(open_your_data(), "study.qdpx", qda_fixtures.sources_file_project())
        barriers = next(box for box in app.selectbox if box.label.startswith("Category for Barriers"))
        barriers.set_value("observation")
        app.run()
        app.text_input(key="your_data_qda_name").input("Interview study")
        app.run()
        press_open(app)
        dataset = app.session_state[UPLOADED_DATASET]
        assert dataset.name == "Interview study"
        assert "barrier" not in set(dataset.findings["category"].astype(str))
        assert set(dataset.groups) == {"MHSW", "CSW"}
        assert app.success[0].value.startswith("**Interview study is open on every page.** 3 coded statements")
        assert "You are viewing your own data:** Interview study" in shown_text(app)

    def test_changing_a_choice_after_opening_asks_to_open_again(self):
        app = press_open(upload_qda(open_your_data(), "study.qdpx", qda_fixtures.sources_file_project()))
        app.selectbox(key="your_data_qda_group").set_value(NO_GROUPS)
        app.run()
        assert not app.success
        assert "You changed the mapping: press **Open this study**" in shown_text(app)

    def test_a_taguette_export_opens(self):
        app = press_open(upload_qda(open_your_data(), "highlights.csv", qda_fixtures.TAGUETTE_CSV))
        assert app.session_state[UPLOADED_DATASET].findings["evidence"].iloc[0] == "We never have time to meet."

    @pytest.mark.parametrize(
        ("file_name", "build", "message"),
        [
            ("evil.qdpx", qda_fixtures.external_entity, "the XML declares a DTD"),
            ("slip.qdpx", qda_fixtures.zip_slip, "points outside the project"),
            ("past.qdpx", qda_fixtures.selection_past_end, "line 15, PlainTextSelection 0000012f"),
            ("codes.qdc", qda_fixtures.codebook_only, "this is a codebook \\(11 codes\\) with no coded text"),
        ],
    )
    def test_a_bad_file_is_named_and_the_open_data_stays(self, file_name, build, message):
        app = press_open(upload_qda(open_your_data(), "good.qdpx", qda_fixtures.inline_project()))
        upload_qda(app, file_name, build())
        assert app.session_state[UPLOADED_DATASET].name == "Fixture study"
        error = app.error[0].value
        assert error.startswith(f"**{escape_markdown(file_name)} cannot be opened: 1 problem.**")
        assert "you are still viewing Fixture study" in error
        assert message in shown_text(app)
        assert not [button for button in app.button if button.key == "your_data_qda_open"]


class TestExport:
    def test_offers_the_open_study_as_qdpx_and_qdc(self):
        app = open_your_data()
        labels = [element.proto.label for element in app.get("download_button")]
        assert "Download as a REFI-QDA project (.qdpx)" in labels
        assert "Download the codebook (.qdc)" in labels

    def test_says_what_an_export_of_an_upload_leaves_out(self):
        findings = HEADER + b"F1,Team A,barrier,Time,Not enough time.\n"
        app = upload(open_your_data(), {"findings.csv": findings})
        assert "1 finding\\(s\\) have no evidence, so there was no text to code" in shown_text(app)


class TestStudyDetails:
    """The study's details form (components/your_data/metadata.py) before a QDA study opens."""

    def test_the_form_is_prefilled_from_the_project_and_its_details_open_with_the_study(self):
        app = upload_qda(open_your_data(), "study.qdpx", qda_fixtures.sources_file_project())
        title = app.text_input(key="your_data_meta_qda_title")
        assert title.value  # the project's own name
        app.text_input(key="your_data_meta_qda_authors").input("Okafor, Ada")
        app.text_input(key="your_data_meta_qda_year").input("2024")
        app.text_area(key="your_data_meta_qda_group_names").input("MHSW = Ward nurses\nCSW = Paramedics")
        app.run()
        study = press_open(app).session_state[UPLOADED_DATASET].study
        assert (study.title, study.author, study.year) == (title.value, "Okafor, Ada", 2024)
        assert [group.name for group in study.groups] == ["Ward nurses", "Paramedics"]
        assert study.lens is None

    def test_a_real_projects_users_and_description_prefill_authors_and_question(self):
        # qc_demo.qdpx from ../shared/qda-corpus, read in place, with a project Description added in memory
        # (no corpus file has one; ATLAS.ti, MAXQDA and NVivo can write one).
        raw = with_project_description(corpus_file("qc_demo.qdpx").read_bytes(), "What do board minutes say?")
        app = upload_qda(open_your_data(), "qc_demo.qdpx", raw)
        assert app.text_input(key="your_data_meta_qda_title").value == "qc project"
        assert app.text_input(key="your_data_meta_qda_authors").value == "cp"
        assert app.text_input(key="your_data_meta_qda_question").value == "What do board minutes say?"
        study = press_open(app).session_state[UPLOADED_DATASET].study
        assert (study.title, study.author, study.question) == ("qc project", "cp", "What do board minutes say?")

    def test_an_nvivo_projects_users_are_its_authors_creator_first(self):
        app = upload_qda(open_your_data(), "oltas.qdpx", corpus_file("nvivo_win12_oltas_1source.qdpx").read_bytes())
        assert app.text_input(key="your_data_meta_qda_authors").value == "floriansipos; Gergo"
        assert app.text_input(key="your_data_meta_qda_question").value == ""

    def test_a_fault_in_the_form_is_named_and_nothing_opens(self):
        app = upload_qda(open_your_data(), "study.qdpx", qda_fixtures.sources_file_project())
        app.text_input(key="your_data_meta_qda_year").input("last year")
        app.run()
        assert "year\\: 'last year' is not a year" in app.error[0].value  # Markdown-escaped
        press_open(app)
        assert UPLOADED_DATASET not in app.session_state
        assert not app.success  # nothing claims to be open
