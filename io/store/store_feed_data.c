/* store_feed_data.c - what the calendar feeds show: the visits of the
 * published version and of the past days' versions, and optionally the
 * breaks of those technician-days, loaded into an io_store_feed_data (see
 * store_feed.h, "What a feed shows"). */
#include "io/store/store_feed.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static const io_store_row_type tech_rows = {
    sizeof(io_store_feed_tech), 16, NULL, 2,
    {IO_STORE_TEXT(io_store_feed_tech, id, 0), IO_STORE_TEXT(io_store_feed_tech, name, 1)}};

static bool read_visit(sqlite3_stmt *st, void *row);

#define TEXT(field, column) IO_STORE_TEXT(io_store_feed_visit, field, column)
#define REQUIRED(field, column) IO_STORE_TEXT_REQUIRED(io_store_feed_visit, field, column)
static const io_store_row_type visit_rows = {
    sizeof(io_store_feed_visit), 64, read_visit, 14,
    {TEXT(item, -1), REQUIRED(job, 1), REQUIRED(technician, 2), REQUIRED(date, 3),
     TEXT(title, 6), TEXT(customer, 7), TEXT(notes, 8), TEXT(address, 9), TEXT(location_id, 10),
     TEXT(skills, -1), TEXT(contact_phone, 17), TEXT(contact_email, 18),
     TEXT(contact_notes, 19), TEXT(uid, -1)}};
#undef TEXT
#undef REQUIRED

void io_store_feed_data_free(io_store_feed_data *d)
{
    if (!d)
        return;
    io_store_list_free(&tech_rows, d->techs, d->ntechs);
    io_store_list_free(&visit_rows, d->visits, d->nvisits);
    model_tz_free(d->tz);
    free(d);
}

static model_status read_published(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    io_store_feed_data *d = ctx;
    d->version = sqlite3_column_int64(st, 0);
    d->published_at = sqlite3_column_int64(st, 1);
    io_store_column_copy(st, 2, d->first_day, sizeof d->first_day);
    io_store_column_copy(st, 3, d->last_day, sizeof d->last_day);
    return MODEL_OK;
}

static model_status load_published(io_store *s, int past_days, io_store_feed_data *d,
                                   model_error *err)
{
    char back[32];
    snprintf(back, sizeof back, "-%d days", past_days);
    return io_store_query_row(s, read_published, d, NULL, "read versions", err,
                              "SELECT id, created_at, date(horizon_from, ?1), horizon_to FROM "
                              "schedule_versions WHERE status = 'published'", "t", back);
}

static model_status load_techs(io_store *s, io_store_feed_data *d, model_error *err)
{
    return io_store_list(s, &tech_rows, (void **)&d->techs, &d->ntechs, "read technicians", err,
                         "SELECT id, name FROM technicians ORDER BY id", "");
}

/* The published version's visits, then the history's (the newest
 * occurrence of each job that the published version does not hold). */
static const char visits_sql[] =
    "WITH pub AS (SELECT id, horizon_from FROM schedule_versions WHERE status = 'published'),\n"
    "hist AS (\n"
    "  SELECT a.*, row_number() OVER (PARTITION BY a.job_id ORDER BY a.version_id DESC) AS nth\n"
    "  FROM assignments a, pub\n"
    "  WHERE a.shift_date >= ?1 AND a.shift_date < pub.horizon_from\n"
    "    AND a.version_id = (SELECT max(v.id) FROM schedule_versions v\n"
    "                        WHERE v.status IN ('published', 'superseded')\n"
    "                          AND v.horizon_from <= a.shift_date AND v.horizon_to >= a.shift_date)\n"
    "    AND a.job_id NOT IN (SELECT job_id FROM assignments WHERE version_id = pub.id)),\n"
    "src AS (\n"
    "  SELECT a.version_id, a.job_id, a.technician_id, a.shift_date, a.start_at, a.end_at\n"
    "  FROM assignments a, pub WHERE a.version_id = pub.id\n"
    "  UNION ALL\n"
    "  SELECT version_id, job_id, technician_id, shift_date, start_at, end_at FROM hist\n"
    "  WHERE nth = 1)\n"
    "SELECT src.version_id, src.job_id, src.technician_id, src.shift_date, src.start_at,\n"
    "  src.end_at, j.title, j.customer, j.notes, l.address, j.location_id, j.priority, l.lat,\n"
    "  l.lon,\n"
    "  (SELECT group_concat(skill, ', ') FROM (SELECT CASE WHEN level > 1 THEN\n"
    "     skill || ':' || level ELSE skill END AS skill FROM job_skills\n"
    "     WHERE job_id = src.job_id ORDER BY skill)),\n"
    "  CASE WHEN j.late_max_min IS NULL THEN\n"
    "  (SELECT start_at || ' ' || end_at FROM job_windows w WHERE w.job_id = src.job_id\n"
    "     AND w.start_at <= src.start_at AND src.start_at <= w.end_at\n"
    "     ORDER BY w.start_at LIMIT 1)\n"
    "  ELSE (SELECT start_at || ' ' || end_at FROM job_windows w WHERE w.job_id = src.job_id\n"
    "     AND w.start_at <= src.start_at ORDER BY w.start_at DESC, w.end_at DESC LIMIT 1) END,\n"
    "  CAST(round(j.late_max_min * 60) AS INTEGER), j.contact_phone, j.contact_email,\n"
    "  j.contact_notes\n"
    "FROM src JOIN jobs j ON j.id = src.job_id LEFT JOIN locations l ON l.id = j.location_id\n"
    "WHERE j.status <> 'cancelled'\n"
    "ORDER BY src.technician_id, src.start_at, src.job_id";

/* The numbers, window, skills and item of a visit (its other texts:
 * visit_rows). */
static bool read_visit(sqlite3_stmt *st, void *row)
{
    io_store_feed_visit *v = row;
    bool ok = true;
    v->version = sqlite3_column_int64(st, 0);
    v->start = sqlite3_column_int64(st, 4);
    v->end = sqlite3_column_int64(st, 5);
    v->priority = sqlite3_column_int(st, 11);
    v->has_geo = sqlite3_column_type(st, 12) != SQLITE_NULL &&
                 sqlite3_column_type(st, 13) != SQLITE_NULL;
    v->lat = sqlite3_column_double(st, 12);
    v->lon = sqlite3_column_double(st, 13);
    v->skills = sqlite3_column_type(st, 14) == SQLITE_NULL ? strdup("")
                                                           : io_store_column_dup(st, 14, &ok);
    const char *w = (const char *)sqlite3_column_text(st, 15);
    long long ws, we;
    if (w && sscanf(w, "%lld %lld", &ws, &we) == 2) {
        v->has_window = true;
        v->window_start = ws;
        v->window_end = we;
    }
    v->late_max_s = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 16);
    if (v->job) {
        size_t n = strlen(v->job) + 5;
        if ((v->item = malloc(n)))
            snprintf(v->item, n, "job:%s", v->job);
    }
    return ok && v->skills && v->item;
}

static model_status load_visits(io_store *s, io_store_feed_data *d, model_error *err)
{
    return io_store_list(s, &visit_rows, (void **)&d->visits, &d->nvisits, "read assignments",
                         err, visits_sql, "t", d->first_day);
}

/* Appends an empty visit to d; NULL when out of memory. */
static io_store_feed_visit *add_visit(io_store_feed_data *d, int *cap)
{
    if (!io_store_grow((void **)&d->visits, d->nvisits, cap, sizeof *d->visits, 64))
        return NULL;
    io_store_feed_visit *v = &d->visits[d->nvisits++];
    memset(v, 0, sizeof *v);
    v->late_max_s = -1;
    return v;
}

/* A version whose breaks may show: its id, horizon and stored texts. */
typedef struct break_source {
    int64_t id;
    char from[16], to[16];
    bool published;
} break_source;

/* Whether version src is the one that shows day `date` (see the top of
 * store_feed.h): the published one for its own days, else the newest
 * version covering the day, for days before the published horizon. */
static bool shows_day(const break_source *src, int n, int k, const char *date,
                      const io_store_feed_data *d, const char *pub_from)
{
    if (src[k].published)
        return true;
    if (strcmp(date, d->first_day) < 0 || strcmp(date, pub_from) >= 0 ||
        strcmp(date, src[k].from) < 0 || strcmp(date, src[k].to) > 0)
        return false;
    for (int i = 0; i < n; i++)
        if (i != k && !src[i].published && src[i].id > src[k].id &&
            strcmp(date, src[i].from) >= 0 && strcmp(date, src[i].to) <= 0)
            return false;
    return true;
}

typedef struct break_ctx {
    io_store_feed_data *d;
    int *cap;
    const break_source *src;
    int n, k;
    const char *pub_from;
} break_ctx;

/* One break of a version's route: kept when the version shows its day. */
static model_status add_break(void *ctx, const char *tech, const char *date, int nth,
                              int64_t start, int64_t end, model_error *err)
{
    break_ctx *b = ctx;
    if (!shows_day(b->src, b->n, b->k, date, b->d, b->pub_from))
        return MODEL_OK;
    io_store_feed_visit *v = add_visit(b->d, b->cap);
    size_t len = strlen(tech) + 40;
    if (!v || !(v->item = malloc(len)) || !(v->technician = strdup(tech)) ||
        !(v->date = strdup(date)))
        return nomem(err);
    snprintf(v->item, len, "break:%s:%s:%d", tech, date, nth);
    v->version = b->src[b->k].id;
    v->start = start;
    v->end = end;
    return MODEL_OK;
}

/* The breaks of one version's routes that serve a job on a day it shows. */
static model_status add_breaks_of(io_store_feed_data *d, int *cap, const break_source *src,
                                  int n, int k, const char *pub_from, const char *problem_json,
                                  const char *schedule_json, model_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "version %lld", (long long)src[k].id);
    break_ctx b = {d, cap, src, n, k, pub_from};
    return io_store_each_break(d->tz, name, problem_json, schedule_json, add_break, &b, err);
}

static model_status load_breaks(io_store *s, io_store_feed_data *d, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s,
        "WITH pub AS (SELECT horizon_from FROM schedule_versions WHERE status = 'published')\n"
        "SELECT v.id, v.horizon_from, v.horizon_to, v.status = 'published', " IO_STORE_RUN_PROBLEM ",\n"
        "  v.schedule_json, pub.horizon_from FROM schedule_versions v\n"
        "JOIN plan_runs r ON r.id = v.run_id, pub\n"
        "WHERE v.status = 'published' OR (v.status = 'superseded' AND v.horizon_to >= ?1\n"
        "  AND v.horizon_from < pub.horizon_from)\n"
        "ORDER BY v.id", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, d->first_day, -1, SQLITE_STATIC);
    /* First the versions (to know which shows which day), then their texts. */
    break_source *src = NULL;
    int n = 0, cap = 0, r;
    char pub_from[16] = "";
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&src, n, &cap, sizeof *src, 8)) {
            rc = nomem(err);
            break;
        }
        break_source *b = &src[n++];
        b->id = sqlite3_column_int64(st, 0);
        snprintf(b->from, sizeof b->from, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(b->to, sizeof b->to, "%s", (const char *)sqlite3_column_text(st, 2));
        b->published = sqlite3_column_int(st, 3) != 0;
        snprintf(pub_from, sizeof pub_from, "%s", (const char *)sqlite3_column_text(st, 6));
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read versions");
    sqlite3_reset(st);
    int k = 0, vcap = d->nvisits;
    while (rc == MODEL_OK && (r = sqlite3_step(st)) == SQLITE_ROW && k < n) {
        const char *pj = (const char *)sqlite3_column_text(st, 4);
        const char *sj = (const char *)sqlite3_column_text(st, 5);
        if (pj && sj)
            rc = add_breaks_of(d, &vcap, src, n, k, pub_from, pj, sj, err);
        k++;
    }
    if (rc == MODEL_OK && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = io_store_fail(s, err, "read versions");
    sqlite3_finalize(st);
    free(src);
    return rc;
}

static int cmp_visit(const void *a, const void *b)
{
    const io_store_feed_visit *x = a, *y = b;
    int c = strcmp(x->technician, y->technician);
    if (c)
        return c;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->item, y->item);
}

model_status io_store_feed_load(io_store *s, int past_days, bool breaks,
                                io_store_feed_data **out, model_error *err)
{
    *out = NULL;
    if (past_days < 0 || past_days > IO_STORE_FEED_MAX_PAST_DAYS)
        return model_error_set(err, MODEL_ERR_INPUT, "past days must be 0..%d",
                               IO_STORE_FEED_MAX_PAST_DAYS);
    io_store_feed_data *d = calloc(1, sizeof *d);
    if (!d)
        return nomem(err);
    d->writable = !s->read_only;
    model_status rc;
    if ((rc = io_store_load_timezone(s, &d->tz, err)) == MODEL_OK &&
        (rc = load_techs(s, d, err)) == MODEL_OK &&
        (rc = load_published(s, past_days, d, err)) == MODEL_OK && d->version &&
        (rc = load_visits(s, d, err)) == MODEL_OK && breaks &&
        (rc = load_breaks(s, d, err)) == MODEL_OK)
        qsort(d->visits, (size_t)d->nvisits, sizeof *d->visits, cmp_visit);
    if (rc != MODEL_OK) {
        io_store_feed_data_free(d);
        return rc;
    }
    *out = d;
    return MODEL_OK;
}
