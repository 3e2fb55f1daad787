/* error.h - the error record every fallible fieldplan function fills.
 *
 * A function that can fail returns a model_status and, on failure, fills the
 * model_error the caller passed (which may be NULL: the message is then lost).
 * The message is one line naming the file, record and field that is wrong,
 * e.g. "p.json: jobs[17].windows[0].end: before start". Errors are set once,
 * where they happen, and passed up unchanged; callers may prefix context with
 * model_error_prefix(). Nothing in the library prints. */
#ifndef FIELDPLAN_MODEL_ERROR_H
#define FIELDPLAN_MODEL_ERROR_H

#include <stddef.h>

/* Status codes. The cli maps them to exit codes (see cli/main.c). */
typedef enum model_status {
    MODEL_OK = 0,
    MODEL_ERR_INPUT = 1,   /* bad input: malformed, invalid, unknown reference */
    MODEL_ERR_IO = 2,      /* a file or database could not be read or written */
    MODEL_ERR_NOMEM = 3,   /* an allocation failed */
    MODEL_ERR_CHECK = 4,   /* a schedule breaks a rule */
    MODEL_ERR_LIMIT = 5,   /* input exceeds a documented size limit */
    MODEL_ERR_BUSY = 6,    /* a resource is locked by another run */
    MODEL_ERR_INTERNAL = 7 /* a bug or an unexpected library failure */
} model_status;

#define MODEL_ERROR_MSG_MAX 512

typedef struct model_error {
    model_status code;             /* MODEL_OK while nothing failed */
    char msg[MODEL_ERROR_MSG_MAX]; /* one line, no trailing newline */
} model_error;

#define MODEL_ERROR_INIT {MODEL_OK, {0}}

/* Sets err (if not NULL) to code and the printf-formatted message; returns
 * code so that callers can write `return model_error_set(err, ...)`. */
model_status model_error_set(model_error *err, model_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to err's message (e.g. the file name). No-op on NULL. */
void model_error_prefix(model_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Resets err to MODEL_OK with an empty message. No-op on NULL. */
void model_error_clear(model_error *err);

/* A short English name of a status ("bad input", "I/O error", ...). */
const char *model_status_name(model_status code);

#endif
