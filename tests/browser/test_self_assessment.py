"""Self-assessment in a real Chromium: a team lead rates a few statements, sees the two weakest areas,
adds their recommendations to the plan, downloads the answers and compares them with an earlier file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from components.data.load import load_dataset_dir
from tests.browser.conftest import (
    assert_no_exception,
    horizontal_overflow,
    open_page,
    rerun_after,
    screenshot,
    track_runs,
    wait_for_app,
)

# Statement -> the option to click. Priority and ownership scores 0.5, Wellbeing 1, the rest higher.
SHORT_ASSESSMENT = {
    "Our workers understand what the other service does, the roles and responsibilities of its workers, "
    "and the legal and procedural frameworks it uses.": "Fully in place",
    "Workers from both services meet face to face.": "Partly",
    "Our workers know their counterparts in the other service and have worked with them before.": "Fully in place",
    "Our service makes collaboration with the other service a priority.": "Not in place",
    "Timescales, tasks and targets leave our workers room to collaborate.": "Partly",
    "Our workers' wellbeing is looked after, so they have the energy for the extra effort collaboration takes.": (
        "Partly"
    ),
}


def open_self_assessment(page: Page, app_url: str) -> None:
    # Open the app's root first: on a freshly started server the very first deep link can show
    # Streamlit's "Page not found" dialog before the navigation is registered.
    open_page(page, app_url)
    open_page(page, f"{app_url}/self-assessment")
    assert_no_exception(page)


def choose(page: Page, statement: str, option: str) -> None:
    group = page.get_by_role("radiogroup", name=statement)
    rerun_after(page, lambda: group.locator("label", has_text=option).click())
    expect(group.get_by_role("radio", name=option)).to_be_checked()


def test_short_assessment_to_plan_and_download(page: Page, app_url: str, tmp_path: Path):
    open_self_assessment(page, app_url)
    expect(page.get_by_text("A prompt for reflection, not a measurement.")).to_be_visible()
    screenshot(page, "self_assessment_top")

    for statement, option in SHORT_ASSESSMENT.items():
        choose(page, statement, option)
    expect(page.get_by_text("6 of 12 statements rated.")).to_be_visible()
    page.get_by_role("radiogroup", name="Workers from both services meet face to face.").scroll_into_view_if_needed()
    screenshot(page, "self_assessment_form")

    # The two weakest areas, weakest first, each with the recommendations that answer it.
    heading = page.get_by_role("heading", name="Your 2 weakest areas")
    expect(heading).to_be_visible()
    expect(page.get_by_role("heading", name="1. Priority and ownership")).to_be_visible()
    expect(page.get_by_role("heading", name="2. Wellbeing")).to_be_visible()
    expect(page.get_by_text("Score: 0.5 out of 2 (2 statements rated).")).to_be_visible()
    expect(
        page.get_by_text("Managers to recognise the value of collaboration with families and professionals")
    ).to_have_count(1)
    expect(page.get_by_text("For: Children's social care").first).to_be_visible()
    page.locator('[data-testid="stPlotlyChart"]').scroll_into_view_if_needed()
    screenshot(page, "self_assessment_chart")
    heading.scroll_into_view_if_needed()
    screenshot(page, "self_assessment_weakest")

    add = page.get_by_role("button", name="Add these 3 recommendations to my action plan")
    rerun_after(page, add.click)
    expect(page.get_by_text("Added 3 recommendations to your action plan.")).to_be_visible()
    expect(page.get_by_text("Your action plan holds 3 recommendations.")).to_be_visible()
    plan_link = page.get_by_role("link", name="Open your action plan in the Recommendations planner")
    expect(plan_link).to_be_visible()
    screenshot(page, "self_assessment_added")
    assert horizontal_overflow(page) == 0

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download your answers (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("self-assessment-answers-")
    saved = tmp_path / "answers.csv"
    download.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM so a spreadsheet reads it right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["item_id", "theme", "statement", "finding_id", "rating", "assessed_on"]
    by_id = {row["item_id"]: row for row in rows}
    assert len(rows) == 12
    assert by_id["A07"]["rating"] == "not in place"
    assert by_id["A07"]["finding_id"] == "F016"
    assert by_id["A04"]["rating"] == "partly"
    assert by_id["A12"]["rating"] == ""

    # An earlier assessment in which the team said collaboration was partly a priority.
    by_id["A07"]["rating"] = "partly"
    by_id["A04"]["rating"] = "not in place"
    earlier = tmp_path / "earlier.csv"
    with earlier.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(by_id.values())
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    rerun_after(page, lambda: uploader.set_input_files(str(earlier)))
    wait_for_app(page)
    expect(
        page.get_by_text("Worse: Our service makes collaboration with the other service a priority.")
    ).to_be_visible()
    expect(
        page.get_by_text("Better: Workers from both services meet face to face. (not in place → partly)")
    ).to_be_visible()
    expect(page.get_by_text("Priority and ownership: 1 out of 2 then, 0.5 out of 2 now (down 0.5)")).to_be_visible()
    screenshot(page, "self_assessment_changes")
    # The file stays read; a rating changed now is compared with it at once.
    choose(page, "Our service makes collaboration with the other service a priority.", "Partly")
    expect(page.get_by_text("Priority and ownership: 1 out of 2 then, 1 out of 2 now", exact=False)).to_be_visible()
    worse = page.get_by_text("Worse: Our service makes collaboration with the other service a priority.")
    expect(worse).to_have_count(0)

    rerun_after(page, plan_link.click)
    page.wait_for_url("**/recommendations")
    assert_no_exception(page)


def test_malformed_answers_file_gets_a_clear_error(page: Page, app_url: str, tmp_path: Path):
    open_self_assessment(page, app_url)
    bad = tmp_path / "old answers.csv"
    bad.write_text("item_id,rating\nA01,partly\nA02,sometimes\nZ9,fully\n", encoding="utf-8")
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    rerun_after(page, lambda: uploader.set_input_files(str(bad)))
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text("This answers file could not be read.")
    expect(error).to_contain_text("old answers.csv, row 3, column 'rating': 'sometimes' is not a rating")
    expect(error).to_contain_text("old answers.csv, row 4, column 'item_id': 'Z9' is not a statement")
    assert_no_exception(page)
    error.scroll_into_view_if_needed()
    screenshot(page, "self_assessment_bad_file")


def test_answers_survive_a_visit_to_another_page(page: Page, app_url: str):
    open_self_assessment(page, app_url)
    statement = "Workers from both services meet face to face."
    choose(page, statement, "Partly")
    rerun_after(page, lambda: page.get_by_role("link", name="Home").first.click())
    page.wait_for_url(app_url + "/")
    rerun_after(page, lambda: page.get_by_role("link", name="Self-assessment").first.click())
    page.wait_for_url("**/self-assessment")
    group = page.get_by_role("radiogroup", name=statement)
    expect(group.get_by_role("radio", name="Partly")).to_be_checked()
    expect(page.get_by_text("1 of 12 statements rated.")).to_be_visible()


def test_clicking_a_score_dot_opens_that_areas_source_passages(page: Page, app_url: str):
    open_self_assessment(page, app_url)
    for statement, option in SHORT_ASSESSMENT.items():
        choose(page, statement, option)
    chart = page.locator('[data-testid="stPlotlyChart"]')
    chart.scroll_into_view_if_needed()
    # The first dot drawn is the weakest area, Priority and ownership, at the top.
    dot = chart.locator("g.trace.scatter g.points path").first
    # The framed chart (title above, source under it) is taller than the window: bring the dot itself into
    # view, below Streamlit's header, before clicking where it is drawn.
    dot.evaluate("element => element.scrollIntoView({block: 'center'})")
    box = dot.bounding_box()
    assert box is not None
    rerun_after(page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Priority and ownership")).to_be_visible()
    study = load_dataset_dir()
    findings = study.findings.set_index("finding_id")
    items = study.assessment_items.loc[study.assessment_items["theme"] == "Priority and ownership"]
    for item in items.itertuples():
        expect(dialog.get_by_text(item.statement, exact=True)).to_be_visible()
        expect(dialog.get_by_text(f"“{findings.at[item.finding_id, 'evidence']}”")).to_be_visible()
    expect(dialog.get_by_text("Your rating: Not in place")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "self_assessment_dot_clicked")

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("combobox", name="Read the source passages behind an area")).to_have_value(
        "Priority and ownership"
    )


def test_a_phone_rates_and_reads_its_weakest_areas_without_sideways_scrolling(browser: Browser, app_url: str):
    context = track_runs(browser.new_context(viewport={"width": 390, "height": 844}))
    try:
        page = context.new_page()
        open_self_assessment(page, app_url)
        expect(page.get_by_text("A prompt for reflection, not a measurement.")).to_be_visible()
        assert horizontal_overflow(page) == 0
        screenshot(page, "self_assessment_phone_top")
        for statement, option in SHORT_ASSESSMENT.items():
            choose(page, statement, option)
        expect(page.get_by_text("6 of 12 statements rated.")).to_be_visible()
        page.get_by_role(
            "radiogroup", name="Workers from both services meet face to face."
        ).scroll_into_view_if_needed()
        screenshot(page, "self_assessment_phone_form")
        chart = page.locator('[data-testid="stPlotlyChart"]')
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_visible()
        screenshot(page, "self_assessment_phone_chart")
        heading = page.get_by_role("heading", name="1. Priority and ownership")
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_visible()
        screenshot(page, "self_assessment_phone_weakest")
        assert horizontal_overflow(page) == 0
        assert_no_exception(page)
    finally:
        context.close()


def test_a_statements_source_box_and_its_cite_this_fill_in_when_opened(page: Page, app_url: str):
    open_self_assessment(page, app_url)
    finding = load_dataset_dir().findings.set_index("finding_id").loc["F029"]
    box = page.get_by_test_id("stExpander").filter(has_text="Where this comes from (F029)")
    quote = box.get_by_text(f"“{finding['evidence']}”")
    # Closed, the box holds nothing: the finding is built when it opens (a rerun).
    expect(page.get_by_text(f"“{finding['evidence']}”")).to_have_count(0)
    rerun_after(page, lambda: box.get_by_text("Where this comes from (F029)").click())
    expect(quote).to_be_visible()
    expect(box.get_by_text("Why this statement:", exact=False)).to_be_visible()
    # The radio above it keeps working while the box is open, and the box stays open.
    choose(page, "Workers from both services meet face to face.", "Partly")
    expect(quote).to_be_visible()
    rerun_after(page, lambda: box.get_by_role("button", name="Cite this").click())
    popover = page.get_by_test_id("stPopoverBody")
    expect(popover).to_be_visible()
    codes = popover.get_by_test_id("stCode")
    expect(codes).to_have_count(3)
    assert codes.first.inner_text().startswith("Carpenter, Nicola")
    assert "F029" in codes.nth(2).inner_text()
    assert_no_exception(page)
    screenshot(page, "self_assessment_source_open")
