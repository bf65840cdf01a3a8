"""About: how the study was done, its limits, how to cite it, the lens it used and the words this app uses."""

from components.about import draw as about_view
from components.ui import frame as ui

dataset = ui.page_start(
    "About the study",
    "How the study was done, what limits it, how to cite it, and the words this app uses.",
)
if dataset.study:
    about_view.study_sections(dataset)
else:
    about_view.upload_note(dataset)
about_view.data_sections(dataset)
ui.page_end(dataset)
