/* test_model_diff.c - KPIs and job changes between two schedules of two
 * problems matched by id (model/diff.h), and carrying a schedule over to a
 * changed problem: problems built in code, in UTC. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"
#include "model/problem.h"
#include "model/schedule.h"
#include "fault_alloc.h"
#include "testlib.h"

#define DAY 1795392000LL /* 2026-11-23T00:00:00Z */
#define T(d, h, m) (DAY + (d) * 86400LL + (h) * 3600LL + (m) * 60LL)

/* How problem b differs from the base problem. */
typedef struct variant {
    bool no_a_day2;      /* t-a has no shift on day 2 */
    bool b_day1_late;    /* t-b's day-1 shift ends at 19:00 instead of 17:00 */
    bool reverse_jobs;   /* jobs listed J-4 .. J-1 */
    bool drop_j4;        /* no J-4 */
    bool add_j5;         /* J-5 added */
    bool a_no_gas;       /* t-a lacks skill gas */
} variant;

/* depot, a, b (10 min apart); t-a (gas) and t-b, shifts on days 0 and 1
 * 08:00-17:00; J-1 (a, 60 min, gas), J-2 (b, 30 min), J-3 (a, 30 min), J-4
 * (b, 30 min, priority 4). */
static model_problem *make(const variant *v)
{
    static const variant none = {0};
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    int idx, gas;
    if (!v)
        v = &none;
    model_problem_create(&p, &err);
    model_problem_add_location(p, "depot", NULL, &idx, &err);
    model_problem_add_location(p, "a", NULL, &idx, &err);
    model_problem_add_location(p, "b", NULL, &idx, &err);
    int32_t *dur = malloc(9 * sizeof *dur);
    for (int i = 0; i < 9; i++)
        dur[i] = i / 3 == i % 3 ? 0 : 600;
    model_problem_set_matrix(p, dur, NULL, 3);
    model_problem_intern_skill(p, "gas", &gas, &err);
    const char *techs[2] = {"t-a", "t-b"};
    for (int k = 0; k < 2; k++) {
        model_technician *t;
        model_problem_add_technician(p, techs[k], &t, &idx, &err);
        t->start_location = t->end_location = 0;
        if (k == 0 && !v->a_no_gas)
            model_skillset_add(&t->skills, gas);
        for (int d = 0; d < 2; d++) {
            if (k == 0 && d == 1 && v->no_a_day2)
                continue;
            model_shift *sh;
            model_technician_add_shift(t, &sh, &err);
            sh->start = T(d, 8, 0);
            sh->end = k == 1 && d == 0 && v->b_day1_late ? T(d, 19, 0) : T(d, 17, 0);
        }
    }
    const char *ids[5] = {"J-1", "J-2", "J-3", "J-4", "J-5"};
    int order[5] = {0, 1, 2, 3, 4}, n = v->add_j5 ? 5 : 4;
    if (v->reverse_jobs)
        for (int i = 0; i < 4; i++)
            order[i] = 3 - i;
    for (int i = 0; i < n; i++) {
        int k = order[i];
        if (k == 3 && v->drop_j4)
            continue;
        model_job *j;
        model_problem_add_job(p, ids[k], &j, &idx, &err);
        j->location = k % 2 ? 2 : 1;
        j->duration = k == 0 ? 3600 : 1800;
        j->priority = k == 3 ? 4 : 0;
        if (k == 0)
            model_skillset_add(&j->skills, gas);
    }
    if (model_problem_finish(p, &err) != MODEL_OK) {
        fprintf(stderr, "make: %s\n", err.msg);
        model_problem_free(p);
        return NULL;
    }
    return p;
}

static void add_stop(model_route *r, model_stop_kind kind, int job, int loc, int64_t start,
                     int64_t end)
{
    model_stop s = {kind, job, loc, start, start, end};
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_route_add_stop(r, &s, &err), MODEL_OK);
}

/* A one-job route of tech t, shift k, serving job j at `start`. */
static void route1(const model_problem *p, model_schedule *s, int t, int k, const char *job,
                   int64_t start)
{
    model_route *r;
    model_error err = MODEL_ERROR_INIT;
    int j = model_strmap_get(&p->job_index, job);
    const model_job *jb = &p->jobs[j];
    model_schedule_add_route(s, t, k, &r, &err);
    add_stop(r, MODEL_STOP_START, -1, 0, start - 600, start - 600);
    add_stop(r, MODEL_STOP_JOB, j, jb->location, start, start + jb->duration);
    add_stop(r, MODEL_STOP_END, -1, 0, start + jb->duration + 600, start + jb->duration + 600);
}

static int job(const model_problem *p, const char *id)
{
    return model_strmap_get(&p->job_index, id);
}

/* t-a day 0: J-1 at 09:00; t-b day 0: J-2 at 10:00; t-b day 1: J-3 at
 * 09:00; J-4 unassigned. */
static model_schedule *plan(const model_problem *p)
{
    model_schedule *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&s, p, &err);
    route1(p, s, 0, 0, "J-1", T(0, 9, 0));
    route1(p, s, 1, 0, "J-2", T(0, 10, 0));
    route1(p, s, 1, 1, "J-3", T(1, 9, 0));
    if (job(p, "J-4") >= 0)
        model_schedule_add_unassigned(s, job(p, "J-4"), "no time left", &err);
    return s;
}

static const model_job_change *change_of(const model_problem *pa, const model_problem *pb,
                                         const model_diff *d, const char *id)
{
    for (int i = 0; i < d->nchanges; i++) {
        const model_job_change *c = &d->changes[i];
        const char *x = c->job_a >= 0 ? pa->jobs[c->job_a].id : pb->jobs[c->job_b].id;
        if (strcmp(x, id) == 0)
            return c;
    }
    return NULL;
}

/* Frees what a test made; any may be NULL. */
static void free_all(model_diff *d, model_schedule *sa, model_schedule *sb, model_problem *pa,
                     model_problem *pb)
{
    model_diff_free(d);
    model_schedule_free(sa);
    model_schedule_free(sb);
    model_problem_free(pa);
    model_problem_free(pb);
}

static void test_diff__identical_schedules_change_nothing(void)
{
    model_problem *p = make(NULL);
    model_schedule *s = plan(p);
    model_diff *d = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_diff_compute(p, s, p, s, &d, &err), MODEL_OK);
    CHECK_EQ_INT(d->nchanges, 0);
    CHECK_EQ_INT(d->moved + d->shifted + d->appointments_changed, 0);
    CHECK_EQ_INT(d->a.assigned, 3);
    CHECK_EQ_INT(d->a.unassigned, 1);
    CHECK_EQ_INT(d->a.unassigned_weight, 5);
    CHECK_EQ_INT(d->a.travel_s, 3600);
    CHECK_EQ_INT(d->a.routes, 3);
    CHECK_EQ_INT(d->a.working_s, 4800 + 2 * 3000);
    CHECK_EQ_INT(d->a.overtime_s, 0);
    CHECK(d->a.assigned == d->b.assigned && d->a.unassigned_weight == d->b.unassigned_weight &&
          d->a.travel_s == d->b.travel_s && d->a.working_s == d->b.working_s &&
          d->a.overtime_s == d->b.overtime_s && d->a.routes == d->b.routes);
    free_all(d, s, NULL, p, NULL);
}

static void test_diff__matches_jobs_by_id_across_problems(void)
{
    variant v = {.reverse_jobs = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = plan(pa), *sb = plan(pb);
    model_diff *d = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK(job(pa, "J-1") != job(pb, "J-1"));
    CHECK_EQ_INT(model_diff_compute(pa, sa, pb, sb, &d, &err), MODEL_OK);
    CHECK_EQ_INT(d->nchanges, 0);
    free_all(d, sa, sb, pa, pb);
}

static void test_diff__a_job_on_a_removed_shift_moves_with_the_reason(void)
{
    variant v = {.no_a_day2 = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = NULL, *sb = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&sa, pa, &err);
    model_schedule_create(&sb, pb, &err);
    route1(pa, sa, 0, 1, "J-3", T(1, 9, 0)); /* t-a day 1 */
    route1(pb, sb, 1, 1, "J-3", T(1, 9, 5)); /* t-b day 1, 5 min later */
    model_diff *d = NULL;
    CHECK_EQ_INT(model_diff_compute(pa, sa, pb, sb, &d, &err), MODEL_OK);
    const model_job_change *c = change_of(pa, pb, d, "J-3");
    CHECK(c && c->kind == MODEL_CHANGE_MOVED);
    CHECK_STR_CONTAINS(c ? c->reason : NULL, "t-a has no shift on 2026-11-24 any more");
    CHECK_EQ_INT(d->moved, 1);
    CHECK_EQ_INT(d->appointments_changed, 0); /* same time, another technician */
    CHECK_EQ_INT(c ? c->start_b - c->start_a : 0, 300);
    free_all(d, sa, sb, pa, pb);
}

static void test_diff__tells_a_lost_skill(void)
{
    variant v = {.a_no_gas = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = plan(pa), *sb = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&sb, pb, &err);
    route1(pb, sb, 1, 0, "J-1", T(0, 9, 0));
    model_diff *d = NULL;
    CHECK_EQ_INT(model_diff_compute(pa, sa, pb, sb, &d, &err), MODEL_OK);
    const model_job_change *c = change_of(pa, pb, d, "J-1");
    CHECK(c && c->kind == MODEL_CHANGE_MOVED);
    CHECK_STR_CONTAINS(c ? c->reason : NULL, "t-a lacks skill 'gas' now");
    /* J-2 and J-3 are in no route of sb and in no unassigned list */
    c = change_of(pa, pb, d, "J-2");
    CHECK(c && c->kind == MODEL_CHANGE_UNASSIGNED);
    CHECK_STR_CONTAINS(c ? c->reason : NULL, "in no route");
    CHECK_EQ_INT(d->appointments_changed, 2);
    free_all(d, sa, sb, pa, pb);
}

static void test_diff__a_start_moved_by_more_than_15_minutes_is_shifted(void)
{
    model_problem *p = make(NULL);
    model_schedule *sa = plan(p), *sb = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&sb, p, &err);
    route1(p, sb, 0, 0, "J-1", T(0, 9, 15));  /* +15 min: kept */
    route1(p, sb, 1, 0, "J-2", T(0, 10, 16)); /* +16 min: shifted */
    route1(p, sb, 1, 1, "J-3", T(1, 9, 0));
    model_schedule_add_unassigned(sb, job(p, "J-4"), "no time left", &err);
    model_diff *d = NULL;
    CHECK_EQ_INT(model_diff_compute(p, sa, p, sb, &d, &err), MODEL_OK);
    CHECK_EQ_INT(d->nchanges, 1);
    CHECK(d->nchanges == 1 && d->changes[0].kind == MODEL_CHANGE_SHIFTED);
    CHECK_EQ_INT(d->shifted, 1);
    CHECK_EQ_INT(d->appointments_changed, 1);
    free_all(d, sa, sb, p, NULL);
}

static void test_diff__lists_unassigned_added_and_removed_jobs(void)
{
    variant v = {.drop_j4 = true, .add_j5 = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = plan(pa), *sb = NULL;
    model_error err = MODEL_ERROR_INIT;
    /* a serves J-4 too; b leaves J-2 unassigned and serves the new J-5 */
    model_route *r;
    model_schedule_add_route(sa, 0, 1, &r, &err);
    add_stop(r, MODEL_STOP_START, -1, 0, T(1, 8, 0), T(1, 8, 0));
    add_stop(r, MODEL_STOP_JOB, job(pa, "J-4"), 2, T(1, 9, 0), T(1, 9, 30));
    add_stop(r, MODEL_STOP_END, -1, 0, T(1, 9, 40), T(1, 9, 40));
    sa->nunassigned = 0;
    free(sa->unassigned[0].reason);
    model_schedule_create(&sb, pb, &err);
    route1(pb, sb, 0, 0, "J-1", T(0, 9, 0));
    route1(pb, sb, 1, 1, "J-3", T(1, 9, 0));
    route1(pb, sb, 1, 0, "J-5", T(0, 13, 0));
    model_schedule_add_unassigned(sb, job(pb, "J-2"), "no technician has time", &err);
    model_diff *d = NULL;
    CHECK_EQ_INT(model_diff_compute(pa, sa, pb, sb, &d, &err), MODEL_OK);
    CHECK_EQ_INT(d->nchanges, 3);
    const model_job_change *c = change_of(pa, pb, d, "J-2");
    CHECK(c && c->kind == MODEL_CHANGE_UNASSIGNED && c->tech_b < 0);
    CHECK_STR_CONTAINS(c ? c->reason : NULL, "no technician has time");
    c = change_of(pa, pb, d, "J-4");
    CHECK(c && c->kind == MODEL_CHANGE_REMOVED && c->job_b < 0);
    c = change_of(pa, pb, d, "J-5");
    CHECK(c && c->kind == MODEL_CHANGE_ADDED && c->job_a < 0 && c->tech_b == 1);
    /* the a side first, by technician id then start; new jobs last */
    CHECK(d->nchanges == 3 && d->changes[2].kind == MODEL_CHANGE_ADDED);
    CHECK_EQ_INT(d->appointments_changed, 1);
    CHECK_EQ_INT(d->b.unassigned_weight, 1);
    free_all(d, sa, sb, pa, pb);
}

static void test_kpis__overtime_is_work_outside_the_reference_shift(void)
{
    variant v = {.b_day1_late = true, .no_a_day2 = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sb = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_schedule_create(&sb, pb, &err);
    route1(pb, sb, 1, 0, "J-2", T(0, 17, 0)); /* 16:50-17:40: 40 min past 17:00 */
    model_kpis k = model_kpis_compute(pb, sb, pa);
    CHECK_EQ_INT(k.working_s, 50 * 60);
    CHECK_EQ_INT(k.overtime_s, 40 * 60);
    CHECK_EQ_INT(model_kpis_compute(pb, sb, NULL).overtime_s, 0);
    /* a day the reference gives the technician no shift counts whole */
    model_schedule *sa = NULL;
    model_schedule_create(&sa, pa, &err);
    route1(pa, sa, 0, 1, "J-3", T(1, 9, 0)); /* t-a day 1: b has no such shift */
    CHECK_EQ_INT(model_kpis_compute(pa, sa, pb).overtime_s, 50 * 60);
    free_all(NULL, sa, sb, pa, pb);
}

static void test_remap__carries_routes_by_ids_and_days(void)
{
    variant v = {.no_a_day2 = true, .reverse_jobs = true, .drop_j4 = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = plan(pa), *r = NULL;
    model_error err = MODEL_ERROR_INIT;
    route1(pa, sa, 0, 1, "J-4", T(1, 9, 0)); /* t-a day 1: gone in b */
    CHECK_EQ_INT(model_schedule_remap(pa, sa, pb, &r, &err), MODEL_OK);
    CHECK_EQ_INT(r->nroutes, 3);
    CHECK_EQ_INT(r->nunassigned, 0); /* J-4 is not in b */
    for (int i = 0; i < r->nroutes; i++) {
        const model_route *rt = &r->routes[i];
        CHECK_EQ_INT(rt->nstops, 3);
        const model_stop *st = &rt->stops[1];
        CHECK(st->kind == MODEL_STOP_JOB && st->job >= 0);
        CHECK_EQ_INT(st->location, pb->jobs[st->job].location);
        if (strcmp(pb->jobs[st->job].id, "J-3") == 0) {
            CHECK_EQ_INT(rt->technician, 1);
            CHECK_EQ_INT(rt->shift, 1);
            CHECK_EQ_INT(st->start, T(1, 9, 0));
        }
    }
    free_all(NULL, r, sa, pa, pb);
}

static void test_diff__names_every_kind(void)
{
    CHECK(strcmp(model_change_kind_name(MODEL_CHANGE_MOVED), "moved") == 0);
    CHECK(strcmp(model_change_kind_name(MODEL_CHANGE_REMOVED), "removed") == 0);
    char buf[16];
    model_problem *p = make(NULL);
    CHECK(strcmp(model_shift_date(p, 1, 1, buf), "2026-11-24") == 0);
    model_problem_free(p);
    model_diff_free(NULL);
}

/* Every allocation of a diff and a remap may fail: MODEL_ERR_NOMEM, and
 * nothing leaks. */
static void test_diff__survives_every_failed_allocation(void)
{
    if (!FAULT_ALLOC_ENABLED)
        return;
    variant v = {.no_a_day2 = true, .drop_j4 = true, .add_j5 = true};
    model_problem *pa = make(NULL), *pb = make(&v);
    model_schedule *sa = plan(pa), *sb = plan(pb);
    route1(pa, sa, 0, 1, "J-4", T(1, 9, 0));
    int ok = 0;
    for (long n = 0; n < 10000 && !ok; n++) {
        model_error err = MODEL_ERROR_INIT;
        model_diff *d = NULL;
        model_schedule *r = NULL;
        long live = fault_alloc_live;
        fault_alloc_arm(n);
        model_status s1 = model_diff_compute(pa, sa, pb, sb, &d, &err);
        model_status s2 = model_schedule_remap(pa, sa, pb, &r, &err);
        bool fired = fault_alloc_fired;
        fault_alloc_arm(-1);
        CHECK(s1 == MODEL_OK || (s1 == MODEL_ERR_NOMEM && !d));
        CHECK(s2 == MODEL_OK || (s2 == MODEL_ERR_NOMEM && !r));
        model_diff_free(d);
        model_schedule_free(r);
        CHECK_EQ_INT(fault_alloc_live, live);
        ok = !fired && s1 == MODEL_OK && s2 == MODEL_OK;
    }
    CHECK(ok);
    free_all(NULL, sa, sb, pa, pb);
}

TESTLIB_MAIN({"diff__identical_schedules_change_nothing", test_diff__identical_schedules_change_nothing},
             {"diff__matches_jobs_by_id_across_problems", test_diff__matches_jobs_by_id_across_problems},
             {"diff__a_job_on_a_removed_shift_moves_with_the_reason",
              test_diff__a_job_on_a_removed_shift_moves_with_the_reason},
             {"diff__tells_a_lost_skill", test_diff__tells_a_lost_skill},
             {"diff__a_start_moved_by_more_than_15_minutes_is_shifted",
              test_diff__a_start_moved_by_more_than_15_minutes_is_shifted},
             {"diff__lists_unassigned_added_and_removed_jobs",
              test_diff__lists_unassigned_added_and_removed_jobs},
             {"kpis__overtime_is_work_outside_the_reference_shift",
              test_kpis__overtime_is_work_outside_the_reference_shift},
             {"remap__carries_routes_by_ids_and_days", test_remap__carries_routes_by_ids_and_days},
             {"diff__names_every_kind", test_diff__names_every_kind},
             {"diff__survives_every_failed_allocation", test_diff__survives_every_failed_allocation})
