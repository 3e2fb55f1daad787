/* util.c - the cli's shared helpers: exit codes, error printing, option
 * parsing, atomic text output, a monotonic clock. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

int cli_exit_for(model_status code)
{
    switch (code) {
    case MODEL_OK: return CLI_EXIT_OK;
    case MODEL_ERR_CHECK: return CLI_EXIT_CHECK;
    case MODEL_ERR_INPUT:
    case MODEL_ERR_LIMIT: return CLI_EXIT_INPUT;
    case MODEL_ERR_IO: return CLI_EXIT_IO;
    case MODEL_ERR_BUSY: return CLI_EXIT_BUSY;
    case MODEL_ERR_NOMEM:
    case MODEL_ERR_INTERNAL: return CLI_EXIT_INTERNAL;
    }
    return CLI_EXIT_INTERNAL;
}

int cli_fail(const model_error *err)
{
    fprintf(stderr, "fieldplan: error: %s\n", err->msg[0] ? err->msg : model_status_name(err->code));
    return cli_exit_for(err->code);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fieldplan %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'fieldplan %s --help'.\n", cmd);
    va_end(ap);
    return CLI_EXIT_INPUT;
}

void cli_args_init(cli_args *a, int argc, char **argv)
{
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
    a->only_positional = false;
    a->cmd = argv[0];
}

int cli_args_next(cli_args *a, const cli_option *opts, int nopts, const char **value)
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
        return cli_args_next(a, opts, nopts, value);
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
    for (int k = 0; k < nopts; k++) {
        bool match = is_long ? strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0
                             : opts[k].short_name && opts[k].short_name == name[0];
        if (!match)
            continue;
        if (!opts[k].has_value) {
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

bool cli_args_take(const char *cmd, const char **slot, const char *value)
{
    if (*slot) {
        cli_usage_error(cmd, "unexpected argument '%s'", value);
        return false;
    }
    *slot = value;
    return true;
}

bool cli_parse_double(const char *cmd, const char *opt, const char *text, double min, double max,
                      double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end || errno || !isfinite(v) || v < min || v > max) {
        cli_usage_error(cmd, "--%s '%s': expected a number from %g to %g", opt, text, min, max);
        return false;
    }
    *out = v;
    return true;
}

bool cli_parse_int64(const char *cmd, const char *opt, const char *text, int64_t min, int64_t max,
                     int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < min || v > max) {
        cli_usage_error(cmd, "--%s '%s': expected a whole number from %lld to %lld", opt, text,
                        (long long)min, (long long)max);
        return false;
    }
    *out = v;
    return true;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
