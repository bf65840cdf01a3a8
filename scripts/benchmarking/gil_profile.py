"""A server profile under a crowd: py-spy samples the thread holding the interpreter lock, and the hot spots
are the app's own functions (inclusive) and every innermost Python function (self), by share of samples."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.browser.server import REPO


class Profiler:
    """py-spy sampling one server process while a crowd runs; only the thread holding the GIL is sampled,
    so the shares say where the one interpreter lock's time goes."""

    def __init__(self, pid: int, output: Path):
        self.output = output
        self.process = subprocess.Popen(
            [
                *(str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid), "--gil"),
                # Not --nonblocking: reading a running interpreter gave torn stacks on a busy machine
                # (one stale frame counted thousands of times); pausing it per sample gives whole stacks.
                *("--rate", "200", "--format", "raw", "--output", str(output)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # py-spy prints nothing to a pipe until it stops; give it a moment to find the interpreter's threads
        # (the crowd's cookie requests come first anyway, so no run of the crowd is missed).
        time.sleep(1.0)
        if self.process.poll() is not None:
            raise RuntimeError(f"py-spy could not sample pid {pid} (status {self.process.returncode})")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _frame_label(frame: str) -> str:
    """'populate_hash_if_needed (streamlit/proto/...py:123)' -> 'populate_hash_if_needed (.../x.py)'."""
    function, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{function} ({where})" if where else function


def hot_spots(raw_file: Path, top: int = 8) -> tuple[int, list[tuple[str, float]], list[tuple[str, float]]]:
    """Samples, then the top functions by share of samples: this app's own code counted inclusively (time
    in the function and all it calls), and every function counted by self time (the innermost Python frame)."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw_file.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_frame_label(frame) for frame in stack.split(";")]
        total += int(count)
        own[frames[-1]] = own.get(frames[-1], 0) + int(count)
        for label in set(frames):
            if "(components/" in label or "(pages/" in label:
                inclusive[label] = inclusive.get(label, 0) + int(count)
    total = total or 1

    def ranked(counts: dict[str, int]) -> list[tuple[str, float]]:
        return sorted(((label, n / total) for label, n in counts.items()), key=lambda item: -item[1])[:top]

    return total, ranked(inclusive), ranked(own)
