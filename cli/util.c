/* util.c - the cli's shared helpers: exit codes, error printing, option
 * parsing, atomic text output, a monotonic clock. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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
