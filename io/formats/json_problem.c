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

#include "io/formats/json_problem_internal.h"
#include "io/formats/zonefile.h"

model_status io_jp_read_location(io_jp_reader *r, const cJSON *c, const char *where, const char *id)
{
    const char *address;
    bool has_lat, has_lon;
    double lat = 0, lon = 0;
    model_status st;
    if ((st = io_jp_get_string(r, c, "address", where, false, &address)) != MODEL_OK ||
        (st = io_jp_get_number(r, c, "lat", where, &has_lat, &lat)) != MODEL_OK ||
        (st = io_jp_get_number(r, c, "lon", where, &has_lon, &lon)) != MODEL_OK)
        return st;
    if (has_lat && !(lat >= -90 && lat <= 90))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "lat", "must be within [-90, 90]");
    if (has_lon && !(lon >= -180 && lon <= 180))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "lon", "must be within [-180, 180]");
    int index;
    if ((st = model_problem_add_location(r->p, id, address, &index, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, where, "");
    model_location *l = &r->p->locations[index];
    l->has_coords = has_lat && has_lon;
    l->lat = lat;
    l->lon = lon;
    return MODEL_OK;
}

/* Reads each element of the list obj[key] (at most max, as io_jp_get_list)
 * with fn, which gets it at "WHERE.KEY[I]" and ctx; each must be an
 * object. */
static model_status each_object(io_jp_reader *r, const cJSON *obj, const char *key,
                                const char *where, bool required, int max,
                                model_status (*fn)(io_jp_reader *r, const cJSON *e,
                                                   const char *path, void *ctx),
                                void *ctx)
{
    const cJSON *e;
    int n;
    model_status st = io_jp_get_list(r, obj, key, where, required, max, key, false, &e, &n);
    char path[WHERE_MAX];
    for (int i = 0; st == MODEL_OK && e; e = e->next, i++) {
        io_jp_element(path, where, key, i, NULL);
        st = io_jp_is_type(e, cJSON_Object)
                 ? fn(r, e, path, ctx)
                 : io_jp_fail(r, MODEL_ERR_INPUT, path, "", "must be an object");
    }
    return st;
}

static model_status read_location(io_jp_reader *r, const cJSON *c, int i)
{
    char where[WHERE_MAX];
    const char *id = NULL;
    model_status st = io_jp_record_id(r, c, "locations", i, &r->p->location_index, where, &id);
    if (st != MODEL_OK)
        return st;
    return io_jp_read_location(r, c, where, id);
}

/* A matrix kept out of the tree as a table (json_read_internal.h): checks its shape
 * and range, and takes over its numbers. */
static model_status read_table(io_jp_reader *r, io_json_table *t, const char *field, int32_t **out)
{
    int n = r->p->nlocations;
    if (t->rows != n)
        return io_jp_fail(r, MODEL_ERR_INPUT, field, "",
                          "has %d rows, expected %d (one per location)", t->rows, n);
    char path[80];
    for (int i = 0; i < n; i++) {
        size_t cols = t->row_start[i + 1] - t->row_start[i];
        snprintf(path, sizeof path, "%s[%d]", field, i);
        if (cols != (size_t)n)
            return io_jp_fail(r, MODEL_ERR_INPUT, path, "", "has %zu entries, expected %d", cols,
                              n);
    }
    for (size_t k = 0; k < (size_t)n * (size_t)n; k++) {
        if (t->values[k] <= MODEL_MAX_TRAVEL_S)
            continue;
        snprintf(path, sizeof path, "%s[%d][%d]", field, (int)(k / (size_t)n),
                 (int)(k % (size_t)n));
        return io_jp_fail(r, MODEL_ERR_LIMIT, path, "", "larger than MODEL_MAX_TRAVEL_S (%d)",
                          MODEL_MAX_TRAVEL_S);
    }
    *out = t->values;
    t->values = NULL;
    return MODEL_OK;
}

/* travel[key] as an n x n matrix of integers in [0, MODEL_MAX_TRAVEL_S]. */
static model_status read_matrix(io_jp_reader *r, const cJSON *travel, const char *key,
                                int32_t **out)
{
    const cJSON *m = io_json_member(travel, key);
    int n = r->p->nlocations;
    *out = NULL;
    char field[32];
    snprintf(field, sizeof field, "travel.%s", key);
    io_json_table *table = io_json_table_of(r->doc, m);
    if (table)
        return read_table(r, table, field, out);
    if (!io_jp_is_type(m, cJSON_Array))
        return io_jp_fail(r, MODEL_ERR_INPUT, field, "",
                          "must be a list of %d lists (one per location)", n);
    int rows = cJSON_GetArraySize(m);
    if (rows != n)
        return io_jp_fail(r, MODEL_ERR_INPUT, field, "",
                          "has %d rows, expected %d (one per location)", rows, n);
    int32_t *a = malloc(((size_t)n * (size_t)n + 1) * sizeof *a);
    if (!a)
        return io_jp_fail(r, MODEL_ERR_NOMEM, field, "", "out of memory");
    const cJSON *row = m->child;
    for (int i = 0; i < n; i++, row = row->next) {
        char rowpath[48];
        snprintf(rowpath, sizeof rowpath, "%s[%d]", field, i);
        model_status st = MODEL_OK;
        if (!io_jp_is_type(row, cJSON_Array))
            st = io_jp_fail(r, MODEL_ERR_INPUT, rowpath, "", "must be a list of %d integers", n);
        else if (cJSON_GetArraySize(row) != n)
            st = io_jp_fail(r, MODEL_ERR_INPUT, rowpath, "", "has %d entries, expected %d",
                            cJSON_GetArraySize(row), n);
        const cJSON *cell = st == MODEL_OK ? row->child : NULL;
        for (int j = 0; st == MODEL_OK && j < n; j++, cell = cell->next) {
            /* decimals (a router's seconds and metres) are rounded to the nearest */
            bool ok = io_json_is_finite(cell) && cell->valuedouble >= 0;
            double v = ok ? floor(cell->valuedouble + 0.5) : 0;
            if (ok && v <= MODEL_MAX_TRAVEL_S) {
                a[(size_t)i * (size_t)n + (size_t)j] = (int32_t)v;
                continue;
            }
            char cellpath[64];
            snprintf(cellpath, sizeof cellpath, "%s[%d]", rowpath, j);
            st = ok ? io_jp_fail(r, MODEL_ERR_LIMIT, cellpath, "",
                                 "larger than MODEL_MAX_TRAVEL_S (%d)", MODEL_MAX_TRAVEL_S)
                    : io_jp_fail(r, MODEL_ERR_INPUT, cellpath, "", "must be a number >= 0");
        }
        if (st != MODEL_OK) {
            free(a);
            return st;
        }
    }
    *out = a;
    return MODEL_OK;
}

static model_status read_travel(io_jp_reader *r, const cJSON *doc)
{
    const cJSON *travel = io_json_present(doc, "travel");
    if (!travel)
        return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "", "missing (required)");
    if (!io_jp_is_type(travel, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "", "must be an object");
    const char *model;
    model_status st = io_jp_get_string(r, travel, "model", "travel", false, &model);
    if (st != MODEL_OK)
        return st;
    char buf[64];
    if (model && strcmp(model, "haversine") != 0)
        return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "model",
                          "unknown travel model '%s' (the only one is \"haversine\")",
                          io_jp_shown(model, buf, sizeof buf));
    if (model) {
        bool present;
        double speed = 30, circuity = 1;
        if ((st = io_jp_get_number(r, travel, "speed_kmh", "travel", &present, &speed)) != MODEL_OK)
            return st;
        if (present && !(speed > 0))
            return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "speed_kmh", "must be a number > 0");
        if ((st = io_jp_get_number(r, travel, "circuity", "travel", &present, &circuity)) !=
            MODEL_OK)
            return st;
        if (present && !(circuity > 0))
            return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "circuity", "must be a number > 0");
        for (int i = 0; i < r->p->nlocations; i++) {
            const model_location *l = &r->p->locations[i];
            if (l->has_coords)
                continue;
            const cJSON *loc = cJSON_GetArrayItem(io_json_member(doc, "locations"), i);
            char where[WHERE_MAX];
            io_jp_element(where, "", "locations", i, l->id);
            return io_jp_fail(r, MODEL_ERR_INPUT, where,
                              io_json_present(loc, "lat") ? "lon" : "lat",
                              "missing (the haversine travel model needs lat and lon)");
        }
        model_problem_set_haversine(r->p, speed, circuity);
        return MODEL_OK;
    }
    if (!io_json_present(travel, "durations_s"))
        return io_jp_fail(r, MODEL_ERR_INPUT, "travel", "",
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
static model_status read_declared_skills(io_jp_reader *r, const cJSON *doc)
{
    const cJSON *c;
    int n;
    model_status st =
        io_jp_get_list(r, doc, "skills", "", false, INT32_MAX, "skills", true, &c, &n);
    if (st != MODEL_OK || n < 0)
        return st;
    r->p->skills_declared = true;
    char where[WHERE_MAX], buf[64];
    for (int i = 0; c; c = c->next, i++) {
        io_jp_element(where, "", "skills", i, NULL);
        if (!io_jp_is_type(c, cJSON_String) || !c->valuestring)
            return io_jp_fail(r, MODEL_ERR_INPUT, where, "", "must be a string (a skill name)");
        if (model_strmap_get(&r->p->skill_index, c->valuestring) >= 0)
            return io_jp_fail(r, MODEL_ERR_INPUT, where, "", "duplicate skill '%s'",
                              io_jp_shown(c->valuestring, buf, sizeof buf));
        int k;
        model_error e = MODEL_ERROR_INIT;
        if ((st = model_problem_intern_skill(r->p, c->valuestring, &k, &e)) != MODEL_OK)
            return io_jp_fail(r, st, where, "", "%s", e.msg);
    }
    return MODEL_OK;
}

/* The times obj.start and obj.end (both required), end not before start. */
static model_status get_start_end(io_jp_reader *r, const cJSON *obj, const char *where,
                                  int64_t *start, int64_t *end)
{
    bool present;
    model_status st;
    if ((st = io_jp_get_time(r, obj, "start", where, true, &present, start)) != MODEL_OK ||
        (st = io_jp_get_time(r, obj, "end", where, true, &present, end)) != MODEL_OK)
        return st;
    if (*end < *start)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "end", "before start");
    return MODEL_OK;
}

/* A shift's break b at bw, added to the shift sh. */
static model_status read_break(io_jp_reader *r, const cJSON *b, const char *bw, void *sh)
{
    bool present;
    model_break brk;
    model_status st;
    if ((st = io_jp_get_time(r, b, "earliest", bw, true, &present, &brk.earliest)) != MODEL_OK ||
        (st = io_jp_get_time(r, b, "latest", bw, true, &present, &brk.latest)) != MODEL_OK ||
        (st = io_jp_get_minutes(r, b, "duration_min", bw, false, &brk.duration)) != MODEL_OK)
        return st;
    if (brk.latest < brk.earliest)
        return io_jp_fail(r, MODEL_ERR_INPUT, bw, "latest", "before earliest");
    if ((st = model_shift_add_break(sh, &brk, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, bw, "");
    return MODEL_OK;
}

/* A technician's shift c at where, added to the technician t. */
static model_status read_shift(io_jp_reader *r, const cJSON *c, const char *where, void *t)
{
    int64_t start, end;
    model_status st = get_start_end(r, c, where, &start, &end);
    if (st != MODEL_OK)
        return st;
    model_shift *sh;
    if ((st = model_technician_add_shift(t, &sh, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, where, "");
    sh->start = start;
    sh->end = end;
    if ((st = io_jp_get_soft_limit(r, c, "overtime", where, &sh->overtime)) != MODEL_OK)
        return st;
    return each_object(r, c, "breaks", where, false, MODEL_MAX_BREAKS_PER_SHIFT, read_break, sh);
}

static model_status read_technician(io_jp_reader *r, const cJSON *c, int i)
{
    char where[WHERE_MAX];
    const char *id = NULL, *name;
    model_status st =
        io_jp_record_id(r, c, "technicians", i, &r->p->technician_index, where, &id);
    if (st != MODEL_OK)
        return st;
    model_technician *t;
    if ((st = model_problem_add_technician(r->p, id, &t, NULL, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, where, "");
    bool present;
    long max_jobs = -1;
    if ((st = io_jp_get_string(r, c, "name", where, false, &name)) != MODEL_OK ||
        (st = model_strdup_into(&t->name, name, r->err)) != MODEL_OK ||
        (st = io_jp_get_skills(r, c, where, &t->skills, &t->skill_order, &t->levels)) !=
            MODEL_OK ||
        (st = io_jp_get_location(r, c, "start_location", where, true, &t->start_location)) !=
            MODEL_OK ||
        (st = io_jp_get_location(r, c, "end_location", where, false, &t->end_location)) !=
            MODEL_OK ||
        (st = io_jp_get_quantity(r, c, "capacity", where, &t->capacity)) != MODEL_OK ||
        (st = io_jp_get_int(r, c, "max_jobs_per_shift", where, 0, MAX_JOBS_PER_SHIFT - 1, &present,
                            &max_jobs)) != MODEL_OK)
        return st;
    if (t->end_location < 0)
        t->end_location = t->start_location;
    t->max_jobs = (int)max_jobs;
    return each_object(r, c, "shifts", where, true, MODEL_MAX_SHIFTS_PER_TECH, read_shift, t);
}

/* A job's window w at ww, added to the job j. */
static model_status read_window(io_jp_reader *r, const cJSON *w, const char *ww, void *j)
{
    model_window win;
    model_status st = get_start_end(r, w, ww, &win.start, &win.end);
    if (st != MODEL_OK)
        return st;
    if ((st = model_job_add_window(j, &win, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, ww, "");
    return MODEL_OK;
}

static model_status read_windows(io_jp_reader *r, model_job *j, const cJSON *c, const char *where)
{
    return each_object(r, c, "windows", where, false, MODEL_MAX_WINDOWS_PER_JOB, read_window, j);
}

static model_status read_allowed(io_jp_reader *r, model_job *j, const cJSON *c, const char *where)
{
    const cJSON *a;
    int n;
    model_status st = io_jp_get_list(r, c, "allowed_technicians", where, false, INT32_MAX,
                                     "technicians", true, &a, &n);
    if (st != MODEL_OK || n < 0)
        return st;
    j->has_allowed = true; /* an empty list: nobody */
    char field[WHERE_MAX];
    for (int i = 0; a && st == MODEL_OK; a = a->next, i++) {
        io_jp_element(field, "", "allowed_technicians", i, NULL);
        int t;
        if (!io_jp_is_type(a, cJSON_String) || !a->valuestring)
            st = io_jp_fail(r, MODEL_ERR_INPUT, where, field, "must be a string (a technician id)");
        else if ((st = io_jp_technician_ref(r, a->valuestring, where, field, &t)) == MODEL_OK &&
                 !r->seen[t]) {
            r->seen[t] = 1;
            if ((st = model_job_add_allowed(j, t, r->err)) != MODEL_OK)
                st = io_jp_pass(r, st, where, field);
        }
    }
    for (int k = 0; k < j->nallowed; k++)
        r->seen[j->allowed[k]] = 0;
    return st;
}

/* The object of objs[0..n) that gives field key (io_jp_read_job_fields), or
 * NULL when the field keeps its value. */
static const cJSON *giver(const cJSON *const *objs, int n, bool update, const char *key)
{
    for (int k = n - 1; k >= 0; k--)
        if (io_json_member(objs[k], key))
            return objs[k];
    return update ? NULL : objs[0];
}

model_status io_jp_read_job_fields(io_jp_reader *r, model_job *j, const cJSON *const *objs, int n,
                                   bool update, const model_window *only_window, const char *where)
{
    static const char *const text_keys[3] = {"title", "customer", "notes"};
    char **texts[3] = {&j->title, &j->customer, &j->notes};
    const cJSON *c;
    const char *s;
    bool present;
    model_status st;
    for (int k = 0; k < 3; k++)
        if ((c = giver(objs, n, update, text_keys[k])) &&
            ((st = io_jp_get_string(r, c, text_keys[k], where, false, &s)) != MODEL_OK ||
             (st = model_strdup_into(texts[k], s, r->err)) != MODEL_OK))
            return st;
    if ((c = giver(objs, n, update, "location")) &&
        (st = io_jp_get_location(r, c, "location", where, true, &j->location)) != MODEL_OK)
        return st;
    if ((c = giver(objs, n, update, "duration_min")) &&
        (st = io_jp_get_minutes(r, c, "duration_min", where, true, &j->duration)) != MODEL_OK)
        return st;
    if (r->until_skills)
        return MODEL_OK;
    if ((c = giver(objs, n, update, "skills"))) {
        memset(&j->skills, 0, sizeof j->skills);
        j->skill_order.n = 0;
        j->levels.n = 0;
        if ((st = io_jp_get_skills(r, c, where, &j->skills, &j->skill_order, &j->levels)) !=
            MODEL_OK)
            return st;
    }
    if ((c = giver(objs, n, update, "priority"))) {
        long priority = 0;
        if ((st = io_jp_get_int(r, c, "priority", where, 0, 100, &present, &priority)) != MODEL_OK)
            return st;
        j->priority = (int)priority;
    }
    if ((c = giver(objs, n, update, "load"))) {
        j->load = 0;
        if ((st = io_jp_get_quantity(r, c, "load", where, &j->load)) != MODEL_OK)
            return st;
    }
    if (only_window) {
        j->nwindows = 0;
        if ((st = model_job_add_window(j, only_window, r->err)) != MODEL_OK)
            return io_jp_pass(r, st, where, "windows");
    } else if ((c = giver(objs, n, update, "windows"))) {
        j->nwindows = 0;
        if ((st = read_windows(r, j, c, where)) != MODEL_OK)
            return st;
    }
    if ((c = giver(objs, n, update, "release"))) {
        if ((st = io_jp_get_time(r, c, "release", where, false, &present, &j->release)) != MODEL_OK)
            return st;
        if (!present)
            j->release = MODEL_TIME_MIN;
    }
    if ((c = giver(objs, n, update, "deadline"))) {
        if ((st = io_jp_get_time(r, c, "deadline", where, false, &present, &j->deadline)) !=
            MODEL_OK)
            return st;
        if (!present)
            j->deadline = MODEL_TIME_MAX;
    }
    if ((c = giver(objs, n, update, "technician"))) {
        j->pinned = -1;
        if ((st = io_jp_get_string(r, c, "technician", where, false, &s)) != MODEL_OK ||
            (s && (st = io_jp_technician_ref(r, s, where, "technician", &j->pinned)) != MODEL_OK))
            return st;
    }
    if ((c = giver(objs, n, update, "allowed_technicians"))) {
        j->has_allowed = false;
        j->nallowed = 0;
        if ((st = read_allowed(r, j, c, where)) != MODEL_OK)
            return st;
    }
    /* extension 2 */
    if ((c = giver(objs, n, update, "lateness")) &&
        (st = io_jp_get_soft_limit(r, c, "lateness", where, &j->lateness)) != MODEL_OK)
        return st;
    if ((c = giver(objs, n, update, "preferred_technicians")) &&
        (st = io_jp_get_preferred(r, j, c, where)) != MODEL_OK)
        return st;
    if ((c = giver(objs, n, update, "contact")) &&
        (st = io_jp_get_contact(r, j, c, where)) != MODEL_OK)
        return st;
    return MODEL_OK;
}

static model_status read_job(io_jp_reader *r, const cJSON *c, int i)
{
    char where[WHERE_MAX];
    const char *id = NULL;
    model_status st = io_jp_record_id(r, c, "jobs", i, &r->p->job_index, where, &id);
    if (st != MODEL_OK)
        return st;
    model_job *j;
    if ((st = model_problem_add_job(r->p, id, &j, NULL, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, where, "");
    return io_jp_read_job_fields(r, j, &c, 1, false, NULL, where);
}

/* Reads the records of doc[key] with fn (which checks each is an object). */
static model_status read_records(io_jp_reader *r, const cJSON *doc, const char *key, int max,
                                 model_status (*fn)(io_jp_reader *, const cJSON *, int))
{
    const cJSON *c;
    int n;
    model_status st = io_jp_get_list(r, doc, key, "", true, max, key, false, &c, &n);
    for (int i = 0; st == MODEL_OK && c; c = c->next, i++)
        st = fn(r, c, i);
    return st;
}

/* After finish: a haversine leg may not exceed MODEL_MAX_TRAVEL_S (the
 * model clamps; the format would not). */
model_status io_jp_check_haversine_range(io_jp_reader *r)
{
    const model_travel *tr = &r->p->travel;
    if (tr->kind != MODEL_TRAVEL_HAVERSINE)
        return MODEL_OK;
    if (!tr->durations) { /* not materialised: bound the longest possible leg */
        double far = floor(M_PI * 6371008.8 * tr->circuity + 0.5);
        if (far >= MODEL_MAX_TRAVEL_S ||
            floor(far * 3.6 / tr->speed_kmh + 0.5) >= MODEL_MAX_TRAVEL_S)
            return io_jp_fail(r, MODEL_ERR_LIMIT, "travel", "",
                              "speed_kmh and circuity allow legs longer than MODEL_MAX_TRAVEL_S");
        return MODEL_OK;
    }
    size_t cells = (size_t)tr->n * (size_t)tr->n;
    for (size_t k = 0; k < cells; k++)
        if (tr->durations[k] >= MODEL_MAX_TRAVEL_S || tr->distances[k] >= MODEL_MAX_TRAVEL_S)
            return io_jp_fail(r, MODEL_ERR_LIMIT, "travel", "",
                              "the haversine leg from locations[%zu] to locations[%zu] is longer "
                              "than MODEL_MAX_TRAVEL_S (%d)",
                              k / (size_t)tr->n, k % (size_t)tr->n, MODEL_MAX_TRAVEL_S);
    return MODEL_OK;
}

static model_status read_document(io_jp_reader *r, const cJSON *doc)
{
    if (!io_jp_is_type(doc, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, "", "", "must be a JSON object");
    const char *s;
    model_status st;
    if ((st = io_jp_get_string(r, doc, "name", "", false, &s)) != MODEL_OK ||
        (st = model_problem_set_name(r->p, s, r->err)) != MODEL_OK ||
        (st = io_jp_get_string(r, doc, "timezone", "", false, &s)) != MODEL_OK)
        return st;
    if (s && (st = io_zone_set_problem(r->p, s, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, "timezone", "");
    if ((st = read_records(r, doc, "locations", MODEL_MAX_LOCATIONS, read_location)) !=
            MODEL_OK ||
        (st = read_travel(r, doc)) != MODEL_OK ||
        (st = read_declared_skills(r, doc)) != MODEL_OK ||
        (st = io_jp_get_objective(r, doc)) != MODEL_OK ||
        (st = read_records(r, doc, "technicians", MODEL_MAX_TECHNICIANS, read_technician)) !=
            MODEL_OK)
        return st;
    r->seen = calloc((size_t)r->p->ntechnicians + 1, 1);
    if (!r->seen)
        return io_jp_fail(r, MODEL_ERR_NOMEM, "", "", "out of memory");
    if ((st = read_records(r, doc, "jobs", MODEL_MAX_JOBS, read_job)) != MODEL_OK)
        return st;
    if ((st = model_problem_finish(r->p, r->err)) != MODEL_OK)
        return io_jp_pass(r, st, "", "");
    return io_jp_check_haversine_range(r);
}

model_status io_json_read_problem_text(const char *text, size_t len, const char *source_name,
                                       model_problem **out, model_error *err)
{
    *out = NULL;
    io_json_doc doc = IO_JSON_DOC_INIT;
    io_jp_reader r = {source_name ? source_name : "(input)", NULL, err, NULL, &doc, false, false,
                      false};
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
    /* the reader's own bounds, enforced while reading: a file of a million
     * jobs is refused after the first 200,000, before it is parsed */
    static const io_json_list_limit lists[] = {
        {"locations", MODEL_MAX_LOCATIONS, "locations"},
        {"technicians", MODEL_MAX_TECHNICIANS, "technicians"},
        {"jobs", MODEL_MAX_JOBS, "jobs"},
    };
    model_status st = io_json_read_file_limited(path, lists, 3, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = io_json_read_problem_text(text, len, path, out, err);
    free(text);
    return st;
}
