"""URL state: a link seeds each widget once, unknown values are dropped and named, the view goes back in the URL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def filters_page():
    import streamlit as st

    from components.ui import url_state

    options = ["MHSW", "CSW"]
    dropped = {
        "Groups": url_state.seed_multi("groups", "group", options, default=options),
        "Kind": url_state.seed_single("kind", "kind", ["barrier", "enabler"], default="barrier"),
    }
    url_state.seed_text("query", "q", max_chars=10)
    url_state.seed_flag("stated", "stated", default=False)
    url_state.notice_dropped(dropped)
    groups = st.multiselect("Groups", options, key="groups")
    kind = st.radio("Kind", ["barrier", "enabler"], key="kind")
    query = st.text_input("Search", key="query")
    stated = st.checkbox("Stated only", key="stated")
    url_state.write_url({"group": groups, "kind": kind, "q": query, "stated": stated})


def open_with(query: dict) -> AppTest:
    app = AppTest.from_function(filters_page, default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def url_values(app: AppTest, param: str) -> list[str]:
    """A URL parameter's values as a list (AppTest keeps a single value as a plain string)."""
    value = app.query_params[param]
    return [value] if isinstance(value, str) else list(value)


def test_without_a_link_the_defaults_apply_and_go_into_the_url():
    app = open_with({})
    assert app.multiselect(key="groups").value == ["MHSW", "CSW"]
    assert app.radio(key="kind").value == "barrier"
    assert app.checkbox(key="stated").value is False
    assert url_values(app, "group") == ["MHSW", "CSW"]
    assert url_values(app, "stated") == ["0"]
    assert "q" not in app.query_params  # empty values are left out, so links stay short
    assert not app.caption


def test_a_link_seeds_each_widget_and_known_values_are_kept():
    app = open_with({"group": ["CSW"], "kind": "enabler", "q": "trust", "stated": "1"})
    assert app.multiselect(key="groups").value == ["CSW"]
    assert app.radio(key="kind").value == "enabler"
    assert app.text_input(key="query").value == "trust"
    assert app.checkbox(key="stated").value is True


def test_unknown_link_values_are_dropped_and_named_escaped():
    app = open_with({"group": ["CSW", "**Nurses**"], "kind": "<b>x</b>", "stated": "maybe"})
    assert app.multiselect(key="groups").value == ["CSW"]
    assert app.radio(key="kind").value == "barrier"
    assert app.checkbox(key="stated").value is False
    (notice,) = app.caption
    assert "not recognised" in notice.value
    assert r"\*\*Nurses\*\*" in notice.value
    assert "&lt;b&gt;x&lt;/b&gt;" in notice.value
    assert "<b>" not in notice.value


def test_a_long_search_from_a_link_is_cut():
    app = open_with({"q": "x" * 50})
    assert app.text_input(key="query").value == "x" * 10


def test_after_the_first_run_the_widget_owns_its_value_and_the_url_follows():
    app = open_with({"group": ["CSW"]})
    app.multiselect(key="groups").set_value(["MHSW"]).run()
    assert app.multiselect(key="groups").value == ["MHSW"]
    assert url_values(app, "group") == ["MHSW"]
    app.text_input(key="query").input("ties").run()
    assert url_values(app, "q") == ["ties"]
    app.text_input(key="query").input("").run()
    assert "q" not in app.query_params
