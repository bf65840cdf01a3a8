"""The home page in AppTest: headline findings open their evidence, points to note are bounded on big data."""

from __future__ import annotations

from components.data.load import build_dataset, load_dataset_dir
from components.home import view as home
from components.shared.session_keys import UPLOADED_DATASET
from tests.pages.apptest import element_count, open_app_page


def page_links(app) -> list:
    return [element.proto for element in app.get("page_link")]


def many_observations(count: int):
    lines = ["finding_id,group,category,theme,statement"]
    lines += [f"O{n},Nurses,observation,Time,Seen number {n}" for n in range(count)]
    return build_dataset({"findings.csv": "\n".join(lines).encode()}, name="Upload")


class TestStudy:
    def test_each_headline_finding_is_a_link_to_its_evidence(self):
        app = open_app_page("pages/home.py")
        view = home.home_view(load_dataset_dir())
        headline_links = [link for link in page_links(app) if link.query_string.startswith("id=")]
        assert [link.label for link in headline_links] == [home.headline_label(row) for row in view.headline]
        assert [link.query_string for link in headline_links] == [f"id={row['finding_id']}" for row in view.headline]
        assert {link.page for link in headline_links} == {"explore"}
        # The statements are the app's wording: a quotation mark beside them would pass them off as quotes.
        assert not any("format_quote" in link.icon for link in headline_links)

    def test_points_and_influences_are_one_list_each(self):
        app = open_app_page("pages/home.py")
        texts = [element.value for element in app.markdown]
        points = next(text for text in texts if text.startswith("- Everyone saw collaboration"))
        assert len(points.splitlines()) == 5
        assert any("- **Professional identity**" in text for text in texts)
        assert not any(link.label.endswith("observations, on Explore") for link in page_links(app))


class TestUpload:
    def test_hundreds_of_observations_show_five_and_link_to_the_rest_on_explore(self):
        app = open_app_page("pages/home.py", state={UPLOADED_DATASET: many_observations(300)})
        texts = [element.value for element in app.markdown]
        points = next(text for text in texts if text.startswith("- Seen number 0"))
        assert points.splitlines() == [f"- Seen number {n}" for n in range(home.POINTS_SHOWN)]
        assert not any("Seen number 5" in text for text in texts)
        rest = next(link for link in page_links(app) if link.label == "All 300 observations, on Explore")
        assert rest.query_string == "category=observation"

    def test_the_first_view_stays_small_however_many_observations(self):
        small = open_app_page("pages/home.py", state={UPLOADED_DATASET: many_observations(6)})
        large = open_app_page("pages/home.py", state={UPLOADED_DATASET: many_observations(600)})
        assert len(large.markdown) == len(small.markdown)


def test_the_first_view_stays_near_sixty_elements():
    # 93 when each headline finding was a pair of columns and each list line its own Markdown.
    assert element_count(open_app_page("pages/home.py")) <= 60
