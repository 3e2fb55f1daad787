/* commands_internal.h - what the command table's files share (cli/commands.c
 * and cli/commands_whatif.c): the macros that write a cli_opt_spec row,
 * the option parsers more than one command uses, and the commands defined
 * outside commands.c. Private to cli/. */
#ifndef FIELDPLAN_CLI_COMMANDS_INTERNAL_H
#define FIELDPLAN_CLI_COMMANDS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

/* The tail of a cli_opt_spec row, by how the option fills its field. */
#define FLAG(T, f) CLI_OPT_FLAG, offsetof(T, f), 0, 0, 0, 0, NULL, false
#define STR(T, f) CLI_OPT_STRING, offsetof(T, f), 0, 0, 0, 0, NULL, false
#define REQUIRED_STR(T, f) CLI_OPT_STRING, offsetof(T, f), 0, 0, 0, 0, NULL, true
#define INT(T, f, lo, hi) CLI_OPT_INT, offsetof(T, f), lo, hi, 0, 0, NULL, false
#define INT64(T, f, lo, hi) CLI_OPT_INT64, offsetof(T, f), lo, hi, 0, 0, NULL, false
#define DBL(T, f, lo, hi) CLI_OPT_DOUBLE, offsetof(T, f), 0, 0, lo, hi, NULL, false
#define CUSTOM(T, f, fn) CLI_OPT_CUSTOM, offsetof(T, f), 0, 0, 0, 0, fn, false
#define HELP_OPT {"help", 'h', NULL, "show this help", CLI_OPT_HELP, 0, 0, 0, 0, 0, NULL, false}
#define END_OPTS {NULL, 0, NULL, NULL, CLI_OPT_FLAG, 0, 0, 0, 0, 0, NULL, false}

/* --format: native, solomon or vroom (a cli_format). */
bool cli_opt_format(const char *cmd, const char *opt, const char *value, void *format);
/* --output-format: native or vroom. */
bool cli_opt_output_format(const char *cmd, const char *opt, const char *value, void *format);
/* --date: a valid YYYY-MM-DD, kept as given. */
bool cli_opt_date(const char *cmd, const char *opt, const char *value, void *date);
/* a request size limit in bytes, 1 KiB .. 1 MiB */
bool cli_opt_request_bytes(const char *cmd, const char *opt, const char *value, void *out);
/* whatif's --save: a draft's name, neither empty nor starting with a digit. */
bool cli_opt_save_name(const char *cmd, const char *opt, const char *value, void *name);

/* Options of a command that has none but --help. */
extern const cli_opt_spec cli_help_only_opts[];

/* cli/commands_whatif.c */
extern const cli_command cli_command_whatif;
extern const cli_command cli_command_diff;
extern const cli_command cli_command_slots;
extern const cli_command cli_command_book;
extern const cli_command cli_command_publish;
extern const cli_command cli_command_report;

#endif
