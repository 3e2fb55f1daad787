/* json_schedule_read.c - the schedule JSON reader, which mirrors the
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
 * oracle's parser; model_time_read_iso's MODEL_ISO_PYTHON): "2026-11-23T08:00:00+01:00", but also
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
#include "model/array.h"
#include "model/check.h"
#include "model/tz.h"


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
        if (*c >= '0' && *c <= '9')
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
    bool ext2;       /* the problem uses extension 2 (stated late_s, overtime_s) */
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
    model_iso_time t;
    if (!text) {
        io_json_out_printf(&o, "'%s' is missing or not a string", key);
        violation(r, where, &o);
        return false;
    }
    if (!model_time_read_iso(text, MODEL_ISO_PYTHON, &t)) {
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
    int64_t days = model_days_from_civil(t.wall.year, t.wall.month, t.wall.day);
    int64_t wall_us =
        (days * 86400 + t.wall.hour * 3600 + t.wall.minute * 60 + t.wall.second) * 1000000LL;
    int64_t utc_us = wall_us - t.offset_us;
    int64_t secs = utc_us / 1000000 - (utc_us % 1000000 < 0); /* floor */
    *out = secs;
    int64_t zone_us = (int64_t)model_tz_offset_at(r->p->tz, secs) * 1000000;
    if (zone_us != t.offset_us) {
        char buf[MODEL_TIME_BUF + 24];
        if (secs >= IO_JSON_SCHEDULE_MIN_INSTANT && secs <= IO_JSON_SCHEDULE_MAX_INSTANT)
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
    r->st = model_array_grow((void **)&l->idx, &l->cap, l->n + 1, sizeof *l->idx, "too many jobs",
                             r->err);
    if (r->st != MODEL_OK)
        return;
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

static int64_t claimed_int64(const cJSON *v);

/* Extension 2: a stop's optional "late_s" or "overtime_s" must be right
 * where present (the oracle's check_stated). */
static void check_stated(reader *r, const char *where, const cJSON *stop, const char *key,
                         int64_t value)
{
    const cJSON *v = io_json_present(stop, key);
    if (!v || (cJSON_IsNumber(v) && io_json_is_integer(v) && claimed_int64(v) == value))
        return;
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_printf(&o, "%s is ", key);
    py_value(&o, v, true);
    io_json_out_printf(&o, ", recomputed %lld", (long long)value);
    violation(r, where, &o);
}

/* The stated late_s of each known job and overtime_s of the end, of a
 * route that could be followed (route: its stops as read, one per item of
 * stops), in the oracle's order. */
static void check_stated_fields(reader *r, const char *where, const cJSON *stops,
                                const model_route *route, const model_shift *shift)
{
    if (!r->ext2)
        return;
    int si = 0;
    for (const cJSON *s = stops->child; s && si < route->nstops; s = s->next, si++) {
        const model_stop *st = &route->stops[si];
        char w[600];
        if (st->kind == MODEL_STOP_JOB && st->job >= 0 && io_json_present(s, "late_s")) {
            snprintf(w, sizeof w, "%s: job %s", where, r->p->jobs[st->job].id);
            check_stated(r, w, s, "late_s", model_job_late_s(&r->p->jobs[st->job], st->start, NULL));
        } else if (st->kind == MODEL_STOP_END && io_json_present(s, "overtime_s")) {
            snprintf(w, sizeof w, "%s: end", where);
            check_stated(r, w, s, "overtime_s", st->start > shift->end ? st->start - shift->end : 0);
        }
    }
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
    } else if (r->st == MODEL_OK) {
        check_stated_fields(r, where, stops, route, &tech->shifts[shift]);
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

/* summary.bound (FORMAT.md extension 3) into s->bound: its types here (a
 * wrong one is a violation, as the verifier reports it); what it claims is
 * checked against the routes by model_check_schedule with the claimed
 * summary (a stored schedule read for a changed problem keeps its bound as
 * data only). */
static void read_bound(reader *r, const cJSON *b)
{
    if (!b || cJSON_IsNull(b))
        return;
    io_json_out o = IO_JSON_OUT_INIT;
    if (!cJSON_IsObject(b)) {
        io_json_out_raw(&o, "is not an object");
        violation(r, "summary: bound", &o);
        return;
    }
    const cJSON *w = io_json_member(b, "unassigned_weight"), *c = io_json_member(b, "cost");
    const cJSON *g = io_json_member(b, "gap"), *po = io_json_member(b, "proven_optimal");
    bool null_c = !c || cJSON_IsNull(c), null_g = !g || cJSON_IsNull(g);
    bool null_p = !po || cJSON_IsNull(po);
    struct {
        const char *key, *kind;
        const cJSON *v;
        bool ok;
    } rows[] = {
        {"unassigned_weight", "an integer >= 0", w,
         claimed_int64(w) != INT64_MIN && claimed_int64(w) >= 0},
        {"cost", "a number", c, null_c || cJSON_IsNumber(c)},
        {"gap", "a number", g, null_g || cJSON_IsNumber(g)},
        {"proven_optimal", "true or false", po, null_p || cJSON_IsBool(po)},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (rows[i].ok)
            continue;
        io_json_out_raw(&o, bad++ ? "; " : "");
        io_json_out_raw(&o, rows[i].key);
        io_json_out_raw(&o, " ");
        if (rows[i].v)
            py_value(&o, rows[i].v, true);
        else
            io_json_out_raw(&o, "None");
        io_json_out_raw(&o, " is not ");
        io_json_out_raw(&o, rows[i].kind);
    }
    if (bad) {
        violation(r, "summary: bound", &o);
        return;
    }
    io_json_out_free(&o);
    model_bound *mb = &r->s->bound;
    mb->present = true;
    mb->unassigned_weight = claimed_int64(w);
    mb->has_cost = !null_c;
    mb->cost = null_c ? 0 : c->valuedouble;
    mb->has_gap = !null_g;
    mb->gap = null_g ? 0 : g->valuedouble;
    mb->has_proven = !null_p;
    mb->proven_optimal = !null_p && cJSON_IsTrue(po);
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
    reader r = {p, NULL, violations, err, MODEL_OK, p && model_problem_uses_extension2(p)};
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
            claimed->cost = claimed_int64(io_json_member(sum, "cost"));
            claimed->lateness_cost_s = claimed_int64(io_json_member(sum, "lateness_cost_s"));
            claimed->overtime_cost_s = claimed_int64(io_json_member(sum, "overtime_cost_s"));
            claimed->balance_cost_s = claimed_int64(io_json_member(sum, "balance_cost_s"));
            claimed->preference_bonus_s =
                claimed_int64(io_json_member(sum, "preference_bonus_s"));
        }
        if (has_claimed)
            *has_claimed = 1;
        if (r.st == MODEL_OK)
            read_bound(&r, io_json_member(sum, "bound"));
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
