"""Join: the page phones open in a training room (from the projector's QR code, or by typing its code) to
answer the presenter's discussion prompts. Drawn by components.live_room.draw_phone."""

import streamlit as st

from components.live_room import draw_phone
from components.ui import frame as ui

ui.ensure_router()
st.set_page_config(layout="centered", initial_sidebar_state="collapsed")
draw_phone.show_join_page()
