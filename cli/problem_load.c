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

int cli_parse_problem_args(int argc, char **argv, const char *usage, const char **files, int max,
                           int *nfiles, bool *solomon)
{
    static const cli_option opts[] = {{"format", 0, true}, {"help", 'h', false}};
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *v;
    *nfiles = 0;
    *solomon = false;
    for (int k; (k = cli_args_next(&a, opts, 2, &v)) != -2;) {
        if (k == -3)
            return CLI_EXIT_INPUT;
        if (k == -1) {
            if (*nfiles == max)
                return cli_usage_error(argv[0], "unexpected argument '%s'", v);
            files[(*nfiles)++] = v;
        } else if (k == 0) {
            if (!cli_parse_format(argv[0], v, solomon))
                return CLI_EXIT_INPUT;
        } else {
            fputs(usage, stdout);
            return -1;
        }
    }
    return CLI_EXIT_OK;
}

model_status cli_load_problem(const char *path, bool solomon, model_problem **out,
                              model_error *err)
{
    return solomon ? io_solomon_read_file(path, out, err)
                   : io_json_read_problem_file(path, out, err);
}
