"""The recommendations planner in AppTest: filters, the URL, the shared plan list and odd datasets."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.data.load import build_dataset
from components.recommendations.draw import cite_key, evidence_key
from components.shared.badges import inferred_badge
from components.shared.session_keys import ACTION_PLAN, ACTION_PLAN_DETAILS, UPLOADED_DATASET
from tests.pages.apptest import open_app_page

PAGE = "pages/recommendations.py"
CHILDRENS = "Children's social care"
LA = "the Local Authority as an organisation"
MHIF = "Mental Health in Families team"


def open_planner(query: dict | None = None, state: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query, state)


def shown_ids(app: AppTest) -> list[str]:
    """Recommendation ids on screen, read from their plan checkboxes (one per recommendation card)."""
    return [box.key.removeprefix("recommendations_pick_") for box in app.checkbox]


def count_line(app: AppTest) -> str:
    return next(m.value for m in app.markdown if "recommendation" in m.value and m.value.startswith("**"))


def url_values(app: AppTest, param: str) -> list[str]:
    """A URL parameter's values as a list: AppTest gives a single value as a plain string."""
    value = app.query_params.get(param, [])
    return [value] if isinstance(value, str) else list(value)


def notices(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption if "not recognised" in caption.value]


def upload(app_state: dict, recommendations: str | None, links: str | None = None) -> dict:
    files = {
        "findings.csv": (
            b"finding_id,group,category,theme,statement,evidence,source\n"
            b"F1,Team,barrier,Time,Workers are short of time.,We never have time,Interview A\n"
        )
    }
    if recommendations is not None:
        files["recommendations.csv"] = recommendations.encode()
    if links is not None:
        files["links.csv"] = links.encode()
    app_state[UPLOADED_DATASET] = build_dataset(files, name="Uploaded test data")
    return app_state


class TestFilters:
    def test_audience_filter_comes_first_and_lists_data_audiences_in_order(self):
        app = open_planner()
        first_widget = next(element for element in app.main if type(element).__name__ == "Multiselect")
        assert first_widget.label.startswith("Who are you planning for?")
        assert first_widget.options == [
            LA,
            CHILDRENS,
            "Mental Health social workers",
            "Mental Health in Families team",
        ]
        assert len(shown_ids(app)) == 15
        assert "Showing all 15 recommendations." in count_line(app)

    def test_choosing_an_audience_shows_only_its_recommendations_and_writes_the_url(self):
        app = open_planner()
        app.multiselect(key="recommendations_audience").set_value([CHILDRENS]).run()
        assert shown_ids(app) == ["R05", "R06"]
        assert "2 of 15 recommendations match your filters." in count_line(app)
        assert url_values(app, "audience") == [CHILDRENS]

    def test_each_card_says_why_with_inferred_marks_and_verbatim_evidence(self):
        app = open_planner({"audience": CHILDRENS})
        app.session_state[evidence_key("R06")] = True
        app.run()
        text = "\n".join(m.value for m in app.markdown)
        assert "Why — what it addresses" in text
        assert "driven by timescales, tasks and targets" in text
        assert inferred_badge("link inferred") in text
        assert inferred_badge("element inferred") in text
        # The evidence quote is the finding's evidence field (escaped for Markdown).
        assert "> “CSW – Timescales, tasks, targets”" in text
        assert any(expander.label.startswith("The evidence behind it (2 findings)") for expander in app.expander)

    def test_barrier_element_and_search_filters_and_their_url(self):
        app = open_planner()
        app.multiselect(key="recommendations_barrier").set_value(["F018"]).run()
        assert shown_ids(app) == ["R04", "R06"]
        app.multiselect(key="recommendations_element").set_value(["joint enterprise"]).run()
        app.text_input(key="recommendations_query").input("managers").run()
        assert shown_ids(app) == ["R06"]
        assert url_values(app, "barrier") == ["F018"]
        assert url_values(app, "element") == ["joint enterprise"]
        assert url_values(app, "q") == ["managers"]

    def test_element_filter_has_the_glossary_definition_as_help(self):
        app = open_planner()
        element = app.multiselect(key="recommendations_element")
        assert element.help.startswith("Wenger's idea that people who share a concern")

    def test_no_match_explains_what_to_do_and_clear_brings_everything_back(self):
        app = open_planner({"q": "xylophone"})
        assert shown_ids(app) == []
        assert any("No recommendation matches all of these filters" in info.value for info in app.info)
        app.button(key="recommendations_clear").click().run()
        assert len(shown_ids(app)) == 15
        assert "q" not in app.query_params
        assert app.text_input(key="recommendations_query").value == ""


def markdown_text(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def card_block(app: AppTest, checkbox) -> object:
    """The block that holds a card: the checkbox's parent, found by walking the tree down from the main area."""

    def walk(block):
        children = getattr(block, "children", None) or {}
        if any(child is checkbox for child in children.values()):
            return block
        return next((found for child in children.values() if (found := walk(child)) is not None), None)

    return walk(app.main)


class TestLazyEvidence:
    """A closed evidence box sends nothing inside it; opening it builds the same evidence as before."""

    def test_the_first_view_sends_no_quote_and_no_cite_this(self):
        app = open_planner()
        assert len(app.expander) == 15
        assert all(expander.label.startswith("The evidence behind it") for expander in app.expander)
        assert all(len(expander.children) == 0 for expander in app.expander)
        assert "“CSW – Timescales, tasks, targets”" not in markdown_text(app)
        assert not app.get("popover")
        assert not app.code
        # Title, badges and reasons are one Markdown block per card; the text is all still there.
        assert len(app.markdown) == 15 + 1
        assert "Why — what it addresses" in markdown_text(app)

    def test_a_closed_card_is_its_text_its_tick_and_its_box_on_every_card_of_a_full_page(self):
        rows = "".join(f"X{n},Team,Do thing {n}\n" for n in range(30))
        links = "from_id,to_id,relation\n" + "".join(f"X{n},F1,addresses\n" for n in range(30))
        app = open_planner(state=upload({}, "recommendation_id,audience,text\n" + rows, links))
        card_blocks = [card_block(app, box) for box in app.checkbox]
        assert len(card_blocks) == 20
        for block in card_blocks:
            assert [type(child).__name__ for child in block.children.values()] == ["Markdown", "Checkbox", "Expander"]
            assert block.children[2].label == "The evidence behind it (1 finding)"
            assert not block.children[2].children

    def test_opening_a_box_shows_its_quotes_with_whose_words_and_a_closed_cite_this(self):
        app = open_planner({"audience": CHILDRENS})
        app.session_state[evidence_key("R06")] = True
        app.run()
        # Only the opened card's evidence is built: the other card's box stays empty.
        (opened,) = [expander for expander in app.expander if expander.children]
        inside = "\n".join(m.value for m in opened.markdown)
        assert "**Addresses:** Children's social workers are driven by timescales" in inside
        assert "> *From the researcher's summary of her study:*" in inside
        assert "> “CSW – Timescales, tasks, targets”" in inside
        assert "Why this app links them (inferred): " in inside
        popovers = app.get("popover")
        assert [popover.proto.popover.label for popover in popovers] == ["Cite this", "Cite this"]
        assert all(len(popover.code) == 0 for popover in popovers)

    def test_an_opened_cite_this_gives_the_reference_ris_and_bibtex_of_its_finding(self):
        app = open_planner({"audience": CHILDRENS})
        app.session_state[evidence_key("R06")] = True
        app.session_state[cite_key("R06", 1)] = True
        app.run()
        first, second = app.get("popover")
        plain, ris, bibtex = (code.value for code in first.code)
        assert plain.startswith("Carpenter, Nicola")
        assert plain.endswith("/explore?id=F018")
        assert "UR  - /explore?id=F018" in ris.splitlines()
        assert "url = {/explore?id=F018}" in bibtex
        assert len(second.code) == 0

    def test_an_open_box_stays_open_when_a_filter_keeps_its_card(self):
        app = open_planner()
        app.session_state[evidence_key("R06")] = True
        app.run()
        app.multiselect(key="recommendations_audience").set_value([CHILDRENS]).run()
        assert shown_ids(app) == ["R05", "R06"]
        assert "> “CSW – Timescales, tasks, targets”" in markdown_text(app)

    def test_a_recommendations_own_words_are_quoted_inside_its_box(self):
        state = upload(
            {},
            "recommendation_id,audience,text,evidence,source\nX1,Team,Meet monthly,We should meet every month,Report\n",
        )
        app = open_planner(state=state)
        assert not app.get("popover")
        app.session_state[evidence_key("X1")] = True
        app.run()
        assert "“We should meet every month”" in markdown_text(app)
        (popover,) = app.get("popover")
        assert len(popover.code) == 0
        app.session_state[cite_key("X1", 0)] = True
        app.run()
        assert len(app.get("popover")[0].code) == 3

    def test_box_and_cite_keys_never_clash_whatever_the_ids(self):
        assert cite_key("R1_1", 1) != cite_key("R1", 11)
        assert evidence_key("R06") != cite_key("R06", 0)


class TestUrl:
    def test_a_shared_link_reopens_the_same_selection(self):
        app = open_planner({"audience": [CHILDRENS, LA], "element": "joint enterprise"})
        assert app.multiselect(key="recommendations_audience").value == [CHILDRENS, LA]
        assert shown_ids(app) == ["R04", "R05", "R06"]
        assert notices(app) == []

    def test_tampered_values_are_dropped_with_a_quiet_notice(self):
        app = open_planner(
            {
                "audience": [CHILDRENS, "<script>alert(1)</script>"],
                "barrier": ["F999"],
                "element": ["world peace"],
            }
        )
        assert shown_ids(app) == ["R05", "R06"]
        assert app.multiselect(key="recommendations_barrier").value == []
        (notice,) = notices(app)
        assert "audience: &lt;script&gt;alert" in notice
        assert "<script>" not in notice
        assert "barrier: F999" in notice
        assert "world peace" in notice
        assert url_values(app, "audience") == [CHILDRENS]
        assert "barrier" not in app.query_params

    def test_an_overlong_search_in_the_link_is_cut(self):
        app = open_planner({"q": "a" * 5000})
        assert len(app.text_input(key="recommendations_query").value) == 200


class TestPlan:
    def test_ticking_adds_to_the_shared_plan_and_shows_the_editor(self):
        app = open_planner({"audience": CHILDRENS})
        assert any("Your plan is empty" in info.value for info in app.info)
        app.checkbox(key="recommendations_pick_R05").check().run()
        app.checkbox(key="recommendations_pick_R06").check().run()
        assert app.session_state[ACTION_PLAN] == ["R05", "R06"]
        (editor,) = app.dataframe
        assert editor.value["recommendation_id"].tolist() == ["R05", "R06"]
        # Word and PDF to edit and print, CSV for a spreadsheet, Markdown as before.
        assert [button.proto.label for button in app.get("download_button")] == [
            "Download the plan to edit in Word (.docx)",
            "Download the plan to print (PDF)",
            "Download the plan for a spreadsheet (CSV)",
            "Download the plan as a document (Markdown)",
        ]
        app.checkbox(key="recommendations_pick_R05").uncheck().run()
        assert app.session_state[ACTION_PLAN] == ["R06"]

    def test_ids_added_elsewhere_show_ticked_and_unknown_ids_are_dropped_quietly(self):
        app = open_planner(state={ACTION_PLAN: ["R03", "R99", "R05", "R03"]})
        assert app.checkbox(key="recommendations_pick_R03").value is True
        assert app.checkbox(key="recommendations_pick_R05").value is True
        assert app.checkbox(key="recommendations_pick_R06").value is False
        (editor,) = app.dataframe
        assert editor.value["recommendation_id"].tolist() == ["R03", "R05"]
        assert not app.warning
        assert not app.error

    def test_saved_details_fill_the_editor_and_survive_taking_an_item_out(self):
        details = pd.DataFrame(
            [{"recommendation_id": "R06", "owner": "Sam", "due_date": None, "first_step": "Agenda", "notes": ""}]
        )
        app = open_planner(state={ACTION_PLAN: ["R05", "R06"], ACTION_PLAN_DETAILS: details})
        (editor,) = app.dataframe
        assert editor.value.set_index("recommendation_id").loc["R06", "owner"] == "Sam"
        app.selectbox(key="recommendations_remove_choice").select("R06").run()
        app.button(key="recommendations_remove").click().run()
        assert app.session_state[ACTION_PLAN] == ["R05"]
        app.checkbox(key="recommendations_pick_R06").check().run()
        (editor,) = app.dataframe
        assert editor.value.set_index("recommendation_id").loc["R06", "first_step"] == "Agenda"

    def test_empty_the_plan(self):
        app = open_planner(state={ACTION_PLAN: ["R01", "R02"]})
        assert app.button(key="recommendations_empty").label == "Clear the plan"
        app.button(key="recommendations_empty").click().run()
        assert app.session_state[ACTION_PLAN] == []
        assert not app.dataframe

    def test_add_all_shown_adds_the_filtered_recommendations_and_then_says_they_are_in(self):
        app = open_planner({"audience": MHIF}, state={ACTION_PLAN: ["R05"]})
        button = app.button(key="recommendations_add_all")
        assert button.label == "Add all 7 shown to my plan"
        button.click().run()
        assert app.session_state[ACTION_PLAN] == ["R05", *(f"R{n:02}" for n in range(9, 16))]
        assert all(app.checkbox(key=f"recommendations_pick_R{n:02}").value for n in range(9, 16))
        (editor,) = app.dataframe
        assert len(editor.value) == 8
        assert app.button(key="recommendations_add_all").label == "All shown are in your plan"
        assert app.button(key="recommendations_add_all").disabled
        assert [toast.value for toast in app.toast] == ["Added 7 to your plan."]

    def test_add_all_then_clear_leaves_an_upload_plan_alone(self):
        state = upload({ACTION_PLAN: ["R05"]}, "recommendation_id,audience,text\nX1,Team,One\nX2,Team,Two\n")
        app = open_planner(state=state)
        app.button(key="recommendations_add_all").click().run()
        assert app.session_state[ACTION_PLAN] == ["R05", "X1", "X2"]
        app.button(key="recommendations_empty").click().run()
        assert app.session_state[ACTION_PLAN] == ["R05"]
        assert any("Your plan is empty" in info.value for info in app.info)

    def test_add_all_takes_every_page_of_results(self):
        rows = "".join(f"X{n},Team {n % 2},Do thing {n}\n" for n in range(50))
        app = open_planner(state=upload({}, "recommendation_id,audience,text\n" + rows))
        app.multiselect(key="recommendations_audience").set_value(["Team 0"]).run()
        assert len(shown_ids(app)) == 20
        app.button(key="recommendations_add_all").click().run()
        assert app.session_state[ACTION_PLAN] == [f"X{n}" for n in range(0, 50, 2)]


class TestAnyDataset:
    def test_a_dataset_without_recommendations_says_what_to_do(self):
        app = open_planner(state=upload({}, None))
        assert any("no recommendations" in info.value for info in app.info)
        assert shown_ids(app) == []
        assert app.multiselect(key="recommendations_audience").disabled

    def test_plan_ids_from_the_bundled_study_are_ignored_for_an_upload(self):
        state = upload({ACTION_PLAN: ["R05"]}, "recommendation_id,audience,text\nX1,Équipe 🌍,نص عربي\n")
        app = open_planner(state=state)
        assert shown_ids(app) == ["X1"]
        assert not app.dataframe
        assert app.session_state[ACTION_PLAN] == ["R05"]

    def test_thousands_of_recommendations_are_paged(self):
        rows = "".join(f"X{n},Team {n % 12},Do thing {n}\n" for n in range(5000))
        links = "from_id,to_id,relation\n" + "".join(f"X{n},F1,addresses\n" for n in range(0, 5000, 7))
        app = open_planner(state=upload({}, "recommendation_id,audience,text\n" + rows, links))
        assert len(shown_ids(app)) == 20
        assert len(app.multiselect(key="recommendations_audience").options) == 12
        app.multiselect(key="recommendations_barrier").set_value(["F1"]).run()
        assert "715 of 5000 recommendations match your filters." in count_line(app)
        app.selectbox(key="recommendations_page").select(36).run()
        assert shown_ids(app) == [f"X{n}" for n in range(4900, 5000, 7)]


@pytest.mark.parametrize("audience", ["", "   "])
def test_blank_url_values_are_harmless(audience):
    app = open_planner({"audience": audience, "q": audience})
    assert len(shown_ids(app)) == 15
