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
 * caller judges the repaired result with it).
 *
 * Extension 2: overtime and lateness are part of each route's price
 * (segment.h; lateness in the side chain, only when the problem has one).
 * The balance cost, which belongs to all routes together, is priced on the
 * per-technician working times the workspace keeps (sv_balance): a move
 * adds the change of the balance cost when the routes it changes get the
 * working times their pricing noted, O(technicians) a priced move, and
 * only when the problem has a balance cost. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/operator.h"

typedef struct sv_pls pls;

/* The change of the balance cost when routes ka and kb (kb may be ka) get
 * the working times their pricing noted last (P->seen_work is kept). */
static double balance_change(pls *P, int ka, int kb)
{
    if (P->bal_stale) {
        sv_balance_reprice(&P->bal, P->c);
        P->bal_stale = false;
    }
    int64_t da = P->seen_work[ka] - P->r[ka].work;
    int64_t db = kb != ka ? P->seen_work[kb] - P->r[kb].work : 0;
    if (da == 0 && db == 0)
        return 0;
    return (double)(sv_balance_try(&P->bal, P->c, ka, da, kb != ka ? kb : -1, db) - P->bal.cost);
}

/* Before a move of u next to v: a route the move leaves unpriced is one it
 * empties (working time 0). */
static void forget_work(pls *P, int u, int v)
{
    if (P->seen_work) {
        P->seen_work[P->where[u]] = 0;
        P->seen_work[P->where[v]] = 0;
    }
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
        if (P->seen_work)
            nc += balance_change(P, k, ka);
        if (nc < P->r[ka].cost + (double)sv_pen(c, u, ka) - SV_SEG_EPS)
            return sv_op_relocate_to(P, u, k, 0);
        return false;
    }
    return false;
}

/* The first improving valid variant of op on (u, v), made; false if none. */
static bool try_move(pls *P, const sv_penalised_op *op, int u, int v)
{
    sv_move mv = {.u = u, .v = v};
    forget_work(P, u, v);
    if (!op->begin(P, &mv))
        return false;
    for (mv.var = 0; mv.var < mv.nvar; mv.var++) {
        if (!op->gain(P, &mv)) {
            if (mv.stop)
                break;
            continue;
        }
        if (P->seen_work)
            mv.new_cost += balance_change(P, mv.ku, mv.kv);
        if (mv.new_cost < mv.old_cost - SV_SEG_EPS && op->is_valid(P, &mv))
            return op->apply(P, &mv);
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
        for (int o = 0; o < sv_noperators; o++)
            if (sv_operators[o]->penalised.begin && try_move(P, &sv_operators[o]->penalised, u, v))
                return true;
    }
    return P->where[u] >= 0 && sv_seg_load(P, P->where[u]) && to_empty(P, u);
}

bool sv_pls_improve(pls *P, int u)
{
    return improve_job(P, u);
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
    free(P->job_late);
    free(P->seen_work);
    sv_balance_free(&P->bal);
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
    for (int u = 0; u < c->njobs; u++) {
        P->job_seg[u] = sv_seg_job(c, u);
        const model_job *j = &c->p->jobs[u];
        P->side |= j->nwindows > 0 && sv_soft_rate(j->lateness) > 0;
    }
    P->side |= c->balance > 0;
    if (P->side) {
        P->job_late = malloc(n * sizeof *P->job_late);
        if (c->balance > 0)
            P->seen_work = calloc(ns, sizeof *P->seen_work);
        if (!P->job_late || (c->balance > 0 && (!P->seen_work || !sv_balance_init(&P->bal, c)))) {
            sv_pls_free(P);
            return NULL;
        }
        for (int u = 0; u < c->njobs; u++)
            P->job_late[u] = sv_late_job(c, u);
    }
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

void sv_pls_begin(sv_pls *P, sv_sol *s, const sv_penalty *pen)
{
    const sv_ctx *c = P->c;
    P->s = s;
    P->wtw = pen->w_tw;
    P->wld = pen->w_load;
    P->oom = false;
    P->nloaded = 0;
    if (P->seen_work) { /* the routes not loaded count as the solution has them */
        memset(P->bal.work, 0, (size_t)P->bal.n * sizeof *P->bal.work);
        for (int k = 0; k < c->nslots; k++)
            sv_balance_add(&P->bal, c, k, s->r[k].work);
        P->bal_stale = true;
    }
    memcpy(P->where, s->where, (size_t)c->njobs * sizeof *P->where);
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
    P->deadline = deadline;
    sv_pls_begin(P, s, pen);
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

