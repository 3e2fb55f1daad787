/* router.h - travel times and distances from a road router over HTTP:
 * OSRM's table service (GET /table/v1/PROFILE/COORDS?sources=..&
 * destinations=..&annotations=duration,distance) and Valhalla's
 * sources_to_targets (POST /sources_to_targets). libcurl and cJSON stay
 * inside this folder (docs/layout.md).
 *
 * io_router_table fetches the legs of a list of (from, to) pairs: it cuts
 * them into requests of at most `chunk` sources x `chunk` destinations
 * (under OSRM's default max-table-size of 100 coordinates and Valhalla's
 * default 2,500 pairs), only for blocks that hold a wanted pair; a request
 * that fails for a passing reason (no connection, a time-out, HTTP 5xx or
 * 429, a truncated or unreadable body) is sent again, at most `attempts`
 * times in all, waiting backoff_s, 2 backoff_s, ... (capped at 10 s)
 * between tries; an answer of OSRM's "TooBig" halves the block and tries
 * the halves. Seconds and metres are rounded to the nearest integer.
 *
 * Errors name the router, the request and what went wrong, e.g.
 *   "osrm http://127.0.0.1:5000: sources 'c-1'..'c-50' x destinations
 *    'c-51'..'c-100' (50 x 50): HTTP 500 after 4 attempts"
 *   "valhalla http://...: no route from 'c-7' to 'c-9'"
 * MODEL_ERR_IO for a router that cannot be reached or keeps failing,
 * MODEL_ERR_INPUT for an answer that refuses the request or has no route,
 * MODEL_ERR_NOMEM. Nothing here prints; nothing is written anywhere. */
#ifndef FIELDPLAN_IO_ROUTER_H
#define FIELDPLAN_IO_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "model/error.h"

typedef enum io_router_kind { IO_ROUTER_OSRM = 0, IO_ROUTER_VALHALLA = 1 } io_router_kind;

/* Defaults (0 in the options). */
#define IO_ROUTER_DEFAULT_CHUNK 50
#define IO_ROUTER_DEFAULT_ATTEMPTS 4
#define IO_ROUTER_DEFAULT_BACKOFF_S 0.5
#define IO_ROUTER_DEFAULT_TIMEOUT_S 60.0

typedef struct io_router_options {
    io_router_kind kind;
    const char *url;     /* the server's base URL, e.g. "http://127.0.0.1:5000" */
    const char *profile; /* OSRM: the profile in the path (default "driving");
                            Valhalla: the costing (default "auto") */
    int chunk;           /* most sources (and destinations) per request */
    int attempts;        /* tries per request, >= 1 */
    double backoff_s;    /* wait before the second try (doubled after each) */
    double timeout_s;    /* per request */
} io_router_options;

typedef struct io_router_stats {
    long requests; /* HTTP requests sent, tries included */
    long retries;  /* of those, tries after a passing failure */
    long splits;   /* blocks halved after a "TooBig" answer */
    long cells;    /* matrix cells received */
} io_router_stats;

/* The legs pairs[k] = (from[k], to[k]) between points (lat[i], lon[i]) in
 * degrees, i < npoints, into duration_s[k] and distance_m[k]. names[i]
 * (may be NULL) name the points in messages. stats (may be NULL) is added
 * to. On error nothing in the outputs is to be used. */
model_status io_router_table(const io_router_options *o, const double *lat, const double *lon,
                             const char *const *names, int npoints, const int *from,
                             const int *to, size_t npairs, int32_t *duration_s,
                             int32_t *distance_m, io_router_stats *stats, model_error *err);

/* Parses "osrm" or "valhalla". */
int io_router_kind_parse(const char *text, io_router_kind *kind);

/* "osrm" or "valhalla". */
const char *io_router_kind_name(io_router_kind kind);

#endif
