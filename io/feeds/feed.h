/* feed.h - the technicians' calendar feeds: one iCalendar text per
 * technician, built from the store's published version (store_feed.h says
 * which visits a feed shows), and written to a directory.
 *
 * Each visit is one event: UID for good per job, SEQUENCE raised whenever
 * its technician, start, end or location changes, DTSTAMP and LAST-MODIFIED
 * the time that change was first seen (stored, so the text and its ETag
 * repeat until something changes), SUMMARY "title – customer", LOCATION
 * the address, GEO, DESCRIPTION (job id, customer, skills, priority, the
 * arrival window promised to the customer, notes), STATUS:CONFIRMED.
 * With the breaks option each break of a technician-day with visits is an
 * event too: SUMMARY and CATEGORIES "Break", UID "break-TECH%3aDATE%3aN@…".
 * docs/feeds.md describes the whole feed. Text from the store is cleaned
 * to valid UTF-8 without control characters before it goes out. */
#ifndef FIELDPLAN_IO_FEED_H
#define FIELDPLAN_IO_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/store/store.h"
#include "model/error.h"

typedef struct io_feed_options {
    int refresh_s;   /* REFRESH-INTERVAL and X-PUBLISHED-TTL, seconds (default 3600) */
    int past_days;   /* days before the published horizon shown (default 14) */
    bool breaks;     /* breaks as events of their own ("Break"; default off) */
} io_feed_options;

#define IO_FEED_OPTIONS_INIT {3600, 14, false}

/* Bounds on the options. */
#define IO_FEED_MIN_REFRESH_S 60
#define IO_FEED_MAX_REFRESH_S (7 * 86400)

typedef struct io_feed {
    char *technician;     /* id, owned */
    char *file_name;      /* "ID.ics" with bytes outside [A-Za-z0-9._-] (and a
                             leading '.') percent-encoded; owned */
    char *text;           /* the iCalendar text, owned */
    size_t len;
    char etag[36];        /* strong ETag, quotes included: "\"<32 hex>\"" */
    int64_t modified_at;  /* when the text last changed (HTTP Last-Modified) */
    int nevents;
} io_feed;

typedef struct io_feed_set {
    int64_t version;      /* the published version; 0 when none (empty feeds) */
    int64_t published_at;
    io_feed *feeds;       /* owned: one per technician, by technician id */
    int nfeeds;
    bool stored;          /* the bookkeeping was stored (false: read-only) */
} io_feed_set;

/* Builds every technician's feed in one transaction of s, updating the
 * bookkeeping (stored unless the database is read-only). `now` stamps what
 * changed since the last build. opt may be NULL (defaults). *out owned by
 * the caller (io_feed_set_free). Errors: MODEL_ERR_INPUT for options out of
 * range; store errors (store.h); MODEL_ERR_NOMEM. */
model_status io_feed_build(io_store *s, const io_feed_options *opt, int64_t now,
                           io_feed_set **out, model_error *err);

/* NULL is accepted. */
void io_feed_set_free(io_feed_set *fs);

/* The feed of technician `tech`, or NULL. */
const io_feed *io_feed_set_find(const io_feed_set *fs, const char *tech);

/* Writes every feed to DIR/FILE_NAME, creating DIR when missing; each file
 * is replaced atomically (temporary file, fsync, rename), so a reader sees
 * the old feed or the new one. Errors: MODEL_ERR_IO "DIR: cannot create the
 * directory: REASON" or io_file_write_atomic's. */
model_status io_feed_write_dir(const io_feed_set *fs, const char *dir, model_error *err);

/* For `fieldplan plan` after it publishes: brings the bookkeeping up to date
 * with the published version (so that a job moved by this plan gets its
 * higher SEQUENCE now) and, when dir is not NULL, writes every feed there
 * as io_feed_write_dir does. opt may be NULL; *nfeeds (may be NULL) gets
 * the number of feeds. Errors as io_feed_build and io_feed_write_dir; on
 * error no feed file has been half written. */
model_status io_feed_publish(io_store *s, const char *dir, const io_feed_options *opt,
                             int *nfeeds, model_error *err);

#endif
