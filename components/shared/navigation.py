"""The one list of the app's pages: app.py's navigation, the home page's cards, the tests and the benchmark
all read it, so a page is added or renamed in one place.

No Streamlit here: app.py turns each record into an `st.Page`. URL paths and titles are public: shared links,
embedded course pages and training notes point at them, so change them only with a redirect in mind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


DEFAULT_LAYOUT = "wide"
DEFAULT_SIDEBAR = "auto"


@dataclass(frozen=True)
class PageRecord:
    """One page: its script, the title the navigation shows, its Material icon, and its public URL path
    ("" is the home page, served at the app's root), with a one-line purpose for the home page's cards and
    who it is for (the README's table)."""

    script: str
    title: str
    icon: str
    url_path: str
    purpose: str
    audience: str
    # A card in Home's "Where to go next". /join is not: phones reach it from the projector's QR code or code.
    home_card: bool = True
    # The page's own layout and sidebar (st.set_page_config), set by app.py before the page runs.
    layout: str = DEFAULT_LAYOUT
    sidebar: str = DEFAULT_SIDEBAR

    @property
    def is_home(self) -> bool:
        return self.url_path == ""


# Navigation order. One flat list: with sections, Streamlit 1.67 puts the section headings straight inside the
# nav's <ul>, which axe-core reports as a serious list-structure violation for screen readers.
PAGES = (
    PageRecord(
        "pages/home.py",
        "Home",
        ":material/home:",
        "",
        "The question, key figures, headline findings and points to note.",
        "everyone",
    ),
    PageRecord(
        "pages/compare.py",
        "Compare groups",
        ":material/compare:",
        "compare",
        "See the two groups' reasons, barriers and views side by side.",
        "students, trainers",
    ),
    PageRecord(
        "pages/network.py",
        "Barriers network",
        ":material/hub:",
        "network",
        "Follow a barrier to what helps and the recommendations that answer it.",
        "students, team leads",
    ),
    PageRecord(
        "pages/recommendations.py",
        "Recommendations planner",
        ":material/checklist:",
        "recommendations",
        "Filter by audience and download an action plan.",
        "team leads",
    ),
    PageRecord(
        "pages/present.py",
        "Present",
        ":material/co_present:",
        "present",
        "Slides and discussion prompts for a training room.",
        "trainers",
        sidebar="collapsed",
    ),
    PageRecord(
        "pages/join.py",
        "Join a live room",
        ":material/qr_code_2:",
        "join",
        "Answer the presenter's discussion prompts from your phone, with the room's code.",
        "people in a training room",
        home_card=False,
        layout="centered",  # a phone's page: one column
        sidebar="collapsed",
    ),
    PageRecord(
        "pages/explore.py",
        "Explore findings",
        ":material/search:",
        "explore",
        "Search every finding and read the evidence behind it.",
        "students",
    ),
    PageRecord(
        "pages/about.py",
        "About the study",
        ":material/menu_book:",
        "about",
        "Method, limits, glossary and how to cite.",
        "students",
    ),
    PageRecord(
        "pages/your-data.py",
        "Your data",
        ":material/upload_file:",
        "your-data",
        "Run this explorer on your own coded study.",
        "researchers, trainers",
    ),
    PageRecord(
        "pages/self-assessment.py",
        "Self-assessment",
        ":material/fact_check:",
        "self-assessment",
        "Rate your service against the findings.",
        "team leads",
    ),
)


def page_scripts() -> list[str]:
    """Every page's script path, relative to the repository, in navigation order."""
    return [page.script for page in PAGES]


def url_paths() -> list[str]:
    """Every page's public URL path in navigation order ("" is the home page)."""
    return [page.url_path for page in PAGES]


def by_url_path(url_path: str) -> PageRecord:
    """The record of the page served at `url_path` ("" is the home page); KeyError names it when there is none."""
    for page in PAGES:
        if page.url_path == url_path:
            return page
    raise KeyError(f"no page is served at /{url_path} (components/shared/navigation.py PAGES)")


def by_script(script: str) -> PageRecord:
    """The record of the page whose script is `script` (KeyError names it when there is none)."""
    for page in PAGES:
        if page.script == script:
            return page
    raise KeyError(f"{script} is not in components/shared/navigation.py PAGES")


def page_files_on_disk(repo: Path = REPO) -> list[str]:
    """The page scripts in the pages/ folder, as repository-relative paths, for the registry's own test."""
    return sorted(f"pages/{path.name}" for path in (repo / "pages").glob("*.py"))
