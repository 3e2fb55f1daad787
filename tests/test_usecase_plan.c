/* test_usecase_plan.c - the planning policy (usecase/plan.h) on horizons
 * loaded from a database: the may-wait notes on unassigned jobs, keeping
 * the published schedule for unchanged input, counting moved jobs. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/json_schedule.h"
#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_plan.h"
#include "usecase/plan.h"
#include "testlib.h"

#define DATA FIELDPLAN_TEST_DATA "/store/"

static char dir[64];

/* Removes the (flat) test directory at exit. */
static void remove_dir(void)
{
    DIR *d = dir[0] ? opendir(dir) : NULL;
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        char p[400];
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    rmdir(dir);
}

static const char *tmp_path(const char *name)
{
    static char buf[8][160];
    static int k;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fp_test_plan_XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    char *p = buf[k++ % 8];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

static io_store *open_new(const char *name)
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

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void import_csv_set(io_store *s)
{
    static const char *files[] = {"locations.csv", "technicians.csv", "shifts.csv",
                                  "absences.csv", "jobs.csv"};
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_set_timezone(s, "Europe/Berlin", &err), MODEL_OK);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "%s", files[i]);
        io_store_import_stats st;
        model_status rc = io_store_import_file(s, path, &st, &err);
        if (rc != MODEL_OK)
            fprintf(stderr, "%s\n", err.msg);
        CHECK_EQ_INT(rc, MODEL_OK);
    }
}

/* An all-unassigned schedule: valid for any problem. */
static model_schedule *all_unassigned(const model_problem *p)
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
static model_schedule *one_job_schedule(const model_problem *p, int64_t *start)
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

/* Saves sched as the published version of pl, with its real JSON. */
static void publish(io_store *s, const io_store_plan *pl, const model_schedule *sched)
{
    model_error err = MODEL_ERROR_INIT;
    char *json = io_json_schedule_to_string(pl->problem, sched, &err);
    CHECK(json != NULL);
    io_store_run_info run = {0};
    run.outcome = "published";
    CHECK_EQ_INT(io_store_plan_save(s, pl, sched, json, &run, NULL, NULL, &err), MODEL_OK);
    free(json);
}

static void test_usecase_plan__notes_jobs_that_may_wait_past_the_horizon(void)
{
    io_store *s = open_new("plan.db");
    import_csv_set(s);
    io_store_plan *pl = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 1, &pl, &err), MODEL_OK);
    if (!pl) {
        fprintf(stderr, "%s\n", err.msg);
        io_store_close(s);
        return;
    }
    int j6 = model_strmap_get(&pl->problem->job_index, "J-6");
    CHECK(j6 >= 0);
    model_schedule *sched = all_unassigned(pl->problem);
    CHECK_EQ_INT(usecase_plan_annotate(pl, sched, &err), MODEL_OK);
    if (j6 >= 0)
        CHECK_STR_CONTAINS(sched->unassigned[j6].reason, "may wait: deadline after the horizon; ");
    model_schedule_free(sched);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_usecase_plan__keeps_the_published_schedule_for_unchanged_input(void)
{
    io_store *s = open_new("same.db");
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_file(s, DATA "small.json", NULL, &err), MODEL_OK);
    io_store_plan *pl = NULL;
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (!pl) {
        io_store_close(s);
        return;
    }
    CHECK(pl->previous_same == NULL);
    int64_t start;
    model_schedule *one = one_job_schedule(pl->problem, &start);
    publish(s, pl, one);
    model_schedule_free(one);
    io_store_plan_free(pl);
    /* Same days, same data: the published schedule comes back as previous_same. */
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (!pl) {
        io_store_close(s);
        return;
    }
    CHECK(pl->previous_same != NULL);
    bool kept = false;
    /* A worse schedule (nothing served) gives way to the published one... */
    model_schedule *sched = all_unassigned(pl->problem);
    CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
    CHECK(kept);
    model_summary m = model_schedule_summarize(pl->problem, sched);
    CHECK_EQ_INT(m.assigned, 1);
    int moved = -1, shifted = -1;
    usecase_plan_moves(pl, sched, &moved, &shifted);
    CHECK_EQ_INT(moved, 0);
    CHECK_EQ_INT(shifted, 0);
    model_schedule_free(sched);
    /* ... and so does an equal one (the same schedule built anew). */
    sched = one_job_schedule(pl->problem, &start);
    CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
    CHECK(kept);
    model_schedule_free(sched);
    io_store_plan_free(pl);
    /* Changed data (a longer job): no previous_same, the new schedule stands. */
    sql_exec(tmp_path("same.db"), "UPDATE jobs SET duration_s = 7200 WHERE id = 'J-1002'");
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (pl) {
        CHECK(pl->previous_same == NULL);
        CHECK(pl->previous != NULL);
        sched = all_unassigned(pl->problem);
        CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
        CHECK(!kept);
        model_schedule_free(sched);
    }
    io_store_plan_free(pl);
    /* Another horizon: no previous_same either. */
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 1, &pl, &err), MODEL_OK);
    if (pl)
        CHECK(pl->previous_same == NULL);
    io_store_plan_free(pl);
    io_store_close(s);
}

TESTLIB_MAIN({"usecase_plan__notes_jobs_that_may_wait_past_the_horizon",
              test_usecase_plan__notes_jobs_that_may_wait_past_the_horizon},
             {"usecase_plan__keeps_the_published_schedule_for_unchanged_input",
              test_usecase_plan__keeps_the_published_schedule_for_unchanged_input})
