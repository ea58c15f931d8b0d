#!/usr/bin/env bash
# `npm start`: install, build, and run Podium on its embedded default
# (PGlite in .data/, no PostgreSQL, no Redis, no Docker); with CONDUCTOR_KEY set,
# the example app (apps/example) runs too, connected to it (see run-podium.mjs).
# `npm run example` (`start.sh example`): install, build and run only the example,
# against a Podium that is already running.
# `pnpm cluster` (`start.sh cluster`): the same with replicas on DATABASE_URL (migrated
# first) and Redis behind HAProxy (scripts/lib/cluster.mjs).
if [ "${1:-}" = example ] && [ -z "${CONDUCTOR_KEY:-}" ]; then
  # Before the install and build: nothing to run without a key.
  exec node "$(dirname "${BASH_SOURCE[0]}")/run-podium.mjs" example
fi
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ROOT"
if [ "${1:-}" = example ]; then
  echo "==> building the example app"
  pnpm turbo run build --filter=@podium/example... --output-logs=errors-only
  exec node scripts/run-podium.mjs example
fi
echo "==> building the control plane, the console and the example app"
pnpm turbo run build --filter=@podium/control-plane... --filter=@podium/console... \
  --filter=@podium/example... --output-logs=errors-only
if [ "${1:-}" = cluster ]; then
  if [ -z "${DATABASE_URL:-}" ]; then
    echo "pnpm cluster runs replicas on PostgreSQL: set DATABASE_URL (see README)." >&2
    exit 1
  fi
  echo "==> migrating DATABASE_URL (pnpm db:deploy)"
  pnpm db:deploy
  exec node scripts/run-podium.mjs cluster
fi
exec node scripts/run-podium.mjs
