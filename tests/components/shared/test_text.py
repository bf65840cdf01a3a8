"""The one module for making data safe to show and folding text for search, fed hostile input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from components.shared.text import (
    cell_text,
    escape_markdown,
    escape_plotly,
    fold,
    search_fold,
    search_fold_series,
)

# Input a study file could carry, and what Streamlit's Markdown would otherwise make of it.
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "**bold** and __bold__",
    "# A heading",
    "- a bullet",
    "1. a numbered item",
    "+ another bullet",
    "costs $5 and $6",
    ":red[x] and :material/home:",
    "`code` | a | table |",
    "![image](http://example.org/x.png)",
    "> a quote",
]


class TestEscapeMarkdownOnAPage:
    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ("<script>alert(1)</script>", r"&lt;script&gt;alert\(1\)&lt;/script&gt;"),
            ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
            ("**bold**", r"\*\*bold\*\*"),
            ("# A heading", r"\# A heading"),
            ("- a bullet", r"\- a bullet"),
            ("1. a numbered item", r"1\. a numbered item"),
            ("costs $5 and $6", r"costs \$5 and \$6"),
            (":red[x]", r"\:red\[x\]"),
            (":material/home:", r"\:material/home\:"),
            ("“curly” ‘quotes’ stay", "“curly” ‘quotes’ stay"),
            ("&amp;", "&amp;amp;"),
        ],
    )
    def test_syntax_from_the_data_is_escaped(self, text, escaped):
        assert escape_markdown(text) == escaped

    @pytest.mark.parametrize("text", HOSTILE)
    def test_no_syntax_character_is_left_bare(self, text):
        escaped = escape_markdown(text)
        assert "<" not in escaped
        assert ">" not in escaped
        # Every Markdown syntax character left in the output is preceded by a backslash.
        bare = [
            char
            for position, char in enumerate(escaped)
            if char in "\\`*_{}[]()#+-.!|~$:" and (position == 0 or escaped[position - 1] != "\\")
        ]
        assert all(char == "\\" for char in bare), (text, escaped)

    def test_a_newline_cannot_start_a_block(self):
        assert escape_markdown("one\n# two\n- three") == r"one \# two \- three"

    def test_none_is_blank(self):
        assert escape_markdown(None) == ""


class TestEscapeMarkdownInAFile:
    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
            ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
            ("**bold** and __bold__", r"\*\*bold\*\* and \_\_bold\_\_"),
            ("# A heading", r"\# A heading"),
            ("`code` | a |", r"\`code\` \| a \|"),
            (":red[x]", r":red\[x\]"),
            # Dollar signs would be read as maths by GitHub, Obsidian and Pandoc.
            ("Budget $5 to $10", r"Budget \$5 to \$10"),
            # Dots, dashes and brackets stay as typed, so the file reads well as plain text.
            ("Face-to-face, 1. first (or not).", "Face-to-face, 1. first (or not)."),
        ],
    )
    def test_link_emphasis_code_html_heading_and_table_syntax_is_escaped(self, text, escaped):
        assert escape_markdown(text, in_file=True) == escaped

    def test_one_line_and_blanks_are_empty(self):
        assert escape_markdown("  one\n\n  two\t ", in_file=True) == "one two"
        assert escape_markdown(None, in_file=True) == ""
        assert escape_markdown(math.nan, in_file=True) == ""
        assert escape_markdown(pd.NA, in_file=True) == ""


class TestEscapePlotly:
    def test_html_becomes_text(self):
        assert escape_plotly('<b>Team A</b> <a href="javascript:x">go</a>') == (
            '&lt;b&gt;Team A&lt;/b&gt; &lt;a href="javascript:x"&gt;go&lt;/a&gt;'
        )

    def test_markdown_and_ampersands(self):
        # Plotly does not read Markdown; an ampersand is escaped so "&lt;" in the data stays as typed.
        assert escape_plotly("**x** &lt;") == "**x** &amp;lt;"
        assert escape_plotly(None) == ""


class TestFold:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("THERE FOR THE CHILD", "there for the child"),
            ("“there for the child”", '"there for the child"'),
            ("children’s", "children's"),
            ("face – to face", "face - to face"),
            ("  many \t\n spaces ", "many spaces"),
            ("ﬁle", "file"),  # compatibility forms (NFKC)
            ("STRASSE", "straße"),  # casefold, not lower
        ],
    )
    def test_forms_fold_together(self, typed, stored):
        assert fold(typed) == fold(stored)

    def test_fold_keeps_markup_as_text(self):
        assert fold("<script>**X**</script>") == "<script>**x**</script>"
        assert fold(None) == ""


class TestSearchFold:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("childrens", "Children’s"),
            ("face to face", "Face-to-face"),
            ("face-to-face", "face – to face"),
            ("there for the child", "“There for the child”"),
        ],
    )
    def test_quote_marks_and_dashes_never_stop_a_match(self, typed, stored):
        assert search_fold(typed) in search_fold(stored)

    def test_accents_are_kept(self):
        # NFKC keeps "é" one letter: a search for "réunion" finds "RÉUNION", "reunion" does not.
        assert search_fold("RÉUNION") == "réunion"

    def test_blanks(self):
        assert search_fold(None) == ""
        assert search_fold(math.nan) == ""

    def test_the_column_form_matches_the_one_value_form(self):
        values = pd.Series([*HOSTILE, "Face–to-face  ", "Children’s  “views”", None, math.nan, "ÉQUIPE 🤝", ""])
        assert search_fold_series(values).tolist() == [search_fold(value) for value in values]


def test_cell_text_blanks():
    assert [cell_text(value) for value in (None, math.nan, pd.NA, "\tx")] == ["", "", "", "\tx"]
