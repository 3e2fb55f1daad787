/* csv.h - an RFC 4180 CSV reader for spreadsheet exports: quoted fields with
 * embedded commas, quotes ("") and newlines, LF or CRLF line ends, a UTF-8
 * byte-order mark, and a header row whose names select the columns.
 *
 * The whole text is parsed into a table. The delimiter is ',' unless the
 * header row holds ';' and no ',' (European spreadsheet exports), then ';',
 * or tabs and neither (tab-separated exports), then a tab.
 * Records that are entirely empty (blank lines, or only delimiters) are
 * skipped; trailing header fields without a name are dropped. A record with
 * fewer fields than the header is padded with empty fields; one with more
 * non-empty fields than the header is an error. Header names are trimmed;
 * io_csv_column matches them without regard to ASCII case. The text must be
 * UTF-8.
 *
 * Rows are numbered as a spreadsheet numbers them: the header is row 1, the
 * first data record row 2 (a record with an embedded newline still counts
 * as one row). Error messages start with the source name:
 *   "jobs.csv: row 7: unterminated quoted field"
 *   "jobs.csv: row 3: 12 fields, the header has 10"
 *   "jobs.csv: row 1: duplicate column 'id'" */
#ifndef FIELDPLAN_IO_CSV_H
#define FIELDPLAN_IO_CSV_H

#include <stddef.h>

#include "model/error.h"

/* Most data records and columns accepted (MODEL_ERR_LIMIT past them). */
#define IO_CSV_MAX_ROWS 1000000
#define IO_CSV_MAX_COLUMNS 256

typedef struct io_csv_table {
    char **header;   /* owned, ncols trimmed names */
    int ncols;
    char ***rows;    /* owned, rows[r][c] for c < ncols: the field text, never NULL */
    int *row_number; /* owned, spreadsheet row number of rows[r] (header = 1) */
    int nrows;       /* data records (the header not counted) */
    char delimiter;  /* ',', ';' or '\t' */
} io_csv_table;

/* Parses text[0..len) (need not be NUL-terminated; NUL bytes are refused).
 * On MODEL_OK *out owns a new table (free with io_csv_free); on error *out
 * is NULL. Errors: MODEL_ERR_INPUT (no header row, an unterminated quote, a
 * character after a closing quote, an empty or duplicate column name, too
 * many fields, text that is not UTF-8), MODEL_ERR_LIMIT, MODEL_ERR_NOMEM. */
model_status io_csv_parse(const char *text, size_t len, const char *source, io_csv_table **out,
                          model_error *err);

/* Index of the column named `name` (ASCII case-insensitive), or -1. */
int io_csv_column(const io_csv_table *t, const char *name);

/* Frees the table and everything it owns; NULL is accepted. */
void io_csv_free(io_csv_table *t);

#endif
