#!/usr/bin/env python3
"""A protocol fixture for the router tests: an HTTP server on 127.0.0.1 that
answers OSRM's table service (GET /table/v1/PROFILE/LON,LAT;...?sources=..
&destinations=..&annotations=duration,distance) and Valhalla's
sources_to_targets (POST /sources_to_targets) in the response formats
their documentation gives. It is NOT a router: its "roads" are a formula
(legs() below), so that tests know every answer exactly; decimals are
included on purpose. Failures can be injected to test retries and errors.

    fixture_router.py --port-file F [--max-table-size N] [--max-pairs N]
        [--fail-first N] [--truncate-first N] [--always-fail] [--no-route A,B]
        [--log F]

It writes the port it listens on to F, serves until killed (or for at
most --lifetime seconds), and appends one JSON line per request to --log:
{"kind", "sources", "destinations", "answer"}. Standard library only.
"""
import argparse
import json
import math
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def legs(a, b):
    """(seconds, metres) from (lat, lon) a to b: 1.3 x the great circle at
    36 km/h, plus an asymmetric 17.25 s; 0 on the diagonal."""
    if a == b:
        return 0.0, 0.0
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    metres = 2 * 6371008.8 * math.asin(math.sqrt(h)) * 1.3
    seconds = metres / 10.0 + (17.25 if a < b else 3.5)
    return round(seconds, 1), round(metres, 1)


class State:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.lock = threading.Lock()

    def next_fault(self):
        with self.lock:
            self.count += 1
            n = self.count
        a = self.args
        if a.always_fail or n <= a.fail_first:
            return "500"
        if n <= a.fail_first + a.truncate_first:
            return "truncate"
        return None

    def log(self, entry):
        if self.args.log:
            with self.lock, open(self.args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def send(self, status, obj, truncate=False):
        body = json.dumps(obj).encode()
        if truncate:
            body = body[: len(body) // 2]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def fault(self, kind, ns, nd):
        st = self.server.state
        f = st.next_fault()
        st.log({"kind": kind, "sources": ns, "destinations": nd, "answer": f or "ok"})
        if f == "500":
            self.send(500, {"message": "fixture: injected failure"})
            return True
        self.truncate = f == "truncate"
        return False

    def no_route(self, a, b):
        nr = self.server.state.args.no_route
        return nr is not None and (a, b) == nr

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.split("/")
        if len(parts) != 5 or parts[1] != "table" or parts[2] != "v1":
            return self.send(400, {"code": "InvalidUrl", "message": "URL string malformed"})
        coords = [tuple(float(x) for x in c.split(",")) for c in parts[4].split(";")]
        pts = [(lat, lon) for lon, lat in coords]
        q = urllib.parse.parse_qs(url.query)
        src = [int(i) for i in q["sources"][0].split(";")] if "sources" in q else list(range(len(pts)))
        dst = [int(i) for i in q["destinations"][0].split(";")] if "destinations" in q else list(range(len(pts)))
        if q.get("annotations", [""])[0] != "duration,distance":
            return self.send(400, {"code": "InvalidOptions", "message": "annotations"})
        if len(pts) > self.server.state.args.max_table_size:
            self.server.state.log({"kind": "osrm", "sources": len(src), "destinations": len(dst),
                                   "answer": "TooBig"})
            return self.send(400, {"code": "TooBig",
                                   "message": "Too many table coordinates"})
        if self.fault("osrm", len(src), len(dst)):
            return None
        durations, distances = [], []
        for i in src:
            drow, mrow = [], []
            for j in dst:
                s, m = legs(pts[i], pts[j])
                if self.no_route(pts[i], pts[j]):
                    s = m = None
                drow.append(s)
                mrow.append(m)
            durations.append(drow)
            distances.append(mrow)
        way = lambda i: {"hint": "fixture", "distance": 0.0, "name": "",
                         "location": [pts[i][1], pts[i][0]]}
        return self.send(200, {"code": "Ok", "durations": durations, "distances": distances,
                               "sources": [way(i) for i in src],
                               "destinations": [way(j) for j in dst]}, self.truncate)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n) or b"{}")
        if self.path.rstrip("/") != "/sources_to_targets":
            return self.send(404, {"error_code": 106, "error": "Try any of: '/sources_to_targets'",
                                   "status_code": 404, "status": "Not Found"})
        src = [(s["lat"], s["lon"]) for s in req["sources"]]
        dst = [(t["lat"], t["lon"]) for t in req["targets"]]
        if len(src) * len(dst) > self.server.state.args.max_pairs:
            return self.send(400, {"error_code": 154, "error": "Exceeded max locations",
                                   "status_code": 400, "status": "Bad Request"})
        if self.fault("valhalla", len(src), len(dst)):
            return None
        rows = []
        for i, a in enumerate(src):
            row = []
            for j, b in enumerate(dst):
                s, m = legs(a, b)
                if self.no_route(a, b):
                    row.append({"distance": None, "time": None, "to_index": j, "from_index": i})
                else:
                    row.append({"distance": round(m / 1000, 4), "time": s,
                                "to_index": j, "from_index": i})
            rows.append(row)
        return self.send(200, {"sources_to_targets": rows, "units": "kilometers",
                               "sources": [{"lat": a[0], "lon": a[1]} for a in src],
                               "targets": [{"lat": b[0], "lon": b[1]} for b in dst]},
                         self.truncate)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-table-size", type=int, default=100)
    ap.add_argument("--max-pairs", type=int, default=2500)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--truncate-first", type=int, default=0)
    ap.add_argument("--always-fail", action="store_true")
    ap.add_argument("--no-route", help="LAT,LON,LAT,LON: that leg has no route")
    ap.add_argument("--log")
    ap.add_argument("--lifetime", type=float, default=600)
    a = ap.parse_args()
    if a.no_route:
        v = [float(x) for x in a.no_route.split(",")]
        a.no_route = ((v[0], v[1]), (v[2], v[3]))
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.state = State(a)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.replace(a.port_file + ".tmp", a.port_file)
    threading.Thread(target=lambda: (time.sleep(a.lifetime), srv.shutdown()), daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
