"""Sentences the app says in many places, written once. Nothing here imports Streamlit."""

from __future__ import annotations

# Every count in the app counts coded statements: said under charts, on slides, in handouts and on every page.
COUNTS_NOTE = "Counts are counts of coded statements, not of people."
