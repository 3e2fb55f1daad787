/* check.c - the schedule checker: every rule of FORMAT.md, read exactly as
 * ../shared/tools/verify_schedule.py (the oracle) reads it, with the oracle's
 * messages.
 *
 * The walk mirrors the oracle's Checker class: job appearances are recorded
 * for every job stop of a route before the route itself is validated; a
 * route whose technician or shift is unknown, or whose stops cannot be
 * followed, is abandoned after one message, and then the summary's travel_s
 * and distance_m are not compared (the oracle's travel_known). Out-of-range
 * indices anywhere in the schedule are violations, never crashes; time
 * arithmetic saturates, so garbage instants cannot overflow.
 *
 * This file holds the report, the walk over routes and unassigned jobs, job
 * appearances and the summary; rules 1-6 on one route's stops are in
 * check_rules.c, message wording in check_text.c, the state they share in
 * check_internal.h.
 *
 * Markers left by a reader (MODEL_CHECK_REPORTED): see model/check.h.
 * A claimed summary field of INT_MIN (int fields) or INT64_MIN (int64
 * fields) means "missing or not an integer" and is always a mismatch. */
#include "model/check.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/array.h"
#include "model/check_internal.h"

/* ---- report ------------------------------------------------------------ */

/* model_report_add with a va_list (which it uses up). */
static model_status report_vadd(model_report *r, const char *fmt, va_list ap)
{
    r->total++;
    if (!model_report_keeps(r))
        return MODEL_OK;
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return MODEL_ERR_INTERNAL;
    char *msg = malloc((size_t)n + 1);
    if (!msg)
        return MODEL_ERR_NOMEM;
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    if (model_array_grow((void **)&r->items, &r->cap, r->n + 1, sizeof *r->items,
                         "too many messages", NULL) != MODEL_OK) {
        free(msg);
        return MODEL_ERR_NOMEM;
    }
    r->items[r->n++] = msg;
    return MODEL_OK;
}

model_status model_report_add(model_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    model_status st = report_vadd(r, fmt, ap);
    va_end(ap);
    return st;
}

void model_report_clear(model_report *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        free(r->items[i]);
    free(r->items);
    r->items = NULL;
    r->n = r->cap = 0;
    r->total = 0;
    memset(&r->totals, 0, sizeof r->totals);
}

void mc_bad(checker *c, const char *fmt, ...)
{
    if (c->st != MODEL_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (report_vadd(c->out, fmt, ap) != MODEL_OK)
        c->st = MODEL_ERR_NOMEM;
    va_end(ap);
}

static void add_place(checker *c, int job, int index, bool route)
{
    if (c->st != MODEL_OK)
        return;
    if (model_array_grow((void **)&c->places, &c->cap_places, c->nplaces + 1, sizeof *c->places,
                         "too many places", NULL) != MODEL_OK) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    c->places[c->nplaces++] = (place){job, index, route};
}

/* ---- one route ---------------------------------------------------------------- */

/* Fills v[0..n) from the route's stops (the oracle's read_stops). Returns
 * false when the route cannot be followed (after reporting why, unless the
 * reader did). */
static bool read_stops(checker *c, const char *where, const model_route *r,
                       const model_technician *tech, view *v)
{
    int n = r->nstops, last = n - 1;
    if (n < 2) {
        mc_bad(c, "%s: 'stops' must be a list: start, jobs and breaks, end", where);
        return false;
    }
    static const char *const kinds[] = {"start", "job", "break", "end"};
    for (int si = 0; si < n; si++) {
        const model_stop *s = &r->stops[si];
        view *w = &v[si];
        int k = (int)s->kind;
        if (k < 0 || k > 3) {
            mc_bad(c, "%s: stops[%d]: type %d is not start, job, break or end", where, si, k);
            return false;
        }
        if ((k == MODEL_STOP_START) != (si == 0) || (k == MODEL_STOP_END) != (si == last)) {
            mc_bad(c, "%s: stops[%d]: a '%s' stop here, but a route is start, jobs and breaks, end",
                where, si, kinds[k]);
            return false;
        }
        memset(w, 0, sizeof *w);
        w->kind = (model_stop_kind)k;
        w->si = si;
        w->job = -1;
        w->loc = -1;
        char a[80], b[80];
        if (k == MODEL_STOP_START || k == MODEL_STOP_END) {
            snprintf(w->label, sizeof w->label, "%s", kinds[k]);
            w->arrival = w->begin = w->finish = s->start;
            w->loc = k == MODEL_STOP_START ? tech->start_location : tech->end_location;
            if (s->location != w->loc)
                mc_bad(c, "%s: stops[%d]: location %s is not the %s's location %s", where, si,
                    mc_loc_name(c, s->location, a, sizeof a), w->label,
                    mc_loc_name(c, w->loc, b, sizeof b));
        } else if (k == MODEL_STOP_BREAK) {
            snprintf(w->label, sizeof w->label, "break at stops[%d]", si);
            w->begin = s->start;
            w->finish = s->end;
            w->arrival = w->begin;
        } else {
            if (mc_job_ok(c, s->job)) {
                w->job = s->job;
                snprintf(w->label, sizeof w->label, "job %s", c->p->jobs[s->job].id);
                w->loc = c->p->jobs[s->job].location;
                if (s->location != w->loc)
                    mc_bad(c, "%s: stops[%d]: location %s is not the %s's location %s", where, si,
                        mc_loc_name(c, s->location, a, sizeof a), w->label,
                        mc_loc_name(c, w->loc, b, sizeof b));
            } else {
                if (c->honour && s->job == MODEL_CHECK_REPORTED)
                    snprintf(w->label, sizeof w->label, "unknown job at stops[%d]", si);
                else
                    snprintf(w->label, sizeof w->label, "job #%d", s->job);
                w->loc = s->location;
            }
            w->begin = s->start;
            w->finish = s->end;
            w->arrival = s->arrival;
        }
        if (k != MODEL_STOP_BREAK && !mc_loc_ok(c, w->loc)) {
            mc_bad(c, "%s: stops[%d]: %s has no known location", where, si, w->label);
            return false;
        }
        if (w->finish < w->begin)
            mc_bad(c, "%s: stops[%d]: %s ends before it starts", where, si, w->label);
    }
    return true;
}

static void check_route(checker *c, const model_schedule *s, int ri)
{
    const model_problem *p = c->p;
    const model_route *r = &s->routes[ri];
    int nstops = r->stops && r->nstops > 0 ? r->nstops : 0;
    int t = r->technician, k = r->shift;
    bool tech_ok = t >= 0 && t < p->ntechnicians;
    bool shift_ok = tech_ok && k >= 0 && k < p->technicians[t].nshifts &&
                    p->technicians[t].shifts;
    char where[320];
    if (tech_ok)
        snprintf(where, sizeof where, "route %d (%s, shift %d)", ri, p->technicians[t].id, k);
    else
        snprintf(where, sizeof where, "route %d (#%d, shift %d)", ri, t, k);
    bool marked = c->honour && nstops >= 1 && r->stops[0].location == MODEL_CHECK_REPORTED;

    /* every job stop counts as an appearance before the route is validated */
    for (int si = 0; si < nstops; si++) {
        const model_stop *st = &r->stops[si];
        if (st->kind != MODEL_STOP_JOB)
            continue;
        if (mc_job_ok(c, st->job))
            add_place(c, st->job, ri, true);
        else if (!(c->honour && st->job == MODEL_CHECK_REPORTED))
            mc_bad(c, "%s: stops[%d]: unknown job #%d", where, si, st->job);
    }
    if (!tech_ok || !shift_ok) {
        c->travel_known = false;
        bool reported = c->honour && (t == MODEL_CHECK_REPORTED || k == MODEL_CHECK_REPORTED);
        if (reported)
            return;
        if (!tech_ok)
            mc_bad(c, "%s: unknown technician #%d", where, t);
        else
            mc_bad(c, "%s: 'shift' %d is not an index into the %d shift(s) of %s", where, k,
                p->technicians[t].nshifts, p->technicians[t].id);
        return;
    }
    const model_technician *tech = &p->technicians[t];
    int slot = c->shift_base[t] + k;
    if (c->used[slot])
        mc_bad(c, "%s: technician-shift already used by route %d", where, c->used[slot] - 1);
    c->used[slot] = ri + 1;
    if (marked) {
        c->travel_known = false;
        return;
    }

    view *v = malloc((size_t)(nstops ? nstops : 1) * sizeof *v);
    if (!v) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    model_route rr = *r;
    rr.nstops = nstops;
    if (!read_stops(c, where, &rr, tech, v)) {
        c->travel_known = false;
        free(v);
        return;
    }
    int count = 0;
    double load = 0;
    for (int i = 0; i < nstops; i++) {
        if (v[i].kind != MODEL_STOP_JOB)
            continue;
        count++;
        if (v[i].job >= 0) {
            char jw[600];
            snprintf(jw, sizeof jw, "%s: %s", where, v[i].label);
            mc_check_job(c, jw, &v[i], tech, t);
            load += p->jobs[v[i].job].load;
        }
    }
    if (count)
        c->sum.routes++;
    const model_shift *shift = &tech->shifts[k];
    mc_check_timeline(c, where, v, nstops, shift);
    c->worked[t] = mc_sat_add(c->worked[t], mc_sat_sub(v[nstops - 1].begin, v[0].finish));
    mc_check_breaks(c, where, v, nstops, shift, count > 0);
    if (tech->capacity > 0 && load > tech->capacity) {
        char a[64], b[64];
        mc_fmt_num(load, a, sizeof a);
        mc_fmt_num(tech->capacity, b, sizeof b);
        mc_bad(c, "%s: load %s exceeds capacity %s (rule 7)", where, a, b);
    }
    if (tech->max_jobs >= 0 && count > tech->max_jobs)
        mc_bad(c, "%s: %d jobs exceed max_jobs_per_shift %d (rule 7)", where, count, tech->max_jobs);
    free(v);
}

/* ---- appearances, totals, summary ------------------------------------------- */

/* Reports jobs that appear zero or several times and fills the totals. */
static void check_appearances(checker *c)
{
    const model_problem *p = c->p;
    int nj = p->njobs;
    int *count = calloc((size_t)nj + 1, sizeof *count);
    int *in_route = calloc((size_t)nj + 1, sizeof *in_route);
    int *first = malloc(((size_t)nj + 1) * sizeof *first);
    int *next = malloc(((size_t)c->nplaces + 1) * sizeof *next);
    int *tail = malloc(((size_t)nj + 1) * sizeof *tail);
    if (!count || !in_route || !first || !next || !tail) {
        c->st = MODEL_ERR_NOMEM;
        goto done;
    }
    for (int j = 0; j < nj; j++)
        first[j] = tail[j] = -1;
    for (int i = 0; i < c->nplaces; i++) {
        int j = c->places[i].job;
        next[i] = -1;
        if (first[j] < 0)
            first[j] = i;
        else
            next[tail[j]] = i;
        tail[j] = i;
        count[j]++;
        if (c->places[i].route)
            in_route[j] = 1;
    }
    /* the oracle lists route places before unassigned places */
    for (int j = 0; j < nj; j++) {
        if (count[j] == 0) {
            mc_bad(c, "job %s: is neither in a route nor in 'unassigned'", p->jobs[j].id);
        } else if (count[j] > 1) {
            sbuf b = {0};
            int n = 0;
            for (int pass = 0; pass < 2; pass++)
                for (int i = first[j]; i >= 0; i = next[i]) {
                    if (c->places[i].route != (pass == 0))
                        continue;
                    if (c->places[i].route)
                        mc_sb_add(&b, "%sroute %d", n++ ? "; " : "", c->places[i].index);
                    else
                        mc_sb_add(&b, "%sunassigned[%d]", n++ ? "; " : "", c->places[i].index);
                }
            if (b.oom)
                c->st = MODEL_ERR_NOMEM;
            mc_bad(c, "job %s: appears %d times (%s), but every job appears exactly once",
                p->jobs[j].id, count[j], b.s ? b.s : "");
            free(b.s);
        }
    }
    model_summary *t = &c->out->totals;
    *t = c->sum;
    for (int j = 0; j < nj; j++) {
        if (in_route[j]) {
            t->assigned++;
        } else {
            t->unassigned++;
            t->unassigned_weight += model_job_weight(&p->jobs[j]);
        }
    }
    if (p->objective.balance_us_per_min > 0) {
        int n = 0;
        for (int k = 0; k < p->ntechnicians; k++)
            if (p->technicians[k].nshifts > 0)
                c->worked[n++] = c->worked[k];
        t->balance_cost_s = model_balance_cost(p->objective.balance_us_per_min, c->worked, n);
    }
    t->cost = t->travel_s + t->lateness_cost_s + t->overtime_cost_s + t->balance_cost_s -
              t->preference_bonus_s;
done:
    free(count);
    free(in_route);
    free(first);
    free(next);
    free(tail);
}

/* Extension 2: the claimed cost and its terms, required and recomputed
 * (the oracle's check_costs); INT64_MIN claims are missing. */
static void compare_costs(checker *c, const model_summary *claimed)
{
    const model_summary *t = &c->out->totals;
    struct {
        const char *key;
        int64_t claimed, total;
    } rows[] = {
        {"cost", claimed->cost, t->cost},
        {"lateness_cost_s", claimed->lateness_cost_s, t->lateness_cost_s},
        {"overtime_cost_s", claimed->overtime_cost_s, t->overtime_cost_s},
        {"balance_cost_s", claimed->balance_cost_s, t->balance_cost_s},
        {"preference_bonus_s", claimed->preference_bonus_s, t->preference_bonus_s},
    };
    bool cost_wrong = false, all_ints = claimed->travel_s != INT64_MIN;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        bool wrong = false;
        if (rows[i].claimed == INT64_MIN) {
            mc_bad(c, "summary: %s is missing or not an integer, but the problem uses extension 2, "
                      "which needs it as an integer", rows[i].key);
            wrong = true;
            all_ints = false;
        } else if (c->travel_known && rows[i].claimed != rows[i].total) {
            mc_bad(c, "summary: %s is %lld, recomputed %lld", rows[i].key,
                (long long)rows[i].claimed, (long long)rows[i].total);
            wrong = true;
        }
        if (i == 0)
            cost_wrong = wrong;
    }
    if (cost_wrong || !all_ints)
        return;
    int64_t own = mc_sat_sub(mc_sat_add(mc_sat_add(mc_sat_add(claimed->travel_s,
                                                               claimed->lateness_cost_s),
                                                    claimed->overtime_cost_s),
                                         claimed->balance_cost_s),
                             claimed->preference_bonus_s);
    if (claimed->cost != own)
        mc_bad(c, "summary: cost %lld is not travel_s + lateness_cost_s + overtime_cost_s + "
                  "balance_cost_s - preference_bonus_s = %lld", (long long)claimed->cost,
            (long long)own);
}

static void compare_summary(checker *c, const model_summary *claimed)
{
    const model_summary *t = &c->out->totals;
    struct {
        const char *key;
        int64_t claimed, total;
        bool missing, travel;
    } rows[] = {
        {"assigned", claimed->assigned, t->assigned, claimed->assigned == INT_MIN, false},
        {"unassigned", claimed->unassigned, t->unassigned, claimed->unassigned == INT_MIN, false},
        {"unassigned_weight", claimed->unassigned_weight, t->unassigned_weight,
         claimed->unassigned_weight == INT64_MIN, false},
        {"travel_s", claimed->travel_s, t->travel_s, claimed->travel_s == INT64_MIN, true},
        {"distance_m", claimed->distance_m, t->distance_m, claimed->distance_m == INT64_MIN, true},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (rows[i].travel && !c->travel_known)
            continue; /* a route could not be followed, which is reported already */
        if (rows[i].missing)
            mc_bad(c, "summary: %s is missing or not an integer, recomputed %lld", rows[i].key,
                (long long)rows[i].total);
        else if (rows[i].claimed != rows[i].total)
            mc_bad(c, "summary: %s is %lld, recomputed %lld", rows[i].key, (long long)rows[i].claimed,
                (long long)rows[i].total);
    }
    if (model_problem_uses_extension2(c->p))
        compare_costs(c, claimed);
}

model_status model_check_schedule(const model_problem *p, const model_schedule *s,
                                  const model_summary *claimed, model_report *out,
                                  model_error *err)
{
    if (!p || !out)
        return model_error_set(err, MODEL_ERR_INTERNAL, "check: no problem or no report");
    if (!p->finished)
        return model_error_set(err, MODEL_ERR_INTERNAL, "check: the problem is not finished");
    static const model_schedule empty = {0};
    if (!s)
        s = &empty;
    checker c = {.p = p, .out = out, .honour = out->n > 0, .travel_known = true};

    int64_t slots = 0;
    c.shift_base = malloc((size_t)(p->ntechnicians ? p->ntechnicians : 1) * sizeof *c.shift_base);
    if (!c.shift_base)
        goto nomem;
    for (int t = 0; t < p->ntechnicians; t++) {
        c.shift_base[t] = (int)slots;
        slots += p->technicians[t].nshifts > 0 ? p->technicians[t].nshifts : 0;
        if (slots > INT_MAX)
            goto nomem;
    }
    c.used = calloc((size_t)(slots ? slots : 1), sizeof *c.used);
    c.worked = calloc((size_t)p->ntechnicians + 1, sizeof *c.worked);
    if (!c.used || !c.worked)
        goto nomem;

    if (p->name && s->problem_name && strcmp(p->name, s->problem_name) != 0)
        mc_bad(&c, "schedule: 'problem' is '%s', but the problem is named '%s'", s->problem_name,
            p->name);
    int nroutes = s->routes && s->nroutes > 0 ? s->nroutes : 0;
    for (int ri = 0; ri < nroutes && c.st == MODEL_OK; ri++)
        check_route(&c, s, ri);
    int nun = s->unassigned && s->nunassigned > 0 ? s->nunassigned : 0;
    for (int ui = 0; ui < nun && c.st == MODEL_OK; ui++) {
        const model_unassigned *u = &s->unassigned[ui];
        if (!mc_job_ok(&c, u->job)) {
            if (!(c.honour && u->job == MODEL_CHECK_REPORTED))
                mc_bad(&c, "unassigned[%d]: unknown job #%d", ui, u->job);
            continue;
        }
        add_place(&c, u->job, ui, false);
        if (mc_blank(u->reason))
            mc_bad(&c, "unassigned[%d] (job %s): needs a non-empty 'reason'", ui, p->jobs[u->job].id);
    }
    if (c.st == MODEL_OK)
        check_appearances(&c);
    if (c.st == MODEL_OK && claimed)
        compare_summary(&c, claimed);
    if (c.st == MODEL_OK && claimed && s->bound.present)
        c.st = model_bound_report(&s->bound, &c.out->totals, c.travel_known,
                                  model_problem_uses_extension2(p), c.out, err);
    if (c.st != MODEL_OK)
        goto nomem;
    free(c.places);
    free(c.used);
    free(c.worked);
    free(c.shift_base);
    return MODEL_OK;
nomem:
    free(c.places);
    free(c.used);
    free(c.worked);
    free(c.shift_base);
    return model_error_set(err, MODEL_ERR_NOMEM, "check: out of memory");
}
