/* store.c - opening the database, the schema and its migrations, settings,
 * the plan lock, and the basic statement helpers of store_internal.h
 * (prepare, exec, step, bind, grow; statements with bound values and row
 * lists are store_stmt.c's).
 *
 * Invariant: after io_store_open succeeds on a writable database, PRAGMA
 * user_version equals IO_STORE_SCHEMA_VERSION and foreign keys are on. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/store/store.h"

#include "io/formats/file.h"
#include "io/formats/zonefile.h"
#include "io/store/store_internal.h"
#include "model/array.h"


int64_t io_store_now(void)
{
    return (int64_t)time(NULL);
}

model_status io_store_fail(io_store *s, model_error *err, const char *what)
{
    int ext = sqlite3_extended_errcode(s->db), rc = ext & 0xff;
    const char *msg = sqlite3_errmsg(s->db);
    const char *name = s->name;
    switch (rc) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return model_error_set(err, MODEL_ERR_BUSY,
                               "%s: the database is busy (another process is writing to it): %s",
                               name, what);
    case SQLITE_READONLY:
        if (ext == SQLITE_READONLY_DIRECTORY || ext == SQLITE_READONLY_CANTINIT)
            return model_error_set(err, MODEL_ERR_IO,
                                   "%s: cannot open: its directory is not writable, and a WAL "
                                   "database needs %s-wal and %s-shm beside it (make the "
                                   "directory writable, or copy the database elsewhere)",
                                   name, name, name);
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot write: the database is read-only (%s)",
                               name, what);
    case SQLITE_FULL:
        return model_error_set(err, MODEL_ERR_IO,
                               "%s: cannot write: the disk or the database size limit is full (%s); "
                               "nothing was changed",
                               name, what);
    case SQLITE_CANTOPEN: {
        int e = sqlite3_system_errno(s->db);
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot open: %s", name,
                               e ? strerror(e) : msg);
    }
    case SQLITE_IOERR: {
        int e = sqlite3_system_errno(s->db);
        if (e == ENOSPC || e == EDQUOT)
            return model_error_set(err, MODEL_ERR_IO,
                                   "%s: cannot write: %s (%s); nothing was changed", name,
                                   strerror(e), what);
        return model_error_set(err, MODEL_ERR_IO, "%s: I/O error: %s%s%s (%s)", name, msg,
                               e ? ": " : "", e ? strerror(e) : "", what);
    }
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return model_error_set(err, MODEL_ERR_IO, "%s: I/O error: %s (%s)", name, msg, what);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return model_error_set(err, MODEL_ERR_IO, "%s: the file is damaged or not a database: %s",
                               name, msg);
    case SQLITE_NOMEM:
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory (%s)", name, what);
    case SQLITE_CONSTRAINT:
        return model_error_set(err, MODEL_ERR_INPUT, "%s: %s: %s", name, what, msg);
    case SQLITE_TOOBIG:
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: %s: %s", name, what, msg);
    default:
        return model_error_set(err, MODEL_ERR_INTERNAL, "%s: %s: %s", name, what, msg);
    }
}

model_status io_store_prepare(io_store *s, const char *sql, sqlite3_stmt **st, model_error *err)
{
    *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return io_store_fail(s, err, "prepare a statement");
    return MODEL_OK;
}

model_status io_store_exec(io_store *s, const char *sql, model_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return io_store_fail(s, err, sql);
    return MODEL_OK;
}

model_status io_store_begin(io_store *s, model_error *err)
{
    if (s->read_only)
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot write: the database is read-only",
                               s->name);
    return io_store_exec(s, "BEGIN IMMEDIATE", err);
}

model_status io_store_commit(io_store *s, model_error *err)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int ext = sqlite3_extended_errcode(s->db);
        model_status st = io_store_fail(s, err, "commit");
        if (ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_DIR_FSYNC) {
            /* The commit was written and its sync failed: the next open's
             * recovery may find it whole. Say so, never "nothing changed". */
            char *cut = strstr(err->msg, "; nothing was changed");
            if (cut)
                *cut = '\0';
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n,
                     "; the change may or may not be saved ('fieldplan runs' and 'fieldplan "
                     "show' tell)");
        }
        io_store_rollback(s);
        return st;
    }
    return MODEL_OK;
}

void io_store_rollback(io_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

model_status io_store_step_done(io_store *s, sqlite3_stmt *st, const char *what, model_error *err)
{
    int rc = sqlite3_step(st);
    model_status out = MODEL_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        out = io_store_fail(s, err, what);
    sqlite3_reset(st);
    return out;
}

int io_store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    return text ? sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int io_store_bind_time(sqlite3_stmt *st, int i, int64_t t)
{
    if (t == INT64_MIN || t == INT64_MAX)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_int64(st, i, t);
}

char *io_store_column_dup(sqlite3_stmt *st, int c, bool *ok)
{
    const unsigned char *t = sqlite3_column_text(st, c);
    if (!t)
        return NULL;
    char *d = strdup((const char *)t);
    if (!d)
        *ok = false;
    return d;
}

bool io_store_grow(void **arr, int n, int *cap, size_t size, int first)
{
    size_t c = (size_t)*cap;
    if (model_array_reserve(arr, &c, (size_t)n + 1, size, (size_t)first, INT_MAX) != MODEL_OK)
        return false;
    *cap = (int)c;
    return true;
}

/* Where a text read from a row goes. */
typedef struct text_buf {
    char *buf;
    size_t size;
} text_buf;

static model_status read_setting(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    text_buf *b = ctx;
    io_store_column_copy(st, 0, b->buf, b->size);
    return MODEL_OK;
}

model_status io_store_setting_get(io_store *s, const char *key, char *buf, size_t size,
                                  model_error *err)
{
    buf[0] = '\0';
    text_buf b = {buf, size};
    return io_store_query_row(s, read_setting, &b, NULL, "read settings", err,
                              "SELECT value FROM settings WHERE key = ?1", "t", key);
}

model_status io_store_setting_set(io_store *s, const char *key, const char *value,
                                  model_error *err)
{
    return io_store_run(s, "write settings", err,
                        "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        "tt", key, value);
}

/* The integer the one-row query sql returns; on failure err names `what`. */
static model_status read_int(io_store *s, const char *sql, const char *what, int *out,
                             model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, sql, &st, err);
    if (rc != MODEL_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = io_store_fail(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

static model_status read_user_version(io_store *s, int *version, model_error *err)
{
    return read_int(s, "PRAGMA user_version", "read the schema version", version, err);
}

static model_status count_tables(io_store *s, int *n, model_error *err)
{
    return read_int(s, "SELECT count(*) FROM sqlite_master", "read the schema", n, err);
}

/* Applies migrations[from..] in one transaction. */
static model_status migrate(io_store *s, int from, model_error *err)
{
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    /* Re-read under the write lock: another process may have migrated. */
    if ((rc = read_user_version(s, &from, err)) != MODEL_OK)
        goto fail;
    for (int v = from; v < IO_STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(s->db, io_store_migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            char what[64];
            snprintf(what, sizeof what, "schema migration %d -> %d", v, v + 1);
            rc = io_store_fail(s, err, what);
            goto fail;
        }
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", IO_STORE_SCHEMA_VERSION);
    if ((rc = io_store_exec(s, sql, err)) != MODEL_OK)
        goto fail;
    if ((rc = io_store_commit(s, err)) != MODEL_OK)
        return rc;
    s->version = IO_STORE_SCHEMA_VERSION;
    return MODEL_OK;
fail:
    io_store_rollback(s);
    return rc;
}

/* The name for messages: the path, or a URI's path part. */
static char *display_name(const char *path)
{
    const char *p = path;
    size_t n = strlen(p);
    if (strncmp(p, "file:", 5) == 0) {
        p += 5;
        n = strcspn(p, "?#");
    }
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

/* The progress handler of io_store_options.test_delay_us. */
static int slow_down(void *ctx)
{
    const io_store *s = ctx;
    struct timespec nap = {s->delay_us / 1000000, (s->delay_us % 1000000) * 1000};
    nanosleep(&nap, NULL);
    return 0;
}

model_status io_store_open(io_store **out, const char *path, const io_store_options *opt,
                           model_error *err)
{
    io_store_options defaults = IO_STORE_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    *out = NULL;
    io_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path)) || !(s->name = display_name(path))) {
        io_store_close(s);
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", path);
    }
    model_status rc;
    bool is_uri = strncmp(path, "file:", 5) == 0;
    struct stat sb;
    bool exists = !is_uri && stat(path, &sb) == 0;
    if (!is_uri && !exists && !opt->create) {
        rc = model_error_set(err, MODEL_ERR_IO,
                             "%s: cannot open: %s (create it with 'fieldplan db init %s')", s->name,
                             strerror(errno), s->name);
        goto fail;
    }
    const char *kind = exists ? io_file_kind_refused(sb.st_mode) : NULL;
    if (kind) { /* SQLite would wait on a FIFO for good */
        rc = model_error_set(err, MODEL_ERR_IO, "%s: cannot open: not a regular file (%s)",
                             s->name, kind);
        goto fail;
    }
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;
    flags |= opt->read_only ? SQLITE_OPEN_READONLY
                            : SQLITE_OPEN_READWRITE | (opt->create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        if (!s->db) {
            rc = model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", s->name);
            goto fail;
        }
        rc = io_store_fail(s, err, "open");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 0);
    if (opt->test_delay_us > 0) {
        s->delay_us = opt->test_delay_us < 1000000 ? opt->test_delay_us : 1000000;
        sqlite3_progress_handler(s->db, 10, slow_down, s);
    }
    s->read_only = opt->read_only || sqlite3_db_readonly(s->db, "main") == 1;
    int ntables = 0;
    /* The first read tells a database from any other file. */
    if ((rc = count_tables(s, &ntables, err)) != MODEL_OK ||
        (rc = read_user_version(s, &s->version, err)) != MODEL_OK)
        goto fail;
    if (s->version == 0 && ntables > 0) {
        rc = model_error_set(err, MODEL_ERR_IO, "%s: not a fieldplan database (it has other tables)",
                             s->name);
        goto fail;
    }
    if (s->version > IO_STORE_SCHEMA_VERSION) {
        rc = model_error_set(err, MODEL_ERR_IO,
                             "%s: schema version %d is newer than this program (%d): upgrade fieldplan",
                             s->name, s->version, IO_STORE_SCHEMA_VERSION);
        goto fail;
    }
    if ((rc = io_store_exec(s, "PRAGMA foreign_keys = ON", err)) != MODEL_OK)
        goto fail;
    if (opt->max_page_count > 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", opt->max_page_count);
        if ((rc = io_store_exec(s, sql, err)) != MODEL_OK)
            goto fail;
    }
    if (s->version < IO_STORE_SCHEMA_VERSION) {
        if (s->read_only) {
            rc = s->version == 0
                     ? model_error_set(err, MODEL_ERR_IO,
                                       "%s: not a fieldplan database (create it with 'fieldplan db "
                                       "init %s')", s->name, s->name)
                     : model_error_set(err, MODEL_ERR_IO,
                                       "%s: schema version %d needs an upgrade, which a read-only "
                                       "database cannot take", s->name, s->version);
            goto fail;
        }
        if ((rc = io_store_exec(s, "PRAGMA journal_mode = WAL", err)) != MODEL_OK ||
            (rc = migrate(s, s->version, err)) != MODEL_OK)
            goto fail;
    } else if (!s->read_only) {
        if ((rc = io_store_exec(s, "PRAGMA journal_mode = WAL", err)) != MODEL_OK)
            goto fail;
    }
    *out = s;
    return MODEL_OK;
fail:
    io_store_close(s);
    return rc;
}

void io_store_close(io_store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s->path);
    free(s->name);
    free(s);
}

const char *io_store_path(const io_store *s)
{
    return s->path;
}

int io_store_schema_version(const io_store *s)
{
    return s->version;
}

model_status io_store_check(io_store *s, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "PRAGMA integrity_check", &st, err);
    if (rc != MODEL_OK)
        return rc;
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        rc = io_store_fail(s, err, "integrity check");
    } else {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, "ok") != 0)
            rc = model_error_set(err, MODEL_ERR_CHECK, "%s: integrity check: %s", s->name,
                                 v ? v : "(no answer)");
    }
    sqlite3_finalize(st);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_prepare(s, "PRAGMA foreign_key_check", &st, err)) != MODEL_OK)
        return rc;
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = model_error_set(err, MODEL_ERR_CHECK,
                             "%s: integrity check: table %s row %lld refers to a missing %s",
                             s->name, (const char *)sqlite3_column_text(st, 0),
                             (long long)sqlite3_column_int64(st, 1),
                             (const char *)sqlite3_column_text(st, 2));
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "foreign key check");
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_timezone_name(io_store *s, char *buf, size_t size, model_error *err)
{
    return io_store_setting_get(s, "timezone", buf, size, err);
}

model_status io_store_set_timezone(io_store *s, const char *name, model_error *err)
{
    char cur[128];
    model_tz *tz = NULL;
    model_status rc = io_zone_load(&tz, name, err);
    model_tz_free(tz);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_timezone_name(s, cur, sizeof cur, err)) != MODEL_OK)
        return rc;
    if (cur[0] && strcmp(cur, name) != 0)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "%s: the database's time zone is '%s', not '%s' (change it with "
                               "'db set-timezone' while nothing is published)",
                               s->name, cur, name);
    if (cur[0])
        return MODEL_OK;
    return io_store_setting_set(s, "timezone", name, err);
}

model_status io_store_change_timezone(io_store *s, const char *name, model_error *err)
{
    char cur[128];
    model_tz *tz = NULL;
    model_status rc = io_zone_load(&tz, name, err);
    model_tz_free(tz);
    if (rc != MODEL_OK || (rc = io_store_begin(s, err)) != MODEL_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_timezone_name(s, cur, sizeof cur, err)) != MODEL_OK ||
        (rc = io_store_prepare(s, "SELECT id FROM schedule_versions WHERE status IN "
                                  "('published', 'superseded') ORDER BY id LIMIT 1",
                               &st, err)) != MODEL_OK)
        goto done;
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: version %lld was published with times in '%s': the time zone "
                             "can only change before the first publish",
                             s->name, (long long)sqlite3_column_int64(st, 0),
                             cur[0] ? cur : "UTC");
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the published versions");
    else
        rc = io_store_setting_set(s, "timezone", name, err);
done:
    sqlite3_finalize(st);
    if (rc == MODEL_OK)
        return io_store_commit(s, err);
    io_store_rollback(s);
    return rc;
}

model_status io_store_load_timezone(io_store *s, model_tz **out, model_error *err)
{
    char name[128];
    model_status rc = io_store_timezone_name(s, name, sizeof name, err);
    if (rc != MODEL_OK)
        return rc;
    return io_zone_load(out, name[0] ? name : "UTC", err);
}

static void host_name(char *buf, size_t size)
{
    if (gethostname(buf, size) != 0)
        snprintf(buf, size, "localhost");
    buf[size - 1] = '\0';
}

/* Tries once. *taken tells whether the lock is now ours; otherwise holder
 * describes who holds it. */
static model_status lock_try(io_store *s, double hold_s, bool *taken, char *holder, size_t size,
                             model_error *err)
{
    char host[256];
    host_name(host, sizeof host);
    int64_t now = io_store_now();
    *taken = false;
    sqlite3_stmt *sel = NULL, *ins = NULL;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_prepare(s, "SELECT pid, host, acquired_at, expires_at FROM plan_lock "
                                  "WHERE id = 1", &sel, err)) != MODEL_OK)
        goto done;
    int r = sqlite3_step(sel);
    if (r == SQLITE_ROW) {
        long long pid = sqlite3_column_int64(sel, 0);
        const char *h = (const char *)sqlite3_column_text(sel, 1);
        int64_t acquired = sqlite3_column_int64(sel, 2), expires = sqlite3_column_int64(sel, 3);
        bool same_host = h && strcmp(h, host) == 0;
        bool dead = same_host && pid > 0 && pid <= 0x7fffffff && kill((pid_t)pid, 0) != 0 &&
                    errno == ESRCH;
        bool mine = same_host && pid == (long long)getpid();
        if (!dead && !mine && expires >= now) {
            time_t t = (time_t)acquired;
            struct tm tm;
            char when[32] = "?";
            if (localtime_r(&t, &tm))
                strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
            snprintf(holder, size, "pid %lld on %s since %s", pid, h ? h : "?", when);
            goto done;
        }
    } else if (r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read the plan lock");
        goto done;
    }
    if ((rc = io_store_prepare(s, "INSERT OR REPLACE INTO plan_lock(id, pid, host, acquired_at, "
                                  "expires_at) VALUES(1, ?1, ?2, ?3, ?4)", &ins, err)) != MODEL_OK)
        goto done;
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)getpid());
    sqlite3_bind_text(ins, 2, host, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, now);
    sqlite3_bind_int64(ins, 4, now + (int64_t)(hold_s > 0 ? hold_s : 0) + 60);
    if ((rc = io_store_step_done(s, ins, "take the plan lock", err)) != MODEL_OK)
        goto done;
    *taken = true;
done:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    if (rc == MODEL_OK && *taken) {
        rc = io_store_commit(s, err);
        if (rc != MODEL_OK)
            *taken = false;
    } else {
        io_store_rollback(s);
    }
    return rc;
}

model_status io_store_lock_acquire(io_store *s, double wait_s, double hold_s, model_error *err)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char holder[400] = "";
    for (;;) {
        bool taken;
        model_status rc = lock_try(s, hold_s, &taken, holder, sizeof holder, err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double waited = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* Another writer (an import) past the busy timeout: keep waiting
         * while wait_s allows. */
        if (rc == MODEL_ERR_BUSY && waited < wait_s)
            continue;
        if (rc != MODEL_OK)
            return rc;
        if (taken) {
            s->holds_lock = true;
            return MODEL_OK;
        }
        if (waited >= wait_s)
            return model_error_set(err, MODEL_ERR_BUSY,
                                   "%s: another plan is running (%s); gave up after %.0f s",
                                   s->name, holder, wait_s);
        struct timespec nap = {0, 200 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
}

model_status io_store_lock_release(io_store *s, model_error *err)
{
    if (!s->holds_lock)
        return MODEL_OK;
    char host[256];
    host_name(host, sizeof host);
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "DELETE FROM plan_lock WHERE id = 1 AND pid = ?1 AND "
                                          "host = ?2", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)getpid());
    sqlite3_bind_text(st, 2, host, -1, SQLITE_STATIC);
    rc = io_store_step_done(s, st, "release the plan lock", err);
    sqlite3_finalize(st);
    if (rc == MODEL_OK)
        s->holds_lock = false;
    return rc;
}
