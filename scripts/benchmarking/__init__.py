"""The benchmark behind scripts/benchmark.py (run that; this package is its parts):

- cli: the command line, the browser phases in order, and what a run writes;
- servers: `streamlit run` servers (started and health-checked by tests/browser/server.py, as the browser
  tests start theirs), synthetic data, HAProxy with replicas;
- tab, pages: timing page loads and reruns in one Chromium tab, paired with the bare page;
- sessions: N concurrent browser tabs;
- crowd, gil_profile: raw websocket clients replaying a page's first request, and py-spy under them;
- figures, report: medians and ratios, the results JSON and the Markdown tables generated from it.

The "app is ready" check is tests/browser/server.py's APP_READY_JS, the same one the browser tests wait for.
"""
