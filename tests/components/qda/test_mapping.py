"""The mapping from codes, cases and links to the app's tables, and the guesses a user starts from."""

from __future__ import annotations

import pytest

from components.qda import read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import Mapping, guess_category, guess_mapping, mapping_summary
from tests.fixtures.qda import projects as fixtures


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Reasons to collaborate", "purpose"),
        ("Why we work together", "purpose"),
        ("Barriers", "barrier"),
        ("Challenges and obstacles", "barrier"),
        ("What helps overcome the barriers", "enabler"),
        ("Facilitators", "enabler"),
        ("Recommendations", "recommendation"),
        ("Views of the other service", "perception"),
        ("Miscellaneous", "observation"),
        ("Context", "observation"),
    ],
)
def test_category_guesses_from_the_top_level_code_name(name, category):
    assert guess_category(name) == category


@pytest.fixture
def project():
    return read_qda_file("study.qdpx", fixtures.sources_file_project())


def test_every_top_level_code_gets_a_guess(project):
    mapping = guess_mapping(project)
    names = {project.codes[guid].name: category for guid, category in mapping.categories.items()}
    assert names == {
        "Reasons to collaborate": "purpose",
        "Barriers": "barrier",
        "What helps": "enabler",
        "Recommendations": "recommendation",
        "Miscellaneous": "observation",
    }


def test_a_changed_category_moves_the_statements(project):
    mapping = guess_mapping(project)
    barriers = next(code.guid for code in project.top_level_codes if code.name == "Barriers")
    changed = Mapping({**mapping.categories, barriers: "observation"}, mapping.group_by)
    dataset = project_dataset(project, changed)
    assert "barrier" not in set(dataset.findings["category"])
    assert dataset.findings.set_index("theme").loc["Time pressure", "category"] == "observation"


def test_recommendations_take_their_audience_from_the_sub_code(project):
    dataset = project_dataset(project, guess_mapping(project))
    assert list(dataset.recommendations["audience"]) == ["Managers"]


def test_unmarking_recommendations_makes_them_findings(project):
    mapping = guess_mapping(project)
    recommendations = next(code.guid for code in project.top_level_codes if code.name == "Recommendations")
    dataset = project_dataset(project, Mapping({**mapping.categories, recommendations: "observation"}, None))
    assert dataset.recommendations.empty
    assert fixtures.PASSAGES["managers"] in set(dataset.findings["evidence"])


def test_a_link_between_codes_joins_their_statements_as_the_researcher_drew_it(project):
    dataset = project_dataset(project, guess_mapping(project))
    findings = dataset.findings.set_index("finding_id")
    link = dataset.links.iloc[0]
    assert len(dataset.links) == 1
    assert findings.loc[link["from_id"], "theme"] == "Co-location"
    assert findings.loc[link["to_id"], "theme"] == "Time pressure"
    assert link["relation"] == "overcomes"
    assert link["basis"] == "stated"
    assert "researcher drew" in link["note"]


def test_the_summary_counts_coded_segments_and_says_so(project):
    lines = mapping_summary(project, guess_mapping(project))
    assert lines[0].startswith("4 coded segments in 2 text sources")
    assert "counts are counts of coded segments, not of people" in lines[0]
    assert "By group: MHSW 2, CSW 1." in lines


def test_a_segment_with_two_codes_is_two_statements():
    sources = fixtures._two_interviews()
    sources[0].selections[0].codes = [11, 12]
    xml, files = fixtures.project_xml(sources, inline=False)
    project = read_qda_file("two.qdpx", fixtures.qdpx(xml, files))
    dataset = project_dataset(project, guess_mapping(project))
    coded = dataset.findings[dataset.findings["evidence"] == fixtures.PASSAGES["time"]]
    assert sorted(coded["theme"]) == ["Different priorities", "Time pressure"]


def test_code_names_in_widget_labels_keep_their_markdown_inert_and_their_words_readable():
    from components.your_data.qda_intake import category_choices, label_text

    assert label_text("What *helps* [x](javascript:1) <b>") == "What \\*helps\\* \\[x\\](javascript:1) \\<b\\>"
    # Parentheses and full stops stay as typed: screen readers read the raw label.
    assert label_text("Barriers (org.)") == "Barriers (org.)"
    codes = dict(fixtures.CODES)
    codes[10] = ("<img src=x onerror=alert(1)> **Barriers**", None)
    sources = fixtures._two_interviews()
    xml, files = fixtures.project_xml(sources, inline=False, codes=codes)
    project = read_qda_file("hostile.qdpx", fixtures.qdpx(xml, files))
    labels = [choice.label for choice in category_choices(project)]
    assert "Category for \\<img src=x onerror=alert(1)\\> \\*\\*Barriers\\*\\* (1 coded segment)" in labels
    # The guess still reads the name: it is about barriers.
    assert guess_mapping(project).categories["0000000a-0000-4000-8000-00000000000a"] == "barrier"


def test_a_segment_longer_than_a_typed_cell_opens_whole():
    """The 5,000-character limit is for a CSV cell someone typed: a coded passage is never refused for it."""
    from components.data.vocabulary import MAX_CELL_CHARS
    from components.qda.folder import project_dataset as open_dataset

    long_text = "word " * (MAX_CELL_CHARS // 5 + 10)
    sources = [
        fixtures.TextSource(201, "Long interview", long_text, [fixtures.Selection(301, 0, len(long_text), [11])])
    ]
    xml, files = fixtures.project_xml(sources, inline=False)
    project = read_qda_file("long.qdpx", fixtures.qdpx(xml, files))
    dataset = open_dataset(project, guess_mapping(project))
    assert list(dataset.findings["evidence"]) == [long_text.strip()]


def test_a_passage_past_what_a_statement_holds_is_left_out_once_named_by_source_codes_and_start(monkeypatch):
    from components.qda import mapping
    from components.qda.folder import project_dataset as open_dataset

    monkeypatch.setattr(mapping, "LONG_CELL_CHARS", 40)
    text = "Short one. " + "A very long passage that goes on and on and on."
    start = text.index("A very")
    sources = [
        fixtures.TextSource(
            201,
            "Long interview",
            text,
            [
                fixtures.Selection(301, 0, 10, [11]),
                fixtures.Selection(302, start, len(text), [11]),
                fixtures.Selection(303, start, len(text), [12]),
            ],
        )
    ]
    xml, files = fixtures.project_xml(sources, inline=False)
    project = read_qda_file("long.qdpx", fixtures.qdpx(xml, files))
    dataset = open_dataset(project, guess_mapping(project))
    assert list(dataset.findings["evidence"]) == ["Short one."]
    left_out = [note for note in dataset.notes if note.startswith("Left out:")]
    assert left_out == [
        f"Left out: the passage in 'Long interview' at character {start} starting 'A very long passage that goes on "
        "and…', coded with 'Time pressure', 'Different priorities', has 47 characters, over the 40 one statement can "
        "hold. Code shorter passages within it to bring it in."
    ]


def test_a_link_to_a_source_is_left_out_with_a_note():
    xml, files = fixtures.project_xml(fixtures._two_interviews(), inline=False, links=[(502, "about", 201, 11)])
    project = read_qda_file("study.qdpx", fixtures.qdpx(xml, files))
    dataset = project_dataset(project, guess_mapping(project))
    assert dataset.links.empty
    assert any("1 link(s) in the project join things other than coded text" in note for note in dataset.notes)


def test_a_passage_of_white_space_is_left_out_once_with_its_codes():
    from components.qda.folder import project_dataset as open_dataset

    text = "Said it.\n\n   \nThen more."
    sources = [
        fixtures.TextSource(
            201,
            "Interview",
            text,
            [fixtures.Selection(301, 0, 8, [11]), fixtures.Selection(302, 8, 14, [11, 12])],
        )
    ]
    xml, files = fixtures.project_xml(sources, inline=False)
    project = read_qda_file("blank.qdpx", fixtures.qdpx(xml, files))
    dataset = open_dataset(project, guess_mapping(project))
    assert list(dataset.findings["evidence"]) == ["Said it."]
    assert [note for note in dataset.notes if note.startswith("Left out:")] == [
        "Left out: the passage in 'Interview' from character 8 to 14, coded with 'Time pressure', 'Different "
        "priorities', holds only white space, so there are no words to quote."
    ]
