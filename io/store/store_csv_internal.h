/* store_csv_internal.h - the CSV importer's row context and cell readers
 * (store_csv.c), shared with the jobs importer (store_csv_jobs.c) and the
 * readers of FORMAT.md extension 2's cells (store_csv_rules.c). Private to
 * io/store. Every error names file, row and column:
 * "SRC: row N, column 'C': MESSAGE". */
#ifndef FIELDPLAN_IO_STORE_CSV_INTERNAL_H
#define FIELDPLAN_IO_STORE_CSV_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/csv.h"
#include "io/store/store_import.h"
#include "io/store/store_upsert.h"
#include "model/strmap.h"

#define MAX_LIST 256 /* items in one semicolon-separated cell */

typedef struct io_sc_ctx {
    io_store *s;
    io_store_upsert u;
    const char *src;
    io_csv_table *t;
    int r;              /* current data row index */
    const model_tz *tz;
    int wall_times;     /* times read without an offset (in tz) */
    model_error *err;
} io_sc_ctx;

/* "SRC: row N, column 'C': MESSAGE" (col < 0: "SRC: row N: MESSAGE"). */
model_status io_sc_bad(io_sc_ctx *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void io_sc_trim(char *s);
/* The trimmed cell of column col in the current row; "" when col < 0. */
const char *io_sc_cell(io_sc_ctx *c, int col);
bool io_sc_parse_int(const char *text, long long min, long long max, long long *out);
/* A number, with a decimal comma in ';'-separated files. */
bool io_sc_parse_num(const io_sc_ctx *c, const char *text, double *out);
/* A time (or, with date_ok, a date; day_end: a date means its end). */
model_status io_sc_parse_time(io_sc_ctx *c, int col, const char *raw, const char *date,
                              bool date_ok, bool day_end, int64_t *out);
/* Splits text (modified in place) at ';' into trimmed non-empty items. */
model_status io_sc_split_list(io_sc_ctx *c, int col, char *text, const char **items, int *n);
model_status io_sc_need_column(io_sc_ctx *c, int col, const char *name);
/* Checks that the id in column col is new in this file. */
model_status io_sc_unique_id(io_sc_ctx *c, model_strmap *seen, int col, const char *id);
/* Checks that a technician (or location) with this id is stored. */
model_status io_sc_check_ref(io_sc_ctx *c, int col, const char *id, bool technician);
void io_sc_count(io_store_import_stats *st, bool inserted);

/* The jobs file (store_csv_jobs.c). */
model_status io_sc_import_jobs(io_sc_ctx *c, io_store_import_stats *st);

/* ---- FORMAT.md extension 2 cells (store_csv_rules.c) ---- */

/* A skills cell (modified in place): "gas:2;boiler" into names and levels
 * (MAX_LIST entries each); a skill listed twice keeps its higher level. */
model_status io_sc_skills(io_sc_ctx *c, int col, const char **names, int *levels, int *n);

/* A pair of columns MAX_MIN and COST_S_PER_MIN (either may be -1 when the
 * file lacks it) into a soft limit: both empty, hard; a maximum alone, cost
 * 0; a cost without a maximum is refused. */
model_status io_sc_soft_limit(io_sc_ctx *c, int cmax, int ccost, model_soft_limit *out);

/* "t-ana:1800;t-bo:600" (modified in place) into technician ids and
 * bonuses (MAX_LIST entries each); each technician must be stored. */
model_status io_sc_preferred(io_sc_ctx *c, int col, const char **techs, int64_t *bonus, int *n);

#endif
