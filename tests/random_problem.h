/* random_problem.h - seeded random numbers and random problems for the
 * solver tests (test_bound.c, test_solver_route.c, test_solver_soft.c,
 * test_solver_large.c): rnd() from one linear congruential state
 * (TEST_RNG_SEED, 7 unless the test defines it before including this),
 * random locations with a Manhattan travel matrix, and a random problem
 * whose ranges a random_shape gives. Each draw is made in a fixed order, so
 * a seed gives the same problem on every machine. The problem returned is
 * the caller's (model_problem_free). Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_RANDOM_PROBLEM_H
#define FIELDPLAN_TESTS_RANDOM_PROBLEM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/problem.h"

#ifndef TEST_RNG_SEED
#define TEST_RNG_SEED 7
#endif

static uint64_t rng_state = TEST_RNG_SEED;

/* A number in [0, n), n > 0. */
static inline int rnd(int n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((rng_state >> 33) % (uint64_t)n);
}

/* Locations L0..L<nloc-1> at random points of a span x span square; travel
 * between two of them is their Manhattan distance plus rnd(noise) (noise 0:
 * nothing drawn), in seconds. */
static inline void random_locations(model_problem *p, int nloc, int span, int noise)
{
    model_error err = MODEL_ERROR_INIT;
    char id[32];
    int *x = malloc((size_t)nloc * sizeof *x), *y = malloc((size_t)nloc * sizeof *y);
    for (int i = 0; i < nloc; i++) {
        snprintf(id, sizeof id, "L%d", i);
        CHECK_EQ_INT(model_problem_add_location(p, id, NULL, NULL, &err), MODEL_OK);
        x[i] = rnd(span);
        y[i] = rnd(span);
    }
    int32_t *dur = malloc((size_t)nloc * nloc * sizeof *dur);
    for (int i = 0; i < nloc; i++)
        for (int j = 0; j < nloc; j++)
            dur[i * nloc + j] =
                i == j ? 0 : abs(x[i] - x[j]) + abs(y[i] - y[j]) + (noise ? rnd(noise) : 0);
    model_problem_set_matrix(p, dur, NULL, nloc);
    free(x);
    free(y);
}

/* The ranges of random_problem. Hours count from the start of a day;
 * "a + rnd(b)" reads: a plus a draw below b. */
typedef struct random_shape {
    int span;                   /* locations in a span x span square */
    int capacity, max_jobs;     /* a technician's, for 1 in 3 and 1 in 4 */
    int lone_shifts;            /* 1 + rnd(lone_shifts) shifts when one technician
                                 * (else 1 + rnd(2)) */
    int end_hour, end_spread;   /* shifts 08:00 to end_hour + rnd(end_spread)
                                 * (end_spread 0: nothing drawn) */
    bool breaks;                /* 0-2 breaks a shift (none: nothing drawn) */
    int break_hour, break_step; /* break b: break_hour + b * break_step after the
                                 * start, one hour wide, 900 + rnd(1800) s */
    int duration, duration_spread; /* a job's: duration + rnd(duration_spread) s */
    int skill_one_in;           /* 1 in skill_one_in jobs needs skill s0 */
    int windows;                /* rnd(windows) windows a job, on one day */
    int window_hours;           /* starting 08:00 + rnd(window_hours) hours */
    int window_spread;          /* 600 + rnd(window_spread) s long */
} random_shape;

/* test_bound.c's tiny problems: one or two shifts (a lone technician up to
 * three) ending 12:00-17:00, short windows. */
static const random_shape RANDOM_TINY = {
    .span = 2400, .capacity = 6, .max_jobs = 3, .lone_shifts = 3,
    .end_hour = 12, .end_spread = 6, .breaks = true, .break_hour = 2, .break_step = 2,
    .duration = 900, .duration_spread = 5400, .skill_one_in = 4,
    .windows = 3, .window_hours = 7, .window_spread = 5400};

/* test_solver_route.c's problems: shifts 08:00-17:00, longer windows;
 * breaks as the test asks. */
static const random_shape RANDOM_ROUTES = {
    .span = 3000, .capacity = 10, .max_jobs = 6, .lone_shifts = 2,
    .end_hour = 17, .end_spread = 0, .breaks = true, .break_hour = 3, .break_step = 3,
    .duration = 600, .duration_spread = 3600, .skill_one_in = 5,
    .windows = 4, .window_hours = 8, .window_spread = 7200};

/* Technician T<t> of p, with no shift yet. */
static inline model_technician *random_add_technician(model_problem *p, int t)
{
    model_error err = MODEL_ERROR_INIT;
    model_technician *tech = NULL;
    char id[32];
    snprintf(id, sizeof id, "T%d", t);
    CHECK_EQ_INT(model_problem_add_technician(p, id, &tech, NULL, &err), MODEL_OK);
    return tech;
}

/* A shift [start, end) for tech (seconds from 0), without breaks. */
static inline model_shift *random_add_shift(model_technician *tech, int64_t start, int64_t end)
{
    model_error err = MODEL_ERROR_INIT;
    model_shift *sh = NULL;
    CHECK_EQ_INT(model_technician_add_shift(tech, &sh, &err), MODEL_OK);
    sh->start = start;
    sh->end = end;
    return sh;
}

/* Technician T<t> of p based at L0, with no job limit and one shift
 * [start, end) without breaks. */
static inline model_technician *random_add_home_technician(model_problem *p, int t, int64_t start,
                                                           int64_t end)
{
    model_technician *tech = random_add_technician(p, t);
    tech->start_location = tech->end_location = 0;
    tech->max_jobs = -1;
    random_add_shift(tech, start, end);
    return tech;
}

/* Job J<j> of p at location `at`, with no duration yet. */
static inline model_job *random_add_job(model_problem *p, int j, int at)
{
    model_error err = MODEL_ERROR_INIT;
    model_job *job = NULL;
    char id[32];
    snprintf(id, sizeof id, "J%d", j);
    CHECK_EQ_INT(model_problem_add_job(p, id, &job, NULL, &err), MODEL_OK);
    job->location = at;
    return job;
}

/* A random problem: njobs + 2 locations (random_locations, noise 60),
 * ntech technicians starting at L0 and ending at L0 or L1, with one or more
 * shifts a day from day 0, the even ones with skill s0; jobs J<j> at
 * L<j+2> with loads 0-3, priorities 0-2, windows, and 1 in 6 a release
 * (10:00) or deadline (15:00) on their day. Times in seconds from 0. Not
 * finished: the caller may add to it, then calls model_problem_finish. */
static inline model_problem *random_problem_shaped(const random_shape *shape, int njobs, int ntech)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    CHECK_EQ_INT(model_problem_create(&p, &err), MODEL_OK);
    int s0;
    CHECK_EQ_INT(model_problem_intern_skill(p, "s0", &s0, &err), MODEL_OK);
    random_locations(p, njobs + 2, shape->span, 60);
    for (int t = 0; t < ntech; t++) {
        model_technician *tech = random_add_technician(p, t);
        tech->start_location = 0;
        tech->end_location = rnd(2);
        tech->capacity = rnd(3) == 0 ? shape->capacity : 0;
        tech->max_jobs = rnd(4) == 0 ? shape->max_jobs : -1;
        if (t % 2 == 0)
            model_skillset_add(&tech->skills, 0);
        int nsh = ntech == 1 ? 1 + rnd(shape->lone_shifts) : 1 + rnd(2);
        for (int k = 0; k < nsh; k++) {
            model_shift *sh;
            CHECK_EQ_INT(model_technician_add_shift(tech, &sh, &err), MODEL_OK);
            sh->start = k * 86400 + 8 * 3600;
            sh->end = k * 86400 +
                      (shape->end_hour + (shape->end_spread ? rnd(shape->end_spread) : 0)) * 3600;
            int nb = shape->breaks ? rnd(3) : 0;
            for (int b = 0; b < nb; b++) {
                int64_t at = sh->start + (shape->break_hour + shape->break_step * b) * 3600;
                model_break br = {at, at + 3600, 900 + rnd(1800)};
                CHECK_EQ_INT(model_shift_add_break(sh, &br, &err), MODEL_OK);
            }
        }
    }
    for (int j = 0; j < njobs; j++) {
        model_job *job = random_add_job(p, j, j + 2);
        job->duration = shape->duration + rnd(shape->duration_spread);
        job->load = rnd(4);
        job->priority = rnd(3);
        if (rnd(shape->skill_one_in) == 0)
            model_skillset_add(&job->skills, 0);
        int nw = rnd(shape->windows);
        int day = rnd(2) * 86400;
        for (int w = 0; w < nw; w++) {
            int64_t s = day + 8 * 3600 + rnd(shape->window_hours) * 3600;
            model_window win = {s, s + 600 + rnd(shape->window_spread)};
            CHECK_EQ_INT(model_job_add_window(job, &win, &err), MODEL_OK);
        }
        if (rnd(6) == 0)
            job->release = day + 10 * 3600;
        if (rnd(6) == 0)
            job->deadline = day + 15 * 3600;
    }
    return p;
}

#endif
