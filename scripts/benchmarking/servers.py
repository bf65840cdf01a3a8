"""The servers the benchmark times: `streamlit run` on the app or the bare page (started and checked for
health by tests/browser/server.py, as the browser tests start theirs), synthetic data, and
scripts/serve.sh's HAProxy with replicas."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

from components.data.synthetic import synthetic_dataset_files
from tests.browser.server import REPO, free_port, start_streamlit

DATA_DIR_VARIABLE = "EXPLORER_DATA_DIR"  # read by components/ui/access.py
BARE_APP = REPO / "scripts" / "bare_app.py"
APP = REPO / "app.py"
# Plain HTTP to loopback only: never through a proxy named in the environment.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SETTLE_LOAD_PER_CORE = 1.0  # the crowd starts once the 1-minute load average is at most this per core…
SETTLE_LIMIT = 240  # …or after this many seconds, whichever comes first


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen

    @property
    def rss(self) -> int:
        """Resident memory of the server and any children, in bytes."""
        root = psutil.Process(self.process.pid)
        total = root.memory_info().rss
        for child in root.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return total

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def repo_config_flags() -> tuple[str, ...]:
    """The app's .streamlit/config.toml settings (not its theme) as `streamlit run` flags.

    The bare page runs from scripts/, where Streamlit does not find the app's config file; with these flags
    it runs on the same server settings (XSRF, upload limit, post-script GC ...), so the ratios compare
    pages, not settings.
    """
    with (REPO / ".streamlit" / "config.toml").open("rb") as file:
        config = tomllib.load(file)
    flags: list[str] = []
    for section, options in config.items():
        if section == "theme":
            continue
        for option, value in options.items():
            if isinstance(value, bool | int | float | str):
                flags += [f"--{section}.{option}", str(value).lower() if isinstance(value, bool) else str(value)]
    return tuple(flags)


def start_server(name: str, script: Path, data_dir: Path | None = None) -> Server:
    """Start `streamlit run` on a free 127.0.0.1 port, with EXPLORER_DATA_DIR set when data_dir is given.

    The bare page gets the app's server settings (repo_config_flags); the app reads them from its folder.
    """
    port = free_port()
    extra = repo_config_flags() if script.parent != REPO else ()
    saved = os.environ.get(DATA_DIR_VARIABLE)
    try:
        if data_dir is None:
            os.environ.pop(DATA_DIR_VARIABLE, None)
        else:
            os.environ[DATA_DIR_VARIABLE] = str(data_dir)
        process = start_streamlit(script, port, ("--server.address", "127.0.0.1", *extra))
    finally:
        if saved is None:
            os.environ.pop(DATA_DIR_VARIABLE, None)
        else:
            os.environ[DATA_DIR_VARIABLE] = saved
    return Server(name, f"http://127.0.0.1:{port}", process)


def write_synthetic(scale: int, folder: Path, seed: int = 2019) -> Path:
    target = folder / f"x{scale}"
    target.mkdir(parents=True, exist_ok=True)
    for file_name, raw in synthetic_dataset_files(scale, seed).items():
        (target / file_name).write_bytes(raw)
    return target


def start_replicas(replicas: int) -> Server:
    """`scripts/serve.sh --replicas N` on a free loopback port; its process tree holds HAProxy and the replicas."""
    port = free_port()
    process = subprocess.Popen(
        ["bash", str(REPO / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"scripts/serve.sh exited with status {process.returncode}")
            with contextlib.suppress(OSError), DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(f"{replicas} replicas", url, process)
            time.sleep(0.3)
        raise RuntimeError("scripts/serve.sh did not answer within 180 s")
    except BaseException:  # also a SIGTERM during start-up: serve.sh stops what it started
        process.terminate()
        process.wait(timeout=60)
        raise


def settle() -> float:
    """Wait for the machine to calm down after the browser phases, bounded; returns the seconds waited.

    The 30-tab phase leaves a load average near 30 on 2 cores for minutes after its tabs close; a crowd
    started then measures that load as much as the server.
    """
    started = time.perf_counter()
    threshold = SETTLE_LOAD_PER_CORE * (os.cpu_count() or 1)
    while os.getloadavg()[0] > threshold and time.perf_counter() - started < SETTLE_LIMIT:
        time.sleep(5)
    return time.perf_counter() - started
