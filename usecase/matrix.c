/* matrix.c - travel from files and routers (matrix.h). */
#include "usecase/matrix.h"

#include <stdlib.h>
#include <string.h>

#include "io/formats/travel_csv.h"
#include "io/store/store.h"
#include "io/store/store_travel.h"

model_status usecase_matrix_from_csv(const char *db, const char *csv, usecase_matrix_result *res,
                                     model_error *err)
{
    memset(res, 0, sizeof *res);
    io_travel_rows *rows = NULL;
    io_store *s = NULL;
    model_status rc = io_travel_csv_read(csv, &rows, err);
    if (rc == MODEL_OK)
        rc = io_store_open(&s, db, NULL, err);
    if (rc == MODEL_OK)
        rc = io_store_travel_put(s, csv, (const char *const *)rows->from,
                                 (const char *const *)rows->to, rows->duration_s, rows->distance_m,
                                 rows->row, (size_t)rows->n, err);
    if (rc == MODEL_OK)
        res->written = (size_t)rows->n;
    io_store_close(s);
    io_travel_rows_free(rows);
    return rc;
}

model_status usecase_matrix_from_router(const char *db, const io_router_options *o,
                                        usecase_matrix_result *res, model_error *err)
{
    memset(res, 0, sizeof *res);
    io_store *s = NULL;
    io_store_locs *l = NULL;
    int *from = NULL, *to = NULL;
    size_t n = 0;
    int32_t *dur = NULL, *dist = NULL;
    const char **fid = NULL, **tid = NULL;
    model_status rc = io_store_open(&s, db, NULL, err);
    if (rc == MODEL_OK)
        rc = io_store_locs_load(s, &l, err);
    if (rc == MODEL_OK)
        rc = io_store_travel_missing(s, l, &from, &to, &n, err);
    if (rc == MODEL_OK) {
        res->locations = (size_t)l->n;
        res->missing = n;
    }
    for (size_t k = 0; rc == MODEL_OK && k < n; k++) {
        int p = !l->has_coords[from[k]] ? from[k] : !l->has_coords[to[k]] ? to[k] : -1;
        if (p >= 0)
            rc = model_error_set(err, MODEL_ERR_INPUT,
                                 "%s: location '%.80s' has no lat/lon, and the travel table has "
                                 "no leg from '%.80s' to '%.80s' (a router needs coordinates)",
                                 db, l->ids[p], l->ids[from[k]], l->ids[to[k]]);
    }
    if (rc == MODEL_OK && n > 0) {
        dur = malloc(n * sizeof *dur);
        dist = malloc(n * sizeof *dist);
        fid = malloc(n * sizeof *fid);
        tid = malloc(n * sizeof *tid);
        if (!dur || !dist || !fid || !tid)
            rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    /* fetch everything first, then write it in one transaction */
    if (rc == MODEL_OK && n > 0)
        rc = io_router_table(o, l->lat, l->lon, (const char *const *)l->ids, l->n, from, to, n,
                             dur, dist, &res->stats, err);
    for (size_t k = 0; rc == MODEL_OK && k < n; k++) {
        fid[k] = l->ids[from[k]];
        tid[k] = l->ids[to[k]];
    }
    if (rc == MODEL_OK && n > 0)
        rc = io_store_travel_put(s, db, fid, tid, dur, dist, NULL, n, err);
    if (rc == MODEL_OK)
        res->written = n;
    free(fid);
    free(tid);
    free(dur);
    free(dist);
    free(from);
    free(to);
    io_store_locs_free(l);
    io_store_close(s);
    return rc;
}

model_status usecase_problem_route(model_problem *p, const io_router_options *o,
                                   usecase_matrix_result *res, model_error *err)
{
    memset(res, 0, sizeof *res);
    int n = p->nlocations;
    res->locations = (size_t)n;
    for (int i = 0; i < n; i++)
        if (!p->locations[i].has_coords)
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "locations[%d] (%.80s): no lat/lon (a router needs coordinates)",
                                   i, p->locations[i].id);
    size_t nn = (size_t)n * (size_t)n, npairs = nn - (size_t)n;
    double *lat = malloc(((size_t)n + 1) * sizeof *lat), *lon = malloc(((size_t)n + 1) * sizeof *lon);
    const char **names = malloc(((size_t)n + 1) * sizeof *names);
    int *from = malloc((npairs + 1) * sizeof *from), *to = malloc((npairs + 1) * sizeof *to);
    int32_t *pd = malloc((npairs + 1) * sizeof *pd), *px = malloc((npairs + 1) * sizeof *px);
    int32_t *dur = calloc(nn + 1, sizeof *dur), *dist = calloc(nn + 1, sizeof *dist);
    model_status rc = MODEL_OK;
    if (!lat || !lon || !names || !from || !to || !pd || !px || !dur || !dist) {
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        lat[i] = p->locations[i].lat;
        lon[i] = p->locations[i].lon;
        names[i] = p->locations[i].id;
    }
    size_t k = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (i != j) {
                from[k] = i;
                to[k++] = j;
            }
    res->missing = npairs;
    if ((rc = io_router_table(o, lat, lon, names, n, from, to, npairs, pd, px, &res->stats,
                              err)) != MODEL_OK)
        goto done;
    for (k = 0; k < npairs; k++) {
        dur[(size_t)from[k] * (size_t)n + (size_t)to[k]] = pd[k];
        dist[(size_t)from[k] * (size_t)n + (size_t)to[k]] = px[k];
    }
    model_problem_set_matrix(p, dur, dist, n);
    dur = dist = NULL;
    res->written = npairs;
done:
    free(lat);
    free(lon);
    free(names);
    free(from);
    free(to);
    free(pd);
    free(px);
    free(dur);
    free(dist);
    return rc;
}
