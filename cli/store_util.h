/* store_util.h - helpers of the commands that change the database under
 * the plan lock (book, publish). */
#ifndef FIELDPLAN_CLI_STORE_UTIL_H
#define FIELDPLAN_CLI_STORE_UTIL_H

#include <stdbool.h>

#include "io/store/store.h"

/* Ends a command that took the plan lock: when locked, releases it and, if
 * that fails while rc is still CLI_EXIT_OK, prints the error. Returns the
 * command's exit code: rc, or the release's when only that failed. */
int cli_store_unlock(io_store *s, bool locked, int rc);

#endif
