/* scenario.c - reading what-if scenarios and job files (scenario.h): the
 * strict JSON reader, one kind key per change, fields type-checked and
 * times parsed (in UTC here; again in the problem's zone when applied). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_read_internal.h"
#include "io/formats/scenario_internal.h"

const char *const io_scenario_kind_key[IO_CHANGE_KINDS] = {
    [IO_CHANGE_ABSENT] = "absent",           [IO_CHANGE_SHIFT] = "shift",
    [IO_CHANGE_ADD_SKILL] = "add_skill",     [IO_CHANGE_REMOVE_SKILL] = "remove_skill",
    [IO_CHANGE_ADD_JOB] = "add_job",         [IO_CHANGE_CANCEL_JOB] = "cancel_job",
    [IO_CHANGE_UPDATE_JOB] = "update_job",   [IO_CHANGE_TRAVEL_FACTOR] = "travel_factor",
    [IO_CHANGE_ADD_LOCATION] = "add_location", [IO_CHANGE_PREFER] = "prefer",
    [IO_CHANGE_LATENESS] = "lateness",       [IO_CHANGE_OVERTIME] = "overtime",
};

/* Fields a change of each kind may carry besides its kind key ("comment"
 * is allowed everywhere). */
static const char *const fields_absent[] = {"from", "to", "date", "reason", NULL};
static const char *const fields_shift[] = {"date", "start", "end", "breaks", NULL};
static const char *const fields_skill[] = {"skill", NULL};
static const char *const fields_none[] = {NULL};
static const char *const fields_prefer[] = {"technician", "bonus_s", "remove", NULL};
static const char *const fields_lateness[] = {"max_min", "cost_s_per_min", NULL};
static const char *const fields_overtime[] = {"date", "max_min", "cost_s_per_min", NULL};
static const char *const fields_job[] = {"title", "customer", "notes", "location",
                                         "duration_min", "skills", "priority", "load",
                                         "windows", "release", "deadline", "technician",
                                         "allowed_technicians", NULL};

static const char *const *const kind_fields[IO_CHANGE_KINDS] = {
    [IO_CHANGE_ABSENT] = fields_absent,     [IO_CHANGE_SHIFT] = fields_shift,
    [IO_CHANGE_ADD_SKILL] = fields_skill,   [IO_CHANGE_REMOVE_SKILL] = fields_skill,
    [IO_CHANGE_ADD_JOB] = fields_none,      [IO_CHANGE_CANCEL_JOB] = fields_none,
    [IO_CHANGE_UPDATE_JOB] = fields_job,    [IO_CHANGE_TRAVEL_FACTOR] = fields_none,
    [IO_CHANGE_ADD_LOCATION] = fields_none, [IO_CHANGE_PREFER] = fields_prefer,
    [IO_CHANGE_LATENESS] = fields_lateness, [IO_CHANGE_OVERTIME] = fields_overtime,
};

const char *io_scenario_where(const io_scenario *sc, int i, const char *key, const char *sub,
                              char *buf, size_t size)
{
    if (sc->job_file)
        snprintf(buf, size, "%s", sub ? sub : "job");
    else
        snprintf(buf, size, "changes[%d]%s%s%s%s", i, key ? "." : "", key ? key : "",
                 sub ? "." : "", sub ? sub : "");
    return buf;
}

model_status io_scenario_fail(const io_scenario *sc, model_error *err, model_status code,
                              const char *where, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return model_error_set(err, code, "%s: %s: %s", sc->source, where, what);
}

model_status io_scenario_time_or_date(const char *text, const model_tz *tz, bool is_end,
                                      int64_t *out, model_error *err)
{
    int64_t days;
    if (strlen(text) == 10 && model_date_parse(text, &days, NULL) == MODEL_OK) {
        days += is_end;
        int y, m, d;
        model_civil_from_days(days, &y, &m, &d);
        model_civil c = {y, m, d, 0, 0, 0};
        *out = model_tz_from_civil(tz, &c);
        return MODEL_OK;
    }
    if (model_time_parse(text, tz, out, NULL) != MODEL_OK)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "'%.64s' is not an ISO 8601 time or a date (YYYY-MM-DD)", text);
    return MODEL_OK;
}

model_status io_scenario_clock(const char *text, int64_t days, const model_tz *tz, int64_t *out,
                               bool *clock, model_error *err)
{
    size_t len = strlen(text);
    int32_t secs = 0;
    model_clock_result r = MODEL_CLOCK_NONE;
    *clock = false;
    if (len >= 4 && len <= 8 && isdigit((unsigned char)text[0]))
        r = model_clock_parse(text, len, true, &secs);
    if (r == MODEL_CLOCK_RANGE)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not a time of day", text);
    if (r == MODEL_CLOCK_OK) {
        int y, mo, d;
        model_civil_from_days(days + (secs == 86400), &y, &mo, &d);
        model_civil c = {y, mo, d, secs / 3600 % 24, secs / 60 % 60, secs % 60};
        *out = model_tz_from_civil(tz, &c);
        *clock = true;
        return MODEL_OK;
    }
    if (model_time_parse(text, tz, out, NULL) != MODEL_OK)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "'%.64s' is not a time of day (HH:MM) or an ISO 8601 time", text);
    return MODEL_OK;
}

static bool is_type(const cJSON *c, int type)
{
    return c && (c->type & 0xFF) == type;
}

/* obj[key] must be a string when present (or when required). */
static model_status want_string(const io_scenario *sc, int i, const cJSON *obj, const char *key,
                                const char *sub_prefix, bool required, const char **out,
                                model_error *err)
{
    const cJSON *v = io_json_present(obj, key);
    char where[256], sub[128];
    snprintf(sub, sizeof sub, "%s%s%s", sub_prefix ? sub_prefix : "", sub_prefix ? "." : "", key);
    io_scenario_where(sc, i, NULL, sub, where, sizeof where);
    if (out)
        *out = NULL;
    if (!v) {
        if (required)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "missing (required)");
        return MODEL_OK;
    }
    if (!is_type(v, cJSON_String) || !v->valuestring)
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must be a string");
    if (!v->valuestring[0])
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must not be empty");
    if (out)
        *out = v->valuestring;
    return MODEL_OK;
}

/* The kind-key value of change i must be a non-empty string (an id). */
static model_status want_id(const io_scenario *sc, int i, model_error *err)
{
    const cJSON *v = sc->ch[i].payload;
    char where[256];
    io_scenario_where(sc, i, io_scenario_kind_key[sc->ch[i].kind], NULL, where, sizeof where);
    if (!is_type(v, cJSON_String) || !v->valuestring || !v->valuestring[0])
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must be a non-empty string (an id)");
    return MODEL_OK;
}

/* A job's "location": an id, or an object with an "id" (sub: "add_job"). */
static model_status check_location(const io_scenario *sc, int i, const cJSON *obj,
                                   const char *sub, model_error *err)
{
    const cJSON *v = io_json_present(obj, "location");
    if (!v || is_type(v, cJSON_String))
        return MODEL_OK; /* missing or wrong: the problem reader says so */
    char where[256], path[128];
    snprintf(path, sizeof path, "%s%slocation", sub ? sub : "", sub ? "." : "");
    io_scenario_where(sc, i, NULL, path, where, sizeof where);
    if (!is_type(v, cJSON_Object))
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                "must be a location id or an object {\"id\", \"lat\", \"lon\"}");
    return want_string(sc, i, v, "id", path, true, NULL, err);
}

static model_status check_time(const io_scenario *sc, int i, const cJSON *obj, const char *key,
                               const char *sub, bool clock, bool required, const model_tz *utc,
                               model_error *err)
{
    const char *text;
    model_status st = want_string(sc, i, obj, key, sub, required, &text, err);
    if (st != MODEL_OK || !text)
        return st;
    int64_t t;
    bool is_clock;
    model_error e = MODEL_ERROR_INIT;
    st = clock ? io_scenario_clock(text, 0, utc, &t, &is_clock, &e)
               : io_scenario_time_or_date(text, utc, false, &t, &e);
    if (st != MODEL_OK) {
        char where[256], path[128];
        snprintf(path, sizeof path, "%s%s%s", sub ? sub : "", sub ? "." : "", key);
        return io_scenario_fail(sc, err, st, io_scenario_where(sc, i, NULL, path, where,
                                                                sizeof where), "%s", e.msg);
    }
    return MODEL_OK;
}

static model_status check_breaks(const io_scenario *sc, int i, const cJSON *obj,
                                 const model_tz *utc, model_error *err)
{
    const cJSON *b = io_json_present(obj, "breaks");
    char where[256], sub[64];
    if (!b)
        return MODEL_OK;
    if (!is_type(b, cJSON_Array))
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                io_scenario_where(sc, i, NULL, "breaks", where, sizeof where),
                                "must be a list");
    int k = 0;
    model_status st = MODEL_OK;
    for (const cJSON *c = b->child; c && st == MODEL_OK; c = c->next, k++) {
        snprintf(sub, sizeof sub, "breaks[%d]", k);
        io_scenario_where(sc, i, NULL, sub, where, sizeof where);
        if (k >= MODEL_MAX_BREAKS_PER_SHIFT)
            return io_scenario_fail(sc, err, MODEL_ERR_LIMIT, where, "more than %d breaks",
                                    MODEL_MAX_BREAKS_PER_SHIFT);
        if (!is_type(c, cJSON_Object))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must be an object");
        if ((st = check_time(sc, i, c, "earliest", sub, true, true, utc, err)) != MODEL_OK ||
            (st = check_time(sc, i, c, "latest", sub, true, true, utc, err)) != MODEL_OK)
            return st;
        const cJSON *d = io_json_present(c, "duration_min");
        if (!io_json_is_finite(d) || d->valuedouble < 0 || d->valuedouble > 1e6) {
            char path[96];
            snprintf(path, sizeof path, "%s.duration_min", sub);
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, path, where, sizeof where),
                                    d ? "must be a number of minutes >= 0" : "missing (required)");
        }
    }
    return st;
}

/* Fields of change i other than its kind key must be the kind's. */
static model_status check_fields(const io_scenario *sc, int i, model_error *err)
{
    const char *const *allowed = kind_fields[sc->ch[i].kind];
    const char *key = io_scenario_kind_key[sc->ch[i].kind];
    char where[256];
    for (const cJSON *c = sc->ch[i].obj->child; c; c = c->next) {
        if (strcmp(c->string, key) == 0 || strcmp(c->string, "comment") == 0)
            continue;
        bool ok = false;
        for (int k = 0; allowed[k] && !ok; k++)
            ok = strcmp(c->string, allowed[k]) == 0;
        if (ok)
            continue;
        char list[256] = "";
        for (int k = 0; allowed[k]; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "",
                     allowed[k]);
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                io_scenario_where(sc, i, NULL, c->string, where, sizeof where),
                                "unknown field (\"%s\" takes %s)", key,
                                list[0] ? list : "no other field");
    }
    return MODEL_OK;
}

static model_status check_change(const io_scenario *sc, int i, const model_tz *utc,
                                 model_error *err)
{
    const cJSON *c = sc->ch[i].obj, *v = sc->ch[i].payload;
    const char *key = io_scenario_kind_key[sc->ch[i].kind];
    char where[256];
    model_status st;
    if (!sc->job_file && (st = check_fields(sc, i, err)) != MODEL_OK)
        return st;
    switch (sc->ch[i].kind) {
    case IO_CHANGE_ABSENT: {
        if ((st = want_id(sc, i, err)) != MODEL_OK ||
            (st = want_string(sc, i, c, "reason", NULL, false, NULL, err)) != MODEL_OK)
            return st;
        bool has_date = io_json_present(c, "date") != NULL;
        if (has_date && (io_json_present(c, "from") || io_json_present(c, "to")))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, "date", where, sizeof where),
                                    "give either \"date\" or \"from\" (and \"to\"), not both");
        if (has_date)
            return check_time(sc, i, c, "date", NULL, false, true, utc, err);
        if ((st = check_time(sc, i, c, "from", NULL, false, true, utc, err)) != MODEL_OK)
            return st;
        return check_time(sc, i, c, "to", NULL, false, false, utc, err);
    }
    case IO_CHANGE_SHIFT: {
        const char *date;
        int64_t days;
        if ((st = want_id(sc, i, err)) != MODEL_OK ||
            (st = want_string(sc, i, c, "date", NULL, true, &date, err)) != MODEL_OK)
            return st;
        if (strlen(date) != 10 || model_date_parse(date, &days, NULL) != MODEL_OK)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, "date", where, sizeof where),
                                    "'%.64s' is not a date (YYYY-MM-DD)", date);
        if ((st = check_time(sc, i, c, "start", NULL, true, true, utc, err)) != MODEL_OK ||
            (st = check_time(sc, i, c, "end", NULL, true, true, utc, err)) != MODEL_OK)
            return st;
        return check_breaks(sc, i, c, utc, err);
    }
    case IO_CHANGE_ADD_SKILL:
    case IO_CHANGE_REMOVE_SKILL:
        if ((st = want_id(sc, i, err)) != MODEL_OK)
            return st;
        return want_string(sc, i, c, "skill", NULL, true, NULL, err);
    case IO_CHANGE_CANCEL_JOB:
        return want_id(sc, i, err);
    case IO_CHANGE_UPDATE_JOB:
        if ((st = want_id(sc, i, err)) != MODEL_OK)
            return st;
        if (!c->child || !c->child->next)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, key, NULL, where, sizeof where),
                                    "no field to change (e.g. \"priority\", \"windows\")");
        return check_location(sc, i, c, NULL, err);
    case IO_CHANGE_ADD_JOB:
        io_scenario_where(sc, i, key, NULL, where, sizeof where);
        if (!is_type(v, cJSON_Object))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                    "must be an object (a job as in the problem format)");
        if ((st = want_string(sc, i, v, "id", sc->job_file ? NULL : key, true, NULL, err)) !=
            MODEL_OK)
            return st;
        return check_location(sc, i, v, sc->job_file ? NULL : key, err);
    case IO_CHANGE_TRAVEL_FACTOR:
        io_scenario_where(sc, i, key, NULL, where, sizeof where);
        if (!io_json_is_finite(v) || !(v->valuedouble >= 1 / IO_SCENARIO_MAX_FACTOR) ||
            v->valuedouble > IO_SCENARIO_MAX_FACTOR)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                    "must be a number from %g to %g (1.2: travel 20%% slower)",
                                    1 / IO_SCENARIO_MAX_FACTOR, IO_SCENARIO_MAX_FACTOR);
        return MODEL_OK;
    case IO_CHANGE_ADD_LOCATION:
        io_scenario_where(sc, i, key, NULL, where, sizeof where);
        if (!is_type(v, cJSON_Object))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                    "must be an object {\"id\", \"lat\", \"lon\", \"address\"}");
        return want_string(sc, i, v, "id", key, true, NULL, err);
    case IO_CHANGE_PREFER:
    case IO_CHANGE_LATENESS:
    case IO_CHANGE_OVERTIME:
        if ((st = want_id(sc, i, err)) != MODEL_OK)
            return st;
        return io_scenario_check_rule(sc, i, err);
    }
    return MODEL_OK;
}

/* Which kind key change c carries (exactly one). */
static model_status find_kind(const io_scenario *sc, int i, const cJSON *c, model_error *err)
{
    char where[256];
    io_scenario_where(sc, i, NULL, NULL, where, sizeof where);
    if (!is_type(c, cJSON_Object))
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must be an object");
    int found = -1;
    for (int k = 0; k < IO_CHANGE_KINDS; k++) {
        if (!io_json_member(c, io_scenario_kind_key[k]))
            continue;
        if (found >= 0)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                    "has both \"%s\" and \"%s\": one change per object",
                                    io_scenario_kind_key[found], io_scenario_kind_key[k]);
        found = k;
    }
    if (found < 0)
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                "no change: expected one of \"absent\", \"shift\", \"add_skill\", "
                                "\"remove_skill\", \"add_job\", \"cancel_job\", \"update_job\", "
                                "\"travel_factor\", \"add_location\", \"prefer\", "
                                "\"lateness\", \"overtime\"");
    sc->ch[i].kind = (io_change_kind)found;
    sc->ch[i].payload = io_json_member(c, io_scenario_kind_key[found]);
    sc->ch[i].obj = c;
    return MODEL_OK;
}

static model_status alloc_changes(io_scenario *sc, int n, model_error *err)
{
    size_t m = (size_t)(n ? n : 1);
    sc->n = n;
    sc->ch = calloc(m, sizeof *sc->ch);
    if (!sc->ch)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    return MODEL_OK;
}

static const char *str_of(const cJSON *obj, const char *key)
{
    const cJSON *v = io_json_present(obj, key);
    return is_type(v, cJSON_String) ? v->valuestring : NULL;
}

/* Change i (checked) as our own types, for the in-memory applier. */
static void fill_typed(io_scenario *sc, int i)
{
    const cJSON *c = sc->ch[i].obj, *v = sc->ch[i].payload;
    io_scn_typed *t = &sc->ch[i].typed;
    t->id = is_type(v, cJSON_String) ? v->valuestring : NULL;
    t->skill = str_of(c, "skill");
    t->date = str_of(c, "date");
    t->start = str_of(c, "start");
    t->end = str_of(c, "end");
    /* breaks belong to a shift change (checked when it was read); a job
     * object's "breaks" is not one of its fields and is not looked at */
    const cJSON *b = sc->ch[i].kind == IO_CHANGE_SHIFT ? io_json_present(c, "breaks") : NULL;
    t->has_breaks = b != NULL;
    for (const cJSON *x = b ? b->child : NULL; x && t->nbreaks < MODEL_MAX_BREAKS_PER_SHIFT;
         x = x->next, t->nbreaks++) {
        t->breaks[t->nbreaks].earliest = str_of(x, "earliest");
        t->breaks[t->nbreaks].latest = str_of(x, "latest");
        t->breaks[t->nbreaks].minutes = io_json_present(x, "duration_min")->valuedouble;
        t->breaks[t->nbreaks].obj = x;
    }
    if (sc->ch[i].kind == IO_CHANGE_TRAVEL_FACTOR)
        t->factor = v->valuedouble;
    if (sc->ch[i].kind == IO_CHANGE_ADD_LOCATION)
        t->loc_id = str_of(v, "id"); /* the rest is read with the location, when applied */
    io_scenario_fill_rule(sc, i);
}

/* Parses and checks; job_file with default_id for a job file. */
static model_status read_any(const char *text, size_t len, const char *source, bool job_file,
                             const char *default_id, io_scenario **out, model_error *err)
{
    *out = NULL;
    if (len > IO_SCENARIO_MAX_BYTES)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: larger than %zu bytes", source,
                               IO_SCENARIO_MAX_BYTES);
    io_scenario *sc = calloc(1, sizeof *sc);
    model_tz *utc = NULL;
    model_status st = MODEL_OK;
    if (!sc || !(sc->source = strdup(source))) {
        free(sc);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    sc->job_file = job_file;
    if ((st = io_json_parse(text, len, source, &sc->root, err)) != MODEL_OK ||
        (st = model_tz_utc(&utc, err)) != MODEL_OK)
        goto done;
    if (!is_type(sc->root, cJSON_Object)) {
        st = io_scenario_fail(sc, err, MODEL_ERR_INPUT, "top level", "must be a JSON object%s",
                              job_file ? " (a job)" : " {\"changes\": [...]}");
        goto done;
    }
    if (job_file) {
        if (default_id && !io_json_present(sc->root, "id")) {
            cJSON *id = cJSON_CreateString(default_id);
            if (!id || !cJSON_AddItemToObject(sc->root, "id", id)) {
                cJSON_Delete(id);
                st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
                goto done;
            }
        }
        if ((st = alloc_changes(sc, 1, err)) != MODEL_OK)
            goto done;
        sc->ch[0].kind = IO_CHANGE_ADD_JOB;
        sc->ch[0].obj = sc->ch[0].payload = sc->root;
        if ((st = check_change(sc, 0, utc, err)) == MODEL_OK)
            fill_typed(sc, 0);
        goto done;
    }
    const cJSON *list = io_json_present(sc->root, "changes");
    if (!is_type(list, cJSON_Array)) {
        st = io_scenario_fail(sc, err, MODEL_ERR_INPUT, "changes",
                              list ? "must be a list" : "missing (required)");
        goto done;
    }
    int n = cJSON_GetArraySize(list);
    if (n > IO_SCENARIO_MAX_CHANGES) {
        st = io_scenario_fail(sc, err, MODEL_ERR_LIMIT, "changes", "more than %d changes",
                              IO_SCENARIO_MAX_CHANGES);
        goto done;
    }
    if ((st = alloc_changes(sc, n, err)) != MODEL_OK)
        goto done;
    int i = 0;
    for (const cJSON *c = list->child; c && st == MODEL_OK; c = c->next, i++)
        if ((st = find_kind(sc, i, c, err)) == MODEL_OK &&
            (st = check_change(sc, i, utc, err)) == MODEL_OK)
            fill_typed(sc, i);
done:
    model_tz_free(utc);
    if (st != MODEL_OK) {
        io_scenario_free(sc);
        return st;
    }
    *out = sc;
    return MODEL_OK;
}

model_status io_scenario_read_text(const char *text, size_t len, const char *source,
                                   io_scenario **out, model_error *err)
{
    return read_any(text, len, source ? source : "(scenario)", false, NULL, out, err);
}

model_status io_scenario_read_job_text(const char *text, size_t len, const char *source,
                                       const char *default_id, io_scenario **out,
                                       model_error *err)
{
    return read_any(text, len, source ? source : "(job)", true, default_id, out, err);
}

static model_status read_path(const char *path, bool job_file, const char *default_id,
                              io_scenario **out, model_error *err)
{
    char *text;
    size_t len;
    *out = NULL;
    model_status st = io_json_read_file(path, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    st = read_any(text, len, path, job_file, default_id, out, err);
    free(text);
    return st;
}

model_status io_scenario_read_file(const char *path, io_scenario **out, model_error *err)
{
    return read_path(path, false, NULL, out, err);
}

model_status io_scenario_read_job_file(const char *path, const char *default_id,
                                       io_scenario **out, model_error *err)
{
    return read_path(path, true, default_id, out, err);
}

void io_scenario_set_window(io_scenario *sc, int64_t start, int64_t end)
{
    sc->has_window = true;
    sc->win_start = start;
    sc->win_end = end;
}

void io_scenario_free(io_scenario *sc)
{
    if (!sc)
        return;
    cJSON_Delete(sc->root);
    free(sc->source);
    free(sc->ch);
    free(sc);
}

int io_scenario_count(const io_scenario *sc)
{
    return sc->n;
}

const char *io_scenario_source(const io_scenario *sc)
{
    return sc->source;
}

const char *io_scenario_job_id(const io_scenario *sc)
{
    if (!sc->job_file)
        return NULL;
    const cJSON *id = io_json_present(sc->root, "id");
    return is_type(id, cJSON_String) ? id->valuestring : NULL;
}

/* A window object with both times in UTC ("+00:00"). */
static cJSON *window_object(int64_t start, int64_t end, const model_tz *utc)
{
    char a[MODEL_TIME_BUF], b[MODEL_TIME_BUF];
    cJSON *w = cJSON_CreateObject();
    if (w && (!cJSON_AddStringToObject(w, "start", model_time_format(utc, start, a)) ||
              !cJSON_AddStringToObject(w, "end", model_time_format(utc, end, b)))) {
        cJSON_Delete(w);
        return NULL;
    }
    return w;
}

char *io_scenario_to_json(const io_scenario *sc, model_error *err)
{
    if (!sc->job_file) {
        char *s = cJSON_PrintUnformatted(sc->root);
        if (!s)
            model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        return s;
    }
    model_tz *utc = NULL;
    cJSON *top = cJSON_CreateObject(), *list = cJSON_CreateArray(), *ch = cJSON_CreateObject();
    cJSON *job = cJSON_Duplicate(sc->root, true);
    char *s = NULL;
    bool ok = top && list && ch && job && model_tz_utc(&utc, err) == MODEL_OK;
    if (ok && sc->has_window) {
        cJSON *ws = cJSON_CreateArray(), *w = window_object(sc->win_start, sc->win_end, utc);
        cJSON_DeleteItemFromObjectCaseSensitive(job, "windows");
        ok = ws && w && cJSON_AddItemToArray(ws, w);
        if (!ok || !cJSON_AddItemToObject(job, "windows", ws)) {
            cJSON_Delete(ws);
            if (ok)
                ok = false;
            else
                cJSON_Delete(w);
        }
    }
    if (ok && cJSON_AddItemToObject(ch, "add_job", job)) {
        job = NULL;
        if (cJSON_AddItemToArray(list, ch)) {
            ch = NULL;
            if (cJSON_AddItemToObject(top, "changes", list)) {
                list = NULL;
                s = cJSON_PrintUnformatted(top);
            }
        }
    }
    cJSON_Delete(job);
    cJSON_Delete(ch);
    cJSON_Delete(list);
    cJSON_Delete(top);
    model_tz_free(utc);
    if (!s)
        model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    return s;
}

/* What the kind key's string names, per kind (io_scenario_change_at). */
enum { NAMES_NOTHING, NAMES_TECHNICIAN, NAMES_JOB };
static const unsigned char key_names[IO_CHANGE_KINDS] = {
    [IO_CHANGE_ABSENT] = NAMES_TECHNICIAN,    [IO_CHANGE_SHIFT] = NAMES_TECHNICIAN,
    [IO_CHANGE_ADD_SKILL] = NAMES_TECHNICIAN, [IO_CHANGE_REMOVE_SKILL] = NAMES_TECHNICIAN,
    [IO_CHANGE_CANCEL_JOB] = NAMES_JOB,       [IO_CHANGE_UPDATE_JOB] = NAMES_JOB,
    [IO_CHANGE_PREFER] = NAMES_JOB,           [IO_CHANGE_LATENESS] = NAMES_JOB,
    [IO_CHANGE_OVERTIME] = NAMES_TECHNICIAN,
};

model_status io_scenario_change_at(const io_scenario *sc, int i, const model_tz *tz,
                                   io_scenario_change *out, model_error *err)
{
    const cJSON *c = sc->ch[i].obj, *v = sc->ch[i].payload;
    memset(out, 0, sizeof *out);
    out->kind = sc->ch[i].kind;
    const char *text = is_type(v, cJSON_String) ? v->valuestring : NULL;
    if (key_names[out->kind] == NAMES_TECHNICIAN)
        out->technician = text;
    else if (key_names[out->kind] == NAMES_JOB)
        out->job = text;
    const cJSON *loc = NULL;
    char where[256];
    switch (out->kind) {
    case IO_CHANGE_ABSENT: {
        const cJSON *r = io_json_present(c, "reason");
        out->reason = is_type(r, cJSON_String) ? r->valuestring : NULL;
        const cJSON *date = io_json_present(c, "date"), *from = io_json_present(c, "from"),
                    *to = io_json_present(c, "to");
        model_error e = MODEL_ERROR_INIT;
        const char *key = date ? "date" : "from";
        if (io_scenario_time_or_date((date ? date : from)->valuestring, tz, false, &out->from,
                                     &e) != MODEL_OK)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, key, where, sizeof where),
                                    "%s", e.msg);
        out->to = MODEL_TIME_MAX;
        if ((date || to) && io_scenario_time_or_date((date ? date : to)->valuestring, tz, true,
                                                     &out->to, &e) != MODEL_OK)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, "to", where, sizeof where),
                                    "%s", e.msg);
        if (out->to <= out->from)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, date ? "date" : "to", where,
                                                      sizeof where),
                                    "the absence ends before it starts");
        break;
    }
    case IO_CHANGE_SHIFT:
        out->date = io_json_present(c, "date")->valuestring;
        break;
    case IO_CHANGE_ADD_JOB:
        out->job = io_json_present(v, "id")->valuestring;
        loc = io_json_present(v, "location");
        break;
    case IO_CHANGE_UPDATE_JOB:
        loc = io_json_present(c, "location");
        break;
    case IO_CHANGE_ADD_LOCATION:
        out->location = io_json_present(v, "id")->valuestring;
        break;
    case IO_CHANGE_OVERTIME:
        out->date = sc->ch[i].typed.date;
        break;
    default: /* the kind key names all there is */
        break;
    }
    if (is_type(loc, cJSON_Object))
        out->location = io_json_present(loc, "id")->valuestring;
    else if (is_type(loc, cJSON_String))
        out->location = loc->valuestring;
    return MODEL_OK;
}
