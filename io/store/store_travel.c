/* store_travel.c - the travel table for `fieldplan matrix` (store_travel.h). */
#include "io/store/store_travel.h"

#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"
#include "model/strmap.h"

void io_store_locs_free(io_store_locs *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->n; i++)
        free(l->ids[i]);
    free(l->ids);
    free(l->lat);
    free(l->lon);
    free(l->has_coords);
    free(l);
}

model_status io_store_locs_load(io_store *s, io_store_locs **out, model_error *err)
{
    *out = NULL;
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "SELECT id, lat, lon FROM locations ORDER BY id", &st,
                                       err);
    if (rc != MODEL_OK)
        return rc;
    io_store_locs *l = calloc(1, sizeof *l);
    int cap = 0, r;
    if (!l) {
        sqlite3_finalize(st);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (l->n == cap) {
            int ncap = cap ? cap * 2 : 64;
            char **ids = realloc(l->ids, (size_t)ncap * sizeof *ids);
            if (ids)
                l->ids = ids;
            double *la = ids ? realloc(l->lat, (size_t)ncap * sizeof *la) : NULL;
            if (la)
                l->lat = la;
            double *lo = la ? realloc(l->lon, (size_t)ncap * sizeof *lo) : NULL;
            if (lo)
                l->lon = lo;
            bool *hc = lo ? realloc(l->has_coords, (size_t)ncap * sizeof *hc) : NULL;
            if (!hc) {
                sqlite3_finalize(st);
                io_store_locs_free(l);
                return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
            }
            l->has_coords = hc;
            cap = ncap;
        }
        bool ok = true;
        l->ids[l->n] = io_store_column_dup(st, 0, &ok);
        l->has_coords[l->n] = sqlite3_column_type(st, 1) != SQLITE_NULL &&
                              sqlite3_column_type(st, 2) != SQLITE_NULL;
        l->lat[l->n] = sqlite3_column_double(st, 1);
        l->lon[l->n] = sqlite3_column_double(st, 2);
        if (!ok || !l->ids[l->n]) {
            sqlite3_finalize(st);
            io_store_locs_free(l);
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        }
        l->n++;
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        io_store_locs_free(l);
        return io_store_fail(s, err, "read locations");
    }
    *out = l;
    return MODEL_OK;
}

model_status io_store_travel_missing(io_store *s, const io_store_locs *l, int **from, int **to,
                                     size_t *n, model_error *err)
{
    *from = *to = NULL;
    *n = 0;
    size_t nn = (size_t)l->n * (size_t)l->n;
    unsigned char *have = calloc(nn ? nn : 1, 1);
    model_strmap index = MODEL_STRMAP_INIT;
    model_status rc = have ? MODEL_OK : model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    for (int i = 0; rc == MODEL_OK && i < l->n; i++)
        rc = model_strmap_put(&index, l->ids[i], i);
    sqlite3_stmt *st = NULL;
    if (rc == MODEL_OK)
        rc = io_store_prepare(s, "SELECT from_location, to_location FROM travel", &st, err);
    int r = SQLITE_DONE;
    while (rc == MODEL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        int a = model_strmap_get(&index, (const char *)sqlite3_column_text(st, 0));
        int b = model_strmap_get(&index, (const char *)sqlite3_column_text(st, 1));
        if (a >= 0 && b >= 0)
            have[(size_t)a * (size_t)l->n + (size_t)b] = 1;
    }
    if (st)
        sqlite3_finalize(st);
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read travel");
    size_t count = 0;
    for (size_t k = 0; rc == MODEL_OK && k < nn; k++)
        count += !have[k] && k / (size_t)l->n != k % (size_t)l->n;
    if (rc == MODEL_OK && count > 0) {
        *from = malloc(count * sizeof **from);
        *to = malloc(count * sizeof **to);
        if (!*from || !*to)
            rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        for (size_t k = 0; rc == MODEL_OK && k < nn; k++)
            if (!have[k] && k / (size_t)l->n != k % (size_t)l->n) {
                (*from)[*n] = (int)(k / (size_t)l->n);
                (*to)[(*n)++] = (int)(k % (size_t)l->n);
            }
    }
    if (rc != MODEL_OK) {
        free(*from);
        free(*to);
        *from = *to = NULL;
        *n = 0;
    }
    model_strmap_free(&index);
    free(have);
    return rc;
}

model_status io_store_travel_put(io_store *s, const char *source, const char *const *from,
                                 const char *const *to, const int32_t *duration_s,
                                 const int32_t *distance_m, const int *rows, size_t n,
                                 model_error *err)
{
    sqlite3_stmt *known = NULL, *put = NULL;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_prepare(s, "SELECT 1 FROM locations WHERE id = ?1", &known, err)) !=
            MODEL_OK ||
        (rc = io_store_prepare(s, "INSERT INTO travel(from_location, to_location, duration_s, "
                                  "distance_m) VALUES(?1, ?2, ?3, ?4) ON CONFLICT(from_location, "
                                  "to_location) DO UPDATE SET duration_s = excluded.duration_s, "
                                  "distance_m = excluded.distance_m",
                               &put, err)) != MODEL_OK)
        goto done;
    for (size_t k = 0; k < n && rc == MODEL_OK; k++) {
        const char *ids[2] = {from[k], to[k]};
        for (int e = 0; e < 2 && rc == MODEL_OK; e++) {
            sqlite3_bind_text(known, 1, ids[e], -1, SQLITE_STATIC);
            int r = sqlite3_step(known);
            sqlite3_reset(known);
            if (r == SQLITE_DONE)
                rc = rows ? model_error_set(err, MODEL_ERR_INPUT,
                                            "%s: row %d, column '%s': unknown location '%.80s'",
                                            source, rows[k], e ? "to" : "from", ids[e])
                          : model_error_set(err, MODEL_ERR_INPUT, "%s: unknown location '%.80s'",
                                            source, ids[e]);
            else if (r != SQLITE_ROW)
                rc = io_store_fail(s, err, "read locations");
        }
        if (rc != MODEL_OK)
            break;
        sqlite3_bind_text(put, 1, from[k], -1, SQLITE_STATIC);
        sqlite3_bind_text(put, 2, to[k], -1, SQLITE_STATIC);
        sqlite3_bind_int64(put, 3, duration_s[k]);
        sqlite3_bind_int64(put, 4, distance_m[k]);
        rc = io_store_step_done(s, put, "store travel", err);
    }
    if (rc == MODEL_OK)
        rc = io_store_setting_set(s, "travel_model", "matrix", err);
done:
    if (known)
        sqlite3_finalize(known);
    if (put)
        sqlite3_finalize(put);
    if (rc == MODEL_OK)
        return io_store_commit(s, err);
    io_store_rollback(s);
    return rc;
}
