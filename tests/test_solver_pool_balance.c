/* test_solver_pool_balance.c - the route pool's set partitioning (pool.c)
 * with a balance cost (FORMAT.md extension 2): the MIP prices the spread
 * of working time between technicians, so that it gives up a little travel
 * to share the work, and without a balance cost it still picks the least
 * travel.
 *
 * The problem: technicians T0 and T1 at the depot L0, 08:00-16:00; jobs J0
 * at L1 and J1 at L2, an hour each; L0-L1 and L0-L2 1000 s, L1-L2 100 s.
 * Both jobs on one technician: travel 2100 s, working times 9300 s and 0
 * (balance cost rate * 9300 / 60). One job each: travel 4000 s, working
 * times 5600 s each (no balance cost). */
#include <stdlib.h>
#include <string.h>

#include "solver/pool.h"
#include "testlib.h"
#include "random_problem.h"

static model_problem *two_jobs(int64_t balance)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    static const char *ids[] = {"L0", "L1", "L2"};
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(model_problem_add_location(p, ids[i], NULL, NULL, &err), MODEL_OK);
    static const int32_t d[9] = {0, 1000, 1000, 1000, 0, 100, 1000, 100, 0};
    int32_t *dur = malloc(sizeof d);
    memcpy(dur, d, sizeof d);
    model_problem_set_matrix(p, dur, NULL, 3);
    for (int t = 0; t < 2; t++) {
        model_technician *tech = random_add_technician(p, t);
        tech->start_location = tech->end_location = 0;
        tech->max_jobs = -1;
        random_add_shift(tech, 8 * 3600, 16 * 3600);
    }
    for (int j = 0; j < 2; j++)
        random_add_job(p, j, j + 1)->duration = 3600;
    p->objective.balance_us_per_min = balance * MODEL_RATE_ONE;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* The job sequences of the pool and the incumbents: J0, J1, J0 J1. */
static const int seq_jobs[3][2] = {{0}, {1}, {0, 1}};
static const int seq_len[3] = {1, 1, 2};

/* One case: the pool is given every sequence on T0 (slot 0), which it
 * also offers to T0's twin T1: as one class without a balance cost, as
 * copies in T1's class with one (so that each column's working time has a
 * technician). The incumbent serves sequence inc[k] on slot k (-1:
 * none). What sv_pool_solve must answer, and with 1 the jobs on the
 * busier route of its result and that result's cost. */
typedef struct pool_case {
    int64_t balance;
    int inc[2];
    int want;          /* sv_pool_solve's result */
    int want_most;     /* with 1: jobs on the busier route */
    int64_t want_cost; /* with 1: sv_sol_cost of the result */
} pool_case;

static void run_case(const pool_case *pc)
{
    model_problem *p = two_jobs(pc->balance);
    solver_options opt = SOLVER_OPTIONS_INIT;
    model_error err = MODEL_ERROR_INIT;
    sv_ctx c;
    CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
    CHECK_EQ_INT(c.nslots, 2);
    sv_sol best, out;
    CHECK(sv_sol_init(&c, &best) && sv_sol_init(&c, &out));
    sv_pool *pool = sv_pool_create(&c, 100);
    CHECK(pool != NULL);
    sv_route scratch = {0};
    sv_route_cost_terms terms;
    for (int q = 0; q < 3; q++) {
        CHECK(sv_route_cost(&c, 0, seq_jobs[q], seq_len[q], &scratch, &terms));
        CHECK(sv_pool_add(pool, &scratch));
    }
    CHECK_EQ_INT(sv_pool_size(pool), pc->balance > 0 ? 6 : 3);
    for (int k = 0; k < 2; k++)
        if (pc->inc[k] >= 0)
            CHECK(sv_route_set_jobs(&c, &best.r[k], seq_jobs[pc->inc[k]], seq_len[pc->inc[k]]));
    sv_sol_recount(&c, &best);
    int got = sv_pool_solve(pool, &best, 2.0, &out);
    CHECK_EQ_INT(got, pc->want);
    if (got == 1) {
        CHECK_EQ_INT(out.nassigned, 2);
        CHECK_EQ_INT(out.r[0].njobs > out.r[1].njobs ? out.r[0].njobs : out.r[1].njobs,
                     pc->want_most);
        CHECK_EQ_INT(sv_sol_cost(&out), pc->want_cost);
        CHECK(sv_sol_compare(&out, &best) < 0);
    }
    sv_route_free(&scratch);
    sv_pool_free(pool);
    sv_sol_free(&best);
    sv_sol_free(&out);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* Both jobs on T0 cost 2100 s of travel and 9300 s of balance: one job
 * each (4000 s, no balance cost) is better, and the MIP must see it. */
static void test_balance_shares_the_work(void)
{
    run_case(&(pool_case){60, {2, -1}, 1, 1, 4000});
}

/* One job each is already the best: the shorter travel of both jobs on
 * one technician must not tempt the MIP. */
static void test_balance_keeps_a_shared_incumbent(void)
{
    run_case(&(pool_case){60, {0, 1}, 0, 0, 0});
}

/* Without a balance cost the least travel wins: both jobs on one
 * technician (2100 s) rather than one each (4000 s). */
static void test_no_balance_takes_the_least_travel(void)
{
    run_case(&(pool_case){0, {0, 1}, 1, 2, 2100});
}

TESTLIB_MAIN({"pool_balance__shares_the_work", test_balance_shares_the_work},
             {"pool_balance__keeps_a_shared_incumbent", test_balance_keeps_a_shared_incumbent},
             {"pool_balance__without_it_takes_the_least_travel",
              test_no_balance_takes_the_least_travel})
