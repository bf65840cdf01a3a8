#!/usr/bin/env bash
# Serve the explorer to a room from several Streamlit processes behind HAProxy.
#
#   bash scripts/serve.sh --replicas 2 --port 8501                      # http://127.0.0.1:8501
#   bash scripts/serve.sh --replicas 2 --port 8501 --address 0.0.0.0    # reachable from the room's network
#
# Starts N `streamlit run app.py` processes on free loopback ports and HAProxy (Debian's package,
# installed with apt-get when missing) in front on --address:--port. One browser stays on one replica
# (HAProxy's SERVERID cookie covers the page, its websocket, uploads and media), idle websockets live for
# an hour, replicas are health-checked on /_stcore/health and share one cookie secret (taken from
# STREAMLIT_SERVER_COOKIE_SECRET, or made up for this run and kept in memory only). The HAProxy config is
# generated into a temporary folder that is removed on exit; nothing a user sends is written to disk.
# Ctrl-C or SIGTERM stops everything this script started. --stats-port S adds HAProxy's statistics page
# on 127.0.0.1:S/stats (CSV at /stats;csv), used by tests/browser/test_replicas.py.
# --database URL is the store every replica shares (rooms, kept plans): by default EXPLORER_DATABASE_URL or
# the SQLite file state/explorer.db; postgresql+psycopg://user:password@host/db for replicas on several
# machines (docs/deploy.md). It is migrated once before the replicas start.
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=2
port=8501
address=127.0.0.1
stats_port=""
database=""

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  echo "Options: --replicas N (default 2)  --port P (default 8501)  --address A (default 127.0.0.1)  --stats-port S"
  echo "         --database URL (default: EXPLORER_DATABASE_URL, else the SQLite file state/explorer.db)"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --address) address="${2:-}"; shift 2 ;;
    --stats-port) stats_port="${2:-}"; shift 2 ;;
    --database) database="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "serve.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }
if ! is_number "$replicas" || [ "$replicas" -lt 1 ] || [ "$replicas" -gt 16 ]; then
  echo "serve.sh: --replicas must be a whole number from 1 to 16, not '$replicas'" >&2; exit 2
fi
if ! is_number "$port" || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "serve.sh: --port must be a port number, not '$port'" >&2; exit 2
fi
if [ -n "$stats_port" ] && ! is_number "$stats_port"; then
  echo "serve.sh: --stats-port must be a port number, not '$stats_port'" >&2; exit 2
fi
if ! [[ "$address" =~ ^[0-9A-Za-z.:-]+$ ]]; then
  echo "serve.sh: --address must be an IP address or host name, not '$address'" >&2; exit 2
fi

if ! command -v haproxy >/dev/null 2>&1; then
  echo "Installing Debian's haproxy…" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
fi

python=python3
if [ -x .venv/bin/python ]; then python=.venv/bin/python; fi

# Every replica must sign cookies with the same secret (see docs/deploy.md). Only the environment carries it.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  STREAMLIT_SERVER_COOKIE_SECRET="$("$python" -c 'import secrets; print(secrets.token_hex(32))')"
fi
export STREAMLIT_SERVER_COOKIE_SECRET

# One store for every replica (components/store). Only the environment carries the URL (it may hold a password).
if [ -n "$database" ]; then
  EXPLORER_DATABASE_URL="$database"
  export EXPLORER_DATABASE_URL
fi
# Migrate once here, so the replicas find the tables ready. A database that cannot be used does not stop the
# explorer: it serves the bundled study and says that rooms and kept links are off.
if ! "$python" -m components.store upgrade >&2; then
  echo "serve.sh: the database cannot be used (above); serving without rooms and kept links" >&2
fi

run_dir="$(mktemp -d -t explorer-serve.XXXXXX)"
pids=()

stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run_dir"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Free loopback ports for the replicas, all held open together so that no two are the same.
read -r -a replica_ports <<<"$("$python" - "$replicas" "$port" "$stats_port" <<'PY'
import os, socket, sys
# EXPLORER_PORTS=FIRST-LAST keeps the replicas in a range (a machine shared by several people); else any port.
first, _, last = os.environ.get("EXPLORER_PORTS", "").partition("-")
candidates = range(int(first), int(last or first) + 1) if first.strip() else [0] * int(sys.argv[1])
sockets = []
for candidate in candidates:
    if len(sockets) == int(sys.argv[1]):
        break
    if str(candidate) in sys.argv[2:]:  # the proxy's own port and its statistics port, bound later
        continue
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", candidate))
    except OSError:
        sock.close()
        continue
    sockets.append(sock)
if len(sockets) < int(sys.argv[1]):
    sys.exit("serve.sh: not enough free ports in EXPLORER_PORTS")
print(" ".join(str(sock.getsockname()[1]) for sock in sockets))
for sock in sockets:
    sock.close()
PY
)"

servers=""
for index in "${!replica_ports[@]}"; do
  replica_port="${replica_ports[$index]}"
  name="app$((index + 1))"
  # The Dockerfile's app command (other settings come from .streamlit/config.toml), on loopback only:
  # HAProxy is the one way in.
  "$python" -m streamlit run app.py --server.port "$replica_port" --server.address 127.0.0.1 >/dev/null &
  pids+=("$!")
  servers+="    server $name 127.0.0.1:$replica_port check cookie $name"$'\n'
  echo "replica $name: pid $!, 127.0.0.1:$replica_port" >&2
done

healthy() {
  "$python" -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://$1/_stcore/health', timeout=2).status == 200 else 1)" 2>/dev/null
}
any_stopped() {
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then return 0; fi
  done
  return 1
}

# Start HAProxy once every replica is up, so that it does not begin by marking them all down.
for replica_port in "${replica_ports[@]}"; do
  for _ in $(seq 1 300); do
    if healthy "127.0.0.1:$replica_port"; then break; fi
    if any_stopped; then echo "serve.sh: a replica stopped during start-up (its messages are above)" >&2; exit 1; fi
    sleep 0.2
  done
done

stats=""
if [ -n "$stats_port" ]; then
  stats="listen stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /stats
    stats refresh 5s"
fi

cat >"$run_dir/haproxy.cfg" <<CFG
# Generated by scripts/serve.sh for one run; removed when it stops.
global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # A websocket is a tunnel once upgraded: keep a quiet one open through a long slide.
    timeout tunnel 1h
    timeout client-fin 30s
    timeout http-request 30s
    timeout queue 30s
    option forwardfor

frontend explorer
    bind $address:$port
    default_backend replicas

backend replicas
    balance roundrobin
    # One browser, one replica: the page, its websocket (/_stcore/stream), uploads and media all carry it.
    cookie SERVERID insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 2s fall 3 rise 2
$servers
$stats
CFG

haproxy -db -f "$run_dir/haproxy.cfg" &
pids+=("$!")
echo "haproxy: pid $!, http://$address:$port/ in front of $replicas replica(s), config in $run_dir" >&2

# Ready once a replica answers through the proxy.
check_host="$address"
if [ "$address" = "0.0.0.0" ]; then check_host=127.0.0.1; fi
ready=""
for _ in $(seq 1 150); do
  if healthy "$check_host:$port"; then
    ready=yes
    echo "Serving the explorer at http://$address:$port/ (Ctrl-C stops it)" >&2
    break
  fi
  if any_stopped; then echo "serve.sh: haproxy stopped during start-up (its messages are above)" >&2; exit 1; fi
  sleep 0.2
done
if [ -z "$ready" ]; then echo "serve.sh: the proxy did not answer within 30 s; still trying" >&2; fi

# Run until any process stops or a signal arrives; either way stop_all ends the rest.
set +e
wait -n "${pids[@]}"
status=$?
echo "serve.sh: a process stopped (status $status); stopping the others" >&2
exit "$status"
