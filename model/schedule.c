/* schedule.c - building, summarising, copying and freeing schedules. */
#include "model/schedule.h"

#include "model/array.h"

#include <stdlib.h>
#include <string.h>

model_status model_schedule_create(model_schedule **out, const model_problem *p, model_error *err)
{
    *out = NULL;
    model_schedule *s = calloc(1, sizeof *s);
    if (!s)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (p && p->name && model_strdup_into(&s->problem_name, p->name, err) != MODEL_OK) {
        free(s);
        return MODEL_ERR_NOMEM;
    }
    *out = s;
    return MODEL_OK;
}

void model_schedule_free(model_schedule *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nroutes; i++)
        free(s->routes[i].stops);
    free(s->routes);
    for (int i = 0; i < s->nunassigned; i++)
        free(s->unassigned[i].reason);
    free(s->unassigned);
    free(s->problem_name);
    free(s);
}


model_status model_schedule_add_route(model_schedule *s, int tech, int shift, model_route **out,
                                      model_error *err)
{
    model_status st = model_array_grow((void **)&s->routes, &s->cap_routes, s->nroutes + 1,
                                       sizeof *s->routes, "schedule too large", err);
    if (st != MODEL_OK)
        return st;
    model_route *r = &s->routes[s->nroutes++];
    memset(r, 0, sizeof *r);
    r->technician = tech;
    r->shift = shift;
    if (out)
        *out = r;
    return MODEL_OK;
}

model_status model_route_add_stop(model_route *r, const model_stop *stop, model_error *err)
{
    model_status st = model_array_grow((void **)&r->stops, &r->cap, r->nstops + 1, sizeof *r->stops,
                                       "schedule too large", err);
    if (st != MODEL_OK)
        return st;
    r->stops[r->nstops++] = *stop;
    return MODEL_OK;
}

model_status model_schedule_add_unassigned(model_schedule *s, int job, const char *reason,
                                           model_error *err)
{
    model_status st = model_array_grow((void **)&s->unassigned, &s->cap_unassigned,
                                       s->nunassigned + 1, sizeof *s->unassigned,
                                       "schedule too large", err);
    if (st != MODEL_OK)
        return st;
    model_unassigned *u = &s->unassigned[s->nunassigned];
    u->job = job;
    u->reason = NULL;
    if ((st = model_strdup_into(&u->reason, reason ? reason : "", err)) != MODEL_OK)
        return st;
    s->nunassigned++;
    return MODEL_OK;
}

/* Extension 2's terms of one route into sum, its working time into work
 * (per technician; may be NULL). */
static void summarize_costs(const model_problem *p, const model_route *route, model_summary *sum,
                            int64_t *work)
{
    if (route->technician < 0 || route->technician >= p->ntechnicians || route->nstops < 2)
        return;
    const model_technician *t = &p->technicians[route->technician];
    for (int k = 0; k < route->nstops; k++) {
        const model_stop *st = &route->stops[k];
        if (st->kind != MODEL_STOP_JOB || st->job < 0 || st->job >= p->njobs)
            continue;
        const model_job *j = &p->jobs[st->job];
        if (j->lateness.max_s >= 0)
            sum->lateness_cost_s +=
                model_soft_limit_cost(j->lateness, model_job_late_s(j, st->start, NULL));
        sum->preference_bonus_s += model_job_preference_bonus(j, route->technician);
    }
    const model_stop *first = &route->stops[0], *end = &route->stops[route->nstops - 1];
    if (route->shift >= 0 && route->shift < t->nshifts) {
        const model_shift *sh = &t->shifts[route->shift];
        if (sh->overtime.max_s >= 0)
            sum->overtime_cost_s += model_soft_limit_cost(sh->overtime, end->start - sh->end);
    }
    if (work)
        work[route->technician] += end->start - first->end;
}

model_summary model_schedule_summarize(const model_problem *p, const model_schedule *s)
{
    model_summary sum = {0};
    char *served = calloc((size_t)(p->njobs ? p->njobs : 1), 1);
    int64_t *work = calloc((size_t)p->ntechnicians + 1, sizeof *work);
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *route = &s->routes[r];
        int last = -1, jobs = 0;
        summarize_costs(p, route, &sum, work);
        for (int k = 0; k < route->nstops; k++) {
            const model_stop *st = &route->stops[k];
            if (st->kind == MODEL_STOP_BREAK)
                continue;
            if (st->location < 0 || st->location >= p->nlocations)
                continue;
            if (last >= 0) {
                sum.travel_s += model_travel_duration(p, last, st->location);
                sum.distance_m += model_travel_distance(p, last, st->location);
            }
            last = st->location;
            if (st->kind == MODEL_STOP_JOB && st->job >= 0 && st->job < p->njobs) {
                jobs++;
                if (served && !served[st->job]) {
                    served[st->job] = 1;
                    sum.assigned++;
                }
            }
        }
        if (jobs)
            sum.routes++;
    }
    for (int j = 0; j < p->njobs; j++) {
        if (served && served[j])
            continue;
        sum.unassigned++;
        sum.unassigned_weight += model_job_weight(&p->jobs[j]);
    }
    if (work && p->objective.balance_us_per_min > 0) {
        int n = 0;
        for (int t = 0; t < p->ntechnicians; t++)
            if (p->technicians[t].nshifts > 0)
                work[n++] = work[t]; /* n <= t: compacts in place */
        sum.balance_cost_s = model_balance_cost(p->objective.balance_us_per_min, work, n);
    }
    sum.cost = sum.travel_s + sum.lateness_cost_s + sum.overtime_cost_s + sum.balance_cost_s -
               sum.preference_bonus_s;
    free(work);
    free(served);
    return sum;
}

int model_summary_compare(const model_summary *a, const model_summary *b)
{
    if (a->unassigned_weight != b->unassigned_weight)
        return a->unassigned_weight < b->unassigned_weight ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return 0;
}

model_status model_schedule_clone(model_schedule **out, const model_schedule *s, model_error *err)
{
    *out = NULL;
    model_schedule *c = calloc(1, sizeof *c);
    if (!c)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (model_strdup_into(&c->problem_name, s->problem_name, err) != MODEL_OK)
        goto fail;
    for (int r = 0; r < s->nroutes; r++) {
        model_route *nr;
        if (model_schedule_add_route(c, s->routes[r].technician, s->routes[r].shift, &nr, err) !=
            MODEL_OK)
            goto fail;
        for (int k = 0; k < s->routes[r].nstops; k++)
            if (model_route_add_stop(nr, &s->routes[r].stops[k], err) != MODEL_OK)
                goto fail;
    }
    for (int u = 0; u < s->nunassigned; u++)
        if (model_schedule_add_unassigned(c, s->unassigned[u].job, s->unassigned[u].reason, err) !=
            MODEL_OK)
            goto fail;
    c->bound = s->bound;
    *out = c;
    return MODEL_OK;
fail:
    model_schedule_free(c);
    return err ? err->code : MODEL_ERR_NOMEM;
}

static int cmp_route(const void *a, const void *b)
{
    const model_route *x = a, *y = b;
    if (x->technician != y->technician)
        return x->technician < y->technician ? -1 : 1;
    return (x->shift > y->shift) - (x->shift < y->shift);
}

static int cmp_unassigned(const void *a, const void *b)
{
    const model_unassigned *x = a, *y = b;
    return (x->job > y->job) - (x->job < y->job);
}

void model_schedule_normalize(model_schedule *s)
{
    if (s->nroutes > 1)
        qsort(s->routes, (size_t)s->nroutes, sizeof *s->routes, cmp_route);
    if (s->nunassigned > 1)
        qsort(s->unassigned, (size_t)s->nunassigned, sizeof *s->unassigned, cmp_unassigned);
}
