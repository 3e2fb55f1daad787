/* problem_load.c - reads a problem in the format chosen by --format. */
#include "cli/problem_load.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"

bool cli_parse_format(const char *cmd, const char *text, bool *solomon)
{
    if (strcmp(text, "native") == 0 || strcmp(text, "json") == 0) {
        *solomon = false;
        return true;
    }
    if (strcmp(text, "solomon") == 0) {
        *solomon = true;
        return true;
    }
    cli_usage_error(cmd, "--format '%s': expected native or solomon", text);
    return false;
}

model_status cli_load_problem(const char *path, bool solomon, model_problem **out,
                              model_error *err)
{
    return solomon ? io_solomon_read_file(path, out, err)
                   : io_json_read_problem_file(path, out, err);
}
