/* test_model_problem.c - building a problem, id indexes, travel, schedules. */
#include <stdlib.h>
#include <string.h>

#include "model/problem.h"
#include "model/schedule.h"
#include "model/strmap.h"
#include "testlib.h"

static void test_strmap__finds_what_it_stores_and_refuses_duplicates(void)
{
    model_strmap m = MODEL_STRMAP_INIT;
    char keys[500][16];
    for (int i = 0; i < 500; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        CHECK_EQ_INT(model_strmap_put(&m, keys[i], i), MODEL_OK);
    }
    for (int i = 0; i < 500; i++)
        CHECK_EQ_INT(model_strmap_get(&m, keys[i]), i);
    CHECK_EQ_INT(model_strmap_get(&m, "absent"), -1);
    CHECK_EQ_INT(model_strmap_put(&m, "k7", 99), MODEL_ERR_INPUT);
    CHECK_EQ_INT(model_strmap_get(&m, "k7"), 7);
    model_strmap_free(&m);
    model_strmap_free(NULL);
}

/* A new empty problem (the caller frees it). */
static model_problem *new_problem(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    return p;
}

/* A 3-location matrix problem with one technician and two jobs. */
static model_problem *small_problem(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = new_problem();
    const char *ids[] = {"depot", "a", "b"};
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(model_problem_add_location(p, ids[i], NULL, NULL, &err), MODEL_OK);
    int32_t *dur = malloc(9 * sizeof *dur), *dist = malloc(9 * sizeof *dist);
    for (int i = 0; i < 9; i++) {
        dur[i] = (i / 3 == i % 3) ? 0 : 100 * (i / 3 + 1) + i % 3;
        dist[i] = dur[i] * 10;
    }
    model_problem_set_matrix(p, dur, dist, 3);
    model_technician *t;
    CHECK_EQ_INT(model_problem_add_technician(p, "t1", &t, NULL, &err), MODEL_OK);
    t->start_location = 0;
    model_shift *s;
    CHECK_EQ_INT(model_technician_add_shift(t, &s, &err), MODEL_OK);
    s->start = 0;
    s->end = 10000;
    model_job *j;
    int skill;
    CHECK_EQ_INT(model_problem_intern_skill(p, "gas", &skill, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_add_job(p, "J1", &j, NULL, &err), MODEL_OK);
    j->location = 1;
    j->duration = 600;
    j->priority = 3;
    model_skillset_add(&j->skills, skill);
    CHECK_EQ_INT(model_problem_add_job(p, "J2", &j, NULL, &err), MODEL_OK);
    j->location = 2;
    j->duration = 300;
    model_window w2 = {500, 900}, w1 = {100, 200};
    CHECK_EQ_INT(model_job_add_window(j, &w2, &err), MODEL_OK);
    CHECK_EQ_INT(model_job_add_window(j, &w1, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    return p;
}

static void test_problem__defaults_indexes_and_sorted_windows(void)
{
    model_problem *p = small_problem();
    CHECK_EQ_INT(p->technicians[0].end_location, 0);
    CHECK_EQ_INT(p->technicians[0].max_jobs, -1);
    CHECK_EQ_INT(model_strmap_get(&p->job_index, "J2"), 1);
    CHECK_EQ_INT(model_strmap_get(&p->location_index, "b"), 2);
    CHECK_EQ_INT(p->jobs[1].windows[0].start, 100);
    CHECK_EQ_INT(p->jobs[0].release, MODEL_TIME_MIN);
    CHECK_EQ_INT(p->jobs[0].deadline, MODEL_TIME_MAX);
    CHECK_EQ_INT(model_travel_duration(p, 1, 2), 202);
    CHECK_EQ_INT(model_travel_distance(p, 1, 2), 2020);
    CHECK(!model_job_allows_technician(p, 0, 0)); /* lacks "gas" */
    CHECK(model_job_allows_technician(p, 1, 0));
    model_problem_free(p);
}

static void test_problem__refuses_duplicate_ids(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = new_problem();
    CHECK_EQ_INT(model_problem_add_location(p, "x", NULL, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_add_location(p, "x", NULL, NULL, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "duplicate location id 'x'");
    CHECK_EQ_INT(model_problem_add_job(p, "j", NULL, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_add_job(p, "j", NULL, NULL, &err), MODEL_ERR_INPUT);
    CHECK_EQ_INT(p->njobs, 1);
    model_problem_free(p);
}

static void test_problem__matrix_size_must_match_locations(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = new_problem();
    CHECK_EQ_INT(model_problem_add_location(p, "x", NULL, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_add_location(p, "y", NULL, NULL, &err), MODEL_OK);
    model_problem_set_matrix(p, calloc(1, sizeof(int32_t)), NULL, 1);
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "2 locations");
    model_problem_free(p);
}

static void test_problem__haversine_follows_the_format_formula(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = new_problem();
    int a, b;
    CHECK_EQ_INT(model_problem_add_location(p, "a", NULL, &a, &err), MODEL_OK);
    CHECK_EQ_INT(model_problem_add_location(p, "b", NULL, &b, &err), MODEL_OK);
    p->locations[a].lat = 52.5200, p->locations[a].lon = 13.4050, p->locations[a].has_coords = true;
    p->locations[b].lat = 52.5301, p->locations[b].lon = 13.3811, p->locations[b].has_coords = true;
    model_problem_set_haversine(p, 35, 1.3);
    CHECK_EQ_INT(model_problem_finish(p, &err), MODEL_OK);
    /* Values from the formula of FORMAT.md evaluated in Python (double precision). */
    CHECK_EQ_INT(model_travel_distance(p, a, b), 2559);
    CHECK_EQ_INT(model_travel_duration(p, a, b), 263);
    CHECK_EQ_INT(model_travel_duration(p, a, a), 0);
    model_problem_free(p);
}

static void test_schedule__summary_counts_travel_weight_and_routes(void)
{
    model_problem *p = small_problem();
    model_error err = MODEL_ERROR_INIT;
    model_schedule *s;
    CHECK_EQ_INT(model_schedule_create(&s, p, &err), MODEL_OK);
    model_route *r;
    CHECK_EQ_INT(model_schedule_add_route(s, 0, 0, &r, &err), MODEL_OK);
    model_stop st[] = {{MODEL_STOP_START, -1, 0, 0, 0, 0},
                       {MODEL_STOP_JOB, 1, 2, 103, 500, 800},
                       {MODEL_STOP_BREAK, -1, -1, 800, 800, 900},
                       {MODEL_STOP_END, -1, 0, 1100, 1100, 1100}};
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(model_route_add_stop(r, &st[i], &err), MODEL_OK);
    CHECK_EQ_INT(model_schedule_add_unassigned(s, 0, "no technician has skill 'gas'", &err), MODEL_OK);
    model_summary sum = model_schedule_summarize(p, s);
    CHECK_EQ_INT(sum.assigned, 1);
    CHECK_EQ_INT(sum.unassigned, 1);
    CHECK_EQ_INT(sum.unassigned_weight, 4);
    CHECK_EQ_INT(sum.travel_s, 102 + 300);
    CHECK_EQ_INT(sum.distance_m, 4020);
    CHECK_EQ_INT(sum.routes, 1);
    model_schedule *c;
    CHECK_EQ_INT(model_schedule_clone(&c, s, &err), MODEL_OK);
    model_summary sc = model_schedule_summarize(p, c);
    CHECK_EQ_INT(model_summary_compare(&sum, &sc), 0);
    CHECK(strcmp(c->unassigned[0].reason, s->unassigned[0].reason) == 0);
    CHECK_EQ_INT(sum.cost, sum.travel_s); /* no soft rule: the cost is the travel */
    sc.cost--;
    CHECK(model_summary_compare(&sc, &sum) < 0);
    model_schedule_free(c);
    model_schedule_free(s);
    model_schedule_free(NULL);
    model_problem_free(p);
}

TESTLIB_MAIN({"strmap__finds_what_it_stores_and_refuses_duplicates",
              test_strmap__finds_what_it_stores_and_refuses_duplicates},
             {"problem__defaults_indexes_and_sorted_windows",
              test_problem__defaults_indexes_and_sorted_windows},
             {"problem__refuses_duplicate_ids", test_problem__refuses_duplicate_ids},
             {"problem__matrix_size_must_match_locations",
              test_problem__matrix_size_must_match_locations},
             {"problem__haversine_follows_the_format_formula",
              test_problem__haversine_follows_the_format_formula},
             {"schedule__summary_counts_travel_weight_and_routes",
              test_schedule__summary_counts_travel_weight_and_routes})
