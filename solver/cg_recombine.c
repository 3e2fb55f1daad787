/* cg_recombine.c - heuristic pricing for the route pool's LP (cg_recombine.h).
 *
 * The pool's LP (pool.c) has a row per job (<= 1), per class of identical
 * technician-shifts (<= its slots) and the incumbent's assigned weight
 * (>=); pool.c hands its duals over folded into one per job (pi) and one
 * per class (mu). Each class is priced on the column-generation group of
 * its representative slot (cg.h: a group admits the same routes as each of
 * its slots) by the heuristic labelling of cg_pricing.c with these duals.
 * Its negative routes that keep every rule (cg_keeps_rules, route.c) are
 * offered to the pool, which checks them once more on the class's slot.
 *
 * The classes are priced in turn, starting where the last call stopped, so
 * that when a round's time runs out before every class is priced the next
 * round (and the next recombination) goes on with the others. */
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"
#include "solver/cg_recombine.h"

/* The heuristic pricing's label budget and routes per class. */
#define RECOMB_LABELS 20000L
#define RECOMB_COLS 10
/* How a recombination's time is shared (cg_recombine.h). */
#define CG_RECOMBINE_SHARE 0.5
#define CG_RECOMBINE_PARTS 4

struct cg_recombiner {
    cg_ctx g;
    cg_pricer *pr;
    int *group; /* per slot: its group */
    int next;   /* the class to price first */
    sv_sol inc; /* cg_recombine_solve: the best of the parts so far */
    unsigned char *part, *seen; /* per pool class: the next part; recombined
                                   since the incumbent last changed */
    int ncls;                   /* their size */
};

static cg_recombiner *create(const sv_ctx *c)
{
    cg_recombiner *r = calloc(1, sizeof *r);
    model_error err = MODEL_ERROR_INIT;
    if (!r)
        return NULL;
    if (cg_ctx_init(&r->g, c, &err) != MODEL_OK) {
        free(r);
        return NULL;
    }
    r->pr = cg_pricer_create(&r->g);
    r->group = malloc((size_t)(c->nslots ? c->nslots : 1) * sizeof *r->group);
    if (!r->pr || !r->group || !sv_sol_init(c, &r->inc)) {
        cg_recombiner_free(r);
        return NULL;
    }
    for (int q = 0; q < r->g.ng; q++)
        for (int i = 0; i < r->g.g[q].count; i++)
            r->group[r->g.g[q].slots[i]] = q;
    return r;
}

void cg_recombiner_free(cg_recombiner *r)
{
    if (!r)
        return;
    cg_pricer_free(r->pr);
    cg_ctx_free(&r->g);
    sv_sol_free(&r->inc);
    free(r->group);
    free(r->part);
    free(r->seen);
    free(r);
}

/* sv_pool_gen's price: one pass over the classes of the part (from
 * r->next) until the deadline. */
static int price(void *arg, sv_pool *p, const double *pi, const double *mu,
                 const unsigned char *part, double deadline)
{
    cg_recombiner *r = arg;
    int ncls = sv_pool_nclasses(p), added = 0;
    for (int k = 0; k < ncls && sv_now() < deadline; k++) {
        int q = (r->next + k) % ncls, gi = r->group[sv_pool_class_slot(p, q)];
        if (!part[q])
            continue;
        cg_price_in in = {CG_PH_COST, pi, mu[q], false, false, RECOMB_LABELS, deadline,
                          RECOMB_COLS, NULL, NULL, false}; /* the pool's master has no cuts */
        cg_price_out o;
        if (!cg_price(r->pr, gi, &in, &o))
            return -1;
        for (int i = 0; i < o.nroutes; i++) {
            const int *jobs = o.seq + o.off[i];
            if (!cg_keeps_rules(&r->g, gi, jobs, o.len[i]))
                continue;
            int a = sv_pool_offer(p, q, jobs, o.len[i]);
            if (a < 0)
                return -1;
            added += a;
        }
        r->next = (q + 1) % ncls;
    }
    return added;
}

cg_recombiner *cg_recombine_get(cg_recombiner **r, const sv_ctx *c, bool off)
{
    if (off || c->soft || c->has_bonus || c->prev_slot || c->balance > 0)
        return NULL;
    if (!*r)
        *r = create(c);
    return *r;
}

sv_pool_gen cg_recombine_gen(cg_recombiner *r, double share)
{
    return (sv_pool_gen){price, r, share};
}

/* Whether the pool's next part has a class not recombined since the
 * incumbent last changed (marking its classes); false also without memory
 * for the marks. A part solved again from the same incumbent has only the
 * new duals' few columns to gain, and costs as much as the first time. */
static bool fresh_part(cg_recombiner *r, const sv_pool *p)
{
    int n = sv_pool_nclasses(p);
    if (n > r->ncls) {
        unsigned char *a = realloc(r->part, (size_t)n), *b = a ? realloc(r->seen, (size_t)n) : NULL;
        if (a)
            r->part = a;
        if (!b)
            return false;
        memset(b + r->ncls, 0, (size_t)(n - r->ncls));
        r->seen = b;
        r->ncls = n;
    }
    sv_pool_next_part(p, r->part);
    bool fresh = false;
    for (int q = 0; q < n; q++) {
        fresh = fresh || (r->part[q] && !r->seen[q]);
        r->seen[q] |= r->part[q];
    }
    return fresh;
}

int cg_recombine_solve(cg_recombiner *r, sv_pool *p, const sv_sol *best, double seconds,
                       sv_sol *out)
{
    sv_pool_gen gen = cg_recombine_gen(r, CG_RECOMBINE_SHARE);
    double end = sv_now() + seconds;
    bool found = false;
    if (r->seen)
        memset(r->seen, 0, (size_t)r->ncls);
    for (int part = 0; part < CG_RECOMBINE_PARTS; part++) {
        const sv_sol *inc = found ? &r->inc : best;
        if (!fresh_part(r, p))
            break;
        int got = sv_pool_solve_gen(p, inc, (end - sv_now()) / (CG_RECOMBINE_PARTS - part), &gen,
                                    NULL, out);
        if (got < 0)
            break; /* GLPK trouble: what was found stands */
        if (got == 1 && sv_sol_compare(out, inc) < 0) {
            if (!sv_sol_copy(&r->inc, out))
                return -1;
            found = true;
            memset(r->seen, 0, (size_t)r->ncls);
        }
    }
    if (!found)
        return 0;
    return sv_sol_copy(out, &r->inc) ? 1 : -1;
}
