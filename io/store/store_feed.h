/* store_feed.h - what the calendar feeds keep in the fieldplan database:
 * subscription tokens, the visits a feed shows, and the bookkeeping that
 * keeps each event's UID for good and raises its SEQUENCE when it moves.
 *
 * Tables (docs/feeds.md "Tables"), created on first use with CREATE TABLE
 * IF NOT EXISTS by io_store_feed_prepare (a read-only database without them
 * reads as having no tokens and no bookkeeping):
 *   feed_state(id = 1, uid_domain)       random, made once: UIDs end in it
 *   feed_tokens(technician_id, digest, issued_at, rotations)
 *                                        SHA-256 of each token, never the token
 *   feed_items(item, uid, sequence, technician_id, start_at, end_at,
 *              location_id, detail, in_feed, created_at, modified_at)
 *                                        one row per event ever shown
 *   feed_calendars(technician_id, digest, modified_at)
 *                                        the last feed text's digest and when
 *                                        it last changed (HTTP Last-Modified)
 *
 * What a feed shows: the visits of the published version, and for the
 * `past_days` days before its first day, the visits of the latest published
 * or superseded version that covered each such day, each job once (the
 * newest occurrence wins), leaving out cancelled jobs; optionally the breaks
 * of those technician-days.
 *
 * Errors as store.h. */
#ifndef FIELDPLAN_IO_STORE_FEED_H
#define FIELDPLAN_IO_STORE_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "io/store/feed_token.h"
#include "io/store/store.h"
#include "model/error.h"
#include "model/tz.h"

/* Longest look back, in days. */
#define IO_STORE_FEED_MAX_PAST_DAYS 366

/* Creates the feed tables when missing. A no-op on a read-only database. */
model_status io_store_feed_prepare(io_store *s, model_error *err);

/* ---- tokens ---- */

/* Issues a new token for technician `tech` and writes it to token (shown
 * once: only its digest is stored). With rotate false a technician that
 * already has one is refused: MODEL_ERR_INPUT "PATH: technician 'T' already
 * has a token (use 'tokens rotate')"; with rotate true the old token stops
 * working in the same transaction. MODEL_ERR_INPUT "PATH: unknown
 * technician 'T'". */
model_status io_store_feed_token_issue(io_store *s, const char *tech, bool rotate,
                                       char token[IO_FEED_TOKEN_CHARS + 1], model_error *err);

/* Revokes the token of `tech`; *had (may be NULL) tells whether there was
 * one. MODEL_ERR_INPUT "PATH: unknown technician 'T'". */
model_status io_store_feed_token_revoke(io_store *s, const char *tech, bool *had,
                                        model_error *err);

typedef struct io_store_feed_token_row {
    char *technician;   /* id */
    char *name;         /* may be NULL */
    bool active;        /* has a token */
    int64_t issued_at;  /* when the current token was issued (0: none) */
    int rotations;      /* how often it was rotated */
    uint8_t digest[IO_FEED_DIGEST_BYTES]; /* the token's digest when active */
} io_store_feed_token_row;

/* Every technician (or only `tech` when not NULL; unknown: MODEL_ERR_INPUT)
 * with the state of its token, by id. Free with io_store_feed_tokens_free. */
model_status io_store_feed_tokens_list(io_store *s, const char *tech,
                                       io_store_feed_token_row **rows, int *n, model_error *err);

void io_store_feed_tokens_free(io_store_feed_token_row *rows, int n);

/* ---- what the feeds show ---- */

typedef struct io_store_feed_visit {
    char *item;            /* bookkeeping key: "job:ID", or "break:TECH:DATE:N" */
    char *job;             /* job id; NULL for a break (then only technician,
                              date, version, start and end are set) */
    char *technician;      /* technician id */
    char *date;            /* shift date, YYYY-MM-DD */
    int64_t version;       /* the version it comes from */
    int64_t start, end;    /* service start and end */
    char *title, *customer, *notes, *address; /* may be NULL */
    char *location_id;
    char *skills;          /* "boiler, gas" ("" when none) */
    int priority;
    bool has_geo;
    double lat, lon;
    bool has_window;       /* the arrival window promised that holds start (for a
                              job that may be late: the latest one opened by start) */
    int64_t window_start, window_end;
    /* FORMAT.md extension 2 */
    int64_t late_max_s;    /* how late the job may be served (-1: not at all) */
    char *contact_phone, *contact_email, *contact_notes; /* may be NULL */
    /* filled by io_store_feed_reconcile: */
    char *uid;             /* never changes for the item */
    int sequence;          /* rises when technician, start, end or location change */
    int64_t created_at, modified_at; /* CREATED; DTSTAMP and LAST-MODIFIED */
} io_store_feed_visit;

typedef struct io_store_feed_tech {
    char *id;
    char *name;            /* may be NULL */
} io_store_feed_tech;

typedef struct io_store_feed_data {
    int64_t version;       /* the published version; 0 when none (no visits) */
    int64_t published_at;  /* its created_at */
    char first_day[16];    /* first day shown (YYYY-MM-DD), "" when none */
    char last_day[16];     /* last day of the published horizon */
    model_tz *tz;          /* owned: the database's zone */
    io_store_feed_tech *techs;  /* owned: every technician, by id */
    int ntechs;
    io_store_feed_visit *visits; /* owned: by technician, start, job */
    int nvisits;
    bool writable;         /* the transaction can write bookkeeping */
} io_store_feed_data;

/* Starts the transaction feeds are built in: a write transaction when the
 * database is writable (the bookkeeping is then stored), else a read
 * transaction. Finish with io_store_feed_end. */
model_status io_store_feed_begin(io_store *s, bool *writable, model_error *err);

/* Commits (commit true and writable) or rolls back the transaction. */
model_status io_store_feed_end(io_store *s, bool commit, model_error *err);

/* Loads what the feeds show (see the top of this file); inside
 * io_store_feed_begin/_end. With breaks, the breaks of every route that
 * serves a job on the days shown come too, read from the versions' stored
 * problem and schedule (N counts a route's breaks from 1). *out owned by
 * the caller (io_store_feed_data_free). Errors: store errors; the JSON
 * readers' errors for a stored problem or schedule they refuse (a bug). */
model_status io_store_feed_load(io_store *s, int past_days, bool breaks,
                                io_store_feed_data **out, model_error *err);

void io_store_feed_data_free(io_store_feed_data *d);

/* Gives every visit its uid, sequence, created_at and modified_at from the
 * bookkeeping, comparing it with what the feeds showed last: a new item gets
 * sequence 0; a changed technician, start, end or location, or an item that
 * comes back after leaving every feed, raises the sequence by one; any
 * change of what the event shows sets modified_at to `now`. When d->writable
 * the bookkeeping is stored (items that left every feed are marked so). */
model_status io_store_feed_reconcile(io_store *s, io_store_feed_data *d, int64_t now,
                                     model_error *err);

/* Records that technician `tech`'s feed text now has digest `digest`: when
 * it differs from the last one stored, *modified_at is `now` (stored when
 * writable), else the time stored with it. */
model_status io_store_feed_calendar_mark(io_store *s, bool writable, const char *tech,
                                         const uint8_t digest[IO_FEED_DIGEST_BYTES], int64_t now,
                                         int64_t *modified_at, model_error *err);

/* A cheap way to notice that another connection committed (PRAGMA
 * data_version, kept prepared). The watch borrows s: free it before
 * closing s. */
typedef struct io_store_feed_watch io_store_feed_watch;

model_status io_store_feed_watch_create(io_store *s, io_store_feed_watch **out, model_error *err);

/* *version changes whenever another connection has committed since the
 * last poll (this connection's own commits do not change it). */
model_status io_store_feed_watch_poll(io_store_feed_watch *w, int64_t *version, model_error *err);

/* NULL is accepted. */
void io_store_feed_watch_free(io_store_feed_watch *w);

#endif
