/* ls.c - local search: the moves of the operator table (operator.h:
 * relocate, swap, 2-opt*, or-opt and 2-opt) over the nearest-neighbour
 * lists (a move always makes a job adjacent to one of its near
 * neighbours), first improvement, until no move improves.
 *
 * Every candidate is priced by its travel change first (O(1) for moves
 * between two routes, the new sequence's travel for moves that rebuild a
 * route); only improving ones are checked exactly (sv_eval_replace on both
 * routes, or the whole new route simulated). With extension 2's soft costs
 * (c->soft) the check also prices them (try_move_soft). This file is the
 * driver and the helpers the exact moves share. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "solver/operator.h"

int64_t sv_ls_seq_travel(const sv_ctx *c, int k, const int *jobs, int m)
{
    const sv_slot *s = &c->slots[k];
    if (m == 0)
        return 0;
    int64_t t = sv_travel(c, s->sloc, sv_ls_loc(c, jobs[0]));
    for (int i = 1; i < m; i++)
        t += sv_travel(c, sv_ls_loc(c, jobs[i - 1]), sv_ls_loc(c, jobs[i]));
    return t + sv_travel(c, sv_ls_loc(c, jobs[m - 1]), s->eloc);
}

void sv_ls_set_where(sv_sol *s, const sv_route *r, int k)
{
    for (int i = 0; i < r->n; i++)
        if (!sv_is_break(r->node[i]))
            s->where[r->node[i]] = k;
}

bool sv_ls_sequence_valid(sv_ls *L, int k, const int *jobs, int m)
{
    const sv_ctx *c = L->c;
    for (int i = 0; i < m; i++)
        if (!sv_compat(c, jobs[i], k))
            return false;
    sv_route *t = &L->scratch[0];
    t->slot = k;
    if (!sv_route_set_jobs(c, t, jobs, m))
        return false;
    const sv_slot *sl = &c->slots[k];
    if ((sl->maxj >= 0 && t->njobs > sl->maxj) || (sl->cap > 0 && t->load > sl->cap + 1e-9))
        return false;
    if (c->soft) /* try_move_soft judges */
        sv_ls_price_route(L, 0, t);
    return c->soft || t->travel < L->s->r[k].travel;
}

void sv_ls_price_route(sv_ls *L, int q, const sv_route *t)
{
    L->price[q] = (sv_soft_price){t->soft_lin, t->work};
}

bool sv_ls_valid_replace(sv_ls *L, int q, int k, int i, int j, const int *ins, int m)
{
    const sv_route *r = &L->s->r[k];
    int64_t d;
    if (L->c->soft)
        return sv_eval_replace_soft(L->c, r, i, j, ins, m, &d, &L->price[q]);
    return sv_eval_replace(L->c, r, i, j, ins, m, SV_INF, &d);
}

bool sv_ls_sequence_apply(sv_ls *L, int k)
{
    sv_route *r = &L->s->r[k], *t = &L->scratch[0];
    L->s->travel += t->travel - r->travel;
    if (!sv_route_copy(r, t))
        return false;
    sv_ls_set_where(L->s, r, k);
    return true;
}

bool sv_ls_replace(sv_ls *L, int k, int i, int j, const int *ins, int m)
{
    sv_route *r = &L->s->r[k];
    int64_t before = r->travel;
    for (int q = i; q < j; q++)
        L->s->pen -= sv_pen(L->c, r->node[q], k);
    for (int q = 0; q < m; q++)
        L->s->pen += sv_pen(L->c, ins[q], k);
    if (!sv_route_replace(L->c, r, i, j, ins, m))
        return false;
    L->s->travel += r->travel - before;
    sv_ls_set_where(L->s, r, k);
    return true;
}

bool sv_ls_two_routes(const sv_ls *L, sv_move *mv)
{
    mv->ku = L->s->where[mv->u];
    mv->kv = L->s->where[mv->v];
    if (mv->ku == mv->kv)
        return false;
    mv->iu = sv_route_find(&L->s->r[mv->ku], mv->u);
    mv->iv = sv_route_find(&L->s->r[mv->kv], mv->v);
    return true;
}

bool sv_ls_one_route(sv_ls *L, sv_move *mv)
{
    mv->ku = L->s->where[mv->u];
    mv->kv = L->s->where[mv->v];
    if (mv->ku != mv->kv)
        return false;
    int m = sv_route_jobs(&L->s->r[mv->ku], L->a);
    mv->iu = mv->iv = -1;
    for (int i = 0; i < m; i++) {
        if (L->a[i] == mv->u)
            mv->iu = i;
        if (L->a[i] == mv->v)
            mv->iv = i;
    }
    mv->na = m;
    return true;
}

/* The first improving valid variant of op on (u, v), made; false if none. */
static bool try_move(sv_ls *L, const sv_exact_op *op, int u, int v)
{
    sv_move mv = {.u = u, .v = v};
    if (!op->begin(L, &mv))
        return false;
    for (mv.var = 0; mv.var < mv.nvar; mv.var++) {
        if (!op->gain(L, &mv)) {
            if (mv.stop)
                break;
            continue;
        }
        if (mv.gain > 0 && op->is_valid(L, &mv))
            return op->apply(L, &mv);
    }
    return false;
}

/* The debug counters of the soft search (operator.h). */
static atomic_long n_priced, n_made, n_undone, n_mismatched;
static atomic_bool check_costs;

void sv_ls_soft_stats_get(sv_ls_soft_stats *out)
{
    out->priced = atomic_load(&n_priced);
    out->made = atomic_load(&n_made);
    out->undone = atomic_load(&n_undone);
    out->mismatched = atomic_load(&n_mismatched);
}

void sv_ls_soft_check(bool on)
{
    atomic_store(&check_costs, on);
    atomic_store(&n_priced, 0);
    atomic_store(&n_made, 0);
    atomic_store(&n_undone, 0);
    atomic_store(&n_mismatched, 0);
}

/* Whether the candidate is_valid priced (L->price) pays: travel and
 * penalty gain less the linear soft change and the balance change. */
static bool soft_pays(sv_ls *L, const sv_move *mv, const int *ks, int nk)
{
    const sv_sol *s = L->s;
    double dsoft = 0;
    int64_t dw[2] = {0, 0};
    for (int q = 0; q < nk; q++) {
        dsoft += L->price[q].soft - s->r[ks[q]].soft_lin;
        dw[q] = L->price[q].work - s->r[ks[q]].work;
    }
    int64_t bal = sv_balance_try(&L->bal, L->c, ks[0], dw[0], nk > 1 ? ks[1] : -1, dw[1]);
    atomic_fetch_add_explicit(&n_priced, 1, memory_order_relaxed);
    return (double)mv->gain - dsoft - (double)(bal - L->bal.cost) > 1e-3; /* above rounding noise */
}

/* Makes the priced move; keeps it when the exact cost (ceil-rounded
 * lateness and overtime, breaks as sv_route_replace placed them) fell,
 * else undoes it. false when undone or out of memory (*oom). */
static bool soft_make(sv_ls *L, const sv_exact_op *op, const sv_move *mv, const int *ks, int nk,
                      bool *oom)
{
    sv_sol *s = L->s;
    int64_t travel = s->travel, pen = s->pen;
    for (int q = 0; q < nk; q++)
        if (!sv_route_copy(&L->save[q], &s->r[ks[q]]))
            return *oom = true, false;
    if (!op->apply(L, mv))
        return *oom = true, false;
    int64_t cost = L->cost + (s->travel - travel) + (s->pen - pen), dw[2] = {0, 0};
    for (int q = 0; q < nk; q++) {
        const sv_route *r = &s->r[ks[q]], *o = &L->save[q];
        cost += r->soft - o->soft + (s->has_spen ? r->spen - o->spen : 0);
        dw[q] = r->work - o->work;
    }
    int64_t bal = sv_balance_try(&L->bal, L->c, ks[0], dw[0], nk > 1 ? ks[1] : -1, dw[1]);
    cost += bal - L->bal.cost;
    if (cost < L->cost) {
        L->cost = cost;
        for (int q = 0; q < nk; q++)
            sv_balance_add(&L->bal, L->c, ks[q], dw[q]);
        L->bal.cost = bal;
        atomic_fetch_add_explicit(&n_made, 1, memory_order_relaxed);
        if (atomic_load_explicit(&check_costs, memory_order_relaxed) && cost != sv_sol_cost(s))
            atomic_fetch_add_explicit(&n_mismatched, 1, memory_order_relaxed);
        return true;
    }
    for (int q = 0; q < nk; q++)
        if (!sv_route_copy(&s->r[ks[q]], &L->save[q]))
            return *oom = true, false;
    for (int q = 0; q < nk; q++)
        sv_ls_set_where(s, &s->r[ks[q]], ks[q]);
    s->travel = travel;
    s->pen = pen;
    atomic_fetch_add_explicit(&n_undone, 1, memory_order_relaxed);
    return false;
}

/* Extension 2 (c->soft): lateness, overtime and balance depend on the
 * timing of whole routes, which a move's travel gain does not see.
 * is_valid prices a candidate's new soft cost and working times from the
 * routes' suffix functions (route.h sv_eval_replace_soft; the one-route moves
 * and 2-opt* build their routes anyway and read them); one that pays is
 * made and kept when the exact cost fell (soft_make). Candidates are
 * pruned first by a bound: beyond its travel and penalty gain a move can
 * save at most the lateness and overtime costs of the routes it touches
 * and the balance cost. */
static bool try_move_soft(sv_ls *L, const sv_exact_op *op, int u, int v, bool *oom)
{
    sv_sol *s = L->s;
    sv_move mv = {.u = u, .v = v};
    if (!op->begin(L, &mv))
        return false;
    int ks[2] = {mv.ku, mv.kv}, nk = mv.ku == mv.kv ? 1 : 2;
    int64_t room = L->bal.cost;
    for (int q = 0; q < nk; q++)
        room += s->r[ks[q]].soft;
    for (mv.var = 0; mv.var < mv.nvar; mv.var++) {
        if (!op->gain(L, &mv)) {
            if (mv.stop)
                break;
            continue;
        }
        if (mv.gain + room <= 0 || !op->is_valid(L, &mv) || !soft_pays(L, &mv, ks, nk))
            continue;
        if (soft_make(L, op, &mv, ks, nk, oom))
            return true;
        if (*oom)
            return false;
        /* the routes are back: the bound and the op's cached data still hold */
    }
    return false;
}

static bool improve_job(sv_ls *L, int u)
{
    const sv_ctx *c = L->c;
    const int *nb = c->nbr + (size_t)u * c->nnbr;
    for (int q = 0; q < c->nnbr; q++) {
        int v = nb[q];
        if (L->s->where[u] < 0 || L->s->where[v] < 0)
            continue;
        for (int o = 0; o < sv_noperators; o++) {
            bool oom = false;
            if (L->c->soft ? try_move_soft(L, &sv_operators[o]->exact, u, v, &oom)
                           : try_move(L, &sv_operators[o]->exact, u, v))
                return true;
            if (oom)
                return false;
        }
    }
    return false;
}

bool sv_local_search(const sv_ctx *c, sv_sol *s, sv_rng *g, double deadline)
{
    return sv_local_search_jobs(c, s, g, deadline, NULL, c->njobs);
}

bool sv_local_search_jobs(const sv_ctx *c, sv_sol *s, sv_rng *g, double deadline,
                          const int *jobs, int njobs)
{
    if (c->nnbr == 0 || njobs == 0)
        return true;
    sv_ls L = {.c = c, .s = s};
    size_t n = (size_t)c->njobs + 1;
    L.a = malloc(n * sizeof *L.a);
    L.b = malloc(n * sizeof *L.b);
    L.tmp = malloc(2 * n * sizeof *L.tmp);
    int *order = malloc(n * sizeof *order);
    bool ok = L.a && L.b && L.tmp && order;
    for (int u = 0; ok && u < njobs; u++)
        order[u] = jobs ? jobs[u] : u;
    for (int u = njobs - 1; ok && u > 0; u--) {
        int w = sv_randint(g, u + 1), t = order[u];
        order[u] = order[w];
        order[w] = t;
    }
    if (c->soft) {
        L.cost = sv_sol_cost(s);
        ok = ok && sv_balance_of_routes(&L.bal, c, s->r, s->nr);
    }
    bool improved = ok;
    while (improved && sv_now() < deadline) {
        improved = false;
        for (int q = 0; q < njobs; q++) {
            int u = order[q];
            if (s->where[u] < 0)
                continue;
            if (improve_job(&L, u))
                improved = true;
            if ((q & 63) == 0 && sv_now() >= deadline)
                break;
        }
    }
    sv_route_free(&L.scratch[0]);
    sv_route_free(&L.scratch[1]);
    sv_route_free(&L.save[0]);
    sv_route_free(&L.save[1]);
    sv_balance_free(&L.bal);
    free(L.a);
    free(L.b);
    free(L.tmp);
    free(order);
    return ok;
}
