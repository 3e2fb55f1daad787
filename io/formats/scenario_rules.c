/* scenario_rules.c - the what-if changes of FORMAT.md extension 2
 * (docs/whatif.md): a job's preferred technician ("prefer"), a job's
 * lateness ("lateness") and a technician's overtime ("overtime"), read,
 * checked and applied to the copy of the problem. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_read_internal.h"
#include "io/formats/scenario_edit_internal.h"

/* Bounds as the CSV importer's (docs/schema.md). */
#define MAX_SOFT_MIN 525600
#define MAX_COST_S_PER_MIN 86400
#define MAX_BONUS_S 31536000

static bool is_type(const cJSON *c, int type)
{
    return c && (c->type & 0xFF) == type;
}

/* obj[key], when present, a whole number from 0 to max. */
static model_status want_count(const io_scenario *sc, int i, const char *key, long long max,
                               const char *unit, model_error *err)
{
    const cJSON *v = io_json_present(sc->ch[i].obj, key);
    char where[256];
    if (!v)
        return MODEL_OK;
    if (!io_json_is_finite(v) || !io_json_is_integer(v) || v->valuedouble < 0 ||
        v->valuedouble > (double)max)
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                io_scenario_where(sc, i, NULL, key, where, sizeof where),
                                "must be a whole number of %s from 0 to %lld", unit, max);
    return MODEL_OK;
}

/* obj[key], when present, a cost per minute from 0 to MAX_COST_S_PER_MIN
 * with at most 6 decimal places (model/rate.h), in millionths in *out_us
 * (0 when absent). */
static model_status want_rate(const io_scenario *sc, int i, const char *key, int64_t *out_us,
                              model_error *err)
{
    const cJSON *v = io_json_present(sc->ch[i].obj, key);
    char where[256];
    *out_us = 0;
    if (!v)
        return MODEL_OK;
    model_rate_status rs = is_type(v, cJSON_Number)
                               ? model_rate_from_double(v->valuedouble,
                                                        MAX_COST_S_PER_MIN * MODEL_RATE_ONE, out_us)
                               : MODEL_RATE_SYNTAX;
    io_scenario_where(sc, i, NULL, key, where, sizeof where);
    if (rs == MODEL_RATE_PRECISION)
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "%.15g %s", v->valuedouble,
                                model_rate_problem(rs));
    if (rs != MODEL_RATE_OK)
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                "must be a number of seconds per minute from 0 to %d",
                                MAX_COST_S_PER_MIN);
    return MODEL_OK;
}

model_status io_scenario_check_rule(const io_scenario *sc, int i, model_error *err)
{
    const cJSON *c = sc->ch[i].obj;
    char where[256];
    model_status st;
    if (sc->ch[i].kind == IO_CHANGE_PREFER) {
        const cJSON *t = io_json_present(c, "technician"), *rm = io_json_present(c, "remove");
        io_scenario_where(sc, i, NULL, "technician", where, sizeof where);
        if (!is_type(t, cJSON_String) || !t->valuestring[0])
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where,
                                    t ? "must be a non-empty string (an id)" : "missing (required)");
        if (rm && !is_type(rm, cJSON_True) && !is_type(rm, cJSON_False))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, "remove", where, sizeof where),
                                    "must be true or false");
        bool removing = is_type(rm, cJSON_True), has_bonus = io_json_present(c, "bonus_s") != NULL;
        if (removing == has_bonus)
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                    io_scenario_where(sc, i, NULL, "bonus_s", where, sizeof where),
                                    removing ? "not with \"remove\": true"
                                             : "missing (required unless \"remove\": true)");
        return want_count(sc, i, "bonus_s", MAX_BONUS_S, "seconds", err);
    }
    if (sc->ch[i].kind == IO_CHANGE_OVERTIME) {
        const cJSON *d = io_json_present(c, "date");
        int64_t days;
        io_scenario_where(sc, i, NULL, "date", where, sizeof where);
        if (d && (!is_type(d, cJSON_String) || strlen(d->valuestring) != 10 ||
                  model_date_parse(d->valuestring, &days, NULL) != MODEL_OK))
            return io_scenario_fail(sc, err, MODEL_ERR_INPUT, where, "must be a date (YYYY-MM-DD)");
    }
    int64_t rate_us;
    if ((st = want_count(sc, i, "max_min", MAX_SOFT_MIN, "minutes", err)) != MODEL_OK ||
        (st = want_rate(sc, i, "cost_s_per_min", &rate_us, err)) != MODEL_OK)
        return st;
    if (io_json_present(c, "cost_s_per_min") && !io_json_present(c, "max_min"))
        return io_scenario_fail(sc, err, MODEL_ERR_INPUT,
                                io_scenario_where(sc, i, NULL, "cost_s_per_min", where,
                                                  sizeof where),
                                "a cost without \"max_min\" (without it the limit is hard)");
    return MODEL_OK;
}

void io_scenario_fill_rule(io_scenario *sc, int i)
{
    const cJSON *c = sc->ch[i].obj;
    io_scn_typed *t = &sc->ch[i].typed;
    io_change_kind k = sc->ch[i].kind;
    if (k != IO_CHANGE_PREFER && k != IO_CHANGE_LATENESS && k != IO_CHANGE_OVERTIME)
        return;
    const cJSON *tech = io_json_present(c, "technician"), *bonus = io_json_present(c, "bonus_s");
    const cJSON *max = io_json_present(c, "max_min"), *cost = io_json_present(c, "cost_s_per_min");
    t->technician = k == IO_CHANGE_PREFER && is_type(tech, cJSON_String) ? tech->valuestring : NULL;
    t->bonus_s = bonus ? (int64_t)bonus->valuedouble : 0;
    t->remove = is_type(io_json_present(c, "remove"), cJSON_True);
    t->limit = MODEL_SOFT_LIMIT_HARD;
    if (max) {
        t->limit.max_s = (int64_t)max->valuedouble * 60;
        t->limit.cost_us_per_min = 0; /* checked by io_scenario_check_rule */
        if (cost)
            model_rate_from_double(cost->valuedouble, INT64_MAX, &t->limit.cost_us_per_min);
    }
}

/* ---- applying ---- */

/* The index of `id` in index, or -1 with "unknown WHAT 'ID' (not in the
 * plan)" named at change i's field (NULL: its kind key). */
static int lookup(scn_editor *a, int i, const model_strmap *index, const char *id,
                  const char *what, const char *field, model_status *st)
{
    int k = model_strmap_get(index, id);
    char where[256];
    *st = MODEL_OK;
    if (k < 0)
        *st = io_scenario_fail(
            a->sc, a->err, MODEL_ERR_INPUT,
            io_scenario_where(a->sc, i, field ? NULL : io_scenario_kind_key[a->sc->ch[i].kind],
                              field, where, sizeof where),
            "unknown %s '%.64s' (not in the plan)", what, id);
    return k;
}

static model_status apply_prefer(scn_editor *a, int i, model_job *j, const char *where)
{
    const io_scn_typed *c = &a->sc->ch[i].typed;
    model_status st;
    int t = lookup(a, i, &a->p->technician_index, c->technician, "technician", "technician", &st);
    if (t < 0)
        return st;
    for (int q = 0; q < j->npreferred; q++) {
        if (j->preferred[q].technician != t)
            continue;
        if (c->remove) {
            memmove(&j->preferred[q], &j->preferred[q + 1],
                    (size_t)(j->npreferred - q - 1) * sizeof *j->preferred);
            j->npreferred--;
        } else {
            j->preferred[q].bonus_s = c->bonus_s;
        }
        return MODEL_OK;
    }
    if (c->remove)
        return scn_warn(a, where, "'%s' is not a preferred technician of '%s': nothing changed",
                    c->technician, j->id);
    return model_job_add_preference(j, t, c->bonus_s, a->err);
}

static model_status apply_overtime(scn_editor *a, int i, const char *where)
{
    const io_scn_typed *c = &a->sc->ch[i].typed;
    model_status st;
    int t = lookup(a, i, &a->p->technician_index, c->id, "technician", NULL, &st);
    if (t < 0)
        return st;
    snprintf(a->tech_where[t], sizeof a->tech_where[t], "%s", where);
    model_technician *tech = &a->p->technicians[t];
    int n = 0;
    for (int k = 0; k < tech->nshifts; k++) {
        char date[MODEL_DATE_BUF];
        if (c->date && strcmp(model_shift_date(a->p, t, k, date), c->date) != 0)
            continue;
        tech->shifts[k].overtime = c->limit;
        n++;
    }
    if (n == 0)
        return scn_warn(a, where, "'%s' has no shift%s%s: nothing changed", c->id,
                    c->date ? " on " : "", c->date ? c->date : "");
    return MODEL_OK;
}

model_status scn_apply_rule(scn_editor *a, int i)
{
    char where[256];
    io_scenario_where(a->sc, i, io_scenario_kind_key[a->sc->ch[i].kind], NULL, where, sizeof where);
    if (a->sc->ch[i].kind == IO_CHANGE_OVERTIME)
        return apply_overtime(a, i, where);
    model_status st;
    int j = lookup(a, i, &a->p->job_index, a->sc->ch[i].typed.id, "job", NULL, &st);
    if (j < 0)
        return st;
    if (a->sc->ch[i].kind == IO_CHANGE_PREFER)
        return apply_prefer(a, i, &a->p->jobs[j], where);
    a->p->jobs[j].lateness = a->sc->ch[i].typed.limit;
    return MODEL_OK;
}
