/* store_plan.c - the horizon's problem out of the store, and the plan run
 * and its version back into it (see store_plan.h).
 *
 * The problem is written as JSON (io_json_out) while the rows are read:
 * technicians and jobs first, collecting the location ids they use, then
 * those locations (sorted by id) and the travel model. Object key order
 * does not matter to the reader. */
#include "io/store/store_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_out.h"
#include "io/store/store_internal.h"
#include "io/store/store_plan_internal.h"
#include "model/strmap.h"
#include "model/time.h"

typedef struct idset {
    char **ids;         /* owned copies */
    int n, cap;
    model_strmap index; /* id -> position in ids */
} idset;

static model_status idset_add(idset *s, const char *id, model_error *err)
{
    if (model_strmap_get(&s->index, id) >= 0)
        return MODEL_OK;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        char **ids = realloc(s->ids, (size_t)cap * sizeof *ids);
        if (!ids)
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        s->ids = ids;
        s->cap = cap;
    }
    if (!(s->ids[s->n] = strdup(id)))
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (model_strmap_put(&s->index, s->ids[s->n], s->n) != MODEL_OK) {
        free(s->ids[s->n]);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    s->n++;
    return MODEL_OK;
}

static void idset_free(idset *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->ids[i]);
    free(s->ids);
    model_strmap_free(&s->index);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the ids and rebuilds the index to the sorted positions. */
static model_status idset_sort(idset *s, model_error *err)
{
    if (s->n > 1)
        qsort(s->ids, (size_t)s->n, sizeof *s->ids, cmp_str);
    model_strmap_free(&s->index);
    model_strmap fresh = MODEL_STRMAP_INIT;
    s->index = fresh;
    for (int i = 0; i < s->n; i++)
        if (model_strmap_put(&s->index, s->ids[i], i) != MODEL_OK)
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    return MODEL_OK;
}

typedef struct loader {
    io_store *s;
    io_store_plan *pl;
    model_tz *tz;
    io_json_out o;
    idset locations;
    idset expired; /* jobs left out: they can no longer be served */
    bool *may_wait;
    int nmay, capmay;
    const io_store_preference *extra; /* sorted by job id */
    int nextra;
    model_error *err;
} loader;

static void put_time(loader *L, const char *key, int64_t t)
{
    char buf[MODEL_TIME_BUF];
    io_json_out_printf(&L->o, "\"%s\": ", key);
    io_json_out_string(&L->o, model_time_format(L->tz, t, buf));
}

static void put_text(loader *L, const char *key, sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (!v)
        return;
    io_json_out_printf(&L->o, ", \"%s\": ", key);
    io_json_out_string(&L->o, v);
}

static void put_minutes(loader *L, const char *key, int64_t secs)
{
    io_json_out_printf(&L->o, "\"%s\": ", key);
    if (secs % 60 == 0)
        io_json_out_printf(&L->o, "%lld", (long long)(secs / 60));
    else
        io_json_out_number(&L->o, (double)secs / 60.0);
}

/* Writes a JSON list of the strings column 0 of st gives for `id` (a skill
 * with a level above 1 in column 1 as "NAME:LEVEL"). */
static model_status put_string_list(loader *L, sqlite3_stmt *st, const char *id, const char *what)
{
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    io_json_out_raw(&L->o, "[");
    int r, n = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++)
            io_json_out_raw(&L->o, ", ");
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (sqlite3_column_count(st) > 1 && sqlite3_column_int(st, 1) > 1) {
            char buf[512];
            snprintf(buf, sizeof buf, "%s:%d", v, sqlite3_column_int(st, 1));
            io_json_out_string(&L->o, buf);
        } else {
            io_json_out_string(&L->o, v);
        }
    }
    sqlite3_reset(st);
    io_json_out_raw(&L->o, "]");
    return r == SQLITE_DONE ? MODEL_OK : io_store_fail(L->s, L->err, what);
}

enum { Q_TECHS, Q_TECH_SKILLS, Q_SHIFTS, Q_BREAKS, Q_JOBS, Q_JOB_SKILLS, Q_WINDOWS, Q_ALLOWED,
       Q_PIN, Q_LOCATION, Q_TRAVEL, Q_ABSENCES, Q_PREFERRED, Q_COUNT };

static const char *const queries[Q_COUNT] = {
    [Q_TECHS] = "SELECT id, name, start_location, coalesce(end_location, start_location), "
                "capacity, max_jobs_per_shift FROM technicians ORDER BY id",
    [Q_TECH_SKILLS] = "SELECT skill, level FROM technician_skills WHERE technician_id = ?1 "
                      "ORDER BY skill",
    [Q_SHIFTS] = "SELECT s.id, s.start_at, s.end_at, s.overtime_max_min, "
                 "s.overtime_cost_s_per_min FROM shifts s WHERE s.technician_id = ?1 "
                 "AND s.date >= ?2 AND s.date <= ?3 ORDER BY s.start_at",
    [Q_BREAKS] = "SELECT earliest_at, latest_at, duration_s FROM shift_breaks WHERE shift_id = ?1 "
                 "ORDER BY earliest_at, latest_at, duration_s",
    [Q_JOBS] = "SELECT id, title, customer, location_id, duration_s, priority, load, release_at, "
               "deadline_at, technician_id, restricted, status, locked, notes, late_max_min, "
               "late_cost_s_per_min, contact_phone, contact_email, contact_notes, "
               IO_STORE_JOB_EXPIRED("?2") " FROM jobs "
               "WHERE status IN ('open', 'scheduled', 'started') "
               "AND (release_at IS NULL OR release_at < ?1) ORDER BY id",
    [Q_JOB_SKILLS] = "SELECT skill, level FROM job_skills WHERE job_id = ?1 ORDER BY skill",
    [Q_WINDOWS] = "SELECT start_at, end_at FROM job_windows WHERE job_id = ?1 "
                  "ORDER BY start_at, end_at",
    [Q_ALLOWED] = "SELECT technician_id FROM job_allowed WHERE job_id = ?1 ORDER BY technician_id",
    [Q_PIN] = "SELECT a.technician_id, a.shift_date, a.start_at FROM assignments a "
              "JOIN schedule_versions v ON v.id = a.version_id "
              "WHERE v.status = 'published' AND a.job_id = ?1",
    [Q_LOCATION] = "SELECT lat, lon, address FROM locations WHERE id = ?1",
    [Q_TRAVEL] = "SELECT from_location, to_location, duration_s, distance_m FROM travel",
    [Q_ABSENCES] = "SELECT start_at, end_at FROM absences WHERE technician_id = ?1 "
                   "AND start_at < ?3 AND end_at > ?2 ORDER BY start_at",
    [Q_PREFERRED] = "SELECT technician_id, bonus_s FROM job_preferred WHERE job_id = ?1 "
                    "ORDER BY technician_id",
};

/* The longest part of the shift [*from, *to) that technician `tech`'s
 * absences leave free (the earliest of equal ones): an absence of a few
 * hours shortens the shift instead of cancelling it. Empty when the
 * absences cover it all. */
static model_status free_part(loader *L, sqlite3_stmt *st, const char *tech, int64_t *from,
                              int64_t *to)
{
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, *from);
    sqlite3_bind_int64(st, 3, *to);
    int64_t cur = *from, best_a = 0, best_b = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1);
        if (a > cur && a - cur > best_b - best_a) {
            best_a = cur;
            best_b = a;
        }
        if (b > cur)
            cur = b;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return io_store_fail(L->s, L->err, "read absences");
    if (cur < *to && *to - cur > best_b - best_a) {
        best_a = cur;
        best_b = *to;
    }
    *from = best_a;
    *to = best_b;
    return MODEL_OK;
}

static model_status put_technicians(loader *L, sqlite3_stmt **q)
{
    model_status rc = MODEL_OK;
    io_json_out_raw(&L->o, "  \"technicians\": [");
    int r, n = 0;
    while (rc == MODEL_OK && (r = sqlite3_step(q[Q_TECHS])) == SQLITE_ROW) {
        sqlite3_stmt *t = q[Q_TECHS];
        const char *id = (const char *)sqlite3_column_text(t, 0);
        io_json_out_raw(&L->o, n++ ? ",\n    {\"id\": " : "\n    {\"id\": ");
        io_json_out_string(&L->o, id);
        put_text(L, "name", t, 1);
        io_json_out_raw(&L->o, ", \"skills\": ");
        if ((rc = put_string_list(L, q[Q_TECH_SKILLS], id, "read technician skills")) != MODEL_OK)
            break;
        io_json_out_raw(&L->o, ", \"start_location\": ");
        io_json_out_string(&L->o, (const char *)sqlite3_column_text(t, 2));
        io_json_out_raw(&L->o, ", \"end_location\": ");
        io_json_out_string(&L->o, (const char *)sqlite3_column_text(t, 3));
        if ((rc = idset_add(&L->locations, (const char *)sqlite3_column_text(t, 2), L->err)) !=
                MODEL_OK ||
            (rc = idset_add(&L->locations, (const char *)sqlite3_column_text(t, 3), L->err)) !=
                MODEL_OK)
            break;
        io_json_out_raw(&L->o, ", \"capacity\": ");
        io_json_out_number(&L->o, sqlite3_column_double(t, 4));
        if (sqlite3_column_type(t, 5) != SQLITE_NULL)
            io_json_out_printf(&L->o, ", \"max_jobs_per_shift\": %lld",
                               (long long)sqlite3_column_int64(t, 5));
        io_json_out_raw(&L->o, ",\n     \"shifts\": [");
        sqlite3_stmt *sh = q[Q_SHIFTS];
        sqlite3_bind_text(sh, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(sh, 2, L->pl->from, -1, SQLITE_STATIC);
        sqlite3_bind_text(sh, 3, L->pl->to, -1, SQLITE_STATIC);
        int rs, ns = 0;
        while ((rs = sqlite3_step(sh)) == SQLITE_ROW) {
            int64_t from = sqlite3_column_int64(sh, 1), to = sqlite3_column_int64(sh, 2);
            if ((rc = free_part(L, q[Q_ABSENCES], id, &from, &to)) != MODEL_OK)
                break;
            if (from >= to)
                continue; /* absent the whole shift */
            io_json_out_raw(&L->o, ns++ ? ",\n       {" : "\n       {");
            put_time(L, "start", from);
            io_json_out_raw(&L->o, ", ");
            put_time(L, "end", to);
            io_json_out_raw(&L->o, ", \"breaks\": [");
            sqlite3_stmt *b = q[Q_BREAKS];
            sqlite3_bind_int64(b, 1, sqlite3_column_int64(sh, 0));
            int rb, nb = 0;
            while ((rb = sqlite3_step(b)) == SQLITE_ROW) {
                /* a shift shortened by an absence keeps the breaks that
                 * still fit, their windows clipped to it */
                int64_t lo = sqlite3_column_int64(b, 0), hi = sqlite3_column_int64(b, 1);
                int64_t dur = sqlite3_column_int64(b, 2);
                if (lo < from)
                    lo = from;
                if (hi > to - dur)
                    hi = to - dur;
                if (lo > hi)
                    continue;
                io_json_out_raw(&L->o, nb++ ? ", {" : "{");
                put_time(L, "earliest", lo);
                io_json_out_raw(&L->o, ", ");
                put_time(L, "latest", hi);
                io_json_out_raw(&L->o, ", ");
                put_minutes(L, "duration_min", dur);
                io_json_out_raw(&L->o, "}");
            }
            sqlite3_reset(b);
            if (rb != SQLITE_DONE) {
                rc = io_store_fail(L->s, L->err, "read breaks");
                break;
            }
            io_json_out_raw(&L->o, "]");
            /* no overtime into an absence that cut the shift's end */
            if (to == sqlite3_column_int64(sh, 2))
                io_store_put_soft_limit(&L->o, "overtime", sh, 3);
            io_json_out_raw(&L->o, "}");
            L->pl->nshifts++;
        }
        sqlite3_reset(sh);
        if (rc == MODEL_OK && rs != SQLITE_DONE)
            rc = io_store_fail(L->s, L->err, "read shifts");
        io_json_out_raw(&L->o, "]}");
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(L->s, L->err, "read technicians");
    sqlite3_reset(q[Q_TECHS]);
    io_json_out_raw(&L->o, "\n  ],\n");
    return rc;
}

typedef struct window_list {
    model_window *w;
    int n, cap;
} window_list;

static model_status read_windows(loader *L, sqlite3_stmt *st, const char *id, window_list *wl)
{
    wl->n = 0;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (wl->n == wl->cap) {
            int cap = wl->cap ? wl->cap * 2 : 8;
            model_window *w = realloc(wl->w, (size_t)cap * sizeof *w);
            if (!w) {
                sqlite3_reset(st);
                return model_error_set(L->err, MODEL_ERR_NOMEM, "out of memory");
            }
            wl->w = w;
            wl->cap = cap;
        }
        wl->w[wl->n].start = sqlite3_column_int64(st, 0);
        wl->w[wl->n].end = sqlite3_column_int64(st, 1);
        wl->n++;
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MODEL_OK : io_store_fail(L->s, L->err, "read windows");
}

static model_status push_may_wait(loader *L, bool v)
{
    if (!io_store_grow((void **)&L->may_wait, L->nmay, &L->capmay, sizeof *L->may_wait, 256))
        return model_error_set(L->err, MODEL_ERR_NOMEM, "out of memory");
    L->may_wait[L->nmay++] = v;
    return MODEL_OK;
}

/* The pin of a started or locked job: *use false when the job is left out
 * (its published assignment lies outside the horizon). */
static model_status read_pin(loader *L, sqlite3_stmt *st, const char *id, bool *found,
                             bool *use, char *tech, size_t size, int64_t *start)
{
    *found = false;
    *use = true;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        const char *date = (const char *)sqlite3_column_text(st, 1);
        *found = true;
        snprintf(tech, size, "%s", (const char *)sqlite3_column_text(st, 0));
        *start = sqlite3_column_int64(st, 2);
        *use = date && strcmp(date, L->pl->from) >= 0 && strcmp(date, L->pl->to) <= 0;
    }
    sqlite3_reset(st);
    return (r == SQLITE_ROW || r == SQLITE_DONE) ? MODEL_OK : io_store_fail(L->s, L->err, "read pins");
}

static model_status put_jobs(loader *L, sqlite3_stmt **q)
{
    model_status rc = MODEL_OK;
    sqlite3_stmt *j = q[Q_JOBS];
    window_list wl = {0};
    sqlite3_bind_int64(j, 1, L->pl->end);
    sqlite3_bind_int64(j, 2, L->pl->start);
    io_json_out_raw(&L->o, "  \"jobs\": [");
    int r, n = 0;
    while (rc == MODEL_OK && (r = sqlite3_step(j)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(j, 0);
        const char *status = (const char *)sqlite3_column_text(j, 11);
        bool pin = strcmp(status, "started") == 0 || sqlite3_column_int(j, 12) != 0;
        bool found = false, use = true;
        char pin_tech[512];
        int64_t pin_start = 0;
        if (pin && (rc = read_pin(L, q[Q_PIN], id, &found, &use, pin_tech, sizeof pin_tech,
                                  &pin_start)) != MODEL_OK)
            break;
        if (!use)
            continue;
        if ((rc = read_windows(L, q[Q_WINDOWS], id, &wl)) != MODEL_OK)
            break;
        if (!found && wl.n > 0) {
            bool any = false;
            for (int k = 0; k < wl.n; k++)
                any |= wl.w[k].start < L->pl->end;
            if (!any)
                continue; /* every window opens after the horizon */
        }
        bool has_deadline = sqlite3_column_type(j, 8) != SQLITE_NULL;
        int64_t deadline = sqlite3_column_int64(j, 8);
        if (!found && sqlite3_column_int(j, 19)) { /* expired */
            if ((rc = idset_add(&L->expired, id, L->err)) != MODEL_OK)
                break;
            continue;
        }
        if ((rc = push_may_wait(L, !has_deadline || deadline > L->pl->end)) != MODEL_OK)
            break;
        io_json_out_raw(&L->o, n++ ? ",\n    {\"id\": " : "\n    {\"id\": ");
        io_json_out_string(&L->o, id);
        put_text(L, "title", j, 1);
        put_text(L, "customer", j, 2);
        put_text(L, "notes", j, 13);
        io_json_out_raw(&L->o, ", \"location\": ");
        io_json_out_string(&L->o, (const char *)sqlite3_column_text(j, 3));
        if ((rc = idset_add(&L->locations, (const char *)sqlite3_column_text(j, 3), L->err)) !=
            MODEL_OK)
            break;
        io_json_out_raw(&L->o, ", ");
        put_minutes(L, "duration_min", sqlite3_column_int64(j, 4));
        io_json_out_raw(&L->o, ", \"skills\": ");
        if ((rc = put_string_list(L, q[Q_JOB_SKILLS], id, "read job skills")) != MODEL_OK)
            break;
        io_json_out_printf(&L->o, ", \"priority\": %d, \"load\": ", sqlite3_column_int(j, 5));
        io_json_out_number(&L->o, sqlite3_column_double(j, 6));
        io_json_out_raw(&L->o, ",\n     \"windows\": [");
        if (found) {
            io_json_out_raw(&L->o, "{");
            put_time(L, "start", pin_start);
            io_json_out_raw(&L->o, ", ");
            put_time(L, "end", pin_start);
            io_json_out_raw(&L->o, "}");
            L->pl->pinned++;
        } else {
            for (int k = 0; k < wl.n; k++) {
                io_json_out_raw(&L->o, k ? ", {" : "{");
                put_time(L, "start", wl.w[k].start);
                io_json_out_raw(&L->o, ", ");
                put_time(L, "end", wl.w[k].end);
                io_json_out_raw(&L->o, "}");
            }
        }
        io_json_out_raw(&L->o, "]");
        if (sqlite3_column_type(j, 7) != SQLITE_NULL) {
            io_json_out_raw(&L->o, ", ");
            put_time(L, "release", sqlite3_column_int64(j, 7));
        }
        if (has_deadline) {
            io_json_out_raw(&L->o, ", ");
            put_time(L, "deadline", deadline);
        }
        if (found) {
            io_json_out_raw(&L->o, ", \"technician\": ");
            io_json_out_string(&L->o, pin_tech);
        } else if (sqlite3_column_type(j, 9) != SQLITE_NULL) {
            io_json_out_raw(&L->o, ", \"technician\": ");
            io_json_out_string(&L->o, (const char *)sqlite3_column_text(j, 9));
        }
        if (sqlite3_column_int(j, 10)) {
            io_json_out_raw(&L->o, ", \"allowed_technicians\": ");
            if ((rc = put_string_list(L, q[Q_ALLOWED], id, "read allowed technicians")) != MODEL_OK)
                break;
        }
        /* FORMAT.md extension 2; a job pinned to its start is never late */
        if (!found)
            io_store_put_soft_limit(&L->o, "lateness", j, 14);
        if ((rc = io_store_put_preferred(L->s, &L->o, q[Q_PREFERRED], id, L->extra, L->nextra,
                                         L->err)) != MODEL_OK)
            break;
        io_store_put_contact(&L->o, j, 16);
        io_json_out_raw(&L->o, "}");
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(L->s, L->err, "read jobs");
    sqlite3_reset(j);
    free(wl.w);
    io_json_out_raw(&L->o, "\n  ],\n");
    return rc;
}

static model_status put_locations(loader *L, sqlite3_stmt **q)
{
    model_status rc = idset_sort(&L->locations, L->err);
    io_json_out_raw(&L->o, "  \"locations\": [");
    for (int i = 0; rc == MODEL_OK && i < L->locations.n; i++) {
        sqlite3_stmt *st = q[Q_LOCATION];
        const char *id = L->locations.ids[i];
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            io_json_out_raw(&L->o, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
            io_json_out_string(&L->o, id);
            if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
                io_json_out_raw(&L->o, ", \"lat\": ");
                io_json_out_number(&L->o, sqlite3_column_double(st, 0));
                io_json_out_raw(&L->o, ", \"lon\": ");
                io_json_out_number(&L->o, sqlite3_column_double(st, 1));
            }
            put_text(L, "address", st, 2);
            io_json_out_raw(&L->o, "}");
        } else if (r == SQLITE_DONE) {
            rc = model_error_set(L->err, MODEL_ERR_INPUT, "%s: location '%s' is referred to but "
                                 "not stored", L->s->name, id);
        } else {
            rc = io_store_fail(L->s, L->err, "read locations");
        }
        sqlite3_reset(st);
    }
    io_json_out_raw(&L->o, "\n  ],\n");
    return rc;
}

static model_status put_travel(loader *L, sqlite3_stmt **q)
{
    char model[32], speed[64], circuity[64];
    model_status rc;
    if ((rc = io_store_setting_get(L->s, "travel_model", model, sizeof model, L->err)) != MODEL_OK ||
        (rc = io_store_setting_get(L->s, "speed_kmh", speed, sizeof speed, L->err)) != MODEL_OK ||
        (rc = io_store_setting_get(L->s, "circuity", circuity, sizeof circuity, L->err)) != MODEL_OK)
        return rc;
    if (strcmp(model, "matrix") != 0) {
        io_json_out_printf(&L->o, "  \"travel\": {\"model\": \"haversine\", \"speed_kmh\": %s, "
                                  "\"circuity\": %s}\n",
                           speed[0] ? speed : "30", circuity[0] ? circuity : "1");
        return MODEL_OK;
    }
    int n = L->locations.n;
    if (n > MODEL_MATRIX_MAX_LOCATIONS)
        return model_error_set(L->err, MODEL_ERR_LIMIT, "%s: the horizon needs %d locations; a "
                               "travel matrix is limited to %d (use the haversine model)",
                               L->s->name, n, MODEL_MATRIX_MAX_LOCATIONS);
    size_t nn = (size_t)n * (size_t)n;
    int64_t *dur = malloc((nn ? nn : 1) * sizeof *dur), *dist = malloc((nn ? nn : 1) * sizeof *dist);
    if (!dur || !dist) {
        free(dur);
        free(dist);
        return model_error_set(L->err, MODEL_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k < nn; k++)
        dur[k] = dist[k] = -1;
    sqlite3_stmt *st = q[Q_TRAVEL];
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int a = model_strmap_get(&L->locations.index, (const char *)sqlite3_column_text(st, 0));
        int b = model_strmap_get(&L->locations.index, (const char *)sqlite3_column_text(st, 1));
        if (a < 0 || b < 0)
            continue;
        dur[(size_t)a * n + b] = sqlite3_column_int64(st, 2);
        dist[(size_t)a * n + b] = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        rc = io_store_fail(L->s, L->err, "read travel");
    for (int a = 0; rc == MODEL_OK && a < n; a++)
        for (int b = 0; rc == MODEL_OK && b < n; b++) {
            size_t k = (size_t)a * n + b;
            if (dur[k] >= 0)
                continue;
            if (a == b)
                dur[k] = dist[k] = 0;
            else
                rc = model_error_set(L->err, MODEL_ERR_INPUT,
                                     "%s: travel matrix has no entry from '%s' to '%s' (import "
                                     "a matrix that covers every location, or haversine settings)",
                                     L->s->name, L->locations.ids[a], L->locations.ids[b]);
        }
    if (rc == MODEL_OK) {
        for (int pass = 0; pass < 2; pass++) {
            const int64_t *m = pass ? dist : dur;
            io_json_out_raw(&L->o, pass ? ",\n    \"distances_m\": [" : "  \"travel\": {\n    \"durations_s\": [");
            for (int a = 0; a < n; a++) {
                io_json_out_raw(&L->o, a ? ",\n      [" : "\n      [");
                for (int b = 0; b < n; b++)
                    io_json_out_printf(&L->o, b ? ", %lld" : "%lld", (long long)m[(size_t)a * n + b]);
                io_json_out_raw(&L->o, "]");
            }
            io_json_out_raw(&L->o, "]");
        }
        io_json_out_raw(&L->o, "}\n");
    }
    free(dur);
    free(dist);
    return rc;
}

static model_status horizon(loader *L, const char *from, int days)
{
    io_store_plan *pl = L->pl;
    int64_t d0;
    model_error e = MODEL_ERROR_INIT;
    if (model_date_parse(from, &d0, &e) != MODEL_OK)
        return model_error_set(L->err, MODEL_ERR_INPUT, "first day: %s", e.msg);
    if (days < 1 || days > IO_STORE_MAX_DAYS)
        return model_error_set(L->err, MODEL_ERR_INPUT, "the number of days must be from 1 to %d",
                               IO_STORE_MAX_DAYS);
    pl->days = days;
    model_date_format(d0, pl->from);
    model_date_format(d0 + days - 1, pl->to);
    pl->start = model_tz_day_start(L->tz, d0);
    pl->end = model_tz_day_start(L->tz, d0 + days);
    return MODEL_OK;
}

model_status io_store_plan_load(io_store *s, const char *from, int days, io_store_plan **out,
                                model_error *err)
{
    return io_store_plan_load_with(s, from, days, NULL, 0, out, err);
}

model_status io_store_plan_load_with(io_store *s, const char *from, int days,
                                     const io_store_preference *extra, int nextra,
                                     io_store_plan **out, model_error *err)
{
    *out = NULL;
    loader L = {0};
    L.s = s;
    L.err = err;
    L.extra = extra;
    L.nextra = nextra;
    io_json_out init = IO_JSON_OUT_INIT;
    L.o = init;
    sqlite3_stmt *q[Q_COUNT] = {0};
    model_status rc;
    io_store_plan *pl = calloc(1, sizeof *pl);
    if (!pl)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    L.pl = pl;
    if ((rc = io_store_load_timezone(s, &L.tz, err)) != MODEL_OK ||
        (rc = horizon(&L, from, days)) != MODEL_OK)
        goto fail;
    if ((rc = io_store_exec(s, "BEGIN", err)) != MODEL_OK)
        goto fail;
    for (int i = 0; i < Q_COUNT; i++)
        if ((rc = io_store_prepare(s, queries[i], &q[i], err)) != MODEL_OK)
            goto fail;
    io_json_out_raw(&L.o, "{\n  \"name\": ");
    char name[96];
    snprintf(name, sizeof name, "plan %s +%dd", pl->from, days);
    io_json_out_string(&L.o, name);
    io_json_out_raw(&L.o, ",\n  \"timezone\": ");
    io_json_out_string(&L.o, model_tz_name(L.tz));
    io_json_out_raw(&L.o, ",\n");
    if ((rc = io_store_put_objective(s, &L.o, err)) != MODEL_OK)
        goto fail;
    if ((rc = put_technicians(&L, q)) != MODEL_OK || (rc = put_jobs(&L, q)) != MODEL_OK ||
        (rc = put_locations(&L, q)) != MODEL_OK || (rc = put_travel(&L, q)) != MODEL_OK)
        goto fail;
    io_json_out_raw(&L.o, "}\n");
    if (!(pl->problem_json = io_json_out_finish(&L.o, err))) {
        rc = MODEL_ERR_NOMEM;
        goto fail;
    }
    pl->problem_len = strlen(pl->problem_json);
    if ((rc = io_json_read_problem_text(pl->problem_json, pl->problem_len, "horizon problem",
                                        &pl->problem, err)) != MODEL_OK)
        goto fail;
    int nj = pl->problem->njobs;
    if (nj != L.nmay) {
        rc = model_error_set(err, MODEL_ERR_INTERNAL, "horizon problem: %d jobs read, %d written",
                             nj, L.nmay);
        goto fail;
    }
    pl->may_wait = L.may_wait;
    L.may_wait = NULL;
    size_t cnt = nj > 0 ? (size_t)nj : 1;
    pl->prev_tech = malloc(cnt * sizeof *pl->prev_tech);
    pl->prev_shift = malloc(cnt * sizeof *pl->prev_shift);
    pl->prev_start = malloc(cnt * sizeof *pl->prev_start);
    if (!pl->prev_tech || !pl->prev_shift || !pl->prev_start) {
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (int j = 0; j < nj; j++) {
        pl->prev_tech[j] = pl->prev_shift[j] = -1;
        pl->prev_start[j] = 0;
    }
    if ((rc = io_store_previous_load(s, pl, err)) != MODEL_OK)
        goto fail;
    pl->expired = L.expired.ids; /* in id order, as the jobs were read */
    pl->nexpired = L.expired.n;
    L.expired.ids = NULL;
    L.expired.n = 0;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(q[i]);
    io_store_rollback(s); /* ends the read transaction */
    idset_free(&L.locations);
    idset_free(&L.expired);
    model_tz_free(L.tz);
    *out = pl;
    return MODEL_OK;
fail:
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(q[i]);
    io_store_rollback(s);
    io_json_out_free(&L.o);
    idset_free(&L.locations);
    idset_free(&L.expired);
    free(L.may_wait);
    model_tz_free(L.tz);
    io_store_plan_free(pl);
    return rc;
}

void io_store_plan_free(io_store_plan *pl)
{
    if (!pl)
        return;
    model_schedule_free(pl->previous);
    model_schedule_free(pl->previous_same);
    model_problem_free(pl->problem);
    free(pl->problem_json);
    free(pl->may_wait);
    free(pl->prev_tech);
    free(pl->prev_shift);
    free(pl->prev_start);
    for (int i = 0; i < pl->nexpired; i++)
        free(pl->expired[i]);
    free(pl->expired);
    free(pl);
}
