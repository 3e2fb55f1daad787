/* test_kpi.c - the KPIs of a run (model/kpi.h) on a hand-made schedule of
 * the small problem with every soft rule of FORMAT.md extension 2 set: late
 * seconds by the latest window opened, overtime, working time, the share
 * served by a preferred technician, the balance cost (exact rounding) and
 * the cost. Links the JSON reader to build the problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "model/kpi.h"
#include "model/schedule.h"
#include "model/time.h"
#include "model/tz.h"
#include "small_problem.h"
#include "testlib.h"
#include "testproblem.h"

static int64_t at(const char *iso)
{
    int64_t t = 0;
    model_error err = MODEL_ERROR_INIT;
    model_tz *utc = NULL;
    CHECK_EQ_INT(model_tz_utc(&utc, &err), MODEL_OK);
    CHECK_EQ_INT(model_time_parse(iso, utc, &t, &err), MODEL_OK);
    model_tz_free(utc);
    return t;
}

static void test_kpi__late_seconds_use_the_latest_window_opened(void)
{
    model_window w[2] = {{at("2026-11-23T08:00Z"), at("2026-11-23T10:00Z")},
                         {at("2026-11-23T12:00Z"), at("2026-11-23T14:00Z")}};
    model_job j;
    memset(&j, 0, sizeof j);
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T23:00Z"), NULL), 0); /* no windows: never late */
    j.windows = w;
    j.nwindows = 2;
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T07:00Z"), NULL), 0);
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T09:00Z"), NULL), 0);
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T11:00Z"), NULL), 3600);
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T12:30Z"), NULL), 0);
    CHECK_EQ_INT(model_job_late_s(&j, at("2026-11-23T14:20Z"), NULL), 1200);
}

/* t-1 serves J-1 20 minutes late and J-2, home 30 minutes after its shift. */
static model_schedule *schedule(const model_problem *p)
{
    model_error err = MODEL_ERROR_INIT;
    model_schedule *s = NULL;
    model_route *r = NULL;
    CHECK_EQ_INT(model_schedule_create(&s, p, &err), MODEL_OK);
    CHECK_EQ_INT(model_schedule_add_route(s, 0, 0, &r, &err), MODEL_OK);
    int64_t t0 = at("2026-11-23T08:00Z"), s1 = at("2026-11-23T12:20Z"),
            s2 = at("2026-11-23T13:30Z"), te = at("2026-11-23T17:30Z");
    model_stop stops[4] = {{MODEL_STOP_START, -1, 0, t0, t0, t0},
                           {MODEL_STOP_JOB, 0, 1, s1 - 600, s1, s1 + 3600},
                           {MODEL_STOP_JOB, 1, 2, s2, s2, s2 + 1800},
                           {MODEL_STOP_END, -1, 0, te, te, te}};
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(model_route_add_stop(r, &stops[i], &err), MODEL_OK);
    return s;
}

static void test_kpi__every_term_of_extension_2(void)
{
    model_problem *p = problem_of_text(small_problem, "small");
    if (!p)
        return;
    model_schedule *s = schedule(p);
    model_error err = MODEL_ERROR_INIT;
    /* without soft rules: the KPIs, and a cost equal to the travel */
    model_run_kpis k = model_run_kpis_compute(p, s);
    int64_t travel = model_schedule_summarize(p, s).travel_s;
    CHECK(travel > 0);
    CHECK_EQ_INT(k.late_jobs, 1);
    CHECK_EQ_INT(k.lateness_s, 1200);
    CHECK_EQ_INT(k.overtime_routes, 1);
    CHECK_EQ_INT(k.overtime_s, 1800);
    CHECK_EQ_INT(k.technicians, 2);
    CHECK_EQ_INT(k.work_min_s, 0);
    CHECK_EQ_INT(k.work_max_s, 34200);
    CHECK(k.work_mean_s == 17100.0);
    CHECK_EQ_INT(k.preferred_jobs, 0);
    CHECK(model_run_kpis_preferred_share(&k) < 0);
    CHECK_EQ_INT(k.cost, travel);
    CHECK_EQ_INT(k.lateness_cost_s + k.overtime_cost_s + k.balance_cost_s + k.preference_bonus_s, 0);
    /* with them */
    p->jobs[0].lateness = (model_soft_limit){1800, 120 * MODEL_RATE_ONE};
    p->technicians[0].shifts[0].overtime = (model_soft_limit){3600, 90 * MODEL_RATE_ONE};
    CHECK_EQ_INT(model_job_add_preference(&p->jobs[1], 0, 500, &err), MODEL_OK);
    CHECK_EQ_INT(model_job_add_preference(&p->jobs[0], 1, 900, &err), MODEL_OK);
    p->objective.balance_us_per_min = 2 * MODEL_RATE_ONE;
    k = model_run_kpis_compute(p, s);
    CHECK_EQ_INT(k.lateness_cost_s, 2400);  /* ceil(1200 * 120 / 60) */
    CHECK_EQ_INT(k.overtime_cost_s, 2700);  /* ceil(1800 * 90 / 60) */
    CHECK_EQ_INT(k.balance_cost_s, 1140);   /* floor(2 * 34200 / 60 + 1/2) */
    CHECK_EQ_INT(k.preference_bonus_s, 500); /* J-2 by t-1; J-1 not by t-2 */
    CHECK_EQ_INT(k.preferred_jobs, 2);
    CHECK_EQ_INT(k.served_by_preferred, 1);
    CHECK(model_run_kpis_preferred_share(&k) == 0.5);
    CHECK_EQ_INT(k.cost, travel + 2400 + 2700 + 1140 - 500);
    /* rounding: ceil for lateness, half up for balance */
    p->jobs[0].lateness.cost_us_per_min = MODEL_RATE_ONE;
    p->objective.balance_us_per_min = MODEL_RATE_ONE;
    k = model_run_kpis_compute(p, s);
    CHECK_EQ_INT(k.lateness_cost_s, 20);
    CHECK_EQ_INT(k.balance_cost_s, 570);
    model_run_kpis again = model_run_kpis_compute(p, s);
    CHECK(model_run_kpis_equal(&k, &again));
    model_schedule_free(s);
    model_problem_free(p);
}

static void test_kpi__balance_rounds_half_up_exactly(void)
{
    model_problem *p = problem_of_text(small_problem, "small");
    if (!p)
        return;
    model_schedule *s = schedule(p);
    /* W = (34200, 0): sum |W - M| = 34200; rate 1/min gives 570 exactly;
     * move the end by 1 s: 34201 s, 570.0166 -> 570; by 31 s: 570.516 -> 571 */
    p->objective.balance_us_per_min = MODEL_RATE_ONE;
    s->routes[0].stops[3].start += 31;
    s->routes[0].stops[3].arrival += 31;
    s->routes[0].stops[3].end += 31;
    model_run_kpis k = model_run_kpis_compute(p, s);
    CHECK_EQ_INT(k.balance_cost_s, 571);
    s->routes[0].stops[3].start -= 30;
    k = model_run_kpis_compute(p, s);
    CHECK_EQ_INT(k.balance_cost_s, 570);
    model_schedule_free(s);
    model_problem_free(p);
}

TESTLIB_MAIN({"kpi__late_seconds_use_the_latest_window_opened",
              test_kpi__late_seconds_use_the_latest_window_opened},
             {"kpi__every_term_of_extension_2", test_kpi__every_term_of_extension_2},
             {"kpi__balance_rounds_half_up_exactly", test_kpi__balance_rounds_half_up_exactly})
