/* plan.h - the nightly plan: the horizon's problem from the database,
 * solved with the published plan as the previous schedule, kept when the
 * input is unchanged and the search found nothing better, checked, stored
 * as a run and a version (published or a draft), the problem and schedule
 * written beside it when asked, the calendar feeds updated.
 *
 * Also the planning policy (plan_policy.c): which jobs count as moved or
 * shifted against the previous schedule, when the published schedule is
 * kept, the "may wait" note on unassigned jobs. */
#ifndef FIELDPLAN_USECASE_PLAN_H
#define FIELDPLAN_USECASE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "io/store/store_plan.h"
#include "io/store/store_query.h"
#include "model/check.h"
#include "model/schedule.h"
#include "solver/solver.h"
#include "usecase/guard.h"
#include "usecase/session.h"

/* What to plan and how. */
typedef struct usecase_plan_options {
    const char *from;        /* first day, "YYYY-MM-DD" */
    int days;
    solver_options solver;   /* time limit, seed, iterations, threads, penalties, progress;
                                its `previous` is set by the plan */
    bool draft;              /* store a draft; keep the published version (no guard) */
    const char *out_dir;     /* also write problem.json, schedule.json and feeds/ there */
    usecase_guard_options guard; /* the publishing guard (guard.h) */
    int64_t prefer_last_s;   /* > 0: each job prefers, with this bonus, the technicians
                                of its customer's last visit (plan_policy.c) */
} usecase_plan_options;

/* What the plan did; owned by the caller, freed with usecase_plan_free. */
typedef struct usecase_plan {
    io_store_plan *plan;     /* the horizon as loaded (after LOAD) */
    model_schedule *schedule;/* the schedule stored (after SOLVE) */
    solver_stats stats;
    bool kept;               /* the published schedule was kept (unchanged input) */
    model_report report;     /* the check's violations (after CHECK) */
    io_store_run_info run;   /* the run record as stored (outcome, summary, moves) */
    int64_t run_id, version_id;
    bool check_failed;       /* the run is recorded, nothing is published */
    usecase_guard guard;     /* what the guard found (guard.refused: nothing stored) */
    /* private */
    const usecase_plan_options *opt;
    char *schedule_json, params[600], prefer_note[64], kept_msg[96], feeds_dir[4096], note[1024];
    io_store_preference *prefer; /* the preferences prefer_last_s added */
    int nprefer;
    io_store_last_tech *last;    /* what they point into */
    int nlast;
} usecase_plan;

/* Runs the plan in ss (its db, wait, progress; the lock, feeds and hold
 * time are set here). MODEL_OK also when the check failed
 * (pl->check_failed: the run is stored, nothing published) and when the
 * guard refused to publish (pl->guard.refused: nothing is stored). Errors as the
 * store, the solver and the file writer give them; ss->failed says where
 * (USECASE_STAGE_AFTER_STORE: writing out_dir, USECASE_STAGE_FEEDS: the
 * feeds, both after the version was stored). *pl is filled either way. */
model_status usecase_plan_run(usecase_session *ss, const usecase_plan_options *opt,
                              usecase_plan *pl, model_error *err);

void usecase_plan_free(usecase_plan *pl);

/* ---- the planning policy (plan_policy.c) ---- */

/* The regular technician: for every job still to do, each technician of
 * its customer's last visit in the published history
 * (io_store_last_techs) as a preferred technician with bonus_s, by job id,
 * in pl->prefer (pointing into pl->last). */
model_status usecase_plan_prefer_last(io_store *s, int64_t bonus_s, usecase_plan *pl,
                                      model_error *err);

/* The policy. */

/* Prefixes the reason of every unassigned job that may wait with
 * "may wait: deadline after the horizon; ". MODEL_ERR_NOMEM on failure. */
model_status usecase_plan_annotate(const io_store_plan *pl, model_schedule *sched,
                                   model_error *err);

/* Compares sched with pl->previous: *moved counts jobs of previous now on
 * another technician or day or unassigned, *shifted jobs kept on their
 * technician and day whose start moved by more than 15 minutes. */
void usecase_plan_moves(const io_store_plan *pl, const model_schedule *sched, int *moved,
                        int *shifted);

/* Keeps the published schedule for unchanged input: when pl->previous_same
 * is set and *sched is not better than it, i.e. its unassigned weight is
 * higher, or equal with travel + move_penalty_s per moved job +
 * shift_penalty_s per shifted job (usecase_plan_moves) not below the
 * published travel, *sched is freed and replaced by a copy of
 * previous_same, and *kept is set. MODEL_ERR_NOMEM (then *sched is
 * unchanged). */
model_status usecase_plan_keep_previous(const io_store_plan *pl, model_schedule **sched,
                                        int64_t move_penalty_s, int64_t shift_penalty_s,
                                        bool *kept, model_error *err);

#endif
