/* solution.c - a solution (one route per slot), its totals, and the
 * insertion and removal of single jobs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solution.h"

bool sv_sol_init(const sv_ctx *c, sv_sol *s)
{
    memset(s, 0, sizeof *s);
    s->c = c;
    s->nr = c->nslots;
    s->nj = c->njobs;
    s->has_spen = c->shift_pen != 0 && c->prev_slot != NULL;
    s->r = calloc((size_t)(c->nslots ? c->nslots : 1), sizeof *s->r);
    s->where = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *s->where);
    if (!s->r || !s->where) {
        sv_sol_free(s);
        return false;
    }
    for (int k = 0; k < c->nslots; k++) {
        s->r[k].slot = k;
        if (!sv_route_clear(c, &s->r[k])) {
            sv_sol_free(s);
            return false;
        }
    }
    for (int j = 0; j < c->njobs; j++)
        s->where[j] = -1;
    sv_sol_recount(c, s);
    return true;
}

void sv_sol_free(sv_sol *s)
{
    if (s->r)
        for (int k = 0; k < s->nr; k++)
            sv_route_free(&s->r[k]);
    free(s->r);
    free(s->where);
    memset(s, 0, sizeof *s);
}

static void copy_totals(sv_sol *dst, const sv_sol *src)
{
    memcpy(dst->where, src->where, (size_t)src->nj * sizeof *src->where);
    dst->unw = src->unw;
    dst->travel = src->travel;
    dst->pen = src->pen;
    dst->nassigned = src->nassigned;
    dst->time_cut = src->time_cut;
}

bool sv_sol_copy(sv_sol *dst, const sv_sol *src)
{
    for (int k = 0; k < src->nr; k++)
        if (!sv_route_copy(&dst->r[k], &src->r[k]))
            return false;
    copy_totals(dst, src);
    return true;
}

bool sv_sol_copy_routes(sv_sol *dst, const sv_sol *src, const int *routes, int nroutes)
{
    for (int q = 0; q < nroutes; q++) {
        const sv_route *r = &src->r[routes[q]];
        if (!sv_route_copy(&dst->r[routes[q]], r))
            return false;
    }
    copy_totals(dst, src);
    return true;
}

void sv_sol_recount(const sv_ctx *c, sv_sol *s)
{
    for (int j = 0; j < c->njobs; j++)
        s->where[j] = -1;
    s->travel = 0;
    s->pen = 0;
    s->nassigned = 0;
    for (int k = 0; k < s->nr; k++) {
        const sv_route *r = &s->r[k];
        s->travel += r->travel;
        for (int i = 0; i < r->n; i++) {
            int u = r->node[i];
            if (sv_is_break(u))
                continue;
            s->where[u] = k;
            s->pen += sv_pen(c, u, k);
            s->nassigned++;
        }
    }
    s->unw = 0;
    for (int j = 0; j < c->njobs; j++)
        if (s->where[j] < 0)
            s->unw += model_job_weight(&c->p->jobs[j]);
}

int64_t sv_sol_cost(const sv_sol *s)
{
    int64_t cost = s->travel + s->pen;
    if (s->has_spen)
        for (int k = 0; k < s->nr; k++)
            cost += s->r[k].spen;
    if (s->c && s->c->soft) {
        for (int k = 0; k < s->nr; k++)
            cost += s->r[k].soft;
        cost += sv_balance_cost(s->c, s->r, s->nr);
    }
    return cost;
}

int sv_sol_compare(const sv_sol *a, const sv_sol *b)
{
    if (a->unw != b->unw)
        return a->unw < b->unw ? -1 : 1;
    int64_t ca = sv_sol_cost(a), cb = sv_sol_cost(b);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    return 0;
}

/* The cost of inserting u at position i of r (travel change plus
 * stability penalty pen) into *total; false when it does not fit or costs
 * bound or more (which lets sv_eval_replace stop at the travel). */
static bool price_at(const sv_ctx *c, const sv_route *r, int u, int i, int64_t pen,
                     int64_t bound, int64_t *total)
{
    int64_t dt;
    int64_t limit = bound == SV_INF ? SV_INF : bound - pen - 1;
    if (!sv_eval_replace(c, r, i, i, &u, 1, limit, &dt))
        return false;
    *total = dt + pen;
    return true;
}

/* Extension 2 (c->soft): as price_at, also priced by the change of the
 * route's lateness and overtime costs (linear, from the route's suffix
 * functions: sv_eval_replace_soft, no route made) and, given bal, of the
 * balance cost. */
static bool price_at_soft(const sv_ctx *c, const sv_route *r, int u, int i, int64_t pen,
                          sv_balance *bal, int64_t *total, int64_t *dwork)
{
    int64_t dt;
    sv_soft_price p;
    if (!sv_eval_replace_soft(c, r, i, i, &u, 1, &dt, &p))
        return false; /* (or out of memory: this position is not offered) */
    *total = dt + pen + llround(p.soft - r->soft_lin);
    *dwork = p.work - r->work;
    if (bal)
        *total += sv_balance_try(bal, c, r->slot, p.work - r->work, -1, 0) - bal->cost;
    return true;
}

/* sv_best_in_route, with c->soft given the balance totals bal (may be
 * NULL: the balance is not priced); *dwork (may be NULL) receives the
 * route's change of working time at the chosen position (0 without
 * c->soft). */
static bool best_in_route(const sv_ctx *c, const sv_route *r, int u, int64_t bound, double blink,
                          sv_rng *g, sv_balance *bal, int *pos, int64_t *cost, int64_t *dwork)
{
    int64_t pen = sv_pen(c, u, r->slot);
    bool found = false;
    /* an empty route has one place, and no blink */
    int last = r->njobs == 0 ? 0 : r->n;
    for (int i = 0; i <= last; i++) {
        if (r->njobs > 0 && blink > 0 && sv_randu(g) < blink)
            continue;
        int64_t total, dw = 0;
        if (!(c->soft ? price_at_soft(c, r, u, i, pen, bal, &total, &dw)
                      : price_at(c, r, u, i, pen, bound, &total)))
            continue;
        if (total < bound) {
            bound = total;
            *pos = i;
            if (dwork)
                *dwork = dw;
            found = true;
        }
    }
    if (found)
        *cost = bound;
    return found;
}

bool sv_best_in_route(const sv_ctx *c, const sv_route *r, int u, int64_t bound, double blink,
                      sv_rng *g, int *pos, int64_t *cost)
{
    return best_in_route(c, r, u, bound, blink, g, NULL, pos, cost, NULL);
}

bool sv_best_in_route_work(const sv_ctx *c, const sv_route *r, int u, int *pos, int64_t *cost,
                           int64_t *dwork)
{
    *dwork = 0;
    return best_in_route(c, r, u, SV_INF, 0, NULL, NULL, pos, cost, dwork);
}

bool sv_best_insertion_kept(const sv_ctx *c, const sv_sol *s, int u, double blink, sv_rng *g,
                            sv_balance *kept, int *slot, int *pos, int64_t *cost)
{
    bool found = false;
    int64_t best = SV_INF;
    sv_balance own = {0}, *bal = kept;
    if (c->soft && !kept) {
        sv_balance_of_routes(&own, c, s->r, s->nr); /* out of memory: no balance */
        bal = &own;
    }
    if (bal && !bal->work)
        bal = NULL;
    const int *cand = c->cand + c->cand_off[u];
    for (int q = 0; q < c->cand_n[u]; q++) {
        int i;
        const sv_route *r = &s->r[cand[q]];
        if (best_in_route(c, r, u, best, blink, g, bal, &i, &best, NULL)) {
            *slot = cand[q];
            *pos = i;
            found = true;
        }
    }
    sv_balance_free(&own);
    if (found)
        *cost = best;
    return found;
}

bool sv_best_insertion(const sv_ctx *c, const sv_sol *s, int u, double blink, sv_rng *g,
                       int *slot, int *pos, int64_t *cost)
{
    return sv_best_insertion_kept(c, s, u, blink, g, NULL, slot, pos, cost);
}

bool sv_sol_insert_kept(const sv_ctx *c, sv_sol *s, sv_balance *kept, int u, int slot, int pos)
{
    int64_t before = s->r[slot].work;
    if (!sv_sol_insert(c, s, u, slot, pos))
        return false;
    if (kept && kept->work) {
        sv_balance_add(kept, c, slot, s->r[slot].work - before);
        sv_balance_reprice(kept, c);
    }
    return true;
}

bool sv_sol_insert(const sv_ctx *c, sv_sol *s, int u, int slot, int pos)
{
    sv_route *r = &s->r[slot];
    int64_t before = r->travel;
    if (!sv_route_replace(c, r, pos, pos, &u, 1))
        return false;
    s->travel += r->travel - before;
    s->where[u] = slot;
    s->pen += sv_pen(c, u, slot);
    s->unw -= model_job_weight(&c->p->jobs[u]);
    s->nassigned++;
    return true;
}

bool sv_sol_remove(const sv_ctx *c, sv_sol *s, int u)
{
    int k = s->where[u];
    if (k < 0)
        return false;
    sv_route *r = &s->r[k];
    int i = sv_route_find(r, u);
    int64_t dt;
    if (i < 0 || !sv_eval_replace(c, r, i, i + 1, NULL, 0, SV_INF, &dt))
        return false;
    int64_t before = r->travel;
    if (!sv_route_replace(c, r, i, i + 1, NULL, 0))
        return false;
    s->travel += r->travel - before;
    s->where[u] = -1;
    s->pen -= sv_pen(c, u, k);
    s->unw += model_job_weight(&c->p->jobs[u]);
    s->nassigned--;
    return true;
}

bool sv_sol_rebuild(const sv_ctx *c, const sv_sol *from, bool place_breaks, sv_sol *s)
{
    if (!sv_sol_init(c, s))
        return false;
    if (c->nslots != from->nr || c->njobs != from->nj)
        return false;
    for (int k = 0; k < from->nr; k++) {
        const sv_route *b = &from->r[k];
        sv_route *r = &s->r[k];
        if (c->slots[k].tech != from->c->slots[k].tech ||
            c->slots[k].shift != from->c->slots[k].shift || !sv_route_clear(c, r))
            return false;
        if (place_breaks) {
            int m = 0, *jobs = malloc((size_t)(b->n ? b->n : 1) * sizeof *jobs);
            for (int i = 0; jobs && i < b->n; i++)
                if (!sv_is_break(b->node[i]))
                    jobs[m++] = b->node[i];
            bool ok = jobs && (m == 0 || sv_route_set_jobs(c, r, jobs, m));
            free(jobs);
            if (!ok)
                return false;
            continue;
        }
        for (int i = 0; i < b->n; i++)
            if (!sv_route_append_raw(r, b->node[i]))
                return false;
        if (!sv_route_update(c, r))
            return false;
    }
    sv_sol_recount(c, s);
    return true;
}
