#!/usr/bin/env bash
# Installs libfieldplan into a temporary prefix and builds a program against it
# with pkg-config, as a user of the library would.
set -euo pipefail
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(find "$prefix" -name fieldplan.pc | head -1)
[ -n "$pc" ] || { echo "no fieldplan.pc installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir fieldplan)
cc -std=c11 -Wall -Werror $(pkg-config --cflags fieldplan) "$src/consumer.c" -o "$prefix/consumer" \
   $(pkg-config --libs fieldplan)
out=$(LD_LIBRARY_PATH=$libdir "$prefix/consumer")
[ "$out" = "ok UTC 10" ] || { echo "consumer printed '$out'"; exit 1; }
echo "1 passed, 0 failed"
