/* slots.c - the windows a new job fits in, cheapest first (slots.h). */
#include <stdlib.h>
#include <string.h>

#include "usecase/slots.h"

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_slots *sl = uc;
    return usecase_booking_load(ss->store, sl->opt->job_path, "new-job", NULL, &sl->b, err);
}

model_status usecase_slots_load(usecase_session *ss, const usecase_slots_options *opt,
                                usecase_slots *sl, model_error *err)
{
    memset(sl, 0, sizeof *sl);
    sl->opt = opt;
    usecase_hooks hooks = {NULL, load, NULL, NULL, NULL, NULL};
    ss->open.read_only = true;
    ss->lock = false;
    ss->feeds = false;
    return usecase_session_run(ss, &hooks, sl, err);
}

static int cmp_offer(const void *x, const void *y)
{
    const solver_slot *a = x, *b = y;
    if (a->extra_travel_s != b->extra_travel_s)
        return a->extra_travel_s < b->extra_travel_s ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

model_status usecase_slots_rank(usecase_slots *sl, const model_window *w, int n,
                                model_error *err)
{
    if (n && !(sl->offers = calloc((size_t)n, sizeof *sl->offers)))
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    model_status rc;
    if (n && (rc = solver_slots(sl->b.res.problem, sl->b.s0, sl->b.job, w, n, sl->offers,
                                err)) != MODEL_OK)
        return rc;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (sl->offers[i].technician >= 0)
            sl->offers[k++] = sl->offers[i];
    qsort(sl->offers, (size_t)k, sizeof *sl->offers, cmp_offer);
    sl->noffers = k;
    sl->best_max_s = 0;
    if (k) {
        int64_t cheapest = sl->offers[0].extra_travel_s, slack = cheapest / 10;
        sl->best_max_s = cheapest + (slack > 300 ? slack : 300);
    }
    return MODEL_OK;
}

void usecase_slots_free(usecase_slots *sl)
{
    if (!sl)
        return;
    free(sl->offers);
    usecase_booking_free(&sl->b);
    memset(sl, 0, sizeof *sl);
}
