/* json_read_internal.h - strict JSON reading on top of cJSON, private to
 * io/formats (it exposes cJSON types): the JSON readers of this folder share
 * it, nothing outside io/formats includes it. The JSON text writer, which
 * other folders use, is json_out.h.
 *
 * Reading: io_json_parse() accepts exactly RFC 8259 JSON as Python's json
 * module does (the oracle's reader): UTF-8 only, no BOM, no NaN/Infinity,
 * no control characters in strings, strict number syntax, nothing after the
 * value. On top it bounds nesting depth (IO_JSON_MAX_DEPTH) and refuses NUL
 * bytes and "\u0000" (ids are C strings). Errors carry line and column.
 * Objects may repeat a key; as in Python, the last one counts
 * (io_json_member). Number items keep whether they were written as integer
 * literals ("5", not "5.0" or "5e0"): io_json_is_integer().
 *
 * Large tables: a cJSON node costs about 64 bytes, so a 5000 x 5000 travel
 * matrix would need gigabytes as a tree. io_json_parse_doc() therefore keeps
 * every list of lists of small non-negative integer literals with at least
 * IO_JSON_TABLE_MIN numbers out of the tree, in a flat int32_t array (4
 * bytes a number); the tree holds an empty list in its place, and
 * io_json_table_of() finds the table for it. Anything else in such a list (a
 * negative number, a fraction, a string) keeps it in the tree, so callers
 * must handle both forms, and see the same values either way.
 *
 * Ownership: each function below says who owns what it returns; trees and
 * documents belong to the caller. Nothing here prints. */
#ifndef FIELDPLAN_IO_JSON_READ_INTERNAL_H
#define FIELDPLAN_IO_JSON_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "io/formats/json_out.h"
#include "model/error.h"

/* Deepest nesting of arrays and objects accepted (a problem needs 7). */
#define IO_JSON_MAX_DEPTH 64
/* Largest JSON file read (512 MiB). */
#define IO_JSON_MAX_FILE_BYTES ((size_t)512 << 20)
/* Longest number literal accepted (cJSON reads at most 63 characters). */
#define IO_JSON_MAX_NUMBER_CHARS 63

/* Reads the file at path (at most IO_JSON_MAX_FILE_BYTES) into a new
 * NUL-terminated buffer *text of *len bytes; the caller frees *text.
 * Errors: MODEL_ERR_IO "PATH: cannot read: REASON"; MODEL_ERR_LIMIT
 * "PATH: larger than N bytes" (checked with stat() before reading);
 * MODEL_ERR_NOMEM. */
model_status io_json_read_file(const char *path, char **text, size_t *len, model_error *err);

/* Longest string accepted in a JSON file (64 KiB), checked while reading. */
#define IO_JSON_MAX_STRING_BYTES 65536

/* A list of the top-level object whose length is bounded: "KEY: more than
 * MAX WHAT", as the problem reader words it. */
typedef struct io_json_list_limit {
    const char *key;
    int max;
    const char *what;
} io_json_list_limit;

/* io_json_read_file, enforcing limits while the file is read (json_limits.c):
 * no string longer than IO_JSON_MAX_STRING_BYTES ("PATH: byte N: a string
 * longer than 65536 bytes"), and the top-level lists named in lists[0..n)
 * within their bounds. A file over a limit is refused as soon as the limit
 * is passed, before the rest of it is read or anything is parsed
 * (MODEL_ERR_LIMIT). */
model_status io_json_read_file_limited(const char *path, const io_json_list_limit *lists, int n,
                                       char **text, size_t *len, model_error *err);

/* Parses text[0..len) (need not be NUL-terminated) as one JSON document.
 * On success *out owns the tree (free with cJSON_Delete). Errors, all
 * "SOURCE: line L, column C: ..." (column counted in characters, from 1):
 * MODEL_ERR_INPUT "invalid JSON: WHAT" for anything Python's json.loads
 * refuses, for NUL bytes, "\u0000" and lone surrogates, and for data after
 * the value; MODEL_ERR_LIMIT for nesting deeper than IO_JSON_MAX_DEPTH or a
 * number longer than IO_JSON_MAX_NUMBER_CHARS; MODEL_ERR_NOMEM. */
model_status io_json_parse(const char *text, size_t len, const char *source, cJSON **out,
                           model_error *err);

/* Lists of lists with at least this many numbers in all become tables. */
#define IO_JSON_TABLE_MIN 64

/* A list of lists of integer literals in [0, INT32_MAX], kept out of the tree. */
typedef struct io_json_table {
    const cJSON *item;  /* the (empty) list that stands for it in the tree */
    int rows;           /* number of inner lists */
    size_t *row_start;  /* owned; rows + 1 offsets into values (row r is
                           values[row_start[r] .. row_start[r + 1])) */
    int32_t *values;    /* owned, every number row after row; a caller may
                           take it over (then set it to NULL) */
} io_json_table;

/* A parsed document: the tree and the tables taken out of it. */
typedef struct io_json_doc {
    cJSON *root;            /* owned */
    io_json_table *tables;  /* owned, in document order */
    int ntables;
} io_json_doc;

#define IO_JSON_DOC_INIT {NULL, NULL, 0}

/* Like io_json_parse, and keeps large tables out of the tree (see above).
 * On success *doc owns everything (free with io_json_doc_free); on error it
 * is left empty. */
model_status io_json_parse_doc(const char *text, size_t len, const char *source,
                               io_json_doc *doc, model_error *err);

/* Frees what doc owns and empties it; NULL is accepted. */
void io_json_doc_free(io_json_doc *doc);

/* The table that the empty list `item` stands for, or NULL. */
io_json_table *io_json_table_of(const io_json_doc *doc, const cJSON *item);

/* obj's member named exactly key (case-sensitive); the last one when the key
 * repeats. NULL when obj is not an object or has no such member. */
const cJSON *io_json_member(const cJSON *obj, const char *key);

/* Like io_json_member, but a JSON null counts as absent (NULL). */
const cJSON *io_json_present(const cJSON *obj, const char *key);

/* Whether item is a number written as an integer literal: an optional '-'
 * and digits, no fraction, no exponent (Python reads these as int). Only
 * trees from io_json_parse carry this; other numbers count as integers when
 * their value is whole. */
bool io_json_is_integer(const cJSON *item);

/* The text of an integer literal of more than 15 digits ("10000000000000000000"),
 * which the item's double may have rounded; NULL for any other item. Only
 * trees from io_json_parse carry it; it lives as long as the item. */
const char *io_json_integer_text(const cJSON *item);

/* Whether item is a finite number (1e999 parses to infinity: not finite). */
bool io_json_is_finite(const cJSON *item);

#endif
