/* json_schedule_write.c - the schedule JSON writer: routes with their stops
 * (times in the problem's zone, with its UTC offset), the unassigned jobs
 * and the summary, in the layout of FORMAT.md. */
#include "io/formats/json_schedule.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/file.h"
#include "io/formats/json_out.h"
#include "model/tz.h"

static bool put_time(io_json_out *o, const model_problem *p, const char *key, int64_t t)
{
    if (t < IO_JSON_SCHEDULE_MIN_INSTANT || t > IO_JSON_SCHEDULE_MAX_INSTANT)
        return false;
    char buf[MODEL_TIME_BUF];
    model_time_format(p->tz, t, buf);
    io_json_out_printf(o, ", \"%s\": \"%s\"", key, buf);
    return true;
}

static bool put_location(io_json_out *o, const model_problem *p, int loc)
{
    if (loc < 0 || loc >= p->nlocations)
        return false;
    io_json_out_raw(o, ", \"location\": ");
    io_json_out_string(o, p->locations[loc].id);
    return true;
}

/* One stop on one line; false (with err set) on an out-of-range index.
 * With ext2 (the problem uses extension 2) a late job says its "late_s"
 * and the end of a route past its shift its "overtime_s" (shift_end). */
static bool put_stop(io_json_out *o, const model_problem *p, int ri, int si, const model_stop *s,
                     bool ext2, int64_t shift_end, model_error *err)
{
    const char *bad = NULL;
    switch (s->kind) {
    case MODEL_STOP_START:
    case MODEL_STOP_END:
        io_json_out_printf(o, "{\"type\": \"%s\"", s->kind == MODEL_STOP_START ? "start" : "end");
        if (!put_location(o, p, s->location))
            bad = "location";
        else if (!put_time(o, p, "time", s->start))
            bad = "time";
        else if (ext2 && s->kind == MODEL_STOP_END && s->start > shift_end)
            io_json_out_printf(o, ", \"overtime_s\": %lld", (long long)(s->start - shift_end));
        break;
    case MODEL_STOP_JOB:
        if (s->job < 0 || s->job >= p->njobs) {
            bad = "job";
            break;
        }
        io_json_out_raw(o, "{\"type\": \"job\", \"job\": ");
        io_json_out_string(o, p->jobs[s->job].id);
        if (!put_location(o, p, s->location))
            bad = "location";
        else if (!put_time(o, p, "arrival", s->arrival) || !put_time(o, p, "start", s->start) ||
                 !put_time(o, p, "end", s->end))
            bad = "time";
        else if (ext2) {
            int64_t late = model_job_late_s(&p->jobs[s->job], s->start, NULL);
            if (late > 0)
                io_json_out_printf(o, ", \"late_s\": %lld", (long long)late);
        }
        break;
    case MODEL_STOP_BREAK:
        io_json_out_raw(o, "{\"type\": \"break\"");
        if (!put_time(o, p, "start", s->start) || !put_time(o, p, "end", s->end))
            bad = "time";
        break;
    default:
        bad = "type";
    }
    if (bad) {
        model_error_set(err, MODEL_ERR_INPUT, "route %d: stops[%d]: %s out of range", ri, si, bad);
        return false;
    }
    io_json_out_raw(o, "}");
    return true;
}

void io_json_out_bound(io_json_out *o, const model_bound *b)
{
    if (!b->present) {
        io_json_out_raw(o, "null");
        return;
    }
    io_json_out_printf(o, "{\"unassigned_weight\": %lld", (long long)b->unassigned_weight);
    if (b->has_cost) {
        if (b->cost == floor(b->cost) && fabs(b->cost) < 9e15)
            io_json_out_printf(o, ", \"cost\": %lld", (long long)b->cost);
        else
            io_json_out_printf(o, ", \"cost\": %.17g", b->cost);
        io_json_out_printf(o, ", \"gap\": %.10g", b->gap);
    }
    io_json_out_printf(o, ", \"proven_optimal\": %s}", b->proven_optimal ? "true" : "false");
}

char *io_json_schedule_to_string(const model_problem *p, const model_schedule *s,
                                 model_error *err)
{
    if (!p || !s) {
        model_error_set(err, MODEL_ERR_INTERNAL, "write schedule: no problem or schedule");
        return NULL;
    }
    io_json_out o = IO_JSON_OUT_INIT;
    model_summary sum = model_schedule_summarize(p, s);
    io_json_out_raw(&o, "{\n  \"problem\": ");
    io_json_out_string(&o, s->problem_name ? s->problem_name : p->name);
    bool ext2 = model_problem_uses_extension2(p);
    io_json_out_printf(&o,
                       ",\n  \"summary\": {\"assigned\": %d, \"unassigned\": %d, "
                       "\"unassigned_weight\": %lld, \"travel_s\": %lld, \"distance_m\": %lld",
                       sum.assigned, sum.unassigned, (long long)sum.unassigned_weight,
                       (long long)sum.travel_s, (long long)sum.distance_m);
    if (ext2)
        io_json_out_printf(&o,
                           ", \"cost\": %lld, \"lateness_cost_s\": %lld, \"overtime_cost_s\": %lld, "
                           "\"balance_cost_s\": %lld, \"preference_bonus_s\": %lld",
                           (long long)sum.cost, (long long)sum.lateness_cost_s,
                           (long long)sum.overtime_cost_s, (long long)sum.balance_cost_s,
                           (long long)sum.preference_bonus_s);
    if (s->bound.present) { /* summary.bound, when the schedule has one */
        io_json_out_raw(&o, ",\n              \"bound\": ");
        io_json_out_bound(&o, &s->bound);
    }
    io_json_out_raw(&o, "},\n  \"routes\": [");
    for (int ri = 0; ri < s->nroutes; ri++) {
        const model_route *r = &s->routes[ri];
        if (r->technician < 0 || r->technician >= p->ntechnicians || r->shift < 0 ||
            r->shift >= p->technicians[r->technician].nshifts) {
            model_error_set(err, MODEL_ERR_INPUT, "route %d: technician %d shift %d out of range",
                            ri, r->technician, r->shift);
            io_json_out_free(&o);
            return NULL;
        }
        io_json_out_raw(&o, ri ? ",\n    {\"technician\": " : "\n    {\"technician\": ");
        io_json_out_string(&o, p->technicians[r->technician].id);
        io_json_out_printf(&o, ", \"shift\": %d, \"stops\": [", r->shift);
        for (int si = 0; si < r->nstops; si++) {
            io_json_out_raw(&o, si ? ",\n      " : "\n      ");
            if (!put_stop(&o, p, ri, si, &r->stops[si], ext2,
                          p->technicians[r->technician].shifts[r->shift].end, err)) {
                io_json_out_free(&o);
                return NULL;
            }
        }
        io_json_out_raw(&o, r->nstops ? "\n    ]}" : "]}");
    }
    io_json_out_raw(&o, s->nroutes ? "\n  ],\n  \"unassigned\": [" : "],\n  \"unassigned\": [");
    for (int ui = 0; ui < s->nunassigned; ui++) {
        const model_unassigned *u = &s->unassigned[ui];
        if (u->job < 0 || u->job >= p->njobs) {
            model_error_set(err, MODEL_ERR_INPUT, "unassigned[%d]: job %d out of range", ui,
                            u->job);
            io_json_out_free(&o);
            return NULL;
        }
        io_json_out_raw(&o, ui ? ",\n    {\"job\": " : "\n    {\"job\": ");
        io_json_out_string(&o, p->jobs[u->job].id);
        io_json_out_raw(&o, ", \"reason\": ");
        io_json_out_string(&o, u->reason ? u->reason : "");
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, s->nunassigned ? "\n  ]\n}\n" : "]\n}\n");
    return io_json_out_finish(&o, err);
}

model_status io_json_write_schedule_file(const model_problem *p, const model_schedule *s,
                                         const char *path, model_error *err)
{
    char *text = io_json_schedule_to_string(p, s, err);
    if (!text)
        return err ? err->code : MODEL_ERR_NOMEM;
    model_status st = io_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}
