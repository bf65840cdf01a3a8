"""The compare page in AppTest: default view, a view given by the URL, unknown URL values, the theme pick-list,
and datasets with one group, many groups, only the shared group, an empty category and no partners."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import compare
from components.data.load import build_dataset, load_dataset_dir
from components.data.synthetic import synthetic_dataset_files
from components.shared.session_keys import (
    COMPARE_CHILDREN_CITE,
    COMPARE_PARTNERS_TABLE_BOX,
    COMPARE_THEMES_TABLE_BOX,
    UPLOADED_DATASET,
)
from components.shared.text import escape_markdown
from tests.pages.apptest import open_app_page

PAGE = "pages/compare.py"
HEADER = "finding_id,group,category,theme,statement,evidence,source,partner\n"


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


def open_compare(params: dict[str, str | list[str]] | None = None, dataset=None) -> AppTest:
    return open_app_page(PAGE, params, {UPLOADED_DATASET: dataset} if dataset is not None else None)


def upload(rows: str):
    return build_dataset({"findings.csv": (HEADER + rows).encode()}, name="Upload")


def shown_text(app: AppTest) -> str:
    parts = [element.value for kind in ("markdown", "info", "caption", "title") for element in app.get(kind)]
    return "\n".join(str(part) for part in parts)


def plotly_charts(app: AppTest) -> list:
    return [element for element in app.get("plotly_chart")]


class TestDefaultView:
    def test_mhsw_beside_csw_on_why_collaborate(self):
        app = open_compare()
        assert app.title[0].value == "Compare perspectives"
        assert app.selectbox(key="compare_left").value == "MHSW"
        assert app.selectbox(key="compare_right").value == "CSW"
        assert app.button_group(key="compare_category").value == "purpose"
        assert len(plotly_charts(app)) == 2

    def test_pickers_offer_every_group_but_the_shared_one(self, study):
        app = open_compare()
        assert app.selectbox(key="compare_left").options == compare.comparable_groups(study.groups)
        assert "All" not in app.selectbox(key="compare_right").options

    def test_text_alternatives_are_generated_from_the_data(self, study):
        app = open_compare()
        text = shown_text(app)
        theme_summary = compare.theme_summary(compare.compare_themes(study.findings, "purpose", ["MHSW", "CSW"]))
        partner_summary = compare.partner_summary(compare.partner_matrix(study.findings, ["MHSW", "CSW"]))
        assert escape_markdown(theme_summary) in text
        assert escape_markdown(partner_summary) in text
        assert "MHSW most often names clients" in partner_summary
        assert "CSW most often names professionals" in partner_summary
        # The tables are in lazy boxes: open them as a user does.
        app.session_state[COMPARE_THEMES_TABLE_BOX] = True
        app.session_state[COMPARE_PARTNERS_TABLE_BOX] = True
        app.run()
        assert not app.exception
        tables = [element.value for element in app.dataframe]
        assert len(tables) == 2
        expected = compare.theme_table(compare.compare_themes(study.findings, "purpose", ["MHSW", "CSW"]))
        assert tables[0]["Theme"].tolist() == expected["Theme"].tolist()
        assert tables[0]["CSW: coded statements"].tolist() == expected["CSW: coded statements"].tolist()
        assert tables[1]["Group"].tolist() == ["MHSW", "CSW"]
        assert "_row" not in tables[0].columns

    def test_children_zero_shows_the_sources_own_observation(self, study):
        observation = compare.children_observation(study.findings)
        text = shown_text(open_compare())
        assert escape_markdown(observation["evidence"]) in text
        assert escape_markdown(observation["source"]) in text

    def test_the_view_is_written_to_the_url(self):
        app = open_compare()
        assert dict(app.query_params) == {"left": "MHSW", "right": "CSW", "category": "purpose"}

    def test_no_theme_until_one_is_chosen(self):
        app = open_compare()
        assert app.selectbox(key="compare_theme").value is None
        assert "theme" not in app.query_params


class TestFirstViewIsLight:
    """What the first view does not send until a user opens it: the tables and the note's "Cite this"."""

    def test_closed_boxes_send_no_table_and_no_reference(self):
        app = open_compare()
        assert len(app.dataframe) == 0
        assert [expander.label for expander in app.expander].count("Show the numbers as a table") == 2
        assert len(app.code) == 0  # Cite this's reference, RIS and BibTeX
        assert app.session_state[COMPARE_CHILDREN_CITE] is False

    def test_opening_one_table_sends_that_table_only(self, study):
        app = open_compare()
        app.session_state[COMPARE_PARTNERS_TABLE_BOX] = True
        app.run()
        assert not app.exception
        assert [table.value["Group"].tolist() for table in app.dataframe] == [["MHSW", "CSW"]]

    def test_opening_cite_this_on_the_childrens_note_gives_its_references(self, study):
        observation = compare.children_observation(study.findings)
        app = open_compare()
        app.session_state[COMPARE_CHILDREN_CITE] = True
        app.run()
        assert not app.exception
        codes = [code.value for code in app.code]
        assert len(codes) == 3  # the reference, RIS and BibTeX
        assert any(observation["evidence"] in code for code in codes)

    def test_a_group_note_keeps_the_charts_in_place(self):
        """The note sits in a container that is always there, so the charts keep their place on the page (a
        chart that moves is a new element to the browser, drawn from scratch)."""
        app = open_compare()
        before = chart_paths(app)
        assert len(before) == 2
        app.selectbox(key="compare_right").select("MHSW").run()
        assert any("Both sides show MHSW" in info.value for info in app.info)
        assert chart_paths(app) == before


def chart_paths(app: AppTest) -> list[tuple[int, ...]]:
    """Where each plotly chart sits in the main area: the index of every block on the way down to it."""
    paths = []

    def walk(node, path):
        if getattr(node, "type", None) == "plotly_chart":
            paths.append(path)
        for index, child in (getattr(node, "children", None) or {}).items():
            walk(child, (*path, index))

    walk(app.main, ())
    return paths


class TestViewFromUrl:
    def test_groups_category_and_theme_come_from_the_link(self, study):
        app = open_compare({"left": "CSW", "right": "MHSW", "category": "barrier", "theme": "Wellbeing neglected"})
        assert app.selectbox(key="compare_left").value == "CSW"
        assert app.selectbox(key="compare_right").value == "MHSW"
        assert app.button_group(key="compare_category").value == "barrier"
        assert app.selectbox(key="compare_theme").value == "Wellbeing neglected"
        row = study.findings[study.findings["theme"] == "Wellbeing neglected"].iloc[0]
        text = shown_text(app)
        assert escape_markdown(row["evidence"]) in text
        assert escape_markdown(row["source"]) in text
        assert "Common ground \\(All\\): 1 coded statement" in text

    def test_unknown_values_are_ignored_with_a_quiet_notice(self):
        app = open_compare({"left": "Nobody", "category": "gossip", "theme": "<script>x</script>"})
        assert app.selectbox(key="compare_left").value == "MHSW"
        assert app.button_group(key="compare_category").value == "purpose"
        assert app.selectbox(key="compare_theme").value is None
        notice = next(caption.value for caption in app.caption if "not recognised" in caption.value)
        assert "Nobody" in notice
        assert "gossip" in notice
        assert "<script>" not in notice

    def test_inferred_statements_are_marked(self, study):
        app = open_compare({"category": "purpose", "theme": "Information for assessment"})
        text = shown_text(app)
        for _, row in study.findings[study.findings["theme"] == "Information for assessment"].iterrows():
            assert escape_markdown(row["evidence"]) in text
        assert "(theme name inferred)" in text


class TestInteraction:
    def test_choosing_a_theme_shows_each_groups_words_and_updates_the_url(self, study):
        app = open_compare()
        app.selectbox(key="compare_theme").select("Empowerment and inclusion").run()
        assert not app.exception
        row = study.findings[study.findings["theme"] == "Empowerment and inclusion"].iloc[0]
        text = shown_text(app)
        assert escape_markdown(row["evidence"]) in text
        assert "CSW: 0 coded statements" in text
        assert app.query_params["theme"] == "Empowerment and inclusion"

    def test_changing_category_keeps_groups_and_drops_a_theme_it_does_not_have(self):
        app = open_compare({"theme": "Empowerment and inclusion"})
        app.button_group(key="compare_category").set_value("perception").run()
        assert not app.exception
        assert app.selectbox(key="compare_theme").value is None
        assert app.selectbox(key="compare_left").value == "MHSW"
        assert "Differing views: MHSW and CSW" in shown_text(app)

    def test_same_group_on_both_sides_shows_it_once_with_a_note(self):
        app = open_compare()
        app.selectbox(key="compare_right").select("MHSW").run()
        assert not app.exception
        assert any("Both sides show MHSW" in info.value for info in app.info)
        assert escape_markdown("Why collaborate: MHSW has 4 coded statements on 4 themes.") in shown_text(app)


class TestOtherDatasets:
    def test_one_group_is_shown_alone_with_a_note(self):
        dataset = upload(
            "N1,Nurses,purpose,Time,Needs time,Quote one,Src,clients\n"
            "N2,Nurses,purpose,Trust,Builds trust,Quote two,Src,families\n"
        )
        app = open_compare(dataset=dataset)
        # Only the theme and partner-cell pick-lists: there is nothing to pick a second group from.
        assert [selectbox.key for selectbox in app.selectbox] == ["compare_cell", "compare_theme"]
        assert any("one group, Nurses" in info.value for info in app.info)
        assert escape_markdown("Why collaborate: Nurses has 2 coded statements on 2 themes.") in shown_text(app)

    def test_many_groups_are_all_offered(self):
        dataset = build_dataset(synthetic_dataset_files(1, seed=5), name="Synthetic")
        app = open_compare({"left": "Health visitors", "right": "École staff"}, dataset=dataset)
        options = app.selectbox(key="compare_left").options
        assert options == compare.comparable_groups(dataset.groups)
        assert len(options) >= 4
        assert "All" not in options
        assert app.selectbox(key="compare_left").value == "Health visitors"
        assert app.selectbox(key="compare_right").value == "École staff"

    def test_large_dataset_runs(self):
        dataset = build_dataset(synthetic_dataset_files(100, seed=2), name="Synthetic x100")
        app = open_compare(dataset=dataset)
        # No metadata: the data's first two groups, whatever their labels (no label is the default).
        first, second = compare.comparable_groups(dataset.groups)[:2]
        assert app.selectbox(key="compare_left").value == first
        assert app.selectbox(key="compare_right").value == second
        assert len(plotly_charts(app)) >= 1

    def test_only_the_shared_group(self):
        dataset = upload("S1,All,barrier,Time,No time,Quote,Src,\nS2,All,enabler,Desks,Sit together,Quote,Src,\n")
        app = open_compare({"category": "barrier"}, dataset=dataset)
        assert any("no groups to compare" in info.value for info in app.info)
        assert "common ground" in shown_text(app)

    def test_empty_category_shows_what_to_do(self):
        dataset = upload("N1,Nurses,barrier,Time,No time,Quote,Src,\nN2,Carers,barrier,Time,No time,Quote,Src,\n")
        app = open_compare({"category": "perception"}, dataset=dataset)
        empty = next(info.value for info in app.info if "No coded statements" in info.value)
        assert "Differing views" in empty
        assert "Choose another category" in empty
        assert all(selectbox.key != "compare_theme" for selectbox in app.selectbox)

    def test_empty_for_the_pair_points_to_groups_that_have_some(self):
        dataset = upload(
            "N1,Nurses,barrier,Time,No time,Quote,Src,\n"
            "N2,Carers,barrier,Time,No time,Quote,Src,\n"
            "N3,Porters,perception,Rushed,Feel rushed,Quote,Src,\n"
        )
        app = open_compare({"category": "perception"}, dataset=dataset)
        empty = next(info.value for info in app.info if "No coded statements" in info.value)
        assert "Porters (1)" in empty

    def test_no_partners_recorded(self):
        dataset = upload("N1,Nurses,purpose,Time,Needs time,Quote,Src,\nN2,Carers,purpose,Trust,Trust,Quote,Src,\n")
        app = open_compare(dataset=dataset)
        assert any("name a partner" in info.value for info in app.info)

    def test_hostile_labels_are_shown_as_text(self):
        dataset = upload(
            'H1,"<b>Team</b>",purpose,"**bold** [link](http://x)",Statement,"<img src=x>",Src,clients\n'
            "H2,Team B,purpose,Other,Statement,Quote,Src,professionals\n"
        )
        app = open_compare({"theme": "**bold** [link](http://x)"}, dataset=dataset)
        text = shown_text(app)
        assert "<img" not in text
        assert "&lt;img src=x&gt;" in text
        assert "](http" not in text


class TestPartnerCellPickList:
    """The keyboard's way to a partner-matrix cell: the same statements a click opens."""

    def test_every_drawn_cell_can_be_picked(self, study):
        app = open_compare()
        matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
        picker = app.selectbox(key="compare_cell")
        assert picker.value is None
        assert picker.options == [compare.cell_label(matrix, cell) for cell in compare.matrix_cells(matrix)]

    def test_picking_a_cell_lists_its_statements_and_quotes(self, study):
        app = open_compare()
        app.selectbox(key="compare_cell").set_value(("CSW", "professionals")).run()
        assert not app.exception
        cell = compare.partner_cell(study.findings, "CSW", "professionals")
        assert len(cell.statements) == 5
        text = shown_text(app)
        assert escape_markdown(cell.title) in text
        for evidence in cell.statements["evidence"]:
            assert f"“{escape_markdown(evidence)}”" in text

    def test_picking_the_zero_children_cell_says_why(self, study):
        app = open_compare()
        app.selectbox(key="compare_cell").set_value(("MHSW", "children")).run()
        cell = compare.partner_cell(study.findings, "MHSW", "children")
        text = shown_text(app)
        assert escape_markdown(cell.why_zero) in text
        assert f"**The source's own point:** {escape_markdown(cell.note['statement'])}" in text
