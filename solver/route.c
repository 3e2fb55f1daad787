/* route.c - route timing: forward simulation, the latest-start caches and
 * incremental checks of candidate changes (see route.h). */
#include <stdlib.h>
#include <string.h>

#include "solver/route.h"

static inline int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static inline int64_t min64(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

static inline int job_loc(const sv_ctx *c, int j)
{
    return c->p->jobs[j].location;
}

int64_t sv_job_earliest(const sv_ctx *c, int j, int64_t a)
{
    const sv_win *w = c->win + c->win_off[j];
    for (int k = 0; k < c->win_n[j]; k++)
        if (a <= w[k].e)
            return max64(a, w[k].s);
    return SV_INF;
}

int64_t sv_job_latest(const sv_ctx *c, int j, int64_t x)
{
    const sv_win *w = c->win + c->win_off[j];
    int64_t best = SV_NEG_INF;
    for (int k = 0; k < c->win_n[j]; k++)
        if (w[k].s <= x)
            best = max64(best, min64(x, w[k].e));
    return best;
}

/* A break either waits for the arrival at the next stop (travel first: it
 * then also uses waiting time there) or, when that would start it after its
 * latest, is taken where the technician is before driving. Travelling first
 * is never later, so trying it first keeps the simulation earliest and
 * monotone. */
static bool step_break(const sv_ctx *c, const model_break *b, int next_loc, sv_state *st,
                       int64_t *bstart)
{
    if (next_loc >= 0 && next_loc != st->loc) {
        int64_t bs = max64(st->t + sv_travel(c, st->loc, next_loc), b->earliest);
        if (bs <= b->latest) {
            st->t = bs + b->duration;
            st->loc = next_loc;
            *bstart = bs;
            return true;
        }
    }
    int64_t bs = max64(st->t, b->earliest);
    if (bs > b->latest)
        return false;
    st->t = bs + b->duration;
    *bstart = bs;
    return true;
}

bool sv_step_ex(const sv_ctx *c, const sv_slot *s, int node, int next_loc, sv_state *st,
                int64_t *arrival, int64_t *start)
{
    if (sv_is_break(node)) {
        if (!step_break(c, &s->br[-node - 1], next_loc, st, start))
            return false;
        *arrival = *start;
        return true;
    }
    int loc = job_loc(c, node);
    *arrival = st->t + sv_travel(c, st->loc, loc);
    *start = sv_job_earliest(c, node, *arrival);
    if (*start == SV_INF)
        return false;
    st->t = *start + c->p->jobs[node].duration;
    st->loc = loc;
    return true;
}

bool sv_step(const sv_ctx *c, const sv_slot *s, int node, int next_loc, sv_state *st)
{
    int64_t a, b;
    return sv_step_ex(c, s, node, next_loc, st, &a, &b);
}

/* Location of the first job at or after position i, else the end location. */
int sv_next_located(const sv_ctx *c, const sv_slot *s, const int *nodes, int n, int i)
{
    while (i < n && sv_is_break(nodes[i]))
        i++;
    return i < n ? job_loc(c, nodes[i]) : s->eloc;
}

/* sv_simulate, also adding to *late (when not NULL) the jobs' lateness
 * costs, rounded as the schedule's summary rounds them. */
static bool simulate(const sv_ctx *c, int k, const int *nodes, int n, int64_t *travel,
                     int64_t *end, int64_t *late)
{
    const sv_slot *s = &c->slots[k];
    sv_state st = {s->t0, s->sloc};
    int prev = s->sloc;
    int64_t tr = 0;
    for (int i = 0; i < n; i++) {
        int nl = sv_is_break(nodes[i]) ? sv_next_located(c, s, nodes, n, i) : -1;
        int64_t arrival, start;
        if (!sv_step_ex(c, s, nodes[i], nl, &st, &arrival, &start))
            return false;
        if (!sv_is_break(nodes[i])) {
            tr += sv_travel(c, prev, job_loc(c, nodes[i]));
            prev = job_loc(c, nodes[i]);
            const model_job *j = late ? &c->p->jobs[nodes[i]] : NULL;
            if (j && j->lateness.max_s >= 0)
                *late += model_soft_limit_cost(j->lateness, model_job_late_s(j, start, NULL));
        }
    }
    tr += sv_travel(c, prev, s->eloc);
    int64_t arr = st.t + sv_travel(c, st.loc, s->eloc);
    if (arr > s->t1)
        return false;
    if (travel)
        *travel = tr;
    if (end)
        *end = arr;
    return true;
}

bool sv_simulate(const sv_ctx *c, int k, const int *nodes, int n, int64_t *travel, int64_t *end)
{
    return simulate(c, k, nodes, n, travel, end, NULL);
}

/* Whether the unchanged rest of r from position i is feasible when the
 * technician is free in state st just before it. */
static bool suffix_ok(const sv_ctx *c, const sv_route *r, int i, sv_state st)
{
    const sv_slot *s = &c->slots[r->slot];
    int k = i;
    while (k < r->n && sv_is_break(r->node[k]))
        k++;
    int nl = k < r->n ? job_loc(c, r->node[k]) : s->eloc;
    for (int q = i; q < k; q++)
        if (!sv_step(c, s, r->node[q], nl, &st))
            return false;
    if (r->lst[k] == SV_NEG_INF)
        return false;
    return st.t + sv_travel(c, st.loc, nl) <= r->lst[k];
}

static bool ensure_cap(sv_route *r, int need)
{
    if (need <= r->cap)
        return true;
    int ncap = r->cap ? r->cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    int *nn = realloc(r->node, (size_t)ncap * sizeof *nn);
    if (!nn)
        return false;
    r->node = nn;
    sv_state *fw = realloc(r->fw, (size_t)(ncap + 1) * sizeof *fw);
    if (!fw)
        return false;
    r->fw = fw;
    int64_t *lst = realloc(r->lst, (size_t)(ncap + 1) * sizeof *lst);
    if (!lst)
        return false;
    r->lst = lst;
    r->cap = ncap;
    return true;
}

/* Latest time the technician may be free at job node i's location so that
 * the breaks after it and the next job (position k) still fit: the
 * simulation through breaks is monotone, so a binary search finds it. */
static int64_t latest_departure(const sv_ctx *c, const sv_route *r, int i, int k)
{
    int loc = job_loc(c, r->node[i]);
    int nl = k < r->n ? job_loc(c, r->node[k]) : c->slots[r->slot].eloc;
    if (r->lst[k] == SV_NEG_INF)
        return SV_NEG_INF;
    if (k == i + 1)
        return r->lst[k] - sv_travel(c, loc, nl);
    int64_t lo = r->fw[i + 1].t, hi = r->lst[k];
    if (!suffix_ok(c, r, i + 1, (sv_state){lo, loc}))
        return SV_NEG_INF;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo + 1) / 2;
        if (suffix_ok(c, r, i + 1, (sv_state){mid, loc}))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

bool sv_route_update(const sv_ctx *c, sv_route *r)
{
    const sv_slot *s = &c->slots[r->slot];
    if (!ensure_cap(r, r->n + 1))
        return false;
    r->fw[0] = (sv_state){s->t0, s->sloc};
    r->travel = 0;
    r->spen = 0;
    r->load = 0;
    r->njobs = 0;
    int prev = s->sloc;
    bool ok = true;
    for (int i = 0; i < r->n; i++) {
        int node = r->node[i];
        sv_state st = r->fw[i];
        int nl = sv_is_break(node) ? sv_next_located(c, s, r->node, r->n, i) : -1;
        if (ok && !sv_step(c, s, node, nl, &st))
            ok = false;
        r->fw[i + 1] = st;
        if (!sv_is_break(node)) {
            r->travel += sv_travel(c, prev, job_loc(c, node));
            prev = job_loc(c, node);
            r->load += c->p->jobs[node].load;
            r->njobs++;
            if (c->shift_pen && c->prev_slot && c->prev_slot[node] == r->slot) {
                int64_t d = st.t - c->p->jobs[node].duration - c->prev_start[node];
                if (d > 900 || d < -900)
                    r->spen += c->shift_pen;
            }
        }
    }
    r->soft = r->work = 0;
    r->soft_lin = 0;
    r->sf_ready = false;
    if (r->njobs == 0) {
        r->n = 0; /* no job: no breaks either (FORMAT.md rule 6) */
        r->travel = 0;
        r->lst[0] = s->t1;
        return true;
    }
    r->travel += sv_travel(c, prev, s->eloc);
    if (ok && r->fw[r->n].t + sv_travel(c, r->fw[r->n].loc, s->eloc) > s->t1)
        ok = false;
    r->lst[r->n] = ok ? s->t1 : SV_NEG_INF;
    if (ok && c->soft)
        sv_route_soft_update(c, r);
    int k = r->n; /* next located position */
    for (int i = r->n - 1; i >= 0; i--) {
        int node = r->node[i];
        if (sv_is_break(node)) {
            r->lst[i] = SV_NEG_INF;
            continue;
        }
        int64_t d = latest_departure(c, r, i, k);
        r->lst[i] = d == SV_NEG_INF ? SV_NEG_INF
                                    : sv_job_latest(c, node, d - c->p->jobs[node].duration);
        k = i;
    }
    return ok;
}

/* The nodes of slot s's route of job u alone, after pos of its breaks,
 * into nodes; returns their number. */
static int with_breaks(const sv_slot *s, int u, int pos, int *nodes)
{
    int n = 0;
    for (int b = 0; b < s->nbr; b++) {
        if (b == pos)
            nodes[n++] = u;
        nodes[n++] = -(b + 1);
    }
    if (pos == s->nbr)
        nodes[n++] = u;
    return n;
}

/* Best gap for job u among the breaks of an empty slot (the one ending
 * earliest); returns the number of breaks before u, or -1 if none fits. */
static int empty_best(const sv_ctx *c, int k, int u)
{
    const sv_slot *s = &c->slots[k];
    int nodes[MODEL_MAX_BREAKS_PER_SHIFT + 1];
    int best = -1;
    int64_t best_end = SV_INF;
    for (int pos = 0; pos <= s->nbr; pos++) {
        int n = with_breaks(s, u, pos, nodes);
        int64_t end;
        if (sv_simulate(c, k, nodes, n, NULL, &end) && end < best_end) {
            best_end = end;
            best = pos;
        }
    }
    return best;
}

/* The nodes of an empty slot k given job u (its breaks around it as
 * empty_best places them) into nodes; returns their number, or -1 when u
 * fits nowhere. */
static int empty_nodes(const sv_ctx *c, int k, int u, int *nodes)
{
    int pos = empty_best(c, k, u);
    return pos < 0 ? -1 : with_breaks(&c->slots[k], u, pos, nodes);
}

/* (Always inlined: it has two callers, and one is the hottest check.) */
__attribute__((always_inline)) static inline bool capacity_ok(const sv_ctx *c, const sv_route *r,
                                                             int i, int j, const int *ins, int m)
{
    const sv_slot *s = &c->slots[r->slot];
    int njobs = r->njobs - (j - i) + m;
    if (s->maxj >= 0 && njobs > s->maxj)
        return false;
    if (s->cap > 0) {
        double load = r->load;
        for (int q = i; q < j; q++)
            load -= c->p->jobs[r->node[q]].load;
        for (int q = 0; q < m; q++)
            load += c->p->jobs[ins[q]].load;
        if (load > s->cap + 1e-9)
            return false;
    }
    return true;
}

/* The changed part of a replacement of nodes [i, j) by ins[0..m)
 * simulated from the state before the breaks that precede i: those breaks
 * and the inserted jobs; *st is then the state before position j. late
 * (may be NULL) gets the inserted jobs' linear lateness cost added and
 * *first (may be NULL) the start of ins[0]. false when infeasible. */
static bool walk_changed(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m,
                         sv_state *st, double *late, int64_t *first)
{
    const sv_slot *s = &c->slots[r->slot];
    int b0 = i;
    while (b0 > 0 && sv_is_break(r->node[b0 - 1]))
        b0--;
    int nextloc = sv_next_located(c, s, r->node, r->n, j);
    int firstloc = m > 0 ? job_loc(c, ins[0]) : nextloc;
    *st = r->fw[b0];
    for (int q = b0; q < i; q++)
        if (!sv_step(c, s, r->node[q], firstloc, st))
            return false;
    for (int q = 0; q < m; q++) {
        int64_t a, start;
        if (!sv_step_ex(c, s, ins[q], -1, st, &a, &start))
            return false;
        if (late)
            *late += sv_soft_late(c, ins[q], start);
        if (first && q == 0)
            *first = start;
    }
    return true;
}

/* What sv_eval_replace checks before any timing: the rules of the
 * inserted jobs, the load, and an empty route's one supported shape.
 * (sv_eval_replace, the search's hottest check, writes them out: called
 * or inlined from here, r108 ran 2-5 % more instructions.) */
static bool replace_fits(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m)
{
    for (int q = 0; q < m; q++)
        if (!sv_compat(c, ins[q], r->slot))
            return false;
    if (!capacity_ok(c, r, i, j, ins, m))
        return false;
    return !(r->njobs == 0 && r->njobs - (j - i) + m != 0 && m != 1);
}

bool sv_eval_replace(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m,
                     int64_t limit, int64_t *dtravel)
{
    for (int q = 0; q < m; q++)
        if (!sv_compat(c, ins[q], r->slot))
            return false;
    if (!capacity_ok(c, r, i, j, ins, m))
        return false;
    if (r->njobs == 0 && r->njobs - (j - i) + m != 0 && m != 1)
        return false;
    /* travel first: it is cheap and prunes most candidates */
    *dtravel = sv_replace_dtravel(c, r, i, j, ins, m);
    if (*dtravel > limit)
        return false;
    if (r->njobs - (j - i) + m == 0)
        return true;
    if (r->njobs == 0)
        return empty_best(c, r->slot, ins[0]) >= 0;
    sv_state st;
    return walk_changed(c, r, i, j, ins, m, &st, NULL, NULL) && suffix_ok(c, r, j, st);
}

/* Simulates nodes[from..n) of slot k from state st: adds the jobs' linear
 * lateness cost to *late, sets *end to the end arrival and *first to the
 * start of nodes[from] when it is a job. false when infeasible. */
static bool walk_rest(const sv_ctx *c, int k, const int *nodes, int n, int from, sv_state st,
                      double *late, int64_t *end, int64_t *first)
{
    const sv_slot *s = &c->slots[k];
    for (int q = from; q < n; q++) {
        int nl = sv_is_break(nodes[q]) ? sv_next_located(c, s, nodes, n, q) : -1;
        int64_t a, start;
        if (!sv_step_ex(c, s, nodes[q], nl, &st, &a, &start))
            return false;
        if (!sv_is_break(nodes[q]))
            *late += sv_soft_late(c, nodes[q], start);
        if (q == from)
            *first = start;
    }
    *end = st.t + sv_travel(c, st.loc, s->eloc);
    return *end <= s->t1;
}

static double overtime_lin(const sv_slot *s, int64_t end)
{
    return end > s->tend ? sv_soft_rate(s->ot) * (double)(end - s->tend) : 0;
}

/* One job into an empty route, simulated as sv_route_replace places it. */
static bool price_empty(const sv_ctx *c, int k, int u, sv_soft_price *out)
{
    const sv_slot *s = &c->slots[k];
    int nodes[MODEL_MAX_BREAKS_PER_SHIFT + 1];
    int n = empty_nodes(c, k, u, nodes);
    double late = 0;
    int64_t end, first = 0;
    if (n < 0 || !walk_rest(c, k, nodes, n, 0, (sv_state){s->t0, s->sloc}, &late, &end, &first))
        return false;
    out->soft = late + overtime_lin(s, end);
    out->work = end - sv_departure(c, k, nodes[0], first);
    return true;
}

/* The soft price of a replacement whose changed part walk_changed took to
 * state st (late: the lateness so far, first_ins: the start of ins[0]). */
static bool price_rest(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m,
                       sv_state st, double late, int64_t first_ins, sv_soft_price *out)
{
    const sv_slot *s = &c->slots[r->slot];
    int64_t first_rest = 0, end;
    int k = j; /* the first unchanged job, or the end */
    while (k < r->n && sv_is_break(r->node[k]))
        k++;
    int nl = k < r->n ? job_loc(c, r->node[k]) : s->eloc;
    sv_state at = st;
    for (int q = j; q < k; q++)
        if (!sv_step(c, s, r->node[q], nl, &at))
            return false;
    int64_t a = at.t + sv_travel(c, at.loc, nl);
    if (sv_soft_fn_holds(&r->sf, k, a)) {
        out->soft = late + sv_soft_fn_eval(&r->sf, k, a);
        end = sv_soft_fn_end(&r->sf, k, a);
        if (k < r->n)
            first_rest = sv_job_earliest(c, r->node[k], a);
    } else { /* a later break would be taken elsewhere, or a job has several windows */
        if (!walk_rest(c, r->slot, r->node, r->n, j, st, &late, &end, &first_rest))
            return false;
        out->soft = late + overtime_lin(s, end);
    }
    int64_t dep = i > 0    ? sv_route_departure(c, r)
                  : m > 0 ? sv_departure(c, r->slot, ins[0], first_ins)
                          : sv_departure(c, r->slot, r->node[j], first_rest);
    out->work = end - dep;
    return true;
}

bool sv_eval_replace_soft(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins,
                          int m, int64_t *dtravel, sv_soft_price *out)
{
    *out = (sv_soft_price){0, 0};
    if (!replace_fits(c, r, i, j, ins, m))
        return false;
    *dtravel = sv_replace_dtravel(c, r, i, j, ins, m);
    if (r->njobs - (j - i) + m == 0)
        return true;
    if (r->njobs == 0)
        return empty_best(c, r->slot, ins[0]) >= 0 && price_empty(c, r->slot, ins[0], out);
    if (!r->sf_ready)
        return false;
    sv_state st;
    double late = r->sf.at[i].pre; /* the jobs before i keep their times */
    int64_t first_ins = 0;
    return walk_changed(c, r, i, j, ins, m, &st, &late, &first_ins) && suffix_ok(c, r, j, st) &&
           price_rest(c, r, i, j, ins, m, st, late, first_ins, out);
}

int64_t sv_replace_dtravel(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m)
{
    const sv_slot *s = &c->slots[r->slot];
    if (r->njobs - (j - i) + m == 0)
        return -r->travel;
    if (r->njobs == 0) {
        if (m != 1)
            return 0; /* sv_eval_replace refuses it */
        int l = job_loc(c, ins[0]);
        return sv_travel(c, s->sloc, l) + sv_travel(c, l, s->eloc);
    }
    int b0 = i;
    while (b0 > 0 && sv_is_break(r->node[b0 - 1]))
        b0--;
    int prevloc = b0 > 0 ? job_loc(c, r->node[b0 - 1]) : s->sloc;
    int nextloc = sv_next_located(c, s, r->node, r->n, j);
    int64_t old = 0, neu = 0;
    int a = prevloc;
    for (int q = i; q < j; q++) {
        int l = job_loc(c, r->node[q]);
        old += sv_travel(c, a, l);
        a = l;
    }
    old += sv_travel(c, a, nextloc);
    a = prevloc;
    for (int q = 0; q < m; q++) {
        int l = job_loc(c, ins[q]);
        neu += sv_travel(c, a, l);
        a = l;
    }
    neu += sv_travel(c, a, nextloc);
    return neu - old;
}

bool sv_route_replace(const sv_ctx *c, sv_route *r, int i, int j, const int *ins, int m)
{
    const sv_slot *s = &c->slots[r->slot];
    if (r->njobs == 0) {
        int nodes[MODEL_MAX_BREAKS_PER_SHIFT + 1];
        int n = m == 1 ? empty_nodes(c, r->slot, ins[0], nodes) : -1;
        if (n < 0 || !ensure_cap(r, s->nbr + 2))
            return false;
        memcpy(r->node, nodes, (size_t)n * sizeof *nodes);
        r->n = n;
        return sv_route_update(c, r);
    }
    int newn = r->n - (j - i) + m;
    if (!ensure_cap(r, newn + 1))
        return false;
    memmove(r->node + i + m, r->node + j, (size_t)(r->n - j) * sizeof *r->node);
    if (m > 0)
        memcpy(r->node + i, ins, (size_t)m * sizeof *ins);
    r->n = newn;
    bool ok = sv_route_update(c, r);
    if (ok && s->nbr > 0 && r->njobs > 0)
        sv_route_fix_breaks(c, r);
    return ok;
}

int sv_route_find(const sv_route *r, int u)
{
    for (int i = 0; i < r->n; i++)
        if (r->node[i] == u)
            return i;
    return -1;
}

/* A break placement's rank: the arrival at the end, then (with extension
 * 2's costs, c->soft) the lateness cost of the jobs, so that of two
 * placements that end as early the one that keeps a job on time wins;
 * false when nodes[0..n) is infeasible on slot k. */
static bool placement_rank(const sv_ctx *c, int k, const int *nodes, int n, int64_t *end,
                           int64_t *late)
{
    *late = 0;
    return simulate(c, k, nodes, n, NULL, end, c->soft ? late : NULL);
}

/* Whether (end, late) ranks before (best_end, best_late). */
static bool placement_better(int64_t end, int64_t late, int64_t best_end, int64_t best_late)
{
    return end < best_end || (end == best_end && late < best_late);
}

/* Moves break q (node position from) to position to in nodes (n long). */
static void move_node(int *nodes, int from, int to)
{
    int v = nodes[from];
    if (from < to)
        memmove(nodes + from, nodes + from + 1, (size_t)(to - from) * sizeof *nodes);
    else if (from > to)
        memmove(nodes + to + 1, nodes + to, (size_t)(from - to) * sizeof *nodes);
    nodes[to] = v;
}

void sv_route_fix_breaks(const sv_ctx *c, sv_route *r)
{
    const sv_slot *s = &c->slots[r->slot];
    if (s->nbr == 0 || r->njobs == 0)
        return;
    bool moved = false;
    for (int b = 0; b < s->nbr; b++) {
        int at = sv_route_find(r, -(b + 1));
        if (at < 0)
            continue;
        int lo = 0, hi = r->n - 1;
        for (int i = at - 1; i >= 0; i--)
            if (sv_is_break(r->node[i])) {
                lo = i + 1;
                break;
            }
        for (int i = at + 1; i < r->n; i++)
            if (sv_is_break(r->node[i])) {
                hi = i - 1;
                break;
            }
        int64_t best_end = SV_INF, best_late = 0;
        int best = at;
        if (!placement_rank(c, r->slot, r->node, r->n, &best_end, &best_late))
            best_end = SV_INF;
        for (int to = lo; to <= hi; to++) {
            if (to == at)
                continue;
            move_node(r->node, at, to);
            int64_t end, late;
            if (placement_rank(c, r->slot, r->node, r->n, &end, &late) &&
                placement_better(end, late, best_end, best_late)) {
                best_end = end;
                best_late = late;
                best = to;
            }
            move_node(r->node, to, at);
        }
        if (best != at) {
            move_node(r->node, at, best);
            moved = true;
        }
    }
    if (moved) /* the caches are the caller's, still right otherwise */
        sv_route_update(c, r);
}

bool sv_route_set_jobs(const sv_ctx *c, sv_route *r, const int *jobs, int m)
{
    const sv_slot *s = &c->slots[r->slot];
    int *nodes = malloc((size_t)(m + s->nbr + 1) * sizeof *nodes);
    if (!nodes)
        return false;
    memcpy(nodes, jobs, (size_t)m * sizeof *jobs);
    int n = m;
    int lo = 0;
    for (int b = 0; m > 0 && b < s->nbr; b++) {
        /* insert break b in the gap (after the previous break) that lets
         * the partial route end earliest */
        int best = -1;
        int64_t best_end = SV_INF, best_late = 0;
        for (int at = lo; at <= n; at++) {
            memmove(nodes + at + 1, nodes + at, (size_t)(n - at) * sizeof *nodes);
            nodes[at] = -(b + 1);
            int64_t end, late;
            if (placement_rank(c, r->slot, nodes, n + 1, &end, &late) &&
                placement_better(end, late, best_end, best_late)) {
                best_end = end;
                best_late = late;
                best = at;
            }
            memmove(nodes + at, nodes + at + 1, (size_t)(n - at) * sizeof *nodes);
        }
        if (best < 0) {
            free(nodes);
            return false;
        }
        memmove(nodes + best + 1, nodes + best, (size_t)(n - best) * sizeof *nodes);
        nodes[best] = -(b + 1);
        n++;
        lo = best + 1;
    }
    if (!ensure_cap(r, n + 1)) {
        free(nodes);
        return false;
    }
    memcpy(r->node, nodes, (size_t)n * sizeof *nodes);
    r->n = n;
    free(nodes);
    bool ok = sv_route_update(c, r);
    if (ok && s->nbr > 0)
        sv_route_fix_breaks(c, r);
    return ok;
}

void sv_route_free(sv_route *r)
{
    free(r->node);
    free(r->fw);
    free(r->lst);
    sv_soft_fn_free(&r->sf);
    memset(r, 0, sizeof *r);
}

bool sv_route_copy(sv_route *dst, const sv_route *src)
{
    if (!ensure_cap(dst, src->n + 1))
        return false;
    dst->slot = src->slot;
    dst->n = src->n;
    memcpy(dst->node, src->node, (size_t)src->n * sizeof *src->node);
    memcpy(dst->fw, src->fw, (size_t)(src->n + 1) * sizeof *src->fw);
    memcpy(dst->lst, src->lst, (size_t)(src->n + 1) * sizeof *src->lst);
    dst->travel = src->travel;
    dst->spen = src->spen;
    dst->soft = src->soft;
    dst->work = src->work;
    dst->soft_lin = src->soft_lin;
    dst->sf_ready = src->sf_ready && sv_soft_fn_copy(&dst->sf, &src->sf, src->n);
    dst->load = src->load;
    dst->njobs = src->njobs;
    return true;
}

bool sv_route_append_raw(sv_route *r, int node)
{
    if (!ensure_cap(r, r->n + 2))
        return false;
    r->node[r->n++] = node;
    return true;
}

int sv_route_jobs(const sv_route *r, int *out)
{
    int m = 0;
    for (int i = 0; i < r->n; i++)
        if (!sv_is_break(r->node[i]))
            out[m++] = r->node[i];
    return m;
}

bool sv_route_clear(const sv_ctx *c, sv_route *r)
{
    r->n = 0;
    return sv_route_update(c, r); /* an empty route is feasible: false only without memory */
}
