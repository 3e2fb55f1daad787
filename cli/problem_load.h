/* problem_load.h - reads a problem in the format chosen by --format.
 * Nothing here keeps memory; the problem read is the caller's. */
#ifndef FIELDPLAN_CLI_PROBLEM_LOAD_H
#define FIELDPLAN_CLI_PROBLEM_LOAD_H

#include <stdbool.h>

#include "io/formats/vroom.h"
#include "model/problem.h"

/* The formats of a problem file (--format). */
typedef enum cli_format {
    CLI_FORMAT_NATIVE = 0, /* the JSON problem format (docs/format.md) */
    CLI_FORMAT_SOLOMON,    /* Solomon VRPTW text */
    CLI_FORMAT_VROOM       /* VROOM's JSON input (docs/vroom.md) */
} cli_format;

/* Parses a --format value ("native", "solomon" or "vroom") into *(int *)format;
 * prints a usage error for cmd and returns false on anything else. */
bool cli_parse_format(const char *cmd, const char *text, int *format);

/* Reads path in the given format. For VROOM input, *ids (when ids is not
 * NULL) receives the break ids that the VROOM writer needs (else NULL). */
model_status cli_load_problem(const char *path, int format, model_problem **out,
                              io_vroom_ids **ids, model_error *err);

#endif
