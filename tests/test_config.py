"""The production configuration a deployment relies on."""

import tomllib
from pathlib import Path

from components.qda import QDA_UPLOAD_LIMIT_MB

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())


def test_users_never_see_tracebacks():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_builtin_raw_table_export_is_off():
    """Streamlit's own CSV export writes raw cells; the app's safe downloads replace it."""
    assert CONFIG["client"]["disableDataExport"] is True


def test_hardened_server():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server["fileWatcherType"] == "none"
    # Server-wide, only as large as the QDA project uploader needs; CSV uploaders keep 5 MB in code.
    assert server["maxUploadSize"] == QDA_UPLOAD_LIMIT_MB == 50
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_caption_text_meets_contrast():
    """Faded text (captions) must reach WCAG AA's 4.5:1 on the white background."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    theme = CONFIG["theme"]
    background = luminance(theme["backgroundColor"])
    for key in ("grayTextColor", "textColor", "primaryColor", "linkColor"):
        ratio = (background + 0.05) / (luminance(theme[key]) + 0.05)
        assert ratio >= 4.5, f"{key} contrast {ratio:.2f}"
