/* cli.h - the fieldplan program: exit codes, the command table with its
 * declared options, option parsing and reporting errors. Only cli/ talks to
 * the user. Everything here is static or borrowed: nothing to free. */
#ifndef FIELDPLAN_CLI_H
#define FIELDPLAN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/error.h"

/* Documented exit codes (README "Exit codes"). */
enum {
    CLI_EXIT_OK = 0,    /* success */
    CLI_EXIT_CHECK = 1, /* a schedule failed the check */
    CLI_EXIT_INPUT = 2, /* bad input or usage */
    CLI_EXIT_IO = 3,    /* a file or database could not be read or written */
    CLI_EXIT_BUSY = 4,  /* another run holds the database (after --wait) */
    CLI_EXIT_REFUSED = 5, /* the publishing guard refused a version (nothing changed) */
    CLI_EXIT_INTERNAL = 70 /* a bug: please report */
};

/* How a declared option fills its field (see cli_opt_spec). */
typedef enum cli_opt_type {
    CLI_OPT_FLAG,   /* no value; sets a bool to true */
    CLI_OPT_STRING, /* the value itself, a const char * into argv */
    CLI_OPT_INT,    /* a whole number in [imin, imax] into an int */
    CLI_OPT_INT64,  /* a whole number in [imin, imax] into an int64_t */
    CLI_OPT_DOUBLE, /* a number in [dmin, dmax] into a double */
    CLI_OPT_CUSTOM, /* parse() reads the value into the field */
    CLI_OPT_HELP    /* -h, --help: prints the command's help */
} cli_opt_type;

/* A declared option: one row gives the parser, --help, the man page and the
 * shell completion all they know of it. Arrays end with a row whose name is
 * NULL. Strings are static. */
typedef struct cli_opt_spec {
    const char *name;  /* long name without "--" ("time-limit") */
    char short_name;   /* the letter of "-o", 0 if none */
    const char *arg;   /* the value's name in help ("S"), NULL for no value */
    const char *help;  /* what it does; '\n' continues on the next line */
    cli_opt_type type;
    size_t offset;     /* the field it fills in the command's option struct */
    int64_t imin, imax;  /* range for CLI_OPT_INT and CLI_OPT_INT64 */
    double dmin, dmax;   /* range for CLI_OPT_DOUBLE */
    /* CLI_OPT_CUSTOM: reads value into field; false after printing a usage
     * error for cmd (exit 2). */
    bool (*parse)(const char *cmd, const char *opt, const char *value, void *field);
    bool required;       /* CLI_OPT_STRING that must be given: "missing --NAME ARG" */
} cli_opt_spec;

/* A command: `fieldplan NAME ARGS...`; run gets argv[0] = NAME. The table of
 * every command is cli_commands (cli/commands.c). */
typedef struct cli_command {
    const char *name;
    const char *summary;     /* one line for `fieldplan --help` and NAME in man */
    const char *usage;       /* synopsis lines, each starting "fieldplan NAME" */
    const char *description; /* paragraphs before the options; NULL: none */
    const char *epilogue;    /* paragraphs after the options, ending with the
                              * exit codes; NULL: none */
    const cli_opt_spec *opts; /* declared options, ended by a NULL name */
    int (*run)(int argc, char **argv); /* returns an exit code */
} cli_command;

/* The command table, in the order `fieldplan --help` lists it. */
extern const cli_command *const cli_commands[];
extern const int cli_ncommands;

/* The command named name, or NULL. */
const cli_command *cli_command_find(const char *name);

/* cli_parse's return when it printed the help: the command exits 0. */
#define CLI_PARSE_HELP (-1)

/* Parses argv[1..argc-1] by cmd's declared options: each option fills its
 * field in opts (the command's option struct, already set to its defaults;
 * a later occurrence wins), positional arguments go to pos[] in order (up to
 * maxpos; one more is "unexpected argument"; *npos counts them). Options and
 * their values are checked in the order given, so the first mistake is the
 * one reported. Returns CLI_EXIT_OK to go on, CLI_PARSE_HELP after printing
 * the help to stdout (-h), or CLI_EXIT_INPUT after printing a usage error. */
int cli_parse(const cli_command *cmd, int argc, char **argv, void *opts, const char **pos,
              int maxpos, int *npos);

/* cli_parse for the command named name, whose first minpos positional
 * arguments are required (fewer: the usage error `missing`, e.g. "missing
 * DB"), and so are the options declared required ("missing --NAME ARG").
 * Positional arguments not given stay as the caller set them. Returns true
 * to go on; false when the command is to return *rc: 0 after the help, 2
 * after a usage error. */
bool cli_parse_args(const char *name, int argc, char **argv, void *opts, const char **pos,
                    int maxpos, int minpos, const char *missing, int *rc);

/* cli_parse_args for a command on a database, whose one positional
 * argument DB is required ("missing DB"). */
bool cli_parse_db(const char *name, int argc, char **argv, void *opts, const char **db, int *rc);

/* Help, man page and completion, generated from the table (cli/help.c).
 * Each writes to f; write errors are the caller's to check (ferror). */
void cli_help_print_main(FILE *f);
void cli_help_print(FILE *f, const cli_command *cmd);
void cli_help_print_man_main(FILE *f, const char *version);
void cli_help_print_man(FILE *f, const cli_command *cmd, const char *version);
void cli_help_print_bash_completion(FILE *f);

/* Exit code for a failed status. */
int cli_exit_for(model_status code);

/* Prints "fieldplan: error: MSG" to stderr and returns cli_exit_for(code). */
int cli_fail(const model_error *err);

/* Prints "fieldplan CMD: MSG\nTry 'fieldplan CMD --help'." and returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse helpers: return false after printing a usage error. */
bool cli_parse_double(const char *cmd, const char *opt, const char *text, double min, double max,
                      double *out);
bool cli_parse_int64(const char *cmd, const char *opt, const char *text, int64_t min, int64_t max,
                     int64_t *out);

/* Seconds since an arbitrary monotonic origin. */
double cli_now(void);

/* Commands (one file each: cli/cmd_NAME.c; help and completion in
 * cli/cmd_help.c). */
int cli_cmd_solve(int argc, char **argv);
int cli_cmd_check(int argc, char **argv);
int cli_cmd_validate(int argc, char **argv);
int cli_cmd_db(int argc, char **argv);
int cli_cmd_import(int argc, char **argv);
int cli_cmd_matrix(int argc, char **argv);
int cli_cmd_plan(int argc, char **argv);
int cli_cmd_show(int argc, char **argv);
int cli_cmd_runs(int argc, char **argv);
int cli_cmd_export(int argc, char **argv);
int cli_cmd_feeds(int argc, char **argv);
int cli_cmd_serve(int argc, char **argv);
int cli_cmd_tokens(int argc, char **argv);
int cli_cmd_whatif(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);
int cli_cmd_slots(int argc, char **argv);
int cli_cmd_book(int argc, char **argv);
int cli_cmd_publish(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_help(int argc, char **argv);
int cli_cmd_completion(int argc, char **argv);

#endif
