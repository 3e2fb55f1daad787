/* store_feed.c - the feed tables: tokens, the visits feeds show, and the
 * UID / SEQUENCE bookkeeping (see store_feed.h).
 *
 * Invariant: feed_items.uid never changes once a row exists, and
 * feed_items.sequence never decreases. */
#include "io/store/store_feed.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS feed_state(\n"
    "  id INTEGER PRIMARY KEY CHECK(id = 1),\n"
    "  uid_domain TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS feed_tokens(\n"
    "  technician_id TEXT PRIMARY KEY REFERENCES technicians(id) ON DELETE CASCADE,\n"
    "  digest BLOB NOT NULL UNIQUE CHECK(length(digest) = 32),\n"
    "  issued_at INTEGER NOT NULL,\n"
    "  rotations INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS feed_items(\n"
    "  item TEXT PRIMARY KEY,\n"
    "  uid TEXT NOT NULL UNIQUE,\n"
    "  sequence INTEGER NOT NULL CHECK(sequence >= 0),\n"
    "  technician_id TEXT NOT NULL,\n"
    "  start_at INTEGER NOT NULL,\n"
    "  end_at INTEGER NOT NULL,\n"
    "  location_id TEXT,\n"
    "  detail TEXT NOT NULL,\n"
    "  in_feed INTEGER NOT NULL CHECK(in_feed IN (0, 1)),\n"
    "  created_at INTEGER NOT NULL,\n"
    "  modified_at INTEGER NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS feed_calendars(\n"
    "  technician_id TEXT PRIMARY KEY,\n"
    "  digest TEXT NOT NULL,\n"
    "  modified_at INTEGER NOT NULL) WITHOUT ROWID;\n";

#define FALLBACK_UID_DOMAIN "local.fieldplan"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* Whether table `name` exists. */
static model_status has_table(io_store *s, const char *name, bool *yes, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    *yes = r == SQLITE_ROW;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the schema");
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_feed_prepare(io_store *s, model_error *err)
{
    if (s->read_only)
        return MODEL_OK;
    bool have;
    model_status rc = has_table(s, "feed_state", &have, err);
    if (rc != MODEL_OK)
        return rc;
    if (have) {
        sqlite3_stmt *st;
        if ((rc = io_store_prepare(s, "SELECT 1 FROM feed_state WHERE id = 1", &st, err)) != MODEL_OK)
            return rc;
        int r = sqlite3_step(st);
        sqlite3_finalize(st);
        if (r == SQLITE_ROW)
            return MODEL_OK;
    }
    if ((rc = io_store_exec(s, schema, err)) != MODEL_OK)
        return rc;
    char token[IO_FEED_TOKEN_CHARS + 1], domain[64];
    uint8_t d[IO_FEED_DIGEST_BYTES];
    char hex[17];
    if ((rc = io_feed_token_new(token, err)) != MODEL_OK)
        return rc;
    io_feed_sha256(token, strlen(token), d);
    io_feed_hex(d, 8, hex);
    snprintf(domain, sizeof domain, "%s.fieldplan", hex);
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "INSERT OR IGNORE INTO feed_state(id, uid_domain) VALUES(1, ?1)",
                               &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, domain, -1, SQLITE_STATIC);
    rc = io_store_step_done(s, st, "create the feed state", err);
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_feed_begin(io_store *s, bool *writable, model_error *err)
{
    *writable = !s->read_only;
    model_status rc = io_store_exec(s, *writable ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (rc != MODEL_OK)
        return rc;
    if (*writable && (rc = io_store_feed_prepare(s, err)) != MODEL_OK)
        io_store_rollback(s);
    return rc;
}

model_status io_store_feed_end(io_store *s, bool commit, model_error *err)
{
    if (commit && !s->read_only)
        return io_store_commit(s, err);
    io_store_rollback(s);
    return MODEL_OK;
}

/* ---- tokens ---- */

static model_status technician_exists(io_store *s, const char *tech, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "SELECT 1 FROM technicians WHERE id = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: unknown technician '%s'", s->name, tech);
    else if (r != SQLITE_ROW)
        rc = io_store_fail(s, err, "read technicians");
    sqlite3_finalize(st);
    return rc;
}

/* Begins the write transaction of a change to tech's token: fails, with
 * nothing left open, when the database is read-only or tech is unknown. */
static model_status begin_token_write(io_store *s, const char *tech, model_error *err)
{
    bool writable;
    model_status rc = io_store_feed_begin(s, &writable, err);
    if (rc != MODEL_OK)
        return rc;
    if (!writable)
        rc = model_error_set(err, MODEL_ERR_IO, "%s: cannot write: the database is read-only",
                             s->name);
    else
        rc = technician_exists(s, tech, err);
    if (rc != MODEL_OK)
        io_store_feed_end(s, false, NULL);
    return rc;
}

model_status io_store_feed_token_issue(io_store *s, const char *tech, bool rotate,
                                       char token[IO_FEED_TOKEN_CHARS + 1], model_error *err)
{
    memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    model_status rc = begin_token_write(s, tech, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_prepare(s, "SELECT 1 FROM feed_tokens WHERE technician_id = ?1", &st,
                               err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read tokens");
        goto done;
    }
    if (r == SQLITE_ROW && !rotate) {
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: technician '%s' already has a token (use 'tokens rotate')",
                             s->name, tech);
        goto done;
    }
    uint8_t digest[IO_FEED_DIGEST_BYTES];
    if ((rc = io_feed_token_new(token, err)) != MODEL_OK)
        goto done;
    io_feed_token_digest(token, IO_FEED_TOKEN_CHARS, digest);
    if ((rc = io_store_prepare(s, "INSERT INTO feed_tokens(technician_id, digest, issued_at, "
                                  "rotations) VALUES(?1, ?2, ?3, 0) ON CONFLICT(technician_id) DO "
                                  "UPDATE SET digest = excluded.digest, issued_at = "
                                  "excluded.issued_at, rotations = rotations + 1",
                               &st, err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, digest, IO_FEED_DIGEST_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, io_store_now());
    rc = io_store_step_done(s, st, "store the token", err);
done:
    sqlite3_finalize(st);
    if (rc == MODEL_OK)
        rc = io_store_feed_end(s, true, err);
    else
        io_store_feed_end(s, false, NULL);
    if (rc != MODEL_OK)
        memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    return rc;
}

model_status io_store_feed_token_revoke(io_store *s, const char *tech, bool *had,
                                        model_error *err)
{
    if (had)
        *had = false;
    model_status rc = begin_token_write(s, tech, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_prepare(s, "DELETE FROM feed_tokens WHERE technician_id = ?1", &st,
                               err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    if ((rc = io_store_step_done(s, st, "revoke the token", err)) == MODEL_OK && had)
        *had = sqlite3_changes(s->db) > 0;
done:
    sqlite3_finalize(st);
    if (rc == MODEL_OK)
        return io_store_feed_end(s, true, err);
    io_store_feed_end(s, false, NULL);
    return rc;
}

void io_store_feed_tokens_free(io_store_feed_token_row *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        free(rows[i].technician);
        free(rows[i].name);
    }
    free(rows);
}

model_status io_store_feed_tokens_list(io_store *s, const char *tech,
                                       io_store_feed_token_row **rows, int *n, model_error *err)
{
    *rows = NULL;
    *n = 0;
    bool have;
    model_status rc = has_table(s, "feed_tokens", &have, err);
    if (rc != MODEL_OK)
        return rc;
    if (tech && (rc = technician_exists(s, tech, err)) != MODEL_OK)
        return rc;
    sqlite3_stmt *st;
    rc = io_store_prepare(s,
                          have ? "SELECT t.id, t.name, k.digest, k.issued_at, k.rotations FROM "
                                 "technicians t LEFT JOIN feed_tokens k ON k.technician_id = t.id "
                                 "WHERE ?1 IS NULL OR t.id = ?1 ORDER BY t.id"
                               : "SELECT id, name, NULL, 0, 0 FROM technicians WHERE ?1 IS NULL "
                                 "OR id = ?1 ORDER BY id",
                          &st, err);
    if (rc != MODEL_OK)
        return rc;
    io_store_bind_text(st, 1, tech);
    io_store_feed_token_row *out = NULL;
    int cnt = 0, cap = 0, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&out, cnt, &cap, sizeof *out, 16)) {
            ok = false;
            break;
        }
        io_store_feed_token_row *x = &out[cnt++];
        memset(x, 0, sizeof *x);
        x->technician = io_store_column_dup(st, 0, &ok);
        x->name = io_store_column_dup(st, 1, &ok);
        x->active = sqlite3_column_bytes(st, 2) == IO_FEED_DIGEST_BYTES;
        if (x->active)
            memcpy(x->digest, sqlite3_column_blob(st, 2), IO_FEED_DIGEST_BYTES);
        x->issued_at = sqlite3_column_int64(st, 3);
        x->rotations = sqlite3_column_int(st, 4);
    }
    if (!ok)
        rc = nomem(err);
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read tokens");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_feed_tokens_free(out, cnt);
        return rc;
    }
    *rows = out;
    *n = cnt;
    return MODEL_OK;
}

/* ---- what the feeds show ---- */

void io_store_feed_data_free(io_store_feed_data *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->ntechs; i++) {
        free(d->techs[i].id);
        free(d->techs[i].name);
    }
    free(d->techs);
    for (int i = 0; i < d->nvisits; i++) {
        io_store_feed_visit *v = &d->visits[i];
        free(v->item);
        free(v->job);
        free(v->technician);
        free(v->date);
        free(v->title);
        free(v->customer);
        free(v->notes);
        free(v->address);
        free(v->location_id);
        free(v->skills);
        free(v->uid);
    }
    free(d->visits);
    model_tz_free(d->tz);
    free(d);
}

static model_status load_published(io_store *s, int past_days, io_store_feed_data *d,
                                   model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "SELECT id, created_at, date(horizon_from, ?1), horizon_to FROM schedule_versions "
           "WHERE status = 'published'", &st, err);
    if (rc != MODEL_OK)
        return rc;
    char back[32];
    snprintf(back, sizeof back, "-%d days", past_days);
    sqlite3_bind_text(st, 1, back, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        d->version = sqlite3_column_int64(st, 0);
        d->published_at = sqlite3_column_int64(st, 1);
        const char *a = (const char *)sqlite3_column_text(st, 2);
        const char *b = (const char *)sqlite3_column_text(st, 3);
        snprintf(d->first_day, sizeof d->first_day, "%s", a ? a : "");
        snprintf(d->last_day, sizeof d->last_day, "%s", b ? b : "");
    } else if (r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read versions");
    }
    sqlite3_finalize(st);
    return rc;
}

static model_status load_techs(io_store *s, io_store_feed_data *d, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "SELECT id, name FROM technicians ORDER BY id", &st, err);
    if (rc != MODEL_OK)
        return rc;
    int cap = 0, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&d->techs, d->ntechs, &cap, sizeof *d->techs, 16)) {
            ok = false;
            break;
        }
        io_store_feed_tech *t = &d->techs[d->ntechs++];
        t->id = io_store_column_dup(st, 0, &ok);
        t->name = io_store_column_dup(st, 1, &ok);
    }
    if (!ok)
        rc = nomem(err);
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read technicians");
    sqlite3_finalize(st);
    return rc;
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
    "  (SELECT group_concat(skill, ', ') FROM (SELECT skill FROM job_skills\n"
    "     WHERE job_id = src.job_id ORDER BY skill)),\n"
    "  (SELECT start_at || ' ' || end_at FROM job_windows w WHERE w.job_id = src.job_id\n"
    "     AND w.start_at <= src.start_at AND src.start_at <= w.end_at\n"
    "     ORDER BY w.start_at LIMIT 1)\n"
    "FROM src JOIN jobs j ON j.id = src.job_id LEFT JOIN locations l ON l.id = j.location_id\n"
    "WHERE j.status <> 'cancelled'\n"
    "ORDER BY src.technician_id, src.start_at, src.job_id";

static bool read_visit(sqlite3_stmt *st, io_store_feed_visit *v)
{
    bool ok = true;
    memset(v, 0, sizeof *v);
    v->version = sqlite3_column_int64(st, 0);
    v->job = io_store_column_dup(st, 1, &ok);
    v->technician = io_store_column_dup(st, 2, &ok);
    v->date = io_store_column_dup(st, 3, &ok);
    v->start = sqlite3_column_int64(st, 4);
    v->end = sqlite3_column_int64(st, 5);
    v->title = io_store_column_dup(st, 6, &ok);
    v->customer = io_store_column_dup(st, 7, &ok);
    v->notes = io_store_column_dup(st, 8, &ok);
    v->address = io_store_column_dup(st, 9, &ok);
    v->location_id = io_store_column_dup(st, 10, &ok);
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
    if (v->job) {
        size_t n = strlen(v->job) + 5;
        if ((v->item = malloc(n)))
            snprintf(v->item, n, "job:%s", v->job);
    }
    return ok && v->skills && v->item && v->job && v->technician && v->date;
}

static model_status load_visits(io_store *s, io_store_feed_data *d, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, visits_sql, &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, d->first_day, -1, SQLITE_STATIC);
    int cap = 0, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&d->visits, d->nvisits, &cap, sizeof *d->visits, 64)) {
            ok = false;
            break;
        }
        ok = read_visit(st, &d->visits[d->nvisits++]);
    }
    if (!ok)
        rc = nomem(err);
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read assignments");
    sqlite3_finalize(st);
    return rc;
}

/* Appends an empty visit to d; NULL when out of memory. */
static io_store_feed_visit *add_visit(io_store_feed_data *d, int *cap)
{
    if (!io_store_grow((void **)&d->visits, d->nvisits, cap, sizeof *d->visits, 64))
        return NULL;
    io_store_feed_visit *v = &d->visits[d->nvisits++];
    memset(v, 0, sizeof *v);
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
        "SELECT v.id, v.horizon_from, v.horizon_to, v.status = 'published', r.problem_json,\n"
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

/* ---- bookkeeping ---- */

static void feed_text(uint8_t *ctx_buf, size_t *len, size_t cap, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (*len + n + 1 > cap)
        n = 0; /* never happens: the caller sized the buffer */
    if (n)
        memcpy(ctx_buf + *len, text, n);
    *len += n;
    ctx_buf[(*len)++] = 0x1f;
}

/* Hex SHA-256 of everything the event shows besides technician, times and
 * location id. */
static model_status detail_digest(const io_store_feed_visit *v, char hex[65], model_error *err)
{
    char nums[128];
    snprintf(nums, sizeof nums, "%d %d %lld %lld %d %.7f %.7f", v->priority, v->has_window,
             (long long)v->window_start, (long long)v->window_end, v->has_geo, v->lat, v->lon);
    const char *parts[] = {v->title, v->customer, v->notes, v->address, v->skills, nums};
    size_t cap = 1;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        cap += (parts[i] ? strlen(parts[i]) : 0) + 1;
    uint8_t *buf = malloc(cap);
    if (!buf)
        return nomem(err);
    size_t len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        feed_text(buf, &len, cap, parts[i]);
    uint8_t d[IO_FEED_DIGEST_BYTES];
    io_feed_sha256(buf, len, d);
    free(buf);
    io_feed_hex(d, IO_FEED_DIGEST_BYTES, hex);
    return MODEL_OK;
}

static model_status uid_domain(io_store *s, char *buf, size_t size, model_error *err)
{
    snprintf(buf, size, "%s", FALLBACK_UID_DOMAIN);
    bool have;
    model_status rc = has_table(s, "feed_state", &have, err);
    if (rc != MODEL_OK || !have)
        return rc;
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "SELECT uid_domain FROM feed_state WHERE id = 1", &st, err)) !=
        MODEL_OK)
        return rc;
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    else if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the feed state");
    sqlite3_finalize(st);
    return rc;
}

/* "PREFIX" ID "@DOMAIN" with bytes of ID outside [A-Za-z0-9._~-]
 * percent-encoded in lower-case hex: "job-J-1001@...",
 * "break-t-01%3a2026-11-23%3a1@...". Lower case because python3-icalendar
 * (4.0) turns "%2C", "%3A", "%3B" and "%5C" in any value into , : ; \. */
static char *make_uid(const char *prefix, const char *job, const char *domain)
{
    size_t k = strlen(prefix), n = strlen(job), m = strlen(domain);
    char *u = malloc(k + 3 * n + 1 + m + 1);
    if (!u)
        return NULL;
    char *p = u;
    memcpy(p, prefix, k);
    p += k;
    for (const unsigned char *c = (const unsigned char *)job; *c; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
            *c == '.' || *c == '_' || *c == '~' || *c == '-') {
            *p++ = (char)*c;
        } else {
            snprintf(p, 4, "%%%02x", *c);
            p += 3;
        }
    }
    *p++ = '@';
    memcpy(p, domain, m + 1);
    return u;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static model_status reconcile_one(io_store *s, io_store_feed_data *d, io_store_feed_visit *v,
                                  sqlite3_stmt *get, sqlite3_stmt *put, const char *domain,
                                  int64_t now, model_error *err)
{
    char detail[65];
    model_status rc = detail_digest(v, detail, err);
    if (rc != MODEL_OK)
        return rc;
    bool changed = true;
    int r = SQLITE_DONE;
    if (get) {
        sqlite3_reset(get);
        sqlite3_bind_text(get, 1, v->item, -1, SQLITE_STATIC);
        r = sqlite3_step(get);
    }
    if (r == SQLITE_ROW) {
        const char *tech = (const char *)sqlite3_column_text(get, 2);
        const char *loc = (const char *)sqlite3_column_text(get, 5);
        const char *old_detail = (const char *)sqlite3_column_text(get, 6);
        bool core = !same_text(tech, v->technician) || sqlite3_column_int64(get, 3) != v->start ||
                    sqlite3_column_int64(get, 4) != v->end || !same_text(loc, v->location_id);
        bool back = sqlite3_column_int(get, 7) == 0;
        bool shown = !same_text(old_detail, detail);
        int64_t seq = sqlite3_column_int64(get, 1) + (core || back ? 1 : 0);
        v->sequence = seq > INT_MAX ? INT_MAX : (int)seq;
        v->created_at = sqlite3_column_int64(get, 8);
        v->modified_at = core || back || shown ? now : sqlite3_column_int64(get, 9);
        v->uid = strdup((const char *)sqlite3_column_text(get, 0));
        changed = core || back || shown;
    } else if (r == SQLITE_DONE) {
        v->sequence = 0;
        v->created_at = v->modified_at = now;
        v->uid = v->job ? make_uid("job-", v->job, domain) : make_uid("break-", v->item + 6, domain);
    } else {
        return io_store_fail(s, err, "read feed items");
    }
    sqlite3_reset(get);
    if (!v->uid)
        return nomem(err);
    if (!d->writable || !changed)
        return MODEL_OK; /* no write when nothing changed: other readers' data_version stays */
    sqlite3_bind_text(put, 1, v->item, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 2, v->uid, -1, SQLITE_STATIC);
    sqlite3_bind_int(put, 3, v->sequence);
    sqlite3_bind_text(put, 4, v->technician, -1, SQLITE_STATIC);
    sqlite3_bind_int64(put, 5, v->start);
    sqlite3_bind_int64(put, 6, v->end);
    io_store_bind_text(put, 7, v->location_id);
    sqlite3_bind_text(put, 8, detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(put, 9, v->created_at);
    sqlite3_bind_int64(put, 10, v->modified_at);
    return io_store_step_done(s, put, "store feed items", err);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Marks the items shown last time that no feed shows now as gone. */
static model_status mark_gone(io_store *s, const io_store_feed_data *d, model_error *err)
{
    const char **now = malloc((d->nvisits > 0 ? (size_t)d->nvisits : 1) * sizeof *now);
    if (!now)
        return nomem(err);
    for (int i = 0; i < d->nvisits; i++)
        now[i] = d->visits[i].item;
    qsort(now, (size_t)d->nvisits, sizeof *now, cmp_cstr);
    sqlite3_stmt *sel = NULL, *upd = NULL;
    model_status rc;
    if ((rc = io_store_prepare(s, "SELECT item FROM feed_items WHERE in_feed = 1", &sel, err)) !=
            MODEL_OK ||
        (rc = io_store_prepare(s, "UPDATE feed_items SET in_feed = 0 WHERE item = ?1", &upd,
                               err)) != MODEL_OK)
        goto done;
    /* Collect first: updating while a SELECT on the same table steps is
     * best avoided. */
    char **gone = NULL;
    int ngone = 0, cap = 0, r;
    while ((r = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *item = (const char *)sqlite3_column_text(sel, 0);
        if (!item || bsearch(&item, now, (size_t)d->nvisits, sizeof *now, cmp_cstr))
            continue;
        if (!io_store_grow((void **)&gone, ngone, &cap, sizeof *gone, 16)) {
            rc = nomem(err);
            break;
        }
        if (!(gone[ngone] = strdup(item))) {
            rc = nomem(err);
            break;
        }
        ngone++;
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read feed items");
    for (int i = 0; rc == MODEL_OK && i < ngone; i++) {
        sqlite3_bind_text(upd, 1, gone[i], -1, SQLITE_STATIC);
        rc = io_store_step_done(s, upd, "store feed items", err);
    }
    for (int i = 0; i < ngone; i++)
        free(gone[i]);
    free(gone);
done:
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    free(now);
    return rc;
}

model_status io_store_feed_reconcile(io_store *s, io_store_feed_data *d, int64_t now,
                                     model_error *err)
{
    char domain[128];
    bool have;
    model_status rc;
    if ((rc = uid_domain(s, domain, sizeof domain, err)) != MODEL_OK ||
        (rc = has_table(s, "feed_items", &have, err)) != MODEL_OK)
        return rc;
    if (d->writable && !have)
        return model_error_set(err, MODEL_ERR_INTERNAL,
                               "%s: feed tables missing (io_store_feed_begin not called)", s->name);
    sqlite3_stmt *get = NULL, *put = NULL;
    if (have && (rc = io_store_prepare(s, "SELECT uid, sequence, technician_id, start_at, end_at, "
                                          "location_id, detail, in_feed, created_at, modified_at "
                                          "FROM feed_items WHERE item = ?1", &get, err)) != MODEL_OK)
        return rc;
    if (d->writable &&
        (rc = io_store_prepare(s, "INSERT OR REPLACE INTO feed_items(item, uid, sequence, "
                                  "technician_id, start_at, end_at, location_id, detail, in_feed, "
                                  "created_at, modified_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                  "?8, 1, ?9, ?10)", &put, err)) != MODEL_OK)
        goto done;
    for (int i = 0; i < d->nvisits; i++)
        if ((rc = reconcile_one(s, d, &d->visits[i], get, put, domain, now, err)) != MODEL_OK)
            goto done;
    if (d->writable)
        rc = mark_gone(s, d, err);
done:
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    return rc;
}

model_status io_store_feed_calendar_mark(io_store *s, bool writable, const char *tech,
                                         const uint8_t digest[IO_FEED_DIGEST_BYTES], int64_t now,
                                         int64_t *modified_at, model_error *err)
{
    char hex[2 * IO_FEED_DIGEST_BYTES + 1];
    io_feed_hex(digest, IO_FEED_DIGEST_BYTES, hex);
    *modified_at = now;
    bool have;
    model_status rc = has_table(s, "feed_calendars", &have, err);
    if (rc != MODEL_OK || !have)
        return rc;
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "SELECT digest, modified_at FROM feed_calendars WHERE "
                                  "technician_id = ?1", &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    bool same = false;
    if (r == SQLITE_ROW) {
        const char *old = (const char *)sqlite3_column_text(st, 0);
        same = old && strcmp(old, hex) == 0;
        if (same)
            *modified_at = sqlite3_column_int64(st, 1);
    } else if (r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read feed calendars");
    }
    sqlite3_finalize(st);
    if (rc != MODEL_OK || same || !writable)
        return rc;
    if ((rc = io_store_prepare(s, "INSERT OR REPLACE INTO feed_calendars(technician_id, digest, "
                                  "modified_at) VALUES(?1, ?2, ?3)", &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    rc = io_store_step_done(s, st, "store feed calendars", err);
    sqlite3_finalize(st);
    return rc;
}

struct io_store_feed_watch {
    io_store *s;        /* not owned */
    sqlite3_stmt *st;   /* PRAGMA data_version, owned */
};

model_status io_store_feed_watch_create(io_store *s, io_store_feed_watch **out, model_error *err)
{
    *out = NULL;
    io_store_feed_watch *w = calloc(1, sizeof *w);
    if (!w)
        return nomem(err);
    w->s = s;
    model_status rc = io_store_prepare(s, "PRAGMA data_version", &w->st, err);
    if (rc != MODEL_OK) {
        free(w);
        return rc;
    }
    *out = w;
    return MODEL_OK;
}

model_status io_store_feed_watch_poll(io_store_feed_watch *w, int64_t *version, model_error *err)
{
    model_status rc = MODEL_OK;
    if (sqlite3_step(w->st) == SQLITE_ROW)
        *version = sqlite3_column_int64(w->st, 0);
    else
        rc = io_store_fail(w->s, err, "read the data version");
    sqlite3_reset(w->st);
    return rc;
}

void io_store_feed_watch_free(io_store_feed_watch *w)
{
    if (!w)
        return;
    sqlite3_finalize(w->st);
    free(w);
}
