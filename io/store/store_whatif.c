/* store_whatif.c - versions for what-ifs and bookings (store_whatif.h):
 * reading a version with its problem, storing a what-if or a booking as a
 * run and version in one transaction, publishing a draft, and recording a
 * published scenario in the master data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "io/formats/json_out.h"
#include "io/formats/json_params.h"
#include "io/store/store_internal.h"
#include "io/store/store_upsert.h"
#include "io/store/store_whatif.h"
#include "model/check.h"
#include "model/diff.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* ---- reading ---- */

void io_store_version_info_free(io_store_version_info *v)
{
    if (!v)
        return;
    free(v->kind);
    free(v->name);
    free(v->scenario_json);
    free(v->problem_json);
    free(v->schedule_json);
    free(v);
}

static model_status read_version(void *ctx, sqlite3_stmt *st, model_error *err)
{
    io_store_version_info **out = ctx, *v = calloc(1, sizeof *v);
    if (!(*out = v))
        return nomem(err);
    v->version = sqlite3_column_int64(st, 0);
    v->run = sqlite3_column_int64(st, 1);
    snprintf(v->status, sizeof v->status, "%s", (const char *)sqlite3_column_text(st, 2));
    snprintf(v->from, sizeof v->from, "%s", (const char *)sqlite3_column_text(st, 3));
    snprintf(v->to, sizeof v->to, "%s", (const char *)sqlite3_column_text(st, 4));
    v->days = sqlite3_column_int(st, 5);
    v->base_version = sqlite3_column_int64(st, 6);
    bool ok = io_json_params_read_whatif((const char *)sqlite3_column_text(st, 7), &v->kind,
                                         &v->name, &v->scenario_json, err) == MODEL_OK;
    v->problem_json = io_store_column_dup(st, 8, &ok);
    v->schedule_json = io_store_column_dup(st, 9, &ok);
    return ok && v->problem_json && v->schedule_json ? MODEL_OK : nomem(err);
}

model_status io_store_version_get(io_store *s, int64_t version, io_store_version_info **out,
                                  model_error *err)
{
    *out = NULL;
    bool found;
    model_status rc = io_store_query_row(
        s, read_version, out, &found, "read a version", err,
        "SELECT v.id, v.run_id, v.status, v.horizon_from, v.horizon_to, r.horizon_days, "
        "r.previous_version, r.parameters, " IO_STORE_RUN_PROBLEM ", v.schedule_json "
        "FROM schedule_versions v JOIN plan_runs r ON r.id = v.run_id "
        "WHERE (?1 = 0 AND v.status = 'published') OR v.id = ?1",
        "I", version);
    if (rc == MODEL_OK && !found)
        rc = io_store_not_found(s, "version", version, err);
    if (rc != MODEL_OK) {
        io_store_version_info_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The newest version whose what-if has this name, or 0. */
static model_status version_named(io_store *s, const char *name, int64_t *version,
                                  model_error *err)
{
    *version = 0;
    return io_store_query_row(
        s, io_store_read_int64, version, NULL, "look up a version by name", err,
        "SELECT v.id FROM schedule_versions v JOIN plan_runs r ON r.id = v.run_id "
        "WHERE json_valid(r.parameters) AND json_extract(r.parameters, '$.whatif.name') = ?1 "
        "ORDER BY v.id DESC LIMIT 1",
        "t", name);
}

model_status io_store_version_find(io_store *s, const char *text, int64_t *version,
                                   model_error *err)
{
    char *end;
    long long n = strtoll(text, &end, 10);
    if (text[0] >= '0' && text[0] <= '9' && !*end && n > 0) {
        *version = n;
        return MODEL_OK;
    }
    model_status rc = version_named(s, text, version, err);
    if (rc == MODEL_OK && !*version)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: no version named '%.64s'", s->name, text);
    return rc;
}

model_status io_store_version_open(io_store *s, const char *text, int64_t *version,
                                   io_store_version_info **out, model_error *err)
{
    *version = 0;
    *out = NULL;
    model_status rc = text ? io_store_version_find(s, text, version, err) : MODEL_OK;
    return rc == MODEL_OK ? io_store_version_get(s, *version, out, err) : rc;
}

/* The published version's id, or 0. */
static model_status published_id(io_store *s, int64_t *id, model_error *err)
{
    *id = 0;
    return io_store_query_row(s, io_store_read_int64, id, NULL, "read the published version",
                              err, "SELECT id FROM schedule_versions WHERE status = 'published'",
                              "");
}

/* ---- rows of a version ---- */

/* ---- recording a scenario in the master data ---- */

/* The shift of technician t of p on local day `days`, or -1. */
static int shift_on_day(const model_problem *p, int t, int64_t days)
{
    for (int k = 0; k < p->technicians[t].nshifts; k++) {
        if (model_shift_day(p, t, k) == days)
            return k;
    }
    return -1;
}

static model_status store_shift(io_store_upsert *u, const model_problem *p, int t, int k,
                                model_error *err)
{
    char date[16];
    const model_shift *sh = &p->technicians[t].shifts[k];
    return io_store_upsert_shift(u, p->technicians[t].id, model_shift_date(p, t, k, date),
                                 sh->start, sh->end, sh->breaks, sh->nbreaks, &sh->overtime, NULL,
                                 err);
}

/* An absence, day by day up to the horizon's end: a day on which p still
 * has the technician's shift stores that shift (shortened, or with the
 * absence as a break); any other day an absence row. */
static model_status record_absence(io_store_upsert *u, const model_problem *p,
                                   const io_scenario_change *ch, int64_t horizon_end,
                                   const char *reason, model_error *err)
{
    int t = model_strmap_get(&p->technician_index, ch->technician);
    if (t < 0)
        return MODEL_OK;
    int64_t end = ch->to < horizon_end ? ch->to : horizon_end;
    model_civil c = model_tz_to_civil(p->tz, ch->from);
    int64_t day = model_days_from_civil(c.year, c.month, c.day);
    model_status rc = MODEL_OK;
    for (int n = 0; rc == MODEL_OK && n <= 400; n++, day++) {
        int64_t d0 = model_tz_day_start(p->tz, day), d1 = model_tz_day_start(p->tz, day + 1);
        if (d0 >= end)
            break;
        int64_t lo = ch->from > d0 ? ch->from : d0, hi = end < d1 ? end : d1;
        if (lo >= hi)
            continue;
        int k = shift_on_day(p, t, day);
        rc = k >= 0 ? store_shift(u, p, t, k, err)
                    : io_store_upsert_absence(u, ch->technician, lo, hi, reason, NULL, err);
    }
    return rc;
}

static model_status record_location(io_store_upsert *u, const model_problem *p, const char *id,
                                    model_error *err)
{
    int l = id ? model_strmap_get(&p->location_index, id) : -1;
    bool has;
    if (l < 0)
        return MODEL_OK;
    model_status rc = io_store_upsert_has_location(u, id, &has, err);
    if (rc != MODEL_OK || has)
        return rc;
    const model_location *loc = &p->locations[l];
    io_store_location_rec r = {loc->id, loc->has_coords, loc->lat, loc->lon, loc->address,
                               IO_LOC_COORDS | IO_LOC_ADDRESS};
    return io_store_upsert_location(u, &r, NULL, err);
}

static model_status record_job(io_store_upsert *u, const model_problem *p, const char *id,
                               model_error *err)
{
    int j = model_strmap_get(&p->job_index, id);
    if (j < 0)
        return MODEL_OK; /* cancelled by a later change */
    io_store_job_lists l;
    io_store_job_rec r;
    if (io_store_job_rec_from_problem(p, j, &l, &r, err) != MODEL_OK)
        return err->code;
    model_status rc = record_location(u, p, r.location, err);
    if (rc == MODEL_OK)
        rc = io_store_upsert_job(u, &r, NULL, err);
    io_store_job_lists_free(&l);
    return rc;
}

static model_status record_change(io_store_upsert *u, const model_problem *p,
                                  const io_scenario_change *ch, int64_t horizon_end,
                                  const char *reason, model_error *err)
{
    int t = ch->technician ? model_strmap_get(&p->technician_index, ch->technician) : -1;
    bool has;
    model_status rc;
    switch (ch->kind) {
    case IO_CHANGE_ABSENT:
        return record_absence(u, p, ch, horizon_end, ch->reason ? ch->reason : reason, err);
    case IO_CHANGE_SHIFT: {
        int64_t days;
        int k = t >= 0 && model_date_parse(ch->date, &days, NULL) == MODEL_OK
                    ? shift_on_day(p, t, days) : -1;
        return k >= 0 ? store_shift(u, p, t, k, err) : MODEL_OK;
    }
    case IO_CHANGE_ADD_SKILL:
    case IO_CHANGE_REMOVE_SKILL: {
        if (t < 0)
            return MODEL_OK;
        const char *names[MODEL_MAX_SKILLS];
        int levels[MODEL_MAX_SKILLS];
        io_store_technician_rec r = {0};
        r.id = ch->technician;
        r.skills = names;
        r.skill_levels = levels;
        r.nskills = io_store_skill_names_levels(p, &p->technicians[t].skills,
                                                &p->technicians[t].levels, names, levels);
        r.max_jobs = -1;
        r.mask = IO_TECH_SKILLS;
        return io_store_upsert_technician(u, &r, NULL, err);
    }
    case IO_CHANGE_ADD_JOB:
    case IO_CHANGE_UPDATE_JOB:
        return record_job(u, p, ch->job, err);
    case IO_CHANGE_CANCEL_JOB: {
        if ((rc = io_store_upsert_has_job(u, ch->job, &has, err)) != MODEL_OK || !has)
            return rc;
        io_store_job_rec r = {0};
        r.id = ch->job;
        r.status = "cancelled";
        r.release = MODEL_TIME_MIN;
        r.deadline = MODEL_TIME_MAX;
        r.mask = IO_JOB_STATUS;
        return io_store_upsert_job(u, &r, NULL, err);
    }
    case IO_CHANGE_ADD_LOCATION:
        return record_location(u, p, ch->location, err);
    case IO_CHANGE_PREFER:
    case IO_CHANGE_LATENESS:
        return record_job(u, p, ch->job, err);
    case IO_CHANGE_OVERTIME: {
        rc = MODEL_OK;
        char date[16];
        for (int k = 0; t >= 0 && rc == MODEL_OK && k < p->technicians[t].nshifts; k++)
            if (!ch->date || strcmp(model_shift_date(p, t, k, date), ch->date) == 0)
                rc = io_store_upsert_overtime(u, ch->technician, model_shift_date(p, t, k, date),
                                              &p->technicians[t].shifts[k].overtime, err);
        return rc;
    }
    case IO_CHANGE_TRAVEL_FACTOR:
        return MODEL_OK;
    }
    return MODEL_OK;
}

/* Records every change of sc (whose result is p) in the master data. */
static model_status record(io_store *s, const io_scenario *sc, const model_problem *p,
                           const char *horizon_to, const char *reason, model_error *err)
{
    io_store_upsert u;
    int64_t last;
    if (model_date_parse(horizon_to, &last, NULL) != MODEL_OK)
        return model_error_set(err, MODEL_ERR_INTERNAL, "%s: bad horizon '%s'", s->name,
                               horizon_to);
    int64_t horizon_end = model_tz_day_start(p->tz, last + 1);
    model_status rc = io_store_upsert_init(&u, s, err);
    if (rc != MODEL_OK)
        return rc;
    for (int i = 0; rc == MODEL_OK && i < io_scenario_count(sc); i++) {
        io_scenario_change ch;
        if ((rc = io_scenario_change_at(sc, i, p->tz, &ch, err)) == MODEL_OK)
            rc = record_change(&u, p, &ch, horizon_end, reason, err);
    }
    io_store_upsert_fini(&u);
    return rc;
}

static model_status read_status(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    snprintf(ctx, 16, "%s", (const char *)sqlite3_column_text(st, 0));
    return MODEL_OK;
}

model_status io_store_job_status(io_store *s, const char *id, char status[16], model_error *err)
{
    status[0] = '\0';
    return io_store_query_row(s, read_status, status, NULL, "read a job's status", err,
                              "SELECT status FROM jobs WHERE id = ?1", "t", id);
}

/* ---- storing a what-if, a booking or a rollback ---- */

static char *parameters(const io_store_whatif_save *w, model_error *err)
{
    char *scenario = w->scenario ? io_scenario_to_json(w->scenario, err) : NULL;
    if (w->scenario && !scenario)
        return NULL;
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{\"whatif\": {\"kind\": ");
    io_json_out_string(&o, w->kind);
    io_json_out_raw(&o, ", \"name\": ");
    io_json_out_string(&o, w->name);
    io_json_out_printf(&o, ", \"base_version\": %lld, \"source\": ",
                       (long long)(w->base ? w->base->version : 0));
    io_json_out_string(&o, w->scenario ? io_scenario_source(w->scenario) : NULL);
    io_json_out_raw(&o, ", \"options\": ");
    io_json_out_raw(&o, w->options_json ? w->options_json : "{}");
    io_json_out_raw(&o, ", \"scenario\": ");
    io_json_out_raw(&o, scenario ? scenario : "null");
    if (w->restores) {
        io_json_out_printf(&o, ", \"restores\": %lld, \"dropped\": ",
                           (long long)w->restores->version);
        io_json_out_raw(&o, w->dropped_json ? w->dropped_json : "[]");
    }
    io_json_out_raw(&o, "}}");
    free(scenario);
    return io_json_out_finish(&o, err);
}

static model_status insert_run(io_store *s, const io_store_whatif_save *w, const char *params,
                               int64_t *run_id, model_error *err)
{
    const model_problem *p = w->problem;
    const io_store_version_info *hz = w->restores ? w->restores : w->base;
    model_summary m = model_schedule_summarize(p, w->schedule);
    int shifts = 0;
    for (int t = 0; t < p->ntechnicians; t++)
        shifts += p->technicians[t].nshifts;
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "INSERT INTO plan_runs(started_at, finished_at, horizon_from, horizon_days, seed, "
           "time_limit_s, parameters, outcome, message, jobs, technicians, shifts, assigned, "
           "unassigned, unassigned_weight, travel_s, distance_m, moved_jobs, shifted_jobs, "
           "iterations, solve_s, previous_version, problem_json, matrix_hash) VALUES(?1, ?2, ?3, "
           "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
           "?22, ?23, ?24)",
        &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_int64(st, 1, w->started_at);
    sqlite3_bind_int64(st, 2, io_store_now());
    sqlite3_bind_text(st, 3, hz->from, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, hz->days);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)w->seed);
    sqlite3_bind_double(st, 6, w->time_limit_s);
    sqlite3_bind_text(st, 7, params, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, w->publish ? "published" : "draft", -1, SQLITE_STATIC);
    io_store_bind_text(st, 9, w->message);
    sqlite3_bind_int(st, 10, p->njobs);
    sqlite3_bind_int(st, 11, p->ntechnicians);
    sqlite3_bind_int(st, 12, shifts);
    sqlite3_bind_int(st, 13, m.assigned);
    sqlite3_bind_int(st, 14, m.unassigned);
    sqlite3_bind_int64(st, 15, m.unassigned_weight);
    sqlite3_bind_int64(st, 16, m.travel_s);
    sqlite3_bind_int64(st, 17, m.distance_m);
    sqlite3_bind_int(st, 18, w->moved);
    sqlite3_bind_int(st, 19, w->shifted);
    sqlite3_bind_int64(st, 20, w->iterations);
    sqlite3_bind_double(st, 21, w->solve_s);
    if (w->base)
        sqlite3_bind_int64(st, 22, w->base->version);
    else
        sqlite3_bind_null(st, 22);
    /* the matrix once per content (store_matrix.c) */
    char *stripped, hash[IO_STORE_HASH_BUF];
    if ((rc = io_store_matrix_split(s, w->problem_json, strlen(w->problem_json), &stripped, hash,
                                    err)) != MODEL_OK) {
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_bind_text(st, 23, stripped ? stripped : w->problem_json, -1, SQLITE_STATIC);
    io_store_bind_text(st, 24, hash[0] ? hash : NULL);
    rc = io_store_step_done(s, st, "store the run", err);
    sqlite3_finalize(st);
    free(stripped);
    *run_id = sqlite3_last_insert_rowid(s->db);
    if (rc == MODEL_OK)
        rc = io_store_run_kpis_set(s, *run_id, p, w->schedule, err);
    return rc;
}

static model_status insert_version(io_store *s, const io_store_whatif_save *w, int64_t run_id,
                                   int64_t *vid, model_error *err)
{
    const io_store_version_info *hz = w->restores ? w->restores : w->base;
    model_status rc = io_store_run(s, "store the version", err,
                                   "INSERT INTO schedule_versions(run_id, status, horizon_from, "
                                   "horizon_to, created_at, schedule_json) "
                                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                                   "ItttIt", run_id, w->publish ? "published" : "draft", hz->from,
                                   hz->to, io_store_now(), w->schedule_json);
    *vid = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* io_store_whatif_store once w carries both texts. */
static model_status store_run(io_store *s, const io_store_whatif_save *w, int64_t *run_id,
                              int64_t *version_id, model_error *err)
{
    char *params = parameters(w, err);
    if (!params)
        return err ? err->code : MODEL_ERR_NOMEM;
    int64_t rid = 0, vid = 0, other;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK) {
        free(params);
        return rc;
    }
    if (w->name && (rc = version_named(s, w->name, &other, err)) == MODEL_OK && other)
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: a version named '%.64s' exists already (version %lld)", s->name,
                             w->name, (long long)other);
    int64_t base = w->base ? w->base->version : 0;
    if (rc == MODEL_OK && w->publish && (rc = published_id(s, &other, err)) == MODEL_OK &&
        other != base)
        rc = model_error_set(err, MODEL_ERR_BUSY,
                             "%s: version %lld is not the published version any more (%lld is): "
                             "start again from it", s->name, (long long)base, (long long)other);
    if (rc == MODEL_OK && w->publish && w->scenario)
        rc = record(s, w->scenario, w->problem, (w->restores ? w->restores : w->base)->to,
                    w->name ? w->name : w->kind, err);
    if (rc == MODEL_OK)
        rc = insert_run(s, w, params, &rid, err);
    if (rc == MODEL_OK && w->publish)
        rc = io_store_supersede_published(s, err);
    if (rc == MODEL_OK)
        rc = insert_version(s, w, rid, &vid, err);
    if (rc == MODEL_OK)
        rc = io_store_version_rows(s, vid, w->problem, w->schedule, !w->publish, err);
    if (rc == MODEL_OK && w->publish)
        rc = io_store_version_statuses(s, w->problem, w->schedule, err);
    if (rc == MODEL_OK)
        rc = io_store_commit(s, err);
    else
        io_store_rollback(s);
    free(params);
    if (rc != MODEL_OK)
        return rc;
    if (run_id)
        *run_id = rid;
    if (version_id)
        *version_id = vid;
    return MODEL_OK;
}

/* ---- publishing a draft ---- */

model_status io_store_version_read(const io_store_version_info *v, model_problem **problem,
                                   model_schedule **schedule, model_error *err)
{
    char src[64];
    model_report rep = MODEL_REPORT_INIT;
    *problem = NULL;
    *schedule = NULL;
    snprintf(src, sizeof src, "version %lld", (long long)v->version);
    model_status rc = io_json_read_problem_text(v->problem_json, strlen(v->problem_json), src,
                                                problem, err);
    if (rc == MODEL_OK)
        rc = io_json_read_schedule_text(*problem, v->schedule_json, strlen(v->schedule_json), src,
                                        schedule, NULL, NULL, &rep, err);
    if (rc == MODEL_OK && rep.n > 0)
        rc = model_error_set(err, MODEL_ERR_CHECK, "%s: %s", src, rep.items[0]);
    model_report_clear(&rep);
    if (rc != MODEL_OK) {
        model_schedule_free(*schedule);
        model_problem_free(*problem);
        *schedule = NULL;
        *problem = NULL;
    }
    return rc;
}

/* Reads version v's problem, schedule and scenario. */
static model_status parse_version(const io_store_version_info *v, model_problem **p,
                                  model_schedule **sched, io_scenario **sc, model_error *err)
{
    char src[64];
    snprintf(src, sizeof src, "version %lld's scenario", (long long)v->version);
    model_status rc = io_store_version_read(v, p, sched, err);
    if (rc == MODEL_OK && v->scenario_json)
        rc = io_scenario_read_text(v->scenario_json, strlen(v->scenario_json), src, sc, err);
    return rc;
}

static model_status set_published(io_store *s, int64_t version, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "UPDATE schedule_versions SET status = 'published' "
                                          "WHERE id = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_int64(st, 1, version);
    rc = io_store_step_done(s, st, "publish the version", err);
    sqlite3_finalize(st);
    return rc;
}

static model_status clear_rows(io_store *s, int64_t version, model_error *err)
{
    static const char *const sql[2] = {"DELETE FROM assignments WHERE version_id = ?1",
                                       "DELETE FROM unassigned WHERE version_id = ?1"};
    model_status rc = MODEL_OK;
    for (int k = 0; k < 2 && rc == MODEL_OK; k++) {
        sqlite3_stmt *st;
        if ((rc = io_store_prepare(s, sql[k], &st, err)) != MODEL_OK)
            break;
        sqlite3_bind_int64(st, 1, version);
        rc = io_store_step_done(s, st, "replace the version's rows", err);
        sqlite3_finalize(st);
    }
    return rc;
}

/* Whether version v may be published over `current`: v must be a draft
 * and, unless force, planned against current (or current 0). */
static model_status may_publish(io_store *s, const io_store_version_info *v, int64_t current,
                                bool force, int64_t *would_undo, model_error *err)
{
    if (strcmp(v->status, "draft") != 0)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: version %lld is %s%s", s->name,
                               (long long)v->version,
                               strcmp(v->status, "published") == 0 ? "published already"
                                                                   : v->status,
                               strcmp(v->status, "published") == 0
                                   ? "" : ": only a draft can be published");
    if (!force && current && v->base_version != current) {
        char base[32] = "no version";
        if (v->base_version)
            snprintf(base, sizeof base, "version %lld", (long long)v->base_version);
        if (would_undo)
            *would_undo = current;
        return model_error_set(err, MODEL_ERR_INPUT,
                               "%s: version %lld was planned against %s, but version %lld is "
                               "published now: publishing it would undo version %lld",
                               s->name, (long long)v->version, base, (long long)current,
                               (long long)current);
    }
    return MODEL_OK;
}

model_status io_store_publish_check(io_store *s, const io_store_version_info *v, bool force,
                                    int64_t *would_undo, model_error *err)
{
    int64_t current = 0;
    if (would_undo)
        *would_undo = 0;
    model_status rc = published_id(s, &current, err);
    return rc != MODEL_OK ? rc : may_publish(s, v, current, force, would_undo, err);
}

/* Appends note to the run's message. */
static model_status note_run(io_store *s, int64_t run, const char *note, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "UPDATE plan_runs SET message = CASE WHEN message IS "
                                          "NULL OR message = '' THEN ?2 ELSE message || '; ' || "
                                          "?2 END WHERE id = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
    rc = io_store_step_done(s, st, "record the run's note", err);
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_publish(io_store *s, int64_t version, bool force, const char *note,
                              int64_t *would_undo, model_error *err)
{
    if (would_undo)
        *would_undo = 0;
    io_store_version_info *v = NULL;
    model_problem *p = NULL;
    model_schedule *sched = NULL;
    io_scenario *sc = NULL;
    int64_t current = 0;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_version_get(s, version, &v, err)) != MODEL_OK ||
        (rc = published_id(s, &current, err)) != MODEL_OK ||
        (rc = may_publish(s, v, current, force, would_undo, err)) != MODEL_OK ||
        (rc = parse_version(v, &p, &sched, &sc, err)) != MODEL_OK)
        goto done;
    if (sc && (rc = record(s, sc, p, v->to, v->name ? v->name : "what-if", err)) != MODEL_OK)
        goto done;
    if ((rc = clear_rows(s, version, err)) != MODEL_OK ||
        (rc = io_store_version_rows(s, version, p, sched, false, err)) != MODEL_OK ||
        (rc = io_store_supersede_published(s, err)) != MODEL_OK ||
        (rc = set_published(s, version, err)) != MODEL_OK ||
        (note && note[0] && (rc = note_run(s, v->run, note, err)) != MODEL_OK))
        goto done;
    rc = io_store_version_statuses(s, p, sched, err);
done:
    if (rc == MODEL_OK)
        rc = io_store_commit(s, err);
    else
        io_store_rollback(s);
    io_scenario_free(sc);
    model_schedule_free(sched);
    model_problem_free(p);
    io_store_version_info_free(v);
    return rc;
}

model_status io_store_whatif_store(io_store *s, const io_store_whatif_save *w, int64_t *run_id,
                                   int64_t *version_id, model_error *err)
{
    io_store_whatif_save t = *w;
    char *problem = NULL, *schedule = NULL;
    model_status rc = MODEL_OK;
    if ((!t.problem_json && !(t.problem_json = problem = io_json_problem_to_string(t.problem, err))) ||
        (!t.schedule_json &&
         !(t.schedule_json = schedule = io_json_schedule_to_string(t.problem, t.schedule, err))))
        rc = err ? err->code : MODEL_ERR_NOMEM;
    else
        rc = store_run(s, &t, run_id, version_id, err);
    free(problem);
    free(schedule);
    return rc;
}
