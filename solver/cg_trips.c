/* cg_trips.c - the shortest paths from the groups' starts to the jobs and
 * from the jobs to the groups' ends (cg.h cg_trips), over the jobs'
 * locations: what a route must drive out to a job and back, with no
 * triangle inequality of the travel matrix assumed. For the radial bound
 * (cg_radial.c) and the time-knapsack weight bound (cg_knap.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

/* Shortest paths: sources (starts and ends) times nodes squared at most. */
#define TRIPS_WORK 4e8

/* Dense Dijkstra from location `from` (forward: to every node; else from
 * every node to it) into d (per node). scratch: n flags. */
static void shortest(const sv_ctx *c, const cg_trips *T, int from, bool forward, double *d,
                     unsigned char *done)
{
    int n = T->nodes;
    for (int v = 0; v < n; v++) {
        d[v] = HUGE_VAL;
        done[v] = 0;
    }
    d[T->node[from]] = 0;
    for (int it = 0; it < n; it++) {
        int u = -1;
        for (int v = 0; v < n; v++)
            if (!done[v] && (u < 0 || d[v] < d[u]))
                u = v;
        if (u < 0 || !isfinite(d[u]))
            break;
        done[u] = 1;
        for (int v = 0; v < n; v++) {
            if (done[v])
                continue;
            double t = forward ? sv_travel(c, T->loc[u], T->loc[v])
                               : sv_travel(c, T->loc[v], T->loc[u]);
            if (d[u] + t < d[v])
                d[v] = d[u] + t;
        }
    }
}

/* A location's node, made when it has none. */
static int node_of(cg_trips *T, int l)
{
    if (T->node[l] < 0) {
        T->node[l] = T->nodes;
        T->loc[T->nodes++] = l;
    }
    return T->node[l];
}

bool cg_trips_init(cg_trips *T, const cg_ctx *g, const int *id, int n)
{
    const sv_ctx *c = g->c;
    int nl = c->p->nlocations;
    memset(T, 0, sizeof *T);
    T->node = malloc((size_t)(nl ? nl : 1) * sizeof *T->node);
    T->loc = malloc((size_t)(nl ? nl : 1) * sizeof *T->loc);
    /* per group: its start's and end's rows in dist; per location: its
     * row as a start (rowl[l]) and as an end (rowl[nl + l]), -1: none */
    T->row = malloc((size_t)(2 * g->ng + 1) * sizeof *T->row);
    int *src = malloc((size_t)(2 * g->ng + 1) * sizeof *src); /* location, forward: +, else ~ */
    int *rowl = malloc((size_t)(2 * nl + 1) * sizeof *rowl);
    unsigned char *done = NULL;
    bool ok = T->node && T->loc && T->row && src && rowl;
    for (int l = 0; ok && l < nl; l++)
        T->node[l] = rowl[l] = rowl[nl + l] = -1;
    for (int j = 0; ok && j < n; j++)
        node_of(T, c->p->jobs[id[j]].location);
    int ns = 0;
    for (int q = 0; ok && q < g->ng; q++) {
        const sv_slot *s = &c->slots[g->g[q].slot];
        for (int e = 0; e < 2; e++) {
            int l = e ? s->eloc : s->sloc;
            node_of(T, l);
            if (rowl[e * nl + l] < 0) {
                rowl[e * nl + l] = ns;
                src[ns++] = e ? ~l : l;
            }
            T->row[2 * q + e] = rowl[e * nl + l];
        }
    }
    if (ok && (double)ns * T->nodes * T->nodes <= TRIPS_WORK) {
        T->dist = malloc((size_t)ns * (size_t)T->nodes * sizeof *T->dist);
        done = malloc((size_t)T->nodes);
    }
    ok = ok && T->dist && done;
    for (int k = 0; ok && k < ns; k++)
        shortest(c, T, src[k] >= 0 ? src[k] : ~src[k], src[k] >= 0,
                 T->dist + (size_t)k * T->nodes, done);
    free(src);
    free(rowl);
    free(done);
    if (!ok)
        cg_trips_free(T);
    return ok;
}

double cg_trip(const cg_trips *T, const cg_ctx *g, int q, int u)
{
    const sv_ctx *c = g->c;
    const sv_slot *s = &c->slots[g->g[q].slot];
    if (!g->g[q].can[u] || cg_start_in(c, u, s->t0, s->t0, s->t1) == SV_INF)
        return HUGE_VAL; /* rule 1, or no time for it in the shift */
    int v = T->node[c->p->jobs[u].location];
    return T->dist[(size_t)T->row[2 * q] * T->nodes + v] +
           T->dist[(size_t)T->row[2 * q + 1] * T->nodes + v];
}

void cg_trips_free(cg_trips *T)
{
    free(T->node);
    free(T->loc);
    free(T->row);
    free(T->dist);
    memset(T, 0, sizeof *T);
}
