/* cli.h - the fieldplan program: command table, exit codes, shared helpers
 * for option parsing and reporting errors. Only cli/ talks to the user. */
#ifndef FIELDPLAN_CLI_H
#define FIELDPLAN_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "model/error.h"

/* Documented exit codes (README "Exit codes"). */
enum {
    CLI_EXIT_OK = 0,    /* success */
    CLI_EXIT_CHECK = 1, /* a schedule failed the check */
    CLI_EXIT_INPUT = 2, /* bad input or usage */
    CLI_EXIT_IO = 3,    /* a file or database could not be read or written */
    CLI_EXIT_BUSY = 4,  /* another run holds the database (after --wait) */
    CLI_EXIT_INTERNAL = 70 /* a bug: please report */
};

/* A command: `fieldplan NAME ARGS...`; run gets argv[0] = NAME. */
typedef struct cli_command {
    const char *name;
    const char *summary;                /* one line for `fieldplan --help` */
    int (*run)(int argc, char **argv);  /* returns an exit code */
} cli_command;

/* Exit code for a failed status. */
int cli_exit_for(model_status code);

/* Prints "fieldplan: error: MSG" to stderr and returns cli_exit_for(code). */
int cli_fail(const model_error *err);

/* Prints "fieldplan CMD: MSG\nTry 'fieldplan CMD --help'." and returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Option parsing. An option spec: long name ("time-limit"), optional short
 * letter (0 if none), whether it takes a value. cli_args_next returns the
 * index of the matched spec with *value set (or NULL), -1 for a positional
 * argument (in *value), -2 at the end, -3 on error (message printed, use
 * exit 2). Accepts "--name value", "--name=value", "-o value"; "--" ends
 * options. */
typedef struct cli_option {
    const char *name;
    char short_name;
    bool has_value;
} cli_option;

typedef struct cli_args {
    int argc;
    char **argv;
    int i;              /* next argv index */
    bool only_positional;
    const char *cmd;    /* for messages */
} cli_args;

void cli_args_init(cli_args *a, int argc, char **argv);
int cli_args_next(cli_args *a, const cli_option *opts, int nopts, const char **value);

/* Takes the positional argument value into *slot, a command's one positional
 * argument (DB, PROBLEM). Returns false after printing "unexpected argument"
 * for cmd when *slot is already taken (exit 2). */
bool cli_args_take(const char *cmd, const char **slot, const char *value);

/* Parse helpers: return false after printing a usage error. */
bool cli_parse_double(const char *cmd, const char *opt, const char *text, double min, double max,
                      double *out);
bool cli_parse_int64(const char *cmd, const char *opt, const char *text, int64_t min, int64_t max,
                     int64_t *out);

/* Seconds since an arbitrary monotonic origin. */
double cli_now(void);

/* Commands (one file each: cli/cmd_NAME.c). */
#define CLI_COMMAND(name, summary) int cli_cmd_##name(int argc, char **argv);
#include "cli/commands.def"
#include "cli/commands_store.def"
#include "cli/commands_feed.def"
#include "cli/commands_whatif.def"
#undef CLI_COMMAND

#endif
