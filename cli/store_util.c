/* store_util.c - helpers of the commands that change the database under
 * the plan lock. */
#include "cli/cli.h"
#include "cli/store_util.h"

int cli_store_unlock(io_store *s, bool locked, int rc)
{
    if (!locked)
        return rc;
    model_error err = MODEL_ERROR_INIT;
    if (io_store_lock_release(s, &err) != MODEL_OK && rc == CLI_EXIT_OK)
        return cli_fail(&err);
    return rc;
}
