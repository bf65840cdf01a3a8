#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine (Debian's chromium included), then run
# every test: lint, unit, AppTest, browser and accessibility. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium for the browser tests; Debian's haproxy for the replicas test (scripts/serve.sh).
missing=()
if ! command -v chromium >/dev/null 2>&1; then missing+=(chromium fonts-dejavu-core); fi
if ! command -v haproxy >/dev/null 2>&1; then missing+=(haproxy); fi
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

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

echo "ruff: lint and format"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "pytest: unit, AppTest, browser and accessibility tests"
.venv/bin/python -m pytest -p no:cacheprovider -ra "$@"
