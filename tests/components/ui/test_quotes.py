"""Quotes with line ends and long quotes: one blockquote, no control character, folded with a way to read it."""

from __future__ import annotations

from components.ui import quotes


def test_a_quote_with_crlf_and_blank_lines_stays_one_blockquote_without_a_carriage_return():
    markdown = quotes.quote_markdown("First line.\r\nSecond line.\r\n\r\nNew paragraph.", "Interview A")
    assert "\r" not in markdown
    lines = markdown.split("\n")
    assert all(line.startswith(">") for line in lines), markdown
    assert "> “First line\\.  \n> Second line\\.\n>\n> New paragraph\\.”" in markdown


def test_a_statement_with_line_breaks_keeps_its_bold_on_one_line():
    finding = {
        "finding_id": "F1",
        "statement": "Said on\r\ntwo lines.",
        "group": "All",
        "category": "barrier",
        "theme": "T",
        "evidence": "Said on\ntwo lines.",
        "source": "Interview A",
    }
    first = quotes.finding_markdown_parts(finding)[0]
    assert first.startswith("**Said on two lines\\.**")


def test_a_long_quote_is_folded_to_its_start_and_says_how_to_read_it_whole():
    passage = "word " * 1_300
    markdown = quotes.quote_markdown(passage.strip(), "Interview A")
    assert len(markdown) < 1_000
    assert "the first 599 of its 6,499 characters are shown" in markdown
    assert "Read the whole passage" in markdown
    whole = quotes.quote_markdown(passage.strip(), "Interview A", whole=True)
    assert whole.count("word") == 1_300


def test_a_short_quote_is_not_folded():
    assert not quotes.is_long("A short quote.")
    assert "characters are shown" not in quotes.quote_markdown("A short quote.", "Interview A")


def test_a_long_passage_that_is_its_own_statement_is_folded_in_the_statement_too():
    passage = ("word " * 1_300).strip()
    finding = {
        "finding_id": "F1",
        "statement": passage,
        "group": "All",
        "category": "barrier",
        "theme": "T",
        "evidence": passage,
        "source": "Interview A",
    }
    statement, quote = quotes.finding_markdown_parts(finding)[:2]
    assert statement.startswith("**word word")
    assert " …**" in statement
    assert len(statement.split("**")[1]) < 250
    assert "Read the whole passage" in quote
