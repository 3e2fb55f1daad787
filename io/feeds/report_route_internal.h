/* report_route_internal.h - the feed server's dispatcher page: GET
 * /report/TOKEN answers the HTML report (io/formats/report_html.h) of the
 * published version, rendered at request time, for a dispatcher's token
 * (io/store/store_dispatcher.h). Private to io/feeds. */
#ifndef FIELDPLAN_IO_FEEDS_REPORT_ROUTE_INTERNAL_H
#define FIELDPLAN_IO_FEEDS_REPORT_ROUTE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "io/store/store.h"
#include "io/store/store_dispatcher.h"

struct MHD_Response;

#define IO_REPORT_ROUTE_PREFIX "/report/"

typedef struct io_report_answer {
    unsigned status;               /* 200, 304, 404 or 503 */
    char *body;                    /* owned (200 only): the page; free() it */
    size_t len;
    char etag[36];                 /* "\"<32 hex>\"" for 200 and 304 */
    char who[IO_STORE_DISPATCHER_NAME_MAX + 1]; /* the dispatcher, "" when unknown */
    char error[256];               /* why 503, for the log; "" otherwise */
} io_report_answer;

/* The last page rendered, kept while the database's data_version stays
 * the same (no other connection committed: no plan, booking or publish),
 * so that polling dispatchers and 304s cost no rendering. Zeroed: empty. */
typedef struct io_report_cache {
    int64_t data_version; /* of the database when rendered */
    char *body;           /* owned, or NULL */
    size_t len;
    char etag[36];
} io_report_cache;

/* Frees the cached page (c itself is not freed). */
void io_report_cache_clear(io_report_cache *c);

/* Answers the request for token text[0..len) (what follows the prefix) on
 * store s, which the caller holds exclusively together with cache;
 * data_version is the database's now; if_none_match is the request's
 * If-None-Match header or NULL; matches(list, etag) the server's weak
 * comparison. An ill-formed or unknown token gets 404 (the token is looked
 * up in the database on every request, so a revoked one fails at once); a
 * database that cannot be read, or has no published version, 503. */
void io_report_route_answer(io_store *s, io_report_cache *cache, int64_t data_version,
                            const char *text, size_t len, const char *if_none_match,
                            bool (*matches)(const char *list, const char *etag),
                            io_report_answer *out);

/* The response for a 200 or 304 answer (its body handed over: a->body
 * becomes NULL), with the page's headers (type, ETag, no caching by
 * others, a Content-Security-Policy that forbids every fetch, no
 * referrer); NULL for other statuses. When it cannot be made, a->status
 * becomes 503 and NULL is returned. a->body is freed in every case. */
struct MHD_Response *io_report_route_response(io_report_answer *a);

#endif
