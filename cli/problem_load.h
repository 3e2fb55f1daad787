/* problem_load.h - reads a problem in the format chosen by --format.
 * Nothing here keeps memory; the problem read is the caller's. */
#ifndef FIELDPLAN_CLI_PROBLEM_LOAD_H
#define FIELDPLAN_CLI_PROBLEM_LOAD_H

#include <stdbool.h>

#include "model/problem.h"

/* Parses a --format value ("native" or "solomon") into *solomon; prints a
 * usage error for cmd and returns false on anything else. */
bool cli_parse_format(const char *cmd, const char *text, bool *solomon);

/* Reads path as a native JSON problem or a Solomon text file. */
model_status cli_load_problem(const char *path, bool solomon, model_problem **out,
                              model_error *err);

#endif
