"""Words and small datasets the planner's tests share (their fixture, the bundled study, is in conftest.py)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from components.data.load import build_dataset

CITATION = "Carpenter, Nicola (2019) Exploratory Study. Masters thesis. Licence: CC BY-NC-ND."
CHILDRENS = "Children's social care"
LA = "the Local Authority as an organisation"


def make_dataset(recommendations: str, links: str = "", findings: str | None = None):
    """Three findings (unless `findings` replaces them) with these recommendations and links."""
    files = {
        "findings.csv": (
            findings
            or "finding_id,group,category,theme,statement,evidence,source\n"
            "F1,CSW,barrier,Time,Workers are short of time.,We never have time,Interview A\n"
            "F2,MHSW,barrier,Role,Nobody knows our role.,They don't know what we do,Interview B\n"
            "F3,All,enabler,Contact,Meeting in person helps.,Face-to-face helps,Interview C\n"
        ).encode("utf-8"),
        "recommendations.csv": recommendations.encode("utf-8"),
    }
    if links:
        files["links.csv"] = links.encode("utf-8")
    return build_dataset(files, name="Test data")


def parse_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["recommendation_id"].tolist()
