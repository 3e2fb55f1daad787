/* vroom_write.c - a schedule as VROOM's solution JSON (vroom.h,
 * docs/vroom.md): code, summary, routes with their steps, unassigned. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_out.h"
#include "io/formats/vroom.h"

/* Whether s is a plain decimal integer that a JSON number holds exactly. */
static bool plain_integer(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 15 || (n > 1 && s[0] == '0'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

typedef struct writer {
    const model_problem *p;
    const io_vroom_ids *ids;
    bool job_ids_plain, tech_ids_plain;
    bool *break_used; /* per ids->breaks entry, per route */
    io_json_out o;
} writer;

static void put_id(io_json_out *o, const char *id, int index, bool plain)
{
    if (plain)
        io_json_out_raw(o, id);
    else
        io_json_out_printf(o, "%d", index + 1);
}

/* ", \"location\": [lon, lat], \"location_index\": i" as the problem has them. */
static void put_location(io_json_out *o, const model_problem *p, int loc)
{
    const model_location *l = &p->locations[loc];
    if (l->has_coords) {
        io_json_out_raw(o, ", \"location\": [");
        io_json_out_number(o, l->lon);
        io_json_out_raw(o, ", ");
        io_json_out_number(o, l->lat);
        io_json_out_raw(o, "]");
    }
    if (p->travel.kind == MODEL_TRAVEL_MATRIX)
        io_json_out_printf(o, ", \"location_index\": %d", loc);
}

/* The VROOM id of the break stop b of technician t's shift sh. */
static long long break_id(writer *w, int t, int sh, const model_stop *b)
{
    const io_vroom_ids *ids = w->ids;
    if (ids) {
        for (int k = 0; k < ids->nbreaks; k++) {
            const io_vroom_break *x = &ids->breaks[k];
            if (x->technician == t && !w->break_used[k] && x->earliest <= b->start &&
                b->start <= x->latest && b->end - b->start >= x->duration) {
                w->break_used[k] = true;
                return (long long)x->id;
            }
        }
    }
    const model_shift *s = &w->p->technicians[t].shifts[sh];
    for (int k = 0; k < s->nbreaks; k++)
        if (s->breaks[k].earliest <= b->start && b->start <= s->breaks[k].latest)
            return k + 1;
    return 0;
}

typedef struct totals {
    int64_t service, duration, waiting, distance, priority;
} totals;

/* The steps of route r into a separate buffer; its totals into *t. */
static model_status put_steps(writer *w, io_json_out *o, const model_route *r, totals *t,
                              model_error *err)
{
    const model_problem *p = w->p;
    int last_loc = -1;
    int64_t prev_end = 0;
    memset(t, 0, sizeof *t);
    for (int k = 0; k < r->nstops; k++) {
        const model_stop *s = &r->stops[k];
        bool located = s->kind != MODEL_STOP_BREAK;
        if (located && (s->location < 0 || s->location >= p->nlocations))
            return model_error_set(err, MODEL_ERR_INPUT, "route of '%s': stop %d has no location",
                                   p->technicians[r->technician].id, k);
        if (s->kind == MODEL_STOP_JOB && (s->job < 0 || s->job >= p->njobs))
            return model_error_set(err, MODEL_ERR_INPUT, "route of '%s': stop %d has no job",
                                   p->technicians[r->technician].id, k);
        if (located && last_loc >= 0) {
            t->duration += model_travel_duration(p, last_loc, s->location);
            t->distance += model_travel_distance(p, last_loc, s->location);
        }
        io_json_out_raw(o, k ? ",\n        " : "\n        ");
        static const char *const names[] = {"start", "job", "break", "end"};
        io_json_out_printf(o, "{\"type\": \"%s\"", names[s->kind]);
        int64_t arrival = s->kind == MODEL_STOP_JOB ? s->arrival : s->start;
        int64_t service = 0, waiting = 0;
        if (s->kind == MODEL_STOP_JOB) {
            const model_job *j = &p->jobs[s->job];
            io_json_out_raw(o, ", \"id\": ");
            put_id(o, j->id, s->job, w->job_ids_plain);
            if (!w->job_ids_plain || j->title) {
                io_json_out_raw(o, ", \"description\": ");
                io_json_out_string(o, w->job_ids_plain ? j->title : j->id);
            }
            service = s->end - s->start;
            int64_t ready = arrival > prev_end ? arrival : prev_end;
            waiting = s->start > ready ? s->start - ready : 0;
            t->priority += j->priority;
        } else if (s->kind == MODEL_STOP_BREAK) {
            io_json_out_printf(o, ", \"id\": %lld", break_id(w, r->technician, r->shift, s));
            service = s->end - s->start;
        }
        if (located) {
            put_location(o, p, s->location);
            last_loc = s->location;
        }
        io_json_out_printf(o, ", \"setup\": 0, \"service\": %lld, \"waiting_time\": %lld",
                           (long long)service, (long long)waiting);
        io_json_out_printf(o, ", \"arrival\": %lld, \"duration\": %lld, \"distance\": %lld",
                           (long long)arrival, (long long)t->duration, (long long)t->distance);
        io_json_out_raw(o, ", \"violations\": []}");
        t->service += service;
        t->waiting += waiting;
        prev_end = s->end;
    }
    return MODEL_OK;
}

static bool serves_a_job(const model_route *r)
{
    for (int k = 0; k < r->nstops; k++)
        if (r->stops[k].kind == MODEL_STOP_JOB)
            return true;
    return false;
}

char *io_vroom_solution_to_string(const model_problem *p, const model_schedule *s,
                                  const io_vroom_ids *ids, model_error *err)
{
    writer w = {p, ids, true, true, NULL, IO_JSON_OUT_INIT};
    for (int j = 0; j < p->njobs && w.job_ids_plain; j++)
        w.job_ids_plain = plain_integer(p->jobs[j].id);
    for (int t = 0; t < p->ntechnicians && w.tech_ids_plain; t++)
        w.tech_ids_plain = plain_integer(p->technicians[t].id);
    if (ids && ids->nbreaks > 0 && !(w.break_used = calloc((size_t)ids->nbreaks, 1))) {
        model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    io_json_out routes = IO_JSON_OUT_INIT;
    totals sum = {0, 0, 0, 0, 0};
    int nroutes = 0;
    for (int ri = 0; ri < s->nroutes; ri++) {
        const model_route *r = &s->routes[ri];
        if (!serves_a_job(r))
            continue;
        if (r->technician < 0 || r->technician >= p->ntechnicians || r->nstops < 2) {
            model_error_set(err, MODEL_ERR_INPUT, "routes[%d]: not a valid route", ri);
            goto fail;
        }
        const model_technician *t = &p->technicians[r->technician];
        io_json_out steps = IO_JSON_OUT_INIT;
        totals rt;
        if (put_steps(&w, &steps, r, &rt, err) != MODEL_OK) {
            io_json_out_free(&steps);
            goto fail;
        }
        io_json_out_raw(&routes, nroutes++ ? ",\n    {\"vehicle\": " : "\n    {\"vehicle\": ");
        put_id(&routes, t->id, r->technician, w.tech_ids_plain);
        if (!w.tech_ids_plain || t->name) {
            io_json_out_raw(&routes, ", \"description\": ");
            io_json_out_string(&routes, w.tech_ids_plain ? t->name : t->id);
        }
        io_json_out_printf(&routes,
                           ", \"cost\": %lld, \"setup\": 0, \"service\": %lld, \"duration\": %lld"
                           ", \"waiting_time\": %lld, \"priority\": %lld, \"distance\": %lld"
                           ", \"violations\": [], \"steps\": [",
                           (long long)rt.duration, (long long)rt.service, (long long)rt.duration,
                           (long long)rt.waiting, (long long)rt.priority, (long long)rt.distance);
        io_json_out_raw(&routes, steps.data ? steps.data : "");
        routes.failed = routes.failed || steps.failed;
        io_json_out_free(&steps);
        io_json_out_raw(&routes, "\n      ]}");
        sum.service += rt.service;
        sum.duration += rt.duration;
        sum.waiting += rt.waiting;
        sum.distance += rt.distance;
        sum.priority += rt.priority;
    }
    io_json_out *o = &w.o;
    io_json_out_printf(o,
                       "{\n  \"code\": 0,\n  \"summary\": {\"cost\": %lld, \"routes\": %d, "
                       "\"unassigned\": %d, \"setup\": 0, \"service\": %lld, \"duration\": %lld, "
                       "\"waiting_time\": %lld, \"priority\": %lld, \"distance\": %lld, "
                       "\"violations\": []},\n  \"unassigned\": [",
                       (long long)sum.duration, nroutes, s->nunassigned, (long long)sum.service,
                       (long long)sum.duration, (long long)sum.waiting, (long long)sum.priority,
                       (long long)sum.distance);
    for (int u = 0; u < s->nunassigned; u++) {
        int j = s->unassigned[u].job;
        if (j < 0 || j >= p->njobs) {
            model_error_set(err, MODEL_ERR_INPUT, "unassigned[%d]: not a job of the problem", u);
            goto fail;
        }
        io_json_out_raw(o, u ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_id(o, p->jobs[j].id, j, w.job_ids_plain);
        put_location(o, p, p->jobs[j].location);
        if (!w.job_ids_plain || p->jobs[j].title) {
            io_json_out_raw(o, ", \"description\": ");
            io_json_out_string(o, w.job_ids_plain ? p->jobs[j].title : p->jobs[j].id);
        }
        io_json_out_raw(o, ", \"type\": \"job\"}");
    }
    io_json_out_raw(o, s->nunassigned ? "\n  ],\n  \"routes\": [" : "],\n  \"routes\": [");
    io_json_out_raw(o, routes.data ? routes.data : "");
    o->failed = o->failed || routes.failed;
    io_json_out_raw(o, nroutes ? "\n  ]\n}\n" : "]\n}\n");
    io_json_out_free(&routes);
    free(w.break_used);
    return io_json_out_finish(o, err);
fail:
    io_json_out_free(&routes);
    io_json_out_free(&w.o);
    free(w.break_used);
    return NULL;
}
