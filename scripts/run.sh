#!/usr/bin/env bash
# Serve Samskap for development: the web server and a background task worker.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
$BIN/samskap db_worker --interval 1 >var/worker.log 2>&1 &
WORKER=$!
# the periodic jobs (reminders, digests, retries); a timer does this in production (README, "Periodic jobs")
( while true; do $BIN/samskap periodic >>var/periodic.log 2>&1 || true; sleep 300; done ) &
PERIODIC=$!
trap 'kill $WORKER $PERIODIC 2>/dev/null || true' EXIT INT TERM
cat <<MSG

Samskap runs on http://$HOST:$PORT/  (stop with Ctrl+C)
Demo logins (password for all: samskap-demo):
  coordinator:       $($BIN/samskap demo_logins --role coordinator --first)
  FoUI contact:      $($BIN/samskap demo_logins --role foui_contact --first)
  researcher:        $($BIN/samskap demo_logins --role researcher --first)
  (all demo accounts: .venv/bin/samskap demo_logins)
Background tasks log to var/worker.log. E-mail goes to SMTP 127.0.0.1:8025 (make mailserver).

MSG
DEFAULT_SITE_URL=http://127.0.0.1:8000  # the default of SITE_URL in samskap/settings.py
if [ "${SAMSKAP_SITE_URL:-$DEFAULT_SITE_URL}" = "$DEFAULT_SITE_URL" ]; then
  cat >&2 <<WARN
WARNING: SAMSKAP_SITE_URL is still the default ($DEFAULT_SITE_URL). Links in e-mail (notifications,
  reminders, unsubscribe links, personal workshop links) point there; set SAMSKAP_SITE_URL to the address
  people reach Samskap at, e.g. SAMSKAP_SITE_URL=https://samskap.example make run

WARN
fi
exec $BIN/samskap runserver "$HOST:$PORT"
