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

#endif
