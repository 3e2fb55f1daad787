#!/usr/bin/python3
"""End-to-end tests of what `fieldplan serve` lets in (docs/feeds.md "Limits").

    server_guard_e2e.py SCENARIO --fieldplan BIN --data DIR

Scenarios: slowhead (a head trickled in is cut off with 408 at the head
deadline while other clients are served), garbage (400 for malformed request
lines and targets, %00 and other control escapes refused), log (the request
log stays under --log-rate with a count of what it dropped), failclosed (a
rebuild that fails after a revocation answers 503, never 200, and the
revoked token is 404 once it works again), peraddr (the per-address limit,
and X-Forwarded-For believed only from --trusted-proxy). All traffic goes to
127.0.0.0/8. Exit 0 when every check passes.
"""
import http.client
import os
import re
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from e2e_common import scenario_parser, check, http_get, run_scenarios  # noqa: E402
from feeds_e2e import Env, Server, tokens_of  # noqa: E402


def setup(env, name):
    db = env.planned_db(name, env.example, "2026-11-23", 1, iterations=300)
    toks = tokens_of(env.run("tokens", db, "issue").stdout)
    check(len(toks) == 4, f"tokens: {toks}")
    return db, toks


def raw(port, data, src="127.0.0.1", timeout=5):
    """Sends data, returns the first response bytes (b"" if closed silently)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                  source_address=(src, 0)) as s:
        s.sendall(data)
        try:
            return s.recv(4096)
        except (ConnectionResetError, socket.timeout):
            return b""


def get(port, path, headers=None):
    """GET path: (its status, its body)."""
    r, body = http_get(port, path, headers)
    return r.status, body


def scenario_slowhead(env):
    db, toks = setup(env, "h.db")
    srv = Server(env, db, "--head-timeout", "2")
    try:
        url = f"/feeds/{toks['t-01']}.ics"
        req = f"GET {url} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        slow = []
        for i in range(6):  # from several addresses, a byte every 0.5 s
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5,
                                         source_address=(f"127.0.0.{2 + i % 3}", 0))
            s.setblocking(False)
            slow.append(s)
        t0, answer, sent = time.time(), {}, 0
        while time.time() - t0 < 6 and len(answer) < len(slow):
            for s in slow:
                if s in answer:
                    continue
                try:
                    s.send(req[sent:sent + 1])
                except OSError:
                    answer[s] = (b"", time.time() - t0)
                    continue
                try:
                    got = s.recv(4096)
                    answer[s] = (got, time.time() - t0)
                except BlockingIOError:
                    pass
                except OSError:
                    answer[s] = (b"", time.time() - t0)
            sent += 1
            st, _ = get(srv.port, url)  # a well-behaved client meanwhile
            check(st == 200, f"slowhead: a normal request got {st} while slow heads trickle")
            time.sleep(0.5)
        for s in slow:
            got, when = answer.get(s, (None, None))
            check(got is not None, "slowhead: a trickled head was never cut off")
            if got is not None:
                check(got.startswith(b"HTTP/1.1 408 ") and 1.5 <= when <= 3.5,
                      f"slowhead: got {got[:30]!r} after {when:.1f} s (deadline 2 s)")
            s.close()
        # A keep-alive connection gets the deadline again for its next head.
        c = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        c.sendall(req)
        first = c.recv(65536)
        check(first.startswith(b"HTTP/1.1 200 "), f"slowhead: keep-alive first: {first[:30]!r}")
        c.sendall(b"GET / HT")
        t1 = time.time()
        rest, closed = b"", False
        while b"408" not in rest and time.time() - t1 < 5:
            b = c.recv(65536)
            if not b:
                closed = True
                break
            rest += b
        took = time.time() - t1
        # cut at the deadline: a 408, or (when the 408 cannot be told apart
        # from the end of the first answer's bytes, as under ASan's timing)
        # the connection closed; never before the deadline, never much after
        check((b" 408 " in rest or closed) and 1.5 <= took < 3.5,
              f"slowhead: keep-alive second head not cut at the deadline: {rest[-60:]!r} "
              f"after {took:.1f} s")
        c.close()
    finally:
        srv.stop()


def scenario_garbage(env):
    db, toks = setup(env, "g.db")
    srv = Server(env, db)
    try:
        tok = toks["t-01"].encode()
        for req in (b"garbage\r\n\r\n", b"GET\r\n\r\n", b"\x01\x02 / HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET nopath HTTP/1.1\r\nHost: x\r\n\r\n", b"GET / FOO\r\n\r\n",
                    b"GET /feeds/" + tok + b".ics%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/" + tok + b".ics%0a HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/" + tok + b".ics%7F HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/%00" + tok + b".ics HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/" + tok + b".ics?x=%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /feeds/" + tok + b".ics%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n"):
            a = raw(srv.port, req)
            check(a.startswith(b"HTTP/1.1 400 "), f"garbage: {req[:40]!r} got {a[:40]!r}")
            check(b"BEGIN:VCALENDAR" not in a, f"garbage: {req[:40]!r} served a feed")
        # Well-formed requests are untouched, escapes of printable bytes included.
        st, b = get(srv.port, f"/feeds/{toks['t-01']}.ics")
        check(st == 200 and b.startswith(b"BEGIN:VCALENDAR"), f"garbage: good request {st}")
        st, _ = get(srv.port, "/feeds/%41.ics")
        check(st == 404, f"garbage: /feeds/%41.ics got {st}")
        # A client that connects and leaves without a byte gets nothing.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5):
            pass
        st, _ = get(srv.port, f"/feeds/{toks['t-01']}.ics")
        check(st == 200, f"garbage: after all that: {st}")
    finally:
        srv.stop()
    log = "".join(srv.log)
    check(len(re.findall(r" 400 0$", log, re.M)) >= 5, "garbage: 400s not logged")
    check(toks["t-01"] not in log, "garbage: a token in the log")


def scenario_log(env):
    db, toks = setup(env, "lg.db")
    srv = Server(env, db, "--log-rate", "20")
    try:
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
        t0 = time.time()
        n = 0
        while time.time() - t0 < 2.0:  # a 404 flood, about 2 s long
            c.request("GET", f"/nothing/{n}")
            r = c.getresponse()
            r.read()
            check(r.status == 404, f"log: flood got {r.status}")
            n += 1
        elapsed = time.time() - t0
        c.close()
        time.sleep(1.2)
        st, _ = get(srv.port, f"/feeds/{toks['t-01']}.ics")  # after the flood: logged
        check(st == 200, f"log: after the flood: {st}")
        time.sleep(0.3)
    finally:
        srv.stop()
    log = "".join(srv.log)
    lines = len(re.findall(r"^\S+Z 127\.0\.0\.1 GET ", log, re.M))
    bound = 20 * (elapsed + 1.5) + 5
    check(n > 3 * bound, f"log: flood too small to test the bound ({n} requests)")
    check(lines <= bound, f"log: {lines} lines for {n} requests in {elapsed:.1f} s "
                          f"with --log-rate 20")
    m = re.findall(r"log: (\d+) lines suppressed", log)
    check(m and sum(int(x) for x in m) + lines >= n, f"log: suppressed counts {m}, {lines} "
                                                    f"lines, {n} requests")
    check(re.search(r"GET /feeds/\[t-01\] 200", log) is not None,
          "log: the request after the flood is missing")


def sql(db, text):
    p = subprocess.run(["sqlite3", db], input=text, capture_output=True, text=True, timeout=30)
    check(p.returncode == 0, f"sqlite3: {p.stderr}")


def scenario_failclosed(env):
    """The fault: in the commit that revokes t-02 a table the feeds are built
    from disappears, so the rebuild fails. The old cache still holds t-02."""
    db, toks = setup(env, "f.db")
    srv = Server(env, db)
    try:
        u1, u2 = f"/feeds/{toks['t-01']}.ics", f"/feeds/{toks['t-02']}.ics"
        check(get(srv.port, u2)[0] == 200, "failclosed: t-02 before")
        sql(db, "BEGIN; DELETE FROM feed_tokens WHERE technician_id = 't-02';"
                "ALTER TABLE assignments RENAME TO assignments_gone; COMMIT;")
        for i in range(20):
            st2, st1 = get(srv.port, u2)[0], get(srv.port, u1)[0]
            check(st2 in (404, 503), f"failclosed: revoked token got {st2} during the fault")
            check(st1 == 503, f"failclosed: t-01 got {st1} during the fault")
            time.sleep(0.05)
        st, _ = get(srv.port, "/nothing")
        check(st == 404, f"failclosed: a non-feed path got {st}")
        sql(db, "ALTER TABLE assignments_gone RENAME TO assignments;")
        deadline = time.time() + 5
        st1 = None
        while time.time() < deadline:
            st1 = get(srv.port, u1)[0]
            if st1 != 503:
                break
            time.sleep(0.1)
        check(st1 == 200, f"failclosed: t-01 after the fault: {st1}")
        st2 = get(srv.port, u2)[0]
        check(st2 == 404, f"failclosed: revoked token after the fault: {st2}")
    finally:
        srv.stop()
    check(any("cannot rebuild the feeds" in l for l in srv.log), "failclosed: no error logged")


def scenario_peraddr(env):
    db, toks = setup(env, "p.db")
    url = f"/feeds/{toks['t-01']}.ics".encode()
    req = b"GET " + url + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    srv = Server(env, db, "--max-per-ip", "2", "--trusted-proxy", "127.0.0.1")
    try:
        held = [socket.create_connection(("127.0.0.1", srv.port), timeout=5,
                                         source_address=("127.0.0.5", 0)) for _ in range(2)]
        time.sleep(0.2)
        a = raw(srv.port, req, src="127.0.0.5")
        check(a.startswith(b"HTTP/1.1 503 ") and b"Retry-After: 1" in a,
              f"peraddr: third connection from one address got {a[:40]!r}")
        a = raw(srv.port, req, src="127.0.0.6")
        check(a.startswith(b"HTTP/1.1 200 "), f"peraddr: another address got {a[:40]!r}")
        for s in held:
            s.close()
        time.sleep(0.3)
        a = raw(srv.port, req, src="127.0.0.5")
        check(a.startswith(b"HTTP/1.1 200 "), f"peraddr: after closing got {a[:40]!r}")
        # The trusted proxy is not limited by its own address...
        proxy = [socket.create_connection(("127.0.0.1", srv.port), timeout=5) for _ in range(4)]
        time.sleep(0.2)
        for i, s in enumerate(proxy):
            s.sendall(b"GET " + url + b" HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7, "
                      + f"203.0.113.{i}".encode() + b"\r\n\r\n")
            got = s.recv(64)
            check(got.startswith(b"HTTP/1.1 200 "), f"peraddr: proxied request {i}: {got[:30]!r}")
            s.close()
        # ...and another peer's X-Forwarded-For is ignored.
        a = raw(srv.port, b"GET " + url + b" HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.99"
                b"\r\n\r\n", src="127.0.0.7")
        check(a.startswith(b"HTTP/1.1 200 "), f"peraddr: untrusted XFF got {a[:40]!r}")
        time.sleep(0.3)
    finally:
        srv.stop()
    log = "".join(srv.log)
    check(re.search(r" 203\.0\.113\.2 GET /feeds/\[t-01\] 200", log) is not None,
          "peraddr: the forwarded address is not logged")
    check("198.51.100.7" not in log, "peraddr: an address other than the proxy's own entry logged")
    check("192.0.2.99" not in log and " 127.0.0.7 GET" in log,
          "peraddr: X-Forwarded-For believed from an untrusted peer")
    p = subprocess.run([env.bin, "serve", db, "--listen", "127.0.0.1:0", "--trusted-proxy",
                        "proxy.example"], capture_output=True, text=True, timeout=30)
    check(p.returncode == 2 and "trusted proxy" in p.stderr, f"peraddr: bad proxy: {p.stderr}")


SCENARIOS = {"slowhead": scenario_slowhead, "garbage": scenario_garbage, "log": scenario_log,
             "failclosed": scenario_failclosed, "peraddr": scenario_peraddr}


def main():
    ap = scenario_parser(SCENARIOS, __doc__)
    a = ap.parse_args()
    sys.exit(run_scenarios(SCENARIOS, a.scenario, lambda tmp: Env(a, tmp), "fp_guard"))


if __name__ == "__main__":
    main()
