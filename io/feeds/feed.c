/* feed.c - every technician's calendar from the store's published version
 * (see feed.h): visits become io_ical_events, calendars become text. */
#include "io/feeds/feed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "io/store/feed_token.h"
#include "io/formats/file.h"
#include "io/formats/ical.h"
#include "io/formats/json_out.h"
#include "io/store/store_feed.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static int utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return (p[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
            return 0;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
            return 0; /* overlong or a surrogate */
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
            return 0;
        if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
            return 0; /* overlong or past U+10FFFF */
        return 4;
    }
    return 0;
}

/* Appends text cleaned for iCalendar: invalid UTF-8 becomes U+FFFD, CR LF
 * and a lone CR become LF, other control characters but tab are dropped;
 * with one_line, LF and tab become a space. Trailing newlines are dropped. */
static void add_clean(io_json_out *b, const char *text, bool one_line)
{
    if (!text)
        return;
    size_t start = b->len;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        if (*p == '\r' || *p == '\n' || *p == '\t') {
            char c = *p == '\t' ? '\t' : '\n';
            if (*p == '\r' && p[1] == '\n')
                p++;
            p++;
            io_json_out_bytes(b, one_line ? " " : &c, 1);
            continue;
        }
        if (*p < 0x20 || *p == 0x7f) {
            p++;
            continue;
        }
        int n = utf8_len(p);
        if (n == 0) {
            io_json_out_raw(b, "\xef\xbf\xbd");
            p++;
            continue;
        }
        io_json_out_bytes(b, (const char *)p, (size_t)n);
        p += n;
    }
    while (!b->failed && b->len > start && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
        b->data[--b->len] = '\0';
}

/* "2026-11-23 08:00" in tz. */

static bool same_day(const model_tz *tz, int64_t a, int64_t b)
{
    model_civil x = model_tz_to_civil(tz, a), y = model_tz_to_civil(tz, b);
    return x.year == y.year && x.month == y.month && x.day == y.day;
}

/* The strings one event needs, owned by the builder of the calendar. */
typedef struct event_text {
    io_json_out summary, location, description;
} event_text;

static void event_text_free(event_text *t)
{
    io_json_out_free(&t->summary);
    io_json_out_free(&t->location);
    io_json_out_free(&t->description);
}

/* A tel: URI of a phone number as written: its digits, a leading '+', and
 * nothing else (RFC 3966 has no spaces). */
static void tel_uri(io_json_out *b, const char *phone)
{
    io_json_out_raw(b, "tel:");
    bool first = true; /* nothing written yet */
    for (const char *p = phone; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p == '+' && first)) {
            io_json_out_bytes(b, p, 1);
            first = false;
        }
    }
}

/* FORMAT.md extension 2 in the description: how late the visit may be, the
 * customer's contact (tel: and mailto: links, notes) and, with a contact,
 * a map link of the location. Nothing for a job without them. */
static void describe_rules(const io_store_feed_visit *v, io_json_out *d)
{
    if (v->late_max_s >= 0 && v->has_window) {
        io_json_out_printf(d, "\nLate arrival allowed: up to %lld min after the window",
                  (long long)((v->late_max_s + 59) / 60));
        if (v->has_window && v->start > v->window_end)
            io_json_out_printf(d, " (this visit starts %lld min after it)",
                      (long long)((v->start - v->window_end + 59) / 60));
    }
    bool contact = false;
    if (v->contact_phone && v->contact_phone[0]) {
        io_json_out_raw(d, "\nPhone: ");
        add_clean(d, v->contact_phone, true);
        io_json_out_raw(d, " (");
        tel_uri(d, v->contact_phone);
        io_json_out_raw(d, ")");
        contact = true;
    }
    if (v->contact_email && v->contact_email[0]) {
        io_json_out_raw(d, "\nE-mail: mailto:");
        add_clean(d, v->contact_email, true);
        contact = true;
    }
    if (v->contact_notes && v->contact_notes[0]) {
        io_json_out_raw(d, "\nContact notes: ");
        add_clean(d, v->contact_notes, false);
        contact = true;
    }
    if (contact && v->has_geo)
        io_json_out_printf(d, "\nMap: https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=18/%.6f/%.6f",
                  v->lat, v->lon, v->lat, v->lon);
}

static bool describe(const io_store_feed_visit *v, const model_tz *tz, event_text *t)
{
    *t = (event_text){IO_JSON_OUT_INIT, IO_JSON_OUT_INIT, IO_JSON_OUT_INIT};
    if (v->title && v->title[0])
        add_clean(&t->summary, v->title, true);
    else
        add_clean(&t->summary, v->job, true);
    if (v->customer && v->customer[0]) {
        io_json_out_raw(&t->summary, " \xe2\x80\x93 "); /* an en dash */
        add_clean(&t->summary, v->customer, true);
    }
    if (v->address && v->address[0])
        add_clean(&t->location, v->address, true);
    io_json_out *d = &t->description;
    io_json_out_raw(d, "Job: ");
    add_clean(d, v->job, true);
    if (v->customer && v->customer[0]) {
        io_json_out_raw(d, "\nCustomer: ");
        add_clean(d, v->customer, true);
    }
    if (v->skills && v->skills[0]) {
        io_json_out_raw(d, "\nSkills: ");
        add_clean(d, v->skills, true);
    }
    io_json_out_printf(d, "\nPriority: %d", v->priority);
    if (v->has_window) {
        char a[MODEL_WALL_BUF], b[MODEL_WALL_BUF];
        bool one_day = same_day(tz, v->window_start, v->window_end);
        model_time_wall(tz, v->window_start, false, a);
        model_time_wall(tz, v->window_end, one_day, b);
        io_json_out_printf(d, "\nArrival window promised to the customer: %s \xe2\x80\x93 %s", a, b);
    }
    describe_rules(v, d);
    if (v->notes && v->notes[0]) {
        io_json_out_raw(d, "\nNotes: ");
        add_clean(d, v->notes, false);
    }
    /* A calendar event needs a summary even when the cleaned title is empty. */
    if (!t->summary.failed && t->summary.len == 0)
        io_json_out_raw(&t->summary, "Visit");
    return !t->summary.failed && !t->location.failed && !t->description.failed;
}

/* "ID.ics" with unsafe bytes percent-encoded (see feed.h). */
static char *file_name_for(const char *id)
{
    size_t n = strlen(id);
    char *out = malloc(3 * n + 5);
    if (!out)
        return NULL;
    char *p = out;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || (c == '.' && i > 0);
        if (safe) {
            *p++ = (char)c;
        } else {
            snprintf(p, 4, "%%%02X", c);
            p += 3;
        }
    }
    memcpy(p, ".ics", 5);
    return out;
}

/* The fields every event, visit or break, takes from its row: UID,
 * SEQUENCE, CREATED, DTSTAMP and the times. */
static void event_from_visit(io_ical_event *e, const io_store_feed_visit *v)
{
    e->uid = v->uid;
    e->sequence = v->sequence;
    e->created = v->created_at;
    e->stamp = v->modified_at;
    e->start = v->start;
    e->end = v->end;
}

/* Builds the feed of technician t from its visits v[0..n). */
static model_status build_one(const io_store_feed_data *d, const io_store_feed_tech *t,
                              const io_store_feed_visit *v, int n, const io_feed_options *opt,
                              int64_t now, io_feed *f, model_error *err)
{
    model_status rc = MODEL_OK;
    io_ical_event *ev = calloc(n > 0 ? (size_t)n : 1, sizeof *ev);
    event_text *tx = calloc(n > 0 ? (size_t)n : 1, sizeof *tx);
    io_json_out name = IO_JSON_OUT_INIT, desc = IO_JSON_OUT_INIT;
    if (!ev || !tx) {
        rc = nomem(err);
        goto done;
    }
    int64_t from = now;
    for (int i = 0; i < n; i++) {
        io_ical_event *e = &ev[i];
        event_from_visit(e, &v[i]);
        if (!v[i].job) { /* a break */
            e->summary = "Break";
            e->category = "Break";
            e->status = IO_ICAL_CONFIRMED;
            continue;
        }
        if (!describe(&v[i], d->tz, &tx[i])) {
            rc = nomem(err);
            goto done;
        }
        e->summary = tx[i].summary.data;
        e->location = tx[i].location.len ? tx[i].location.data : NULL;
        e->has_geo = v[i].has_geo;
        e->lat = v[i].lat;
        e->lon = v[i].lon;
        e->description = tx[i].description.data;
        e->status = IO_ICAL_CONFIRMED;
    }
    for (int i = 0; i < n; i++)
        if (v[i].start < from)
            from = v[i].start;
    const char *who = t->name && t->name[0] ? t->name : t->id;
    io_json_out_raw(&name, "Jobs \xe2\x80\x93 ");
    add_clean(&name, who, true);
    io_json_out_raw(&desc, "Visits planned for ");
    add_clean(&desc, who, true);
    if (t->name && t->name[0]) {
        io_json_out_raw(&desc, " (");
        add_clean(&desc, t->id, true);
        io_json_out_raw(&desc, ")");
    }
    if (name.failed || desc.failed) {
        rc = nomem(err);
        goto done;
    }
    io_ical_calendar cal = {NULL, name.data, desc.data, opt->refresh_s, d->tz, from - 86400, ev, n};
    if ((rc = io_ical_calendar_to_text(&cal, &f->text, &f->len, err)) != MODEL_OK) {
        model_error_prefix(err, "feed of technician '%s'", t->id);
        goto done;
    }
    uint8_t digest[IO_FEED_DIGEST_BYTES];
    char hex[33];
    io_feed_sha256(f->text, f->len, digest);
    io_feed_hex(digest, 16, hex);
    snprintf(f->etag, sizeof f->etag, "\"%s\"", hex);
    f->nevents = n;
done:
    for (int i = 0; tx && i < n; i++)
        event_text_free(&tx[i]); /* calloc'd: entries never described are empty */
    free(tx);
    free(ev);
    io_json_out_free(&name);
    io_json_out_free(&desc);
    return rc;
}

void io_feed_set_free(io_feed_set *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < fs->nfeeds; i++) {
        free(fs->feeds[i].technician);
        free(fs->feeds[i].file_name);
        free(fs->feeds[i].text);
    }
    free(fs->feeds);
    free(fs);
}

const io_feed *io_feed_set_find(const io_feed_set *fs, const char *tech)
{
    int lo = 0, hi = fs->nfeeds - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(fs->feeds[mid].technician, tech);
        if (c == 0)
            return &fs->feeds[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static model_status check_options(const io_feed_options *opt, model_error *err)
{
    if (opt->refresh_s < IO_FEED_MIN_REFRESH_S || opt->refresh_s > IO_FEED_MAX_REFRESH_S)
        return model_error_set(err, MODEL_ERR_INPUT, "feed refresh interval must be %d..%d s",
                               IO_FEED_MIN_REFRESH_S, IO_FEED_MAX_REFRESH_S);
    if (opt->past_days < 0 || opt->past_days > IO_STORE_FEED_MAX_PAST_DAYS)
        return model_error_set(err, MODEL_ERR_INPUT, "feed past days must be 0..%d",
                               IO_STORE_FEED_MAX_PAST_DAYS);
    return MODEL_OK;
}

/* The feeds of every technician of d, bookkeeping marked in s. */
static model_status build_all(io_store *s, const io_store_feed_data *d, const io_feed_options *opt,
                              int64_t now, io_feed_set *fs, model_error *err)
{
    fs->feeds = calloc(d->ntechs > 0 ? (size_t)d->ntechs : 1, sizeof *fs->feeds);
    if (!fs->feeds)
        return nomem(err);
    int vi = 0;
    for (int ti = 0; ti < d->ntechs; ti++) {
        const io_store_feed_tech *t = &d->techs[ti];
        /* Visits are sorted by technician id like the technicians; skip any
         * of a technician that no longer exists. */
        while (vi < d->nvisits && strcmp(d->visits[vi].technician, t->id) < 0)
            vi++;
        int n = 0;
        while (vi + n < d->nvisits && strcmp(d->visits[vi + n].technician, t->id) == 0)
            n++;
        io_feed *f = &fs->feeds[fs->nfeeds++];
        if (!(f->technician = strdup(t->id)) || !(f->file_name = file_name_for(t->id)))
            return nomem(err);
        model_status rc = build_one(d, t, d->visits + vi, n, opt, now, f, err);
        if (rc != MODEL_OK)
            return rc;
        uint8_t digest[IO_FEED_DIGEST_BYTES];
        io_feed_sha256(f->text, f->len, digest);
        if ((rc = io_store_feed_calendar_mark(s, d->writable, t->id, digest, now, &f->modified_at,
                                              err)) != MODEL_OK)
            return rc;
        vi += n;
    }
    return MODEL_OK;
}

model_status io_feed_build(io_store *s, const io_feed_options *opt, int64_t now,
                           io_feed_set **out, model_error *err)
{
    io_feed_options defaults = IO_FEED_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    *out = NULL;
    model_status rc = check_options(opt, err);
    if (rc != MODEL_OK)
        return rc;
    io_feed_set *fs = calloc(1, sizeof *fs);
    if (!fs)
        return nomem(err);
    bool writable;
    io_store_feed_data *d = NULL;
    if ((rc = io_store_feed_begin(s, &writable, err)) != MODEL_OK) {
        free(fs);
        return rc;
    }
    if ((rc = io_store_feed_load(s, opt->past_days, opt->breaks, &d, err)) == MODEL_OK &&
        (rc = io_store_feed_reconcile(s, d, now, err)) == MODEL_OK &&
        (rc = build_all(s, d, opt, now, fs, err)) == MODEL_OK) {
        fs->version = d->version;
        fs->published_at = d->published_at;
        fs->stored = writable;
        rc = io_store_feed_end(s, true, err);
    } else {
        io_store_feed_end(s, false, NULL);
    }
    io_store_feed_data_free(d);
    if (rc != MODEL_OK) {
        io_feed_set_free(fs);
        return rc;
    }
    *out = fs;
    return MODEL_OK;
}

model_status io_feed_write_dir(const io_feed_set *fs, const char *dir, model_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot create the directory: %s", dir,
                               strerror(errno));
    size_t dlen = strlen(dir);
    for (int i = 0; i < fs->nfeeds; i++) {
        const io_feed *f = &fs->feeds[i];
        size_t n = dlen + 1 + strlen(f->file_name) + 1;
        char *path = malloc(n);
        if (!path)
            return nomem(err);
        snprintf(path, n, "%s/%s", dir, f->file_name);
        model_status rc = io_file_write_atomic(path, f->text, f->len, err);
        free(path);
        if (rc != MODEL_OK)
            return rc;
    }
    return MODEL_OK;
}

model_status io_feed_publish(io_store *s, const char *dir, const io_feed_options *opt,
                             int *nfeeds, model_error *err)
{
    if (nfeeds)
        *nfeeds = 0;
    io_feed_set *fs = NULL;
    model_status rc = io_feed_build(s, opt, (int64_t)time(NULL), &fs, err);
    if (rc == MODEL_OK && dir)
        rc = io_feed_write_dir(fs, dir, err);
    if (rc == MODEL_OK && nfeeds)
        *nfeeds = fs->nfeeds;
    io_feed_set_free(fs);
    return rc;
}
