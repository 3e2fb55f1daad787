/* test_solver_pool_columns.c - column generation in the route pool's
 * recombination (pool.c's sv_pool_solve_gen with cg_recombine.c's
 * pricing): on small random problems, from a constructed schedule whose
 * routes are the only pool columns, the pricing adds routes, and whatever
 * the MIP returns keeps every rule (each route again through route.c, the
 * schedule through the checker) and is better than the incumbent: more
 * assigned weight never less, cost lower. Over the seeds it must improve
 * some incumbents (the priced routes are not all useless), and with the
 * column generation off a pool of the incumbent's routes alone never
 * improves anything. A solve that skips its MIP on the LP's value must be
 * right to. */
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

/* A random problem, a constructed schedule and a pool of its routes. */
typedef struct fixture {
    model_problem *p;
    sv_ctx c;
    sv_sol best, out;
    sv_pool *pool;
    cg_recombiner *rec;
} fixture;

static void fixture_init(fixture *f)
{
    f->p = random_problem_shaped(&RANDOM_ROUTES, 24, 4);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_finish(f->p, &err), MODEL_OK);
    solver_options opt = SOLVER_OPTIONS_INIT;
    CHECK_EQ_INT(sv_ctx_init(&f->c, f->p, &opt, &err), MODEL_OK);
    f->best = f->out = (sv_sol){0};
    CHECK(sv_sol_init(&f->c, &f->best) && sv_sol_init(&f->c, &f->out));
    CHECK(sv_construct(&f->c, &f->best, sv_now() + 5));
    sv_sol_recount(&f->c, &f->best);
    f->pool = sv_pool_create(&f->c, 1000);
    CHECK(f->pool != NULL);
    for (int k = 0; k < f->best.nr; k++)
        CHECK(sv_pool_add(f->pool, &f->best.r[k]));
    f->rec = NULL;
}

static void fixture_free(fixture *f)
{
    cg_recombiner_free(f->rec);
    sv_pool_free(f->pool);
    sv_sol_free(&f->best);
    sv_sol_free(&f->out);
    sv_ctx_free(&f->c);
    model_problem_free(f->p);
}

/* One seed: 1 improved, 0 not; *added: the columns the pricing added. */
static int run_seed(bool columns, int *added)
{
    fixture f;
    fixture_init(&f);
    CHECK(columns == (cg_recombine_get(&f.rec, &f.c, !columns) != NULL));
    sv_pool_gen gen;
    if (f.rec)
        gen = cg_recombine_gen(f.rec, 0.5);
    sv_pool_gen_info info;
    int got = sv_pool_solve_gen(f.pool, &f.best, 2.0, f.rec ? &gen : NULL, &info, &f.out);
    CHECK(got == 0 || got == 1);
    *added = info.added;
    if (got == 1) {
        check_routes(&f.c, &f.out);
        CHECK(f.out.unw <= f.best.unw);
        CHECK(sv_sol_compare(&f.out, &f.best) < 0);
        CHECK(f.out.unw < f.best.unw || sv_sol_cost(&f.out) < sv_sol_cost(&f.best));
    }
    fixture_free(&f);
    return got;
}

/* A solve that skips its MIP (the part's LP value above the incumbent's
 * cost - 1) is right to: where the part is the whole problem, the MIP over
 * the whole pool, run anyway, finds nothing better. Solves are repeated
 * from each improvement. Returns the skips checked. */
static int skip_seed(void)
{
    fixture f;
    fixture_init(&f);
    CHECK(cg_recombine_get(&f.rec, &f.c, false) != NULL);
    sv_pool_gen gen = cg_recombine_gen(f.rec, 0.5);
    int checked = 0, n = sv_pool_nclasses(f.pool);
    unsigned char part[n + 1];
    for (int round = 0; round < 6; round++) {
        sv_pool_next_part(f.pool, part);
        bool whole = true;
        for (int q = 0; q < n; q++)
            whole = whole && part[q];
        sv_pool_gen_info info;
        int got = sv_pool_solve_gen(f.pool, &f.best, 2.0, &gen, &info, &f.out);
        CHECK(got == 0 || got == 1);
        if (info.mip_skipped) {
            CHECK_EQ_INT(got, 0);
            CHECK(info.converged);
            if (whole) {
                CHECK_EQ_INT(sv_pool_solve(f.pool, &f.best, 2.0, &f.out), 0);
                checked++;
            }
        }
        if (got == 1)
            CHECK(sv_sol_copy(&f.best, &f.out));
    }
    fixture_free(&f);
    return checked;
}

static void test_a_skipped_mip_could_not_improve(void)
{
    int checked = 0;
    for (int s = 0; s < SEEDS; s++)
        checked += skip_seed();
    CHECK(checked > 0);
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
              test_without_columns_the_incumbent_stays},
             {"pool_columns__a_skipped_mip_could_not_improve",
              test_a_skipped_mip_could_not_improve})
