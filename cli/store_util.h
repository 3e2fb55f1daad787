/* store_util.h - printing the failure of a use case that works on the
 * database (plan, book, publish, ...), with the advice the store's
 * messages leave to the command line. */
#ifndef FIELDPLAN_CLI_STORE_UTIL_H
#define FIELDPLAN_CLI_STORE_UTIL_H

#include "model/error.h"
#include "usecase/session.h"

/* Prints err as cli_fail does; when the plan lock was busy (stage
 * USECASE_STAGE_LOCK, MODEL_ERR_BUSY) adds " (use --wait S to wait
 * longer)". Returns the exit code for err. */
int cli_store_fail(const model_error *err, usecase_stage stage);

#endif
