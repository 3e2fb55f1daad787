/* store_util.h - printing the failure of a use case that works on the
 * database (plan, book, publish, ...), with the advice the store's
 * messages leave to the command line. */
#ifndef FIELDPLAN_CLI_STORE_UTIL_H
#define FIELDPLAN_CLI_STORE_UTIL_H

#include "model/error.h"
#include "usecase/session.h"

/* A session on db for a use case that takes the plan lock: it waits up to
 * wait_s seconds for the lock (--wait) and writes the calendar feeds to
 * feeds_dir (--feeds; NULL: none); the rest as USECASE_SESSION_INIT. */
usecase_session cli_store_session(const char *db, double wait_s, const char *feeds_dir);

/* Prints err as cli_fail does; when the plan lock was busy (stage
 * USECASE_STAGE_LOCK, MODEL_ERR_BUSY) adds " (use --wait S to wait
 * longer)". Returns the exit code for err. */
int cli_store_fail(const model_error *err, usecase_stage stage);

/* A step after the store (files, feeds, the lock) and how a message names
 * it ("updating the feeds"); a list of them ends with {USECASE_STAGE_NONE,
 * NULL}. */
typedef struct cli_after_store {
    usecase_stage stage;
    const char *what;
} cli_after_store;

/* The steps after publishing a version (book, publish, rollback): updating
 * the feeds, releasing the plan lock. */
extern const cli_after_store cli_after_publish[];

/* When stage is one of after's, prints "fieldplan: DONE; only WHAT failed"
 * on stderr, DONE formatted from fmt (what was stored all the same). */
void cli_store_partial(usecase_stage stage, const cli_after_store *after, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
