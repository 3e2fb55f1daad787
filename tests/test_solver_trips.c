/* test_solver_trips.c - the bounds from the jobs' round trips to the
 * shifts' starts and ends (solver/cg_trips.c): the radial travel bound
 * (cg_radial.c) and the time-knapsack weight bound (cg_knap.c). The radial
 * one never above the brute-force optimum of tiny random problems (windows, skills,
 * breaks, loads, job limits, several shifts; some of long jobs, some whose
 * travel matrix breaks the triangle inequality, some whose technicians
 * start and end at homes), and exact on two problems
 * built for it: one where each job needs a route of its own, one where two
 * jobs fit one shift only without its travel. The knapsack never above the
 * least unassigned weight of the same tiny problems, and exact where a
 * job's round trip leaves no room for a second. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"
#include "brute_force.h"

/* The radial bound of p (finished); *forced (NULL: not wanted) the weight
 * of its jobs no shift may serve, *knap (NULL: not wanted) the knapsack's
 * weight bound. */
static double bounds_of(const model_problem *p, int64_t *forced, int64_t *knap)
{
    solver_options opt = SOLVER_OPTIONS_INIT;
    model_error err = MODEL_ERROR_INIT;
    sv_ctx c;
    cg_ctx g;
    CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
    CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
    double lb = cg_radial_bound(&g);
    if (forced)
        *forced = cg_forced_weight(&g);
    if (knap)
        *knap = cg_knap_weight(&g, 10);
    cg_ctx_free(&g);
    sv_ctx_free(&c);
    return lb;
}

static void test_trips__never_above_brute_force_optimum(void)
{
    int served = 0, positive = 0, long_jobs = 0, skewed = 0, homes = 0, knap_above = 0;
    for (int round = 0; round < 240; round++) {
        model_problem *p = random_problem_shaped(&RANDOM_TINY, 4 + rnd(4), 1 + rnd(2));
        model_error err = MODEL_ERROR_INIT;
        if (round % 5 == 3) /* from home to home: the groups' starts and ends differ */
            for (int t = 0; t < p->ntechnicians; t++) {
                p->technicians[t].start_location = rnd(p->nlocations);
                p->technicians[t].end_location = rnd(p->nlocations);
            }
        CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        if (round % 3 == 1)
            for (int j = 0; j < p->njobs; j++)
                p->jobs[j].duration = 2400 + rnd(4800);
        if (round % 4 == 2 && p->travel.durations) {
            /* some legs three times as long: a detour may beat them, so
             * only shortest paths bound a route's way out and back */
            int n = p->travel.n;
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                    if (a != b && rnd(3) == 0)
                        p->travel.durations[(size_t)a * n + b] *= 3;
        }
        int64_t wf, wbest, knap;
        double lb = bounds_of(p, &wf, &knap);
        int64_t optimum = brute_force(p, wf, &wbest);
        if (knap > wbest)
            fprintf(stderr, "round %d: knapsack weight %lld above the least %lld\n", round,
                    (long long)knap, (long long)wbest);
        CHECK(knap <= wbest);
        knap_above += knap > wf;
        if (optimum != INT64_MAX) {
            if (lb > (double)optimum + 1e-6)
                fprintf(stderr, "round %d: radial bound %.9f above the optimum %lld\n", round,
                        lb, (long long)optimum);
            CHECK(lb <= (double)optimum + 1e-6);
            served++;
            positive += lb > 0;
            long_jobs += round % 3 == 1;
            skewed += round % 4 == 2;
            homes += round % 5 == 3;
        }
        model_problem_free(p);
    }
    fprintf(stderr, "radial bound: %d problems served (%d of long jobs, %d skewed matrices, %d "
            "from homes), %d bounds above 0; knapsack above the forced weight in %d\n", served,
            long_jobs, skewed, homes, positive, knap_above);
    CHECK(served >= 40);
    CHECK(long_jobs >= 5);
    CHECK(skewed >= 5);
    CHECK(homes >= 5);
    CHECK(positive * 4 >= served * 3);
    CHECK(knap_above >= 10);
}

/* A problem of nloc locations L0.. with travel matrix m (the problem's from
 * here on), ntech technicians of one shift 08:00-16:00 (no break) starting
 * and ending at home[t], and job j at location at[j] of duration dur[j]. */
static model_problem *built(int nloc, int32_t *m, int ntech, const int *home, int njobs,
                            const int *at, const int64_t *dur)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    for (int a = 0; a < nloc; a++) {
        char id[16];
        snprintf(id, sizeof id, "L%d", a);
        CHECK_EQ_INT(model_problem_add_location(p, id, NULL, NULL, &err), MODEL_OK);
    }
    model_problem_set_matrix(p, m, NULL, nloc);
    for (int t = 0; t < ntech; t++) {
        model_technician *tech = random_add_technician(p, t);
        tech->start_location = tech->end_location = home[t];
        random_add_shift(tech, 8 * 3600, 16 * 3600);
    }
    for (int j = 0; j < njobs; j++)
        random_add_job(p, j, at[j])->duration = dur[j];
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* One depot (L0, every technician's home) and jobs at L1..: depot legs
 * out[l] each way, legs between jobs `between`. */
static model_problem *star(int nloc, const int32_t *out, int32_t between, int ntech, int njobs,
                           const int *at, const int64_t *dur)
{
    int32_t *m = malloc((size_t)nloc * nloc * sizeof *m);
    for (int a = 0; a < nloc; a++)
        for (int b = 0; b < nloc; b++)
            m[a * nloc + b] = a == b ? 0 : a == 0 ? out[b] : b == 0 ? out[a] : between;
    static const int homes[8] = {0};
    return built(nloc, m, ntech, homes, njobs, at, dur);
}

/* That p's optimum (serving every job) is `want` and so is its radial
 * bound; frees p. */
static void check_exact(model_problem *p, const char *what, int64_t want)
{
    int64_t w, optimum = brute_force(p, 0, &w);
    double lb = bounds_of(p, NULL, NULL);
    fprintf(stderr, "%s: radial %.1f, optimum %lld\n", what, lb, (long long)optimum);
    CHECK_EQ_INT((int)optimum, (int)want);
    CHECK(fabs(lb - (double)want) < 1e-6);
    model_problem_free(p);
}

/* Three 7-hour jobs 10, 20 and 30 minutes out: a route each, 7,200 s in
 * all, which the bound finds (each route's jobs must fit its shift less
 * its travel). Two 4-hour jobs at one place 30 minutes out: their 8 hours
 * fill a shift without its travel, so they take two routes, 7,200 s. */
static void test_trips__radial_exact_where_each_route_goes_out_and_back(void)
{
    static const int32_t out3[] = {0, 600, 1200, 1800};
    static const int at3[] = {1, 2, 3};
    static const int64_t dur3[] = {7 * 3600, 7 * 3600, 7 * 3600};
    check_exact(star(4, out3, 3600, 3, 3, at3, dur3), "three far jobs", 7200);
    static const int32_t out1[] = {0, 1800};
    static const int at1[] = {1, 1};
    static const int64_t dur1[] = {4 * 3600, 4 * 3600};
    check_exact(star(2, out1, 0, 2, 2, at1, dur1), "two jobs, one place", 7200);
}

/* Two depots, a job 10 minutes from the first and 50 from the second:
 * served from the first, 1,200 s, and the bound takes the nearer depot. */
static void test_trips__radial_takes_the_nearest_start(void)
{
    static const int32_t legs[9] = {0, 3000, 600, 3000, 0, 3000, 600, 3000, 0};
    static const int homes[] = {0, 1}, at[] = {2};
    static const int64_t dur[] = {3600};
    int32_t *m = malloc(sizeof legs);
    memcpy(m, legs, sizeof legs);
    check_exact(built(3, m, 2, homes, 1, at, dur), "two depots", 1200);
}

/* One shift of 8 hours, two 4-hour jobs 30 minutes out (weights 1 and
 * 2): their service fills the shift, so with the round trip only one fits
 * and the lighter is left, weight 1; the knapsack sees it (4 h (1 +
 * 3600 / 28800) each: 9 h > 8 h, so more than 1/9 of the lighter is left,
 * rounded up to 1). */
static void test_trips__knapsack_counts_the_round_trips(void)
{
    static const int32_t out[] = {0, 1800};
    static const int at[] = {1, 1};
    static const int64_t dur[] = {4 * 3600, 4 * 3600};
    model_problem *p = star(2, out, 0, 1, 2, at, dur);
    p->jobs[1].priority = 1;
    int64_t w, knap;
    brute_force(p, 0, &w);
    bounds_of(p, NULL, &knap);
    fprintf(stderr, "two jobs, one shift: knapsack weight %lld, least %lld\n", (long long)knap,
            (long long)w);
    CHECK_EQ_INT((int)w, 1);
    CHECK_EQ_INT((int)knap, 1);
    model_problem_free(p);
}

/* A 9-hour job and a shift of 8: rule 1 lets the technician serve it, the
 * shift has no time for it. The knapsack has no pair (no LP: GLPK takes
 * none empty) and bounds nothing; the radial bound finds no round trip. */
static void test_trips__nothing_fits_a_shift(void)
{
    static const int32_t out[] = {0, 600};
    static const int at[] = {1};
    static const int64_t dur[] = {9 * 3600};
    model_problem *p = star(2, out, 0, 1, 1, at, dur);
    int64_t forced, knap;
    double lb = bounds_of(p, &forced, &knap);
    CHECK_EQ_INT((int)forced, 0);
    CHECK_EQ_INT((int)knap, 0);
    CHECK(lb == 0);
    model_problem_free(p);
}

TESTLIB_MAIN({"trips__never_above_brute_force_optimum",
              test_trips__never_above_brute_force_optimum},
             {"trips__radial_exact_where_each_route_goes_out_and_back",
              test_trips__radial_exact_where_each_route_goes_out_and_back},
             {"trips__radial_takes_the_nearest_start", test_trips__radial_takes_the_nearest_start},
             {"trips__knapsack_counts_the_round_trips",
              test_trips__knapsack_counts_the_round_trips},
             {"trips__nothing_fits_a_shift", test_trips__nothing_fits_a_shift})
