"""A one-chart Streamlit script for the chart image test: the compare page's chart through charts.chart.

Not a page of the app. The pages with charts switch to charts.chart on their own schedule; this runs the wrapper
in a real server and browser now, on a real figure of the app.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # streamlit puts only this folder on the path

from components.compare import compare_themes, theme_figure, theme_summary
from components.data.load import load_dataset_dir
from components.shared.citation import citation_line
from components.shared.colours import group_colours
from components.ui import charts

dataset = load_dataset_dir()
comparison = compare_themes(dataset.findings, "barrier", ["MHSW", "CSW"])
charts.chart(
    theme_figure(comparison, group_colours(dataset.groups)),
    key="chart_test",
    title="What gets in the way: MHSW and CSW",
    source=citation_line(dataset),
    on_select="rerun",
    selection_mode="points",
    theme=None,
    alt=theme_summary(comparison),
)
