"""The live room: people in the training room answer the deck's discussion prompts from their phones.

- questions: what a prompt asks (options from the study, a 1-5 scale, a short answer), which question the
  presenter is on, what comes next, and whether an answer is valid. Plain Python.
- counting: totals, scale distributions, moderation lists and word counts. Plain Python.
- limits: rate limits on answers (per process) and on wrong join codes (in the store, per phone and per server).
- evidence: the study's own counts of coded statements for the options' themes, by group. Plain Python.
- session_export: the room's answers as a formula-safe CSV and a PDF summary. Plain Python.
- room: the live room's actions (open, ask, reveal, lock, clear, moderate, answer) over the store.
- draw_phone, draw_room: Streamlit drawing (the /join page; the presenter's panel and the projector).
- figures: the charts and the QR code. Plain Python.
The store's side is components.store.live_room (tables, one row per participant per question).
"""
