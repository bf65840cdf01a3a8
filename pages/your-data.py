"""Your data: upload a coded study in the bundled format or straight from a QDA tool, see every problem at
once, open it on every page, and take the open study back to a QDA tool.

Uploads are checked by the same loader as the bundled study. They live in this session's state only:
the bytes are read from the uploader in memory and never written to disk.
"""

import streamlit as st

from components.publish import draw as publish_draw
from components.ui import frame as ui
from components.ui import published
from components.your_data import draw as your_data_view
from components.your_data import upload

dataset = ui.page_start(
    "Use your own coded data",
    "Run this explorer on your own study: open the project your QDA tool exports (.qdpx, or Taguette's "
    "highlights), or fill in the templates in a spreadsheet and upload them as CSV. Every page then shows "
    "your data, in this browser session only. [From a QDA tool? Start here.](#or-open-a-project-from-your-qda-tool)",
)
st.markdown(published.showing_now(dataset) or upload.showing_now(dataset))
your_data_view.server_study_notes(dataset)
publish_draw.claim_owner_link()

uploads = your_data_view.csv_uploads()
your_data_view.check_and_open(dataset, uploads)
your_data_view.qda_import(dataset)
publish_draw.publish_section(dataset)
your_data_view.qda_export(dataset)

ui.page_end(dataset)
