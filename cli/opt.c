/* opt.c - the generic option parser: fills a command's option struct from
 * its declared options (cli_opt_spec), in the order the arguments come. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* Where the scan of a command's arguments stands. */
typedef struct scan {
    int argc;
    char **argv;
    int i;                /* next argv index */
    bool only_positional; /* after "--" */
    const char *cmd;      /* for messages */
} scan;

/* The next argument: the index of the matched row of opts with *value set
 * (NULL for an option without a value), -1 for a positional argument (in
 * *value), -2 at the end, -3 after printing a usage error (exit 2).
 * Accepts "--name value", "--name=value", "-o value", "-ovalue"; "--" ends
 * the options. */
static int next_arg(scan *a, const cli_opt_spec *opts, const char **value)
{
    *value = NULL;
    if (a->i >= a->argc)
        return -2;
    const char *arg = a->argv[a->i++];
    if (a->only_positional || arg[0] != '-' || arg[1] == '\0') {
        *value = arg;
        return -1;
    }
    if (strcmp(arg, "--") == 0) {
        a->only_positional = true;
        return next_arg(a, opts, value);
    }
    const char *name = arg + 1, *inline_value = NULL;
    size_t len;
    bool is_long = arg[1] == '-';
    if (is_long) {
        name = arg + 2;
        const char *eq = strchr(name, '=');
        len = eq ? (size_t)(eq - name) : strlen(name);
        if (eq)
            inline_value = eq + 1;
    } else {
        len = 1;
        if (name[1])
            inline_value = name + 1;
    }
    for (int k = 0; opts[k].name; k++) {
        bool match = is_long ? strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0
                             : opts[k].short_name && opts[k].short_name == name[0];
        if (!match)
            continue;
        if (!opts[k].arg) {
            if (inline_value) {
                cli_usage_error(a->cmd, "option '--%s' takes no value", opts[k].name);
                return -3;
            }
            return k;
        }
        if (inline_value) {
            *value = inline_value;
        } else if (a->i < a->argc) {
            *value = a->argv[a->i++];
        } else {
            cli_usage_error(a->cmd, "option '--%s' needs a value", opts[k].name);
            return -3;
        }
        return k;
    }
    cli_usage_error(a->cmd, "unknown option '%s'", arg);
    return -3;
}

/* Reads value (NULL for a flag) into o's field of opts. Returns false after
 * printing a usage error for cmd. */
static bool fill(const char *cmd, const cli_opt_spec *o, const char *value, void *opts)
{
    void *field = (char *)opts + o->offset;
    int64_t n;
    switch (o->type) {
    case CLI_OPT_FLAG: *(bool *)field = true; return true;
    case CLI_OPT_STRING: *(const char **)field = value; return true;
    case CLI_OPT_INT:
        if (!cli_parse_int64(cmd, o->name, value, o->imin, o->imax, &n))
            return false;
        *(int *)field = (int)n;
        return true;
    case CLI_OPT_INT64: return cli_parse_int64(cmd, o->name, value, o->imin, o->imax, field);
    case CLI_OPT_DOUBLE: return cli_parse_double(cmd, o->name, value, o->dmin, o->dmax, field);
    case CLI_OPT_CUSTOM: return o->parse(cmd, o->name, value, field);
    case CLI_OPT_HELP: break;
    }
    assert(!"unreachable");
    return false;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, void *opts, const char **pos,
              int maxpos, int *npos)
{
    for (const cli_opt_spec *o = cmd->opts; o->name; o++)
        assert((o->arg != NULL) == (o->type != CLI_OPT_FLAG && o->type != CLI_OPT_HELP));
    scan a = {argc, argv, 1, false, argv[0]};
    const char *v;
    *npos = 0;
    for (int k; (k = next_arg(&a, cmd->opts, &v)) != -2;) {
        if (k == -3)
            return CLI_EXIT_INPUT;
        if (k == -1) {
            if (*npos == maxpos)
                return cli_usage_error(argv[0], "unexpected argument '%s'", v);
            pos[(*npos)++] = v;
        } else if (cmd->opts[k].type == CLI_OPT_HELP) {
            cli_help_print(stdout, cmd);
            return CLI_PARSE_HELP;
        } else if (!fill(argv[0], &cmd->opts[k], v, opts)) {
            return CLI_EXIT_INPUT;
        }
    }
    return CLI_EXIT_OK;
}

/* The first declared required option left unset: a usage error (exit 2). */
static int check_required(const cli_command *cmd, const char *name, const void *opts)
{
    for (const cli_opt_spec *o = cmd->opts; o->name; o++)
        if (o->required && !*(const char *const *)((const char *)opts + o->offset))
            return cli_usage_error(name, "missing --%s %s", o->name, o->arg);
    return CLI_EXIT_OK;
}

bool cli_parse_args(const char *name, int argc, char **argv, void *opts, const char **pos,
                    int maxpos, int minpos, const char *missing, int *rc)
{
    int npos;
    *rc = cli_parse(cli_command_find(name), argc, argv, opts, pos, maxpos, &npos);
    if (*rc == CLI_PARSE_HELP) {
        *rc = CLI_EXIT_OK;
        return false;
    }
    if (*rc == CLI_EXIT_OK && npos < minpos)
        *rc = cli_usage_error(argv[0], "%s", missing);
    else if (*rc == CLI_EXIT_OK)
        *rc = check_required(cli_command_find(name), argv[0], opts);
    return *rc == CLI_EXIT_OK;
}

bool cli_parse_db(const char *name, int argc, char **argv, void *opts, const char **db, int *rc)
{
    return cli_parse_args(name, argc, argv, opts, db, 1, 1, "missing DB", rc);
}
