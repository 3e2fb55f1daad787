/* test_model_check.c - the schedule checker on problems built in code: one
 * test per rule (the message names the rule, the route and the job), the
 * totals and summary comparison, and garbage indices that must be reported,
 * never crash. Agreement with the oracle: tests/test_io_json_schedule.c. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/problem.h"
#include "model/schedule.h"
#include "testlib.h"

#define DAY 1795392000LL /* 2026-11-23T00:00:00Z */
#define T(h, m) (DAY + (h) * 3600LL + (m) * 60LL)

/* depot, a, b; t-ana (gas, boiler; capacity 10, max 3 jobs; break 11:30-13:30
 * 30 min), t-ben (gas, no breaks); J-1 (a, 60 min, boiler, window 08:30-12:00,
 * load 4), J-2 (b, 30 min, release 09:00, deadline 16:00, load 5, priority
 * 1), J-3 (a, 30 min, pinned t-ben, priority 2), J-4 (b, 30 min, allowed
 * t-ben, priority 3). Day 2026-11-23, UTC. */
static model_problem *build(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_technician *t;
    model_shift *sh;
    model_job *j;
    int idx, gas, boiler;
    if (model_problem_create(&p, &err) != MODEL_OK)
        return NULL;
    model_problem_set_name(p, "unit", &err);
    model_problem_add_location(p, "depot", NULL, &idx, &err);
    model_problem_add_location(p, "a", NULL, &idx, &err);
    model_problem_add_location(p, "b", NULL, &idx, &err);
    int32_t *dur = malloc(9 * sizeof *dur), *dist = malloc(9 * sizeof *dist);
    const int32_t d[9] = {0, 600, 900, 600, 0, 300, 900, 300, 0};
    for (int i = 0; i < 9; i++) {
        dur[i] = d[i];
        dist[i] = d[i] * 10;
    }
    model_problem_set_matrix(p, dur, dist, 3);
    model_problem_intern_skill(p, "gas", &gas, &err);
    model_problem_intern_skill(p, "boiler", &boiler, &err);

    model_problem_add_technician(p, "t-ana", &t, &idx, &err);
    model_skillset_add(&t->skills, gas);
    model_skillset_add(&t->skills, boiler);
    t->start_location = t->end_location = 0;
    t->capacity = 10;
    t->max_jobs = 3;
    model_technician_add_shift(t, &sh, &err);
    sh->start = T(8, 0);
    sh->end = T(17, 0);
    model_break br = {T(11, 30), T(13, 30), 1800};
    model_shift_add_break(sh, &br, &err);

    model_problem_add_technician(p, "t-ben", &t, &idx, &err);
    model_skillset_add(&t->skills, gas);
    t->start_location = t->end_location = 0;
    model_technician_add_shift(t, &sh, &err);
    sh->start = T(8, 0);
    sh->end = T(17, 0);

    model_problem_add_job(p, "J-1", &j, &idx, &err);
    j->location = 1;
    j->duration = 3600;
    model_skillset_add(&j->skills, boiler);
    j->load = 4;
    model_window w = {T(8, 30), T(12, 0)};
    model_job_add_window(j, &w, &err);
    model_problem_add_job(p, "J-2", &j, &idx, &err);
    j->location = 2;
    j->duration = 1800;
    j->release = T(9, 0);
    j->deadline = T(16, 0);
    j->load = 5;
    j->priority = 1;
    model_problem_add_job(p, "J-3", &j, &idx, &err);
    j->location = 1;
    j->duration = 1800;
    j->pinned = 1;
    j->priority = 2;
    model_problem_add_job(p, "J-4", &j, &idx, &err);
    j->location = 2;
    j->duration = 1800;
    j->priority = 3;
    model_job_add_allowed(j, 1, &err);
    if (model_problem_finish(p, &err) != MODEL_OK) {
        fprintf(stderr, "build: %s\n", err.msg);
        model_problem_free(p);
        return NULL;
    }
    return p;
}

static void stop(model_route *r, model_stop_kind kind, int job, int loc, int64_t arrival,
                 int64_t start, int64_t end)
{
    model_stop s = {kind, job, loc, arrival, start, end};
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_route_add_stop(r, &s, &err), MODEL_OK);
}

/* t-ana: depot 08:00, J-1 at a (arrive 08:10, 08:30-09:30), J-2 at b
 * (09:35-10:05), break 11:30-12:00, depot 12:15; J-3 and J-4 unassigned. */
static model_schedule *base(const model_problem *p)
{
    model_schedule *s = NULL;
    model_route *r;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&s, p, &err);
    model_schedule_add_route(s, 0, 0, &r, &err);
    stop(r, MODEL_STOP_START, -1, 0, T(8, 0), T(8, 0), T(8, 0));
    stop(r, MODEL_STOP_JOB, 0, 1, T(8, 10), T(8, 30), T(9, 30));
    stop(r, MODEL_STOP_JOB, 1, 2, T(9, 35), T(9, 35), T(10, 5));
    stop(r, MODEL_STOP_BREAK, -1, -1, T(11, 30), T(11, 30), T(12, 0));
    stop(r, MODEL_STOP_END, -1, 0, T(12, 15), T(12, 15), T(12, 15));
    model_schedule_add_unassigned(s, 2, "pinned to t-ben, who is off", &err);
    model_schedule_add_unassigned(s, 3, "only t-ben may serve it", &err);
    return s;
}

/* Drops the last unassigned entry. */
static void drop_last_unassigned(model_schedule *s)
{
    s->nunassigned--;
    free(s->unassigned[s->nunassigned].reason);
}

static model_summary base_summary(void)
{
    model_summary m = {2, 2, 7, 1800, 18000, 1, 1800, 0, 0, 0, 0};
    return m;
}

/* Checks s and returns the report (caller clears it). */
static model_report run(const model_problem *p, const model_schedule *s,
                        const model_summary *claimed)
{
    model_report rep = MODEL_REPORT_INIT;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_check_schedule(p, s, claimed, &rep, &err), MODEL_OK);
    return rep;
}

static int count(const model_report *r, const char *needle)
{
    int n = 0;
    for (int i = 0; i < r->n; i++)
        n += strstr(r->items[i], needle) != NULL;
    return n;
}

static void dump(const model_report *r)
{
    for (int i = 0; i < r->n; i++)
        fprintf(stderr, "    %s\n", r->items[i]);
}

/* Expects exactly one message containing needle (and `total` messages). */
#define EXPECT(rep, needle, total)                                                   \
    do {                                                                             \
        if (count(&(rep), needle) != 1 || (rep).n != (total)) {                      \
            fprintf(stderr, "%s:%d: want '%s' once among %d:\n", __FILE__, __LINE__, \
                    needle, total);                                                  \
            dump(&(rep));                                                            \
        }                                                                            \
        CHECK_EQ_INT(count(&(rep), needle), 1);                                      \
        CHECK_EQ_INT((rep).n, total);                                                \
    } while (0)

#define SETUP                                     \
    model_problem *p = build();                   \
    model_schedule *s = p ? base(p) : NULL;       \
    CHECK(p && s);                                \
    if (!p || !s) {                               \
        model_schedule_free(s);                   \
        model_problem_free(p);                    \
        return;                                   \
    }                                             \
    model_route *r0 = &s->routes[0];              \
    (void)r0;                                     \
    model_summary sum = base_summary();           \
    (void)sum

#define TEARDOWN(rep)           \
    model_report_clear(&(rep)); \
    model_schedule_free(s);     \
    model_problem_free(p)

static void test_check__accepts_the_base_schedule_and_recomputes_totals(void)
{
    SETUP;
    model_report rep = run(p, s, &sum);
    if (rep.n)
        dump(&rep);
    CHECK_EQ_INT(rep.n, 0);
    CHECK_EQ_INT(rep.totals.assigned, 2);
    CHECK_EQ_INT(rep.totals.unassigned, 2);
    CHECK_EQ_INT(rep.totals.unassigned_weight, 7);
    CHECK_EQ_INT(rep.totals.travel_s, 1800);
    CHECK_EQ_INT(rep.totals.distance_m, 18000);
    CHECK_EQ_INT(rep.totals.routes, 1);
    model_summary again = model_schedule_summarize(p, s);
    CHECK_EQ_INT(model_summary_compare(&again, &rep.totals), 0);
    TEARDOWN(rep);
}

static void test_check__rule1_reports_a_missing_skill(void)
{
    SETUP;
    r0->technician = 1; /* t-ben lacks boiler; he has no break either */
    model_report rep = run(p, s, NULL);
    EXPECT(rep, "route 0 (t-ben, shift 0): job J-1: technician t-ben lacks skill(s) boiler (rule 1)",
           2);
    CHECK_EQ_INT(count(&rep, "break at stops[3] (2026-11-23T11:30:00+00:00 to "
                             "2026-11-23T12:00:00+00:00) matches no break"),
                 1);
    TEARDOWN(rep);
}

static void test_check__rule1_reports_a_pinned_job_served_by_another(void)
{
    SETUP;
    /* J-3 after J-2: b -> a 300 s, 10:10-10:40; back at the depot 12:10 */
    model_stop j3 = {MODEL_STOP_JOB, 2, 1, T(10, 10), T(10, 10), T(10, 40)};
    r0->stops[4] = r0->stops[3];
    r0->stops[3] = j3;
    stop(r0, MODEL_STOP_END, -1, 0, T(12, 10), T(12, 10), T(12, 10));
    s->unassigned[0].job = 3;
    drop_last_unassigned(s);
    model_report rep = run(p, s, NULL);
    EXPECT(rep, "route 0 (t-ana, shift 0): job J-3: is pinned to technician 't-ben' (rule 1)", 1);
    TEARDOWN(rep);
}

static void test_check__rule1_reports_a_technician_not_allowed(void)
{
    SETUP;
    model_stop j4 = {MODEL_STOP_JOB, 3, 2, T(10, 5), T(10, 5), T(10, 35)};
    r0->stops[4] = r0->stops[3];
    r0->stops[3] = j4;
    stop(r0, MODEL_STOP_END, -1, 0, T(12, 15), T(12, 15), T(12, 15));
    drop_last_unassigned(s);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): job J-4: technician t-ana is not in allowed_technicians "
           "['t-ben'] (rule 1)",
           1);
    TEARDOWN(rep);
}

static void test_check__rule2_reports_a_start_outside_every_window(void)
{
    SETUP;
    r0->stops[1].start = T(8, 20);
    r0->stops[1].end = T(9, 20);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): job J-1: start 2026-11-23T08:20:00+00:00 is in none of its "
           "windows [2026-11-23T08:30:00+00:00, 2026-11-23T12:00:00+00:00] (rule 2)",
           1);
    model_report_clear(&rep);
    /* a job without windows may start any time */
    p->jobs[0].nwindows = 0;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 0);
    p->jobs[0].nwindows = 1;
    TEARDOWN(rep);
}

static void test_check__rule3_reports_release_and_deadline(void)
{
    SETUP;
    p->jobs[1].release = T(10, 0);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): job J-2: start 2026-11-23T09:35:00+00:00 is before release "
           "2026-11-23T10:00:00+00:00 (rule 3)",
           1);
    model_report_clear(&rep);
    p->jobs[1].release = T(9, 0);
    p->jobs[1].deadline = T(10, 0);
    rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): job J-2: end 2026-11-23T10:05:00+00:00 is after deadline "
           "2026-11-23T10:00:00+00:00 (rule 3)",
           1);
    TEARDOWN(rep);
}

static void test_check__rule4_reports_travel_too_short(void)
{
    SETUP;
    r0->stops[2].arrival = T(9, 34);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): job J-2: arrival 2026-11-23T09:34:00+00:00 is earlier than "
           "leaving job J-1 at 2026-11-23T09:30:00+00:00 plus 300 s travel (rule 4)",
           1);
    TEARDOWN(rep);
}

static void test_check__rule4_reports_overlapping_stops(void)
{
    SETUP;
    r0->stops[3].start = r0->stops[3].arrival = T(10, 0); /* break during J-2 */
    r0->stops[3].end = T(10, 30);
    p->technicians[0].shifts[0].breaks[0].earliest = T(9, 0);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): break at stops[3] begins 2026-11-23T10:00:00+00:00 before "
           "job J-2 finishes 2026-11-23T10:05:00+00:00 (stops in time order, nothing overlaps; "
           "rule 4)",
           1);
    TEARDOWN(rep);
}

static void test_check__rule5_reports_shift_bounds(void)
{
    SETUP;
    r0->stops[0].start = r0->stops[0].end = r0->stops[0].arrival = T(7, 50);
    r0->stops[4].start = r0->stops[4].end = r0->stops[4].arrival = T(17, 10);
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 2);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): departs 2026-11-23T07:50:00+00:00 before "
                             "the shift starts 2026-11-23T08:00:00+00:00 (rule 5)"),
                 1);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): arrives at the end "
                             "2026-11-23T17:10:00+00:00 after the shift ends "
                             "2026-11-23T17:00:00+00:00 (rule 5)"),
                 1);
    TEARDOWN(rep);
}

static void test_check__rule6_reports_a_break_not_taken(void)
{
    SETUP;
    r0->stops[3] = r0->stops[4];
    r0->nstops = 4;
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): break of 30 min starting within [2026-11-23T11:30:00+00:00, "
           "2026-11-23T13:30:00+00:00] is not taken (rule 6)",
           1);
    TEARDOWN(rep);
}

static void test_check__rule6_reports_breaks_outside_the_window_or_too_short(void)
{
    SETUP;
    r0->stops[3].start = r0->stops[3].arrival = T(11, 0);
    r0->stops[3].end = T(11, 30);
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 2);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): break at stops[3] "
                             "(2026-11-23T11:00:00+00:00 to 2026-11-23T11:30:00+00:00) matches no "
                             "break of the shift in start and length (rule 6)"),
                 1);
    CHECK_EQ_INT(count(&rep, "is not taken (rule 6)"), 1);
    model_report_clear(&rep);
    r0->stops[3].start = r0->stops[3].arrival = T(11, 30);
    r0->stops[3].end = T(11, 59);
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "matches no break of the shift in start and length (rule 6)"), 1);
    model_report_clear(&rep);
    /* longer than the duration is fine */
    r0->stops[3].end = T(12, 10);
    rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 0);
    TEARDOWN(rep);
}

static void test_check__rule6_reports_travel_that_does_not_fit_between_breaks(void)
{
    SETUP;
    /* J-2 11:20-11:50, break 11:55-12:25, depot 12:30: 900 s fit in no gap */
    r0->stops[2].start = T(11, 20);
    r0->stops[2].end = T(11, 50);
    r0->stops[3].start = r0->stops[3].arrival = T(11, 55);
    r0->stops[3].end = T(12, 25);
    r0->stops[4].start = r0->stops[4].end = r0->stops[4].arrival = T(12, 30);
    model_report rep = run(p, s, NULL);
    EXPECT(rep,
           "route 0 (t-ana, shift 0): the 900 s drive from job J-2 to end does not fit in one gap "
           "between breaks (rule 6)",
           1);
    model_report_clear(&rep);
    /* the break taken while waiting at the customer is fine */
    r0->stops[2].start = T(12, 0);
    r0->stops[2].end = T(12, 30);
    r0->stops[2].arrival = T(9, 35);
    r0->stops[3] = (model_stop){MODEL_STOP_BREAK, -1, -1, T(11, 30), T(11, 30), T(12, 0)};
    model_stop tmp = r0->stops[2];
    r0->stops[2] = r0->stops[3];
    r0->stops[3] = tmp;
    r0->stops[4].start = r0->stops[4].end = r0->stops[4].arrival = T(12, 45);
    rep = run(p, s, NULL);
    if (rep.n)
        dump(&rep);
    CHECK_EQ_INT(rep.n, 0);
    TEARDOWN(rep);
}

static void test_check__rule6_needs_no_break_on_a_route_without_jobs(void)
{
    SETUP;
    model_route *r;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_free(s);
    model_schedule_create(&s, p, &err);
    model_schedule_add_route(s, 0, 0, &r, &err);
    stop(r, MODEL_STOP_START, -1, 0, T(8, 0), T(8, 0), T(8, 0));
    stop(r, MODEL_STOP_END, -1, 0, T(8, 0), T(8, 0), T(8, 0));
    for (int j = 0; j < 4; j++)
        model_schedule_add_unassigned(s, j, "not today", &err);
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 0);
    CHECK_EQ_INT(rep.totals.routes, 0);
    CHECK_EQ_INT(rep.totals.unassigned_weight, 1 + 2 + 3 + 4);
    TEARDOWN(rep);
}

static void test_check__rule7_reports_capacity_and_max_jobs(void)
{
    SETUP;
    p->technicians[0].capacity = 8;
    model_report rep = run(p, s, NULL);
    EXPECT(rep, "route 0 (t-ana, shift 0): load 9 exceeds capacity 8 (rule 7)", 1);
    model_report_clear(&rep);
    p->technicians[0].capacity = 0; /* no limit */
    p->technicians[0].max_jobs = 1;
    rep = run(p, s, NULL);
    EXPECT(rep, "route 0 (t-ana, shift 0): 2 jobs exceed max_jobs_per_shift 1 (rule 7)", 1);
    model_report_clear(&rep);
    p->technicians[0].max_jobs = 0;
    rep = run(p, s, NULL);
    EXPECT(rep, "2 jobs exceed max_jobs_per_shift 0 (rule 7)", 1);
    TEARDOWN(rep);
}

static void test_check__reports_wrong_service_length_and_late_arrival(void)
{
    SETUP;
    r0->stops[1].end = T(9, 29);
    r0->stops[1].arrival = T(8, 40);
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 2);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): job J-1: start to end is 3540 s, but the "
                             "duration is 3600 s"),
                 1);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): job J-1: arrival "
                             "2026-11-23T08:40:00+00:00 is after start 2026-11-23T08:30:00+00:00"),
                 1);
    TEARDOWN(rep);
}

static void test_check__reports_jobs_missing_twice_or_without_reason(void)
{
    SETUP;
    model_error err = MODEL_ERROR_INIT;
    free(s->unassigned[1].reason);
    s->unassigned[1].reason = strdup(" \t\xc2\xa0");
    s->unassigned[0].job = 0; /* J-1 is also in route 0; J-3 is now missing */
    model_schedule_add_unassigned(s, 0, "again", &err);
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(rep.n, 3);
    CHECK_EQ_INT(count(&rep, "unassigned[1] (job J-4): needs a non-empty 'reason'"), 1);
    CHECK_EQ_INT(count(&rep, "job J-1: appears 3 times (route 0; unassigned[0]; unassigned[2]), "
                             "but every job appears exactly once"),
                 1);
    CHECK_EQ_INT(count(&rep, "job J-3: is neither in a route nor in 'unassigned'"), 1);
    TEARDOWN(rep);
}

static void test_check__reports_a_technician_shift_used_twice(void)
{
    SETUP;
    model_route *r;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_add_route(s, 0, 0, &r, &err);
    stop(r, MODEL_STOP_START, -1, 0, T(13, 0), T(13, 0), T(13, 0));
    stop(r, MODEL_STOP_END, -1, 0, T(13, 0), T(13, 0), T(13, 0));
    model_report rep = run(p, s, NULL);
    EXPECT(rep, "route 1 (t-ana, shift 0): technician-shift already used by route 0", 1);
    TEARDOWN(rep);
}

static void test_check__compares_the_claimed_summary(void)
{
    SETUP;
    sum.travel_s = 1799;
    sum.assigned = INT_MIN; /* "missing or not an integer" */
    model_report rep = run(p, s, &sum);
    CHECK_EQ_INT(rep.n, 2);
    CHECK_EQ_INT(count(&rep, "summary: travel_s is 1799, recomputed 1800"), 1);
    CHECK_EQ_INT(count(&rep, "summary: assigned is missing or not an integer, recomputed 2"), 1);
    model_report_clear(&rep);
    /* claimed routes is not part of the contract and not compared */
    sum = base_summary();
    sum.routes = 99;
    rep = run(p, s, &sum);
    CHECK_EQ_INT(rep.n, 0);
    model_report_clear(&rep);
    free(s->problem_name);
    s->problem_name = strdup("other");
    rep = run(p, s, &sum);
    EXPECT(rep, "schedule: 'problem' is 'other', but the problem is named 'unit'", 1);
    TEARDOWN(rep);
}

static void test_check__reports_out_of_range_indices_without_crashing(void)
{
    SETUP;
    /* unknown technician: one message; its jobs still appear; travel unknown */
    r0->technician = 42;
    sum.travel_s = 5;
    model_report rep = run(p, s, &sum);
    EXPECT(rep, "route 0 (#42, shift 0): unknown technician #42", 1);
    model_report_clear(&rep);
    r0->technician = 0;
    r0->shift = 7;
    rep = run(p, s, &sum);
    EXPECT(rep, "route 0 (t-ana, shift 7): 'shift' 7 is not an index into the 1 shift(s) of t-ana",
           1);
    model_report_clear(&rep);
    r0->shift = 0;
    sum = base_summary();

    /* an unknown job on a located stop: reported, the stop still a stop */
    r0->stops[2].job = 99;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "route 0 (t-ana, shift 0): stops[2]: unknown job #99"), 1);
    CHECK_EQ_INT(count(&rep, "job J-2: is neither in a route nor in 'unassigned'"), 1);
    CHECK_EQ_INT(rep.n, 2);
    model_report_clear(&rep);
    r0->stops[2].location = 1234;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "stops[2]: job #99 has no known location"), 1);
    model_report_clear(&rep);
    r0->stops[2].job = 1;
    r0->stops[2].location = 2;

    /* a stop kind out of range, a misplaced start, too few stops */
    r0->stops[3].kind = (model_stop_kind)9;
    rep = run(p, s, NULL);
    EXPECT(rep, "stops[3]: type 9 is not start, job, break or end", 1);
    model_report_clear(&rep);
    r0->stops[3].kind = MODEL_STOP_START;
    rep = run(p, s, NULL);
    EXPECT(rep, "stops[3]: a 'start' stop here, but a route is start, jobs and breaks, end", 1);
    model_report_clear(&rep);
    r0->stops[3].kind = MODEL_STOP_BREAK;
    int n = r0->nstops;
    r0->nstops = 1;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "'stops' must be a list: start, jobs and breaks, end"), 1);
    model_report_clear(&rep);
    r0->nstops = n;

    /* a wrong location on a job or the end */
    r0->stops[1].location = 2;
    r0->stops[4].location = -3;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "stops[1]: location 'b' is not the job J-1's location 'a'"), 1);
    CHECK_EQ_INT(count(&rep, "stops[4]: location #-3 is not the end's location 'depot'"), 1);
    CHECK_EQ_INT(rep.n, 2);
    model_report_clear(&rep);
    r0->stops[1].location = 1;
    r0->stops[4].location = 0;

    /* extreme instants are formatted raw, arithmetic saturates */
    r0->stops[4].start = r0->stops[4].end = r0->stops[4].arrival = INT64_MAX;
    r0->stops[1].end = INT64_MIN;
    rep = run(p, s, NULL);
    CHECK(count(&rep, "@9223372036854775807") >= 1);
    CHECK(count(&rep, "ends before it starts") == 1);
    model_report_clear(&rep);

    /* unassigned out of range; no schedule at all */
    model_schedule_free(s);
    s = base(p);
    s->unassigned[0].job = -7;
    rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "unassigned[0]: unknown job #-7"), 1);
    model_report_clear(&rep);
    rep = run(p, NULL, NULL);
    CHECK_EQ_INT(count(&rep, "is neither in a route nor in 'unassigned'"), 4);
    CHECK_EQ_INT(rep.n, 4);
    TEARDOWN(rep);
}

static void test_check__honours_reader_markers_only_after_a_reported_violation(void)
{
    SETUP;
    r0->technician = -2;
    s->unassigned[0].job = -2;
    model_report rep = run(p, s, NULL);
    CHECK_EQ_INT(count(&rep, "unknown technician #-2"), 1);
    CHECK_EQ_INT(count(&rep, "unassigned[0]: unknown job #-2"), 1);
    CHECK_EQ_INT(count(&rep, "job J-3: is neither"), 1);
    CHECK_EQ_INT(rep.n, 3);
    model_report_clear(&rep);
    /* as the reader leaves it: its own message first, then no double report */
    CHECK_EQ_INT(model_report_add(&rep, "reader: reported already"), MODEL_OK);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_check_schedule(p, s, NULL, &rep, &err), MODEL_OK);
    CHECK_EQ_INT(count(&rep, "#-2"), 0);
    CHECK_EQ_INT(count(&rep, "job J-3: is neither"), 1);
    CHECK_EQ_INT(count(&rep, "job J-1"), 0); /* J-1, J-2 still appear in route 0 */
    CHECK_EQ_INT(rep.n, 2);
    model_report_clear(&rep);
    /* a followable-no-more route: marker start, then the jobs it listed */
    r0->technician = 0;
    s->unassigned[0].job = 2;
    r0->stops[0].location = -2;
    CHECK_EQ_INT(model_report_add(&rep, "reader: stops[2]: 'start' has no UTC offset"), MODEL_OK);
    model_summary wrong_travel = base_summary();
    wrong_travel.travel_s = 1;
    CHECK_EQ_INT(model_check_schedule(p, s, &wrong_travel, &rep, &err), MODEL_OK);
    CHECK_EQ_INT(rep.n, 1); /* travel unknown: not compared; J-1, J-2 appear */
    TEARDOWN(rep);
}

static void test_report__adds_and_clears_messages(void)
{
    model_report rep = MODEL_REPORT_INIT;
    for (int i = 0; i < 100; i++)
        CHECK_EQ_INT(model_report_add(&rep, "violation %d of %s", i, "many"), MODEL_OK);
    CHECK_EQ_INT(rep.n, 100);
    CHECK(strcmp(rep.items[42], "violation 42 of many") == 0);
    model_report_clear(&rep);
    CHECK_EQ_INT(rep.n, 0);
    CHECK(rep.items == NULL);
    model_report_clear(NULL);
}

/* A report keeps the first MODEL_REPORT_MAX_ITEMS messages and counts all:
 * a million broken stops cost a count, not a million strings. */
static void test_check__report_keeps_the_first_messages_and_counts_all(void)
{
    model_report r = MODEL_REPORT_INIT;
    for (int i = 0; i < MODEL_REPORT_MAX_ITEMS + 500; i++)
        CHECK_EQ_INT(model_report_add(&r, "violation %d", i), MODEL_OK);
    CHECK_EQ_INT(r.n, MODEL_REPORT_MAX_ITEMS);
    CHECK_EQ_INT(r.total, MODEL_REPORT_MAX_ITEMS + 500);
    CHECK(strcmp(r.items[MODEL_REPORT_MAX_ITEMS - 1], "violation 999") == 0);
    model_report_clear(&r);
    CHECK_EQ_INT(r.total, 0);
}

TESTLIB_MAIN({"report_cap", test_check__report_keeps_the_first_messages_and_counts_all},
             {"base_ok", test_check__accepts_the_base_schedule_and_recomputes_totals},
             {"rule1_skill", test_check__rule1_reports_a_missing_skill},
             {"rule1_pinned", test_check__rule1_reports_a_pinned_job_served_by_another},
             {"rule1_allowed", test_check__rule1_reports_a_technician_not_allowed},
             {"rule2", test_check__rule2_reports_a_start_outside_every_window},
             {"rule3", test_check__rule3_reports_release_and_deadline},
             {"rule4_travel", test_check__rule4_reports_travel_too_short},
             {"rule4_overlap", test_check__rule4_reports_overlapping_stops},
             {"rule5", test_check__rule5_reports_shift_bounds},
             {"rule6_missing", test_check__rule6_reports_a_break_not_taken},
             {"rule6_window", test_check__rule6_reports_breaks_outside_the_window_or_too_short},
             {"rule6_travel", test_check__rule6_reports_travel_that_does_not_fit_between_breaks},
             {"rule6_idle", test_check__rule6_needs_no_break_on_a_route_without_jobs},
             {"rule7", test_check__rule7_reports_capacity_and_max_jobs},
             {"length", test_check__reports_wrong_service_length_and_late_arrival},
             {"once", test_check__reports_jobs_missing_twice_or_without_reason},
             {"shift_twice", test_check__reports_a_technician_shift_used_twice},
             {"summary", test_check__compares_the_claimed_summary},
             {"garbage", test_check__reports_out_of_range_indices_without_crashing},
             {"markers", test_check__honours_reader_markers_only_after_a_reported_violation},
             {"report", test_report__adds_and_clears_messages})
