"""gunicorn's settings for the portal: read by gunicorn from the working directory (the repository root),
by `make load` (bench/load.sh) and on the server (docs/administration.md). The bind address and the log
files are given on the command line; `GUNICORN_CMD_ARGS="--workers 4"` or the command line override any
value here.

The worker class and count were measured, not assumed (docs/performance.md «Throughput»): on 2 cores shared
with PostgreSQL (and wrk) the pages are CPU-bound Python, so more workers than cores only add switching.
"""

import os

# Processes: one per core. WEB_CONCURRENCY (the Heroku/PaaS convention) overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "sync"
# A request longer than this is killed and logged (the largest page, the region's overview, takes < 1 s).
timeout = 30
graceful_timeout = 30
