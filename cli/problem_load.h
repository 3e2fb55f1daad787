/* problem_load.h - reads a problem in the format chosen by --format. */
#ifndef FIELDPLAN_CLI_PROBLEM_LOAD_H
#define FIELDPLAN_CLI_PROBLEM_LOAD_H

#include <stdbool.h>

#include "model/problem.h"

/* Parses a --format value ("native" or "solomon") into *solomon; prints a
 * usage error for cmd and returns false on anything else. */
bool cli_parse_format(const char *cmd, const char *text, bool *solomon);

/* Parses the arguments of a command that takes only files and --format
 * (check, validate): `CMD FILE... [--format native|solomon] [-h]`. Up to max
 * files go to files[] (*nfiles counts them) and the format to *solomon.
 * Returns CLI_EXIT_OK to go on, -1 after printing usage for -h (exit 0), or
 * CLI_EXIT_INPUT after printing a usage error (one file too many, a bad
 * option or format). */
int cli_parse_problem_args(int argc, char **argv, const char *usage, const char **files, int max,
                           int *nfiles, bool *solomon);

/* Reads path as a native JSON problem or a Solomon text file. */
model_status cli_load_problem(const char *path, bool solomon, model_problem **out,
                              model_error *err);

#endif
