/* store_breaks.c - the breaks of a stored version, read back from the
 * problem and schedule texts of its run (assignments hold only jobs). */
#include <stdio.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "io/store/store_internal.h"
#include "model/check.h"

model_status io_store_each_break(const model_tz *tz, const char *name, const char *problem_json,
                                 const char *schedule_json, io_store_break_fn fn, void *ctx,
                                 model_error *err)
{
    model_problem *p = NULL;
    model_schedule *sched = NULL;
    model_report violations = MODEL_REPORT_INIT;
    model_status rc = io_json_read_problem_text(problem_json, strlen(problem_json), name, &p, err);
    if (rc == MODEL_OK)
        rc = io_json_read_schedule_text(p, schedule_json, strlen(schedule_json), name, &sched,
                                        NULL, NULL, &violations, err);
    for (int r = 0; rc == MODEL_OK && r < sched->nroutes; r++) {
        const model_route *rt = &sched->routes[r];
        if (rt->technician < 0 || rt->technician >= p->ntechnicians || rt->shift < 0 ||
            rt->shift >= p->technicians[rt->technician].nshifts)
            continue;
        bool serves = false;
        for (int i = 0; i < rt->nstops; i++)
            serves = serves || rt->stops[i].kind == MODEL_STOP_JOB;
        if (!serves)
            continue;
        const model_technician *t = &p->technicians[rt->technician];
        char date[MODEL_DATE_BUF];
        model_date_format(model_time_local_day(tz, t->shifts[rt->shift].start), date);
        int nth = 0;
        for (int i = 0; i < rt->nstops && rc == MODEL_OK; i++) {
            const model_stop *st = &rt->stops[i];
            if (st->kind == MODEL_STOP_BREAK)
                rc = fn(ctx, t->id, date, ++nth, st->start, st->end, err);
        }
    }
    model_report_clear(&violations);
    model_schedule_free(sched);
    model_problem_free(p);
    return rc;
}
