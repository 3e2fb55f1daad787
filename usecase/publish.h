/* publish.h - publishing a draft version (a saved what-if, or a plan
 * stored as a draft) under the plan lock, after the publishing guard
 * (guard.h), then updating the feeds. A superseded version is restored
 * as a new version instead (rollback.h); the published one is left as it
 * is (pu->already). */
#ifndef FIELDPLAN_USECASE_PUBLISH_H
#define FIELDPLAN_USECASE_PUBLISH_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store_whatif.h"
#include "usecase/guard.h"
#include "usecase/rollback.h"
#include "usecase/session.h"

typedef struct usecase_publish_options {
    const char *version;     /* a number or a saved what-if's name */
    bool force;              /* publish even if planned against another version, or if
                                the guard is broken (what it found is recorded) */
    int64_t max_dropped;     /* the guard's; -1: its default */
} usecase_publish_options;

/* What publishing did; free with usecase_publish_free. */
typedef struct usecase_publish {
    int64_t version;         /* the draft's id (once found) */
    int64_t superseded;      /* the version published before, or 0 */
    int64_t would_undo;      /* refused: the version publishing would undo, or 0 */
    usecase_guard guard;     /* what the guard found (guard.refused: nothing published) */
    bool already;            /* the version is the published one: nothing was done */
    bool restored;           /* it was superseded: rollback holds what restoring it did */
    usecase_rollback rollback;
    /* private */
    const usecase_publish_options *opt;
    io_store_version_info *v;
    model_problem *p;
    model_schedule *sched;
    io_scenario *sc;
} usecase_publish;

/* Publishes in ss (its db, wait_s, feeds_dir; the lock and feeds are set
 * here). MODEL_OK also when the guard refused (pu->guard.refused: the
 * database is unchanged). Errors as io_store_version_find and
 * io_store_publish; ss->failed is USECASE_STAGE_FEEDS when only the feeds
 * failed (the version is published). *pu is filled either way; when
 * pu->restored, the status and errors are usecase_rollback_run's. */
model_status usecase_publish_run(usecase_session *ss, const usecase_publish_options *opt,
                                 usecase_publish *pu, model_error *err);

void usecase_publish_free(usecase_publish *pu);

#endif
