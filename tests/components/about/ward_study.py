"""The small uploaded study the About tests share (tests/components/about/test_study.py and the page's
tests/pages/test_about_page.py): two findings with a stated and an inferred theme, and two recommendations."""

from __future__ import annotations

from components.data.load import build_dataset


def ward_upload(with_recommendations: bool = True):
    findings = (
        "finding_id,group,category,theme,statement,evidence,source,theme_basis\n"
        "X1,Nurses,barrier,Time,No time,We have no time,Interview 1,inferred\n"
        "X2,Doctors,enabler,Meetings,Meetings help,,Interview 2,stated\n"
    )
    files = {"findings.csv": findings.encode()}
    if with_recommendations:
        files["recommendations.csv"] = (
            b"recommendation_id,audience,text,cop_element,basis\n"
            b"Q1,Managers,Protect time,joint enterprise,inferred\n"
            b"Q2,Managers,Meet monthly,mutual engagement,stated\n"
        )
    return build_dataset(files, name="ward study")
