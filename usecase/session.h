/* session.h - the one sequence every use case goes through: open the
 * database, take the plan lock, load, solve, check, store, publish the
 * calendar feeds, release the lock; each use case (plan.h, whatif.h,
 * book.h, slots.h, publish.h) fills in the steps it has.
 *
 * Nothing here prints: errors are values (status + the caller's
 * model_error, with the stage that failed in usecase_session.failed),
 * progress goes to an optional callback. A later use case (rollback) is one
 * more set of hooks on the same sequence. */
#ifndef FIELDPLAN_USECASE_SESSION_H
#define FIELDPLAN_USECASE_SESSION_H

#include <stdbool.h>

#include "io/store/store.h"
#include "model/error.h"

/* The steps, in the order they run. */
typedef enum usecase_stage {
    USECASE_STAGE_NONE = 0,
    USECASE_STAGE_OPEN,        /* open the database */
    USECASE_STAGE_PREPARE,     /* read what is needed before the lock */
    USECASE_STAGE_LOCK,        /* take the plan lock (when asked) */
    USECASE_STAGE_LOAD,        /* read what to solve */
    USECASE_STAGE_SOLVE,
    USECASE_STAGE_CHECK,
    USECASE_STAGE_STORE,       /* write the result in one transaction */
    USECASE_STAGE_AFTER_STORE, /* files beside the database (plan --out) */
    USECASE_STAGE_FEEDS,       /* the calendar feeds follow the published version */
    USECASE_STAGE_UNLOCK,      /* release the plan lock */
} usecase_stage;

struct usecase_session;

/* One step of a use case: uc is its own state. Returns MODEL_OK or fills err. */
typedef model_status (*usecase_step_fn)(struct usecase_session *ss, void *uc, model_error *err);

/* Called before (done false) and after (done true) each stage that runs;
 * uc is the use case's state, read-only for the callback. */
typedef void (*usecase_progress_fn)(void *ctx, usecase_stage stage, bool done, const void *uc);

/* A use case's steps; NULL for the ones it has not. */
typedef struct usecase_hooks {
    usecase_step_fn prepare, load, solve, check, store, after_store;
} usecase_hooks;

typedef struct usecase_session {
    /* in */
    const char *db;                 /* the database path or URI */
    io_store_options open;          /* how to open it */
    bool lock;                      /* take the plan lock for LOAD .. FEEDS */
    double wait_s, hold_s;          /* io_store_lock_acquire's */
    bool feeds;                     /* update the calendar feeds after storing */
    const char *feeds_dir;          /* and write them there, or NULL */
    usecase_progress_fn progress;   /* may be NULL */
    void *progress_ctx;
    /* during the run */
    io_store *store;                /* the open database (owned by the run) */
    bool stop;                      /* set by a step: the rest is skipped, success */
    /* out */
    usecase_stage failed;           /* the stage that failed, or NONE */
    int nfeeds;                     /* calendar feeds written */
} usecase_session;

/* How long a run that does not solve may hold the plan lock (seconds). */
#define USECASE_SESSION_HOLD_S 600

/* The defaults: open read-write, no lock, no feeds. */
#define USECASE_SESSION_INIT {NULL, IO_STORE_OPTIONS_INIT, false, 0, USECASE_SESSION_HOLD_S, \
                              false, NULL, NULL, NULL, NULL, false, USECASE_STAGE_NONE, 0}

/* A use case that publishes without solving (book, publish, rollback):
 * under the plan lock, held at most USECASE_SESSION_HOLD_S, and the
 * calendar feeds follow (their SEQUENCE bookkeeping always; the files when
 * ss->feeds_dir is set). */
static inline void usecase_session_publishes(usecase_session *ss)
{
    ss->lock = true;
    ss->hold_s = USECASE_SESSION_HOLD_S;
    ss->feeds = true;
}

/* Runs the sequence: open ss->db, hooks->prepare, the lock (ss->lock),
 * load, solve, check, store, after_store, the feeds (ss->feeds, still
 * under the lock), then releases the lock and closes the database. A step
 * may set ss->stop to end early with success. On failure ss->failed names
 * the stage and err holds the first error (a failed release only counts
 * when all else succeeded). The database is closed on return. */
model_status usecase_session_run(usecase_session *ss, const usecase_hooks *hooks, void *uc,
                                 model_error *err);

#endif
