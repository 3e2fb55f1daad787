/* test_solver_large.c - large problems (more jobs x slots than
 * SV_LARGE_CELLS): the sweep construction stops at its deadline with a
 * partial schedule that keeps every rule, and solver_solve returns a
 * checked schedule even when its time is gone before it starts. None of it
 * is timed: the deadline is made to pass, not raced. */
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/output.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"

#define NJOBS 7000 /* over MODEL_MATRIX_MAX_LOCATIONS: travel on demand */
#define NTECH 600

/* A city of NJOBS jobs around one depot, NTECH technicians with one shift
 * 08:00-17:00 and at most 8 jobs; half the jobs with a 2 h window, some
 * needing a skill half the technicians have. Times in seconds from 0. */
static model_problem *large_problem(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    int s0;
    CHECK_EQ_INT(model_problem_intern_skill(p, "s0", &s0, &err), MODEL_OK);
    char id[32];
    for (int i = 0; i <= NJOBS; i++) {
        int at;
        snprintf(id, sizeof id, "L%d", i);
        CHECK_EQ_INT(model_problem_add_location(p, id, NULL, &at, &err), MODEL_OK);
        model_location *l = &p->locations[at];
        l->lat = 52.52 + (i ? (rnd(20001) - 10000) * 1.2e-5 : 0);
        l->lon = 13.405 + (i ? (rnd(20001) - 10000) * 2.0e-5 : 0);
        l->has_coords = true;
    }
    model_problem_set_haversine(p, 30, 1.3);
    for (int t = 0; t < NTECH; t++) {
        model_technician *tech = random_add_technician(p, t);
        tech->start_location = 0;
        tech->max_jobs = 8;
        if (t % 2 == 0)
            model_skillset_add(&tech->skills, s0);
        random_add_shift(tech, 8 * 3600, 17 * 3600);
    }
    for (int j = 0; j < NJOBS; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 1800 + 900 * rnd(4);
        job->priority = rnd(4);
        if (rnd(5) == 0)
            model_skillset_add(&job->skills, s0);
        if (rnd(2)) {
            int64_t s = (8 + 2 * rnd(4)) * 3600;
            model_window win = {s, s + 7200};
            CHECK_EQ_INT(model_job_add_window(job, &win, &err), MODEL_OK);
        }
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* large_problem(), a context for it (default options) in *c and an empty
 * solution in *s; the caller frees all three. */
static model_problem *large_ctx(sv_ctx *c, sv_sol *s)
{
    model_problem *p = large_problem();
    model_error err = MODEL_ERROR_INIT;
    solver_options opt = SOLVER_OPTIONS_INIT;
    CHECK_EQ_INT(sv_ctx_init(c, p, &opt, &err), MODEL_OK);
    CHECK(sv_sol_init(c, s));
    return p;
}

typedef struct spin {
    int ticks, at; /* after `at` ticks, wait out the deadline */
    double deadline;
} spin;

static void spin_tick(void *ctx, const sv_sol *s)
{
    spin *sp = ctx;
    (void)s;
    if (++sp->ticks == sp->at)
        while (sv_now() < sp->deadline)
            ;
}

/* The sweep, with its deadline passing after 50 shifts (or earlier, on a
 * very slow machine), stops there: the jobs placed so far stay, later
 * shifts are empty, and the schedule built
 * from it passes the checker (sv_build_schedule checks it) and names the
 * cut in its reasons. */
static void test_sweep__stops_at_its_deadline_with_a_checked_partial_schedule(void)
{
    model_error err = MODEL_ERROR_INIT;
    sv_ctx c;
    sv_sol s;
    model_problem *p = large_ctx(&c, &s);
    CHECK(c.large);
    CHECK(c.compat == NULL);
    spin sp = {0, 50, sv_now() + 2.0};
    CHECK(sv_sweep_construct(&c, &s, sp.deadline, spin_tick, &sp));
    CHECK(s.time_cut);
    CHECK(sp.ticks >= 1 && sp.ticks <= 50);
    CHECK(s.nassigned > 0);
    int used_late = 0;
    for (int k = sp.ticks; k < c.nslots; k++)
        used_late += s.r[k].njobs > 0;
    CHECK_EQ_INT(used_late, 0);
    for (int u = 0; u < c.njobs; u++)
        CHECK(c.cand_n[u] <= SV_LARGE_CANDS);
    model_schedule *out = NULL;
    CHECK_EQ_INT(sv_build_schedule(&c, &s, &out, &err), MODEL_OK);
    if (out) {
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p, out, NULL, &rep, &err), MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        model_report_clear(&rep);
        CHECK_EQ_INT(out->nunassigned, NJOBS - s.nassigned);
        int cut = 0;
        for (int i = 0; i < out->nunassigned; i++)
            cut += strstr(out->unassigned[i].reason, "time limit") != NULL;
        CHECK(cut > 0);
    }
    model_schedule_free(out);
    sv_sol_free(&s);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* A sweep with time to finish fills shifts across the whole staff. */
static void test_sweep__with_time_fills_every_sector(void)
{
    model_error err = MODEL_ERROR_INIT;
    sv_ctx c;
    sv_sol s;
    model_problem *p = large_ctx(&c, &s);
    CHECK(sv_sweep_construct(&c, &s, sv_now() + 1e6, NULL, NULL));
    CHECK(!s.time_cut);
    int used = 0;
    for (int k = 0; k < c.nslots; k++)
        used += s.r[k].njobs > 0;
    CHECK(used > c.nslots * 9 / 10);
    model_schedule *out = NULL;
    CHECK_EQ_INT(sv_build_schedule(&c, &s, &out, &err), MODEL_OK);
    model_schedule_free(out);
    sv_sol_free(&s);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* solver_solve whose time was spent before it was called (the clock
 * origin a whole limit ago) still returns, with a schedule that keeps
 * every rule: nothing is placed past the deadline. */
static void test_solve__time_gone_before_the_start_returns_a_checked_schedule(void)
{
    model_problem *p = large_problem();
    model_error err = MODEL_ERROR_INIT;
    solver_options opt = SOLVER_OPTIONS_INIT;
    opt.time_limit_s = 0.5;
    opt.clock_origin_s = solver_clock() - 1.0;
    model_schedule *out = NULL;
    solver_stats st;
    CHECK_EQ_INT(solver_solve(p, &opt, &out, &st, &err), MODEL_OK);
    CHECK(out != NULL);
    if (out) {
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p, out, NULL, &rep, &err), MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        model_report_clear(&rep);
        CHECK_EQ_INT(out->nunassigned, NJOBS);
    }
    CHECK_EQ_INT(st.iterations, 0);
    model_schedule_free(out);
    model_problem_free(p);
}

TESTLIB_MAIN({"sweep__stops_at_its_deadline_with_a_checked_partial_schedule",
              test_sweep__stops_at_its_deadline_with_a_checked_partial_schedule},
             {"sweep__with_time_fills_every_sector", test_sweep__with_time_fills_every_sector},
             {"solve__time_gone_before_the_start_returns_a_checked_schedule",
              test_solve__time_gone_before_the_start_returns_a_checked_schedule})
