#!/usr/bin/env bash
# Notifications in messengers on this machine, for a demonstration (README «Notifications in messengers»):
# a local stand-in of each messenger's bot API with a browser page that plays the person's messenger, the
# portal on the demo data configured to use them, the poller of the bots and the task worker.
#   scripts/messengers_demo.sh start   everything, until Ctrl-C (`make messengers-demo`)
#   scripts/messengers_demo.sh send    what cron does hourly: make the notifications, queue their messages
#                                      (`make messengers-demo-send`, in another terminal)
# Needs DATABASE_URL (the Makefile runs it through scripts/localdb.sh run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
PORTAL_PORT="${MESSENGERS_DEMO_PORTAL_PORT:-8470}"
TELEGRAM_PORT="${TELEGRAM_DEMO_PORT:-8471}"

export DEBUG="${DEBUG:-true}"
export PORTAL_BASE_URL="http://127.0.0.1:$PORTAL_PORT"
export TELEGRAM_BOT_TOKEN="123456:demo-token"
export TELEGRAM_BOT_NAME="nastavnik_demo_bot"
export TELEGRAM_API_URL="http://127.0.0.1:$TELEGRAM_PORT"
# The «open the chat» button leads to the stand-in's page instead of t.me.
export TELEGRAM_BOT_ADDRESS="http://127.0.0.1:$TELEGRAM_PORT/"
VK_PORT="${VK_DEMO_PORT:-8472}"
MAX_PORT="${MAX_DEMO_PORT:-8473}"
export VK_GROUP_TOKEN="vk1.a.demo-community-token"
export VK_GROUP_ID="218000001"
export VK_API_URL="http://127.0.0.1:$VK_PORT/method"
export VK_BOT_ADDRESS="http://127.0.0.1:$VK_PORT/"
export MAX_BOT_TOKEN="max-demo-bot-token"
export MAX_API_URL="http://127.0.0.1:$MAX_PORT"
export MAX_BOT_ADDRESS="http://127.0.0.1:$MAX_PORT/"

case "${1:-}" in
  send)
    exec "$PY" manage.py send_notifications
    ;;
  start)
    pids=()
    cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
    trap cleanup EXIT
    "$PY" -m tests.messengers.telegram_server --port "$TELEGRAM_PORT" --token "$TELEGRAM_BOT_TOKEN" &
    pids+=("$!")
    "$PY" -m tests.messengers.vk_server --port "$VK_PORT" --token "$VK_GROUP_TOKEN" --group-id "$VK_GROUP_ID" &
    pids+=("$!")
    "$PY" -m tests.messengers.max_server --port "$MAX_PORT" --token "$MAX_BOT_TOKEN" &
    pids+=("$!")
    "$PY" manage.py migrate --noinput
    "$PY" manage.py seed_demo
    "$PY" manage.py poll_messengers --every 2 &
    pids+=("$!")
    "$PY" manage.py db_worker &
    pids+=("$!")
    cat <<TEXT

Портал: http://127.0.0.1:$PORTAL_PORT/ — войдите как mentor / demo2026 (логины — в README.md).
«Уведомления» → «Настройки» → Telegram «Подключить» → «Открыть чат с ботом»: откроется учебный Telegram
(http://127.0.0.1:$TELEGRAM_PORT/), код уйдёт боту сам, и страница настроек покажет «Подключено».
Так же подключаются учебные ВКонтакте (http://127.0.0.1:$VK_PORT/, код отправьте сообщением) и MAX
(http://127.0.0.1:$MAX_PORT/). Выберите мессенджер для видов уведомлений и сохраните; затем в другом
терминале: make messengers-demo-send — уведомления придут в выбранные мессенджеры. Остановить всё: Ctrl-C.

TEXT
    "$PY" manage.py runserver "127.0.0.1:$PORTAL_PORT"
    ;;
  *)
    echo "usage: $0 start|send" >&2
    exit 2
    ;;
esac
