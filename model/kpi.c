/* kpi.c - the KPIs of a schedule (kpi.h), by FORMAT.md's definitions. */
#include "model/kpi.h"

#include <stdlib.h>
#include <string.h>

model_run_kpis model_run_kpis_compute(const model_problem *p, const model_schedule *s)
{
    model_run_kpis k;
    memset(&k, 0, sizeof k);
    k.travel_s = model_schedule_summarize(p, s).travel_s;
    int64_t *work = calloc((size_t)(p->ntechnicians > 0 ? p->ntechnicians : 1), sizeof *work);
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (rt->nstops < 2 || rt->technician < 0 || rt->technician >= p->ntechnicians)
            continue;
        const model_technician *tech = &p->technicians[rt->technician];
        if (work)
            work[rt->technician] += rt->stops[rt->nstops - 1].start - rt->stops[0].start;
        if (rt->shift >= 0 && rt->shift < tech->nshifts) {
            const model_shift *sh = &tech->shifts[rt->shift];
            int64_t over = rt->stops[rt->nstops - 1].start - sh->end;
            if (over > 0) {
                k.overtime_s += over;
                k.overtime_routes++;
                k.overtime_cost_s += model_soft_limit_cost(sh->overtime, over);
            }
        }
        for (int i = 0; i < rt->nstops; i++) {
            const model_stop *st = &rt->stops[i];
            if (st->kind != MODEL_STOP_JOB || st->job < 0 || st->job >= p->njobs)
                continue;
            const model_job *j = &p->jobs[st->job];
            int64_t late = model_job_late_s(j, st->start, NULL);
            if (late > 0) {
                k.lateness_s += late;
                k.late_jobs++;
                k.lateness_cost_s += model_soft_limit_cost(j->lateness, late);
            }
            if (j->npreferred > 0) {
                int64_t bonus = model_job_preference_bonus(j, rt->technician);
                k.preferred_jobs++;
                bool listed = false;
                for (int q = 0; q < j->npreferred; q++)
                    listed |= j->preferred[q].technician == rt->technician;
                k.served_by_preferred += listed;
                k.preference_bonus_s += bonus;
            }
        }
    }
    /* working time over the technicians with a shift */
    int n = 0;
    int64_t sum = 0;
    for (int t = 0; work && t < p->ntechnicians; t++) {
        if (p->technicians[t].nshifts == 0)
            continue;
        int64_t w = work[t];
        if (n == 0 || w < k.work_min_s)
            k.work_min_s = w;
        if (n == 0 || w > k.work_max_s)
            k.work_max_s = w;
        work[n++] = w; /* compacted in place: t >= n */
        sum += w;
    }
    k.technicians = n;
    k.work_mean_s = n ? (double)sum / n : 0.0;
    k.balance_cost_s = model_balance_cost(p->objective.balance_us_per_min, work, n);
    free(work);
    k.cost = k.travel_s + k.lateness_cost_s + k.overtime_cost_s + k.balance_cost_s -
             k.preference_bonus_s;
    return k;
}

double model_run_kpis_preferred_share(const model_run_kpis *k)
{
    return k->preferred_jobs > 0 ? (double)k->served_by_preferred / k->preferred_jobs : -1.0;
}

bool model_run_kpis_equal(const model_run_kpis *a, const model_run_kpis *b)
{
    return a->lateness_s == b->lateness_s && a->late_jobs == b->late_jobs &&
           a->overtime_s == b->overtime_s && a->overtime_routes == b->overtime_routes &&
           a->technicians == b->technicians && a->work_min_s == b->work_min_s &&
           a->work_mean_s == b->work_mean_s && a->work_max_s == b->work_max_s &&
           a->preferred_jobs == b->preferred_jobs &&
           a->served_by_preferred == b->served_by_preferred && a->travel_s == b->travel_s &&
           a->lateness_cost_s == b->lateness_cost_s && a->overtime_cost_s == b->overtime_cost_s &&
           a->balance_cost_s == b->balance_cost_s &&
           a->preference_bonus_s == b->preference_bonus_s && a->cost == b->cost;
}
