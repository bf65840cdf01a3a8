"""axe-core (axe-playwright-python, bundled axe.min.js) on every page: no serious or critical WCAG 2.1
A/AA violations, colour contrast included, and every chart has a text label for screen readers."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import open_page
from tests.browser.steps import PAGES, WCAG_21_AA, describe

# The charts each page opens with, so the text-alternative check below cannot pass on a page that lost its
# charts. Self-assessment draws its chart only once statements are rated (tests/browser/test_self_assessment.py).
CHARTS_ON_OPEN = {"compare": 2, "network": 1}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_wcag_violations(page: Page, path: str, app_url: str, axe):
    open_page(page, f"{app_url}/{path}")
    results = axe.run(page, options=WCAG_21_AA)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert [describe(v) for v in serious] == []


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_has_a_text_alternative(page: Page, path: str, app_url: str):
    open_page(page, f"{app_url}/{path}")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == CHARTS_ON_OPEN.get(path, 0), f"/{path} opens with {charts.count()} charts"
    for index in range(charts.count()):
        chart = charts.nth(index)
        label = chart.evaluate(
            "el => el.getAttribute('aria-label') || el.querySelector('[aria-label]')?.getAttribute('aria-label') "
            "|| el.querySelector('[role=img]')?.getAttribute('aria-label') || ''"
        )
        assert label.strip(), f"chart {index} on /{path} has no text label"
        # The sighted text alternative sits under the chart: a table of the numbers behind an expander.
        expect_text = chart.locator("xpath=following::*[contains(., 'Show the numbers as a table')]").first
        assert expect_text.count() == 1, f"chart {index} on /{path} has no table of its numbers below it"
