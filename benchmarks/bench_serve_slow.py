#!/usr/bin/env python3
"""Benchmark: well-behaved clients of `fieldplan serve` while slow clients attack it.

    bench_serve_slow.py --fieldplan BUILD/fieldplan [--slow 550] [--addresses 5]
                        [--connections 100] [--duration 20] [--warmup 12]
                        [-- extra serve options]

Builds a small database in a temporary directory, issues a token and starts
`fieldplan serve` on 127.0.0.1. Then --slow connections from --addresses
loopback addresses (127.0.0.2, 127.0.0.3, ...) each send a request head one
byte every 2 s, reconnecting whenever the server cuts them off; after
--warmup seconds, wrk -c CONNECTIONS runs for --duration seconds against
the feed URL from 127.0.0.1. Prints the well-behaved clients' success rate
(2xx answers / (answers + socket errors)), their latency percentiles, and
what happened to the slow clients. Target (docs/feeds.md): at least 99 %
success and p99 under 1 s. All traffic stays on 127.0.0.0/8 and is bounded
in count and time. It measures and prints; it never fails a build (exit 0
unless a tool is missing or the server does not come up). Needs wrk.
"""
import argparse
import os
import re
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "tools"))
from e2e_common import stop  # noqa: E402

EXAMPLE = os.path.join(HERE, "..", "examples", "berlin-3days.json")


def run(*argv):
    subprocess.run(argv, check=True, capture_output=True, text=True, timeout=120)


class SlowClients:
    """n connections from several addresses, one byte every 2 s each."""

    def __init__(self, port, n, addresses, path):
        self.port, self.n, self.path = port, n, path
        self.srcs = [f"127.0.0.{2 + i}" for i in range(addresses)]
        self.req = f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        self.stop = threading.Event()
        self.stats = {"connected": 0, "refused": 0, "cut": 0, "answered": 0, "max_open": 0}
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self, i):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((self.srcs[i % len(self.srcs)], 0))
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", self.port))
        except BlockingIOError:
            pass
        except OSError:
            s.close()
            self.stats["refused"] += 1
            return None
        self.stats["connected"] += 1
        return s

    def _run(self):
        sel = selectors.DefaultSelector()
        conns = {}  # socket -> [slot, bytes sent]
        for i in range(self.n):
            s = self._open(i)
            if s:
                conns[s] = [i, 0]
                sel.register(s, selectors.EVENT_READ)
        next_tick = time.time()
        while not self.stop.is_set():
            for key, _ in sel.select(timeout=0.2):
                s = key.fileobj
                try:
                    data = s.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                self.stats["cut" if not data or b" 408 " in data[:16] else "answered"] += 1
                slot = conns.pop(s)[0]
                sel.unregister(s)
                s.close()
                ns = self._open(slot)  # come back at once
                if ns:
                    conns[ns] = [slot, 0]
                    sel.register(ns, selectors.EVENT_READ)
            self.stats["max_open"] = max(self.stats["max_open"], len(conns))
            if time.time() >= next_tick:
                next_tick += 2.0
                for s, st in list(conns.items()):
                    try:
                        s.send(self.req[st[1] % len(self.req):st[1] % len(self.req) + 1])
                        st[1] += 1
                    except (BlockingIOError, OSError):
                        pass
        for s in conns:
            s.close()


def parse_wrk(out):
    def num(pattern, default=0.0):
        m = re.search(pattern, out)
        return float(m.group(1)) if m else default

    def ms(text):
        m = re.match(r"([\d.]+)(us|ms|s)", text)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    reqs = num(r"(\d+) requests in")
    non2xx = num(r"Non-2xx or 3xx responses: (\d+)")
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errs = sum(int(x) for x in m.groups()) if m else 0
    lat = {p: ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M)}
    return reqs, non2xx, errs, lat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fieldplan", required=True)
    ap.add_argument("--slow", type=int, default=550)
    ap.add_argument("--addresses", type=int, default=5)
    ap.add_argument("--connections", type=int, default=100)
    ap.add_argument("--duration", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=12)
    ap.add_argument("serve_options", nargs="*")
    a = ap.parse_args()
    a.slow, a.addresses = min(a.slow, 2000), max(1, min(a.addresses, 50))  # bounded
    a.duration = max(1, min(a.duration, 120))
    wrk = shutil.which("wrk")
    if not wrk:
        print("bench_serve_slow: wrk not found (scripts/setup.sh installs it)")
        return 1
    tmp = tempfile.mkdtemp(prefix="fp_bench_slow.")
    srv = None
    try:
        db = os.path.join(tmp, "b.db")
        run(a.fieldplan, "db", "init", db)
        run(a.fieldplan, "import", db, EXAMPLE)
        run(a.fieldplan, "plan", db, "--from", "2026-11-23", "--days", "1", "--iterations",
            "300", "-q")
        out = subprocess.run([a.fieldplan, "tokens", db, "issue", "t-01"], check=True,
                             capture_output=True, text=True).stdout
        path = re.search(r"(/feeds/[A-Za-z0-9_-]{43}\.ics)", out).group(1)
        srv = subprocess.Popen([a.fieldplan, "serve", db, "--listen", "127.0.0.1:0",
                                *a.serve_options], stderr=subprocess.PIPE, text=True)
        first = srv.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        if not m:
            print(f"bench_serve_slow: serve did not start: {first}")
            return 1
        port = int(m.group(1))
        log_bytes = [0]

        def drain():
            for line in srv.stderr:
                log_bytes[0] += len(line)
        threading.Thread(target=drain, daemon=True).start()

        slow = SlowClients(port, a.slow, a.addresses, path)
        slow.thread.start()
        time.sleep(a.warmup)
        p = subprocess.run([wrk, "-t2", f"-c{a.connections}", f"-d{a.duration}s", "--latency",
                            "--timeout", "10s", f"http://127.0.0.1:{port}{path}"],
                           capture_output=True, text=True, timeout=a.duration + 60)
        slow.stop.set()
        slow.thread.join(timeout=10)
        reqs, non2xx, errs, lat = parse_wrk(p.stdout)
        ok = reqs - non2xx
        total = reqs + errs
        rate = 100.0 * ok / total if total else 0.0
        print(f"fieldplan serve {' '.join(a.serve_options)} on 127.0.0.1, {a.slow} slow clients "
              f"from {a.addresses} addresses (1 byte / 2 s), wrk -c{a.connections} "
              f"-d{a.duration}s:")
        print(f"  well-behaved: {int(reqs)} answers, {int(non2xx)} not 2xx/3xx, {errs} socket "
              f"errors: success {rate:.2f} %")
        print("  latency: " + ", ".join(f"p{k} {v:.1f} ms" for k, v in sorted(lat.items())))
        print(f"  slow clients: {slow.stats}")
        print(f"  server log: {log_bytes[0]} bytes")
        target = rate >= 99.0 and lat.get("99", float("inf")) < 1000.0
        print(f"  target (>= 99 % success, p99 < 1 s): {'met' if target else 'NOT met'}")
        return 0
    finally:
        stop(srv, timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
