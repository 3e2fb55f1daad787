/* check_text.c - how the schedule checker words its messages: a growable
 * message string, times, numbers and location names printed as the oracle
 * (../shared/tools/verify_schedule.py) prints them, and Python's notion of a
 * blank string. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check_internal.h"

void mc_sb_add(sbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 128;
        while (ncap < b->len + (size_t)n + 1)
            ncap *= 2;
        char *s = realloc(b->s, ncap);
        if (!s) {
            b->oom = true;
            return;
        }
        b->s = s;
        b->cap = ncap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Instants from 0001-01-02 to 9999-12-30 format as ISO times; others (only
 * garbage from a programmatic schedule) as raw seconds. */
#define FMT_MIN_INSTANT (-62135596800LL + 86400)
#define FMT_MAX_INSTANT (253402300799LL - 86400)

tbuf mc_fmt_time(const checker *c, int64_t t)
{
    tbuf b;
    if (!model_report_keeps(c->out)) { /* the message will not be kept */
        b.s[0] = '\0';
        return b;
    }
    if (c->p->tz && t >= FMT_MIN_INSTANT && t <= FMT_MAX_INSTANT)
        model_time_format(c->p->tz, t, b.s);
    else
        snprintf(b.s, sizeof b.s, "@%lld", (long long)t);
    return b;
}

/* A number as Python prints it where the value is integral (load, capacity);
 * otherwise the shortest %g that reads back the same. */
void mc_fmt_num(double x, char *buf, size_t size)
{
    if (isfinite(x) && x == floor(x) && fabs(x) < 1e16) {
        snprintf(buf, size, "%.0f", x);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

const char *mc_loc_name(const checker *c, int l, char *buf, size_t size)
{
    if (mc_loc_ok(c, l))
        snprintf(buf, size, "'%s'", c->p->locations[l].id);
    else
        snprintf(buf, size, "#%d", l);
    return buf;
}

/* Whether a reason is blank by Python's str.strip(): ASCII whitespace,
 * U+001C..U+001F, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000. */
bool mc_blank(const char *s)
{
    if (!s)
        return true;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        if (*u == ' ' || (*u >= 0x09 && *u <= 0x0d) || (*u >= 0x1c && *u <= 0x1f)) {
            u++;
        } else if (u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0)) {
            u += 2;
        } else if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80) {
            u += 3;
        } else if (u[0] == 0xe2 && u[1] == 0x80 &&
                   ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 || u[2] == 0xa9 ||
                    u[2] == 0xaf)) {
            u += 3;
        } else if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f) {
            u += 3;
        } else if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {
            u += 3;
        } else {
            return false;
        }
    }
    return true;
}

int mc_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
