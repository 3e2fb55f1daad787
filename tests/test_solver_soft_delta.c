/* test_solver_soft_delta.c - extension 2 priced incrementally: on random
 * problems with lateness, overtime, breaks, several windows and a balance
 * cost, sv_eval_replace_soft (a route's suffix functions, soft_fn.h) gives for
 * random replacements the linear soft cost and the working time of the
 * route made whole, within rounding of the exact (ceil) cost; and the
 * exact local search keeps its cost equal to sv_sol_cost after every move
 * it makes. */
#include <math.h>
#include <stdlib.h>

#include "solver/operator.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"

/* Short windows, 0-1 of them a job (max form) or 0-3 (jumps between
 * windows: the functions give way to simulation). */
static random_shape shape_of(int windows)
{
    random_shape s = RANDOM_ROUTES;
    s.windows = windows;
    s.window_spread = 2400;
    s.end_hour = 14;
    s.end_spread = 3;
    return s;
}

/* random_problem_shaped with extension 2: lateness on 2 of 3 jobs with a
 * window, overtime on half the shifts, a balance cost every other round;
 * every fourth round breaks that may start only within 5 minutes (so that
 * a later arrival makes a break be taken before driving, not after). */
static model_problem *soft_random(int round, int njobs, int ntech)
{
    random_shape shape = shape_of(round % 3 == 2 ? 4 : 2);
    model_problem *p = random_problem_shaped(&shape, njobs, ntech);
    for (int j = 0; j < p->njobs; j++)
        if (p->jobs[j].nwindows > 0 && rnd(3) != 0)
            p->jobs[j].lateness = (model_soft_limit){1800 + rnd(3) * 900, 30 + rnd(120)};
    for (int t = 0; t < p->ntechnicians; t++)
        for (int k = 0; k < p->technicians[t].nshifts; k++) {
            model_shift *sh = &p->technicians[t].shifts[k];
            if (rnd(2) == 0)
                sh->overtime = (model_soft_limit){3600, 30 + rnd(90)};
            for (int b = 0; round % 4 == 3 && b < sh->nbreaks; b++)
                sh->breaks[b].latest = sh->breaks[b].earliest + 300; /* shorter than a drive */
        }
    p->objective.balance_us_per_min = round % 2 ? (1 + rnd(4)) * MODEL_RATE_ONE : 0;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* A solved start: the construction, on a fresh context. */
static void solve_start(model_problem *p, sv_ctx *c, sv_sol *s)
{
    solver_options opt = SOLVER_OPTIONS_INIT;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(sv_ctx_init(c, p, &opt, &err), MODEL_OK);
    CHECK(c->soft);
    CHECK(sv_sol_init(c, s));
    CHECK(sv_construct(c, s, sv_now() + 60));
}

/* Route r with nodes [i, j) replaced by ins[0..m), made whole into t (the
 * breaks where they were, or as an empty route places them). */
static bool make_replaced(const sv_ctx *c, const sv_route *r, int i, int j, const int *ins, int m,
                          sv_route *t)
{
    if (r->njobs == 0)
        return sv_route_copy(t, r) && sv_route_replace(c, t, i, j, ins, m);
    t->slot = r->slot;
    t->n = 0;
    for (int q = 0; q < i; q++)
        CHECK(sv_route_append_raw(t, r->node[q]));
    for (int q = 0; q < m; q++)
        CHECK(sv_route_append_raw(t, ins[q]));
    for (int q = j; q < r->n; q++)
        CHECK(sv_route_append_raw(t, r->node[q]));
    return sv_route_update(c, t);
}

/* Jobs of route t served late. */
static int late_jobs(const sv_ctx *c, const sv_route *t)
{
    int n = 0;
    for (int q = 0; q < t->n; q++) {
        int u = t->node[q];
        if (u >= 0 && model_job_late_s(&c->p->jobs[u], t->fw[q + 1].t - c->p->jobs[u].duration,
                                       NULL) > 0)
            n++;
    }
    return n;
}

/* A random replacement of route k: 0-2 jobs (no break among them) by 0-2
 * jobs from elsewhere. Returns m, the jobs inserted, or -1. */
static int random_replacement(const sv_sol *s, int k, int *i, int *j, int *ins)
{
    const sv_route *r = &s->r[k];
    *i = rnd(r->n + 1);
    *j = *i;
    for (int len = rnd(3); len > 0 && *j < r->n && r->node[*j] >= 0; len--)
        (*j)++;
    int m = 0, want = rnd(3);
    while (m < want) {
        int u = rnd(s->nj);
        if (s->where[u] == k || (m > 0 && ins[0] == u))
            break;
        ins[m++] = u;
    }
    return m > 0 || *j > *i ? m : -1;
}

static void test_priced_soft_is_the_route_made(void)
{
    long compared = 0, late_seen = 0, rounded_off = 0;
    for (int round = 0; round < 12; round++) {
        model_problem *p = soft_random(round, 30, 3);
        sv_ctx c;
        sv_sol s;
        solve_start(p, &c, &s);
        sv_route t = {0};
        for (int trial = 0; trial < 4000; trial++) {
            int k = rnd(s.nr), i, j, ins[2];
            const sv_route *r = &s.r[k];
            int m = random_replacement(&s, k, &i, &j, ins);
            int64_t dt, dt_soft;
            if (m < 0)
                continue;
            /* the one-walk check and price accepts exactly what the
             * plain check accepts, at the same travel change */
            bool valid = sv_eval_replace(&c, r, i, j, ins, m, SV_INF, &dt);
            sv_soft_price pr;
            CHECK(sv_eval_replace_soft(&c, r, i, j, ins, m, &dt_soft, &pr) == valid);
            if (!valid)
                continue;
            CHECK(dt_soft == dt);
            CHECK(make_replaced(&c, r, i, j, ins, m, &t));
            sv_route_cost_terms terms;
            sv_route_cost_of(&c, &t, &terms);
            double exact = (double)(terms.lateness + terms.overtime);
            if (fabs(pr.soft - t.soft_lin) > 1e-6 * (1 + t.soft_lin) || pr.work != terms.work) {
                fprintf(stderr, "round %d slot %d [%d,%d)+%d: priced %.3f work %lld, made %.3f "
                        "work %lld\n", round, k, i, j, m, pr.soft, (long long)pr.work,
                        t.soft_lin, (long long)terms.work);
                CHECK(false);
            }
            CHECK(pr.soft <= exact + 1e-6);
            CHECK(exact - pr.soft <= late_jobs(&c, &t) + 1 + 1e-6);
            compared++;
            late_seen += terms.lateness > 0;
            rounded_off += exact != pr.soft;
        }
        sv_route_free(&t);
        sv_sol_free(&s);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "soft delta: %ld replacements compared, %ld with lateness, %ld rounded off\n",
            compared, late_seen, rounded_off);
    CHECK(compared > 5000);
    CHECK(late_seen > 100);
}

static void test_kept_cost_is_the_exact_cost(void)
{
    sv_ls_soft_stats all = {0};
    for (int round = 0; round < 8; round++) {
        model_problem *p = soft_random(round, 40, 4);
        sv_ctx c;
        sv_sol s;
        solve_start(p, &c, &s);
        int64_t before = sv_sol_cost(&s);
        sv_rng g = {(uint64_t)round + 1};
        sv_ls_soft_check(true);
        CHECK(sv_local_search(&c, &s, &g, sv_now() + 60));
        sv_ls_soft_stats st;
        sv_ls_soft_stats_get(&st);
        sv_ls_soft_check(false);
        CHECK_EQ_INT(st.mismatched, 0);
        CHECK(sv_sol_cost(&s) <= before);
        CHECK(st.made == 0 || sv_sol_cost(&s) < before);
        all.priced += st.priced;
        all.made += st.made;
        all.undone += st.undone;
        sv_sol_free(&s);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "soft search: %ld candidates priced, %ld moves kept, %ld undone\n",
            all.priced, all.made, all.undone);
    CHECK(all.made > 0);
}

TESTLIB_MAIN({"soft_delta__priced_soft_is_the_route_made", test_priced_soft_is_the_route_made},
             {"soft_delta__kept_cost_is_the_exact_cost", test_kept_cost_is_the_exact_cost})
