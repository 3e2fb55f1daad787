/* schedule.h - a schedule: one route per used technician-shift, each a
 * sequence of stops (start, jobs and breaks, end), plus unassigned jobs
 * with reasons (FORMAT.md "Schedule").
 *
 * The schedule owns its routes, stops and reason strings; indices refer to
 * the problem it was made for, which must outlive it. */
#ifndef FIELDPLAN_MODEL_SCHEDULE_H
#define FIELDPLAN_MODEL_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/problem.h"

typedef enum model_stop_kind {
    MODEL_STOP_START = 0, /* time = departure from the start location */
    MODEL_STOP_JOB = 1,
    MODEL_STOP_BREAK = 2, /* no location */
    MODEL_STOP_END = 3    /* time = arrival at the end location */
} model_stop_kind;

typedef struct model_stop {
    model_stop_kind kind;
    int job;         /* job index for MODEL_STOP_JOB, else -1 */
    int location;    /* location index; -1 for a break */
    int64_t arrival; /* job: arrival (<= start); others: equal to start */
    int64_t start;   /* job: service start; break: start; start/end: time */
    int64_t end;     /* job: start + duration; break: end; start/end: time */
} model_stop;

typedef struct model_route {
    int technician;    /* technician index */
    int shift;         /* index into that technician's shifts */
    model_stop *stops; /* owned; stops[0] start, stops[nstops-1] end */
    int nstops;
    int cap;
} model_route;

typedef struct model_unassigned {
    int job;      /* job index */
    char *reason; /* owned, a sentence a dispatcher can act on */
} model_unassigned;

typedef struct model_summary {
    int assigned;              /* jobs in routes */
    int unassigned;            /* jobs not in any route */
    int64_t unassigned_weight; /* sum of 1 + priority over unassigned jobs */
    int64_t travel_s;          /* travel along every route */
    int64_t distance_m;
    int routes;                /* routes that serve at least one job */
    /* extension 2: cost = travel_s + lateness_cost_s + overtime_cost_s +
     * balance_cost_s - preference_bonus_s (travel_s without soft rules) */
    int64_t cost;
    int64_t lateness_cost_s;
    int64_t overtime_cost_s;
    int64_t balance_cost_s;
    int64_t preference_bonus_s;
} model_summary;

/* FORMAT.md "Bounds (extension 3)": what the schedule proves of itself.
 * unassigned_weight: no schedule has a smaller unassigned weight; cost
 * (only when has_cost, i.e. unassigned_weight equals the schedule's): no
 * schedule with the schedule's unassigned weight has a smaller cost
 * (summary.cost); gap = (C - cost) / max(|C|, 1) with C the schedule's
 * cost (its travel_s without soft rules);
 * proven_optimal exactly when the gap is 0 and the weights agree
 * (model_bound_settle keeps gap and proven_optimal so). */
typedef struct model_bound {
    bool present;              /* false: the schedule claims no bound */
    int64_t unassigned_weight;
    bool has_cost;
    double cost;
    bool has_gap;              /* gap given (a read schedule may omit it) */
    double gap;
    bool has_proven;           /* proven_optimal given */
    bool proven_optimal;
} model_bound;

typedef struct model_schedule {
    char *problem_name;           /* owned copy of the problem's name, may be NULL */
    model_bound bound;            /* summary.bound (present false: none) */
    model_route *routes;          /* owned */
    int nroutes, cap_routes;
    model_unassigned *unassigned; /* owned */
    int nunassigned, cap_unassigned;
} model_schedule;

/* A new empty schedule for problem p (copies its name). */
model_status model_schedule_create(model_schedule **out, const model_problem *p, model_error *err);

/* Frees a schedule and all it owns; NULL is accepted. */
void model_schedule_free(model_schedule *s);

/* Appends an empty route for (tech, shift); *out valid until the next add. */
model_status model_schedule_add_route(model_schedule *s, int tech, int shift, model_route **out,
                                      model_error *err);

/* Appends a stop to a route. */
model_status model_route_add_stop(model_route *r, const model_stop *stop, model_error *err);

/* Appends an unassigned job with a copy of reason. */
model_status model_schedule_add_unassigned(model_schedule *s, int job, const char *reason,
                                           model_error *err);

/* Totals recomputed from the routes (travel along start, located stops, end;
 * breaks have no location) and the cost terms of extension 2 (lateness by
 * model_job_late_s, overtime past each route's shift end, the balance of
 * end - start per technician, the bonus of each served job's technician).
 * Stops with out-of-range indices are skipped. */
model_summary model_schedule_summarize(const model_problem *p, const model_schedule *s);

/* Lexicographic objective compare: negative when a is better than b
 * (lower unassigned weight, then lower cost, which is travel without the
 * soft rules of extension 2). */
int model_summary_compare(const model_summary *a, const model_summary *b);

/* Given b->unassigned_weight and b->cost (has_cost), sets has_cost (only
 * when the weights agree), gap and proven_optimal against the schedule's
 * totals sum. */
void model_bound_settle(model_bound *b, const model_summary *sum);

/* The engine's own check of a bound's shape against the schedule's totals
 * (the rules of FORMAT.md extension 3): MODEL_ERR_INPUT naming the field
 * when the bound claims more than the schedule (a weight or cost above the
 * schedule's), a cost without the same weight, a gap that is not
 * (C - cost) / max(|C|, 1), or a proven_optimal that does not follow. */
model_status model_bound_check(const model_bound *b, const model_summary *sum, model_error *err);

/* The oracle's ok-line fields of a bound into buf (see model/bound.c). */
void model_bound_ok_fields(const model_bound *b, const model_summary *totals, char *buf,
                           size_t size);

/* A deep copy of s in *out. */
model_status model_schedule_clone(model_schedule **out, const model_schedule *s, model_error *err);

/* Sorts routes by (technician, shift) and unassigned by job index, so that
 * equal schedules print equally. */
void model_schedule_normalize(model_schedule *s);

#endif
