"""Benchmark the explorer against a bare Streamlit page in real Chromium (not a test: it asserts nothing).

    .venv/bin/python scripts/benchmark.py            # full run, about 10 minutes on 2 cores
    .venv/bin/python scripts/benchmark.py --quick    # a smoke run in a few minutes (fewer runs and sessions)
    .venv/bin/python scripts/benchmark.py --runs 7 --sessions 30 --pages compare network

What it measures, all against servers on 127.0.0.1 started here:
- per page, the median time from navigation to fully rendered (script finished, connected, no skeleton,
  nothing stale, every plotly chart drawn), and its ratio to the bare page (scripts/bare_app.py);
- per page, the median time of a rerun after changing the page's first widget (checkbox or toggle,
  radio, selectbox, pills/segmented control, else a button), against the bare page's button rerun;
- the same with synthetic datasets 10x and 100x the study (components/data/synthetic.py), served through
  EXPLORER_DATA_DIR;
- N concurrent browser sessions on the busiest page: errors, p50, p95, and server memory per session;
- the crowd (server time, no drawing): per page, the frames Chromium sends on /_stcore/stream for its
  first run are captured once, then replayed by raw websocket clients, one at a time and 30 at once,
  against one app process, the bare page and (--replicas 2) scripts/serve.sh's HAProxy and replicas;
  with --profile DIR, py-spy samples the one process under one more crowd per page.

    .venv/bin/python scripts/benchmark.py --crowd-only --profile /tmp/prof   # the crowd alone

Every run writes its figures as JSON (--results, default test-output/benchmark/results.json) and prints
Markdown tables generated from that JSON, with the target beside each figure. A full run (no --quick, --pages,
--crowd-only or --no-crowd; or any run with --update-docs) also writes docs/performance-latest.json and puts
the tables into docs/performance.md between its `benchmark:latest` markers; `--render FILE` prints the tables
of a results file without measuring anything.

The parts live in scripts/benchmarking/ (servers, tab timing, concurrent tabs, crowd, profile, report); server
start and the "app is ready" check are tests/browser/server.py's, shared with the browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The repository root (components/, tests/) and scripts/ (the benchmarking package) on the path, whatever
# folder the script is run from.
SCRIPTS = Path(__file__).resolve().parent
for folder in (SCRIPTS.parent, SCRIPTS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from benchmarking.cli import main  # noqa: E402 (needs the path above)

if __name__ == "__main__":
    sys.exit(main())
