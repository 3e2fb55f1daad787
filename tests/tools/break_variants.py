"""The variants break_schedule.py writes: each v_NAME takes (ctx, sched) and
returns the edited schedule or None when it does not apply; VARIANTS lists
them with whether the result is valid and the checker message it must
contain. Standard library only."""
import copy
from datetime import datetime, timedelta, timezone

from schedule_context import job_stops, break_stops, other_tech_shift

# ---- the variants: each takes (ctx, sched) and returns the edited schedule or None --

def job_start_from(key, start):
    """A variant starting the first job stop whose job has `key` (a list
    not empty) at start(ctx, stop, value); None when no job has it."""
    def edit(ctx, s):
        for r, i, st in job_stops(s):
            value = ctx.jobs[st["job"]].get(key)
            if value is not None and value != []:
                ctx.set_job_start(st, start(ctx, st, value))
                return s
        return None
    return edit


v_window_missed = job_start_from("windows",
                                 lambda ctx, st, wins: max(ctx.wall(w["end"]) for w in wins) + 60)


def v_window_early(ctx, s):
    for r, i, st in job_stops(s):
        wins = ctx.jobs[st["job"]].get("windows") or []
        if wins:
            first = min(ctx.wall(w["start"]) for w in wins)
            if ctx.arrival(st) <= first - 60:
                ctx.set_job_start(st, first - 60)
                return s
    return None


v_before_release = job_start_from("release", lambda ctx, st, rel: ctx.wall(rel) - 60)
v_after_deadline = job_start_from(
    "deadline", lambda ctx, st, dl: ctx.wall(dl) - ctx.duration(st["job"]) + 60)


def v_travel_short(ctx, s):
    for r, i, st in job_stops(s):
        prev = [x for x in r["stops"][:i] if x["type"] != "break"][-1]
        d = ctx.travel(ctx.stop_loc(r, prev), ctx.stop_loc(r, st))[0]
        if d > 0:
            st["arrival"] = ctx.fmt(ctx.finish(prev) + d - 1)
            return s
    return None


def v_overlap(ctx, s):
    for r, i, st in job_stops(s):
        prev = r["stops"][i - 1]
        if prev["type"] in ("job", "break"):
            ctx.set_job_start(st, ctx.finish(prev) - 60)
            st["arrival"] = st["start"]
            return s
    return None


def move_route(ctx, s, pred_job, pred_tech):
    for r, i, st in job_stops(s):
        if pred_job(ctx.jobs[st["job"]]):
            other = other_tech_shift(ctx, s, r, lambda t: pred_tech(t, ctx.jobs[st["job"]]))
            if other:
                r["technician"], r["shift"] = other
                return ctx.resummarize(s)
    return None


def v_skill_missing(ctx, s):
    return move_route(ctx, s, lambda j: j.get("skills"),
                      lambda t, j: not set(j["skills"]) <= set(ctx.techs[t].get("skills") or []))


def v_pinned_other(ctx, s):
    return move_route(ctx, s, lambda j: j.get("technician") is not None,
                      lambda t, j: t != j["technician"])


def v_not_allowed(ctx, s):
    return move_route(ctx, s, lambda j: j.get("allowed_technicians"),
                      lambda t, j: t not in j["allowed_technicians"])


def v_wrong_duration(ctx, s):
    r, i, st = job_stops(s)[0]
    st["end"] = ctx.fmt(ctx.finish(st) - 300)
    return s


def v_break_removed(ctx, s):
    for r, i, st in break_stops(s):
        if any(x["type"] == "job" for x in r["stops"]):
            del r["stops"][i]
            return s
    return None


def matched_break(ctx, route, stop):
    for b in ctx.shift(route).get("breaks") or []:
        if ctx.wall(b["earliest"]) <= ctx.begin(stop) <= ctx.wall(b["latest"]):
            return b
    return None


def v_break_late(ctx, s):
    for r, i, st in break_stops(s):
        b = matched_break(ctx, r, st)
        if b:
            length = ctx.finish(st) - ctx.begin(st)
            begin = ctx.wall(b["latest"]) + 60
            st["start"], st["end"] = ctx.fmt(begin), ctx.fmt(begin + length)
            return s
    return None


def v_break_too_short(ctx, s):
    for r, i, st in break_stops(s):
        b = matched_break(ctx, r, st)
        if b and b["duration_min"] > 1:
            st["end"] = ctx.fmt(ctx.begin(st) + round(b["duration_min"] * 60) - 60)
            return s
    return None


def v_break_splits_drive(ctx, s):
    """A break in the middle of a drive, leaving no gap long enough for it."""
    for r, i, st in break_stops(s):
        stops = r["stops"]
        before = [x for x in stops[:i] if x["type"] != "break"]
        after = [(k, x) for k, x in enumerate(stops) if k > i and x["type"] != "break"]
        if not before or not after or any(x["type"] == "break" for x in stops[i + 1:after[0][0]]) \
                or any(x["type"] == "break" for x in stops[stops.index(before[-1]) + 1:i]):
            continue
        a, (bk, b) = before[-1], after[0]
        d = ctx.travel(ctx.stop_loc(r, a), ctx.stop_loc(r, b))[0]
        length = ctx.finish(st) - ctx.begin(st)
        sb = matched_break(ctx, r, st)
        if d < 2 or sb is None:
            continue
        begin = ctx.finish(a) + d // 2
        if not ctx.wall(sb["earliest"]) <= begin <= ctx.wall(sb["latest"]):
            continue
        arrive = begin + length + d - d // 2 - 1
        if b["type"] == "job":
            if arrive > ctx.begin(b):
                continue
            b["arrival"] = ctx.fmt(arrive)
        else:
            if arrive > ctx.wall(ctx.shift(r)["end"]):
                continue
            b["time"] = ctx.fmt(arrive)
        st["start"], st["end"] = ctx.fmt(begin), ctx.fmt(begin + length)
        return s
    return None


def overload(ctx, s, limit_of, measure):
    """Moves jobs into a route of a technician with a limit until it is exceeded."""
    for r in s["routes"]:
        limit = limit_of(ctx.techs[r["technician"]])
        if limit is None:
            continue
        current = measure([x for x in r["stops"] if x["type"] == "job"])
        movable = [j for j in ctx.jobs
                   if ctx.can_serve(r["technician"], j)
                   and not any(x["type"] == "job" and x["job"] == j for x in r["stops"])]
        for j in movable:
            if current > limit:
                break
            ctx.append_job(s, r, j)
            current = measure([x for x in r["stops"] if x["type"] == "job"])
        if current > limit:
            return ctx.resummarize(s)
    return None


def v_capacity(ctx, s):
    return overload(ctx, s, lambda t: t.get("capacity") if (t.get("capacity") or 0) > 0 else None,
                    lambda stops: sum(ctx.jobs[x["job"]].get("load") or 0 for x in stops))


def v_max_jobs(ctx, s):
    return overload(ctx, s, lambda t: t.get("max_jobs_per_shift"), len)


def v_dup_unassigned(ctx, s):
    r, i, st = job_stops(s)[0]
    s.setdefault("unassigned", []).append({"job": st["job"], "reason": "listed twice on purpose"})
    return s


def v_dup_in_two_routes(ctx, s):
    if len(s["routes"]) < 2:
        return None
    r, i, st = job_stops(s)[0]
    other = next(x for x in s["routes"] if x is not r)
    stops = other["stops"]
    stops.insert(len(stops) - 1, copy.deepcopy(st))
    return s


def v_missing_unassigned(ctx, s):
    if not s.get("unassigned"):
        return None
    del s["unassigned"][0]
    return s


def v_missing_stop(ctx, s):
    r, i, st = job_stops(s)[-1]
    del r["stops"][i]
    return s


def v_no_reason(ctx, s):
    if not s.get("unassigned"):
        return None
    del s["unassigned"][0]["reason"]
    return s


def v_blank_reason(ctx, s):
    if not s.get("unassigned"):
        return None
    s["unassigned"][0]["reason"] = " \t\u00a0"
    return s


def v_reason_not_string(ctx, s):
    if not s.get("unassigned"):
        return None
    s["unassigned"][0]["reason"] = 42
    return s


def v_unknown_unassigned(ctx, s):
    s.setdefault("unassigned", []).append({"job": "NO-SUCH-JOB", "reason": "made up"})
    return s


def v_shift_float(ctx, s):
    s["routes"][0]["shift"] = float(s["routes"][0]["shift"])
    return s


def v_shift_used_twice(ctx, s):
    r = s["routes"][0]
    start = copy.deepcopy(r["stops"][0])
    end = copy.deepcopy(r["stops"][-1])
    d = ctx.travel(ctx.stop_loc(r, start), ctx.stop_loc(r, end))[0]
    end["time"] = ctx.fmt(ctx.finish(start) + d)
    s["routes"].append({"technician": r["technician"], "shift": r["shift"], "stops": [start, end]})
    return ctx.resummarize(s)


def v_depart_early(ctx, s):
    r = s["routes"][0]
    r["stops"][0]["time"] = ctx.fmt(ctx.wall(ctx.shift(r)["start"]) - 600)
    return s


def v_arrive_late(ctx, s):
    r = s["routes"][0]
    r["stops"][-1]["time"] = ctx.fmt(ctx.wall(ctx.shift(r)["end"]) + 600)
    return s


def job_stop_set(**fields):
    """A variant giving the first job stop these fields."""
    def edit(ctx, s):
        r, i, st = job_stops(s)[0]
        st.update(copy.deepcopy(fields))
        return s
    return edit


def route_set(**fields):
    """A variant giving the first route these fields."""
    def edit(ctx, s):
        s["routes"][0].update(copy.deepcopy(fields))
        return s
    return edit


def summary_edit(key, delta):
    def edit(ctx, s):
        s["summary"][key] += delta
        return s
    return edit


def v_summary_float(ctx, s):
    s["summary"]["travel_s"] = float(s["summary"]["travel_s"])
    return s


def v_summary_missing_key(ctx, s):
    del s["summary"]["unassigned_weight"]
    return s


def v_summary_missing(ctx, s):
    del s["summary"]
    return s


def v_wrong_offset(ctx, s):
    r, i, st = job_stops(s)[0]
    dt = datetime.fromisoformat(st["start"])
    st["start"] = dt.astimezone(timezone(dt.utcoffset() + timedelta(hours=1))).isoformat()
    return s


def v_utc_in_zone(ctx, s):
    """The same instant written in UTC: wrong unless the zone is at +00:00 then."""
    r, i, st = job_stops(s)[0]
    st["start"] = datetime.fromisoformat(st["start"]).astimezone(timezone.utc).isoformat()
    return s


def v_no_offset(ctx, s):
    r, i, st = job_stops(s)[0]
    st["end"] = datetime.fromisoformat(st["end"]).replace(tzinfo=None).isoformat()
    return s


def v_fraction(ctx, s):
    r = s["routes"][0]
    r["stops"][-1]["time"] = r["stops"][-1]["time"][:19] + ".5" + r["stops"][-1]["time"][19:]
    return s


def v_time_not_string(ctx, s):
    s["routes"][0]["stops"][0]["time"] = 1790000000
    return s


def v_time_missing(ctx, s):
    del s["routes"][0]["stops"][-1]["time"]
    return s


def v_start_not_first(ctx, s):
    stops = s["routes"][0]["stops"]
    stops[0], stops[1] = stops[1], stops[0]
    return s


def v_end_not_last(ctx, s):
    stops = s["routes"][0]["stops"]
    stops[-1], stops[-2] = stops[-2], stops[-1]
    return s


def v_stop_not_object(ctx, s):
    s["routes"][0]["stops"][1] = "job"
    return s


def v_stops_short(ctx, s):
    s["routes"][0]["stops"] = s["routes"][0]["stops"][:1]
    return s


def v_wrong_job_location(ctx, s):
    r, i, st = job_stops(s)[0]
    st["location"] = next(l for l in ctx.locs if l != st["location"])
    return s


def v_wrong_end_location(ctx, s):
    r = s["routes"][0]
    r["stops"][-1]["location"] = next(l for l in ctx.locs if l != ctx.stop_loc(r, r["stops"][-1]))
    return s


def v_arrival_after_start(ctx, s):
    r, i, st = job_stops(s)[0]
    st["arrival"] = ctx.fmt(ctx.begin(st) + 60)
    return s


def v_break_reversed(ctx, s):
    for r, i, st in break_stops(s):
        st["start"], st["end"] = st["end"], st["start"]
        return s
    return None


def v_problem_name(ctx, s):
    s["problem"] = "some-other-problem"
    return s


def v_problem_not_string(ctx, s):
    s["problem"] = 17
    return s


def v_route_not_object(ctx, s):
    s["routes"].append(5)
    return s


def v_routes_not_list(ctx, s):
    s["routes"] = {"technician": "x"}
    return s


def v_unassigned_not_list(ctx, s):
    s["unassigned"] = "none"
    return s


def v_duplicate_key_last_wins(ctx, s):
    """Handled in write(): the route's 'shift' key appears twice, the last one wrong."""
    s["routes"][0]["__dup_shift__"] = 99
    return s


def v_reversed_then_unfollowable(ctx, s):
    """A job that ends before it starts, in a route a later stop makes unfollowable:
    that stop is reported, and so is the reversed job before it."""
    r, i, st = job_stops(s)[0]
    st["start"], st["end"] = st["end"], st["start"]
    r["stops"][-1]["type"] = "finish"
    return s


def v_container_ids(ctx, s):
    """Ids that are lists and objects, shown as Python shows them."""
    s["routes"][0]["technician"] = {"id": [1, 2.5, None, True]}
    r, i, st = job_stops(s)[-1]
    st["job"] = ["J", {}]
    return s


def v_long_integers(ctx, s):
    """Integers a double cannot hold exactly, shown as written."""
    s["routes"][0]["shift"] = 10 ** 30
    r, i, st = job_stops(s)[-1]
    st["job"] = 12345678901234567890123
    return s


# ---- valid variants ----

def v_break_longer(ctx, s):
    for r, i, st in break_stops(s):
        nxt = r["stops"][i + 1]
        located_next = next(x for x in r["stops"][i + 1:] if x["type"] != "break")
        if ctx.begin(nxt) - ctx.finish(st) >= 600 and ctx.arrival(located_next) <= ctx.begin(st):
            st["end"] = ctx.fmt(ctx.finish(st) + 300)
            return s
    return None


def v_idle_route(ctx, s):
    used = {(r["technician"], r["shift"]) for r in s["routes"]}
    for tid, tech in ctx.techs.items():
        for k, sh in enumerate(tech["shifts"]):
            if (tid, k) in used:
                continue
            start_loc = tech["start_location"]
            end_loc = tech.get("end_location") or start_loc
            t0 = ctx.wall(sh["start"])
            t1 = t0 + ctx.travel(start_loc, end_loc)[0]
            if t1 > ctx.wall(sh["end"]):
                continue
            s["routes"].append({"technician": tid, "shift": k, "stops": [
                {"type": "start", "location": start_loc, "time": ctx.fmt(t0)},
                {"type": "end", "location": end_loc, "time": ctx.fmt(t1)}]})
            return ctx.resummarize(s)
    return None


def v_arrival_omitted(ctx, s):
    for r, i, st in job_stops(s):
        st.pop("arrival", None)
    return s


def v_arrival_null(ctx, s):
    r, i, st = job_stops(s)[0]
    st["arrival"] = None
    return s


def v_locations_omitted(ctx, s):
    for r in s["routes"]:
        for st in r["stops"]:
            st.pop("location", None)
    return s


def v_zero_fraction(ctx, s):
    r = s["routes"][0]
    r["stops"][0]["time"] = r["stops"][0]["time"][:19] + ".000" + r["stops"][0]["time"][19:]
    return s


def v_basic_offset(ctx, s):
    r, i, st = job_stops(s)[0]
    st["start"] = st["start"][:-3] + st["start"][-2:]  # +01:00 -> +0100
    return s


def v_space_separator(ctx, s):
    r, i, st = job_stops(s)[0]
    st["end"] = st["end"][:10] + " " + st["end"][11:]
    return s


def v_extra_fields(ctx, s):
    s["generated_by"] = "break_schedule.py"
    s["summary"]["routes"] = 12345
    for r in s["routes"]:
        r["note"] = "extra"
        for st in r["stops"]:
            st["comment"] = {"nested": [1, 2.5, None]}
    for u in s.get("unassigned") or []:
        u["code"] = 3
    return s


def v_routes_reversed(ctx, s):
    s["routes"].reverse()
    return s


def v_problem_omitted(ctx, s):
    del s["problem"]
    return s


def v_break_at_customer(ctx, s):
    """A break moved to the waiting time at a customer (after arrival), where one fits."""
    for r, i, st in break_stops(s):
        b = matched_break(ctx, r, st)
        length = ctx.finish(st) - ctx.begin(st)
        for k, x in enumerate(r["stops"]):
            if x["type"] != "job" or k == i:
                continue
            prev = r["stops"][k - 1] if k - 1 != i else r["stops"][k - 2]
            lo = max(ctx.arrival(x), ctx.finish(prev), ctx.wall(b["earliest"]))
            if lo <= ctx.wall(b["latest"]) and lo + length <= ctx.begin(x):
                moved = dict(st, start=ctx.fmt(lo), end=ctx.fmt(lo + length))
                stops = [y for n, y in enumerate(r["stops"]) if n != i]
                stops.insert(stops.index(x), moved)
                if all(ctx.begin(q) >= ctx.finish(p) for p, q in zip(stops, stops[1:])):
                    r["stops"] = stops
                    return s
    return None


VARIANTS = [
    ("window_missed", "invalid", "(rule 2)", v_window_missed),
    ("window_early", "invalid", "(rule 2)", v_window_early),
    ("before_release", "invalid", "before release", v_before_release),
    ("after_deadline", "invalid", "after deadline", v_after_deadline),
    ("travel_short", "invalid", "s travel (rule 4)", v_travel_short),
    ("overlap", "invalid", "nothing overlaps; rule 4", v_overlap),
    ("skill_missing", "invalid", "lacks skill", v_skill_missing),
    ("pinned_other", "invalid", "is pinned to technician", v_pinned_other),
    ("not_allowed", "invalid", "allowed_technicians", v_not_allowed),
    ("wrong_duration", "invalid", "but the duration is", v_wrong_duration),
    ("break_removed", "invalid", "is not taken (rule 6)", v_break_removed),
    ("break_late", "invalid", "matches no break", v_break_late),
    ("break_too_short", "invalid", "matches no break", v_break_too_short),
    ("break_splits_drive", "invalid", "does not fit in one gap", v_break_splits_drive),
    ("capacity", "invalid", "exceeds capacity", v_capacity),
    ("max_jobs", "invalid", "exceed max_jobs_per_shift", v_max_jobs),
    ("dup_unassigned", "invalid", "appears 2 times", v_dup_unassigned),
    ("dup_in_two_routes", "invalid", "appears 2 times", v_dup_in_two_routes),
    ("missing_unassigned", "invalid", "is neither in a route", v_missing_unassigned),
    ("missing_stop", "invalid", "is neither in a route", v_missing_stop),
    ("no_reason", "invalid", "needs a non-empty 'reason'", v_no_reason),
    ("blank_reason", "invalid", "needs a non-empty 'reason'", v_blank_reason),
    ("reason_not_string", "invalid", "needs a non-empty 'reason'", v_reason_not_string),
    ("unknown_unassigned", "invalid", "unknown job 'NO-SUCH-JOB'", v_unknown_unassigned),
    ("unknown_job_stop", "invalid", "unknown job 'NO-SUCH-JOB'",
     job_stop_set(job="NO-SUCH-JOB")),
    ("unknown_job_no_location", "invalid", "has no known location",
     job_stop_set(job="NO-SUCH-JOB", location="nowhere")),
    ("unknown_technician", "invalid", "unknown technician", route_set(technician="t-nobody")),
    ("technician_not_string", "invalid", "unknown technician 7", route_set(technician=7)),
    ("shift_out_of_range", "invalid", "is not an index", route_set(shift=99)),
    ("shift_negative", "invalid", "is not an index", route_set(shift=-1)),
    ("shift_float", "invalid", "is not an index", v_shift_float),
    ("shift_used_twice", "invalid", "technician-shift already used", v_shift_used_twice),
    ("depart_early", "invalid", "before the shift starts", v_depart_early),
    ("arrive_late", "invalid", "after the shift ends", v_arrive_late),
    ("summary_travel", "invalid", "travel_s is", summary_edit("travel_s", 1)),
    ("summary_distance", "invalid", "distance_m is", summary_edit("distance_m", -1)),
    ("summary_assigned", "invalid", "assigned is", summary_edit("assigned", 1)),
    ("summary_weight", "invalid", "unassigned_weight is", summary_edit("unassigned_weight", 2)),
    ("summary_float", "invalid", "travel_s", v_summary_float),
    ("summary_missing_key", "invalid", "unassigned_weight", v_summary_missing_key),
    ("summary_missing", "invalid", "summary: is missing", v_summary_missing),
    ("wrong_offset", "invalid", "does not carry the UTC offset", v_wrong_offset),
    ("utc_in_zone", None, "does not carry the UTC offset", v_utc_in_zone),
    ("no_offset", "invalid", "has no UTC offset", v_no_offset),
    ("fraction", "invalid", "not in whole seconds", v_fraction),
    ("not_iso", "invalid", "is not an ISO 8601 time", job_stop_set(arrival="soon")),
    ("impossible_date", "invalid", "is not an ISO 8601 time",
     job_stop_set(start="2026-02-30T10:00:00+01:00")),
    ("time_not_string", "invalid", "is missing or not a string", v_time_not_string),
    ("time_missing", "invalid", "is missing or not a string", v_time_missing),
    ("start_not_first", "invalid", "but a route is start, jobs and breaks, end", v_start_not_first),
    ("end_not_last", "invalid", "but a route is start, jobs and breaks, end", v_end_not_last),
    ("unknown_type", "invalid", "is not start, job, break or end", job_stop_set(type="lunch")),
    ("stop_not_object", "invalid", "type None is not start", v_stop_not_object),
    ("stops_short", "invalid", "'stops' must be a list", v_stops_short),
    ("stops_not_list", "invalid", "'stops' must be a list", route_set(stops={"type": "start"})),
    ("wrong_job_location", "invalid", "is not the job", v_wrong_job_location),
    ("wrong_end_location", "invalid", "is not the end's location", v_wrong_end_location),
    ("arrival_after_start", "invalid", "is after start", v_arrival_after_start),
    ("break_reversed", "invalid", "ends before it starts", v_break_reversed),
    ("problem_name", "invalid", "'problem' is 'some-other-problem'", v_problem_name),
    ("problem_not_string", "invalid", "'problem' is 17", v_problem_not_string),
    ("route_not_object", "invalid", "is not an object", v_route_not_object),
    ("routes_not_list", "invalid", "'routes' is not a list", v_routes_not_list),
    ("unassigned_not_list", "invalid", "'unassigned' is not a list", v_unassigned_not_list),
    ("duplicate_key_last_wins", "invalid", "is not an index", v_duplicate_key_last_wins),
    ("reversed_then_unfollowable", "invalid", "ends before it starts", v_reversed_then_unfollowable),
    ("container_ids", "invalid", "unknown technician {'id': [1, 2.5, None, True]}", v_container_ids),
    ("long_integers", "invalid", "'shift' 1000000000000000000000000000000 is not an index",
     v_long_integers),
    ("break_longer", "valid", "", v_break_longer),
    ("idle_route", "valid", "", v_idle_route),
    ("arrival_omitted", "valid", "", v_arrival_omitted),
    ("arrival_null", "valid", "", v_arrival_null),
    ("locations_omitted", "valid", "", v_locations_omitted),
    ("zero_fraction", "valid", "", v_zero_fraction),
    ("basic_offset", "valid", "", v_basic_offset),
    ("space_separator", "valid", "", v_space_separator),
    ("extra_fields", "valid", "", v_extra_fields),
    ("routes_reversed", "valid", "", v_routes_reversed),
    ("problem_omitted", "valid", "", v_problem_omitted),
    ("break_at_customer", "valid", "", v_break_at_customer),
    ("unchanged", "valid", "", lambda ctx, s: s),
]
