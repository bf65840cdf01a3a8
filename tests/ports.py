"""Free loopback ports for the servers tests and benchmarks start: one module, so one process never hands
out the same port twice (Streamlit, HAProxy's replicas and PostgreSQL ask here alike)."""

from __future__ import annotations

import os
import socket

# EXPLORER_PORTS=8620-8649 keeps every server a run starts (Streamlit, HAProxy's replicas, PostgreSQL) inside
# one range, for a machine shared by several people; without it the system picks any free port.
PORTS_VARIABLE = "EXPLORER_PORTS"
_ports_given: set[int] = set()


def free_port() -> int:
    first, _, last = os.environ.get(PORTS_VARIABLE, "").partition("-")
    if not first.strip():
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    for port in range(int(first), int(last or first) + 1):
        if port in _ports_given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _ports_given.add(port)
        return port
    raise RuntimeError(f"No free port left in {PORTS_VARIABLE}={os.environ[PORTS_VARIABLE]}")
