/* json_print.h - writing a command's JSON result (--json) to standard output. */
#ifndef FIELDPLAN_CLI_JSON_PRINT_H
#define FIELDPLAN_CLI_JSON_PRINT_H

#include "io/formats/json_out.h"

/* Finishes o and writes its text to stdout. CLI_EXIT_OK, or the exit code of
 * the failure (out of memory), reported on stderr. */
int cli_print_json(io_json_out *o);

#endif
