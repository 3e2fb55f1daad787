/* vroom_read.c - VROOM's JSON input into a finished problem (vroom.h,
 * docs/vroom.md): jobs, vehicles with their breaks, and either a
 * `matrices` object (one routing profile) or [lon, lat] locations. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_read_internal.h"
#include "io/formats/vroom.h"
#include "model/array.h"

#define WHERE 160
/* Largest time or service accepted, seconds (as the native reader's bound). */
#define MAX_TIME_S 10000000000LL
/* Largest amount or capacity (the native format's bound on load). */
#define MAX_AMOUNT 1e15

typedef struct vr {
    const char *src;
    model_problem *p;
    model_error *err;
    io_json_doc *doc;
    io_vroom_ids *ids;
    bool matrix;          /* a `matrices` object: locations are its rows */
    const char *profile;  /* the one profile every vehicle uses */
    bool *zero_capacity;  /* per technician: capacity [0] given */
} vr;

static model_status fail(vr *r, model_status code, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static model_status fail(vr *r, model_status code, const char *where, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return model_error_set(r->err, code, "%s: %s: %s", r->src, where[0] ? where : "top level",
                           what);
}

/* An error from the model (which names no path), prefixed with SRC: WHERE. */
static model_status pass(vr *r, model_status st, const char *where)
{
    char old[MODEL_ERROR_MSG_MAX];
    snprintf(old, sizeof old, "%s", r->err ? r->err->msg : "");
    return fail(r, st, where, "%s", old);
}

static bool is_type(const cJSON *v, int type)
{
    return v && (v->type & 0xFF) == type;
}

/* "WHERE.KEY" into buf (WHERE bytes). */
__attribute__((noinline)) static void sub(char *buf, const char *where, const char *key)
{
    snprintf(buf, WHERE, "%s%s%s", where, where[0] && key[0] != '[' ? "." : "", key);
}

/* "WHERE[I]" into buf (WHERE bytes). */
__attribute__((noinline)) static void elem(char *buf, const char *where, int i)
{
    snprintf(buf, WHERE, "%s[%d]", where, i);
}

/* An integer literal in [0, max] (absent or null: *present false). */
static model_status get_uint(vr *r, const cJSON *obj, const char *key, const char *where,
                             double max, bool *present, int64_t *out)
{
    const cJSON *v = io_json_present(obj, key);
    char w[WHERE];
    sub(w, where, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!io_json_is_integer(v) || v->valuedouble < 0)
        return fail(r, MODEL_ERR_INPUT, w, "must be an integer >= 0");
    if (v->valuedouble > max)
        return fail(r, MODEL_ERR_LIMIT, w, "larger than %.0f", max);
    *out = (int64_t)v->valuedouble;
    return MODEL_OK;
}

/* A VROOM id: an integer >= 0, required; *id gets its decimal text. */
static model_status get_id(vr *r, const cJSON *obj, const char *where, char id[24],
                           int64_t *value)
{
    bool present;
    int64_t v = 0;
    model_status st = get_uint(r, obj, "id", where, 9007199254740991.0, &present, &v);
    if (st != MODEL_OK)
        return st;
    if (!present)
        return fail(r, MODEL_ERR_INPUT, where, "id: missing (required)");
    snprintf(id, 24, "%lld", (long long)v);
    if (value)
        *value = v;
    return MODEL_OK;
}

/* Item i of the list named list (jobs, vehicles): an object with an id,
 * into id; where becomes "LIST[I] (id ID)" (WHERE bytes) for its fields'
 * messages. */
static model_status get_item(vr *r, const cJSON *c, const char *list, int i, char *where,
                             char id[24])
{
    snprintf(where, WHERE, "%s[%d]", list, i);
    if (!is_type(c, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, where, "must be an object");
    model_status st = get_id(r, c, where, id, NULL);
    if (st != MODEL_OK)
        return st;
    snprintf(where, WHERE, "%s[%d] (id %s)", list, i, id);
    return MODEL_OK;
}

/* The list obj[key] into *v (NULL when absent or null) and its path
 * WHERE.KEY into w (WHERE bytes); another type: "must be a list of WHAT". */
static model_status get_list(vr *r, const cJSON *obj, const char *key, const char *where,
                             const char *what, char *w, const cJSON **v)
{
    *v = io_json_present(obj, key);
    sub(w, where, key);
    if (*v && !is_type(*v, cJSON_Array))
        return fail(r, MODEL_ERR_INPUT, w, "must be a list of %s", what);
    return MODEL_OK;
}

/* obj's "description" (a string, optional) copied into *text. */
static model_status get_description(vr *r, const cJSON *obj, const char *where, char **text)
{
    const cJSON *d = io_json_present(obj, "description");
    if (!d)
        return MODEL_OK;
    if (!is_type(d, cJSON_String)) {
        char w[WHERE];
        sub(w, where, "description");
        return fail(r, MODEL_ERR_INPUT, w, "must be a string");
    }
    return model_strdup_into(text, d->valuestring, r->err);
}

/* A [start, end] pair of times into *w. */
static model_status get_window(vr *r, const cJSON *v, const char *where, model_window *w)
{
    if (!is_type(v, cJSON_Array) || cJSON_GetArraySize(v) != 2)
        return fail(r, MODEL_ERR_INPUT, where, "must be a pair [start, end] of seconds");
    const cJSON *a = v->child, *b = a->next;
    if (!io_json_is_integer(a) || !io_json_is_integer(b) || a->valuedouble < 0 ||
        b->valuedouble < 0)
        return fail(r, MODEL_ERR_INPUT, where, "start and end must be integers >= 0");
    if (a->valuedouble > MAX_TIME_S || b->valuedouble > MAX_TIME_S)
        return fail(r, MODEL_ERR_LIMIT, where, "later than %lld seconds", MAX_TIME_S);
    w->start = (int64_t)a->valuedouble;
    w->end = (int64_t)b->valuedouble;
    if (w->end < w->start)
        return fail(r, MODEL_ERR_INPUT, where, "end before start");
    return MODEL_OK;
}

/* A single-dimension amount (obj[key] = [] or [n]) added to *sum. */
static model_status add_amount(vr *r, const cJSON *obj, const char *key, const char *where,
                               bool *given, double *sum)
{
    const cJSON *v;
    char w[WHERE];
    model_status st = get_list(r, obj, key, where, "integers", w, &v);
    if (st != MODEL_OK || !v)
        return st;
    int n = cJSON_GetArraySize(v);
    if (n > 1)
        return fail(r, MODEL_ERR_INPUT, w,
                    "has %d dimensions: only one amount dimension is supported (the model has "
                    "one load per job and one capacity per technician)",
                    n);
    if (n == 0)
        return MODEL_OK;
    if (!io_json_is_integer(v->child) || v->child->valuedouble < 0)
        return fail(r, MODEL_ERR_INPUT, w, "must be a list of integers >= 0");
    if (v->child->valuedouble >= MAX_AMOUNT)
        return fail(r, MODEL_ERR_LIMIT, w, "must be below 1e15");
    *given = true;
    *sum += v->child->valuedouble;
    return MODEL_OK;
}

/* The shortest text of v that reads back to it. */
static void shortest(char *buf, size_t size, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* The location of a coordinate pair [lon, lat], added when new. */
/* A coordinates array [lon, lat] in range. */
static model_status read_coords(vr *r, const cJSON *v, const char *where, double *lon,
                                double *lat)
{
    if (!is_type(v, cJSON_Array) || cJSON_GetArraySize(v) != 2 ||
        !io_json_is_finite(v->child) || !io_json_is_finite(v->child->next))
        return fail(r, MODEL_ERR_INPUT, where, "must be a coordinates array [lon, lat]");
    *lon = v->child->valuedouble;
    *lat = v->child->next->valuedouble;
    if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
        return fail(r, MODEL_ERR_INPUT, where,
                    "[%g, %g] is not [lon, lat] (lon in [-180, 180], lat in [-90, 90])", *lon,
                    *lat);
    return MODEL_OK;
}

static model_status coord_location(vr *r, const cJSON *v, const char *where, int *index)
{
    double lon, lat;
    model_status st = read_coords(r, v, where, &lon, &lat);
    if (st != MODEL_OK)
        return st;
    char a[32], b[32], id[80];
    shortest(a, sizeof a, lon);
    shortest(b, sizeof b, lat);
    snprintf(id, sizeof id, "[%s, %s]", a, b);
    *index = model_strmap_get(&r->p->location_index, id);
    if (*index >= 0)
        return MODEL_OK;
    st = model_problem_add_location(r->p, id, NULL, index, r->err);
    if (st != MODEL_OK)
        return pass(r, st, where);
    model_location *l = &r->p->locations[*index];
    l->lon = lon;
    l->lat = lat;
    l->has_coords = true;
    return MODEL_OK;
}

/* A task's or vehicle end's location: with matrices, `index_key` (required;
 * `coord_key` optional, kept as the row's coordinates); without, `coord_key`
 * (required). *index = -1 when neither is given and !required. */
static model_status get_location(vr *r, const cJSON *obj, const char *coord_key,
                                 const char *index_key, const char *where, bool required,
                                 int *index)
{
    char w[WHERE];
    const cJSON *c = io_json_present(obj, coord_key);
    *index = -1;
    if (r->matrix) {
        bool present;
        int64_t i = 0;
        model_status st = get_uint(r, obj, index_key, where, 2147483647.0, &present, &i);
        if (st != MODEL_OK)
            return st;
        sub(w, where, index_key);
        if (!present) {
            if (!required && !c)
                return MODEL_OK;
            return fail(r, MODEL_ERR_INPUT, w, "missing (required with a 'matrices' object)");
        }
        if (i >= r->p->nlocations)
            return fail(r, MODEL_ERR_INPUT, w, "%lld is outside the %dx%d matrix", (long long)i,
                        r->p->nlocations, r->p->nlocations);
        *index = (int)i;
        if (c) {
            sub(w, where, coord_key);
            model_location *l = &r->p->locations[i];
            if ((st = read_coords(r, c, w, &l->lon, &l->lat)) != MODEL_OK)
                return st;
            l->has_coords = true;
        }
        return MODEL_OK;
    }
    /* without a matrix, VROOM reads no *_index: neither do we */
    sub(w, where, coord_key);
    if (!c) {
        if (!required)
            return MODEL_OK;
        return fail(r, MODEL_ERR_INPUT, w, "missing (required without a 'matrices' object)");
    }
    return coord_location(r, c, w, index);
}

static model_status read_skills(vr *r, const cJSON *obj, const char *where, model_skillset *set,
                                model_skill_order *order)
{
    const cJSON *v;
    char w[WHERE];
    model_status st = get_list(r, obj, "skills", where, "integers", w, &v);
    if (st != MODEL_OK || !v)
        return st;
    int i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        if (!io_json_is_integer(c) || c->valuedouble < 0 || c->valuedouble > 4294967295.0)
            return fail(r, MODEL_ERR_INPUT, w, "[%d]: must be an integer in [0, 2^32)", i);
        char name[24];
        int k;
        snprintf(name, sizeof name, "%lld", (long long)c->valuedouble);
        if ((st = model_problem_intern_skill(r->p, name, &k, r->err)) != MODEL_OK)
            return pass(r, st, w);
        model_skillset_add(set, k);
        if ((st = model_skill_order_add(order, k, r->err)) != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

/* A key whose presence is refused. */
static model_status refuse_key(vr *r, const cJSON *obj, const char *key, const char *where,
                               const char *why)
{
    if (!io_json_present(obj, key))
        return MODEL_OK;
    char w[WHERE];
    sub(w, where, key);
    return fail(r, MODEL_ERR_INPUT, w, "not supported: %s", why);
}

static model_status read_job(vr *r, const cJSON *c, int i)
{
    char where[WHERE], id[24], w[WHERE];
    model_status st = get_item(r, c, "jobs", i, where, id);
    if (st != MODEL_OK)
        return st;
    int loc;
    if ((st = get_location(r, c, "location", "location_index", where, true, &loc)) != MODEL_OK)
        return st;
    const cJSON *setup = io_json_present(c, "setup");
    if (setup && !(is_type(setup, cJSON_Number) && setup->valuedouble == 0)) {
        sub(w, where, "setup");
        return fail(r, MODEL_ERR_INPUT, w,
                    "not supported: a setup time that depends on the previous location (add it "
                    "to 'service' if it always applies)");
    }
    model_job *j;
    int ji;
    if ((st = model_problem_add_job(r->p, id, &j, &ji, r->err)) != MODEL_OK)
        return pass(r, st, where);
    j->location = loc;
    bool present;
    int64_t v = 0;
    if ((st = get_uint(r, c, "service", where, (double)MAX_TIME_S, &present, &v)) != MODEL_OK)
        return st;
    /* the model needs a positive duration: VROOM's default 0 becomes 1 s */
    j->duration = present && v > 0 ? v : 1;
    if ((st = get_uint(r, c, "priority", where, 100, &present, &v)) != MODEL_OK)
        return st;
    j->priority = present ? (int)v : 0;
    if ((st = get_description(r, c, where, &j->title)) != MODEL_OK)
        return st;
    bool given = false;
    double load = 0;
    if ((st = add_amount(r, c, "delivery", where, &given, &load)) != MODEL_OK ||
        (st = add_amount(r, c, "pickup", where, &given, &load)) != MODEL_OK ||
        (st = add_amount(r, c, "amount", where, &given, &load)) != MODEL_OK)
        return st;
    j->load = load;
    if ((st = read_skills(r, c, where, &j->skills, &j->skill_order)) != MODEL_OK)
        return st;
    const cJSON *tw;
    if ((st = get_list(r, c, "time_windows", where, "[start, end] pairs", w, &tw)) != MODEL_OK)
        return st;
    int k = 0;
    for (const cJSON *x = tw ? tw->child : NULL; x; x = x->next, k++) {
        char ww[WHERE];
        elem(ww, w, k);
        if (k >= MODEL_MAX_WINDOWS_PER_JOB)
            return fail(r, MODEL_ERR_LIMIT, w, "more than %d windows", MODEL_MAX_WINDOWS_PER_JOB);
        model_window win;
        if ((st = get_window(r, x, ww, &win)) != MODEL_OK ||
            (st = model_job_add_window(&r->p->jobs[ji], &win, r->err)) != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

static model_status read_break(vr *r, model_shift *sh, int tech, const cJSON *b, const char *where)
{
    if (!is_type(b, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, where, "must be an object");
    char id[24], w[WHERE];
    int64_t idv = 0;
    model_status st = get_id(r, b, where, id, &idv);
    if (st != MODEL_OK)
        return st;
    const cJSON *tw = io_json_present(b, "time_windows");
    sub(w, where, "time_windows");
    if (!is_type(tw, cJSON_Array) || cJSON_GetArraySize(tw) == 0)
        return fail(r, MODEL_ERR_INPUT, w, "must be a list of one [start, end] pair");
    if (cJSON_GetArraySize(tw) > 1)
        return fail(r, MODEL_ERR_INPUT, w,
                    "has %d windows: only one window per break is supported",
                    cJSON_GetArraySize(tw));
    if ((st = refuse_key(r, b, "max_load", where, "breaks with a load limit")) != MODEL_OK)
        return st;
    model_window win;
    char ww[WHERE];
    elem(ww, w, 0);
    if ((st = get_window(r, tw->child, ww, &win)) != MODEL_OK)
        return st;
    bool present;
    int64_t service = 0;
    if ((st = get_uint(r, b, "service", where, (double)MAX_TIME_S, &present, &service)) !=
        MODEL_OK)
        return st;
    if (sh->nbreaks >= MODEL_MAX_BREAKS_PER_SHIFT)
        return fail(r, MODEL_ERR_LIMIT, where, "more than %d breaks per vehicle",
                    MODEL_MAX_BREAKS_PER_SHIFT);
    model_break brk = {win.start, win.end, service};
    if ((st = model_shift_add_break(sh, &brk, r->err)) != MODEL_OK)
        return st;
    io_vroom_ids *ids = r->ids;
    if ((st = model_array_grow((void **)&ids->breaks, &ids->cap, ids->nbreaks + 1,
                               sizeof *ids->breaks, "too many breaks", r->err)) != MODEL_OK)
        return st;
    ids->breaks[ids->nbreaks++] = (io_vroom_break){tech, win.start, win.end, service, idv};
    return MODEL_OK;
}

/* Vehicle fields the model cannot hold: refused. */
static model_status refuse_vehicle_fields(vr *r, const cJSON *c, const char *where)
{
    char w[WHERE];
    const cJSON *sf = io_json_present(c, "speed_factor");
    if (sf && !(is_type(sf, cJSON_Number) && sf->valuedouble == 1)) {
        sub(w, where, "speed_factor");
        return fail(r, MODEL_ERR_INPUT, w,
                    "not supported: travel times are the same for every technician");
    }
    const cJSON *costs = io_json_present(c, "costs");
    if (costs) {
        const cJSON *fixed = io_json_present(costs, "fixed");
        const cJSON *hour = io_json_present(costs, "per_hour");
        const cJSON *km = io_json_present(costs, "per_km");
        if ((fixed && !(is_type(fixed, cJSON_Number) && fixed->valuedouble == 0)) ||
            (hour && !(is_type(hour, cJSON_Number) && hour->valuedouble == 3600)) ||
            (km && !(is_type(km, cJSON_Number) && km->valuedouble == 0)) ||
            !is_type(costs, cJSON_Object)) {
            sub(w, where, "costs");
            return fail(r, MODEL_ERR_INPUT, w,
                        "not supported: the objective is travel time (VROOM's default costs: "
                        "fixed 0, per_hour 3600, per_km 0)");
        }
    }
    static const char *const refused[][2] = {
        {"max_travel_time", "a limit on a route's travel time"},
        {"max_distance", "a limit on a route's distance"},
        {"steps", "a route given in advance"},
    };
    for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++)
        if (io_json_present(c, refused[k][0])) {
            sub(w, where, refused[k][0]);
            return fail(r, MODEL_ERR_INPUT, w, "not supported: %s", refused[k][1]);
        }
    return MODEL_OK;
}

static model_status read_vehicle(vr *r, const cJSON *c, int i)
{
    char where[WHERE], id[24], w[WHERE];
    model_status st = get_item(r, c, "vehicles", i, where, id);
    if (st != MODEL_OK)
        return st;
    if ((st = refuse_vehicle_fields(r, c, where)) != MODEL_OK)
        return st;
    int start, end;
    if ((st = get_location(r, c, "start", "start_index", where, false, &start)) != MODEL_OK ||
        (st = get_location(r, c, "end", "end_index", where, false, &end)) != MODEL_OK)
        return st;
    if (start < 0 || end < 0)
        return fail(r, MODEL_ERR_INPUT, where,
                    "no %s: open routes are not supported (give both start and end; the same "
                    "place for a round trip)",
                    start < 0 ? "start" : "end");
    model_technician *t;
    int ti;
    if ((st = model_problem_add_technician(r->p, id, &t, &ti, r->err)) != MODEL_OK)
        return pass(r, st, where);
    t->start_location = start;
    t->end_location = end;
    if ((st = get_description(r, c, where, &t->name)) != MODEL_OK)
        return st;
    bool given = false, present;
    double cap = 0;
    if ((st = add_amount(r, c, "capacity", where, &given, &cap)) != MODEL_OK)
        return st;
    t->capacity = cap;
    r->zero_capacity[ti] = given && cap == 0;
    int64_t v = 0;
    if ((st = get_uint(r, c, "max_tasks", where, 1e6, &present, &v)) != MODEL_OK)
        return st;
    t->max_jobs = present ? (int)v : -1;
    if ((st = read_skills(r, c, where, &t->skills, &t->skill_order)) != MODEL_OK)
        return st;
    model_shift *sh;
    if ((st = model_technician_add_shift(t, &sh, r->err)) != MODEL_OK)
        return st;
    model_window tw = {0, IO_VROOM_HORIZON_S};
    const cJSON *x = io_json_present(c, "time_window");
    sub(w, where, "time_window");
    if (x && (st = get_window(r, x, w, &tw)) != MODEL_OK)
        return st;
    sh->start = tw.start;
    sh->end = tw.end;
    sh->overtime = MODEL_SOFT_LIMIT_HARD;
    const cJSON *breaks;
    if ((st = get_list(r, c, "breaks", where, "break objects", w, &breaks)) != MODEL_OK)
        return st;
    int k = 0;
    for (const cJSON *b = breaks ? breaks->child : NULL; b; b = b->next, k++) {
        char bw[WHERE];
        elem(bw, w, k);
        if ((st = read_break(r, sh, ti, b, bw)) != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

/* The profile every vehicle uses (default "car"); several are refused. */
static model_status read_profile(vr *r, const cJSON *vehicles)
{
    r->profile = "car";
    int i = 0;
    for (const cJSON *c = vehicles->child; c; c = c->next, i++) {
        const cJSON *p = io_json_present(c, "profile");
        const char *name = p && is_type(p, cJSON_String) ? p->valuestring : "car";
        char where[WHERE];
        snprintf(where, sizeof where, "vehicles[%d].profile", i);
        if (p && !is_type(p, cJSON_String))
            return fail(r, MODEL_ERR_INPUT, where, "must be a string");
        if (i == 0)
            r->profile = name;
        else if (strcmp(name, r->profile) != 0)
            return fail(r, MODEL_ERR_INPUT, where,
                        "'%.40s' differs from '%.40s': only one routing profile is supported",
                        name, r->profile);
    }
    return MODEL_OK;
}

/* One n x n matrix (a table or a tree of integers) into a new array. */
static model_status read_matrix(vr *r, const cJSON *m, const char *where, int n, int32_t **out)
{
    *out = NULL;
    io_json_table *t = io_json_table_of(r->doc, m);
    int rows = t ? t->rows : is_type(m, cJSON_Array) ? cJSON_GetArraySize(m) : -1;
    if (rows < 0)
        return fail(r, MODEL_ERR_INPUT, where, "must be a list of lists of integers");
    if (n >= 0 && rows != n)
        return fail(r, MODEL_ERR_INPUT, where, "has %d rows, expected %d", rows, n);
    n = rows;
    if (n > MODEL_MAX_LOCATIONS)
        return fail(r, MODEL_ERR_LIMIT, where, "more than %d rows", MODEL_MAX_LOCATIONS);
    int32_t *a = malloc(((size_t)n * (size_t)n + 1) * sizeof *a);
    if (!a)
        return model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
    const cJSON *row = t ? NULL : m->child;
    for (int i = 0; i < n; i++) {
        char rw[WHERE];
        elem(rw, where, i);
        size_t cols = t ? t->row_start[i + 1] - t->row_start[i]
                        : (is_type(row, cJSON_Array) ? (size_t)cJSON_GetArraySize(row) : 0);
        if (cols != (size_t)n) {
            free(a);
            return fail(r, MODEL_ERR_INPUT, rw, "must be a list of %d integers", n);
        }
        const cJSON *cell = t ? NULL : row->child;
        for (int j = 0; j < n; j++) {
            double v;
            bool ok;
            if (t) {
                v = t->values[t->row_start[i] + (size_t)j];
                ok = true;
            } else {
                ok = io_json_is_integer(cell) && cell->valuedouble >= 0;
                v = ok ? cell->valuedouble : 0;
                cell = cell->next;
            }
            if (!ok || v > MODEL_MAX_TRAVEL_S) {
                free(a);
                return fail(r, ok ? MODEL_ERR_LIMIT : MODEL_ERR_INPUT, rw,
                            ok ? "[%d]: larger than %d" : "[%d]: must be an integer >= 0", j,
                            MODEL_MAX_TRAVEL_S);
            }
            a[(size_t)i * (size_t)n + (size_t)j] = (int32_t)v;
        }
        if (row)
            row = row->next;
    }
    *out = a;
    return MODEL_OK;
}

/* `matrices` (or the older top-level `matrix`): locations "0".."n-1". */
static model_status read_matrices(vr *r, const cJSON *doc)
{
    const cJSON *ms = io_json_present(doc, "matrices");
    const cJSON *old = io_json_present(doc, "matrix");
    if (!ms && !old) {
        model_problem_set_haversine(r->p, 30, 1);
        return MODEL_OK;
    }
    r->matrix = true;
    const cJSON *dur = old, *dist = NULL;
    char where[WHERE] = "matrix";
    if (ms) {
        if (!is_type(ms, cJSON_Object))
            return fail(r, MODEL_ERR_INPUT, "matrices", "must be an object keyed by profile");
        const cJSON *m = io_json_present(ms, r->profile);
        snprintf(where, sizeof where, "matrices.%.60s", r->profile);
        if (!m)
            return fail(r, MODEL_ERR_INPUT, where,
                        "missing: the vehicles' profile has no matrix");
        if (io_json_present(m, "costs"))
            return fail(r, MODEL_ERR_INPUT, where,
                        "costs: not supported (the objective is travel time)");
        dur = io_json_present(m, "durations");
        dist = io_json_present(m, "distances");
        if (!dur)
            return fail(r, MODEL_ERR_INPUT, where, "durations: missing (required)");
        size_t len = strlen(where);
        snprintf(where + len, sizeof where - len, ".durations");
    }
    int32_t *d = NULL, *m = NULL;
    model_status st = read_matrix(r, dur, where, -1, &d);
    if (st != MODEL_OK)
        return st;
    const io_json_table *dt = io_json_table_of(r->doc, dur);
    int n = dt ? dt->rows : cJSON_GetArraySize(dur);
    if (dist) {
        char dw[WHERE];
        snprintf(dw, sizeof dw, "matrices.%.60s.distances", r->profile);
        if ((st = read_matrix(r, dist, dw, n, &m)) != MODEL_OK) {
            free(d);
            return st;
        }
    }
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "%d", i);
        if ((st = model_problem_add_location(r->p, id, NULL, NULL, r->err)) != MODEL_OK) {
            free(d);
            free(m);
            return st;
        }
    }
    model_problem_set_matrix(r->p, d, m, n);
    return MODEL_OK;
}

/* A vehicle with capacity [0] may serve no job that has an amount: the
 * model's capacity 0 means "no limit", so such jobs list who may. */
static model_status zero_capacities(vr *r)
{
    model_problem *p = r->p;
    bool any = false;
    for (int t = 0; t < p->ntechnicians; t++)
        any = any || r->zero_capacity[t];
    if (!any)
        return MODEL_OK;
    for (int j = 0; j < p->njobs; j++) {
        if (!(p->jobs[j].load > 0))
            continue;
        p->jobs[j].has_allowed = true;
        for (int t = 0; t < p->ntechnicians; t++) {
            model_status st;
            if (!r->zero_capacity[t] &&
                (st = model_job_add_allowed(&p->jobs[j], t, r->err)) != MODEL_OK)
                return st;
        }
    }
    return MODEL_OK;
}

static model_status read_document(vr *r, const cJSON *doc)
{
    if (!is_type(doc, cJSON_Object))
        return fail(r, MODEL_ERR_INPUT, "", "must be a JSON object");
    const cJSON *sh = io_json_present(doc, "shipments");
    if (sh && (!is_type(sh, cJSON_Array) || cJSON_GetArraySize(sh) > 0))
        return fail(r, MODEL_ERR_INPUT, "shipments",
                    "not supported: pickup-and-delivery pairs (%d given) have no equivalent in "
                    "the model; give each task as a job, or solve them with VROOM",
                    is_type(sh, cJSON_Array) ? cJSON_GetArraySize(sh) : 0);
    const cJSON *vehicles = io_json_present(doc, "vehicles");
    if (!is_type(vehicles, cJSON_Array) || cJSON_GetArraySize(vehicles) == 0)
        return fail(r, MODEL_ERR_INPUT, "vehicles", "%s",
                    vehicles ? "must be a non-empty list of vehicle objects"
                             : "missing (required)");
    if (cJSON_GetArraySize(vehicles) > MODEL_MAX_TECHNICIANS)
        return fail(r, MODEL_ERR_LIMIT, "vehicles", "more than %d", MODEL_MAX_TECHNICIANS);
    const cJSON *jobs = io_json_present(doc, "jobs");
    if (jobs && !is_type(jobs, cJSON_Array))
        return fail(r, MODEL_ERR_INPUT, "jobs", "must be a list of job objects");
    if (jobs && cJSON_GetArraySize(jobs) > MODEL_MAX_JOBS)
        return fail(r, MODEL_ERR_LIMIT, "jobs", "more than %d", MODEL_MAX_JOBS);
    model_status st;
    if ((st = read_profile(r, vehicles)) != MODEL_OK || (st = read_matrices(r, doc)) != MODEL_OK)
        return st;
    r->zero_capacity = calloc((size_t)cJSON_GetArraySize(vehicles) + 1, sizeof *r->zero_capacity);
    if (!r->zero_capacity)
        return model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
    int i = 0;
    for (const cJSON *c = vehicles->child; c; c = c->next, i++)
        if ((st = read_vehicle(r, c, i)) != MODEL_OK)
            return st;
    i = 0;
    for (const cJSON *c = jobs ? jobs->child : NULL; c; c = c->next, i++)
        if ((st = read_job(r, c, i)) != MODEL_OK)
            return st;
    if ((st = zero_capacities(r)) != MODEL_OK)
        return st;
    if ((st = model_problem_finish(r->p, r->err)) != MODEL_OK)
        return pass(r, st, "");
    return MODEL_OK;
}

void io_vroom_ids_free(io_vroom_ids *ids)
{
    if (!ids)
        return;
    free(ids->breaks);
    free(ids);
}

model_status io_vroom_read_text(const char *text, size_t len, const char *source_name,
                                model_problem **out, io_vroom_ids **ids, model_error *err)
{
    *out = NULL;
    if (ids)
        *ids = NULL;
    io_json_doc doc = IO_JSON_DOC_INIT;
    vr r = {source_name ? source_name : "(input)", NULL, err, &doc, NULL, false, "car", NULL};
    model_status st = io_json_parse_doc(text, len, r.src, &doc, err);
    if (st != MODEL_OK)
        return st;
    r.ids = calloc(1, sizeof *r.ids);
    if (!r.ids)
        st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (st == MODEL_OK && (st = model_problem_create(&r.p, err)) == MODEL_OK)
        st = read_document(&r, doc.root);
    io_json_doc_free(&doc);
    free(r.zero_capacity);
    if (st != MODEL_OK) {
        model_problem_free(r.p);
        io_vroom_ids_free(r.ids);
        return st;
    }
    *out = r.p;
    if (ids)
        *ids = r.ids;
    else
        io_vroom_ids_free(r.ids);
    return MODEL_OK;
}

model_status io_vroom_read_file(const char *path, model_problem **out, io_vroom_ids **ids,
                                model_error *err)
{
    char *text;
    size_t len;
    *out = NULL;
    if (ids)
        *ids = NULL;
    static const io_json_list_limit lists[] = {
        {"vehicles", MODEL_MAX_TECHNICIANS, "vehicles"},
        {"jobs", MODEL_MAX_JOBS, "jobs"},
    };
    model_status st = io_json_read_file_limited(path, lists, 2, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = io_vroom_read_text(text, len, path, out, ids, err);
    free(text);
    return st;
}
