"""Gaps to recommendations through the dataset's link index, why each is there, and audiences."""

from __future__ import annotations

import dataclasses

import pandas as pd

from components.assessment import items as assessment_items
from components.assessment import recommendation_map, score
from components.assessment.scale import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from components.data.links import build_link_index
from tests.components.assessment.common import FINDINGS, small_dataset


def mapping(dataset):
    return recommendation_map.build_recommendation_map(dataset)


def one_recommendation(links: str):
    """A dataset with these links, R1 as its only recommendation, and findings E1, E2 (enablers) and B1."""
    findings = "finding_id,group,category,theme,statement\nE1,A,enabler,T,e1\nE2,A,enabler,T,e2\nB1,A,barrier,T,b1\n"
    return small_dataset(findings, "recommendation_id,audience,text\nR1,A,Do it.\n", links)


class TestMappingToRecommendations:
    def test_a_barrier_reaches_the_recommendations_that_address_it(self, bundled):
        routes = recommendation_map.recommendation_routes(mapping(bundled), ["F016"])
        assert set(routes["recommendation_id"]) == {"R03", "R06"}
        assert set(routes["relation"]) == {"addresses"}
        assert set(routes["step"]) == {1}

    def test_an_enabler_reaches_what_builds_on_it_and_one_step_through_what_it_overcomes(self, bundled):
        routes = recommendation_map.recommendation_routes(mapping(bundled), ["F029"])
        direct = routes.loc[routes["step"] == 1]
        assert set(direct["recommendation_id"]) == {"R09", "R12"}
        assert set(direct["relation"]) == {"builds on"}
        one_step = routes.loc[routes["step"] == 2]
        # F029 overcomes F015, F021 and F020; their "addresses" recommendations come in through them.
        assert set(one_step["via_id"]) == {"F015", "F021", "F020"}
        assert {"R02", "R05", "R11", "R13", "R15"} <= set(one_step["recommendation_id"])

    def test_only_one_step_is_followed(self):
        links = "from_id,to_id,relation,basis\nE1,E2,overcomes,stated\nE2,B1,overcomes,stated\nR1,B1,addresses,stated\n"
        routes = recommendation_map.recommendation_routes(mapping(one_recommendation(links)), ["E1"])
        assert routes.empty  # E1 -> E2 -> B1 <- R1 is two steps away

    def test_relations_are_matched_whatever_their_case(self):
        # The loader normalises an uploaded relation; the map reads it from the link index as normalised.
        dataset = one_recommendation("from_id,to_id,relation,basis\nR1,B1,Addresses ,stated\n")
        routes = recommendation_map.recommendation_routes(mapping(dataset), ["B1"])
        assert routes["recommendation_id"].tolist() == ["R1"]
        assert routes["basis"].tolist() == ["stated"]

    def test_a_blank_basis_is_read_as_inferred(self):
        dataset = one_recommendation("from_id,to_id,relation,basis\nR1,B1,addresses,\n")
        routes = recommendation_map.recommendation_routes(mapping(dataset), ["B1"])
        assert routes["basis"].tolist() == ["inferred"]

    def test_no_links_or_no_recommendations_means_no_routes(self, bundled):
        no_links_table = bundled.links.iloc[0:0]
        no_links = dataclasses.replace(
            bundled,
            links=no_links_table,
            link_index=build_link_index(bundled.findings, bundled.recommendations, no_links_table),
        )
        assert recommendation_map.recommendation_routes(mapping(no_links), ["F015"]).empty
        no_recommendations = bundled.recommendations.iloc[0:0]
        no_recs = dataclasses.replace(
            bundled,
            recommendations=no_recommendations,
            link_index=build_link_index(bundled.findings, no_recommendations, bundled.links),
        )
        assert recommendation_map.recommendation_routes(mapping(no_recs), ["F015"]).empty

    def test_area_recommendations_answer_the_gaps_with_audience_evidence_and_reasons(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers.update({"A07": NOT_IN_PLACE, "A08": PARTLY})
        scored = score.score_items(item_set.items, answers)
        recs = recommendation_map.area_recommendations(scored, "Priority and ownership", mapping(bundled))
        # Not in place (F016: R03, R06) comes before partly (F018: R04, R06).
        assert recs["recommendation_id"].tolist() == ["R03", "R06", "R04"]
        r06 = recs.set_index("recommendation_id").loc["R06"]
        assert r06["audience"] == "Children's social care"
        assert r06["evidence"].startswith("Managers to recognise the value of collaboration")
        assert r06["item_ids"] == ["A07", "A08"]
        assert r06["reasons"][0].startswith("addresses F016 (Neither service makes collaboration a priority.)")
        assert r06["link_basis"] == "inferred"

    def test_an_enabler_gap_reaches_recommendations_through_the_barriers_it_overcomes(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers["A06"] = NOT_IN_PLACE  # F030: no direct links; overcomes F015 and F016
        scored = score.score_items(item_set.items, answers)
        recs = recommendation_map.area_recommendations(scored, "Relationships and contact", mapping(bundled))
        assert set(recs["recommendation_id"]) == {"R02", "R11", "R13", "R15", "R03", "R06"}
        assert all("overcomes" in reason for reasons in recs["reasons"] for reason in reasons)

    def test_an_area_with_no_gaps_needs_no_recommendations(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers["A07"] = DONT_KNOW
        scored = score.score_items(item_set.items, answers)
        recs = recommendation_map.area_recommendations(scored, "Priority and ownership", mapping(bundled))
        assert recs.empty

    def test_each_recommendation_carries_the_lens_element_its_basis_qualifies(self, bundled):
        recommendations = mapping(bundled).recommendations
        assert recommendations["R03"]["element"] == "shared repertoire"
        assert all(rec["element"] for rec in recommendations.values())
        # A study without a lens: the loader set its elements aside, so none is carried.
        findings = "finding_id,group,category,theme,statement\nB1,A,barrier,T,b1\n"
        lensless = small_dataset(
            findings, "recommendation_id,audience,text,cop_element,basis\nR1,A,Do it.,trust,inferred\n"
        )
        assert mapping(lensless).recommendations["R1"] == {
            "audience": "A",
            "text": "Do it.",
            "evidence": "",
            "source": "",
            "basis": "inferred",
            "element": "",
        }

    def test_a_dataset_without_recommendations_gives_an_empty_list(self):
        dataset = small_dataset(FINDINGS)
        items = assessment_items.build_items(dataset.findings, dataset.assessment_items).items
        scored = score.score_items(items, {"B1": NOT_IN_PLACE})
        assert recommendation_map.area_recommendations(scored, "Time", mapping(dataset)).empty

    def test_the_plan_takes_each_recommendation_once_across_areas(self):
        # Adding them to the plan is components/recommendations/planner.py's rule (add_all_to_plan), tested there.
        areas = [
            pd.DataFrame({"recommendation_id": ["R03", "R06"]}),
            pd.DataFrame({"recommendation_id": ["R06", "R04"]}),
        ]
        assert recommendation_map.recommendation_ids(areas) == ["R03", "R06", "R04"]


def route(finding_id: str, recommendation_id: str = "R1", relation: str = "addresses", via_id: str = "") -> dict:
    return {
        "finding_id": finding_id,
        "recommendation_id": recommendation_id,
        "relation": relation,
        "via_id": via_id,
        "step": 2 if via_id else 1,
        "basis": "stated",
    }


LABELS = {
    "B1": "Nobody has time.",
    "B2": "Targets come first.",
    "E1": "Meeting in person helps.",
    "E2": "Knowing each other helps.",
}


class TestWhySentence:
    def test_a_direct_link_names_the_finding_by_its_words(self):
        assert recommendation_map.why_sentence([route("B1")], LABELS) == "it addresses “Nobody has time”"

    def test_a_barrier_reached_directly_and_through_an_enabler_is_named_once(self):
        # The issue's case: F015 directly, and F015 again through F027, which overcomes it.
        sentence = recommendation_map.why_sentence([route("B1"), route("E1", via_id="B1")], LABELS)
        assert sentence == "it addresses “Nobody has time”, which “Meeting in person helps” overcomes"
        assert sentence.count("Nobody has time") == 1

    def test_an_enabler_it_builds_on_takes_the_barrier_it_overcomes(self):
        routes = [route("E1", relation="builds on"), route("B1"), route("E1", via_id="B1")]
        sentence = recommendation_map.why_sentence(routes, LABELS)
        assert sentence == "it addresses “Nobody has time” and builds on “Meeting in person helps”, which overcomes it"
        assert sentence.count("Meeting in person helps") == 1

    def test_several_findings_are_listed_with_plural_verbs(self):
        routes = [route("E1", via_id="B1"), route("E2", via_id="B1"), route("B2")]
        assert recommendation_map.why_sentence(routes, LABELS) == (
            "it addresses “Targets come first”; and it addresses “Nobody has time”, "
            "which “Meeting in person helps” and “Knowing each other helps” overcome"
        )

    def test_findings_of_the_same_kind_share_one_clause(self):
        routes = [route("B1"), route("B2"), route("E1", relation="builds on"), route("E2", relation="builds on")]
        assert recommendation_map.why_sentence(routes, LABELS) == (
            "it addresses “Nobody has time” and “Targets come first”; "
            "and it builds on “Meeting in person helps” and “Knowing each other helps”"
        )

    def test_no_ids_and_no_plural_brackets_for_findings_with_words(self):
        routes = [route("B1"), route("E1", via_id="B1"), route("E2", relation="builds on")]
        sentence = recommendation_map.why_sentence(routes, LABELS)
        assert not any(finding_id in sentence for finding_id in LABELS)
        assert "(s)" not in sentence

    def test_a_finding_without_words_falls_back_to_its_id(self):
        assert recommendation_map.why_sentence([route("X9")], LABELS) == "it addresses “X9”"

    def test_the_bundled_issue_case_reads_as_one_sentence(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers.update({"A01": NOT_IN_PLACE, "A02": NOT_IN_PLACE})  # F015 and F027, which overcomes it
        scored = score.score_items(item_set.items, answers)
        recs = recommendation_map.area_recommendations(scored, "Knowing the other service", mapping(bundled))
        for why in recs["why"]:
            assert why.startswith("it ")
            assert why.count("Social workers do not understand enough about the other service") <= 1
            assert "F015" not in why
            assert "F027" not in why


class TestAudience:
    RECS = pd.DataFrame(
        {
            "recommendation_id": ["R1", "R2", "R3"],
            "audience": ["Managers", "Teams", "Managers"],
            "text": ["a", "b", "c"],
        }
    )

    def test_all_audiences_keeps_every_recommendation(self):
        assert recommendation_map.for_audience(self.RECS, recommendation_map.ALL_AUDIENCES)[
            "recommendation_id"
        ].tolist() == [
            "R1",
            "R2",
            "R3",
        ]
        assert len(recommendation_map.for_audience(self.RECS, None)) == 3

    def test_one_audience_keeps_only_its_own_in_order(self):
        assert recommendation_map.for_audience(self.RECS, "Managers")["recommendation_id"].tolist() == ["R1", "R3"]
        assert recommendation_map.for_audience(self.RECS, "Nobody").empty

    def test_audiences_in_the_order_the_data_names_them(self, bundled):
        assert recommendation_map.audiences_of(self.RECS) == ["Managers", "Teams"]
        assert recommendation_map.audiences_of(bundled.recommendations) == [
            "the Local Authority as an organisation",
            "Children's social care",
            "Mental Health social workers",
            "Mental Health in Families team",
        ]
        assert recommendation_map.audiences_of(pd.DataFrame()) == []

    def test_the_choice_is_labelled(self):
        assert recommendation_map.audience_label(recommendation_map.ALL_AUDIENCES) == "All audiences"
        assert recommendation_map.audience_label("Managers") == "Managers"

    def test_a_childrens_team_sees_only_its_own_recommendations(self, bundled, item_set):
        answers = {item_id: NOT_IN_PLACE for item_id in item_set.items["item_id"]}
        scored = score.score_items(item_set.items, answers)
        recs = recommendation_map.area_recommendations(scored, "Knowing the other service", mapping(bundled))
        assert "Mental Health in Families team" in set(recs["audience"])
        mine = recommendation_map.for_audience(recs, "Children's social care")
        assert set(mine["audience"]) <= {"Children's social care"}
