/* test_usecase_faults_alloc.c - every allocation of the readers and of the
 * store's writes fails once, as SQLite's own fault tests do: for N = 0, 1,
 * ... allocation N fails (tests/fault_alloc.h) until the operation runs
 * without reaching it. Each failed attempt must return an error (or absorb
 * the failure and succeed), leak nothing, and leave the database's
 * published version, job statuses and versions as they were: the
 * database is a fresh copy of one base for every attempt. A failure after
 * the use case committed (writing feeds or files) must leave a database
 * that passes its integrity check. Prints per operation the allocation
 * points failed. Skipped under sanitizers (they own malloc).
 *
 * The readers' sweeps fail every allocation; the database sweeps every
 * FAULTS_STORE_STRIDE-th (store operations) and FAULTS_STRIDE-th (use
 * cases) allocation, 1 by default (CTest sets 29 and 97 to stay within the
 * suite's time). FAULTS_ONLY=NAME FAULTS_N=K tries one allocation of one
 * operation (to debug a failure).
 *
 * libical is not written to survive a failed allocation (icaltzutil, its
 * lists and the ICU calendar under it dereference NULL), so allocations
 * made while libical is on the stack are spared: the next allocation outside it fails instead. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/formats/csv.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "io/formats/scenario.h"
#include "io/formats/solomon.h"
#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_whatif.h"
#include "testlib.h"
#include "teststore.h"
#include "testfile.h"
#include "faults.h"
#include "fault_alloc.h"

typedef model_status (*op_fn)(void *ctx, usecase_stage *failed);

/* libical keeps recent temporary strings in a ring it frees later: emptied
 * after each attempt so that the leak count sees only what is ours. */
void icalmemory_free_ring(void);

/* Whether libical (or the ICU it calls) is among the callers of the allocation being made. */
static bool inside_libical(void)
{
    void *frames[48];
    int n = backtrace(frames, 48);
    for (int i = 1; i < n; i++) {
        Dl_info di;
        if (dladdr(frames[i], &di) && di.dli_fname && (strstr(di.dli_fname, "libical") || strstr(di.dli_fname, "libicu")))
            return true;
    }
    return false;
}

static long total_points, total_absorbed, total_after_commit;

/* The sweep over allocation N = 0, 1, ... of op (see the file comment).
 * base NULL: op does not touch a database. */
static void sweep_every(const char *what, op_fn op, void *ctx, const char *base, const char *work,
                        long stride)
{
    char *before = NULL;
    usecase_stage failed = USECASE_STAGE_NONE;
    if (base) {
        faults_reset(base, work);
        before = faults_published(work);
    }
    /* Once without a failure: the libraries' one-time allocations. */
    if (base)
        faults_reset(base, work);
    CHECK_EQ_INT(op(ctx, &failed), MODEL_OK);
    icalmemory_free_ring();
    long n, absorbed = 0, after_commit = 0, errors = 0;
    /* FAULTS_N=K FAULTS_ONLY=WHAT: only allocation K of that operation (debugging) */
    const char *only = getenv("FAULTS_ONLY"), *one = getenv("FAULTS_N");
    if (only && strcmp(only, what) != 0) {
        free(before);
        return;
    }
    long tried = 0, lib_leaks = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (n = one ? atol(one) : 0; n < 1000000; n += stride) {
        tried++;
        if (base)
            faults_reset(base, work);
        failed = USECASE_STAGE_NONE;
        long live = fault_alloc_live;
        fault_alloc_arm(n);
        model_status st = op(ctx, &failed);
        bool fired = fault_alloc_fired;
        fault_alloc_arm(-1);
        icalmemory_free_ring();
        if (fault_alloc_live != live && st == MODEL_OK) {
            /* Absorbed inside a library: SQLite's built-in FTS5 registration
             * keeps what it allocated when one of its allocations fails
             * during sqlite3_open_v2, which still succeeds. Counted, not ours. */
            lib_leaks++;
        } else if (fault_alloc_live != live) {
            fprintf(stderr, "%s: allocation %ld failed: %ld blocks leaked (status %d, stage %d)\n",
                    what, n, fault_alloc_live - live, (int)st, (int)failed);
            CHECK_EQ_INT(fault_alloc_live, live);
        }
        if (!fired) {
            CHECK_EQ_INT(st, MODEL_OK);
            break;
        }
        if (one) {
            fprintf(stderr, "%s: allocation %ld: status %d, stage %d: %s\n", what, n, (int)st,
                    (int)failed, faults_last_err);
            break;
        }
        if (st == MODEL_OK)
            absorbed++;
        else
            errors++;
        if (!base)
            continue;
        bool committed = st != MODEL_OK && (failed == USECASE_STAGE_AFTER_STORE ||
                                            failed == USECASE_STAGE_FEEDS ||
                                            failed == USECASE_STAGE_UNLOCK);
        if (st == MODEL_OK || committed) {
            after_commit += committed;
            faults_check_integrity(work);
            continue;
        }
        char *after = faults_published(work);
        if (strcmp(before, after) != 0) {
            fprintf(stderr, "%s: allocation %ld failed (status %d, stage %d): the published "
                    "version changed\n--- before\n%.2000s\n--- after\n%.2000s\n",
                    what, n, (int)st, (int)failed, before, after);
            CHECK(!"published version unchanged");
        }
        free(after);
    }
    free(before);
    fflush(stderr);
    tried = tried > 0 ? tried - 1 : 0; /* the last attempt reached no failure */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%-20s %6ld allocation points failed (every %ld of %ld): %ld errors, %ld absorbed "
           "(%ld of them leaking inside SQLite), %ld after the commit; %.1f s\n", what, tried,
           stride, n, errors, absorbed, lib_leaks, after_commit,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    fflush(stdout);
    total_points += tried;
    total_absorbed += absorbed;
    total_after_commit += after_commit;
}

/* ---- the readers ---- */

static void sweep(const char *what, op_fn op, void *ctx, const char *base, const char *work)
{
    sweep_every(what, op, ctx, base, work, 1);
}

/* The sweeps over a database fail every K-th allocation: K from
 * FAULTS_STORE_STRIDE for the store's operations and FAULTS_STRIDE for the
 * use cases (default 1: every one; CTest sets larger strides to stay within
 * the suite's time). */
static long stride_of(const char *var)
{
    const char *s = getenv(var);
    long k = s ? atol(s) : 1;
    return k >= 1 ? k : 1;
}

static long use_case_stride(void)
{
    return stride_of("FAULTS_STRIDE");
}

/* What a reader's sweep reads: its text, and which reader. */
typedef enum reader_kind {
    READ_PROBLEM,
    READ_SCHEDULE,
    READ_SCENARIO,
    READ_JOB,
    READ_CSV,
    READ_SOLOMON
} reader_kind;

typedef struct text {
    char *data;
    size_t len;
    reader_kind kind;
    model_problem *p; /* for the schedule reader */
} text;

/* One read of t->data by its reader; whatever it made is freed. */
static model_status read_text(void *ctx, usecase_stage *failed)
{
    (void)failed;
    text *t = ctx;
    model_problem *p = NULL;
    model_schedule *s = NULL;
    io_scenario *sc = NULL;
    io_csv_table *tab = NULL;
    model_summary claimed;
    int has = 0;
    model_report rep = MODEL_REPORT_INIT;
    model_error err = MODEL_ERROR_INIT;
    model_status rc = MODEL_ERR_INPUT;
    switch (t->kind) {
    case READ_PROBLEM:
        rc = io_json_read_problem_text(t->data, t->len, "p.json", &p, &err);
        break;
    case READ_SCHEDULE:
        rc = io_json_read_schedule_text(t->p, t->data, t->len, "s.json", &s, &claimed, &has, &rep,
                                        &err);
        break;
    case READ_SCENARIO:
        rc = io_scenario_read_text(t->data, t->len, "s.json", &sc, &err);
        break;
    case READ_JOB:
        rc = io_scenario_read_job_text(t->data, t->len, "job.json", NULL, &sc, &err);
        break;
    case READ_CSV:
        rc = io_csv_parse(t->data, t->len, "jobs.csv", &tab, &err);
        break;
    case READ_SOLOMON:
        rc = io_solomon_read_text(t->data, t->len, "c101.txt", &p, &err);
        break;
    }
    model_report_clear(&rep);
    model_schedule_free(s);
    model_problem_free(p);
    io_scenario_free(sc);
    io_csv_free(tab);
    return rc;
}

static text load(const char *path, reader_kind kind)
{
    text t = {NULL, 0, kind, NULL};
    t.data = slurp(path, &t.len);
    CHECK(t.data != NULL);
    return t;
}

static void test_faults__every_reader_allocation(void)
{
    if (!FAULT_ALLOC_ENABLED)
        return;
    static const struct {
        const char *what, *path;
        reader_kind kind;
    } readers[] = {
        {"problem JSON", FIELDPLAN_TEST_DATA "/store/small.json", READ_PROBLEM},
        {"schedule JSON", FIELDPLAN_TEST_DATA "/check/capacity_schedule.json", READ_SCHEDULE},
        {"scenario", FIELDPLAN_SOURCE_DIR "/tests/whatif/data/mixed.json", READ_SCENARIO},
        {"job", FIELDPLAN_SOURCE_DIR "/tests/whatif/data/job.json", READ_JOB},
        {"CSV", FIELDPLAN_TEST_DATA "/store/jobs.csv", READ_CSV},
        {"Solomon", FIELDPLAN_TEST_DATA "/solomon/c101.txt", READ_SOLOMON},
    };
    /* the schedule is read against its problem */
    text pt = load(FIELDPLAN_TEST_DATA "/check/capacity_problem.json", READ_PROBLEM);
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    CHECK_EQ_INT(io_json_read_problem_text(pt.data, pt.len, "p.json", &p, &err), MODEL_OK);
    free(pt.data);
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        text t = load(readers[i].path, readers[i].kind);
        t.p = p;
        if (t.data && (t.kind != READ_SCHEDULE || p))
            sweep(readers[i].what, read_text, &t, NULL, NULL);
        free(t.data);
    }
    model_problem_free(p);
}

/* ---- the store ---- */

static char work_db[200], base_db[200], new_db[200];
static int64_t draft_version;

/* The store's operations swept: a new database (new_db), or on the work
 * database an import of a file, a plan saved (all unassigned) or the
 * draft published. */
typedef enum store_kind { STORE_CREATE, STORE_IMPORT, STORE_PLAN_SAVE, STORE_PUBLISH } store_kind;

typedef struct store_op {
    store_kind kind;
    const char *file; /* STORE_IMPORT's */
} store_op;

/* Loads the horizon problem of s and saves a plan leaving every job
 * unassigned, published. */
static model_status plan_save(io_store *s, model_error *err)
{
    io_store_plan *pl = NULL;
    model_schedule *sched = NULL;
    char *json = NULL;
    model_status rc = io_store_plan_load(s, FAULTS_FROM, FAULTS_DAYS, &pl, err);
    if (rc == MODEL_OK)
        rc = model_schedule_create(&sched, pl->problem, err);
    for (int j = 0; rc == MODEL_OK && j < pl->problem->njobs; j++)
        rc = model_schedule_add_unassigned(sched, j, "fault test", err);
    if (rc == MODEL_OK && !(json = io_json_schedule_to_string(pl->problem, sched, err)))
        rc = err->code ? err->code : MODEL_ERR_NOMEM;
    if (rc == MODEL_OK) {
        io_store_run_info run = {0};
        run.outcome = "published";
        run.parameters = "{}";
        rc = io_store_plan_save(s, pl, sched, json, &run, NULL, NULL, err);
    }
    free(json);
    model_schedule_free(sched);
    io_store_plan_free(pl);
    return rc;
}

/* One store operation; ctx: its store_op. */
static model_status store_run(void *ctx, usecase_stage *failed)
{
    (void)failed;
    const store_op *op = ctx;
    io_store_options o = IO_STORE_OPTIONS_INIT;
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (op->kind == STORE_CREATE) {
        unlink(new_db);
        o.create = true;
    }
    model_status rc = io_store_open(&s, op->kind == STORE_CREATE ? new_db : work_db, &o, &err);
    if (rc == MODEL_OK && op->kind == STORE_IMPORT)
        rc = io_store_import_file(s, op->file, NULL, &err);
    else if (rc == MODEL_OK && op->kind == STORE_PLAN_SAVE)
        rc = plan_save(s, &err);
    else if (rc == MODEL_OK && op->kind == STORE_PUBLISH)
        rc = io_store_publish(s, draft_version, true, "fault test", NULL, &err);
    io_store_close(s);
    return rc;
}

/* A use case of faults.h on the work database; ctx: its faults_use_case. */
static model_status uc_run(void *ctx, usecase_stage *failed)
{
    const faults_use_case *uc = ctx;
    usecase_session ss;
    model_status rc = faults_run(*uc, work_db, &ss);
    *failed = ss.failed;
    return rc;
}

static void test_faults__every_store_allocation(void)
{
    if (!FAULT_ALLOC_ENABLED)
        return;
    const char *base = base_db;
    void *warm[2];
    backtrace(warm, 2); /* loads what backtrace needs before any failure */
    fault_alloc_spare = inside_libical;
    faults_path("base.db", base_db, sizeof base_db);
    faults_path("work.db", work_db, sizeof work_db);
    faults_path("new.db", new_db, sizeof new_db);
    faults_make_base(base, &draft_version);
    /* new jobs, a changed one and a cancelled one */
    static char csv[200];
    faults_path("jobs.csv", csv, sizeof csv);
    FILE *f = fopen(csv, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("id,title,customer,location,duration_min,skills,priority,status\n"
              "J-2001,Boiler service,\"Weber, M.\",c-0001,60,boiler,2,\n"
              "J-2002,Gas check,K. Said,c-0002,45,,0,\n"
              "J-1003,Socket repair,L. Brandt,c-0003,30,,1,cancelled\n", f);
        fclose(f);
    }
    const store_op import = {STORE_IMPORT, csv}, save = {STORE_PLAN_SAVE, NULL},
                   publish_draft = {STORE_PUBLISH, NULL}, create = {STORE_CREATE, NULL};
    long store_stride = stride_of("FAULTS_STORE_STRIDE");
    sweep_every("store import (CSV)", store_run, (void *)&import, base, work_db, store_stride);
    sweep_every("store plan save", store_run, (void *)&save, base, work_db, store_stride);
    sweep_every("store publish", store_run, (void *)&publish_draft, base, work_db, store_stride);
    static const faults_use_case book = FAULTS_BOOK, publish = FAULTS_PUBLISH, plan = FAULTS_PLAN;
    sweep_every("book", uc_run, (void *)&book, base, work_db, use_case_stride());
    sweep_every("publish (use case)", uc_run, (void *)&publish, base, work_db, use_case_stride());
    sweep_every("plan (use case)", uc_run, (void *)&plan, base, work_db, use_case_stride());
    sweep_every("store open (create)", store_run, (void *)&create, NULL, NULL, store_stride);
    fault_alloc_spare = NULL;
    printf("in all: %ld allocation points failed, %ld absorbed, %ld after the commit; "
           "%ld allocations inside libical spared\n", total_points, total_absorbed,
           total_after_commit, fault_alloc_spared);
}

TESTLIB_MAIN({"every_reader_allocation", test_faults__every_reader_allocation},
             {"every_store_allocation", test_faults__every_store_allocation})
