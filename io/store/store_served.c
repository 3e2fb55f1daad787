/* store_served.c - what the publishing guard (usecase/guard.h) and `db
 * check` read: the jobs a version serves with their status now, the
 * confirmed appointments recorded by booking runs, and scheduled jobs in no
 * published route (store_query.h). Read-only. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"
#include "io/store/store_query.h"

static bool read_served(sqlite3_stmt *st, void *row)
{
    io_store_served *x = row;
    io_store_column_copy(st, 2, x->date, sizeof x->date);
    x->start = sqlite3_column_int64(st, 3);
    x->end = sqlite3_column_int64(st, 4);
    io_store_column_copy(st, 5, x->status, sizeof x->status);
    x->version = sqlite3_column_int64(st, 6);
    return true;
}

static const io_store_row_type served_rows = {
    sizeof(io_store_served), 64, read_served, 2,
    {IO_STORE_TEXT_REQUIRED(io_store_served, job, 0),
     IO_STORE_TEXT_REQUIRED(io_store_served, technician, 1)}};

void io_store_served_free(io_store_served *rows, int n)
{
    io_store_list_free(&served_rows, rows, n);
}

model_status io_store_served_list(io_store *s, int64_t version, io_store_served **rows, int *n,
                                  model_error *err)
{
    return io_store_list(
        s, &served_rows, (void **)rows, n, "read a version's visits", err,
        "SELECT a.job_id, a.technician_id, a.shift_date, a.start_at, a.end_at, j.status, v.id "
        "FROM assignments a JOIN schedule_versions v ON v.id = a.version_id "
        "LEFT JOIN jobs j ON j.id = a.job_id "
        "WHERE (?1 = 0 AND v.status = 'published') OR v.id = ?1 ORDER BY a.job_id",
        "I", version);
}

static bool read_appointment(sqlite3_stmt *st, void *row)
{
    io_store_appointment *x = row;
    x->start = sqlite3_column_int64(st, 1);
    x->end = sqlite3_column_int64(st, 2);
    x->run = sqlite3_column_int64(st, 3);
    io_store_column_copy(st, 4, x->status, sizeof x->status);
    return true;
}

static const io_store_row_type appointment_rows = {
    sizeof(io_store_appointment), 16, read_appointment, 1,
    {IO_STORE_TEXT_REQUIRED(io_store_appointment, job, 0)}};

void io_store_appointments_free(io_store_appointment *rows, int n)
{
    io_store_list_free(&appointment_rows, rows, n);
}

model_status io_store_appointments_list(io_store *s, io_store_appointment **rows, int *n,
                                        model_error *err)
{
    /* the newest published booking of each job still to be served */
    return io_store_list(
        s, &appointment_rows, (void **)rows, n, "read the confirmed appointments", err,
        "WITH b AS (SELECT r.id AS run, "
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
        "");
}

static const io_store_row_type id_rows = {sizeof(char *), 16, NULL, 1, {{0, 0, true}}};

model_status io_store_unrouted_scheduled(io_store *s, char ***ids, int *n, model_error *err)
{
    return io_store_list(s, &id_rows, (void **)ids, n, "read the scheduled jobs", err,
                         "SELECT id FROM jobs WHERE status = 'scheduled' AND id NOT IN (SELECT "
                         "a.job_id FROM assignments a JOIN schedule_versions v ON v.id = "
                         "a.version_id WHERE v.status = 'published') ORDER BY id",
                         "");
}
