/* feed_request.h - what the feed server makes of one request, without a
 * socket or a database: the method and path it routes, whether a
 * conditional request is answered with 304, and the path written to the
 * log (never holding a token). feed_server.c calls these for every request
 * that libmicrohttpd hands it; tests/fuzz/fuzz_feed_request.c feeds them
 * arbitrary heads. Pure functions: no allocation, no state, thread-safe. */
#ifndef FIELDPLAN_IO_FEED_REQUEST_H
#define FIELDPLAN_IO_FEED_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/store/feed_token.h"

/* One request as the HTTP library hands it over (every string
 * NUL-terminated; a header that was not sent is NULL). */
typedef struct io_feed_request {
    const char *method;            /* as received */
    const char *path;              /* the target's path, percent-decoded, query cut off */
    const char *if_none_match;     /* If-None-Match */
    const char *if_modified_since; /* If-Modified-Since */
} io_feed_request;

typedef enum io_feed_route_kind {
    IO_FEED_ROUTE_BAD_METHOD,  /* the method is not an HTTP token: 400 */
    IO_FEED_ROUTE_NOT_ALLOWED, /* neither GET nor HEAD: 405 */
    IO_FEED_ROUTE_NOT_FOUND,   /* not /feeds/TOKEN.ics with a token's form: 404 */
    IO_FEED_ROUTE_FEED,        /* a feed: look its digest up */
} io_feed_route_kind;

typedef struct io_feed_route {
    io_feed_route_kind kind;
    bool head;                            /* HEAD: headers only */
    uint8_t digest[IO_FEED_DIGEST_BYTES]; /* FEED: the token's digest */
} io_feed_route;

/* Where the request goes (see io_feed_route_kind); fills *out. */
void io_feed_request_route(const io_feed_request *rq, io_feed_route *out);

/* Whether a method is an RFC 9110 token (non-empty). */
bool io_feed_request_method_ok(const char *method);

/* Whether a raw request target (before percent-decoding) is acceptable:
 * starts with '/', no byte below 0x21 or above 0x7e, every '%' followed by
 * two hex digits, and no escape of a control byte (%00-%1F, %7F). */
bool io_feed_request_target_ok(const char *raw_target);

/* Whether the If-None-Match list matches etag (weak comparison; "*"
 * matches anything). */
bool io_feed_request_etag_matches(const char *list, const char *etag);

/* Whether a feed with this ETag and Last-Modified is fresh for the request
 * (304): If-None-Match matches (weak comparison, "*" included) or, without
 * If-None-Match, If-Modified-Since is an IMF-fixdate not older than
 * modified_at. */
bool io_feed_request_fresh(const io_feed_request *rq, const char *etag, int64_t modified_at);

/* Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into seconds
 * since 1970; false when text is not one. */
bool io_feed_request_http_date(const char *text, int64_t *out);

/* The path for the log, never holding a token: a path under /feeds/ shows
 * the technician (or "unknown" when technician is NULL) instead of the
 * rest; in any other path a run of 12 or more token characters becomes
 * "*". At most about 120 bytes (and size - 1); control and non-ASCII bytes
 * percent-encoded. size >= 16. */
void io_feed_request_log_path(const char *path, const char *technician, char *buf, size_t size);

#endif
