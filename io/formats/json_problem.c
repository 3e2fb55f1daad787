/* json_problem.c - the JSON problem format into a finished model_problem
 * (docs/format.md); writing it back is json_problem_write.c.
 *
 * Reading follows the oracle (../shared/tools/verify_schedule.py, class
 * Problem) field by field: null is absent, "_min" values are minutes that
 * must come to whole seconds, integer fields must be integer literals, a
 * time without offset is wall time in the problem's zone. Records are read
 * in document order: name, timezone, locations, travel, skills, technicians,
 * jobs; the first error found is reported, named "SOURCE: PATH: MESSAGE"
 * where PATH is the JSON path with each record's id after its index. */
#include "io/formats/json_problem.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_read_internal.h"
#include "io/formats/zonefile.h"

/* Upper bound (exclusive) of capacity and load. */
#define MAX_QUANTITY 1e15
/* Upper bound (exclusive) of max_jobs_per_shift. */
#define MAX_JOBS_PER_SHIFT 1000000
/* Room for a JSON path in messages. */
#define WHERE_MAX 256

typedef struct reader {
    const char *src;         /* source name, first in every message */
    model_problem *p;        /* the problem being built */
    model_error *err;        /* the caller's error record */
    unsigned char *seen;     /* per technician: already in this allowed list */
    io_json_doc *doc;        /* the parsed text (for its tables) */
} reader;

/* Sets "SRC: WHERE.FIELD: MESSAGE"; returns code. */
static model_status fail(reader *r, model_status code, const char *where, const char *field,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static model_status fail(reader *r, model_status code, const char *where, const char *field,
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
static model_status pass(reader *r, model_status st, const char *where, const char *field)
{
    char old[MODEL_ERROR_MSG_MAX];
    snprintf(old, sizeof old, "%s", r->err ? r->err->msg : "");
    return fail(r, st, where, field, "%s", old);
}

/* A printable, bounded copy of a string for messages (control characters
 * become '?', long ones end in "..."). */
static const char *shown(const char *s, char *buf, size_t size)
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
static __attribute__((noinline)) void element(char *buf, const char *where, const char *key, int i,
                                              const char *id)
{
    char idbuf[64];
    snprintf(buf, WHERE_MAX, "%s%s%s[%d]%s%s%s", where, where[0] ? "." : "", key, i,
             id ? " (" : "", id ? shown(id, idbuf, sizeof idbuf) : "", id ? ")" : "");
}

static bool is_type(const cJSON *v, int type)
{
    return v && (v->type & 0xFF) == type;
}

/* The list obj[key] (absent/null: *n = -1 unless required), at most max
 * long (MODEL_ERR_LIMIT "more than MAX WHAT"). The caller checks that the
 * elements are objects (or strings, with `strings`), except when the list
 * is a table of numbers (json_read_internal.h), which is refused here. */
static model_status get_list(reader *r, const cJSON *obj, const char *key, const char *where,
                             bool required, int max, const char *what, bool strings,
                             const cJSON **first, int *n)
{
    const cJSON *v = io_json_present(obj, key);
    *first = NULL;
    *n = -1;
    if (!v) {
        if (required)
            return fail(r, MODEL_ERR_INPUT, where, key, "missing (required)");
        return MODEL_OK;
    }
    if (!is_type(v, cJSON_Array))
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a list");
    if (io_json_table_of(r->doc, v)) {
        char field[WHERE_MAX];
        element(field, "", key, 0, NULL);
        return fail(r, MODEL_ERR_INPUT, where, field, "must be %s",
                    strings ? "a string" : "an object");
    }
    int count = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        if (++count > max)
            return fail(r, MODEL_ERR_LIMIT, where, key, "more than %d %s", max, what);
    *first = v->child;
    *n = count;
    return MODEL_OK;
}

/* The string obj[key]; *out NULL when absent or null (an error if required). */
static model_status get_string(reader *r, const cJSON *obj, const char *key, const char *where,
                               bool required, const char **out)
{
    const cJSON *v = io_json_present(obj, key);
    *out = NULL;
    if (!v)
        return required ? fail(r, MODEL_ERR_INPUT, where, key, "missing (required)") : MODEL_OK;
    if (!is_type(v, cJSON_String) || !v->valuestring)
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a string");
    *out = v->valuestring;
    return MODEL_OK;
}

/* The finite number obj[key]; *present false when absent or null. */
static model_status get_number(reader *r, const cJSON *obj, const char *key, const char *where,
                               bool *present, double *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!is_type(v, cJSON_Number))
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a number");
    if (!io_json_is_finite(v))
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a finite number");
    *out = v->valuedouble;
    return MODEL_OK;
}

/* An optional quantity (capacity, load): a number >= 0 and < 1e15. */
static model_status get_quantity(reader *r, const cJSON *obj, const char *key, const char *where,
                                 double *out)
{
    bool present;
    double v = 0;
    model_status st = get_number(r, obj, key, where, &present, &v);
    if (st != MODEL_OK)
        return st;
    if (present && !(v >= 0 && v < MAX_QUANTITY))
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a number >= 0 and < 1e15");
    if (present)
        *out = v;
    return MODEL_OK;
}

/* An optional integer literal in [lo, hi]; *present false when absent. */
static model_status get_int(reader *r, const cJSON *obj, const char *key, const char *where,
                            long lo, long hi, bool *present, long *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!io_json_is_integer(v) || v->valuedouble < (double)lo || v->valuedouble > (double)hi)
        return fail(r, MODEL_ERR_INPUT, where, key, "must be an integer %ld..%ld", lo, hi);
    *out = (long)v->valuedouble;
    return MODEL_OK;
}

/* A "_min" field: minutes (> 0, or >= 0 when !positive) that come to whole
 * seconds, as the oracle tests them; *secs receives the seconds. */
static model_status get_minutes(reader *r, const cJSON *obj, const char *key, const char *where,
                                bool positive, int64_t *secs)
{
    bool present;
    double v = 0;
    model_status st = get_number(r, obj, key, where, &present, &v);
    if (st != MODEL_OK)
        return st;
    if (!present)
        return fail(r, MODEL_ERR_INPUT, where, key, "missing (required)");
    if (positive ? !(v > 0) : !(v >= 0))
        return fail(r, MODEL_ERR_INPUT, where, key, "must be %s", positive ? "> 0" : ">= 0");
    double s = v * 60, rs = round(s);
    if (!(fabs(s - rs) < 1e-9))
        return fail(r, MODEL_ERR_INPUT, where, key,
                    "must be whole seconds (%.17g minutes is not)", v);
    if (rs > (double)IO_JSON_MAX_DURATION_S)
        return fail(r, MODEL_ERR_LIMIT, where, key, "longer than %lld seconds",
                    (long long)IO_JSON_MAX_DURATION_S);
    *secs = (int64_t)rs;
    return MODEL_OK;
}

/* A time obj[key] (wall time in the problem's zone unless it has an
 * offset); *present false when absent or null (an error if required). */
static model_status get_time(reader *r, const cJSON *obj, const char *key, const char *where,
                             bool required, bool *present, int64_t *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return required ? fail(r, MODEL_ERR_INPUT, where, key, "missing (required)") : MODEL_OK;
    if (!is_type(v, cJSON_String) || !v->valuestring)
        return fail(r, MODEL_ERR_INPUT, where, key, "must be a string (an ISO 8601 time)");
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(v->valuestring, r->p->tz, out, &e) != MODEL_OK)
        return fail(r, MODEL_ERR_INPUT, where, key, "%s", e.msg);
    return MODEL_OK;
}

/* The location id obj[key]; *index -1 when absent and not required. */
static model_status get_location(reader *r, const cJSON *obj, const char *key, const char *where,
                                 bool required, int *index)
{
    const char *id;
    model_status st = get_string(r, obj, key, where, required, &id);
    *index = -1;
    if (st != MODEL_OK || !id)
        return st;
    *index = model_strmap_get(&r->p->location_index, id);
    char buf[64];
    if (*index < 0)
        return fail(r, MODEL_ERR_INPUT, where, key, "unknown location '%s'",
                    shown(id, buf, sizeof buf));
    return MODEL_OK;
}

/* The technician id `id` (found at WHERE.FIELD), as an index. */
static model_status technician_ref(reader *r, const char *id, const char *where, const char *field,
                                   int *index)
{
    *index = model_strmap_get(&r->p->technician_index, id);
    char buf[64];
    if (*index < 0)
        return fail(r, MODEL_ERR_INPUT, where, field, "unknown technician '%s'",
                    shown(id, buf, sizeof buf));
    return MODEL_OK;
}

/* A list of skill names into *set: interned, or, when the problem declares
 * its skills, looked up. */
static model_status get_skills(reader *r, const cJSON *obj, const char *where,
                               model_skillset *set)
{
    const cJSON *c;
    int n;
    model_status st = get_list(r, obj, "skills", where, false, INT32_MAX, "skills", true, &c, &n);
    if (st != MODEL_OK)
        return st;
    char field[WHERE_MAX], buf[64];
    for (int i = 0; c; c = c->next, i++) {
        element(field, "", "skills", i, NULL);
        if (!is_type(c, cJSON_String) || !c->valuestring)
            return fail(r, MODEL_ERR_INPUT, where, field, "must be a string (a skill name)");
        int k = model_strmap_get(&r->p->skill_index, c->valuestring);
        if (k < 0 && r->p->skills_declared)
            return fail(r, MODEL_ERR_INPUT, where, field,
                        "unknown skill '%s' (not in the top-level skills list)",
                        shown(c->valuestring, buf, sizeof buf));
        if (k < 0) {
            model_error e = MODEL_ERROR_INIT;
            st = model_problem_intern_skill(r->p, c->valuestring, &k, &e);
            if (st != MODEL_OK)
                return fail(r, st, where, field, "%s", e.msg);
        }
        model_skillset_add(set, k);
    }
    return MODEL_OK;
}

/* The "id" of records[i] (a string); checks it against index for duplicates. */
static model_status get_id(reader *r, const cJSON *rec, const char *where,
                           const model_strmap *index, const char **id)
{
    if (!is_type(rec, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, where, "", "must be an object");
    model_status st = get_string(r, rec, "id", where, true, id);
    if (st != MODEL_OK)
        return st;
    char buf[64];
    if (model_strmap_get(index, *id) >= 0)
        return fail(r, MODEL_ERR_INPUT, where, "id", "duplicate id '%s'",
                    shown(*id, buf, sizeof buf));
    return MODEL_OK;
}

static model_status read_locations(reader *r, const cJSON *doc)
{
    const cJSON *c;
    int n;
    model_status st =
        get_list(r, doc, "locations", "", true, MODEL_MAX_LOCATIONS, "locations", false, &c, &n);
    if (st != MODEL_OK)
        return st;
    char where[WHERE_MAX];
    for (int i = 0; c; c = c->next, i++) {
        const char *id = NULL, *address;
        element(where, "", "locations", i, NULL);
        if ((st = get_id(r, c, where, &r->p->location_index, &id)) != MODEL_OK)
            return st;
        element(where, "", "locations", i, id);
        bool has_lat, has_lon;
        double lat = 0, lon = 0;
        if ((st = get_string(r, c, "address", where, false, &address)) != MODEL_OK ||
            (st = get_number(r, c, "lat", where, &has_lat, &lat)) != MODEL_OK ||
            (st = get_number(r, c, "lon", where, &has_lon, &lon)) != MODEL_OK)
            return st;
        if (has_lat && !(lat >= -90 && lat <= 90))
            return fail(r, MODEL_ERR_INPUT, where, "lat", "must be within [-90, 90]");
        if (has_lon && !(lon >= -180 && lon <= 180))
            return fail(r, MODEL_ERR_INPUT, where, "lon", "must be within [-180, 180]");
        int index;
        if ((st = model_problem_add_location(r->p, id, address, &index, r->err)) != MODEL_OK)
            return pass(r, st, where, "");
        model_location *l = &r->p->locations[index];
        l->has_coords = has_lat && has_lon;
        l->lat = lat;
        l->lon = lon;
    }
    return MODEL_OK;
}

/* A matrix kept out of the tree as a table (json_read_internal.h): checks its shape
 * and range, and takes over its numbers. */
static model_status read_table(reader *r, io_json_table *t, const char *field, int32_t **out)
{
    int n = r->p->nlocations;
    if (t->rows != n)
        return fail(r, MODEL_ERR_INPUT, field, "", "has %d rows, expected %d (one per location)",
                    t->rows, n);
    char path[80];
    for (int i = 0; i < n; i++) {
        size_t cols = t->row_start[i + 1] - t->row_start[i];
        snprintf(path, sizeof path, "%s[%d]", field, i);
        if (cols != (size_t)n)
            return fail(r, MODEL_ERR_INPUT, path, "", "has %zu entries, expected %d", cols, n);
    }
    for (size_t k = 0; k < (size_t)n * (size_t)n; k++) {
        if (t->values[k] <= MODEL_MAX_TRAVEL_S)
            continue;
        snprintf(path, sizeof path, "%s[%d][%d]", field, (int)(k / (size_t)n),
                 (int)(k % (size_t)n));
        return fail(r, MODEL_ERR_LIMIT, path, "", "larger than MODEL_MAX_TRAVEL_S (%d)",
                    MODEL_MAX_TRAVEL_S);
    }
    *out = t->values;
    t->values = NULL;
    return MODEL_OK;
}

/* travel[key] as an n x n matrix of integers in [0, MODEL_MAX_TRAVEL_S]. */
static model_status read_matrix(reader *r, const cJSON *travel, const char *key, int32_t **out)
{
    const cJSON *m = io_json_member(travel, key);
    int n = r->p->nlocations;
    *out = NULL;
    char field[32];
    snprintf(field, sizeof field, "travel.%s", key);
    io_json_table *table = io_json_table_of(r->doc, m);
    if (table)
        return read_table(r, table, field, out);
    if (!is_type(m, cJSON_Array))
        return fail(r, MODEL_ERR_INPUT, field, "", "must be a list of %d lists (one per location)",
                    n);
    int rows = cJSON_GetArraySize(m);
    if (rows != n)
        return fail(r, MODEL_ERR_INPUT, field, "", "has %d rows, expected %d (one per location)",
                    rows, n);
    int32_t *a = malloc(((size_t)n * (size_t)n + 1) * sizeof *a);
    if (!a)
        return fail(r, MODEL_ERR_NOMEM, field, "", "out of memory");
    const cJSON *row = m->child;
    for (int i = 0; i < n; i++, row = row->next) {
        char rowpath[48];
        snprintf(rowpath, sizeof rowpath, "%s[%d]", field, i);
        model_status st = MODEL_OK;
        if (!is_type(row, cJSON_Array))
            st = fail(r, MODEL_ERR_INPUT, rowpath, "", "must be a list of %d integers", n);
        else if (cJSON_GetArraySize(row) != n)
            st = fail(r, MODEL_ERR_INPUT, rowpath, "", "has %d entries, expected %d",
                      cJSON_GetArraySize(row), n);
        const cJSON *cell = st == MODEL_OK ? row->child : NULL;
        for (int j = 0; st == MODEL_OK && j < n; j++, cell = cell->next) {
            bool ok = io_json_is_integer(cell) && cell->valuedouble >= 0;
            if (ok && cell->valuedouble <= MODEL_MAX_TRAVEL_S) {
                a[(size_t)i * (size_t)n + (size_t)j] = (int32_t)cell->valuedouble;
                continue;
            }
            char cellpath[64];
            snprintf(cellpath, sizeof cellpath, "%s[%d]", rowpath, j);
            st = ok ? fail(r, MODEL_ERR_LIMIT, cellpath, "",
                           "larger than MODEL_MAX_TRAVEL_S (%d)", MODEL_MAX_TRAVEL_S)
                    : fail(r, MODEL_ERR_INPUT, cellpath, "", "must be an integer >= 0");
        }
        if (st != MODEL_OK) {
            free(a);
            return st;
        }
    }
    *out = a;
    return MODEL_OK;
}

static model_status read_travel(reader *r, const cJSON *doc)
{
    const cJSON *travel = io_json_present(doc, "travel");
    if (!travel)
        return fail(r, MODEL_ERR_INPUT, "travel", "", "missing (required)");
    if (!is_type(travel, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, "travel", "", "must be an object");
    const char *model;
    model_status st = get_string(r, travel, "model", "travel", false, &model);
    if (st != MODEL_OK)
        return st;
    char buf[64];
    if (model && strcmp(model, "haversine") != 0)
        return fail(r, MODEL_ERR_INPUT, "travel", "model",
                    "unknown travel model '%s' (the only one is \"haversine\")",
                    shown(model, buf, sizeof buf));
    if (model) {
        bool present;
        double speed = 30, circuity = 1;
        if ((st = get_number(r, travel, "speed_kmh", "travel", &present, &speed)) != MODEL_OK)
            return st;
        if (present && !(speed > 0))
            return fail(r, MODEL_ERR_INPUT, "travel", "speed_kmh", "must be a number > 0");
        if ((st = get_number(r, travel, "circuity", "travel", &present, &circuity)) != MODEL_OK)
            return st;
        if (present && !(circuity > 0))
            return fail(r, MODEL_ERR_INPUT, "travel", "circuity", "must be a number > 0");
        for (int i = 0; i < r->p->nlocations; i++) {
            const model_location *l = &r->p->locations[i];
            if (l->has_coords)
                continue;
            const cJSON *loc = cJSON_GetArrayItem(io_json_member(doc, "locations"), i);
            char where[WHERE_MAX];
            element(where, "", "locations", i, l->id);
            return fail(r, MODEL_ERR_INPUT, where, io_json_present(loc, "lat") ? "lon" : "lat",
                        "missing (the haversine travel model needs lat and lon)");
        }
        model_problem_set_haversine(r->p, speed, circuity);
        return MODEL_OK;
    }
    if (!io_json_present(travel, "durations_s"))
        return fail(r, MODEL_ERR_INPUT, "travel", "",
                    "needs \"durations_s\" or \"model\": \"haversine\"");
    int32_t *durations, *distances = NULL;
    if ((st = read_matrix(r, travel, "durations_s", &durations)) != MODEL_OK)
        return st;
    if (io_json_present(travel, "distances_m") &&
        (st = read_matrix(r, travel, "distances_m", &distances)) != MODEL_OK) {
        free(durations);
        return st;
    }
    model_problem_set_matrix(r->p, durations, distances, r->p->nlocations);
    return MODEL_OK;
}

/* The extension: a top-level "skills" list declares every skill. */
static model_status read_declared_skills(reader *r, const cJSON *doc)
{
    const cJSON *c;
    int n;
    model_status st = get_list(r, doc, "skills", "", false, INT32_MAX, "skills", true, &c, &n);
    if (st != MODEL_OK || n < 0)
        return st;
    r->p->skills_declared = true;
    char where[WHERE_MAX], buf[64];
    for (int i = 0; c; c = c->next, i++) {
        element(where, "", "skills", i, NULL);
        if (!is_type(c, cJSON_String) || !c->valuestring)
            return fail(r, MODEL_ERR_INPUT, where, "", "must be a string (a skill name)");
        if (model_strmap_get(&r->p->skill_index, c->valuestring) >= 0)
            return fail(r, MODEL_ERR_INPUT, where, "", "duplicate skill '%s'",
                        shown(c->valuestring, buf, sizeof buf));
        int k;
        model_error e = MODEL_ERROR_INIT;
        if ((st = model_problem_intern_skill(r->p, c->valuestring, &k, &e)) != MODEL_OK)
            return fail(r, st, where, "", "%s", e.msg);
    }
    return MODEL_OK;
}

static model_status read_shift(reader *r, model_technician *t, const cJSON *c, const char *where)
{
    if (!is_type(c, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, where, "", "must be an object");
    bool present;
    int64_t start, end;
    model_status st;
    if ((st = get_time(r, c, "start", where, true, &present, &start)) != MODEL_OK ||
        (st = get_time(r, c, "end", where, true, &present, &end)) != MODEL_OK)
        return st;
    if (end < start)
        return fail(r, MODEL_ERR_INPUT, where, "end", "before start");
    model_shift *sh;
    if ((st = model_technician_add_shift(t, &sh, r->err)) != MODEL_OK)
        return pass(r, st, where, "");
    sh->start = start;
    sh->end = end;
    const cJSON *b;
    int n;
    if ((st = get_list(r, c, "breaks", where, false, MODEL_MAX_BREAKS_PER_SHIFT, "breaks", false,
                       &b, &n)) != MODEL_OK)
        return st;
    char bw[WHERE_MAX];
    for (int i = 0; b; b = b->next, i++) {
        element(bw, where, "breaks", i, NULL);
        if (!is_type(b, cJSON_Object))
            return fail(r, MODEL_ERR_INPUT, bw, "", "must be an object");
        model_break brk;
        if ((st = get_time(r, b, "earliest", bw, true, &present, &brk.earliest)) != MODEL_OK ||
            (st = get_time(r, b, "latest", bw, true, &present, &brk.latest)) != MODEL_OK ||
            (st = get_minutes(r, b, "duration_min", bw, false, &brk.duration)) != MODEL_OK)
            return st;
        if (brk.latest < brk.earliest)
            return fail(r, MODEL_ERR_INPUT, bw, "latest", "before earliest");
        if ((st = model_shift_add_break(sh, &brk, r->err)) != MODEL_OK)
            return pass(r, st, bw, "");
    }
    return MODEL_OK;
}

static model_status read_technician(reader *r, const cJSON *c, int i)
{
    char where[WHERE_MAX];
    const char *id = NULL, *name;
    element(where, "", "technicians", i, NULL);
    model_status st = get_id(r, c, where, &r->p->technician_index, &id);
    if (st != MODEL_OK)
        return st;
    element(where, "", "technicians", i, id);
    model_technician *t;
    if ((st = model_problem_add_technician(r->p, id, &t, NULL, r->err)) != MODEL_OK)
        return pass(r, st, where, "");
    bool present;
    long max_jobs = -1;
    if ((st = get_string(r, c, "name", where, false, &name)) != MODEL_OK ||
        (st = model_strdup_into(&t->name, name, r->err)) != MODEL_OK ||
        (st = get_skills(r, c, where, &t->skills)) != MODEL_OK ||
        (st = get_location(r, c, "start_location", where, true, &t->start_location)) !=
            MODEL_OK ||
        (st = get_location(r, c, "end_location", where, false, &t->end_location)) != MODEL_OK ||
        (st = get_quantity(r, c, "capacity", where, &t->capacity)) != MODEL_OK ||
        (st = get_int(r, c, "max_jobs_per_shift", where, 0, MAX_JOBS_PER_SHIFT - 1, &present,
                      &max_jobs)) != MODEL_OK)
        return st;
    if (t->end_location < 0)
        t->end_location = t->start_location;
    t->max_jobs = (int)max_jobs;
    const cJSON *s;
    int n;
    if ((st = get_list(r, c, "shifts", where, true, MODEL_MAX_SHIFTS_PER_TECH, "shifts", false, &s,
                       &n)) != MODEL_OK)
        return st;
    char sw[WHERE_MAX];
    for (int k = 0; s; s = s->next, k++) {
        element(sw, where, "shifts", k, NULL);
        if ((st = read_shift(r, t, s, sw)) != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

static model_status read_windows(reader *r, model_job *j, const cJSON *c, const char *where)
{
    const cJSON *w;
    int n;
    model_status st = get_list(r, c, "windows", where, false, MODEL_MAX_WINDOWS_PER_JOB,
                               "windows", false, &w, &n);
    if (st != MODEL_OK)
        return st;
    char ww[WHERE_MAX];
    for (int i = 0; w; w = w->next, i++) {
        element(ww, where, "windows", i, NULL);
        if (!is_type(w, cJSON_Object))
            return fail(r, MODEL_ERR_INPUT, ww, "", "must be an object");
        bool present;
        model_window win;
        if ((st = get_time(r, w, "start", ww, true, &present, &win.start)) != MODEL_OK ||
            (st = get_time(r, w, "end", ww, true, &present, &win.end)) != MODEL_OK)
            return st;
        if (win.end < win.start)
            return fail(r, MODEL_ERR_INPUT, ww, "end", "before start");
        if ((st = model_job_add_window(j, &win, r->err)) != MODEL_OK)
            return pass(r, st, ww, "");
    }
    return MODEL_OK;
}

static model_status read_allowed(reader *r, model_job *j, const cJSON *c, const char *where)
{
    const cJSON *a;
    int n;
    model_status st = get_list(r, c, "allowed_technicians", where, false, INT32_MAX,
                               "technicians", true, &a, &n);
    if (st != MODEL_OK || n < 0)
        return st;
    j->has_allowed = true; /* an empty list: nobody */
    char field[WHERE_MAX];
    for (int i = 0; a && st == MODEL_OK; a = a->next, i++) {
        element(field, "", "allowed_technicians", i, NULL);
        int t;
        if (!is_type(a, cJSON_String) || !a->valuestring)
            st = fail(r, MODEL_ERR_INPUT, where, field, "must be a string (a technician id)");
        else if ((st = technician_ref(r, a->valuestring, where, field, &t)) == MODEL_OK &&
                 !r->seen[t]) {
            r->seen[t] = 1;
            if ((st = model_job_add_allowed(j, t, r->err)) != MODEL_OK)
                st = pass(r, st, where, field);
        }
    }
    for (int k = 0; k < j->nallowed; k++)
        r->seen[j->allowed[k]] = 0;
    return st;
}

static model_status read_job(reader *r, const cJSON *c, int i)
{
    char where[WHERE_MAX];
    const char *id = NULL, *s;
    element(where, "", "jobs", i, NULL);
    model_status st = get_id(r, c, where, &r->p->job_index, &id);
    if (st != MODEL_OK)
        return st;
    element(where, "", "jobs", i, id);
    model_job *j;
    if ((st = model_problem_add_job(r->p, id, &j, NULL, r->err)) != MODEL_OK)
        return pass(r, st, where, "");
    if ((st = get_string(r, c, "title", where, false, &s)) != MODEL_OK ||
        (st = model_strdup_into(&j->title, s, r->err)) != MODEL_OK ||
        (st = get_string(r, c, "customer", where, false, &s)) != MODEL_OK ||
        (st = model_strdup_into(&j->customer, s, r->err)) != MODEL_OK ||
        (st = get_string(r, c, "notes", where, false, &s)) != MODEL_OK ||
        (st = model_strdup_into(&j->notes, s, r->err)) != MODEL_OK ||
        (st = get_location(r, c, "location", where, true, &j->location)) != MODEL_OK ||
        (st = get_minutes(r, c, "duration_min", where, true, &j->duration)) != MODEL_OK ||
        (st = get_skills(r, c, where, &j->skills)) != MODEL_OK)
        return st;
    bool present;
    long priority = 0;
    if ((st = get_int(r, c, "priority", where, 0, 100, &present, &priority)) != MODEL_OK ||
        (st = get_quantity(r, c, "load", where, &j->load)) != MODEL_OK ||
        (st = read_windows(r, j, c, where)) != MODEL_OK ||
        (st = get_time(r, c, "release", where, false, &present, &j->release)) != MODEL_OK)
        return st;
    j->priority = (int)priority;
    if (!present)
        j->release = MODEL_TIME_MIN;
    if ((st = get_time(r, c, "deadline", where, false, &present, &j->deadline)) != MODEL_OK)
        return st;
    if (!present)
        j->deadline = MODEL_TIME_MAX;
    if ((st = get_string(r, c, "technician", where, false, &s)) != MODEL_OK ||
        (s && (st = technician_ref(r, s, where, "technician", &j->pinned)) != MODEL_OK))
        return st;
    return read_allowed(r, j, c, where);
}

/* Reads the records of doc[key] with fn (which checks each is an object). */
static model_status read_records(reader *r, const cJSON *doc, const char *key, int max,
                                 model_status (*fn)(reader *, const cJSON *, int))
{
    const cJSON *c;
    int n;
    model_status st = get_list(r, doc, key, "", true, max, key, false, &c, &n);
    for (int i = 0; st == MODEL_OK && c; c = c->next, i++)
        st = fn(r, c, i);
    return st;
}

/* After finish: a haversine leg may not exceed MODEL_MAX_TRAVEL_S (the
 * model clamps; the format would not). */
static model_status check_haversine_range(reader *r)
{
    const model_travel *tr = &r->p->travel;
    if (tr->kind != MODEL_TRAVEL_HAVERSINE)
        return MODEL_OK;
    if (!tr->durations) { /* not materialised: bound the longest possible leg */
        double far = floor(M_PI * 6371008.8 * tr->circuity + 0.5);
        if (far >= MODEL_MAX_TRAVEL_S || floor(far * 3.6 / tr->speed_kmh + 0.5) >=
                                              MODEL_MAX_TRAVEL_S)
            return fail(r, MODEL_ERR_LIMIT, "travel", "",
                        "speed_kmh and circuity allow legs longer than MODEL_MAX_TRAVEL_S");
        return MODEL_OK;
    }
    size_t cells = (size_t)tr->n * (size_t)tr->n;
    for (size_t k = 0; k < cells; k++)
        if (tr->durations[k] >= MODEL_MAX_TRAVEL_S || tr->distances[k] >= MODEL_MAX_TRAVEL_S)
            return fail(r, MODEL_ERR_LIMIT, "travel", "",
                        "the haversine leg from locations[%zu] to locations[%zu] is longer "
                        "than MODEL_MAX_TRAVEL_S (%d)",
                        k / (size_t)tr->n, k % (size_t)tr->n, MODEL_MAX_TRAVEL_S);
    return MODEL_OK;
}

static model_status read_document(reader *r, const cJSON *doc)
{
    if (!is_type(doc, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, "", "", "must be a JSON object");
    const char *s;
    model_status st;
    if ((st = get_string(r, doc, "name", "", false, &s)) != MODEL_OK ||
        (st = model_problem_set_name(r->p, s, r->err)) != MODEL_OK ||
        (st = get_string(r, doc, "timezone", "", false, &s)) != MODEL_OK)
        return st;
    if (s && (st = io_zone_set_problem(r->p, s, r->err)) != MODEL_OK)
        return pass(r, st, "timezone", "");
    if ((st = read_locations(r, doc)) != MODEL_OK || (st = read_travel(r, doc)) != MODEL_OK ||
        (st = read_declared_skills(r, doc)) != MODEL_OK ||
        (st = read_records(r, doc, "technicians", MODEL_MAX_TECHNICIANS, read_technician)) !=
            MODEL_OK)
        return st;
    r->seen = calloc((size_t)r->p->ntechnicians + 1, 1);
    if (!r->seen)
        return fail(r, MODEL_ERR_NOMEM, "", "", "out of memory");
    if ((st = read_records(r, doc, "jobs", MODEL_MAX_JOBS, read_job)) != MODEL_OK)
        return st;
    if ((st = model_problem_finish(r->p, r->err)) != MODEL_OK)
        return pass(r, st, "", "");
    return check_haversine_range(r);
}

model_status io_json_read_problem_text(const char *text, size_t len, const char *source_name,
                                       model_problem **out, model_error *err)
{
    *out = NULL;
    io_json_doc doc = IO_JSON_DOC_INIT;
    reader r = {source_name ? source_name : "(input)", NULL, err, NULL, &doc};
    model_status st = io_json_parse_doc(text, len, r.src, &doc, err);
    if (st != MODEL_OK)
        return st;
    if ((st = model_problem_create(&r.p, err)) == MODEL_OK)
        st = read_document(&r, doc.root);
    io_json_doc_free(&doc);
    free(r.seen);
    if (st != MODEL_OK) {
        model_problem_free(r.p);
        return st;
    }
    *out = r.p;
    return MODEL_OK;
}

model_status io_json_read_problem_file(const char *path, model_problem **out, model_error *err)
{
    char *text;
    size_t len;
    *out = NULL;
    model_status st = io_json_read_file(path, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = io_json_read_problem_text(text, len, path, out, err);
    free(text);
    return st;
}
