"""The network tests' tiny hand-made dataset, whose paths and centralities are known, and a figure helper.

The barriers network's pure logic is tested on a tiny hand-made dataset whose paths and centralities are known.

B1 ── E1 ── B2 ── R2 ── P1        E1 overcomes B1 (stated) and B2 (inferred);
       │                          R1 builds on E1; R2 addresses B2 (stated) and P1.
       R1                         O1 is an observation no link touches.
"""

from components.data.load import build_dataset

FINDINGS = """finding_id,group,category,theme,statement,evidence,source
B1,All,barrier,Time,Barrier one,Quote for barrier one,Source A
B2,MHSW,barrier,Roles,Barrier two <b>bold</b>,Quote for barrier two,Source A
P1,CSW,perception,Image,Perception one,Quote for perception one,Source B
E1,All,enabler,Contact,Enabler one,Quote for enabler one,Source C
O1,All,observation,Other,Observation nobody links,Quote,Source D
"""
RECOMMENDATIONS = """recommendation_id,audience,text,evidence,source
R1,Managers,Recommendation one,Rec quote one,Source E
R2,Teams,Recommendation two,Rec quote two,Source E
"""
LINKS = """from_id,to_id,relation,basis,note
E1,B1,overcomes,stated,E1 helps B1
E1,B2,overcomes,inferred,E1 helps B2
R1,E1,builds on,inferred,R1 builds on E1
R2,B2,addresses,stated,R2 answers B2
R2,P1,addresses,inferred,R2 answers P1
"""


def tiny_dataset(links: str = LINKS):
    files = {"findings.csv": FINDINGS.encode(), "recommendations.csv": RECOMMENDATIONS.encode()}
    if links:
        files["links.csv"] = links.encode()
    return build_dataset(files, name="tiny")


def node_traces(figure):
    """The traces that draw nodes: node ids ride in customdata."""
    return [trace for trace in figure.data if trace.customdata is not None]
