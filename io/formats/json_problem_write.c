/* json_problem_write.c - a model_problem back to the JSON problem format
 * (docs/format.md): io_json_problem_to_string (see json_problem.h). The
 * reader is json_problem.c. */
#include "io/formats/json_problem.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_out.h"

/* A minutes value that the reader turns back into exactly secs seconds. */
static bool minutes_for(int64_t secs, double *out)
{
    if (secs % 60 == 0) {
        *out = (double)(secs / 60);
        return true;
    }
    double v = (double)secs / 60.0, lo = v, hi = v;
    for (int step = 0; step < 16; step++) {
        double cand[2] = {lo, hi};
        for (int k = 0; k < 2; k++) {
            double s = cand[k] * 60, rs = round(s);
            if (fabs(s - rs) < 1e-9 && (int64_t)rs == secs) {
                *out = cand[k];
                return true;
            }
        }
        lo = nextafter(lo, -INFINITY);
        hi = nextafter(hi, INFINITY);
    }
    return false;
}

/* A time with the zone's offset at that instant. When that offset has
 * seconds (local mean time, before about 1900), which "+HH:MM" cannot
 * carry, the wall time without offset: it reads back to the same instant
 * (such times are never the second of two equal wall times). */
static void put_time(io_json_out *o, const model_problem *p, int64_t t)
{
    char buf[MODEL_TIME_BUF];
    if (model_tz_offset_at(p->tz, t) % 60 == 0) {
        io_json_out_string(o, model_time_format(p->tz, t, buf));
        return;
    }
    model_civil c = model_tz_to_civil(p->tz, t);
    io_json_out_printf(o, "\"%04d-%02d-%02dT%02d:%02d:%02d\"", c.year, c.month, c.day, c.hour,
                       c.minute, c.second);
}

/* Writes ", \"KEY\": MINUTES"; false when secs has no such value. */
static bool put_minutes(io_json_out *o, const char *key, int64_t secs)
{
    double v;
    if (!minutes_for(secs, &v))
        return false;
    io_json_out_printf(o, ", \"%s\": ", key);
    io_json_out_number(o, v);
    return true;
}

/* The skills of set, a skill with a level above 1 written "name:level". */
static void put_skills(io_json_out *o, const model_problem *p, const model_skillset *set,
                       const model_skill_levels *levels)
{
    io_json_out_raw(o, ", \"skills\": [");
    bool first = true;
    for (int k = 0; k < p->nskills; k++) {
        if (!model_skillset_has(set, k))
            continue;
        io_json_out_raw(o, first ? "" : ", ");
        int level = model_skill_levels_get(levels, k);
        if (level > 1) {
            size_t n = strlen(p->skills[k]);
            char *named = malloc(n + 3);
            if (named) {
                snprintf(named, n + 3, "%s:%d", p->skills[k], level);
                io_json_out_string(o, named);
                free(named);
            } else {
                io_json_out_string(o, p->skills[k]); /* out of memory: the writer's own
                                                        check fails the document */
                o->failed = true;
            }
        } else {
            io_json_out_string(o, p->skills[k]);
        }
        first = false;
    }
    io_json_out_raw(o, "]");
}

/* Writes ", \"KEY\": {\"max_min\": M, \"cost_s_per_min\": R}" when l is soft. */
static void put_soft_limit(io_json_out *o, const char *key, model_soft_limit l)
{
    if (l.max_s < 0)
        return;
    char rate[MODEL_RATE_TEXT];
    io_json_out_printf(o, ", \"%s\": {\"max_min\": %lld, \"cost_s_per_min\": %s}", key,
                       (long long)(l.max_s / 60), model_rate_format(l.cost_us_per_min, rate));
}

/* A job's preferred technicians and contact (extension 2), when it has them. */
static void put_job_extension2(io_json_out *o, const model_problem *p, const model_job *j)
{
    put_soft_limit(o, "lateness", j->lateness);
    if (j->npreferred > 0) {
        io_json_out_raw(o, ", \"preferred_technicians\": [");
        for (int a = 0; a < j->npreferred; a++) {
            io_json_out_raw(o, a ? ", {\"technician\": " : "{\"technician\": ");
            io_json_out_string(o, p->technicians[j->preferred[a].technician].id);
            io_json_out_printf(o, ", \"bonus_s\": %lld}", (long long)j->preferred[a].bonus_s);
        }
        io_json_out_raw(o, "]");
    }
    const model_contact *c = &j->contact;
    if (c->phone || c->email || c->notes) {
        io_json_out_raw(o, ", \"contact\": {");
        const char *keys[3] = {"phone", "email", "notes"}, *values[3] = {c->phone, c->email,
                                                                            c->notes};
        bool first = true;
        for (int k = 0; k < 3; k++) {
            if (!values[k])
                continue;
            io_json_out_printf(o, "%s\"%s\": ", first ? "" : ", ", keys[k]);
            io_json_out_string(o, values[k]);
            first = false;
        }
        io_json_out_raw(o, "}");
    }
}

/* An optional string member ", \"KEY\": VALUE" (nothing when NULL). */
static void put_opt_string(io_json_out *o, const char *key, const char *value)
{
    if (!value)
        return;
    io_json_out_printf(o, ", \"%s\": ", key);
    io_json_out_string(o, value);
}

static void put_matrix(io_json_out *o, const char *key, const int32_t *m, int n)
{
    io_json_out_printf(o, "\"%s\": [", key);
    for (int i = 0; i < n; i++) {
        io_json_out_raw(o, i ? ",\n      [" : "\n      [");
        for (int j = 0; j < n; j++)
            io_json_out_printf(o, j ? ", %d" : "%d", (int)m[(size_t)i * (size_t)n + (size_t)j]);
        io_json_out_raw(o, "]");
    }
    io_json_out_raw(o, n ? "\n    ]" : "]");
}

/* Opens record i of a list (locations, technicians, jobs) with its id. */
static void put_record(io_json_out *o, int i, const char *id)
{
    io_json_out_raw(o, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
    io_json_out_string(o, id);
}

static void put_locations_and_travel(io_json_out *o, const model_problem *p)
{
    io_json_out_raw(o, ",\n  \"locations\": [");
    for (int i = 0; i < p->nlocations; i++) {
        const model_location *l = &p->locations[i];
        put_record(o, i, l->id);
        if (l->has_coords) {
            io_json_out_raw(o, ", \"lat\": ");
            io_json_out_number(o, l->lat);
            io_json_out_raw(o, ", \"lon\": ");
            io_json_out_number(o, l->lon);
        }
        put_opt_string(o, "address", l->address);
        io_json_out_raw(o, "}");
    }
    io_json_out_raw(o, p->nlocations ? "\n  ],\n  \"travel\": {" : "],\n  \"travel\": {");
    const model_travel *tr = &p->travel;
    if (tr->kind == MODEL_TRAVEL_HAVERSINE) {
        io_json_out_raw(o, "\"model\": \"haversine\", \"speed_kmh\": ");
        io_json_out_number(o, tr->speed_kmh);
        io_json_out_raw(o, ", \"circuity\": ");
        io_json_out_number(o, tr->circuity);
    } else {
        io_json_out_raw(o, "\n    ");
        put_matrix(o, "durations_s", tr->durations, tr->durations ? tr->n : 0);
        if (tr->distances) {
            io_json_out_raw(o, ",\n    ");
            put_matrix(o, "distances_m", tr->distances, tr->n);
        }
        io_json_out_raw(o, "\n  ");
    }
    io_json_out_raw(o, "}");
}

/* Writes the technicians; returns the index of a technician whose break
 * duration cannot be written, or -1. */
static int put_technicians(io_json_out *o, const model_problem *p)
{
    io_json_out_raw(o, ",\n  \"technicians\": [");
    for (int i = 0; i < p->ntechnicians; i++) {
        const model_technician *t = &p->technicians[i];
        put_record(o, i, t->id);
        put_opt_string(o, "name", t->name);
        put_skills(o, p, &t->skills, &t->levels);
        put_opt_string(o, "start_location", p->locations[t->start_location].id);
        put_opt_string(o, "end_location", p->locations[t->end_location].id);
        io_json_out_raw(o, ", \"capacity\": ");
        io_json_out_number(o, t->capacity);
        if (t->max_jobs >= 0)
            io_json_out_printf(o, ", \"max_jobs_per_shift\": %d", t->max_jobs);
        io_json_out_raw(o, ", \"shifts\": [");
        for (int k = 0; k < t->nshifts; k++) {
            const model_shift *sh = &t->shifts[k];
            io_json_out_raw(o, k ? ",\n      {\"start\": " : "\n      {\"start\": ");
            put_time(o, p, sh->start);
            io_json_out_raw(o, ", \"end\": ");
            put_time(o, p, sh->end);
            io_json_out_raw(o, ", \"breaks\": [");
            for (int b = 0; b < sh->nbreaks; b++) {
                io_json_out_raw(o, b ? ", {\"earliest\": " : "{\"earliest\": ");
                put_time(o, p, sh->breaks[b].earliest);
                io_json_out_raw(o, ", \"latest\": ");
                put_time(o, p, sh->breaks[b].latest);
                if (!put_minutes(o, "duration_min", sh->breaks[b].duration))
                    return i;
                io_json_out_raw(o, "}");
            }
            io_json_out_raw(o, "]");
            put_soft_limit(o, "overtime", sh->overtime);
            io_json_out_raw(o, "}");
        }
        io_json_out_raw(o, t->nshifts ? "]}" : "]}");
    }
    io_json_out_raw(o, p->ntechnicians ? "\n  ]" : "]");
    return -1;
}

/* Writes the jobs; returns the index of a job whose duration cannot be
 * written, or -1. */
static int put_jobs(io_json_out *o, const model_problem *p)
{
    io_json_out_raw(o, ",\n  \"jobs\": [");
    for (int i = 0; i < p->njobs; i++) {
        const model_job *j = &p->jobs[i];
        put_record(o, i, j->id);
        put_opt_string(o, "title", j->title);
        put_opt_string(o, "customer", j->customer);
        put_opt_string(o, "notes", j->notes);
        put_opt_string(o, "location", p->locations[j->location].id);
        if (!put_minutes(o, "duration_min", j->duration))
            return i;
        put_skills(o, p, &j->skills, &j->levels);
        io_json_out_printf(o, ", \"priority\": %d, \"load\": ", j->priority);
        io_json_out_number(o, j->load);
        io_json_out_raw(o, ", \"windows\": [");
        for (int w = 0; w < j->nwindows; w++) {
            io_json_out_raw(o, w ? ", {\"start\": " : "{\"start\": ");
            put_time(o, p, j->windows[w].start);
            io_json_out_raw(o, ", \"end\": ");
            put_time(o, p, j->windows[w].end);
            io_json_out_raw(o, "}");
        }
        io_json_out_raw(o, "]");
        if (j->release != MODEL_TIME_MIN) {
            io_json_out_raw(o, ", \"release\": ");
            put_time(o, p, j->release);
        }
        if (j->deadline != MODEL_TIME_MAX) {
            io_json_out_raw(o, ", \"deadline\": ");
            put_time(o, p, j->deadline);
        }
        if (j->pinned >= 0)
            put_opt_string(o, "technician", p->technicians[j->pinned].id);
        if (j->has_allowed) {
            io_json_out_raw(o, ", \"allowed_technicians\": [");
            for (int a = 0; a < j->nallowed; a++) {
                io_json_out_raw(o, a ? ", " : "");
                io_json_out_string(o, p->technicians[j->allowed[a]].id);
            }
            io_json_out_raw(o, "]");
        }
        put_job_extension2(o, p, j);
        io_json_out_raw(o, "}");
    }
    io_json_out_raw(o, p->njobs ? "\n  ]" : "]");
    return -1;
}

char *io_json_problem_to_string(const model_problem *p, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{\n  \"name\": ");
    io_json_out_string(&o, p->name);
    io_json_out_raw(&o, ",\n  \"timezone\": ");
    io_json_out_string(&o, model_tz_name(p->tz));
    if (p->skills_declared) {
        io_json_out_raw(&o, ",\n  \"skills\": [");
        for (int k = 0; k < p->nskills; k++) {
            io_json_out_raw(&o, k ? ", " : "");
            io_json_out_string(&o, p->skills[k]);
        }
        io_json_out_raw(&o, "]");
    }
    char rate[MODEL_RATE_TEXT];
    if (p->extension2 || p->objective.balance_us_per_min > 0)
        io_json_out_printf(&o, ",\n  \"objective\": {\"balance_cost_s_per_min\": %s}",
                           model_rate_format(p->objective.balance_us_per_min, rate));
    put_locations_and_travel(&o, p);
    int bad = put_technicians(&o, p);
    if (bad >= 0) {
        io_json_out_free(&o);
        model_error_set(err, MODEL_ERR_INPUT,
                        "technicians[%d] (%s): a break duration cannot be written in minutes "
                        "that read back to whole seconds",
                        bad, p->technicians[bad].id);
        return NULL;
    }
    if ((bad = put_jobs(&o, p)) >= 0) {
        io_json_out_free(&o);
        model_error_set(err, MODEL_ERR_INPUT,
                        "jobs[%d] (%s).duration_min: cannot be written in minutes that read "
                        "back to whole seconds",
                        bad, p->jobs[bad].id);
        return NULL;
    }
    io_json_out_raw(&o, "\n}\n");
    return io_json_out_finish(&o, err);
}
