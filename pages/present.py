"""Present: the study as a slide deck for a training room, built from the data by components.present.deck.

Three views of one deck, chosen by the URL:
- `/present?slide=4` — one window: the slide, its controls and the speaker notes (the slide is 1-based).
- `/present?room=CODE&view=presenter` — the trainer's screen: current and next slide, notes, the
  findings a prompt can reveal, a timer, and a link that opens the projector window.
- `/present?room=CODE&view=projector` — only the slide, full screen, following the presenter.
The two room windows share a room in this server process (components.present.presenter), bound to the browser.
A clicker's keys (PageDown/PageUp, Space, Home/End, the arrows) step the deck in every view.
"""

import streamlit as st

from components.present import draw_rooms as room_windows
from components.present import draw_single_window as single_window
from components.present import draw_slides as slide_view
from components.present import presenter
from components.ui import frame as ui

# Before anything reaches the browser: a fresh server's first deep link is rerouted through app.py once (which
# sets this page's wide layout and collapsed sidebar, components/shared/navigation.py).
ui.ensure_router()
st.html(slide_view.SLIDE_STYLE)

view = st.query_params.get("view")
if view in presenter.VIEWS:
    room_windows.show_room(view, st.query_params.get("room"))
else:
    single_window.show_single_window()
