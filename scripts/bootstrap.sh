# Sourced by start.sh and test.sh: a fresh machine has only node and npm.
# Puts the pinned pnpm in .tools/ (no global install, no root needed) and
# installs the workspace from the lockfile.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="12.21.0"
TOOLS="$ROOT/.tools"

export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 NEXT_TELEMETRY_DISABLED=1
# The pnpm (and npm) version is pinned here: their "Update available" banners only bury the
# output that matters. pnpm 12 reads its settings from pnpm_config_* (not npm_config_*).
export pnpm_config_update_notifier=false npm_config_update_notifier=false
export PATH="$TOOLS/node_modules/.bin:$PATH"

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION into .tools/"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION"
fi

echo "==> installing dependencies (pnpm install --frozen-lockfile)"
(cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only)
