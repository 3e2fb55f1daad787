/* faults.h - fixtures of the fault-injection tests (test_usecase_faults_*):
 * a base database with a published plan and a saved draft, a fresh copy of
 * it for each attempt, the use cases that write to it (plan, book, publish)
 * as one call each, and a fingerprint of the published version to compare
 * before and after a failed attempt. Include after testlib.h and
 * teststore.h. */
#ifndef FIELDPLAN_TESTS_FAULTS_H
#define FIELDPLAN_TESTS_FAULTS_H

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/json_schedule.h"
#include "io/store/store_plan.h"
#include "usecase/book.h"
#include "usecase/plan.h"
#include "usecase/publish.h"
#include "testfile.h"

#define FAULTS_DATA FIELDPLAN_TEST_DATA "/store/small.json"
#define FAULTS_FROM "2026-11-23"
#define FAULTS_DAYS 2
#define FAULTS_SLOT "2026-11-24T08:00/2026-11-24T17:00"

/* The job booked: written by faults_make_base beside the base. */
static char faults_job[256];
static const char faults_job_text[] =
    "{\"id\": \"J-9001\", \"title\": \"Boiler repair\", \"customer\": \"K. Neu\",\n"
    " \"location\": {\"id\": \"c-9001\", \"lat\": 52.55, \"lon\": 13.40},\n"
    " \"duration_min\": 30, \"skills\": [\"boiler\"], \"priority\": 2}\n";

/* A private directory in memory (/dev/shm) when there is one, else under
 * /tmp: the sweeps copy and sync a database thousands of times. Removed at
 * exit. */
static char faults_dirname[64];

static inline void faults_remove_dir(void)
{
    if (faults_dirname[0])
        remove_flat_dir(faults_dirname);
}

/* name's path in that directory, copied into buf[size]. */
static inline const char *faults_path(const char *name, char *buf, size_t size)
{
    if (!faults_dirname[0]) {
        snprintf(faults_dirname, sizeof faults_dirname, "/dev/shm/fp_fault_XXXXXX");
        if (!mkdtemp(faults_dirname)) {
            snprintf(faults_dirname, sizeof faults_dirname, "/tmp/fp_fault_XXXXXX");
            if (!mkdtemp(faults_dirname))
                abort();
        }
        atexit(faults_remove_dir);
    }
    snprintf(buf, size, "%s/%s", faults_dirname, name);
    return buf;
}

/* Copies file from to to (plain read/write: no allocation). */
static inline void faults_copy(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(in >= 0 && out >= 0);
    char buf[65536];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        CHECK(write(out, buf, (size_t)n) == n);
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
}

/* A fresh copy of the base database at work (and no WAL beside it). */
static inline void faults_reset(const char *base, const char *work)
{
    char p[256];
    snprintf(p, sizeof p, "%.200s-wal", work);
    unlink(p);
    snprintf(p, sizeof p, "%.200s-shm", work);
    unlink(p);
    faults_copy(base, work);
}

/* Appends the rows of one query, tab-separated, to *buf. */
static inline void faults_dump(sqlite3 *db, const char *sql, char **buf, size_t *len)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        CHECK(!"fingerprint query");
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            size_t n = v ? strlen(v) : 4;
            char *b = realloc(*buf, *len + n + 2);
            if (!b)
                abort();
            *buf = b;
            memcpy(b + *len, v ? v : "NULL", n);
            *len += n;
            b[(*len)++] = c + 1 < sqlite3_column_count(st) ? '\t' : '\n';
            b[*len] = '\0';
        }
    }
    sqlite3_finalize(st);
}

/* The published version as stored (its row, assignments, unassigned jobs),
 * the job statuses and the feed bookkeeping, as text (caller frees). Read
 * with the database's own connection closed, after the WAL. */
static inline char *faults_published(const char *path)
{
    sqlite3 *db;
    char *buf = calloc(1, 1);
    size_t len = 0;
    if (!buf || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        abort();
    faults_dump(db, "SELECT id, run_id, horizon_from, horizon_to, created_at, schedule_json "
                    "FROM schedule_versions WHERE status = 'published'", &buf, &len);
    faults_dump(db, "SELECT a.* FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
                    "WHERE v.status = 'published' ORDER BY a.job_id", &buf, &len);
    faults_dump(db, "SELECT u.* FROM unassigned u JOIN schedule_versions v ON v.id = u.version_id "
                    "WHERE v.status = 'published' ORDER BY u.job_id", &buf, &len);
    faults_dump(db, "SELECT id, status FROM jobs ORDER BY id", &buf, &len);
    faults_dump(db, "SELECT count(*) FROM schedule_versions", &buf, &len);
    sqlite3_close(db);
    return buf;
}

/* The base database: small.json imported, a plan of FAULTS_DAYS days
 * published (by the plan use case, 200 iterations), then a draft with the
 * first job unassigned saved against it; *draft its version id. */
static inline void faults_make_base(const char *path, int64_t *draft);

/* The last use case's error message. */
static char faults_last_err[MODEL_ERROR_MSG_MAX];

static char faults_draft_id[24];

/* The use cases the sweeps run on a database. */
typedef enum faults_use_case { FAULTS_PLAN, FAULTS_BOOK, FAULTS_PUBLISH } faults_use_case;

/* Runs use case uc on db: plan the horizon (200 iterations, seed 7, the
 * guard out of the way), book faults_job in FAULTS_SLOT, or publish
 * faults_draft_id (forced; refused or already published is an error).
 * *ss_out (may be NULL) receives the session, faults_last_err the error
 * message. */
static inline model_status faults_run(faults_use_case uc, const char *db, usecase_session *ss_out)
{
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    model_error err = MODEL_ERROR_INIT;
    model_status rc;
    if (uc == FAULTS_PLAN) {
        usecase_plan_options opt = {.from = FAULTS_FROM, .days = FAULTS_DAYS,
                                    .solver = SOLVER_OPTIONS_INIT,
                                    .guard = USECASE_GUARD_OPTIONS_INIT};
        opt.solver.max_iterations = 200;
        opt.solver.time_limit_s = 30;
        opt.solver.seed = 7;
        opt.guard.max_dropped = 1000; /* the guard is not under test here */
        usecase_plan pl;
        memset(&pl, 0, sizeof pl);
        rc = usecase_plan_run(&ss, &opt, &pl, &err);
        usecase_plan_free(&pl);
    } else if (uc == FAULTS_BOOK) {
        usecase_book_options opt = {faults_job, FAULTS_SLOT};
        usecase_book bk;
        memset(&bk, 0, sizeof bk);
        rc = usecase_book_run(&ss, &opt, &bk, &err);
        usecase_book_free(&bk);
    } else {
        usecase_publish_options opt = {faults_draft_id, true, 1000};
        usecase_publish pu;
        memset(&pu, 0, sizeof pu);
        rc = usecase_publish_run(&ss, &opt, &pu, &err);
        if (rc == MODEL_OK && (pu.guard.refused || pu.already))
            rc = MODEL_ERR_INTERNAL; /* the fixture's draft publishes */
        usecase_publish_free(&pu);
    }
    snprintf(faults_last_err, sizeof faults_last_err, "%s", err.msg);
    if (ss_out)
        *ss_out = ss;
    return rc;
}

/* Checks that the database at path opens and passes its integrity check. */
static inline void faults_check_integrity(const char *path)
{
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    io_store_options o = IO_STORE_OPTIONS_INIT;
    CHECK_EQ_INT(io_store_open(&s, path, &o, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_check(s, &err), MODEL_OK);
    io_store_close(s);
}

static inline void faults_make_base(const char *path, int64_t *draft)
{
    model_error err = MODEL_ERROR_INIT;
    snprintf(faults_job, sizeof faults_job, "%.200s.job.json", path);
    FILE *jf = fopen(faults_job, "w");
    CHECK(jf != NULL);
    if (jf) {
        fputs(faults_job_text, jf);
        fclose(jf);
    }
    unlink(path);
    io_store_options o = IO_STORE_OPTIONS_INIT;
    o.create = true;
    io_store *s = NULL;
    CHECK_EQ_INT(io_store_open(&s, path, &o, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_import_file(s, FAULTS_DATA, NULL, &err), MODEL_OK);
    io_store_close(s);
    usecase_session ss;
    model_status rc = faults_run(FAULTS_PLAN, path, &ss);
    if (rc != MODEL_OK)
        fprintf(stderr, "base plan: stage %d: %s\n", (int)ss.failed, faults_last_err);
    CHECK_EQ_INT(rc, MODEL_OK);
    s = NULL;
    CHECK_EQ_INT(io_store_open(&s, path, &o, &err), MODEL_OK);
    io_store_plan *pl = NULL;
    CHECK_EQ_INT(io_store_plan_load(s, FAULTS_FROM, FAULTS_DAYS, &pl, &err), MODEL_OK);
    if (pl) {
        model_schedule *sched = all_unassigned(pl->problem);
        char *json = io_json_schedule_to_string(pl->problem, sched, &err);
        io_store_run_info run = {0};
        run.outcome = "draft";
        run.parameters = "{}";
        CHECK_EQ_INT(io_store_plan_save(s, pl, sched, json, &run, NULL, draft, &err), MODEL_OK);
        free(json);
        model_schedule_free(sched);
        io_store_plan_free(pl);
    }
    io_store_close(s);
    snprintf(faults_draft_id, sizeof faults_draft_id, "%lld", (long long)*draft);
}

#endif
