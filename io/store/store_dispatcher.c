/* store_dispatcher.c - the dispatchers' report tokens (table
 * dispatcher_tokens; only each token's SHA-256 digest is kept). See
 * store_dispatcher.h. */
#include "io/store/store_dispatcher.h"

#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS dispatcher_tokens(\n"
    "  name TEXT PRIMARY KEY,\n"
    "  digest BLOB NOT NULL UNIQUE CHECK(length(digest) = 32),\n"
    "  issued_at INTEGER NOT NULL,\n"
    "  rotations INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;\n";

static model_status check_name(const io_store *s, const char *name, model_error *err)
{
    size_t n = strlen(name);
    if (n == 0 || n > IO_STORE_DISPATCHER_NAME_MAX)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: a dispatcher's name has 1 to %d "
                               "bytes", s->name, IO_STORE_DISPATCHER_NAME_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return model_error_set(err, MODEL_ERR_INPUT, "%s: a dispatcher's name holds no "
                                   "control character", s->name);
    return MODEL_OK;
}

static model_status begin_write(io_store *s, const char *name, model_error *err)
{
    model_status rc = check_name(s, name, err);
    if (rc != MODEL_OK)
        return rc;
    if (s->read_only)
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot write: the database is read-only",
                               s->name);
    if ((rc = io_store_begin(s, err)) != MODEL_OK)
        return rc;
    if ((rc = io_store_exec(s, schema, err)) != MODEL_OK)
        io_store_rollback(s);
    return rc;
}

static model_status end_write(io_store *s, model_status rc, model_error *err)
{
    if (rc == MODEL_OK)
        return io_store_commit(s, err);
    io_store_rollback(s);
    return rc;
}

model_status io_store_dispatcher_issue(io_store *s, const char *name, bool rotate,
                                       char token[IO_FEED_TOKEN_CHARS + 1], model_error *err)
{
    memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    model_status rc = begin_write(s, name, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_prepare(s, "SELECT 1 FROM dispatcher_tokens WHERE name = ?1", &st,
                               err)) != MODEL_OK)
        return end_write(s, rc, err);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read dispatcher tokens");
    else if (r == SQLITE_ROW && !rotate)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: dispatcher '%s' already has a token (use "
                             "'tokens rotate --dispatcher')", s->name, name);
    else if (r == SQLITE_DONE && rotate)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: dispatcher '%s' has no token (use "
                             "'tokens issue --dispatcher')", s->name, name);
    uint8_t digest[IO_FEED_DIGEST_BYTES];
    if (rc == MODEL_OK && (rc = io_feed_token_new(token, err)) == MODEL_OK) {
        io_feed_token_digest(token, IO_FEED_TOKEN_CHARS, digest);
        rc = io_store_prepare(s, "INSERT INTO dispatcher_tokens(name, digest, issued_at, "
                                 "rotations) VALUES(?1, ?2, ?3, 0) ON CONFLICT(name) DO UPDATE "
                                 "SET digest = excluded.digest, issued_at = excluded.issued_at, "
                                 "rotations = rotations + 1", &st, err);
    }
    if (rc == MODEL_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_blob(st, 2, digest, IO_FEED_DIGEST_BYTES, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, io_store_now());
        rc = io_store_step_done(s, st, "store the dispatcher token", err);
    }
    sqlite3_finalize(st);
    rc = end_write(s, rc, err);
    if (rc != MODEL_OK)
        memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    return rc;
}

model_status io_store_dispatcher_revoke(io_store *s, const char *name, bool *had,
                                        model_error *err)
{
    if (had)
        *had = false;
    model_status rc = begin_write(s, name, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = io_store_prepare(s, "DELETE FROM dispatcher_tokens WHERE name = ?1", &st, err);
    if (rc == MODEL_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        if ((rc = io_store_step_done(s, st, "revoke the dispatcher token", err)) == MODEL_OK &&
            had)
            *had = sqlite3_changes(s->db) > 0;
    }
    sqlite3_finalize(st);
    return end_write(s, rc, err);
}

void io_store_dispatchers_free(io_store_dispatcher_row *rows, int n)
{
    for (int i = 0; rows && i < n; i++)
        free(rows[i].name);
    free(rows);
}

model_status io_store_dispatchers_list(io_store *s, io_store_dispatcher_row **rows, int *n,
                                       model_error *err)
{
    *rows = NULL;
    *n = 0;
    bool have;
    model_status rc = io_store_feed_has_table(s, "dispatcher_tokens", &have, err);
    if (rc != MODEL_OK || !have)
        return rc;
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "SELECT name, digest, issued_at, rotations FROM "
                                  "dispatcher_tokens ORDER BY name", &st, err)) != MODEL_OK)
        return rc;
    io_store_dispatcher_row *out = NULL;
    int cnt = 0, cap = 0, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&out, cnt, &cap, sizeof *out, 4)) {
            ok = false;
            break;
        }
        io_store_dispatcher_row *x = &out[cnt++];
        x->name = io_store_column_dup(st, 0, &ok);
        if (sqlite3_column_bytes(st, 1) == IO_FEED_DIGEST_BYTES)
            memcpy(x->digest, sqlite3_column_blob(st, 1), IO_FEED_DIGEST_BYTES);
        x->issued_at = sqlite3_column_int64(st, 2);
        x->rotations = sqlite3_column_int(st, 3);
    }
    if (!ok)
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read dispatcher tokens");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_dispatchers_free(out, cnt);
        return rc;
    }
    *rows = out;
    *n = cnt;
    return MODEL_OK;
}

model_status io_store_dispatcher_find(io_store *s, const uint8_t d[IO_FEED_DIGEST_BYTES],
                                      char name[IO_STORE_DISPATCHER_NAME_MAX + 1],
                                      model_error *err)
{
    name[0] = '\0';
    io_store_dispatcher_row *rows;
    int n;
    model_status rc = io_store_dispatchers_list(s, &rows, &n, err);
    if (rc != MODEL_OK)
        return rc;
    int found = -1;
    for (int i = 0; i < n; i++) /* every row compared: the time tells nothing */
        if (io_feed_digest_equal(rows[i].digest, d) && found < 0)
            found = i;
    if (found >= 0) {
        strncpy(name, rows[found].name, IO_STORE_DISPATCHER_NAME_MAX);
        name[IO_STORE_DISPATCHER_NAME_MAX] = '\0';
    }
    io_store_dispatchers_free(rows, n);
    return MODEL_OK;
}
