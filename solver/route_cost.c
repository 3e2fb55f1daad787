/* route_cost.c - the costs of FORMAT.md extension 2 on solver routes:
 * lateness past a job's window, overtime past a shift's end, the preferred
 * technicians' bonuses, working time for the balance term, and THE cost of
 * a whole route (route.h). Everything is read from a route's forward
 * states (route.c), which hold the earliest service starts that
 * solver/output.c writes, so the search's numbers are the schedule's. */
#include <stdlib.h>

#include "solver/route.h"

int64_t sv_departure(const sv_ctx *c, int k, int first, int64_t start)
{
    const sv_slot *s = &c->slots[k];
    if (sv_is_break(first))
        return s->t0;
    int64_t leave = start - sv_travel(c, s->sloc, c->p->jobs[first].location);
    return leave > s->t0 ? leave : s->t0;
}

int64_t sv_route_departure(const sv_ctx *c, const sv_route *r)
{
    if (r->n == 0)
        return c->slots[r->slot].t0;
    int first = r->node[0];
    return sv_departure(c, r->slot, first,
                        sv_is_break(first) ? 0 : r->fw[1].t - c->p->jobs[first].duration);
}

void sv_route_cost_of(const sv_ctx *c, const sv_route *r, sv_route_cost_terms *out)
{
    const sv_slot *s = &c->slots[r->slot];
    *out = (sv_route_cost_terms){0};
    out->travel = r->travel;
    if (r->njobs == 0)
        return;
    for (int i = 0; i < r->n; i++) {
        int u = r->node[i];
        if (sv_is_break(u))
            continue;
        const model_job *j = &c->p->jobs[u];
        if (j->lateness.max_s >= 0)
            out->lateness += model_soft_limit_cost(
                j->lateness, model_job_late_s(j, r->fw[i + 1].t - j->duration, NULL));
        if (c->has_bonus)
            out->bonus += model_job_preference_bonus(j, s->tech);
    }
    int64_t arrive = r->fw[r->n].t + sv_travel(c, r->fw[r->n].loc, s->eloc);
    if (s->ot.max_s >= 0)
        out->overtime = model_soft_limit_cost(s->ot, arrive - s->tend);
    out->work = arrive - sv_route_departure(c, r);
    out->cost = out->travel + out->lateness + out->overtime - out->bonus;
}

void sv_route_soft_update(const sv_ctx *c, sv_route *r)
{
    sv_route_cost_terms t;
    sv_route_cost_of(c, r, &t);
    r->soft = t.lateness + t.overtime;
    r->work = t.work;
    sv_soft_route view = {r->slot, r->n, r->node, r->fw};
    r->sf_ready = sv_soft_fn_build(c, &view, &r->sf);
    r->soft_lin = r->sf_ready ? r->sf.total : (double)r->soft;
}

bool sv_route_cost(const sv_ctx *c, int k, const int *jobs, int m, sv_route *scratch,
                   sv_route_cost_terms *out)
{
    const sv_slot *s = &c->slots[k];
    for (int i = 0; i < m; i++)
        if (!sv_compat(c, jobs[i], k))
            return false;
    scratch->slot = k;
    if (!sv_route_set_jobs(c, scratch, jobs, m))
        return false;
    if ((s->maxj >= 0 && scratch->njobs > s->maxj) ||
        (s->cap > 0 && scratch->load > s->cap + 1e-9))
        return false;
    sv_route_cost_of(c, scratch, out);
    return true;
}

bool sv_balance_of_routes(sv_balance *b, const sv_ctx *c, const sv_route *routes, int nroutes)
{
    if (!sv_balance_init(b, c))
        return false;
    for (int k = 0; k < nroutes; k++)
        sv_balance_add(b, c, routes[k].slot, routes[k].work);
    sv_balance_reprice(b, c);
    return true;
}

int64_t sv_balance_cost(const sv_ctx *c, const sv_route *routes, int nroutes)
{
    sv_balance b;
    /* out of memory: only the ranking suffers; the schedule's summary is exact */
    sv_balance_of_routes(&b, c, routes, nroutes);
    int64_t cost = b.cost;
    sv_balance_free(&b);
    return cost;
}
