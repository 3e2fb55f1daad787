/* report_opts.h - the options of `fieldplan report` (cli/cmd_report.c),
 * declared in the command table (cli/commands.c). Strings point into argv. */
#ifndef FIELDPLAN_CLI_REPORT_OPTS_H
#define FIELDPLAN_CLI_REPORT_OPTS_H

#include <stdbool.h>

typedef struct cli_report_opts {
    const char *output;  /* -o F, NULL or "-": standard output */
    const char *problem; /* --problem P: the argument is a schedule file of P */
    int format;          /* --format of --problem: a cli_format (cli/problem_load.h) */
    const char *version; /* --version V (number or name), NULL: the published one */
    const char *compare; /* --compare W: a version (DB) or a schedule file of P */
    bool no_compare;     /* --no-compare: not even a draft's base */
    bool json;           /* --json: print what was written as JSON */
    bool quiet;          /* -q */
} cli_report_opts;

#endif
