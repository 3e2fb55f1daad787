/* store_travel.h - the travel table for `fieldplan matrix`: the locations
 * with their coordinates, the pairs the table lacks, and many legs written
 * in one transaction (all or nothing). */
#ifndef FIELDPLAN_IO_STORE_TRAVEL_H
#define FIELDPLAN_IO_STORE_TRAVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/store/store.h"
#include "model/error.h"

typedef struct io_store_locs {
    char **ids;       /* owned, sorted by id */
    double *lat, *lon;
    bool *has_coords;
    int n;
} io_store_locs;

/* Every stored location. On success *out owns them (io_store_locs_free). */
model_status io_store_locs_load(io_store *s, io_store_locs **out, model_error *err);
void io_store_locs_free(io_store_locs *l);

/* The pairs (i, j), i != j, of l's locations that have no travel row, in
 * row-major order, into new arrays *from and *to (caller frees) of *n. */
model_status io_store_travel_missing(io_store *s, const io_store_locs *l, int **from, int **to,
                                     size_t *n, model_error *err);

/* Writes the legs from[k] -> to[k] (location ids) in one transaction,
 * replacing known ones, and makes the matrix model current. With rows (may
 * be NULL) an unknown id is named by source, row and column: "m.csv: row 7,
 * column 'to': unknown location 'c-99'"; nothing is written then. */
model_status io_store_travel_put(io_store *s, const char *source, const char *const *from,
                                 const char *const *to, const int32_t *duration_s,
                                 const int32_t *distance_m, const int *rows, size_t n,
                                 model_error *err);

#endif
