"""Pure helpers every layer above may use: text and escaping, citations, colours, badges, chart framing,
selection, the page registry and the session-key names. Nothing here imports Streamlit."""
