/* reasons.c - why a job is unassigned, in words a dispatcher can act on.
 *
 * The first cause found in this order is given: nobody may serve it
 * (skills, pin, allowed list), its load or the job limits, its own times
 * (windows against release and deadline), no shift of an eligible
 * technician when it could be served, unreachable within those shifts, and
 * finally, when some route could take it alone, that the feasible
 * technicians are full. */
#include <stdio.h>
#include <string.h>

#include "solver/output.h"

static const char *tech_id(const sv_ctx *c, int t)
{
    return c->p->technicians[t].id;
}

/* Skills nobody has, or the one the pinned technician lacks. */
static bool skill_reason(const sv_ctx *c, int u, char *buf, size_t len)
{
    const model_problem *p = c->p;
    const model_job *j = &p->jobs[u];
    for (int k = 0; k < p->nskills; k++) {
        if (!model_skillset_has(&j->skills, k))
            continue;
        bool anyone = false;
        for (int t = 0; t < p->ntechnicians && !anyone; t++)
            anyone = model_skillset_has(&p->technicians[t].skills, k);
        if (!anyone) {
            snprintf(buf, len, "no technician has skill '%s'", p->skills[k]);
            return true;
        }
    }
    if (j->pinned >= 0) {
        int miss = model_skillset_first_missing(&p->technicians[j->pinned].skills, &j->skills);
        if (miss >= 0) {
            snprintf(buf, len, "pinned technician '%s' lacks skill '%s'", tech_id(c, j->pinned),
                     p->skills[miss]);
            return true;
        }
    }
    if (j->has_allowed && j->nallowed == 0) {
        snprintf(buf, len, "allowed_technicians is empty: nobody may serve it");
        return true;
    }
    bool eligible = false;
    for (int t = 0; t < p->ntechnicians && !eligible; t++)
        eligible = model_job_allows_technician(p, u, t);
    if (!eligible) {
        if (j->pinned >= 0 && j->has_allowed)
            snprintf(buf, len, "pinned technician '%s' is not among its allowed_technicians",
                     tech_id(c, j->pinned));
        else if (j->has_allowed)
            snprintf(buf, len, "none of its allowed_technicians has all its skills");
        else
            snprintf(buf, len, "no technician has all the skills it needs");
        return true;
    }
    return false;
}

/* Load, job-count limits and shifts of the eligible technicians. */
static bool limit_reason(const sv_ctx *c, int u, char *buf, size_t len)
{
    const model_problem *p = c->p;
    const model_job *j = &p->jobs[u];
    bool load_ok = false, count_ok = false, has_shift = false;
    double biggest = 0;
    for (int t = 0; t < p->ntechnicians; t++) {
        const model_technician *tech = &p->technicians[t];
        if (!model_job_allows_technician(p, u, t))
            continue;
        if (tech->capacity <= 0 || j->load <= tech->capacity + 1e-9)
            load_ok = true;
        if (tech->capacity > biggest)
            biggest = tech->capacity;
        if (tech->max_jobs != 0)
            count_ok = true;
        if (tech->nshifts > 0)
            has_shift = true;
    }
    if (!load_ok)
        snprintf(buf, len, "no capacity: its load %g exceeds the capacity of every eligible "
                           "technician (largest %g)", j->load, biggest);
    else if (!count_ok)
        snprintf(buf, len, "every eligible technician has max_jobs_per_shift 0");
    else if (!has_shift)
        snprintf(buf, len, "no eligible technician has a shift");
    else
        return false;
    return true;
}

/* The job's own times, and shifts that overlap them. */
static bool time_reason(const sv_ctx *c, int u, char *buf, size_t len)
{
    const model_problem *p = c->p;
    const model_job *j = &p->jobs[u];
    if (c->win_n[u] == 0) {
        if (j->deadline != MODEL_TIME_MAX && j->nwindows == 0)
            snprintf(buf, len, "its deadline leaves less than its %lld min duration after "
                               "its release", (long long)(j->duration / 60));
        else
            snprintf(buf, len, "none of its windows can start it after its release and "
                               "finish it by its deadline");
        return true;
    }
    const sv_win *w = c->win + c->win_off[u];
    int64_t first = w[0].s, last = w[0].e;
    for (int k = 1; k < c->win_n[u]; k++)
        if (w[k].e > last)
            last = w[k].e;
    int64_t longest = 0;
    for (int k = 0; k < c->nslots; k++) {
        const sv_slot *s = &c->slots[k];
        int64_t free_s = s->t1 - s->t0;
        for (int b = 0; b < s->nbr; b++)
            free_s -= s->br[b].duration;
        if (model_job_allows_technician(p, u, s->tech) && free_s > longest)
            longest = free_s;
    }
    if (j->duration > longest) {
        snprintf(buf, len, "its %lld min duration is longer than every eligible technician's "
                           "shift (at most %lld min of work)",
                 (long long)(j->duration / 60), (long long)(longest / 60));
        return true;
    }
    bool overlap = false, before_deadline = false;
    for (int k = 0; k < c->nslots && !overlap; k++) {
        const sv_slot *s = &c->slots[k];
        if (!model_job_allows_technician(p, u, s->tech))
            continue;
        if (s->t0 <= last && s->t1 - j->duration >= first)
            overlap = true;
        if (j->deadline == MODEL_TIME_MAX || s->t0 + j->duration <= j->deadline)
            before_deadline = true;
    }
    if (overlap)
        return false;
    if (!before_deadline)
        snprintf(buf, len, "no shift of an eligible technician before its deadline");
    else
        snprintf(buf, len, "no shift of an eligible technician during its windows");
    return true;
}

/* The job fits some route on its own but not into the schedule: say which
 * limit stops it on the candidates. */
static void full_reason(const sv_ctx *c, const sv_sol *s, int u, char *buf, size_t len)
{
    const model_job *j = &c->p->jobs[u];
    int by_load = 0, by_count = 0, n = c->cand_n[u];
    for (int q = 0; q < n; q++) {
        int k = c->cand[c->cand_off[u] + q];
        const sv_slot *sl = &c->slots[k];
        const sv_route *r = &s->r[k];
        if (sl->cap > 0 && r->load + j->load > sl->cap + 1e-9)
            by_load++;
        else if (sl->maxj >= 0 && r->njobs + 1 > sl->maxj)
            by_count++;
    }
    if (by_load == n)
        snprintf(buf, len, "no capacity left: every technician-shift able to serve it is at "
                           "its load limit");
    else if (by_load + by_count == n)
        snprintf(buf, len, "all feasible technicians are full: every technician-shift able to "
                           "serve it has reached max_jobs_per_shift or its load limit");
    else {
        int used = snprintf(buf, len, "all feasible technicians are full: no route of ");
        int distinct = 0; /* technicians, not technician-shifts */
        for (int q = 0; q < n; q++) {
            int t = c->slots[c->cand[c->cand_off[u] + q]].tech;
            bool dup = false;
            for (int r = 0; r < q && !dup; r++)
                dup = c->slots[c->cand[c->cand_off[u] + r]].tech == t;
            if (dup)
                continue;
            if (distinct++ < 4 && used > 0 && (size_t)used < len)
                used += snprintf(buf + used, len - (size_t)used, "%s%s", distinct > 1 ? ", " : "",
                                 tech_id(c, t));
        }
        if (used > 0 && (size_t)used < len)
            snprintf(buf + used, len - (size_t)used,
                     "%s has room for it within its windows and shifts",
                     distinct > 4 ? " (and others)" : "");
    }
}

/* Large problems (c->large): the checks against every technician and
 * shift would cost jobs x slots, and a job the sweep never tried has no
 * candidates; that is what it is told. */
static void large_reason(const sv_ctx *c, const sv_sol *s, int u, char *buf, size_t len)
{
    if (skill_reason(c, u, buf, len))
        return;
    /* short: there may be hundreds of thousands of them */
    if (s->time_cut)
        snprintf(buf, len, "not scheduled: the time limit ran out before the first schedule "
                           "was complete (give the solver more time)");
    else if (c->cand_n[u] == 0)
        snprintf(buf, len, "not tried: in a problem this large only technicians of its area "
                           "are tried (give more time or split the problem)");
    else
        full_reason(c, s, u, buf, len);
}

void sv_reason(const sv_ctx *c, const sv_sol *s, int u, char *buf, size_t len)
{
    if (c->large) {
        large_reason(c, s, u, buf, len);
        return;
    }
    if (skill_reason(c, u, buf, len) || limit_reason(c, u, buf, len) ||
        time_reason(c, u, buf, len))
        return;
    if (c->cand_n[u] == 0) {
        const model_problem *p = c->p;
        snprintf(buf, len, "window unreachable from any depot: no eligible technician can "
                           "travel to %s, serve it within its windows%s and be back by the "
                           "end of the shift", p->locations[p->jobs[u].location].id,
                 c->slots[0].nbr ? " around the breaks" : "");
        return;
    }
    if (s->time_cut) {
        snprintf(buf, len, "not scheduled: the time limit ran out before the first schedule "
                           "was complete (give the solver more time)");
        return;
    }
    full_reason(c, s, u, buf, len);
}
