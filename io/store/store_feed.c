/* store_feed.c - the feed tables' schema and transactions, the per-calendar
 * Last-Modified marks, and the data-version watch (see store_feed.h).
 * Tokens are in store_feed_tokens.c, what the feeds show in
 * store_feed_data.c, the UID / SEQUENCE bookkeeping in store_feed_items.c. */
#include "io/store/store_feed.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS feed_state(\n"
    "  id INTEGER PRIMARY KEY CHECK(id = 1),\n"
    "  uid_domain TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS feed_tokens(\n"
    "  technician_id TEXT PRIMARY KEY REFERENCES technicians(id) ON DELETE CASCADE,\n"
    "  digest BLOB NOT NULL UNIQUE CHECK(length(digest) = 32),\n"
    "  issued_at INTEGER NOT NULL,\n"
    "  rotations INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS feed_items(\n"
    "  item TEXT PRIMARY KEY,\n"
    "  uid TEXT NOT NULL UNIQUE,\n"
    "  sequence INTEGER NOT NULL CHECK(sequence >= 0),\n"
    "  technician_id TEXT NOT NULL,\n"
    "  start_at INTEGER NOT NULL,\n"
    "  end_at INTEGER NOT NULL,\n"
    "  location_id TEXT,\n"
    "  detail TEXT NOT NULL,\n"
    "  in_feed INTEGER NOT NULL CHECK(in_feed IN (0, 1)),\n"
    "  created_at INTEGER NOT NULL,\n"
    "  modified_at INTEGER NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS feed_calendars(\n"
    "  technician_id TEXT PRIMARY KEY,\n"
    "  digest TEXT NOT NULL,\n"
    "  modified_at INTEGER NOT NULL) WITHOUT ROWID;\n";

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

model_status io_store_feed_has_table(io_store *s, const char *name, bool *yes, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(
        s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    *yes = r == SQLITE_ROW;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the schema");
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_feed_prepare(io_store *s, model_error *err)
{
    if (s->read_only)
        return MODEL_OK;
    bool have;
    model_status rc = io_store_feed_has_table(s, "feed_state", &have, err);
    if (rc != MODEL_OK)
        return rc;
    if (have) {
        sqlite3_stmt *st;
        if ((rc = io_store_prepare(s, "SELECT 1 FROM feed_state WHERE id = 1", &st, err)) != MODEL_OK)
            return rc;
        int r = sqlite3_step(st);
        sqlite3_finalize(st);
        if (r == SQLITE_ROW)
            return MODEL_OK;
    }
    if ((rc = io_store_exec(s, schema, err)) != MODEL_OK)
        return rc;
    char token[IO_FEED_TOKEN_CHARS + 1], domain[64];
    uint8_t d[IO_FEED_DIGEST_BYTES];
    char hex[17];
    if ((rc = io_feed_token_new(token, err)) != MODEL_OK)
        return rc;
    io_feed_sha256(token, strlen(token), d);
    io_feed_hex(d, 8, hex);
    snprintf(domain, sizeof domain, "%s.fieldplan", hex);
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "INSERT OR IGNORE INTO feed_state(id, uid_domain) VALUES(1, ?1)",
                               &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, domain, -1, SQLITE_STATIC);
    rc = io_store_step_done(s, st, "create the feed state", err);
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_feed_begin(io_store *s, bool *writable, model_error *err)
{
    *writable = !s->read_only;
    model_status rc = io_store_exec(s, *writable ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (rc != MODEL_OK)
        return rc;
    if (*writable && (rc = io_store_feed_prepare(s, err)) != MODEL_OK)
        io_store_rollback(s);
    return rc;
}

model_status io_store_feed_end(io_store *s, bool commit, model_error *err)
{
    if (commit && !s->read_only)
        return io_store_commit(s, err);
    io_store_rollback(s);
    return MODEL_OK;
}

model_status io_store_feed_calendar_mark(io_store *s, bool writable, const char *tech,
                                         const uint8_t digest[IO_FEED_DIGEST_BYTES], int64_t now,
                                         int64_t *modified_at, model_error *err)
{
    char hex[2 * IO_FEED_DIGEST_BYTES + 1];
    io_feed_hex(digest, IO_FEED_DIGEST_BYTES, hex);
    *modified_at = now;
    bool have;
    model_status rc = io_store_feed_has_table(s, "feed_calendars", &have, err);
    if (rc != MODEL_OK || !have)
        return rc;
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "SELECT digest, modified_at FROM feed_calendars WHERE "
                                  "technician_id = ?1", &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    bool same = false;
    if (r == SQLITE_ROW) {
        const char *old = (const char *)sqlite3_column_text(st, 0);
        same = old && strcmp(old, hex) == 0;
        if (same)
            *modified_at = sqlite3_column_int64(st, 1);
    } else if (r != SQLITE_DONE) {
        rc = io_store_fail(s, err, "read feed calendars");
    }
    sqlite3_finalize(st);
    if (rc != MODEL_OK || same || !writable)
        return rc;
    if ((rc = io_store_prepare(s, "INSERT OR REPLACE INTO feed_calendars(technician_id, digest, "
                                  "modified_at) VALUES(?1, ?2, ?3)", &st, err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, tech, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    rc = io_store_step_done(s, st, "store feed calendars", err);
    sqlite3_finalize(st);
    return rc;
}

struct io_store_feed_watch {
    io_store *s;        /* not owned */
    sqlite3_stmt *st;   /* PRAGMA data_version, owned */
};

model_status io_store_feed_watch_create(io_store *s, io_store_feed_watch **out, model_error *err)
{
    *out = NULL;
    io_store_feed_watch *w = calloc(1, sizeof *w);
    if (!w)
        return nomem(err);
    w->s = s;
    model_status rc = io_store_prepare(s, "PRAGMA data_version", &w->st, err);
    if (rc != MODEL_OK) {
        free(w);
        return rc;
    }
    *out = w;
    return MODEL_OK;
}

model_status io_store_feed_watch_poll(io_store_feed_watch *w, int64_t *version, model_error *err)
{
    model_status rc = MODEL_OK;
    if (sqlite3_step(w->st) == SQLITE_ROW)
        *version = sqlite3_column_int64(w->st, 0);
    else
        rc = io_store_fail(w->s, err, "read the data version");
    sqlite3_reset(w->st);
    return rc;
}

void io_store_feed_watch_free(io_store_feed_watch *w)
{
    if (!w)
        return;
    sqlite3_finalize(w->st);
    free(w);
}
