#!/usr/bin/env bash
# Install the pinned oidc-provider next to start-oidc.mjs (node_modules/ is git-ignored).
# Idempotent: runs `npm ci` only when node_modules is missing or package-lock.json changed
# since the last install.
set -euo pipefail
cd "$(dirname "$0")"

exec 9>.install.lock    # concurrent callers (pytest-xdist workers) wait for one install
flock 9

stamp=node_modules/.install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -d node_modules && -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
