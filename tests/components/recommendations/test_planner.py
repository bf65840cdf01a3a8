"""The recommendations planner's logic: reasons through links, filters, the plan and both exports."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from components.data.model import StudyLens
from components.recommendations import planner
from components.shared import action_plan
from tests.components.recommendations.plan_data import CHILDRENS, LA, ids, make_dataset


class TestReasons:
    def test_joins_links_to_the_findings_verbatim_evidence(self, study):
        reasons = planner.reasons(study)
        r06 = reasons.loc[reasons["recommendation_id"] == "R06"]
        assert r06["finding_id"].tolist() == ["F018", "F016"]
        assert set(r06["relation"]) == {"addresses"}
        evidence = study.findings.set_index("finding_id").loc["F018", "evidence"]
        assert r06.iloc[0]["evidence"] == evidence
        assert r06.iloc[0]["link_basis"] == "inferred"

    def test_builds_on_links_are_kept_apart_from_addresses(self, study):
        r09 = planner.reasons(study).query("recommendation_id == 'R09'")
        assert set(r09["relation"]) == {"builds on"}
        assert "F029" not in planner.barrier_options(study)

    def test_links_to_unknown_ids_and_from_findings_are_left_out(self):
        dataset = make_dataset(
            "recommendation_id,audience,text\nR1,Team A,Make time\n",
            "from_id,to_id,relation\nR1,F1,Addresses \nF3,F1,overcomes\n",
        )
        # The loader rejects dangling ids; a dataset built another way must still not break the page.
        dangling = pd.DataFrame(
            [{"_row": "9", "from_id": "R1", "to_id": "F404", "relation": "addresses", "basis": "", "note": ""}]
        )
        dataset = dataclasses.replace(dataset, links=pd.concat([dataset.links, dangling], ignore_index=True))
        reasons = planner.reasons(dataset)
        assert reasons[["recommendation_id", "finding_id", "relation"]].values.tolist() == [["R1", "F1", "addresses"]]

    def test_no_links_file_gives_an_empty_frame_with_columns(self):
        dataset = make_dataset("recommendation_id,audience,text\nR1,Team A,Make time\n")
        reasons = planner.reasons(dataset)
        assert reasons.empty
        assert list(reasons.columns) == list(planner.REASON_COLUMNS)
        assert planner.barrier_options(dataset) == []

    def test_barrier_options_follow_findings_order_and_labels_name_the_group(self, study):
        options = planner.barrier_options(study)
        assert options == sorted(options)
        assert "F018" in options
        assert "F027" not in options
        labels = planner.barrier_labels(study, options)
        assert labels["F018"] == "CSW: Children's social workers are driven by timescales, tasks and targets."
        assert all(len(label) <= planner.MAX_LABEL_CHARS for label in labels.values())
        assert labels["F015"].endswith("…")
        assert planner.barrier_labels(study, ["F999"]) == {"F999": "F999"}

    def test_element_options_in_wenger_order_only_when_used(self, study):
        assert planner.element_options(study) == ["mutual engagement", "joint enterprise", "shared repertoire"]
        bare = make_dataset("recommendation_id,audience,text\nR1,Team A,Make time\n")
        assert planner.element_options(bare) == []

    def test_element_options_follow_the_studys_own_lens_order(self, study):
        # The order comes from study.json's `lens`, not from code: a lens listing them otherwise reorders them.
        reordered = StudyLens(name="Shared practice", elements=("shared repertoire", "mutual engagement"))
        other = dataclasses.replace(study, study=dataclasses.replace(study.study, lens=reordered))
        assert planner.element_options(other) == ["shared repertoire", "mutual engagement"]


class TestFilter:
    def test_no_filters_shows_everything(self, study):
        assert len(planner.filter_recommendations(study)) == 15

    def test_audience_shows_only_that_audiences_recommendations(self, study):
        assert ids(planner.filter_recommendations(study, audiences=[CHILDRENS])) == ["R05", "R06"]

    def test_two_audiences_show_both_in_data_order(self, study):
        matched = planner.filter_recommendations(study, audiences=[CHILDRENS, LA])
        assert ids(matched) == ["R01", "R02", "R03", "R04", "R05", "R06"]

    def test_barrier_matches_through_addresses_links(self, study):
        assert ids(planner.filter_recommendations(study, barriers=["F018"])) == ["R04", "R06"]

    def test_barrier_and_audience_combine(self, study):
        assert ids(planner.filter_recommendations(study, audiences=[CHILDRENS], barriers=["F016"])) == ["R06"]

    def test_element_filter(self, study):
        matched = planner.filter_recommendations(study, elements=["joint enterprise"])
        assert ids(matched) == ["R04", "R05", "R06", "R12"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("supervision", ["R04", "R08"]),
            ("SUPERVISION groups", ["R08"]),
            # Curly apostrophe in the data, straight one typed: fold makes them meet.
            ("CHILDREN'S AND ADULTS'", ["R03"]),
            # Found through the statement of the finding it builds on.
            ("face-to-face", ["R09", "R12"]),
            ("   ", [f"R{n:02d}" for n in range(1, 16)]),
            ("no such words here", []),
        ],
    )
    def test_search_folds_and_needs_every_word(self, study, query, expected):
        assert ids(planner.filter_recommendations(study, query=query)) == expected

    def test_nothing_matches_gives_an_empty_frame(self, study):
        matched = planner.filter_recommendations(study, audiences=[CHILDRENS], elements=["shared repertoire"])
        assert matched.empty

    def test_unicode_and_rtl_text_is_searchable(self):
        dataset = make_dataset(
            "recommendation_id,audience,text\nR1,فريق الأسرة,تحسين التواصل 🤝\nR2,Équipe,Réunion mensuelle\n"
        )
        assert ids(planner.filter_recommendations(dataset, query="التواصل")) == ["R1"]
        assert ids(planner.filter_recommendations(dataset, audiences=["Équipe"], query="RÉUNION")) == ["R2"]

    def test_summary_counts(self):
        assert planner.match_summary(15, 15, []) == "Showing all 15 recommendations."
        assert planner.match_summary(2, 15, [CHILDRENS]) == "2 of 15 recommendations match your filters."
        assert planner.match_summary(1, 15, []) == "1 of 15 recommendations matches your filters."

    def test_pages_keep_long_lists_light(self):
        frame = pd.DataFrame({"recommendation_id": [f"R{n}" for n in range(45)]})
        assert planner.page_count(45) == 3
        assert planner.page_count(0) == 1
        assert ids(planner.page_slice(frame, 3)) == [f"R{n}" for n in range(40, 45)]
        assert ids(planner.page_slice(frame, 99)) == ids(planner.page_slice(frame, 3))


class TestPlan:
    def test_add_all_shown_adds_every_match_once_after_what_is_there(self, study):
        matches = planner.filter_recommendations(study, audiences=["Mental Health in Families team"])
        assert len(matches) == 7
        plan, added = action_plan.add_all_to_plan(["R05", "R10"], matches["recommendation_id"])
        assert plan == ["R05", "R10", "R09", "R11", "R12", "R13", "R14", "R15"]
        assert added == ["R09", "R11", "R12", "R13", "R14", "R15"]
        assert action_plan.add_all_to_plan(plan, matches["recommendation_id"]) == (plan, [])
        assert action_plan.add_all_to_plan(None, ["R01"]) == (["R01"], ["R01"])

    def test_add_all_takes_every_page_of_matches_not_only_the_one_on_screen(self):
        rows = "".join(f"X{n},Team,Do thing {n}\n" for n in range(45))
        dataset = make_dataset("recommendation_id,audience,text\n" + rows)
        matches = planner.filter_recommendations(dataset)
        assert len(planner.page_slice(matches, 1)) == planner.PAGE_SIZE
        plan, added = action_plan.add_all_to_plan([], matches["recommendation_id"])
        assert plan == [f"X{n}" for n in range(45)]
        assert added == plan

    def test_editor_table_types_do_not_change_when_a_date_is_typed(self, study):
        """The data editor is identified by its column types: a first due date must not make a new one."""
        empty = planner.editor_table(planner.plan_table(study, ["R05", "R06"], None))
        details = pd.DataFrame(
            {
                "recommendation_id": ["R05"],
                "owner": ["Sam"],
                "due_date": [dt.date(2027, 3, 31)],
                "first_step": [""],
                "notes": [""],
            }
        )
        dated = planner.editor_table(planner.plan_table(study, ["R05", "R06"], details))
        assert empty.dtypes.to_dict() == dated.dtypes.to_dict()
        assert dated.loc[0, "due_date"] == dt.date(2027, 3, 31)
        assert pd.isna(dated.loc[1, "due_date"])

    def test_signature_changes_with_the_plan(self):
        assert planner.plan_signature(["R01", "R02"]) != planner.plan_signature(["R02", "R01"])
        assert planner.plan_signature(["R01"]) == planner.plan_signature(["R01"])

    def test_plan_table_keeps_plan_order_and_fills_saved_details(self, study):
        details = pd.DataFrame(
            [{"recommendation_id": "R06", "owner": "Sam", "due_date": "2027-03-01", "first_step": "Ask", "notes": ""}]
        )
        table = planner.plan_table(study, ["R06", "R05", "R99"], details)
        assert list(table.columns) == list(planner.PLAN_COLUMNS)
        assert ids(table) == ["R06", "R05"]
        assert table.iloc[0]["owner"] == "Sam"
        assert table.iloc[0]["due_date"] == dt.date(2027, 3, 1)
        assert table.iloc[1]["owner"] == ""
        assert table.iloc[1]["due_date"] is None
        assert table.iloc[0]["audience"] == CHILDRENS

    def test_details_of_an_item_taken_out_are_kept_for_when_it_returns(self, study):
        table = planner.plan_table(study, ["R05", "R06"], None)
        table.loc[1, "owner"] = "Priya"
        details = action_plan.update_details(None, table)
        smaller = planner.plan_table(study, ["R05"], details)
        details = action_plan.update_details(details, smaller)
        again = planner.plan_table(study, ["R05", "R06"], details)
        assert again.set_index("recommendation_id").loc["R06", "owner"] == "Priya"


class TestReasonsUseTheLinkIndex:
    def test_reasons_come_from_the_loaders_link_index_not_the_links_table(self, study):
        """Every feature reads links through Dataset.link_index: a links table changed afterwards is not read."""
        emptied = dataclasses.replace(study, links=study.links.iloc[0:0])
        assert planner.reasons(emptied).equals(planner.reasons(study))

    def test_an_uploaded_relation_in_any_case_counts_as_addresses(self):
        dataset = make_dataset(
            "recommendation_id,audience,text\nR1,Team A,Make time\n",
            "from_id,to_id,relation\nR1,F1,ADDRESSES\nR1,F1,addresses\nR1,F3,Builds  On\n",
        )
        reasons = planner.reasons(dataset)
        # The two spellings of one link are one reason.
        assert reasons[["finding_id", "relation"]].values.tolist() == [["F1", "addresses"], ["F3", "builds on"]]
        assert planner.barrier_options(dataset) == ["F1"]


class TestPlannerView:
    def test_groups_each_recommendations_reasons_in_link_order(self, study):
        view = planner.planner_view(study)
        assert [item["finding_id"] for item in view.by_recommendation["R06"]] == ["F018", "F016"]
        assert sum(len(items) for items in view.by_recommendation.values()) == len(view.reasons)
        assert view.barrier_options == planner.barrier_options(study)
        assert view.barrier_labels["F018"].startswith("CSW: Children's social workers")
        assert view.element_options == ["mutual engagement", "joint enterprise", "shared repertoire"]

    def test_filters_say_when_they_are_active_and_how_the_url_holds_them(self):
        assert not planner.PlannerFilters(query="   ").active
        chosen = planner.PlannerFilters((CHILDRENS,), ("F018",), (), " managers ")
        assert chosen.active
        assert chosen.url() == {"audience": [CHILDRENS], "barrier": ["F018"], "element": [], "q": "managers"}


class TestCard:
    def card(self, study, recommendation_id: str) -> planner.Card:
        recommendation = study.recommendations.set_index("recommendation_id", drop=False).loc[recommendation_id]
        return planner.card(recommendation.to_dict(), planner.planner_view(study).by_recommendation[recommendation_id])

    def test_a_card_says_why_with_inferred_marks(self, study):
        card = self.card(study, "R06")
        assert card.title.startswith("**Managers to recognise the value of collaboration")
        assert card.badges.startswith(f":gray-badge[For {planner.escape_markdown(CHILDRENS)}]")
        assert ":gray-badge[element inferred]" in card.badges
        assert card.badges.endswith(" · `R06`")
        (addresses,) = card.why
        assert addresses.startswith("**Why — what it addresses:**\n- ")
        assert ":gray-badge[link inferred]" in addresses
        assert card.evidence_label == "The evidence behind it (2 findings)"

    def test_the_closed_card_is_one_markdown_block_of_title_badges_and_why(self, study):
        card = self.card(study, "R06")
        assert card.summary == f"{card.title}\n\n{card.badges}\n\n{card.why[0]}"
        bare = planner.card({"recommendation_id": "X1", "audience": "Team", "text": "Do it"}, ())
        assert bare.summary.endswith("\n\n_No links to the study's findings are recorded for this recommendation._")

    def test_evidence_entries_quote_the_finding_and_name_the_link(self, study):
        card = self.card(study, "R06")
        first = card.entries[0]
        assert first.finding_id == "F018"
        assert first.evidence == study.findings.set_index("finding_id").loc["F018", "evidence"]
        assert first.heading.startswith("**Addresses:** Children's social workers")
        assert first.heading.endswith("`F018`")
        assert first.why_linked.startswith("Why this app links them (inferred): ")

    def test_builds_on_and_no_links(self, study):
        (builds_on,) = self.card(study, "R09").why
        assert builds_on.startswith("**It builds on what helps:**")
        bare = planner.card({"recommendation_id": "X1", "audience": "Team", "text": "Do it"}, ())
        assert bare.why == ("_No links to the study's findings are recorded for this recommendation._",)
        assert bare.evidence_label == ""
        assert bare.entries == ()

    def test_own_words_are_quoted_only_when_they_say_more_than_the_text(self):
        same = planner.card({"recommendation_id": "X1", "audience": "T", "text": "Do it", "evidence": " Do it "}, ())
        assert same.own_quote == ""
        assert same.evidence_label == ""
        more = {"recommendation_id": "X1", "audience": "T", "text": "Do it", "evidence": "We should do it"}
        card = planner.card({**more, "source": "S"}, ())
        assert card.own_quote == "We should do it"
        assert card.source_line == ""
        assert card.evidence_label == "The evidence behind it (0 findings)"
        sourced = planner.card({"recommendation_id": "X1", "audience": "T", "text": "Do it", "source": "Report"}, ())
        assert sourced.source_line == "Recommendation source: Report"

    def test_data_in_a_card_is_escaped(self):
        hostile = {"recommendation_id": "X`1", "audience": "<b>Team</b>", "text": "[x](javascript:alert(1))"}
        card = planner.card(hostile, ())
        assert "<b>" not in card.badges
        assert "](javascript" not in card.title


class TestSentences:
    def test_plan_note_points_to_the_plan_or_says_how_to_start(self):
        assert planner.plan_note(0) == " Tick **In my plan** to add one to your action plan."
        assert planner.plan_note(3).startswith(" Your plan has **3** — see [your action plan](#your-action-plan)")

    def test_add_all_button_and_its_message(self):
        assert planner.add_all_button(["R01", "R02"], ["R02"]) == ("Add all 2 shown to my plan", False)
        assert planner.add_all_button(["R01"], ["R01", "R05"]) == ("All shown are in your plan", True)
        assert planner.added_message(7, 7) == "Added 7 to your plan."
        assert planner.added_message(6, 7) == "Added 6 to your plan; 1 were already in it."

    def test_no_match_and_remove_labels(self):
        assert planner.no_match_message(15).endswith("clear the filters to see all 15.")
        assert planner.remove_label({"R01": "word " * 40}, "R01").startswith("R01: word word")
        assert len(planner.remove_label({"R01": "word " * 40}, "R01")) <= len("R01: ") + 70
        assert planner.remove_label({}, "R09") == "R09: "
