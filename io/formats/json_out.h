/* json_out.h - a small JSON text writer: a growing text buffer with a sticky
 * failure flag, so that writers append without checking each call and check
 * once at the end (io_json_out_finish); the calendar feeds build their
 * iCalendar text in it too. No third-party type; nothing here prints.
 *
 * Ownership: an io_json_out owns its text until io_json_out_finish hands it
 * to the caller; io_json_out_free frees it otherwise. */
#ifndef FIELDPLAN_IO_JSON_OUT_H
#define FIELDPLAN_IO_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/error.h"

/* A growing text buffer. After an allocation failure `failed` is set and
 * every further append is ignored. */
typedef struct io_json_out {
    char *data;  /* NUL-terminated text, owned; NULL before the first append */
    size_t len;  /* bytes in data, the NUL not counted */
    size_t cap;  /* bytes allocated */
    bool failed; /* an allocation failed: the text is incomplete */
} io_json_out;

#define IO_JSON_OUT_INIT {NULL, 0, 0, false}

/* Appends s as is. */
void io_json_out_raw(io_json_out *o, const char *s);

/* Appends the n bytes at s as they are. */
void io_json_out_bytes(io_json_out *o, const char *s, size_t n);

/* Appends printf-formatted text. */
void io_json_out_printf(io_json_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s as a quoted JSON string (escaping '"', '\\' and control
 * characters; other bytes, UTF-8 included, as they are); NULL as null. */
void io_json_out_string(io_json_out *o, const char *s);

/* Appends v in the shortest form that reads back to the same double
 * ("540", "0.1", "52.5200001"); a non-finite v as null. */
void io_json_out_number(io_json_out *o, double v);

/* Hands over the text: returns o->data (the caller frees it) and empties o.
 * After a failed append returns NULL with MODEL_ERR_NOMEM (o is freed). */
char *io_json_out_finish(io_json_out *o, model_error *err);

/* Frees the buffer (o itself is not freed); NULL is accepted. */
void io_json_out_free(io_json_out *o);

#endif
