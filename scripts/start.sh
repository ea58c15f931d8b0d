#!/usr/bin/env bash
# `npm start`: install, build, and run Podium on its embedded default
# (PGlite in .data/, no PostgreSQL, no Redis, no Docker).
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ROOT"
echo "==> building the control plane and the console"
pnpm turbo run build --filter=@podium/control-plane... --filter=@podium/console... --output-logs=errors-only
exec node scripts/run-podium.mjs
