"""The FTS5 search engine: what a student types finds what they mean, on the bundled study and an invented one;
no typed string ever reaches FTS5 as syntax; one shared index answers many threads at once."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.load import load_dataset_dir
from components.explore import search
from components.shared.search_index import (
    MAX_TERMS,
    Highlight,
    SearchIndex,
    highlight_markdown,
    highlight_pieces,
    parse_query,
)
from components.shared.text import escape_markdown
from tests.components.small_uploads import csv_bytes, finding


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def corpus(bundled):
    return search.build_corpus(bundled)


@pytest.fixture(scope="module")
def index(bundled, corpus):
    return search.build_index(corpus, bundled.glossary)


def top(corpus, index, query: str, count: int = 5) -> list[str]:
    return search.search(corpus, query, index)["item_id"].head(count).tolist()


# What a student would type on the bundled study, and the ids that must be among the first five results.
# Each expectation comes from reading data/*.csv and data/study.json, not from the engine's output:
# the comment says where the words are.
BUNDLED_QUERIES = [
    ("familiarity", {"F028"}),  # "Relationships are helped by familiarity."
    # F009 "getting information from professionals", F014 "seeking information", R05 "sharing information".
    ("information sharing", {"R05", "F009", "F014"}),
    ("sharing", {"R05"}),  # the only item saying "sharing"; "shared"/"shares" forms rank after it
    ("Wenger", {"Communities of Practice"}),  # the glossary's quote: "I used Wenger’s Communities of Practice"
    ("MHSW", {"MHSW", "F003"}),  # the glossary entry; F003 "Mental health social workers instinctively…"
    ("CSW", {"CSW", "F004"}),  # F004 evidence "CSWs talked about collaboration as being with other professionals"
    ("supervision", {"R04", "R08"}),  # "Promote supervision as a reflective space", "supervision groups"
    ("co-production", {"F013", "co-production"}),  # F013's statement, and the glossary term
    ("there for the child", {"F026"}),  # "CSWs see themselves as 'there for the child'"
    ('"there for the child"', {"F026"}),
    ("face to face", {"F029"}),  # "Face to face contact builds relationships"
    ("familiarty", {"F028"}),  # misspelt
    ("supervison", {"R04", "R08"}),  # misspelt
    ("collabration", {"F016"}),  # misspelt; F016 "Our individual services don't prioritise collaboration"
    ("narrative", {"F031", "F034", "R10"}),  # "narratives that divide services", "Improve narratives"
    ("understand", {"F015", "F027"}),  # "do not understand enough", "Better understanding of each other's services"
    ("roles and responsibilities", {"F015", "F027"}),
    ("timescales", {"F018"}),  # "CSW – Timescales, tasks, targets"
    ("MDT", {"F008"}),  # F008 "within the multi-disciplinary team", detail "Within MDT's"
    ("LSCB", {"R15"}),  # "training for the local safeguarding children’s board" (what LSCB stands for)
    ("NQ", {"R02"}),  # "For student social workers and NQ’s"
    ("SWYT", {"F017"}),  # "MH – LA/SWYT divide"
    ("thematic analysis", {"thematic analysis", "Method 4"}),  # the method's quote "Thematic analysis was used…"
    ("small scale", {"Limit 1"}),  # "8 in total, so it was small scale"
    ("limitations", {"Limit 1", "Limit 2", "Limit 3"}),
    ("interviews", {"Method 1", "Method 2"}),  # "I interviewed 4 SW's", "Eight semi-structured interviews"
    ("motivational interviewing", {"C01", "C02"}),  # context: the Forrester trial
    ("Tuckman", {"P02", "Tuckman's stages"}),  # the prompt and the glossary term
    ("empath*", {"C02", "P04"}),  # prefix: "empathy"
    ("recovery", {"F008"}),  # "supports someone towards recovery"
    ("Kirklees", {"R01", "R02"}),
    ("co-located", {"R09"}),  # "Remain co-located"
    ("wellbeing", {"F019"}),  # "our wellbeing can often be neglected"
    ("joint work", {"R12"}),  # "Encourage and facilitate joint work"
    ("role misunderstood", {"F024"}),  # "CSWs: Our role is misunderstood"
]


class TestBundledStudy:
    @pytest.mark.parametrize(("query", "expected"), BUNDLED_QUERIES, ids=[query for query, _ in BUNDLED_QUERIES])
    def test_a_students_query_finds_what_they_mean(self, corpus, index, query, expected):
        assert expected <= set(top(corpus, index, query)), top(corpus, index, query)

    def test_the_table_is_long_enough_to_mean_something(self):
        assert len(BUNDLED_QUERIES) >= 20

    def test_the_studys_words_about_its_lens_rank_above_the_apps_labels(self, corpus, index):
        results = search.search(corpus, "Wenger", index)
        assert results.iloc[0]["item_id"] == "Communities of Practice"
        assert results.iloc[0]["kind"] == search.GLOSSARY
        assert set(results["kind"].iloc[1:]) == {search.RECOMMENDATION}

    def test_a_quoted_phrase_nobody_wrote_falls_back_to_its_words_and_says_so(self, corpus, index):
        found = search.find(corpus, '"information sharing"', index)
        assert found.loosened
        assert {"R05", "F009", "F014"} <= set(found.results["item_id"].head(5))

    def test_each_result_says_what_it_is_and_where_the_words_are(self, corpus, index):
        results = search.search(corpus, "small scale", index).set_index("item_id")
        assert results.at["Limit 1", "kind"] == search.STUDY
        assert results.at["Limit 1", "matched_in"] == "what the study says, evidence"
        assert results.at["Limit 1", "source"] == "Carpenter n.d., summary: introduction"


# ---------------------------------------------------------------------------------------------
# A second, invented study: nurses' handovers on a hospital ward


def invented_study():
    from components.data.load import build_dataset

    findings = [
        finding(
            "H1",
            "Nurses share patient information at every handover.",
            group="Nurses",
            category="purpose",
            theme="Handover",
            evidence="We always share information at the handover, face to face.",
            source="Interview 1",
        ),
        finding(
            "H2",
            "Night staff feel left out of ward meetings.",
            group="Nurses",
            category="barrier",
            theme="Exclusion",
            evidence="Nobody tells the night shift anything.",
            source="Interview 2",
        ),
        finding(
            "H3",
            "Handover notes are often incomplete.",
            group="Doctors",
            category="barrier",
            theme="Handover",
            evidence="The notes are never complete, you have to ask.",
            source="Interview 3",
        ),
        finding(
            "H4",
            "Managers value electronic records.",
            group="Managers",
            category="enabler",
            theme="Records",
            evidence="The electronic record saves us chasing paper.",
            source="Interview 4",
        ),
        finding(
            "H5",
            "Doctors rarely attend nursing handovers.",
            group="Doctors",
            category="barrier",
            theme="Handover",
            evidence="I can't remember a doctor at our handover.",
            source="Interview 5",
        ),
    ]
    recommendations = [
        {
            "recommendation_id": "K1",
            "audience": "Ward managers",
            "text": "Hold a short joint handover with doctors and nurses.",
            "evidence": "a short joint handover with doctors and nurses",
            "source": "Interview 6",
            "cop_element": "",
            "basis": "stated",
        }
    ]
    return build_dataset(
        {"findings.csv": csv_bytes(findings), "recommendations.csv": csv_bytes(recommendations)}, name="ward study"
    )


INVENTED_QUERIES = [
    ("handover", {"H1", "H3", "H5", "K1"}),
    ("handovers", {"H1", "H3", "H5", "K1"}),  # a word form
    ("sharing information", {"H1"}),  # "share patient information", "share information"
    ('"share information"', {"H1"}),
    ("night shift", {"H2"}),
    ("incomplete notes", {"H3"}),
    ("doctor", {"H5", "K1"}),
    ("electronic records", {"H4"}),
    ("handovr", {"H1"}),  # misspelt
    ("exclu*", {"H2"}),  # the theme name, a label this app's coding added
    ("meeting", {"H2"}),
    ("H4", {"H4"}),  # an id
]


@pytest.fixture(scope="module")
def ward():
    dataset = invented_study()
    rows = search.build_corpus(dataset)
    return rows, search.build_index(rows, dataset.glossary)


class TestInventedStudy:
    @pytest.mark.parametrize(("query", "expected"), INVENTED_QUERIES, ids=[query for query, _ in INVENTED_QUERIES])
    def test_a_query_finds_what_it_means(self, ward, query, expected):
        rows, index = ward
        assert expected <= set(top(rows, index, query)), top(rows, index, query)

    def test_nothing_from_the_bundled_study_is_suggested(self, ward):
        rows, index = ward
        dataset = invented_study()
        assert search.suggestions(rows, dataset.glossary, "familiarity", index=index) == []
        assert search.suggestions(rows, dataset.glossary, "handovre", index=index)[0] == "handover"


# ---------------------------------------------------------------------------------------------
# No typed string is FTS5 syntax

HOSTILE = [
    '"unbalanced',
    'a "b',
    '""',
    "AND",
    "OR OR",
    "NOT familiarity",
    "familiarity AND",
    "NEAR(a b, 2)",
    "words:familiarity",
    "{words evidence}: x",
    "(",
    ")",
    "()",
    "*",
    "**",
    "* *",
    "a*b",
    "-familiarity",
    "- -",
    "^start",
    "+",
    "'",
    "“",
    "„",
    "—",
    "\x00",
    "\\",
    "; DROP TABLE items; --",
    "משותפת",
    "सहयोग",
    "协作",
    "🤝",
    "é" * 200,
    "word " * 500,
]


class TestQueriesAreNeverSyntax:
    @pytest.mark.parametrize("query", HOSTILE)
    def test_hostile_strings_search_quietly(self, corpus, index, query):
        found = search.find(corpus, query, index)
        assert found.results is not None
        for text in found.results["text"].head(3):
            highlight_markdown(text, found.highlight)

    def test_operators_are_words(self):
        assert [term.text for term in parse_query("cats AND dogs")] == ["cats", "AND", "dogs"]
        assert [term.fts for term in parse_query('say "it""s" a:b')] == ['"say"', '"a:b"', '"it"', '"s"']

    def test_long_pastes_are_cut(self):
        assert len(parse_query(" ".join(f"word{n}" for n in range(100)))) == MAX_TERMS

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(query=st.text(max_size=60))
    def test_any_text_searches_without_error(self, corpus, index, query):
        found = search.find(corpus, query, index)
        assert len(found.results) <= len(corpus)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        query=st.lists(
            st.sampled_from(['"', "*", "(", ")", ":", "-", "AND", "OR", "NOT", "NEAR", "^", "{", "}", "care", " "]),
            max_size=12,
        ).map("".join)
    )
    def test_fts5_punctuation_in_any_order_searches_without_error(self, corpus, index, query):
        search.find(corpus, query, index)

    @settings(max_examples=200, deadline=None)
    @given(text=st.text(max_size=80), query=st.text(max_size=30))
    def test_highlighting_any_text_keeps_it_and_escapes_it(self, text, query):
        index = SearchIndex([{"item_id": "X", "words": text}])
        pieces = highlight_pieces(text, index.highlight_query(query))
        assert "".join(piece for piece, _ in pieces) == text
        marked = highlight_markdown(text, Highlight((index.highlight_query(query),)))
        assert marked.replace(":orange-background[", "").replace("]", "") == escape_markdown(text).replace("]", "")


# ---------------------------------------------------------------------------------------------
# One index, many sessions


class TestThreads:
    def test_one_shared_index_answers_many_threads_as_it_answers_one(self, corpus, index):
        queries = [query for query, _ in BUNDLED_QUERIES]
        expected = {query: search.search(corpus, query, index)["item_id"].tolist() for query in queries}
        failures: list[str] = []

        def run(offset: int) -> None:
            try:
                for round_ in range(3):
                    for query in queries[offset:] + queries[:offset]:
                        found = search.find(corpus, query, index)
                        if found.results["item_id"].tolist() != expected[query]:
                            failures.append(f"{query} in round {round_}")
                        for text in found.results["text"].head(2):
                            highlight_markdown(text, found.highlight)
            except Exception as error:  # noqa: BLE001 - any error in a thread is the failure reported
                failures.append(repr(error))

        threads = [threading.Thread(target=run, args=(offset,)) for offset in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads)
        assert failures == []

    def test_highlighting_keeps_no_text_behind(self):
        from components.shared import search_index

        highlight_pieces("an uploaded study's private words", '"private"')
        assert search_index._scratch().execute("SELECT count(*) FROM scratch").fetchone() == (0,)
