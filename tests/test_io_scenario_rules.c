/* test_io_scenario_rules.c - the what-if changes of FORMAT.md extension 2
 * (docs/whatif.md): "prefer", "lateness" and "overtime" applied to the small
 * problem (small_problem.h), their warnings, and bad changes whose messages
 * name the file, the change and the field. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/scenario.h"
#include "io/formats/zonefile.h"
#include "small_problem.h"
#include "testlib.h"
#include "testscenario.h"

static void test_scenario_rules__prefer_sets_replaces_and_removes(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(small_problem,
                       "{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-2\", "
                       "\"bonus_s\": 600}, {\"prefer\": \"J-1\", \"technician\": \"t-1\", "
                       "\"bonus_s\": 900}, {\"prefer\": \"J-1\", \"technician\": \"t-2\", "
                       "\"bonus_s\": 1800}, {\"prefer\": \"J-2\", \"technician\": \"t-1\", "
                       "\"bonus_s\": 0}, {\"prefer\": \"J-2\", \"technician\": \"t-1\", "
                       "\"remove\": true}]}",
                       &r, &err),
                 MODEL_OK);
    const model_job *j = r.problem ? job(r.problem, "J-1") : NULL;
    CHECK(j && j->npreferred == 2);
    if (j && j->npreferred == 2) {
        CHECK_EQ_INT(model_job_preference_bonus(j, 1), 1800); /* t-2, replaced */
        CHECK_EQ_INT(model_job_preference_bonus(j, 0), 900);
        CHECK_EQ_INT(j->preferred[0].technician, 1);
    }
    j = r.problem ? job(r.problem, "J-2") : NULL;
    CHECK(j && j->npreferred == 0);
    CHECK_EQ_INT(r.nwarnings, 0);
    io_scenario_result_free(&r);
    /* removing one that is not listed changes nothing and says so */
    check_one_warning(small_problem,
                      "{\"changes\": [{\"prefer\": \"J-2\", \"technician\": \"t-2\", "
                      "\"remove\": true}]}",
                      "s.json: changes[0].prefer: 't-2' is not a preferred technician of 'J-2': "
                      "nothing changed");
}

static void test_scenario_rules__lateness_is_set_and_made_hard_again(void)
{
    /* a scenario, and the lateness it gives job J-1 and J-2 */
    static const struct {
        const char *text;
        int64_t max_s[2], cost_us[2];
    } cases[] = {
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 30, \"cost_s_per_min\": 120}, "
         "{\"lateness\": \"J-2\", \"max_min\": 45}]}",
         {1800, 2700}, {120 * MODEL_RATE_ONE, 0}},
        /* a fraction, exactly (2.5e-5 is 25 millionths) */
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 5, \"cost_s_per_min\": 2.5e-5}]}",
         {300, -1}, {25, 0}},
        /* hard again */
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 30}, {\"lateness\": \"J-1\"}]}",
         {-1, -1}, {0, 0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        io_scenario_result r;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(apply(small_problem, cases[i].text, &r, &err), MODEL_OK);
        for (int k = 0; k < 2 && r.problem; k++) {
            const model_job *j = job(r.problem, k ? "J-2" : "J-1");
            CHECK(j && j->lateness.max_s == cases[i].max_s[k]);
            CHECK(j && j->lateness.cost_us_per_min == cases[i].cost_us[k]);
        }
        io_scenario_result_free(&r);
    }
}

static void test_scenario_rules__overtime_on_a_day_or_every_shift(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(small_problem,
                       "{\"changes\": [{\"overtime\": \"t-1\", \"date\": \"2026-11-24\", "
                       "\"max_min\": 60, \"cost_s_per_min\": 90}, {\"overtime\": \"t-2\", "
                       "\"max_min\": 30}]}",
                       &r, &err),
                 MODEL_OK);
    if (r.problem) {
        const model_technician *t1 = &r.problem->technicians[0], *t2 = &r.problem->technicians[1];
        CHECK(t1->shifts[0].overtime.max_s < 0);
        CHECK(t1->shifts[1].overtime.max_s == 3600 &&
              t1->shifts[1].overtime.cost_us_per_min == 90 * MODEL_RATE_ONE);
        CHECK(t2->shifts[0].overtime.max_s == 1800 && t2->shifts[0].overtime.cost_us_per_min == 0);
    }
    CHECK_EQ_INT(r.nwarnings, 0);
    io_scenario_result_free(&r);
    check_one_warning(small_problem,
                      "{\"changes\": [{\"overtime\": \"t-2\", \"date\": \"2026-11-24\", "
                      "\"max_min\": 60}]}",
                      "s.json: changes[0].overtime: 't-2' has no shift on 2026-11-24: nothing "
                      "changed");
}

static void test_scenario_rules__change_at_names_job_or_technician(void)
{
    const char *text = "{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-2\", "
                       "\"bonus_s\": 5}, {\"lateness\": \"J-2\"}, {\"overtime\": \"t-1\", "
                       "\"date\": \"2026-11-23\", \"max_min\": 10}]}";
    io_scenario *sc = NULL;
    model_tz *utc = NULL;
    io_scenario_change ch[3];
    resolve_changes(text, &sc, &utc, ch, 3);
    CHECK(ch[0].kind == IO_CHANGE_PREFER && strcmp(ch[0].job, "J-1") == 0 && !ch[0].technician);
    CHECK(ch[1].kind == IO_CHANGE_LATENESS && strcmp(ch[1].job, "J-2") == 0);
    CHECK(ch[2].kind == IO_CHANGE_OVERTIME && strcmp(ch[2].technician, "t-1") == 0 &&
          strcmp(ch[2].date, "2026-11-23") == 0);
    model_tz_free(utc);
    io_scenario_free(sc);
}

static void test_scenario_rules__bad_changes_name_file_change_and_field(void)
{
    static const struct {
        const char *scenario, *message;
    } cases[] = {
        {"{\"changes\": [{\"prefer\": \"J-1\", \"bonus_s\": 5}]}",
         "s.json: changes[0].technician: missing (required)"},
        {"{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-1\"}]}",
         "s.json: changes[0].bonus_s: missing (required unless \"remove\": true)"},
        {"{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-1\", \"bonus_s\": -1}]}",
         "s.json: changes[0].bonus_s: must be a whole number of seconds from 0 to 31536000"},
        {"{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-1\", \"bonus_s\": 1, "
         "\"remove\": true}]}",
         "s.json: changes[0].bonus_s: not with \"remove\": true"},
        {"{\"changes\": [{\"prefer\": \"J-1\", \"technician\": \"t-9\", \"bonus_s\": 1}]}",
         "s.json: changes[0].technician: unknown technician 't-9' (not in the plan)"},
        {"{\"changes\": [{\"prefer\": \"J-9\", \"technician\": \"t-1\", \"bonus_s\": 1}]}",
         "s.json: changes[0].prefer: unknown job 'J-9' (not in the plan)"},
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 1.5}]}",
         "s.json: changes[0].max_min: must be a whole number of minutes from 0 to 525600"},
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 5, \"cost_s_per_min\": 0.0000001}]}",
         "s.json: changes[0].cost_s_per_min: 1e-07 has more than 6 decimal places"},
        {"{\"changes\": [{\"lateness\": \"J-1\", \"max_min\": 5, \"cost_s_per_min\": 86400.5}]}",
         "s.json: changes[0].cost_s_per_min: must be a number of seconds per minute from 0 to 86400"},
        {"{\"changes\": [{\"lateness\": \"J-1\", \"cost_s_per_min\": 5}]}",
         "s.json: changes[0].cost_s_per_min: a cost without \"max_min\""},
        {"{\"changes\": [{\"lateness\": \"J-1\", \"technician\": \"t-1\"}]}",
         "s.json: changes[0].technician: unknown field (\"lateness\" takes max_min, "
         "cost_s_per_min)"},
        {"{\"changes\": [{\"overtime\": \"t-1\", \"date\": \"24.11.2026\", \"max_min\": 5}]}",
         "s.json: changes[0].date: must be a date (YYYY-MM-DD)"},
        {"{\"changes\": [{\"overtime\": \"t-7\", \"max_min\": 5}]}",
         "s.json: changes[0].overtime: unknown technician 't-7' (not in the plan)"},
        {"{\"changes\": [{\"overtime\": 3}]}",
         "s.json: changes[0].overtime: must be a non-empty string (an id)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        io_scenario_result r;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(apply(small_problem, cases[i].scenario, &r, &err), MODEL_ERR_INPUT);
        if (!strstr(err.msg, cases[i].message))
            fprintf(stderr, "case %zu: %s\n", i, cases[i].scenario);
        CHECK_STR_CONTAINS(err.msg, cases[i].message);
        CHECK(r.problem == NULL);
        io_scenario_result_free(&r);
    }
}

TESTLIB_MAIN({"scenario_rules__prefer_sets_replaces_and_removes",
              test_scenario_rules__prefer_sets_replaces_and_removes},
             {"scenario_rules__lateness_is_set_and_made_hard_again",
              test_scenario_rules__lateness_is_set_and_made_hard_again},
             {"scenario_rules__overtime_on_a_day_or_every_shift",
              test_scenario_rules__overtime_on_a_day_or_every_shift},
             {"scenario_rules__change_at_names_job_or_technician",
              test_scenario_rules__change_at_names_job_or_technician},
             {"scenario_rules__bad_changes_name_file_change_and_field",
              test_scenario_rules__bad_changes_name_file_change_and_field})
