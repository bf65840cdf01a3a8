"""Two replicas behind HAProxy (scripts/serve.sh), in a real Chromium, on loopback ports.

Sessions must spread over both replicas, one browser must stay on one replica (its upload lives in that
replica's memory), and SIGTERM must stop the proxy and every replica. The tests run in file order: the
last one stops the proxy that the module's fixture started.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from components.data.synthetic import synthetic_dataset_files
from tests.browser.conftest import REPO, assert_no_exception, free_port, open_page, track_runs
from tests.browser.steps import go_to, name_the_study, open_your_data, press_check, upload_file

REPLICAS = 2
START_TIMEOUT_S = 120  # two cold Streamlit start-ups on 2 busy cores
REPLICA_LINE = re.compile(r"^replica (app\d+): pid (\d+), 127\.0\.0\.1:(\d+)$", re.MULTILINE)
HAPROXY_LINE = re.compile(r"^haproxy: pid (\d+), .* config in (\S+)$", re.MULTILINE)


@dataclass
class Proxy:
    url: str
    stats_url: str
    process: subprocess.Popen
    log: Path

    def replicas(self) -> dict[str, tuple[int, int]]:
        """Replica name -> (pid, port), as serve.sh announced them."""
        return {name: (int(pid), int(port)) for name, pid, port in REPLICA_LINE.findall(self.log.read_text())}

    def haproxy(self) -> tuple[int, Path]:
        """HAProxy's pid, and the temporary folder its generated config is in."""
        found = HAPROXY_LINE.search(self.log.read_text())
        return int(found.group(1)), Path(found.group(2))

    def server_rows(self) -> dict[str, dict[str, str]]:
        """HAProxy's statistics (CSV) for each replica of the backend."""
        with urllib.request.urlopen(f"{self.stats_url};csv", timeout=5) as response:
            text = response.read().decode().lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        return {row["svname"]: row for row in rows if row["pxname"] == "replicas" and row["svname"].startswith("app")}

    def replicas_up(self) -> int:
        """How many replicas HAProxy's health checks have marked up (0 while its statistics do not answer)."""
        try:
            return sum(row["status"] == "UP" for row in self.server_rows().values())
        except OSError:
            return 0


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(condition, timeout: float, what: str) -> None:
    """Poll the system's own state (ports, pids, health answers) until `condition` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout:.0f} s")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Proxy:
    port, stats_port = free_port(), free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"  # what serve.sh prints: pids and ports
    with log.open("w") as log_file:
        command = ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", str(REPLICAS), "--port", str(port)]
        process = subprocess.Popen(
            [*command, "--stats-port", str(stats_port)],
            cwd=REPO,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    running = Proxy(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{stats_port}/stats", process, log)
    try:
        wait_until(
            lambda: (
                process.poll() is not None
                or (answers(f"{running.url}/_stcore/health") and len(running.replicas()) == REPLICAS)
            ),
            START_TIMEOUT_S,
            "serve.sh did not answer through the proxy",
        )
        assert process.poll() is None, log.read_text()[-3000:]
        # HAProxy checks every 2 s; wait until it has seen both replicas up before sending sessions.
        wait_until(lambda: running.replicas_up() == REPLICAS, 30, "HAProxy did not mark both replicas up")
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def new_context(browser: Browser) -> BrowserContext:
    return track_runs(browser.new_context(viewport={"width": 1280, "height": 720}))


def replica_cookie(context: BrowserContext) -> str | None:
    return next((cookie["value"] for cookie in context.cookies() if cookie["name"] == "SERVERID"), None)


def test_sessions_spread_over_both_replicas(browser: Browser, proxy: Proxy):
    contexts = [new_context(browser) for _ in range(4)]
    try:
        for context in contexts:
            page = context.new_page()
            open_page(page, proxy.url, timeout=60_000)
            assert_no_exception(page)
            expect(page.get_by_role("heading").first).to_be_visible()
        cookies = [replica_cookie(context) for context in contexts]
        assert set(cookies) == {"app1", "app2"}, cookies
        # Each open tab holds a websocket to the replica its cookie names: both replicas have live sessions.
        rows = proxy.server_rows()
        assert all(int(rows[name]["scur"]) >= 1 for name in ("app1", "app2")), {
            name: row["scur"] for name, row in rows.items()
        }
    finally:
        for context in contexts:
            context.close()


def test_an_upload_stays_with_its_replica_on_the_next_pages(browser: Browser, proxy: Proxy):
    context = new_context(browser)
    try:
        page = context.new_page()
        open_your_data(page, proxy.url)
        replica = replica_cookie(context)
        assert replica in {"app1", "app2"}
        files = synthetic_dataset_files(1, seed=17)  # a valid study of the bundled one's size
        for slot in ("findings", "recommendations", "links"):
            name = f"{slot}.csv"
            upload_file(page, slot, payload={"name": name, "mimeType": "text/csv", "buffer": files[name]})
        name_the_study(page, "Replica study")
        press_check(page)
        expect(page.get_by_text("is open on every page.", exact=False)).to_be_visible()

        for label in ("Compare groups", "Explore findings"):
            go_to(page, label)
            assert_no_exception(page)
            # The same session on the same replica still holds the upload.
            expect(page.get_by_text("You are viewing your own data:", exact=False)).to_be_visible()
            expect(page.get_by_text("Replica study", exact=False).first).to_be_attached()
        assert replica_cookie(context) == replica
    finally:
        context.close()


def test_sigterm_stops_the_proxy_and_every_replica(proxy: Proxy):
    replicas = proxy.replicas()
    haproxy_pid, config_folder = proxy.haproxy()
    assert len(replicas) == REPLICAS
    assert (config_folder / "haproxy.cfg").is_file()
    proxy.process.send_signal(signal.SIGTERM)
    assert proxy.process.wait(timeout=60) == 128 + signal.SIGTERM
    port = int(proxy.url.rsplit(":", 1)[1])
    wait_until(lambda: not listening(port), 10, "the proxy port still answers")
    for name, (pid, replica_port) in replicas.items():
        wait_until(lambda pid=pid: not pid_alive(pid), 10, f"replica {name} (pid {pid}) is still running")
        assert not listening(replica_port), name
    assert not pid_alive(haproxy_pid)
    assert not config_folder.exists()  # the generated config goes with the run
