#!/usr/bin/env bash
# `make cluster`: the portal scaled out on one machine, under var/cluster (README «Scaling out»):
#   PostgreSQL primary (55441) ─ streaming ─> hot-standby replica (55442), made by pg_basebackup -R
#   two gunicorn instances (8441, 8442) with the same SECRET_KEY, MEDIA_ROOT and Redis
#   nginx on 127.0.0.1:8440 in front of both; Redis: the machine's 127.0.0.1:6379 when it answers,
#   else a redis-server of its own on 6391.
#   scripts/cluster.sh start | stop | status | env | instance a|b | load | test [pytest args…]
# `start` builds what is missing and starts what is not running (safe to repeat); a failed start stops
# everything again. `stop` leaves no process behind. `test` starts, runs tests/cluster, stops.
# Env: CLUSTER_DIR (var/cluster), CLUSTER_{NGINX,A,B,PRIMARY,REPLICA,REDIS}_PORT, CLUSTER_REDIS_DB (0),
# CLUSTER_WORKERS (2 per instance).
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="$(mkdir -p "${CLUSTER_DIR:-var/cluster}" && cd "${CLUSTER_DIR:-var/cluster}" && pwd)"
HOST=127.0.0.1
NGINX_PORT="${CLUSTER_NGINX_PORT:-8440}"
A_PORT="${CLUSTER_A_PORT:-8441}"
B_PORT="${CLUSTER_B_PORT:-8442}"
PRIMARY_PORT="${CLUSTER_PRIMARY_PORT:-55441}"
REPLICA_PORT="${CLUSTER_REPLICA_PORT:-55442}"
OWN_REDIS_PORT="${CLUSTER_REDIS_PORT:-6391}"
REDIS_DB="${CLUSTER_REDIS_DB:-0}"
WORKERS="${CLUSTER_WORKERS:-2}"
DBNAME=mentoring_portal
PGBIN=/usr/lib/postgresql/15/bin # Debian's PostgreSQL 15
NGINX=/usr/sbin/nginx            # Debian's nginx
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
PRIMARY_URL="postgres://postgres@$HOST:$PRIMARY_PORT/$DBNAME"
REPLICA_URL="postgres://postgres@$HOST:$REPLICA_PORT/$DBNAME"

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
need_free() { # port, what
  port_busy "$1" && die "port $HOST:$1 (for $2) is taken by another process: free it or set CLUSTER_*_PORT"
  return 0
}
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_for() { # seconds, description, command…
  local limit=$1 what=$2
  shift 2
  for _ in $(seq $((limit * 4))); do "$@" && return 0; sleep 0.25; done
  die "$what did not come up within ${limit}s (logs in $DIR)"
}

# PostgreSQL -----------------------------------------------------------------------------------------

pg_running() { [ -f "$1/PG_VERSION" ] && as_owner "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }
pg_start() { # data dir, port, log
  pg_running "$1" && return 0
  need_free "$2" "PostgreSQL $(basename "$1")"
  # fsync off: a throwaway cluster, like make fault's; the replica streams the WAL all the same.
  as_owner "$PGBIN/pg_ctl" -D "$1" -l "$3" -w -t 60 \
    -o "-p $2 -k $DIR/run -c listen_addresses=$HOST -c fsync=off -c full_page_writes=off" start >/dev/null
}
psql_on() { as_owner "$PGBIN/psql" -h $HOST -p "$1" -U postgres -v ON_ERROR_STOP=1 -Atq "${@:2}"; }

start_postgres() {
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 server binaries not found in $PGBIN (apt-get install postgresql-15)"
  mkdir -p "$DIR/run"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR" "$DIR/run"
  if [ ! -f "$DIR/primary/PG_VERSION" ]; then
    say "initdb of the primary (var/cluster/primary)"
    rm -rf "$DIR/primary" "$DIR/replica"
    as_owner "$PGBIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$DIR/primary/postgresql.conf" <<EOF
# make cluster: a primary with one streaming replica
wal_level = replica
max_wal_senders = 4
wal_keep_size = 256MB
hot_standby = on
EOF
    # Trust on the loopback only: a throwaway cluster (a real one: scram-sha-256 and a password).
    echo "host replication replicator $HOST/32 trust" >>"$DIR/primary/pg_hba.conf"
  fi
  pg_start "$DIR/primary" "$PRIMARY_PORT" "$DIR/primary.log"
  if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_roles WHERE rolname = 'replicator'" postgres)" != 1 ]; then
    psql_on "$PRIMARY_PORT" -c "CREATE ROLE replicator WITH REPLICATION LOGIN" postgres
  fi
  if [ "$(psql_on "$PRIMARY_PORT" -c "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" postgres)" != 1 ]; then
    psql_on "$PRIMARY_PORT" -c "CREATE DATABASE $DBNAME" postgres
  fi
  if [ ! -f "$DIR/replica/PG_VERSION" ]; then
    say "pg_basebackup -R of the replica (var/cluster/replica)"
    rm -rf "$DIR/replica"
    # -R writes standby.signal and primary_conninfo: the copy starts as a hot standby streaming from the primary.
    as_owner "$PGBIN/pg_basebackup" -h $HOST -p "$PRIMARY_PORT" -U replicator -D "$DIR/replica" -R -X stream -c fast
  fi
  pg_start "$DIR/replica" "$REPLICA_PORT" "$DIR/replica.log"
  [ "$(psql_on "$REPLICA_PORT" -c "SELECT pg_is_in_recovery()" postgres)" = t ] || die "the replica is not in recovery"
}

# Redis ------------------------------------------------------------------------------------------------

start_redis() {
  if [ -f "$DIR/redis/redis.pid" ] || ! redis-cli -h $HOST -p 6379 ping 2>/dev/null | grep -q PONG; then
    REDIS_PORT=$OWN_REDIS_PORT
    if ! alive "$DIR/redis/redis.pid"; then
      command -v redis-server >/dev/null || die "no Redis answers on $HOST:6379 and redis-server is not installed"
      need_free "$REDIS_PORT" "redis-server"
      mkdir -p "$DIR/redis"
      say "no Redis on $HOST:6379: redis-server of its own on $REDIS_PORT"
      redis-server --bind $HOST --port "$REDIS_PORT" --daemonize yes --dir "$DIR/redis" \
        --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/redis/redis.log" --save "" --appendonly no
      wait_for 20 "redis-server" bash -c "redis-cli -h $HOST -p $REDIS_PORT ping 2>/dev/null | grep -q PONG"
    fi
  else
    REDIS_PORT=6379
  fi
  REDIS_URL="redis://$HOST:$REDIS_PORT/$REDIS_DB"
}

# The portal ---------------------------------------------------------------------------------------------

portal_env() { # production settings, plain HTTP on the loopback (as bench/load.sh), behind one proxy
  [ -s "$DIR/secret_key" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$DIR/secret_key"
  export DEBUG=false SECRET_KEY="$(cat "$DIR/secret_key")" DJANGO_SETTINGS_MODULE=mentoring_portal.settings
  export ALLOWED_HOSTS=$HOST SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
  export SECURE_HSTS_SECONDS=0 BEHIND_TLS_PROXY=false LOG_LEVEL=WARNING AXES_PROXY_COUNT=1
  export DATABASE_URL="$PRIMARY_URL" DATABASE_REPLICA_URL="$REPLICA_URL" REDIS_URL
  export MEDIA_ROOT="$DIR/media" STATIC_ROOT="$DIR/static"
}

prepare_portal() {
  mkdir -p "$DIR/media" "$DIR/static"
  "$PY" manage.py migrate --noinput -v0
  if [ ! -f "$DIR/seeded" ]; then
    say "seed_demo (the demo region of make run)"
    "$PY" manage.py seed_demo >/dev/null
    touch "$DIR/seeded"
  fi
  # collectstatic compresses every file again (20 s of CPU): only when a static file or the lock changed.
  local fingerprint
  fingerprint="$({ find static apps -path '*static/*' -type f -printf '%p %s %T@\n' | sort; cat requirements/lock.txt; } | sha1sum)"
  if [ "$(cat "$DIR/static.fingerprint" 2>/dev/null)" != "$fingerprint" ]; then
    "$PY" manage.py collectstatic --noinput -v0
    echo "$fingerprint" >"$DIR/static.fingerprint"
  fi
}

launch_gunicorn() { # name, port: started in the background (both instances boot at once)
  local pidfile="$DIR/gunicorn-$1.pid"
  alive "$pidfile" && return 0
  need_free "$2" "gunicorn $1"
  "$GUNICORN" mentoring_portal.wsgi --workers "$WORKERS" --bind "$HOST:$2" --daemon --pid "$pidfile" \
    --graceful-timeout 20 --access-logfile /dev/null --error-logfile "$DIR/gunicorn-$1.log"
}
wait_gunicorn() { # name, port
  wait_for 120 "gunicorn $1 on $HOST:$2" curl -sf -o /dev/null "http://$HOST:$2/login/"
}

write_nginx_conf() {
  mkdir -p "$DIR/nginx/conf" "$DIR/nginx/logs" "$DIR/nginx/temp"
  cat >"$DIR/nginx/conf/nginx.conf" <<EOF
# Written by scripts/cluster.sh: nginx in front of the two gunicorn instances of make cluster.
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/logs/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $DIR/nginx/logs/access.log;
    client_body_temp_path $DIR/nginx/temp/body;
    proxy_temp_path $DIR/nginx/temp/proxy;
    fastcgi_temp_path $DIR/nginx/temp/fastcgi;
    uwsgi_temp_path $DIR/nginx/temp/uwsgi;
    scgi_temp_path $DIR/nginx/temp/scgi;
    sendfile on;
    client_max_body_size 12m;  # UPLOAD_MAX_BYTES (10 MB) and the form around it

    upstream portal {
        server $HOST:$A_PORT max_fails=1 fail_timeout=5s;
        server $HOST:$B_PORT max_fails=1 fail_timeout=5s;
        keepalive 16;
    }

    server {
        listen $HOST:$NGINX_PORT;
        server_name $HOST;

        # collectstatic's files (hashed names by whitenoise's manifest): served by nginx itself.
        location /static/ {
            alias $DIR/static/;
            expires 30d;
            access_log off;
        }

        location / {
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A request that failed on one instance goes to the other: a refused or reset connection,
            # a timeout, a 502/503 (an instance stopping, or PostgreSQL away for it). Without
            # «non_idempotent» in this list nginx never passes a POST (PATCH, LOCK) to the other
            # instance once it was sent to one: a form is never submitted twice by the proxy. A POST
            # that could not even connect was never sent, and does go to the other instance.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 30s;
            # This cluster only: which instance answered (the cluster test reads it).
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
}

start_nginx() {
  [ -x "$NGINX" ] || die "nginx not found at $NGINX (apt-get install nginx)"
  write_nginx_conf
  if alive "$DIR/nginx/nginx.pid"; then
    "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/logs/error.log" -c "$DIR/nginx/conf/nginx.conf" -s reload
    return 0
  fi
  need_free "$NGINX_PORT" "nginx"
  "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/logs/error.log" -c "$DIR/nginx/conf/nginx.conf"
  wait_for 20 "nginx on $HOST:$NGINX_PORT" curl -sf -o /dev/null "http://$HOST:$NGINX_PORT/login/"
}

write_env() { # what the tests and make load CLUSTER=1 read
  cat >"$DIR/cluster.env" <<EOF
CLUSTER_URL=http://$HOST:$NGINX_PORT
CLUSTER_A_URL=http://$HOST:$A_PORT
CLUSTER_B_URL=http://$HOST:$B_PORT
CLUSTER_A_PIDFILE=$DIR/gunicorn-a.pid
CLUSTER_B_PIDFILE=$DIR/gunicorn-b.pid
CLUSTER_PRIMARY_URL=$PRIMARY_URL
CLUSTER_REPLICA_URL=$REPLICA_URL
CLUSTER_REDIS_URL=$REDIS_URL
CLUSTER_DIR=$DIR
EOF
}

start() {
  # A start that fails half-way stops everything again: no process is left behind.
  trap 'rc=$?; if [ $rc != 0 ]; then echo "cluster: start failed, stopping everything" >&2; stop; fi' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  command -v curl >/dev/null || die "curl is needed"
  start_postgres
  start_redis
  portal_env
  prepare_portal
  launch_gunicorn a "$A_PORT"
  launch_gunicorn b "$B_PORT"
  wait_gunicorn a "$A_PORT"
  wait_gunicorn b "$B_PORT"
  start_nginx
  write_env
  trap - EXIT INT TERM
  say "running: http://$HOST:$NGINX_PORT/ (nginx) → gunicorn $HOST:$A_PORT, $HOST:$B_PORT;" \
    "PostgreSQL $PRIMARY_PORT → replica $REPLICA_PORT; $REDIS_URL"
}

stop_pidfile() { # pidfile, name: TERM, then KILL after 30 s
  local pid
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster: $2 did not stop on TERM: KILL" >&2
      pkill -KILL -P "$pid" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$1"
}

stop() {
  if alive "$DIR/nginx/nginx.pid"; then
    "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/logs/error.log" -c "$DIR/nginx/conf/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 80); do alive "$DIR/nginx/nginx.pid" || break; sleep 0.25; done
  fi
  stop_pidfile "$DIR/nginx/nginx.pid" nginx
  stop_pidfile "$DIR/gunicorn-a.pid" "gunicorn a"
  stop_pidfile "$DIR/gunicorn-b.pid" "gunicorn b"
  stop_pidfile "$DIR/redis/redis.pid" redis-server
  local data
  for data in "$DIR/replica" "$DIR/primary"; do
    pg_running "$data" && as_owner "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
  done
  say "stopped"
}

status() {
  local rc=0 name
  for name in primary replica; do
    if pg_running "$DIR/$name"; then echo "PostgreSQL $name: running"; else echo "PostgreSQL $name: stopped"; rc=3; fi
  done
  for name in redis/redis nginx/nginx gunicorn-a gunicorn-b; do
    [ "$name" = redis/redis ] && [ ! -f "$DIR/redis/redis.pid" ] && { echo "redis: the machine's (127.0.0.1:6379)"; continue; }
    if alive "$DIR/$name.pid"; then echo "$(basename "$name"): running"; else echo "$(basename "$name"): stopped"; rc=3; fi
  done
  return $rc
}

# make load CLUSTER=1 (bench/load.sh): bench/load.sh's wrk run through nginx, on the region of seed_scale
# (added to the primary once, a few minutes; the replica streams it). A cluster started here stops again.
load() {
  if ! status >/dev/null 2>&1; then
    start
    trap 'stop' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  REDIS_URL="$(sed -n 's/^CLUSTER_REDIS_URL=//p' "$DIR/cluster.env")"
  portal_env
  env -u DJANGO_SETTINGS_MODULE "$PY" -m bench.prepare
  "$PY" -m bench.sessions >"$DIR/urls.txt"
  local url="http://$HOST:$NGINX_PORT" connections="${LOAD_CONNECTIONS:-8}" duration="${LOAD_DURATION:-120s}"
  LOAD_URLS="$DIR/urls.txt" wrk -t2 -c"$connections" -d5s -s bench/load.lua "$url" >/dev/null
  echo "Load: $(wc -l <"$DIR/urls.txt") pages of 7 roles in turn, $connections connections, $duration," \
    "nginx on $HOST:$NGINX_PORT → 2 gunicorn instances × $WORKERS workers, PostgreSQL primary + replica"
  LOAD_URLS="$DIR/urls.txt" wrk -t2 -c"$connections" -d"$duration" --timeout 10s -s bench/load.lua "$url" |
    tee "$DIR/load-result.txt"
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/{print $2}') RAM," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) cat "$DIR/cluster.env" ;;
  nginx-conf) write_nginx_conf && echo "$DIR/nginx/conf/nginx.conf" ;; # tests/tooling/test_cluster_conf.py
  load) load ;;
  instance) # start gunicorn instance a or b again (the cluster test stops one), with the cluster's settings
    case "${2:-}" in a) port=$A_PORT ;; b) port=$B_PORT ;; *) die "usage: $0 instance a|b" ;; esac
    REDIS_URL="$(sed -n 's/^CLUSTER_REDIS_URL=//p' "$DIR/cluster.env")"
    portal_env
    launch_gunicorn "$2" "$port"
    wait_gunicorn "$2" "$port"
    ;;
  test)
    shift
    trap 'stop' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    started=$(date +%s)
    start
    trap 'stop' EXIT # start() took its own traps down
    trap 'exit 130' INT
    trap 'exit 143' TERM
    say "started in $(($(date +%s) - started)) s"
    # Not with the portal's environment: the tests talk to the cluster over the network only.
    env -u REDIS_URL -u DATABASE_REPLICA_URL -u DATABASE_URL -u MEDIA_ROOT -u STATIC_ROOT -u SECRET_KEY \
      "$PY" -m pytest -p no:randomly -p no:xdist -m cluster tests/cluster "$@"
    say "test done in $(($(date +%s) - started)) s"
    ;;
  *) echo "usage: $0 start|stop|status|env|instance a|b|load|test [pytest args…]" >&2; exit 2 ;;
esac
