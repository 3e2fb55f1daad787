/* matrix.h - travel for `fieldplan matrix DB` and `solve --osrm`: legs from
 * a CSV file or from a road router (io/router/router.h) into the store's
 * travel table, fetching only the pairs it lacks and writing them in one
 * transaction; or a problem's whole matrix from a router. */
#ifndef FIELDPLAN_USECASE_MATRIX_H
#define FIELDPLAN_USECASE_MATRIX_H

#include <stddef.h>

#include "io/router/router.h"
#include "model/problem.h"

typedef struct usecase_matrix_result {
    size_t locations;      /* locations in the store (or problem) */
    size_t missing;        /* pairs the store lacked before */
    size_t written;        /* legs written */
    io_router_stats stats; /* requests made (router only) */
} usecase_matrix_result;

/* Imports the legs of a CSV file (io/formats/travel_csv.h) into db. */
model_status usecase_matrix_from_csv(const char *db, const char *csv, usecase_matrix_result *res,
                                     model_error *err);

/* Fetches the pairs db's travel table lacks from the router and stores
 * them. Every location of such a pair needs coordinates. */
model_status usecase_matrix_from_router(const char *db, const io_router_options *o,
                                        usecase_matrix_result *res, model_error *err);

/* Replaces p's travel by the router's matrix between all its locations
 * (every one needs lat and lon); the diagonal is 0. */
model_status usecase_problem_route(model_problem *p, const io_router_options *o,
                                   usecase_matrix_result *res, model_error *err);

#endif
