#!/usr/bin/env python3
"""Converters between VROOM's JSON input and fieldplan's problem format
(docs/vroom.md), written apart from the engine's reader so that the tests
check one against the other. Standard library only.

    vroom_convert.py to-vroom NATIVE.json -o VROOM.json
    vroom_convert.py to-native VROOM.json -o NATIVE.json

to-vroom handles native problems with a travel matrix, one shift per
technician, no breaks and no skills (a Solomon instance in the format);
to-native handles what the engine's VROOM reader accepts.
"""
import argparse
import datetime
import json
import sys

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def seconds(iso):
    """A FORMAT.md time (UTC problems only) as seconds since 1970."""
    t = datetime.datetime.fromisoformat(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=datetime.timezone.utc)
    return int((t - EPOCH).total_seconds())


def iso(s):
    return (EPOCH + datetime.timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%S")


def to_vroom(p):
    if p.get("timezone", "UTC") != "UTC":
        raise SystemExit("to-vroom: only UTC problems")
    index = {loc["id"]: i for i, loc in enumerate(p["locations"])}
    travel = p["travel"]
    if "durations_s" not in travel:
        raise SystemExit("to-vroom: only problems with a travel matrix")
    profile = {"durations": travel["durations_s"]}
    if "distances_m" in travel:
        profile["distances"] = travel["distances_m"]
    vehicles = []
    for i, t in enumerate(p["technicians"]):
        if len(t["shifts"]) != 1 or t["shifts"][0].get("breaks") or t.get("skills"):
            raise SystemExit("to-vroom: one shift per technician, no breaks, no skills")
        sh = t["shifts"][0]
        v = {"id": i + 1, "start_index": index[t["start_location"]],
             "end_index": index[t.get("end_location", t["start_location"])],
             "time_window": [seconds(sh["start"]), seconds(sh["end"])]}
        if t.get("capacity", 0) > 0:
            v["capacity"] = [int(t["capacity"])]
        if t.get("max_jobs_per_shift") is not None:
            v["max_tasks"] = t["max_jobs_per_shift"]
        vehicles.append(v)
    jobs = []
    for j in p["jobs"]:
        job = {"id": int(j["id"]), "location_index": index[j["location"]],
               "service": round(j["duration_min"] * 60)}
        if j.get("load", 0):
            job["delivery"] = [int(j["load"])]
        if j.get("priority", 0):
            job["priority"] = j["priority"]
        if j.get("windows"):
            job["time_windows"] = [[seconds(w["start"]), seconds(w["end"])] for w in j["windows"]]
        jobs.append(job)
    return {"vehicles": vehicles, "jobs": jobs, "matrices": {"car": profile}}


def to_native(v):
    """VROOM input -> FORMAT.md problem, by docs/vroom.md's mapping."""
    locations, coord_ids = [], {}
    matrices = v.get("matrices") or ({"car": {"durations": v["matrix"]}} if "matrix" in v else None)
    if matrices:
        profile = v["vehicles"][0].get("profile", "car")
        m = matrices[profile]
        n = len(m["durations"])
        locations = [{"id": str(i)} for i in range(n)]
        travel = {"durations_s": m["durations"]}
        if "distances" in m:
            travel["distances_m"] = m["distances"]
    else:
        travel = {"model": "haversine", "speed_kmh": 30, "circuity": 1}

    def place(obj, coord_key, index_key):
        if matrices:
            i = obj[index_key]
            if coord_key in obj:
                locations[i]["lon"], locations[i]["lat"] = obj[coord_key]
            return str(i)
        lon, lat = obj[coord_key]
        key = json.dumps([lon, lat])
        if key not in coord_ids:
            coord_ids[key] = key
            locations.append({"id": key, "lat": lat, "lon": lon})
        return key

    technicians = []
    for veh in v["vehicles"]:
        tw = veh.get("time_window", [0, 4294967295])
        shift = {"start": iso(tw[0]), "end": iso(tw[1]), "breaks": [
            {"earliest": iso(b["time_windows"][0][0]), "latest": iso(b["time_windows"][0][1]),
             "duration_min": b.get("service", 0) / 60} for b in veh.get("breaks", [])]}
        t = {"id": str(veh["id"]), "skills": [str(s) for s in veh.get("skills", [])],
             "start_location": place(veh, "start", "start_index"),
             "end_location": place(veh, "end", "end_index"), "shifts": [shift]}
        if veh.get("capacity"):
            t["capacity"] = veh["capacity"][0]
        if "max_tasks" in veh:
            t["max_jobs_per_shift"] = veh["max_tasks"]
        technicians.append(t)
    zero_cap = [str(veh["id"]) for veh in v["vehicles"] if veh.get("capacity") == [0]]
    jobs = []
    for job in v.get("jobs", []):
        load = sum((job.get(k) or [0])[0] for k in ("delivery", "pickup", "amount"))
        j = {"id": str(job["id"]), "location": place(job, "location", "location_index"),
             "duration_min": (job.get("service") or 1) / 60, "load": load,
             "priority": job.get("priority", 0),
             "skills": [str(s) for s in job.get("skills", [])],
             "windows": [{"start": iso(a), "end": iso(b)} for a, b in job.get("time_windows", [])]}
        if load > 0 and zero_cap:
            j["allowed_technicians"] = [t["id"] for t in technicians if t["id"] not in zero_cap]
        jobs.append(j)
    return {"timezone": "UTC", "locations": locations, "travel": travel,
            "technicians": technicians, "jobs": jobs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("direction", choices=["to-vroom", "to-native"])
    ap.add_argument("input")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    with open(a.input, encoding="utf-8") as f:
        doc = json.load(f)
    out = to_vroom(doc) if a.direction == "to-vroom" else to_native(doc)
    text = json.dumps(out, indent=1)
    if a.output == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
