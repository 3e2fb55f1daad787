/* test_io_scenario.c - what-if scenarios (io/formats/scenario.h): every kind of
 * change applied to a small problem, job files, and bad scenarios whose
 * messages must name the file, the change and the field. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/scenario.h"
#include "io/formats/zonefile.h"
#include "fault_alloc.h"
#include "small_problem.h"
#include "testlib.h"
#include "testscenario.h"

#define DAY 1795392000LL /* 2026-11-23T00:00:00Z */
#define T(d, h, m) (DAY + (d) * 86400LL + (h) * 3600LL + (m) * 60LL)

/* The small problem (small_problem.h). */
static const char *const problem = small_problem;

/* The same with a travel matrix of n locations (n*n >= 64: a flat table). */
static char *matrix_problem(int n)
{
    static char buf[16384];
    int k = snprintf(buf, sizeof buf, "{\"timezone\": \"UTC\", \"locations\": [");
    for (int i = 0; i < n; i++)
        k += snprintf(buf + k, sizeof buf - k, "%s{\"id\": \"L%d\"}", i ? ", " : "", i);
    k += snprintf(buf + k, sizeof buf - k, "], \"travel\": {\"durations_s\": [");
    for (int i = 0; i < n; i++) {
        k += snprintf(buf + k, sizeof buf - k, "%s[", i ? ", " : "");
        for (int j = 0; j < n; j++)
            k += snprintf(buf + k, sizeof buf - k, "%s%d", j ? ", " : "", i == j ? 0 : 100 + i + j);
        k += snprintf(buf + k, sizeof buf - k, "]");
    }
    snprintf(buf + k, sizeof buf - k,
             "]}, \"technicians\": [{\"id\": \"t-1\", \"start_location\": \"L0\", \"shifts\": "
             "[{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T17:00\"}]}], "
             "\"jobs\": [{\"id\": \"J-1\", \"location\": \"L1\", \"duration_min\": 30}]}");
    return buf;
}

static void test_scenario__absent_on_a_date_removes_that_shift(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"absent\": \"t-1\", \"date\": \"2026-11-24\"}]}",
                       &r, &err), MODEL_OK);
    const model_technician *t = r.problem ? tech(r.problem, "t-1") : NULL;
    CHECK(t && t->nshifts == 1 && t->shifts[0].start == T(0, 8, 0));
    CHECK_EQ_INT(r.nwarnings, 0);
    io_scenario_result_free(&r);
}

static void test_scenario__absent_from_a_time_cuts_the_shift_and_the_rest(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"absent\": \"t-1\", \"from\": "
                                "\"2026-11-23T13:00\"}]}", &r, &err), MODEL_OK);
    const model_technician *t = r.problem ? tech(r.problem, "t-1") : NULL;
    CHECK(t && t->nshifts == 1);
    if (t && t->nshifts == 1) {
        CHECK_EQ_INT(t->shifts[0].end, T(0, 13, 0));
        CHECK_EQ_INT(t->shifts[0].nbreaks, 1); /* lunch at 11:30 still fits */
    }
    io_scenario_result_free(&r);
}

static void test_scenario__absent_inside_a_shift_becomes_a_break(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"absent\": \"t-1\", \"from\": "
                                "\"2026-11-23T10:00\", \"to\": \"2026-11-23T11:00\"}]}", &r, &err),
                 MODEL_OK);
    const model_technician *t = r.problem ? tech(r.problem, "t-1") : NULL;
    CHECK(t && t->shifts[0].nbreaks == 2);
    if (t && t->shifts[0].nbreaks == 2) {
        const model_break *b = &t->shifts[0].breaks[0];
        CHECK(b->earliest == T(0, 10, 0) && b->latest == T(0, 10, 0) && b->duration == 3600);
    }
    io_scenario_result_free(&r);
    /* 11:00-14:00 leaves no room for lunch (11:30-13:30): it goes */
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"absent\": \"t-1\", \"from\": "
                                "\"2026-11-23T11:00\", \"to\": \"2026-11-23T14:00\"}]}", &r, &err),
                 MODEL_OK);
    t = r.problem ? tech(r.problem, "t-1") : NULL;
    CHECK(t && t->shifts[0].nbreaks == 1 && t->shifts[0].breaks[0].duration == 3 * 3600);
    io_scenario_result_free(&r);
}

static void test_scenario__an_absence_that_changes_nothing_warns(void)
{
    check_one_warning(problem, "{\"changes\": [{\"absent\": \"t-2\", \"date\": \"2026-11-25\"}]}",
                      "s.json: changes[0].absent: no shift of 't-2' overlaps the absence");
}

static void test_scenario__wall_times_are_in_the_problems_zone(void)
{
    char *berlin = strdup(problem);
    memcpy(strstr(berlin, "\"UTC\""), "\"CET\"", 5); /* UTC+1 in November */
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(berlin, "{\"changes\": [{\"absent\": \"t-2\", \"from\": "
                               "\"2026-11-23T13:00\"}]}", &r, &err), MODEL_OK);
    const model_technician *t = r.problem ? tech(r.problem, "t-2") : NULL;
    /* the shift 08-17 CET is 07-16 UTC; the absence starts at 12:00 UTC */
    CHECK(t && t->nshifts == 1 && t->shifts[0].end == T(0, 12, 0));
    io_scenario_result_free(&r);
    free(berlin);
}

static void test_scenario__a_shift_change_replaces_or_adds_the_days_shift(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem,
                       "{\"changes\": [{\"shift\": \"t-2\", \"date\": \"2026-11-23\", \"start\": "
                       "\"10:00\", \"end\": \"18:00\"}, {\"shift\": \"t-2\", \"date\": "
                       "\"2026-11-24\", \"start\": \"08:00\", \"end\": \"12:00\", \"breaks\": "
                       "[{\"earliest\": \"10:00\", \"latest\": \"10:30\", \"duration_min\": 15}]},"
                       " {\"shift\": \"t-1\", \"date\": \"2026-11-23\", \"start\": \"14:00\", "
                       "\"end\": \"18:00\"}]}",
                       &r, &err), MODEL_OK);
    const model_technician *t = r.problem ? tech(r.problem, "t-2") : NULL;
    CHECK(t && t->nshifts == 2);
    if (t && t->nshifts == 2) {
        CHECK(t->shifts[0].start == T(0, 10, 0) && t->shifts[0].end == T(0, 18, 0));
        CHECK(t->shifts[1].start == T(1, 8, 0) && t->shifts[1].nbreaks == 1);
        CHECK_EQ_INT(t->shifts[1].breaks[0].duration, 900);
    }
    t = r.problem ? tech(r.problem, "t-1") : NULL;
    /* lunch (latest 13:30) cannot be taken in 14-18: dropped */
    CHECK(t && t->shifts[0].start == T(0, 14, 0) && t->shifts[0].nbreaks == 0);
    io_scenario_result_free(&r);
}

static void test_scenario__skills_are_added_and_removed(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"add_skill\": \"t-2\", \"skill\": \"gas\"}, "
                                "{\"remove_skill\": \"t-1\", \"skill\": \"gas\"}, "
                                "{\"remove_skill\": \"t-1\", \"skill\": \"gas\"}]}", &r, &err),
                 MODEL_OK);
    if (r.problem) {
        int j = model_strmap_get(&r.problem->job_index, "J-1");
        CHECK(model_job_allows_technician(r.problem, j, 1));
        CHECK(!model_job_allows_technician(r.problem, j, 0));
    }
    CHECK_EQ_INT(r.nwarnings, 1);
    CHECK_STR_CONTAINS(r.nwarnings ? r.warnings[0] : NULL, "changes[2].remove_skill: 't-1' has no "
                                                           "skill 'gas'");
    io_scenario_result_free(&r);
}

static void test_scenario__jobs_are_added_cancelled_and_updated(void)
{
    io_scenario_result r;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem,
                       "{\"changes\": [{\"cancel_job\": \"J-1\"}, {\"add_job\": {\"id\": \"J-3\", "
                       "\"location\": {\"id\": \"c\", \"lat\": 52.53, \"lon\": 13.39, \"address\": "
                       "\"Neustr. 5\"}, \"duration_min\": 45}}, {\"update_job\": \"J-2\", "
                       "\"priority\": 50, \"duration_min\": 90, \"windows\": [{\"start\": "
                       "\"2026-11-23T14:00\", \"end\": \"2026-11-23T16:00\"}]}]}",
                       &r, &err), MODEL_OK);
    const model_problem *p = r.problem;
    CHECK(p && p->njobs == 2 && !job(p, "J-1"));
    if (p && p->njobs == 2) {
        CHECK(strcmp(p->jobs[0].id, "J-2") == 0 && strcmp(p->jobs[1].id, "J-3") == 0);
        CHECK(p->jobs[0].priority == 50 && p->jobs[0].duration == 5400);
        CHECK(p->jobs[0].nwindows == 1 && p->jobs[0].windows[0].start == T(0, 14, 0));
        CHECK_EQ_INT(p->nlocations, 4);
        CHECK(strcmp(p->locations[p->jobs[1].location].address, "Neustr. 5") == 0);
    }
    io_scenario_result_free(&r);
}

static void test_scenario__travel_factor_slows_haversine_and_matrix_travel(void)
{
    io_scenario_result r, base;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(apply(problem, "{\"changes\": [{\"travel_factor\": 1.5}]}", &r, &err), MODEL_OK);
    CHECK(r.problem && r.problem->travel.speed_kmh == 20);
    io_scenario_result_free(&r);
    for (int n = 3; n <= 9; n += 6) { /* 9 numbers stay in the tree, 81 become a table */
        const char *m = matrix_problem(n);
        CHECK_EQ_INT(apply(m, "{\"changes\": []}", &base, &err), MODEL_OK);
        CHECK_EQ_INT(apply(m, "{\"changes\": [{\"travel_factor\": 2}, {\"travel_factor\": 1.25}]}",
                           &r, &err), MODEL_OK);
        if (r.problem && base.problem) {
            CHECK_EQ_INT(model_travel_duration(r.problem, 1, 2),
                         (model_travel_duration(base.problem, 1, 2) * 10 + 2) / 4); /* rounded */
            CHECK_EQ_INT(model_travel_duration(r.problem, 2, 2), 0);
        }
        io_scenario_result_free(&r);
        io_scenario_result_free(&base);
    }
}

static void test_scenario__a_job_file_adds_one_job_in_a_given_window(void)
{
    const char *text = "{\"location\": \"b\", \"duration_min\": 60, \"windows\": [{\"start\": "
                       "\"2026-11-23T08:00\", \"end\": \"2026-11-23T09:00\"}]}";
    io_scenario *sc = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_scenario_read_job_text(text, strlen(text), "job.json", "new-job", &sc, &err),
                 MODEL_OK);
    CHECK(sc && strcmp(io_scenario_job_id(sc), "new-job") == 0);
    io_scenario_set_window(sc, T(0, 10, 0), T(0, 12, 0));
    io_scenario_result r = IO_SCENARIO_RESULT_INIT;
    CHECK_EQ_INT(io_scenario_apply(sc, problem, strlen(problem), &r, &err), MODEL_OK);
    const model_job *j = r.problem ? job(r.problem, "new-job") : NULL;
    CHECK(j && j->nwindows == 1 && j->windows[0].start == T(0, 10, 0) &&
          j->windows[0].end == T(0, 12, 0));
    CHECK_EQ_INT(r.problem ? r.problem->njobs : 0, 3);
    /* stored and read back, it is the same scenario (window included) */
    char *json = io_scenario_to_json(sc, &err);
    io_scenario *back = NULL;
    io_scenario_result r2 = IO_SCENARIO_RESULT_INIT;
    CHECK(json && io_scenario_read_text(json, strlen(json), "stored", &back, &err) == MODEL_OK);
    CHECK(back && io_scenario_apply(back, problem, strlen(problem), &r2, &err) == MODEL_OK);
    char *a = r.problem ? io_json_problem_to_string(r.problem, &err) : NULL;
    char *b = r2.problem ? io_json_problem_to_string(r2.problem, &err) : NULL;
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    free(json);
    io_scenario_result_free(&r2);
    io_scenario_free(back);
    io_scenario_result_free(&r);
    io_scenario_free(sc);
}

static void test_scenario__change_at_resolves_an_absence(void)
{
    const char *text = "{\"changes\": [{\"absent\": \"t-1\", \"date\": \"2026-11-24\", "
                       "\"reason\": \"sick\"}, {\"add_job\": {\"id\": \"J-9\", \"location\": "
                       "{\"id\": \"z\"}}}]}";
    io_scenario *sc = NULL;
    model_tz *utc = NULL;
    io_scenario_change ch[2];
    resolve_changes(text, &sc, &utc, ch, 2);
    CHECK(ch[0].kind == IO_CHANGE_ABSENT && ch[0].from == T(1, 0, 0) && ch[0].to == T(2, 0, 0));
    CHECK(strcmp(ch[0].technician, "t-1") == 0 && strcmp(ch[0].reason, "sick") == 0);
    CHECK(ch[1].kind == IO_CHANGE_ADD_JOB && strcmp(ch[1].job, "J-9") == 0 &&
          strcmp(ch[1].location, "z") == 0);
    model_tz_free(utc);
    io_scenario_free(sc);
}

/* A bad scenario and the message it must give. */
typedef struct bad_case {
    const char *scenario;
    const char *message;
    bool matrix; /* applied to the matrix problem */
} bad_case;

static const bad_case bad_cases[] = {
    {"{", "s.json: line 1, column 2: invalid JSON", false},
    {"[]", "s.json: top level: must be a JSON object {\"changes\": [...]}", false},
    {"{\"changes\": 3}", "s.json: changes: must be a list", false},
    {"{\"changes\": [3]}", "s.json: changes[0]: must be an object", false},
    {"{\"changes\": [{\"absentt\": \"t-1\"}]}", "s.json: changes[0]: no change: expected one of",
     false},
    {"{\"changes\": [{\"absent\": \"t-1\", \"shift\": \"t-1\"}]}",
     "s.json: changes[0]: has both \"absent\" and \"shift\"", false},
    {"{\"changes\": [{\"absent\": \"t-1\", \"form\": \"2026-11-23\"}]}",
     "s.json: changes[0].form: unknown field (\"absent\" takes from, to, date, reason)", false},
    {"{\"changes\": [{\"absent\": \"t-1\"}]}", "s.json: changes[0].from: missing (required)",
     false},
    {"{\"changes\": [{\"absent\": \"t-1\", \"from\": \"2026-13-01\"}]}",
     "s.json: changes[0].from: '2026-13-01' is not an ISO 8601 time or a date", false},
    {"{\"changes\": [{\"absent\": \"t-1\", \"from\": \"2026-11-24\", \"to\": \"2026-11-23T10:00\"}]}",
     "s.json: changes[0].to: the absence ends before it starts", false},
    {"{\"changes\": [{\"absent\": 7, \"date\": \"2026-11-23\"}]}",
     "s.json: changes[0].absent: must be a non-empty string", false},
    {"{\"changes\": [{\"absent\": \"t-9\", \"date\": \"2026-11-23\"}]}",
     "s.json: changes[0].absent: unknown technician 't-9' (not in the plan)", false},
    {"{\"changes\": [{\"shift\": \"t-1\", \"date\": \"23.11.2026\", \"start\": \"08:00\", \"end\": "
     "\"12:00\"}]}", "s.json: changes[0].date: '23.11.2026' is not a date (YYYY-MM-DD)", false},
    {"{\"changes\": [{\"shift\": \"t-1\", \"date\": \"2026-11-23\", \"start\": \"25:00\", \"end\": "
     "\"12:00\"}]}", "s.json: changes[0].start: '25:00' is not a time of day", false},
    {"{\"changes\": [{\"shift\": \"t-1\", \"date\": \"2026-11-23\", \"start\": \"08:00\", \"end\": "
     "\"12:00\", \"breaks\": [{\"earliest\": \"10:00\", \"latest\": \"11:00\"}]}]}",
     "s.json: changes[0].breaks[0].duration_min: missing (required)", false},
    {"{\"changes\": [{\"add_skill\": \"t-1\"}]}", "s.json: changes[0].skill: missing (required)",
     false},
    {"{\"changes\": [{\"cancel_job\": \"J-9\"}]}",
     "s.json: changes[0].cancel_job: unknown job 'J-9' (not in the plan)", false},
    {"{\"changes\": [{\"update_job\": \"J-1\"}]}",
     "s.json: changes[0].update_job: no field to change", false},
    {"{\"changes\": [{\"update_job\": \"J-1\", \"windws\": []}]}",
     "s.json: changes[0].windws: unknown field (\"update_job\" takes title, customer", false},
    {"{\"changes\": [{\"update_job\": \"J-2\", \"windows\": [{\"start\": \"2026-11-23T12:00\", "
     "\"end\": \"2026-11-23T10:00\"}]}]}", "s.json: changes[0].windows[0].end: before start", false},
    {"{\"changes\": [{\"update_job\": \"J-2\", \"priority\": 101}]}",
     "s.json: changes[0].priority: must be an integer 0..100", false},
    {"{\"changes\": [{\"add_job\": [1]}]}", "s.json: changes[0].add_job: must be an object", false},
    {"{\"changes\": [{\"add_job\": {\"location\": \"a\"}}]}",
     "s.json: changes[0].add_job.id: missing (required)", false},
    {"{\"changes\": [{\"add_job\": {\"id\": \"J-1\", \"location\": \"a\", \"duration_min\": 5}}]}",
     "s.json: changes[0].add_job.id: job 'J-1' is already in the plan (use update_job", false},
    {"{\"changes\": [{\"cancel_job\": \"J-1\"}, {\"add_job\": {\"id\": \"J-7\", \"location\": \"zz\","
     " \"duration_min\": 30}}]}",
     "s.json: changes[1].add_job.location: unknown location 'zz'", false},
    {"{\"changes\": [{\"add_job\": {\"id\": \"J-7\", \"location\": \"a\"}}]}",
     "s.json: changes[0].add_job.duration_min: missing (required)", false},
    {"{\"changes\": [{\"add_job\": {\"id\": \"J-7\", \"location\": {\"id\": \"new\", \"lat\": 52}, "
     "\"duration_min\": 30}}]}", "s.json: changes[0].add_job.location.lon: missing", false},
    {"{\"changes\": [{\"add_job\": {\"id\": \"J-7\", \"location\": 5, \"duration_min\": 30}}]}",
     "s.json: changes[0].add_job.location: must be a location id or an object", false},
    {"{\"changes\": [{\"travel_factor\": 0}]}",
     "s.json: changes[0].travel_factor: must be a number from 0.01 to 100", false},
    {"{\"changes\": [{\"add_job\": {\"id\": \"J-7\", \"location\": {\"id\": \"new\"}, "
     "\"duration_min\": 30}}]}",
     "s.json: changes[0].add_job.location: location 'new' is not in the plan, whose travel is a "
     "matrix", true},
    {"{\"changes\": [{\"add_location\": {\"id\": \"new\", \"lat\": 1, \"lon\": 2}}]}",
     "s.json: changes[0].add_location: the plan's travel is a matrix", true},
};

static void test_scenario__bad_scenarios_name_file_change_and_field(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        io_scenario_result r;
        model_error err = MODEL_ERROR_INIT;
        model_status st = apply(c->matrix ? matrix_problem(9) : problem, c->scenario, &r, &err);
        CHECK(st == MODEL_ERR_INPUT || st == MODEL_ERR_LIMIT);
        if (!strstr(err.msg, c->message))
            fprintf(stderr, "case %zu: %s\n", i, c->scenario);
        CHECK_STR_CONTAINS(err.msg, c->message);
        CHECK(r.problem == NULL);
        io_scenario_result_free(&r);
    }
}

static void test_scenario__bad_job_files_name_the_field(void)
{
    static const struct {
        const char *job, *message;
    } cases[] = {
        {"{\"location\": \"a\"}", "job.json: duration_min: missing (required)"},
        {"{\"id\": \"J-1\", \"location\": \"a\", \"duration_min\": 30}",
         "job.json: id: job 'J-1' is already in the plan"},
        {"{\"location\": \"a\", \"duration_min\": 30, \"windows\": [{\"start\": "
         "\"2026-11-23T12:00\", \"end\": \"2026-11-23T10:00\"}]}",
         "job.json: windows[0].end: before start"},
        {"[1]", "job.json: top level: must be a JSON object (a job)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        io_scenario *sc = NULL;
        io_scenario_result r = IO_SCENARIO_RESULT_INIT;
        model_error err = MODEL_ERROR_INIT;
        if (io_scenario_read_job_text(cases[i].job, strlen(cases[i].job), "job.json", "new-job",
                                      &sc, &err) == MODEL_OK)
            CHECK(io_scenario_apply(sc, problem, strlen(problem), &r, &err) != MODEL_OK);
        CHECK_STR_CONTAINS(err.msg, cases[i].message);
        io_scenario_result_free(&r);
        io_scenario_free(sc);
    }
    io_scenario *sc = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_scenario_read_job_file("/nonexistent/job.json", NULL, &sc, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "/nonexistent/job.json: cannot read");
    CHECK_EQ_INT(io_scenario_read_job_text("{\"location\": \"a\"}", 17, "job.json", NULL, &sc,
                                           &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "job.json: id: missing (required)");
}

/* Every allocation of reading and applying a scenario may fail: the
 * answer is then MODEL_ERR_NOMEM with nothing leaked or half built. */
static void test_scenario__survives_every_failed_allocation(void)
{
    if (!FAULT_ALLOC_ENABLED)
        return;
    const char *text =
        "{\"changes\": [{\"absent\": \"t-1\", \"from\": \"2026-11-23T10:00\", \"to\": "
        "\"2026-11-23T11:00\"}, {\"shift\": \"t-2\", \"date\": \"2026-11-24\", \"start\": "
        "\"08:00\", \"end\": \"12:00\"}, {\"add_skill\": \"t-2\", \"skill\": \"gas\"}, "
        "{\"cancel_job\": \"J-1\"}, {\"add_job\": {\"id\": \"J-3\", \"location\": {\"id\": "
        "\"c\", \"lat\": 52.5, \"lon\": 13.3}, \"duration_min\": 45}}, {\"update_job\": "
        "\"J-2\", \"priority\": 9}, {\"travel_factor\": 1.5}, {\"absent\": \"t-2\", "
        "\"date\": \"2026-11-30\"}]}";
    int ok = 0, nomem = 0, fired_any = 0;
    for (long n = 0; n < 100000; n++) {
        io_scenario_result r = IO_SCENARIO_RESULT_INIT;
        model_error err = MODEL_ERROR_INIT;
        long live = fault_alloc_live;
        fault_alloc_arm(n);
        model_status st = apply(problem, text, &r, &err);
        bool fired = fault_alloc_fired;
        fault_alloc_arm(-1);
        io_scenario_result_free(&r);
        if (fault_alloc_live != live)
            fprintf(stderr, "allocation %ld: %ld blocks leaked\n", n, fault_alloc_live - live);
        CHECK_EQ_INT(fault_alloc_live, live);
        if (!fired) {
            CHECK_EQ_INT(st, MODEL_OK);
            ok = 1;
            break;
        }
        fired_any = 1;
        nomem += st == MODEL_ERR_NOMEM;
        if (st != MODEL_OK && st != MODEL_ERR_NOMEM)
            fprintf(stderr, "allocation %ld: %s\n", n, err.msg);
        CHECK(st == MODEL_OK || st == MODEL_ERR_NOMEM);
    }
    CHECK(ok);
    CHECK(!fired_any || nomem > 10);
}

TESTLIB_MAIN({"scenario__absent_on_a_date_removes_that_shift",
              test_scenario__absent_on_a_date_removes_that_shift},
             {"scenario__absent_from_a_time_cuts_the_shift_and_the_rest",
              test_scenario__absent_from_a_time_cuts_the_shift_and_the_rest},
             {"scenario__absent_inside_a_shift_becomes_a_break",
              test_scenario__absent_inside_a_shift_becomes_a_break},
             {"scenario__an_absence_that_changes_nothing_warns",
              test_scenario__an_absence_that_changes_nothing_warns},
             {"scenario__wall_times_are_in_the_problems_zone",
              test_scenario__wall_times_are_in_the_problems_zone},
             {"scenario__a_shift_change_replaces_or_adds_the_days_shift",
              test_scenario__a_shift_change_replaces_or_adds_the_days_shift},
             {"scenario__skills_are_added_and_removed", test_scenario__skills_are_added_and_removed},
             {"scenario__jobs_are_added_cancelled_and_updated",
              test_scenario__jobs_are_added_cancelled_and_updated},
             {"scenario__travel_factor_slows_haversine_and_matrix_travel",
              test_scenario__travel_factor_slows_haversine_and_matrix_travel},
             {"scenario__a_job_file_adds_one_job_in_a_given_window",
              test_scenario__a_job_file_adds_one_job_in_a_given_window},
             {"scenario__change_at_resolves_an_absence", test_scenario__change_at_resolves_an_absence},
             {"scenario__bad_scenarios_name_file_change_and_field",
              test_scenario__bad_scenarios_name_file_change_and_field},
             {"scenario__bad_job_files_name_the_field", test_scenario__bad_job_files_name_the_field},
             {"scenario__survives_every_failed_allocation",
              test_scenario__survives_every_failed_allocation})
