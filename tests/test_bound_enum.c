/* test_bound_enum.c - the route enumeration of --prove
 * (solver/cg_enum.c cg_enumerate) past 64 jobs: it once marked the jobs of
 * a partial route in a 64-bit mask, so problems of more jobs were never
 * enumerated (no weight proof, no cost proof beyond 64 jobs). Here the jobs
 * a technician may serve sit past index 64, behind jobs no one may serve,
 * and every route within the threshold (brute force over their sets and
 * orders) must be among the columns, elementary, at no more than its cost;
 * --prove then proves instances past 64 jobs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"
#include "solver/context.h"
#include "solver/seqset.h"
#include "solver/solver.h"
#include "testlib.h"
#include "random_problem.h"
#include "brute_force.h"
#include "solomon25.h"

/* Jobs no one may serve, ahead of the real ones. */
#define PAD 66
#define MAX_REAL 6

/* A tiny random problem (RANDOM_TINY) of PAD + n jobs whose first PAD need
 * a skill no technician has. */
static model_problem *padded_problem(int n, int ntech)
{
    model_problem *p = random_problem_shaped(&RANDOM_TINY, PAD + n, ntech);
    model_error err = MODEL_ERROR_INIT;
    int nobody;
    CHECK_EQ_INT(model_problem_intern_skill(p, "nobody", &nobody, &err), MODEL_OK);
    for (int j = 0; j < PAD; j++)
        model_skillset_add(&p->jobs[j].skills, nobody);
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* Whether a column of group gi serves exactly the real jobs of set (bit i:
 * job PAD + i), once each, at a cost of at most `most`. */
static bool enumerated(const cg_ctx *g, int gi, unsigned set, int64_t most)
{
    for (int e = 0; e < g->cols.set.n; e++) {
        const sv_seq *q = &g->cols.set.e[e];
        unsigned got = 0;
        bool once = true;
        for (int i = 0; i < q->len; i++) {
            int j = g->cols.set.jobs[q->off + i] - PAD;
            once = once && j >= 0 && !(got >> j & 1);
            got |= j >= 0 ? 1u << j : 0;
        }
        if (q->key == gi && once && got == set && g->cols.col[e].cost <= most)
            return true;
    }
    return false;
}

static void test_bound_enum__routes_past_64_jobs(void)
{
    int within = 0, groups = 0;
    for (int round = 0; round < 30; round++) {
        int n = 4 + rnd(MAX_REAL - 3);
        model_problem *p = padded_problem(n, 1 + rnd(2));
        model_error err = MODEL_ERROR_INIT;
        solver_options opt = SOLVER_OPTIONS_INIT;
        sv_ctx c;
        cg_ctx g;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        CHECK_EQ_INT(cg_ctx_init(&g, &c, &err), MODEL_OK);
        double *pi = calloc((size_t)p->njobs, sizeof *pi);
        int64_t cost[1u << MAX_REAL];
        sv_route r = {0};
        for (int gi = 0; gi < g.ng; gi++) {
            int k = g.g[gi].slot;
            if (c.slots[k].nbr > CG_MAX_BREAKS)
                continue;
            double mu = -rnd(3) * 100.0, least = 0;
            for (int j = PAD; j < p->njobs; j++)
                pi[j] = rnd(2400) - 600.0;
            for (unsigned set = 1; set < 1u << n; set++) {
                int perm[MAX_REAL], m = 0;
                double duals = 0;
                for (int i = 0; i < n; i++)
                    if (set >> i & 1) {
                        perm[m++] = PAD + i;
                        duals += pi[PAD + i];
                    }
                cost[set] = best_route(&c, k, set, perm, m, 0, &r, false);
                if (cost[set] != INT64_MAX && (double)cost[set] - duals - mu < least)
                    least = (double)cost[set] - duals - mu;
            }
            double threshold = least + rnd(3000);
            bool complete;
            CHECK(cg_enumerate(&g, gi, CG_PH_COST, pi, mu, threshold, 20000000L, NULL,
                               sv_now() + 60, &complete));
            CHECK(complete);
            groups++;
            for (unsigned set = 1; set < 1u << n; set++) {
                double duals = 0;
                for (int i = 0; i < n; i++)
                    duals += set >> i & 1 ? pi[PAD + i] : 0;
                if (cost[set] == INT64_MAX || (double)cost[set] - duals - mu > threshold - 1e-6)
                    continue;
                bool found = enumerated(&g, gi, set, cost[set]);
                if (!found)
                    fprintf(stderr, "round %d group %d: jobs %#x (cost %lld) not enumerated\n",
                            round, gi, set, (long long)cost[set]);
                CHECK(found);
                within++;
            }
        }
        /* nothing but the real jobs, and no job twice, in any column */
        for (int e = 0; e < g.cols.set.n; e++) {
            const sv_seq *q = &g.cols.set.e[e];
            unsigned got = 0;
            for (int i = 0; i < q->len; i++) {
                int j = g.cols.set.jobs[q->off + i] - PAD;
                CHECK(j >= 0 && j < n && !(got >> j & 1));
                got |= 1u << j;
            }
        }
        sv_route_free(&r);
        free(pi);
        cg_ctx_free(&g);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
    fprintf(stderr, "%d groups enumerated past %d jobs, %d routes within the threshold found\n",
            groups, PAD, within);
    CHECK(groups >= 20);
    CHECK(within >= 40);
}

/* A 25-customer Solomon instance (tests/data/solomon25) with `pad` more
 * jobs at the depot that no technician may serve. */
static model_problem *padded_solomon25(const char *file, int pad)
{
    model_problem *p = solomon25(file);
    model_error err = MODEL_ERROR_INIT;
    int nobody;
    CHECK_EQ_INT(model_problem_intern_skill(p, "nobody", &nobody, &err), MODEL_OK);
    for (int j = 0; j < pad; j++) {
        model_job *job = random_add_job(p, 1000 + j, p->technicians[0].start_location);
        job->duration = 600;
        model_skillset_add(&job->skills, nobody);
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* --prove past 64 jobs: 25-customer Solomon instances with 45 jobs no one
 * may serve end at their known optimum, proven: R110's proof needs the
 * enumeration (its bound with cuts is 39 s below the optimum, 2,108 routes
 * within that gap), RC101's not (its cuts close the gap). */
static void test_bound_enum__prove_past_64_jobs(void)
{
    static const struct {
        const char *file;
        double optimum;
    } cases[] = {{"r110_25.txt", 444.1}, {"rc101_25.txt", 461.1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_problem *p = padded_solomon25(cases[i].file, 45);
        CHECK(p->njobs > 64);
        model_schedule *s = bound_solve(p, true, SOLVER_PROVE_SHARE, 0, 30);
        CHECK(s != NULL);
        if (s) {
            model_summary sum = model_schedule_summarize(p, s);
            double optimum = floor(cases[i].optimum * 60 + 0.5);
            fprintf(stderr, "%s with 45 jobs no one serves: travel %.1f, bound %.1f, %s\n",
                    cases[i].file, (double)sum.travel_s / 60, s->bound.cost / 60,
                    s->bound.proven_optimal ? "proven optimal" : "not proven");
            CHECK(s->bound.has_cost && s->bound.cost <= optimum);
            CHECK(s->bound.proven_optimal && (double)sum.travel_s == optimum);
        }
        model_schedule_free(s);
        model_problem_free(p);
    }
}

/* An enumeration cut short is dropped by truncating the column store
 * (sv_seqset_truncate): the sequences kept are found at their indices, the
 * dropped ones are new again (taking the next indices), and the set grows
 * on past its table's size as before. */
static void test_bound_enum__truncated_set_keeps_the_first(void)
{
    sv_seqset s;
    CHECK(sv_seqset_init(&s, 8));
    int idx;
    bool added;
    for (int i = 0; i < 300; i++) {
        int jobs[3] = {i, i + 1, i % 7};
        CHECK(sv_seqset_add(&s, i % 5, jobs, 1 + i % 3, &idx, &added));
        CHECK(added && idx == i);
    }
    sv_seqset_truncate(&s, 120);
    CHECK(s.n == 120);
    CHECK(s.njobs == (size_t)s.e[119].off + (size_t)s.e[119].len);
    for (int i = 0; i < 300; i++) {
        int jobs[3] = {i, i + 1, i % 7};
        CHECK(sv_seqset_add(&s, i % 5, jobs, 1 + i % 3, &idx, &added));
        CHECK(i < 120 ? !added && idx == i : added && idx == i);
        CHECK(memcmp(sv_seqset_jobs(&s, idx), jobs, (size_t)(1 + i % 3) * sizeof *jobs) == 0);
    }
    sv_seqset_truncate(&s, 0);
    CHECK(s.n == 0 && s.njobs == 0);
    sv_seqset_free(&s);
}

TESTLIB_MAIN({"bound_enum__routes_past_64_jobs", test_bound_enum__routes_past_64_jobs},
             {"bound_enum__truncated_set_keeps_the_first",
              test_bound_enum__truncated_set_keeps_the_first},
             {"bound_enum__prove_past_64_jobs", test_bound_enum__prove_past_64_jobs})
