/* test_solver_bound_soft.c - the bound of problems with soft rules
 * (FORMAT.md extension 2; solver/bound_relax.c): on tiny random problems
 * with lateness, overtime, preferred technicians and a balance cost, the
 * bound is never above the brute-force optimum of the cost (brute_force.h,
 * which leaves out the balance term, itself >= 0: a stronger test), its
 * weight never above the least weight, and its shape is the verifier's. */
#include <stdio.h>
#include <stdlib.h>

#include "model/check.h"
#include "solver/cg.h"
#include "solver/solver.h"
#include "testlib.h"
#include "random_problem.h"
#include "brute_force.h"

/* A tiny random problem (RANDOM_TINY) given soft rules: lateness on half the
 * jobs with windows, overtime on half the shifts, a preferred technician
 * with a bonus on a third of the jobs, and a balance cost on every other. */
static model_problem *soft_tiny(int round)
{
    model_problem *p = random_problem_shaped(&RANDOM_TINY, 4 + rnd(4), 1 + rnd(2));
    model_error err = MODEL_ERROR_INIT;
    for (int t = 0; t < p->ntechnicians; t++)
        for (int k = 0; k < p->technicians[t].nshifts; k++)
            if (rnd(2) == 0)
                p->technicians[t].shifts[k].overtime =
                    (model_soft_limit){600 + 600 * rnd(6), (10 + rnd(120)) * MODEL_RATE_ONE};
    for (int j = 0; j < p->njobs; j++) {
        model_job *job = &p->jobs[j];
        if (job->nwindows > 0 && rnd(2) == 0)
            job->lateness =
                (model_soft_limit){300 + 300 * rnd(12), (5 + rnd(200)) * MODEL_RATE_ONE};
        /* bonuses small and large against the travel (every other problem
         * has many: they then decide who serves what) */
        for (int t = 0; t < p->ntechnicians; t++)
            if (rnd(round % 2 ? 2 : 5) == 0)
                CHECK_EQ_INT(
                    model_job_add_preference(job, t, 60 + rnd(round % 2 ? 4000 : 900), &err),
                    MODEL_OK);
    }
    p->objective.balance_us_per_min = round % 3 ? 0 : (1 + rnd(3)) * MODEL_RATE_ONE;
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* What solve_and_check saw over the rounds of a test. */
typedef struct tally {
    int with_cost; /* bounds with a cost */
    int proven;    /* bounds proving their schedule optimal */
    int optimal;   /* schedules of the least weight and at most the
                      brute-force least cost at it (less: a break placement
                      brute_force_ex does not try) */
} tally;

/* Solves p (iterations, the bound's share, prove) and checks the
 * schedule keeps every rule and the bound's shape, and that the bound is
 * not above the brute-force least weight and cost; counts into *t; frees
 * p. Returns the schedule's summary. */
static model_summary solve_and_check(model_problem *p, int round, int iterations, double share,
                                     bool prove, tally *t)
{
    model_schedule *s = bound_solve(p, prove, share, iterations, 20);
    model_error err = MODEL_ERROR_INIT;
    model_summary sum = model_schedule_summarize(p, s);
    model_report rep = MODEL_REPORT_INIT; /* every rule, the bound's shape too */
    CHECK_EQ_INT(model_check_schedule(p, s, &sum, &rep, &err), MODEL_OK);
    if (rep.n > 0)
        fprintf(stderr, "round %d: %s\n", round, rep.items[0]);
    CHECK_EQ_INT(rep.n, 0);
    model_report_clear(&rep);
    int64_t wbest, optimum = brute_force_ex(p, sum.unassigned_weight, &wbest, true);
    t->optimal += sum.unassigned_weight == wbest && sum.cost <= optimum;
    /* brute_force_ex places breaks as sv_route_set_jobs does, which may
     * miss a placement the search found: the schedule's cost is then the
     * lesser known value */
    if (optimum > sum.cost)
        optimum = sum.cost;
    CHECK(s->bound.present);
    CHECK(s->bound.unassigned_weight <= wbest);
    if (s->bound.has_cost) {
        t->with_cost++;
        if (s->bound.cost > (double)optimum)
            fprintf(stderr, "round %d: bound %.1f above the optimum %lld (cost %lld)\n", round,
                    s->bound.cost, (long long)optimum, (long long)sum.cost);
        CHECK(s->bound.cost <= (double)optimum);
        if (s->bound.proven_optimal)
            CHECK_EQ_INT(sum.cost, optimum);
        t->proven += s->bound.proven_optimal;
    }
    CHECK_EQ_INT(model_bound_check(&s->bound, &sum, &err), MODEL_OK);
    model_schedule_free(s);
    model_problem_free(p);
    return sum;
}

static void test_bound_soft__never_above_brute_force_optimum(void)
{
    tally t = {0};
    int soft_paid = 0;
    for (int round = 0; round < 120; round++) {
        model_summary sum = solve_and_check(soft_tiny(round), round, 200,
                                            round % 3 ? SOLVER_PROVE_SHARE : 0.2,
                                            round % 4 == 1, &t);
        soft_paid += sum.lateness_cost_s + sum.overtime_cost_s + sum.preference_bonus_s > 0;
    }
    fprintf(stderr, "%d with a cost bound, %d with soft costs or bonuses\n", t.with_cost,
            soft_paid);
    CHECK(t.with_cost >= 60); /* the test bounds cost, not only weight */
    CHECK(soft_paid >= 30); /* and the soft rules are in play */
}

/* Two technicians alike in all but their bonuses (one has none): the
 * column generation must price them apart. Jobs 4-7, shifts too short for
 * all of them, half the jobs preferring the second technician. */
static model_problem *twins(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    int njobs = 4 + rnd(4);
    random_locations(p, njobs + 1, 1500, 0);
    for (int t = 0; t < 2; t++)
        random_add_home_technician(p, t, 8 * 3600, 12 * 3600);
    for (int j = 0; j < njobs; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 900 + rnd(1800);
        if (rnd(2) == 0)
            CHECK_EQ_INT(model_job_add_preference(job, 1, 300 + rnd(3000), &err), MODEL_OK);
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* Late and long: short windows and shifts, so that the optimum pays
 * lateness and overtime (some jobs with two windows: late for the first,
 * or in time at the second's start), and on every other problem two alike
 * technicians, one of whom alone is preferred. */
static model_problem *late_and_long(int round)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    int njobs = 4 + rnd(4);
    random_locations(p, njobs + 1, 1500, 0);
    for (int t = 0; t < 2; t++) {
        model_technician *tech = random_add_home_technician(p, t, 8 * 3600, (10 + rnd(3)) * 3600);
        if (rnd(4) > 0)
            tech->shifts[0].overtime =
                (model_soft_limit){1800 + 1800 * rnd(4), (5 + rnd(100)) * MODEL_RATE_ONE};
    }
    for (int j = 0; j < njobs; j++) {
        model_job *job = random_add_job(p, j, j + 1);
        job->duration = 900 + rnd(2700);
        int64_t at = 8 * 3600 + 900 * rnd(12);
        model_window w = {at, at + 600 + 300 * rnd(4)};
        CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
        if (rnd(4) == 0) {
            model_window w2 = {w.end + 1800 + 900 * rnd(4), w.end + 3600 + 900 * rnd(4)};
            CHECK_EQ_INT(model_job_add_window(job, &w2, &err), MODEL_OK);
        }
        if (rnd(4) > 0)
            job->lateness = (model_soft_limit){1800 + 900 * rnd(8), (2 + rnd(60)) * MODEL_RATE_ONE};
        if (round % 2 && rnd(2) == 0)
            CHECK_EQ_INT(model_job_add_preference(job, 1, 300 + rnd(3000), &err), MODEL_OK);
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

static void test_bound_soft__late_and_long_and_alike(void)
{
    tally t = {0};
    int paid = 0;
    for (int round = 0; round < 120; round++) {
        model_problem *p = round % 3 == 2 ? twins() : late_and_long(round);
        model_summary sum =
            solve_and_check(p, round, 200, SOLVER_PROVE_SHARE, false, &t);
        paid += sum.lateness_cost_s + sum.overtime_cost_s > 0;
    }
    fprintf(stderr, "%d with a cost bound, %d paying lateness or overtime\n", t.with_cost, paid);
    CHECK(t.with_cost >= 60);
    CHECK(paid >= 30);
}

/* Preferred technicians alone are bounded directly (no relaxation): with
 * prove, the route enumeration and the integer master price the bonuses,
 * so tiny problems end proven optimal at the brute-force optimum of the
 * cost (travel less bonuses), from a search of one iteration: the proof
 * has to find it. */
static void test_bound_soft__preferences_proven(void)
{
    tally t = {0};
    int bonus = 0;
    for (int round = 0; round < 40; round++) {
        model_problem *p = round % 2 ? twins() : random_problem_shaped(&RANDOM_TINY, 4 + rnd(4), 2);
        model_error err = MODEL_ERROR_INIT;
        for (int j = 0; round % 2 == 0 && j < p->njobs; j++)
            for (int t = 0; t < p->ntechnicians; t++)
                if (rnd(3) == 0)
                    CHECK_EQ_INT(model_job_add_preference(&p->jobs[j], t, 60 + rnd(3000), &err),
                                 MODEL_OK);
        CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        CHECK(!model_problem_uses_soft_limits(p));
        model_summary sum = solve_and_check(p, round, 1, SOLVER_PROVE_SHARE, true, &t);
        bonus += sum.preference_bonus_s > 0;
    }
    fprintf(stderr, "%d with a cost bound, %d at the optimum, %d proven, %d earning bonuses\n",
            t.with_cost, t.optimal, t.proven, bonus);
    CHECK(t.with_cost >= 36);
    CHECK(t.optimal >= 36);
    CHECK(t.proven >= 36);
    CHECK(bonus >= 20);
}

/* With lateness and overtime (no balance cost), --prove bounds the cost
 * through the relaxation's integer master over every route within the gap
 * (columns charge lateness and overtime where they surely arise, never
 * more): from a search of one iteration, tiny problems end at the
 * brute-force optimum, most of them proven. */
static void test_bound_soft__late_and_overtime_proven(void)
{
    tally t = {0};
    int paid = 0;
    for (int round = 0; round < 40; round++) {
        model_problem *p = round % 2 ? late_and_long(round) : soft_tiny(3 * round + 1);
        CHECK(p->objective.balance_us_per_min == 0);
        model_summary sum = solve_and_check(p, round, 1, SOLVER_PROVE_SHARE, true, &t);
        paid += sum.lateness_cost_s + sum.overtime_cost_s > 0;
    }
    fprintf(stderr, "%d with a cost bound, %d at the optimum, %d proven, %d paying lateness or "
            "overtime\n", t.with_cost, t.optimal, t.proven, paid);
    CHECK(t.with_cost >= 36);
    CHECK(t.optimal >= 36);
    CHECK(t.proven >= 30);
    CHECK(paid >= 10);
}

/* The route enumeration of --prove (cg_enumerate) prices bonuses, and on
 * a hard relaxation lateness and overtime: at random duals, every route of
 * a group whose reduced cost (its cost in the problem itself: travel less
 * bonuses plus lateness and overtime, by brute force over job sets and
 * orders, less duals) is within the threshold is among the columns it adds,
 * at no more than that cost (the integer master's bound needs both). Even
 * rounds: preferred technicians alone, enumerated on the problem; odd
 * ones: every soft rule but balance, enumerated on its relaxation. */
static void test_bound_soft__enumeration_keeps_routes_with_bonuses(void)
{
    int within = 0, bonused = 0, charged = 0;
    for (int round = 0; round < 40; round++) {
        model_problem *p, *rp = NULL;
        model_error err = MODEL_ERROR_INIT;
        if (round % 2) {
            p = round % 4 == 1 ? late_and_long(round) : soft_tiny(3 * round + 1);
        } else {
            p = random_problem_shaped(&RANDOM_TINY, 4 + rnd(3), 1 + rnd(2));
            for (int j = 0; j < p->njobs; j++)
                for (int t = 0; t < p->ntechnicians; t++)
                    if (rnd(2) == 0)
                        CHECK_EQ_INT(
                            model_job_add_preference(&p->jobs[j], t, 60 + rnd(3000), &err),
                            MODEL_OK);
            CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        }
        solver_options opt = SOLVER_OPTIONS_INIT;
        sv_ctx c, cr;
        cg_ctx g;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        if (round % 2)
            CHECK_EQ_INT(sv_relax_open(&c, &opt, &rp, &cr, &err), MODEL_OK);
        CHECK_EQ_INT(cg_ctx_init(&g, round % 2 ? &cr : &c, &err), MODEL_OK);
        int n = p->njobs, perm[16];
        sv_route r = {0};
        for (int gi = 0; gi < g.ng; gi++) {
            int k = g.g[gi].slot;
            double pi[16], mu = -rnd(3) * 100.0, least = 0;
            for (int j = 0; j < n; j++)
                pi[j] = rnd(2400) - 600.0;
            int64_t *cost = malloc(sizeof *cost << n);
            for (unsigned set = 1; set < 1u << n; set++) {
                int m = 0;
                double duals = 0;
                for (int j = 0; j < n; j++)
                    if (set >> j & 1) {
                        perm[m++] = j;
                        duals += pi[j];
                    }
                cost[set] = best_route(&c, k, set, perm, m, 0, &r, true);
                if (cost[set] != INT64_MAX && (double)cost[set] - duals - mu < least)
                    least = (double)cost[set] - duals - mu;
                charged += rp && cost[set] != INT64_MAX &&
                           cost[set] > best_route(&cr, k, set, perm, m, 0, &r, true);
            }
            double threshold = least + rnd(3000);
            bool complete;
            CHECK(cg_enumerate(&g, gi, CG_PH_COST, pi, mu, threshold, 20000000L, NULL,
                               sv_now() + 60, &complete));
            CHECK(complete);
            for (unsigned set = 1; set < 1u << n; set++) {
                double duals = 0;
                for (int j = 0; j < n; j++)
                    duals += set >> j & 1 ? pi[j] : 0;
                if (cost[set] == INT64_MAX || (double)cost[set] - duals - mu > threshold - 1e-6)
                    continue;
                bool found = false;
                for (int e = 0; e < g.cols.set.n && !found; e++) {
                    const sv_seq *q = &g.cols.set.e[e];
                    unsigned got = 0;
                    for (int i = 0; i < q->len; i++)
                        got |= 1u << g.cols.set.jobs[q->off + i];
                    found = q->key == gi && got == set && g.cols.col[e].cost <= cost[set];
                }
                if (!found)
                    fprintf(stderr, "round %d group %d: jobs %#x (cost %lld) not enumerated\n",
                            round, gi, set, (long long)cost[set]);
                CHECK(found);
                within++;
                int64_t b = 0;
                for (int j = 0; j < n; j++)
                    b += g.bonus && set >> j & 1
                             ? g.bonus[(size_t)gi * (size_t)n + (size_t)j]
                             : 0;
                bonused += b > 0;
            }
            free(cost);
        }
        sv_route_free(&r);
        cg_ctx_free(&g);
        if (rp) {
            sv_ctx_free(&cr);
            model_problem_free(rp);
        }
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "%d routes within the threshold, %d of them with bonuses; %d job sets whose "
            "best route pays lateness or overtime\n", within, bonused, charged);
    CHECK(bonused >= 50);
    CHECK(charged >= 50);
}

/* FORMAT.md's lateness charge of a start S: past the end of the window
 * with the largest start <= S (of equal starts, the one ending last),
 * written apart from cg_late_charge. */
static int64_t format_late(const model_job *job, int64_t S)
{
    int64_t best_s = INT64_MIN, best_e = 0;
    for (int k = 0; k < job->nwindows; k++) {
        const model_window *w = &job->windows[k];
        if (w->start <= S && (w->start > best_s || (w->start == best_s && w->end > best_e))) {
            best_s = w->start;
            best_e = w->end;
        }
    }
    return best_s != INT64_MIN && S > best_e ? model_soft_limit_cost(job->lateness, S - best_e) : 0;
}

/* Jobs of 2-4 windows that may start late: from any earliest start st
 * the relaxation allows, the starts the labelling tries (cg_late_starts)
 * are each allowed and charged as FORMAT.md says, and every start S >= st
 * the relaxation allows is no earlier and charged no less than one of
 * them (the labelling's dominance needs that for the bound to hold). */
static void test_bound_soft__late_starts_cover_later_starts(void)
{
    int covered = 0, waited = 0;
    for (int round = 0; round < 60; round++) {
        model_problem *p, *rp;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
        random_locations(p, 3, 1500, 0);
        random_add_home_technician(p, 0, 6 * 3600, 22 * 3600);
        for (int j = 0; j < 2; j++) {
            model_job *job = random_add_job(p, j, j + 1);
            job->duration = 600;
            int64_t at = 7 * 3600 + 600 * rnd(6);
            for (int k = 2 + rnd(3); k > 0; k--) {
                model_window w = {at, at + 300 + 300 * rnd(8)};
                CHECK_EQ_INT(model_job_add_window(job, &w, &err), MODEL_OK);
                at = w.end + 300 * rnd(10); /* gaps, some shorter than the lateness */
            }
            if (rnd(3) == 0)
                job->release = 7 * 3600 + 900 * rnd(12);
            job->lateness = (model_soft_limit){600 + 300 * rnd(8), (1 + rnd(120)) * MODEL_RATE_ONE};
        }
        CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
        solver_options opt = SOLVER_OPTIONS_INIT;
        sv_ctx c, cr;
        cg_ctx g;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        CHECK_EQ_INT(sv_relax_open(&c, &opt, &rp, &cr, &err), MODEL_OK);
        CHECK_EQ_INT(cg_ctx_init(&g, &cr, &err), MODEL_OK);
        for (int j = 0; j < p->njobs; j++) {
            const model_job *job = &p->jobs[j];
            for (int64_t x = 6 * 3600; x < 22 * 3600; x += 60 + 60 * rnd(10)) {
                int64_t st = sv_job_earliest(&cr, j, x), t[CG_LATE_STARTS], ch[CG_LATE_STARTS];
                if (st == SV_INF)
                    break;
                int n = cg_late_starts(&g, j, st, true, t, ch);
                CHECK(n >= 1 && n <= CG_LATE_STARTS && t[0] == st);
                for (int q = 0; q < n; q++) {
                    CHECK(sv_job_earliest(&cr, j, t[q]) == t[q]); /* allowed */
                    CHECK(ch[q] == format_late(job, t[q]) || (q == CG_LATE_STARTS - 1 &&
                                                               ch[q] == 0));
                }
                waited += n > 1;
                for (int64_t S = st; S < 23 * 3600; S += 30) {
                    if (sv_job_earliest(&cr, j, S) != S)
                        continue;
                    bool dominated = false;
                    for (int q = 0; q < n && !dominated; q++)
                        dominated = t[q] <= S && ch[q] <= format_late(job, S);
                    if (!dominated)
                        fprintf(stderr, "round %d job %d: start %lld from %lld not covered\n",
                                round, j, (long long)S, (long long)st);
                    CHECK(dominated);
                    covered++;
                }
                /* without charges: st alone */
                CHECK_EQ_INT(cg_late_starts(&g, j, st, false, t, ch), 1);
            }
        }
        cg_ctx_free(&g);
        sv_ctx_free(&cr);
        model_problem_free(rp);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "%d later starts covered, %d earliest starts with a wait tried\n", covered,
            waited);
    CHECK(waited >= 100);
}

TESTLIB_MAIN({"bound_soft__never_above_brute_force_optimum",
              test_bound_soft__never_above_brute_force_optimum},
             {"bound_soft__late_and_long_and_alike",
              test_bound_soft__late_and_long_and_alike},
             {"bound_soft__preferences_proven", test_bound_soft__preferences_proven},
             {"bound_soft__late_and_overtime_proven", test_bound_soft__late_and_overtime_proven},
             {"bound_soft__enumeration_keeps_routes_with_bonuses",
              test_bound_soft__enumeration_keeps_routes_with_bonuses},
             {"bound_soft__late_starts_cover_later_starts",
              test_bound_soft__late_starts_cover_later_starts})
