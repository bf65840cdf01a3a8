"""A real producer: Taguette 1.5.2 (from PyPI, in its own venv .venv-taguette, which scripts/test.sh makes) runs on
loopback; the test makes a project, a document, tags (one a dotted child) and highlights through Taguette's own
web pages and API, exports the highlights as CSV the way a user would, and opens them here.

Without .venv-taguette the test is skipped with one message, except under CI (CI=true), where it fails.
On start Taguette asks msg.taguette.org for news (its own code, no switch turns it off); without a network
that request fails in Taguette's log and changes nothing here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from components.qda import read_qda_file
from components.qda.folder import project_dataset
from components.qda.mapping import guess_mapping
from tests.seeds import REPO, running_in_ci

TAGUETTE = REPO / ".venv-taguette" / "bin" / "taguette"
DOCUMENT = (
    '<html><head><meta charset="utf-8"></head><body>'
    "<p>We never have time to meet, so we email instead.</p>"
    "<p>Sitting together helps a lot, honestly. Ça aide.</p></body></html>"
)
# The document's text (its HTML's text, paragraph after paragraph); Taguette counts highlight offsets in it in
# UTF-8 bytes (taguette/extract.py), so "Ç" counts 2.
TEXT = "We never have time to meet, so we email instead.Sitting together helps a lot, honestly. Ça aide."
HIGHLIGHTS = {
    "We never have time to meet": ("barriers", "barriers.workload"),
    "Sitting together helps a lot, honestly. Ça aide.": ("what helps",),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def taguette(tmp_path: Path):
    """Taguette's address and its single-user login token, the server stopped after the test."""
    if not TAGUETTE.exists():
        message = f"Taguette is not installed at {TAGUETTE}; scripts/test.sh installs it (pip install taguette)."
        if running_in_ci():
            pytest.fail(message + " CI=true, so it fails the run.", pytrace=False)
        pytest.skip(message)
    port = free_port()
    log = tmp_path / "taguette.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(TAGUETTE), "--no-browser", "-b", "127.0.0.1", "-p", str(port), "--database", str(tmp_path / "t.db")],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    try:
        token = None
        deadline = time.monotonic() + 90
        while token is None and time.monotonic() < deadline:
            found = re.search(r"\?token=([0-9a-f]+)", log.read_text(errors="replace"))
            token = found.group(1) if found else None
            if server.poll() is not None:
                pytest.fail(f"Taguette stopped: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
        assert token, f"Taguette did not start in 90 s: {log.read_text(errors='replace')[-2000:]}"
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def make_project_and_export(base: str, token: str) -> dict[str, bytes]:
    """What a researcher does in Taguette's pages, as HTTP requests: log in with the link Taguette prints, make a
    project, upload a document, add tags, highlight, and export highlights (all, and one tag with its child)."""
    session = requests.Session()
    assert session.get(f"{base}/?token={token}", timeout=30).ok
    assert session.get(f"{base}/project/new", timeout=30).ok
    xsrf = session.cookies["_xsrf"]
    headers = {"X-XSRFToken": xsrf}
    made = session.post(
        f"{base}/project/new",
        data={"name": "Team survey", "description": "Made by the explorer's test", "_xsrf": xsrf},
        allow_redirects=False,
        timeout=30,
    )
    project = re.search(r"/project/(\d+)", made.headers["Location"]).group(1)
    added = session.post(
        f"{base}/api/project/{project}/document/new",
        data={"name": "interview", "description": "", "_xsrf": xsrf},
        files={"file": ("interview.html", DOCUMENT.encode("utf-8"), "text/html")},
        headers=headers,
        timeout=60,
    )
    assert added.ok, added.text
    document = added.json()["created"]
    contents = session.get(f"{base}/api/project/{project}/document/{document}/contents", timeout=30).json()
    assert re.sub(r"<[^>]+>", "", contents["contents"][0]["contents"]) == TEXT
    tags = {}
    for path in ("barriers", "barriers.workload", "what helps"):
        created = session.post(
            f"{base}/api/project/{project}/tag/new", json={"path": path, "description": ""}, headers=headers, timeout=30
        )
        assert created.ok, created.text
        tags[path] = created.json()["id"]
    for passage, tag_paths in HIGHLIGHTS.items():
        start = len(TEXT[: TEXT.index(passage)].encode("utf-8"))
        end = start + len(passage.encode("utf-8"))
        highlighted = session.post(
            f"{base}/api/project/{project}/document/{document}/highlight/new",
            json={"start_offset": start, "end_offset": end, "tags": [tags[path] for path in tag_paths]},
            headers=headers,
            timeout=30,
        )
        assert highlighted.ok, highlighted.text
    exports = {}
    for name, path in (("all", ""), ("barriers", "barriers")):
        exported = session.get(f"{base}/project/{project}/export/highlights/{path}.csv", timeout=30)
        assert exported.ok, exported.text
        exports[name] = exported.content
    return exports


def test_taguette_highlights_exported_through_its_own_pages_open_as_coded(taguette):
    base, token = taguette
    exports = make_project_and_export(base, token)
    assert exports["all"].startswith(b"id,document,tag,content")

    opened = read_qda_file("taguette-all.csv", exports["all"])
    dataset = project_dataset(opened, guess_mapping(opened))
    pairs = sorted((passage, tag) for passage, tags in HIGHLIGHTS.items() for tag in tags)
    got = sorted(zip(dataset.findings["evidence"], dataset.findings["theme"], strict=True))
    leaf = lambda tag: tag.rsplit(".", 1)[-1]  # noqa: E731
    assert got == sorted((passage, leaf(tag)) for passage, tag in pairs)
    workload = dataset.findings[dataset.findings["theme"] == "workload"]
    assert list(workload["category"].astype(str)) == ["barrier"]
    assert set(dataset.findings["source"]) == {"interview"}

    # The export of one tag with its child: each highlight and tag once, whatever rows Taguette repeats.
    opened = read_qda_file("taguette-barriers.csv", exports["barriers"])
    dataset = project_dataset(opened, guess_mapping(opened))
    assert sorted(dataset.findings["theme"]) == ["barriers", "workload"]
    assert set(dataset.findings["evidence"]) == {"We never have time to meet"}
