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
# every installed header compiles on its own: none needs a header left out
incdir=$(pkg-config --variable=includedir fieldplan)
n=0
for h in $(cd "$incdir" && find . -name '*.h' | sort); do
  printf '#include "%s"\n' "${h#./}" > "$prefix/one.c"
  cc -std=c11 -Wall -Werror -fsyntax-only $(pkg-config --cflags fieldplan) "$prefix/one.c" ||
    { echo "installed header ${h#./} does not compile alone"; exit 1; }
  n=$((n + 1))
done
[ "$n" -ge 30 ] || { echo "only $n headers installed"; exit 1; }
out=$(LD_LIBRARY_PATH=$libdir "$prefix/consumer")
[ "$out" = "ok UTC 10" ] || { echo "consumer printed '$out'"; exit 1; }
echo "1 passed, 0 failed"
