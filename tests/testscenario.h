/* testscenario.h - for the what-if tests (test_io_scenario.c,
 * test_io_scenario_rules.c): a scenario text applied to a problem text (and
 * a check of its one warning), its changes resolved in UTC, and a
 * technician or job of the result found by id. Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_TESTSCENARIO_H
#define FIELDPLAN_TESTS_TESTSCENARIO_H

#include <string.h>

#include "io/formats/scenario.h"
#include "io/formats/zonefile.h"

/* Reads scenario text (named s.json) and applies it to problem text p;
 * *res is the caller's (io_scenario_result_free) whatever it returns. */
static inline model_status apply(const char *p, const char *scenario, io_scenario_result *res,
                                 model_error *err)
{
    io_scenario *sc = NULL;
    memset(res, 0, sizeof *res);
    model_status st = io_scenario_read_text(scenario, strlen(scenario), "s.json", &sc, err);
    if (st == MODEL_OK)
        st = io_scenario_apply(sc, p, strlen(p), res, err);
    io_scenario_free(sc);
    return st;
}

/* Applies scenario to problem text p, expecting success and one warning,
 * which contains want. */
static inline void check_one_warning(const char *p, const char *scenario, const char *want)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(p, scenario, &r, &err), MODEL_OK);
    CHECK_EQ_INT(r.nwarnings, 1);
    CHECK_STR_CONTAINS(r.nwarnings ? r.warnings[0] : NULL, want);
    io_scenario_result_free(&r);
}

/* Reads scenario text (named s.json) into *sc and resolves its first n
 * changes in UTC (*utc) into ch[n]; the caller frees *sc and *utc. */
static inline void resolve_changes(const char *text, io_scenario **sc, model_tz **utc,
                                   io_scenario_change *ch, int n)
{
    model_error err = MODEL_ERROR_INIT;
    memset(ch, 0, (size_t)n * sizeof *ch);
    CHECK_EQ_INT(io_scenario_read_text(text, strlen(text), "s.json", sc, &err), MODEL_OK);
    CHECK_EQ_INT(io_zone_load(utc, "UTC", &err), MODEL_OK);
    for (int i = 0; i < n && *sc && *utc; i++)
        CHECK_EQ_INT(io_scenario_change_at(*sc, i, *utc, &ch[i], &err), MODEL_OK);
}

/* Technician id of p, NULL when there is none. */
static inline const model_technician *tech(const model_problem *p, const char *id)
{
    int t = model_strmap_get(&p->technician_index, id);
    return t >= 0 ? &p->technicians[t] : NULL;
}

/* Job id of p, NULL when there is none. */
static inline const model_job *job(const model_problem *p, const char *id)
{
    int j = model_strmap_get(&p->job_index, id);
    return j >= 0 ? &p->jobs[j] : NULL;
}

#endif
