"""Join: the page phones open in a training room (from the projector's QR code, or by typing its code) to
answer the presenter's discussion prompts. Drawn by components.live_room.draw_phone."""

from components.live_room import draw_phone
from components.ui import frame as ui

ui.ensure_router()  # app.py sets this page's centered layout and collapsed sidebar (components/shared/navigation.py)
draw_phone.show_join_page()
