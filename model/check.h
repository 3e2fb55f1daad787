/* check.h - the engine's own schedule checker: every rule of FORMAT.md,
 * the summary, and one message per violation naming route, stop and rule.
 *
 * It agrees with ../shared/tools/verify_schedule.py (the independent oracle)
 * on which schedules are valid; the tests compare the two. */
#ifndef FIELDPLAN_MODEL_CHECK_H
#define FIELDPLAN_MODEL_CHECK_H

#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* Markers left by a reader (io/formats/json_schedule.c). A schedule read from a file
 * may hold things the model cannot express (an unknown id, an unreadable
 * stop). The reader reports those itself and encodes them with the index
 * value MODEL_CHECK_REPORTED (-2):
 *   - route.technician == -2, or route.shift == -2: the route's technician or
 *     shift could not be resolved (reported); the route is abandoned;
 *   - route.stops[0].location == -2: the route's stops cannot be followed
 *     (reported); stops[1..] are JOB stops naming the known jobs it lists,
 *     which still count as appearing; technician and shift, when valid,
 *     still count as used;
 *   - stop.job == -2 on a JOB stop: an unknown job id (reported); the stop
 *     is a located stop serving no job, as in the oracle;
 *   - unassigned[i].job == -2: an unknown job id (reported); skipped.
 * Markers are honoured only when `out` already holds a violation when the
 * check starts (the reader's), so a marker can never make an invalid
 * schedule pass; otherwise -2 is an out-of-range index like any other. */
#define MODEL_CHECK_REPORTED (-2)

/* The violations found, in the order found, and the recomputed totals. */
typedef struct model_report {
    char **items;          /* owned messages, one line each: the first
                              MODEL_REPORT_MAX_ITEMS violations */
    int n, cap;            /* messages kept, room for them */
    long total;            /* violations found, kept or not */
    model_summary totals;  /* recomputed from the routes */
} model_report;

#define MODEL_REPORT_INIT {NULL, 0, 0, 0, {0}}

/* Messages kept in a report; the violations after them are only counted
 * (a schedule of a million broken stops is checked in the memory of the
 * schedule, not of two million messages). */
#define MODEL_REPORT_MAX_ITEMS 1000

/* Whether the next violation's message is still kept (else model_report_add
 * only counts it, and callers may skip formatting it). */
static inline bool model_report_keeps(const model_report *r)
{
    return r->n < MODEL_REPORT_MAX_ITEMS;
}

/* Appends a formatted violation (counts it only once MODEL_REPORT_MAX_ITEMS
 * messages are kept). MODEL_ERR_NOMEM on failure. */
model_status model_report_add(model_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Frees the messages (not r itself); NULL is accepted. */
void model_report_clear(model_report *r);

/* Checks schedule s against problem p; appends every violation to *out and
 * fills out->totals. When `claimed` is not NULL its fields are compared with
 * the recomputed totals (a mismatch is a violation). Returns MODEL_OK when
 * the check ran (whether or not it found violations: see out->n), or
 * MODEL_ERR_NOMEM. */
model_status model_check_schedule(const model_problem *p, const model_schedule *s,
                                  const model_summary *claimed, model_report *out,
                                  model_error *err);

/* The oracle's reading of a claimed bound (verify_schedule.py, extension
 * 3), in its words: each violation added to rep against the recomputed
 * totals (C is totals->cost, named "cost" for a problem that uses
 * extension 2, ext2, else "travel_s"); the cost is not compared when travel
 * is unknown (a route could not be followed). MODEL_ERR_NOMEM only. */
model_status model_bound_report(const model_bound *b, const model_summary *totals,
                                bool travel_known, bool ext2, model_report *rep, model_error *err);

#endif
