"""Placeholder until its issue lands."""

import streamlit as st

from components import ui

dataset = ui.page_start("network")
st.info("This page is being built.")
ui.page_end(dataset)
