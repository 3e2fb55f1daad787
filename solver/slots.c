/* slots.c - appointment offers and single-job insertion into an existing
 * schedule: every other job keeps its technician, its order and its windows
 * (its time may move inside them), so a booking never breaks a promise. */
#include <stdlib.h>
#include <string.h>

#include "solver/output.h"

/* Slot index of (technician, shift), or -1. */
static int slot_of(const sv_ctx *c, int tech, int shift)
{
    for (int k = 0; k < c->nslots; k++)
        if (c->slots[k].tech == tech && c->slots[k].shift == shift)
            return k;
    return -1;
}

/* The routes of schedule `sched` as solver routes, stops in their order
 * (breaks numbered by order of appearance). MODEL_ERR_INPUT when a route
 * does not keep the rules any more (the problem changed under it). */
static model_status load_schedule(const sv_ctx *c, const model_schedule *sched, sv_sol *s,
                                  model_error *err)
{
    for (int r = 0; r < sched->nroutes; r++) {
        const model_route *mr = &sched->routes[r];
        int k = slot_of(c, mr->technician, mr->shift);
        if (k < 0)
            return model_error_set(err, MODEL_ERR_INPUT, "schedule route %d: no such shift", r);
        sv_route *rt = &s->r[k];
        int *nodes = malloc((size_t)(mr->nstops + 1) * sizeof *nodes);
        if (!nodes)
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        int n = 0, b = 0;
        for (int i = 0; i < mr->nstops; i++) {
            if (mr->stops[i].kind == MODEL_STOP_JOB)
                nodes[n++] = mr->stops[i].job;
            else if (mr->stops[i].kind == MODEL_STOP_BREAK && b < c->slots[k].nbr)
                nodes[n++] = -(++b);
        }
        bool ok = true;
        rt->n = 0;
        for (int i = 0; i < n && ok; i++) {
            int one = nodes[i];
            /* append without re-placing breaks: the order is the schedule's */
            ok = sv_route_append_raw(rt, one);
        }
        ok = ok && sv_route_update(c, rt);
        if (!ok) {
            /* breaks differ from the shift's now: place them anew */
            int m = 0;
            for (int i = 0; i < n; i++)
                if (!sv_is_break(nodes[i]))
                    nodes[m++] = nodes[i];
            ok = sv_route_set_jobs(c, rt, nodes, m);
        }
        free(nodes);
        if (!ok)
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "the schedule's route of technician '%s' (shift %d) no longer "
                                   "keeps the rules of the problem",
                                   c->p->technicians[mr->technician].id, mr->shift);
    }
    sv_sol_recount(c, s);
    return MODEL_OK;
}

/* Makes window w (clipped by release and deadline) the only window of job u
 * in the context, and recomputes which slots could serve u alone. */
static void set_window(sv_ctx *c, int u, const model_window *w, int scratch)
{
    const model_job *j = &c->p->jobs[u];
    int64_t lo = w->start > j->release ? w->start : j->release;
    int64_t hi = j->deadline == MODEL_TIME_MAX ? w->end : j->deadline - j->duration;
    if (hi > w->end)
        hi = w->end;
    c->win_off[u] = scratch;
    c->win_n[u] = lo <= hi;
    c->win[scratch] = (sv_win){lo, hi};
}

/* Best insertion of u into the routes of s (compatibility recomputed for
 * u's current windows). */
static bool best_for(sv_ctx *c, const sv_sol *s, int u, int *slot, int *pos, int64_t *cost)
{
    int n = 0;
    int *cand = c->cand + c->cand_off[u];
    for (int k = 0; k < c->nslots; k++)
        if (sv_set_compat(c, u, k, model_job_allows_technician(c->p, u, c->slots[k].tech)))
            cand[n++] = k;
    c->cand_n[u] = n;
    return sv_best_insertion(c, s, u, 0, NULL, slot, pos, cost);
}

/* What an offer or a booking works on: the context and the schedule's
 * routes, with room for one scratch window. */
typedef struct booking {
    sv_ctx c;
    sv_sol s;
    int scratch; /* the index of the scratch window in c.win */
} booking;

static void booking_free(booking *b)
{
    sv_sol_free(&b->s);
    sv_ctx_free(&b->c);
}

/* The booking of job u into sched for p: its context has a full candidate
 * list for u. On error nothing is left to free. */
static model_status prepare(booking *b, const model_problem *p, const model_schedule *sched, int u,
                            model_error *err)
{
    if (u < 0 || u >= p->njobs)
        return model_error_set(err, MODEL_ERR_INPUT, "no such job");
    solver_options opt = SOLVER_OPTIONS_INIT;
    sv_ctx *c = &b->c;
    model_status st = sv_ctx_init_ex(c, p, &opt, false, err);
    if (st != MODEL_OK)
        return st;
    size_t nw = (size_t)c->win_off[p->njobs - 1] + (size_t)c->win_n[p->njobs - 1];
    sv_win *w = realloc(c->win, (nw + 1) * sizeof *w);
    /* u's candidate list may grow to every slot: give it its own array */
    size_t nc = (size_t)c->cand_off[p->njobs - 1] + (size_t)c->cand_n[p->njobs - 1];
    int *cand = realloc(c->cand, (nc + (size_t)c->nslots + 1) * sizeof *cand);
    if (!w || !cand) {
        if (w)
            c->win = w;
        if (cand)
            c->cand = cand;
        sv_ctx_free(c);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    c->win = w;
    c->cand = cand;
    c->cand_off[u] = (int)nc;
    b->scratch = (int)nw;
    if (!sv_sol_init(c, &b->s)) {
        sv_ctx_free(c);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    if ((st = load_schedule(c, sched, &b->s, err)) == MODEL_OK && b->s.where[u] >= 0)
        st = model_error_set(err, MODEL_ERR_INPUT, "job '%s' is already in the schedule",
                             p->jobs[u].id);
    if (st != MODEL_OK)
        booking_free(b);
    return st;
}

model_status solver_slots(const model_problem *p, const model_schedule *sched, int job,
                          const model_window *cands, int ncands, solver_slot *out,
                          model_error *err)
{
    booking b;
    model_status st = prepare(&b, p, sched, job, err);
    if (st != MODEL_OK)
        return st;
    sv_ctx *c = &b.c;
    sv_sol *s = &b.s;
    for (int i = 0; i < ncands; i++) {
        out[i] = (solver_slot){cands[i].start, cands[i].end, -1, -1, 0, 0};
        set_window(c, job, &cands[i], b.scratch);
        int k, pos;
        int64_t cost;
        if (!best_for(c, s, job, &k, &pos, &cost))
            continue;
        out[i].technician = c->slots[k].tech;
        out[i].shift = c->slots[k].shift;
        out[i].extra_travel_s = cost;
        /* the service start if booked now: simulate the changed route */
        sv_route tmp = {0};
        if (sv_route_copy(&tmp, &s->r[k]) && sv_route_replace(c, &tmp, pos, pos, &job, 1)) {
            int at = sv_route_find(&tmp, job);
            out[i].service_start = tmp.fw[at + 1].t - p->jobs[job].duration;
        }
        sv_route_free(&tmp);
    }
    booking_free(&b);
    return MODEL_OK;
}

model_status solver_insert_job(const model_problem *p, const model_schedule *sched, int job,
                               model_schedule **out, model_error *err)
{
    *out = NULL;
    booking b;
    model_status st = prepare(&b, p, sched, job, err);
    if (st != MODEL_OK)
        return st;
    int k, pos;
    int64_t cost;
    /* the job keeps its own windows (from the problem) */
    const model_job *j = &p->jobs[job];
    if (st == MODEL_OK && !best_for(&b.c, &b.s, job, &k, &pos, &cost))
        st = model_error_set(err, MODEL_ERR_INPUT,
                             "job '%s' fits into no technician's route in that window without "
                             "moving another appointment out of its window",
                             j->id);
    if (st == MODEL_OK && !sv_sol_insert(&b.c, &b.s, job, k, pos))
        st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (st == MODEL_OK)
        st = sv_build_schedule(&b.c, &b.s, out, err);
    booking_free(&b);
    return st;
}
