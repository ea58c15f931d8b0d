#!/usr/bin/env bash
# `npm test`: install, then lint, typecheck, build and run every test: unit,
# integration on real PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432),
# PGlite, browser tests in Debian's Chromium, and a smoke run of `npm start`.
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ROOT"
LOG_DIR="$ROOT/.test-results"
rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"

if [ -z "${CHROMIUM_PATH:-}" ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
  if [ ! -x "$CHROMIUM_PATH" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "==> installing Debian's chromium for the browser tests"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "Browser tests need Chromium: apt-get install chromium (or set CHROMIUM_PATH)." >&2
      exit 1
    fi
  fi
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

echo "==> typecheck and test every package"
pnpm turbo run typecheck test --concurrency=2 --output-logs=full 2>&1 | tee "$LOG_DIR/packages.log"

echo "==> browser tests (Chromium)"
pnpm turbo run test:browser --output-logs=full 2>&1 | tee "$LOG_DIR/browser.log"

echo "==> smoke test of the start command (embedded PGlite)"
node scripts/smoke-start.mjs 2>&1 | tee "$LOG_DIR/smoke.log"

node scripts/summarize-tests.mjs "$LOG_DIR"/*.log
