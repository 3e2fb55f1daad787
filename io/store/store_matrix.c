/* store_matrix.c - a plan run's travel matrix stored once per content
 * (schema version 2: table matrices(hash, content), plan_runs.matrix_hash):
 * the run's problem_json keeps `"travel": {"matrix_hash": "H"}` in place
 * of the matrix, and IO_STORE_RUN_PROBLEM (store_internal.h) puts the
 * exact text back when a run's problem is read, so `export --run` writes
 * the same bytes as when the whole problem was stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_internal.h"

/* The end of the JSON string starting at text[i] == '"' (index after it). */
static size_t skip_string(const char *text, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (text[i] == '\\')
            i++;
        else if (text[i] == '"')
            return i + 1;
    }
    return len;
}

/* The value of the top-level key "travel" when it is an object: its first
 * and one-past-last byte. False when there is none. */
static bool find_travel(const char *text, size_t len, size_t *from, size_t *to)
{
    int depth = 0;
    for (size_t i = 0; i < len;) {
        char c = text[i];
        if (c == '"') {
            size_t end = skip_string(text, len, i);
            if (depth == 1 && end - i == 8 && memcmp(text + i, "\"travel\"", 8) == 0) {
                size_t k = end;
                while (k < len && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' ||
                                   text[k] == '\r' || text[k] == ':'))
                    k++;
                if (k >= len || text[k] != '{')
                    return false;
                int d = 0;
                for (size_t m = k; m < len;) {
                    if (text[m] == '"') {
                        m = skip_string(text, len, m);
                        continue;
                    }
                    if (text[m] == '{' || text[m] == '[')
                        d++;
                    else if ((text[m] == '}' || text[m] == ']') && --d == 0) {
                        *from = k;
                        *to = m + 1;
                        return true;
                    }
                    m++;
                }
                return false;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        i++;
    }
    return false;
}

/* FNV-1a, 64 bits. */
static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Stores content under hash unless it is there; *same tells whether the
 * row now holds exactly content (false: another content has this hash). */
static model_status put_content(io_store *s, const char *hash, const char *content, size_t n,
                                bool *same, model_error *err)
{
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "SELECT content FROM matrices WHERE hash = ?1", &st, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        const void *old = sqlite3_column_blob(st, 0);
        size_t oldn = (size_t)sqlite3_column_bytes(st, 0);
        *same = oldn == n && (n == 0 || memcmp(old, content, n) == 0);
        sqlite3_finalize(st);
        return MODEL_OK;
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return io_store_fail(s, err, "read a stored matrix");
    if ((rc = io_store_prepare(s, "INSERT INTO matrices(hash, content) VALUES(?1, ?2)", &st,
                               err)) != MODEL_OK)
        return rc;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, content, (int)n, SQLITE_STATIC);
    rc = io_store_step_done(s, st, "store the travel matrix", err);
    sqlite3_finalize(st);
    *same = rc == MODEL_OK;
    return rc;
}

model_status io_store_matrix_split(io_store *s, const char *json, size_t len, char **stripped,
                                   char hash[IO_STORE_HASH_BUF], model_error *err)
{
    *stripped = NULL;
    hash[0] = '\0';
    size_t from, to;
    if (!find_travel(json, len, &from, &to))
        return MODEL_OK;
    const char *content = json + from;
    size_t n = to - from;
    /* only matrices: a haversine travel object is a few bytes */
    static const char key[] = "\"durations_s\"";
    bool matrix = false;
    for (size_t i = 0; !matrix && i + sizeof key - 1 <= n; i++)
        matrix = memcmp(content + i, key, sizeof key - 1) == 0;
    if (!matrix || len > (size_t)INT32_MAX)
        return MODEL_OK;
    snprintf(hash, IO_STORE_HASH_BUF, "fnv1a64-%016llx-%zu", (unsigned long long)fnv1a(content, n),
             n);
    bool same = false;
    model_status rc = put_content(s, hash, content, n, &same, err);
    if (rc != MODEL_OK || !same) { /* a collision: keep the whole problem in the run */
        hash[0] = '\0';
        return rc;
    }
    char ref[IO_STORE_HASH_BUF + 32];
    int refn = snprintf(ref, sizeof ref, "{\"matrix_hash\": \"%s\"}", hash);
    char *out = malloc(len - n + (size_t)refn + 1);
    if (!out) {
        hash[0] = '\0';
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    memcpy(out, json, from);
    memcpy(out + from, ref, (size_t)refn);
    memcpy(out + from + refn, json + to, len - to);
    out[len - n + (size_t)refn] = '\0';
    *stripped = out;
    return MODEL_OK;
}
