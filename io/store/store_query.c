/* store_query.c - versions, runs and exports read back from the store (see
 * store_query.h). */
#include "io/store/store_query.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_out.h"
#include "io/formats/json_schedule.h"
#include "io/store/store_internal.h"
#include "model/time.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* The numbers and the skills of a visit (its other texts: visit_rows). */
static bool read_visit(sqlite3_stmt *st, void *row)
{
    io_store_visit *x = row;
    x->sequence = sqlite3_column_int(st, 3);
    x->arrival = sqlite3_column_int64(st, 4);
    x->start = sqlite3_column_int64(st, 5);
    x->end = sqlite3_column_int64(st, 6);
    bool ok = true;
    x->skills = sqlite3_column_type(st, 11) == SQLITE_NULL ? strdup("")
                                                           : io_store_column_dup(st, 11, &ok);
    return ok && x->skills;
}

#define VISIT_TEXT(field, column) IO_STORE_TEXT(io_store_visit, field, column)
static const io_store_row_type visit_rows = {
    sizeof(io_store_visit), 32, read_visit, 9,
    {VISIT_TEXT(technician, 0), VISIT_TEXT(technician_name, 1), VISIT_TEXT(date, 2),
     VISIT_TEXT(job, 7), VISIT_TEXT(title, 8), VISIT_TEXT(customer, 9), VISIT_TEXT(address, 10),
     VISIT_TEXT(skills, -1), VISIT_TEXT(contact, 12)}};
#undef VISIT_TEXT

static const io_store_row_type unassigned_rows = {
    sizeof(io_store_unassigned_row), 32, NULL, 3,
    {IO_STORE_TEXT(io_store_unassigned_row, job, 0),
     IO_STORE_TEXT(io_store_unassigned_row, customer, 1),
     IO_STORE_TEXT(io_store_unassigned_row, reason, 2)}};

/* The breaks, filled by add_break: only their texts are described. */
static const io_store_row_type break_rows = {
    sizeof(io_store_break_row), 16, NULL, 2,
    {IO_STORE_TEXT(io_store_break_row, technician, -1),
     IO_STORE_TEXT(io_store_break_row, date, -1)}};

void io_store_version_view_free(io_store_version_view *v)
{
    if (!v)
        return;
    io_store_list_free(&visit_rows, v->visits, v->nvisits);
    io_store_list_free(&unassigned_rows, v->unassigned, v->nunassigned);
    io_store_list_free(&unassigned_rows, v->expired, v->nexpired);
    io_store_list_free(&break_rows, v->breaks, v->nbreaks);
    model_tz_free(v->tz);
    free(v);
}

/* A run's bound from its four columns (plan_runs.bound_unassigned_weight,
 * bound_cost, bound_gap, bound_proven_optimal) from column col on. */
static void read_bound(sqlite3_stmt *st, int col, model_bound *b)
{
    *b = (model_bound){0};
    b->present = sqlite3_column_type(st, col) != SQLITE_NULL;
    if (!b->present)
        return;
    b->unassigned_weight = sqlite3_column_int64(st, col);
    b->has_cost = sqlite3_column_type(st, col + 1) != SQLITE_NULL;
    b->cost = sqlite3_column_double(st, col + 1);
    b->has_gap = sqlite3_column_type(st, col + 2) != SQLITE_NULL;
    b->gap = sqlite3_column_double(st, col + 2);
    b->has_proven = true;
    b->proven_optimal = sqlite3_column_int(st, col + 3) != 0;
}

static model_status read_header(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    io_store_version_view *v = ctx;
    v->version = sqlite3_column_int64(st, 0);
    v->run = sqlite3_column_int64(st, 1);
    io_store_column_copy(st, 2, v->status, sizeof v->status);
    io_store_column_copy(st, 3, v->horizon_from, sizeof v->horizon_from);
    io_store_column_copy(st, 4, v->horizon_to, sizeof v->horizon_to);
    v->created_at = sqlite3_column_int64(st, 5);
    read_bound(st, 6, &v->bound);
    return MODEL_OK;
}

static model_status load_header(io_store *s, int64_t version, io_store_version_view *v,
                                model_error *err)
{
    bool found;
    model_status rc = io_store_query_row(s, read_header, v, &found, "read versions", err,
                                         "SELECT v.id, v.run_id, v.status, v.horizon_from, "
                                         "v.horizon_to, v.created_at, r.bound_unassigned_weight, "
                                         "r.bound_cost, r.bound_gap, r.bound_proven_optimal "
                                         "FROM schedule_versions v LEFT JOIN plan_runs r ON "
                                         "r.id = v.run_id WHERE "
                                         "(?1 = 0 AND v.status = 'published') OR v.id = ?1",
                                         "I", version);
    if (rc == MODEL_OK && !found)
        rc = io_store_not_found(s, "version", version, err);
    return rc;
}

static model_status load_visits(io_store *s, io_store_version_view *v, const char *tech,
                                const char *date, model_error *err)
{
    model_status rc = io_store_list(
        s, &visit_rows, (void **)&v->visits, &v->nvisits, "read assignments", err,
        "SELECT a.technician_id, t.name, a.shift_date, a.sequence, a.arrival_at, a.start_at, "
        "a.end_at, a.job_id, j.title, j.customer, l.address, "
        "(SELECT group_concat(skill, ', ') FROM (SELECT CASE WHEN level > 1 THEN "
        "skill || ':' || level ELSE skill END AS skill FROM job_skills "
        "WHERE job_id = a.job_id ORDER BY skill)), "
        "nullif(substr(coalesce(', ' || j.contact_phone, '') || coalesce(', ' || j.contact_email, '') "
        "|| coalesce(', ' || j.contact_notes, ''), 3), '') "
        "FROM assignments a JOIN technicians t ON t.id = a.technician_id "
        "JOIN jobs j ON j.id = a.job_id LEFT JOIN locations l ON l.id = j.location_id "
        "WHERE a.version_id = ?1 AND (?2 IS NULL OR a.technician_id = ?2) "
        "AND (?3 IS NULL OR a.shift_date = ?3) "
        "ORDER BY a.technician_id, a.shift_date, a.sequence",
        "Itt", v->version, tech, date);
    if (rc != MODEL_OK || tech)
        return rc;
    rc = io_store_list(s, &unassigned_rows, (void **)&v->unassigned, &v->nunassigned,
                       "read unassigned jobs", err,
                       "SELECT u.job_id, j.customer, u.reason FROM unassigned u "
                       "JOIN jobs j ON j.id = u.job_id WHERE u.version_id = ?1 "
                       "ORDER BY u.job_id",
                       "I", v->version);
    int64_t day;
    model_error e = MODEL_ERROR_INIT;
    if (rc != MODEL_OK || model_date_parse(v->horizon_from, &day, &e) != MODEL_OK)
        return rc; /* a stored horizon is always a date */
    return io_store_list(s, &unassigned_rows, (void **)&v->expired, &v->nexpired,
                         "read expired jobs", err,
                         "SELECT id, customer, NULL FROM jobs WHERE status IN ('open', "
                         "'scheduled') AND id NOT IN (SELECT job_id FROM assignments WHERE "
                         "version_id = ?1) AND id NOT IN (SELECT job_id FROM unassigned WHERE "
                         "version_id = ?1) AND " IO_STORE_JOB_EXPIRED("?2") " ORDER BY id",
                         "II", v->version, model_tz_day_start(v->tz, day));
}

typedef struct break_filter {
    io_store_version_view *v;
    const char *tech, *date;
    int cap;
    char name[64]; /* the version, for messages */
} break_filter;

static model_status add_break(void *ctx, const char *tech, const char *date, int nth,
                              int64_t start, int64_t end, model_error *err)
{
    (void)nth;
    break_filter *f = ctx;
    io_store_version_view *v = f->v;
    if ((f->tech && strcmp(f->tech, tech) != 0) || (f->date && strcmp(f->date, date) != 0))
        return MODEL_OK;
    if (!io_store_grow((void **)&v->breaks, v->nbreaks, &f->cap, sizeof *v->breaks,
                       break_rows.first))
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    io_store_break_row *b = &v->breaks[v->nbreaks];
    if (!(b->technician = strdup(tech)) || !(b->date = strdup(date))) {
        free(b->technician);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    b->start = start;
    b->end = end;
    v->nbreaks++;
    return MODEL_OK;
}

static int cmp_break(const void *a, const void *b)
{
    const io_store_break_row *x = a, *y = b;
    int c = strcmp(x->technician, y->technician);
    if (c == 0)
        c = strcmp(x->date, y->date);
    return c ? c : (x->start > y->start) - (x->start < y->start);
}

/* The breaks of the version's routes, from the problem and schedule texts
 * of the current row. */
static model_status read_breaks(void *ctx, sqlite3_stmt *st, model_error *err)
{
    break_filter *f = ctx;
    const char *pj = (const char *)sqlite3_column_text(st, 0);
    const char *sj = (const char *)sqlite3_column_text(st, 1);
    if (!pj || !sj)
        return MODEL_OK;
    return io_store_each_break(f->v->tz, f->name, pj, sj, add_break, f, err);
}

static model_status load_breaks(io_store *s, io_store_version_view *v, const char *tech,
                                const char *date, model_error *err)
{
    break_filter f = {v, tech, date, 0, ""};
    snprintf(f.name, sizeof f.name, "%s: version %lld", s->name, (long long)v->version);
    model_status rc = io_store_query_row(s, read_breaks, &f, NULL, "read the version's schedule",
                                         err, "SELECT " IO_STORE_RUN_PROBLEM ", v.schedule_json "
                                         "FROM schedule_versions v JOIN plan_runs r ON r.id = "
                                         "v.run_id WHERE v.id = ?1", "I", v->version);
    if (rc == MODEL_OK && v->nbreaks > 1)
        qsort(v->breaks, (size_t)v->nbreaks, sizeof *v->breaks, cmp_break);
    return rc;
}

model_status io_store_version_load(io_store *s, int64_t version, const char *tech,
                                   const char *date, io_store_version_view **out,
                                   model_error *err)
{
    *out = NULL;
    io_store_version_view *v = calloc(1, sizeof *v);
    if (!v)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    model_status rc;
    if ((rc = io_store_exec(s, "BEGIN", err)) != MODEL_OK) {
        free(v);
        return rc;
    }
    if ((rc = io_store_load_timezone(s, &v->tz, err)) == MODEL_OK &&
        (rc = load_header(s, version, v, err)) == MODEL_OK &&
        (rc = load_visits(s, v, tech, date, err)) == MODEL_OK)
        rc = load_breaks(s, v, tech, date, err);
    io_store_rollback(s);
    if (rc != MODEL_OK) {
        io_store_version_view_free(v);
        return rc;
    }
    *out = v;
    return MODEL_OK;
}

static void put_key_string(io_json_out *o, const char *key, const char *value, bool comma)
{
    io_json_out_printf(o, "%s\"%s\": ", comma ? ", " : "", key);
    io_json_out_string(o, value);
}

static void put_key_time(io_json_out *o, const model_tz *tz, const char *key, int64_t t)
{
    char buf[MODEL_TIME_BUF];
    put_key_string(o, key, model_time_format(tz, t, buf), true);
}

char *io_store_version_view_to_json(const io_store_version_view *v, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_printf(&o, "{\"version\": %lld, \"run\": %lld", (long long)v->version,
                       (long long)v->run);
    put_key_string(&o, "status", v->status, true);
    put_key_string(&o, "horizon_from", v->horizon_from, true);
    put_key_string(&o, "horizon_to", v->horizon_to, true);
    put_key_string(&o, "timezone", model_tz_name(v->tz), true);
    io_json_out_raw(&o, ",\n \"visits\": [");
    for (int i = 0; i < v->nvisits; i++) {
        const io_store_visit *x = &v->visits[i];
        io_json_out_raw(&o, i ? ",\n  {" : "\n  {");
        put_key_string(&o, "technician", x->technician, false);
        put_key_string(&o, "technician_name", x->technician_name, true);
        put_key_string(&o, "date", x->date, true);
        io_json_out_printf(&o, ", \"sequence\": %d", x->sequence);
        put_key_string(&o, "job", x->job, true);
        put_key_time(&o, v->tz, "arrival", x->arrival);
        put_key_time(&o, v->tz, "start", x->start);
        put_key_time(&o, v->tz, "end", x->end);
        put_key_string(&o, "title", x->title, true);
        put_key_string(&o, "customer", x->customer, true);
        put_key_string(&o, "address", x->address, true);
        put_key_string(&o, "skills", x->skills, true);
        if (x->contact)
            put_key_string(&o, "contact", x->contact, true);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, "],\n \"breaks\": [");
    for (int i = 0; i < v->nbreaks; i++) {
        const io_store_break_row *b = &v->breaks[i];
        io_json_out_raw(&o, i ? ",\n  {" : "\n  {");
        put_key_string(&o, "technician", b->technician, false);
        put_key_string(&o, "date", b->date, true);
        put_key_time(&o, v->tz, "start", b->start);
        put_key_time(&o, v->tz, "end", b->end);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, "],\n \"unassigned\": [");
    for (int i = 0; i < v->nunassigned; i++) {
        io_json_out_raw(&o, i ? ",\n  {" : "\n  {");
        put_key_string(&o, "job", v->unassigned[i].job, false);
        put_key_string(&o, "customer", v->unassigned[i].customer, true);
        put_key_string(&o, "reason", v->unassigned[i].reason, true);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, "]");
    if (v->nexpired) {
        io_json_out_raw(&o, ",\n \"expired\": [");
        for (int i = 0; i < v->nexpired; i++) {
            io_json_out_raw(&o, i ? ",\n  {" : "\n  {");
            put_key_string(&o, "job", v->expired[i].job, false);
            put_key_string(&o, "customer", v->expired[i].customer, true);
            io_json_out_raw(&o, "}");
        }
        io_json_out_raw(&o, "]");
    }
    io_json_out_raw(&o, ",\n \"bound\": ");
    io_json_out_bound(&o, &v->bound);
    io_json_out_raw(&o, "}\n");
    return io_json_out_finish(&o, err);
}

static bool read_run(sqlite3_stmt *st, void *row)
{
    io_store_run_row *x = row;
    x->id = sqlite3_column_int64(st, 0);
    x->started_at = sqlite3_column_int64(st, 1);
    x->finished_at = sqlite3_column_int64(st, 2);
    x->horizon_days = sqlite3_column_int(st, 4);
    x->seed = sqlite3_column_int64(st, 5);
    x->time_limit_s = sqlite3_column_double(st, 6);
    x->jobs = sqlite3_column_int(st, 9);
    x->technicians = sqlite3_column_int(st, 10);
    x->shifts = sqlite3_column_int(st, 11);
    x->assigned = sqlite3_column_int(st, 12);
    x->unassigned = sqlite3_column_int(st, 13);
    x->unassigned_weight = sqlite3_column_int64(st, 14);
    x->travel_s = sqlite3_column_int64(st, 15);
    x->distance_m = sqlite3_column_int64(st, 16);
    x->moved_jobs = sqlite3_column_int(st, 17);
    x->shifted_jobs = sqlite3_column_int(st, 18);
    x->iterations = sqlite3_column_int64(st, 19);
    x->solve_s = sqlite3_column_double(st, 20);
    x->version = sqlite3_column_int64(st, 21);
    read_bound(st, 23, &x->bound);
    return true;
}

static const io_store_row_type run_rows = {
    sizeof(io_store_run_row), 32, read_run, 4,
    {IO_STORE_TEXT(io_store_run_row, horizon_from, 3), IO_STORE_TEXT(io_store_run_row, outcome, 7),
     IO_STORE_TEXT(io_store_run_row, message, 8),
     IO_STORE_TEXT(io_store_run_row, version_status, 22)}};

void io_store_runs_free(io_store_run_row *rows, int n)
{
    io_store_list_free(&run_rows, rows, n);
}

model_status io_store_runs_list(io_store *s, io_store_run_row **rows, int *n, model_error *err)
{
    return io_store_list(
        s, &run_rows, (void **)rows, n, "read plan runs", err,
        "SELECT r.id, r.started_at, r.finished_at, r.horizon_from, r.horizon_days, r.seed, "
        "r.time_limit_s, r.outcome, r.message, r.jobs, r.technicians, r.shifts, r.assigned, "
        "r.unassigned, r.unassigned_weight, r.travel_s, r.distance_m, r.moved_jobs, "
        "r.shifted_jobs, r.iterations, r.solve_s, v.id, v.status, r.bound_unassigned_weight, "
        "r.bound_cost, r.bound_gap, r.bound_proven_optimal "
        "FROM plan_runs r LEFT JOIN schedule_versions v ON v.run_id = r.id ORDER BY r.id", "");
}

/* A run's texts to export (io_store_export_run). */
typedef struct export_ctx {
    const io_store *s;
    char **problem_json, **schedule_json;
    int64_t *run_out;
} export_ctx;

static model_status read_export(void *ctx, sqlite3_stmt *st, model_error *err)
{
    export_ctx *x = ctx;
    int64_t id = sqlite3_column_int64(st, 0);
    if (sqlite3_column_type(st, 3) == SQLITE_NULL)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: run %lld stored no schedule (outcome %s)",
                               x->s->name, (long long)id, (const char *)sqlite3_column_text(st, 2));
    bool ok = true;
    *x->problem_json = io_store_column_dup(st, 1, &ok);
    *x->schedule_json = io_store_column_dup(st, 3, &ok);
    if (x->run_out)
        *x->run_out = id;
    return ok && *x->problem_json && *x->schedule_json ? MODEL_OK : nomem(err);
}

model_status io_store_export_run(io_store *s, int64_t run, char **problem_json,
                                 char **schedule_json, int64_t *run_out, model_error *err)
{
    *problem_json = *schedule_json = NULL;
    export_ctx x = {s, problem_json, schedule_json, run_out};
    bool found;
    model_status rc = io_store_query_row(
        s, read_export, &x, &found, "read plan runs", err,
        "SELECT r.id, " IO_STORE_RUN_PROBLEM ", r.outcome, v.schedule_json FROM plan_runs r "
        "LEFT JOIN schedule_versions v ON v.run_id = r.id "
        "WHERE (?1 = 0 AND v.status = 'published') OR r.id = ?1", "I", run);
    if (rc == MODEL_OK && !found)
        rc = io_store_not_found(s, "run", run, err);
    if (rc != MODEL_OK) {
        free(*problem_json);
        free(*schedule_json);
        *problem_json = *schedule_json = NULL;
    }
    return rc;
}
