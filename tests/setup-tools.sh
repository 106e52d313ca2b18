#!/usr/bin/env bash
# Installs what the test suite needs beyond the Python packages: Debian's
# chromium (browser tests, driven by playwright with executable_path), a Java
# runtime (the Nu HTML checker), rsync (`make rsync_upload`, run against a
# stand-in for ssh) and Node packages (lunr.js, axe-core).
# Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]} (run as root or install them: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

if [ -f package.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --silent
  fi
fi
