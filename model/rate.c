/* rate.c - exact costs per minute in millionths of a second (rate.h). */
#include "model/rate.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Significant digits kept while reading; a rate needs at most 13 (6 + 7). */
#define MAX_DIGITS 40

/* The digits of a decimal number: value = digits * 10^exp10 (digits
 * without leading zeros); lost: a non-zero digit past MAX_DIGITS. */
typedef struct decimal {
    char digits[MAX_DIGITS];
    int n;
    long exp10;
    bool negative, lost;
} decimal;

/* Reads an optional exponent at *p ("e-3"); false on a malformed one. */
static bool read_exponent(const char **p, long *exp10)
{
    if (**p != 'e' && **p != 'E')
        return true;
    (*p)++;
    bool neg = **p == '-';
    if (**p == '-' || **p == '+')
        (*p)++;
    if (**p < '0' || **p > '9')
        return false;
    long e = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++)
        if (e < 100000) /* far past any rate: keeps e from overflowing */
            e = e * 10 + (**p - '0');
    *exp10 += neg ? -e : e;
    return true;
}

/* Splits s into *d; false unless s is a whole decimal number. */
static bool read_decimal(const char *s, decimal *d)
{
    const char *p = s;
    bool any = false, point = false;
    *d = (decimal){.negative = *p == '-'};
    if (d->negative)
        p++;
    for (;; p++) {
        if (*p == '.' && !point) {
            point = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        any = true;
        if (d->n == 0 && *p == '0') { /* a leading zero */
            d->exp10 -= point;
            continue;
        }
        if (d->n < MAX_DIGITS) {
            d->digits[d->n++] = *p;
            d->exp10 -= point;
        } else {
            d->lost |= *p != '0' && point;
            d->exp10 += !point;
        }
    }
    if (!any || !read_exponent(&p, &d->exp10) || *p != '\0')
        return false;
    while (d->n > 0 && d->digits[d->n - 1] == '0') { /* trailing zeros */
        d->n--;
        d->exp10++;
    }
    return true;
}

model_rate_status model_rate_parse(const char *s, int64_t max_us, int64_t *out)
{
    decimal d;
    if (!s || !read_decimal(s, &d))
        return MODEL_RATE_SYNTAX;
    if (d.n == 0 && !d.lost) {
        *out = 0;
        return MODEL_RATE_OK;
    }
    if (d.negative)
        return MODEL_RATE_NEGATIVE;
    long scale = d.exp10 + MODEL_RATE_DECIMALS; /* value in millionths = digits * 10^scale */
    if (d.lost || scale < 0)
        return MODEL_RATE_PRECISION;
    if (d.n + scale > 19)
        return MODEL_RATE_RANGE;
    uint64_t v = 0; /* < 10^19: fits */
    for (long i = 0; i < d.n + scale; i++)
        v = v * 10 + (uint64_t)(i < d.n ? d.digits[i] - '0' : 0);
    if (max_us < 0 || v > (uint64_t)max_us)
        return MODEL_RATE_RANGE;
    *out = (int64_t)v;
    return MODEL_RATE_OK;
}

model_rate_status model_rate_from_double(double v, int64_t max_us, int64_t *out)
{
    if (!isfinite(v))
        return MODEL_RATE_SYNTAX;
    char buf[40];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return model_rate_parse(buf, max_us, out);
}

const char *model_rate_problem(model_rate_status st)
{
    switch (st) {
    case MODEL_RATE_OK:
        return "";
    case MODEL_RATE_SYNTAX:
    case MODEL_RATE_NEGATIVE:
        return "must be a number >= 0";
    case MODEL_RATE_PRECISION:
        return "has more than 6 decimal places (costs per minute are exact to millionths)";
    case MODEL_RATE_RANGE:
        break;
    }
    return "is too large";
}

const char *model_rate_format(int64_t rate_us, char buf[MODEL_RATE_TEXT])
{
    uint64_t m = rate_us < 0 ? 0 - (uint64_t)rate_us : (uint64_t)rate_us;
    const char *sign = rate_us < 0 ? "-" : "";
    uint64_t whole = m / (uint64_t)MODEL_RATE_ONE, frac = m % (uint64_t)MODEL_RATE_ONE;
    if (frac == 0) {
        snprintf(buf, MODEL_RATE_TEXT, "%s%llu", sign, (unsigned long long)whole);
        return buf;
    }
    int places = MODEL_RATE_DECIMALS;
    while (frac % 10 == 0) {
        frac /= 10;
        places--;
    }
    snprintf(buf, MODEL_RATE_TEXT, "%s%llu.%0*llu", sign, (unsigned long long)whole, places,
             (unsigned long long)frac);
    return buf;
}

double model_rate_to_double(int64_t rate_us)
{
    return (double)rate_us / (double)MODEL_RATE_ONE; /* one correctly rounded division */
}

int64_t model_rate_charge(int64_t rate_us, int64_t seconds)
{
    if (seconds <= 0 || rate_us <= 0)
        return 0;
    __extension__ typedef __int128 wide;
    const wide per_min = (wide)60 * MODEL_RATE_ONE;
    wide cost = ((wide)seconds * rate_us + per_min - 1) / per_min;
    return cost > INT64_MAX ? INT64_MAX : (int64_t)cost;
}
