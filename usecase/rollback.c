/* rollback.c - an earlier version re-published as a new one (rollback.h):
 * load it and today's problem of its horizon, carry its schedule over,
 * drop what is gone, check, guard, store, then the feeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/formats/json_out.h"
#include "model/array.h"
#include "model/diff.h"
#include "usecase/rollback.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_rollback *rb = uc;
    model_status rc = io_store_version_open(ss->store, rb->opt->version, &rb->restores, &rb->v,
                                            err);
    if (rc != MODEL_OK)
        return rc;
    if (strcmp(rb->v->status, "superseded") != 0)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: version %lld is %s", ss->db,
                               (long long)rb->restores,
                               strcmp(rb->v->status, "published") == 0
                                   ? "published already"
                                   : "a draft (publish it instead of restoring it)");
    model_error none = MODEL_ERROR_INIT;
    io_store_version_get(ss->store, 0, &rb->now, &none); /* none published: NULL */
    rb->superseded = rb->now ? rb->now->version : 0;
    if ((rc = io_store_version_read(rb->v, &rb->p0, &rb->s0, err)) != MODEL_OK)
        return rc;
    return io_store_plan_load(ss->store, rb->v->from, rb->v->days, &rb->plan, err);
}

/* Appends a dropped job. */
static model_status drop(usecase_rollback *rb, const char *job, const char *why,
                         model_error *err)
{
    if (model_array_grow((void **)&rb->dropped, &rb->cap_dropped, rb->ndropped + 1,
                         sizeof *rb->dropped, "too many jobs dropped", NULL) != MODEL_OK)
        return nomem(err);
    usecase_rollback_drop *d = &rb->dropped[rb->ndropped];
    d->job = strdup(job);
    d->why = strdup(why);
    rb->ndropped++;
    return d->job && d->why ? MODEL_OK : nomem(err);
}

/* Why job id (not in today's problem) is gone. */
static model_status gone_why(io_store *s, const char *id, int64_t version, char *why, size_t n,
                             model_error *err)
{
    char status[16];
    model_status rc = io_store_job_status(s, id, status, err);
    if (rc != MODEL_OK)
        return rc;
    if (!status[0])
        snprintf(why, n, "no longer in the database");
    else if (strcmp(status, "done") == 0 || strcmp(status, "cancelled") == 0)
        snprintf(why, n, "%s since version %lld", status, (long long)version);
    else
        snprintf(why, n, "no longer planned in this horizon (status %s)", status);
    return MODEL_OK;
}

static model_status dropped_json(usecase_rollback *rb, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "[");
    for (int i = 0; i < rb->ndropped; i++) {
        io_json_out_raw(&o, i ? ", {\"job\": " : "{\"job\": ");
        io_json_out_string(&o, rb->dropped[i].job);
        io_json_out_raw(&o, ", \"why\": ");
        io_json_out_string(&o, rb->dropped[i].why);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, "]");
    return (rb->dropped_json = io_json_out_finish(&o, err)) ? MODEL_OK : err->code;
}

/* The version's schedule carried over to today's problem: what is gone is
 * dropped, what is new is unassigned. */
static model_status build(usecase_session *ss, void *uc, model_error *err)
{
    usecase_rollback *rb = uc;
    const model_problem *p = rb->plan->problem;
    model_status rc = model_schedule_remap(rb->p0, rb->s0, p, &rb->s1, err);
    if (rc != MODEL_OK)
        return rc;
    char *seen = calloc((size_t)(p->njobs ? p->njobs : 1), 1);
    if (!seen)
        return nomem(err);
    for (int r = 0; r < rb->s1->nroutes; r++)
        for (int k = 0; k < rb->s1->routes[r].nstops; k++)
            if (rb->s1->routes[r].stops[k].kind == MODEL_STOP_JOB)
                seen[rb->s1->routes[r].stops[k].job] = 1;
    for (int i = 0; i < rb->s1->nunassigned; i++)
        seen[rb->s1->unassigned[i].job] = 1;
    char why[256], date[16];
    for (int r = 0; rc == MODEL_OK && r < rb->s0->nroutes; r++) {
        const model_route *rt = &rb->s0->routes[r];
        for (int k = 0; rc == MODEL_OK && k < rt->nstops; k++) {
            if (rt->stops[k].kind != MODEL_STOP_JOB)
                continue;
            const char *id = rb->p0->jobs[rt->stops[k].job].id;
            int j = model_strmap_get(&p->job_index, id);
            if (j < 0) {
                if ((rc = gone_why(ss->store, id, rb->restores, why, sizeof why, err)) ==
                    MODEL_OK)
                    rc = drop(rb, id, why, err);
            } else if (!seen[j]) {
                snprintf(why, sizeof why, "%s's shift on %s is gone since version %lld",
                         rb->p0->technicians[rt->technician].id,
                         model_shift_date(rb->p0, rt->technician, rt->shift, date),
                         (long long)rb->restores);
                seen[j] = 1;
                if ((rc = drop(rb, id, why, err)) == MODEL_OK)
                    rc = model_schedule_add_unassigned(rb->s1, j, why, err);
            }
        }
    }
    snprintf(why, sizeof why, "added since version %lld", (long long)rb->restores);
    for (int j = 0; rc == MODEL_OK && j < p->njobs; j++)
        if (!seen[j]) {
            rb->added++;
            rc = model_schedule_add_unassigned(rb->s1, j, why, err);
        }
    free(seen);
    return rc == MODEL_OK ? dropped_json(rb, err) : rc;
}

/* "t-02 on 2026-11-23 (J-1, J-2)" for every route of s1 a violation names
 * ("route N (...): ..."), into buf. */
static void broken_routes(const usecase_rollback *rb, char *buf, size_t size)
{
    const model_problem *p = rb->plan->problem;
    size_t n = 0;
    buf[0] = '\0';
    for (int r = 0; r < rb->s1->nroutes && n < size; r++) {
        bool named = false;
        for (int i = 0; i < rb->report.n && !named; i++) {
            int ri;
            named = sscanf(rb->report.items[i], "route %d (", &ri) == 1 && ri == r;
        }
        if (!named)
            continue;
        const model_route *rt = &rb->s1->routes[r];
        char date[16];
        int w = snprintf(buf + n, size - n, "%s%s on %s (", n ? "; " : "",
                         p->technicians[rt->technician].id,
                         model_shift_date(p, rt->technician, rt->shift, date));
        int jobs = 0;
        for (int k = 0; k < rt->nstops && w > 0 && n + (size_t)w < size; k++)
            if (rt->stops[k].kind == MODEL_STOP_JOB) {
                n += (size_t)w;
                w = snprintf(buf + n, size - n, "%s%s", jobs++ ? ", " : "",
                             p->jobs[rt->stops[k].job].id);
            }
        if (w > 0 && n + (size_t)w < size) {
            n += (size_t)w;
            w = snprintf(buf + n, size - n, ")");
        }
        if (w < 0 || n + (size_t)w >= size)
            return; /* truncated */
        n += (size_t)w;
    }
}

/* Today's rules, then the guard; a refusal stops the run with nothing written. */
static model_status check(usecase_session *ss, void *uc, model_error *err)
{
    usecase_rollback *rb = uc;
    const model_problem *p = rb->plan->problem;
    model_status rc = model_check_schedule(p, rb->s1, NULL, &rb->report, err);
    if (rc != MODEL_OK)
        return rc;
    if (rb->report.n > 0) {
        char routes[400];
        broken_routes(rb, routes, sizeof routes);
        return model_error_set(err, MODEL_ERR_CHECK,
                               "version %lld breaks today's rules (%d violation%s) on %s: nothing "
                               "is restored; plan again instead", (long long)rb->restores,
                               rb->report.n, rb->report.n == 1 ? "" : "s",
                               routes[0] ? routes : "its routes");
    }
    usecase_guard_options go = {rb->opt->max_dropped, rb->opt->force};
    rc = usecase_guard_run(ss->store, p, rb->s1, rb->v->from, NULL, &go, &rb->guard, err);
    if (rc == MODEL_OK && rb->guard.refused)
        ss->stop = true;
    return rc;
}

static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_rollback *rb = uc;
    const model_problem *p = rb->plan->problem;
    char message[1400], note[1024];
    int n = snprintf(message, sizeof message, "rollback to version %lld: %d job%s dropped",
                     (long long)rb->restores, rb->ndropped, rb->ndropped == 1 ? "" : "s");
    if (rb->guard.broken && n > 0 && (size_t)n < sizeof message)
        snprintf(message + n, sizeof message - (size_t)n, "; %s",
                 usecase_guard_note(&rb->guard, note, sizeof note));
    io_store_whatif_save sv = {0};
    sv.base = rb->now;
    sv.restores = rb->v;
    sv.dropped_json = rb->dropped_json;
    sv.problem = p;
    sv.problem_json = rb->plan->problem_json;
    sv.schedule = rb->s1;
    sv.kind = "rollback";
    sv.message = message;
    sv.publish = true;
    sv.started_at = (int64_t)time(NULL);
    return io_store_whatif_store(ss->store, &sv, NULL, &rb->version, err);
}

model_status usecase_rollback_run(usecase_session *ss, const usecase_rollback_options *opt,
                                  usecase_rollback *rb, model_error *err)
{
    memset(rb, 0, sizeof *rb);
    rb->opt = opt;
    usecase_hooks hooks = {NULL, load, build, check, store, NULL};
    usecase_session_publishes(ss);
    return usecase_session_run(ss, &hooks, rb, err);
}

void usecase_rollback_free(usecase_rollback *rb)
{
    if (!rb)
        return;
    for (int i = 0; i < rb->ndropped; i++) {
        free(rb->dropped[i].job);
        free(rb->dropped[i].why);
    }
    free(rb->dropped);
    model_report_clear(&rb->report);
    usecase_guard_free(&rb->guard);
    free(rb->dropped_json);
    io_store_plan_free(rb->plan);
    model_schedule_free(rb->s1);
    model_schedule_free(rb->s0);
    model_problem_free(rb->p0);
    io_store_version_info_free(rb->now);
    io_store_version_info_free(rb->v);
    memset(rb, 0, sizeof *rb);
}
