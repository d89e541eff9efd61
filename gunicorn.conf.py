"""gunicorn's settings for the portal: read by gunicorn from the working directory (the repository root),
by `make load` (bench/load.sh) and on the server (docs/administration.md). The bind address and the log
files are given on the command line; `GUNICORN_CMD_ARGS="--workers 4"` or the command line override any
value here.

The worker class and count (docs/performance.md «Throughput», bench/load_workers.sh): the pages are CPU-bound
Python, PostgreSQL works on the same cores while a worker waits for it, and each process keeps its own cache
of the territory figures, so one sync worker per core; more processes measured more CPU per request.
"""

import os

# Processes: one per core. WEB_CONCURRENCY (the Heroku/PaaS convention) overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "sync"
# A request longer than this is killed and logged (the largest page, the region's overview, takes < 1 s).
timeout = 30
graceful_timeout = 30
