/* rollback.h - restoring an earlier (superseded) version: its schedule is
 * carried over to today's master data for its horizon and re-published as a
 * new version (a run of kind "rollback"), after the publishing guard, under
 * the plan lock; the feeds follow.
 *
 * Today's problem is the one a plan of the version's horizon would solve now
 * (io_store_plan_load). Jobs the version served that are done or cancelled
 * since (or no longer in that problem) are dropped and listed, and so are
 * jobs whose technician's shift is gone (an absence imported since); jobs
 * added since stay unassigned. Every other visit is kept as it was. If what
 * is left breaks today's rules (a shortened shift, a changed window, a
 * pinned job), the rollback is refused (MODEL_ERR_CHECK) with the checker's
 * violations in report, and nothing is written. A horizon in the past is
 * restored like any other (as plan accepts one). Nothing here prints. */
#ifndef FIELDPLAN_USECASE_ROLLBACK_H
#define FIELDPLAN_USECASE_ROLLBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "io/store/store_plan.h"
#include "io/store/store_whatif.h"
#include "model/check.h"
#include "usecase/guard.h"
#include "usecase/session.h"

typedef struct usecase_rollback_options {
    const char *version;     /* the superseded version (a number or a what-if's name) */
    bool force;              /* publish even if the guard is broken */
    int64_t max_dropped;     /* the guard's; -1: its default */
} usecase_rollback_options;

/* A job the restored version leaves out: "cancelled since version 1". */
typedef struct usecase_rollback_drop {
    char *job;               /* its id */
    char *why;
} usecase_rollback_drop;

/* What the rollback did; free with usecase_rollback_free. */
typedef struct usecase_rollback {
    int64_t restores;        /* the version restored (once found) */
    int64_t superseded;      /* the version published before, or 0 */
    int64_t version;         /* the new version, 0 until stored */
    usecase_rollback_drop *dropped; /* the jobs left out, in the version's order */
    int ndropped, cap_dropped; /* dropped jobs, room for them */
    int added;               /* jobs added since, left unassigned */
    model_report report;     /* refused (MODEL_ERR_CHECK): today's rules it breaks */
    usecase_guard guard;     /* guard.refused: nothing published */
    /* private */
    const usecase_rollback_options *opt;
    io_store_version_info *v, *now;
    model_problem *p0;
    model_schedule *s0, *s1;
    io_store_plan *plan;
    char *dropped_json;
} usecase_rollback;

/* Restores in ss (its db, wait_s, feeds_dir; the lock and feeds are set
 * here). MODEL_OK also when the guard refused (rb->guard.refused: the
 * database is unchanged). Errors: as io_store_version_find; MODEL_ERR_INPUT
 * "PATH: version V is a draft (publish it instead)" or "... is published
 * already"; MODEL_ERR_CHECK "version V breaks today's rules: ..." (see
 * rb->report); the store's. ss->failed is USECASE_STAGE_FEEDS when only the
 * feeds failed (the new version is published). *rb is filled either way. */
model_status usecase_rollback_run(usecase_session *ss, const usecase_rollback_options *opt,
                                  usecase_rollback *rb, model_error *err);

void usecase_rollback_free(usecase_rollback *rb);

#endif
