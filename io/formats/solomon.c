/* solomon.c - Solomon VRPTW text instances into a finished problem.
 *
 * Follows ../shared/tools/solomon_to_json.py line by line: the text is split
 * into lines as Python's str.splitlines() does and each line into tokens as
 * str.split() does; a line that is exactly "VEHICLE" or "CUSTOMER" (in any
 * case) opens that section; in VEHICLE the first two-token line not starting
 * with NUMBER holds NUMBER and CAPACITY; in CUSTOMER every non-blank line not
 * starting with CUST is a customer of seven columns, numbered 0, 1, 2, ...
 * Numbers are read as Python's float() reads them. */
#include "io/formats/solomon.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/file.h"
#include "model/array.h"

/* 2026-01-05T00:00:00Z, time 0 of every instance. */
#define BASE_EPOCH 1767571200LL
/* Largest time value (minutes from the base) accepted, either sign. */
#define MAX_MINUTES 1e9
/* Largest file read. */
#define MAX_FILE_BYTES ((size_t)512 << 20)
#define NCOLUMNS 7
#define MAX_TOKEN 63

typedef struct customer {
    double x, y;
    long long demand, ready, due, service;
} customer;

typedef struct token {
    const char *s; /* not NUL-terminated */
    size_t len;
} token;

typedef struct parser {
    const char *src;       /* source name for messages */
    model_error *err;
    char *name;            /* first non-empty line, tokens joined by spaces */
    long long vehicles;    /* -1 until the VEHICLE line */
    long long capacity;
    customer *customers;   /* in file order, customers[0] the depot */
    size_t ncustomers;
    int cap;
} parser;

static model_status fail_at(parser *ps, size_t line, model_status code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "SRC:LINE: MESSAGE" (line 0: "SRC: MESSAGE"). */
static model_status fail_at(parser *ps, size_t line, model_status code, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line == 0)
        return model_error_set(ps->err, code, "%s: %s", ps->src, what);
    return model_error_set(ps->err, code, "%s:%zu: %s", ps->src, line, what);
}

/* Length of the well-formed UTF-8 sequence at s[i], or 0 (as Python's
 * strict decoder: no overlong forms, no surrogates, at most U+10FFFF). */
static size_t utf8_length(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (len - i < n || s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Byte length of a line break at s[i] as str.splitlines() sees it, or 0. */
static size_t linebreak_length(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c == '\r')
        return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1C && c <= 0x1E))
        return 1;
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Byte length of a whitespace character at s[i] as str.split() sees it, or 0. */
static size_t space_length(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))
        return 1;
    if (c == 0xC2 && i + 1 < len && (s[i + 1] == 0x85 || s[i + 1] == 0xA0))
        return 2;
    if (i + 2 >= len)
        return 0;
    unsigned char d = s[i + 1], e = s[i + 2];
    if ((c == 0xE1 && d == 0x9A && e == 0x80) || (c == 0xE3 && d == 0x80 && e == 0x80) ||
        (c == 0xE2 && d == 0x81 && e == 0x9F) ||
        (c == 0xE2 && d == 0x80 && (e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF)))
        return 3;
    return 0;
}

/* The token of line s[0..len) at or after *i into *t, *i past it; false
 * when only whitespace is left. */
static bool next_token(const char *s, size_t len, size_t *i, token *t)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w;
    while (*i < len && (w = space_length(u, len, *i)) != 0)
        *i += w;
    if (*i == len)
        return false;
    size_t start = *i;
    while (*i < len && !space_length(u, len, *i))
        (*i)++;
    *t = (token){s + start, *i - start};
    return true;
}

/* Splits line s[0..len) into tokens; keeps the first max, counts all. */
static size_t split_tokens(const char *s, size_t len, token *out, size_t max)
{
    size_t n = 0, i = 0;
    token t;
    while (next_token(s, len, &i, &t)) {
        if (n < max)
            out[n] = t;
        n++;
    }
    return n;
}

/* Whether the line's tokens, joined by spaces and upper-cased, equal word
 * (with prefix: start with it). word is one upper-case ASCII word, so the
 * joined text can only match through the first token. */
static bool head_is(const token *t, size_t n, const char *word, bool prefix)
{
    size_t wlen = strlen(word);
    if (n == 0 || t[0].len < wlen || (!prefix && (n != 1 || t[0].len != wlen)))
        return false;
    for (size_t k = 0; k < wlen; k++)
        if (toupper((unsigned char)t[0].s[k]) != word[k])
            return false;
    return true;
}

/* A token read as Python's float() does; with integer, also whole. */
static model_status number(parser *ps, size_t line, const token *t, bool integer, double *out)
{
    char buf[MAX_TOKEN + 1];
    size_t n = 0;
    bool ok = t->len <= MAX_TOKEN;
    for (size_t i = 0; ok && i < t->len; i++) {
        char c = t->s[i];
        if (c == '_') { /* Python allows '_' between two digits */
            ok = i > 0 && i + 1 < t->len && isdigit((unsigned char)t->s[i - 1]) &&
                 isdigit((unsigned char)t->s[i + 1]);
            continue;
        }
        if (c == 'x' || c == 'X' || c == '(' || c == '\0')
            ok = false; /* strtod's hex floats and nan(...) are not Python's */
        buf[n++] = c;
    }
    buf[n] = '\0';
    char *end = NULL;
    double v = ok && n ? strtod(buf, &end) : 0;
    if (!ok || n == 0 || *end != '\0')
        return fail_at(ps, line, MODEL_ERR_INPUT, "'%.*s' is not a number",
                       (int)(t->len > 40 ? 40 : t->len), t->s);
    if (!isfinite(v) || (integer && floor(v) != v))
        return fail_at(ps, line, MODEL_ERR_INPUT, "'%.*s' is not a whole number",
                       (int)(t->len > 40 ? 40 : t->len), t->s);
    *out = v;
    return MODEL_OK;
}

/* A whole number token within [-bound, bound] (else MODEL_ERR_LIMIT). */
static model_status whole(parser *ps, size_t line, const token *t, double bound, long long *out)
{
    double v;
    model_status st = number(ps, line, t, true, &v);
    if (st != MODEL_OK)
        return st;
    if (fabs(v) > bound)
        return fail_at(ps, line, MODEL_ERR_LIMIT, "'%.*s' is out of range (at most %.0f)",
                       (int)(t->len > 40 ? 40 : t->len), t->s, bound);
    *out = (long long)v;
    return MODEL_OK;
}

static model_status read_vehicle_line(parser *ps, size_t line, const token *t)
{
    long long vehicles = 0, capacity = 0;
    model_status st;
    if ((st = whole(ps, line, &t[0], 1e18, &vehicles)) != MODEL_OK ||
        (st = whole(ps, line, &t[1], 1e18, &capacity)) != MODEL_OK)
        return st;
    if (vehicles > MODEL_MAX_TECHNICIANS)
        return fail_at(ps, line, MODEL_ERR_LIMIT, "more than %d vehicles", MODEL_MAX_TECHNICIANS);
    if (capacity >= 1000000000000000LL)
        return fail_at(ps, line, MODEL_ERR_LIMIT, "CAPACITY must be < 1e15");
    ps->vehicles = vehicles;
    ps->capacity = capacity;
    return MODEL_OK;
}

static model_status read_customer_line(parser *ps, size_t line, const token *t)
{
    customer c = {0, 0, 0, 0, 0, 0};
    long long no = 0;
    model_status st;
    if ((st = whole(ps, line, &t[0], 1e18, &no)) != MODEL_OK ||
        (st = number(ps, line, &t[1], false, &c.x)) != MODEL_OK ||
        (st = number(ps, line, &t[2], false, &c.y)) != MODEL_OK ||
        (st = whole(ps, line, &t[3], 1e18, &c.demand)) != MODEL_OK ||
        (st = whole(ps, line, &t[4], MAX_MINUTES, &c.ready)) != MODEL_OK ||
        (st = whole(ps, line, &t[5], MAX_MINUTES, &c.due)) != MODEL_OK ||
        (st = whole(ps, line, &t[6], MAX_MINUTES, &c.service)) != MODEL_OK)
        return st;
    if (no != (long long)ps->ncustomers)
        return fail_at(ps, line, MODEL_ERR_INPUT, "customer %lld, expected %zu", no,
                       ps->ncustomers);
    if (c.due < c.ready)
        return fail_at(ps, line, MODEL_ERR_INPUT, "customer %lld: DUE DATE is before READY TIME",
                       no);
    if (no > 0 && c.service <= 0)
        return fail_at(ps, line, MODEL_ERR_INPUT,
                       "customer %lld: SERVICE TIME must be > 0 (duration_min > 0 in the format)",
                       no);
    if (no > 0 && (c.demand < 0 || c.demand >= 1000000000000000LL))
        return fail_at(ps, line, MODEL_ERR_INPUT,
                       "customer %lld: DEMAND must be >= 0 and < 1e15 (load in the format)", no);
    if (ps->ncustomers >= MODEL_MATRIX_MAX_LOCATIONS)
        return fail_at(ps, line, MODEL_ERR_LIMIT, "more than %d customers",
                       MODEL_MATRIX_MAX_LOCATIONS - 1);
    if (model_array_grow((void **)&ps->customers, &ps->cap, (int)ps->ncustomers + 1,
                         sizeof *ps->customers, "too many customers", NULL) != MODEL_OK)
        return fail_at(ps, 0, MODEL_ERR_NOMEM, "out of memory");
    ps->customers[ps->ncustomers++] = c;
    return MODEL_OK;
}

/* Sets ps->name to the line's tokens joined by single spaces. */
static model_status set_name(parser *ps, const char *line, size_t linelen)
{
    char *name = malloc(linelen + 1);
    if (!name)
        return fail_at(ps, 0, MODEL_ERR_NOMEM, "out of memory");
    size_t k = 0, i = 0;
    token t;
    while (next_token(line, linelen, &i, &t)) {
        if (k)
            name[k++] = ' ';
        memcpy(name + k, t.s, t.len);
        k += t.len;
    }
    name[k] = '\0';
    ps->name = name;
    return MODEL_OK;
}

/* Reads every line into ps. */
static model_status parse_lines(parser *ps, const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    enum { NONE, VEHICLE, CUSTOMER } section = NONE;
    for (size_t k = 0, ln = 1; k < len; k++) { /* the whole text first: UTF-8, no NUL */
        size_t n = utf8_length(u, len, k);
        if (u[k] == '\n')
            ln++;
        if (u[k] == 0)
            return fail_at(ps, ln, MODEL_ERR_INPUT, "NUL byte");
        if (n == 0)
            return fail_at(ps, ln, MODEL_ERR_INPUT, "invalid UTF-8 (byte 0x%02X)", u[k]);
        k += n - 1;
    }
    for (size_t i = 0, line = 1; i < len; line++) {
        size_t start = i, brk = 0;
        while (i < len && (brk = linebreak_length(u, len, i)) == 0)
            i++;
        size_t linelen = i - start;
        i += brk;
        token t[NCOLUMNS + 1];
        size_t n = split_tokens(text + start, linelen, t, NCOLUMNS + 1);
        model_status st = MODEL_OK;
        if (n > 0 && !ps->name && (st = set_name(ps, text + start, linelen)) != MODEL_OK)
            return st;
        if (head_is(t, n, "VEHICLE", false))
            section = VEHICLE;
        else if (head_is(t, n, "CUSTOMER", false))
            section = CUSTOMER;
        else if (section == VEHICLE && n == 2 && ps->vehicles < 0 && !head_is(t, n, "NUMBER", true))
            st = read_vehicle_line(ps, line, t);
        else if (section == CUSTOMER && n > 0 && !head_is(t, n, "CUST", true))
            st = n != NCOLUMNS
                     ? fail_at(ps, line, MODEL_ERR_INPUT,
                               "expected 7 columns (CUST NO., XCOORD., YCOORD., DEMAND, READY "
                               "TIME, DUE DATE, SERVICE TIME)")
                     : read_customer_line(ps, line, t);
        if (st != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

/* Builds the problem from the parsed instance (see solomon.h). */
static model_status build(parser *ps, model_problem *p)
{
    size_t n = ps->ncustomers;
    model_status st;
    if ((st = model_problem_set_name(p, ps->name, ps->err)) != MODEL_OK)
        return st;
    char id[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "%zu", i);
        if ((st = model_problem_add_location(p, id, NULL, NULL, ps->err)) != MODEL_OK)
            return st;
    }
    int32_t *durations = malloc(n * n * sizeof *durations);
    int32_t *distances = malloc(n * n * sizeof *distances);
    if (!durations || !distances) {
        free(durations);
        free(distances);
        return fail_at(ps, 0, MODEL_ERR_NOMEM, "out of memory (travel matrix)");
    }
    model_problem_set_matrix(p, durations, distances, (int)n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            const customer *a = &ps->customers[i], *b = &ps->customers[j];
            double units = 6 * floor(10 * hypot(a->x - b->x, a->y - b->y) + 1e-9);
            if (!(units <= MODEL_MAX_TRAVEL_S))
                return fail_at(ps, 0, MODEL_ERR_LIMIT,
                               "travel from customer %zu to customer %zu is longer than "
                               "MODEL_MAX_TRAVEL_S (%d)",
                               i, j, MODEL_MAX_TRAVEL_S);
            durations[i * n + j] = distances[i * n + j] = (int32_t)units;
        }
    const customer *depot = &ps->customers[0];
    for (long long k = 1; k <= ps->vehicles; k++) {
        model_technician *t;
        model_shift *sh;
        snprintf(id, sizeof id, "v%lld", k);
        if ((st = model_problem_add_technician(p, id, &t, NULL, ps->err)) != MODEL_OK ||
            (st = model_technician_add_shift(t, &sh, ps->err)) != MODEL_OK)
            return st;
        t->capacity = (double)ps->capacity;
        t->start_location = t->end_location = 0;
        sh->start = BASE_EPOCH + depot->ready * 60;
        sh->end = BASE_EPOCH + depot->due * 60;
    }
    for (size_t i = 1; i < n; i++) {
        const customer *c = &ps->customers[i];
        model_job *j;
        model_window w = {BASE_EPOCH + c->ready * 60, BASE_EPOCH + c->due * 60};
        snprintf(id, sizeof id, "%zu", i);
        if ((st = model_problem_add_job(p, id, &j, NULL, ps->err)) != MODEL_OK)
            return st;
        j->location = (int)i;
        j->duration = c->service * 60;
        j->load = (double)c->demand;
        if ((st = model_job_add_window(j, &w, ps->err)) != MODEL_OK)
            return st;
    }
    return model_problem_finish(p, ps->err);
}

model_status io_solomon_read_text(const char *text, size_t len, const char *source_name,
                                  model_problem **out, model_error *err)
{
    *out = NULL;
    parser ps = {source_name ? source_name : "(input)", err, NULL, -1, -1, NULL, 0, 0};
    model_problem *p = NULL;
    model_status st = parse_lines(&ps, text, len);
    if (st == MODEL_OK && (ps.vehicles <= 0 || ps.capacity < 0))
        st = fail_at(&ps, 0, MODEL_ERR_INPUT,
                     "no VEHICLE section with NUMBER > 0 and CAPACITY >= 0");
    if (st == MODEL_OK && ps.ncustomers < 2)
        st = fail_at(&ps, 0, MODEL_ERR_INPUT,
                     "the CUSTOMER section needs the depot (0) and a customer");
    if (st == MODEL_OK && (st = model_problem_create(&p, err)) == MODEL_OK &&
        (st = build(&ps, p)) != MODEL_OK && err && strncmp(err->msg, ps.src, strlen(ps.src)) != 0)
        model_error_prefix(err, "%s", ps.src);
    free(ps.name);
    free(ps.customers);
    if (st != MODEL_OK) {
        model_problem_free(p);
        return st;
    }
    *out = p;
    return MODEL_OK;
}

model_status io_solomon_read_file(const char *path, model_problem **out, model_error *err)
{
    char *text;
    size_t len;
    *out = NULL;
    model_status st = io_file_read_all(path, MAX_FILE_BYTES, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = io_solomon_read_text(text, len, path, out, err);
    free(text);
    return st;
}
