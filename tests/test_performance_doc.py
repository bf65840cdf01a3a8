"""docs/performance.md's latest-run tables are exactly what the benchmark generates from
docs/performance-latest.json (scripts/benchmarking/report.py), so nobody retypes a figure by hand."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(0, str(REPO / "scripts"))

from benchmarking.report import BEGIN, END, read_results, render, update_doc  # noqa: E402 (scripts/ on the path)


def test_latest_run_tables_are_generated_from_the_results_json(tmp_path: Path):
    doc = (REPO / "docs" / "performance.md").read_text(encoding="utf-8")
    generated = tmp_path / "performance.md"
    generated.write_text(doc, encoding="utf-8")
    update_doc(generated, render(read_results(REPO / "docs" / "performance-latest.json")))
    assert generated.read_text(encoding="utf-8") == doc
    tables = doc.split(BEGIN, 1)[1].split(END, 1)[0]
    assert "#### Pages on the study data (median of 5 runs)" in tables
    assert "#### Server time per page: 30 raw websocket clients at once, one process (study data)" in tables


def test_render_marks_targets_from_the_stored_verdicts():
    results = {
        "schema": 1,
        "machine": ["CPU: test"],
        "page_runs": [
            {
                "scale": None,
                "runs": 2,
                "rows": [
                    {
                        "page": "home",
                        "cold": 1.0,
                        "load": 0.6,
                        "bare_load": 0.4,
                        "load_ratio": 1.5,
                        "load_met": True,
                        "rerun_kind": "none found",
                        "rerun": None,
                        "rerun_script": None,
                        "bare_rerun": None,
                        "rerun_ratio": None,
                        "rerun_met": None,
                        "notes": ["exception shown"],
                    }
                ],
            }
        ],
    }
    lines = render(results)
    assert "- CPU: test" in lines
    row = "| home | 1.00 s | 0.60 s | 0.40 s | 1.50x | met | none found |" + " n/a |" * 5 + " exception shown |"
    assert row in lines
