/* test_solver_soft.c - the solver with FORMAT.md extension 2: schedules of
 * random problems using lateness, overtime, preferred technicians, skill
 * levels and a balance cost keep every rule, and sv_route_cost (THE route
 * cost, route.h) gives each route's terms exactly as the model's summary
 * counts them. */
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/output.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"

/* More work than the shifts hold, so that lateness and overtime pay. */
static model_problem *soft_problem(int njobs, int ntech, int64_t balance)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    int gas;
    CHECK_EQ_INT(model_problem_intern_skill(p, "gas", &gas, &err), MODEL_OK);
    random_locations(p, njobs + 1, 2000, 0);
    for (int t = 0; t < ntech; t++) {
        model_technician *tech = random_add_technician(p, t);
        tech->start_location = tech->end_location = 0;
        tech->max_jobs = -1;
        model_skillset_add(&tech->skills, gas);
        CHECK_EQ_INT(model_skill_levels_set(&tech->levels, gas, 1 + t % 3, &err), MODEL_OK);
        model_shift *sh = random_add_shift(tech, 8 * 3600, 16 * 3600);
        if (t % 2 == 0)
            sh->overtime = (model_soft_limit){3600, (30 + rnd(90)) * MODEL_RATE_ONE};
        model_break br = {11 * 3600, 13 * 3600, 1800};
        CHECK_EQ_INT(model_shift_add_break(sh, &br, &err), MODEL_OK);
    }
    for (int j = 0; j < njobs; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 1800 + rnd(3600);
        if (rnd(3) == 0) {
            model_skillset_add(&job->skills, gas);
            CHECK_EQ_INT(model_skill_levels_set(&job->levels, gas, 1 + rnd(2), &err), MODEL_OK);
        }
        if (rnd(2) == 0) {
            int64_t s = 8 * 3600 + rnd(7) * 3600;
            model_window w = {s, s + 900}; /* short: some jobs must start late */
            CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
            if (rnd(2) == 0)
                job->lateness = (model_soft_limit){1800, (60 + rnd(120)) * MODEL_RATE_ONE};
        }
        if (rnd(3) == 0)
            CHECK_EQ_INT(model_job_add_preference(job, rnd(ntech), 600 + rnd(1800), &err),
                         MODEL_OK);
    }
    p->objective.balance_us_per_min = balance * MODEL_RATE_ONE;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* Each route of a solved schedule: sv_route_cost on its job sequence gives
 * the terms the model's summary gives the route alone. */
static void test_route_cost_agrees_with_the_summary(void)
{
    int64_t seen_late = 0, seen_over = 0, seen_bonus = 0; /* the terms were exercised */
    for (int round = 0; round < 6; round++) {
        model_problem *p = soft_problem(24, 3, round % 2 ? 3 : 0);
        solver_options opt = SOLVER_OPTIONS_INIT;
        opt.max_iterations = 300;
        opt.seed = (uint64_t)round + 1;
        model_schedule *s = NULL;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(solver_solve(p, &opt, &s, NULL, &err), MODEL_OK);
        if (!s) {
            model_problem_free(p);
            continue;
        }
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p, s, NULL, &rep, &err), MODEL_OK);
        for (int i = 0; i < rep.n; i++)
            fprintf(stderr, "violation: %s\n", rep.items[i]);
        CHECK_EQ_INT(rep.total, 0);
        model_report_clear(&rep);
        sv_ctx c;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        CHECK(c.soft);
        sv_route scratch = {0};
        int jobs[64];
        int64_t late = 0;
        for (int r = 0; r < s->nroutes; r++) {
            const model_route *mr = &s->routes[r];
            int m = 0, k = -1;
            for (int q = 0; q < c.nslots; q++)
                if (c.slots[q].tech == mr->technician && c.slots[q].shift == mr->shift)
                    k = q;
            for (int i = 0; i < mr->nstops; i++)
                if (mr->stops[i].kind == MODEL_STOP_JOB)
                    jobs[m++] = mr->stops[i].job;
            model_schedule *one;
            model_route *copy;
            CHECK_EQ_INT(model_schedule_create(&one, p, &err), MODEL_OK);
            CHECK_EQ_INT(model_schedule_add_route(one, mr->technician, mr->shift, &copy, &err),
                         MODEL_OK);
            for (int i = 0; i < mr->nstops; i++)
                CHECK_EQ_INT(model_route_add_stop(copy, &mr->stops[i], &err), MODEL_OK);
            model_summary sum = model_schedule_summarize(p, one);
            sv_route_cost_terms t;
            CHECK(sv_route_cost(&c, k, jobs, m, &scratch, &t));
            CHECK_EQ_INT(t.travel, sum.travel_s);
            CHECK_EQ_INT(t.lateness, sum.lateness_cost_s);
            CHECK_EQ_INT(t.overtime, sum.overtime_cost_s);
            CHECK_EQ_INT(t.bonus, sum.preference_bonus_s);
            CHECK_EQ_INT(t.cost, sum.travel_s + sum.lateness_cost_s + sum.overtime_cost_s -
                                     sum.preference_bonus_s);
            CHECK_EQ_INT(t.work, mr->stops[mr->nstops - 1].start - mr->stops[0].end);
            late += t.lateness;
            seen_late += t.lateness;
            seen_over += t.overtime;
            seen_bonus += t.bonus;
            model_schedule_free(one);
        }
        CHECK_EQ_INT(late, model_schedule_summarize(p, s).lateness_cost_s);
        sv_route_free(&scratch);
        sv_ctx_free(&c);
        model_schedule_free(s);
        model_problem_free(p);
    }
    CHECK(seen_late > 0);
    CHECK(seen_over > 0);
    CHECK(seen_bonus > 0);
}

/* A job needing gas:3 goes only to a technician with gas at level 3. */
static void test_levels_decide_who_may_serve(void)
{
    model_problem *p = soft_problem(24, 3, 0);
    int gas = model_strmap_get(&p->skill_index, "gas");
    for (int j = 0; j < p->njobs; j++) {
        int need = model_skill_levels_get(&p->jobs[j].levels, gas);
        for (int t = 0; t < p->ntechnicians; t++) {
            bool has = model_skillset_has(&p->jobs[j].skills, gas);
            bool ok = !has || model_skill_levels_get(&p->technicians[t].levels, gas) >= need;
            CHECK_EQ_INT(model_job_allows_technician(p, j, t), ok);
        }
    }
    model_problem_free(p);
}

TESTLIB_MAIN({"soft__route_cost_agrees_with_the_summary", test_route_cost_agrees_with_the_summary},
             {"soft__levels_decide_who_may_serve", test_levels_decide_who_may_serve})
