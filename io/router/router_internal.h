/* router_internal.h - the two routers' protocols (router_proto.c): the
 * request of one block and the reading of its answer. Private to
 * io/router. */
#ifndef FIELDPLAN_IO_ROUTER_INTERNAL_H
#define FIELDPLAN_IO_ROUTER_INTERNAL_H

#include <stddef.h>

#include "io/router/router.h"

/* One block: sources src[0..ns) x destinations dst[0..nd) (point indices). */
typedef struct rt_block {
    const int *src, *dst;
    int ns, nd;
} rt_block;

/* What an answer means. */
typedef enum rt_answer {
    RT_OK = 0,      /* dur/dist filled (ns x nd, row-major, seconds and metres) */
    RT_RETRY,       /* unreadable or truncated: ask again */
    RT_TOO_BIG,     /* the router wants a smaller block */
    RT_REFUSED,     /* the router refused the request: why says so */
    RT_NO_ROUTE     /* cell *cell has no route */
} rt_answer;

/* The request: a new URL (caller frees) and, for Valhalla, a new POST body
 * (NULL for OSRM's GET). NULL URL: out of memory. */
char *rt_request(const io_router_options *o, const double *lat, const double *lon,
                 const rt_block *b, char **body);

/* Reads an answer (HTTP status `status`, body[0..len)) into dur and dist. */
rt_answer rt_parse(const io_router_options *o, long status, const char *body, size_t len,
                   const rt_block *b, double *dur, double *dist, size_t *cell, char *why,
                   size_t whysize);

#endif
