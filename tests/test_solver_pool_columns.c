/* test_solver_pool_columns.c - column generation in the route pool's
 * recombination (pool.c's sv_pool_solve_gen with cg_recombine.c's
 * pricing): on small random problems, from a constructed schedule whose
 * routes are the only pool columns, the pricing adds routes, and whatever
 * the MIP returns keeps every rule (each route again through route.c, the
 * schedule through the checker) and is better than the incumbent: more
 * assigned weight never less, cost lower. Over the seeds it must improve
 * some incumbents (the priced routes are not all useless), and with the
 * column generation off a pool of the incumbent's routes alone never
 * improves anything. */
#include "model/check.h"
#include "solver/cg_recombine.h"
#include "solver/output.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"

#define SEEDS 12

/* Every route of s keeps the rules on its slot, checked from scratch. */
static void check_routes(const sv_ctx *c, const sv_sol *s)
{
    sv_route scratch = {0};
    int jobs[c->njobs + 1];
    for (int k = 0; k < s->nr; k++) {
        int m = sv_route_jobs(&s->r[k], jobs);
        for (int i = 0; i < m; i++)
            CHECK(sv_compat(c, jobs[i], k));
        scratch.slot = k;
        CHECK(m == 0 || sv_route_set_jobs(c, &scratch, jobs, m));
    }
    sv_route_free(&scratch);
    model_schedule *sch = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(sv_build_schedule(c, s, &sch, &err), MODEL_OK);
    model_schedule_free(sch);
}

/* One seed: 1 improved, 0 not; *added: the columns the pricing added. */
static int run_seed(bool columns, int *added)
{
    model_problem *p = random_problem_shaped(&RANDOM_ROUTES, 24, 4);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    solver_options opt = SOLVER_OPTIONS_INIT;
    sv_ctx c;
    CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
    sv_sol best = {0}, out = {0};
    CHECK(sv_sol_init(&c, &best) && sv_sol_init(&c, &out));
    CHECK(sv_construct(&c, &best, sv_now() + 5));
    sv_sol_recount(&c, &best);
    sv_pool *pool = sv_pool_create(&c, 1000);
    CHECK(pool != NULL);
    for (int k = 0; k < best.nr; k++)
        CHECK(sv_pool_add(pool, &best.r[k]));
    cg_recombiner *rec = NULL;
    CHECK(columns == (cg_recombine_get(&rec, &c, !columns) != NULL));
    sv_pool_gen gen;
    if (rec)
        gen = cg_recombine_gen(rec, 0.5);
    sv_pool_gen_info info;
    int got = sv_pool_solve_gen(pool, &best, 2.0, rec ? &gen : NULL, &info, &out);
    CHECK(got == 0 || got == 1);
    *added = info.added;
    if (got == 1) {
        check_routes(&c, &out);
        CHECK(out.unw <= best.unw);
        CHECK(sv_sol_compare(&out, &best) < 0);
        CHECK(out.unw < best.unw || sv_sol_cost(&out) < sv_sol_cost(&best));
    }
    cg_recombiner_free(rec);
    sv_pool_free(pool);
    sv_sol_free(&best);
    sv_sol_free(&out);
    sv_ctx_free(&c);
    model_problem_free(p);
    return got;
}

static void test_priced_columns_keep_the_rules_and_improve(void)
{
    int improved = 0, added = 0;
    for (int s = 0; s < SEEDS; s++) {
        int a;
        improved += run_seed(true, &a);
        added += a;
    }
    CHECK(added > 0);
    CHECK(improved > 0);
}

static void test_without_columns_the_incumbent_stays(void)
{
    for (int s = 0; s < SEEDS; s++) {
        int a;
        CHECK_EQ_INT(run_seed(false, &a), 0);
        CHECK_EQ_INT(a, 0);
    }
}

TESTLIB_MAIN({"pool_columns__priced_columns_keep_the_rules_and_improve",
              test_priced_columns_keep_the_rules_and_improve},
             {"pool_columns__without_columns_the_incumbent_stays",
              test_without_columns_the_incumbent_stays})
