/* error.c - the error record: set once where a failure happens, passed up. */
#include "model/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

model_status model_error_set(model_error *err, model_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void model_error_prefix(model_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[MODEL_ERROR_MSG_MAX], old[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    old[sizeof old - 1] = '\0';
    /* assembled by hand: the result is cut at the record's size on purpose */
    size_t n = strlen(prefix), cap = sizeof err->msg - 1;
    if (n > cap)
        n = cap;
    memcpy(err->msg, prefix, n);
    size_t k = n + 2 <= cap ? 2 : cap - n;
    memcpy(err->msg + n, ": ", k);
    n += k;
    size_t m = strlen(old);
    if (m > cap - n)
        m = cap - n;
    memcpy(err->msg + n, old, m);
    err->msg[n + m] = '\0';
}

void model_error_clear(model_error *err)
{
    if (err) {
        err->code = MODEL_OK;
        err->msg[0] = '\0';
    }
}

const char *model_status_name(model_status code)
{
    switch (code) {
    case MODEL_OK: return "ok";
    case MODEL_ERR_INPUT: return "bad input";
    case MODEL_ERR_IO: return "I/O error";
    case MODEL_ERR_NOMEM: return "out of memory";
    case MODEL_ERR_CHECK: return "check failed";
    case MODEL_ERR_LIMIT: return "size limit exceeded";
    case MODEL_ERR_BUSY: return "busy";
    case MODEL_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}
