/* plan_policy.c - the planning policy (plan.h): which jobs of the
 * previous schedule count as moved or shifted, when the published schedule
 * is kept for unchanged input, the note on jobs that may wait, and the
 * regular technician (a customer's last technician preferred). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usecase/plan.h"

model_status usecase_plan_annotate(const io_store_plan *pl, model_schedule *sched,
                                   model_error *err)
{
    static const char prefix[] = "may wait: deadline after the horizon; ";
    for (int i = 0; i < sched->nunassigned; i++) {
        model_unassigned *u = &sched->unassigned[i];
        if (u->job < 0 || u->job >= pl->problem->njobs || !pl->may_wait[u->job])
            continue;
        const char *old = u->reason ? u->reason : "";
        if (strncmp(old, prefix, sizeof prefix - 1) == 0)
            continue;
        size_t n = sizeof prefix + strlen(old);
        char *r = malloc(n);
        if (!r)
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        snprintf(r, n, "%s%s", prefix, old);
        free(u->reason);
        u->reason = r;
    }
    return MODEL_OK;
}

void usecase_plan_moves(const io_store_plan *pl, const model_schedule *sched, int *moved,
                        int *shifted)
{
    *moved = *shifted = 0;
    if (!pl->previous)
        return;
    int nj = pl->problem->njobs;
    int *now_t = malloc((size_t)(nj ? nj : 1) * sizeof *now_t);
    int *now_k = malloc((size_t)(nj ? nj : 1) * sizeof *now_k);
    int64_t *now_s = malloc((size_t)(nj ? nj : 1) * sizeof *now_s);
    if (now_t && now_k && now_s) {
        for (int j = 0; j < nj; j++)
            now_t[j] = -1;
        for (int r = 0; r < sched->nroutes; r++)
            for (int k = 0; k < sched->routes[r].nstops; k++) {
                const model_stop *st = &sched->routes[r].stops[k];
                if (st->kind == MODEL_STOP_JOB && st->job >= 0 && st->job < nj) {
                    now_t[st->job] = sched->routes[r].technician;
                    now_k[st->job] = sched->routes[r].shift;
                    now_s[st->job] = st->start;
                }
            }
        for (int j = 0; j < nj; j++) {
            if (pl->prev_tech[j] < 0)
                continue;
            if (now_t[j] != pl->prev_tech[j] || now_k[j] != pl->prev_shift[j])
                (*moved)++;
            else if (llabs(now_s[j] - pl->prev_start[j]) > 15 * 60)
                (*shifted)++;
        }
    }
    free(now_t);
    free(now_k);
    free(now_s);
}

model_status usecase_plan_keep_previous(const io_store_plan *pl, model_schedule **sched,
                                        int64_t move_penalty_s, int64_t shift_penalty_s,
                                        bool *kept, model_error *err)
{
    *kept = false;
    if (!pl->previous_same)
        return MODEL_OK;
    const model_problem *p = pl->problem;
    model_summary now = model_schedule_summarize(p, *sched);
    model_summary then = model_schedule_summarize(p, pl->previous_same);
    int moved, shifted;
    usecase_plan_moves(pl, *sched, &moved, &shifted);
    /* cost is travel_s when the problem uses no soft rule (extension 2) */
    int64_t cost_now = now.cost + (int64_t)moved * move_penalty_s +
                       (int64_t)shifted * shift_penalty_s;
    if (now.unassigned_weight < then.unassigned_weight ||
        (now.unassigned_weight == then.unassigned_weight && cost_now < then.cost))
        return MODEL_OK;
    model_schedule *copy = NULL;
    model_status rc = model_schedule_clone(&copy, pl->previous_same, err);
    if (rc != MODEL_OK)
        return rc;
    /* the new solve's bound holds for this same problem: the kept
     * schedule carries it, settled against its own totals */
    copy->bound = (*sched)->bound;
    model_bound_settle(&copy->bound, &then);
    model_schedule_free(*sched);
    *sched = copy;
    *kept = true;
    return MODEL_OK;
}

model_status usecase_plan_prefer_last(io_store *s, int64_t bonus_s, usecase_plan *pl,
                                      model_error *err)
{
    model_status rc = io_store_last_techs(s, &pl->last, &pl->nlast, err);
    if (rc != MODEL_OK)
        return rc;
    if (pl->nlast == 0)
        return MODEL_OK;
    if (!(pl->prefer = malloc((size_t)pl->nlast * sizeof *pl->prefer)))
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    for (int i = 0; i < pl->nlast; i++)
        pl->prefer[i] = (io_store_preference){pl->last[i].job, pl->last[i].technician, bonus_s};
    pl->nprefer = pl->nlast;
    return MODEL_OK;
}
