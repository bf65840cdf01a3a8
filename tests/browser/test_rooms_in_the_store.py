"""Rooms kept in the store, in a real Chromium: a room outlives its server, and two replicas behind HAProxy
(scripts/serve.sh --database) share it, and a published study, on a SQLite file and on a PostgreSQL server.

The projector window is sent to the other replica by naming it in HAProxy's SERVERID cookie, so the two
windows of one browser are served by two processes that share nothing but the database.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.load import build_dataset
from components.data.stored_form import dataset_bytes
from components.store import Store
from components.store import published as published_studies
from tests.browser.conftest import REPO, assert_no_exception, free_port, start_streamlit, wait_for_app
from tests.browser.server import restart_streamlit
from tests.browser.test_present import DECK, assert_projected, current_title, open_present, open_room
from tests.browser.test_replicas import START_TIMEOUT_S, Proxy, answers, new_context, replica_cookie, wait_until


def step_presenter(presenter: Page) -> None:
    presenter.get_by_role("button", name="Next").click()
    wait_for_app(presenter)


def test_a_room_outlives_a_server_restart(browser: Browser, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_DATABASE_URL", f"sqlite:///{tmp_path}/explorer.db")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_streamlit(REPO / "app.py", port)
    context = new_context(browser)
    try:
        presenter = context.new_page()
        projector = open_room(presenter, url, 3)
        assert_projected(projector, 2, "before the restart")
        server = restart_streamlit(server, port, (presenter, projector))
        for window in (presenter, projector):
            assert_no_exception(window)
        assert_projected(projector, 2, "after the restart")
        expect(current_title(presenter)).to_have_text(DECK[2].heading)
        step_presenter(presenter)
        assert_projected(projector, 3, "a step after the restart")
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_proxy(request, tmp_path) -> Proxy:
    """serve.sh with two replicas on one database: the default SQLite file's place taken by a temporary one,
    or a fresh database on the test session's PostgreSQL server."""
    if request.param == "sqlite":
        database = f"sqlite:///{tmp_path}/shared.db"
    else:
        database = request.getfixturevalue("postgres_url")
    port, stats_port = free_port(), free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        command = ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", "2", "--port", str(port)]
        process = subprocess.Popen(
            [*command, "--stats-port", str(stats_port), "--database", database],
            cwd=REPO,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    running = Proxy(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{stats_port}/stats", process, log)
    running.database = database  # the one database both replicas were started on
    try:
        wait_until(
            lambda: (
                process.poll() is not None
                or (answers(f"{running.url}/_stcore/health") and len(running.replicas()) == 2)
            ),
            START_TIMEOUT_S,
            "serve.sh did not answer through the proxy",
        )
        assert process.poll() is None, log.read_text()[-3000:]
        wait_until(lambda: running.replicas_up() == 2, 30, "HAProxy did not mark both replicas up")
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    assert "up to date at revision" in log.read_text(), "serve.sh migrated the database before the replicas"


def test_two_replicas_on_one_database_share_a_room(browser: Browser, shared_proxy: Proxy) -> None:
    context = new_context(browser)
    try:
        presenter = context.new_page()
        projector, presenter_replica = open_room_on_two_replicas(presenter, shared_proxy.url)
        assert {presenter_replica, replica_cookie(context)} == {"app1", "app2"}
        rows = shared_proxy.server_rows()
        assert all(int(rows[name]["scur"]) >= 1 for name in ("app1", "app2")), "each window has its replica"
        assert_projected(projector, 1, "the projector on the other replica")
        step_presenter(presenter)
        assert_projected(projector, 2, "a step on one replica, seen on the other")
        projector.keyboard.press("ArrowRight")  # a clicker's key in the projector window, on its replica
        expect(current_title(presenter)).to_have_text(DECK[3].heading, timeout=30_000)
    finally:
        context.close()


def test_two_replicas_on_one_database_show_one_published_study(browser: Browser, shared_proxy: Proxy) -> None:
    findings = b"finding_id,group,category,theme,statement\nF1,Nurses,barrier,Time,Rotas never overlap.\n"
    content = dataset_bytes(build_dataset({"findings.csv": findings}, name="Ward study"))
    store = Store.open(shared_proxy.database)
    try:
        study_id, _owner = published_studies.publish(store, content, {"name": "Ward study"}, 3600, max_studies=10)
    finally:
        store.close()
    host = shared_proxy.url.split("//", 1)[1].split(":", 1)[0]
    for replica in ("app1", "app2"):  # each reader sent to one replica by HAProxy's cookie
        context = new_context(browser)
        try:
            context.add_cookies([{"name": "SERVERID", "value": replica, "domain": host, "path": "/"}])
            reader = context.new_page()
            reader.goto(f"{shared_proxy.url}/explore?study={study_id}")
            wait_for_app(reader)
            assert replica_cookie(context) == replica
            expect(reader.get_by_text("Published study:").first).to_be_visible(timeout=30_000)
            expect(reader.get_by_text("Rotas never overlap.").first).to_be_visible(timeout=30_000)
            assert_no_exception(reader)
        finally:
            context.close()


def open_room_on_two_replicas(presenter: Page, url: str) -> tuple[Page, str]:
    """Open the room (presenter window) on whichever replica the browser reached, then send the projector
    window to the other one by naming it in HAProxy's cookie. Returns the projector and the presenter's replica."""
    open_present(presenter, url, 2)
    presenter.get_by_role("button", name="Presenter view").click()
    presenter.wait_for_selector(".st-key-present_room_bar")
    wait_for_app(presenter)
    mine = replica_cookie(presenter.context)
    other = "app2" if mine == "app1" else "app1"
    host = url.split("//", 1)[1].split(":", 1)[0]
    presenter.context.add_cookies([{"name": "SERVERID", "value": other, "domain": host, "path": "/"}])
    projector_url = presenter.url.replace("view=presenter", "view=projector")
    projector = presenter.context.new_page()
    projector.goto(projector_url)
    projector.wait_for_selector(".st-key-present_slide", timeout=60_000)
    wait_for_app(projector)
    return projector, mine
