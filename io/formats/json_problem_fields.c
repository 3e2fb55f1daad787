/* json_problem_fields.c - the field readers of the JSON problem reader
 * (json_problem_internal.h): one JSON value each, checked as the oracle
 * checks it, with the reader's messages "SRC: WHERE.FIELD: MESSAGE". The
 * records are read by json_problem.c with these. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem_internal.h"

/* Sets "SRC: WHERE.FIELD: MESSAGE"; returns code. */
model_status io_jp_fail(io_jp_reader *r, model_status code, const char *where, const char *field,
                        const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (!where[0] && !field[0])
        where = "top level";
    return model_error_set(r->err, code, "%s: %s%s%s: %s", r->src, where,
                           where[0] && field[0] ? "." : "", field, what);
}

/* Prefixes an error from the model (which names no path) with SRC: WHERE. */
model_status io_jp_pass(io_jp_reader *r, model_status st, const char *where, const char *field)
{
    char old[MODEL_ERROR_MSG_MAX];
    snprintf(old, sizeof old, "%s", r->err ? r->err->msg : "");
    return io_jp_fail(r, st, where, field, "%s", old);
}

/* A printable, bounded copy of a string for messages (control characters
 * become '?', long ones end in "..."). */
const char *io_jp_shown(const char *s, char *buf, size_t size)
{
    size_t n = 0, limit = size - 4;
    const unsigned char *c = (const unsigned char *)s;
    for (; *c && n < limit; c++)
        buf[n++] = *c < 0x20 || *c == 0x7F ? '?' : (char)*c;
    if (*c) {
        while (n > 0 && (unsigned char)buf[n - 1] >= 0x80)
            n--; /* never end inside a UTF-8 sequence */
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

/* "WHERE.KEY[I]" or "KEY[I]", then " (ID)" when id is given; buf holds
 * WHERE_MAX bytes. (Not inlined: GCC would warn that a long WHERE may be
 * truncated, which is acceptable in a message.) */
__attribute__((noinline)) void io_jp_element(char *buf, const char *where, const char *key, int i,
                                             const char *id)
{
    char idbuf[64];
    snprintf(buf, WHERE_MAX, "%s%s%s[%d]%s%s%s", where, where[0] ? "." : "", key, i, id ? " (" : "",
             id ? io_jp_shown(id, idbuf, sizeof idbuf) : "", id ? ")" : "");
}

bool io_jp_is_type(const cJSON *v, int type)
{
    return v && (v->type & 0xFF) == type;
}

/* The list obj[key] (absent/null: *n = -1 unless required), at most max
 * long (MODEL_ERR_LIMIT "more than MAX WHAT"). The caller checks that the
 * elements are objects (or strings, with `strings`), except when the list
 * is a table of numbers (json_read_internal.h), which is refused here. */
model_status io_jp_get_list(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                            bool required, int max, const char *what, bool strings,
                            const cJSON **first, int *n)
{
    const cJSON *v = io_json_present(obj, key);
    *first = NULL;
    *n = -1;
    if (!v) {
        if (required)
            return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "missing (required)");
        return MODEL_OK;
    }
    if (!io_jp_is_type(v, cJSON_Array))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a list");
    if (r->doc && io_json_table_of(r->doc, v)) {
        char field[WHERE_MAX];
        io_jp_element(field, "", key, 0, NULL);
        return io_jp_fail(r, MODEL_ERR_INPUT, where, field, "must be %s",
                          strings ? "a string" : "an object");
    }
    int count = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        if (++count > max)
            return io_jp_fail(r, MODEL_ERR_LIMIT, where, key, "more than %d %s", max, what);
    *first = v->child;
    *n = count;
    return MODEL_OK;
}

/* The string obj[key]; *out NULL when absent or null (an error if
 * required). Another type: "must be a string" followed by what. */
static model_status get_text(io_jp_reader *r, const cJSON *obj, const char *key,
                             const char *where, bool required, const char *what, const char **out)
{
    const cJSON *v = io_json_present(obj, key);
    *out = NULL;
    if (!v)
        return required ? io_jp_fail(r, MODEL_ERR_INPUT, where, key, "missing (required)")
                        : MODEL_OK;
    if (!io_jp_is_type(v, cJSON_String) || !v->valuestring)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a string%s", what);
    *out = v->valuestring;
    return MODEL_OK;
}

/* The string obj[key]; *out NULL when absent or null (an error if required). */
model_status io_jp_get_string(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                              bool required, const char **out)
{
    return get_text(r, obj, key, where, required, "", out);
}

/* The finite number obj[key]; *present false when absent or null. */
model_status io_jp_get_number(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                              bool *present, double *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!io_jp_is_type(v, cJSON_Number))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a number");
    if (!io_json_is_finite(v))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a finite number");
    *out = v->valuedouble;
    return MODEL_OK;
}

/* An optional quantity (capacity, load): a number >= 0 and < 1e15. */
model_status io_jp_get_quantity(io_jp_reader *r, const cJSON *obj, const char *key,
                                const char *where, double *out)
{
    bool present;
    double v = 0;
    model_status st = io_jp_get_number(r, obj, key, where, &present, &v);
    if (st != MODEL_OK)
        return st;
    if (present && !(v >= 0 && v < MAX_QUANTITY))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a number >= 0 and < 1e15");
    if (present)
        *out = v;
    return MODEL_OK;
}

/* An optional integer literal in [lo, hi]; *present false when absent. */
model_status io_jp_get_int(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                           long lo, long hi, bool *present, long *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!io_json_is_integer(v) || v->valuedouble < (double)lo || v->valuedouble > (double)hi)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be an integer %ld..%ld", lo, hi);
    *out = (long)v->valuedouble;
    return MODEL_OK;
}

/* A "_min" field: minutes (> 0, or >= 0 when !positive) that come to whole
 * seconds, as the oracle tests them; *secs receives the seconds. */
model_status io_jp_get_minutes(io_jp_reader *r, const cJSON *obj, const char *key,
                               const char *where, bool positive, int64_t *secs)
{
    bool present;
    double v = 0;
    model_status st = io_jp_get_number(r, obj, key, where, &present, &v);
    if (st != MODEL_OK)
        return st;
    if (!present)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "missing (required)");
    if (positive ? !(v > 0) : !(v >= 0))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be %s", positive ? "> 0" : ">= 0");
    double s = v * 60, rs = round(s);
    if (!(fabs(s - rs) < 1e-9))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key,
                          "must be whole seconds (%.17g minutes is not)", v);
    if (rs > (double)IO_JSON_MAX_DURATION_S)
        return io_jp_fail(r, MODEL_ERR_LIMIT, where, key, "longer than %lld seconds",
                          (long long)IO_JSON_MAX_DURATION_S);
    *secs = (int64_t)rs;
    return MODEL_OK;
}

/* A time obj[key] (wall time in the problem's zone unless it has an
 * offset); *present false when absent or null (an error if required). */
model_status io_jp_get_time(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                            bool required, bool *present, int64_t *out)
{
    const char *text;
    model_status st = get_text(r, obj, key, where, required, " (an ISO 8601 time)", &text);
    *present = text != NULL;
    if (st != MODEL_OK || !text)
        return st;
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(text, r->p->tz, out, &e) != MODEL_OK)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "%s", e.msg);
    return MODEL_OK;
}

/* The record (a `what`: location, technician) with id `id`, found at
 * WHERE.FIELD, as its index in map; an unknown id is an error. */
static model_status lookup(io_jp_reader *r, const model_strmap *map, const char *what,
                           const char *id, const char *where, const char *field, int *index)
{
    *index = model_strmap_get(map, id);
    char buf[64];
    if (*index < 0)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, field, "unknown %s '%s'", what,
                          io_jp_shown(id, buf, sizeof buf));
    return MODEL_OK;
}

/* The location id obj[key]; *index -1 when absent and not required. */
model_status io_jp_get_location(io_jp_reader *r, const cJSON *obj, const char *key,
                                const char *where, bool required, int *index)
{
    const char *id;
    const cJSON *v = io_json_present(obj, key);
    if (r->location_objects && io_jp_is_type(v, cJSON_Object))
        obj = v; /* {"id": ..., "lat": ...}: its id (checked when the scenario was read) */
    model_status st = io_jp_get_string(r, obj, r->location_objects && obj == v ? "id" : key, where,
                                       required, &id);
    *index = -1;
    if (st != MODEL_OK || !id)
        return st;
    return lookup(r, &r->p->location_index, "location", id, where, key, index);
}

/* The technician id `id` (found at WHERE.FIELD), as an index. */
model_status io_jp_technician_ref(io_jp_reader *r, const char *id, const char *where,
                                  const char *field, int *index)
{
    return lookup(r, &r->p->technician_index, "technician", id, where, field, index);
}

/* A list of skill names into *set: interned, or, when the problem declares
 * its skills, looked up. */
model_status io_jp_get_skills(io_jp_reader *r, const cJSON *obj, const char *where,
                              model_skillset *set, model_skill_order *order,
                              model_skill_levels *levels)
{
    const cJSON *c;
    int n;
    model_status st =
        io_jp_get_list(r, obj, "skills", where, false, INT32_MAX, "skills", true, &c, &n);
    if (st != MODEL_OK)
        return st;
    char field[WHERE_MAX], buf[64];
    for (int i = 0; c; c = c->next, i++) {
        io_jp_element(field, "", "skills", i, NULL);
        if (!io_jp_is_type(c, cJSON_String) || !c->valuestring)
            return io_jp_fail(r, MODEL_ERR_INPUT, where, field, "must be a string (a skill name)");
        /* extension 2: "gas:2" is skill gas at level 2 (the last ':' splits) */
        char name[1024];
        const char *text = c->valuestring, *colon = strrchr(text, ':');
        int level = 1;
        if (colon) {
            size_t len = (size_t)(colon - text);
            if (len == 0 || len >= sizeof name || strlen(colon + 1) != 1 || colon[1] < '1' ||
                colon[1] > '9')
                return io_jp_fail(r, MODEL_ERR_INPUT, where, field,
                                  "'%s': a level is written name:level with a level 1..9",
                                  io_jp_shown(text, buf, sizeof buf));
            memcpy(name, text, len);
            name[len] = '\0';
            text = name;
            level = colon[1] - '0';
            r->p->extension2 = true;
        }
        int k = model_strmap_get(&r->p->skill_index, text);
        if (k < 0 && r->p->skills_declared)
            return io_jp_fail(r, MODEL_ERR_INPUT, where, field,
                              "unknown skill '%s' (not in the top-level skills list)",
                              io_jp_shown(text, buf, sizeof buf));
        if (k < 0) {
            model_error e = MODEL_ERROR_INIT;
            st = model_problem_intern_skill(r->p, text, &k, &e);
            if (st == MODEL_ERR_LIMIT && r->skill_limit_later)
                continue;
            if (st != MODEL_OK)
                return io_jp_fail(r, st, where, field, "%s", e.msg);
        }
        model_skillset_add(set, k);
        if (order && (st = model_skill_order_add(order, k, r->err)) != MODEL_OK)
            return io_jp_pass(r, st, where, field);
        if (levels && level > model_skill_levels_get(levels, k) &&
            (st = model_skill_levels_set(levels, k, level, r->err)) != MODEL_OK)
            return io_jp_pass(r, st, where, field);
    }
    return MODEL_OK;
}

/* The "id" of a record (a string); checks it against index for duplicates. */
static model_status get_id(io_jp_reader *r, const cJSON *rec, const char *where,
                           const model_strmap *index, const char **id)
{
    if (!io_jp_is_type(rec, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "", "must be an object");
    model_status st = io_jp_get_string(r, rec, "id", where, true, id);
    if (st != MODEL_OK)
        return st;
    char buf[64];
    if (model_strmap_get(index, *id) >= 0)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "id", "duplicate id '%s'",
                          io_jp_shown(*id, buf, sizeof buf));
    return MODEL_OK;
}

/* Record i of the list named list: its id (get_id), and its path for
 * messages in where (WHERE_MAX bytes): "LIST[I]", then "LIST[I] (ID)". */
model_status io_jp_record_id(io_jp_reader *r, const cJSON *rec, const char *list, int i,
                             const model_strmap *index, char *where, const char **id)
{
    io_jp_element(where, "", list, i, NULL);
    model_status st = get_id(r, rec, where, index, id);
    if (st == MODEL_OK)
        io_jp_element(where, "", list, i, *id);
    return st;
}
