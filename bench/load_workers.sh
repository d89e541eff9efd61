#!/usr/bin/env bash
# gunicorn's worker class and count measured, not assumed (issue 18): the configurations below, each in turn
# (PASSES times, so a busy moment of the machine hits all alike), under the load of `make load` (the portal,
# or APP=ceiling the one-view app); prints requests per second, p99, the CPU time of gunicorn per request
# and the load average. Run after `make load` (it needs the collected static files and the data).
#   DATABASE_URL=… bench/load_workers.sh     (LOAD_DURATION=60s LOAD_WARMUP=20s PASSES=2 LOAD_PORT=8112 APP=portal)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=.venv/bin
PORT="${LOAD_PORT:-8112}"
DURATION="${LOAD_DURATION:-60s}"
PASSES="${PASSES:-2}"
WARMUP="${LOAD_WARMUP:-20s}"
APP="${APP:-portal}"
WORK=var/load
mkdir -p "$WORK"

export DEBUG=false
SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0 BEHIND_TLS_PROXY=false LOG_LEVEL=WARNING
export DJANGO_SETTINGS_MODULE=mentoring_portal.settings

if [ "$APP" = portal ]; then
  $BIN/python -m bench.sessions > "$WORK/urls.txt"
  WSGI=mentoring_portal.wsgi URLS="$WORK/urls.txt" READY=/login/
else
  echo "ceiling /" > "$WORK/ceiling-urls.txt"
  WSGI=bench.ceiling.wsgi URLS="$WORK/ceiling-urls.txt" READY=/
fi

CONFIGS=(
  "--workers 2"
  "--workers 3"
  "--workers 4"
  "--workers 2 --worker-class gthread --threads 2"
  "--workers 2 --worker-class gthread --threads 4"
  "--workers 3 --worker-class gthread --threads 2"
)
# LOAD_CONFIGS="--workers 2;--workers 2 --worker-class gthread --threads 2": only these.
[ -n "${LOAD_CONFIGS:-}" ] && IFS=';' read -r -a CONFIGS <<<"$LOAD_CONFIGS"

GUNICORN=""
trap '[ -n "$GUNICORN" ] && kill "$GUNICORN" 2>/dev/null; true' EXIT

cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

for pass in $(seq "$PASSES"); do
  for config in "${CONFIGS[@]}"; do
    # shellcheck disable=SC2086  # the configuration is a list of options
    $BIN/gunicorn -c gunicorn.conf.py "$WSGI" $config --bind "127.0.0.1:$PORT" \
      --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
    GUNICORN=$!
    for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT$READY" && break; sleep 0.5; done
    # Every worker computes the territory figures once (its own cache): a long warm-up.
    LOAD_URLS="$URLS" wrk -t2 -c8 -d"$WARMUP" -s bench/load.lua "http://127.0.0.1:$PORT" >/dev/null
    before=$(cpu_ticks "$GUNICORN")
    out=$(LOAD_URLS="$URLS" wrk -t2 -c8 -d"$DURATION" --timeout 10s -s bench/load.lua "http://127.0.0.1:$PORT")
    after=$(cpu_ticks "$GUNICORN")
    kill "$GUNICORN"; wait "$GUNICORN" 2>/dev/null || true; GUNICORN=""
    requests=$(sed -n 's/^requests: \([0-9]*\) in.*/\1/p' <<<"$out")
    printf "%s pass %s | %-45s | rps %7s | p99 %10s | non-2xx %s | gunicorn CPU per request %s ms | load average %s\n" \
      "$APP" "$pass" "$config" "$(sed -n 's/^requests per second: //p' <<<"$out")" \
      "$(sed -n 's/^latency p99: //p' <<<"$out")" "$(sed -n 's/^non-2xx answers: //p' <<<"$out")" \
      "$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
