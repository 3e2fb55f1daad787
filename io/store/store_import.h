/* store_import.h - loading files into the database: the JSON problem format
 * and CSV files of locations, technicians, shifts, absences and jobs
 * (columns in docs/schema.md).
 *
 * Records are upserted by id (shifts by technician and date, absences by
 * technician and start): a new id is inserted, a known one updated. A CSV
 * file updates only the columns it has; the columns it lacks keep their
 * stored values (new records take the defaults). A file is imported whole
 * or not at all: it runs in one transaction, and the first bad row rolls it
 * back with a message naming file, row, column and reason:
 *   "jobs.csv: row 7, column 'duration_min': must be > 0"
 *   "jobs.csv: row 3, column 'location': unknown location 'c-99'"
 * Errors: MODEL_ERR_INPUT (bad data, unknown kind), MODEL_ERR_IO (the file
 * cannot be read, the database cannot be written), MODEL_ERR_LIMIT,
 * MODEL_ERR_BUSY, MODEL_ERR_NOMEM. */
#ifndef FIELDPLAN_IO_STORE_IMPORT_H
#define FIELDPLAN_IO_STORE_IMPORT_H

#include <stddef.h>

#include "io/store/store.h"
#include "model/error.h"
#include "model/problem.h"

typedef enum io_store_kind {
    IO_STORE_KIND_UNKNOWN = 0,
    IO_STORE_KIND_PROBLEM = 1,     /* JSON problem (FORMAT.md) */
    IO_STORE_KIND_LOCATIONS = 2,   /* CSV */
    IO_STORE_KIND_TECHNICIANS = 3, /* CSV */
    IO_STORE_KIND_SHIFTS = 4,      /* CSV */
    IO_STORE_KIND_ABSENCES = 5,    /* CSV */
    IO_STORE_KIND_JOBS = 6         /* CSV */
} io_store_kind;

/* Largest file imported (256 MiB). */
#define IO_STORE_MAX_IMPORT_BYTES ((size_t)256 << 20)

/* "problem", "locations", ... ("unknown"). */
const char *io_store_kind_name(io_store_kind kind);

/* The kind of a file: a ".json" name (or text starting with '{') is a
 * problem; a CSV file by its base name's prefix (jobs*, technicians* or
 * techs*, shifts*, absences*, locations*), else by its header columns
 * (duration_min: jobs; start_location: technicians; reason with start and
 * end: absences; technician with start and end: shifts; lat or address:
 * locations). text[0..len) is the file's content. */
io_store_kind io_store_detect_kind(const char *path, const char *text, size_t len);

/* What an import did. */
typedef struct io_store_import_stats {
    io_store_kind kind;
    int inserted; /* new records (of the file's main kind) */
    int updated;  /* records that existed */
    int wall_times; /* CSV times without an offset, read in the database's zone */
} io_store_import_stats;

/* Imports the file at path (kind detected as above) in one transaction.
 * stats may be NULL. */
model_status io_store_import_file(io_store *s, const char *path, io_store_import_stats *stats,
                                  model_error *err);

/* Imports CSV text[0..len) of the given kind (not UNKNOWN or PROBLEM) in
 * one transaction; source names the file in messages. */
model_status io_store_import_csv(io_store *s, const char *source, const char *text, size_t len,
                                 io_store_kind kind, io_store_import_stats *stats,
                                 model_error *err);

/* Imports a finished problem p in one transaction: its time zone (which
 * must match the database's once set), locations, travel model (a matrix is
 * stored pair by pair; haversine settings replace the matrix model),
 * technicians with skills and shifts (replacing the shift of the same
 * technician and date) and jobs (status and lock are kept for known jobs;
 * skills, windows and allowed technicians are replaced). source names the
 * file in messages. */
model_status io_store_import_problem(io_store *s, const model_problem *p, const char *source,
                                     io_store_import_stats *stats, model_error *err);

#endif
