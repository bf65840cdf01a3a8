"""Small datasets for the self-assessment tests, built through the loader as an upload would be."""

from __future__ import annotations

import pandas as pd

from components.data.load import build_dataset


def small_dataset(findings: str, recommendations: str | None = None, links: str | None = None):
    files = {"findings.csv": findings.encode()}
    if recommendations:
        files["recommendations.csv"] = recommendations.encode()
    if links:
        files["links.csv"] = links.encode()
    return build_dataset(files, name="test upload")


FINDINGS = """finding_id,group,category,theme,statement,evidence
B1,Team A,barrier,Time,We never have time to meet.,"""
FINDINGS += """"no time, ever"
E1,Team A,enabler,Contact,Meeting in person helps.,"meet up"
E2,All,enabler,Time,Protected time helps.,"protected time"
P1,Team B,purpose,Why,Collaboration shares risk.,"share risk"
"""


# Five statements in three themes, for scoring, ranking and charts.
ITEMS = pd.DataFrame(
    {
        "item_id": ["a", "b", "c", "d", "e"],
        "theme": ["T1", "T1", "T2", "T2", "T3"],
        "statement": ["sa", "sb", "sc", "sd", "se"],
        "finding_id": ["F1", "F2", "F3", "F4", "F5"],
        "help": [""] * 5,
    }
)
