"""The compare page in a real Chromium: the first chart fits a 1280x720 projector, clicking a bar opens the
evidence (the researcher's summary and the thesis abstract) with its source, and a copied link reopens the
same view in a new tab."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from components import compare
from components.data.load import load_dataset_dir
from components.shared.session_keys import COMPARE_CHART
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

CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def study():
    return load_dataset_dir()


@pytest.fixture
def compare_url(app_url: str, page: Page) -> str:
    # A fresh server runs a page's file alone until its first session has run app.py (Streamlit keeps the
    # pages/ folder's old multipage mode until st.navigation is seen), so let the home page run once first.
    open_page(page, app_url)
    return f"{app_url}/compare"


def open_compare(page: Page, url: str) -> None:
    open_page(page, url)
    expect(page.get_by_role("heading", name="Compare perspectives")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)


def bars_with_width(chart: Locator, trace: int) -> list[Locator]:
    """The drawn bars of one panel (trace), skipping zero-length ones, in theme order."""
    paths = chart.locator("g.trace.bars").nth(trace).locator("g.point path")
    return [
        paths.nth(index)
        for index in range(paths.count())
        if (paths.nth(index).bounding_box() or {}).get("width", 0) > 2
    ]


def click_bar(page: Page, bar: Locator) -> None:
    """Click where the bar is drawn, as a person does: plotly's drag layer, not the path, takes the click."""
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    rerun_after(page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option from a selectbox as a person does: open it, type to narrow the list, click the option."""
    combobox = page.get_by_role("combobox", name=label)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        combobox.click()
        combobox.fill(option)
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    rerun_after(page, choice.click)
    expect(combobox).to_have_value(option)


def evidence_for(study, category: str, theme: str, group: str) -> list[tuple[str, str]]:
    rows = study.findings[
        (study.findings["category"] == category)
        & (study.findings["theme"] == theme)
        & (study.findings["group"] == group)
    ]
    return list(zip(rows["evidence"], rows["source"], strict=True))


def test_first_chart_fits_a_projector_with_readable_text(page: Page, compare_url: str):
    open_compare(page, compare_url)
    chart = page.locator(CHART).first
    box = chart.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 720, f"the first chart ends at {box['y'] + box['height']:.0f}px"
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '[data-testid="stPlotlyChart"] .xtick text, [data-testid="stPlotlyChart"] .ytick text,'
            + ' [data-testid="stPlotlyChart"] .annotation-text, [data-testid="stPlotlyChart"] .bartext'
        )).map(element => parseFloat(getComputedStyle(element).fontSize))"""
    )
    assert sizes
    assert min(sizes) >= 14
    expect(page.get_by_text("coded statements", exact=True).first).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot(page, "compare-first-view")


def test_clicking_a_bar_shows_the_evidence_with_its_source(page: Page, compare_url: str, study):
    open_compare(page, compare_url)
    comparison = compare.compare_themes(study.findings, "purpose", ["MHSW", "CSW"])
    csw_themes = [theme for theme in comparison.themes if comparison.counts.at[theme, "CSW"] > 0]
    chart = page.locator(CHART).first
    csw_bars = bars_with_width(chart, 1)  # panel order: MHSW, CSW
    assert len(csw_bars) == len(csw_themes)

    click_bar(page, csw_bars[0])

    theme = csw_themes[0]
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text(theme, exact=True).first).to_be_visible()
    quotes = evidence_for(study, "purpose", theme, "CSW")
    assert quotes
    for evidence, source in quotes:
        expect(dialog.get_by_text(f"“{evidence}”")).to_be_visible()
        expect(dialog.get_by_text(source).first).to_be_visible()
    expect(dialog.get_by_text("No MHSW statements on this theme.")).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["theme"] == [theme]
    assert_no_exception(page)
    screenshot(page, "compare-bar-clicked")

    # Closed, the words stay under the chart, with the clicked theme in the pick-list.
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("combobox", name="Theme")).to_have_value(theme)
    expect(page.get_by_text(f"“{quotes[0][0]}”")).to_be_visible()


def test_url_round_trip_reopens_the_same_view_in_a_new_tab(
    page: Page, compare_url: str, browser: Browser, study, app_url: str
):
    open_compare(page, compare_url)
    rerun_after(page, lambda: page.get_by_role("radio", name="Barriers").click())
    expect(page.get_by_role("radio", name="Barriers")).to_have_attribute("aria-checked", "true")

    choose(page, "Compare group", "CSW")
    choose(page, "With group", "MHSW")
    theme = "Wellbeing neglected"
    choose(page, "Theme", theme)
    (evidence, source) = evidence_for(study, "barrier", theme, "All")[0]
    expect(page.get_by_text(f"“{evidence}”")).to_be_visible()

    link = page.url
    assert parse_qs(urlparse(link).query) == {
        "left": ["CSW"],
        "right": ["MHSW"],
        "category": ["barrier"],
        "theme": [theme],
    }

    # A new tab: a fresh browser context shares no session state with the first.
    context = track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))
    try:
        tab = context.new_page()
        open_compare(tab, link)
        expect(tab.get_by_role("radio", name="Barriers")).to_have_attribute("aria-checked", "true")
        expect(tab.get_by_role("combobox", name="Compare group")).to_have_value("CSW")
        expect(tab.get_by_role("combobox", name="With group")).to_have_value("MHSW")
        expect(tab.get_by_role("combobox", name="Theme")).to_have_value(theme)
        expect(tab.get_by_text(f"“{evidence}”")).to_be_visible()
        expect(tab.get_by_text(source).first).to_be_attached()
        expect(tab.get_by_text("Barriers: CSW and MHSW.", exact=False)).to_be_visible()
        assert parse_qs(urlparse(tab.url).query) == parse_qs(urlparse(link).query)
        screenshot(tab, "compare-from-link")
    finally:
        context.close()


def test_unknown_link_values_are_ignored_quietly(page: Page, compare_url: str):
    open_compare(page, f"{compare_url}?left=Nobody&category=gossip&theme=%3Cb%3Eboo%3C%2Fb%3E")
    expect(page.get_by_text("Some values in this link were not recognised", exact=False)).to_be_visible()
    expect(page.get_by_text("<b>boo</b>", exact=False)).to_be_visible()
    expect(page.get_by_role("combobox", name="Compare group")).to_have_value("MHSW")
    expect(page.get_by_role("radio", name="Why collaborate")).to_have_attribute("aria-checked", "true")
    assert parse_qs(urlparse(page.url).query).get("left") == ["MHSW"]


def click_cell(page: Page, group: str, partner: str, study) -> None:
    """Click a partner-matrix cell where it is drawn, as a person does (the cells' clear squares are in
    matrix_cells order)."""
    matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
    index = compare.matrix_cells(matrix).index((group, partner))
    square = page.locator(CHART).nth(1).locator("g.trace.scatter g.points path").nth(index)
    square.scroll_into_view_if_needed()
    box = square.bounding_box()
    assert box is not None
    rerun_after(page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))


def test_clicking_a_partner_cell_lists_its_statements_and_quotes(page: Page, compare_url: str, study):
    open_compare(page, compare_url)
    click_cell(page, "CSW", "professionals", study)

    cell = compare.partner_cell(study.findings, "CSW", "professionals")
    assert len(cell.statements) == 5
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name=cell.title)).to_be_visible()
    for _, finding in cell.statements.iterrows():
        expect(dialog.get_by_text(finding["statement"], exact=True)).to_be_visible()
        expect(dialog.get_by_text(f"“{finding['evidence']}”")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "compare-cell-clicked")

    # Closed, the same cell stays picked under the matrix, for the keyboard and a second look.
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("combobox", name="Read the statements behind a cell")).to_have_value(
        compare.cell_label(compare.partner_matrix(study.findings, ["MHSW", "CSW"]), ("CSW", "professionals"))
    )


def test_clicking_the_zero_children_cell_says_why_it_is_zero(page: Page, compare_url: str, study):
    open_compare(page, compare_url)
    click_cell(page, "MHSW", "children", study)

    cell = compare.partner_cell(study.findings, "MHSW", "children")
    assert cell.statements.empty
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text(cell.why_zero)).to_be_visible()
    expect(dialog.locator("blockquote")).to_contain_text(f"“{cell.note['evidence']}”")
    expect(dialog.locator("blockquote")).to_contain_text(cell.note["source"])
    screenshot(page, "compare-zero-cell-clicked")


def test_a_keyboard_user_opens_a_cell_from_the_pick_list(page: Page, compare_url: str, study):
    open_compare(page, compare_url)
    matrix = compare.partner_matrix(study.findings, ["MHSW", "CSW"])
    label = compare.cell_label(matrix, ("MHSW", "clients"))
    combobox = page.get_by_role("combobox", name="Read the statements behind a cell")
    combobox.focus()
    combobox.fill("MHSW · clients")
    option = page.get_by_role("option", name=label, exact=True)
    expect(option).to_be_visible()
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    for evidence in compare.partner_cell(study.findings, "MHSW", "clients").statements["evidence"]:
        expect(dialog.get_by_text(f"“{evidence}”")).to_be_visible()


def test_no_tooltip_covers_the_partner_names(page: Page, compare_url: str):
    open_compare(page, compare_url)
    chart = page.locator(CHART).nth(1)
    square = chart.locator("g.trace.scatter g.points path").first
    square.scroll_into_view_if_needed()
    box = square.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # Plotly draws a tooltip into its hover layer; over the matrix there is none to cover the row labels.
    expect(chart.locator(".hoverlayer .hovertext")).to_have_count(0)
    expect(chart.locator(".ytick text").first).to_be_visible()


def test_the_chart_buttons_sit_clear_of_each_charts_title(page: Page, compare_url: str):
    """At 1280 px the partner matrix is narrow: its camera button once sat over its title."""
    open_compare(page, compare_url)
    overlaps = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).map(chart => {
            const title = chart.querySelector('.gtitle').getBoundingClientRect();
            const buttons = Array.from(chart.querySelectorAll('.modebar-btn')).map(b => b.getBoundingClientRect());
            return [buttons.length, buttons.filter(b => b.left < title.right && b.right > title.left
                && b.top < title.bottom && b.bottom > title.top).length];
        })"""
    )
    assert len(overlaps) == 2
    for buttons, over_title in overlaps:
        assert buttons >= 1  # the camera is there
        assert over_title == 0
    screenshot(page, "compare-chart-buttons")


def test_a_table_of_the_numbers_opens_under_the_chart(page: Page, compare_url: str, study):
    """The tables are built only when their box is opened; opening one shows the grid of numbers."""
    open_compare(page, compare_url)
    boxes = page.get_by_text("Show the numbers as a table")
    expect(boxes).to_have_count(2)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    rerun_after(page, boxes.nth(1).click)
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid).to_have_count(1)
    expect(grid.first).to_be_visible()


def test_on_a_phone_the_theme_chart_stacks_its_groups_to_the_screens_width(browser: Browser, app_url: str):
    """At 390 px the groups' panels stack one under another, as wide as the screen, with wrapped labels and
    whole titles: nothing scrolls sideways and no text of the chart is cut at its edges."""
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}))
    try:
        page = context.new_page()
        open_page(page, app_url)
        open_compare(page, f"{app_url}/compare")
        # The page reruns once the browser has said it is phone-narrow (components/ui/viewport.py).
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        page.wait_for_function(
            """() => { const svg = document.querySelector('[data-testid="stPlotlyChart"] .main-svg');
                return svg && svg.getBoundingClientRect().width <= window.innerWidth; }""",
            timeout=30_000,
        )
        wait_for_app(page)
        assert horizontal_overflow(page) == 0
        expect(page.locator(f".st-key-{phone_box_key(COMPARE_CHART)}")).to_have_count(0)
        chart.scroll_into_view_if_needed()
        measured = chart.evaluate(
            """chart => {
                const svg = chart.querySelector('.main-svg').getBoundingClientRect();
                const outside = r => r.left < svg.left - 1 || r.right > svg.right + 1;
                const texts = [...chart.querySelectorAll('.gtitle, .annotation-text, .ytick text, .xtick text')];
                const titles = [...chart.querySelectorAll('.annotation-text')]
                    .filter(el => ['MHSW', 'CSW'].includes(el.textContent.trim()));
                return {width: svg.width, viewport: window.innerWidth,
                        cut: texts.filter(el => outside(el.getBoundingClientRect())).map(el => el.textContent),
                        titleTops: titles.map(el => el.getBoundingClientRect().top),
                        titleLefts: titles.map(el => el.getBoundingClientRect().left)};
            }"""
        )
        assert measured["width"] <= measured["viewport"]
        assert measured["cut"] == []
        # Two panels, one under the other (the same left, a different top), not side by side.
        assert len(measured["titleTops"]) == 2, measured
        assert abs(measured["titleTops"][1] - measured["titleTops"][0]) > 100
        assert abs(measured["titleLefts"][1] - measured["titleLefts"][0]) < 40
        screenshot(page, "compare-phone-theme-chart")
    finally:
        context.close()


# Every frame, the widest chart drawn so far: a first run that drew the wide layout on a phone shows up here even
# though the next run replaces it.
WIDEST_CHART = """(() => {
    window.__widestChart = 0;
    const tick = () => {
        for (const svg of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')) {
            window.__widestChart = Math.max(window.__widestChart, svg.getBoundingClientRect().width);
        }
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})()"""
PHONE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_a_phone_draws_the_stacked_chart_from_the_first_run(browser: Browser, app_url: str):
    """A phone's browser (its User-Agent says Mobile) opening Compare at 390x844 never sees the wide chart first:
    the first run guesses the phone from the request (components/ui/viewport.py), so nothing jumps."""
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_USER_AGENT))
    context.add_init_script(WIDEST_CHART)
    try:
        page = context.new_page()
        open_page(page, app_url)  # a fresh server's first session runs app.py first (see compare_url)
        open_compare(page, f"{app_url}/compare")
        expect(page.locator(CHART).first).to_be_visible()
        page.wait_for_timeout(1_000)  # a rerun the browser's width report set off would have drawn by now
        wait_for_app(page)
        widest, viewport = page.evaluate("() => [window.__widestChart, window.innerWidth]")
        assert 0 < widest <= viewport
        # One run: the browser's width report agreed with the guess, so it set off no second run (with the wide
        # layout drawn first, it did: a 520 px chart, then the stacked one).
        assert page.evaluate("() => window.__stRuns.requests") == 1
        expect(page.locator(f".st-key-{phone_box_key(COMPARE_CHART)}")).to_have_count(0)
        assert horizontal_overflow(page) == 0
    finally:
        context.close()
