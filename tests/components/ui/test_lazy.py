"""A lazy expander builds its content only while open, and its key holds the open state."""

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import streamlit as st

    from components.ui.lazy import lazy_expander

    box = lazy_expander("The evidence", key="evidence_box")
    if box:
        with box:
            st.markdown("The quote inside")
    st.markdown("After the box")


def test_closed_box_sends_nothing_inside():
    app = AppTest.from_function(_page)
    app.run()
    assert not app.exception
    assert [markdown.value for markdown in app.markdown] == ["After the box"]
    assert app.expander[0].label == "The evidence"
    assert app.session_state["evidence_box"] is False


def test_open_box_builds_its_content():
    app = AppTest.from_function(_page)
    app.run()
    app.session_state["evidence_box"] = True
    app.run()
    assert not app.exception
    assert [markdown.value for markdown in app.expander[0].markdown] == ["The quote inside"]


def test_open_on_first_run_when_expanded():
    def expanded_page() -> None:
        import streamlit as st

        from components.ui.lazy import lazy_expander

        box = lazy_expander("Open from the start", key="first_box", expanded=True)
        if box:
            with box:
                st.markdown("Shown at once")

    app = AppTest.from_function(expanded_page)
    app.run()
    assert [markdown.value for markdown in app.markdown] == ["Shown at once"]
