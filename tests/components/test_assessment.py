"""Self-assessment logic: statements, scoring, ranking, mapping to recommendations, answers file in and out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest

from components import assessment
from components.assessment import DONT_KNOW, FULLY, NOT_IN_PLACE, PARTLY
from components.data.load import build_dataset, load_dataset_dir
from components.data.model import DatasetError, StudyMethod
from components.data.vocabulary import ASSESSMENT_FILE


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def item_set(bundled):
    return assessment.build_items(bundled.findings, bundled.assessment_items)


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def mapping(dataset):
    return assessment.build_recommendation_map(dataset.findings, dataset.recommendations, dataset.links)


def link_map(links: pd.DataFrame):
    """A map over the given links, with R1 as the only recommendation and no finding labels."""
    recommendations = pd.DataFrame({"recommendation_id": ["R1"], "audience": ["A"], "text": ["Do it."]})
    findings = pd.DataFrame({"finding_id": pd.Series(dtype=str), "statement": pd.Series(dtype=str)})
    return assessment.build_recommendation_map(findings, recommendations, links)


def small_dataset(findings: str, recommendations: str | None = None, links: str | None = None):
    files = {"findings.csv": findings.encode()}
    if recommendations:
        files["recommendations.csv"] = recommendations.encode()
    if links:
        files["links.csv"] = links.encode()
    return build_dataset(files, name="test upload")


FINDINGS = """finding_id,group,category,theme,statement,evidence
B1,Team A,barrier,Time,We never have time to meet.,"""
FINDINGS += """"no time, ever"
E1,Team A,enabler,Contact,Meeting in person helps.,"meet up"
E2,All,enabler,Time,Protected time helps.,"protected time"
P1,Team B,purpose,Why,Collaboration shares risk.,"share risk"
"""


class TestBundledItems:
    def test_bundled_statements_are_used_not_derived(self, item_set):
        assert not item_set.derived
        assert item_set.notes == ()
        assert 10 <= len(item_set.items) <= 12

    def test_every_statement_derives_from_an_existing_barrier_or_enabler(self, bundled, item_set):
        findings = bundled.findings.set_index("finding_id")
        for finding_id in item_set.items["finding_id"]:
            assert finding_id in findings.index
            # Perceptions are listed in the source under "What are the barriers to collaboration?".
            category = findings.loc[finding_id, "category"]
            source = findings.loc[finding_id, "source"]
            assert category in ("barrier", "enabler") or "barriers to collaboration" in source

    def test_statements_are_grouped_by_theme(self, item_set):
        themes = item_set.items["theme"].tolist()
        # Each theme's statements sit together, so the form shows each theme once.
        assert themes == sorted(themes, key=item_set.themes.index)
        assert len(item_set.themes) >= 4

    def test_the_issue_examples_are_there(self, item_set):
        by_finding = dict(zip(item_set.items["finding_id"], item_set.items["statement"], strict=True))
        assert by_finding["F029"] == "Workers from both services meet face to face."
        assert "roles and responsibilities" in by_finding["F015"]
        assert "legal and procedural frameworks" in by_finding["F015"]


class TestItemsForOtherDatasets:
    def test_a_dataset_without_items_gets_statements_derived_from_barriers_and_enablers(self):
        dataset = small_dataset(FINDINGS)
        item_set = assessment.build_items(dataset.findings, dataset.assessment_items)
        assert item_set.derived
        items = item_set.items.set_index("item_id")
        assert set(items.index) == {"B1", "E1", "E2"}  # the purpose finding is not a statement
        assert items.loc["E1", "statement"] == "In our service: Meeting in person helps."
        assert (
            items.loc["B1", "statement"] == "In our service this barrier has been overcome: We never have time to meet."
        )
        assert items.loc["E2", "finding_id"] == "E2"

    def test_derived_statements_are_grouped_by_theme_with_enablers_first(self):
        dataset = small_dataset(FINDINGS)
        items = assessment.build_items(dataset.findings, dataset.assessment_items).items
        assert items["item_id"].tolist() == ["E1", "E2", "B1"]
        assert items["theme"].tolist() == ["Contact", "Time", "Time"]

    def test_a_dataset_with_no_barriers_or_enablers_has_no_statements(self):
        dataset = small_dataset("finding_id,group,category,theme,statement\nP1,A,purpose,Why,Shares risk.\n")
        item_set = assessment.build_items(dataset.findings, dataset.assessment_items)
        assert item_set.items.empty
        assert list(item_set.items.columns) == list(assessment.ITEM_COLUMNS)

    def test_a_large_dataset_is_capped_and_says_so(self):
        rows = "\n".join(f"F{i},G,barrier,Theme {i % 4},Barrier number {i}." for i in range(200))
        dataset = small_dataset("finding_id,group,category,theme,statement\n" + rows + "\n")
        item_set = assessment.build_items(dataset.findings, dataset.assessment_items)
        assert len(item_set.items) == assessment.MAX_DERIVED_ITEMS
        assert "200 barrier and enabler findings" in item_set.notes[0]

    def test_items_pointing_at_missing_findings_are_dropped_with_a_note(self, bundled):
        extra = pd.DataFrame(
            [{"_row": "99", "item_id": "Z1", "theme": "T", "statement": "S", "finding_id": "F999", "help": ""}]
        )
        items = pd.concat([bundled.assessment_items, extra], ignore_index=True)
        item_set = assessment.build_items(bundled.findings, items)
        assert "Z1" not in set(item_set.items["item_id"])
        assert "Z1 (F999)" in item_set.notes[0]
        assert ASSESSMENT_FILE in item_set.notes[0]

    def test_items_that_all_point_nowhere_fall_back_to_derived_statements(self):
        dataset = small_dataset(FINDINGS)
        items = pd.DataFrame(
            [{"_row": "2", "item_id": "Z1", "theme": "T", "statement": "S", "finding_id": "F999", "help": ""}]
        )
        item_set = assessment.build_items(dataset.findings, items)
        assert item_set.derived
        assert set(item_set.items["item_id"]) == {"B1", "E1", "E2"}


class TestSourceDescription:
    def test_the_bundled_study_is_named_with_its_size(self, bundled):
        assert assessment.source_description(bundled.study, bundled.name) == (
            "the findings of one small study (Carpenter (2019): 8 interviews)"
        )

    @pytest.mark.parametrize(
        ("study", "expected"),
        [
            (None, "the findings in this dataset (Our data)"),
            (
                {"short_citation": "", "title": "A study", "method": StudyMethod()},
                "the findings of one study (A study)",
            ),
            ({"short_citation": "X (2020)", "method": StudyMethod()}, "the findings of one study (X (2020))"),
            (
                {"short_citation": "X (2020)", "method": StudyMethod(interviews=0)},
                "the findings of one study (X (2020))",
            ),
        ],
    )
    def test_other_datasets_are_described_by_what_they_hold(self, bundled, study, expected):
        # A method that is not an object, or a count that is not a number, never gets this far: the loader refuses
        # that study.json (tests/components/data/test_validate.py).
        study = dataclasses.replace(bundled.study, **study) if study is not None else None
        assert assessment.source_description(study, "Our data") == expected


class TestRatings:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("fully", FULLY),
            ("Fully in place", FULLY),
            ("  PARTLY ", PARTLY),
            ("Not in place", NOT_IN_PLACE),
            ("don’t know", DONT_KNOW),  # a spreadsheet's curly apostrophe
            ("Don't know", DONT_KNOW),
            ("sometimes", None),
            ("", None),
            ("2", None),
        ],
    )
    def test_normalise_rating(self, typed, expected):
        assert assessment.normalise_rating(typed) == expected

    def test_plain_label_removes_markdown_controls(self):
        assert assessment.plain_label("a [link](javascript:x) **b** <i>c</i>") == "a link (javascript:x) b i c /i"


class TestScoring:
    ITEMS = pd.DataFrame(
        {
            "item_id": ["a", "b", "c", "d", "e"],
            "theme": ["T1", "T1", "T2", "T2", "T3"],
            "statement": ["sa", "sb", "sc", "sd", "se"],
            "finding_id": ["F1", "F2", "F3", "F4", "F5"],
            "help": [""] * 5,
        }
    )

    def test_ratings_score_fully_2_partly_1_not_in_place_0_and_dont_know_is_left_out(self):
        scored = assessment.score_items(self.ITEMS, {"a": FULLY, "b": PARTLY, "c": NOT_IN_PLACE, "d": DONT_KNOW})
        assert scored["score"].tolist()[:3] == [2, 1, 0]
        assert scored["score"].isna().tolist() == [False, False, False, True, True]
        assert scored["rating"].tolist() == [FULLY, PARTLY, NOT_IN_PLACE, DONT_KNOW, ""]

    def test_theme_score_is_the_mean_of_rated_statements(self):
        scored = assessment.score_items(self.ITEMS, {"a": FULLY, "b": PARTLY, "c": NOT_IN_PLACE, "d": DONT_KNOW})
        themes = assessment.theme_scores(scored).set_index("theme")
        assert themes.loc["T1", "score"] == 1.5
        assert themes.loc["T2", "score"] == 0  # don't know does not pull the score either way
        assert themes.loc["T2", "dont_know"] == 1
        assert themes.loc["T2", "rated"] == 1
        assert pd.isna(themes.loc["T3", "score"])
        assert themes.loc["T3", "unanswered"] == 1

    def test_themes_keep_the_form_order(self):
        themes = assessment.theme_scores(assessment.score_items(self.ITEMS, {}))
        assert themes["theme"].tolist() == ["T1", "T2", "T3"]

    def test_ranking_puts_the_weakest_first_and_leaves_out_unscored_themes(self):
        scored = assessment.score_items(self.ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "e": NOT_IN_PLACE})
        ranked = assessment.rank_themes(assessment.theme_scores(scored))
        assert ranked["theme"].tolist() == ["T3", "T2", "T1"]
        assert ranked["rank"].tolist() == [1, 2, 3]
        assert assessment.weakest_themes(ranked, 2) == ["T3", "T2"]

    def test_a_tie_goes_to_the_theme_with_more_not_in_place_then_to_form_order(self):
        # T1: partly + partly = 1; T2: fully + not in place = 1; T3: partly = 1.
        scored = assessment.score_items(
            self.ITEMS, {"a": PARTLY, "b": PARTLY, "c": FULLY, "d": NOT_IN_PLACE, "e": PARTLY}
        )
        ranked = assessment.rank_themes(assessment.theme_scores(scored))
        assert ranked["theme"].tolist() == ["T2", "T1", "T3"]

    def test_a_theme_scoring_2_out_of_2_is_never_a_weakest_area(self):
        scored = assessment.score_items(self.ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "e": FULLY})
        ranked = assessment.rank_themes(assessment.theme_scores(scored))
        assert assessment.weakest_themes(ranked, 2) == ["T2"]
        everything_fine = assessment.score_items(self.ITEMS, {"a": FULLY, "c": FULLY})
        assert assessment.weakest_themes(assessment.rank_themes(assessment.theme_scores(everything_fine))) == []

    def test_nothing_rated_means_nothing_ranked(self):
        ranked = assessment.rank_themes(assessment.theme_scores(assessment.score_items(self.ITEMS, {"a": DONT_KNOW})))
        assert ranked.empty
        assert assessment.weakest_themes(ranked) == []

    @pytest.mark.parametrize(
        ("score", "text"),
        [
            (0.0, "0 out of 2"),
            (2.0, "2 out of 2"),
            (1.5, "1.5 out of 2"),
            (2 / 3, "0.67 out of 2"),
            (float("nan"), "not scored"),
        ],
    )
    def test_scores_read_as_out_of_2_never_as_a_percentage(self, score, text):
        assert assessment.format_score(score) == text
        assert "%" not in assessment.format_score(score)


class TestMappingToRecommendations:
    def test_a_barrier_reaches_the_recommendations_that_address_it(self, bundled):
        routes = assessment.recommendation_routes(mapping(bundled), ["F016"])
        assert set(routes["recommendation_id"]) == {"R03", "R06"}
        assert set(routes["relation"]) == {"addresses"}
        assert set(routes["step"]) == {1}

    def test_an_enabler_reaches_what_builds_on_it_and_one_step_through_what_it_overcomes(self, bundled):
        routes = assessment.recommendation_routes(mapping(bundled), ["F029"])
        direct = routes.loc[routes["step"] == 1]
        assert set(direct["recommendation_id"]) == {"R09", "R12"}
        assert set(direct["relation"]) == {"builds on"}
        one_step = routes.loc[routes["step"] == 2]
        # F029 overcomes F015, F021 and F020; their "addresses" recommendations come in through them.
        assert set(one_step["via_id"]) == {"F015", "F021", "F020"}
        assert {"R02", "R05", "R11", "R13", "R15"} <= set(one_step["recommendation_id"])

    def test_only_one_step_is_followed(self):
        links = pd.DataFrame(
            {
                "from_id": ["E1", "E2", "R1"],
                "to_id": ["E2", "B1", "B1"],
                "relation": ["overcomes", "overcomes", "addresses"],
                "basis": ["stated", "stated", "stated"],
            }
        )
        routes = assessment.recommendation_routes(link_map(links), ["E1"])
        assert routes.empty  # E1 -> E2 -> B1 <- R1 is two steps away

    def test_relations_are_matched_whatever_their_case(self):
        links = pd.DataFrame({"from_id": ["R1"], "to_id": ["B1"], "relation": ["Addresses "], "basis": ["stated"]})
        routes = assessment.recommendation_routes(link_map(links), ["B1"])
        assert routes["recommendation_id"].tolist() == ["R1"]
        assert routes["basis"].tolist() == ["stated"]

    def test_no_links_or_no_recommendations_means_no_routes(self, bundled):
        no_links = assessment.build_recommendation_map(
            bundled.findings, bundled.recommendations, bundled.links.iloc[0:0]
        )
        assert assessment.recommendation_routes(no_links, ["F015"]).empty
        no_recs = assessment.build_recommendation_map(
            bundled.findings, bundled.recommendations.iloc[0:0], bundled.links
        )
        assert assessment.recommendation_routes(no_recs, ["F015"]).empty

    def test_area_recommendations_answer_the_gaps_with_audience_evidence_and_reasons(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers.update({"A07": NOT_IN_PLACE, "A08": PARTLY})
        scored = assessment.score_items(item_set.items, answers)
        recs = assessment.area_recommendations(scored, "Priority and ownership", mapping(bundled))
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
        scored = assessment.score_items(item_set.items, answers)
        recs = assessment.area_recommendations(scored, "Relationships and contact", mapping(bundled))
        assert set(recs["recommendation_id"]) == {"R02", "R11", "R13", "R15", "R03", "R06"}
        assert all("overcomes" in reason for reasons in recs["reasons"] for reason in reasons)

    def test_an_area_with_no_gaps_needs_no_recommendations(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers["A07"] = DONT_KNOW
        scored = assessment.score_items(item_set.items, answers)
        recs = assessment.area_recommendations(scored, "Priority and ownership", mapping(bundled))
        assert recs.empty

    def test_a_dataset_without_recommendations_gives_an_empty_list(self):
        dataset = small_dataset(FINDINGS)
        items = assessment.build_items(dataset.findings, dataset.assessment_items).items
        scored = assessment.score_items(items, {"B1": NOT_IN_PLACE})
        assert assessment.area_recommendations(scored, "Time", mapping(dataset)).empty

    def test_plan_ids_and_adding_to_the_plan_never_duplicate(self):
        areas = [
            pd.DataFrame({"recommendation_id": ["R03", "R06"]}),
            pd.DataFrame({"recommendation_id": ["R06", "R04"]}),
        ]
        ids = assessment.plan_ids(areas)
        assert ids == ["R03", "R06", "R04"]
        plan, added = assessment.add_to_plan(["R10", "R06"], ids)
        assert plan == ["R10", "R06", "R03", "R04"]
        assert added == ["R03", "R04"]
        assert assessment.add_to_plan(plan, ids) == (plan, [])
        assert assessment.add_to_plan(None, ["R01"]) == (["R01"], ["R01"])


class TestAnswersFile:
    def test_answers_frame_has_every_statement_its_rating_and_the_date(self, item_set):
        frame = assessment.answers_frame(item_set.items, {"A01": PARTLY}, dt.date(2025, 3, 1))
        assert list(frame.columns) == list(assessment.ANSWER_COLUMNS)
        assert len(frame) == len(item_set.items)
        assert frame.set_index("item_id").loc["A01", "rating"] == PARTLY
        assert frame.set_index("item_id").loc["A02", "rating"] == ""
        assert set(frame["assessed_on"]) == {"2025-03-01"}
        assert assessment.answers_file_name(dt.date(2025, 3, 1)) == "self-assessment-answers-2025-03-01.csv"

    def test_a_downloaded_file_reads_back_to_the_same_answers(self, item_set):
        from components.data.exports import safe_csv_bytes

        answers = {"A01": PARTLY, "A04": NOT_IN_PLACE, "A07": DONT_KNOW, "A12": FULLY}
        raw = safe_csv_bytes(assessment.answers_frame(item_set.items, answers, dt.date(2025, 3, 1)))
        earlier = assessment.read_answers("answers.csv", raw, item_set.items)
        assert earlier.answers == answers
        assert earlier.assessed_on == "2025-03-01"

    def test_ratings_as_a_spreadsheet_may_write_them_are_accepted(self, item_set):
        raw = csv_bytes([["Item_ID", "Rating"], ["A01", "Fully in place"], ["A02", "don’t know"], ["A03", ""]])
        earlier = assessment.read_answers("answers.csv", raw, item_set.items)
        assert earlier.answers == {"A01": FULLY, "A02": DONT_KNOW}
        assert earlier.assessed_on == ""

    def test_a_windows_1252_file_is_read_and_noted(self, item_set):
        raw = "item_id,rating,statement\r\nA01,partly,caf\xe9\r\n".encode("cp1252")
        earlier = assessment.read_answers("old.csv", raw, item_set.items)
        assert earlier.answers == {"A01": PARTLY}
        assert any("Windows-1252" in note for note in earlier.notes)

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (
                b"item_id,score\nA01,partly\n",
                "answers.csv, row 1, column 'rating': the required column 'rating' is missing",
            ),
            (b"statement,rating\nx,partly\n", "answers.csv, row 1, column 'item_id': the required column 'item_id'"),
            (
                b"item_id,rating\nA01,partly\nA02,sometimes\n",
                "answers.csv, row 3, column 'rating': 'sometimes' is not a rating",
            ),
            (
                b"item_id,rating\nA01,partly\nZ99,fully\n",
                "answers.csv, row 3, column 'item_id': 'Z99' is not a statement",
            ),
            (
                b"item_id,rating\nA01,partly\nA01,fully\n",
                "answers.csv, row 3, column 'item_id': 'A01' is answered twice (rows 2 and 3)",
            ),
            (b"item_id,rating\n,partly\n", "answers.csv, row 2, column 'item_id': this cell is blank"),
            (b"item_id,rating\nA01,partly,extra\n", "answers.csv, row 2: this row has 3 cells but the header has 2"),
            (b"item_id,rating\n", "answers.csv: the file has a header row but no data rows."),
            (b"", "answers.csv: the file is empty"),
            (b"\x89PNG\r\n\x1a\nrest", "answers.csv: this is a PNG image, not a CSV text file"),
            (b"PK\x03\x04zipped", "not a CSV text file"),
            (b'item_id,rating\n"A01,partly\n', "answers.csv, row 2: a quote mark"),
        ],
    )
    def test_a_malformed_file_names_file_row_and_column(self, item_set, raw, expected):
        with pytest.raises(DatasetError) as caught:
            assessment.read_answers("answers.csv", raw, item_set.items)
        assert expected in caught.value.summary()

    def test_every_problem_is_reported_at_once(self, item_set):
        raw = b"item_id,rating\nA01,often\nZ1,fully\nA02,rarely\n"
        with pytest.raises(DatasetError) as caught:
            assessment.read_answers("answers.csv", raw, item_set.items)
        assert [(problem.row, problem.column) for problem in caught.value.problems] == [
            (2, "rating"),
            (3, "item_id"),
            (4, "rating"),
        ]

    def test_a_file_with_no_ratings_reads_with_a_note(self, item_set):
        earlier = assessment.read_answers("blank.csv", b"item_id,rating\nA01,\n", item_set.items)
        assert earlier.answers == {}
        assert "nothing to compare" in earlier.notes[-1]


class TestChanges:
    ITEMS = TestScoring.ITEMS

    @pytest.mark.parametrize(
        ("earlier", "now", "change"),
        [
            (NOT_IN_PLACE, PARTLY, "better"),
            (FULLY, PARTLY, "worse"),
            (PARTLY, PARTLY, "same"),
            ("", FULLY, "not rated before"),
            (FULLY, "", "not rated now"),
            (DONT_KNOW, FULLY, "not comparable (don't know)"),
            (DONT_KNOW, DONT_KNOW, "same"),
            ("", "", "not rated either time"),
        ],
    )
    def test_rating_change(self, earlier, now, change):
        assert assessment.rating_change(earlier, now) == change

    def test_item_and_theme_changes(self):
        earlier = {"a": NOT_IN_PLACE, "b": PARTLY, "c": FULLY}
        now = {"a": FULLY, "b": PARTLY, "c": PARTLY, "e": FULLY}
        items = assessment.item_changes(self.ITEMS, earlier, now).set_index("item_id")
        assert items.loc["a", "change"] == "better"
        assert items.loc["c", "change"] == "worse"
        themes = assessment.theme_changes(self.ITEMS, earlier, now).set_index("theme")
        assert themes.loc["T1", "earlier"] == 0.5
        assert themes.loc["T1", "now"] == 1.5
        assert themes.loc["T1", "change"] == 1.0
        assert themes.loc["T2", "change"] == -1.0
        assert pd.isna(themes.loc["T3", "change"])
        assert assessment.describe_change(themes.loc["T1", "change"]) == "up 1"
        assert assessment.describe_change(-0.5) == "down 0.5"
        assert assessment.describe_change(0.0) == "no change"
        assert assessment.describe_change(float("nan")) == "cannot compare"


class TestChart:
    def ranked(self):
        scored = assessment.score_items(
            TestScoring.ITEMS, {"a": FULLY, "b": FULLY, "c": PARTLY, "d": NOT_IN_PLACE, "e": NOT_IN_PLACE}
        )
        return assessment.rank_themes(assessment.theme_scores(scored))

    def test_weakest_is_drawn_at_the_top_and_focus_areas_take_the_focus_colour(self):
        ranked = self.ranked()
        figure = assessment.score_chart(ranked, ["T3", "T2"])
        assert list(figure.layout.yaxis.categoryarray) == ["T1", "T2", "T3"]  # bottom to top
        dots = [trace for trace in figure.data if trace.mode == "markers+text"]
        assert [trace.name for trace in dots] == ["Weakest areas", "Other areas"]
        assert dots[0].marker.color == assessment.FOCUS_COLOUR
        assert list(dots[0].text) == ["0 out of 2", "0.5 out of 2"]

    def test_every_text_on_the_chart_is_at_least_14px(self):
        figure = assessment.score_chart(self.ranked(), ["T3"])
        layout = figure.layout
        sizes = [
            layout.xaxis.tickfont.size,
            layout.yaxis.tickfont.size,
            layout.xaxis.title.font.size,
            layout.legend.font.size,
            layout.hoverlabel.font.size,
            *[trace.textfont.size for trace in figure.data if trace.mode == "markers+text"],
        ]
        assert min(sizes) >= 14

    def test_theme_names_are_escaped_in_the_chart(self):
        ranked = pd.DataFrame({"rank": [1], "theme": ["<b>bold</b> & co"], "score": [1.0], "not_in_place": [0]})
        figure = assessment.score_chart(ranked, ["<b>bold</b> & co"])
        dots = next(trace for trace in figure.data if trace.mode == "markers+text")
        assert "<b>" not in dots.y[0]
        assert "&lt;b&gt;bold&lt;/b&gt;" in dots.y[0]

    def test_summary_and_table_come_from_the_data(self):
        ranked = self.ranked()
        summary = assessment.chart_summary(ranked, ["T9"])
        assert summary.startswith("Scores by theme, weakest first")
        assert "T3 0 out of 2; T2 0.5 out of 2; T1 2 out of 2" in summary
        assert "Not scored yet (no rating other than don't know): T9." in summary
        table = assessment.chart_table(ranked)
        assert table["Theme"].tolist() == ["T3", "T2", "T1"]
        assert table["Score out of 2"].tolist() == [0.0, 0.5, 2.0]
        assert "_row" not in table.columns
        assert assessment.chart_summary(ranked.iloc[0:0], []) == "No theme has a rating yet."


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
        assert assessment.why_sentence([route("B1")], LABELS) == "it addresses “Nobody has time”"

    def test_a_barrier_reached_directly_and_through_an_enabler_is_named_once(self):
        # The issue's case: F015 directly, and F015 again through F027, which overcomes it.
        sentence = assessment.why_sentence([route("B1"), route("E1", via_id="B1")], LABELS)
        assert sentence == "it addresses “Nobody has time”, which “Meeting in person helps” overcomes"
        assert sentence.count("Nobody has time") == 1

    def test_an_enabler_it_builds_on_takes_the_barrier_it_overcomes(self):
        routes = [route("E1", relation="builds on"), route("B1"), route("E1", via_id="B1")]
        sentence = assessment.why_sentence(routes, LABELS)
        assert sentence == "it addresses “Nobody has time” and builds on “Meeting in person helps”, which overcomes it"
        assert sentence.count("Meeting in person helps") == 1

    def test_several_findings_are_listed_with_plural_verbs(self):
        routes = [route("E1", via_id="B1"), route("E2", via_id="B1"), route("B2")]
        assert assessment.why_sentence(routes, LABELS) == (
            "it addresses “Targets come first”; and it addresses “Nobody has time”, "
            "which “Meeting in person helps” and “Knowing each other helps” overcome"
        )

    def test_findings_of_the_same_kind_share_one_clause(self):
        routes = [route("B1"), route("B2"), route("E1", relation="builds on"), route("E2", relation="builds on")]
        assert assessment.why_sentence(routes, LABELS) == (
            "it addresses “Nobody has time” and “Targets come first”; "
            "and it builds on “Meeting in person helps” and “Knowing each other helps”"
        )

    def test_no_ids_and_no_plural_brackets_for_findings_with_words(self):
        routes = [route("B1"), route("E1", via_id="B1"), route("E2", relation="builds on")]
        sentence = assessment.why_sentence(routes, LABELS)
        assert not any(finding_id in sentence for finding_id in LABELS)
        assert "(s)" not in sentence

    def test_a_finding_without_words_falls_back_to_its_id(self):
        assert assessment.why_sentence([route("X9")], LABELS) == "it addresses “X9”"

    def test_the_bundled_issue_case_reads_as_one_sentence(self, bundled, item_set):
        answers = {item_id: FULLY for item_id in item_set.items["item_id"]}
        answers.update({"A01": NOT_IN_PLACE, "A02": NOT_IN_PLACE})  # F015 and F027, which overcomes it
        scored = assessment.score_items(item_set.items, answers)
        recs = assessment.area_recommendations(scored, "Knowing the other service", mapping(bundled))
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
        assert assessment.for_audience(self.RECS, assessment.ALL_AUDIENCES)["recommendation_id"].tolist() == [
            "R1",
            "R2",
            "R3",
        ]
        assert len(assessment.for_audience(self.RECS, None)) == 3

    def test_one_audience_keeps_only_its_own_in_order(self):
        assert assessment.for_audience(self.RECS, "Managers")["recommendation_id"].tolist() == ["R1", "R3"]
        assert assessment.for_audience(self.RECS, "Nobody").empty

    def test_audiences_in_the_order_the_data_names_them(self, bundled):
        assert assessment.audiences_of(self.RECS) == ["Managers", "Teams"]
        assert assessment.audiences_of(bundled.recommendations) == [
            "the Local Authority as an organisation",
            "Children's social care",
            "Mental Health social workers",
            "Mental Health in Families team",
        ]
        assert assessment.audiences_of(pd.DataFrame()) == []

    def test_the_choice_is_labelled(self):
        assert assessment.audience_label(assessment.ALL_AUDIENCES) == "All audiences"
        assert assessment.audience_label("Managers") == "Managers"

    def test_a_childrens_team_sees_only_its_own_recommendations(self, bundled, item_set):
        answers = {item_id: NOT_IN_PLACE for item_id in item_set.items["item_id"]}
        scored = assessment.score_items(item_set.items, answers)
        recs = assessment.area_recommendations(scored, "Knowing the other service", mapping(bundled))
        assert "Mental Health in Families team" in set(recs["audience"])
        mine = assessment.for_audience(recs, "Children's social care")
        assert set(mine["audience"]) <= {"Children's social care"}


class TestPlural:
    @pytest.mark.parametrize(("count", "text"), [(0, "0 statements"), (1, "1 statement"), (2, "2 statements")])
    def test_statements(self, count, text):
        assert assessment.plural(count, "statement") == text

    def test_an_irregular_plural(self):
        assert assessment.plural(1, "area has", "areas have") == "1 area has"
        assert assessment.plural(3, "area has", "areas have") == "3 areas have"


class TestChartMarks:
    def test_every_dot_carries_its_raw_theme_for_a_click(self):
        ranked = pd.DataFrame(
            {"rank": [1, 2], "theme": ["<b>T</b> & co", "Plain"], "score": [0.0, 2.0], "not_in_place": [1, 0]}
        )
        figure = assessment.score_chart(ranked, ["<b>T</b> & co"])
        dots = [trace for trace in figure.data if trace.mode == "markers+text"]
        assert [list(point) for trace in dots for point in trace.customdata] == [["<b>T</b> & co"], ["Plain"]]
        assert "&lt;b&gt;" in dots[0].hovertext[0]
        assert figure.layout.clickmode == "event+select"

    def test_a_click_is_read_back_as_the_theme(self):
        event = {"selection": {"points": [{"customdata": ["Wellbeing"], "x": 1}]}}
        assert assessment.theme_from_selection(event) == "Wellbeing"
        assert assessment.theme_from_selection({"selection": {"points": []}}) is None
        assert assessment.theme_from_selection(None) is None

    def test_an_areas_passages_are_its_items_findings_verbatim(self, bundled, item_set):
        scored = assessment.score_items(item_set.items, {"A07": NOT_IN_PLACE})
        passages = assessment.theme_passages(scored, bundled.findings, "Priority and ownership")
        assert passages["item_id"].tolist() == ["A07", "A08", "A09"]
        findings = bundled.findings.set_index("finding_id")
        for passage in passages.itertuples():
            assert passage.evidence == findings.at[passage.finding_id, "evidence"]
            assert passage.source == findings.at[passage.finding_id, "source"]
        assert passages["rating_label"].tolist() == ["Not in place", "Not rated yet", "Not rated yet"]

    def test_an_item_whose_finding_is_missing_has_no_passage(self):
        items = pd.DataFrame(
            {"item_id": ["I1"], "theme": ["T"], "statement": ["S"], "finding_id": ["GONE"], "help": [""]}
        )
        findings = pd.DataFrame({"finding_id": ["F1"], "statement": ["x"], "evidence": ["y"], "source": ["z"]})
        passages = assessment.theme_passages(assessment.score_items(items, {}), findings, "T")
        assert passages.loc[0, "evidence"] == ""
