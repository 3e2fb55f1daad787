/* store_internal.h - what the io/store*.c modules share and nobody else
 * sees: the connection struct and small helpers around sqlite3 statements
 * that turn SQLite failures into one-line model_error messages. */
#ifndef FIELDPLAN_IO_STORE_INTERNAL_H
#define FIELDPLAN_IO_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/store/store.h"
#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

struct io_store {
    sqlite3 *db;       /* the connection */
    char *path;        /* as given to io_store_open, owned */
    char *name;        /* path for messages (URI stripped), owned */
    int version;       /* PRAGMA user_version after open/migration */
    bool read_only;    /* opened read-only (by option or URI) */
    bool holds_lock;   /* this connection took the plan lock */
    long delay_us;     /* io_store_options.test_delay_us */
};

/* Fills err from the connection's last failure: what failed ("insert job")
 * and SQLite's reason, with the code mapped as store.h describes. Returns
 * the code. */
model_status io_store_fail(io_store *s, model_error *err, const char *what);

/* Sets *yes to whether table `name` exists in s (store_feed.c); errors as
 * io_store_fail. */
model_status io_store_feed_has_table(io_store *s, const char *name, bool *yes, model_error *err);

/* Prepares sql on s (MODEL_ERR_INTERNAL with the SQL error otherwise). */
model_status io_store_prepare(io_store *s, const char *sql, sqlite3_stmt **st, model_error *err);

/* Runs a statement without results (no bound values). */
model_status io_store_exec(io_store *s, const char *sql, model_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback ignores failure). */
model_status io_store_begin(io_store *s, model_error *err);
model_status io_store_commit(io_store *s, model_error *err);
void io_store_rollback(io_store *s);

/* Steps a statement that returns no row (SQLITE_DONE expected) and resets
 * it; on failure fills err with `what`. */
model_status io_store_step_done(io_store *s, sqlite3_stmt *st, const char *what, model_error *err);

/* Binds text or NULL. */
int io_store_bind_text(sqlite3_stmt *st, int i, const char *text);

/* Binds an instant or NULL when t is INT64_MIN / INT64_MAX. */
int io_store_bind_time(sqlite3_stmt *st, int i, int64_t t);

/* A strdup of column c (NULL for SQL NULL); *ok is set false when the copy
 * fails for lack of memory. */
char *io_store_column_dup(sqlite3_stmt *st, int c, bool *ok);

/* Copies column c into dst (size bytes, truncated; "" for SQL NULL). */
void io_store_column_copy(sqlite3_stmt *st, int c, char *dst, size_t size);

/* Grows the array *arr of elements of `size` bytes, holding n of *cap, to
 * hold n + 1: model_array_reserve (model/array.h) doubling from `first`
 * elements, at most INT_MAX; new elements are zeroed. Returns false when
 * out of memory or past that limit (*arr and *cap unchanged). */
bool io_store_grow(void **arr, int n, int *cap, size_t size, int first);

/* ---- statements with bound values (store_stmt.c) ----
 * `types` names the values that follow sql, one letter each, bound to ?1,
 * ?2, ... in turn: 'i' an int, 'I' an int64_t, 'd' a double, 't' a const
 * char * (NULL binds NULL), 'b' a const void * and its length in bytes as
 * an int (a blob). Texts and blobs are copied. `what` names the statement
 * in the message of a failed step ("read plan runs"). */

/* Prepares sql and binds the values; the caller finalizes *st. */
model_status io_store_prepare_bind(io_store *s, sqlite3_stmt **st, model_error *err,
                                   const char *sql, const char *types, ...);

/* Runs sql with the values, expecting no row back (an INSERT, UPDATE,
 * DELETE). */
model_status io_store_run(io_store *s, const char *what, model_error *err, const char *sql,
                          const char *types, ...);

/* Reads the current row of st into ctx; MODEL_OK or fills err. */
typedef model_status (*io_store_read_fn)(void *ctx, sqlite3_stmt *st, model_error *err);

/* Runs the query sql with the values and, when it gives a row, reads the
 * first with read(ctx, ...) (read may be NULL: only *found is wanted).
 * *found (may be NULL) tells whether there was a row; no row is no error. */
model_status io_store_query_row(io_store *s, io_store_read_fn read, void *ctx, bool *found,
                                const char *what, model_error *err, const char *sql,
                                const char *types, ...);

/* An io_store_read_fn: the first column as the int64_t at ctx. */
model_status io_store_read_int64(void *ctx, sqlite3_stmt *st, model_error *err);

/* A text of a list's row: the char * at byte offset `offset`, owned by
 * the row, copied from column `column` (-1: the row type's read fills it);
 * when `required`, a NULL column fails the row as a failed copy does. */
typedef struct io_store_text_col {
    int column;
    size_t offset;
    bool required;
} io_store_text_col;

#define IO_STORE_TEXT(type, field, column) {(column), offsetof(type, field), false}
#define IO_STORE_TEXT_REQUIRED(type, field, column) {(column), offsetof(type, field), true}

/* The rows of a list: elements of `size` bytes, allocated `first` at a
 * time at first, each holding the ntexts texts (all it owns). The texts
 * are copied first, then read (may be NULL) fills the rest of the element
 * from the current row; a false return means out of memory (what the row
 * holds so far is freed with it). */
#define IO_STORE_ROW_TEXTS_MAX 16
typedef struct io_store_row_type {
    size_t size;
    int first;
    bool (*read)(sqlite3_stmt *st, void *row);
    int ntexts;
    io_store_text_col texts[IO_STORE_ROW_TEXTS_MAX];
} io_store_row_type;

/* Sets *rows, *n to the rows of the query sql (with the values), elements
 * of type t. On failure (MODEL_ERR_NOMEM "out of memory", or the failed
 * step) nothing is left: *rows and *n are NULL and 0. */
model_status io_store_list(io_store *s, const io_store_row_type *t, void **rows, int *n,
                           const char *what, model_error *err, const char *sql,
                           const char *types, ...);

/* Frees n elements of type t and the array (rows may be NULL). */
void io_store_list_free(const io_store_row_type *t, void *rows, int n);

/* A new feed or dispatcher token (io_feed_token_new) into token
 * (IO_FEED_TOKEN_CHARS + 1 bytes), its digest stored by sql with ?1 key,
 * ?2 the digest, ?3 now (store_feed_tokens.c). Inside the caller's write
 * transaction. */
model_status io_store_token_store(io_store *s, const char *sql, const char *key, char *token,
                                  const char *what, model_error *err);

/* Reads a token row's digest (when it has one: the return), issued_at and
 * rotations from columns c, c + 1, c + 2 (store_feed_tokens.c). */
bool io_store_token_columns(sqlite3_stmt *st, int c, uint8_t *digest, int64_t *issued_at,
                            int *rotations);

/* MODEL_ERR_INPUT for a row that is not there: "PATH: no version 3" (what
 * "version", id 3), or for id 0 (the published one asked for) "PATH: no
 * published version yet (run 'fieldplan plan')". Returns the code. */
model_status io_store_not_found(const io_store *s, const char *what, int64_t id,
                                model_error *err);

/* Reads a settings value into buf ("" when absent). */
model_status io_store_setting_get(io_store *s, const char *key, char *buf, size_t size,
                                  model_error *err);

/* Writes a settings value (inside the caller's transaction, if any). */
model_status io_store_setting_set(io_store *s, const char *key, const char *value,
                                  model_error *err);

/* Room for a matrix hash ("fnv1a64-" 16 hex digits "-" length). */
#define IO_STORE_HASH_BUF 48

/* A run's problem JSON before it is stored (store_matrix.c): when its
 * travel is a matrix, stores the travel object's exact text in `matrices`
 * (once per content) and returns in *stripped (caller frees) the problem
 * with `{"matrix_hash": "H"}` in its place, H in hash; else *stripped is
 * NULL and hash "" (store the problem as it is, matrix_hash NULL). Inside
 * the caller's transaction. */
model_status io_store_matrix_split(io_store *s, const char *json, size_t len, char **stripped,
                                   char hash[IO_STORE_HASH_BUF], model_error *err);

/* An SQL condition on a row of `jobs`: the job can no longer be served from
 * the instant bound to parameter P on, because its deadline lies before it,
 * or it has windows and each of them, extended by the lateness the job
 * allows, ends before it. The plan loader leaves such jobs out
 * (store_plan.h, "expired") and `show` lists them. */
#define IO_STORE_JOB_EXPIRED(P)                                                                   \
    "((jobs.deadline_at IS NOT NULL AND jobs.deadline_at < " P ") OR (EXISTS (SELECT 1 FROM "     \
    "job_windows w WHERE w.job_id = jobs.id) AND NOT EXISTS (SELECT 1 FROM job_windows w WHERE "  \
    "w.job_id = jobs.id AND w.end_at + 60 * coalesce(jobs.late_max_min, 0) >= " P ")))"

/* SQL for a run's whole problem JSON, with its matrix put back: use it in
 * place of r.problem_json, with plan_runs aliased r. */
#define IO_STORE_RUN_PROBLEM                                                                     \
    "(CASE WHEN r.matrix_hash IS NULL THEN r.problem_json ELSE replace(r.problem_json, "         \
    "'{\"matrix_hash\": \"' || r.matrix_hash || '\"}', "                                          \
    "(SELECT content FROM matrices WHERE hash = r.matrix_hash)) END)"

/* Seconds since the epoch, now (wall clock). */
int64_t io_store_now(void);

/* One break of a stored route: technician id, the shift's local date, the
 * break's place in its route (1..), its times. */
typedef model_status (*io_store_break_fn)(void *ctx, const char *technician, const char *date,
                                          int nth, int64_t start, int64_t end, model_error *err);
/* Calls fn for every break of the routes that serve a job in the schedule
 * text (of the problem text; name labels errors), dates in zone tz. */
model_status io_store_each_break(const model_tz *tz, const char *name, const char *problem_json,
                                 const char *schedule_json, io_store_break_fn fn, void *ctx,
                                 model_error *err);

/* Fills pl->previous_version, previous, prev_* and previous_same from the
 * published version overlapping pl's horizon (store_previous.c), inside the
 * caller's read transaction; pl->problem and the prev_* arrays must be set
 * up. */
struct io_store_plan;
model_status io_store_previous_load(io_store *s, struct io_store_plan *pl, model_error *err);

/* ---- the rows of a version (store_rows.c), inside the caller's write
 * transaction ---- */

/* Assignment rows (route order, sequence from 1, the shift's local date)
 * and unassigned rows (with their reasons) of version vid; with
 * only_known, jobs the database does not know are left out. */
model_status io_store_version_rows(io_store *s, int64_t vid, const model_problem *p,
                                   const model_schedule *sched, bool only_known, model_error *err);
/* Job statuses after publishing sched: served open jobs become scheduled,
 * every other scheduled job that the published version does not serve
 * open again (a scheduled job is always in a published route). */
model_status io_store_version_statuses(io_store *s, const model_problem *p,
                                       const model_schedule *sched, model_error *err);
/* Sets plan_runs.cost, .kpis and the bound columns of run `run` from schedule sched of p
 * (store_kpis.c; nothing when sched is NULL), inside the caller's write
 * transaction. */
model_status io_store_run_kpis_set(io_store *s, int64_t run, const model_problem *p,
                                   const model_schedule *sched, model_error *err);

/* Marks the published version (if any) superseded, now. */
model_status io_store_supersede_published(io_store *s, model_error *err);

/* The schema's migrations: step i takes a database from version i to
 * i + 1 (io/store/store_schema.c; docs/schema.md). */
extern const char *const io_store_migrations[IO_STORE_SCHEMA_VERSION];

#endif
