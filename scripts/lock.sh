#!/usr/bin/env bash
# Regenerate the lock files from the short pinned lists, with a sha256 hash for every file pip may install:
#   requirements.txt      -> requirements.lock      (the app: README's first command)
#   requirements-dev.txt  -> requirements-dev.lock  (the app, the tests and the benchmark: scripts/test.sh)
# Run it after adding or changing a pin in either .txt file, and commit the .txt and both .lock files together.
# The dev lock is resolved with the app lock as its constraint, so the app's packages have the same versions
# (and hashes) in both. Versions already in a lock are kept unless an input needs another one (uv reads the
# old lock as its preference), so adding one pin does not move every other package. It takes a few seconds:
# uv (pinned, from PyPI) asks PyPI for versions and hashes.
#
#   bash scripts/lock.sh              # regenerate both locks
#   bash scripts/lock.sh --upgrade    # and move every unpinned (transitive) package to its newest version
#   bash scripts/lock.sh --check      # fail (status 1) when a lock is out of date with its .txt input
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
# The lowest Python the app supports (pyproject.toml's requires-python, raised to what soupsieve needs);
# --universal writes environment markers, so the locks serve every platform and Python from there up.
PYTHON_FLOOR=3.11.7

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ "$(.venv/bin/uv --version 2>/dev/null)" != "uv ${UV_VERSION}" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check "uv==${UV_VERSION}"
fi

compile() {  # compile INPUT OUTPUT [uv options...], in the current folder
  local input=$1 output=$2
  shift 2
  # --no-config: a uv.toml or UV_* settings on this machine must not change what the lock says.
  "$repo/.venv/bin/uv" pip compile --quiet --no-config --universal --python-version "$PYTHON_FLOOR" \
    --generate-hashes --custom-compile-command "bash scripts/lock.sh" "$@" "$input" -o "$output"
}

check=false
upgrade=()
case "${1:-}" in
  --check) check=true ;;
  --upgrade) upgrade=(--upgrade) ;;
  "") ;;
  *) echo "usage: bash scripts/lock.sh [--check|--upgrade]" >&2; exit 2 ;;
esac

# Compiled in a scratch folder holding copies of the inputs and the current locks, so the locks' comments
# name files relative to the repository (never the scratch path) and the current locks are the preference.
repo=$PWD
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
cp requirements.txt requirements-dev.txt "$workdir/"
for lock in requirements.lock requirements-dev.lock; do
  # A lock left with merge-conflict markers is no preference: start that one afresh (the other still counts).
  if [ -f "$lock" ] && ! grep -q '^<<<<<<<\|^>>>>>>>' "$lock"; then cp "$lock" "$workdir/"; fi
done
(
  cd "$workdir"
  compile requirements.txt requirements.lock "${upgrade[@]}"
  compile requirements-dev.txt requirements-dev.lock --constraints requirements.lock "${upgrade[@]}"
)

status=0
for lock in requirements.lock requirements-dev.lock; do
  if $check; then
    if ! cmp -s "$workdir/$lock" "$lock"; then
      echo "$lock is out of date with its .txt input: run bash scripts/lock.sh" >&2
      status=1
    fi
  else
    cp "$workdir/$lock" "$lock"
    echo "wrote $lock ($(grep -c '^[a-z0-9]' "$lock") packages)"
  fi
done
exit $status
