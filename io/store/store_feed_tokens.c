/* store_feed_tokens.c - feed subscription tokens in the fieldplan database:
 * issuing, rotating, revoking and listing them (table feed_tokens; only
 * each token's SHA-256 digest is kept, never the token). See store_feed.h. */
#include "io/store/store_feed.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static model_status technician_exists(io_store *s, const char *tech, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "SELECT 1 FROM technicians WHERE id = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: unknown technician '%s'", s->name, tech);
    else if (r != SQLITE_ROW)
        rc = io_store_fail(s, err, "read technicians");
    sqlite3_finalize(st);
    return rc;
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
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_prepare(s, "SELECT 1 FROM feed_tokens WHERE technician_id = ?1", &st,
                               err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read tokens");
        goto done;
    }
    if (r == SQLITE_ROW && !rotate) {
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: technician '%s' already has a token (use 'tokens rotate')",
                             s->name, tech);
        goto done;
    }
    uint8_t digest[IO_FEED_DIGEST_BYTES];
    if ((rc = io_feed_token_new(token, err)) != MODEL_OK)
        goto done;
    io_feed_token_digest(token, IO_FEED_TOKEN_CHARS, digest);
    if ((rc = io_store_prepare(s, "INSERT INTO feed_tokens(technician_id, digest, issued_at, "
                                  "rotations) VALUES(?1, ?2, ?3, 0) ON CONFLICT(technician_id) DO "
                                  "UPDATE SET digest = excluded.digest, issued_at = "
                                  "excluded.issued_at, rotations = rotations + 1",
                               &st, err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, digest, IO_FEED_DIGEST_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, io_store_now());
    rc = io_store_step_done(s, st, "store the token", err);
done:
    sqlite3_finalize(st);
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
    sqlite3_stmt *st = NULL;
    if ((rc = io_store_prepare(s, "DELETE FROM feed_tokens WHERE technician_id = ?1", &st,
                               err)) != MODEL_OK)
        goto done;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    if ((rc = io_store_step_done(s, st, "revoke the token", err)) == MODEL_OK && had)
        *had = sqlite3_changes(s->db) > 0;
done:
    sqlite3_finalize(st);
    if (rc == MODEL_OK)
        return io_store_feed_end(s, true, err);
    io_store_feed_end(s, false, NULL);
    return rc;
}

void io_store_feed_tokens_free(io_store_feed_token_row *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        free(rows[i].technician);
        free(rows[i].name);
    }
    free(rows);
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
    sqlite3_stmt *st;
    rc = io_store_prepare(s,
                          have ? "SELECT t.id, t.name, k.digest, k.issued_at, k.rotations FROM "
                                 "technicians t LEFT JOIN feed_tokens k ON k.technician_id = t.id "
                                 "WHERE ?1 IS NULL OR t.id = ?1 ORDER BY t.id"
                               : "SELECT id, name, NULL, 0, 0 FROM technicians WHERE ?1 IS NULL "
                                 "OR id = ?1 ORDER BY id",
                          &st, err);
    if (rc != MODEL_OK)
        return rc;
    io_store_bind_text(st, 1, tech);
    io_store_feed_token_row *out = NULL;
    int cnt = 0, cap = 0, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow((void **)&out, cnt, &cap, sizeof *out, 16)) {
            ok = false;
            break;
        }
        io_store_feed_token_row *x = &out[cnt++];
        memset(x, 0, sizeof *x);
        x->technician = io_store_column_dup(st, 0, &ok);
        x->name = io_store_column_dup(st, 1, &ok);
        x->active = sqlite3_column_bytes(st, 2) == IO_FEED_DIGEST_BYTES;
        if (x->active)
            memcpy(x->digest, sqlite3_column_blob(st, 2), IO_FEED_DIGEST_BYTES);
        x->issued_at = sqlite3_column_int64(st, 3);
        x->rotations = sqlite3_column_int(st, 4);
    }
    if (!ok)
        rc = nomem(err);
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read tokens");
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_feed_tokens_free(out, cnt);
        return rc;
    }
    *rows = out;
    *n = cnt;
    return MODEL_OK;
}
