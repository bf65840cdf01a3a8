"""Self-assessment page in AppTest: rate every statement, read the tailored list, add it to the plan."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.assessment.recommendation_map import ALL_AUDIENCES
from components.assessment.scale import plain_label
from components.data.load import build_dataset, load_dataset_dir
from components.shared.session_keys import ACTION_PLAN, ASSESSMENT_ANSWERS, ASSESSMENT_CHART_TABLE_BOX, UPLOADED_DATASET
from tests.pages.apptest import open_app_page

PAGE = "pages/self-assessment.py"

# A team strong on relationships and knowledge, weak on priority and wellbeing.
RATINGS = {
    "A01": "fully",
    "A02": "partly",
    "A03": "fully",
    "A04": "fully",
    "A05": "fully",
    "A06": "partly",
    "A07": "not in place",
    "A08": "partly",
    "A09": "don't know",
    "A10": "partly",
    "A11": "fully",
    "A12": "fully",
}


def open_page(session: dict | None = None) -> AppTest:
    return open_app_page(PAGE, state=session)


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def rate(app: AppTest, ratings: dict[str, str]) -> AppTest:
    for item_id, rating in ratings.items():
        app.radio(key=f"self_assessment_rating_{item_id}").set_value(rating)
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def open_box(app: AppTest, key: str) -> AppTest:
    """Open a lazy box (expander or "Cite this" popover) as a click would: its key holds its open state."""
    app.session_state[key] = True
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def plain(text: str) -> str:
    """Undo escape_markdown's backslashes, to compare page text with data."""
    return text.replace("\\", "")


class TestForm:
    def test_every_statement_is_offered_on_the_four_point_scale(self):
        app = open_page()
        items = load_dataset_dir().assessment_items
        assert len(app.radio) == len(items)
        for radio in app.radio:
            assert radio.options == ["Not in place", "Partly", "Fully in place", "Don't know"]
            assert radio.value is None
        assert [header.value for header in app.subheader][:5] == [
            "Knowing the other service",
            "Relationships and contact",
            "Priority and ownership",
            "Wellbeing",
            "The whole family",
        ]

    def test_the_honest_note_and_the_evidence_are_on_the_page(self):
        app = open_page()
        note = app.info[0].value
        assert "one small study (Carpenter (2019): 8 interviews)" in plain(note)
        assert "not percentages of people" in note
        assert "stay in this browser session" in note
        assert any(expander.label == "Where this comes from (F029)" for expander in app.expander)
        # The finding's verbatim evidence sits in its expander, built when the box is opened.
        open_box(app, "self_assessment_source_A04")
        assert "“Face to face contact builds relationships”" in markdown_text(app)

    def test_before_any_rating_there_is_a_prompt_and_no_plan_button(self):
        app = open_page()
        assert "Rate at least one statement" in markdown_text(app)
        assert not [button for button in app.button if button.key == "self_assessment_add_to_plan"]
        assert "0 of 12 statements rated." in markdown_text(app)


class TestTailoredList:
    def test_answering_every_item_shows_the_two_weakest_areas_first_with_their_recommendations(self):
        app = rate(open_page(), RATINGS)
        text = plain(markdown_text(app))
        assert "12 of 12 statements rated." in text
        assert "Your 2 weakest areas" in [header.value for header in app.subheader]
        assert "**Your weakest areas: Priority and ownership (0.5 out of 2) and Wellbeing (1 out of 2).**" in text
        # Priority: (0 + 1) / 2 = 0.5, A09 don't know left out. Wellbeing: 1. The rest score higher.
        area_titles = [element.value for element in app.markdown if element.value.startswith("### ")]
        assert area_titles == ["### 1. Priority and ownership", "### 2. Wellbeing"]
        assert "Score: **0.5 out of 2** (2 statements rated, 1 don't know)." in text
        assert "Score: **1 out of 2** (1 statement rated)." in text
        assert "Our service makes collaboration with the other service a priority. — _not in place_" in text
        # The tailored list: R03 and R06 address F016, R04 and R06 address F018 and R04 addresses F019.
        recommendations = load_dataset_dir().recommendations.set_index("recommendation_id")
        for rec_id in ("R03", "R06", "R04"):
            assert f"**{recommendations.loc[rec_id, 'text']}**" in text
        assert "For: Children's social care" in text
        assert "Why it is here: it addresses “Neither service makes collaboration a priority”" in text
        assert "F016 (" not in text  # findings are named by their words, not their ids
        assert "inferred link" in text
        button = app.button(key="self_assessment_add_to_plan")
        assert button.label == "Add these 3 recommendations to my action plan"

    def test_other_areas_follow_in_rank_order(self):
        app = rate(open_page(), RATINGS)
        labels = [plain(expander.label) for expander in app.expander if " · " in expander.label]
        assert labels == [
            "3 · Knowing the other service: 1.67 out of 2",
            "4 · Relationships and contact: 1.67 out of 2",
            "5 · The whole family: 2 out of 2",
        ]

    def test_the_chart_and_its_text_alternative_follow_the_scores(self):
        app = rate(open_page(), RATINGS)
        charts = app.get("plotly_chart")
        assert len(charts) == 1
        text = plain(markdown_text(app))
        assert (
            "Scores by theme, weakest first (mean of your ratings, out of 2): Priority and ownership 0.5 out of 2; "
            "Wellbeing 1 out of 2; Knowing the other service 1.67 out of 2" in text
        )
        assert "%" not in text.split("Scores by theme")[1].split("\n")[0]

    def test_the_charts_numbers_are_sent_only_when_their_box_is_opened(self):
        app = rate(open_page(), RATINGS)
        assert not app.dataframe
        table = open_box(app, ASSESSMENT_CHART_TABLE_BOX).dataframe[0].value
        assert list(table.iloc[:, 1])[:2] == ["Priority and ownership", "Wellbeing"]

    def test_the_button_adds_to_the_action_plan_without_duplicates(self):
        app = rate(open_page({ACTION_PLAN: ["R10", "R06"]}), RATINGS)
        app.button(key="self_assessment_add_to_plan").click().run()
        assert app.session_state[ACTION_PLAN] == ["R10", "R06", "R03", "R04"]
        assert app.success[0].value == "Added 2 recommendations to your action plan; 1 already there."
        app.button(key="self_assessment_add_to_plan").click().run()
        assert app.session_state[ACTION_PLAN] == ["R10", "R06", "R03", "R04"]
        assert "Your action plan holds 4 recommendations." in markdown_text(app)

    def test_answers_are_kept_in_the_session_and_restored(self):
        app = open_page({ASSESSMENT_ANSWERS: {"A07": "not in place", "A10": "partly"}})
        assert app.radio(key="self_assessment_rating_A07").value == "not in place"
        assert app.radio(key="self_assessment_rating_A10").value == "partly"
        assert "### 1. Priority and ownership" in markdown_text(app)
        app.radio(key="self_assessment_rating_A01").set_value("fully").run()
        assert app.session_state[ASSESSMENT_ANSWERS] == {"A01": "fully", "A07": "not in place", "A10": "partly"}

    def test_clear_all_answers_empties_the_form(self):
        app = rate(open_page(), {"A01": "partly", "A02": "fully"})
        app.button(key="self_assessment_clear").click().run()
        assert app.session_state[ASSESSMENT_ANSWERS] == {}
        assert all(radio.value is None for radio in app.radio)

    def test_a_team_with_everything_fully_in_place_has_no_weak_area(self):
        app = rate(open_page(), {"A01": "fully", "A04": "fully"})
        assert "**Every statement you rated is fully in place.**" in markdown_text(app)
        assert not [button for button in app.button if button.key == "self_assessment_add_to_plan"]
        assert len(app.get("plotly_chart")) == 1

    def test_dont_know_only_is_not_scored(self):
        app = rate(open_page(), {"A01": "don't know"})
        assert "Rate at least one statement (other than don't know)" in markdown_text(app)


UPLOAD_FINDINGS = """finding_id,group,category,theme,statement,evidence
B1,Team A,barrier,Time pressure,We never have time to meet.,no time ever
E1,Team B,enabler,Contact,Meeting in person helps.,meet up
P1,Team B,purpose,Why,Collaboration shares risk.,share risk
"""
UPLOAD_RECOMMENDATIONS = """recommendation_id,audience,text,evidence
R1,Managers,Protect an hour a week for joint work.,protect an hour
"""
UPLOAD_LINKS = """from_id,to_id,relation
E1,B1,overcomes
R1,B1,addresses
"""


class TestOtherDatasets:
    def uploaded(self, findings: str, **extra: str):
        files = {"findings.csv": findings.encode()}
        files.update({f"{name}.csv": text.encode() for name, text in extra.items()})
        return build_dataset(files, name="Our team data")

    def test_an_upload_gets_derived_statements_and_says_so(self):
        dataset = self.uploaded(UPLOAD_FINDINGS, recommendations=UPLOAD_RECOMMENDATIONS, links=UPLOAD_LINKS)
        app = open_page({UPLOADED_DATASET: dataset})
        assert [radio.key for radio in app.radio] == ["self_assessment_rating_E1", "self_assessment_rating_B1"]
        assert any("derived from its barrier and enabler findings" in info.value for info in app.info)
        assert "the findings in this dataset (Our team data)" in plain(app.info[0].value)
        assert "small study" not in app.info[0].value
        text = plain(markdown_text(app))
        assert "How true is this of your service? — Meeting in person helps." in text
        # An enabler's gap reaches the recommendation that addresses the barrier it overcomes.
        rate(app, {"E1": "not in place", "B1": "fully"})
        text = plain(markdown_text(app))
        assert "**Protect an hour a week for joint work.**" in text
        assert (
            "Why it is here: it addresses “We never have time to meet”, which “Meeting in person helps” overcomes."
            in text
        )

    def test_an_upload_without_recommendations_still_scores(self):
        app = open_page({UPLOADED_DATASET: self.uploaded(UPLOAD_FINDINGS)})
        rate(app, {"E1": "partly"})
        assert "No recommendation in this dataset is linked" in markdown_text(app)
        assert not [button for button in app.button if button.key == "self_assessment_add_to_plan"]

    def test_an_upload_with_nothing_to_rate_says_what_to_do(self):
        findings = "finding_id,group,category,theme,statement\nP1,A,purpose,Why,Shares risk.\n"
        app = open_page({UPLOADED_DATASET: self.uploaded(findings)})
        assert not app.radio
        assert "Add findings with the category 'barrier' or 'enabler'" in app.warning[0].value

    @pytest.mark.parametrize("text", ["<script>alert(1)</script>", "[click](javascript:alert(1))", "مرحبا 👋"])
    def test_hostile_or_unusual_text_is_shown_as_text(self, text):
        findings = f'finding_id,group,category,theme,statement\nE1,A,enabler,"{text}","{text}"\n'
        app = open_page({UPLOADED_DATASET: self.uploaded(findings)})
        rate(app, {"E1": "partly"})
        assert not app.exception
        for element in app.markdown:
            assert "](javascript" not in element.value
            assert "<script>" not in element.value
        assert app.radio(key="self_assessment_rating_E1").label == plain_label(
            f"How true is this of your service? — {text}"
        )


class TestAudienceChoice:
    """A team lead chooses whose recommendations to see; the choice lives in the URL."""

    CHILDRENS = "Children's social care"

    def recommendation_lines(self, app: AppTest) -> list[str]:
        return [plain(element.value) for element in app.markdown if "For: " in element.value]

    def test_all_audiences_by_default_with_the_audience_on_each(self):
        app = rate(open_page(), RATINGS)
        picker = app.selectbox(key="self_assessment_audience")
        assert picker.value == ALL_AUDIENCES
        assert picker.options[0] == "All audiences"
        lines = self.recommendation_lines(app)
        assert lines
        audiences = {line.split("For: ")[1].split("]")[0] for line in lines}
        assert len(audiences) > 1
        assert "audience" not in app.query_params

    def test_choosing_an_audience_keeps_only_its_recommendations_and_writes_the_url(self):
        app = rate(open_page(), RATINGS)
        app.selectbox(key="self_assessment_audience").set_value(self.CHILDRENS).run()
        assert not app.exception
        lines = self.recommendation_lines(app)
        assert lines
        assert all(f"For: {self.CHILDRENS}]" in line for line in lines)
        assert app.query_params["audience"] == self.CHILDRENS
        assert any("for other audiences" in element.value for element in app.markdown)

    def test_a_link_with_an_audience_reopens_that_choice(self):
        app = open_app_page(PAGE, query={"audience": self.CHILDRENS})
        assert app.selectbox(key="self_assessment_audience").value == self.CHILDRENS
        rate(app, RATINGS)
        assert all(f"For: {self.CHILDRENS}]" in line for line in self.recommendation_lines(app))

    def test_an_unknown_audience_in_a_link_is_named_and_ignored(self):
        app = open_app_page(PAGE, query={"audience": "Nobody"})
        assert app.selectbox(key="self_assessment_audience").value == ALL_AUDIENCES
        assert any("Nobody" in caption.value for caption in app.caption)


class TestAreaPassages:
    def test_every_ranked_area_can_be_picked_and_shows_its_items_source_passages(self):
        app = rate(open_page(), RATINGS)
        picker = app.selectbox(key="self_assessment_area")
        assert picker.value is None
        assert picker.options[:2] == ["Priority and ownership", "Wellbeing"]
        picker.set_value("Wellbeing").run()
        assert not app.exception
        finding = load_dataset_dir().findings.set_index("finding_id").loc["F019"]
        assert f"“{finding['evidence']}”" in plain(markdown_text(app))
        assert "Your rating: Partly" in plain(markdown_text(app))


def expander_labelled(app: AppTest, label: str):
    return next(expander for expander in app.expander if plain(expander.label) == label)


UPLOAD_TWO_AREAS = """finding_id,group,category,theme,statement,evidence
B1,Team A,barrier,Time pressure,We never have time to meet.,no time ever
B2,Team B,barrier,Distance,Our offices are far apart.,miles apart
"""
# R1's words are the app's summary, not the source's, so its source passage sits in a box of its own.
UPLOAD_SHARED_RECOMMENDATION = """recommendation_id,audience,text,evidence
R1,Managers,Protect an hour a week for joint work.,protect an hour
"""
UPLOAD_SHARED_LINKS = """from_id,to_id,relation
R1,B1,addresses
R1,B2,addresses
"""


class TestLazyBoxes:
    """Closed boxes and "Cite this" popovers send nothing until opened; opened, they show what they showed."""

    def test_the_first_view_sends_no_evidence_and_no_citation(self):
        app = open_page()
        sources = [expander for expander in app.expander if expander.label.startswith("Where this comes from")]
        assert len(sources) == 12
        assert all(not expander.children for expander in sources)
        assert not app.code
        assert not [element for element in app.markdown if element.value.startswith(">")]
        assert "Cite this" not in str(app.get("popover"))

    def test_opening_a_statements_box_shows_why_the_finding_and_a_closed_cite_this(self):
        app = open_box(open_page(), "self_assessment_source_A04")
        box = expander_labelled(app, "Where this comes from (F029)")
        text = "\n".join(element.value for element in box.markdown)
        assert "_Why this statement:_ Face to face contact was named as something that builds relationships" in plain(
            text
        )
        assert "“Face to face contact builds relationships”" in text
        assert "> *From the researcher's summary of her study:*" in text
        assert not app.code  # its "Cite this" is still closed
        # The other statements' boxes stay closed and empty.
        assert not expander_labelled(app, "Where this comes from (F015)").children

    def test_cite_this_in_a_statements_box_gives_the_reference_ris_and_bibtex(self):
        app = open_box(open_page(), "self_assessment_source_A04")
        open_box(app, "self_assessment_cite_item|A04")
        codes = [element.value for element in app.code]
        assert len(codes) == 3
        assert codes[0].startswith("Carpenter, Nicola")
        assert codes[1].startswith("TY  - ")
        assert codes[2].startswith("@unpublished{")
        assert "F029" in codes[2]

    def test_another_area_is_built_when_its_box_is_opened(self):
        app = rate(open_page(), RATINGS)
        label = "3 · Knowing the other service: 1.67 out of 2"
        assert not expander_labelled(app, label).children
        assert "Score: **1.67 out of 2**" not in markdown_text(app)
        open_box(app, "self_assessment_other_area_Knowing the other service")
        text = "\n".join(element.value for element in expander_labelled(app, label).markdown)
        assert "Score: **1.67 out of 2** (3 statements rated)." in text
        assert "**Where you are not there yet:**" in text
        # The other areas stay closed.
        assert not expander_labelled(app, "5 · The whole family: 2 out of 2").children

    def test_an_areas_source_passages_box_opens_with_each_passage_and_a_lazy_cite_this(self):
        app = rate(open_page(), RATINGS)
        app.selectbox(key="self_assessment_area").set_value("Wellbeing").run()
        app.run()  # the dialog shows on the run after the pick only
        box = expander_labelled(app, "Source passages: Wellbeing")
        assert not box.children
        open_box(app, "self_assessment_area_box")
        box = expander_labelled(app, "Source passages: Wellbeing")
        finding = load_dataset_dir().findings.set_index("finding_id").loc["F019"]
        text = plain("\n".join(element.value for element in box.markdown))
        assert f"“{finding['evidence']}”" in text
        assert "Your rating: Partly" in text
        assert not box.code
        item_id = load_dataset_dir().assessment_items.set_index("finding_id").loc["F019", "item_id"]
        open_box(app, f"self_assessment_cite_passage|{item_id}")
        assert len(expander_labelled(app, "Source passages: Wellbeing").code) == 3

    def test_a_recommendation_answering_two_areas_has_its_own_source_box_in_each(self):
        files = {
            "findings.csv": UPLOAD_TWO_AREAS.encode(),
            "recommendations.csv": UPLOAD_SHARED_RECOMMENDATION.encode(),
            "links.csv": UPLOAD_SHARED_LINKS.encode(),
        }
        dataset = build_dataset(files, name="Two areas")
        app = rate(open_page({UPLOADED_DATASET: dataset}), {"B1": "not in place", "B2": "partly"})
        boxes = [expander for expander in app.expander if expander.label == "Source passage for R1"]
        assert len(boxes) == 2
        assert all(not box.children for box in boxes)
        open_box(app, "self_assessment_rec_source_Distance|R1")
        opened = [box for box in app.expander if box.label == "Source passage for R1" and box.children]
        assert len(opened) == 1
        assert "“protect an hour”" in opened[0].markdown[0].value


class TestRerunWork:
    """A rerun that changes no answer (a box or "Cite this" opened) reuses the results and the chart."""

    def kept(self, app: AppTest, name: str):
        return app.session_state["self_assessment_last_views"][name][1]

    def test_opening_a_box_reuses_the_results_and_the_chart(self):
        app = rate(open_page(), RATINGS)
        results_before, chart_before = self.kept(app, "results"), self.kept(app, "score chart")
        open_box(app, "self_assessment_source_A01")
        assert self.kept(app, "results") is results_before
        assert self.kept(app, "score chart") is chart_before
        assert "Your 2 weakest areas" in [header.value for header in app.subheader]

    def test_a_new_rating_makes_new_results_and_the_page_shows_them(self):
        app = rate(open_page(), RATINGS)
        results_before = self.kept(app, "results")
        rate(app, {"A07": "fully", "A09": "fully"})  # Priority and ownership is now fully in place
        assert self.kept(app, "results") is not results_before
        area_titles = [element.value for element in app.markdown if element.value.startswith("### ")]
        assert area_titles == ["### 1. Wellbeing", "### 2. Knowing the other service"]
        assert app.session_state[ASSESSMENT_ANSWERS]["A07"] == "fully"

    def test_another_dataset_with_the_same_answers_gets_its_own_results(self):
        app = rate(open_page(), {"A01": "partly"})
        assert "### 1. Knowing the other service" in markdown_text(app)
        files = {"findings.csv": UPLOAD_FINDINGS.encode()}
        app.session_state[UPLOADED_DATASET] = build_dataset(files, name="Our team data")
        app.run()
        rate(app, {"E1": "partly"})
        assert "### 1. Contact" in markdown_text(app)
        assert "### 1. Knowing the other service" not in markdown_text(app)
