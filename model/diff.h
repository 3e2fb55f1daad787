/* diff.h - what changed between two schedules, possibly of two different
 * problems (a what-if, a re-plan, a booking): the KPIs side by side and the
 * change of every job, jobs and technicians matched by id; and a schedule
 * carried over onto a changed problem by ids (the solver's `previous`).
 *
 * Shifts are matched by the local date of their start in the problem's
 * zone: the k-th shift of a technician on a day matches the k-th shift of
 * the technician with the same id on the same day. A diff holds indices into
 * both problems, which must outlive it. Nothing here prints. */
#ifndef FIELDPLAN_MODEL_DIFF_H
#define FIELDPLAN_MODEL_DIFF_H

#include <stdint.h>

#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* A kept job whose start moves by more than this many seconds is an
 * appointment change (the store's `shifted_jobs` uses the same bound). */
#define MODEL_DIFF_SHIFT_S 900

/* Key figures of one schedule. */
typedef struct model_kpis {
    int assigned;              /* jobs in routes */
    int unassigned;            /* jobs of the problem not in any route */
    int64_t unassigned_weight; /* sum of 1 + priority over those */
    int64_t travel_s;          /* travel along every route */
    int64_t distance_m;
    int routes;                /* routes serving at least one job */
    int64_t working_s;         /* over those routes: departure to return */
    int64_t overtime_s;        /* working time outside the reference shifts
                                  (model_diff_compute: those of problem a) */
} model_kpis;

typedef enum model_change_kind {
    MODEL_CHANGE_MOVED = 0,      /* served in both, by another technician or on another day */
    MODEL_CHANGE_SHIFTED = 1,    /* same technician and day, start moved > MODEL_DIFF_SHIFT_S */
    MODEL_CHANGE_UNASSIGNED = 2, /* served in a, unassigned in b */
    MODEL_CHANGE_ASSIGNED = 3,   /* unassigned in a, served in b */
    MODEL_CHANGE_ADDED = 4,      /* only in problem b (served or not) */
    MODEL_CHANGE_REMOVED = 5     /* only in problem a (cancelled, or out of b's horizon) */
} model_change_kind;

/* One job's change. Sides a and b: technician and shift indices into the
 * respective problem (-1 when the job is not served there) and the service
 * start. */
typedef struct model_job_change {
    model_change_kind kind;
    int job_a, job_b;      /* job index in problem a / b, or -1 */
    int tech_a, shift_a;   /* where schedule a serves it, or -1, -1 */
    int64_t start_a;
    int tech_b, shift_b;   /* where schedule b serves it, or -1, -1 */
    int64_t start_b;
    char *reason;          /* owned, may be NULL: why, where it can be told
                              (b's unassigned reason, "cancelled", "t-01 has
                              no shift on 2026-11-24 any more", ...) */
} model_job_change;

typedef struct model_diff {
    model_kpis a, b;           /* b's overtime is measured against a's shifts */
    int moved;                 /* MOVED changes */
    int shifted;               /* SHIFTED changes */
    int appointments_changed;  /* jobs served in a that b leaves unassigned or
                                  serves with a start more than
                                  MODEL_DIFF_SHIFT_S away (any technician) */
    model_job_change *changes; /* owned: sides a first (by a's technician id,
                                  then start), then the jobs new in b by id */
    int nchanges;
} model_diff;

/* The KPIs of schedule s of problem p, overtime measured against the
 * shifts of problem ref (NULL: p itself, so 0): the part of a route's
 * departure-to-return time outside ref's shift of the same technician id
 * and day, or all of it on a day within ref's dates on which ref gives
 * that technician no shift; days outside ref's first to last shift date
 * count nothing. */
model_kpis model_kpis_compute(const model_problem *p, const model_schedule *s,
                              const model_problem *ref);

/* Compares schedule sa of problem pa with schedule sb of problem pb (the
 * same problem may be passed twice). Lists every job that is MOVED,
 * SHIFTED, UNASSIGNED, ASSIGNED, ADDED or REMOVED; a job unassigned in both,
 * or kept within MODEL_DIFF_SHIFT_S, is not listed. *out owns a new diff
 * (free with model_diff_free). MODEL_ERR_NOMEM. */
model_status model_diff_compute(const model_problem *pa, const model_schedule *sa,
                                const model_problem *pb, const model_schedule *sb,
                                model_diff **out, model_error *err);

/* Frees a diff and its reasons; NULL is accepted. */
void model_diff_free(model_diff *d);

/* "moved", "shifted", "unassigned", "assigned", "added", "removed". */
const char *model_change_kind_name(model_change_kind kind);

/* Schedule s of problem a carried over to problem b: technicians and jobs by
 * id, shifts by day (above). Stops of jobs b lacks are dropped, as are
 * routes whose technician or shift b lacks (their jobs are then in no
 * route), and unassigned entries of jobs b lacks; every time is kept. The
 * result refers to b but need not keep b's rules: it is meant as
 * solver_options.previous or for comparison. *out owns it. MODEL_ERR_NOMEM. */
model_status model_schedule_remap(const model_problem *a, const model_schedule *s,
                                  const model_problem *b, model_schedule **out, model_error *err);

#endif
