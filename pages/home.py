"""Home: what the study asked and found, its key figures, and a way into every page."""

from components.home import draw as home
from components.ui import frame as ui

dataset = ui.page_start(None)
home.title_and_intro(dataset)
# Figures and findings are built once per dataset (components.ui.view_cache), not on every rerun.
shown = home.home_view(dataset)
home.key_figures(shown)
home.headline_findings(shown)
home.points_and_influences(shown)
home.next_pages()

ui.page_end(dataset)
