/* testproblem.h - a problem read from JSON text, and whether two problems
 * read or built different ways are the same problem: names, zone,
 * locations, travel, technicians with their shifts and breaks, jobs with
 * their windows, skills by name. CHECKs each difference (testlib.h).
 * Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_TESTPROBLEM_H
#define FIELDPLAN_TESTS_TESTPROBLEM_H

#include <stdbool.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "model/problem.h"

/* The problem in JSON text (named name), read (the caller frees it); NULL,
 * a failure counted, when it does not read. */
static inline model_problem *problem_of_text(const char *text, const char *name)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_text(text, strlen(text), name, &p, &err), MODEL_OK);
    return p;
}

static inline bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether two skill sets name the same skills (indices may differ). */
static inline bool same_skills(const model_problem *a, const model_skillset *sa,
                               const model_problem *b, const model_skillset *sb)
{
    for (int k = 0; k < a->nskills; k++) {
        int kb = model_strmap_get(&b->skill_index, a->skills[k]);
        bool in_a = model_skillset_has(sa, k);
        if (in_a != (kb >= 0 && model_skillset_has(sb, kb)))
            return false;
    }
    for (int k = 0; k < b->nskills; k++)
        if (model_skillset_has(sb, k) && model_strmap_get(&a->skill_index, b->skills[k]) < 0)
            return false;
    return true;
}

/* Checks that a and b hold the same problem; returns whether they do. */
static inline bool problems_equal(const model_problem *a, const model_problem *b)
{
    int before = testlib_failures;
    CHECK(same_str(a->name, b->name));
    CHECK(strcmp(model_tz_name(a->tz), model_tz_name(b->tz)) == 0);
    CHECK_EQ_INT(a->skills_declared, b->skills_declared);
    if (a->skills_declared)
        CHECK_EQ_INT(a->nskills, b->nskills);
    CHECK_EQ_INT(a->nlocations, b->nlocations);
    CHECK_EQ_INT(a->ntechnicians, b->ntechnicians);
    CHECK_EQ_INT(a->njobs, b->njobs);
    if (testlib_failures != before)
        return false;
    for (int i = 0; i < a->nlocations; i++) {
        const model_location *x = &a->locations[i], *y = &b->locations[i];
        CHECK(strcmp(x->id, y->id) == 0);
        CHECK(same_str(x->address, y->address));
        CHECK_EQ_INT(x->has_coords, y->has_coords);
        CHECK(!x->has_coords || (x->lat == y->lat && x->lon == y->lon));
    }
    CHECK_EQ_INT(a->travel.kind, b->travel.kind);
    if (a->travel.kind == MODEL_TRAVEL_HAVERSINE) {
        CHECK(a->travel.speed_kmh == b->travel.speed_kmh);
        CHECK(a->travel.circuity == b->travel.circuity);
    }
    CHECK_EQ_INT(a->travel.distances != NULL, b->travel.distances != NULL);
    for (int i = 0; i < a->nlocations && testlib_failures == before; i++)
        for (int j = 0; j < a->nlocations; j++) {
            CHECK_EQ_INT(model_travel_duration(a, i, j), model_travel_duration(b, i, j));
            CHECK_EQ_INT(model_travel_distance(a, i, j), model_travel_distance(b, i, j));
        }
    for (int i = 0; i < a->ntechnicians; i++) {
        const model_technician *x = &a->technicians[i], *y = &b->technicians[i];
        CHECK(strcmp(x->id, y->id) == 0);
        CHECK(same_str(x->name, y->name));
        CHECK(same_skills(a, &x->skills, b, &y->skills));
        CHECK_EQ_INT(x->start_location, y->start_location);
        CHECK_EQ_INT(x->end_location, y->end_location);
        CHECK(x->capacity == y->capacity);
        CHECK_EQ_INT(x->max_jobs, y->max_jobs);
        CHECK_EQ_INT(x->nshifts, y->nshifts);
        for (int k = 0; k < x->nshifts && k < y->nshifts; k++) {
            const model_shift *s = &x->shifts[k], *t = &y->shifts[k];
            CHECK_EQ_INT(s->start, t->start);
            CHECK_EQ_INT(s->end, t->end);
            CHECK_EQ_INT(s->nbreaks, t->nbreaks);
            for (int q = 0; q < s->nbreaks && q < t->nbreaks; q++) {
                CHECK_EQ_INT(s->breaks[q].earliest, t->breaks[q].earliest);
                CHECK_EQ_INT(s->breaks[q].latest, t->breaks[q].latest);
                CHECK_EQ_INT(s->breaks[q].duration, t->breaks[q].duration);
            }
        }
    }
    for (int i = 0; i < a->njobs; i++) {
        const model_job *x = &a->jobs[i], *y = &b->jobs[i];
        CHECK(strcmp(x->id, y->id) == 0);
        CHECK(same_str(x->title, y->title));
        CHECK(same_str(x->customer, y->customer));
        CHECK(same_str(x->notes, y->notes));
        CHECK_EQ_INT(x->location, y->location);
        CHECK_EQ_INT(x->duration, y->duration);
        CHECK(same_skills(a, &x->skills, b, &y->skills));
        CHECK_EQ_INT(x->priority, y->priority);
        CHECK(x->load == y->load);
        CHECK_EQ_INT(x->nwindows, y->nwindows);
        for (int w = 0; w < x->nwindows && w < y->nwindows; w++) {
            CHECK_EQ_INT(x->windows[w].start, y->windows[w].start);
            CHECK_EQ_INT(x->windows[w].end, y->windows[w].end);
        }
        CHECK_EQ_INT(x->release, y->release);
        CHECK_EQ_INT(x->deadline, y->deadline);
        CHECK_EQ_INT(x->pinned, y->pinned);
        CHECK_EQ_INT(x->has_allowed, y->has_allowed);
        CHECK_EQ_INT(x->nallowed, y->nallowed);
        for (int k = 0; k < x->nallowed && k < y->nallowed; k++)
            CHECK_EQ_INT(x->allowed[k], y->allowed[k]);
    }
    return testlib_failures == before;
}

#endif
