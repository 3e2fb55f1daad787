/* route_cost.c - the costs of FORMAT.md extension 2 on solver routes:
 * lateness past a job's window, overtime past a shift's end, the preferred
 * technicians' bonuses, working time for the balance term, and THE cost of
 * a whole route (route.h). Everything is read from a route's forward
 * states (route.c), which hold the earliest service starts that
 * solver/output.c writes, so the search's numbers are the schedule's. */
#include <stdlib.h>

#include "solver/route.h"

/* The departure output.c writes: as late as the first job allows (with a
 * break first, the shift start). */
static int64_t departure(const sv_ctx *c, const sv_route *r)
{
    const sv_slot *s = &c->slots[r->slot];
    if (r->n == 0 || sv_is_break(r->node[0]))
        return s->t0;
    const model_job *j = &c->p->jobs[r->node[0]];
    int64_t start = r->fw[1].t - j->duration;
    int64_t leave = start - sv_travel(c, s->sloc, j->location);
    return leave > s->t0 ? leave : s->t0;
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
    out->work = arrive - departure(c, r);
    out->cost = out->travel + out->lateness + out->overtime - out->bonus;
}

void sv_route_soft_update(const sv_ctx *c, sv_route *r)
{
    sv_route_cost_terms t;
    sv_route_cost_of(c, r, &t);
    r->soft = t.lateness + t.overtime;
    r->work = t.work;
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

int64_t sv_balance_cost(const sv_ctx *c, const sv_route *routes, int nroutes)
{
    const model_problem *p = c->p;
    if (c->balance <= 0)
        return 0;
    int64_t *work = calloc((size_t)p->ntechnicians + 1, sizeof *work);
    if (!work)
        return 0; /* only the ranking suffers; the schedule's summary is exact */
    for (int k = 0; k < nroutes; k++)
        work[c->slots[routes[k].slot].tech] += routes[k].work;
    int n = 0;
    for (int t = 0; t < p->ntechnicians; t++)
        if (p->technicians[t].nshifts > 0)
            work[n++] = work[t];
    int64_t cost = model_balance_cost(c->balance, work, n);
    free(work);
    return cost;
}
