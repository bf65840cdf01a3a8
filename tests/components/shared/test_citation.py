"""Whose words a quote is and how to cite it: plain reference, RIS and BibTeX, read back by real parsers."""

from __future__ import annotations

import bibtexparser
import pytest
import rispy

from components.data.load import load_dataset_dir
from components.shared import citation


@pytest.fixture(scope="module")
def bundled():
    return load_dataset_dir()


@pytest.fixture(scope="module")
def index(bundled):
    return citation.source_index(bundled.study, uploaded=False, dataset_name=bundled.name)


def finding(bundled, finding_id: str):
    return bundled.findings.set_index("finding_id").loc[finding_id]


class TestSourceDocuments:
    def test_every_bundled_source_cell_names_a_listed_document(self, bundled, index):
        cells = [
            *bundled.findings["source"],
            *bundled.recommendations["source"],
            *bundled.context["source"],
            *bundled.glossary["source"],
            *bundled.prompts["source"],
            bundled.study.question_source,
            bundled.study.licence_source,
            *(entry.source for entry in bundled.study.method.evidence),
            *(entry.source for entry in bundled.study.limits),
        ]
        unresolved = [cell for cell in cells if cell and citation.resolve(cell, index).document is None]
        assert unresolved == []

    def test_the_longest_key_wins_and_the_rest_is_the_section(self, index):
        cited = citation.resolve("Carpenter 2019, thesis abstract", index)
        assert cited.document.kind == "thesis abstract"
        assert cited.section == ""
        cited = citation.resolve("Carpenter n.d., summary: Why Collaborate?", index)
        assert cited.document.kind == "researcher's summary"
        assert cited.section == "Why Collaborate?"

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("Carpenter n.d., summary: Why Collaborate?", "From the researcher's summary of her study"),
            ("Carpenter 2019, thesis abstract", "From the thesis abstract, in the researcher's words"),
            (
                "Community Care 2016, 'Councils step up support for mental health social workers': introduction",
                "From a news article (context, not this study)",
            ),
        ],
    )
    def test_whose_words_comes_from_the_data(self, index, source, expected):
        assert citation.whose_words(citation.resolve(source, index)) == expected

    def test_an_upload_shows_the_uploaders_own_source(self):
        index = citation.source_index({}, uploaded=True, dataset_name="my study")
        assert citation.whose_words(citation.resolve("Interview 3, p. 4", index)) == "Your source: Interview 3, p. 4"
        assert citation.whose_words(citation.resolve("", index)) == "Your data gives no source for this quote"

    def test_an_unlisted_source_is_shown_as_written(self):
        cited = citation.resolve("Somebody 2020", citation.SourceIndex())
        assert cited.document is None
        assert citation.whose_words(cited) == "Source: Somebody 2020"
        assert citation.plain_reference(cited) == "Somebody 2020"


class TestPlainReference:
    def test_the_thesis_reads_as_a_reference(self, index):
        reference = citation.plain_reference(citation.resolve("Carpenter 2019, thesis abstract", index))
        assert reference == (
            "Carpenter, Nicola (2019). Exploratory Study of Social Workers’ Perceptions of Collaboration in a "
            "Local Authority. Masters thesis. University of Huddersfield."
        )

    def test_an_undated_summary_says_nd_and_names_the_section(self, index):
        reference = citation.plain_reference(citation.resolve("Carpenter n.d., summary: Why Collaborate?", index))
        assert reference.startswith("Carpenter, Nicola (n.d.). Exploratory Study")
        assert "Summary of study, findings and recommendations." in reference
        assert reference.endswith("Section: Why Collaborate?")

    def test_a_context_article_without_an_author_leads_with_its_title(self, bundled, index):
        reference = citation.plain_reference(citation.resolve(bundled.context.iloc[0]["source"], index))
        assert reference == (
            "Liberate social work from its procedural constraints (n.d.). Blog post. "
            "Section: Motivational interviewing."
        )

    def test_the_plain_citation_ends_with_the_link_that_reopens_it(self, bundled, index):
        row = finding(bundled, "F012")
        url = citation.item_url("http://localhost:8501", "F012")
        cited = citation.cite(row["evidence"], row["source"], index, item_id="F012", item_label="finding F012", url=url)
        assert cited.plain.endswith("Shown as finding F012 in Collaboration Findings Explorer: " + url)
        assert "seed" not in cited.plain


class TestRis:
    def test_parses_with_every_field(self, bundled, index):
        row = finding(bundled, "F035")
        url = "http://localhost:8501/explore?id=F035"
        cited = citation.cite(row["evidence"], row["source"], index, item_id="F035", url=url)
        [entry] = rispy.loads(cited.ris)
        assert entry["type_of_reference"] == "THES"
        assert entry["authors"] == ["Carpenter, Nicola"]
        assert entry["title"] == bundled.study.sources[1].title
        assert entry["title"].startswith("Exploratory Study of Social Workers’ Perceptions")
        assert entry["year"] == "2019"
        assert entry["publisher"] == "University of Huddersfield"
        assert entry["urls"] == [url]
        assert any(row["evidence"] in note for note in entry["notes"])

    def test_line_breaks_in_the_data_cannot_start_a_tag(self, index):
        cited = citation.cite("one\nTY  - JOUR\ntwo", "Carpenter n.d., summary: A", index, item_id="X")
        [entry] = rispy.loads(cited.ris)
        assert entry["type_of_reference"] == "UNPB"
        assert cited.ris.count("TY  - ") == 1


class TestBibtex:
    def test_parses_with_every_field(self, bundled, index):
        row = finding(bundled, "F012")
        url = "http://localhost:8501/explore?id=F012"
        cited = citation.cite(row["evidence"], row["source"], index, item_id="F012", url=url)
        library = bibtexparser.parse_string(cited.bibtex)
        assert library.failed_blocks == []
        [entry] = library.entries
        fields = {name: field.value for name, field in entry.fields_dict.items()}
        assert entry.entry_type == "unpublished"
        assert entry.key == "carpenternd_F012"
        assert fields["author"] == "Carpenter, Nicola"
        assert fields["year"] == "n.d."
        assert fields["url"] == url
        assert "Section: Why Collaborate?" in fields["note"]

    def test_a_thesis_is_a_masters_thesis_with_its_school(self, index):
        quote = "Eight semi-structured interviews were conducted"
        cited = citation.cite(quote, "Carpenter 2019, thesis abstract", index)
        [entry] = bibtexparser.parse_string(cited.bibtex).entries
        assert entry.entry_type == "mastersthesis"
        assert entry.fields_dict["school"].value == "University of Huddersfield"

    def test_braces_in_the_data_cannot_unbalance_the_entry(self):
        index = citation.source_index({}, uploaded=True, dataset_name="x")
        cited = citation.cite("a } b { c", "Interview {1}", index, item_id="X1")
        library = bibtexparser.parse_string(cited.bibtex)
        assert library.failed_blocks == []
        assert library.entries[0].fields_dict["title"].value == "Interview 1"
        assert "uploaded data" in library.entries[0].fields_dict["note"].value

    def test_latex_specials_in_the_data_are_escaped(self):
        index = citation.source_index({}, uploaded=True, dataset_name="x")
        cited = citation.cite("50% of A & B #1 a_b $5 \\cmd", "Interview_1", index, item_id="X1")
        library = bibtexparser.parse_string(cited.bibtex)
        assert library.failed_blocks == []
        note = library.entries[0].fields_dict["note"].value
        assert r"50\% of A \& B \#1 a\_b \$5 cmd" in note
        assert library.entries[0].fields_dict["title"].value == r"Interview\_1"

    def test_the_about_page_entry_uses_the_same_writer(self):
        assert citation.bibtex_entry("misc", "k1", [("title", "R&D")]) == "@misc{k1,\n  title = {R\\&D}\n}"


class TestUrls:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("http://localhost:8501/explore", "http://localhost:8501"),
            ("https://example.org/tools/explorer/about", "https://example.org/tools/explorer"),
            ("http://localhost:8501/", "http://localhost:8501"),
            ("http://localhost:8501", "http://localhost:8501"),
            (None, ""),
            ("not a url", ""),
        ],
    )
    def test_app_base_drops_the_page_path(self, url, expected):
        assert citation.app_base_url(url, ["explore", "about", "compare"]) == expected

    def test_item_url_reopens_the_item_on_explore(self):
        assert citation.item_url("http://localhost:8501", "F012") == "http://localhost:8501/explore?id=F012"
        assert citation.item_url("", "F012") == "/explore?id=F012"
        assert citation.item_url("", "A & B") == "/explore?id=A+%26+B"
