/* test_solver_seg_late.c - the side chain of the penalised search's route
 * segments (solver/segment_late.h, FORMAT.md extension 2) against
 * route_cost.c's exact terms, and the balance totals the penalised search
 * keeps. On random soft problems, random job sequences that route.c
 * accepts are rebuilt as main + side segments concatenated in random split
 * orders: their lateness at the shift's start equals the exact one within
 * the rounding of each late job's cost to a second (a lower bound when
 * breakpoints had to be merged, or with several windows), and with one
 * window a job their working time equals the exact one. Routes on which
 * route.c takes a break before driving on (a segment cannot: it warps) are
 * counted and skipped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/output.h"
#include "solver/segment.h"
#include "testlib.h"
#include "random_problem.h"

/* test_solver_route.c's shape with at most `windows` windows a job, most
 * jobs with one and a lateness, half the shifts with overtime, and no
 * skills, so that most sequences may be tried; `balance` s/min of balance
 * cost (0: none). Not finished. */
static model_problem *late_problem_unfinished(int njobs, int ntech, int windows, bool breaks)
{
    random_shape shape = RANDOM_ROUTES;
    shape.windows = windows + 1;
    shape.skill_one_in = 1000000;
    shape.window_spread = 3600;
    shape.breaks = breaks;
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
            job->lateness = (model_soft_limit){600 + rnd(7200), (30 + rnd(150)) * MODEL_RATE_ONE};
    }
    for (int t = 0; t < ntech; t++)
        for (int k = 0; k < p->technicians[t].nshifts; k++)
            if (rnd(2) == 0)
                p->technicians[t].shifts[k].overtime = (model_soft_limit){3600, 60 * MODEL_RATE_ONE};
    return p;
}

static model_problem *late_problem(int njobs, int ntech, int windows)
{
    model_problem *p = late_problem_unfinished(njobs, ntech, windows, true);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* units[lo, hi) concatenated, split at random points. */
static sv_lseg cat_random(const sv_ctx *c, const sv_lseg *units, int lo, int hi)
{
    if (hi - lo == 1)
        return units[lo];
    int mid = lo + 1 + rnd(hi - lo - 1);
    sv_lseg a = cat_random(c, units, lo, mid), b = cat_random(c, units, mid, hi), r;
    sv_lseg_cat(c, &r, &a, &b, true);
    return r;
}

/* The units of route r (segment.h): the start, then each job and the end
 * with the breaks in front of it glued on; returns their number. */
static int route_units(const sv_ctx *c, const sv_route *r, sv_lseg *units)
{
    const sv_slot *s = &c->slots[r->slot];
    sv_late none = sv_late_none(SV_SEG_BIG), brk = sv_late_none(-SV_SEG_BIG);
    int n = 0, from = 0;
    units[n++] = sv_lseg_start(s, true);
    for (int i = 0; i <= r->n; i++) {
        if (i < r->n && sv_is_break(r->node[i]))
            continue;
        sv_late f = i < r->n ? sv_late_job(c, r->node[i]) : none;
        sv_seg xs = i < r->n ? sv_seg_job(c, r->node[i]) : sv_seg_end(s);
        sv_lseg x = sv_lseg_of(xs, &f, true);
        for (int b = i - 1; b >= from; b--) {
            sv_lseg y = sv_lseg_of(sv_seg_break(&s->br[-r->node[b] - 1]), &brk, true);
            sv_lseg_cat(c, &x, &y, &x, true);
        }
        units[n++] = x;
        from = i + 1;
    }
    return n;
}

typedef struct seen {
    int routes, late_routes, merged, warped;
} seen;

/* Shuffles jobs[0..m). */
static void shuffle(int *jobs, int m)
{
    for (int q = m - 1; q > 0; q--) {
        int w = rnd(q + 1), t = jobs[q];
        jobs[q] = jobs[w];
        jobs[w] = t;
    }
}

/* The jobs of route r with a lateness (*soft) and those served late (*late). */
static void count_soft(const model_problem *p, const sv_route *r, int *soft, int *late)
{
    *soft = *late = 0;
    for (int i = 0; i < r->n; i++) {
        if (sv_is_break(r->node[i]))
            continue;
        const model_job *j = &p->jobs[r->node[i]];
        *soft += j->lateness.max_s >= 0 && j->nwindows > 0;
        *late += model_job_late_s(j, r->fw[i + 1].t - j->duration, NULL) > 0 &&
                 j->lateness.max_s >= 0;
    }
}

/* Random sequences on random slots of p, each accepted one compared. */
static void compare_routes(const model_problem *p, bool one_window, seen *out)
{
    sv_ctx c;
    model_error err = MODEL_ERROR_INIT;
    solver_options opt = SOLVER_OPTIONS_INIT;
    CHECK_EQ_INT(sv_ctx_init_ex(&c, p, &opt, false, &err), MODEL_OK);
    int *jobs = malloc((size_t)c.njobs * sizeof *jobs);
    sv_lseg *units = malloc((size_t)(2 * c.njobs + 8) * sizeof *units);
    sv_route r = {0};
    for (int trial = 0; trial < 400; trial++) {
        int k = rnd(c.nslots), m = 0, want = 1 + rnd(10);
        for (int u = rnd(c.njobs), q = 0; q < c.njobs && m < want; q++, u = (u + 1) % c.njobs)
            if (sv_compat(&c, u, k) && rnd(2) == 0)
                jobs[m++] = u;
        shuffle(jobs, m);
        sv_route_cost_terms exact;
        if (m == 0 || !sv_route_cost(&c, k, jobs, m, &r, &exact))
            continue;
        int nunits = route_units(&c, &r, units), soft_jobs, late_jobs;
        count_soft(p, &r, &soft_jobs, &late_jobs);
        sv_lseg x = cat_random(&c, units, 0, nunits);
        if (x.x.tw > 0) { /* route.c took a break before driving, segments cannot */
            out->warped++;
            continue;
        }
        const sv_slot *s = &c.slots[k];
        double late = sv_late_at(&x.f, s->t0), want_late = (double)exact.lateness;
        CHECK(late <= want_late + 1e-6);
        bool merged = soft_jobs > SV_LATE_NBP;
        if (one_window && !merged) {
            if (!(late > want_late - late_jobs - 1e-6))
                fprintf(stderr, "slot %d: side lateness %.3f, exact %.0f (%d late)\n", k, late,
                        want_late, late_jobs);
            CHECK(late > want_late - late_jobs - 1e-6);
        }
        if (one_window)
            CHECK_EQ_INT(sv_lseg_work(s->t0, &x), exact.work);
        out->routes++;
        out->late_routes += exact.lateness > 0;
        out->merged += merged && exact.lateness > 0;
    }
    sv_route_free(&r);
    free(units);
    free(jobs);
    sv_ctx_free(&c);
}

static void test_side_lateness_is_route_costs(void)
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

static void test_side_lateness_bounds_several_windows(void)
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
 * side keeps. Merged, the price stays a lower bound; with every job late
 * at the shift's start it is exact but for the rounding of each job's cost
 * and of each merged point (less than its slopes for a second). */
static void test_side_lateness_merged(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    enum { N = 8 };
    random_locations(p, N + 1, 600, 0);
    random_add_home_technician(p, 0, 8 * 3600, 22 * 3600);
    for (int j = 0; j < N; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 600 + rnd(1200);
        model_window w = {8 * 3600 + 2700 * j, 8 * 3600 + 2700 * j + 600};
        CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
        job->lateness = (model_soft_limit){10 * 3600, (30 + rnd(150)) * MODEL_RATE_ONE};
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
        shuffle(jobs, N);
        sv_route_cost_terms exact;
        CHECK(sv_route_cost(&c, 0, jobs, N, &r, &exact));
        sv_lseg units[N + 2];
        int n = route_units(&c, &r, units);
        sv_lseg x = cat_random(&c, units, 0, n), tail = cat_random(&c, units, 2, n);
        capped += tail.f.n == SV_LATE_NBP;
        double late = sv_late_at(&x.f, c.slots[0].t0), want = (double)exact.lateness;
        CHECK_EQ_INT(x.x.tw, 0);
        CHECK(late <= want + 1e-6);
        CHECK(late > want - N - 2 * N * 3.0);
        gap = want - late > gap ? want - late : gap;
    }
    printf("merged: %d of 200 tails at %d breakpoints, largest gap %.1f s of cost\n", capped,
           SV_LATE_NBP, gap);
    CHECK(capped > 50);
    sv_route_free(&r);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* One job entered at t: F(t) = rate * max(0, max(t, start) - end). */
static void test_side_lateness_of_one_job(void)
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
        sv_late f = sv_late_job(&c, u);
        int64_t end = j->nwindows == 1 ? j->windows[0].end : 0;
        if (j->nwindows != 1 || j->lateness.max_s < 0 || x.e > end || x.l <= end + 100)
            continue;
        tried++;
        double rate = model_soft_limit_per_s(j->lateness);
        CHECK(fabs(sv_late_at(&f, end) - 0) < 1e-9);
        CHECK(fabs(sv_late_at(&f, end + 100) - rate * 100) < 1e-6);
        CHECK(fabs(sv_late_at(&f, x.e - 5000)) < 1e-9);
    }
    CHECK(tried > 5);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* P's balance totals recounted: the loaded routes' working times as their
 * segments give them, the others' as the solution has them. Checks each
 * loaded route without breaks against route_cost.c too; returns how many. */
static int check_balance_totals(const sv_ctx *c, sv_pls *P, const sv_sol *s, sv_route *scratch)
{
    int64_t *want = calloc((size_t)P->bal.n + 1, sizeof *want);
    int exact_checked = 0;
    for (int k = 0; k < c->nslots; k++) {
        const sv_seg_route *R = &P->r[k];
        int at = P->bal.at[c->slots[k].tech];
        if (at >= 0)
            want[at] += P->loaded[k] ? R->work : s->r[k].work;
        sv_route_cost_terms exact;
        if (!P->loaded[k] || R->m == 0 || !sv_route_cost(c, k, R->job, R->m, scratch, &exact))
            continue;
        sv_lseg whole = sv_lseg_pre(R, 0, true), suf = sv_lseg_suf(R, 0, true);
        sv_lseg_cat(c, &whole, &whole, &suf, true);
        if (whole.x.tw == 0) {
            CHECK_EQ_INT(R->work, exact.work);
            exact_checked++;
        }
    }
    for (int q = 0; q < P->bal.n; q++)
        CHECK_EQ_INT(P->bal.work[q], want[q]);
    sv_balance_reprice(&P->bal, c);
    CHECK_EQ_INT(P->bal.cost, model_balance_cost(c->balance, want, P->bal.n));
    free(want);
    return exact_checked;
}

/* Moves of the penalised search on problems with a balance cost (and
 * lateness, one window a job, no breaks): after every move the totals it
 * keeps equal a recount, and a whole run hands back a valid schedule. */
static void test_pls_balance_totals_are_recounts(void)
{
    int moves = 0, exact = 0;
    for (int round = 0; round < 6; round++) {
        model_problem *p = late_problem_unfinished(30, 3 + round % 2, 1, false);
        p->objective.balance_us_per_min = (1 + round) * MODEL_RATE_ONE;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        sv_ctx c;
        sv_sol s;
        solver_options opt = SOLVER_OPTIONS_INIT;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        CHECK(sv_sol_init(&c, &s));
        CHECK(sv_construct(&c, &s, sv_now() + 60));
        sv_penalty pen;
        sv_penalty_init(&c, &s, &pen);
        sv_pls *P = sv_pls_create(&c);
        CHECK(P != NULL && P->side && P->seen_work != NULL);
        sv_pls_begin(P, &s, &pen);
        P->deadline = sv_now() + 60;
        sv_route scratch = {0};
        for (int step = 0; step < 300; step++) {
            int u = rnd(c.njobs);
            if (P->where[u] < 0 || !sv_seg_load(P, P->where[u]))
                continue;
            moves += sv_pls_improve(P, u);
            exact += check_balance_totals(&c, P, &s, &scratch);
        }
        sv_route_free(&scratch);
        sv_pls_free(P); /* its moves never reached s */
        P = sv_pls_create(&c);
        CHECK(P != NULL);
        sv_rng g = {(uint64_t)round};
        CHECK(sv_penalised_search(P, &s, &g, sv_now() + 60, &pen, NULL, c.njobs, NULL, NULL));
        model_schedule *sch = NULL;
        CHECK_EQ_INT(sv_build_schedule(&c, &s, &sch, &err), MODEL_OK);
        model_schedule_free(sch);
        sv_pls_free(P);
        sv_sol_free(&s);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    printf("balance: %d moves made, %d loaded routes' working times checked exactly\n", moves,
           exact);
    CHECK(moves > 20);
    CHECK(exact > 100);
}

TESTLIB_MAIN({"side_lateness_is_route_costs", test_side_lateness_is_route_costs},
             {"side_lateness_bounds_several_windows", test_side_lateness_bounds_several_windows},
             {"side_lateness_merged", test_side_lateness_merged},
             {"side_lateness_of_one_job", test_side_lateness_of_one_job},
             {"pls_balance_totals_are_recounts", test_pls_balance_totals_are_recounts})
