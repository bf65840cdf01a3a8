"""The two handout downloads, drawn in the single window's Handouts popover and in the presenter view."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.data.model import Dataset
from components.present import handouts
from components.present.slide_model import Slide
from components.shared import session_keys as keys


def show(deck: list[Slide], dataset: Dataset) -> None:
    """The participant and presenter handouts as PDF downloads."""
    # Built only when a button is pressed (a callable, not bytes): a PDF costs about a second.
    st.download_button(
        "Participant handout (PDF)",
        data=partial(handouts.participant_handout_pdf, deck, dataset),
        file_name="collaboration-findings-participant-handout.pdf",
        mime="application/pdf",
        icon=":material/download:",
        key=keys.PRESENT_PARTICIPANT_HANDOUT,
        on_click="ignore",
        help="A4, to print for the room: the slides, every quote with its source, the discussion "
        "questions with room to write, and no answers or speaker notes.",
    )
    st.download_button(
        "Presenter handout (PDF)",
        data=partial(handouts.presenter_handout_pdf, deck, dataset),
        file_name="collaboration-findings-presenter-handout.pdf",
        mime="application/pdf",
        icon=":material/download:",
        key=keys.PRESENT_PRESENTER_HANDOUT,
        on_click="ignore",
        help="For you: the same, with the speaker notes and the findings each prompt reveals.",
    )
