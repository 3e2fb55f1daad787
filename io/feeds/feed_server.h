/* feed_server.h - the subscription server: serves each technician's feed
 * at GET /feeds/TOKEN.ics straight from the database's published version,
 * and each dispatcher's HTML report of it at GET /report/TOKEN (rendered
 * per request, report_route_internal.h; a token of one kind never opens the
 * other), with libmicrohttpd.
 *
 * Behaviour (docs/feeds.md "Server"):
 *  - only GET and HEAD (405 with "Allow: GET, HEAD" otherwise); no path
 *    outside /feeds/TOKEN.ics and /report/TOKEN is ever answered with
 *    anything but 404, and
 *    nothing is read from the file system, so there is nothing to traverse;
 *  - TOKEN must have a token's form (feed_token.h); its SHA-256 is looked up
 *    among the stored digests and compared in constant time; an unknown,
 *    rotated or revoked token gets the same 404 as any missing file;
 *  - 200 with Content-Type "text/calendar; charset=utf-8", a strong ETag
 *    (SHA-256 of the text) and Last-Modified; 304 for a matching
 *    If-None-Match (weak comparison, "*" included) or, without
 *    If-None-Match, an If-Modified-Since not older than Last-Modified;
 *  - every request checks PRAGMA data_version; when another process has
 *    committed (a plan, an import, a token change) the feeds and tokens are
 *    rebuilt before the request is answered, so a rotated or revoked token
 *    stops working at once;
 *  - fails closed: when the feeds cannot be rebuilt after a change (or the
 *    change cannot be detected), every feed request gets 503 until a
 *    rebuild succeeds, so a revoked or rotated token is never served from
 *    the old cache;
 *  - limits: request line and headers at most max_request_bytes (larger
 *    requests get 414 or 431 from libmicrohttpd); the whole head within
 *    head_timeout_s of the connection opening or of the previous answer
 *    (else 408 and closed, however slowly the bytes come); max_connections
 *    open in all, further ones wait in a listen queue of `queue`; max_per_ip
 *    connections from one address (over it: 503 and closed), counting the
 *    X-Forwarded-For address instead for requests from trusted_proxy; idle
 *    connections closed after timeout_s;
 *  - 400 for a malformed request line, a method that is not a token, or a
 *    target not starting with '/', holding a control byte or an escape of
 *    one (%00-%1F, %7F) or a broken '%' escape;
 *  - one log line per answered request, through the log callback, naming
 *    the technician instead of the token; at most log_rate lines a second
 *    (the rest counted in a "suppressed" line), so a flood cannot fill a disk.
 * The server runs on its own threads; start and stop from one thread. */
#ifndef FIELDPLAN_IO_FEED_SERVER_H
#define FIELDPLAN_IO_FEED_SERVER_H

#include <stddef.h>

#include "io/feeds/feed.h"
#include "model/error.h"

/* Receives one line (no newline) per request, and libmicrohttpd's own
 * error messages. Called from the server's threads, never concurrently
 * with itself for the same line but possibly concurrently across lines. */
typedef void (*io_feed_server_log_fn)(void *cls, const char *line);

typedef struct io_feed_server_options {
    const char *host;         /* numeric IPv4 or IPv6 address to listen on */
    int port;                 /* 0: any free port (see io_feed_server_port) */
    int threads;              /* worker threads, >= 1 */
    int max_connections;      /* open connections at most */
    int max_per_ip;           /* from one client address; 0: no limit */
    size_t max_request_bytes; /* request line and headers */
    int timeout_s;            /* idle connections are closed after this */
    int busy_timeout_ms;      /* how long a rebuild waits for a database writer */
    io_feed_options feed;     /* what the feeds hold */
    io_feed_server_log_fn log; /* may be NULL: no log */
    void *log_cls;
    int head_timeout_s;       /* request line and headers complete within this */
    int queue;                /* connections waiting beyond max_connections (listen backlog) */
    int log_rate;             /* log lines a second at most; 0: no limit */
    const char *trusted_proxy; /* numeric address whose X-Forwarded-For is believed, or NULL */
} io_feed_server_options;

#define IO_FEED_SERVER_OPTIONS_INIT                                                             \
    {"127.0.0.1", 8080, 2, 2048, 128, 8192, 30, 5000, IO_FEED_OPTIONS_INIT, NULL, NULL, 10,    \
     1024, 50, NULL}

typedef struct io_feed_server io_feed_server; /* opaque */

/* Opens the database at db_path (read-write when the file allows it, so
 * that the SEQUENCE bookkeeping is kept; read-only otherwise), builds every
 * feed and starts listening. On MODEL_OK *out owns the running server
 * (stop with io_feed_server_stop). Errors: MODEL_ERR_INPUT for a host that
 * is not a numeric address or options out of range; MODEL_ERR_IO "cannot
 * listen on HOST:PORT" (address in use, no permission) or the store's
 * errors; MODEL_ERR_NOMEM. The process needs max_connections + 32 file
 * descriptors. */
model_status io_feed_server_start(io_feed_server **out, const char *db_path,
                                  const io_feed_server_options *opt, model_error *err);

/* The port the server listens on. */
int io_feed_server_port(const io_feed_server *srv);

/* Stops listening, closes every connection, waits for the threads and frees
 * the server. NULL is accepted. */
void io_feed_server_stop(io_feed_server *srv);

#endif
