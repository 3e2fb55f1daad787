/* kpi.h - what a dispatcher reads off a schedule besides the summary
 * (issue 13): lateness, overtime, working time per technician, the share of
 * jobs served by a preferred technician, and the cost of FORMAT.md
 * extension 2 computed from its terms.
 *
 * Everything is computed from the problem and the schedule's stops, by
 * FORMAT.md's definitions, independently of the solver: a job's late
 * seconds are L = max(0, S - w.end) for the window w with the largest start
 * <= S (of equal starts, the one ending last); a route's overtime is the
 * arrival at its end minus its shift's end, when positive; a technician's
 * working time W_t is the sum over its routes of end.time - start.time,
 * over the technicians with at least one shift (0 without routes). */
#ifndef FIELDPLAN_MODEL_KPI_H
#define FIELDPLAN_MODEL_KPI_H

#include <stdbool.h>
#include <stdint.h>

#include "model/problem.h"
#include "model/schedule.h"

typedef struct model_run_kpis {
    int64_t lateness_s;       /* sum of late seconds over the served jobs */
    int late_jobs;            /* served jobs with L > 0 */
    int64_t overtime_s;       /* sum of overtime seconds over the routes */
    int overtime_routes;      /* routes with overtime > 0 */
    int technicians;          /* technicians with at least one shift */
    int64_t work_min_s;       /* min, mean and max of W_t over them (0 when none) */
    double work_mean_s;
    int64_t work_max_s;
    int preferred_jobs;       /* served jobs that list preferred technicians */
    int served_by_preferred;  /* of those, served by one of them */
    /* FORMAT.md extension 2's cost and its terms */
    int64_t travel_s;
    int64_t lateness_cost_s;
    int64_t overtime_cost_s;
    int64_t balance_cost_s;
    int64_t preference_bonus_s;
    int64_t cost;             /* travel + lateness + overtime + balance - bonus */
} model_run_kpis;

/* The KPIs of schedule s of problem p (s's indices must be p's). */
model_run_kpis model_run_kpis_compute(const model_problem *p, const model_schedule *s);

/* The share of served jobs with preferred technicians that one of them
 * serves, from 0 to 1; negative when no served job lists any. */
double model_run_kpis_preferred_share(const model_run_kpis *k);

/* Whether two KPI records are equal in every field. */
bool model_run_kpis_equal(const model_run_kpis *a, const model_run_kpis *b);

#endif
