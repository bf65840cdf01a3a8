"""Reading a plotly selection event from `st.plotly_chart(on_select=...)`: plotly returns only what a trace
holds, so every clickable mark carries its row's keys in customdata, and this reads them back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def selected_customdata(selection: object) -> list[str] | None:
    """The customdata of the first selected point that has some (None when nothing is selected)."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    for point in points or []:
        customdata = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(customdata, str) and customdata:
            return [customdata]
        if isinstance(customdata, Sequence) and not isinstance(customdata, str) and customdata:
            return [str(value) for value in customdata]
    return None
