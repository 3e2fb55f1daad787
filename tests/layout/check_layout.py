#!/usr/bin/env python3
"""The layout rules of docs/layout.md, checked on the source tree.

Fails (exit 1, one line per breach) when
  - a file includes a header of a layer it may not depend on (a back edge),
  - a header private to a folder (solver/internal.h, *_internal.h) is
    included from outside that folder (tests of that folder excepted),
    (a unit test tests/test_cli_X.c may include cli/X.h, the helper it tests),
  - a header used outside its folder names a third-party library's header
    (cJSON, sqlite3, libical, libmicrohttpd, GLPK, libcurl),
  - a source file is longer than 800 lines.
With --markdown, prints the layer graph (edges with their include counts)
as the table docs/layout.md shows.

usage: check_layout.py ROOT [--markdown]
       check_layout.py --self-test   (the checker catches a planted back edge)
"""
import os
import re
import sys

# Layer of a path (first match wins) and the layers it may include.
LAYERS = [
    ("model/", "model"),
    ("solver/", "solver"),
    ("io/formats/", "io/formats"),
    ("io/store/", "io/store"),
    ("io/feeds/", "io/feeds"),
    ("io/router/", "io/router"),
    ("usecase/", "usecase"),
    ("cli/", "cli"),
    ("benchmarks/", "benchmarks"),
    ("tests/", "tests"),
]
ALLOWED = {
    "model": {"model"},
    "solver": {"model", "solver"},
    "io/formats": {"model", "io/formats"},
    "io/store": {"model", "io/formats", "io/store"},
    "io/feeds": {"model", "io/formats", "io/store", "io/feeds"},
    "io/router": {"model", "io/router"},
    "usecase": {"model", "solver", "io/formats", "io/store", "io/feeds", "io/router", "usecase"},
    "cli": {"model", "solver", "io/formats", "io/store", "io/feeds", "io/router", "usecase", "cli"},
    "benchmarks": {"model", "solver", "io/formats", "io/store", "io/feeds", "io/router", "usecase"},
    "tests": {"model", "solver", "io/formats", "io/store", "io/feeds", "io/router", "usecase"},
}
THIRD_PARTY = re.compile(r'#\s*include\s*<(cjson/|cJSON\.h|sqlite3\.h|libical/|ical\.h|microhttpd\.h|glpk\.h|curl/)')
INCLUDE = re.compile(r'#\s*include\s*"([^"]+)"')
MAX_LINES = 800
SOURCE_EXT = (".c", ".h", ".py", ".sh", ".cmake", ".def", ".mjs")
SKIP_DIRS = {".git", "node_modules", "data"}


def layer_of(rel):
    for prefix, name in LAYERS:
        if rel.startswith(prefix):
            return name
    return None


def private_header(rel):
    base = os.path.basename(rel)
    return base == "internal.h" or base.endswith("_internal.h")


def sources(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in SKIP_DIRS and not x.startswith("build")]
        for f in files:
            if f.endswith(SOURCE_EXT) or f == "CMakeLists.txt":
                full = os.path.join(d, f)
                yield os.path.relpath(full, root).replace(os.sep, "/"), full


def self_test():
    """Plants a back edge, a leaked private header and a long file in a
    scratch tree; the check must report each of them."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        files = {
            "model/a.c": '#include "solver/solver.h"\n',
            "solver/solver.h": "\n",
            "io/formats/b.c": '#include "io/store/store.h"\n#include "solver/internal.h"\n',
            "io/store/store.h": "#include <sqlite3.h>\n",
            "cli/c.c": '#include "io/store/store.h"\n' + "x;\n" * 900,
            "solver/internal.h": "\n",
        }
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        out = subprocess.run([sys.executable, __file__, root], capture_output=True, text=True)
        want = ["model/a.c: includes solver/solver.h", "io/formats/b.c: includes io/store/store.h",
                "private to solver/", "io/store/store.h: names a third-party header",
                "cli/c.c: 901 lines"]
        missing = [w for w in want if w not in out.stdout]
        if out.returncode != 1 or missing:
            print(f"self-test: exit {out.returncode}, missing {missing}\n{out.stdout}")
            return 1
    print("1 passed, 0 failed")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1]
    markdown = "--markdown" in sys.argv[2:]
    breaches, edges = [], {}
    included_from = {}  # header -> set of including folders
    third_party_headers = set()
    for rel, full in sources(root):
        with open(full, encoding="utf-8", errors="replace") as f:
            text = f.read()
        n = text.count("\n")
        if n > MAX_LINES:
            breaches.append(f"{rel}: {n} lines (at most {MAX_LINES})")
        if not rel.endswith((".c", ".h")):
            continue
        src_layer = layer_of(rel)
        if rel.endswith(".h") and THIRD_PARTY.search(text):
            third_party_headers.add(rel)
        for m in INCLUDE.finditer(text):
            inc = m.group(1)
            dst_layer = layer_of(inc)
            if dst_layer is None or src_layer is None:
                continue
            included_from.setdefault(inc, set()).add(os.path.dirname(rel))
            if src_layer != dst_layer:
                edges[(src_layer, dst_layer)] = edges.get((src_layer, dst_layer), 0) + 1
            cli_unit_test = (src_layer == "tests" and dst_layer == "cli"
                             and os.path.basename(rel).startswith("test_cli_"))
            if dst_layer not in ALLOWED.get(src_layer, set()) and not cli_unit_test:
                breaches.append(f"{rel}: includes {inc}: {src_layer} may not depend on {dst_layer}")
            if private_header(inc) and os.path.dirname(inc) != os.path.dirname(rel) \
                    and not (src_layer == "tests"):
                breaches.append(f"{rel}: includes {inc}, private to {os.path.dirname(inc)}/")
    for h in sorted(third_party_headers):
        outside = sorted(d for d in included_from.get(h, ())
                         if d != os.path.dirname(h) and not (private_header(h) and d.startswith("tests")))
        if outside:
            breaches.append(f"{h}: names a third-party header but is included from "
                            f"{', '.join(outside)}")
    if markdown:
        print("| layer | includes (number of #include lines) |")
        print("| --- | --- |")
        for src, _ in LAYERS:
            name = dict(LAYERS)[src]
            outs = sorted((d, c) for (s, d), c in edges.items() if s == name)
            print(f"| {name} | " + ", ".join(f"{d} ({c})" for d, c in outs) + " |")
    for b in breaches:
        print(b)
    print(f"layout: {len(breaches)} breaches")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
