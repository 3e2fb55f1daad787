/* problem_load.c - reads a problem in the format chosen by --format. */
#include "cli/problem_load.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"

bool cli_parse_format(const char *cmd, const char *text, int *format)
{
    if (strcmp(text, "native") == 0 || strcmp(text, "json") == 0)
        *format = CLI_FORMAT_NATIVE;
    else if (strcmp(text, "solomon") == 0)
        *format = CLI_FORMAT_SOLOMON;
    else if (strcmp(text, "vroom") == 0)
        *format = CLI_FORMAT_VROOM;
    else {
        cli_usage_error(cmd, "--format '%s': expected native, solomon or vroom", text);
        return false;
    }
    return true;
}

model_status cli_load_problem(const char *path, int format, model_problem **out,
                              io_vroom_ids **ids, model_error *err)
{
    if (ids)
        *ids = NULL;
    switch (format) {
    case CLI_FORMAT_SOLOMON:
        return io_solomon_read_file(path, out, err);
    case CLI_FORMAT_VROOM:
        return io_vroom_read_file(path, out, ids, err);
    default:
        return io_json_read_problem_file(path, out, err);
    }
}
