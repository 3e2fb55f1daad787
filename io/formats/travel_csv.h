/* travel_csv.h - a travel matrix as CSV rows `from,to,duration_s,distance_m`
 * (`fieldplan matrix DB --from-csv F`): location ids, seconds and metres;
 * numbers may have decimals (rounded to the nearest integer, halves up),
 * distance_m may be empty (0). The CSV dialect is io/formats/csv.h's
 * (header row required, any column order, extra columns ignored).
 * Errors name the file, the spreadsheet row and the column:
 *   "m.csv: row 7, column 'duration_s': '12x' is not a number >= 0" */
#ifndef FIELDPLAN_IO_TRAVEL_CSV_H
#define FIELDPLAN_IO_TRAVEL_CSV_H

#include <stdint.h>

#include "model/error.h"

typedef struct io_travel_rows {
    char **from, **to;   /* owned location ids */
    int32_t *duration_s; /* rounded */
    int32_t *distance_m; /* rounded; 0 when empty */
    int *row;            /* the spreadsheet row of each (header = 1) */
    int n;
} io_travel_rows;

/* Reads the file at path. On success *out owns new rows (free with
 * io_travel_rows_free). MODEL_ERR_INPUT, MODEL_ERR_LIMIT (a value over
 * MODEL_MAX_TRAVEL_S), MODEL_ERR_IO, MODEL_ERR_NOMEM. */
model_status io_travel_csv_read(const char *path, io_travel_rows **out, model_error *err);

void io_travel_rows_free(io_travel_rows *r);

#endif
