"""The benchmark's baseline: a bare Streamlit page with a title, one small chart and a button.

Run by `scripts/benchmark.py`; every page of the app is timed against this one, in the browser and under
the crowd. The benchmark gives it the app's server settings from .streamlit/config.toml as flags (this folder
has no config of its own), so both run on the same settings.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare Streamlit page")
figure = go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))
figure.update_layout(height=300, margin={"l": 40, "r": 10, "t": 10, "b": 40})
st.plotly_chart(figure, config={"displaylogo": False})
st.button("Rerun", key="bare_rerun")
