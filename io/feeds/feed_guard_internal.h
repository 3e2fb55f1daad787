/* feed_guard_internal.h - what the feed server lets in; private to io/feeds.
 *
 * A deadline for each request head, connections per client address (the
 * real one behind a trusted proxy), well-formed request targets.
 *
 * The guard knows sockets, not libmicrohttpd: feed_server.c tells it when a
 * connection opens and closes, when a request line arrives, when a head is
 * complete and when an answer has been sent. A thread of its own (the
 * reaper) cuts every connection whose head is not complete in time: it
 * writes "408 Request Timeout" and shuts the socket down, and the HTTP
 * library then closes the connection as if the client had left.
 *
 * Deadlines: a head must be complete head_timeout_s after the connection
 * opened or after the previous answer on it (keep-alive), however the bytes
 * trickle in; a connection over its address's limit gets one second.
 * Per-address limit: connections from one peer address, except the trusted
 * proxy; behind it, requests in progress per forwarded address. Thread-safe:
 * every function may be called from any of the server's threads. */
#ifndef FIELDPLAN_IO_FEED_GUARD_INTERNAL_H
#define FIELDPLAN_IO_FEED_GUARD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "model/error.h"

typedef struct io_feed_guard_options {
    int head_timeout_s;        /* >= 1 */
    int max_per_ip;            /* 0: no limit */
    const char *trusted_proxy; /* numeric address, or NULL: X-Forwarded-For ignored */
} io_feed_guard_options;

typedef struct io_feed_guard io_feed_guard;           /* opaque */
typedef struct io_feed_guard_conn io_feed_guard_conn; /* one connection, owned by the guard */

/* Starts the reaper. Errors: MODEL_ERR_INPUT for a trusted_proxy that is
 * not a numeric address, MODEL_ERR_NOMEM, MODEL_ERR_INTERNAL (no thread). */
model_status io_feed_guard_create(io_feed_guard **out, const io_feed_guard_options *opt,
                                  model_error *err);

/* Stops the reaper and frees the guard and any connection still tracked.
 * Call after the HTTP library has closed every connection. NULL accepted. */
void io_feed_guard_free(io_feed_guard *g);

/* A connection was accepted on fd from sa; its head deadline starts now.
 * NULL when out of memory (the caller should close the connection). */
io_feed_guard_conn *io_feed_guard_open(io_feed_guard *g, int fd, const struct sockaddr *sa);

/* The connection is about to be closed (fd still open). When the client
 * sent bytes that never made a request line (the HTTP library drops such
 * connections silently), is still connected and was sent nothing, it gets
 * "400 Bad Request" here. Frees c. NULL accepted. */
void io_feed_guard_close(io_feed_guard *g, io_feed_guard_conn *c);

/* A request line arrived with this raw target (before percent-decoding). */
void io_feed_guard_request_line(io_feed_guard *g, io_feed_guard_conn *c, const char *raw_target);

typedef enum io_feed_guard_verdict {
    IO_FEED_GUARD_OK,        /* answer the request */
    IO_FEED_GUARD_BAD,       /* malformed target: answer 400 */
    IO_FEED_GUARD_TOO_MANY,  /* over the address's limit: answer 503 and close */
} io_feed_guard_verdict;

/* The head is complete (stops its deadline). forwarded_for is the request's
 * X-Forwarded-For (or NULL), used only when the peer is the trusted proxy.
 * Call once per request; io_feed_guard_request_done ends it. */
io_feed_guard_verdict io_feed_guard_admit(io_feed_guard *g, io_feed_guard_conn *c,
                                          const char *forwarded_for);

/* The client's address as text, for the log: the forwarded one (the last
 * entry of X-Forwarded-For) when the peer is the trusted proxy and sent
 * one, else the peer's. Valid until the next request on c. */
const char *io_feed_guard_client(const io_feed_guard_conn *c);

/* The answer has been sent (or the request abandoned); the deadline of the
 * next head on this connection starts now. */
void io_feed_guard_request_done(io_feed_guard *g, io_feed_guard_conn *c);

#endif
