/* test_solver_seg_late.c - the lateness and working time that route
 * segments carry (solver/segment.h, FORMAT.md extension 2) against
 * route_cost.c's exact terms: on random soft problems, random job
 * sequences that route.c accepts are rebuilt as segments concatenated in
 * random split orders; their lateness at the shift's start equals the
 * exact one within the rounding of each late job's cost to a second (a
 * lower bound when breakpoints had to be merged, or with several windows),
 * and with one window a job their working time equals the exact one.
 * Routes on which route.c takes a break before driving on (a segment
 * cannot: it warps) are counted and skipped. */
#include <math.h>
#include <stdlib.h>

#include "solver/segment.h"
#include "testlib.h"
#include "random_problem.h"

/* test_solver_route.c's shape with at most `windows` windows a job, most
 * jobs with one and a lateness, half the shifts with overtime, and no
 * skills, so that most sequences may be tried. */
static model_problem *late_problem(int njobs, int ntech, int windows)
{
    random_shape shape = RANDOM_ROUTES;
    shape.windows = windows + 1;
    shape.skill_one_in = 1000000;
    shape.window_spread = 3600;
    model_problem *p = random_problem_shaped(&shape, njobs, ntech);
    model_error err = MODEL_ERROR_INIT;
    for (int j = 0; j < njobs; j++) {
        model_job *job = &p->jobs[j];
        if (job->nwindows == 0 && rnd(4) != 0) { /* mostly soft jobs */
            int64_t at = 8 * 3600 + rnd(8) * 3600;
            model_window w = {at, at + 600 + rnd(3600)};
            CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
        }
        if (rnd(5) != 0)
            job->lateness = (model_soft_limit){600 + rnd(7200), 30 + rnd(150)};
    }
    for (int t = 0; t < ntech; t++)
        for (int k = 0; k < p->technicians[t].nshifts; k++)
            if (rnd(2) == 0)
                p->technicians[t].shifts[k].overtime = (model_soft_limit){3600, 60};
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* units[lo, hi) concatenated, split at random points. */
static sv_seg cat_random(const sv_ctx *c, const sv_seg *units, int lo, int hi)
{
    if (hi - lo == 1)
        return units[lo];
    int mid = lo + 1 + rnd(hi - lo - 1);
    return sv_seg_cat(c, cat_random(c, units, lo, mid), cat_random(c, units, mid, hi));
}

/* The units of route r (segment.h): the start, then each job and the end
 * with the breaks in front of it glued on; returns their number. */
static int route_units(const sv_ctx *c, const sv_route *r, sv_seg *units)
{
    const sv_slot *s = &c->slots[r->slot];
    int n = 0, from = 0;
    units[n++] = sv_seg_start(s);
    for (int i = 0; i <= r->n; i++) {
        if (i < r->n && sv_is_break(r->node[i]))
            continue;
        sv_seg x = i < r->n ? sv_seg_job(c, r->node[i]) : sv_seg_end(s);
        for (int b = i - 1; b >= from; b--)
            x = sv_seg_cat(c, sv_seg_break(&s->br[-r->node[b] - 1]), x);
        units[n++] = x;
        from = i + 1;
    }
    return n;
}

typedef struct seen {
    int routes, late_routes, merged, warped;
} seen;

/* Random sequences on random slots of p, each accepted one compared. */
static void compare_routes(const model_problem *p, bool one_window, seen *out)
{
    sv_ctx c;
    model_error err = MODEL_ERROR_INIT;
    solver_options opt = SOLVER_OPTIONS_INIT;
    CHECK_EQ_INT(sv_ctx_init_ex(&c, p, &opt, false, &err), MODEL_OK);
    int *jobs = malloc((size_t)c.njobs * sizeof *jobs);
    sv_seg *units = malloc((size_t)(2 * c.njobs + 8) * sizeof *units);
    sv_route r = {0};
    for (int trial = 0; trial < 400; trial++) {
        int k = rnd(c.nslots), m = 0, want = 1 + rnd(10);
        for (int u = rnd(c.njobs), q = 0; q < c.njobs && m < want; q++, u = (u + 1) % c.njobs)
            if (sv_compat(&c, u, k) && rnd(2) == 0)
                jobs[m++] = u;
        for (int q = m - 1; q > 0; q--) {
            int w = rnd(q + 1), t = jobs[q];
            jobs[q] = jobs[w];
            jobs[w] = t;
        }
        sv_route_cost_terms exact;
        if (m == 0 || !sv_route_cost(&c, k, jobs, m, &r, &exact))
            continue;
        int nunits = route_units(&c, &r, units), soft_jobs = 0, late_jobs = 0;
        for (int i = 0; i < r.n; i++) {
            if (sv_is_break(r.node[i]))
                continue;
            const model_job *j = &p->jobs[r.node[i]];
            soft_jobs += j->lateness.max_s >= 0 && j->nwindows > 0;
            late_jobs += model_job_late_s(j, r.fw[i + 1].t - j->duration, NULL) > 0 &&
                         j->lateness.max_s >= 0;
        }
        sv_seg x = cat_random(&c, units, 0, nunits);
        if (x.tw > 0) { /* route.c took a break before driving, segments cannot */
            out->warped++;
            continue;
        }
        const sv_slot *s = &c.slots[k];
        double late = sv_seg_late_at(&x, s->t0), want_late = (double)exact.lateness;
        CHECK(late <= want_late + 1e-6);
        bool merged = soft_jobs > SV_SEG_NBP;
        if (one_window && !merged) {
            if (!(late > want_late - late_jobs - 1e-6))
                fprintf(stderr, "slot %d: segment lateness %.3f, exact %.0f (%d late)\n", k, late,
                        want_late, late_jobs);
            CHECK(late > want_late - late_jobs - 1e-6);
        }
        if (one_window)
            CHECK_EQ_INT(sv_seg_work(s, &x), exact.work);
        out->routes++;
        out->late_routes += exact.lateness > 0;
        out->merged += merged && exact.lateness > 0;
    }
    sv_route_free(&r);
    free(units);
    free(jobs);
    sv_ctx_free(&c);
}

static void test_segment_lateness_is_route_costs(void)
{
    seen n = {0};
    for (int round = 0; round < 12; round++) {
        model_problem *p = late_problem(14, 1 + round % 3, 1);
        compare_routes(p, true, &n);
        model_problem_free(p);
    }
    printf("one window: %d routes, %d late, %d with merged breakpoints (%d warped)\n",
           n.routes, n.late_routes, n.merged, n.warped);
    CHECK(n.routes > 200);
    CHECK(n.late_routes > 30); /* lateness was exercised */
}

static void test_segment_lateness_bounds_several_windows(void)
{
    seen n = {0};
    for (int round = 0; round < 8; round++) {
        model_problem *p = late_problem(14, 2, 3);
        compare_routes(p, false, &n);
        model_problem_free(p);
    }
    printf("several windows: %d routes, %d late (%d warped)\n", n.routes, n.late_routes,
           n.warped);
    CHECK(n.routes > 100);
    CHECK(n.late_routes > 10);
}

/* Eight jobs late in any order on one long shift: more breakpoints than a
 * segment keeps. Merged, the price stays a lower bound; with every job late
 * at the shift's start it is exact but for the rounding of each job's cost
 * and of each merged point (less than its slopes for a second). */
static void test_segment_lateness_merged(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    enum { N = 8 };
    random_locations(p, N + 1, 600, 0);
    model_technician *tech = random_add_technician(p, 0);
    tech->start_location = tech->end_location = 0;
    tech->max_jobs = -1;
    model_shift *sh;
    CHECK_EQ_INT(model_technician_add_shift(tech, &sh, &err), MODEL_OK);
    sh->start = 8 * 3600;
    sh->end = 22 * 3600;
    for (int j = 0; j < N; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 600 + rnd(1200);
        model_window w = {8 * 3600 + 2700 * j, 8 * 3600 + 2700 * j + 600};
        CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
        job->lateness = (model_soft_limit){10 * 3600, 30 + rnd(150)};
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    sv_ctx c;
    solver_options opt = SOLVER_OPTIONS_INIT;
    CHECK_EQ_INT(sv_ctx_init_ex(&c, p, &opt, false, &err), MODEL_OK);
    sv_route r = {0};
    int jobs[N], capped = 0;
    double gap = 0;
    for (int trial = 0; trial < 200; trial++) {
        for (int q = 0; q < N; q++)
            jobs[q] = q;
        for (int q = N - 1; q > 0; q--) {
            int w = rnd(q + 1), t = jobs[q];
            jobs[q] = jobs[w];
            jobs[w] = t;
        }
        sv_route_cost_terms exact;
        CHECK(sv_route_cost(&c, 0, jobs, N, &r, &exact));
        sv_seg units[N + 2];
        int n = route_units(&c, &r, units);
        sv_seg x = cat_random(&c, units, 0, n), tail = cat_random(&c, units, 2, n);
        capped += tail.nbp == SV_SEG_NBP;
        double late = sv_seg_late_at(&x, c.slots[0].t0), want = (double)exact.lateness;
        CHECK_EQ_INT(x.tw, 0);
        CHECK(late <= want + 1e-6);
        CHECK(late > want - N - 2 * N * 3.0);
        gap = want - late > gap ? want - late : gap;
    }
    printf("merged: %d of 200 tails at %d breakpoints, largest gap %.1f s of cost\n", capped,
           SV_SEG_NBP, gap);
    CHECK(capped > 50);
    sv_route_free(&r);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* One job entered at t: F(t) = rate * max(0, max(t, start) - end). */
static void test_segment_lateness_of_one_job(void)
{
    model_problem *p = late_problem(30, 1, 1);
    sv_ctx c;
    model_error err = MODEL_ERROR_INIT;
    solver_options opt = SOLVER_OPTIONS_INIT;
    int tried = 0;
    CHECK_EQ_INT(sv_ctx_init_ex(&c, p, &opt, false, &err), MODEL_OK);
    for (int u = 0; u < c.njobs; u++) {
        const model_job *j = &p->jobs[u];
        sv_seg x = sv_seg_job(&c, u);
        int64_t end = j->nwindows == 1 ? j->windows[0].end : 0;
        if (j->nwindows != 1 || j->lateness.max_s < 0 || x.e > end || x.l <= end + 100)
            continue;
        tried++;
        double rate = model_soft_limit_per_s(j->lateness);
        CHECK(fabs(sv_seg_late_at(&x, end) - 0) < 1e-9);
        CHECK(fabs(sv_seg_late_at(&x, end + 100) - rate * 100) < 1e-6);
        CHECK(fabs(sv_seg_late_at(&x, x.e - 5000)) < 1e-9);
    }
    CHECK(tried > 5);
    sv_ctx_free(&c);
    model_problem_free(p);
}

TESTLIB_MAIN({"segment_lateness_is_route_costs", test_segment_lateness_is_route_costs},
             {"segment_lateness_bounds_several_windows",
              test_segment_lateness_bounds_several_windows},
             {"segment_lateness_merged", test_segment_lateness_merged},
             {"segment_lateness_of_one_job", test_segment_lateness_of_one_job})
