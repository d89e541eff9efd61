#!/usr/bin/env bash
# `make load`: gunicorn (2 workers, production settings) on 127.0.0.1 only, a mixed read load of every
# role's main pages from wrk for LOAD_DURATION (default 2 minutes), then gunicorn is stopped.
#   LOAD_DURATION=120s LOAD_CONNECTIONS=8 LOAD_PORT=8112 bench/load.sh
# CLUSTER=1: through nginx in front of the two gunicorn instances of `make cluster` instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=.venv/bin
PORT="${LOAD_PORT:-8112}"
DURATION="${LOAD_DURATION:-120s}"
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

$BIN/gunicorn mentoring_portal.wsgi --workers 2 --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/login/" 2>/dev/null && break
  kill -0 "$GUNICORN" 2>/dev/null || { echo "gunicorn did not start:"; cat "$WORK/gunicorn.log"; exit 1; }
  sleep 0.5
done

# A short warm-up (templates, connections), then the measured run.
LOAD_URLS="$WORK/urls.txt" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/load.lua "http://127.0.0.1:$PORT" >/dev/null
echo "Load: $(wc -l < "$WORK/urls.txt") pages of 7 roles in turn, $CONNECTIONS connections, $DURATION, gunicorn 2 workers on 127.0.0.1:$PORT"
LOAD_URLS="$WORK/urls.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/load.lua \
  "http://127.0.0.1:$PORT" | tee "$WORK/result.txt"
echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/{print $2}') RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
