/* scenario_apply.c - io_scenario_apply_json (scenario_internal.h), only for a
 * problem text the reader refuses (others are changed in memory,
 * scenario_edit.c): the changes made to the JSON tree, the tree printed back
 * (travel matrices straight from their flat tables) and read with the
 * problem reader, whose messages are turned into ones that name the change.
 *
 * Invariant: every object a change created or edited is in `touched` with
 * the path of that change, so that an error the reader finds in it can be
 * reported against the scenario, not against the generated problem. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_read_internal.h"
#include "io/formats/scenario_internal.h"
#include "io/formats/zonefile.h"

/* The source name the generated problem is read under. */
#define CHANGED "changed problem"

typedef struct touched {
    const cJSON *obj; /* a job, technician or location object of the tree */
    char where[256];  /* the change's path: "changes[3].add_job", "" for a job file */
} touched;

typedef struct applier {
    const io_scenario *sc;
    io_json_doc doc;         /* the problem being changed */
    cJSON *locations, *technicians, *jobs, *travel;
    bool haversine;          /* travel by the haversine model (else a matrix) */
    model_tz *tz;            /* the problem's zone */
    model_error *err;
    touched *t;
    int nt, ct;
    int travel_change;       /* last travel_factor change, or -1 */
    char **warn;
    int nwarn, cwarn;
} applier;

static model_status nomem(applier *a)
{
    return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
}

static bool is_type(const cJSON *c, int type)
{
    return c && (c->type & 0xFF) == type;
}

static cJSON *member(const cJSON *obj, const char *key)
{
    return (cJSON *)io_json_present(obj, key);
}

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *v = io_json_present(obj, key);
    return is_type(v, cJSON_String) ? v->valuestring : NULL;
}

/* The element of array with "id" == id, or NULL. */
static cJSON *find_by_id(const cJSON *array, const char *id)
{
    cJSON *found = NULL;
    for (cJSON *c = array ? array->child : NULL; c; c = c->next) {
        const char *s = string_of(c, "id");
        if (s && strcmp(s, id) == 0)
            found = c;
    }
    return found;
}

/* obj[key] = value (taken over; deleted on failure), in the place of the
 * first member of that name; later ones are removed. (Not with
 * cJSON_ReplaceItemInObject: cJSON 1.7.15 inserts the item without a key
 * when copying the key fails.) */
static bool set_member(cJSON *obj, const char *key, cJSON *value)
{
    if (!value)
        return false;
    cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_AddItemToObject(obj, key, value)) {
        cJSON_Delete(value);
        return false;
    }
    if (old) {
        cJSON_DetachItemViaPointer(obj, value);
        cJSON_ReplaceItemViaPointer(obj, old, value); /* frees old */
    }
    for (cJSON *c = value->next, *next; c; c = next) {
        next = c->next;
        if (c->string && strcmp(c->string, key) == 0)
            cJSON_Delete(cJSON_DetachItemViaPointer(obj, c));
    }
    return true;
}

static cJSON *time_item(const applier *a, int64_t t)
{
    char buf[MODEL_TIME_BUF];
    return cJSON_CreateString(model_time_format(a->tz, t, buf));
}

static bool touch(applier *a, const cJSON *obj, const char *where)
{
    if (a->nt == a->ct) {
        int nc = a->ct ? a->ct * 2 : 16;
        touched *g = realloc(a->t, (size_t)nc * sizeof *g);
        if (!g)
            return false;
        a->t = g;
        a->ct = nc;
    }
    a->t[a->nt].obj = obj;
    snprintf(a->t[a->nt].where, sizeof a->t[a->nt].where, "%s", where);
    a->nt++;
    return true;
}

/* Forgets obj (about to be freed: its address may come back). */
static void untouch(applier *a, const cJSON *obj)
{
    for (int k = 0; k < a->nt; k++)
        if (a->t[k].obj == obj)
            a->t[k].obj = NULL;
}

static model_status warn(applier *a, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static model_status warn(applier *a, const char *where, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX], *line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t n = strlen(a->sc->source) + strlen(where) + strlen(what) + 5;
    if (a->nwarn == a->cwarn) {
        int nc = a->cwarn ? a->cwarn * 2 : 4;
        char **g = realloc(a->warn, (size_t)nc * sizeof *g);
        if (!g)
            return nomem(a);
        a->warn = g;
        a->cwarn = nc;
    }
    if (!(line = malloc(n)))
        return nomem(a);
    snprintf(line, n, "%s: %s: %s", a->sc->source, where, what);
    a->warn[a->nwarn++] = line;
    return MODEL_OK;
}

/* ---- technicians: absences, shifts, skills ---- */

static cJSON *technician(applier *a, int i, model_status *st)
{
    const char *id = a->sc->payload[i]->valuestring;
    cJSON *t = find_by_id(a->technicians, id);
    char where[256];
    *st = MODEL_OK;
    if (!t)
        *st = io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                               io_scenario_where(a->sc, i, io_scenario_kind_key[a->sc->kind[i]],
                                                 NULL, where, sizeof where),
                               "unknown technician '%.64s' (not in the plan)", id);
    return t;
}

static bool time_of(const applier *a, const cJSON *obj, const char *key, int64_t *t)
{
    const char *s = string_of(obj, key);
    return s && model_time_parse(s, a->tz, t, NULL) == MODEL_OK;
}

/* Whether break b can be taken in [s, e], outside the gap [ga, gb) if any. */
static bool break_fits(const applier *a, const cJSON *b, int64_t s, int64_t e, bool gap,
                       int64_t ga, int64_t gb)
{
    int64_t lo, hi;
    const cJSON *d = io_json_present(b, "duration_min");
    if (!time_of(a, b, "earliest", &lo) || !time_of(a, b, "latest", &hi) || !io_json_is_finite(d))
        return true; /* the reader judges it */
    int64_t dur = (int64_t)llround(d->valuedouble * 60);
    int64_t st1 = lo > s ? lo : s, st2 = lo > gb ? lo : gb;
    if (!gap)
        return st1 <= hi && st1 + dur <= e;
    return (st1 <= hi && st1 + dur <= ga) || (st2 <= hi && st2 + dur <= e);
}

static void prune_breaks(const applier *a, cJSON *shift, int64_t s, int64_t e, bool gap,
                         int64_t ga, int64_t gb)
{
    cJSON *breaks = member(shift, "breaks");
    if (!is_type(breaks, cJSON_Array))
        return;
    for (cJSON *b = breaks->child, *next; b; b = next) {
        next = b->next;
        if (!break_fits(a, b, s, e, gap, ga, gb))
            cJSON_Delete(cJSON_DetachItemViaPointer(breaks, b));
    }
}

static cJSON *break_item(const applier *a, int64_t earliest, int64_t latest, double minutes)
{
    cJSON *b = cJSON_CreateObject();
    if (b && set_member(b, "earliest", time_item(a, earliest)) &&
        set_member(b, "latest", time_item(a, latest)) &&
        set_member(b, "duration_min", cJSON_CreateNumber(minutes)))
        return b;
    cJSON_Delete(b);
    return NULL;
}

static model_status apply_absent(applier *a, int i)
{
    io_scenario_change ch;
    model_status st = io_scenario_change_at(a->sc, i, a->tz, &ch, a->err);
    cJSON *tech = st == MODEL_OK ? technician(a, i, &st) : NULL;
    if (!tech)
        return st;
    char where[256];
    io_scenario_where(a->sc, i, "absent", NULL, where, sizeof where);
    cJSON *shifts = member(tech, "shifts");
    int hits = 0;
    for (cJSON *sh = is_type(shifts, cJSON_Array) ? shifts->child : NULL, *next; sh; sh = next) {
        next = sh->next;
        int64_t s, e;
        if (!time_of(a, sh, "start", &s) || !time_of(a, sh, "end", &e) || ch.to <= s ||
            ch.from >= e)
            continue;
        hits++;
        if (ch.from <= s && ch.to >= e) {
            cJSON_Delete(cJSON_DetachItemViaPointer(shifts, sh));
            continue;
        }
        bool inner = ch.from > s && ch.to < e;
        if (ch.from <= s && !set_member(sh, "start", time_item(a, s = ch.to)))
            return nomem(a);
        if (ch.to >= e && !set_member(sh, "end", time_item(a, e = ch.from)))
            return nomem(a);
        prune_breaks(a, sh, s, e, inner, ch.from, ch.to);
        if (!inner)
            continue;
        cJSON *breaks = member(sh, "breaks");
        if (!is_type(breaks, cJSON_Array)) {
            if (!set_member(sh, "breaks", cJSON_CreateArray()))
                return nomem(a);
            breaks = member(sh, "breaks");
        }
        if (cJSON_GetArraySize(breaks) >= MODEL_MAX_BREAKS_PER_SHIFT)
            return io_scenario_fail(a->sc, a->err, MODEL_ERR_LIMIT, where,
                                    "the absence would be break %d of a shift of '%s' (at most %d)",
                                    MODEL_MAX_BREAKS_PER_SHIFT + 1, ch.technician,
                                    MODEL_MAX_BREAKS_PER_SHIFT);
        /* the absence as a break that must start when it does; whole minutes */
        cJSON *b = break_item(a, ch.from, ch.from, (double)((ch.to - ch.from + 59) / 60));
        if (!b || !cJSON_AddItemToArray(breaks, b)) {
            cJSON_Delete(b);
            return nomem(a);
        }
    }
    if (!touch(a, tech, where))
        return nomem(a);
    if (!hits)
        return warn(a, where, "no shift of '%s' overlaps the absence: nothing changed",
                    ch.technician);
    return MODEL_OK;
}

/* The breaks of a shift change, on day `days`. */
static model_status shift_breaks(applier *a, int i, const cJSON *list, int64_t days, cJSON **out)
{
    *out = cJSON_CreateArray();
    if (!*out)
        return nomem(a);
    for (const cJSON *b = list->child; b; b = b->next) {
        int64_t lo, hi;
        bool clock;
        model_error e = MODEL_ERROR_INIT;
        if (io_scenario_clock(string_of(b, "earliest"), days, a->tz, &lo, &clock, &e) != MODEL_OK ||
            io_scenario_clock(string_of(b, "latest"), days, a->tz, &hi, &clock, &e) != MODEL_OK) {
            char where[256];
            return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                    io_scenario_where(a->sc, i, NULL, "breaks", where,
                                                      sizeof where), "%s", e.msg);
        }
        cJSON *item = break_item(a, lo, hi, io_json_present(b, "duration_min")->valuedouble);
        if (!item || !cJSON_AddItemToArray(*out, item)) {
            cJSON_Delete(item);
            return nomem(a);
        }
    }
    return MODEL_OK;
}

static model_status apply_shift(applier *a, int i)
{
    const cJSON *c = a->sc->change[i];
    model_status st;
    cJSON *tech = technician(a, i, &st), *breaks = NULL;
    if (!tech)
        return st;
    const char *date = string_of(c, "date");
    int64_t days, s, e;
    bool clock_s, clock_e;
    model_error me = MODEL_ERROR_INIT;
    char where[256];
    model_date_parse(date, &days, NULL);
    if (io_scenario_clock(string_of(c, "start"), days, a->tz, &s, &clock_s, &me) != MODEL_OK ||
        io_scenario_clock(string_of(c, "end"), days, a->tz, &e, &clock_e, &me) != MODEL_OK)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, NULL, "start", where, sizeof where),
                                "%s", me.msg);
    if (clock_e && e <= s) /* an end before the start is on the next day */
        io_scenario_clock(string_of(c, "end"), days + 1, a->tz, &e, &clock_e, &me);
    if (e <= s)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, NULL, "end", where, sizeof where),
                                "not after the start");
    const cJSON *blist = io_json_present(c, "breaks");
    if (blist && (st = shift_breaks(a, i, blist, days, &breaks)) != MODEL_OK) {
        cJSON_Delete(breaks);
        return st;
    }
    cJSON *shifts = member(tech, "shifts"), *found = NULL;
    for (cJSON *sh = is_type(shifts, cJSON_Array) ? shifts->child : NULL; sh; sh = sh->next) {
        int64_t t;
        if (!time_of(a, sh, "start", &t))
            continue;
        model_civil cv = model_tz_to_civil(a->tz, t);
        if (model_days_from_civil(cv.year, cv.month, cv.day) == days) {
            found = sh;
            break;
        }
    }
    bool ok = true;
    if (!found) {
        if (!is_type(shifts, cJSON_Array)) {
            ok = set_member(tech, "shifts", cJSON_CreateArray());
            shifts = member(tech, "shifts");
        }
        found = ok ? cJSON_CreateObject() : NULL;
        if (!found || !cJSON_AddItemToArray(shifts, found)) {
            cJSON_Delete(found);
            cJSON_Delete(breaks);
            return nomem(a);
        }
        if (!breaks && !(breaks = cJSON_CreateArray()))
            return nomem(a);
    }
    ok = set_member(found, "start", time_item(a, s)) && set_member(found, "end", time_item(a, e));
    if (ok && breaks) {
        ok = set_member(found, "breaks", breaks);
        breaks = NULL;
    } else if (ok) {
        prune_breaks(a, found, s, e, false, 0, 0);
    }
    cJSON_Delete(breaks);
    if (!ok || !touch(a, tech, io_scenario_where(a->sc, i, "shift", NULL, where, sizeof where)))
        return nomem(a);
    return MODEL_OK;
}

static model_status apply_skill(applier *a, int i, bool add)
{
    model_status st;
    cJSON *tech = technician(a, i, &st);
    if (!tech)
        return st;
    const char *skill = string_of(a->sc->change[i], "skill");
    char where[256];
    io_scenario_where(a->sc, i, add ? "add_skill" : "remove_skill", NULL, where, sizeof where);
    cJSON *skills = member(tech, "skills"), *has = NULL;
    if (!is_type(skills, cJSON_Array)) {
        if (!set_member(tech, "skills", cJSON_CreateArray()))
            return nomem(a);
        skills = member(tech, "skills");
    }
    for (cJSON *s = skills->child; s && !has; s = s->next)
        if (is_type(s, cJSON_String) && strcmp(s->valuestring, skill) == 0)
            has = s;
    if (!touch(a, tech, where))
        return nomem(a);
    if (add && has)
        return warn(a, where, "'%s' already has skill '%s'", a->sc->payload[i]->valuestring, skill);
    if (!add && !has)
        return warn(a, where, "'%s' has no skill '%s'", a->sc->payload[i]->valuestring, skill);
    if (!add) {
        cJSON_Delete(cJSON_DetachItemViaPointer(skills, has));
        return MODEL_OK;
    }
    cJSON *item = cJSON_CreateString(skill);
    if (!item || !cJSON_AddItemToArray(skills, item)) {
        cJSON_Delete(item);
        return nomem(a);
    }
    /* a problem that declares its skills must declare this one too */
    cJSON *declared = member(a->doc.root, "skills");
    if (is_type(declared, cJSON_Array)) {
        for (cJSON *s = declared->child; s; s = s->next)
            if (is_type(s, cJSON_String) && strcmp(s->valuestring, skill) == 0)
                return MODEL_OK;
        item = cJSON_CreateString(skill);
        if (!item || !cJSON_AddItemToArray(declared, item)) {
            cJSON_Delete(item);
            return nomem(a);
        }
    }
    return MODEL_OK;
}

/* ---- jobs and locations ---- */

/* A job's location given as an object: added to the locations (haversine
 * only) unless known, and replaced by its id. */
static model_status job_location(applier *a, cJSON *job, const char *prefix)
{
    cJSON *loc = member(job, "location");
    if (!is_type(loc, cJSON_Object))
        return MODEL_OK;
    const char *id = string_of(loc, "id");
    char where[256];
    snprintf(where, sizeof where, "%s%slocation", prefix, prefix[0] ? "." : "");
    if (!find_by_id(a->locations, id)) {
        if (!a->haversine)
            return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT, where,
                                    "location '%.64s' is not in the plan, whose travel is a "
                                    "matrix: import the location with its travel times first",
                                    id);
        cJSON *copy = cJSON_Duplicate(loc, true);
        if (!copy || !cJSON_AddItemToArray(a->locations, copy)) {
            cJSON_Delete(copy);
            return nomem(a);
        }
        if (!touch(a, copy, where))
            return nomem(a);
    }
    return set_member(job, "location", cJSON_CreateString(id)) ? MODEL_OK : nomem(a);
}

static model_status apply_add_job(applier *a, int i)
{
    const cJSON *src = a->sc->payload[i];
    const char *id = string_of(src, "id");
    char where[256], prefix[256];
    if (find_by_id(a->jobs, id))
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, "add_job", "id", where, sizeof where),
                                "job '%.64s' is already in the plan%s", id,
                                a->sc->job_file ? "" : " (use update_job to change it)");
    snprintf(prefix, sizeof prefix, "%s", a->sc->job_file ? "" : io_scenario_where(
                                                                     a->sc, i, "add_job", NULL,
                                                                     where, sizeof where));
    cJSON *job = cJSON_Duplicate(src, true);
    if (!job || !cJSON_AddItemToArray(a->jobs, job)) {
        cJSON_Delete(job);
        return nomem(a);
    }
    if (!touch(a, job, prefix))
        return nomem(a);
    if (a->sc->has_window) {
        cJSON *w = cJSON_CreateObject(), *ws = cJSON_CreateArray();
        if (!w || !ws || !set_member(w, "start", time_item(a, a->sc->win_start)) ||
            !set_member(w, "end", time_item(a, a->sc->win_end)) || !cJSON_AddItemToArray(ws, w)) {
            cJSON_Delete(w);
            cJSON_Delete(ws);
            return nomem(a);
        }
        if (!set_member(job, "windows", ws))
            return nomem(a);
    }
    return job_location(a, job, prefix);
}

static cJSON *job_of(applier *a, int i, model_status *st)
{
    const char *id = a->sc->payload[i]->valuestring;
    cJSON *j = find_by_id(a->jobs, id);
    char where[256];
    *st = MODEL_OK;
    if (!j)
        *st = io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                               io_scenario_where(a->sc, i, io_scenario_kind_key[a->sc->kind[i]],
                                                 NULL, where, sizeof where),
                               "unknown job '%.64s' (not in the plan)", id);
    return j;
}

static model_status apply_cancel_job(applier *a, int i)
{
    model_status st;
    cJSON *job = job_of(a, i, &st);
    if (!job)
        return st;
    untouch(a, job);
    cJSON_Delete(cJSON_DetachItemViaPointer(a->jobs, job));
    return MODEL_OK;
}

static model_status apply_update_job(applier *a, int i)
{
    model_status st;
    cJSON *job = job_of(a, i, &st);
    if (!job)
        return st;
    char where[256];
    io_scenario_where(a->sc, i, NULL, NULL, where, sizeof where);
    for (const cJSON *f = a->sc->change[i]->child; f; f = f->next) {
        if (strcmp(f->string, "update_job") == 0 || strcmp(f->string, "comment") == 0)
            continue;
        if (!set_member(job, f->string, cJSON_Duplicate(f, true)))
            return nomem(a);
    }
    if (!touch(a, job, a->sc->job_file ? "" : where))
        return nomem(a);
    return job_location(a, job, where);
}

static model_status apply_add_location(applier *a, int i)
{
    const cJSON *src = a->sc->payload[i];
    const char *id = string_of(src, "id");
    char where[256];
    io_scenario_where(a->sc, i, "add_location", NULL, where, sizeof where);
    if (find_by_id(a->locations, id))
        return warn(a, where, "location '%s' is already in the plan: kept as it is", id);
    if (!a->haversine)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT, where,
                                "the plan's travel is a matrix: import the location with its "
                                "travel times instead");
    cJSON *copy = cJSON_Duplicate(src, true);
    if (!copy || !cJSON_AddItemToArray(a->locations, copy)) {
        cJSON_Delete(copy);
        return nomem(a);
    }
    return touch(a, copy, where) ? MODEL_OK : nomem(a);
}

/* ---- travel ---- */

static bool scale(double *v, double f)
{
    double x = floor(*v * f + 0.5);
    if (!(x <= MODEL_MAX_TRAVEL_S))
        return false;
    *v = x;
    return true;
}

static model_status apply_travel_factor(applier *a, int i)
{
    double f = a->sc->payload[i]->valuedouble;
    char where[256];
    io_scenario_where(a->sc, i, "travel_factor", NULL, where, sizeof where);
    a->travel_change = i;
    if (a->haversine) {
        const cJSON *sp = io_json_present(a->travel, "speed_kmh");
        double speed = io_json_is_finite(sp) ? sp->valuedouble : 30.0;
        return set_member(a->travel, "speed_kmh", cJSON_CreateNumber(speed / f)) ? MODEL_OK
                                                                                 : nomem(a);
    }
    cJSON *m = member(a->travel, "durations_s");
    io_json_table *t = is_type(m, cJSON_Array) && !m->child ? io_json_table_of(&a->doc, m) : NULL;
    bool ok = true;
    if (t) {
        size_t cells = t->row_start[t->rows];
        for (size_t k = 0; k < cells && ok; k++) {
            double v = t->values[k];
            if ((ok = scale(&v, f)))
                t->values[k] = (int32_t)v;
        }
    } else if (is_type(m, cJSON_Array)) {
        for (cJSON *row = m->child; row && ok; row = row->next)
            for (cJSON *c = row->child; c && ok; c = c->next)
                if (io_json_is_finite(c)) {
                    double v = c->valuedouble;
                    if ((ok = scale(&v, f)))
                        cJSON_SetNumberValue(c, v);
                }
    }
    if (!ok)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_LIMIT, where,
                                "makes a travel leg longer than %d seconds", MODEL_MAX_TRAVEL_S);
    return MODEL_OK;
}

/* ---- printing the tree back ---- */

static void print_value(io_json_out *o, const io_json_doc *doc, const cJSON *v, int depth);

/* A number that reads back to the same double (the shortest of 15, 16 or
 * 17 digits: cheaper than io_json_out_number's search, and the text is
 * only read back). */
static void print_number(io_json_out *o, double v)
{
    char buf[40];
    if (!isfinite(v)) {
        io_json_out_raw(o, "null");
        return;
    }
    if (floor(v) == v && fabs(v) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, v);
            if (strtod(buf, NULL) == v)
                break;
        }
    }
    io_json_out_raw(o, buf);
}

static void print_table(io_json_out *o, const io_json_table *t)
{
    io_json_out_raw(o, "[");
    for (int r = 0; r < t->rows; r++) {
        io_json_out_raw(o, r ? ",\n    [" : "\n    [");
        for (size_t k = t->row_start[r]; k < t->row_start[r + 1]; k++)
            io_json_out_printf(o, k > t->row_start[r] ? ", %d" : "%d", (int)t->values[k]);
        io_json_out_raw(o, "]");
    }
    io_json_out_raw(o, "]");
}

static void print_value(io_json_out *o, const io_json_doc *doc, const cJSON *v, int depth)
{
    const io_json_table *t;
    const char *sep = depth == 0 ? ",\n  " : depth == 1 ? ",\n    " : ", ";
    switch (v->type & 0xFF) {
    case cJSON_False: io_json_out_raw(o, "false"); break;
    case cJSON_True: io_json_out_raw(o, "true"); break;
    case cJSON_NULL: io_json_out_raw(o, "null"); break;
    case cJSON_String: io_json_out_string(o, v->valuestring); break;
    case cJSON_Number:
        print_number(o, v->valuedouble);
        if (!io_json_is_integer(v) && floor(v->valuedouble) == v->valuedouble &&
            fabs(v->valuedouble) < 1e15)
            io_json_out_raw(o, ".0"); /* keep it a fraction, as written */
        break;
    case cJSON_Array:
        if (!v->child && (t = io_json_table_of(doc, v)) != NULL) {
            print_table(o, t);
            break;
        }
        io_json_out_raw(o, depth == 1 && v->child ? "[\n    " : "[");
        for (const cJSON *c = v->child; c; c = c->next) {
            print_value(o, doc, c, depth + 1);
            if (c->next)
                io_json_out_raw(o, sep);
        }
        io_json_out_raw(o, "]");
        break;
    case cJSON_Object:
        io_json_out_raw(o, depth == 0 ? "{\n  " : "{");
        for (const cJSON *c = v->child; c; c = c->next) {
            io_json_out_string(o, c->string);
            io_json_out_raw(o, ": ");
            print_value(o, doc, c, depth + 1);
            if (c->next)
                io_json_out_raw(o, depth == 0 ? ",\n  " : ", ");
        }
        io_json_out_raw(o, depth == 0 ? "\n}\n" : "}");
        break;
    default: io_json_out_raw(o, "null"); break;
    }
}

/* ---- the reader's message, told against the scenario ---- */

/* Rewrites the reader's "changed problem: KIND[K] (ID).REST: MSG" into
 * "SOURCE: WHERE.REST: MSG" when a change touched that record. */
static void retell(applier *a, model_error *err)
{
    static const char *const kinds[3] = {"jobs", "technicians", "locations"};
    const cJSON *arrays[3] = {a->jobs, a->technicians, a->locations};
    char old[MODEL_ERROR_MSG_MAX];
    snprintf(old, sizeof old, "%s", err->msg);
    const char *p = old + strlen(CHANGED ": ");
    if (strncmp(old, CHANGED ": ", strlen(CHANGED ": ")) != 0)
        return; /* e.g. out of memory */
    if (strncmp(p, "travel", 6) == 0 && a->travel_change >= 0) {
        char where[256];
        io_scenario_where(a->sc, a->travel_change, "travel_factor", NULL, where, sizeof where);
        model_error_set(err, err->code, "%s: %s: %s", a->sc->source, where, p);
        return;
    }
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(kinds[k]);
        char *end;
        if (strncmp(p, kinds[k], n) != 0 || p[n] != '[')
            continue;
        long idx = strtol(p + n + 1, &end, 10);
        if (*end != ']')
            break;
        const char *rest = end + 1;
        if (strncmp(rest, " (", 2) == 0) {
            const char *close = rest;
            while ((close = strchr(close + 1, ')')) && close[1] != '.' && close[1] != ':')
                ;
            rest = close ? close + 1 : rest;
        }
        const cJSON *obj = arrays[k] ? arrays[k]->child : NULL;
        for (long q = 0; obj && q < idx; q++)
            obj = obj->next;
        const char *where = NULL;
        for (int q = 0; obj && q < a->nt; q++)
            if (a->t[q].obj == obj)
                where = a->t[q].where;
        if (!where)
            break;
        if (!where[0]) /* a job file: the job's own fields */
            model_error_set(err, err->code, "%s: %s%s", a->sc->source,
                            rest[0] == '.' ? "" : "job", rest[0] == '.' ? rest + 1 : rest);
        else
            model_error_set(err, err->code, "%s: %s%s", a->sc->source, where, rest);
        return;
    }
    model_error_set(err, err->code, "%s: in the changed problem: %s", a->sc->source, p);
}

/* ---- applying ---- */

static model_status apply_one(applier *a, int i)
{
    switch (a->sc->kind[i]) {
    case IO_CHANGE_ABSENT: return apply_absent(a, i);
    case IO_CHANGE_SHIFT: return apply_shift(a, i);
    case IO_CHANGE_ADD_SKILL: return apply_skill(a, i, true);
    case IO_CHANGE_REMOVE_SKILL: return apply_skill(a, i, false);
    case IO_CHANGE_ADD_JOB: return apply_add_job(a, i);
    case IO_CHANGE_CANCEL_JOB: return apply_cancel_job(a, i);
    case IO_CHANGE_UPDATE_JOB: return apply_update_job(a, i);
    case IO_CHANGE_TRAVEL_FACTOR: return apply_travel_factor(a, i);
    case IO_CHANGE_ADD_LOCATION: return apply_add_location(a, i);
    }
    return MODEL_OK;
}

/* The problem's lists and zone. */
static model_status open_problem(applier *a, const char *text, size_t len)
{
    model_status st = io_json_parse_doc(text, len, CHANGED, &a->doc, a->err);
    if (st != MODEL_OK)
        return st;
    cJSON *root = a->doc.root;
    a->locations = member(root, "locations");
    a->technicians = member(root, "technicians");
    a->jobs = member(root, "jobs");
    a->travel = member(root, "travel");
    if (!is_type(root, cJSON_Object) || !is_type(a->locations, cJSON_Array) ||
        !is_type(a->technicians, cJSON_Array) || !is_type(a->jobs, cJSON_Array) ||
        !is_type(a->travel, cJSON_Object))
        return model_error_set(a->err, MODEL_ERR_INPUT,
                               "%s: the plan's problem lacks locations, travel, technicians or "
                               "jobs", a->sc->source);
    const char *model = string_of(a->travel, "model");
    a->haversine = model && strcmp(model, "haversine") == 0;
    const char *zone = string_of(root, "timezone");
    return io_zone_load(&a->tz, zone ? zone : "UTC", a->err);
}

model_status io_scenario_apply_json(const io_scenario *sc, const char *text, size_t len,
                                    io_scenario_result *out, model_error *err)
{
    applier a = {.sc = sc, .doc = IO_JSON_DOC_INIT, .err = err, .travel_change = -1};
    io_json_out o = IO_JSON_OUT_INIT;
    char *changed = NULL;
    model_problem *p = NULL;
    memset(out, 0, sizeof *out);
    model_status st = open_problem(&a, text, len);
    for (int i = 0; st == MODEL_OK && i < sc->n; i++)
        st = apply_one(&a, i);
    if (st == MODEL_OK) {
        print_value(&o, &a.doc, a.doc.root, 0);
        if (!(changed = io_json_out_finish(&o, err)))
            st = MODEL_ERR_NOMEM;
    }
    if (st == MODEL_OK &&
        (st = io_json_read_problem_text(changed, strlen(changed), CHANGED, &p, err)) != MODEL_OK)
        retell(&a, err);
    free(changed);
    io_json_out_free(&o);
    io_json_doc_free(&a.doc);
    model_tz_free(a.tz);
    free(a.t);
    if (st != MODEL_OK) {
        for (int k = 0; k < a.nwarn; k++)
            free(a.warn[k]);
        free(a.warn);
        return st;
    }
    out->problem = p;
    out->warnings = a.warn;
    out->nwarnings = a.nwarn;
    return MODEL_OK;
}
