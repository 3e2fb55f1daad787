/* store_feed_tokens.c - feed subscription tokens in the fieldplan database:
 * issuing, rotating, revoking and listing them (table feed_tokens; only
 * each token's SHA-256 digest is kept, never the token). See store_feed.h. */
#include "io/store/store_feed.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static model_status technician_exists(io_store *s, const char *tech, model_error *err)
{
    bool found;
    model_status rc = io_store_query_row(s, NULL, NULL, &found, "read technicians", err,
                                         "SELECT 1 FROM technicians WHERE id = ?1", "t", tech);
    if (rc == MODEL_OK && !found)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: unknown technician '%s'", s->name, tech);
    return rc;
}

model_status io_store_token_store(io_store *s, const char *sql, const char *key, char *token,
                                  const char *what, model_error *err)
{
    model_status rc = io_feed_token_new(token, err);
    if (rc != MODEL_OK)
        return rc;
    uint8_t digest[IO_FEED_DIGEST_BYTES];
    io_feed_token_digest(token, IO_FEED_TOKEN_CHARS, digest);
    return io_store_run(s, what, err, sql, "tbI", key, digest, IO_FEED_DIGEST_BYTES,
                        io_store_now());
}

/* Begins the write transaction of a change to tech's token: fails, with
 * nothing left open, when the database is read-only or tech is unknown. */
static model_status begin_token_write(io_store *s, const char *tech, model_error *err)
{
    bool writable;
    model_status rc = io_store_feed_begin(s, &writable, err);
    if (rc != MODEL_OK)
        return rc;
    if (!writable)
        rc = model_error_set(err, MODEL_ERR_IO, "%s: cannot write: the database is read-only",
                             s->name);
    else
        rc = technician_exists(s, tech, err);
    if (rc != MODEL_OK)
        io_store_feed_end(s, false, NULL);
    return rc;
}

model_status io_store_feed_token_issue(io_store *s, const char *tech, bool rotate,
                                       char token[IO_FEED_TOKEN_CHARS + 1], model_error *err)
{
    memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    model_status rc = begin_token_write(s, tech, err);
    if (rc != MODEL_OK)
        return rc;
    bool has;
    rc = io_store_query_row(s, NULL, NULL, &has, "read tokens", err,
                            "SELECT 1 FROM feed_tokens WHERE technician_id = ?1", "t", tech);
    if (rc == MODEL_OK && has && !rotate)
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: technician '%s' already has a token (use 'tokens rotate')",
                             s->name, tech);
    if (rc == MODEL_OK)
        rc = io_store_token_store(s, "INSERT INTO feed_tokens(technician_id, digest, issued_at, "
                                     "rotations) VALUES(?1, ?2, ?3, 0) ON CONFLICT(technician_id) "
                                     "DO UPDATE SET digest = excluded.digest, issued_at = "
                                     "excluded.issued_at, rotations = rotations + 1",
                                  tech, token, "store the token", err);
    if (rc == MODEL_OK)
        rc = io_store_feed_end(s, true, err);
    else
        io_store_feed_end(s, false, NULL);
    if (rc != MODEL_OK)
        memset(token, 0, IO_FEED_TOKEN_CHARS + 1);
    return rc;
}

model_status io_store_feed_token_revoke(io_store *s, const char *tech, bool *had,
                                        model_error *err)
{
    if (had)
        *had = false;
    model_status rc = begin_token_write(s, tech, err);
    if (rc != MODEL_OK)
        return rc;
    rc = io_store_run(s, "revoke the token", err,
                      "DELETE FROM feed_tokens WHERE technician_id = ?1", "t", tech);
    if (rc == MODEL_OK && had)
        *had = sqlite3_changes(s->db) > 0;
    if (rc == MODEL_OK)
        return io_store_feed_end(s, true, err);
    io_store_feed_end(s, false, NULL);
    return rc;
}

bool io_store_token_columns(sqlite3_stmt *st, int c, uint8_t *digest, int64_t *issued_at,
                            int *rotations)
{
    bool has = sqlite3_column_bytes(st, c) == IO_FEED_DIGEST_BYTES;
    if (has)
        memcpy(digest, sqlite3_column_blob(st, c), IO_FEED_DIGEST_BYTES);
    *issued_at = sqlite3_column_int64(st, c + 1);
    *rotations = sqlite3_column_int(st, c + 2);
    return has;
}

static bool read_token(sqlite3_stmt *st, void *row)
{
    io_store_feed_token_row *x = row;
    x->active = io_store_token_columns(st, 2, x->digest, &x->issued_at, &x->rotations);
    return true;
}

static const io_store_row_type token_rows = {
    sizeof(io_store_feed_token_row), 16, read_token, 2,
    {IO_STORE_TEXT(io_store_feed_token_row, technician, 0),
     IO_STORE_TEXT(io_store_feed_token_row, name, 1)}};

void io_store_feed_tokens_free(io_store_feed_token_row *rows, int n)
{
    io_store_list_free(&token_rows, rows, n);
}

model_status io_store_feed_tokens_list(io_store *s, const char *tech,
                                       io_store_feed_token_row **rows, int *n, model_error *err)
{
    *rows = NULL;
    *n = 0;
    bool have;
    model_status rc = io_store_feed_has_table(s, "feed_tokens", &have, err);
    if (rc != MODEL_OK)
        return rc;
    if (tech && (rc = technician_exists(s, tech, err)) != MODEL_OK)
        return rc;
    return io_store_list(s, &token_rows, (void **)rows, n, "read tokens", err,
                         have ? "SELECT t.id, t.name, k.digest, k.issued_at, k.rotations FROM "
                                "technicians t LEFT JOIN feed_tokens k ON k.technician_id = t.id "
                                "WHERE ?1 IS NULL OR t.id = ?1 ORDER BY t.id"
                              : "SELECT id, name, NULL, 0, 0 FROM technicians WHERE ?1 IS NULL "
                                "OR id = ?1 ORDER BY id",
                         "t", tech);
}
