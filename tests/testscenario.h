/* testscenario.h - for the what-if tests (test_io_scenario.c,
 * test_io_scenario_rules.c): a scenario text applied to a problem text, and
 * a technician or job of the result found by id. Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_TESTSCENARIO_H
#define FIELDPLAN_TESTS_TESTSCENARIO_H

#include <string.h>

#include "io/formats/scenario.h"

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
