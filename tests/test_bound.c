/* test_bound.c - the lower bound (solver/bound.h) is never above a
 * feasible value: on tiny random problems (windows, skills, breaks, loads,
 * job limits, several shifts) against a brute-force optimum, and on
 * 25-customer Solomon instances against their known optima; a bound's
 * shape is checked, written and read back; --no-bound gives no bound. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_schedule.h"
#include "io/formats/solomon.h"
#include "model/check.h"
#include "solver/bound.h"
#include "solver/cg.h"
#include "solver/output.h"
#include "solver/search.h"
#include "testlib.h"
#include "random_problem.h"
#include "brute_force.h"
#include "solomon25.h"

/* A tiny random problem (random_problem.h, RANDOM_TINY): njobs jobs, ntech
 * technicians of one or two shifts (a lone one up to three) ending
 * 12:00-17:00, breaks, windows, skills, loads, limits, priorities. */
static model_problem *tiny_problem(int njobs, int ntech)
{
    model_problem *p = random_problem_shaped(&RANDOM_TINY, njobs, ntech);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* A tiny random problem of 4-7 jobs and 1-2 technicians (tiny_problem),
 * with its solver context in *c; the caller frees both. */
static model_problem *tiny_with_ctx(sv_ctx *c)
{
    model_problem *p = tiny_problem(4 + rnd(4), 1 + rnd(2));
    solver_options opt = SOLVER_OPTIONS_INIT;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(sv_ctx_init(c, p, &opt, &err), MODEL_OK);
    return p;
}

/* The least reduced cost (travel - sum pi - mu - sum_s sigma_s
 * floor(|S_s & set| / 2), or 0) of the elementary routes of slot k that
 * keep every rule, by brute force over job sets. */
static double brute_min_rc(const sv_ctx *c, int k, const double *pi, double mu,
                           const cg_cuts *cuts, const double *sigma)
{
    int n = c->p->njobs;
    double best = 0;
    sv_route r = {0};
    for (unsigned s = 1; s < 1u << n; s++) {
        int perm[16], m = 0;
        double gain = 0;
        for (int j = 0; j < n; j++)
            if (s >> j & 1) {
                perm[m++] = j;
                gain += pi[j];
            }
        for (int q = 0; q < cuts->n; q++)
            gain += sigma[q] * cg_cuts_coef(cuts, q, perm, m);
        int64_t t = best_route(c, k, s, perm, m, 0, &r, false);
        if (t != INT64_MAX && (double)t - gain - mu < best)
            best = (double)t - gain - mu;
    }
    sv_route_free(&r);
    return best;
}

/* The pricing's relaxations (solver/cg_pricing.c) never miss a route: at
 * random duals (with, every other round, subset-row cuts of random duals:
 * their dominance rule and merged parities), the exact labelling (ng-routes; with at most CG_NG + 1
 * jobs they are elementary) and the merged one (ng-routes over the nearest
 * CG_NG_MERGE, labels merged per time bucket: what the bound falls back on
 * where labelling is too slow) find a least reduced cost at most the brute
 * force's; the exact one mostly equals it (its timing relaxes only breaks
 * at the end), also when it keeps one route (its completion bounds then
 * prune below the best so far), and the merged one and the one without
 * load limits are at most the exact one. */
static void test_bound__pricing_relaxations_below_elementary_routes(void)
{
    int equal = 0, negative = 0, priced = 0, unloaded = 0;
    for (int round = 0; round < 30; round++) {
        sv_ctx c;
        cg_ctx g;
        model_problem *p = tiny_with_ctx(&c);
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
        cg_pricer *pr = cg_pricer_create(&g);
        CHECK(pr != NULL);
        cg_cuts cuts;
        CHECK(cg_cuts_init(&cuts, p->njobs));
        double pi[16], sigma[CG_MAX_CUTS];
        for (int q = 0; round % 2 == 1 && q < 12; q++) {
            int a = rnd(p->njobs), b = (a + 1 + rnd(p->njobs - 1)) % p->njobs, d = a;
            while (d == a || d == b)
                d = rnd(p->njobs);
            sigma[cuts.n] = -rnd(5) * 60.0;
            CHECK(cg_cuts_add(&cuts, a, b, d));
        }
        for (int gi = 0; pr && gi < g.ng; gi++) {
            const sv_slot *s = &c.slots[g.g[gi].slot];
            for (int j = 0; j < p->njobs; j++) {
                int loc = p->jobs[j].location;
                double trip = sv_travel(&c, s->sloc, loc) + sv_travel(&c, loc, s->eloc);
                pi[j] = trip * rnd(150) / 100.0 - rnd(2) * 50;
            }
            double mu = -rnd(3) * 100.0, bf = brute_min_rc(&c, g.g[gi].slot, pi, mu, &cuts, sigma);
            cg_price_in in = {CG_PH_COST, pi, mu, true, false, 10000000L, sv_now() + 60, 10,
                              &cuts, sigma, false};
            cg_price_out ex, mg;
            CHECK(cg_price(pr, gi, &in, &ex));
            double exact = ex.min_rc;
            /* one route kept: its completion bounds prune harder (below
             * the best so far), the least stays */
            in.max_cols = 1;
            CHECK(cg_price(pr, gi, &in, &mg));
            CHECK(!ex.complete || (mg.complete && fabs(mg.min_rc - exact) < 1e-6));
            in.max_cols = 10;
            in.merge = true;
            CHECK(cg_price(pr, gi, &in, &mg));
            if (!ex.complete || s->nbr > CG_MAX_BREAKS)
                continue;
            priced++;
            CHECK(mg.complete);
            if (exact > bf + 1e-6 || mg.min_rc > exact + 1e-6)
                fprintf(stderr, "round %d group %d: brute force %.1f, exact %.1f, merged %.1f\n",
                        round, gi, bf, exact, mg.min_rc);
            CHECK(exact <= bf + 1e-6);
            CHECK(mg.min_rc <= exact + 1e-6);
            /* without the load limit: a relaxation, at most the least */
            in.merge = false;
            in.no_load = true;
            CHECK(cg_price(pr, gi, &in, &mg));
            CHECK(mg.complete && mg.min_rc <= exact + 1e-6);
            unloaded += mg.min_rc < exact - 1e-6;
            equal += fabs(exact - bf) < 1e-6;
            negative += bf < 0;
        }
        cg_cuts_free(&cuts);
        cg_pricer_free(pr);
        cg_ctx_free(&g);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    CHECK(priced >= 30);
    CHECK(negative >= priced / 3); /* the duals make routes worth pricing */
    CHECK(equal >= priced * 3 / 4);
    CHECK(unloaded > 0); /* some load limits bind, so the relaxation shows */
}

static model_schedule *solve(const model_problem *p, bool prove, double share)
{
    return bound_solve(p, prove, share, 200, 20);
}

/* On 40 tiny problems the bound is never above the brute-force optimum,
 * and a schedule proven optimal is optimal. */
static void test_bound__never_above_brute_force_optimum(void)
{
    int with_cost = 0, proven = 0;
    for (int round = 0; round < 40; round++) {
        int njobs = 4 + rnd(4), ntech = 1 + rnd(2);
        model_problem *p = tiny_problem(njobs, ntech);
        model_schedule *s = solve(p, round % 2 == 1, SOLVER_PROVE_SHARE);
        if (!s) {
            model_problem_free(p);
            continue;
        }
        model_summary sum = model_schedule_summarize(p, s);
        int64_t wbest;
        int64_t opt = brute_force(p, sum.unassigned_weight, &wbest);
        CHECK(s->bound.present);
        CHECK(s->bound.unassigned_weight <= wbest);
        CHECK(opt <= sum.travel_s);
        if (s->bound.has_cost) {
            with_cost++;
            if (s->bound.cost > (double)opt)
                fprintf(stderr, "round %d: bound %.0f above the optimum %lld\n", round,
                        s->bound.cost, (long long)opt);
            CHECK(s->bound.cost <= (double)opt);
            if (s->bound.proven_optimal) {
                proven++;
                CHECK_EQ_INT(sum.travel_s, opt);
                CHECK_EQ_INT(sum.unassigned_weight, wbest);
            }
        }
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(model_bound_check(&s->bound, &sum, &err), MODEL_OK);
        model_schedule_free(s);
        model_problem_free(p);
    }
    CHECK(with_cost >= 20); /* the test bounds cost, not only weight */
    CHECK(proven >= 10);
}

/* Timed runs take the other road (smoothed and interior point duals, the
 * line search over a uniform shift of the job duals, exact pricing cut by
 * time and the merged relaxation): on 20 tiny problems their bound is never
 * above the brute-force optimum either. */
static void test_bound__timed_bound_never_above_brute_force_optimum(void)
{
    int with_cost = 0;
    for (int round = 0; round < 20; round++) {
        model_problem *p = tiny_problem(4 + rnd(4), 1 + rnd(2));
        model_schedule *s = bound_solve(p, round % 2 == 1, 0.5, 0, 0.2);
        if (!s) {
            model_problem_free(p);
            continue;
        }
        model_summary sum = model_schedule_summarize(p, s);
        int64_t wbest, opt = brute_force(p, sum.unassigned_weight, &wbest);
        CHECK(s->bound.present);
        CHECK(s->bound.unassigned_weight <= wbest);
        if (s->bound.has_cost) {
            with_cost++;
            CHECK(s->bound.cost <= (double)opt);
        }
        model_schedule_free(s);
        model_problem_free(p);
    }
    CHECK(with_cost >= 10);
}

/* A solution of c's problem: each job appended to the first slot whose
 * route keeps every rule with it (rule 1, load, job limit, timing). */
static void greedy_solution(const sv_ctx *c, sv_sol *s)
{
    int jobs[16];
    for (int j = 0; j < c->p->njobs; j++)
        for (int k = 0; k < c->nslots; k++) {
            const sv_slot *sl = &c->slots[k];
            int m = sv_route_jobs(&s->r[k], jobs);
            double load = c->p->jobs[j].load;
            for (int i = 0; i < m; i++)
                load += c->p->jobs[jobs[i]].load;
            if (!model_job_allows_technician(c->p, j, sl->tech) || (sl->cap > 0 && load > sl->cap) ||
                (sl->maxj >= 0 && m + 1 > sl->maxj))
                continue;
            jobs[m] = j;
            if (sv_route_set_jobs(c, &s->r[k], jobs, m + 1))
                break;
            CHECK(sv_route_set_jobs(c, &s->r[k], jobs, m));
        }
    sv_sol_recount(c, s);
}

/* The road a timed bound takes where the LP is highly degenerate (interior
 * point duals, adaptive smoothing, line searches over lowered job duals,
 * exact pricing cut by time), forced on tiny problems: never above the
 * brute-force optimum. */
static void test_bound__degenerate_road_never_above_brute_force_optimum(void)
{
    int with_cost = 0;
    for (int round = 0; round < 24; round++) {
        sv_ctx c;
        sv_sol s;
        model_problem *p = tiny_with_ctx(&c);
        CHECK(sv_sol_init(&c, &s));
        greedy_solution(&c, &s);
        int64_t W = s.unw, wbest, optimum = brute_force(p, W, &wbest);
        model_bound b;
        sv_bound_info info;
        CHECK(sv_bound_run_ex(&c, &s, round % 2 == 1, sv_now() + 0.3, 0, &b, &info, 1));
        CHECK(b.present);
        CHECK(b.unassigned_weight <= wbest);
        CHECK(s.unw <= W);
        if (s.unw < W) /* --prove's weight master served more: its optimum */
            optimum = brute_force(p, s.unw, &wbest);
        if (b.has_cost) {
            with_cost++;
            if (b.cost > (double)optimum)
                fprintf(stderr, "round %d: bound %.0f above the optimum %lld\n", round, b.cost,
                        (long long)optimum);
            CHECK(b.cost <= (double)optimum);
        }
        sv_sol_free(&s);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    CHECK(with_cost >= 8);
}

/* A tiny problem with its context and a first solution in *s (greedy, or
 * with greedy false one that serves nothing), and the brute-force least
 * weight in *wbest; tiny_free frees the three. */
static model_problem *tiny_started(sv_ctx *c, sv_sol *s, bool greedy, int64_t *wbest)
{
    model_problem *p = tiny_with_ctx(c);
    CHECK(sv_sol_init(c, s));
    if (greedy)
        greedy_solution(c, s);
    else
        sv_sol_recount(c, s);
    brute_force(p, s->unw, wbest);
    return p;
}

static void tiny_free(model_problem *p, sv_ctx *c, sv_sol *s)
{
    sv_sol_free(s);
    sv_ctx_free(c);
    model_problem_free(p);
}

/* With prove, on tiny problems where some weight must stay unassigned
 * (brute force), the weight phase's route enumeration and integer master
 * (cg_bound.c prove_weight) prove the least weight: the bound reaches it
 * on most, never passes it, and the cost bound then follows. */
static void test_bound__prove_proves_the_least_weight(void)
{
    int overloaded = 0, proven = 0, with_cost = 0;
    for (int round = 0; round < 40; round++) {
        sv_ctx c;
        sv_sol s;
        int64_t wbest;
        model_problem *p = tiny_started(&c, &s, true, &wbest);
        model_bound b;
        sv_bound_info info;
        CHECK(sv_bound_run_ex(&c, &s, true, sv_now() + 1.0, 0, &b, &info, 1));
        CHECK(b.present && b.unassigned_weight <= wbest && wbest <= s.unw);
        cg_ctx g;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
        int64_t forced = cg_forced_weight(&g);
        cg_ctx_free(&g);
        if (wbest > forced) { /* the shifts' time leaves weight out */
            overloaded++;
            proven += b.unassigned_weight == wbest;
            if (b.has_cost) { /* at the weight of the schedule the bound ended with */
                int64_t w, optimum = brute_force(p, s.unw, &w);
                with_cost++;
                CHECK(b.cost <= (double)optimum);
            }
        }
        tiny_free(p, &c, &s);
    }
    fprintf(stderr, "%d overloaded, the least weight proven on %d, a cost bound on %d\n",
            overloaded, proven, with_cost);
    CHECK(overloaded >= 10);
    CHECK(proven * 10 >= overloaded * 9);
}

/* With prove, from a schedule that serves nothing, the weight phase's
 * integer master finds a schedule of the least weight (brute force) on
 * most tiny problems; whatever it finds keeps every rule, and the bound
 * that follows stays below the optimum at the weight found. */
static void test_bound__prove_finds_the_least_weight_from_nothing(void)
{
    int least = 0, rounds = 0;
    for (int round = 0; round < 24; round++) {
        sv_ctx c;
        sv_sol s;
        int64_t wbest;
        model_problem *p = tiny_started(&c, &s, false, &wbest);
        if (wbest == s.unw) { /* no job fits any shift: nothing to find */
            tiny_free(p, &c, &s);
            continue;
        }
        rounds++;
        model_bound b;
        sv_bound_info info;
        CHECK(sv_bound_run_ex(&c, &s, true, sv_now() + 1.0, 0, &b, &info, 1));
        CHECK(info.improved);
        CHECK(b.present && b.unassigned_weight <= wbest && wbest <= s.unw);
        least += s.unw == wbest;
        model_schedule *out = NULL;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(sv_build_schedule(&c, &s, &out, &err), MODEL_OK);
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p, out, NULL, &rep, &err), MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        model_report_clear(&rep);
        model_schedule_free(out);
        if (b.has_cost) {
            int64_t w, optimum = brute_force(p, s.unw, &w);
            CHECK(b.cost <= (double)optimum);
        }
        tiny_free(p, &c, &s);
    }
    CHECK(rounds >= 12);
    CHECK(least * 10 >= rounds * 9);
}

/* The spanning-forest bound (cg_tree.c) on tiny problems: never above the
 * brute-force optimum over the schedules that serve every job some
 * technician may serve (in every other round one job is allowed to nobody,
 * so the least weight is not 0), and not idle (at least half of it on most
 * of them). In every third round the jobs last 1-3 hours, so that the
 * shifts' time decides how many routes there are at the least. */
static void test_bound__tree_bound_never_above_brute_force_optimum(void)
{
    int served = 0, useful = 0, forced = 0, long_jobs = 0;
    for (int round = 0; round < 180; round++) {
        sv_ctx c;
        model_problem *p = tiny_problem(4 + rnd(4), 1 + rnd(2));
        if (round % 3 == 2)
            for (int j = 0; j < p->njobs; j++)
                p->jobs[j].duration = 2400 + rnd(4800);
        if (round % 2) { /* allowed to no one: nallowed 0, no pin */
            model_job *x = &p->jobs[rnd(p->njobs)];
            free(x->allowed);
            x->allowed = NULL;
            x->nallowed = 0;
            x->has_allowed = true;
            x->pinned = -1;
        }
        solver_options opt = SOLVER_OPTIONS_INIT;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        cg_ctx g;
        CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
        int64_t wf = cg_forced_weight(&g), wbest, optimum = brute_force(p, wf, &wbest);
        CHECK(wbest >= wf);
        if (optimum != INT64_MAX) {
            double lb = cg_tree_bound(&g, (double)optimum * 1.1 + 100, 0, NULL);
            if (lb > (double)optimum + 1e-6)
                fprintf(stderr, "round %d: tree bound %.9f above the optimum %lld\n", round, lb,
                        (long long)optimum);
            CHECK(lb <= (double)optimum + 1e-6);
            served++;
            forced += wf > 0;
            long_jobs += round % 3 == 2;
            useful += lb >= 0.5 * (double)optimum;
        }
        cg_ctx_free(&g);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "tree bound: %d problems served (%d with a job no one may serve, %d of long "
            "jobs), %d bounds at least half\n", served, forced, long_jobs, useful);
    CHECK(served >= 10);
    CHECK(forced >= 5);
    CHECK(long_jobs >= 5);
    CHECK(useful * 2 >= served);
}

/* The least travel of a schedule serving every job in exactly r non-empty
 * routes, for r = 0..c->nslots (least[r]; INT64_MAX: none). */
static void brute_force_by_routes(const sv_ctx *c, int64_t *least)
{
    int n = c->p->njobs, ns = c->nslots;
    unsigned full = (1u << n) - 1;
    size_t per = (size_t)(ns + 1) << n; /* f[k] : [r][U] */
    int64_t *route = route_table(c, false);
    int64_t *f = malloc(sizeof *f * (size_t)(ns + 1) * per);
    /* f[k][r][U]: least travel serving exactly U in r non-empty routes of slots k.. */
    for (size_t i = 0; i < per; i++)
        f[(size_t)ns * per + i] = i == 0 ? 0 : INT64_MAX;
    for (int k = ns - 1; k >= 0; k--)
        for (int r = 0; r <= ns; r++)
            for (unsigned u = 0; u <= full; u++) {
                int64_t best = INT64_MAX;
                for (unsigned s = u;; s = (s - 1) & u) {
                    int rr = r - (s != 0);
                    int64_t a = route[((size_t)k << n) + s];
                    int64_t b = rr < 0 ? INT64_MAX
                                       : f[(size_t)(k + 1) * per + ((size_t)rr << n) + (u & ~s)];
                    if (a != INT64_MAX && b != INT64_MAX && a + b < best)
                        best = a + b;
                    if (s == 0)
                        break;
                }
                f[(size_t)k * per + ((size_t)r << n) + u] = best;
            }
    for (int r = 0; r <= ns; r++)
        least[r] = f[((size_t)r << n) + full];
    free(route);
    free(f);
}

/* The most routes cg_tree_bound allows a schedule of travel at most ub
 * (ub the brute-force optimum, or a little above): no schedule with more
 * routes travels that little; and on some problems it rules routes out. */
static void test_bound__tree_route_limit_keeps_every_better_schedule(void)
{
    int served = 0, fewer = 0;
    for (int round = 0; round < 120; round++) {
        sv_ctx c;
        model_problem *p = tiny_with_ctx(&c);
        int64_t least[64];
        CHECK(c.nslots < 64);
        brute_force_by_routes(&c, least);
        int64_t optimum = INT64_MAX;
        for (int r = 0; r <= c.nslots; r++)
            optimum = least[r] < optimum ? least[r] : optimum;
        if (optimum != INT64_MAX) {
            cg_ctx g;
            model_error err = MODEL_ERROR_INIT;
            CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
            double ub = round % 2 ? (double)optimum : (double)optimum * 1.05 + 10;
            int kmax = -1;
            cg_tree_bound(&g, ub, 0, &kmax);
            CHECK(kmax >= 1);
            for (int r = kmax + 1; r <= c.nslots; r++) {
                if (least[r] <= ub)
                    fprintf(stderr, "round %d: %d routes travel %lld <= %.0f, limit %d\n", round,
                            r, (long long)least[r], ub, kmax);
                CHECK(least[r] > ub);
            }
            served++;
            int most = 0;
            for (int r = 0; r <= c.nslots; r++)
                most = least[r] != INT64_MAX ? r : most;
            fewer += kmax < most;
            cg_ctx_free(&g);
        }
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "route limit: %d problems served whole, %d with feasible counts ruled out\n",
            served, fewer);
    CHECK(served >= 15);
    CHECK(fewer >= 3);
}


/* Four jobs 30 minutes from the depot and 5 minutes apart, and
 * technicians with a shift of 8 hours less a 30-minute break: routes of two
 * 3-hour jobs fit a shift (7,800 s at the least, in two routes), and the
 * loads and job limits would allow one route (4,500 s), the shifts' time
 * does not. With jobs of 3 h 15 nothing fits a shift twice: four routes
 * (14,400 s); the jobs' service alone fits two shifts, but not with the
 * travel of two routes, so the bound takes three (11,100 s). A shift
 * counted shorter than it is would show above the optimum. */
static void test_bound__tree_bound_counts_routes_by_shift_time(void)
{
    static const struct {
        int64_t duration;
        int ntech;
        int64_t optimum, least;
    } cases[] = {{3 * 3600, 3, 7800, 7800}, {3 * 3600 + 900, 4, 14400, 11100}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_error err = MODEL_ERROR_INIT;
        model_problem *p;
        CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
        int32_t *dur = malloc(25 * sizeof *dur); /* the problem's from here on */
        for (int a = 0; a < 5; a++) {
            char id[8];
            snprintf(id, sizeof id, "L%d", a);
            CHECK_EQ_INT(model_problem_add_location(p, id, NULL, NULL, &err), MODEL_OK);
            for (int b = 0; b < 5; b++)
                dur[a * 5 + b] = a == b ? 0 : a == 0 || b == 0 ? 1800 : 300;
        }
        model_problem_set_matrix(p, dur, NULL, 5);
        for (int t = 0; t < cases[i].ntech; t++) {
            model_technician *tech = random_add_technician(p, t);
            tech->start_location = tech->end_location = 0;
            model_shift *sh = random_add_shift(tech, 8 * 3600, 16 * 3600);
            model_break br = {11 * 3600, 13 * 3600, 1800};
            CHECK_EQ_INT(model_shift_add_break(sh, &br, &err), MODEL_OK);
        }
        for (int j = 0; j < 4; j++)
            random_add_job(p, j, j + 1)->duration = cases[i].duration;
        CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        int64_t w, optimum = brute_force(p, 0, &w);
        CHECK_EQ_INT((int)w, 0);
        CHECK_EQ_INT((int)optimum, (int)cases[i].optimum);
        solver_options opt = SOLVER_OPTIONS_INIT;
        sv_ctx c;
        cg_ctx g;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
        double lb = cg_tree_bound(&g, (double)optimum, 0, NULL);
        fprintf(stderr, "shift time: tree bound %.1f, optimum %lld\n", lb, (long long)optimum);
        CHECK(lb <= (double)optimum + 1e-6);
        CHECK(lb >= (double)cases[i].least - 1);
        cg_ctx_free(&g);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
}

/* The first 25 customers of C204, R204 and RC204 (few long routes, wide
 * windows: what the spanning-forest bound is for): it is at most the
 * travel of a schedule the solver found, and close below it on the first
 * two (within 10 % and 15 %: 195.5 against 213.1, 309.7 against 355.0,
 * the optima of the exact literature). */
static void test_bound__tree_bound_below_schedules_of_long_routes(void)
{
    static const struct {
        const char *file;
        double within;
    } cases[] = {{"c204_25.txt", 0.10}, {"r204_25.txt", 0.15}, {"rc204_25.txt", 1.0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_problem *p = solomon25(cases[i].file);
        model_error err = MODEL_ERROR_INIT;
        model_schedule *s = bound_solve(p, false, 0, 2000, 100);
        CHECK(s != NULL);
        if (s) {
            double travel = (double)model_schedule_summarize(p, s).travel_s;
            solver_options opt = SOLVER_OPTIONS_INIT;
            sv_ctx c;
            cg_ctx g;
            CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
            CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
            double lb = cg_tree_bound(&g, travel, 0, NULL);
            fprintf(stderr, "%s: tree bound %.1f, schedule %.1f\n", cases[i].file, lb / 60,
                    travel / 60);
            CHECK(lb <= travel);
            CHECK(lb >= travel * (1 - cases[i].within));
            cg_ctx_free(&g);
            sv_ctx_free(&c);
        }
        model_schedule_free(s);
        model_problem_free(p);
    }
}

/* 25-customer Solomon instances: the bound is at most the known optimum
 * of the exact literature (distances truncated to one decimal, the
 * convention of solomon_to_json.py: C101 191.3, R101 617.1, RC101 461.1;
 * Kohl et al. 1999), and at most the schedule's travel. */
static void test_bound__solomon25_below_known_optima(void)
{
    static const struct {
        const char *file;
        double optimum;
    } cases[] = {{"c101_25.txt", 191.3}, {"r101_25.txt", 617.1}, {"rc101_25.txt", 461.1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_problem *p = solomon25(cases[i].file);
        model_schedule *s = bound_solve(p, false, 0.5, 0, 4);
        CHECK(s && s->bound.present && s->bound.has_cost);
        if (s && s->bound.has_cost) {
            double optimum = floor(cases[i].optimum * 60 + 0.5);
            fprintf(stderr, "%s: bound %.1f, travel %.1f, known optimum %.1f\n", cases[i].file,
                    s->bound.cost / 60, (double)model_schedule_summarize(p, s).travel_s / 60,
                    cases[i].optimum);
            CHECK(s->bound.cost <= optimum);
            /* and it says something (RC101's 25 customers have a root gap
             * of about 12 %: its LP bound is 406.6) */
            CHECK(s->bound.cost >= optimum * 0.85);
        }
        model_schedule_free(s);
        model_problem_free(p);
    }
}

/* Subset-row cuts (solver/cg_cuts.c) on the 25-customer RC101, whose root
 * LP bound (406.6) is 12 % below the optimum: cuts are added, and the bound
 * with them is above the one without and at most the known optimum (one
 * timed run each, from a greedy schedule, off the degenerate road; both
 * converge in well under a second in a release build). */
static void test_bound__subset_row_cuts_raise_the_bound_below_the_optimum(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/solomon25/rc101_25.txt", FIELDPLAN_TEST_DATA);
    model_problem *p;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_file(path, &p, &err), MODEL_OK);
    solver_options opt = SOLVER_OPTIONS_INIT;
    sv_ctx c;
    sv_sol s;
    CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
    CHECK(sv_sol_init(&c, &s));
    greedy_solution(&c, &s);
    CHECK_EQ_INT(s.unw, 0);
    double bound[2] = {0, 0}, optimum = floor(461.1 * 60 + 0.5);
    int ncuts[2] = {0, 0};
    for (int with = 0; with < 2; with++) {
        model_bound b;
        sv_bound_info info;
        CHECK(cg_bound_run(&c, &s, NULL, false, sv_now() + 10, 0, &b, &info, 1000,
                           with ? CG_BOUND_CUTS : 0, &ncuts[with]));
        CHECK(b.present && b.has_cost);
        bound[with] = b.cost;
    }
    fprintf(stderr, "rc101_25: bound %.1f without cuts, %.1f with %d, known optimum 461.1\n",
            bound[0] / 60, bound[1] / 60, ncuts[1]);
    CHECK_EQ_INT(ncuts[0], 0);
    CHECK(ncuts[1] > 0);
    CHECK(bound[1] > bound[0]);
    CHECK(bound[1] <= optimum);
    sv_sol_free(&s);
    sv_ctx_free(&c);
    model_problem_free(p);
}

/* The bound is written as summary.bound and read back the same; a schedule
 * solved without a bound has none and writes no "bound". */
static void test_bound__written_and_read_back(void)
{
    model_problem *p = tiny_problem(5, 2);
    model_schedule *s = solve(p, false, 0.5), *none = solve(p, false, 0);
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_schedule_to_string(p, s, &err);
    char *plain = io_json_schedule_to_string(p, none, &err);
    CHECK(text && strstr(text, "\"bound\": {\"unassigned_weight\": "));
    CHECK(plain && !strstr(plain, "bound"));
    model_schedule *back = NULL;
    model_report rep = MODEL_REPORT_INIT;
    CHECK_EQ_INT(io_json_read_schedule_text(p, text, strlen(text), "t", &back, NULL, NULL, &rep,
                                            &err),
                 MODEL_OK);
    CHECK_EQ_INT(rep.n, 0);
    CHECK(back && back->bound.present == s->bound.present &&
          back->bound.unassigned_weight == s->bound.unassigned_weight &&
          back->bound.has_cost == s->bound.has_cost && back->bound.cost == s->bound.cost &&
          back->bound.proven_optimal == s->bound.proven_optimal &&
          fabs(back->bound.gap - s->bound.gap) < 1e-9);
    model_report_clear(&rep);
    model_schedule_free(back);
    free(text);
    free(plain);
    model_schedule_free(s);
    model_schedule_free(none);
    model_problem_free(p);
}

/* The shape check refuses what the verifier refuses. */
static void test_bound__check_refuses_claims_above_the_schedule(void)
{
    model_summary sum = {.assigned = 5, .unassigned = 1, .unassigned_weight = 2, .travel_s = 1000,
                         .distance_m = 1000, .routes = 2, .cost = 1000};
    model_error err = MODEL_ERROR_INIT;
    model_bound ok = {true, 2, true, 900, true, 0.1, true, false};
    CHECK_EQ_INT(model_bound_check(&ok, &sum, &err), MODEL_OK);
    model_bound heavy = {true, 3, false, 0, false, 0, true, false};
    CHECK_EQ_INT(model_bound_check(&heavy, &sum, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "above");
    model_bound costly = {true, 2, true, 1001, true, -0.001, true, false};
    CHECK_EQ_INT(model_bound_check(&costly, &sum, &err), MODEL_ERR_INPUT);
    model_bound gap = {true, 2, true, 900, true, 0.2, true, false};
    CHECK_EQ_INT(model_bound_check(&gap, &sum, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "gap");
    model_bound claim = {true, 2, true, 900, true, 0.1, true, true};
    CHECK_EQ_INT(model_bound_check(&claim, &sum, &err), MODEL_ERR_INPUT);
    model_bound other_weight = {true, 1, true, 900, true, 0.1, true, false};
    CHECK_EQ_INT(model_bound_check(&other_weight, &sum, &err), MODEL_ERR_INPUT);
}

TESTLIB_MAIN({"bound__never_above_brute_force_optimum",
              test_bound__never_above_brute_force_optimum},
             {"bound__pricing_relaxations_below_elementary_routes",
              test_bound__pricing_relaxations_below_elementary_routes},
             {"bound__timed_bound_never_above_brute_force_optimum",
              test_bound__timed_bound_never_above_brute_force_optimum},
             {"bound__degenerate_road_never_above_brute_force_optimum",
              test_bound__degenerate_road_never_above_brute_force_optimum},
             {"bound__solomon25_below_known_optima", test_bound__solomon25_below_known_optima},
             {"bound__tree_route_limit_keeps_every_better_schedule",
              test_bound__tree_route_limit_keeps_every_better_schedule},
             {"bound__prove_proves_the_least_weight", test_bound__prove_proves_the_least_weight},
             {"bound__prove_finds_the_least_weight_from_nothing",
              test_bound__prove_finds_the_least_weight_from_nothing},
             {"bound__tree_bound_never_above_brute_force_optimum",
              test_bound__tree_bound_never_above_brute_force_optimum},
             {"bound__tree_bound_counts_routes_by_shift_time",
              test_bound__tree_bound_counts_routes_by_shift_time},
             {"bound__tree_bound_below_schedules_of_long_routes",
              test_bound__tree_bound_below_schedules_of_long_routes},
             {"bound__subset_row_cuts_raise_the_bound_below_the_optimum",
              test_bound__subset_row_cuts_raise_the_bound_below_the_optimum},
             {"bound__written_and_read_back", test_bound__written_and_read_back},
             {"bound__check_refuses_claims_above_the_schedule",
              test_bound__check_refuses_claims_above_the_schedule})
