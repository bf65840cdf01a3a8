#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine (Debian's chromium included), then run
# every test: lint, unit, AppTest, browser and accessibility. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium for the browser tests; Debian's haproxy for the replicas test (scripts/serve.sh).
missing=()
if ! command -v chromium >/dev/null 2>&1; then missing+=(chromium fonts-dejavu-core); fi
if ! command -v haproxy >/dev/null 2>&1; then missing+=(haproxy); fi
# Debian's postgresql for the store's tests, which start their own server in a temporary folder on loopback
# (tests/postgres_server.py); Debian's package starts none by itself in a container.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then missing+=(postgresql); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the browser tests…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Debian's LibreOffice Writer, headless: a test renders the Word action plan with it, as a team lead
# opening the .docx would see it (tests/components/test_plan_documents.py).
if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing Debian's LibreOffice Writer for the Word document test…"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
fi

# The app, the test tools and the benchmark, exactly as locked: every file pip installs must match a hash in
# requirements-dev.lock (generated from requirements-dev.txt by scripts/lock.sh). A pin added to a .txt list
# without regenerating the locks stops the run here, by name.
python3 scripts/check_locks.py
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock

# Taguette 1.5.2, a real QDA tool the import tests drive on loopback (tests/components/test_qda_taguette_live.py),
# in its own venv so that its dependencies never touch the app's.
if [ ! -x .venv-taguette/bin/taguette ]; then
  python3 -m venv .venv-taguette
  .venv-taguette/bin/python -m pip install -q --disable-pip-version-check taguette==1.5.2
fi

echo "ruff: lint and format"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports

# Every test, browser ones included (markers in pyproject.toml; `-m "not browser"` runs only the fast ones),
# then the 20 slowest. Arguments go to pytest: `bash scripts/test.sh -m "not browser"`.
echo "pytest: unit, AppTest, browser and accessibility tests"
.venv/bin/python -m pytest -p no:cacheprovider -ra --durations=20 "$@"
