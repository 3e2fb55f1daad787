/* store_plan.h - what the plan use case (usecase/plan.h) reads from and
 * writes to the store: the problem of a planning horizon, and the run with
 * its new version.
 *
 * Loading builds the horizon's problem as JSON text in the problem format
 * and reads it back with the JSON reader, so the run can keep the exact
 * problem it solved. The horizon is the days [from, from + days) in the
 * database's time zone. It holds:
 *  - every technician, with the shifts whose date lies in the horizon,
 *    except shifts that overlap an absence;
 *  - the jobs with status open, scheduled or started, released before the
 *    horizon ends, and (when they have windows) with a window starting
 *    before it ends;
 *  - a job that is started or locked and has an assignment in the
 *    published version is pinned to it: its technician and, as its only
 *    window, its start time; if that assignment lies outside the horizon
 *    the job is left out;
 *  - the locations these refer to, and the travel model (matrix entries
 *    between them, or the haversine settings);
 *  - FORMAT.md extension 2 where the data has it (store_plan_rules.c):
 *    skill levels ("gas:2"), a job's lateness (not for a job pinned to its
 *    published start), preferred technicians and contact, a shift's
 *    overtime (not when an absence cut its end), the balance objective (setting balance_cost_s_per_min > 0);
 *    a database without them gives the problem text it gave before.
 * A job that can no longer be served is "expired" and left out of the
 * problem (its id is listed in `expired`; its status is not changed: the
 * dispatcher gives it a new window or cancels it): its deadline lies
 * before the horizon starts, or it has windows and each of them, extended
 * by the lateness the job allows, ends before the horizon starts. A job
 * pinned to its published start is never expired.
 * A job whose deadline lies after the horizon (or that has none) "may
 * wait": it is in the problem and counts like any other, but when it stays
 * unassigned its reason starts with "may wait: deadline after the horizon".
 *
 * Stability: when a published version overlaps the horizon, its
 * assignments on the horizon's days become `previous`, a schedule of the
 * new problem (jobs and technicians matched by id, shifts by date), for
 * solver_options.previous. When that version's run solved exactly the same
 * problem (same days, unchanged data), its schedule is also kept as
 * `previous_same` (usecase/plan.h decides whether to keep it). The store
 * only reads and writes these; the planning policy is in usecase/.
 *
 * Saving stores the plan run and, unless the schedule failed its check,
 * the new version with its assignments and unassigned jobs, supersedes the
 * previously published version, updates job statuses (open <-> scheduled)
 * and releases the plan lock, all in one transaction. */
#ifndef FIELDPLAN_IO_STORE_PLAN_H
#define FIELDPLAN_IO_STORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/store/store.h"
#include "model/check.h"
#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* Longest horizon, in days. */
#define IO_STORE_MAX_DAYS 366

typedef struct io_store_plan {
    char from[16];             /* first day, "YYYY-MM-DD" */
    char to[16];               /* last day (inclusive) */
    int days;
    int64_t start, end;        /* the horizon's instants [start, end) */
    char *problem_json;        /* owned: the problem as solved */
    size_t problem_len;
    model_problem *problem;    /* owned, read from problem_json */
    bool *may_wait;            /* owned, per job of problem */
    int pinned;                /* jobs pinned because started or locked */
    int nshifts;               /* shifts in the problem */
    int64_t previous_version;  /* published version overlapping, or 0 */
    model_schedule *previous;  /* owned: its assignments in the horizon, or NULL */
    model_schedule *previous_same; /* owned: its schedule when its run solved exactly
                                      this problem (it passed the check), or NULL */
    int *prev_tech;            /* owned, per job: technician in previous, or -1 */
    int *prev_shift;           /* owned, per job: shift index in previous */
    int64_t *prev_start;       /* owned, per job: service start in previous */
    char **expired;            /* owned: ids of the jobs left out as expired, by id */
    int nexpired;
} io_store_plan;

/* Loads the horizon of `days` days from the date `from` ("YYYY-MM-DD") in
 * one read transaction. On MODEL_OK *out owns the plan (free with
 * io_store_plan_free). Errors: MODEL_ERR_INPUT "first day: 'X' is not an ISO 8601
 * date (YYYY-MM-DD)"
 * or "the number of days must be from 1 to 366",
 * a travel matrix without an entry between two locations the problem
 * needs ("travel matrix has no entry from 'A' to 'B'"), or stored data the
 * problem reader refuses (its message, prefixed "horizon problem"); store
 * errors as in store.h. */
model_status io_store_plan_load(io_store *s, const char *from, int days, io_store_plan **out,
                                model_error *err);

/* A preferred technician a plan adds to a job (FORMAT.md extension 2), on
 * top of the stored ones (a technician in both gets the larger bonus):
 * e.g. the customer's last technician (usecase/plan_policy.c). */
typedef struct io_store_preference {
    const char *job, *technician;
    int64_t bonus_s;
} io_store_preference;

/* io_store_plan_load with extra preferred technicians (extra sorted by
 * job id; a job or technician not in the horizon is passed over). */
model_status io_store_plan_load_with(io_store *s, const char *from, int days,
                                     const io_store_preference *extra, int nextra,
                                     io_store_plan **out, model_error *err);

/* Frees the plan; NULL is accepted. */
void io_store_plan_free(io_store_plan *pl);

/* What the plan run record holds besides the plan. */
typedef struct io_store_run_info {
    int64_t started_at, finished_at; /* seconds since the epoch */
    uint64_t seed;
    double time_limit_s;
    const char *parameters;  /* JSON object text of the options */
    const char *outcome;     /* "published", "draft" or "check_failed" */
    const char *message;     /* may be NULL: e.g. the first check violation */
    model_summary summary;   /* of the schedule (zeroes when none) */
    int moved, shifted;
    long iterations;
    double solve_s;
} io_store_run_info;

/* Stores the run and, when sched is not NULL, the version (schedule_json
 * is the schedule's JSON text, stored as exported later). *run_id and
 * *version_id (0 when none) receive the new ids; either may be NULL. */
model_status io_store_plan_save(io_store *s, const io_store_plan *pl, const model_schedule *sched,
                                const char *schedule_json, const io_store_run_info *run,
                                int64_t *run_id, int64_t *version_id, model_error *err);

#endif
