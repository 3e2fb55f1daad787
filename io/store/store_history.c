/* store_history.c - the technicians who served each customer last, from
 * the store's published history (store_query.h), for the planning policy
 * that prefers them (usecase/plan_policy.c). Read-only. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"
#include "io/store/store_query.h"
#include "model/strmap.h"

/* A job's customer key: its customer when set, else its location. */
#define CUSTOMER_KEY                                                                       \
    "CASE WHEN j.customer IS NOT NULL AND j.customer <> '' THEN 'c' || j.customer "       \
    "ELSE 'l' || j.location_id END"

/* Each job's visit in the newest published or superseded version that
 * holds it (not cancelled, its technician still stored), by customer, the
 * latest day first. */
static const char visits_sql[] =
    "WITH cur AS (SELECT a.job_id, max(a.version_id) AS vid FROM assignments a "
    "JOIN schedule_versions v ON v.id = a.version_id "
    "WHERE v.status IN ('published', 'superseded') GROUP BY a.job_id) "
    "SELECT " CUSTOMER_KEY ", a.job_id, a.technician_id, a.shift_date "
    "FROM cur JOIN assignments a ON a.version_id = cur.vid AND a.job_id = cur.job_id "
    "JOIN jobs j ON j.id = a.job_id JOIN technicians t ON t.id = a.technician_id "
    "WHERE j.status <> 'cancelled' ORDER BY 1, a.shift_date DESC, a.technician_id";

static const char jobs_sql[] =
    "SELECT j.id, " CUSTOMER_KEY " FROM jobs j "
    "WHERE j.status IN ('open', 'scheduled', 'started') ORDER BY j.id";

typedef struct visit {
    char *cust, *job, *tech, *date;
} visit;

static const io_store_row_type visit_rows = {
    sizeof(visit), 64, NULL, 4,
    {IO_STORE_TEXT_REQUIRED(visit, cust, 0), IO_STORE_TEXT_REQUIRED(visit, job, 1),
     IO_STORE_TEXT_REQUIRED(visit, tech, 2), IO_STORE_TEXT_REQUIRED(visit, date, 3)}};

void io_store_last_techs_free(io_store_last_tech *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        free(rows[i].job);
        free(rows[i].technician);
    }
    free(rows);
}

/* Appends (job, tech) unless the job's last row names tech already. */
static bool add_row(io_store_last_tech **rows, int *n, int *cap, const char *job, const char *tech)
{
    for (int k = *n - 1; k >= 0 && strcmp((*rows)[k].job, job) == 0; k--)
        if (strcmp((*rows)[k].technician, tech) == 0)
            return true;
    if (!io_store_grow((void **)rows, *n, cap, sizeof **rows, 64))
        return false;
    io_store_last_tech *x = &(*rows)[*n];
    x->job = strdup(job);
    x->technician = strdup(tech);
    (*n)++;
    return x->job && x->technician;
}

model_status io_store_last_techs(io_store *s, io_store_last_tech **rows, int *n,
                                 model_error *err)
{
    *rows = NULL;
    *n = 0;
    visit *v = NULL;
    int nv = 0, cap = 0;
    model_strmap first = MODEL_STRMAP_INIT; /* customer -> its first visit */
    sqlite3_stmt *st = NULL;
    model_status rc = io_store_exec(s, "BEGIN", err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_list(s, &visit_rows, (void **)&v, &nv, "read the history of visits", err,
                            visits_sql, "")) != MODEL_OK)
        goto done;
    for (int i = 0; i < nv; i++)
        if ((i == 0 || strcmp(v[i - 1].cust, v[i].cust) != 0) &&
            model_strmap_put(&first, v[i].cust, i) != MODEL_OK) {
            rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
            goto done;
        }
    if ((rc = io_store_prepare(s, jobs_sql, &st, err)) != MODEL_OK)
        goto done;
    int r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *job = (const char *)sqlite3_column_text(st, 0);
        const char *cust = (const char *)sqlite3_column_text(st, 1);
        int i = cust ? model_strmap_get(&first, cust) : -1;
        const char *day = NULL; /* the customer's last day visited by another job */
        for (; ok && i >= 0 && i < nv && strcmp(v[i].cust, cust) == 0; i++) {
            if (strcmp(v[i].job, job) == 0)
                continue;
            if (!day)
                day = v[i].date;
            if (strcmp(v[i].date, day) != 0)
                break;
            ok = add_row(rows, n, &cap, job, v[i].tech);
        }
    }
    if (!ok)
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read jobs");
done:
    sqlite3_finalize(st);
    io_store_rollback(s); /* ends the read transaction */
    model_strmap_free(&first);
    io_store_list_free(&visit_rows, v, nv);
    if (rc != MODEL_OK) {
        io_store_last_techs_free(*rows, *n);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}
