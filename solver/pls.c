/* pls.c - local search over infeasible intermediate solutions: time-window
 * and load violations are allowed and priced (time warp, Vidal et al.
 * 2013: a late arrival "warps" back to the window's end and pays per
 * second warped; load above the capacity pays per unit), the penalties
 * adapt to how often the search ends feasible, and the result is repaired
 * into a feasible solution before anyone sees it.
 *
 * Moves are priced by concatenating route segments (segment.h): removing,
 * inserting or exchanging a job, or exchanging two tails, is O(1) (plus
 * the breaks of the unit cut); a move inside one route first passes an
 * O(1) travel test and is then priced by folding the stretch between its
 * two positions. Breaks belong to their technician-shift, so a tail that
 * carries a break never changes routes. Job counts and skills stay hard.
 * The exact checks of route.c decide in the end: a route they refuse loses
 * jobs, which are then inserted wherever they fit exactly.
 *
 * In re-planning runs the penalty for moving a job to another technician
 * is part of the price; the one for shifting an appointment is not (the
 * caller judges the repaired result with it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/segment.h"

typedef struct sv_pls pls;

static bool do_relocate(pls *P, int u, int kb, int at)
{
    int ka = P->where[u], i = P->pos[u];
    int m = sv_seg_seq_without(P, ka, i, P->tmp, P->tnb);
    if (ka == kb) {
        if (at > i)
            at--;
        sv_seg_seq_insert(P->tmp, P->tnb, m, at, u);
        return sv_seg_set_route(P, ka, P->tmp, m + 1, P->tnb);
    }
    if (!sv_seg_set_route(P, ka, P->tmp, m, m > 0 ? P->tnb : NULL))
        return false;
    sv_seg_route *B = &P->r[kb];
    if (B->m == 0) {
        int bf;
        sv_seg_cost_alone(P, kb, u, &bf);
        int nb[2] = {bf ? P->c->slots[kb].nbr : 0, bf ? 0 : P->c->slots[kb].nbr};
        return sv_seg_set_route(P, kb, &u, 1, nb);
    }
    memcpy(P->tmp, B->job, (size_t)B->m * sizeof *P->tmp);
    memcpy(P->tnb, B->nb, (size_t)(B->m + 1) * sizeof *P->tnb);
    sv_seg_seq_insert(P->tmp, P->tnb, B->m, at, u);
    return sv_seg_set_route(P, kb, P->tmp, B->m + 1, P->tnb);
}

/* Travel change of moving job position i in front of unit `at` of the same
 * route (at not i or i + 1); breaks do not travel. */
static int64_t dist_moved_inside(const pls *P, int k, int i, int at)
{
    const sv_seg_route *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = P->job_seg[R->job[i]].first;
    int p = sv_seg_loc_at(P, k, R, i - 1), n = sv_seg_loc_at(P, k, R, i + 1);
    int l = sv_seg_loc_at(P, k, R, at - 1), r = sv_seg_loc_at(P, k, R, at);
    return (int64_t)sv_travel(c, p, n) - sv_travel(c, p, u) - sv_travel(c, u, n) +
           sv_travel(c, l, u) + sv_travel(c, u, r) - sv_travel(c, l, r);
}

static double cost_moved_inside(const pls *P, int k, int i, int at)
{
    const sv_seg_route *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = R->job[i];
    sv_seg y;
    if (at > i) { /* jobs i+1 .. at-1 move one place forward */
        y = R->pre[i];
        for (int p = i; p < at - 1; p++)
            y = sv_seg_cat(c, y, sv_seg_with_breaks(P, k, R, p, P->job_seg[R->job[p + 1]]));
        y = sv_seg_cat(c, y, sv_seg_with_breaks(P, k, R, at - 1, P->job_seg[u]));
        y = sv_seg_cat(c, y, R->suf[at]);
    } else { /* jobs at .. i-1 move one place back */
        y = sv_seg_cat(c, R->pre[at], sv_seg_with_breaks(P, k, R, at, P->job_seg[u]));
        for (int p = at + 1; p <= i; p++)
            y = sv_seg_cat(c, y, sv_seg_with_breaks(P, k, R, p, P->job_seg[R->job[p - 1]]));
        y = sv_seg_cat(c, y, R->suf[i + 1]);
    }
    return sv_seg_cost(P, &c->slots[k], y);
}

static bool relocate(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb) {
        for (int side = 0; side < 2; side++) {
            int at = j + side;
            if (at == i || at == i + 1)
                continue;
            /* the penalties are never negative: a move that does not
             * shorten the route enough cannot pay */
            const sv_seg_route *R = &P->r[ka];
            sv_seg whole = sv_seg_cat(c, R->pre[0], R->suf[0]);
            if ((double)(whole.dist + dist_moved_inside(P, ka, i, at)) >= R->cost - SV_SEG_EPS)
                continue;
            double nc = cost_moved_inside(P, ka, i, at);
            if (nc < P->r[ka].cost - SV_SEG_EPS) {
                /* the order cost_moved_inside priced, breaks in their gaps */
                sv_seg_route *R = &P->r[ka];
                int m = R->m, n = 0;
                for (int q = 0; q < m; q++)
                    if (q != i)
                        P->tmp[n++] = R->job[q];
                int a = at > i ? at - 1 : at;
                memmove(P->tmp + a + 1, P->tmp + a, (size_t)(n - a) * sizeof *P->tmp);
                P->tmp[a] = u;
                memcpy(P->tnb, R->nb, (size_t)(m + 1) * sizeof *P->tnb);
                return sv_seg_set_route(P, ka, P->tmp, m, P->tnb);
            }
        }
        return false;
    }
    if (!sv_seg_compat(c, u, kb) || !sv_seg_room(c, kb, P->r[kb].m + 1))
        return false;
    double base = P->r[ka].cost + P->r[kb].cost + (double)sv_pen(c, u, ka);
    double rem = sv_seg_cost_without(P, ka, i) + (double)sv_pen(c, u, kb);
    for (int side = 0; side < 2; side++) {
        int at = j + side;
        if (rem + sv_seg_cost_with(P, kb, at, u) < base - SV_SEG_EPS)
            return do_relocate(P, u, kb, at);
    }
    return false;
}

static bool swap(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb || !sv_seg_compat(c, u, kb) || !sv_seg_compat(c, v, ka))
        return false;
    double base = P->r[ka].cost + P->r[kb].cost + (double)(sv_pen(c, u, ka) + sv_pen(c, v, kb));
    double nc = sv_seg_cost_replaced(P, ka, i, v) + sv_seg_cost_replaced(P, kb, j, u) +
                (double)(sv_pen(c, u, kb) + sv_pen(c, v, ka));
    if (nc >= base - SV_SEG_EPS)
        return false;
    sv_seg_route *A = &P->r[ka], *B = &P->r[kb];
    A->job[i] = v;
    B->job[j] = u;
    A->dirty = B->dirty = true;
    sv_seg_refresh(P, ka);
    sv_seg_refresh(P, kb);
    return true;
}

/* 2-opt*: u's route goes on with v and what follows it; v's route keeps
 * what preceded v and goes on with what followed u. Only tails without
 * breaks change routes. */
static bool two_opt_star(pls *P, int u, int v)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u], kb = P->where[v], i = P->pos[u], j = P->pos[v];
    if (ka == kb)
        return false;
    sv_seg_route *A = &P->r[ka], *B = &P->r[kb];
    if (A->lastbrk >= i + 1 || B->lastbrk >= j)
        return false;
    int na = i + 1 + (B->m - j), nbm = j + (A->m - i - 1);
    if (!sv_seg_room(c, ka, na) || !sv_seg_room(c, kb, nbm))
        return false;
    const sv_slot *sa = &c->slots[ka], *sb = &c->slots[kb];
    sv_seg ea = sv_seg_with_breaks(P, ka, A, A->m, sv_seg_end(sa));
    sv_seg eb = sv_seg_with_breaks(P, kb, B, B->m, sv_seg_end(sb));
    double ca = sv_seg_cost(P, sa, sv_seg_cat(c, sv_seg_cat(c, A->pre[i + 1], B->mid[j]), ea));
    double cb = nbm == 0 ? 0 : sv_seg_cost(P, sb, sv_seg_cat(c, sv_seg_cat(c, B->pre[j], A->mid[i + 1]), eb));
    double pd = 0;
    for (int q = j; q < B->m; q++)
        pd += (double)(sv_pen(c, B->job[q], ka) - sv_pen(c, B->job[q], kb));
    for (int q = i + 1; q < A->m; q++)
        pd += (double)(sv_pen(c, A->job[q], kb) - sv_pen(c, A->job[q], ka));
    if (ca + cb + pd >= A->cost + B->cost - SV_SEG_EPS)
        return false;
    for (int q = j; q < B->m; q++)
        if (!sv_seg_compat(c, B->job[q], ka))
            return false;
    for (int q = i + 1; q < A->m; q++)
        if (!sv_seg_compat(c, A->job[q], kb))
            return false;
    /* A' = A[0..i] + B[j..], breaks: A's up to i, then A's end breaks */
    int n = 0;
    for (int q = 0; q <= i; q++) {
        P->tmp[n] = A->job[q];
        P->tnb[n++] = A->nb[q];
    }
    for (int q = j; q < B->m; q++) {
        P->tmp[n] = B->job[q];
        P->tnb[n++] = 0;
    }
    P->tnb[n] = A->nb[A->m];
    int m2 = 0;
    int *tb = P->tmp2, *tbn = P->tnb + (c->njobs + 2);
    for (int q = 0; q < j; q++) {
        tb[m2] = B->job[q];
        tbn[m2++] = B->nb[q];
    }
    for (int q = i + 1; q < A->m; q++) {
        tb[m2] = A->job[q];
        tbn[m2++] = 0;
    }
    tbn[m2] = m2 > 0 ? B->nb[B->m] : 0;
    return sv_seg_set_route(P, ka, P->tmp, n, P->tnb) && sv_seg_set_route(P, kb, tb, m2, tbn);
}

/* 2-opt inside one route: reverses the jobs after u through v. */
static bool two_opt(pls *P, int u, int v)
{
    int k = P->where[u];
    if (k != P->where[v])
        return false;
    int i = P->pos[u], j = P->pos[v];
    if (j <= i + 1)
        return false;
    sv_seg_route *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    memcpy(P->tmp2, R->job, (size_t)R->m * sizeof *P->tmp2);
    for (int lo = i + 1, hi = j; lo < hi; lo++, hi--) {
        int t = P->tmp2[lo];
        P->tmp2[lo] = P->tmp2[hi];
        P->tmp2[hi] = t;
    }
    sv_seg x = R->suf[j + 1];
    for (int q = j; q > i; q--)
        x = sv_seg_cat(P->c, sv_seg_with_breaks(P, k, R, q, P->job_seg[P->tmp2[q]]), x);
    double nc = sv_seg_cost(P, s, sv_seg_cat(P->c, R->pre[i + 1], x));
    if (nc >= R->cost - SV_SEG_EPS)
        return false;
    memcpy(R->job, P->tmp2, (size_t)R->m * sizeof *R->job);
    R->dirty = true;
    sv_seg_refresh(P, k);
    return true;
}

/* u alone into an empty route it may use (the first one found). */
static bool to_empty(pls *P, int u)
{
    const sv_ctx *c = P->c;
    int ka = P->where[u];
    if (P->r[ka].m < 2)
        return false;
    const int *cand = c->cand + c->cand_off[u];
    for (int q = 0; q < c->cand_n[u]; q++) {
        int k = cand[q];
        if (P->s->r[k].njobs != 0 && !P->loaded[k])
            continue;
        if (!sv_seg_load(P, k))
            return false;
        if (P->r[k].m != 0)
            continue;
        int bf;
        double nc = sv_seg_cost_alone(P, k, u, &bf) + sv_seg_cost_without(P, ka, P->pos[u]) +
                    (double)sv_pen(c, u, k);
        if (nc < P->r[ka].cost + (double)sv_pen(c, u, ka) - SV_SEG_EPS)
            return do_relocate(P, u, k, 0);
        return false;
    }
    return false;
}

static bool improve_job(pls *P, int u)
{
    const sv_ctx *c = P->c;
    const int *nb = c->nbr + (size_t)u * c->nnbr;
    for (int q = 0; q < c->nnbr; q++) {
        int v = nb[q];
        if (P->where[u] < 0 || P->where[v] < 0)
            continue;
        if (!sv_seg_load(P, P->where[u]) || !sv_seg_load(P, P->where[v]))
            return false;
        if (relocate(P, u, v) || swap(P, u, v) || two_opt_star(P, u, v) || two_opt(P, u, v))
            return true;
    }
    return P->where[u] >= 0 && sv_seg_load(P, P->where[u]) && to_empty(P, u);
}

/* Local search to a local optimum of the penalised cost. */
static void descend(pls *P, const int *order, int n)
{
    long moves = 0, cap = 200L * (n + 10);
    bool improved = true;
    while (improved && moves < cap && !P->oom && sv_now() < P->deadline) {
        improved = false;
        for (int q = 0; q < n && moves < cap; q++) {
            if (P->where[order[q]] < 0)
                continue;
            if (improve_job(P, order[q])) {
                improved = true;
                moves++;
            }
            if ((q & 63) == 0 && sv_now() >= P->deadline)
                break;
        }
    }
}

/* Whether the loaded routes keep their windows (*time) and capacities
 * (*load); returns both. */
static bool routes_feasible(const pls *P, bool *time, bool *load)
{
    *time = *load = true;
    for (int q = 0; q < P->nloaded; q++) {
        int k = P->loaded_list[q];
        const sv_seg_route *R = &P->r[k];
        if (R->m == 0)
            continue;
        sv_seg x = sv_seg_cat(P->c, R->pre[0], R->suf[0]);
        const sv_slot *s = &P->c->slots[k];
        if (x.tw > 0)
            *time = false;
        if (s->cap > 0 && x.load > s->cap + 1e-9)
            *load = false;
    }
    return *time && *load;
}

static void refresh_all(pls *P)
{
    for (int q = 0; q < P->nloaded; q++)
        sv_seg_refresh(P, P->loaded_list[q]);
}

/* Makes route k feasible for route.c's exact checks, dropping jobs (the
 * one whose removal costs least under heavy penalties) until it is; the
 * dropped jobs go to out. Writes the exact route into r. */
static bool make_exact(pls *P, int k, sv_route *r, int *out, int *nout)
{
    const sv_ctx *c = P->c;
    const sv_slot *s = &c->slots[k];
    for (;;) {
        sv_seg_route *R = &P->r[k];
        /* (running out of memory looks infeasible here: jobs are dropped
         * and the caller keeps the better solution) */
        if (sv_route_set_jobs(c, r, R->job, R->m) && sv_seg_room(c, k, R->m) &&
            !(s->cap > 0 && r->load > s->cap + 1e-9)) {
            sv_route_fix_breaks(c, r);
            return true;
        }
        if (R->m == 0)
            return sv_route_clear(c, r);
        int worst = 0;
        double best = INFINITY;
        for (int i = 0; i < R->m; i++) {
            double nc = sv_seg_cost_without(P, k, i);
            if (nc < best) {
                best = nc;
                worst = i;
            }
        }
        out[(*nout)++] = R->job[worst];
        P->where[R->job[worst]] = -1;
        int m = sv_seg_seq_without(P, k, worst, P->tmp, P->tnb);
        if (!sv_seg_set_route(P, k, P->tmp, m, m > 0 ? P->tnb : NULL))
            return false;
    }
}

void sv_pls_free(sv_pls *P)
{
    if (!P)
        return;
    if (P->r)
        for (int k = 0; k < P->c->nslots; k++)
            sv_seg_route_free(&P->r[k]);
    free(P->r);
    free(P->loaded);
    free(P->mark);
    free(P->loaded_list);
    free(P->where);
    free(P->pos);
    free(P->job_seg);
    free(P->tmp);
    free(P->tmp2);
    free(P->tnb);
    free(P->order);
    free(P->dropped);
    sv_route_free(&P->scratch);
    free(P);
}

sv_pls *sv_pls_create(const sv_ctx *c)
{
    sv_pls *P = calloc(1, sizeof *P);
    if (!P)
        return NULL;
    P->c = c;
    size_t n = (size_t)c->njobs + 2, ns = (size_t)c->nslots + 1;
    P->r = calloc(ns, sizeof *P->r);
    P->loaded = calloc(ns, 1);
    P->mark = calloc(ns, 1);
    P->loaded_list = malloc(ns * sizeof *P->loaded_list);
    P->where = malloc(n * sizeof *P->where);
    P->pos = malloc(n * sizeof *P->pos);
    P->job_seg = malloc(n * sizeof *P->job_seg);
    P->tmp = malloc(n * sizeof *P->tmp);
    P->tmp2 = malloc(n * sizeof *P->tmp2);
    P->tnb = malloc(2 * n * sizeof *P->tnb);
    P->order = malloc(n * sizeof *P->order);
    P->dropped = malloc(n * sizeof *P->dropped);
    if (!P->r || !P->loaded || !P->mark || !P->loaded_list || !P->where || !P->pos ||
        !P->job_seg || !P->tmp || !P->tmp2 || !P->tnb || !P->order || !P->dropped) {
        sv_pls_free(P);
        return NULL;
    }
    for (int u = 0; u < c->njobs; u++)
        P->job_seg[u] = sv_seg_job(c, u);
    return P;
}

void sv_penalty_init(const sv_ctx *c, const sv_sol *s, sv_penalty *pen)
{
    double load = 0;
    for (int u = 0; u < c->njobs; u++)
        load += c->p->jobs[u].load;
    double per_job = s->nassigned ? (double)s->travel / s->nassigned : 1.0;
    pen->w_tw = 1.0;
    pen->w_load = load > 0 ? per_job / (load / (c->njobs ? c->njobs : 1)) : 1.0;
    if (pen->w_load < 0.1)
        pen->w_load = 0.1;
    pen->runs = pen->feasible = 0;
}

/* Each penalty rises when the search ends breaking its rule and falls when
 * it ends keeping it, aiming at about 30% of runs keeping it on their own:
 * often enough to learn from, rarely enough that the search crosses
 * infeasible space. */
static double adapt_one(double w, bool kept, double lo, double hi)
{
    w *= kept ? 0.7 : 1.16;
    return w < lo ? lo : w > hi ? hi : w;
}

static void adapt(sv_penalty *pen, bool time, bool load)
{
    pen->runs++;
    pen->feasible += time && load;
    pen->w_tw = adapt_one(pen->w_tw, time, 0.05, 1e4);
    pen->w_load = adapt_one(pen->w_load, load, 0.01, 1e5);
}

static void note_changed(pls *P, int k, int *changed, int *nchanged)
{
    if (changed && !P->mark[k]) {
        P->mark[k] = 1;
        changed[(*nchanged)++] = k;
    }
}

bool sv_penalised_search(sv_pls *P, sv_sol *s, sv_rng *g, double deadline, sv_penalty *pen,
                         const int *jobs, int njobs, int *changed, int *nchanged)
{
    const sv_ctx *c = P->c;
    int nch = 0;
    if (nchanged)
        *nchanged = 0;
    if (c->nnbr == 0 || njobs == 0)
        return true;
    P->s = s;
    P->deadline = deadline;
    P->wtw = pen->w_tw;
    P->wld = pen->w_load;
    P->oom = false;
    P->nloaded = 0;
    memcpy(P->where, s->where, (size_t)c->njobs * sizeof *P->where);
    for (int q = 0; q < njobs; q++)
        P->order[q] = jobs ? jobs[q] : q;
    for (int q = njobs - 1; q > 0; q--) {
        int w = sv_randint(g, q + 1), t = P->order[q];
        P->order[q] = P->order[w];
        P->order[w] = t;
    }
    descend(P, P->order, njobs);
    bool time, load;
    bool feas = routes_feasible(P, &time, &load);
    adapt(pen, time, load);
    /* repair as the hybrid genetic search does: the same search with
     * penalties ten and a hundred times higher */
    for (int boost = 10; !feas && !P->oom && boost <= 100; boost *= 10) {
        P->wtw = pen->w_tw * boost;
        P->wld = pen->w_load * boost;
        refresh_all(P);
        descend(P, P->order, njobs);
        feas = routes_feasible(P, &time, &load);
    }
    P->wtw = 1e6;
    P->wld = 1e6;
    refresh_all(P);
    bool ok = !P->oom;
    int ndropped = 0;
    for (int q = 0; ok && q < P->nloaded; q++) {
        int k = P->loaded_list[q];
        if (!P->r[k].dirty)
            continue;
        P->scratch.slot = k;
        ok = make_exact(P, k, &P->scratch, P->dropped, &ndropped) &&
             sv_route_copy(&s->r[k], &P->scratch);
        note_changed(P, k, changed, &nch);
    }
    if (ok) {
        sv_sol_recount(c, s);
        for (int q = 0; ok && q < ndropped; q++) {
            int u = P->dropped[q], k, at;
            int64_t cost;
            if (!sv_best_insertion(c, s, u, 0, g, &k, &at, &cost))
                continue;
            ok = sv_sol_insert(c, s, u, k, at);
            note_changed(P, k, changed, &nch);
        }
    }
    for (int q = 0; q < P->nloaded; q++)
        P->loaded[P->loaded_list[q]] = 0;
    for (int q = 0; changed && q < nch; q++)
        P->mark[changed[q]] = 0;
    if (nchanged)
        *nchanged = nch;
    return ok;
}

