/* json_problem_soft.c - the JSON problem reader's fields of FORMAT.md
 * extension 2 ("Soft rules, costs and contacts"): a job's `lateness`,
 * `preferred_technicians` and `contact`, a shift's `overtime`, the
 * problem's `objective`. Each is checked as the oracle checks it, with the
 * reader's messages "SRC: WHERE.FIELD: MESSAGE" (json_problem_internal.h).
 *
 * A cost per minute is read as the exact decimal it is written as (the
 * oracle's reading, model/rate.h): up to 6 decimal places, more refused. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/formats/json_problem_internal.h"

/* Upper bounds of the numbers of extension 2 (MODEL_ERR_LIMIT past them). */
#define MAX_SOFT_MIN 525600L        /* a year of minutes */
#define MAX_RATE 1000000L           /* seconds of cost per minute */
#define MAX_RATE_US (MAX_RATE * MODEL_RATE_ONE)
#define MAX_BONUS_S 1000000000L

/* An integer obj[key] in [0, hi]; *present false when absent or null. */
static model_status get_count(io_jp_reader *r, const cJSON *obj, const char *key,
                              const char *where, long hi, bool *present, int64_t *out)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    bool number = io_jp_is_type(v, cJSON_Number) && io_json_is_finite(v) && v->valuedouble >= 0;
    if (!number || !io_json_is_integer(v))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be an integer >= 0");
    if (v->valuedouble > (double)hi)
        return io_jp_fail(r, MODEL_ERR_LIMIT, where, key, "larger than %ld", hi);
    *out = (int64_t)v->valuedouble;
    return MODEL_OK;
}

/* A cost per minute obj[key] (a number >= 0, at most 6 decimal places, at
 * most MAX_RATE) in millionths; *present false when absent or null. */
static model_status get_rate(io_jp_reader *r, const cJSON *obj, const char *key,
                             const char *where, bool *present, int64_t *out_us)
{
    const cJSON *v = io_json_present(obj, key);
    *present = v != NULL;
    if (!v)
        return MODEL_OK;
    if (!io_jp_is_type(v, cJSON_Number))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "must be a number >= 0");
    model_rate_status rs = model_rate_from_double(v->valuedouble, MAX_RATE_US, out_us);
    if (rs == MODEL_RATE_RANGE)
        return io_jp_fail(r, MODEL_ERR_LIMIT, where, key, "larger than %ld", MAX_RATE);
    if (rs == MODEL_RATE_PRECISION)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "%.15g %s", v->valuedouble,
                          model_rate_problem(rs));
    if (rs != MODEL_RATE_OK)
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key, "%s", model_rate_problem(rs));
    return MODEL_OK;
}

model_status io_jp_get_soft_limit(io_jp_reader *r, const cJSON *obj, const char *key,
                                  const char *where, model_soft_limit *out)
{
    const cJSON *v = io_json_present(obj, key);
    *out = MODEL_SOFT_LIMIT_HARD;
    if (!v)
        return MODEL_OK;
    if (!io_jp_is_type(v, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, key,
                          "must be an object with max_min and cost_s_per_min");
    char w[WHERE_MAX];
    snprintf(w, sizeof w, "%s%s%s", where, where[0] ? "." : "", key);
    bool present;
    int64_t max_min = 0, rate = 0;
    model_status st;
    if ((st = get_count(r, v, "max_min", w, MAX_SOFT_MIN, &present, &max_min)) !=
        MODEL_OK)
        return st;
    if (!present)
        return io_jp_fail(r, MODEL_ERR_INPUT, w, "max_min", "missing (required)");
    if ((st = get_rate(r, v, "cost_s_per_min", w, &present, &rate)) != MODEL_OK)
        return st;
    if (!present)
        return io_jp_fail(r, MODEL_ERR_INPUT, w, "cost_s_per_min", "missing (required)");
    *out = (model_soft_limit){max_min * 60, rate};
    return MODEL_OK;
}

model_status io_jp_get_preferred(io_jp_reader *r, model_job *j, const cJSON *obj,
                                 const char *where)
{
    const cJSON *c;
    int n;
    j->npreferred = 0;
    model_status st = io_jp_get_list(r, obj, "preferred_technicians", where, false,
                                     MODEL_MAX_TECHNICIANS, "preferred technicians", false, &c, &n);
    if (st != MODEL_OK || n < 0)
        return st;
    r->p->extension2 = true; /* even an empty list (the oracle counts it) */
    char w[WHERE_MAX];
    for (int i = 0; c; c = c->next, i++) {
        io_jp_element(w, where, "preferred_technicians", i, NULL);
        if (!io_jp_is_type(c, cJSON_Object))
            return io_jp_fail(r, MODEL_ERR_INPUT, w, "", "must be an object");
        const char *id;
        int t;
        bool present;
        int64_t bonus = 0;
        if ((st = io_jp_get_string(r, c, "technician", w, true, &id)) != MODEL_OK ||
            (st = io_jp_technician_ref(r, id, w, "technician", &t)) != MODEL_OK ||
            (st = get_count(r, c, "bonus_s", w, MAX_BONUS_S, &present, &bonus)) !=
                MODEL_OK)
            return st;
        if (!present)
            return io_jp_fail(r, MODEL_ERR_INPUT, w, "bonus_s", "missing (required)");
        char buf[64];
        for (int k = 0; k < j->npreferred; k++)
            if (j->preferred[k].technician == t)
                return io_jp_fail(r, MODEL_ERR_INPUT, w, "technician",
                                  "technician '%s' is listed twice",
                                  io_jp_shown(id, buf, sizeof buf));
        if ((st = model_job_add_preference(j, t, bonus, r->err)) != MODEL_OK)
            return io_jp_pass(r, st, w, "");
    }
    return MODEL_OK;
}

model_status io_jp_get_contact(io_jp_reader *r, model_job *j, const cJSON *obj, const char *where)
{
    static const char *const keys[3] = {"phone", "email", "notes"};
    char **dst[3] = {&j->contact.phone, &j->contact.email, &j->contact.notes};
    const cJSON *v = io_json_present(obj, "contact");
    for (int k = 0; k < 3; k++)
        model_strdup_into(dst[k], NULL, NULL);
    if (!v)
        return MODEL_OK;
    if (!io_jp_is_type(v, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, where, "contact", "must be an object");
    r->p->extension2 = true; /* even an empty one (the oracle counts it) */
    char w[WHERE_MAX];
    snprintf(w, sizeof w, "%s%scontact", where, where[0] ? "." : "");
    for (int k = 0; k < 3; k++) {
        const char *s;
        model_status st = io_jp_get_string(r, v, keys[k], w, false, &s);
        if (st != MODEL_OK || (st = model_strdup_into(dst[k], s, r->err)) != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

model_status io_jp_get_objective(io_jp_reader *r, const cJSON *doc)
{
    const cJSON *v = io_json_present(doc, "objective");
    if (!v)
        return MODEL_OK;
    if (!io_jp_is_type(v, cJSON_Object))
        return io_jp_fail(r, MODEL_ERR_INPUT, "", "objective", "must be an object");
    r->p->extension2 = true;
    bool present;
    int64_t rate = 0;
    model_status st = get_rate(r, v, "balance_cost_s_per_min", "objective", &present, &rate);
    if (st == MODEL_OK)
        r->p->objective.balance_us_per_min = rate;
    return st;
}
