/* test_io_store.c - the database: schema and migrations, imports (whole or
 * nothing), the plan lock, horizon problems, saving and reading back plans,
 * and the errors of missing, foreign, read-only and full databases. */
#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/formats/json_schedule.h"
#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_plan.h"
#include "io/store/store_query.h"
#include "model/check.h"
#include "testlib.h"
#include "teststore.h"

#define DATA FIELDPLAN_TEST_DATA "/store/"

static void test_store__creates_schema_with_wal_and_version(void)
{
    io_store *s = open_new("a.db");
    CHECK_EQ_INT(io_store_schema_version(s), IO_STORE_SCHEMA_VERSION);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_check(s, &err), MODEL_OK);
    io_store_close(s);
    const char *p = tmp_path("a.db");
    CHECK_EQ_INT(sql_int(p, "PRAGMA user_version"), IO_STORE_SCHEMA_VERSION);
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = 'plan_runs'"), 1);
    sqlite3 *db;
    sqlite3_stmt *st;
    sqlite3_open(p, &db);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_store__refuses_missing_foreign_and_newer_databases(void)
{
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, tmp_path("nope.db"), NULL, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "fieldplan db init");
    CHECK(s == NULL);
    const char *other = tmp_path("other.db");
    unlink(other);
    sql_exec(other, "CREATE TABLE t(x)");
    CHECK_EQ_INT(io_store_open(&s, other, NULL, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "not a fieldplan database");
    const char *junk = tmp_path("junk.db");
    FILE *f = fopen(junk, "w");
    for (int i = 0; i < 100; i++)
        fputs("not a database at all, only text. ", f);
    fclose(f);
    CHECK_EQ_INT(io_store_open(&s, junk, NULL, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "not a database");
    io_store_close(open_new("newer.db"));
    sql_exec(tmp_path("newer.db"), "PRAGMA user_version = 99");
    CHECK_EQ_INT(io_store_open(&s, tmp_path("newer.db"), NULL, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "schema version 99 is newer than this program");
}

static void test_store__migrates_an_empty_file_forward_once(void)
{
    const char *p = tmp_path("mig.db");
    unlink(p);
    sql_exec(p, "PRAGMA user_version = 0");
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, p, NULL, &err), MODEL_OK); /* existing empty file */
    io_store_close(s);
    CHECK_EQ_INT(io_store_open(&s, p, NULL, &err), MODEL_OK); /* already current */
    io_store_close(s);
    CHECK_EQ_INT(sql_int(p, "PRAGMA user_version"), IO_STORE_SCHEMA_VERSION);
}

static void test_store__imports_csv_files_and_detects_kinds(void)
{
    io_store *s = open_new("csv.db");
    import_csv_set(s);
    io_store_close(s);
    const char *p = tmp_path("csv.db");
    /* what the set stores, query by query */
    static const struct {
        const char *sql;
        long long want;
    } rows[] = {
        {"SELECT count(*) FROM locations", 7},
        {"SELECT count(*) FROM shifts", 4},
        {"SELECT count(*) FROM shift_breaks", 3},
        {"SELECT count(*) FROM jobs", 6},
        {"SELECT duration_s FROM jobs WHERE id = 'J-4'", 5400},
        {"SELECT restricted FROM jobs WHERE id = 'J-5'", 1},
        {"SELECT count(*) FROM job_allowed WHERE job_id = 'J-5'", 2},
        /* 2026-11-23T08:00 Berlin is 07:00 UTC. */
        {"SELECT start_at FROM shifts WHERE technician_id = 't-ana' AND date = '2026-11-23'",
         1795417200},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        long long v = sql_int(p, rows[i].sql);
        if (v != rows[i].want)
            fprintf(stderr, "%s: %lld\n", rows[i].sql, v);
        CHECK_EQ_INT(v, rows[i].want);
    }
    CHECK_EQ_INT(io_store_detect_kind("x/jobs-2026.csv", "", 0), IO_STORE_KIND_JOBS);
    CHECK_EQ_INT(io_store_detect_kind("export.csv", "technician,start,end\n", 21),
                 IO_STORE_KIND_SHIFTS);
    CHECK_EQ_INT(io_store_detect_kind("export.csv", "id,duration_min\n", 16), IO_STORE_KIND_JOBS);
    CHECK_EQ_INT(io_store_detect_kind("a.JSON", "", 0), IO_STORE_KIND_PROBLEM);
    CHECK_EQ_INT(io_store_detect_kind("x.csv", "foo,bar\n", 8), IO_STORE_KIND_UNKNOWN);
}

static void test_store__imports_a_german_spreadsheet_export(void)
{
    io_store *s = open_new("excel.db");
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_set_timezone(s, "Europe/Berlin", &err), MODEL_OK);
    static const char *files[] = {"locations.csv", "technicians.csv", "shifts.csv", "jobs.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "excel/%s", files[i]);
        model_status rc = io_store_import_file(s, path, NULL, &err);
        if (rc != MODEL_OK)
            fprintf(stderr, "%s\n", err.msg);
        CHECK_EQ_INT(rc, MODEL_OK);
    }
    const char *p = tmp_path("excel.db");
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM locations"), 4); /* ";;;;;" row skipped */
    CHECK_EQ_INT(sql_int(p, "SELECT lat * 10000 FROM locations WHERE id = 'k-1'"), 525301);
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM technician_skills WHERE technician_id = 't-eva'"),
                 2);
    /* 23.11.2026 7:30 Berlin = 06:30 UTC; 22:00 to 6:00 ends the next morning. */
    CHECK_EQ_INT(sql_int(p, "SELECT start_at FROM shifts WHERE technician_id = 't-eva' AND "
                            "date = '2026-11-23'"), 1795415400);
    CHECK_EQ_INT(sql_int(p, "SELECT end_at - start_at FROM shifts WHERE technician_id = 't-eva' "
                            "AND date = '2026-11-24'"), 8 * 3600);
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM shifts WHERE technician_id = 't-uwe' AND "
                            "date = '2026-11-23'"), 1);
    CHECK_EQ_INT(sql_int(p, "SELECT duration_s FROM jobs WHERE id = 'A-2'"), 2730);
    CHECK_EQ_INT(sql_int(p, "SELECT load * 10 FROM jobs WHERE id = 'A-1'"), 15);
    /* A date-only deadline means the end of that day: 26.11. 00:00 Berlin. */
    CHECK_EQ_INT(sql_int(p, "SELECT deadline_at FROM jobs WHERE id = 'A-1'"), 1795647600);
    CHECK_EQ_INT(sql_int(p, "SELECT start_at FROM job_windows WHERE job_id = 'A-1'"), 1795417200);
    CHECK_EQ_INT(io_store_import_file(s, DATA "excel/jobs_us.csv", NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "jobs_us.csv: row 2, column 'window_start': '11/23/2026 8:00 AM': "
                                "a date with slashes is ambiguous");
    /* A decimal comma only in ';' files: in a ',' file "1,5" is refused. */
    static const char comma[] = "id,load\nA-1,\"1,5\"\n";
    CHECK_EQ_INT(io_store_import_csv(s, "jobs.csv", comma, sizeof comma - 1, IO_STORE_KIND_JOBS,
                                     NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 2, column 'load': '1,5' is not a number >= 0");
    io_store_close(s);
}

static void test_store__bad_row_rejects_whole_file_and_changes_nothing(void)
{
    io_store *s = open_new("bad.db");
    import_csv_set(s);
    const char *p = tmp_path("bad.db");
    long long n = sql_int(p, "SELECT count(*) FROM jobs");
    long long d = sql_int(p, "SELECT duration_s FROM jobs WHERE id = 'J-1'");
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_file(s, DATA "jobs_bad.csv", NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "jobs_bad.csv: row 7, column 'duration_min': must be > 0");
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM jobs"), n);
    CHECK_EQ_INT(sql_int(p, "SELECT duration_s FROM jobs WHERE id = 'J-1'"), d);
    CHECK_EQ_INT(io_store_import_file(s, DATA "jobs_unknown_location.csv", NULL, &err),
                 MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 3, column 'location': unknown location 'c-99'");
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM jobs WHERE id = 'J-20'"), 0);
    static const char dup[] = "id,location,duration_min\nJ-30,c-1,10\nJ-30,c-1,20\n";
    CHECK_EQ_INT(io_store_import_csv(s, "jobs.csv", dup, sizeof dup - 1, IO_STORE_KIND_JOBS, NULL,
                                     &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 3, column 'id': duplicate id 'J-30' (also in row 2)");
    static const char win[] = "id,location,duration_min,windows\nJ-31,c-1,10,2026-11-23T10:00\n";
    CHECK_EQ_INT(io_store_import_csv(s, "jobs.csv", win, sizeof win - 1, IO_STORE_KIND_JOBS, NULL,
                                     &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 2, column 'windows': window '2026-11-23T10:00' is not START/END");
    static const char prio[] = "id,priority\nJ-1,101\n";
    CHECK_EQ_INT(io_store_import_csv(s, "jobs.csv", prio, sizeof prio - 1, IO_STORE_KIND_JOBS,
                                     NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 2, column 'priority': '101' is not a whole number from 0 to 100");
    static const char shift[] = "technician,start,end\nt-ana,2026-11-25T08:00,2026-11-25T07:00\n";
    CHECK_EQ_INT(io_store_import_csv(s, "shifts.csv", shift, sizeof shift - 1,
                                     IO_STORE_KIND_SHIFTS, NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "row 2, column 'end': before the start");
    io_store_close(s);
}

static void test_store__full_database_gives_clear_error_and_rolls_back(void)
{
    const char *p = tmp_path("full.db");
    io_store_close(open_new("full.db"));
    long long pages = sql_int(p, "PRAGMA page_count");
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.max_page_count = pages + 2; /* room for almost nothing */
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, p, &opt, &err), MODEL_OK);
    /* 3000 locations with long addresses need far more than two pages. */
    size_t cap = 3000 * 160 + 64, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "id,address\n");
    for (int i = 0; i < 3000; i++)
        len += (size_t)snprintf(csv + len, cap - len,
                                "loc-%05d,\"%05d Long Street Name Of The Test Database, Berlin\"\n",
                                i, i);
    CHECK_EQ_INT(io_store_import_csv(s, "locations.csv", csv, len, IO_STORE_KIND_LOCATIONS, NULL,
                                     &err), MODEL_ERR_IO);
    free(csv);
    CHECK_STR_CONTAINS(err.msg, "cannot write: the disk or the database size limit is full");
    io_store_close(s);
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM locations"), 0);
    CHECK_EQ_INT(sql_int(p, "SELECT count(*) FROM travel"), 0);
}

static void test_store__read_only_database_refuses_writes(void)
{
    io_store_close(open_new("ro.db"));
    char uri[256];
    snprintf(uri, sizeof uri, "file:%s?mode=ro", tmp_path("ro.db"));
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, uri, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_import_file(s, DATA "locations.csv", NULL, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "ro.db: cannot write: the database is read-only");
    CHECK_EQ_INT(io_store_lock_acquire(s, 0, 10, &err), MODEL_ERR_IO);
    io_store_close(s);
}

static void test_store__plan_lock_excludes_a_second_holder(void)
{
    io_store *a = open_new("lock.db"), *b = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&b, tmp_path("lock.db"), NULL, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_lock_acquire(a, 0, 60, &err), MODEL_OK);
    /* Another connection of a live process: the row names this pid, which
     * is alive, so b is refused after waiting. */
    sql_exec(tmp_path("lock.db"), "UPDATE plan_lock SET pid = 1");
    CHECK_EQ_INT(io_store_lock_acquire(b, 0.3, 60, &err), MODEL_ERR_BUSY);
    CHECK_STR_CONTAINS(err.msg, "another plan is running (pid 1 on ");
    CHECK_STR_CONTAINS(err.msg, "gave up after 0 s");
    /* A holder that died is taken over. */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE plan_lock SET pid = %d", (int)child);
    sql_exec(tmp_path("lock.db"), sql);
    CHECK_EQ_INT(io_store_lock_acquire(b, 0, 60, &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(tmp_path("lock.db"), "SELECT pid FROM plan_lock"), getpid());
    CHECK_EQ_INT(io_store_lock_release(b, &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(tmp_path("lock.db"), "SELECT count(*) FROM plan_lock"), 0);
    /* An expired lock is taken over too. */
    sql_exec(tmp_path("lock.db"), "INSERT INTO plan_lock VALUES(1, 1, 'elsewhere', 0, 1)");
    CHECK_EQ_INT(io_store_lock_acquire(a, 0, 60, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_lock_release(a, &err), MODEL_OK);
    io_store_close(a);
    io_store_close(b);
}

static void test_store__plan_lock_waits_out_a_long_import(void)
{
    io_store_close(open_new("busy.db"));
    const char *p = tmp_path("busy.db");
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.busy_timeout_ms = 100;
    io_store *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_open(&s, p, &opt, &err), MODEL_OK);
    int ready[2];
    CHECK(pipe(ready) == 0);
    pid_t child = fork();
    if (child == 0) { /* another writer holds the database for 0.6 s */
        sqlite3 *db;
        char c = 1;
        if (sqlite3_open(p, &db) != SQLITE_OK ||
            sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        if (write(ready[1], &c, 1) != 1)
            _exit(1);
        usleep(600 * 1000);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    char c;
    CHECK(read(ready[0], &c, 1) == 1);
    /* Past the busy timeout but within --wait: keeps waiting, then gets it. */
    CHECK_EQ_INT(io_store_lock_acquire(s, 0.05, 60, &err), MODEL_ERR_BUSY);
    CHECK_STR_CONTAINS(err.msg, "the database is busy");
    CHECK_EQ_INT(io_store_lock_acquire(s, 5, 60, &err), MODEL_OK);
    int status = 1;
    waitpid(child, &status, 0);
    CHECK_EQ_INT(status, 0);
    close(ready[0]);
    close(ready[1]);
    io_store_close(s);
}

static void test_store__horizon_problem_pins_and_may_wait(void)
{
    model_error err = MODEL_ERROR_INIT;
    io_store *s;
    io_store_plan *pl = csv_plan(&s, "plan.db", "2026-11-23", 1);
    if (!pl)
        return;
    const model_problem *p = pl->problem;
    CHECK(strcmp(pl->to, "2026-11-23") == 0);
    /* J-5 is released on the 24th, J-4's only window opens on the 24th: not
     * in a one-day horizon from the 23rd. */
    CHECK_EQ_INT(p->njobs, 4);
    CHECK_EQ_INT(model_strmap_get(&p->job_index, "J-5"), -1);
    CHECK_EQ_INT(model_strmap_get(&p->job_index, "J-4"), -1);
    int j1 = model_strmap_get(&p->job_index, "J-1"), j6 = model_strmap_get(&p->job_index, "J-6");
    CHECK(j1 >= 0 && j6 >= 0);
    CHECK(pl->may_wait[j1]);
    CHECK(pl->may_wait[j6]);
    CHECK_EQ_INT(pl->nshifts, 2);
    CHECK(pl->previous == NULL);
    model_schedule *sched = all_unassigned(p);
    io_store_run_info run = {0};
    run.outcome = "published";
    run.summary = model_schedule_summarize(p, sched);
    int64_t rid = 0, vid = 0;
    CHECK_EQ_INT(io_store_plan_save(s, pl, sched, "{\"stored\": 1}", &run, &rid, &vid, &err),
                 MODEL_OK);
    CHECK_EQ_INT(rid, 1);
    CHECK_EQ_INT(vid, 1);
    char *pj = NULL, *sj = NULL;
    CHECK_EQ_INT(io_store_export_run(s, 0, &pj, &sj, NULL, &err), MODEL_OK);
    CHECK(pj && strcmp(pj, pl->problem_json) == 0);
    CHECK(sj && strcmp(sj, "{\"stored\": 1}") == 0);
    free(pj);
    free(sj);
    /* A second version supersedes the first. */
    CHECK_EQ_INT(io_store_plan_save(s, pl, sched, "{\"stored\": 2}", &run, &rid, &vid, &err),
                 MODEL_OK);
    CHECK_EQ_INT(sql_int(tmp_path("plan.db"), "SELECT count(*) FROM schedule_versions WHERE "
                                              "status = 'published'"), 1);
    CHECK_EQ_INT(sql_int(tmp_path("plan.db"), "SELECT id FROM schedule_versions WHERE "
                                              "status = 'superseded'"), 1);
    CHECK_EQ_INT(sql_int(tmp_path("plan.db"), "SELECT count(*) FROM unassigned WHERE "
                                              "version_id = 1"), 4);
    io_store_version_view *view = NULL;
    CHECK_EQ_INT(io_store_version_load(s, 0, NULL, NULL, &view, &err), MODEL_OK);
    CHECK(view && view->version == 2 && view->nunassigned == 4 && view->nvisits == 0);
    char *json = view ? io_store_version_view_to_json(view, &err) : NULL;
    CHECK_STR_CONTAINS(json, "\"status\": \"published\"");
    free(json);
    io_store_version_view_free(view);
    CHECK_EQ_INT(io_store_version_load(s, 9, NULL, NULL, &view, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "no version 9");
    io_store_run_row *rows = NULL;
    int n = 0;
    CHECK_EQ_INT(io_store_runs_list(s, &rows, &n, &err), MODEL_OK);
    CHECK_EQ_INT(n, 2);
    CHECK(n == 2 && rows[0].version == 1 && strcmp(rows[0].version_status, "superseded") == 0);
    io_store_runs_free(rows, n);
    model_schedule_free(sched);
    io_store_plan_free(pl);
    CHECK_EQ_INT(io_store_plan_load(s, "2026-13-01", 1, &pl, &err), MODEL_ERR_INPUT);
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 0, &pl, &err), MODEL_ERR_INPUT);
    io_store_close(s);
}

static void test_store__locked_job_is_pinned_to_its_published_visit(void)
{
    model_error err = MODEL_ERROR_INIT;
    io_store *s;
    io_store_plan *pl = small_plan(&s, "pin.db", "2026-11-23", 2);
    if (!pl)
        return;
    /* Publish a hand-made version serving J-1001 alone on t-01's first shift. */
    const model_problem *p = pl->problem;
    int j, t = model_strmap_get(&p->technician_index, "t-01");
    int64_t start;
    model_schedule *sched = one_job_schedule(p, &start);
    model_report rep = MODEL_REPORT_INIT;
    model_check_schedule(p, sched, NULL, &rep, &err);
    CHECK_EQ_INT(rep.n, 0);
    if (rep.n)
        fprintf(stderr, "%s\n", rep.items[0]);
    model_report_clear(&rep);
    save_published(s, pl, sched, "{}");
    model_schedule_free(sched);
    io_store_plan_free(pl);
    const char *db = tmp_path("pin.db");
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM jobs WHERE status = 'scheduled'"), 1);
    sql_exec(db, "UPDATE jobs SET locked = 1 WHERE id = 'J-1001'");
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (pl) {
        p = pl->problem;
        j = model_strmap_get(&p->job_index, "J-1001");
        CHECK_EQ_INT(pl->pinned, 1);
        CHECK_EQ_INT(p->jobs[j].pinned, t);
        CHECK_EQ_INT(p->jobs[j].nwindows, 1);
        CHECK(p->jobs[j].nwindows == 1 && p->jobs[j].windows[0].start == start &&
              p->jobs[j].windows[0].end == start);
        /* The published version is the previous schedule of the new problem. */
        CHECK_EQ_INT(pl->previous_version, 1);
        CHECK(pl->previous && pl->previous->nroutes == 1);
        CHECK_EQ_INT(pl->prev_tech[j], t);
        CHECK_EQ_INT(pl->prev_shift[j], 0);
    }
    io_store_plan_free(pl);
    /* A horizon after that day leaves the locked job out. */
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-24", 1, &pl, &err), MODEL_OK);
    if (pl)
        CHECK_EQ_INT(model_strmap_get(&pl->problem->job_index, "J-1001"), -1);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_store__matrix_gap_is_reported(void)
{
    io_store *s = open_new("gap.db");
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_file(s, DATA "matrix.json", NULL, &err), MODEL_OK);
    sql_exec(tmp_path("gap.db"), "DELETE FROM travel WHERE from_location = 'c-0001' AND "
                                 "to_location = 'c-0002'");
    io_store_plan *pl = NULL;
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "travel matrix has no entry from 'c-0001' to 'c-0002'");
    io_store_close(s);
}

static void test_store__json_reimport_updates_and_keeps_status(void)
{
    io_store *s = open_new("json.db");
    model_error err = MODEL_ERROR_INIT;
    io_store_import_stats st;
    CHECK_EQ_INT(io_store_import_file(s, DATA "small.json", &st, &err), MODEL_OK);
    CHECK_EQ_INT(st.kind, IO_STORE_KIND_PROBLEM);
    CHECK_EQ_INT(st.inserted, 17); /* 3 technicians + 14 jobs */
    const char *db = tmp_path("json.db");
    sql_exec(db, "UPDATE jobs SET status = 'done', duration_s = 1 WHERE id = 'J-1001'");
    CHECK_EQ_INT(io_store_import_file(s, DATA "small.json", &st, &err), MODEL_OK);
    CHECK_EQ_INT(st.inserted, 0);
    CHECK_EQ_INT(st.updated, 17);
    CHECK_EQ_INT(sql_int(db, "SELECT duration_s FROM jobs WHERE id = 'J-1001'"), 3600);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM jobs WHERE id = 'J-1001' AND status = 'done'"), 1);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM shifts"), 6);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM shift_breaks"), 6);
    char tz[64];
    CHECK_EQ_INT(io_store_timezone_name(s, tz, sizeof tz, &err), MODEL_OK);
    CHECK(strcmp(tz, "Europe/Berlin") == 0);
    /* A done job is not planned. */
    io_store_plan *pl = NULL;
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (pl) {
        CHECK_EQ_INT(pl->problem->njobs, 13);
        CHECK_EQ_INT(model_strmap_get(&pl->problem->job_index, "J-1001"), -1);
    }
    io_store_plan_free(pl);
    io_store_close(s);
}

TESTLIB_MAIN({"store__json_reimport_updates_and_keeps_status",
              test_store__json_reimport_updates_and_keeps_status},
             {"store__creates_schema_with_wal_and_version",
              test_store__creates_schema_with_wal_and_version},
             {"store__refuses_missing_foreign_and_newer_databases",
              test_store__refuses_missing_foreign_and_newer_databases},
             {"store__migrates_an_empty_file_forward_once",
              test_store__migrates_an_empty_file_forward_once},
             {"store__imports_csv_files_and_detects_kinds",
              test_store__imports_csv_files_and_detects_kinds},
             {"store__imports_a_german_spreadsheet_export",
              test_store__imports_a_german_spreadsheet_export},
             {"store__bad_row_rejects_whole_file_and_changes_nothing",
              test_store__bad_row_rejects_whole_file_and_changes_nothing},
             {"store__full_database_gives_clear_error_and_rolls_back",
              test_store__full_database_gives_clear_error_and_rolls_back},
             {"store__read_only_database_refuses_writes",
              test_store__read_only_database_refuses_writes},
             {"store__plan_lock_excludes_a_second_holder",
              test_store__plan_lock_excludes_a_second_holder},
             {"store__plan_lock_waits_out_a_long_import",
              test_store__plan_lock_waits_out_a_long_import},
             {"store__horizon_problem_pins_and_may_wait",
              test_store__horizon_problem_pins_and_may_wait},
             {"store__locked_job_is_pinned_to_its_published_visit",
              test_store__locked_job_is_pinned_to_its_published_visit},
             {"store__matrix_gap_is_reported", test_store__matrix_gap_is_reported})
