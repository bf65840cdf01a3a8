"""Recommendations planner in a real Chromium: a children's services team lead builds and downloads a plan."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    wait_for_app,
)

CHILDRENS = "Children's social care"
LA = "the Local Authority as an organisation"
R03_START = "Children’s and adults’ services to work towards"
R05_START = "Social workers’ focus upon sharing information"
R06_START = "Managers to recognise the value of collaboration"
MHIF = "Mental Health in Families team"
CITATION_START = "Carpenter, Nicola (2019) Exploratory Study of Social Workers’ Perceptions of Collaboration"
INJECTION = '=HYPERLINK("http://example.invalid","Click")'
# Editor columns, as the page sets their widths in pixels: ID 56, Recommendation 240, Owner 130, Due 120, First step.
OWNER_X, DUE_X, FIRST_STEP_X = 56 + 240 + 40, 56 + 240 + 130 + 40, 56 + 240 + 130 + 120 + 40
HEADER_HEIGHT, ROW_HEIGHT = 38, 37


def go_to_planner(page: Page, app_url: str) -> None:
    """As a new user: arrive at the home page and follow the sidebar link."""
    open_page(page, app_url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Recommendations planner").click()
    page.wait_for_url("**/recommendations")
    expect(page.get_by_role("heading", name="Recommendations planner")).to_be_visible()
    wait_for_app(page)


def choose_audience(page: Page, audience: str) -> None:
    page.get_by_role("combobox", name="Who are you planning for? Choose your audience").click()
    # After the page has rerun a few times a click can leave the list closed; the arrow key opens it either way.
    page.keyboard.press("ArrowDown")
    rerun_after(page, lambda: page.get_by_role("option", name=audience, exact=True).click())
    # Close the list and leave the box, as a person clicking elsewhere would: a focused box does not reopen on click.
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Recommendations planner").click()


def card(page: Page, text: str) -> Locator:
    """The bordered card that holds a recommendation's text and its plan checkbox."""
    return (
        page.get_by_test_id("stVerticalBlock")
        .filter(has_text=text)
        .filter(has=page.get_by_role("checkbox", name="In my plan"))
        .last
    )


def tick(page: Page, text: str) -> None:
    holder = card(page, text)
    rerun_after(page, lambda: holder.get_by_text("In my plan", exact=True).click())
    expect(holder.get_by_role("checkbox", name="In my plan")).to_be_checked()


def type_in_plan_cell(page: Page, row: int, x_offset: int, value: str, editor: str = "textarea.gdg-input") -> None:
    """The editor draws on a canvas: double-click the cell where it is drawn, type, press Enter."""
    grid = page.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.dblclick(box["x"] + x_offset, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
    # The cell editor is an input the grid opens over the canvas: type only once it is there.
    cell_editor = page.locator(editor)
    expect(cell_editor).to_be_visible()
    cell_editor.fill(value)
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    expect(cell_editor).to_have_count(0)


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as event:
        page.get_by_role("button", name=label).click()
    return Path(event.value.path()).read_bytes()


def test_team_lead_picks_audience_builds_plan_and_downloads_it(page: Page, app_url: str):
    go_to_planner(page, app_url)
    first_widget = page.get_by_test_id("stMain").get_by_test_id("stWidgetLabel").first
    expect(first_widget).to_contain_text("Who are you planning for?")

    choose_audience(page, CHILDRENS)
    expect(page.get_by_text("2 of 15 recommendations match your filters.")).to_be_visible()
    expect(page.get_by_text(R05_START)).to_be_visible()
    expect(page.get_by_text(R06_START)).to_be_visible()
    expect(page.get_by_text(R03_START)).to_have_count(0)
    expect(
        page.get_by_text("Children's social workers are driven by timescales, tasks and targets.").first
    ).to_be_visible()
    assert "audience=Children%27s+social+care" in page.url
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "recommendations-audience")

    # A closed box holds nothing: its evidence is built when it opens (a rerun), and so is each "Cite this".
    holder = card(page, R06_START)
    expect(holder.get_by_role("button", name="Cite this")).to_have_count(0)
    rerun_after(page, lambda: holder.get_by_text("The evidence behind it").click())
    expect(page.get_by_text("“CSW – Timescales, tasks, targets”")).to_be_visible()
    expect(holder.get_by_text("From the researcher's summary of her study:").first).to_be_visible()
    screenshot(page, "recommendations-evidence")
    rerun_after(page, lambda: holder.get_by_role("button", name="Cite this").first.click())
    popover = page.get_by_test_id("stPopoverBody")
    expect(popover).to_be_visible()
    codes = popover.get_by_test_id("stCode")
    expect(codes).to_have_count(3)
    assert codes.first.inner_text().strip().endswith(f"{app_url}/explore?id=F018")
    page.keyboard.press("Escape")
    expect(popover).to_have_count(0)

    tick(page, R05_START)
    tick(page, R06_START)
    type_in_plan_cell(page, 0, OWNER_X, INJECTION)
    type_in_plan_cell(page, 0, DUE_X, "2027-03-31", editor="input[type=date]")
    type_in_plan_cell(page, 1, FIRST_STEP_X, "Put collaboration on the team agenda")

    # A third item from the local authority's list: the edits above must survive the plan growing.
    choose_audience(page, LA)
    tick(page, R03_START)
    expect(page.get_by_text("Your plan has 3")).to_be_visible()
    page.get_by_role("heading", name="Your action plan").scroll_into_view_if_needed()
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "recommendations-plan")

    data = download(page, "Download the plan for a spreadsheet (CSV)")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["Recommendation ID"] for row in rows] == ["R03", "R05", "R06"]
    by_id = {row["Recommendation ID"]: row for row in rows}
    assert by_id["R05"]["Owner"] == "'" + INJECTION
    assert by_id["R05"]["Due date"] == "2027-03-31"
    assert by_id["R06"]["First step"] == "Put collaboration on the team agenda"
    assert by_id["R05"]["Recommendation"].startswith(R05_START)
    assert by_id["R06"]["Audience"] == CHILDRENS
    assert "timescales, tasks and targets" in by_id["R06"]["Why: what it addresses"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())

    markdown = download(page, "Download the plan as a document (Markdown)").decode("utf-8")
    assert markdown.index(f"## For {LA}") < markdown.index(f"## For {CHILDRENS}")
    assert f"### 2. {R05_START}" in markdown
    assert "- **First step:** Put collaboration on the team agenda" in markdown
    assert "- **Due date:** 2027-03-31" in markdown
    assert "**Why: what it addresses:**" in markdown
    assert "> “CSW – Timescales, tasks, targets” — Carpenter n.d." in markdown
    assert "Carpenter, Nicola (2019) Exploratory Study of Social Workers’ Perceptions of Collaboration" in markdown

    word = docx.Document(io.BytesIO(download(page, "Download the plan to edit in Word (.docx)")))
    (grid,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in grid.rows]
    assert rows[0] == [
        "Recommendation",
        "Audience",
        "Reasons, with their evidence",
        "Owner",
        "Due date",
        "First step",
        "Notes",
    ]
    assert [re.search(r"ID (R\d+)", row[0]).group(1) for row in rows[1:]] == ["R03", "R05", "R06"]
    assert rows[2][3:5] == [INJECTION, "2027-03-31"]  # the owner typed as a formula is plain text in Word
    assert rows[3][5] == "Put collaboration on the team agenda"
    assert "“CSW – Timescales, tasks, targets” — Carpenter n.d." in rows[3][2]

    pdf = PdfReader(io.BytesIO(download(page, "Download the plan to print (PDF)")))
    pages = [" ".join(sheet.extract_text().split()) for sheet in pdf.pages]
    assert all(CITATION_START in sheet for sheet in pages)
    assert "Put collaboration on the team agenda" in " ".join(pages)


def test_a_tampered_link_is_tidied_with_a_quiet_notice(page: Page, app_url: str):
    open_page(page, app_url)
    open_page(page, f"{app_url}/recommendations?audience=Nobody&element=shared+repertoire")
    expect(page.get_by_text("Some values in this link were not recognised and were ignored")).to_be_visible()
    expect(page.get_by_text("7 of 15 recommendations match your filters.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Shared repertoire")).to_be_visible()
    assert "Nobody" not in page.url
    assert_no_exception(page)

    # The button sits with the cards in a fragment, but the filters above it are cleared too, and the link.
    rerun_after(page, lambda: page.get_by_role("button", name="Clear filters").click())
    expect(page.get_by_text("Showing all 15 recommendations.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Shared repertoire")).to_have_count(0)
    expect(page.get_by_role("checkbox", name="In my plan")).to_have_count(15)
    assert "element=" not in page.url
    assert_no_exception(page)


def test_add_all_shown_then_print_the_plan_and_clear_it(page: Page, app_url: str):
    go_to_planner(page, app_url)
    choose_audience(page, MHIF)
    expect(page.get_by_text("7 of 15 recommendations match your filters.")).to_be_visible()
    rerun_after(page, lambda: page.get_by_role("button", name="Add all 7 shown to my plan").click())
    expect(page.get_by_text("Added 7 to your plan.")).to_be_visible()
    expect(page.get_by_text("Your plan has 7")).to_be_visible()
    expect(page.get_by_role("button", name="All shown are in your plan")).to_be_disabled()
    for box in page.get_by_role("checkbox", name="In my plan").all():
        expect(box).to_be_checked()
    page.get_by_role("button", name="Download the plan to print (PDF)").scroll_into_view_if_needed()
    assert_no_exception(page)
    assert horizontal_overflow(page) == 0
    screenshot(page, "recommendations-add-all")

    pdf = PdfReader(io.BytesIO(download(page, "Download the plan to print (PDF)")))
    text = " ".join(" ".join(sheet.extract_text().split()) for sheet in pdf.pages)
    assert sorted(set(re.findall(r"ID (R\d+)", text))) == [f"R{n:02}" for n in range(9, 16)]
    for sheet in pdf.pages:
        assert CITATION_START in " ".join(sheet.extract_text().split())
    word = docx.Document(io.BytesIO(download(page, "Download the plan to edit in Word (.docx)")))
    assert len(word.tables[0].rows) == 1 + 7

    rerun_after(page, lambda: page.get_by_role("button", name="Clear the plan").click())
    expect(page.get_by_text("Your plan is empty.")).to_be_visible()
    expect(page.get_by_role("button", name="Add all 7 shown to my plan")).to_be_enabled()
    assert_no_exception(page)
