#!/usr/bin/env bash
# `make load`: first the ceiling, a one-view Django app (bench/ceiling/) for CEILING_DURATION (default 20 s),
# then the portal (production settings) for LOAD_DURATION (default 2 minutes), both under the same gunicorn
# (gunicorn.conf.py) on 127.0.0.1 only and the same wrk settings; the portal reads every role's main pages
# in turn. Prints both results and the portal's requests per second as a share of the ceiling, with the
# CPU time the gunicorn workers spent per request.
#   LOAD_DURATION=120s CEILING_DURATION=20s LOAD_CONNECTIONS=8 LOAD_PORT=8112 bench/load.sh
#   GUNICORN_CMD_ARGS="--workers 3 --worker-class gthread --threads 2" bench/load.sh   (another gunicorn)
#   CEILING_DURATION=0 bench/load.sh   (the portal only)
# CLUSTER=1: through nginx in front of the two gunicorn instances of `make cluster` instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=.venv/bin
PORT="${LOAD_PORT:-8112}"
DURATION="${LOAD_DURATION:-120s}"
CEILING_DURATION="${CEILING_DURATION:-20s}"
CONNECTIONS="${LOAD_CONNECTIONS:-8}"
WORK=var/load
mkdir -p "$WORK"

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package) …"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; }
fi

# `make load CLUSTER=1`: the same load through the nginx of `make cluster` (scripts/cluster.sh load).
if [ "${CLUSTER:-0}" = 1 ]; then exec scripts/cluster.sh load; fi

$BIN/python -m bench.prepare

# Production settings, plain HTTP on the loopback only; a key made for this run.
export DEBUG=false
SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0 BEHIND_TLS_PROXY=false LOG_LEVEL=WARNING
export DJANGO_SETTINGS_MODULE=mentoring_portal.settings

$BIN/python manage.py collectstatic --noinput -v0
$BIN/python -m bench.sessions > "$WORK/urls.txt"
echo "ceiling /" > "$WORK/ceiling-urls.txt"

GUNICORN=""
stop_gunicorn() {
  if [ -n "$GUNICORN" ]; then
    kill "$GUNICORN" 2>/dev/null || true
    wait "$GUNICORN" 2>/dev/null || true
    GUNICORN=""
  fi
}
trap stop_gunicorn EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_gunicorn APP PATH: gunicorn.conf.py's workers serving APP, ready when PATH answers.
start_gunicorn() {
  $BIN/gunicorn -c gunicorn.conf.py "$1" --bind "127.0.0.1:$PORT" \
    --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
  GUNICORN=$!
  for _ in $(seq 60); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT$2" 2>/dev/null && return 0
    kill -0 "$GUNICORN" 2>/dev/null || { echo "gunicorn did not start:"; cat "$WORK/gunicorn.log"; exit 1; }
    sleep 0.5
  done
  echo "gunicorn did not answer on 127.0.0.1:$PORT$2"; exit 1
}

# CPU seconds (user + system) of gunicorn's master and workers so far.
gunicorn_cpu() {
  local total=0 pid
  for pid in "$GUNICORN" $(pgrep -P "$GUNICORN" || true); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total $(getconf CLK_TCK)" | awk '{printf "%.3f", $1 / $2}'
}

# measure URLS DURATION RESULT: a 5 s warm-up, then the measured run; appends the gunicorn CPU per request.
measure() {
  LOAD_URLS="$1" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/load.lua "http://127.0.0.1:$PORT" >/dev/null
  local before after
  before=$(gunicorn_cpu)
  LOAD_URLS="$1" wrk -t2 -c"$CONNECTIONS" -d"$2" --timeout 10s -s bench/load.lua "http://127.0.0.1:$PORT" >"$3"
  after=$(gunicorn_cpu)
  local requests
  requests=$(sed -n 's/^requests: \([0-9]*\) in.*/\1/p' "$3")
  awk -v b="$before" -v a="$after" -v n="$requests" \
    'BEGIN { if (n > 0) printf "gunicorn CPU per request: %.2f ms\n", (a - b) * 1000 / n }' >>"$3"
  echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$3"
}

GUNICORN_SETTINGS="$($BIN/python -c '
import runpy
c = runpy.run_path("gunicorn.conf.py")
threads = c.get("threads", 1)
print(c["workers"], c["worker_class"], "workers" + (f", {threads} threads each" if threads > 1 else ""))')"
[ -n "${GUNICORN_CMD_ARGS:-}" ] && GUNICORN_SETTINGS="$GUNICORN_SETTINGS, GUNICORN_CMD_ARGS=$GUNICORN_CMD_ARGS"

if [ "$CEILING_DURATION" != "0" ]; then
  start_gunicorn bench.ceiling.wsgi /
  echo "Ceiling: a one-view Django app (bench/ceiling/), $CONNECTIONS connections, $CEILING_DURATION, gunicorn $GUNICORN_SETTINGS on 127.0.0.1:$PORT"
  measure "$WORK/ceiling-urls.txt" "$CEILING_DURATION" "$WORK/ceiling.txt"
  sed -n '/=== load result ===/,$p' "$WORK/ceiling.txt" | grep -E "^(requests|latency p99|non-2xx|gunicorn|load average)"
  stop_gunicorn
fi

start_gunicorn mentoring_portal.wsgi /login/
echo "Load: $(wc -l < "$WORK/urls.txt") pages of 7 roles in turn, $CONNECTIONS connections, $DURATION, gunicorn $GUNICORN_SETTINGS on 127.0.0.1:$PORT"
measure "$WORK/urls.txt" "$DURATION" "$WORK/result.txt"
cat "$WORK/result.txt"
stop_gunicorn

if [ "$CEILING_DURATION" != "0" ]; then
  portal=$(sed -n 's/^requests per second: //p' "$WORK/result.txt")
  ceiling=$(sed -n 's/^requests per second: //p' "$WORK/ceiling.txt")
  awk -v p="$portal" -v c="$ceiling" 'BEGIN {
    printf "The portal: %.1f requests per second = %.1f %% of the ceiling (%.0f requests per second of a one-view Django app on this machine, same gunicorn and wrk)\n", p, p * 100 / c, c
    printf "JSON {\"portal_rps\": %.1f, \"ceiling_rps\": %.1f, \"ratio_percent\": %.2f}\n", p, c, p * 100 / c }' | tee "$WORK/ratio.txt"
fi
echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/{print $2}') RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
