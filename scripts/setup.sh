#!/usr/bin/env bash
# setup.sh: install what jcs needs on Debian 12, once.  Called by `make build`,
# `make run`, `make test` and `make bench`; fast when nothing is missing.
#
#   scripts/setup.sh [build|test|bench]
#
# As root it installs missing Debian packages with apt-get; otherwise it
# prints the exact apt-get line to run and stops.  npm packages (pinned in
# package-lock.json) are installed into node_modules with `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-build}
pkgs=(build-essential cmake pkg-config nodejs npm
      libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
      libcairo2-dev libpango1.0-dev libxlsxwriter-dev fonts-dejavu-core)
case "$what" in
  build) ;;
  test)  pkgs+=(clang libclang-rt-14-dev libcmocka-dev postgresql sqlite3 chromium fonts-liberation
                 poppler-utils python3-openpyxl) ;;
  bench) pkgs+=(nginx-light wrk curl sqlite3) ;;
  *) echo "usage: scripts/setup.sh [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # node and npm may come from elsewhere than Debian (a NodeSource install).
    if { [ "$p" = nodejs ] && command -v node >/dev/null; } ||
       { [ "$p" = npm ] && command -v npm >/dev/null; }; then
      continue
    fi
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "jcs needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# sass and playwright-core need Node.js 20 or newer; Debian 12's own
# nodejs is 18.  Say so plainly rather than fail later in the build.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "jcs needs Node.js 20 or newer (found $(node --version 2>/dev/null || echo none))." >&2
  echo "  Install it from Debian backports or NodeSource, then run this again." >&2
  exit 1
fi

# npm packages: govuk-frontend and sass for the build, playwright-core and
# axe-core for browser tests.  Reinstalled only when the lock file changed.
stamp=node_modules/.jcs-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$stamp"
fi
