#!/usr/bin/env bash
# A project-local PostgreSQL cluster under var/pg, used when DATABASE_URL is not set.
#   scripts/localdb.sh start | stop | status | url
#   scripts/localdb.sh run CMD…   start if needed, run CMD with DATABASE_URL set, stop again if we started it
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PG_LOCAL_PORT:-54329}"
DIR="$ROOT/var/pg"
DATA="$DIR/data"
SOCK="$DIR/run"
LOG="$DIR/postgres.log"
DBNAME="mentoring_portal"
URL="postgres://postgres@127.0.0.1:$PORT/$DBNAME"

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir
    return
  fi
  local d
  for d in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  echo "PostgreSQL server binaries (pg_ctl, initdb) not found: install PostgreSQL 15 or set DATABASE_URL." >&2
  exit 1
}
BIN="$(find_bindir)"

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() { as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  mkdir -p "$DIR" "$SOCK"
  if [ "$(id -u)" = "0" ]; then chown -R postgres: "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    echo "Creating the local PostgreSQL cluster in var/pg …"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! is_running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 \
      -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
    echo "Local PostgreSQL started on 127.0.0.1:$PORT"
  fi
  if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -Atqc \
      "select 1 from pg_database where datname='$DBNAME'" postgres | grep -q 1; then
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DBNAME"
  fi
}

stop() {
  if [ -f "$DATA/PG_VERSION" ] && is_running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "Local PostgreSQL stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running on 127.0.0.1:$PORT"; else echo "stopped"; fi ;;
  url) echo "$URL" ;;
  run)
    shift
    if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi
    # Stop the cluster again when we started it, also on Ctrl-C or kill.
    if ! is_running; then
      trap 'stop' EXIT
      trap 'exit 130' INT
      trap 'exit 143' TERM
    fi
    start
    export DATABASE_URL="$URL"
    "$@"
    ;;
  *) echo "usage: $0 start|stop|status|url|run CMD…" >&2; exit 2 ;;
esac
