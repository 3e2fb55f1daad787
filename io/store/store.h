/* store.h - the fieldplan database (SQLite): opening and creating it, the
 * schema and its forward migrations, settings, and the plan lock.
 *
 * The schema is documented in docs/schema.md. Every connection runs with
 * foreign keys on, WAL journaling and a busy timeout; every statement is a
 * prepared statement with bound values. Import, planning and queries live
 * in store_import.h, store_plan.h and store_query.h; they all take the
 * io_store opened here.
 *
 * Errors name the database path: "plan.db: cannot write: the database is
 * read-only". Codes: MODEL_ERR_IO for anything the file system or SQLite
 * refuses (missing file, not a database, read-only, disk full, I/O error),
 * MODEL_ERR_BUSY when another process holds the database or the plan lock
 * longer than we wait, MODEL_ERR_INPUT for data the schema refuses,
 * MODEL_ERR_NOMEM, MODEL_ERR_INTERNAL for an unexpected SQLite failure. */
#ifndef FIELDPLAN_IO_STORE_H
#define FIELDPLAN_IO_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/error.h"
#include "model/tz.h"

/* The schema version this program writes (PRAGMA user_version). */
#define IO_STORE_SCHEMA_VERSION 2

typedef struct io_store io_store; /* opaque: one open connection */

typedef struct io_store_options {
    bool create;         /* create the file (and the schema) when missing */
    bool read_only;      /* open read-only; no migration is attempted */
    int busy_timeout_ms; /* how long a statement waits for another writer */
    long max_page_count; /* > 0: PRAGMA max_page_count (a size limit; used by
                            the tests to simulate a full disk) */
    long test_delay_us;  /* > 0, tests only: sleep this long every 10 SQLite
                            VM steps, so that a kill test can land inside a
                            transaction (see tests/store/store_e2e.py) */
} io_store_options;

#define IO_STORE_OPTIONS_INIT {false, false, 10000, 0, 0}

/* Opens (and with opt->create, creates) the database at path; `path` may be
 * a SQLite URI ("file:plan.db?mode=ro"). A database with an older schema is
 * migrated forward in one transaction; a newer one is refused. opt may be
 * NULL (IO_STORE_OPTIONS_INIT). On MODEL_OK *out owns the connection (close
 * with io_store_close). Errors: MODEL_ERR_IO "PATH: cannot open: no such
 * file (create it with 'fieldplan db init PATH')", "PATH: not a fieldplan
 * database", "PATH: schema version N is newer than this program (1)". */
model_status io_store_open(io_store **out, const char *path, const io_store_options *opt,
                           model_error *err);

/* Closes the connection; NULL is accepted. */
void io_store_close(io_store *s);

/* The path the store was opened with. */
const char *io_store_path(const io_store *s);

/* The schema version of the open database. */
int io_store_schema_version(const io_store *s);

/* Runs PRAGMA integrity_check and foreign_key_check. MODEL_OK when both are
 * clean; MODEL_ERR_CHECK "PATH: integrity check: FIRST PROBLEM" otherwise. */
model_status io_store_check(io_store *s, model_error *err);

/* The database's time zone name (settings 'timezone'), copied into buf (at
 * least 64 bytes); "" when none has been set yet. */
model_status io_store_timezone_name(io_store *s, char *buf, size_t size, model_error *err);

/* Sets the time zone (a valid IANA name) when none is set; when one is set
 * and differs, MODEL_ERR_INPUT "PATH: the database's time zone is 'A', not
 * 'B' (change it with 'db set-timezone' while nothing is published)". */
model_status io_store_set_timezone(io_store *s, const char *name, model_error *err);

/* Changes the time zone to name (a valid IANA name) while no version has
 * ever been published: the instants already stored stay as they are (to
 * read local times again in the new zone, import their files again).
 * Errors: MODEL_ERR_INPUT "PATH: version V was published with times in
 * 'A': the time zone can only change before the first publish"; an unknown
 * zone as io_zone_load. */
model_status io_store_change_timezone(io_store *s, const char *name, model_error *err);

/* Loads the database's zone (UTC when none is set) into *out (caller frees
 * with model_tz_free). */
model_status io_store_load_timezone(io_store *s, model_tz **out, model_error *err);

/* Takes the plan lock (table plan_lock): one plan at a time per database.
 * A lock held by a process that no longer runs (same host) or past its
 * expiry is taken over. Waits up to wait_s seconds for a live holder, then
 * fails with MODEL_ERR_BUSY "PATH: another plan is running (pid P on HOST
 * since TIME); gave up after S s". hold_s bounds how long the
 * lock counts as live if this process dies on another host. */
model_status io_store_lock_acquire(io_store *s, double wait_s, double hold_s, model_error *err);

/* Releases the plan lock if this process holds it. */
model_status io_store_lock_release(io_store *s, model_error *err);

#endif
