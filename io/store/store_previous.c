/* store_previous.c - the published version a plan re-plans against (see
 * store_plan.h "Stability"): its assignments in the horizon as the solver's
 * `previous` schedule, the schedule itself when its run solved exactly the
 * same problem. What to do with them (count moves, keep the published
 * schedule) is the planning policy, in usecase/plan_policy.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_schedule.h"
#include "io/store/store_internal.h"
#include "io/store/store_plan.h"
#include "model/check.h"

static void local_date(const model_tz *tz, int64_t t, char buf[16])
{
    model_civil c = model_tz_to_civil(tz, t);
    snprintf(buf, 16, "%04d-%02d-%02d", c.year, c.month, c.day);
}

/* The shift of technician t on `date`, or -1. */
static int shift_on(const model_problem *p, int t, const char *date)
{
    char d[16];
    for (int k = 0; k < p->technicians[t].nshifts; k++) {
        local_date(p->tz, p->technicians[t].shifts[k].start, d);
        if (strcmp(d, date) == 0)
            return k;
    }
    return -1;
}

/* The published version overlapping the horizon as a schedule of the new
 * problem (its assignments on the horizon's days). */
static model_status load_assignments(io_store *s, io_store_plan *pl, model_error *err)
{
    const model_problem *p = pl->problem;
    sqlite3_stmt *a = NULL;
    model_status rc = io_store_query_row(s, io_store_read_int64, &pl->previous_version, NULL,
                                         "read versions", err,
                                         "SELECT id FROM schedule_versions WHERE status = "
                                         "'published' AND horizon_from <= ?2 AND horizon_to >= ?1",
                                         "tt", pl->from, pl->to);
    if (rc != MODEL_OK || !pl->previous_version)
        return rc;
    if ((rc = io_store_prepare_bind(s, &a, err,
                                    "SELECT job_id, technician_id, shift_date, arrival_at, "
                                    "start_at FROM assignments WHERE version_id = ?1 AND "
                                    "shift_date >= ?2 AND shift_date <= ?3 "
                                    "ORDER BY technician_id, shift_date, sequence",
                                    "Itt", pl->previous_version, pl->from, pl->to)) != MODEL_OK ||
        (rc = model_schedule_create(&pl->previous, p, err)) != MODEL_OK)
        goto done;
    model_route *route = NULL;
    int rt = -1, rs = -1;
    int r;
    while (rc == MODEL_OK && (r = sqlite3_step(a)) == SQLITE_ROW) {
        int j = model_strmap_get(&p->job_index, (const char *)sqlite3_column_text(a, 0));
        int t = model_strmap_get(&p->technician_index, (const char *)sqlite3_column_text(a, 1));
        if (j < 0 || t < 0 || pl->prev_tech[j] >= 0)
            continue;
        int k = shift_on(p, t, (const char *)sqlite3_column_text(a, 2));
        if (k < 0)
            continue;
        const model_technician *tech = &p->technicians[t];
        const model_shift *sh = &tech->shifts[k];
        if (t != rt || k != rs) {
            if (route) {
                model_stop end = {MODEL_STOP_END, -1, p->technicians[rt].end_location,
                                  p->technicians[rt].shifts[rs].end,
                                  p->technicians[rt].shifts[rs].end,
                                  p->technicians[rt].shifts[rs].end};
                if ((rc = model_route_add_stop(route, &end, err)) != MODEL_OK)
                    break;
            }
            if ((rc = model_schedule_add_route(pl->previous, t, k, &route, err)) != MODEL_OK)
                break;
            model_stop start = {MODEL_STOP_START, -1, tech->start_location, sh->start, sh->start,
                                sh->start};
            if ((rc = model_route_add_stop(route, &start, err)) != MODEL_OK)
                break;
            rt = t;
            rs = k;
        }
        int64_t s0 = sqlite3_column_int64(a, 4);
        model_stop stop = {MODEL_STOP_JOB, j, p->jobs[j].location, sqlite3_column_int64(a, 3), s0,
                           s0 + p->jobs[j].duration};
        if ((rc = model_route_add_stop(route, &stop, err)) != MODEL_OK)
            break;
        pl->prev_tech[j] = t;
        pl->prev_shift[j] = k;
        pl->prev_start[j] = s0;
    }
    if (rc == MODEL_OK && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = io_store_fail(s, err, "read assignments");
    if (rc == MODEL_OK && route) {
        const model_shift *sh = &p->technicians[rt].shifts[rs];
        model_stop end = {MODEL_STOP_END, -1, p->technicians[rt].end_location, sh->end, sh->end,
                          sh->end};
        rc = model_route_add_stop(route, &end, err);
    }
    /* Jobs of the previous version that are not in the new problem: none to add. */
done:
    sqlite3_finalize(a);
    return rc;
}

/* When the published version's run solved exactly pl->problem (same days,
 * same data), its stored schedule, read back and checked, as
 * pl->previous_same. A schedule that does not read back cleanly is simply
 * not used. */
static model_status read_same(void *ctx, sqlite3_stmt *st, model_error *err)
{
    io_store_plan *pl = ctx;
    const char *pj = (const char *)sqlite3_column_text(st, 0);
    const char *sj = (const char *)sqlite3_column_text(st, 1);
    if (!pj || !sj || (size_t)sqlite3_column_bytes(st, 0) != pl->problem_len ||
        memcmp(pj, pl->problem_json, pl->problem_len) != 0)
        return MODEL_OK;
    model_status rc = MODEL_OK;
    model_schedule *same = NULL;
    model_report rep = MODEL_REPORT_INIT;
    model_error e = MODEL_ERROR_INIT;
    if (io_json_read_schedule_text(pl->problem, sj, (size_t)sqlite3_column_bytes(st, 1),
                                   "published version", &same, NULL, NULL, &rep, &e) == MODEL_OK &&
        model_check_schedule(pl->problem, same, NULL, &rep, &e) == MODEL_OK && rep.n == 0) {
        pl->previous_same = same;
        same = NULL;
    } else if (e.code == MODEL_ERR_NOMEM) {
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    model_schedule_free(same);
    model_report_clear(&rep);
    return rc;
}

static model_status load_same(io_store *s, io_store_plan *pl, model_error *err)
{
    return io_store_query_row(s, read_same, pl, NULL, "read the published version", err,
                              "SELECT " IO_STORE_RUN_PROBLEM ", v.schedule_json FROM "
                              "schedule_versions v JOIN plan_runs r ON r.id = v.run_id "
                              "WHERE v.id = ?1", "I", pl->previous_version);
}

model_status io_store_previous_load(io_store *s, io_store_plan *pl, model_error *err)
{
    model_status rc = load_assignments(s, pl, err);
    if (rc == MODEL_OK && pl->previous_version)
        rc = load_same(s, pl, err);
    return rc;
}
