/* json_schedule.c - schedule JSON: the writer, and a reader that mirrors the
 * oracle's (verify_schedule.py) reading of a schedule.
 *
 * The reader walks the document in the oracle's order (Checker.check,
 * check_route, read_stops) and reports exactly what the oracle reports while
 * reading: unknown ids, bad shift indices, unreadable stops and times, stop
 * locations that differ from the job's or technician's, a 'problem' that is
 * not a string, 'routes'/'unassigned' that are not lists, a summary that is
 * not an object. Everything the model can express (overlaps, windows, a
 * blank reason, a wrong summary value, ...) is left to model_check_schedule.
 * Marker encoding (MODEL_CHECK_REPORTED): see model/check.h.
 *
 * Times are parsed as Python 3.11's datetime.fromisoformat parses them (the
 * oracle's parser), ported below: "2026-11-23T08:00:00+01:00", but also
 * "20261123T0800+01", week dates, any separator character, "Z", offsets
 * with seconds. An instant is floor((wall - offset) / 1 s). */
#include "io/formats/json_schedule.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/file.h"
#include "io/formats/json_read_internal.h"
#include "model/check.h"
#include "model/tz.h"

/* Instants the writer formats: 0001-01-02 .. 9999-12-30 (UTC). */
#define WRITE_MIN_INSTANT (-62135596800LL + 86400)
#define WRITE_MAX_INSTANT (253402300799LL - 86400)

/* ======================================================================
 * Python 3.11 datetime.fromisoformat (Modules/_datetimemodule.c), ported.
 * Works on a NUL-terminated string; reads may look at the NUL, never past.
 * ====================================================================== */

typedef struct pyiso {
    int year, month, day, hour, minute, second, microsecond;
    bool has_offset;
    int64_t offset_us; /* east positive */
} pyiso;

static bool py_is_digit(char c)
{
    return (unsigned)(c - '0') < 10;
}

static const char *py_parse_digits(const char *p, int *var, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(*(p++) - '0');
        if (d > 9)
            return NULL;
        *var = *var * 10 + (int)d;
    }
    return p;
}

static bool py_is_leap(int y)
{
    unsigned u = (unsigned)y;
    return u % 4 == 0 && (u % 100 != 0 || u % 400 == 0);
}

static int py_days_in_month(int y, int m)
{
    static const int dim[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && py_is_leap(y) ? 29 : dim[m];
}

static int py_days_before_month(int y, int m)
{
    static const int dbm[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return dbm[m] + (m > 2 && py_is_leap(y));
}

static int py_ymd_to_ord(int y, int m, int d)
{
    int yy = y - 1;
    return yy * 365 + yy / 4 - yy / 100 + yy / 400 + py_days_before_month(y, m) + d;
}

static void py_ord_to_ymd(int ordinal, int *year, int *month, int *day)
{
    --ordinal;
    int n400 = ordinal / 146097, n = ordinal % 146097;
    *year = n400 * 400 + 1;
    int n100 = n / 36524;
    n %= 36524;
    int n4 = n / 1461;
    n %= 1461;
    int n1 = n / 365;
    n %= 365;
    *year += n100 * 100 + n4 * 4 + n1;
    if (n1 == 4 || n100 == 4) {
        *year -= 1;
        *month = 12;
        *day = 31;
        return;
    }
    bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
    *month = (n + 50) >> 5;
    static const int dbm[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int preceding = dbm[*month] + (*month > 2 && leap);
    if (preceding > n) {
        *month -= 1;
        preceding -= py_days_in_month(*year, *month);
    }
    *day = n - preceding + 1;
}

static int py_iso_to_ymd(int iso_year, int week, int wday, int *y, int *m, int *d)
{
    if (iso_year < 1 || iso_year > 9999)
        return -2; /* Python raises ValueError too (out of range) */
    if (week <= 0 || week >= 53) {
        bool out = true;
        if (week == 53) {
            int first = (py_ymd_to_ord(iso_year, 1, 1) + 6) % 7;
            if (first == 3 || (first == 2 && py_is_leap(iso_year)))
                out = false;
        }
        if (out)
            return -2;
    }
    if (wday <= 0 || wday >= 8)
        return -3;
    int first_day = py_ymd_to_ord(iso_year, 1, 1);
    int first_weekday = (first_day + 6) % 7;
    int week1_monday = first_day - first_weekday;
    if (first_weekday > 3)
        week1_monday += 7;
    py_ord_to_ymd(week1_monday + (week - 1) * 7 + wday - 1, y, m, d);
    return 0;
}

static long py_find_separator(const char *s, long len)
{
    if (len == 7)
        return 7;
    if (s[4] == '-') {
        if (s[5] == 'W') {
            if (len < 8)
                return -1;
            if (len > 8 && s[8] == '-') {
                if (len == 9)
                    return -1;
                if (len > 10 && py_is_digit(s[10]))
                    return 8;
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (s[4] == 'W') {
        long idx = 7;
        for (; idx < len; ++idx)
            if (!py_is_digit(s[idx]))
                break;
        if (idx < 9)
            return idx;
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

static int py_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    const char *p = py_parse_digits(s, y, 4);
    if (!p)
        return -1;
    bool sep = *p == '-';
    if (sep)
        ++p;
    if (*p == 'W') {
        p++;
        int week = 0, wday = 0;
        p = py_parse_digits(p, &week, 2);
        if (!p)
            return -3;
        if ((size_t)(p - s) < len) {
            if (sep && *(p++) != '-')
                return -2;
            p = py_parse_digits(p, &wday, 1);
            if (!p)
                return -4;
        } else {
            wday = 1;
        }
        int rv = py_iso_to_ymd(*y, week, wday, y, m, d);
        return rv ? -3 + rv : 0;
    }
    p = py_parse_digits(p, m, 2);
    if (!p)
        return -1;
    if (sep && *(p++) != '-')
        return -2;
    p = py_parse_digits(p, d, 2);
    return p ? 0 : -1;
}

static int py_parse_hh_mm_ss_ff(const char *tstr, const char *end, int *hour, int *minute,
                                int *second, int *micro)
{
    *hour = *minute = *second = *micro = 0;
    const char *p = tstr;
    int *vals[3] = {hour, minute, second};
    bool has_sep = true;
    for (int i = 0; i < 3; ++i) {
        p = py_parse_digits(p, vals[i], 2);
        if (!p)
            return -3;
        char c = *(p++);
        if (i == 0)
            has_sep = c == ':';
        if (p >= end)
            return c != '\0';
        else if (has_sep && c == ':')
            continue;
        else if (c == '.' || c == ',')
            break;
        else if (!has_sep)
            --p;
        else
            return -4;
    }
    size_t remains = (size_t)(end - p), to_parse = remains >= 6 ? 6 : remains;
    p = py_parse_digits(p, micro, to_parse);
    if (!p)
        return -3;
    static const int correction[] = {100000, 10000, 1000, 100, 10};
    if (to_parse < 6)
        *micro *= correction[to_parse - 1];
    while (py_is_digit(*p))
        ++p;
    return *p != '\0';
}

static int py_parse_time(const char *s, size_t len, pyiso *r, int *tzoff, int *tzus)
{
    const char *end = s + len, *tz = s;
    do {
        if (*tz == 'Z' || *tz == '+' || *tz == '-')
            break;
    } while (++tz < end);
    int rv = py_parse_hh_mm_ss_ff(s, tz, &r->hour, &r->minute, &r->second, &r->microsecond);
    if (rv < 0)
        return rv;
    if (tz == end)
        return rv == 1 ? -5 : 0;
    if (*tz == 'Z') {
        *tzoff = *tzus = 0;
        return tz[1] != '\0' ? -5 : 1;
    }
    int sign = *tz == '-' ? -1 : 1, th = 0, tm = 0, ts = 0;
    tz++;
    rv = py_parse_hh_mm_ss_ff(tz, end, &th, &tm, &ts, tzus);
    *tzoff = sign * (th * 3600 + tm * 60 + ts);
    *tzus *= sign;
    return rv ? -5 : 1;
}

/* Number of UTF-8 code points in s. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        n += (*u & 0xC0) != 0x80;
    return n;
}

/* datetime.fromisoformat(text); false where Python raises ValueError. */
static bool py_fromisoformat(const char *text, pyiso *r)
{
    memset(r, 0, sizeof *r);
    if (utf8_length(text) < 7)
        return false;
    long len = (long)strlen(text);
    long sep = py_find_separator(text, len);
    if (sep < 0)
        return false;
    int rv = py_parse_date(text, (size_t)sep, &r->year, &r->month, &r->day);
    int tzoff = 0, tzus = 0;
    if (!rv && len > sep) {
        const char *p = text + sep;
        unsigned char lead = (unsigned char)p[0];
        if ((lead & 0x80) == 0)
            p += 1;
        else if ((lead & 0xF0) == 0xE0)
            p += 3;
        else if ((lead & 0xF0) == 0xF0)
            p += 4;
        else
            p += 2;
        if (p > text + len)
            return false;
        rv = py_parse_time(p, (size_t)(len - (p - text)), r, &tzoff, &tzus);
    }
    if (rv < 0)
        return false;
    if (rv == 1) {
        r->has_offset = true;
        if (tzoff == 0) {
            r->offset_us = 0; /* Python: UTC, whatever the microseconds */
        } else {
            r->offset_us = (int64_t)tzoff * 1000000 + tzus;
            if (r->offset_us <= -86400LL * 1000000 || r->offset_us >= 86400LL * 1000000)
                return false;
        }
    }
    if (r->year < 1 || r->year > 9999 || r->month < 1 || r->month > 12 || r->day < 1 ||
        r->day > py_days_in_month(r->year, r->month) || r->hour > 23 || r->minute > 59 ||
        r->second > 59 || r->microsecond > 999999)
        return false;
    return true;
}

/* Python's repr() of a str, close enough for messages: single quotes unless
 * the text holds a ' and no ", backslash escapes for controls. */
static void py_repr_string(io_json_out *o, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    char buf[8];
    snprintf(buf, sizeof buf, "%c", q);
    io_json_out_raw(o, buf);
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == '\\')
            io_json_out_raw(o, "\\\\");
        else if (*u == (unsigned char)q)
            io_json_out_printf(o, "\\%c", q);
        else if (*u == '\n')
            io_json_out_raw(o, "\\n");
        else if (*u == '\r')
            io_json_out_raw(o, "\\r");
        else if (*u == '\t')
            io_json_out_raw(o, "\\t");
        else if (*u < 0x20 || *u == 0x7f)
            io_json_out_printf(o, "\\x%02x", *u);
        else
            io_json_out_printf(o, "%c", *u);
    }
    io_json_out_raw(o, buf);
}

/* Python's repr() of a float. */
static void py_repr_float(io_json_out *o, double v)
{
    if (isnan(v)) {
        io_json_out_raw(o, "nan");
        return;
    }
    if (isinf(v)) {
        io_json_out_raw(o, v < 0 ? "-inf" : "inf");
        return;
    }
    char buf[64];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* buf is [-]d[.ddd]e[+-]XX: collect digits and exponent */
    char digits[32];
    int nd = 0, exp10 = 0;
    bool neg = buf[0] == '-';
    const char *c = buf + neg;
    for (; *c && *c != 'e'; c++)
        if (py_is_digit(*c))
            digits[nd++] = *c;
    if (*c == 'e')
        exp10 = atoi(c + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    if (neg)
        io_json_out_raw(o, "-");
    if (exp10 >= -5 && exp10 < 16) {
        if (exp10 < 0) {
            io_json_out_raw(o, "0.");
            for (int i = -1; i > exp10; i--)
                io_json_out_raw(o, "0");
            io_json_out_raw(o, digits);
        } else {
            for (int i = 0; i <= exp10; i++)
                io_json_out_printf(o, "%c", i < nd ? digits[i] : '0');
            io_json_out_raw(o, ".");
            if (nd > exp10 + 1)
                io_json_out_raw(o, digits + exp10 + 1);
            else
                io_json_out_raw(o, "0");
        }
    } else {
        io_json_out_printf(o, "%c", digits[0]);
        if (nd > 1)
            io_json_out_printf(o, ".%s", digits + 1);
        io_json_out_printf(o, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
}

/* Python's repr() (quote true) or str() of a JSON value; NULL is None. */
static void py_value(io_json_out *o, const cJSON *v, bool quote)
{
    if (!v || cJSON_IsNull(v))
        io_json_out_raw(o, "None");
    else if (cJSON_IsTrue(v))
        io_json_out_raw(o, "True");
    else if (cJSON_IsFalse(v))
        io_json_out_raw(o, "False");
    else if (cJSON_IsString(v))
        quote ? py_repr_string(o, v->valuestring) : io_json_out_raw(o, v->valuestring);
    else if (io_json_integer_text(v))
        io_json_out_raw(o, io_json_integer_text(v)); /* exact, as Python's int */
    else if (cJSON_IsNumber(v) && io_json_is_integer(v))
        io_json_out_printf(o, "%.0f", v->valuedouble);
    else if (cJSON_IsNumber(v))
        py_repr_float(o, v->valuedouble);
    else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        /* [1, 'a'] and {'k': None}; nesting is bounded by IO_JSON_MAX_DEPTH */
        bool list = cJSON_IsArray(v);
        io_json_out_raw(o, list ? "[" : "{");
        for (const cJSON *c = v->child; c; c = c->next) {
            if (!list) {
                py_repr_string(o, c->string ? c->string : "");
                io_json_out_raw(o, ": ");
            }
            py_value(o, c, true);
            if (c->next)
                io_json_out_raw(o, ", ");
        }
        io_json_out_raw(o, list ? "]" : "}");
    } else
        io_json_out_raw(o, "None");
}

/* ======================================================================
 * The reader.
 * ====================================================================== */

typedef struct reader {
    const model_problem *p;
    model_schedule *s;
    model_report *v;
    model_error *err;
    model_status st; /* first failure (NOMEM), sticky */
} reader;

/* Appends "PREFIX: " + the text of o (consumed) as a violation. */
static void violation(reader *r, const char *prefix, io_json_out *o)
{
    if (r->st != MODEL_OK) {
        io_json_out_free(o);
        return;
    }
    if (o->failed) {
        io_json_out_free(o);
        r->st = model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
        return;
    }
    if (model_report_add(r->v, "%s: %s", prefix, o->data ? o->data : "") != MODEL_OK)
        r->st = model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
    io_json_out_free(o);
}

static const char *str_of(const cJSON *v)
{
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

/* The oracle's Checker.time(): an instant, or false after reporting why.
 * Also reports an offset that differs from the zone's at that instant. */
static bool read_time(reader *r, const cJSON *stop, const char *key, const char *where,
                      int64_t *out)
{
    const cJSON *item = io_json_member(stop, key);
    const char *text = str_of(item);
    io_json_out o = IO_JSON_OUT_INIT;
    pyiso t;
    if (!text) {
        io_json_out_printf(&o, "'%s' is missing or not a string", key);
        violation(r, where, &o);
        return false;
    }
    if (!py_fromisoformat(text, &t)) {
        io_json_out_printf(&o, "'%s' ", key);
        py_repr_string(&o, text);
        io_json_out_raw(&o, " is not an ISO 8601 time");
        violation(r, where, &o);
        return false;
    }
    if (t.microsecond || !t.has_offset) {
        io_json_out_printf(&o, "'%s' ", key);
        py_repr_string(&o, text);
        io_json_out_raw(&o, t.microsecond ? " is not in whole seconds" : " has no UTC offset");
        violation(r, where, &o);
        return false;
    }
    int64_t days = model_days_from_civil(t.year, t.month, t.day);
    int64_t wall_us = (days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * 1000000LL;
    int64_t utc_us = wall_us - t.offset_us;
    int64_t secs = utc_us / 1000000 - (utc_us % 1000000 < 0); /* floor */
    *out = secs;
    int64_t zone_us = (int64_t)model_tz_offset_at(r->p->tz, secs) * 1000000;
    if (zone_us != t.offset_us) {
        char buf[MODEL_TIME_BUF + 24];
        if (secs >= WRITE_MIN_INSTANT && secs <= WRITE_MAX_INSTANT)
            model_time_format(r->p->tz, secs, buf);
        else
            snprintf(buf, sizeof buf, "@%lld", (long long)secs);
        io_json_out_printf(&o, "'%s' %s does not carry the UTC offset that %s has at that instant (%s)",
                           key, text, model_tz_name(r->p->tz), buf);
        violation(r, where, &o);
    }
    return true;
}

/* A job list (indices) collected while scanning a route's stops. */
typedef struct joblist {
    int *idx;
    int n, cap;
} joblist;

static void joblist_push(reader *r, joblist *l, int j)
{
    if (r->st != MODEL_OK)
        return;
    if (l->n == l->cap) {
        int ncap = l->cap ? l->cap * 2 : 16;
        int *n = realloc(l->idx, (size_t)ncap * sizeof *n);
        if (!n) {
            r->st = model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
            return;
        }
        l->idx = n;
        l->cap = ncap;
    }
    l->idx[l->n++] = j;
}

/* Adds a route the checker will not follow (see model/check.c): a marker
 * start stop, then one job stop per known job the route listed. */
static void add_marked_route(reader *r, int tech, int shift, const joblist *jobs)
{
    if (r->st != MODEL_OK)
        return;
    model_route *route;
    model_stop marker = {MODEL_STOP_START, -1, MODEL_CHECK_REPORTED, 0, 0, 0};
    if ((r->st = model_schedule_add_route(r->s, tech, shift, &route, r->err)) != MODEL_OK ||
        (r->st = model_route_add_stop(route, &marker, r->err)) != MODEL_OK)
        return;
    for (int i = 0; i < jobs->n; i++) {
        model_stop js = {MODEL_STOP_JOB, jobs->idx[i], MODEL_CHECK_REPORTED, 0, 0, 0};
        if ((r->st = model_route_add_stop(route, &js, r->err)) != MODEL_OK)
            return;
    }
}

static bool type_is(const cJSON *stop, const char *type)
{
    const char *t = str_of(io_json_member(stop, "type"));
    return t && strcmp(t, type) == 0;
}

/* Reports a stop "location" that differs from the one the stop must have
 * (the oracle: opt(s, "location", loc) != loc). */
static void check_stop_location(reader *r, const cJSON *stop, const char *where, const char *label,
                                int loc)
{
    const cJSON *given = io_json_present(stop, "location");
    const char *id = r->p->locations[loc].id;
    if (!given || (str_of(given) && strcmp(str_of(given), id) == 0))
        return;
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "location ");
    py_value(&o, given, true);
    io_json_out_printf(&o, " is not the %s's location ", label);
    py_repr_string(&o, id);
    violation(r, where, &o);
}

/* Reads the stops into route until one makes the route unfollowable:
 * false then (after reporting why), with the stops before it in route. */
static bool read_stops_until_failure(reader *r, const char *where, const cJSON *stops,
                                     const model_technician *tech, model_route *route)
{
    int n = cJSON_IsArray(stops) ? cJSON_GetArraySize(stops) : 0;
    if (n < 2) {
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "'stops' must be a list: start, jobs and breaks, end");
        violation(r, where, &o);
        return false;
    }
    int si = 0;
    for (const cJSON *item = stops->child; item && r->st == MODEL_OK; item = item->next, si++) {
        char w[256];
        snprintf(w, sizeof w, "%s: stops[%d]", where, si);
        const cJSON *type = cJSON_IsObject(item) ? io_json_member(item, "type") : NULL;
        const char *kind = str_of(type);
        model_stop_kind k;
        if (kind && strcmp(kind, "start") == 0)
            k = MODEL_STOP_START;
        else if (kind && strcmp(kind, "job") == 0)
            k = MODEL_STOP_JOB;
        else if (kind && strcmp(kind, "break") == 0)
            k = MODEL_STOP_BREAK;
        else if (kind && strcmp(kind, "end") == 0)
            k = MODEL_STOP_END;
        else {
            io_json_out o = IO_JSON_OUT_INIT;
            io_json_out_raw(&o, "type ");
            py_value(&o, type, true);
            io_json_out_raw(&o, " is not start, job, break or end");
            violation(r, w, &o);
            return false;
        }
        if ((k == MODEL_STOP_START) != (si == 0) || (k == MODEL_STOP_END) != (si == n - 1)) {
            io_json_out o = IO_JSON_OUT_INIT;
            io_json_out_printf(&o, "a '%s' stop here, but a route is start, jobs and breaks, end",
                               kind);
            violation(r, w, &o);
            return false;
        }
        model_stop st = {k, -1, -1, 0, 0, 0};
        bool ok = true;
        char label[300];
        if (k == MODEL_STOP_START || k == MODEL_STOP_END) {
            snprintf(label, sizeof label, "%s", kind);
            ok = read_time(r, item, "time", w, &st.start);
            st.arrival = st.end = st.start;
            st.location = k == MODEL_STOP_START ? tech->start_location : tech->end_location;
        } else if (k == MODEL_STOP_BREAK) {
            ok &= read_time(r, item, "start", w, &st.start);
            ok &= read_time(r, item, "end", w, &st.end);
            st.arrival = st.start;
        } else {
            const cJSON *jid = io_json_member(item, "job");
            int j = str_of(jid) ? model_strmap_get(&r->p->job_index, str_of(jid)) : -1;
            io_json_out lb = IO_JSON_OUT_INIT;
            io_json_out_raw(&lb, "job ");
            py_value(&lb, jid, false);
            snprintf(label, sizeof label, "%s", lb.data && !lb.failed ? lb.data : "job ?");
            io_json_out_free(&lb);
            if (j >= 0) {
                st.job = j;
                st.location = r->p->jobs[j].location;
            } else {
                st.job = MODEL_CHECK_REPORTED; /* reported while scanning the route */
                const char *lid = str_of(io_json_present(item, "location"));
                st.location = lid ? model_strmap_get(&r->p->location_index, lid) : -1;
            }
            ok &= read_time(r, item, "start", w, &st.start);
            ok &= read_time(r, item, "end", w, &st.end);
            if (io_json_present(item, "arrival"))
                ok &= read_time(r, item, "arrival", w, &st.arrival);
            else
                st.arrival = st.start;
        }
        if (k != MODEL_STOP_BREAK) {
            if (st.location >= 0 && !(k == MODEL_STOP_JOB && st.job < 0))
                check_stop_location(r, item, w, label, st.location);
            if (st.location < 0) {
                io_json_out o = IO_JSON_OUT_INIT;
                io_json_out_printf(&o, "%s has no known location", label);
                violation(r, w, &o);
                return false;
            }
        }
        if (!ok)
            return false;
        if (r->st == MODEL_OK)
            r->st = model_route_add_stop(route, &st, r->err);
    }
    return true;
}

/* When a route turns out not to be followable at some stop, the oracle has
 * already said "ends before it starts" of each earlier stop whose end is
 * before its start; the checker never sees those stops (the route is
 * marked), so the reader says it here, for the stops read so far. */
static void report_reversed_stops(reader *r, const char *where, const cJSON *stops,
                                  const model_route *route)
{
    int si = 0;
    for (const cJSON *item = stops->child; item && si < route->nstops; item = item->next, si++) {
        const model_stop *st = &route->stops[si];
        if (st->end >= st->start)
            continue;
        char w[256];
        snprintf(w, sizeof w, "%s: stops[%d]", where, si);
        io_json_out o = IO_JSON_OUT_INIT;
        if (st->kind == MODEL_STOP_JOB) {
            io_json_out_raw(&o, "job ");
            py_value(&o, io_json_member(item, "job"), false);
        } else if (st->kind == MODEL_STOP_BREAK) {
            io_json_out_printf(&o, "break at stops[%d]", si);
        } else {
            io_json_out_raw(&o, st->kind == MODEL_STOP_START ? "start" : "end");
        }
        io_json_out_raw(&o, " ends before it starts");
        violation(r, w, &o);
    }
}

/* The oracle's read_stops for a route with a known technician and shift:
 * appends the stops to route; false when the route cannot be followed
 * (after reporting why). */
static bool read_stops(reader *r, const char *where, const cJSON *stops,
                       const model_technician *tech, model_route *route)
{
    bool followed = read_stops_until_failure(r, where, stops, tech, route);
    if (!followed && cJSON_IsArray(stops))
        report_reversed_stops(r, where, stops, route);
    return followed;
}

/* The oracle's check_route, as far as reading goes. */
static void read_route(reader *r, int ri, const cJSON *item)
{
    joblist jobs = {0};
    if (!cJSON_IsObject(item)) {
        char where[32];
        snprintf(where, sizeof where, "route %d", ri);
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "is not an object");
        violation(r, where, &o);
        add_marked_route(r, MODEL_CHECK_REPORTED, MODEL_CHECK_REPORTED, &jobs);
        return;
    }
    const cJSON *tid = io_json_member(item, "technician"), *k = io_json_member(item, "shift");
    const cJSON *stops = io_json_member(item, "stops");
    io_json_out wo = IO_JSON_OUT_INIT;
    io_json_out_printf(&wo, "route %d (", ri);
    py_value(&wo, tid, false);
    io_json_out_raw(&wo, ", shift ");
    py_value(&wo, k, false);
    io_json_out_raw(&wo, ")");
    if (wo.failed) {
        io_json_out_free(&wo);
        r->st = model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
        return;
    }
    const char *where = wo.data;

    /* every job stop counts as an appearance before the route is validated */
    if (cJSON_IsArray(stops)) {
        int si = 0;
        for (const cJSON *s = stops->child; s; s = s->next, si++) {
            if (!cJSON_IsObject(s) || !type_is(s, "job"))
                continue;
            const cJSON *jid = io_json_member(s, "job");
            int j = str_of(jid) ? model_strmap_get(&r->p->job_index, str_of(jid)) : -1;
            if (j >= 0) {
                joblist_push(r, &jobs, j);
            } else {
                char w[256];
                snprintf(w, sizeof w, "%s: stops[%d]", where, si);
                io_json_out o = IO_JSON_OUT_INIT;
                io_json_out_raw(&o, "unknown job ");
                py_value(&o, jid, true);
                violation(r, w, &o);
            }
        }
    }
    int t = str_of(tid) ? model_strmap_get(&r->p->technician_index, str_of(tid)) : -1;
    const model_technician *tech = t >= 0 ? &r->p->technicians[t] : NULL;
    int shift = -1;
    if (tech && cJSON_IsNumber(k) && io_json_is_integer(k) && k->valuedouble >= 0 &&
        k->valuedouble < tech->nshifts)
        shift = (int)k->valuedouble;
    if (!tech || shift < 0) {
        io_json_out o = IO_JSON_OUT_INIT;
        if (!tech) {
            io_json_out_raw(&o, "unknown technician ");
            py_value(&o, tid, true);
        } else {
            io_json_out_raw(&o, "'shift' ");
            py_value(&o, k, true);
            io_json_out_printf(&o, " is not an index into the %d shift(s) of %s", tech->nshifts,
                               tech->id);
        }
        violation(r, where, &o);
        add_marked_route(r, tech ? t : MODEL_CHECK_REPORTED, MODEL_CHECK_REPORTED, &jobs);
        goto done;
    }
    model_route *route;
    if (r->st != MODEL_OK ||
        (r->st = model_schedule_add_route(r->s, t, shift, &route, r->err)) != MODEL_OK)
        goto done;
    if (!read_stops(r, where, stops, tech, route) && r->st == MODEL_OK) {
        /* replace the partly read route by a marked one (same technician-shift) */
        free(route->stops);
        r->s->nroutes--;
        add_marked_route(r, t, shift, &jobs);
    }
done:
    free(jobs.idx);
    io_json_out_free(&wo);
}

static void read_unassigned(reader *r, int ui, const cJSON *entry)
{
    const cJSON *jid = cJSON_IsObject(entry) ? io_json_member(entry, "job") : NULL;
    int j = str_of(jid) ? model_strmap_get(&r->p->job_index, str_of(jid)) : -1;
    const char *reason = "";
    if (j < 0) {
        char where[32];
        snprintf(where, sizeof where, "unassigned[%d]", ui);
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "unknown job ");
        py_value(&o, jid, true);
        violation(r, where, &o);
        j = MODEL_CHECK_REPORTED;
    } else if (str_of(io_json_member(entry, "reason"))) {
        reason = str_of(io_json_member(entry, "reason")); /* blank: the checker reports */
    }
    if (r->st == MODEL_OK)
        r->st = model_schedule_add_unassigned(r->s, j, reason, r->err);
}

/* A list member (absent or null: empty), or NULL after reporting that it is
 * not a list. */
static const cJSON *list_of(reader *r, const cJSON *doc, const char *key, bool *present)
{
    const cJSON *v = io_json_present(doc, key);
    *present = v != NULL;
    if (v && !cJSON_IsArray(v)) {
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_printf(&o, "'%s' is not a list", key);
        violation(r, "schedule", &o);
        return NULL;
    }
    return v;
}

static int claimed_int(const cJSON *v)
{
    if (cJSON_IsNumber(v) && io_json_is_integer(v) && v->valuedouble > INT_MIN &&
        v->valuedouble <= INT_MAX)
        return (int)v->valuedouble;
    return INT_MIN;
}

static int64_t claimed_int64(const cJSON *v)
{
    if (cJSON_IsNumber(v) && io_json_is_integer(v) && fabs(v->valuedouble) <= 9007199254740992.0)
        return (int64_t)v->valuedouble;
    return INT64_MIN;
}

model_status io_json_read_schedule_text(const model_problem *p, const char *text, size_t len,
                                        const char *source_name, model_schedule **out,
                                        model_summary *claimed, int *has_claimed,
                                        model_report *violations, model_error *err)
{
    *out = NULL;
    if (has_claimed)
        *has_claimed = 0;
    if (!p || !violations || !text)
        return model_error_set(err, MODEL_ERR_INTERNAL, "read schedule: no problem or report");
    const char *src = source_name ? source_name : "schedule";
    cJSON *doc = NULL;
    model_status st = io_json_parse(text, len, src, &doc, err);
    if (st != MODEL_OK)
        return st;
    if (!cJSON_IsObject(doc)) {
        cJSON_Delete(doc);
        return model_error_set(err, MODEL_ERR_INPUT, "%s: the top level is not a JSON object", src);
    }
    reader r = {p, NULL, violations, err, MODEL_OK};
    if ((r.st = model_schedule_create(&r.s, NULL, err)) != MODEL_OK)
        goto done;

    const cJSON *name = io_json_present(doc, "problem");
    if (str_of(name)) {
        r.st = model_strdup_into(&r.s->problem_name, str_of(name), err);
    } else if (name && p->name) {
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "'problem' is ");
        py_value(&o, name, true);
        io_json_out_raw(&o, ", but the problem is named ");
        py_repr_string(&o, p->name);
        violation(&r, "schedule", &o);
    }
    bool present;
    const cJSON *routes = list_of(&r, doc, "routes", &present);
    int ri = 0;
    for (const cJSON *it = routes ? routes->child : NULL; it && r.st == MODEL_OK; it = it->next)
        read_route(&r, ri++, it);
    const cJSON *un = list_of(&r, doc, "unassigned", &present);
    int ui = 0;
    for (const cJSON *it = un ? un->child : NULL; it && r.st == MODEL_OK; it = it->next)
        read_unassigned(&r, ui++, it);

    const cJSON *sum = io_json_member(doc, "summary");
    if (cJSON_IsObject(sum)) {
        if (claimed) {
            claimed->assigned = claimed_int(io_json_member(sum, "assigned"));
            claimed->unassigned = claimed_int(io_json_member(sum, "unassigned"));
            claimed->unassigned_weight = claimed_int64(io_json_member(sum, "unassigned_weight"));
            claimed->travel_s = claimed_int64(io_json_member(sum, "travel_s"));
            claimed->distance_m = claimed_int64(io_json_member(sum, "distance_m"));
            const cJSON *routes_n = io_json_member(sum, "routes");
            claimed->routes = claimed_int(routes_n) == INT_MIN ? 0 : claimed_int(routes_n);
        }
        if (has_claimed)
            *has_claimed = 1;
    } else {
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_raw(&o, "is missing or not an object");
        violation(&r, "summary", &o);
    }
done:
    cJSON_Delete(doc);
    if (r.st != MODEL_OK) {
        model_schedule_free(r.s);
        if (has_claimed)
            *has_claimed = 0;
        return r.st;
    }
    *out = r.s;
    return MODEL_OK;
}

model_status io_json_read_schedule_file(const model_problem *p, const char *path,
                                        model_schedule **out, model_summary *claimed,
                                        int *has_claimed, model_report *violations,
                                        model_error *err)
{
    *out = NULL;
    if (has_claimed)
        *has_claimed = 0;
    char *text = NULL;
    size_t len = 0;
    model_status st = io_json_read_file(path, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = io_json_read_schedule_text(p, text, len, path, out, claimed, has_claimed, violations,
                                    err);
    free(text);
    return st;
}

/* ======================================================================
 * The writer.
 * ====================================================================== */

static bool put_time(io_json_out *o, const model_problem *p, const char *key, int64_t t)
{
    if (t < WRITE_MIN_INSTANT || t > WRITE_MAX_INSTANT)
        return false;
    char buf[MODEL_TIME_BUF];
    model_time_format(p->tz, t, buf);
    io_json_out_printf(o, ", \"%s\": \"%s\"", key, buf);
    return true;
}

static bool put_location(io_json_out *o, const model_problem *p, int loc)
{
    if (loc < 0 || loc >= p->nlocations)
        return false;
    io_json_out_raw(o, ", \"location\": ");
    io_json_out_string(o, p->locations[loc].id);
    return true;
}

/* One stop on one line; false (with err set) on an out-of-range index. */
static bool put_stop(io_json_out *o, const model_problem *p, int ri, int si, const model_stop *s,
                     model_error *err)
{
    const char *bad = NULL;
    switch (s->kind) {
    case MODEL_STOP_START:
    case MODEL_STOP_END:
        io_json_out_printf(o, "{\"type\": \"%s\"", s->kind == MODEL_STOP_START ? "start" : "end");
        if (!put_location(o, p, s->location))
            bad = "location";
        else if (!put_time(o, p, "time", s->start))
            bad = "time";
        break;
    case MODEL_STOP_JOB:
        if (s->job < 0 || s->job >= p->njobs) {
            bad = "job";
            break;
        }
        io_json_out_raw(o, "{\"type\": \"job\", \"job\": ");
        io_json_out_string(o, p->jobs[s->job].id);
        if (!put_location(o, p, s->location))
            bad = "location";
        else if (!put_time(o, p, "arrival", s->arrival) || !put_time(o, p, "start", s->start) ||
                 !put_time(o, p, "end", s->end))
            bad = "time";
        break;
    case MODEL_STOP_BREAK:
        io_json_out_raw(o, "{\"type\": \"break\"");
        if (!put_time(o, p, "start", s->start) || !put_time(o, p, "end", s->end))
            bad = "time";
        break;
    default:
        bad = "type";
    }
    if (bad) {
        model_error_set(err, MODEL_ERR_INPUT, "route %d: stops[%d]: %s out of range", ri, si, bad);
        return false;
    }
    io_json_out_raw(o, "}");
    return true;
}

char *io_json_schedule_to_string(const model_problem *p, const model_schedule *s,
                                 model_error *err)
{
    if (!p || !s) {
        model_error_set(err, MODEL_ERR_INTERNAL, "write schedule: no problem or schedule");
        return NULL;
    }
    io_json_out o = IO_JSON_OUT_INIT;
    model_summary sum = model_schedule_summarize(p, s);
    io_json_out_raw(&o, "{\n  \"problem\": ");
    io_json_out_string(&o, s->problem_name ? s->problem_name : p->name);
    io_json_out_printf(&o,
                       ",\n  \"summary\": {\"assigned\": %d, \"unassigned\": %d, "
                       "\"unassigned_weight\": %lld, \"travel_s\": %lld, \"distance_m\": %lld},\n"
                       "  \"routes\": [",
                       sum.assigned, sum.unassigned, (long long)sum.unassigned_weight,
                       (long long)sum.travel_s, (long long)sum.distance_m);
    for (int ri = 0; ri < s->nroutes; ri++) {
        const model_route *r = &s->routes[ri];
        if (r->technician < 0 || r->technician >= p->ntechnicians || r->shift < 0 ||
            r->shift >= p->technicians[r->technician].nshifts) {
            model_error_set(err, MODEL_ERR_INPUT, "route %d: technician %d shift %d out of range",
                            ri, r->technician, r->shift);
            io_json_out_free(&o);
            return NULL;
        }
        io_json_out_raw(&o, ri ? ",\n    {\"technician\": " : "\n    {\"technician\": ");
        io_json_out_string(&o, p->technicians[r->technician].id);
        io_json_out_printf(&o, ", \"shift\": %d, \"stops\": [", r->shift);
        for (int si = 0; si < r->nstops; si++) {
            io_json_out_raw(&o, si ? ",\n      " : "\n      ");
            if (!put_stop(&o, p, ri, si, &r->stops[si], err)) {
                io_json_out_free(&o);
                return NULL;
            }
        }
        io_json_out_raw(&o, r->nstops ? "\n    ]}" : "]}");
    }
    io_json_out_raw(&o, s->nroutes ? "\n  ],\n  \"unassigned\": [" : "],\n  \"unassigned\": [");
    for (int ui = 0; ui < s->nunassigned; ui++) {
        const model_unassigned *u = &s->unassigned[ui];
        if (u->job < 0 || u->job >= p->njobs) {
            model_error_set(err, MODEL_ERR_INPUT, "unassigned[%d]: job %d out of range", ui,
                            u->job);
            io_json_out_free(&o);
            return NULL;
        }
        io_json_out_raw(&o, ui ? ",\n    {\"job\": " : "\n    {\"job\": ");
        io_json_out_string(&o, p->jobs[u->job].id);
        io_json_out_raw(&o, ", \"reason\": ");
        io_json_out_string(&o, u->reason ? u->reason : "");
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, s->nunassigned ? "\n  ]\n}\n" : "]\n}\n");
    return io_json_out_finish(&o, err);
}

model_status io_json_write_schedule_file(const model_problem *p, const model_schedule *s,
                                         const char *path, model_error *err)
{
    char *text = io_json_schedule_to_string(p, s, err);
    if (!text)
        return err ? err->code : MODEL_ERR_NOMEM;
    model_status st = io_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}
