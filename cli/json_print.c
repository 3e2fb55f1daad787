/* json_print.c - see json_print.h. */
#include "cli/json_print.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

int cli_print_json(io_json_out *o)
{
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_out_finish(o, &err);
    if (!text)
        return cli_fail(&err);
    fputs(text, stdout);
    free(text);
    return CLI_EXIT_OK;
}
