"""Publishing's pure parts (components/publish.py): the server's settings, the publishing key, what is kept
about a study, its links and its banner."""

from __future__ import annotations

from components.data.load import build_dataset, load_dataset_dir
from components.data.vocabulary import BUNDLED_DATA_DIR
from components.shared import publishing as publish
from components.shared.text import escape_markdown

VALID = b"finding_id,group,category,theme,statement\nF1,Team A,barrier,Time,Not enough time.\n"


def test_settings_default_to_an_open_laptop_server():
    config = publish.settings({})
    assert config.key == ""
    assert not config.needs_key
    assert config.max_bytes == publish.DEFAULT_MAX_MB * 1024 * 1024
    assert config.max_studies == publish.DEFAULT_MAX_STUDIES


def test_settings_from_the_environment_and_bad_values_ignored():
    config = publish.settings(
        {publish.KEY_VARIABLE: " s3cret ", publish.MAX_MB_VARIABLE: "2.5", publish.MAX_STUDIES_VARIABLE: "7"}
    )
    assert (config.key, config.needs_key, config.max_bytes, config.max_studies) == ("s3cret", True, 2621440, 7)
    for bad in ("", "zero", "-1", "0"):
        config = publish.settings({publish.MAX_MB_VARIABLE: bad, publish.MAX_STUDIES_VARIABLE: bad})
        assert config.max_bytes == publish.DEFAULT_MAX_MB * 1024 * 1024
        assert config.max_studies == publish.DEFAULT_MAX_STUDIES


def test_the_publishing_key_must_match_exactly():
    assert publish.key_matches(None, "")  # no key set: anyone may publish
    assert publish.key_matches("anything", "")
    assert publish.key_matches("sesame", "sesame")
    for wrong in (None, "", "Sesame", "sesame ", "sesam"):
        assert not publish.key_matches(wrong, "sesame")


def test_meta_names_the_study_and_its_authors_when_it_has_metadata():
    bundled = load_dataset_dir(BUNDLED_DATA_DIR)
    meta = publish.study_meta(bundled)
    assert meta["name"] == bundled.name
    assert meta["title"] == bundled.study.title
    assert meta["authors"] == bundled.study.author
    assert meta["year"] == bundled.study.year
    upload = build_dataset({"findings.csv": VALID}, name="  North\nteam  ")
    assert publish.study_meta(upload) == {"name": "North team"}


def test_the_banner_escapes_everything_from_the_study():
    meta = {"name": "<b>Ward</b> *x*", "title": ":red[T] $1", "authors": "[A](javascript:x)", "year": 2019}
    text = publish.banner_markdown(meta)
    assert text.startswith(f"**Published study:** {escape_markdown('<b>Ward</b> *x*')}")
    assert f"*{escape_markdown(':red[T] $1')}*" in text
    assert f"by {escape_markdown('[A](javascript:x)')} (2019)" in text
    assert "<b>" not in text
    assert "](javascript" not in text
    assert publish.banner_markdown({}).startswith("**Published study:** A published study.")


def test_links_keep_the_servers_address_and_path_prefix():
    assert publish.base_url("https://x.org/explorer/your-data?study=a&owner=b") == "https://x.org/explorer"
    assert publish.base_url("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"
    assert publish.base_url(None) == ""
    assert publish.base_url("not a url") == ""
    assert publish.read_link("https://x.org", "ID_1-x") == "https://x.org/?study=ID_1-x"
    assert publish.owner_link("", "ID", "TOK") == "/your-data?study=ID&owner=TOK"


def test_sizes_and_limits_are_said_plainly():
    config = publish.settings({publish.MAX_MB_VARIABLE: "10", publish.MAX_STUDIES_VARIABLE: "3"})
    assert "12.0 MB as stored" in publish.too_large_message(12 * 1024 * 1024 + 5, config)
    assert "up to 10.0 MB" in publish.too_large_message(12 * 1024 * 1024 + 5, config)
    assert "(3)" in publish.too_many_message(config)
    assert publish.size_text(900) == "900 bytes"
    assert publish.size_text(2048) == "2 KB"


def test_expiry_is_a_date_and_a_count_of_days():
    assert publish.expiry_text(86400 * 30, now=0) == "31 January 1970 (in 30 days)"
    assert publish.expiry_text(86400, now=0).endswith("(in 1 day)")


def test_a_published_studys_quotes_and_footer_say_whose_data_it_is():
    from dataclasses import replace

    from components.shared import citation
    from components.shared.citation import citation_line

    index = citation.source_index(None, True, "Ward study", published=True)
    cited = citation.resolve("Interview 3, p. 4", index)
    assert citation.whose_words(cited) == "Its publisher's source: Interview 3, p. 4"
    assert citation.whose_words(citation.resolve("", index)) == "Its publisher gives no source for this quote"
    assert (
        "(a published study: Ward study, not checked by this app)"
        in citation.cite("words", "Interview 3", index, item_id="F1").plain
    )
    own = citation.resolve("Interview 3", citation.source_index(None, True, "Mine"))
    assert citation.whose_words(own) == "Your source: Interview 3"
    dataset = build_dataset({"findings.csv": VALID}, name="Ward study")
    assert citation_line(dataset) == "Ward study: data uploaded in this session."
    assert citation_line(replace(dataset, published=True)) == (
        "Ward study: a study shared by link, as its publisher uploaded it."
    )
