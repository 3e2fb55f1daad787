/* store_served.c - what the publishing guard (usecase/guard.h) and `db
 * check` read: the jobs a version serves with their status now, the
 * confirmed appointments recorded by booking runs, and scheduled jobs in no
 * published route (store_query.h). Read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"
#include "io/store/store_query.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int c)
{
    const char *t = (const char *)sqlite3_column_text(st, c);
    snprintf(dst, size, "%s", t ? t : "");
}

void io_store_served_free(io_store_served *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        free(rows[i].job);
        free(rows[i].technician);
    }
    free(rows);
}

model_status io_store_served_list(io_store *s, int64_t version, io_store_served **rows, int *n,
                                  model_error *err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "SELECT a.job_id, a.technician_id, a.shift_date, a.start_at, a.end_at, j.status, v.id "
           "FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
           "LEFT JOIN jobs j ON j.id = a.job_id "
           "WHERE (?1 = 0 AND v.status = 'published') OR v.id = ?1 ORDER BY a.job_id",
        &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_int64(st, 1, version);
    io_store_served *out = NULL;
    int count = 0, cap = 0, r;
    while (rc == MODEL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        bool ok = io_store_grow((void **)&out, count, &cap, sizeof *out, 64);
        if (!ok) {
            rc = nomem(err);
            break;
        }
        io_store_served *x = &out[count++];
        x->job = io_store_column_dup(st, 0, &ok);
        x->technician = io_store_column_dup(st, 1, &ok);
        copy_text(x->date, sizeof x->date, st, 2);
        x->start = sqlite3_column_int64(st, 3);
        x->end = sqlite3_column_int64(st, 4);
        copy_text(x->status, sizeof x->status, st, 5);
        x->version = sqlite3_column_int64(st, 6);
        if (!ok || !x->job || !x->technician)
            rc = nomem(err);
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read a version's visits");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_served_free(out, count);
        return rc;
    }
    *rows = out;
    *n = count;
    return MODEL_OK;
}

void io_store_appointments_free(io_store_appointment *rows, int n)
{
    for (int i = 0; rows && i < n; i++)
        free(rows[i].job);
    free(rows);
}

model_status io_store_appointments_list(io_store *s, io_store_appointment **rows, int *n,
                                        model_error *err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st;
    /* the newest published booking of each job still to be served */
    model_status rc = io_store_prepare(
        s, "WITH b AS (SELECT r.id AS run, "
           "json_extract(r.parameters, '$.whatif.scenario.changes[0].add_job.id') AS job, "
           "json_extract(r.parameters, '$.whatif.options.slot[0]') AS slot_from, "
           "json_extract(r.parameters, '$.whatif.options.slot[1]') AS slot_to "
           "FROM plan_runs r JOIN schedule_versions v ON v.run_id = r.id "
           "WHERE v.status IN ('published', 'superseded') AND json_valid(r.parameters) AND "
           "json_extract(r.parameters, '$.whatif.kind') = 'book') "
           "SELECT b.job, b.slot_from, b.slot_to, b.run, j.status FROM b JOIN jobs j "
           "ON j.id = b.job WHERE j.status IN ('open', 'scheduled', 'started') AND "
           "b.slot_from IS NOT NULL AND b.slot_to IS NOT NULL AND "
           "b.run = (SELECT max(c.run) FROM b c WHERE c.job = b.job) ORDER BY b.job",
        &st, err);
    if (rc != MODEL_OK)
        return rc;
    io_store_appointment *out = NULL;
    int count = 0, cap = 0, r;
    while (rc == MODEL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        bool ok = io_store_grow((void **)&out, count, &cap, sizeof *out, 16);
        if (!ok) {
            rc = nomem(err);
            break;
        }
        io_store_appointment *x = &out[count++];
        x->job = io_store_column_dup(st, 0, &ok);
        x->start = sqlite3_column_int64(st, 1);
        x->end = sqlite3_column_int64(st, 2);
        x->run = sqlite3_column_int64(st, 3);
        copy_text(x->status, sizeof x->status, st, 4);
        if (!ok || !x->job)
            rc = nomem(err);
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the confirmed appointments");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_appointments_free(out, count);
        return rc;
    }
    *rows = out;
    *n = count;
    return MODEL_OK;
}

model_status io_store_unrouted_scheduled(io_store *s, char ***ids, int *n, model_error *err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "SELECT id FROM jobs WHERE status = 'scheduled' AND id NOT IN (SELECT a.job_id "
           "FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
           "WHERE v.status = 'published') ORDER BY id",
        &st, err);
    if (rc != MODEL_OK)
        return rc;
    char **out = NULL;
    int count = 0, cap = 0, r;
    while (rc == MODEL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        bool ok = io_store_grow((void **)&out, count, &cap, sizeof *out, 16);
        if (!ok || !(out[count++] = io_store_column_dup(st, 0, &ok)) || !ok)
            rc = nomem(err);
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the scheduled jobs");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        for (int i = 0; i < count; i++)
            free(out[i]);
        free(out);
        return rc;
    }
    *ids = out;
    *n = count;
    return MODEL_OK;
}
