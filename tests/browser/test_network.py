"""Barriers network in a real Chromium: pick "Face to face contact builds relationships", read its quote and
its neighbours with the words behind each link; click a node in the graph; look at it at 1280x720."""

import re

from playwright.sync_api import Browser, Page, expect

from components.network.draw import GRAPH_MIN_WIDTH
from components.shared.session_keys import NETWORK_GRAPH, NETWORK_LINKS_LIST
from components.ui.charts import phone_box_key
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
    wait_for_app,
)

FACE_TO_FACE = "Face to face contact builds relationships"

# Where a node is drawn, from the plotly figure itself: node ids ride in customdata.
NODE_POSITION = """(id) => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    for (const trace of plot._fullData) {
        const index = Array.from(trace.customdata || []).indexOf(id);
        if (index >= 0) {
            const layout = plot._fullLayout, box = plot.getBoundingClientRect();
            return {
                x: box.left + layout._size.l + layout.xaxis.l2p(trace.x[index]),
                y: box.top + layout._size.t + layout.yaxis.l2p(trace.y[index]),
            };
        }
    }
    return null;
}"""


def open_network(page: Page, app_url: str, query: str = "") -> None:
    open_page(page, f"{app_url}/network{query}")
    expect(page.get_by_role("heading", name="Barriers network")).to_be_visible(timeout=60_000)
    wait_for_app(page)


def pick_focus(page: Page, words: str) -> None:
    box = page.get_by_role("combobox", name=re.compile("Focus on a node"))
    box.click()
    box.press_sequentially(words[:20])
    option = page.get_by_role("option", name=re.compile(re.escape(words)))
    rerun_after(page, option.click)


def test_pick_face_to_face_shows_quote_and_neighbours(page: Page, app_url: str):
    open_network(page, app_url)
    assert_no_exception(page)
    pick_focus(page, FACE_TO_FACE)

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    # The verbatim evidence, as a quote with its source.
    expect(dialog.locator("blockquote")).to_contain_text(f"“{FACE_TO_FACE}”")
    expect(dialog.locator("blockquote")).to_contain_text("Carpenter n.d., summary")
    # Which barriers it answers and which recommendations build on it, with the note behind each link.
    expect(dialog.get_by_text("Overcomes", exact=True)).to_be_visible()
    expect(dialog.get_by_text("Built on by", exact=True)).to_be_visible()
    expect(dialog.get_by_text("F015", exact=True)).to_be_visible()
    expect(dialog.get_by_text("R09", exact=True)).to_be_visible()
    expect(dialog.get_by_text("R12", exact=True)).to_be_visible()
    expect(dialog.get_by_text("Meeting in person is where workers learn what each other does.")).to_be_visible()
    expect(dialog.get_by_text("inferred", exact=True).first).to_be_visible()
    screenshot(page, "network-focus-dialog")

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert "focus=F029" in page.url
    # The same details stay on the page under the graph.
    panel = page.locator(".st-key-network_focus_panel")
    expect(panel.locator("blockquote")).to_contain_text(f"“{FACE_TO_FACE}”")
    expect(panel.get_by_text("Co-location keeps face to face contact possible.")).to_be_visible()
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0


def test_click_node_in_graph_focuses_it(page: Page, app_url: str):
    open_network(page, app_url)
    page.locator('[data-testid="stPlotlyChart"]').scroll_into_view_if_needed()
    point = page.evaluate(NODE_POSITION, "F029")
    assert point is not None
    page.mouse.move(point["x"], point["y"])
    # Hovering a node shows its id and full statement.
    expect(page.locator(".hoverlayer")).to_contain_text("F029")
    screenshot(page, "network-hover")
    rerun_after(page, lambda: page.mouse.click(point["x"], point["y"]))

    dialog = page.get_by_role("dialog")
    expect(dialog.locator("blockquote")).to_contain_text(f"“{FACE_TO_FACE}”")
    page.keyboard.press("Escape")
    assert "focus=F029" in page.url
    expect(page.get_by_role("combobox", name=re.compile("Focus on a node"))).to_have_value(
        re.compile(re.escape(FACE_TO_FACE))
    )
    page.locator('[data-testid="stPlotlyChart"]').scroll_into_view_if_needed()
    screenshot(page, "network-focused-graph")
    assert_no_exception(page)


def test_graph_readable_on_a_projector(page: Page, app_url: str):
    open_network(page, app_url)
    chart = page.locator('[data-testid="stPlotlyChart"]')
    chart.scroll_into_view_if_needed()
    # Every node label is drawn in the graph at 14px or more, and none runs off the chart.
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .textpoint text,'
            + ' [data-testid="stPlotlyChart"] .annotation-text'))
            .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes
    assert min(sizes) >= 14
    overflow = page.evaluate(
        """() => {
            const box = document.querySelector('[data-testid="stPlotlyChart"] .main-svg').getBoundingClientRect();
            return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .textpoint text'))
                .filter(el => { const r = el.getBoundingClientRect(); return r.left < box.left - 1
                    || r.right > box.right + 1; }).length;
        }"""
    )
    assert overflow == 0
    expect(page.locator('[data-testid="stPlotlyChart"] .legendtext').first).to_be_visible()
    screenshot(page, "network-graph")
    assert horizontal_overflow(page) == 0


# Node labels drawn outside the chart's own SVG, which the browser clips: the labels a phone cut off.
LABELS_OFF_THE_CHART = """() => {
    const box = document.querySelector('[data-testid="stPlotlyChart"] .main-svg').getBoundingClientRect();
    return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .textpoint text'))
        .filter(el => {
            const r = el.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1;
        })
        .map(el => el.textContent);
}"""


def test_on_a_phone_the_links_come_as_a_list_that_fits_the_screen(browser: Browser, app_url: str):
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}))
    try:
        page = context.new_page()
        open_network(page, app_url)
        # The page reruns once the browser has said it is phone-narrow (components/ui/viewport.py).
        links = page.locator(f".st-key-{NETWORK_LINKS_LIST}")
        expect(links).to_be_visible(timeout=30_000)
        wait_for_app(page)
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(0)
        expect(links).to_contain_text("overcomes F015")
        expect(links.get_by_text("inferred").first).to_be_visible()
        box = links.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert horizontal_overflow(page) == 0
        screenshot(page, "network-phone-list")
    finally:
        context.close()


def test_graph_labels_readable_on_a_phone(browser: Browser, app_url: str):
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}))
    try:
        page = context.new_page()
        open_network(page, app_url)
        # The graph is one tap away on a phone; what scrolls sideways says so above it.
        layout = page.get_by_role("radio", name="Graph", exact=True)
        expect(layout).to_be_visible(timeout=30_000)
        wait_for_app(page)
        rerun_after(page, layout.click)
        hint = page.get_by_text("swipe it sideways", exact=False)
        expect(hint).to_be_visible()
        graph_box = page.locator(f".st-key-{phone_box_key(NETWORK_GRAPH)}")
        assert hint.bounding_box()["y"] < graph_box.bounding_box()["y"], "the swipe hint should be above the graph"
        graph_box.scroll_into_view_if_needed()
        # The graph keeps the width its three columns of labels need, and its own box scrolls sideways.
        svg_width = page.evaluate(
            """() => document.querySelector('[data-testid="stPlotlyChart"] .main-svg').getBoundingClientRect().width"""
        )
        assert svg_width >= GRAPH_MIN_WIDTH
        assert page.evaluate(LABELS_OFF_THE_CHART) == []
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .textpoint text'))
                .map(el => parseFloat(getComputedStyle(el).fontSize))"""
        )
        assert sizes
        assert min(sizes) >= 14
        assert horizontal_overflow(page) == 0  # the page itself does not scroll sideways, only the graph
        screenshot(page, "network-phone-left")
        # Swiped to the far side, the recommendations' labels (the rightmost column) are in view, whole.
        graph_box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        hidden_sideways = graph_box.evaluate(
            """box => {
                const view = box.getBoundingClientRect();
                const labels = Array.from(box.querySelectorAll('.textpoint text'));
                const right = Math.max(...labels.map(el => el.getBoundingClientRect().left));
                return labels.filter(el => el.getBoundingClientRect().left >= right - 1)
                    .filter(el => { const r = el.getBoundingClientRect();
                        return r.left < view.left - 1 || r.right > view.right + 1; })
                    .map(el => el.textContent);
            }"""
        )
        assert hidden_sideways == []
        screenshot(page, "network-phone-right")
    finally:
        context.close()


def test_unknown_focus_in_link_gives_quiet_notice(page: Page, app_url: str):
    open_network(page, app_url, "?focus=F999")
    expect(page.get_by_text("Some values in this link were not recognised", exact=False)).to_be_visible()
    expect(page.get_by_text("Focus: F999", exact=False)).to_be_visible()
    assert_no_exception(page)


def test_trace_copy_text(page: Page, app_url: str):
    open_network(page, app_url, "?trace=F015")
    # The box is built only when opened: opening it reruns the page.
    expect(page.locator('[data-testid="stCode"]')).to_have_count(0)
    rerun_after(page, lambda: page.get_by_text("Copy or download this list").click())
    code = page.locator('[data-testid="stCode"]').first
    code.scroll_into_view_if_needed()
    expect(code).to_contain_text("What helps: Face to face contact builds relationships. (F029)")
    expect(code).to_contain_text("Recommendation for Mental Health in Families team: Remain co-located (R09)")
    screenshot(page, "network-trace")


def test_a_new_focus_keeps_the_rest_of_the_link(page: Page, app_url: str):
    # A new focus reruns only the focus list, graph and details (a fragment), which write the URL themselves.
    open_network(page, app_url, "?trace=F017")
    pick_focus(page, FACE_TO_FACE)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert "focus=F029" in page.url
    assert "trace=F017" in page.url
    expect(page.get_by_role("combobox", name="Barrier to trace")).to_have_value(
        re.compile("Mental health social workers feel cast adrift")
    )
    assert_no_exception(page)
