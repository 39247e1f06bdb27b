#!/usr/bin/env bash
# Installs what bonemet needs on a fresh Debian 12 machine with Node.js 20 and npm: the npm dependencies
# (exact versions from package-lock.json) and the TypeScript build (npm ci runs the `prepare` script).
# Later capabilities add their Debian packages here.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "bonemet needs Node.js 20 or newer (found $(node --version))" >&2
  exit 1
fi

# Reinstall only when package-lock.json changed since the last install here.
stamp=node_modules/.bonemet-lockfile.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
else
  npm run build
fi
