/* store_rows.c - the rows that make up a stored version: its assignments and
 * unassigned jobs, the job statuses a published version sets, and the
 * superseding of the version published before. Shared by the plan's save
 * (store_save.c) and the what-if, booking and publish paths (store_whatif.c),
 * so that every version is written the same way. Callers hold a write
 * transaction. */
#include <stdlib.h>

#include "io/store/store_internal.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* Runs st, a row of version vid for job (?1 vid, ?2 job; the caller has
 * bound the rest), unless has ("SELECT 1 FROM jobs WHERE id = ?1"; NULL:
 * every job) finds that the database does not know job. */
static model_status put_row(io_store *s, sqlite3_stmt *has, sqlite3_stmt *st, int64_t vid,
                            const char *job, const char *what, model_error *err)
{
    if (has) {
        sqlite3_bind_text(has, 1, job, -1, SQLITE_STATIC);
        int r = sqlite3_step(has);
        sqlite3_reset(has);
        if (r != SQLITE_ROW && r != SQLITE_DONE)
            return io_store_fail(s, err, "look up a job");
        if (r == SQLITE_DONE)
            return MODEL_OK;
    }
    sqlite3_bind_int64(st, 1, vid);
    sqlite3_bind_text(st, 2, job, -1, SQLITE_STATIC);
    return io_store_step_done(s, st, what, err);
}

/* Assignments and unassigned rows of version vid; with only_known, jobs the
 * database does not know are left out. */
model_status io_store_version_rows(io_store *s, int64_t vid, const model_problem *p,
                                 const model_schedule *sched, bool only_known, model_error *err)
{
    sqlite3_stmt *has = NULL, *a = NULL, *u = NULL;
    model_status rc = MODEL_OK;
    if ((only_known &&
         (rc = io_store_prepare(s, "SELECT 1 FROM jobs WHERE id = ?1", &has, err)) != MODEL_OK) ||
        (rc = io_store_prepare(s, "INSERT INTO assignments(version_id, job_id, technician_id, "
                                  "shift_date, sequence, arrival_at, start_at, end_at) "
                                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &a, err)) != MODEL_OK ||
        (rc = io_store_prepare(s, "INSERT INTO unassigned(version_id, job_id, reason) "
                                  "VALUES(?1, ?2, ?3)", &u, err)) != MODEL_OK)
        goto done;
    for (int r = 0; rc == MODEL_OK && r < sched->nroutes; r++) {
        const model_route *rt = &sched->routes[r];
        char date[16];
        model_shift_date(p, rt->technician, rt->shift, date);
        int seq = 0;
        for (int k = 0; rc == MODEL_OK && k < rt->nstops; k++) {
            const model_stop *stop = &rt->stops[k];
            if (stop->kind != MODEL_STOP_JOB)
                continue;
            sqlite3_bind_text(a, 3, p->technicians[rt->technician].id, -1, SQLITE_STATIC);
            sqlite3_bind_text(a, 4, date, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(a, 5, ++seq);
            sqlite3_bind_int64(a, 6, stop->arrival);
            sqlite3_bind_int64(a, 7, stop->start);
            sqlite3_bind_int64(a, 8, stop->end);
            rc = put_row(s, has, a, vid, p->jobs[stop->job].id, "store an assignment", err);
        }
    }
    for (int i = 0; rc == MODEL_OK && i < sched->nunassigned; i++) {
        io_store_bind_text(u, 3, sched->unassigned[i].reason ? sched->unassigned[i].reason : "");
        rc = put_row(s, has, u, vid, p->jobs[sched->unassigned[i].job].id,
                     "store an unassigned job", err);
    }
done:
    sqlite3_finalize(has);
    sqlite3_finalize(a);
    sqlite3_finalize(u);
    return rc;
}

/* Job statuses after publishing sched: served open jobs become scheduled,
 * scheduled jobs left unassigned open again (as a plan does), and so does
 * every other scheduled job that the published version does not serve (a
 * job booked after a what-if was saved, a job outside the new horizon): a
 * scheduled job is always in a route of the published version. */
model_status io_store_version_statuses(io_store *s, const model_problem *p,
                                    const model_schedule *sched, model_error *err)
{
    sqlite3_stmt *sch = NULL, *reo = NULL;
    char *served = calloc((size_t)(p->njobs ? p->njobs : 1), 1);
    model_status rc = served ? MODEL_OK : nomem(err);
    if (rc == MODEL_OK &&
        ((rc = io_store_prepare(s, "UPDATE jobs SET status = 'scheduled' WHERE id = ?1 AND "
                                   "status = 'open'", &sch, err)) != MODEL_OK ||
         (rc = io_store_prepare(s, "UPDATE jobs SET status = 'open' WHERE id = ?1 AND "
                                   "status = 'scheduled'", &reo, err)) != MODEL_OK))
        goto done;
    for (int r = 0; rc == MODEL_OK && r < sched->nroutes; r++)
        for (int k = 0; k < sched->routes[r].nstops; k++)
            if (sched->routes[r].stops[k].kind == MODEL_STOP_JOB)
                served[sched->routes[r].stops[k].job] = 1;
    for (int j = 0; rc == MODEL_OK && j < p->njobs; j++) {
        sqlite3_stmt *st = served[j] ? sch : reo;
        sqlite3_bind_text(st, 1, p->jobs[j].id, -1, SQLITE_STATIC);
        rc = io_store_step_done(s, st, "update job status", err);
    }
    if (rc == MODEL_OK)
        rc = io_store_exec(s, "UPDATE jobs SET status = 'open' WHERE status = 'scheduled' AND "
                              "id NOT IN (SELECT a.job_id FROM assignments a JOIN "
                              "schedule_versions v ON v.id = a.version_id "
                              "WHERE v.status = 'published')", err);
done:
    sqlite3_finalize(sch);
    sqlite3_finalize(reo);
    free(served);
    return rc;
}

model_status io_store_supersede_published(io_store *s, model_error *err)
{
    return io_store_run(s, "supersede the published version", err,
                        "UPDATE schedule_versions SET status = 'superseded', superseded_at = ?1 "
                        "WHERE status = 'published'", "I", io_store_now());
}
