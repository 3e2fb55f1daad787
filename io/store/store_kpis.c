/* store_kpis.c - a run's KPIs (model/kpi.h) as the JSON object stored in
 * plan_runs.kpis, with its cost in plan_runs.cost (docs/schema.md). */
#include <stdio.h>
#include <stdlib.h>

#include "io/formats/json_out.h"
#include "io/store/store_internal.h"
#include "io/store/store_query.h"
#include "model/kpi.h"

char *io_store_kpis_json(const model_run_kpis *k, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_printf(&o,
                       "{\"late_jobs\": %d, \"lateness_s\": %lld, \"overtime_routes\": %d, "
                       "\"overtime_s\": %lld, \"technicians\": %d, \"work_min_s\": %lld, "
                       "\"work_mean_s\": ",
                       k->late_jobs, (long long)k->lateness_s, k->overtime_routes,
                       (long long)k->overtime_s, k->technicians, (long long)k->work_min_s);
    io_json_out_number(&o, k->work_mean_s);
    io_json_out_printf(&o, ", \"work_max_s\": %lld, \"preferred_jobs\": %d, "
                           "\"served_by_preferred\": %d, \"preferred_share\": ",
                       (long long)k->work_max_s, k->preferred_jobs, k->served_by_preferred);
    double share = model_run_kpis_preferred_share(k);
    if (share < 0)
        io_json_out_raw(&o, "null");
    else
        io_json_out_number(&o, share);
    io_json_out_printf(&o,
                       ", \"travel_s\": %lld, \"lateness_cost_s\": %lld, \"overtime_cost_s\": "
                       "%lld, \"balance_cost_s\": %lld, \"preference_bonus_s\": %lld, \"cost\": "
                       "%lld}",
                       (long long)k->travel_s, (long long)k->lateness_cost_s,
                       (long long)k->overtime_cost_s, (long long)k->balance_cost_s,
                       (long long)k->preference_bonus_s, (long long)k->cost);
    return io_json_out_finish(&o, err);
}

model_status io_store_run_kpis_set(io_store *s, int64_t run, const model_problem *p,
                                   const model_schedule *sched, model_error *err)
{
    if (!sched)
        return MODEL_OK;
    model_run_kpis k = model_run_kpis_compute(p, sched);
    char *json = io_store_kpis_json(&k, err);
    if (!json)
        return err->code;
    sqlite3_stmt *st;
    model_status rc = io_store_prepare(s, "UPDATE plan_runs SET cost = ?2, kpis = ?3, "
                                          "bound_unassigned_weight = ?4, bound_cost = ?5, "
                                          "bound_gap = ?6, bound_proven_optimal = ?7 WHERE id = ?1",
                                       &st, err);
    if (rc == MODEL_OK) {
        const model_bound *b = &sched->bound;
        sqlite3_bind_int64(st, 1, run);
        sqlite3_bind_int64(st, 2, k.cost);
        sqlite3_bind_text(st, 3, json, -1, SQLITE_TRANSIENT);
        if (b->present) { /* FORMAT.md extension 3; NULL: the run has no bound */
            sqlite3_bind_int64(st, 4, b->unassigned_weight);
            if (b->has_cost)
                sqlite3_bind_double(st, 5, b->cost);
            if (b->has_gap)
                sqlite3_bind_double(st, 6, b->gap);
            sqlite3_bind_int(st, 7, b->proven_optimal ? 1 : 0);
        }
        rc = io_store_step_done(s, st, "store the run's KPIs", err);
        sqlite3_finalize(st);
    }
    free(json);
    return rc;
}
