"""The Barriers network page in AppTest: with and without ?focus=, filters from the URL, empty states, scale."""

import dataclasses

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.data.links import build_link_index
from components.data.load import load_dataset_dir
from components.data.synthetic import synthetic_graph_dataset
from components.network.levers import LEVER_COLUMNS
from components.shared.badges import inferred_badge
from components.shared.session_keys import (
    NETWORK_ADJACENCY_BOX,
    NETWORK_COPY_BOX,
    NETWORK_FOCUS,
    UPLOADED_DATASET,
)
from components.shared.text import escape_markdown
from tests.pages.apptest import open_app_page

PAGE = "pages/network.py"
EVERY_LINK_NOTE = "the table under the graph (Show the numbers as a table) lists every link"


def open_network(params: dict | None = None, dataset=None) -> AppTest:
    return open_app_page(PAGE, params, {UPLOADED_DATASET: dataset} if dataset is not None else None, timeout=90)


def all_markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def captions(app: AppTest) -> str:
    return "\n".join(element.value for element in app.caption)


def open_box(app: AppTest, key: str) -> AppTest:
    """Open a lazy expander as a click would: its key holds its open state, and opening it reruns the page."""
    if not app.session_state[key]:
        app.session_state[key] = True
        app.run()
        assert not app.exception, [error.value for error in app.exception]
    return app


def tables(app: AppTest) -> list[pd.DataFrame]:
    return [element.value for element in app.dataframe]


def adjacency_frame(app: AppTest) -> pd.DataFrame:
    """The text alternative's table of every link, in its lazy box under the graph (opened first)."""
    open_box(app, NETWORK_ADJACENCY_BOX)
    return next(table for table in tables(app) if "Relation" in table.columns)


def levers_frame(app: AppTest) -> pd.DataFrame:
    return next(table for table in tables(app) if "Betweenness" in table.columns)


def paths_to_copy(app: AppTest) -> str:
    """The trace's plain text, in the lazy "Copy or download this list" box (opened first)."""
    return open_box(app, NETWORK_COPY_BOX).code[0].value


def focus_box(app: AppTest):
    return app.selectbox(key=NETWORK_FOCUS)


@pytest.fixture(scope="module")
def unfocused():
    return open_network()


@pytest.fixture(scope="module")
def focused():
    return open_network({"focus": "F029"})


class TestWithoutFocus:
    @pytest.fixture
    def app(self, unfocused):
        return unfocused

    def test_title_graph_and_text_alternative(self, app):
        assert app.title[0].value == "Barriers network"
        assert len(app.get("plotly_chart")) == 1
        assert "The graph shows 15 barriers and other findings, 4 things that help, 15 recommendations" in all_markdown(
            app
        )
        adjacency = adjacency_frame(app)
        assert list(adjacency.columns) == ["From", "Relation", "To", "Basis", "Note"]
        assert len(adjacency) == 40

    def test_nothing_in_focus(self, app):
        assert focus_box(app).value is None
        assert "focus" not in app.query_params

    def test_trace_lists_first_barrier_as_text_to_copy(self, app):
        text = paths_to_copy(app)
        assert text.startswith("Barrier: Social workers do not understand enough about the other service")
        assert "- What helps: Face to face contact builds relationships. (F029) — inferred link" in text
        shown = all_markdown(app)
        assert (
            "- What helps: Face to face contact builds relationships\\. (**F029**) " + inferred_badge("inferred link")
            in shown
        )

    def test_levers_with_caption(self, app):
        levers = levers_frame(app)
        assert list(levers.columns) == LEVER_COLUMNS
        assert levers.iloc[0]["ID"] == "F027"  # reaches the most barriers
        assert "measures the structure of the coding (how the links were drawn), not the strength of the evidence" in (
            all_markdown(app)
        )

    def test_filters_offered(self, app):
        assert set(app.multiselect(key="network_groups").value) == {"MHSW", "CSW", "All"}
        assert app.toggle(key="network_stated_only").value is False


class TestLazyBoxes:
    def test_first_view_sends_neither_the_link_table_nor_the_text_to_copy(self):
        app = open_network()
        assert [expander.label for expander in app.expander] == [
            "Filter the graph",
            "Show the numbers as a table",
            "Copy or download this list",
        ]
        assert [list(table.columns) for table in tables(app)] == [LEVER_COLUMNS]
        assert not app.code
        assert not app.get("download_button")

    def test_opening_the_boxes_shows_every_link_and_the_paths(self):
        app = open_network()
        assert len(adjacency_frame(app)) == 40
        assert paths_to_copy(app).startswith("Barrier: Social workers do not understand enough")
        assert len(app.get("download_button")) == 1
        # Open boxes stay open on the next run, so a filter change does not make the page jump.
        app.multiselect(key="network_groups").set_value(["MHSW", "All"]).run()
        assert app.session_state[NETWORK_ADJACENCY_BOX]
        assert app.session_state[NETWORK_COPY_BOX]
        assert app.code
        assert len(tables(app)) == 2


class TestWithFocus:
    @pytest.fixture
    def app(self, focused):
        return focused

    def test_focus_seeded_from_url(self, app):
        assert focus_box(app).value == "F029"
        assert app.query_params["focus"] == "F029"

    def test_quote_and_neighbours_shown(self, app):
        text = all_markdown(app)
        assert "“Face to face contact builds relationships”" in text
        assert "**Overcomes** (3)" in text
        assert "**Built on by** (2)" in text
        for neighbour in ("F015", "F020", "F021", "R09", "R12"):
            assert f"**{neighbour}**" in text
        assert "Why linked: _Meeting in person is where workers learn what each other does\\._" in text

    def test_clear_focus(self):
        app = open_network({"focus": "F029"})
        app.button(key="network_clear_focus").click().run()
        assert focus_box(app).value is None
        assert "focus" not in app.query_params

    def test_picking_from_the_list_updates_focus_and_url(self):
        app = open_network()
        focus_box(app).select("F015").run()
        assert not app.exception
        assert app.query_params["focus"] == "F015"
        assert "**Overcome by** (4)" in all_markdown(app)


class TestUrlState:
    def test_unknown_focus_gives_quiet_notice(self):
        app = open_network({"focus": "F999"})
        assert focus_box(app).value is None
        assert "Focus: F999" in captions(app)

    def test_focus_hidden_by_filters(self):
        app = open_network({"focus": "F029", "kind": ["barrier", "recommendation"]})
        assert "F029 is hidden by the current filters" in captions(app)
        assert app.pills(key="network_kinds").value == ["barrier", "recommendation"]

    def test_group_and_audience_from_url(self):
        app = open_network({"group": "MHSW", "audience": "Mental Health in Families team"})
        assert app.multiselect(key="network_groups").value == ["MHSW"]
        adjacency = adjacency_frame(app)
        assert not adjacency.empty
        assert not adjacency["From"].str.startswith(("R01", "R02", "R05")).any()
        assert app.query_params["group"] == "MHSW"

    def test_trace_from_url_and_unknown_trace(self):
        app = open_network({"trace": "F017"})
        assert paths_to_copy(app).startswith("Barrier: Mental health social workers feel cast adrift")
        assert app.query_params["trace"] == "F017"
        app = open_network({"trace": "nope"})
        assert "Trace: nope" in captions(app)

    def test_hiding_inferred_links_says_why_nothing_is_drawn(self):
        app = open_network({"stated": "1"})
        assert app.toggle(key="network_stated_only").value is True
        assert "Every link in this dataset is inferred" in app.info[0].value
        assert not app.get("plotly_chart")


class TestOtherDatasets:
    def test_no_links_file_says_what_to_upload(self):
        bundled = load_dataset_dir()
        links = bundled.links.iloc[0:0].copy()
        # The loader builds the link index from the tables; a dataset changed by hand needs its own.
        index = build_link_index(bundled.findings, bundled.recommendations, links)
        no_links = dataclasses.replace(
            bundled,
            name="no links",
            is_bundled=False,
            links=links,
            link_index=index,
            fingerprint="no links",
            study=None,
        )
        app = open_network(dataset=no_links)
        message = app.info[0].value
        assert "no links" in message
        assert "links.csv" in message
        assert "from_id, to_id and relation" in message
        assert not app.get("plotly_chart")

    def test_large_graph_renders_with_hover_labels(self):
        app = open_network(dataset=synthetic_graph_dataset(500, 1500, seed=5))
        assert len(app.get("plotly_chart")) == 1
        assert "labels show on hover" in captions(app)
        # Too big to draw whole: the page says what the figure draws, and where every node and link is.
        assert "This graph has 500 nodes" in app.info[0].value
        assert escape_markdown(EVERY_LINK_NOTE) in app.info[0].value
        assert len(focus_box(app).options) == 500
        assert len(adjacency_frame(app)) == 1500
        levers = levers_frame(app)
        assert isinstance(levers, pd.DataFrame)
        assert len(levers) == 15

    def test_large_graph_focus_draws_its_neighbourhood_and_says_so(self):
        app = open_network({"focus": "S0001"}, dataset=synthetic_graph_dataset(500, 1500, seed=5))
        assert focus_box(app).value == "S0001"
        assert "so it draws S0001 and the" in app.info[0].value
        app.button(key="network_clear_focus").click().run()
        assert escape_markdown(EVERY_LINK_NOTE) in app.info[0].value

    def test_unicode_labels_and_markdown_in_data_are_escaped(self):
        bundled = load_dataset_dir()
        findings = bundled.findings.copy()
        row = findings["finding_id"] == "F029"
        findings.loc[row, "statement"] = "**Bold** [link](http://x) <b>tag</b> مرحبا 🙂"
        dataset = dataclasses.replace(bundled, name="odd", is_bundled=False, findings=findings, study=None)
        app = open_network({"focus": "F029"}, dataset=dataset)
        text = all_markdown(app)
        assert "\\*\\*Bold\\*\\* \\[link\\]\\(http\\://x\\) &lt;b&gt;tag&lt;/b&gt; مرحبا 🙂" in text
