"""The one list of pages: every page file in pages/ is in it and nothing else, and its public names stay put."""

import pytest

from components.home import view as home
from components.shared import navigation


class TestRegistry:
    def test_every_page_file_is_registered_and_every_record_has_a_file(self):
        assert sorted(navigation.page_scripts()) == navigation.page_files_on_disk()

    def test_url_paths_are_unique(self):
        paths = navigation.url_paths()
        assert len(set(paths)) == len(paths)

    def test_titles_are_unique(self):
        titles = [page.title for page in navigation.PAGES]
        assert len(set(titles)) == len(titles)

    def test_one_home_page_and_it_comes_first(self):
        assert [page.script for page in navigation.PAGES if page.is_home] == ["pages/home.py"]
        assert navigation.PAGES[0].is_home

    def test_public_url_paths_and_titles_are_the_ones_links_point_at(self):
        # Shared links, embedded course pages and training notes use these: a change here breaks them.
        assert {page.url_path: page.title for page in navigation.PAGES} == {
            "": "Home",
            "compare": "Compare groups",
            "network": "Barriers network",
            "recommendations": "Recommendations planner",
            "present": "Present",
            "join": "Join a live room",
            "explore": "Explore findings",
            "about": "About the study",
            "your-data": "Your data",
            "self-assessment": "Self-assessment",
        }

    def test_each_url_path_finds_its_record_and_its_own_page_config(self):
        for page in navigation.PAGES:
            assert navigation.by_url_path(page.url_path) is page
        with pytest.raises(KeyError, match="/nowhere"):
            navigation.by_url_path("nowhere")
        # app.py sets one page config per run from these: the phone page in one column, the deck without the sidebar.
        configs = {page.url_path: (page.layout, page.sidebar) for page in navigation.PAGES}
        assert configs.pop("join") == ("centered", "collapsed")
        assert configs.pop("present") == ("wide", "collapsed")
        assert set(configs.values()) == {("wide", "auto")}

    def test_page_files_are_named_after_their_url_paths(self):
        # components.ui.frame.ensure_router relies on it: a cold deep link is first served from pages/ by file name.
        for page in navigation.PAGES:
            if not page.is_home:
                assert page.script == f"pages/{page.url_path}.py"

    def test_every_record_says_what_the_page_is_for_and_who_it_serves(self):
        for page in navigation.PAGES:
            assert page.purpose.strip(), page
            assert page.audience.strip(), page
            assert page.icon.startswith(":material/"), page

    def test_by_script_finds_a_page_and_names_an_unknown_one(self):
        assert navigation.by_script("pages/about.py").url_path == "about"
        with pytest.raises(KeyError, match=r"pages/nope\.py"):
            navigation.by_script("pages/nope.py")


class TestHomeCards:
    def test_cards_are_every_page_but_home_and_join_in_navigation_order(self):
        # /join is for phones in a training room, reached by the projector's QR code or its code.
        expected = [script for script in navigation.page_scripts()[1:] if script != "pages/join.py"]
        assert [card.script for card in home.NEXT_PAGES] == expected
