"""What break_schedule.py's variants know about a problem and its schedule:
the Ctx class (ids, indices, times, travel as the checker computes them)
and small helpers to find stops and another technician-shift.
Standard library only."""
import math
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

EARTH_RADIUS_M = 6371008.8
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class Ctx:
    """The problem, read just far enough to edit schedules for it."""

    def __init__(self, problem):
        self.doc = problem
        self.tz = ZoneInfo(problem.get("timezone") or "UTC")
        self.locs = {loc["id"]: i for i, loc in enumerate(problem["locations"])}
        self.coords = [(loc.get("lat"), loc.get("lon")) for loc in problem["locations"]]
        self.travel_doc = problem["travel"]
        self.techs = {t["id"]: t for t in problem["technicians"]}
        self.jobs = {j["id"]: j for j in problem["jobs"]}

    def wall(self, text):
        """Epoch seconds of a problem time (wall time in the zone when it has no offset)."""
        dt = datetime.fromisoformat(text)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=self.tz)
        return (dt - EPOCH) // timedelta(seconds=1)

    @staticmethod
    def inst(text):
        """Epoch seconds of a schedule time (with offset)."""
        return (datetime.fromisoformat(text) - EPOCH) // timedelta(seconds=1)

    def fmt(self, t):
        return datetime.fromtimestamp(t, self.tz).isoformat()

    def travel(self, a, b):
        """(duration_s, distance_m) between location ids."""
        i, j = self.locs[a], self.locs[b]
        tr = self.travel_doc
        if tr.get("model") == "haversine":
            speed, circuity = tr["speed_kmh"], tr.get("circuity") or 1.0
            lat1, lon1, lat2, lon2 = map(math.radians, (*self.coords[i], *self.coords[j]))
            h = (math.sin((lat2 - lat1) / 2) ** 2
                 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
            metres = 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
            distance = math.floor(metres * circuity + 0.5)
            return math.floor(distance * 3.6 / speed + 0.5), distance
        dist = tr.get("distances_m")
        return tr["durations_s"][i][j], dist[i][j] if dist else 0

    def duration(self, job_id):
        return round(self.jobs[job_id]["duration_min"] * 60)

    def shift(self, route):
        return self.techs[route["technician"]]["shifts"][route["shift"]]

    def stop_loc(self, route, stop):
        tech = self.techs[route["technician"]]
        if stop["type"] == "start":
            return tech["start_location"]
        if stop["type"] == "end":
            return tech.get("end_location") or tech["start_location"]
        if stop["type"] == "job":
            return self.jobs[stop["job"]]["location"]
        return None

    def begin(self, stop):
        return self.inst(stop["time"] if stop["type"] in ("start", "end") else stop["start"])

    def finish(self, stop):
        return self.inst(stop["time"] if stop["type"] in ("start", "end") else stop["end"])

    def arrival(self, stop):
        if stop["type"] == "job" and stop.get("arrival") is not None:
            return self.inst(stop["arrival"])
        return self.begin(stop)

    def can_serve(self, tech_id, job_id):
        tech, job = self.techs[tech_id], self.jobs[job_id]
        if not set(job.get("skills") or []) <= set(tech.get("skills") or []):
            return False
        if job.get("technician") is not None and job["technician"] != tech_id:
            return False
        allowed = job.get("allowed_technicians")
        return allowed is None or tech_id in allowed

    # ---- edits ---------------------------------------------------------

    def set_job_start(self, stop, start):
        stop["start"] = self.fmt(start)
        stop["end"] = self.fmt(start + self.duration(stop["job"]))
        if stop.get("arrival") is not None and self.inst(stop["arrival"]) > start:
            stop["arrival"] = self.fmt(start)

    def summarize(self, sched):
        """The summary recomputed the way FORMAT.md defines it (well-formed routes only)."""
        travel = distance = 0
        served = set()
        for route in sched["routes"]:
            last = None
            for stop in route["stops"]:
                if stop["type"] == "break":
                    continue
                loc = self.stop_loc(route, stop)
                if last is not None:
                    d, m = self.travel(last, loc)
                    travel, distance = travel + d, distance + m
                last = loc
                if stop["type"] == "job":
                    served.add(stop["job"])
        unserved = [j for j in self.jobs if j not in served]
        return {"assigned": len(served), "unassigned": len(unserved),
                "unassigned_weight": sum(1 + (self.jobs[j].get("priority") or 0) for j in unserved),
                "travel_s": travel, "distance_m": distance}

    def resummarize(self, sched):
        sched["summary"] = self.summarize(sched)
        return sched

    def append_job(self, sched, route, job_id):
        """Moves job_id (from wherever it is) to the end of route, after its last stop."""
        for r in sched["routes"]:
            r["stops"] = [s for s in r["stops"] if not (s["type"] == "job" and s["job"] == job_id)]
        sched["unassigned"] = [u for u in sched.get("unassigned") or [] if u["job"] != job_id]
        stops = route["stops"]
        located = [s for s in stops[:-1] if s["type"] != "break"][-1]
        loc = self.jobs[job_id]["location"]
        arrive = max(self.finish(located) + self.travel(self.stop_loc(route, located), loc)[0],
                     self.finish(stops[-2]))
        start = arrive
        for w in self.jobs[job_id].get("windows") or []:
            a, b = self.wall(w["start"]), self.wall(w["end"])
            if start <= b:
                start = max(start, a)
                break
        stop = {"type": "job", "job": job_id, "location": loc, "arrival": self.fmt(arrive)}
        self.set_job_start(stop, start)
        stops.insert(len(stops) - 1, stop)
        end_loc = self.stop_loc(route, stops[-1])
        stops[-1]["time"] = self.fmt(self.finish(stop) + self.travel(loc, end_loc)[0])


def job_stops(sched):
    """(route, index, stop) for every job stop, in order."""
    return [(r, i, s) for r in sched["routes"] for i, s in enumerate(r["stops"]) if s["type"] == "job"]


def break_stops(sched):
    return [(r, i, s) for r in sched["routes"] for i, s in enumerate(r["stops"]) if s["type"] == "break"]


def other_tech_shift(ctx, sched, route, pred):
    """(tech, shift) of another technician for which pred(tech id) holds, preferring an
    unused shift that starts when route's shift starts."""
    used = {(r["technician"], r["shift"]) for r in sched["routes"]}
    start = ctx.wall(ctx.shift(route)["start"])
    best = None
    for tid, tech in ctx.techs.items():
        if tid == route["technician"] or not pred(tid) or not tech["shifts"]:
            continue
        for k, sh in enumerate(tech["shifts"]):
            score = ((tid, k) not in used) * 2 + (ctx.wall(sh["start"]) == start)
            if best is None or score > best[0]:
                best = (score, tid, k)
    return best[1:] if best else None
