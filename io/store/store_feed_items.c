/* store_feed_items.c - the UID / SEQUENCE bookkeeping of feed events (table
 * feed_items): each event keeps its UID for good and its SEQUENCE rises when
 * its details change; events no longer shown are marked gone.
 *
 * Invariant: feed_items.uid never changes once a row exists, and
 * feed_items.sequence never decreases. */
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

#define FALLBACK_UID_DOMAIN "local.fieldplan"

static void feed_text(uint8_t *ctx_buf, size_t *len, size_t cap, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (*len + n + 1 > cap)
        n = 0; /* never happens: the caller sized the buffer */
    if (n)
        memcpy(ctx_buf + *len, text, n);
    *len += n;
    ctx_buf[(*len)++] = 0x1f;
}

/* Hex SHA-256 of everything the event shows besides technician, times and
 * location id. */
static model_status detail_digest(const io_store_feed_visit *v, char hex[65], model_error *err)
{
    char nums[128];
    snprintf(nums, sizeof nums, "%d %d %lld %lld %d %.7f %.7f", v->priority, v->has_window,
             (long long)v->window_start, (long long)v->window_end, v->has_geo, v->lat, v->lon);
    char late[32];
    const char *parts[10] = {v->title, v->customer, v->notes, v->address, v->skills, nums};
    size_t nparts = 6;
    /* extension 2's fields count only where set, so the digest of an event
     * without them stays what it was */
    if (v->late_max_s >= 0 || v->contact_phone || v->contact_email || v->contact_notes) {
        snprintf(late, sizeof late, "%lld", (long long)v->late_max_s);
        parts[nparts++] = late;
        parts[nparts++] = v->contact_phone;
        parts[nparts++] = v->contact_email;
        parts[nparts++] = v->contact_notes;
    }
    size_t cap = 1;
    for (size_t i = 0; i < nparts; i++)
        cap += (parts[i] ? strlen(parts[i]) : 0) + 1;
    uint8_t *buf = malloc(cap);
    if (!buf)
        return nomem(err);
    size_t len = 0;
    for (size_t i = 0; i < nparts; i++)
        feed_text(buf, &len, cap, parts[i]);
    uint8_t d[IO_FEED_DIGEST_BYTES];
    io_feed_sha256(buf, len, d);
    free(buf);
    io_feed_hex(d, IO_FEED_DIGEST_BYTES, hex);
    return MODEL_OK;
}

static model_status uid_domain(io_store *s, char *buf, size_t size, model_error *err)
{
    snprintf(buf, size, "%s", FALLBACK_UID_DOMAIN);
    bool have;
    model_status rc = io_store_feed_has_table(s, "feed_state", &have, err);
    if (rc != MODEL_OK || !have)
        return rc;
    sqlite3_stmt *st;
    if ((rc = io_store_prepare(s, "SELECT uid_domain FROM feed_state WHERE id = 1", &st, err)) !=
        MODEL_OK)
        return rc;
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    else if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read the feed state");
    sqlite3_finalize(st);
    return rc;
}

/* "PREFIX" ID "@DOMAIN" with bytes of ID outside [A-Za-z0-9._~-]
 * percent-encoded in lower-case hex: "job-J-1001@...",
 * "break-t-01%3a2026-11-23%3a1@...". Lower case because python3-icalendar
 * (4.0) turns "%2C", "%3A", "%3B" and "%5C" in any value into , : ; \. */
static char *make_uid(const char *prefix, const char *job, const char *domain)
{
    size_t k = strlen(prefix), n = strlen(job), m = strlen(domain);
    char *u = malloc(k + 3 * n + 1 + m + 1);
    if (!u)
        return NULL;
    char *p = u;
    memcpy(p, prefix, k);
    p += k;
    for (const unsigned char *c = (const unsigned char *)job; *c; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
            *c == '.' || *c == '_' || *c == '~' || *c == '-') {
            *p++ = (char)*c;
        } else {
            snprintf(p, 4, "%%%02x", *c);
            p += 3;
        }
    }
    *p++ = '@';
    memcpy(p, domain, m + 1);
    return u;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static model_status reconcile_one(io_store *s, io_store_feed_data *d, io_store_feed_visit *v,
                                  sqlite3_stmt *get, sqlite3_stmt *put, const char *domain,
                                  int64_t now, model_error *err)
{
    char detail[65];
    model_status rc = detail_digest(v, detail, err);
    if (rc != MODEL_OK)
        return rc;
    bool changed = true;
    int r = SQLITE_DONE;
    if (get) {
        sqlite3_reset(get);
        sqlite3_bind_text(get, 1, v->item, -1, SQLITE_STATIC);
        r = sqlite3_step(get);
    }
    if (r == SQLITE_ROW) {
        const char *tech = (const char *)sqlite3_column_text(get, 2);
        const char *loc = (const char *)sqlite3_column_text(get, 5);
        const char *old_detail = (const char *)sqlite3_column_text(get, 6);
        bool core = !same_text(tech, v->technician) || sqlite3_column_int64(get, 3) != v->start ||
                    sqlite3_column_int64(get, 4) != v->end || !same_text(loc, v->location_id);
        bool back = sqlite3_column_int(get, 7) == 0;
        bool shown = !same_text(old_detail, detail);
        int64_t seq = sqlite3_column_int64(get, 1) + (core || back ? 1 : 0);
        v->sequence = seq > INT_MAX ? INT_MAX : (int)seq;
        v->created_at = sqlite3_column_int64(get, 8);
        v->modified_at = core || back || shown ? now : sqlite3_column_int64(get, 9);
        v->uid = strdup((const char *)sqlite3_column_text(get, 0));
        changed = core || back || shown;
    } else if (r == SQLITE_DONE) {
        v->sequence = 0;
        v->created_at = v->modified_at = now;
        v->uid = v->job ? make_uid("job-", v->job, domain) : make_uid("break-", v->item + 6, domain);
    } else {
        return io_store_fail(s, err, "read feed items");
    }
    sqlite3_reset(get);
    if (!v->uid)
        return nomem(err);
    if (!d->writable || !changed)
        return MODEL_OK; /* no write when nothing changed: other readers' data_version stays */
    sqlite3_bind_text(put, 1, v->item, -1, SQLITE_STATIC);
    sqlite3_bind_text(put, 2, v->uid, -1, SQLITE_STATIC);
    sqlite3_bind_int(put, 3, v->sequence);
    sqlite3_bind_text(put, 4, v->technician, -1, SQLITE_STATIC);
    sqlite3_bind_int64(put, 5, v->start);
    sqlite3_bind_int64(put, 6, v->end);
    io_store_bind_text(put, 7, v->location_id);
    sqlite3_bind_text(put, 8, detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(put, 9, v->created_at);
    sqlite3_bind_int64(put, 10, v->modified_at);
    return io_store_step_done(s, put, "store feed items", err);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Marks the items shown last time that no feed shows now as gone. */
static model_status mark_gone(io_store *s, const io_store_feed_data *d, model_error *err)
{
    const char **now = malloc((d->nvisits > 0 ? (size_t)d->nvisits : 1) * sizeof *now);
    if (!now)
        return nomem(err);
    for (int i = 0; i < d->nvisits; i++)
        now[i] = d->visits[i].item;
    qsort(now, (size_t)d->nvisits, sizeof *now, cmp_cstr);
    sqlite3_stmt *sel = NULL, *upd = NULL;
    model_status rc;
    if ((rc = io_store_prepare(s, "SELECT item FROM feed_items WHERE in_feed = 1", &sel, err)) !=
            MODEL_OK ||
        (rc = io_store_prepare(s, "UPDATE feed_items SET in_feed = 0 WHERE item = ?1", &upd,
                               err)) != MODEL_OK)
        goto done;
    /* Collect first: updating while a SELECT on the same table steps is
     * best avoided. */
    char **gone = NULL;
    int ngone = 0, cap = 0, r;
    while ((r = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *item = (const char *)sqlite3_column_text(sel, 0);
        if (!item || bsearch(&item, now, (size_t)d->nvisits, sizeof *now, cmp_cstr))
            continue;
        if (!io_store_grow((void **)&gone, ngone, &cap, sizeof *gone, 16)) {
            rc = nomem(err);
            break;
        }
        if (!(gone[ngone] = strdup(item))) {
            rc = nomem(err);
            break;
        }
        ngone++;
    }
    if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, "read feed items");
    for (int i = 0; rc == MODEL_OK && i < ngone; i++) {
        sqlite3_bind_text(upd, 1, gone[i], -1, SQLITE_STATIC);
        rc = io_store_step_done(s, upd, "store feed items", err);
    }
    for (int i = 0; i < ngone; i++)
        free(gone[i]);
    free(gone);
done:
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    free(now);
    return rc;
}

model_status io_store_feed_reconcile(io_store *s, io_store_feed_data *d, int64_t now,
                                     model_error *err)
{
    char domain[128];
    bool have;
    model_status rc;
    if ((rc = uid_domain(s, domain, sizeof domain, err)) != MODEL_OK ||
        (rc = io_store_feed_has_table(s, "feed_items", &have, err)) != MODEL_OK)
        return rc;
    if (d->writable && !have)
        return model_error_set(err, MODEL_ERR_INTERNAL,
                               "%s: feed tables missing (io_store_feed_begin not called)", s->name);
    sqlite3_stmt *get = NULL, *put = NULL;
    if (have && (rc = io_store_prepare(s, "SELECT uid, sequence, technician_id, start_at, end_at, "
                                          "location_id, detail, in_feed, created_at, modified_at "
                                          "FROM feed_items WHERE item = ?1", &get, err)) != MODEL_OK)
        return rc;
    if (d->writable &&
        (rc = io_store_prepare(s, "INSERT OR REPLACE INTO feed_items(item, uid, sequence, "
                                  "technician_id, start_at, end_at, location_id, detail, in_feed, "
                                  "created_at, modified_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                  "?8, 1, ?9, ?10)", &put, err)) != MODEL_OK)
        goto done;
    for (int i = 0; i < d->nvisits; i++)
        if ((rc = reconcile_one(s, d, &d->visits[i], get, put, domain, now, err)) != MODEL_OK)
            goto done;
    if (d->writable)
        rc = mark_gone(s, d, err);
done:
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    return rc;
}
