#!/usr/bin/env bash
# `npm test`: install, then lint, typecheck, build and run every test: unit,
# integration on real PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432),
# PGlite, browser tests in Debian's Chromium, and smoke runs of `npm start` and
# `pnpm cluster` (replicas on PostgreSQL + Redis behind Debian's HAProxy).
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ROOT"
LOG_DIR="$ROOT/.test-results"
rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"

# Installs Debian package $1 (for $2) when run as root; otherwise says how, and stops.
need_package() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing Debian's $1 for $2"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "$2 need $1: apt-get install $1${3:+ ($3)}." >&2
    exit 1
  fi
}

if [ -z "${CHROMIUM_PATH:-}" ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
  [ -x "$CHROMIUM_PATH" ] || need_package chromium "the browser tests" "or set CHROMIUM_PATH"
fi
# `pnpm cluster` and its smoke test put Debian's HAProxy in front of the replicas.
if [ -n "${HAPROXY:-}" ]; then
  [ -x "$HAPROXY" ] || { echo "HAPROXY=$HAPROXY is not an executable file." >&2; exit 1; }
else
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || [ -x /usr/local/sbin/haproxy ] ||
    need_package haproxy "the cluster smoke tests" "or set HAPROXY"
fi

if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> pnpm db:deploy (the documented PostgreSQL deploy command) on DATABASE_URL"
  pnpm db:deploy
fi

echo "==> schema drift check (pnpm db:check)"
pnpm db:check

# Type-aware lint reads the workspace packages' built types, so build first.
echo "==> build every package"
pnpm turbo run build --output-logs=errors-only

echo "==> lint and format check"
pnpm lint

echo "==> console bundle budget (first-load JS < 150 KiB gzipped per route; bench/README.md)"
SKIP_BUILD=1 BUDGET=1 node bench/console-bundle.mjs | tail -1

echo "==> typecheck and test every package"
pnpm turbo run typecheck test --concurrency=2 --output-logs=full 2>&1 | tee "$LOG_DIR/packages.log"

echo "==> browser tests (Chromium)"
pnpm turbo run test:browser --output-logs=full 2>&1 | tee "$LOG_DIR/browser.log"

echo "==> smoke test of the start command (embedded PGlite)"
node scripts/smoke-start.mjs 2>&1 | tee "$LOG_DIR/smoke.log"

echo "==> smoke test of pnpm cluster (3 replicas on PostgreSQL + Redis behind HAProxy)"
node scripts/smoke-cluster.mjs 2>&1 | tee "$LOG_DIR/smoke-cluster.log"

node scripts/summarize-tests.mjs "$LOG_DIR"/*.log
