/* test_solver_route.c - the solver's incremental feasibility agrees with a
 * full simulation, breaks are placed, and solver_solve keeps every rule, is
 * deterministic and explains unassigned jobs. */
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "solver/output.h"
#include "solver/search.h"
#include "testlib.h"
#define TEST_RNG_SEED 42
#include "random_problem.h"

/* A random problem (random_problem.h, RANDOM_ROUTES): njobs jobs, ntech technicians with
 * one or two shifts 08:00-17:00, 0-2 breaks when `breaks`, jobs with 0-3
 * windows, some with release/deadline, loads and capacities. */
static model_problem *random_problem_extra(int njobs, int ntech, bool breaks,
                                          const model_window *extra);

static model_problem *random_problem(int njobs, int ntech, bool breaks)
{
    return random_problem_extra(njobs, ntech, breaks, NULL);
}

/* As random_problem; with `extra`, one more job "NEW" (30 min, location
 * L1) with that window (or none when extra->start > extra->end). */
static model_problem *random_problem_extra(int njobs, int ntech, bool breaks,
                                          const model_window *extra)
{
    random_shape shape = RANDOM_ROUTES;
    shape.breaks = breaks;
    model_problem *p = random_problem_shaped(&shape, njobs, ntech);
    model_error err = MODEL_ERROR_INIT;
    if (extra) {
        model_job *job;
        CHECK_EQ_INT(model_problem_add_job(p, "NEW", &job, NULL, &err), MODEL_OK);
        job->location = 1;
        job->duration = 1800;
        if (extra->start <= extra->end)
            CHECK_EQ_INT(model_job_add_window(job, extra, &err), MODEL_OK);
    }
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

/* A context for p (default options) into *c and a solution built by the
 * solver's own insertion into *s; the caller frees both. */
static void constructed(const model_problem *p, sv_ctx *c, sv_sol *s)
{
    solver_options opt = SOLVER_OPTIONS_INIT;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(sv_ctx_init(c, p, &opt, &err), MODEL_OK);
    CHECK(sv_sol_init(c, s));
    CHECK(sv_construct(c, s, sv_now() + 60));
}

/* Incremental checks (sv_eval_replace) agree with simulating the changed
 * node sequence in full, for random insertions, removals and swaps on
 * routes built by the solver's own insertion. */
static void test_eval_replace__agrees_with_full_simulation(void)
{
    for (int round = 0; round < 30; round++) {
        model_problem *p = random_problem(40, 4, round % 3 != 0);
        sv_ctx c;
        sv_sol s;
        constructed(p, &c, &s);
        int agree = 0, disagree = 0;
        int nodes[256];
        for (int trial = 0; trial < 3000; trial++) {
            int k = rnd(c.nslots);
            const sv_route *r = &s.r[k];
            if (r->njobs == 0)
                continue;
            int i = rnd(r->n + 1), j = i, m = 0, ins[2];
            int kind = rnd(3);
            if (kind >= 1) { /* remove or replace one job node at i */
                if (i >= r->n || sv_is_break(r->node[i]))
                    continue;
                j = i + 1;
            }
            if (kind != 1) {
                ins[0] = rnd(p->njobs);
                if (s.where[ins[0]] == k)
                    continue;
                m = 1;
            }
            if (r->njobs - (j - i) + m == 0)
                continue;
            int64_t dt;
            bool inc = sv_eval_replace(&c, r, i, j, ins, m, SV_INF, &dt);
            int n = 0;
            for (int q = 0; q < i; q++)
                nodes[n++] = r->node[q];
            for (int q = 0; q < m; q++)
                nodes[n++] = ins[q];
            for (int q = j; q < r->n; q++)
                nodes[n++] = r->node[q];
            int64_t travel, end;
            bool full = sv_simulate(&c, k, nodes, n, &travel, &end);
            /* load, count and compatibility are checked only incrementally */
            bool limits = true;
            double load = 0;
            int cnt = 0;
            for (int q = 0; q < n; q++)
                if (!sv_is_break(nodes[q])) {
                    load += p->jobs[nodes[q]].load;
                    cnt++;
                    limits &= c.compat[(size_t)nodes[q] * c.nslots + k] != 0;
                }
            if (c.slots[k].cap > 0 && load > c.slots[k].cap)
                limits = false;
            if (c.slots[k].maxj >= 0 && cnt > c.slots[k].maxj)
                limits = false;
            full = full && limits;
            if (inc == full && (!inc || dt == travel - r->travel))
                agree++;
            else
                disagree++;
        }
        CHECK_EQ_INT(disagree, 0);
        CHECK(agree > 0);
        sv_sol_free(&s);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
}

/* The penalised search's segment concatenation agrees with the full
 * simulation: with one window per job and no breaks, a sequence has no time
 * warp exactly when it is feasible; with breaks (each taken after driving
 * to the next stop) no time warp still means feasible. */
static void test_segments__warp_agrees_with_simulation(void)
{
    for (int round = 0; round < 20; round++) {
        bool breaks = round % 2;
        model_problem *p = random_problem(30, 3, breaks);
        solver_options opt = SOLVER_OPTIONS_INIT;
        sv_ctx c;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(sv_ctx_init(&c, p, &opt, &err), MODEL_OK);
        int zero = 0, warped = 0, nodes[16];
        for (int trial = 0; trial < 3000; trial++) {
            int k = rnd(c.nslots), m = 1 + rnd(4), n = 0;
            for (int q = 0; q < m; q++) {
                int u = rnd(c.njobs);
                if (c.win_n[u] == 1)
                    nodes[n++] = u;
            }
            if (n == 0)
                continue;
            for (int b = 0, lo = 0; breaks && b < c.slots[k].nbr; b++) {
                int at = lo + rnd(n - lo + 1);
                memmove(nodes + at + 1, nodes + at, (size_t)(n - at) * sizeof *nodes);
                nodes[at] = -(b + 1);
                n++;
                lo = at + 1;
            }
            int64_t warp = sv_segment_warp(&c, k, nodes, n);
            bool feasible = sv_simulate(&c, k, nodes, n, NULL, NULL);
            if (!breaks)
                CHECK_EQ_INT(warp == 0, feasible);
            else if (warp == 0)
                CHECK(feasible);
            zero += warp == 0;
            warped += warp > 0;
        }
        CHECK(zero > 0 && warped > 0);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
}

/* Whatever the penalties let the penalised search pass through, the
 * solution it hands back keeps every rule (model_check_schedule through
 * sv_build_schedule) and names the routes it changed. */
static void test_pls__hands_back_feasible_solutions(void)
{
    for (int round = 0; round < 24; round++) {
        model_problem *p = random_problem(50, 4, round % 3 != 0);
        model_error err = MODEL_ERROR_INIT;
        sv_ctx c;
        sv_sol s, before;
        constructed(p, &c, &s);
        CHECK(sv_sol_init(&c, &before));
        CHECK(sv_sol_copy(&before, &s));
        sv_penalty pen;
        sv_penalty_init(&c, &s, &pen);
        if (round % 2) { /* nearly free violations: the repair must work */
            pen.w_tw = 0.001;
            pen.w_load = 0.001;
        }
        sv_rng g = {(uint64_t)round};
        int changed[64], nch = -1;
        CHECK(c.nslots <= 64);
        sv_pls *pls = sv_pls_create(&c);
        CHECK(pls != NULL);
        CHECK(sv_penalised_search(pls, &s, &g, sv_now() + 60, &pen, NULL, c.njobs, changed, &nch));
        sv_pls_free(pls);
        CHECK(nch >= 0);
        for (int k = 0; k < c.nslots; k++) {
            bool listed = false;
            for (int q = 0; q < nch; q++)
                listed |= changed[q] == k;
            if (!listed) {
                CHECK_EQ_INT(s.r[k].n, before.r[k].n);
                CHECK(memcmp(s.r[k].node, before.r[k].node, (size_t)s.r[k].n * sizeof(int)) == 0);
            }
        }
        CHECK_EQ_INT(pen.runs, 1);
        model_schedule *sch = NULL;
        CHECK_EQ_INT(sv_build_schedule(&c, &s, &sch, &err), MODEL_OK);
        model_schedule_free(sch);
        sv_sol_free(&s);
        sv_sol_free(&before);
        sv_ctx_free(&c);
        model_problem_free(p);
    }
}

static char *schedule_text(const model_schedule *s)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    buf[0] = 0;
    for (int r = 0; r < s->nroutes; r++)
        for (int i = 0; i < s->routes[r].nstops; i++) {
            const model_stop *st = &s->routes[r].stops[i];
            if (len + 100 > cap)
                buf = realloc(buf, cap *= 2);
            len += (size_t)snprintf(buf + len, cap - len, "%d/%d:%d:%d:%lld;", r,
                                    s->routes[r].technician, st->kind, st->job,
                                    (long long)st->start);
        }
    return buf;
}

/* Every schedule passes the engine's checker; every unassigned job has a
 * reason; the same seed and iteration budget give the same schedule. */
static void test_solve__valid_deterministic_and_explained(void)
{
    for (int round = 0; round < 6; round++) {
        model_problem *p = random_problem(60, 3, true);
        solver_options opt = SOLVER_OPTIONS_INIT;
        opt.max_iterations = 400;
        opt.seed = (uint64_t)round;
        opt.threads = 1 + round % 2; /* deterministic per seed and thread count */
        model_schedule *a = NULL, *b = NULL;
        model_error err = MODEL_ERROR_INIT;
        solver_stats st;
        CHECK_EQ_INT(solver_solve(p, &opt, &a, &st, &err), MODEL_OK);
        CHECK_EQ_INT(solver_solve(p, &opt, &b, NULL, &err), MODEL_OK);
        if (!a || !b) {
            model_problem_free(p);
            continue;
        }
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p, a, NULL, &rep, &err), MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        model_report_clear(&rep);
        for (int u = 0; u < a->nunassigned; u++)
            CHECK(a->unassigned[u].reason && strlen(a->unassigned[u].reason) > 10);
        char *ta = schedule_text(a), *tb = schedule_text(b);
        CHECK(strcmp(ta, tb) == 0);
        model_summary sa = model_schedule_summarize(p, a);
        CHECK(sa.unassigned_weight <= st.initial_unassigned_weight);
        CHECK(sa.assigned + sa.unassigned == p->njobs);
        free(ta);
        free(tb);
        model_schedule_free(a);
        model_schedule_free(b);
        model_problem_free(p);
    }
}

/* A job needing a skill nobody has, and one whose deadline is before every
 * shift, are unassigned with reasons naming the cause. */
static void test_solve__reasons_name_the_cause(void)
{
    model_problem *p = random_problem(5, 2, false);
    model_error err = MODEL_ERROR_INIT;
    int sk;
    CHECK_EQ_INT(model_problem_intern_skill(p, "roofing", &sk, &err), MODEL_OK);
    model_skillset_add(&p->jobs[0].skills, sk);
    p->jobs[1].nwindows = 0;
    p->jobs[1].deadline = 3600; /* 01:00 on day one, before every shift */
    p->jobs[1].release = MODEL_TIME_MIN;
    solver_options opt = SOLVER_OPTIONS_INIT;
    opt.max_iterations = 50;
    model_schedule *s = NULL;
    CHECK_EQ_INT(solver_solve(p, &opt, &s, NULL, &err), MODEL_OK);
    const char *r0 = NULL, *r1 = NULL;
    for (int u = 0; s && u < s->nunassigned; u++) {
        if (s->unassigned[u].job == 0)
            r0 = s->unassigned[u].reason;
        if (s->unassigned[u].job == 1)
            r1 = s->unassigned[u].reason;
    }
    CHECK_STR_CONTAINS(r0, "no technician has skill 'roofing'");
    CHECK_STR_CONTAINS(r1, "before its deadline");
    model_schedule_free(s);
    model_problem_free(p);
}

/* Re-solving with the previous schedule and stability penalties keeps every
 * job on its technician-shift; with a changed problem (one technician's
 * shift shortened) only what must move moves. */
static void test_solve__stability_keeps_previous_assignments(void)
{
    model_problem *p = random_problem(50, 4, true);
    solver_options opt = SOLVER_OPTIONS_INIT;
    opt.max_iterations = 300;
    model_schedule *first = NULL, *again = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(solver_solve(p, &opt, &first, NULL, &err), MODEL_OK);
    opt.previous = first;
    opt.move_penalty_s = 100000;
    opt.shift_penalty_s = 50000;
    opt.seed = 99;
    solver_stats st;
    CHECK_EQ_INT(solver_solve(p, &opt, &again, &st, &err), MODEL_OK);
    CHECK_EQ_INT(st.moved_jobs, 0);
    if (first && again) {
        model_summary a = model_schedule_summarize(p, first), b = model_schedule_summarize(p, again);
        CHECK(b.unassigned_weight <= a.unassigned_weight);
        CHECK(b.assigned >= a.assigned);
    }
    model_schedule_free(first);
    model_schedule_free(again);
    model_problem_free(p);
}

/* Every slot offered for a new job can be booked right after, and booking
 * keeps every other job on its technician and inside its windows. */
static void test_slots__offers_can_be_booked(void)
{
    model_window none = {1, 0};
    rng_state = 7;
    model_problem *p1 = random_problem(40, 3, true);
    rng_state = 7;
    model_problem *p2 = random_problem_extra(40, 3, true, &none);
    solver_options opt = SOLVER_OPTIONS_INIT;
    opt.max_iterations = 200;
    model_schedule *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(solver_solve(p1, &opt, &s, NULL, &err), MODEL_OK);
    model_window cands[18];
    for (int i = 0; i < 18; i++) /* 2-hour windows over two days */
        cands[i] = (model_window){(i / 9) * 86400 + 8 * 3600 + (i % 9) * 3600,
                                  (i / 9) * 86400 + 10 * 3600 + (i % 9) * 3600};
    solver_slot out[18];
    CHECK_EQ_INT(solver_slots(p2, s, 40, cands, 18, out, &err), MODEL_OK);
    int offered = 0;
    for (int i = 0; i < 18; i++) {
        if (out[i].technician < 0)
            continue;
        offered++;
        rng_state = 7;
        model_problem *p3 = random_problem_extra(40, 3, true, &cands[i]);
        model_schedule *booked = NULL;
        CHECK_EQ_INT(solver_insert_job(p3, s, 40, &booked, &err), MODEL_OK);
        if (!booked) {
            fprintf(stderr, "slot %d not bookable: %s\n", i, err.msg);
            model_problem_free(p3);
            continue;
        }
        model_report rep = MODEL_REPORT_INIT;
        CHECK_EQ_INT(model_check_schedule(p3, booked, NULL, &rep, &err), MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        model_report_clear(&rep);
        /* every job keeps its technician */
        for (int r = 0; r < s->nroutes; r++)
            for (int q = 0; q < s->routes[r].nstops; q++) {
                int j = s->routes[r].stops[q].job;
                if (s->routes[r].stops[q].kind != MODEL_STOP_JOB)
                    continue;
                bool same = false;
                for (int r2 = 0; r2 < booked->nroutes; r2++)
                    for (int q2 = 0; q2 < booked->routes[r2].nstops; q2++)
                        if (booked->routes[r2].stops[q2].job == j &&
                            booked->routes[r2].technician == s->routes[r].technician)
                            same = true;
                CHECK(same);
            }
        model_schedule_free(booked);
        model_problem_free(p3);
    }
    CHECK(offered > 0);
    model_schedule_free(s);
    model_problem_free(p1);
    model_problem_free(p2);
}

TESTLIB_MAIN({"slots__offers_can_be_booked", test_slots__offers_can_be_booked},
             {"solve__stability_keeps_previous_assignments",
              test_solve__stability_keeps_previous_assignments},
             {"eval_replace__agrees_with_full_simulation",
              test_eval_replace__agrees_with_full_simulation},
             {"solve__valid_deterministic_and_explained",
              test_solve__valid_deterministic_and_explained},
             {"solve__reasons_name_the_cause", test_solve__reasons_name_the_cause},
             {"segments__warp_agrees_with_simulation", test_segments__warp_agrees_with_simulation},
             {"pls__hands_back_feasible_solutions", test_pls__hands_back_feasible_solutions})
