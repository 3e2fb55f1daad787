/* store_util.c - printing a use case's failure with the command line's
 * advice (store_util.h). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/store_util.h"

int cli_store_fail(const model_error *err, usecase_stage stage)
{
    if (stage != USECASE_STAGE_LOCK || err->code != MODEL_ERR_BUSY || !err->msg[0])
        return cli_fail(err);
    fprintf(stderr, "fieldplan: error: %s (use --wait S to wait longer)\n", err->msg);
    return cli_exit_for(err->code);
}
