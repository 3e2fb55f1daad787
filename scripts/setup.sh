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
  tzdata
  python3
  valgrind
)
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
echo "setup: all packages present (${#PACKAGES[@]} checked)"
