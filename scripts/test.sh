#!/usr/bin/env bash
# `make test`: install what the tests need, run the whole suite on SQLite, then the database-sensitive
# part (marker `postgres`) on a real PostgreSQL server started on loopback and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi

make --no-print-directory install

echo "== lint"
$BIN/ruff check samskap bench

echo "== type check"
$BIN/mypy --no-incremental samskap

echo "== deployment checks (production settings)"
make --no-print-directory check-deploy

echo "== migrations are complete"
$BIN/samskap makemigrations --check --dry-run >/dev/null

echo "== test suite on SQLite"
$BIN/python -m pytest "$@"

echo "== database-sensitive tests on PostgreSQL"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d /tmp/samskap-pg.XXXXXX)
PGPORT=${SAMSKAP_TEST_PGPORT:-54329}
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; RUNAS=(runuser -u postgres --); fi
stop_pg() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_pg EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c full_page_writes=off" start >/dev/null
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/samskap" $BIN/python -m pytest -m postgres "$@"
