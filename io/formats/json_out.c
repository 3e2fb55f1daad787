/* json_out.c - the JSON text writer: a growing buffer with a sticky failure
 * flag (see json_out.h). */
#include "io/formats/json_out.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes and the NUL; false after a failure. */
static bool out_reserve(io_json_out *o, size_t n)
{
    if (o->failed)
        return false;
    if (n > SIZE_MAX / 2 - o->len - 1) {
        o->failed = true;
        return false;
    }
    size_t need = o->len + n + 1;
    if (need <= o->cap)
        return true;
    size_t ncap = o->cap ? o->cap : 256;
    while (ncap < need)
        ncap *= 2;
    char *d = realloc(o->data, ncap);
    if (!d) {
        o->failed = true;
        return false;
    }
    o->data = d;
    o->cap = ncap;
    return true;
}

void io_json_out_bytes(io_json_out *o, const char *s, size_t n)
{
    if (!out_reserve(o, n))
        return;
    memcpy(o->data + o->len, s, n);
    o->len += n;
    o->data[o->len] = '\0';
}

void io_json_out_raw(io_json_out *o, const char *s)
{
    io_json_out_bytes(o, s, strlen(s));
}

void io_json_out_printf(io_json_out *o, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        io_json_out_bytes(o, small, (size_t)n);
        return;
    }
    if (!out_reserve(o, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(o->data + o->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

void io_json_out_string(io_json_out *o, const char *s)
{
    if (!s) {
        io_json_out_raw(o, "null");
        return;
    }
    io_json_out_bytes(o, "\"", 1);
    const char *run = s;
    for (const char *c = s;; c++) {
        unsigned char u = (unsigned char)*c;
        if (u != 0 && u >= 0x20 && u != '"' && u != '\\')
            continue;
        io_json_out_bytes(o, run, (size_t)(c - run));
        if (u == 0)
            break;
        char esc[8];
        switch (u) {
        case '"': strcpy(esc, "\\\""); break;
        case '\\': strcpy(esc, "\\\\"); break;
        case '\n': strcpy(esc, "\\n"); break;
        case '\r': strcpy(esc, "\\r"); break;
        case '\t': strcpy(esc, "\\t"); break;
        case '\b': strcpy(esc, "\\b"); break;
        case '\f': strcpy(esc, "\\f"); break;
        default: snprintf(esc, sizeof esc, "\\u%04x", u); break;
        }
        io_json_out_raw(o, esc);
        run = c + 1;
    }
    io_json_out_bytes(o, "\"", 1);
}

void io_json_out_number(io_json_out *o, double v)
{
    if (!isfinite(v)) {
        io_json_out_raw(o, "null");
        return;
    }
    char buf[40];
    if (floor(v) == v && fabs(v) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, v);
            if (strtod(buf, NULL) == v)
                break;
        }
    }
    io_json_out_raw(o, buf);
}

char *io_json_out_finish(io_json_out *o, model_error *err)
{
    if (!o->failed && !out_reserve(o, 0))
        o->failed = true;
    if (o->failed) {
        io_json_out_free(o);
        model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    char *d = o->data;
    o->data = NULL;
    o->len = o->cap = 0;
    return d;
}

void io_json_out_free(io_json_out *o)
{
    if (!o)
        return;
    free(o->data);
    o->data = NULL;
    o->len = o->cap = 0;
    o->failed = false;
}
