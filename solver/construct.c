/* construct.c - the first schedule: regret-2 insertion.
 *
 * Each step inserts the job that would lose most by waiting (the difference
 * between its best and second-best route), higher priorities first, at its
 * cheapest feasible position. The best position of every job in every route
 * is cached and only the route that changed is re-evaluated, so a step costs
 * O(jobs x (route length + candidate slots)). Very large instances fall
 * back to cheapest insertion in a fixed order. */
#include <stdlib.h>

#include "solver/search.h"

#define REGRET_MAX_CELLS 4000000
/* With a balance cost, every cell is repriced at every step against the
 * technicians' current working times: O(cells x technicians) a step, so
 * only up to this product (else the balance is left to the search). */
#define REGRET_MAX_BALANCE_WORK 20000000

typedef struct cell {
    int64_t cost;  /* SV_INF: cannot go there */
    int64_t dwork; /* the route's change of working time (extension 2) */
    int pos;
} cell;

static void eval_cell(const sv_ctx *c, const sv_sol *s, int u, int k, cell *out)
{
    if (!sv_best_in_route_work(c, &s->r[k], u, &out->pos, &out->cost, &out->dwork))
        out->cost = SV_INF;
}

/* A cell's cost, with the change of the balance cost it brings when bal
 * prices one (the totals before the step; bal NULL: none). */
static int64_t cell_cost(const sv_ctx *c, sv_balance *bal, const cell *x, int k)
{
    if (!bal || x->cost == SV_INF)
        return x->cost;
    return x->cost + sv_balance_try(bal, c, k, x->dwork, -1, 0) - bal->cost;
}

static int find_cand(const sv_ctx *c, int u, int k)
{
    const int *cand = c->cand + c->cand_off[u];
    int lo = 0, hi = c->cand_n[u] - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (cand[mid] == k)
            return mid;
        if (cand[mid] < k)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static bool regret_insertion(const sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick,
                             void *tick_ctx)
{
    size_t ncells = (size_t)c->cand_off[c->njobs - 1] + (size_t)c->cand_n[c->njobs - 1];
    cell *cells = malloc((ncells ? ncells : 1) * sizeof *cells);
    int *open = malloc((size_t)c->njobs * sizeof *open);
    if (!cells || !open) {
        free(cells);
        free(open);
        return false;
    }
    /* the balance (extension 2): the technicians' working times so far */
    sv_balance bal = {0}, *pbal = NULL;
    if (c->balance > 0 && sv_balance_of_routes(&bal, c, s->r, s->nr) &&
        (double)ncells * (double)bal.n <= REGRET_MAX_BALANCE_WORK)
        pbal = &bal;
    int nopen = 0;
    for (int u = 0; u < c->njobs; u++) {
        if (s->where[u] >= 0 || c->cand_n[u] == 0)
            continue;
        open[nopen++] = u;
        for (int q = 0; q < c->cand_n[u]; q++)
            eval_cell(c, s, u, c->cand[c->cand_off[u] + q], &cells[c->cand_off[u] + q]);
    }
    bool ok = true;
    while (nopen > 0) {
        if (sv_now() >= deadline) {
            s->time_cut = true;
            break;
        }
        if (tick)
            tick(tick_ctx, s);
        int pick = -1, pick_q = -1;
        double pick_key = -1;
        for (int o = 0; o < nopen; o++) {
            int u = open[o];
            const cell *row = cells + c->cand_off[u];
            int64_t b1 = SV_INF, b2 = SV_INF;
            int bq = -1;
            for (int q = 0; q < c->cand_n[u]; q++) {
                int64_t cq = cell_cost(c, pbal, &row[q], c->cand[c->cand_off[u] + q]);
                if (cq < b1) {
                    b2 = b1;
                    b1 = cq;
                    bq = q;
                } else if (cq < b2) {
                    b2 = cq;
                }
            }
            if (bq < 0) { /* fits nowhere any more: stays unassigned */
                open[o--] = open[--nopen];
                continue;
            }
            double regret = b2 == SV_INF ? 1e11 : (double)(b2 - b1);
            if (regret > 1e11)
                regret = 1e11;
            double key = (double)c->p->jobs[u].priority * 1e12 + regret;
            if (key > pick_key || (key == pick_key && u < pick)) {
                pick_key = key;
                pick = u;
                pick_q = bq;
            }
        }
        if (pick < 0)
            break;
        int k = c->cand[c->cand_off[pick] + pick_q];
        int64_t work_before = s->r[k].work;
        if (!sv_sol_insert(c, s, pick, k, cells[c->cand_off[pick] + pick_q].pos)) {
            ok = false;
            break;
        }
        if (pbal) {
            sv_balance_add(pbal, c, k, s->r[k].work - work_before);
            sv_balance_reprice(pbal, c);
        }
        for (int o = 0; o < nopen; o++) {
            if (open[o] == pick) {
                open[o--] = open[--nopen];
                continue;
            }
            int q = find_cand(c, open[o], k);
            if (q >= 0)
                eval_cell(c, s, open[o], k, &cells[c->cand_off[open[o]] + q]);
        }
    }
    sv_balance_free(&bal);
    free(cells);
    free(open);
    return ok;
}

static int cmp_ranked(const void *a, const void *b)
{
    const sv_ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->u - y->u;
}

void sv_rank(sv_ranked *items, int n)
{
    qsort(items, (size_t)n, sizeof *items, cmp_ranked);
}

/* Cheapest insertion, jobs by priority then input order. */
static bool sequential_insertion(const sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick,
                                 void *tick_ctx)
{
    sv_ranked *order = malloc((size_t)c->njobs * sizeof *order);
    if (!order)
        return false;
    for (int u = 0; u < c->njobs; u++) /* higher priority first */
        order[u] = (sv_ranked){-(double)c->p->jobs[u].priority, u};
    sv_rank(order, c->njobs);
    bool ok = true;
    sv_balance bal = {0};
    bool kept = c->soft && sv_balance_of_routes(&bal, c, s->r, s->nr);
    for (int q = 0; q < c->njobs && ok; q++) {
        if ((q & 15) == 0 && sv_now() >= deadline) {
            s->time_cut = true;
            break;
        }
        if ((q & 15) == 0 && tick)
            tick(tick_ctx, s);
        int u = order[q].u, k, pos;
        int64_t cost;
        if (s->where[u] < 0 &&
            sv_best_insertion_kept(c, s, u, 0, NULL, kept ? &bal : NULL, &k, &pos, &cost))
            ok = sv_sol_insert_kept(c, s, kept ? &bal : NULL, u, k, pos);
    }
    sv_balance_free(&bal);
    free(order);
    return ok;
}

bool sv_construct_ticking(const sv_ctx *c, sv_sol *s, double deadline, sv_tick_fn tick,
                          void *tick_ctx)
{
    if (c->njobs == 0)
        return true;
    size_t ncells = (size_t)c->cand_off[c->njobs - 1] + (size_t)c->cand_n[c->njobs - 1];
    if (ncells <= REGRET_MAX_CELLS && c->njobs <= 1200)
        return regret_insertion(c, s, deadline, tick, tick_ctx);
    return sequential_insertion(c, s, deadline, tick, tick_ctx);
}

bool sv_construct(const sv_ctx *c, sv_sol *s, double deadline)
{
    return sv_construct_ticking(c, s, deadline, NULL, NULL);
}

bool sv_warm_start(const sv_ctx *c, sv_sol *s)
{
    sv_ranked *items = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *items);
    int *jobs = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *jobs);
    bool ok = items && jobs;
    for (int k = 0; ok && k < c->nslots; k++) {
        int m = 0;
        for (int u = 0; u < c->njobs; u++)
            if (c->prev_slot[u] == k && sv_compat(c, u, k))
                items[m++] = (sv_ranked){(double)c->prev_start[u], u}; /* exact: < 2^53 s */
        if (m == 0)
            continue;
        sv_rank(items, m);
        for (int i = 0; i < m; i++)
            jobs[i] = items[i].u;
        const sv_slot *sl = &c->slots[k];
        sv_route *r = &s->r[k];
        /* drop from the end until the route keeps every rule */
        while (m > 0) {
            if (sv_route_set_jobs(c, r, jobs, m) &&
                (sl->maxj < 0 || r->njobs <= sl->maxj) && (sl->cap <= 0 || r->load <= sl->cap + 1e-9))
                break;
            m--;
        }
        if (m == 0 && !sv_route_clear(c, r))
            ok = false;
    }
    free(items);
    free(jobs);
    if (ok)
        sv_sol_recount(c, s);
    return ok;
}
