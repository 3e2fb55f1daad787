/* teststore.h - fixtures for the tests that need a database: a private
 * temporary directory (removed at exit), a new store in it, raw SQL, the
 * CSV test set (tests/data/store) imported, and two hand-built schedules.
 * Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_TESTSTORE_H
#define FIELDPLAN_TESTS_TESTSTORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_plan.h"
#include "model/schedule.h"
#include "testfile.h"

static char dir[64];

/* Removes the (flat) test directory at exit. */
static inline void remove_dir(void)
{
    if (dir[0])
        remove_flat_dir(dir);
}

static inline const char *tmp_path(const char *name)
{
    static char buf[8][160];
    static int k;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fp_test_XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    char *p = buf[k++ % 8];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

static inline io_store *open_new(const char *name)
{
    const char *path = tmp_path(name);
    unlink(path);
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.create = true;
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, path, &opt, &err), MODEL_OK);
    return s;
}

/* The first column of the first row of sql, read on a separate raw
 * connection to path: into *i as an integer (-2 when NULL; untouched when
 * there is no row or an error), into *text as a copy the caller frees
 * (untouched when NULL or none); either may be NULL. */
static inline void sql_first(const char *path, const char *sql, long long *i, char **text)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            bool null = sqlite3_column_type(st, 0) == SQLITE_NULL;
            if (i)
                *i = null ? -2 : sqlite3_column_int64(st, 0);
            const unsigned char *t = text && !null ? sqlite3_column_text(st, 0) : NULL;
            if (t)
                *text = strdup((const char *)t);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

/* sql's first value as an integer: -1 when there is none, -2 when NULL. */
static inline long long sql_int(const char *path, const char *sql)
{
    long long v = -1;
    sql_first(path, sql, &v, NULL);
    return v;
}

/* sql's first value as text (caller frees), NULL when none or NULL. */
static inline char *sql_text(const char *path, const char *sql)
{
    char *v = NULL;
    sql_first(path, sql, NULL, &v);
    return v;
}

static inline void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static inline void import_csv_set(io_store *s)
{
    static const char *files[] = {"locations.csv", "technicians.csv", "shifts.csv",
                                  "absences.csv", "jobs.csv"};
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_set_timezone(s, "Europe/Berlin", &err), MODEL_OK);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, FIELDPLAN_TEST_DATA "/store/%s", files[i]);
        io_store_import_stats st;
        model_status rc = io_store_import_file(s, path, &st, &err);
        if (rc != MODEL_OK)
            fprintf(stderr, "%s\n", err.msg);
        CHECK_EQ_INT(rc, MODEL_OK);
    }
}

/* An all-unassigned schedule: valid for any problem. */
static inline model_schedule *all_unassigned(const model_problem *p)
{
    model_schedule *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_schedule_create(&s, p, &err), MODEL_OK);
    for (int j = 0; j < p->njobs; j++)
        model_schedule_add_unassigned(s, j, "not planned in this test", &err);
    return s;
}

/* A schedule serving job J-1001 alone on t-01's first shift (start an hour
 * into the shift, then the break, then home); the other jobs unassigned.
 * *start receives the job's service start. */
static inline model_schedule *one_job_schedule(const model_problem *p, int64_t *start)
{
    model_error err = MODEL_ERROR_INIT;
    int j = model_strmap_get(&p->job_index, "J-1001"), t = model_strmap_get(&p->technician_index, "t-01");
    model_schedule *sched = NULL;
    model_route *r = NULL;
    model_schedule_create(&sched, p, &err);
    const model_technician *tech = &p->technicians[t];
    int64_t go = tech->shifts[0].start + 3600;
    int32_t there = model_travel_duration(p, tech->start_location, p->jobs[j].location);
    int32_t back = model_travel_duration(p, p->jobs[j].location, tech->end_location);
    model_schedule_add_route(sched, t, 0, &r, &err);
    model_stop st0 = {MODEL_STOP_START, -1, tech->start_location, go, go, go};
    model_stop sj = {MODEL_STOP_JOB, j, p->jobs[j].location, go + there, go + there,
                     go + there + p->jobs[j].duration};
    model_stop br = {MODEL_STOP_BREAK, -1, -1, tech->shifts[0].breaks[0].earliest,
                     tech->shifts[0].breaks[0].earliest,
                     tech->shifts[0].breaks[0].earliest + tech->shifts[0].breaks[0].duration};
    int64_t home = br.end + back;
    model_stop se = {MODEL_STOP_END, -1, tech->end_location, home, home, home};
    model_route_add_stop(r, &st0, &err);
    model_route_add_stop(r, &sj, &err);
    model_route_add_stop(r, &br, &err);
    model_route_add_stop(r, &se, &err);
    for (int k = 0; k < p->njobs; k++)
        if (k != j)
            model_schedule_add_unassigned(sched, k, "test", &err);
    *start = go + there;
    return sched;
}

/* The horizon problem of `days` days from `from`, or NULL after counting a
 * failure (the error on stderr). */
static inline io_store_plan *load_plan(io_store *s, const char *from, int days)
{
    io_store_plan *pl = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_plan_load(s, from, days, &pl, &err), MODEL_OK);
    if (!pl)
        fprintf(stderr, "%s\n", err.msg);
    return pl;
}

/* The horizon problem of *s (load_plan); NULL, the store closed and *s
 * NULL, when that fails. */
static inline io_store_plan *plan_or_close(io_store **s, const char *from, int days)
{
    io_store_plan *pl = load_plan(*s, from, days);
    if (!pl) {
        io_store_close(*s);
        *s = NULL;
    }
    return pl;
}

/* A new store `name` with the CSV test set and its horizon problem loaded;
 * NULL (the store closed, the failure counted) when that fails. */
static inline io_store_plan *csv_plan(io_store **s, const char *name, const char *from, int days)
{
    *s = open_new(name);
    import_csv_set(*s);
    return plan_or_close(s, from, days);
}

/* A new store `name` with tests/data/store/small.json imported and its
 * horizon problem of `days` days from `from` loaded; NULL (the store closed,
 * the failure counted) when that fails. */
static inline io_store_plan *small_plan(io_store **s, const char *name, const char *from, int days)
{
    model_error err = MODEL_ERROR_INIT;
    *s = open_new(name);
    CHECK_EQ_INT(io_store_import_file(*s, FIELDPLAN_TEST_DATA "/store/small.json", NULL, &err),
                 MODEL_OK);
    return plan_or_close(s, from, days);
}

/* Saves sched as a published run of pl with schedule text json. */
static inline void save_published(io_store *s, const io_store_plan *pl,
                                  const model_schedule *sched, const char *json)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_run_info run = {0};
    run.outcome = "published";
    CHECK_EQ_INT(io_store_plan_save(s, pl, sched, json, &run, NULL, NULL, &err), MODEL_OK);
}

#endif
