#!/usr/bin/env bash
# Installs every Debian package that fieldplan's build, tests and oracle need.
# Safe to run twice: apt-get skips what is already installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  libglpk-dev glpk-utils
  libsqlite3-dev sqlite3
  libical-dev
  libcjson-dev
  libmicrohttpd-dev
  libcurl4-openssl-dev                # io/router: OSRM and Valhalla matrices over HTTP
  tzdata
  python3
  valgrind
  groff-base man-db                   # e2e_cli renders the generated man pages; man(1) shows them
  python3-icalendar python3-vobject   # the feed tests' independent parsers
  chromium                            # tests/report: the HTML report in a real browser
  wrk nginx-light                     # the feed server benchmark
  clang libclang-rt-dev llvm          # scripts/fuzz.sh: libFuzzer, llvm-symbolizer
)
# ical.js (Thunderbird's parser) runs on Node.js: Debian's, unless one is there
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# ical.js, pinned by tests/feeds/package-lock.json
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/tests/feeds/node_modules/ical.js" ]; then
  npm ci --prefix "$root/tests/feeds" --no-audit --no-fund >/dev/null
fi
echo "setup: all packages present (${#PACKAGES[@]} checked)"
