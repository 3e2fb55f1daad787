/* ls.c - local search: relocate, swap, 2-opt*, or-opt and 2-opt, over the
 * nearest-neighbour lists (a move always makes a job adjacent to one of its
 * near neighbours), first improvement, until no move improves.
 *
 * Moves between two routes are checked incrementally (sv_eval_replace on
 * both routes). Moves inside one route, and 2-opt* (which swaps whole
 * tails, so the breaks must be placed anew), are first priced by their
 * travel change in O(1); only improving ones are simulated. */
#include <stdlib.h>
#include <string.h>

#include "solver/internal.h"

typedef struct ls {
    const sv_ctx *c;
    sv_sol *s;
    sv_route scratch[2];
    int *a, *b, *tmp; /* job sequences, c->njobs + 1 each */
    double deadline;
    long evals;
} ls;

static int loc_of(const sv_ctx *c, int u)
{
    return c->p->jobs[u].location;
}

/* Travel of a job sequence on slot k (start, jobs, end). */
static int64_t seq_travel(const sv_ctx *c, int k, const int *jobs, int m)
{
    const sv_slot *s = &c->slots[k];
    if (m == 0)
        return 0;
    int64_t t = sv_travel(c, s->sloc, loc_of(c, jobs[0]));
    for (int i = 1; i < m; i++)
        t += sv_travel(c, loc_of(c, jobs[i - 1]), loc_of(c, jobs[i]));
    return t + sv_travel(c, loc_of(c, jobs[m - 1]), s->eloc);
}

static void set_where(sv_sol *s, const sv_route *r, int k)
{
    for (int i = 0; i < r->n; i++)
        if (!sv_is_break(r->node[i]))
            s->where[r->node[i]] = k;
}

/* Replaces route k's jobs by jobs[0..m) (the same jobs in another order)
 * if that is feasible and shortens the route; returns whether it did. */
static bool try_sequence(ls *L, int k, const int *jobs, int m)
{
    const sv_ctx *c = L->c;
    sv_route *r = &L->s->r[k];
    for (int i = 0; i < m; i++)
        if (!c->compat[(size_t)jobs[i] * c->nslots + k])
            return false;
    sv_route *t = &L->scratch[0];
    t->slot = k;
    L->evals++;
    if (!sv_route_set_jobs(c, t, jobs, m))
        return false;
    const sv_slot *sl = &c->slots[k];
    if ((sl->maxj >= 0 && t->njobs > sl->maxj) || (sl->cap > 0 && t->load > sl->cap + 1e-9))
        return false;
    if (t->travel >= r->travel)
        return false;
    L->s->travel += t->travel - r->travel;
    if (!sv_route_copy(r, t))
        return false;
    set_where(L->s, r, k);
    return true;
}

/* Applies a replacement on route k and keeps the solution totals. */
static bool apply(ls *L, int k, int i, int j, const int *ins, int m)
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
    set_where(L->s, r, k);
    return true;
}

static int64_t pen_delta(const sv_ctx *c, int u, int from, int to)
{
    return sv_pen(c, u, to) - sv_pen(c, u, from);
}

/* u and v in two different routes: their slots, routes and positions. */
typedef struct pair {
    int ku, kv;
    sv_route *ru, *rv;
    int iu, iv;
} pair;

static bool two_routes(ls *L, int u, int v, pair *P)
{
    P->ku = L->s->where[u];
    P->kv = L->s->where[v];
    if (P->ku == P->kv)
        return false;
    P->ru = &L->s->r[P->ku];
    P->rv = &L->s->r[P->kv];
    P->iu = sv_route_find(P->ru, u);
    P->iv = sv_route_find(P->rv, v);
    return true;
}

/* Moves u next to its neighbour v (before or after), in v's route. */
static bool relocate(ls *L, int u, int v)
{
    const sv_ctx *c = L->c;
    sv_sol *s = L->s;
    int ku = s->where[u], kv = s->where[v];
    if (ku == kv) {
        /* same route: on the job sequence */
        sv_route *r = &s->r[ku];
        int m = sv_route_jobs(r, L->a);
        int iu = -1, iv = -1;
        for (int i = 0; i < m; i++) {
            if (L->a[i] == u)
                iu = i;
            if (L->a[i] == v)
                iv = i;
        }
        for (int side = 0; side < 2; side++) {
            int n = 0;
            for (int i = 0; i < m; i++) {
                if (i == iu)
                    continue;
                if (i == iv && side == 0)
                    L->tmp[n++] = u;
                L->tmp[n++] = L->a[i];
                if (i == iv && side == 1)
                    L->tmp[n++] = u;
            }
            if (memcmp(L->tmp, L->a, (size_t)m * sizeof *L->a) == 0)
                continue;
            if (seq_travel(c, ku, L->tmp, m) >= r->travel)
                continue;
            if (try_sequence(L, ku, L->tmp, m))
                return true;
        }
        return false;
    }
    pair P;
    two_routes(L, u, v, &P);
    sv_route *ru = P.ru, *rv = P.rv;
    int iu = P.iu, iv = P.iv;
    int64_t drem;
    if (!sv_eval_replace(c, ru, iu, iu + 1, NULL, 0, SV_INF, &drem))
        return false;
    int64_t pd = pen_delta(c, u, ku, kv);
    for (int side = 0; side < 2; side++) {
        int pos = iv + side;
        int64_t dins;
        L->evals++;
        if (!sv_eval_replace(c, rv, pos, pos, &u, 1, -drem - pd - 1, &dins))
            continue;
        if (drem + dins + pd >= 0)
            continue;
        return apply(L, kv, pos, pos, &u, 1) && apply(L, ku, iu, iu + 1, NULL, 0);
    }
    return false;
}

/* Exchanges u and v between their routes. */
static bool swap(ls *L, int u, int v)
{
    const sv_ctx *c = L->c;
    pair P;
    if (!two_routes(L, u, v, &P))
        return false;
    int ku = P.ku, kv = P.kv, iu = P.iu, iv = P.iv;
    sv_route *ru = P.ru, *rv = P.rv;
    int64_t d1, d2;
    int64_t pd = pen_delta(c, u, ku, kv) + pen_delta(c, v, kv, ku);
    L->evals++;
    if (!sv_eval_replace(c, ru, iu, iu + 1, &v, 1, SV_INF, &d1))
        return false;
    if (!sv_eval_replace(c, rv, iv, iv + 1, &u, 1, -d1 - pd - 1, &d2))
        return false;
    if (d1 + d2 + pd >= 0)
        return false;
    return apply(L, ku, iu, iu + 1, &v, 1) && apply(L, kv, iv, iv + 1, &u, 1);
}

/* Moves a string of 2 or 3 jobs starting at u (possibly reversed) next to
 * v in another route. */
static bool or_opt(ls *L, int u, int v)
{
    const sv_ctx *c = L->c;
    pair P;
    if (!two_routes(L, u, v, &P))
        return false;
    int ku = P.ku, kv = P.kv, iu = P.iu, iv = P.iv;
    sv_route *ru = P.ru, *rv = P.rv;
    for (int len = 2; len <= 3; len++) {
        if (iu + len > ru->n)
            break;
        int seg[3], rev[3];
        bool plain = true;
        int64_t pd = 0;
        for (int q = 0; q < len; q++) {
            seg[q] = ru->node[iu + q];
            if (sv_is_break(seg[q]))
                plain = false;
        }
        if (!plain)
            break;
        for (int q = 0; q < len; q++) {
            rev[q] = seg[len - 1 - q];
            pd += pen_delta(c, seg[q], ku, kv);
        }
        int64_t drem;
        if (!sv_eval_replace(c, ru, iu, iu + len, NULL, 0, SV_INF, &drem))
            continue;
        for (int side = 0; side < 2; side++) {
            for (int dir = 0; dir < 2; dir++) {
                const int *ins = dir ? rev : seg;
                int64_t dins;
                L->evals++;
                if (!sv_eval_replace(c, rv, iv + side, iv + side, ins, len, -drem - pd - 1,
                                     &dins))
                    continue;
                if (drem + dins + pd >= 0)
                    continue;
                int tmp[3];
                memcpy(tmp, ins, sizeof tmp);
                return apply(L, kv, iv + side, iv + side, tmp, len) &&
                       apply(L, ku, iu, iu + len, NULL, 0);
            }
        }
    }
    return false;
}

/* 2-opt*: route of u continues with v and the rest of v's route; v's
 * route keeps what preceded v and continues with what followed u. */
static bool two_opt_star(ls *L, int u, int v)
{
    const sv_ctx *c = L->c;
    sv_sol *s = L->s;
    int ku = s->where[u], kv = s->where[v];
    if (ku == kv)
        return false;
    int ma = sv_route_jobs(&s->r[ku], L->a), mb = sv_route_jobs(&s->r[kv], L->b);
    int ia = 0, ib = 0;
    while (L->a[ia] != u)
        ia++;
    while (L->b[ib] != v)
        ib++;
    const sv_slot *su = &c->slots[ku], *sv = &c->slots[kv];
    int su_loc = ia + 1 < ma ? loc_of(c, L->a[ia + 1]) : su->eloc;
    int pv_loc = ib > 0 ? loc_of(c, L->b[ib - 1]) : sv->sloc;
    if (su->eloc == sv->eloc) {
        int64_t d = (int64_t)sv_travel(c, loc_of(c, u), loc_of(c, v)) +
                    sv_travel(c, pv_loc, su_loc) -
                    sv_travel(c, loc_of(c, u), su_loc) - sv_travel(c, pv_loc, loc_of(c, v));
        if (d >= 0)
            return false;
    }
    /* new sequences: A' = a[0..ia] + b[ib..], B' = b[0..ib) + a[ia+1..] */
    int na = 0, nb = 0;
    int *A = L->tmp, *B = L->tmp + c->njobs + 1;
    for (int i = 0; i <= ia; i++)
        A[na++] = L->a[i];
    for (int i = ib; i < mb; i++)
        A[na++] = L->b[i];
    for (int i = 0; i < ib; i++)
        B[nb++] = L->b[i];
    for (int i = ia + 1; i < ma; i++)
        B[nb++] = L->a[i];
    int64_t old = s->r[ku].travel + s->r[kv].travel;
    int64_t pd = 0;
    for (int i = ib; i < mb; i++)
        pd += pen_delta(c, L->b[i], kv, ku);
    for (int i = ia + 1; i < ma; i++)
        pd += pen_delta(c, L->a[i], ku, kv);
    if (seq_travel(c, ku, A, na) + seq_travel(c, kv, B, nb) + pd >= old)
        return false;
    for (int i = 0; i < na; i++)
        if (!c->compat[(size_t)A[i] * c->nslots + ku])
            return false;
    for (int i = 0; i < nb; i++)
        if (!c->compat[(size_t)B[i] * c->nslots + kv])
            return false;
    sv_route *ta = &L->scratch[0], *tb = &L->scratch[1];
    ta->slot = ku;
    tb->slot = kv;
    L->evals++;
    if (!sv_route_set_jobs(c, ta, A, na) || !sv_route_set_jobs(c, tb, B, nb))
        return false;
    if ((su->maxj >= 0 && ta->njobs > su->maxj) || (su->cap > 0 && ta->load > su->cap + 1e-9) ||
        (sv->maxj >= 0 && tb->njobs > sv->maxj) || (sv->cap > 0 && tb->load > sv->cap + 1e-9))
        return false;
    if (ta->travel + tb->travel + pd >= old)
        return false;
    s->travel += ta->travel + tb->travel - old;
    s->pen += pd;
    if (!sv_route_copy(&s->r[ku], ta) || !sv_route_copy(&s->r[kv], tb))
        return false;
    set_where(s, &s->r[ku], ku);
    set_where(s, &s->r[kv], kv);
    return true;
}

/* 2-opt inside one route: reverse the jobs from after u through v. */
static bool two_opt(ls *L, int u, int v)
{
    const sv_ctx *c = L->c;
    sv_sol *s = L->s;
    int k = s->where[u];
    if (k != s->where[v])
        return false;
    int m = sv_route_jobs(&s->r[k], L->a);
    int iu = -1, iv = -1;
    for (int i = 0; i < m; i++) {
        if (L->a[i] == u)
            iu = i;
        if (L->a[i] == v)
            iv = i;
    }
    if (iv <= iu + 1)
        return false;
    memcpy(L->tmp, L->a, (size_t)m * sizeof *L->a);
    for (int lo = iu + 1, hi = iv; lo < hi; lo++, hi--) {
        int t = L->tmp[lo];
        L->tmp[lo] = L->tmp[hi];
        L->tmp[hi] = t;
    }
    if (seq_travel(c, k, L->tmp, m) >= s->r[k].travel)
        return false;
    return try_sequence(L, k, L->tmp, m);
}

static bool improve_job(ls *L, int u)
{
    const sv_ctx *c = L->c;
    const int *nb = c->nbr + (size_t)u * c->nnbr;
    for (int q = 0; q < c->nnbr; q++) {
        int v = nb[q];
        if (L->s->where[u] < 0 || L->s->where[v] < 0)
            continue;
        if (relocate(L, u, v) || swap(L, u, v) || two_opt_star(L, u, v) || or_opt(L, u, v) ||
            two_opt(L, u, v))
            return true;
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
    ls L = {.c = c, .s = s, .deadline = deadline};
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
    free(L.a);
    free(L.b);
    free(L.tmp);
    free(order);
    return ok;
}
