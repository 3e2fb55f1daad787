/* output.c - turns a solver route into schedule stops with times, and a
 * solution into a checked schedule. */
#include "model/check.h"
#include "solver/output.h"

model_status sv_emit_route(const sv_ctx *c, const sv_route *r, model_schedule *out,
                           model_error *err)
{
    const sv_slot *s = &c->slots[r->slot];
    model_route *mr;
    model_status st = model_schedule_add_route(out, s->tech, s->shift, &mr, err);
    if (st != MODEL_OK)
        return st;
    sv_state cur = {s->t0, s->sloc};
    /* Leave as late as the first job allows, so nobody waits at the
     * customer's door; with a break first, leave at the shift start. */
    int64_t depart = s->t0;
    if (r->n > 0 && !sv_is_break(r->node[0])) {
        const model_job *j = &c->p->jobs[r->node[0]];
        int64_t arr = s->t0 + sv_travel(c, s->sloc, j->location);
        int64_t start = sv_job_earliest(c, r->node[0], arr);
        if (start != SV_INF && start - sv_travel(c, s->sloc, j->location) > depart)
            depart = start - sv_travel(c, s->sloc, j->location);
    }
    cur.t = depart;
    model_stop stop = {MODEL_STOP_START, -1, s->sloc, depart, depart, depart};
    if ((st = model_route_add_stop(mr, &stop, err)) != MODEL_OK)
        return st;
    for (int i = 0; i < r->n; i++) {
        int node = r->node[i];
        int nl = sv_is_break(node) ? sv_next_located(c, s, r->node, r->n, i) : -1;
        int64_t arr, start;
        if (!sv_step_ex(c, s, node, nl, &cur, &arr, &start))
            return model_error_set(err, MODEL_ERR_INTERNAL,
                                   "solver produced an infeasible route for technician %d",
                                   s->tech);
        if (sv_is_break(node))
            stop = (model_stop){MODEL_STOP_BREAK, -1, -1, start, start, cur.t};
        else
            stop = (model_stop){MODEL_STOP_JOB, node, c->p->jobs[node].location, arr, start,
                                cur.t};
        if ((st = model_route_add_stop(mr, &stop, err)) != MODEL_OK)
            return st;
    }
    int64_t arrive = cur.t + sv_travel(c, cur.loc, s->eloc);
    stop = (model_stop){MODEL_STOP_END, -1, s->eloc, arrive, arrive, arrive};
    return model_route_add_stop(mr, &stop, err);
}

model_status sv_build_schedule(const sv_ctx *c, const sv_sol *s, model_schedule **out,
                               model_error *err)
{
    model_schedule *sch;
    model_status st = model_schedule_create(&sch, c->p, err);
    if (st != MODEL_OK)
        return st;
    for (int k = 0; k < s->nr && st == MODEL_OK; k++)
        if (s->r[k].njobs > 0)
            st = sv_emit_route(c, &s->r[k], sch, err);
    char reason[512];
    for (int u = 0; u < c->njobs && st == MODEL_OK; u++) {
        if (s->where[u] >= 0)
            continue;
        sv_reason(c, s, u, reason, sizeof reason);
        st = model_schedule_add_unassigned(sch, u, reason, err);
    }
    if (st == MODEL_OK) {
        model_schedule_normalize(sch);
        model_report rep = MODEL_REPORT_INIT;
        st = model_check_schedule(c->p, sch, NULL, &rep, err);
        if (st == MODEL_OK && rep.n > 0)
            st = model_error_set(err, MODEL_ERR_INTERNAL,
                                 "solver produced a schedule that breaks a rule (%d violations; "
                                 "first: %s)", rep.n, rep.items[0]);
        model_report_clear(&rep);
    }
    if (st != MODEL_OK) {
        model_schedule_free(sch);
        return st;
    }
    *out = sch;
    return MODEL_OK;
}
