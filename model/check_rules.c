/* check_rules.c - the schedule checker's rules on one route's stops: rules
 * 1-3 for a served job (skills, windows, release and deadline), rules 4 and
 * 5 and the travel part of rule 6 for the timeline, and rule 6's matching of
 * break stops to the shift's breaks. Messages are the oracle's. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check_internal.h"

/* ---- rule 1-3: one served job ---------------------------------------------- */

/* Rule 1's skill levels (extension 2): of the skills both have, those the
 * technician holds below the job's level, sorted by name as the oracle
 * lists them ("has gas, but the job needs gas:2"). */
static void check_levels(checker *c, const char *where, const model_job *job,
                         const model_technician *tech)
{
    const model_problem *p = c->p;
    const char *names[MODEL_MAX_SKILLS];
    int n = 0;
    for (int i = 0; i < job->levels.n; i++) {
        int k = job->levels.v[i].skill;
        int have = model_skill_levels_get(&tech->levels, k);
        if (k >= 0 && k < p->nskills && k < MODEL_MAX_SKILLS &&
            model_skillset_has(&tech->skills, k) && have < job->levels.v[i].level)
            names[n++] = p->skills[k] ? p->skills[k] : "?";
    }
    if (n == 0)
        return;
    qsort(names, (size_t)n, sizeof *names, mc_cmp_str);
    sbuf has = {0}, needs = {0};
    for (int i = 0; i < n; i++) {
        int k = model_strmap_get(&p->skill_index, names[i]);
        int lt = k >= 0 ? model_skill_levels_get(&tech->levels, k) : 1;
        int lj = k >= 0 ? model_skill_levels_get(&job->levels, k) : 1;
        mc_sb_add(&has, "%s%s", i ? ", " : "", names[i]);
        if (lt > 1)
            mc_sb_add(&has, ":%d", lt);
        mc_sb_add(&needs, "%s%s", i ? ", " : "", names[i]);
        if (lj > 1)
            mc_sb_add(&needs, ":%d", lj);
    }
    if (has.oom || needs.oom)
        c->st = MODEL_ERR_NOMEM;
    mc_bad(c, "%s: technician %s has %s, but the job needs %s (rule 1)", where, tech->id,
        has.s ? has.s : "", needs.s ? needs.s : "");
    free(has.s);
    free(needs.s);
}

/* Rule 2 relaxed by a job's lateness (extension 2), and its cost. */
static void check_lateness(checker *c, const char *where, const view *v, const model_job *job)
{
    bool ok;
    int64_t late = model_job_late_s(job, v->begin, &ok);
    c->sum.lateness_cost_s += model_soft_limit_cost(job->lateness, late);
    if (ok)
        return;
    const model_window *w = NULL, *first = &job->windows[0];
    for (int i = 0; i < job->nwindows; i++) {
        const model_window *x = &job->windows[i];
        if (x->start <= v->begin &&
            (!w || x->start > w->start || (x->start == w->start && x->end > w->end)))
            w = x;
        if (x->start < first->start || (x->start == first->start && x->end < first->end))
            first = x;
    }
    if (!w)
        mc_bad(c, "%s: start %s is before its first window, which starts %s (rule 2)", where,
            mc_fmt_time(c, v->begin).s, mc_fmt_time(c, first->start).s);
    else
        mc_bad(c,
            "%s: start %s is %lld s after its window [%s, %s] ends, more than lateness max_min "
            "%lld allows (rule 2)",
            where, mc_fmt_time(c, v->begin).s, (long long)late, mc_fmt_time(c, w->start).s,
            mc_fmt_time(c, w->end).s, (long long)(job->lateness.max_s / 60));
}

void mc_check_job(checker *c, const char *where, const view *v, const model_technician *tech,
                  int tech_index)
{
    const model_problem *p = c->p;
    const model_job *job = &p->jobs[v->job];

    /* rule 1: skills, listed sorted by name as the oracle does */
    if (!model_skillset_covers(&tech->skills, &job->skills)) {
        /* each as "name" or "name:level" (extension 2), sorted as written */
        char *names[MODEL_MAX_SKILLS];
        int n = 0;
        for (int i = 0; i < p->nskills && i < MODEL_MAX_SKILLS; i++) {
            if (!model_skillset_has(&job->skills, i) || model_skillset_has(&tech->skills, i))
                continue;
            sbuf one = {0};
            int level = model_skill_levels_get(&job->levels, i);
            mc_sb_add(&one, "%s", p->skills[i] ? p->skills[i] : "?");
            if (level > 1)
                mc_sb_add(&one, ":%d", level);
            if (one.oom || !one.s) {
                c->st = MODEL_ERR_NOMEM;
                free(one.s);
                continue;
            }
            names[n++] = one.s;
        }
        qsort(names, (size_t)n, sizeof *names, mc_cmp_str);
        sbuf b = {0};
        for (int i = 0; i < n; i++)
            mc_sb_add(&b, "%s%s", i ? ", " : "", names[i]);
        mc_bad(c, "%s: technician %s lacks skill(s) %s (rule 1)", where, tech->id,
            b.s ? b.s : "(unnamed)");
        free(b.s);
        for (int i = 0; i < n; i++)
            free(names[i]);
    }
    check_levels(c, where, job, tech);
    if (job->pinned >= 0 && job->pinned != tech_index)
        mc_bad(c, "%s: is pinned to technician '%s' (rule 1)", where,
            job->pinned < p->ntechnicians ? p->technicians[job->pinned].id : "?");
    if (job->has_allowed) {
        bool in = false;
        int nallowed = job->allowed ? job->nallowed : 0;
        for (int a = 0; a < nallowed; a++)
            in |= job->allowed[a] == tech_index;
        if (!in) {
            const char **names = malloc((size_t)(nallowed > 0 ? nallowed : 1) * sizeof *names);
            if (!names) {
                c->st = MODEL_ERR_NOMEM;
                return;
            }
            int n = 0;
            for (int a = 0; a < nallowed; a++) {
                int t = job->allowed[a];
                if (t < 0 || t >= p->ntechnicians)
                    continue;
                bool dup = false;
                for (int k = 0; k < n; k++)
                    dup |= strcmp(names[k], p->technicians[t].id) == 0;
                if (!dup)
                    names[n++] = p->technicians[t].id;
            }
            qsort(names, (size_t)n, sizeof *names, mc_cmp_str);
            sbuf b = {0};
            mc_sb_add(&b, "[");
            for (int k = 0; k < n; k++)
                mc_sb_add(&b, "%s'%s'", k ? ", " : "", names[k]);
            mc_sb_add(&b, "]");
            mc_bad(c, "%s: technician %s is not in allowed_technicians %s (rule 1)", where, tech->id,
                b.s ? b.s : "[]");
            free(b.s);
            free(names);
        }
    }
    int64_t length = mc_sat_sub(v->finish, v->begin);
    if (length != job->duration)
        mc_bad(c, "%s: start to end is %lld s, but the duration is %lld s", where, (long long)length,
            (long long)job->duration);
    if (v->arrival > v->begin)
        mc_bad(c, "%s: arrival %s is after start %s", where, mc_fmt_time(c, v->arrival).s,
            mc_fmt_time(c, v->begin).s);
    /* rule 2: any window; none means any time; relaxed by a lateness */
    c->sum.preference_bonus_s += model_job_preference_bonus(job, tech_index);
    if (job->lateness.max_s >= 0) {
        if (job->nwindows > 0 && job->windows)
            check_lateness(c, where, v, job);
    } else if (job->nwindows > 0 && job->windows) {
        bool in = false;
        for (int w = 0; w < job->nwindows && !in; w++)
            in = job->windows[w].start <= v->begin && v->begin <= job->windows[w].end;
        if (!in) {
            sbuf b = {0};
            for (int w = 0; w < job->nwindows; w++)
                mc_sb_add(&b, "%s[%s, %s]", w ? ", " : "", mc_fmt_time(c, job->windows[w].start).s,
                       mc_fmt_time(c, job->windows[w].end).s);
            mc_bad(c, "%s: start %s is in none of its windows %s (rule 2)", where,
                mc_fmt_time(c, v->begin).s, b.s ? b.s : "");
            free(b.s);
        }
    }
    /* rule 3 */
    if (job->release != MODEL_TIME_MIN && v->begin < job->release)
        mc_bad(c, "%s: start %s is before release %s (rule 3)", where, mc_fmt_time(c, v->begin).s,
            mc_fmt_time(c, job->release).s);
    if (job->deadline != MODEL_TIME_MAX && v->finish > job->deadline)
        mc_bad(c, "%s: end %s is after deadline %s (rule 3)", where, mc_fmt_time(c, v->finish).s,
            mc_fmt_time(c, job->deadline).s);
}

/* ---- rule 4, 5 and the travel part of rule 6 --------------------------------- */

/* Whether a drive of `duration` fits in one gap left by the breaks (in
 * route order) within [depart, arrive]: the oracle's travel_fits. */
static bool travel_fits(int64_t depart, int64_t arrive, int64_t duration, const view *v,
                        const int *breaks, int nbreaks)
{
    int64_t free_from = depart;
    for (int i = 0; i < nbreaks; i++) {
        const view *b = &v[breaks[i]];
        int64_t until = b->begin < arrive ? b->begin : arrive;
        if (mc_sat_sub(until, free_from) >= duration)
            return true;
        if (b->finish > free_from)
            free_from = b->finish;
    }
    return mc_sat_sub(arrive, free_from) >= duration;
}

void mc_check_timeline(checker *c, const char *where, const view *v, int n,
                       const model_shift *shift)
{
    for (int i = 1; i < n; i++)
        if (v[i].begin < v[i - 1].finish)
            mc_bad(c,
                "%s: %s begins %s before %s finishes %s (stops in time order, nothing overlaps; "
                "rule 4)",
                where, v[i].label, mc_fmt_time(c, v[i].begin).s, v[i - 1].label,
                mc_fmt_time(c, v[i - 1].finish).s);
    int *breaks = malloc((size_t)n * sizeof *breaks);
    if (!breaks) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    int last = 0, nbreaks = 0;
    for (int i = 1; i < n; i++) {
        if (v[i].kind == MODEL_STOP_BREAK) {
            breaks[nbreaks++] = i;
            continue;
        }
        int64_t duration = model_travel_duration(c->p, v[last].loc, v[i].loc);
        c->sum.travel_s = mc_sat_add(c->sum.travel_s, duration);
        c->sum.distance_m = mc_sat_add(c->sum.distance_m, model_travel_distance(c->p, v[last].loc, v[i].loc));
        if (v[i].arrival < mc_sat_add(v[last].finish, duration))
            mc_bad(c, "%s: %s: arrival %s is earlier than leaving %s at %s plus %lld s travel (rule 4)",
                where, v[i].label, mc_fmt_time(c, v[i].arrival).s, v[last].label,
                mc_fmt_time(c, v[last].finish).s, (long long)duration);
        else if (!travel_fits(v[last].finish, v[i].arrival, duration, v, breaks, nbreaks))
            mc_bad(c, "%s: the %lld s drive from %s to %s does not fit in one gap between breaks (rule 6)",
                where, (long long)duration, v[last].label, v[i].label);
        last = i;
        nbreaks = 0;
    }
    free(breaks);
    if (v[0].finish < shift->start)
        mc_bad(c, "%s: departs %s before the shift starts %s (rule 5)", where,
            mc_fmt_time(c, v[0].finish).s, mc_fmt_time(c, shift->start).s);
    int64_t over = v[n - 1].begin > shift->end ? mc_sat_sub(v[n - 1].begin, shift->end) : 0;
    if (shift->overtime.max_s < 0 && over > 0)
        mc_bad(c, "%s: arrives at the end %s after the shift ends %s (rule 5)", where,
            mc_fmt_time(c, v[n - 1].begin).s, mc_fmt_time(c, shift->end).s);
    else if (shift->overtime.max_s >= 0) {
        if (over > shift->overtime.max_s)
            mc_bad(c,
                "%s: arrives at the end %s, %lld s after the shift ends %s, more than overtime "
                "max_min %lld allows (rule 5)",
                where, mc_fmt_time(c, v[n - 1].begin).s, (long long)over,
                mc_fmt_time(c, shift->end).s, (long long)(shift->overtime.max_s / 60));
        c->sum.overtime_cost_s = mc_sat_add(c->sum.overtime_cost_s, model_soft_limit_cost(shift->overtime, over));
    }
}

/* ---- rule 6: break stops matched to the shift's breaks ----------------------- */

typedef struct matching {
    const view *v;
    const int *taken;       /* view indices of the break stops */
    const model_shift *shift;
    int *owner;             /* shift break -> index into taken, or -1 */
    bool *seen;             /* shift break visited in this search */
} matching;

static bool fits_break(const view *s, const model_break *b)
{
    return b->earliest <= s->begin && s->begin <= b->latest &&
           mc_sat_sub(s->finish, s->begin) >= b->duration;
}

/* Kuhn's augmenting path from break stop i; depth <= the shift's breaks. */
static bool augment(matching *m, int i)
{
    const view *s = &m->v[m->taken[i]];
    for (int bi = 0; bi < m->shift->nbreaks; bi++) {
        if (m->seen[bi] || !fits_break(s, &m->shift->breaks[bi]))
            continue;
        m->seen[bi] = true;
        if (m->owner[bi] < 0 || augment(m, m->owner[bi])) {
            m->owner[bi] = i;
            return true;
        }
    }
    return false;
}

void mc_check_breaks(checker *c, const char *where, const view *v, int n,
                     const model_shift *shift, bool serves_jobs)
{
    int nb = shift->breaks ? shift->nbreaks : 0;
    int *taken = malloc((size_t)n * sizeof *taken);
    int *owner = malloc((size_t)(nb ? nb : 1) * sizeof *owner);
    bool *seen = malloc((size_t)(nb ? nb : 1) * sizeof *seen);
    if (!taken || !owner || !seen) {
        c->st = MODEL_ERR_NOMEM;
        goto done;
    }
    int ntaken = 0;
    for (int i = 0; i < n; i++)
        if (v[i].kind == MODEL_STOP_BREAK)
            taken[ntaken++] = i;
    for (int b = 0; b < nb; b++)
        owner[b] = -1;
    model_shift sh = *shift;
    sh.nbreaks = nb;
    matching m = {v, taken, &sh, owner, seen};
    for (int i = 0; i < ntaken; i++) {
        memset(seen, 0, (size_t)(nb ? nb : 1) * sizeof *seen);
        if (!augment(&m, i)) {
            const view *s = &v[taken[i]];
            mc_bad(c, "%s: %s (%s to %s) matches no break of the shift in start and length (rule 6)",
                where, s->label, mc_fmt_time(c, s->begin).s, mc_fmt_time(c, s->finish).s);
        }
    }
    if (serves_jobs)
        for (int b = 0; b < nb; b++)
            if (owner[b] < 0) {
                const model_break *br = &shift->breaks[b];
                int64_t minutes = br->duration >= 0 ? br->duration / 60
                                                    : -((-br->duration + 59) / 60);
                mc_bad(c, "%s: break of %lld min starting within [%s, %s] is not taken (rule 6)", where,
                    (long long)minutes, mc_fmt_time(c, br->earliest).s, mc_fmt_time(c, br->latest).s);
            }
done:
    free(taken);
    free(owner);
    free(seen);
}
