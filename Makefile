# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Both use DATABASE_URL when it is set, otherwise a project-local PostgreSQL cluster under var/pg.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WITH_DB := scripts/localdb.sh run
HOST ?= 127.0.0.1
PORT ?= 8000

LOCK := requirements/lock.txt
PROD_LOCK := requirements/prod.txt
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --all-build-deps \
	--no-emit-index-url --no-emit-find-links

.PHONY: run test e2e fault install lock lint format migrate db-start db-stop clean

# Exactly the versions of the lock file, each checked against its hash; then the project itself, built with
# the locked setuptools (no unpinned build environment).
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# After a change of the dependencies in pyproject.toml: the newest versions within its bounds, with hashes.
# requirements/lock.txt (main + dev) is what `make install` and CI install; requirements/prod.txt (main only,
# the same versions) is what a server installs. `make lock LOCK_ARGS=--upgrade-package=django` raises one.
lock: $(STAMP)
	$(PIP_COMPILE) --extra=dev $(LOCK_ARGS) --output-file=$(LOCK) pyproject.toml
	$(PIP_COMPILE) --constraint=$(LOCK) --output-file=$(PROD_LOCK) pyproject.toml

run: $(STAMP)
	DEBUG=$${DEBUG:-true} $(WITH_DB) bash -c '\
	  $(BIN)/python manage.py migrate --noinput && \
	  $(BIN)/python manage.py seed_demo && \
	  echo "Портал: http://$(HOST):$(PORT)/  (логины — в README.md)" && \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)'

# The suite runs on both cores in random order (pytest-randomly prints «Using --randomly-seed=N»; a failed
# test prints the command that runs it again with the same data). Time budgets live in `make bench`.
test: $(STAMP)
	$(WITH_DB) $(BIN)/python -m pytest -n 2 -m "not e2e and not cluster" $(PYTEST_ARGS)

# Browser journeys and accessibility checks (tests/e2e) in the system chromium (Debian: apt-get install chromium).
# Screenshots of each journey's end are saved under var/e2e/.
e2e: $(STAMP)
	$(WITH_DB) $(BIN)/python -m pytest -n 0 -m e2e tests/e2e $(PYTEST_ARGS)

# PostgreSQL stopped for a few seconds under a stream of requests to gunicorn: fail fast, recover, lose nothing.
# Uses its own throwaway cluster under var/fault (never the system PostgreSQL).
fault: $(STAMP)
	$(BIN)/python scripts/fault_pg_restart.py

# Benchmark at the scale of a region (issue #8): builds the region with seed_scale once if it is missing.
# `make bench BENCH_ARGS=--quick`; results in bench/results/. `make load`: gunicorn + wrk, LOAD_DURATION=120s,
# after the ceiling (a one-view Django app, CEILING_DURATION=20s) under the same settings.
.PHONY: bench load
bench: $(STAMP)
	$(WITH_DB) bash -c '$(BIN)/python -m bench.prepare && $(BIN)/python -m bench $(BENCH_ARGS)'

load: $(STAMP)
ifeq ($(CLUSTER),1)
	CLUSTER=1 bench/load.sh
else
	$(WITH_DB) bench/load.sh
endif

# The portal scaled out on this machine (README «Scaling out»), under var/cluster: PostgreSQL primary and
# streaming replica, two gunicorn instances, nginx on 127.0.0.1:8440, Redis. `make cluster` builds what is
# missing and starts what is not running; `make cluster-test` starts it, runs tests/cluster, stops it.
.PHONY: cluster cluster-stop cluster-test
cluster: $(STAMP)
	scripts/cluster.sh start

cluster-stop:
	scripts/cluster.sh stop

cluster-test: $(STAMP)
	scripts/cluster.sh test $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/vendor.py --check

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(STAMP)
	$(WITH_DB) $(BIN)/python manage.py migrate --noinput

db-start:
	scripts/localdb.sh start

db-stop:
	scripts/localdb.sh stop

# Sign-in through a regional identity provider, for a demonstration (README «Sign-in through a regional
# identity provider»): a stand-in OpenID provider on 127.0.0.1:8461 with identities of the demo users.
OIDC_DEMO_PORT ?= 8461
OIDC_DEMO_PORTAL_PORT ?= 8462
OIDC_DEMO_ENV := OIDC_ISSUER=http://127.0.0.1:$(OIDC_DEMO_PORT)/o OIDC_CLIENT_ID=portal-demo \
	OIDC_CLIENT_SECRET=portal-demo-secret OIDC_SCOPES="openid email snils" OIDC_SNILS_CLAIM=snils \
	OIDC_PROVIDER_NAME="«Госуслуги» (учебный стенд)"
.PHONY: oidc-demo
oidc-demo: $(STAMP)
	@echo "Учебный поставщик входа: http://127.0.0.1:$(OIDC_DEMO_PORT)/o (логины mentor, mentee, curator, stranger; пароль gosuslugi-demo)"
	@echo "Портал с кнопкой входа, в другом терминале:"
	@echo '  $(OIDC_DEMO_ENV) make run PORT=$(OIDC_DEMO_PORTAL_PORT)'
	@echo "Затем: http://127.0.0.1:$(OIDC_DEMO_PORTAL_PORT)/ — войдите как mentor / demo2026, «Профиль» → «Привязать вход»."
	$(BIN)/python -m tests.oidc_provider.serve --port=$(OIDC_DEMO_PORT) --workdir=var/oidc_demo \
	  --client-id=portal-demo --client-secret=portal-demo-secret --users=tests/oidc_provider/demo_users.json \
	  --redirect-uri=http://127.0.0.1:$(OIDC_DEMO_PORTAL_PORT)/login/oidc/callback/ \
	  --post-logout-uri=http://127.0.0.1:$(OIDC_DEMO_PORTAL_PORT)/login/

clean: db-stop
	rm -rf var/pg $(VENV)

# Notifications in messengers, for a demonstration (README «Notifications in messengers»): local stand-ins of
# the bot APIs on 127.0.0.1:8471 (Telegram) with a page that plays the person's messenger, and the portal on
# 127.0.0.1:8470 configured to use them, with the bots' poller and the task worker. `make messengers-demo-send`
# (another terminal) does what cron does: makes the notifications and sends their messages.
.PHONY: messengers-demo messengers-demo-send
messengers-demo: $(STAMP)
	$(WITH_DB) scripts/messengers_demo.sh start

messengers-demo-send: $(STAMP)
	$(WITH_DB) scripts/messengers_demo.sh send
