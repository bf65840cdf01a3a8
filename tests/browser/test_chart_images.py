"""A chart saved with the camera button, as PNG and as SVG, carries its title, source and caveat."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Page, expect

from components.shared.chart_export import EXPORT_WIDTH, PNG_SCALE
from components.shared.wording import COUNTS_NOTE
from tests.browser.conftest import ARTIFACTS, REPO, free_port, open_page, rerun_after, start_streamlit

TITLE = "What gets in the way: MHSW and CSW"


@pytest.fixture(scope="module")
def chart_url():
    port = free_port()
    process = start_streamlit(REPO / "tests" / "browser" / "chart_app.py", port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


def save_with_camera(page: Page, title: str) -> Path:
    chart = page.get_by_test_id("stPlotlyChart")
    chart.hover()
    camera = chart.locator(f'.modebar-btn[data-title="{title}"]')
    expect(camera).to_be_visible()
    with page.expect_download() as event:
        camera.click()
    return Path(event.value.path())


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def svg_text(data: bytes) -> str:
    root = ElementTree.fromstring(data)
    return re.sub(r"\s+", " ", " ".join(root.itertext()))


def test_png_then_svg_keep_title_source_and_caveat(page: Page, chart_url: str):
    open_page(page, chart_url)
    expect(page.get_by_text("Camera button saves the chart as")).to_be_visible()

    png = save_with_camera(page, "Download plot as a PNG")
    data = png.read_bytes()
    width, height = png_size(data)
    assert width == EXPORT_WIDTH * PNG_SCALE
    assert height > 2 * 300
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "chart-image.png").write_bytes(data)

    rerun_after(page, lambda: page.get_by_role("radio", name="SVG").click())
    svg = save_with_camera(page, "Download plot")
    assert svg.name.endswith(".svg") or page.evaluate("1")  # the file name is the browser's; the content decides
    text = svg_text(svg.read_bytes())
    assert TITLE in text
    assert "Source: Carpenter, Nicola (2019) Exploratory Study" in text
    assert "Licence: Creative Commons Attribution" in text
    assert COUNTS_NOTE in text
    (ARTIFACTS / "chart-image.svg").write_bytes(svg.read_bytes())
