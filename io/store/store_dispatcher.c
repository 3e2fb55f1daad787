/* store_dispatcher.c - the dispatchers' report tokens (table
 * dispatcher_tokens; only each token's SHA-256 digest is kept). See
 * store_dispatcher.h. */
#include "io/store/store_dispatcher.h"

#include <stddef.h>
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
    bool has;
    rc = io_store_query_row(s, NULL, NULL, &has, "read dispatcher tokens", err,
                            "SELECT 1 FROM dispatcher_tokens WHERE name = ?1", "t", name);
    if (rc == MODEL_OK && has && !rotate)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: dispatcher '%s' already has a token (use "
                             "'tokens rotate --dispatcher')", s->name, name);
    else if (rc == MODEL_OK && !has && rotate)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: dispatcher '%s' has no token (use "
                             "'tokens issue --dispatcher')", s->name, name);
    if (rc == MODEL_OK)
        rc = io_store_token_store(s, "INSERT INTO dispatcher_tokens(name, digest, issued_at, "
                                     "rotations) VALUES(?1, ?2, ?3, 0) ON CONFLICT(name) DO "
                                     "UPDATE SET digest = excluded.digest, issued_at = "
                                     "excluded.issued_at, rotations = rotations + 1",
                                  name, token, "store the dispatcher token", err);
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
    rc = io_store_run(s, "revoke the dispatcher token", err,
                      "DELETE FROM dispatcher_tokens WHERE name = ?1", "t", name);
    if (rc == MODEL_OK && had)
        *had = sqlite3_changes(s->db) > 0;
    return end_write(s, rc, err);
}

static bool read_dispatcher(sqlite3_stmt *st, void *row)
{
    io_store_dispatcher_row *x = row;
    io_store_token_columns(st, 1, x->digest, &x->issued_at, &x->rotations);
    return true;
}

static const io_store_row_type dispatcher_rows = {
    sizeof(io_store_dispatcher_row), 4, read_dispatcher, 1,
    {IO_STORE_TEXT(io_store_dispatcher_row, name, 0)}};

void io_store_dispatchers_free(io_store_dispatcher_row *rows, int n)
{
    io_store_list_free(&dispatcher_rows, rows, n);
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
    return io_store_list(s, &dispatcher_rows, (void **)rows, n, "read dispatcher tokens", err,
                         "SELECT name, digest, issued_at, rotations FROM dispatcher_tokens "
                         "ORDER BY name", "");
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
