/* store_save.c - io_store_plan_save (store_plan.h): the plan run, its
 * version, assignments, unassigned jobs, job statuses and the release of
 * the plan lock, in one transaction: a plan killed at any moment leaves
 * either all of it or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/store/store_internal.h"
#include "io/store/store_plan.h"

enum { W_RUN, W_VERSION, W_UNLOCK, W_COUNT };

static const char *const sql[W_COUNT] = {
    [W_RUN] = "INSERT INTO plan_runs(started_at, finished_at, horizon_from, horizon_days, seed, "
              "time_limit_s, parameters, outcome, message, jobs, technicians, shifts, assigned, "
              "unassigned, unassigned_weight, travel_s, distance_m, moved_jobs, shifted_jobs, "
              "iterations, solve_s, previous_version, problem_json, matrix_hash) VALUES(?1, ?2, ?3, "
              "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
              "?21, ?22, ?23, ?24)",
    [W_VERSION] = "INSERT INTO schedule_versions(run_id, status, horizon_from, horizon_to, "
                  "created_at, schedule_json) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [W_UNLOCK] = "DELETE FROM plan_lock WHERE id = 1 AND pid = ?1",
};

static model_status insert_run(io_store *s, sqlite3_stmt *st, const io_store_plan *pl,
                               const io_store_run_info *run, model_error *err)
{
    const model_summary *m = &run->summary;
    sqlite3_bind_int64(st, 1, run->started_at);
    sqlite3_bind_int64(st, 2, run->finished_at);
    sqlite3_bind_text(st, 3, pl->from, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, pl->days);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)run->seed);
    sqlite3_bind_double(st, 6, run->time_limit_s);
    io_store_bind_text(st, 7, run->parameters ? run->parameters : "{}");
    io_store_bind_text(st, 8, run->outcome);
    io_store_bind_text(st, 9, run->message);
    sqlite3_bind_int(st, 10, pl->problem->njobs);
    sqlite3_bind_int(st, 11, pl->problem->ntechnicians);
    sqlite3_bind_int(st, 12, pl->nshifts);
    sqlite3_bind_int(st, 13, m->assigned);
    sqlite3_bind_int(st, 14, m->unassigned);
    sqlite3_bind_int64(st, 15, m->unassigned_weight);
    sqlite3_bind_int64(st, 16, m->travel_s);
    sqlite3_bind_int64(st, 17, m->distance_m);
    sqlite3_bind_int(st, 18, run->moved);
    sqlite3_bind_int(st, 19, run->shifted);
    sqlite3_bind_int64(st, 20, run->iterations);
    sqlite3_bind_double(st, 21, run->solve_s);
    if (pl->previous_version)
        sqlite3_bind_int64(st, 22, pl->previous_version);
    else
        sqlite3_bind_null(st, 22);
    /* the matrix once per content (store_matrix.c) */
    char *stripped, hash[IO_STORE_HASH_BUF];
    model_status rc = io_store_matrix_split(s, pl->problem_json, pl->problem_len, &stripped, hash,
                                            err);
    if (rc != MODEL_OK)
        return rc;
    if (stripped)
        sqlite3_bind_text(st, 23, stripped, -1, SQLITE_STATIC);
    else
        sqlite3_bind_text(st, 23, pl->problem_json, (int)pl->problem_len, SQLITE_STATIC);
    io_store_bind_text(st, 24, hash[0] ? hash : NULL);
    rc = io_store_step_done(s, st, "store the plan run", err);
    sqlite3_clear_bindings(st);
    free(stripped);
    return rc;
}

static model_status insert_version(io_store *s, sqlite3_stmt **w, const io_store_plan *pl,
                                   const model_schedule *sched, const char *json,
                                   int64_t run_id, bool publish, int64_t *version_id,
                                   model_error *err)
{
    model_status rc;
    if (publish && (rc = io_store_supersede_published(s, err)) != MODEL_OK)
        return rc;
    sqlite3_stmt *v = w[W_VERSION];
    sqlite3_bind_int64(v, 1, run_id);
    sqlite3_bind_text(v, 2, publish ? "published" : "draft", -1, SQLITE_STATIC);
    sqlite3_bind_text(v, 3, pl->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(v, 4, pl->to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(v, 5, io_store_now());
    sqlite3_bind_text(v, 6, json, -1, SQLITE_STATIC);
    if ((rc = io_store_step_done(s, v, "store the version", err)) != MODEL_OK)
        return rc;
    *version_id = sqlite3_last_insert_rowid(s->db);
    if ((rc = io_store_version_rows(s, *version_id, pl->problem, sched, false, err)) != MODEL_OK)
        return rc;
    return publish ? io_store_version_statuses(s, pl->problem, sched, err) : MODEL_OK;
}

model_status io_store_plan_save(io_store *s, const io_store_plan *pl, const model_schedule *sched,
                                const char *schedule_json, const io_store_run_info *run,
                                int64_t *run_id, int64_t *version_id, model_error *err)
{
    sqlite3_stmt *w[W_COUNT] = {0};
    int64_t rid = 0, vid = 0;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    for (int i = 0; i < W_COUNT; i++)
        if ((rc = io_store_prepare(s, sql[i], &w[i], err)) != MODEL_OK)
            goto done;
    if ((rc = insert_run(s, w[W_RUN], pl, run, err)) != MODEL_OK)
        goto done;
    rid = sqlite3_last_insert_rowid(s->db);
    if (sched && (rc = io_store_run_kpis_set(s, rid, pl->problem, sched, err)) != MODEL_OK)
        goto done;
    if (sched && schedule_json &&
        (rc = insert_version(s, w, pl, sched, schedule_json, rid,
                             strcmp(run->outcome, "published") == 0, &vid, err)) != MODEL_OK)
        goto done;
    if (s->holds_lock) {
        sqlite3_bind_int64(w[W_UNLOCK], 1, (sqlite3_int64)getpid());
        rc = io_store_step_done(s, w[W_UNLOCK], "release the plan lock", err);
    }
done:
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(w[i]);
    if (rc == MODEL_OK)
        rc = io_store_commit(s, err);
    else
        io_store_rollback(s);
    if (rc != MODEL_OK)
        return rc;
    s->holds_lock = false;
    if (run_id)
        *run_id = rid;
    if (version_id)
        *version_id = vid;
    return MODEL_OK;
}
