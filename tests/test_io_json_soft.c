/* test_io_json_soft.c - FORMAT.md extension 2 in the JSON reader and
 * writers and in the model's summary and checker: every field read, each
 * bad value refused with a message naming file, record and field, an exact
 * round trip through the problem writer, the schedule's cost terms, and
 * the checker's relaxed rules 2 and 5 and skill levels. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "model/check.h"
#include "testlib.h"

/* One depot, one customer 10 min away; two technicians; two jobs. The
 * placeholders %s are spliced in by problem_with(). */
static const char *const BASE =
    "{\"name\": \"soft\", \"timezone\": \"UTC\",%s"
    " \"locations\": [{\"id\": \"d\"}, {\"id\": \"c\"}],"
    " \"travel\": {\"durations_s\": [[0, 600], [600, 0]]},"
    " \"technicians\": ["
    "  {\"id\": \"t1\", \"skills\": [\"gas:2\", \"boiler\"], \"start_location\": \"d\","
    "   \"shifts\": [{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T10:00\"%s}]},"
    "  {\"id\": \"t2\", \"skills\": [\"gas\"], \"start_location\": \"d\","
    "   \"shifts\": [{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T17:00\"}]}],"
    " \"jobs\": ["
    "  {\"id\": \"J1\", \"location\": \"c\", \"duration_min\": 60, \"skills\": [\"gas:2\"],"
    "   \"windows\": [{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T08:05\"}]%s},"
    "  {\"id\": \"J2\", \"location\": \"c\", \"duration_min\": 30, \"skills\": [\"gas\"]%s}]}";

static char *problem_with(const char *top, const char *shift, const char *j1, const char *j2)
{
    size_t n = strlen(BASE) + strlen(top) + strlen(shift) + strlen(j1) + strlen(j2) + 1;
    char *s = malloc(n);
    snprintf(s, n, BASE, top, shift, j1, j2);
    return s;
}

static model_problem *read_text(const char *text, model_error *err)
{
    model_problem *p = NULL;
    io_json_read_problem_text(text, strlen(text), "soft.json", &p, err);
    return p;
}

static const char *const FULL_TOP = " \"objective\": {\"balance_cost_s_per_min\": 2},";
static const char *const FULL_SHIFT = ", \"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 90}";
static const char *const FULL_J1 =
    ", \"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 120},"
    " \"preferred_technicians\": [{\"technician\": \"t1\", \"bonus_s\": 1800}],"
    " \"contact\": {\"phone\": \"+49 30 1\", \"email\": \"a@b.org\", \"notes\": \"dog\"}";

static void test_reads_every_field_of_extension_2(void)
{
    char *text = problem_with(FULL_TOP, FULL_SHIFT, FULL_J1, "");
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = read_text(text, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "%s\n", err.msg);
        free(text);
        return;
    }
    int gas = model_strmap_get(&p->skill_index, "gas");
    CHECK(gas >= 0);
    CHECK_EQ_INT(model_strmap_get(&p->skill_index, "gas:2"), -1);
    CHECK_EQ_INT(model_skill_levels_get(&p->technicians[0].levels, gas), 2);
    CHECK_EQ_INT(model_skill_levels_get(&p->technicians[1].levels, gas), 1);
    CHECK_EQ_INT(model_skill_levels_get(&p->jobs[0].levels, gas), 2);
    CHECK_EQ_INT(p->technicians[0].shifts[0].overtime.max_s, 3600);
    CHECK_EQ_INT(p->technicians[0].shifts[0].overtime.cost_us_per_min, 90 * MODEL_RATE_ONE);
    CHECK_EQ_INT(p->technicians[1].shifts[0].overtime.max_s, -1);
    CHECK_EQ_INT(p->jobs[0].lateness.max_s, 1800);
    CHECK_EQ_INT(p->jobs[0].lateness.cost_us_per_min, 120 * MODEL_RATE_ONE);
    CHECK_EQ_INT(p->jobs[1].lateness.max_s, -1);
    CHECK_EQ_INT(model_job_preference_bonus(&p->jobs[0], 0), 1800);
    CHECK_EQ_INT(model_job_preference_bonus(&p->jobs[0], 1), 0);
    CHECK(p->jobs[0].contact.phone && strcmp(p->jobs[0].contact.phone, "+49 30 1") == 0);
    CHECK(p->jobs[0].contact.notes && strcmp(p->jobs[0].contact.notes, "dog") == 0);
    CHECK_EQ_INT(p->objective.balance_us_per_min, 2 * MODEL_RATE_ONE);
    /* rule 1 with levels: J1 needs gas:2, which only t1 has */
    CHECK(model_job_allows_technician(p, 0, 0));
    CHECK(!model_job_allows_technician(p, 0, 1));
    CHECK(model_job_allows_technician(p, 1, 1));
    CHECK(model_problem_uses_soft_rules(p));
    CHECK(model_problem_uses_extension2(p));
    model_problem_free(p);
    free(text);
}

/* Reads text, writes it, reads and writes that again: the two texts must
 * be equal and contain each of wants (NULL-terminated). Returns the problem
 * read first (the caller frees it), or NULL. */
static model_problem *round_trip(const char *text, const char *const *wants)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = read_text(text, &err);
    CHECK(p != NULL);
    char *once = p ? io_json_problem_to_string(p, &err) : NULL;
    model_problem *q = once ? read_text(once, &err) : NULL;
    char *twice = q ? io_json_problem_to_string(q, &err) : NULL;
    CHECK(once && twice && strcmp(once, twice) == 0);
    for (; once && *wants; wants++)
        CHECK_STR_CONTAINS(once, *wants);
    free(once);
    free(twice);
    model_problem_free(q);
    return p;
}

static void test_round_trips_extension_2_exactly(void)
{
    static const char *const wants[] = {
        "\"gas:2\"",
        "\"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 90}",
        "\"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 120}",
        "\"preferred_technicians\": [{\"technician\": \"t1\", \"bonus_s\": 1800}]",
        "\"contact\": {\"phone\": \"+49 30 1\", \"email\": \"a@b.org\", \"notes\": \"dog\"}",
        "\"objective\": {\"balance_cost_s_per_min\": 2}",
        NULL};
    char *text = problem_with(FULL_TOP, FULL_SHIFT, FULL_J1, "");
    model_problem_free(round_trip(text, wants));
    free(text);
}

/* Fractional costs per minute: read exactly (millionths), written as the
 * shortest decimal, the same text again after a second round. */
static void test_round_trips_fractional_rates_exactly(void)
{
    static const char *const wants[] = {
        "\"objective\": {\"balance_cost_s_per_min\": 2.5}",
        "\"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 999999.999999}",
        "\"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 0.000001}",
        "\"lateness\": {\"max_min\": 5, \"cost_s_per_min\": 15}",
        NULL};
    char *text = problem_with(" \"objective\": {\"balance_cost_s_per_min\": 2.50},",
                              ", \"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 999999.999999}",
                              ", \"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 0.000001}",
                              ", \"lateness\": {\"max_min\": 5, \"cost_s_per_min\": 1.5e1}");
    model_problem *p = round_trip(text, wants);
    if (p) {
        CHECK_EQ_INT(p->objective.balance_us_per_min, 2500000);
        CHECK_EQ_INT(p->technicians[0].shifts[0].overtime.cost_us_per_min, 999999999999);
        CHECK_EQ_INT(p->jobs[0].lateness.cost_us_per_min, 1);
        CHECK_EQ_INT(p->jobs[1].lateness.cost_us_per_min, 15 * MODEL_RATE_ONE);
    }
    model_problem_free(p);
    free(text);
}

static void test_leaves_a_problem_without_extension_2_as_it_was(void)
{
    char *text = problem_with("", "", "", "");
    /* the same problem with plain skills */
    char *plain = strdup(text);
    for (char *s = strstr(plain, ":2\""); s; s = strstr(s, ":2\""))
        memmove(s, s + 2, strlen(s + 2) + 1);
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = read_text(plain, &err);
    CHECK(p != NULL);
    if (p) {
        CHECK(!model_problem_uses_extension2(p));
        char *out = io_json_problem_to_string(p, &err);
        CHECK(out && !strstr(out, "objective") && !strstr(out, "lateness") &&
              !strstr(out, "overtime"));
        free(out);
    }
    model_problem_free(p);
    free(plain);
    free(text);
}

/* Each bad value, and the message it must give. */
static void test_refuses_bad_values_naming_file_record_and_field(void)
{
    static const struct {
        const char *top, *shift, *j1, *j2, *message;
    } cases[] = {
        {"", "", ", \"lateness\": {\"max_min\": -1, \"cost_s_per_min\": 1}", "",
         "soft.json: jobs[0] (J1).lateness.max_min: must be an integer >= 0"},
        {"", "", ", \"lateness\": {\"max_min\": 1.5, \"cost_s_per_min\": 1}", "",
         "soft.json: jobs[0] (J1).lateness.max_min: must be an integer >= 0"},
        {"", "", ", \"lateness\": {\"max_min\": 10}", "",
         "soft.json: jobs[0] (J1).lateness.cost_s_per_min: missing (required)"},
        {"", "", ", \"lateness\": {\"max_min\": 10, \"cost_s_per_min\": 1e-7}", "",
         "soft.json: jobs[0] (J1).lateness.cost_s_per_min: 1e-07 has more than 6 decimal places"},
        {"", "", ", \"lateness\": {\"max_min\": 10, \"cost_s_per_min\": 2.0000005}", "",
         "soft.json: jobs[0] (J1).lateness.cost_s_per_min: 2.0000005 has more than 6 decimal"},
        {"", "", ", \"lateness\": {\"max_min\": 10, \"cost_s_per_min\": -0.5}", "",
         "soft.json: jobs[0] (J1).lateness.cost_s_per_min: must be a number >= 0"},
        {"", "", ", \"lateness\": {\"max_min\": 10, \"cost_s_per_min\": \"2.5\"}", "",
         "soft.json: jobs[0] (J1).lateness.cost_s_per_min: must be a number >= 0"},
        {"", ", \"overtime\": {\"max_min\": 10, \"cost_s_per_min\": 1.0000001e6}", "", "",
         "soft.json: technicians[0] (t1).shifts[0].overtime.cost_s_per_min: larger than 1000000"},
        {"", "", ", \"lateness\": 3", "", "soft.json: jobs[0] (J1).lateness: must be an object"},
        {"", ", \"overtime\": {\"max_min\": \"x\", \"cost_s_per_min\": 1}", "", "",
         "soft.json: technicians[0] (t1).shifts[0].overtime.max_min: must be an integer >= 0"},
        {"", "", ", \"preferred_technicians\": [{\"technician\": \"nobody\", \"bonus_s\": 5}]", "",
         "soft.json: jobs[0] (J1).preferred_technicians[0].technician: unknown technician 'nobody'"},
        {"", "", ", \"preferred_technicians\": [{\"technician\": \"t1\", \"bonus_s\": -5}]", "",
         "soft.json: jobs[0] (J1).preferred_technicians[0].bonus_s: must be an integer >= 0"},
        {"", "",
         ", \"preferred_technicians\": [{\"technician\": \"t1\", \"bonus_s\": 5},"
         " {\"technician\": \"t1\", \"bonus_s\": 6}]",
         "", "soft.json: jobs[0] (J1).preferred_technicians[1].technician: technician 't1' is listed twice"},
        {"", "", ", \"contact\": {\"phone\": 49}", "",
         "soft.json: jobs[0] (J1).contact.phone: must be a string"},
        {"", "", "", ", \"skills\": [\"gas:0\"]",
         "soft.json: jobs[1] (J2).skills[0]: 'gas:0': a level is written name:level with a level 1..9"},
        {"", "", "", ", \"skills\": [\"gas:10\"]",
         "soft.json: jobs[1] (J2).skills[0]: 'gas:10': a level is written"},
        {"", "", "", ", \"skills\": [\":2\"]", "soft.json: jobs[1] (J2).skills[0]: ':2': a level"},
        {" \"objective\": {\"balance_cost_s_per_min\": -2},", "", "", "",
         "soft.json: objective.balance_cost_s_per_min: must be a number >= 0"},
        {" \"objective\": 2,", "", "", "", "soft.json: objective: must be an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = problem_with(cases[i].top, cases[i].shift, cases[i].j1, cases[i].j2);
        /* J2's "skills" given twice would be ambiguous: the case's replaces the base's */
        if (cases[i].j2[0]) {
            char *dup = strstr(text, "\"skills\": [\"gas\"], \"skills\"");
            if (dup)
                memmove(dup, dup + 19, strlen(dup + 19) + 1);
        }
        model_error err = MODEL_ERROR_INIT;
        model_problem *p = read_text(text, &err);
        CHECK(p == NULL);
        if (!strstr(err.msg, cases[i].message))
            fprintf(stderr, "case %zu: got '%s'\n", i, err.msg);
        CHECK_STR_CONTAINS(err.msg, cases[i].message);
        model_problem_free(p);
        free(text);
    }
}

/* A schedule by hand: t1 serves J1 starting 08:20 (15 min late) and ends
 * at 10:30 (30 min overtime); t2 serves J2. */
static const char *const SCHEDULE =
    "{\"problem\": \"soft\", \"summary\": {\"assigned\": 2, \"unassigned\": 0,"
    " \"unassigned_weight\": 0, \"travel_s\": 2400, \"distance_m\": 0%s},"
    " \"routes\": ["
    "  {\"technician\": \"t1\", \"shift\": 0, \"stops\": ["
    "   {\"type\": \"start\", \"location\": \"d\", \"time\": \"2026-11-23T08:10:00+00:00\"},"
    "   {\"type\": \"job\", \"job\": \"J1\", \"location\": \"c\","
    "    \"start\": \"%s\", \"end\": \"%s\"},"
    "   {\"type\": \"end\", \"location\": \"d\", \"time\": \"%s\"}]},"
    "  {\"technician\": \"t2\", \"shift\": 0, \"stops\": ["
    "   {\"type\": \"start\", \"location\": \"d\", \"time\": \"2026-11-23T08:00:00+00:00\"},"
    "   {\"type\": \"job\", \"job\": \"J2\", \"location\": \"c\","
    "    \"start\": \"2026-11-23T08:10:00+00:00\", \"end\": \"2026-11-23T08:40:00+00:00\"},"
    "   {\"type\": \"end\", \"location\": \"d\", \"time\": \"2026-11-23T08:50:00+00:00\"}]}],"
    " \"unassigned\": []}";

static model_report check_text(const model_problem *p, const char *summary_tail, const char *start,
                               const char *end, const char *arrive)
{
    char text[4096];
    snprintf(text, sizeof text, SCHEDULE, summary_tail, start, end, arrive);
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = NULL;
    model_summary claimed;
    int has = 0;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_schedule_text(p, text, strlen(text), "s.json", &s, &claimed, &has,
                                            &rep, &err),
                 MODEL_OK);
    CHECK_EQ_INT(model_check_schedule(p, s, has ? &claimed : NULL, &rep, &err), MODEL_OK);
    model_schedule_free(s);
    return rep;
}

static void test_checks_and_totals_the_cost_terms(void)
{
    char *text = problem_with(FULL_TOP, FULL_SHIFT, FULL_J1, "");
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = read_text(text, &err);
    CHECK(p != NULL);
    if (!p) {
        free(text);
        return;
    }
    /* late 15 min at 120/min = 1800; overtime 30 min at 90/min = 2700;
     * W = 8400 and 3000, mean 5700, spread 5400 s = 90 min at 2/min = 180;
     * bonus 1800: cost = 2400 + 1800 + 2700 + 180 - 1800 = 5280 */
    const char *tail = ", \"cost\": 5280, \"lateness_cost_s\": 1800, \"overtime_cost_s\": 2700,"
                       " \"balance_cost_s\": 180, \"preference_bonus_s\": 1800";
    model_report rep = check_text(p, tail, "2026-11-23T08:20:00+00:00",
                                  "2026-11-23T09:20:00+00:00", "2026-11-23T10:30:00+00:00");
    for (int i = 0; i < rep.n; i++)
        fprintf(stderr, "unexpected: %s\n", rep.items[i]);
    CHECK_EQ_INT(rep.total, 0);
    CHECK_EQ_INT(rep.totals.cost, 5280);
    CHECK_EQ_INT(rep.totals.balance_cost_s, 180);
    model_report_clear(&rep);

    /* missing cost terms are violations when the problem uses extension 2 */
    rep = check_text(p, "", "2026-11-23T08:20:00+00:00", "2026-11-23T09:20:00+00:00",
                     "2026-11-23T10:30:00+00:00");
    CHECK_EQ_INT(rep.total, 5);
    CHECK(rep.n > 0);
    if (rep.n > 0)
        CHECK_STR_CONTAINS(rep.items[0], "summary: cost is missing or not an integer");
    model_report_clear(&rep);

    /* 31 min late and 61 min overtime break the relaxed rules 2 and 5 */
    rep = check_text(p, tail, "2026-11-23T08:36:00+00:00", "2026-11-23T09:36:00+00:00",
                     "2026-11-23T11:01:00+00:00");
    bool late = false, over = false;
    for (int i = 0; i < rep.n; i++) {
        late |= strstr(rep.items[i], "more than lateness max_min 30 allows (rule 2)") != NULL;
        over |= strstr(rep.items[i], "more than overtime max_min 60 allows (rule 5)") != NULL;
    }
    CHECK(late);
    CHECK(over);
    model_report_clear(&rep);
    model_problem_free(p);
    free(text);
}

static void test_checks_skill_levels_by_rule_1(void)
{
    /* t2 has gas at level 1; J1 needs gas:2 */
    char *text = problem_with("", "", "", "");
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = read_text(text, &err);
    CHECK(p != NULL);
    if (p) {
        model_schedule *s = NULL;
        model_route *r;
        model_schedule_create(&s, p, &err);
        model_schedule_add_route(s, 1, 0, &r, &err);
        int64_t t0 = p->technicians[1].shifts[0].start;
        model_stop st[3] = {{MODEL_STOP_START, -1, 0, t0, t0, t0},
                            {MODEL_STOP_JOB, 0, 1, t0 + 600, t0 + 600, t0 + 4200},
                            {MODEL_STOP_END, -1, 0, t0 + 4800, t0 + 4800, t0 + 4800}};
        for (int i = 0; i < 3; i++)
            model_route_add_stop(r, &st[i], &err);
        model_schedule_add_unassigned(s, 1, "test", &err);
        model_report rep = MODEL_REPORT_INIT;
        model_check_schedule(p, s, NULL, &rep, &err);
        bool found = false; /* (the start is also outside J1's window: rule 2) */
        for (int i = 0; i < rep.n; i++)
            found |= strstr(rep.items[i],
                            "job J1: technician t2 has gas, but the job needs gas:2 (rule 1)") != NULL;
        CHECK(found);
        model_report_clear(&rep);
        model_schedule_free(s);
    }
    model_problem_free(p);
    free(text);
}

static void test_late_seconds_count_from_the_latest_window_started(void)
{
    model_job j = {0};
    model_window w[2] = {{1000, 2000}, {1500, 1600}};
    j.windows = w;
    j.nwindows = 2;
    j.lateness = (model_soft_limit){300, 60 * MODEL_RATE_ONE};
    bool ok;
    CHECK_EQ_INT(model_job_late_s(&j, 1800, &ok), 200); /* from [1500, 1600] */
    CHECK(ok);
    CHECK_EQ_INT(model_job_late_s(&j, 1950, &ok), 350);
    CHECK(!ok); /* inside [1000, 2000], but the latest window started is the later one */
    CHECK_EQ_INT(model_job_late_s(&j, 900, &ok), 0);
    CHECK(!ok);
    CHECK_EQ_INT(model_soft_limit_cost(j.lateness, 61), 61);
    CHECK_EQ_INT(model_soft_limit_cost((model_soft_limit){300, MODEL_RATE_ONE}, 61), 2); /* ceil(61/60) */
    int64_t work[3] = {100, 200, 600};              /* mean 300, spread 600 s */
    CHECK_EQ_INT(model_balance_cost(3 * MODEL_RATE_ONE, work, 3), 30); /* 3 * 600 / 60 = 30 */
    int64_t odd[2] = {0, 1};                        /* spread 1 s: 1/60 + 1/2 rounds to 0 */
    CHECK_EQ_INT(model_balance_cost(MODEL_RATE_ONE, odd, 2), 0);
    CHECK_EQ_INT(model_balance_cost(30 * MODEL_RATE_ONE, odd, 2), 1); /* 30/60 + 1/2 = 1 */
}

TESTLIB_MAIN({"json__reads_every_field_of_extension_2", test_reads_every_field_of_extension_2},
             {"json__round_trips_extension_2_exactly", test_round_trips_extension_2_exactly},
             {"json__round_trips_fractional_rates_exactly",
              test_round_trips_fractional_rates_exactly},
             {"json__leaves_a_problem_without_extension_2_as_it_was",
              test_leaves_a_problem_without_extension_2_as_it_was},
             {"json__refuses_bad_values_naming_file_record_and_field",
              test_refuses_bad_values_naming_file_record_and_field},
             {"check__totals_the_cost_terms", test_checks_and_totals_the_cost_terms},
             {"check__skill_levels_by_rule_1", test_checks_skill_levels_by_rule_1},
             {"model__late_seconds_count_from_the_latest_window_started",
              test_late_seconds_count_from_the_latest_window_started})
