/* test_io_json_problem.c - the JSON problem reader and writer: the bad-input
 * corpus (tests/data/bad), defaults, haversine and DST values from the
 * oracle's formulas, round trips, and robustness on damaged input. The
 * problem-by-problem agreement with the oracle's reading is in
 * test_io_json_problem_oracle.c.
 *
 * White-box: it includes io/formats/json_read_internal.h (private to
 * io/formats) for the file size limit and to test the tables kept out of
 * the tree. The strict parser and the writer alone: test_io_json_read.c. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/file.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_read_internal.h"
#include "testfile.h"
#include "testlib.h"
#include "testproblem.h"

#define DATA FIELDPLAN_TEST_DATA

static model_problem *read_ok(const char *path)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = io_json_read_problem_file(path, &p, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "unexpected error: %s\n", err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    CHECK(st != MODEL_OK || (p && p->finished));
    return p;
}

static int find_job(const model_problem *p, const char *id)
{
    return model_strmap_get(&p->job_index, id);
}

static int find_tech(const model_problem *p, const char *id)
{
    return model_strmap_get(&p->technician_index, id);
}

/* Writes p, reads the text back, checks equality; also that writing the
 * copy gives the same text. */
static void check_round_trip(const model_problem *p, const char *label)
{
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_problem_to_string(p, &err);
    CHECK(text != NULL);
    if (!text) {
        fprintf(stderr, "%s: to_string failed: %s\n", label, err.msg);
        return;
    }
    model_problem *q = NULL;
    model_status st = io_json_read_problem_text(text, strlen(text), label, &q, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "%s: re-read failed: %s\n", label, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    if (q) {
        if (!problems_equal(p, q))
            fprintf(stderr, "%s: round trip differs\n", label);
        char *again = io_json_problem_to_string(q, &err);
        CHECK(again && strcmp(again, text) == 0);
        free(again);
    }
    model_problem_free(q);
    free(text);
}

/* ---- the corpus ---- */

static void test_rejects_every_file_in_the_bad_corpus(void)
{
    char *names[512];
    int n = list_files(DATA "/bad", ".json", names, 512);
    CHECK(n >= 35);
    for (int i = 0; i < n; i++) {
        char path[1024], expect_path[1024], expect[512] = "";
        snprintf(path, sizeof path, "%s/bad/%s", DATA, names[i]);
        snprintf(expect_path, sizeof expect_path, "%.*s.expect", (int)strlen(path) - 5, path);
        FILE *f = fopen(expect_path, "r");
        CHECK(f != NULL);
        if (f) {
            if (!fgets(expect, sizeof expect, f))
                expect[0] = '\0';
            fclose(f);
            expect[strcspn(expect, "\n")] = '\0';
        }
        CHECK(expect[0] != '\0');
        model_problem *p = (model_problem *)1;
        model_error err = MODEL_ERROR_INIT;
        model_status st = io_json_read_problem_file(path, &p, &err);
        CHECK(st == MODEL_ERR_INPUT || st == MODEL_ERR_LIMIT);
        CHECK(p == NULL);
        CHECK_EQ_INT(err.code, st);
        CHECK(strncmp(err.msg, path, strlen(path)) == 0 && err.msg[strlen(path)] == ':');
        CHECK(strchr(err.msg, '\n') == NULL);
        if (!strstr(err.msg, expect))
            fprintf(stderr, "corpus file %s:\n", names[i]);
        CHECK_STR_CONTAINS(err.msg, expect);
        free(names[i]);
    }
}

static void test_reports_a_missing_file_as_io_error(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_file(DATA "/good/no-such-file.json", &p, &err),
                 MODEL_ERR_IO);
    CHECK(p == NULL);
    CHECK_STR_CONTAINS(err.msg, "no-such-file.json: cannot read: No such file or directory");
}

static void test_rejects_a_file_over_512_mib_without_reading_it(void)
{
    char path[] = "/tmp/fieldplan-big-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK(ftruncate(fd, (off_t)IO_JSON_MAX_FILE_BYTES + 1) == 0); /* sparse */
    close(fd);
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_file(path, &p, &err), MODEL_ERR_LIMIT);
    CHECK_STR_CONTAINS(err.msg, "larger than 536870912 bytes");
    CHECK(p == NULL);
    unlink(path);
}

static void test_reports_line_and_column_of_a_syntax_error(void)
{
    const char text[] = "{\n  \"locations\": [\n    {\"id\": \"a\",}\n  ]\n}\n";
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_text(text, sizeof text - 1, "p.json", &p, &err),
                 MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "p.json: line 3, column 16: invalid JSON");
    /* columns count characters, not bytes */
    const char utf[] = "{\"name\": \"\xc3\xa9\xc3\xa9\", ]";
    CHECK_EQ_INT(io_json_read_problem_text(utf, sizeof utf - 1, "u.json", &p, &err),
                 MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "u.json: line 1, column 16");
    CHECK_EQ_INT(io_json_read_problem_text("{} x", 4, NULL, &p, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "(input): line 1, column 4: invalid JSON: unexpected 'x'");
}

/* A problem text with `count` records in list `which` (0 locations,
 * 1 technicians, 2 jobs) and one in the others. */
static char *many_records(int which, int count, size_t *len)
{
    size_t cap = (size_t)count * 96 + 1024, n = 0;
    char *t = malloc(cap);
    n += (size_t)sprintf(t + n, "{\"travel\": {\"model\": \"haversine\"}, \"locations\": [");
    for (int i = 0; i < (which == 0 ? count : 1); i++)
        n += (size_t)sprintf(t + n, "%s{\"id\": \"l%d\", \"lat\": 1, \"lon\": 2}", i ? "," : "", i);
    n += (size_t)sprintf(t + n, "], \"technicians\": [");
    for (int i = 0; i < (which == 1 ? count : 1); i++)
        n += (size_t)sprintf(t + n,
                             "%s{\"id\": \"t%d\", \"start_location\": \"l0\", \"shifts\": []}",
                             i ? "," : "", i);
    n += (size_t)sprintf(t + n, "], \"jobs\": [");
    for (int i = 0; i < (which == 2 ? count : 1); i++)
        n +=
            (size_t)sprintf(t + n, "%s{\"id\": \"j%d\", \"location\": \"l0\", \"duration_min\": 5}",
                            i ? "," : "", i);
    n += (size_t)sprintf(t + n, "]}");
    *len = n;
    return t;
}

static void test_rejects_more_records_than_the_limits(void)
{
    static const struct { int which, max; const char *msg; } lim[] = {
        {0, MODEL_MAX_LOCATIONS, "big.json: locations: more than 200000 locations"},
        {1, MODEL_MAX_TECHNICIANS, "big.json: technicians: more than 20000 technicians"},
        {2, MODEL_MAX_JOBS, "big.json: jobs: more than 200000 jobs"}};
    for (int k = 0; k < 3; k++) {
        for (int extra = lim[k].which == 1 ? 0 : 1; extra <= 1; extra++) {
            size_t len;
            char *text = many_records(lim[k].which, lim[k].max + extra, &len);
            model_problem *p = NULL;
            model_error err = MODEL_ERROR_INIT;
            model_status st = io_json_read_problem_text(text, len, "big.json", &p, &err);
            if (extra) {
                CHECK_EQ_INT(st, MODEL_ERR_LIMIT);
                CHECK_STR_CONTAINS(err.msg, lim[k].msg);
            } else if (lim[k].which == 1) { /* at the limit: fine (the others take */
                CHECK_EQ_INT(st, MODEL_OK);  /* long under ASan) */
                CHECK(p && p->ntechnicians == lim[k].max);
            }
            model_problem_free(p);
            free(text);
        }
    }
}

/* ---- good inputs ---- */

static void test_fills_defaults_for_absent_fields(void)
{
    const char *files[] = {DATA "/good/minimal.json", DATA "/good/nulls.json"};
    for (int f = 0; f < 2; f++) {
        model_problem *p = read_ok(files[f]);
        if (!p)
            continue;
        CHECK(p->name == NULL);
        CHECK(strcmp(model_tz_name(p->tz), "UTC") == 0);
        CHECK(!p->skills_declared);
        CHECK_EQ_INT(p->nskills, 0);
        CHECK(!p->locations[0].has_coords);
        CHECK(p->locations[0].address == NULL);
        CHECK_EQ_INT(p->travel.kind, MODEL_TRAVEL_MATRIX);
        CHECK_EQ_INT(model_travel_duration(p, 0, 1), 300);
        CHECK_EQ_INT(model_travel_duration(p, 1, 0), 320);
        CHECK_EQ_INT(model_travel_distance(p, 0, 1), 0); /* no distances_m: all 0 */
        const model_technician *t = &p->technicians[0];
        CHECK(t->name == NULL);
        CHECK_EQ_INT(t->start_location, 0);
        CHECK_EQ_INT(t->end_location, 0); /* default: the start */
        CHECK(t->capacity == 0);
        CHECK_EQ_INT(t->max_jobs, -1);
        CHECK_EQ_INT(t->nshifts, f == 0 ? 0 : 1);
        if (f == 1)
            CHECK_EQ_INT(t->shifts[0].nbreaks, 0);
        const model_job *j = &p->jobs[0];
        CHECK_EQ_INT(j->location, 1);
        CHECK_EQ_INT(j->duration, 45 * 60);
        CHECK_EQ_INT(j->priority, 0);
        CHECK(j->load == 0);
        CHECK_EQ_INT(j->nwindows, 0);
        CHECK(j->release == MODEL_TIME_MIN);
        CHECK(j->deadline == MODEL_TIME_MAX);
        CHECK_EQ_INT(j->pinned, -1);
        CHECK(!j->has_allowed);
        CHECK(j->title == NULL && j->customer == NULL && j->notes == NULL);
        CHECK(model_job_allows_technician(p, 0, 0));
        model_problem_free(p);
    }
}

static void test_reads_every_field_of_a_full_problem(void)
{
    model_problem *p = read_ok(DATA "/good/full.json");
    if (!p)
        return;
    CHECK(strcmp(p->name, "full-2026-11-23") == 0);
    CHECK(strcmp(model_tz_name(p->tz), "Europe/Berlin") == 0);
    CHECK(p->skills_declared);
    CHECK_EQ_INT(p->nskills, 3);
    CHECK(strcmp(p->skills[2], "electric") == 0);
    CHECK(strcmp(p->locations[1].address, "Invalidenstra\xc3\x9f" "e 40, Berlin") == 0);
    CHECK(strcmp(p->locations[3].address, "Caf\xc3\xa9 \xf0\x9f\x98\x80 Stra\xc3\x9f" "e 2") == 0);
    CHECK(p->locations[0].has_coords && p->locations[0].lat == 52.52);
    CHECK(!p->locations[3].has_coords);
    CHECK_EQ_INT(model_travel_duration(p, 2, 1), 430);
    CHECK_EQ_INT(model_travel_distance(p, 3, 2), 7100);
    int ana = find_tech(p, "t-ana"), ben = find_tech(p, "t-ben");
    CHECK(ana == 0 && ben == 1);
    const model_technician *t = &p->technicians[ana];
    CHECK(strcmp(t->name, "Ana Kraus") == 0);
    CHECK_EQ_INT(t->end_location, 3);
    CHECK(t->capacity == 12.5);
    CHECK_EQ_INT(t->max_jobs, 8);
    CHECK_EQ_INT(t->nshifts, 2);
    /* shifts keep input order (the schedule's "shift" index) */
    CHECK_EQ_INT(t->shifts[0].start, 1795503600); /* 2026-11-24T08:00+01:00 */
    CHECK_EQ_INT(t->shifts[1].start, 1795417200); /* 2026-11-23T08:00:00+01:00 */
    CHECK_EQ_INT(t->shifts[1].end, 1795449600);   /* 2026-11-23T16:00:00Z */
    /* breaks sorted by earliest; fractional minutes in whole seconds */
    CHECK_EQ_INT(t->shifts[1].nbreaks, 2);
    CHECK_EQ_INT(t->shifts[1].breaks[0].duration, 1800);
    CHECK_EQ_INT(t->shifts[1].breaks[1].duration, 450);
    CHECK_EQ_INT(t->shifts[1].breaks[1].earliest, 1795435200); /* 13:00+01:00 */
    CHECK(strcmp(p->technicians[ben].name, "J\xc3\xbcrgen \"Ben\" Gro\xc3\x9f") == 0);
    CHECK_EQ_INT(p->technicians[ben].max_jobs, 0);
    CHECK_EQ_INT(p->technicians[ben].end_location, 0);
    int gas = model_strmap_get(&p->skill_index, "gas");
    int boiler = model_strmap_get(&p->skill_index, "boiler");
    int electric = model_strmap_get(&p->skill_index, "electric");
    CHECK(model_skillset_has(&t->skills, gas) && model_skillset_has(&t->skills, boiler));
    CHECK(!model_skillset_has(&t->skills, electric));
    int j1 = find_job(p, "J-1001"), j2 = find_job(p, "J-1002"), j3 = find_job(p, "J-1003");
    const model_job *j = &p->jobs[j1];
    CHECK(strcmp(j->title, "Annual boiler service") == 0);
    CHECK(strcmp(j->customer, "M. Weber") == 0);
    CHECK(strcmp(j->notes, "ring twice\nthen wait") == 0);
    CHECK_EQ_INT(j->duration, 750);
    CHECK_EQ_INT(j->priority, 7); /* a repeated key: the last one counts */
    CHECK(j->load == 2.25);
    CHECK_EQ_INT(j->nwindows, 2);
    CHECK(j->windows[0].start < j->windows[1].start); /* sorted */
    CHECK_EQ_INT(j->windows[0].start, 1795417200);
    CHECK_EQ_INT(j->release, 1795388400);
    CHECK_EQ_INT(j->deadline, 1795622400);
    CHECK_EQ_INT(j->pinned, -1);
    CHECK(j->has_allowed);
    CHECK_EQ_INT(j->nallowed, 2); /* duplicates dropped */
    CHECK(model_job_allows_technician(p, j1, ana));
    CHECK(!model_job_allows_technician(p, j1, ben)); /* lacks boiler */
    CHECK_EQ_INT(p->jobs[j2].duration, 15);
    CHECK_EQ_INT(p->jobs[j2].pinned, ben);
    CHECK(p->jobs[j2].has_allowed && p->jobs[j2].nallowed == 0); /* empty: nobody */
    CHECK(!model_job_allows_technician(p, j2, ben));
    CHECK_EQ_INT(p->jobs[j3].priority, 100);
    CHECK_EQ_INT(p->jobs[j3].pinned, ana);
    CHECK(!model_job_allows_technician(p, j3, ben));
    model_problem_free(p);
}

static void test_computes_haversine_travel_like_the_oracle(void)
{
    /* expected values from verify_schedule.py's haversine_travel() */
    static const struct { int i, j, dur, dist; } want[] = {
        {0, 1, 263, 2559},         {1, 0, 263, 2559},         {0, 2, 341, 3313},
        {1, 2, 579, 5627},         {0, 3, 67433, 655598},     {3, 4, 2183400, 21227500},
        {0, 4, 2152068, 20922879}, {2, 2, 0, 0}};
    model_problem *p = read_ok(DATA "/good/haversine.json");
    if (!p)
        return;
    CHECK_EQ_INT(p->travel.kind, MODEL_TRAVEL_HAVERSINE);
    CHECK(p->travel.speed_kmh == 35 && p->travel.circuity == 1.3);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        CHECK_EQ_INT(model_travel_duration(p, want[k].i, want[k].j), want[k].dur);
        CHECK_EQ_INT(model_travel_distance(p, want[k].i, want[k].j), want[k].dist);
    }
    model_problem_free(p);
    /* defaults: 30 km/h, circuity 1; antipodes */
    p = read_ok(DATA "/good/haversine_defaults.json");
    if (!p)
        return;
    CHECK(p->travel.speed_kmh == 30 && p->travel.circuity == 1);
    CHECK_EQ_INT(model_travel_duration(p, 0, 1), 236);
    CHECK_EQ_INT(model_travel_distance(p, 0, 1), 1969);
    CHECK_EQ_INT(model_travel_duration(p, 2, 3), 2401814);
    CHECK_EQ_INT(model_travel_distance(p, 3, 2), 20015114);
    model_problem_free(p);
}

static void test_reads_wall_times_across_dst(void)
{
    /* expected instants from verify_schedule.py's parse_time() */
    model_problem *p = read_ok(DATA "/good/dst_berlin.json");
    if (!p)
        return;
    const model_job *spring = &p->jobs[find_job(p, "spring")];
    CHECK_EQ_INT(spring->windows[0].start, 1774744200); /* 01:30 CET */
    CHECK_EQ_INT(spring->windows[0].end, 1774747800);   /* 03:30 CEST: one hour later */
    const model_job *gap = &p->jobs[find_job(p, "spring-gap")];
    CHECK_EQ_INT(gap->windows[0].start, 1774747800); /* 02:30 does not exist: 03:30 */
    CHECK_EQ_INT(gap->windows[0].end, 1774749600);
    const model_job *autumn = &p->jobs[find_job(p, "autumn")];
    CHECK_EQ_INT(autumn->windows[0].start, 1792884600); /* 01:30 CEST */
    CHECK_EQ_INT(autumn->windows[0].end, 1792895400);   /* 03:30 CET: three hours later */
    const model_job *twice = &p->jobs[find_job(p, "autumn-twice")];
    CHECK_EQ_INT(twice->windows[0].start, 1792888200); /* first 02:30 (CEST) */
    CHECK_EQ_INT(twice->windows[0].end, 1792891800);   /* second 02:30, by offset */
    CHECK_EQ_INT(p->technicians[0].shifts[0].end - p->technicians[0].shifts[0].start, 11 * 3600);
    CHECK_EQ_INT(p->technicians[0].shifts[1].end - p->technicians[0].shifts[1].start, 13 * 3600);
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_problem_to_string(p, &err);
    CHECK(text != NULL);
    CHECK_STR_CONTAINS(text, "\"2026-03-29T01:30:00+01:00\"");
    CHECK_STR_CONTAINS(text, "\"2026-03-29T03:30:00+02:00\"");
    CHECK_STR_CONTAINS(text, "\"start\": \"2026-10-25T02:30:00+02:00\", "
                             "\"end\": \"2026-10-25T02:30:00+01:00\"");
    free(text);
    model_problem_free(p);
}

static void test_accepts_a_job_needing_a_skill_nobody_has(void)
{
    model_problem *p = read_ok(DATA "/good/skill_nobody_has.json");
    if (!p)
        return;
    CHECK(!p->skills_declared);
    CHECK_EQ_INT(p->nskills, 2);
    CHECK(!model_job_allows_technician(p, 0, 0));
    model_problem_free(p);
}

static void test_round_trips_through_to_string(void)
{
    const char *files[] = {DATA "/good/minimal.json",   DATA "/good/nulls.json",
                           DATA "/good/full.json",      DATA "/good/haversine.json",
                           DATA "/good/dst_berlin.json", DATA "/good/skill_nobody_has.json",
                           DATA "/good/haversine_defaults.json", DATA "/good/matrix9.json"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        model_problem *p = read_ok(files[f]);
        if (p)
            check_round_trip(p, files[f]);
        model_problem_free(p);
    }
    /* the end-to-end problems too, when present */
    char *names[256];
    int n = list_files(DATA "/e2e", ".json", names, 256);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/e2e/%s", DATA, names[i]);
        model_problem *p = read_ok(path);
        if (p)
            check_round_trip(p, path);
        model_problem_free(p);
        free(names[i]);
    }
}

static void test_round_trips_times_in_local_mean_time(void)
{
    /* Berlin kept local mean time (+00:53:28) until 1893: an offset with
     * seconds, which "+HH:MM" cannot carry */
    const char text[] =
        "{\"timezone\": \"Europe/Berlin\", \"locations\": [{\"id\": \"a\"}],"
        " \"travel\": {\"durations_s\": [[0]]}, \"technicians\": [{\"id\": \"t\","
        " \"start_location\": \"a\", \"shifts\": [{\"start\": \"1890-03-29T00:00\","
        " \"end\": \"1890-03-29T12:00:00+05:00\"}, {\"start\": \"1893-04-01T00:00\","
        " \"end\": \"1893-04-01T00:10\"}]}], \"jobs\": []}";
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_text(text, sizeof text - 1, "lmt", &p, &err), MODEL_OK);
    if (!p)
        return;
    CHECK_EQ_INT(p->technicians[0].shifts[0].start, -2517008008LL); /* from Python zoneinfo */
    CHECK_EQ_INT(p->technicians[0].shifts[0].end, -2516979600LL);
    CHECK_EQ_INT(p->technicians[0].shifts[1].start, -2422054408LL); /* the gap of 1893 */
    CHECK_EQ_INT(p->technicians[0].shifts[1].end, -2422054200LL);
    check_round_trip(p, "lmt");
    model_problem_free(p);
}

static void test_writes_durations_that_read_back_to_the_same_seconds(void)
{
    model_problem *p = read_ok(DATA "/good/minimal.json");
    if (!p)
        return;
    static const int64_t big[] = {599999, 8388607, 8388609, 123456789, 987654321,
                                  9999999999LL, 9999999941LL};
    model_error err = MODEL_ERROR_INIT;
    for (int k = 0; k < 1200 + 7; k++) {
        int64_t s = k < 1200 ? k + 1 : big[k - 1200];
        p->jobs[0].duration = s;
        char *text = io_json_problem_to_string(p, &err);
        model_problem *q = NULL;
        if (!text) {
            /* allowed only where no minutes value reads back to s */
            CHECK(s > 8000000);
            CHECK_EQ_INT(err.code, MODEL_ERR_INPUT);
            continue;
        }
        CHECK_EQ_INT(io_json_read_problem_text(text, strlen(text), "t", &q, &err), MODEL_OK);
        if (q)
            CHECK_EQ_INT(q->jobs[0].duration, s);
        model_problem_free(q);
        free(text);
    }
    model_problem_free(p);
}

static void test_reads_text_that_is_not_nul_terminated(void)
{
    size_t len;
    char *text = slurp(DATA "/good/full.json", &len);
    CHECK(text != NULL);
    if (!text)
        return;
    char *exact = malloc(len); /* no room for a NUL: ASan sees any overread */
    memcpy(exact, text, len);
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_text(exact, len, "x.json", &p, &err), MODEL_OK);
    model_problem_free(p);
    /* a number at the very end of the buffer */
    memcpy(exact, "7", 1);
    CHECK_EQ_INT(io_json_read_problem_text(exact, 1, "x.json", &p, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "x.json: top level: must be a JSON object");
    free(exact);
    free(text);
}

/* Decimal matrix entries (a router's seconds and metres) round to the
 * nearest integer, halves up; negative ones are still refused. */
static void test_rounds_decimal_matrix_entries(void)
{
    const char *text =
        "{\"locations\": [{\"id\": \"a\"}, {\"id\": \"b\"}],"
        " \"travel\": {\"durations_s\": [[0, 540.5], [560.49, 0.2]],"
        " \"distances_m\": [[0, 3900.7], [4.1e3, 0]]},"
        " \"technicians\": [], \"jobs\": []}";
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_text(text, strlen(text), "d.json", &p, &err), MODEL_OK);
    if (p) {
        CHECK_EQ_INT(model_travel_duration(p, 0, 1), 541);
        CHECK_EQ_INT(model_travel_duration(p, 1, 0), 560);
        CHECK_EQ_INT(model_travel_duration(p, 1, 1), 0);
        CHECK_EQ_INT(model_travel_distance(p, 0, 1), 3901);
        CHECK_EQ_INT(model_travel_distance(p, 1, 0), 4100);
    }
    model_problem_free(p);
    const char *neg = "{\"locations\": [{\"id\": \"a\"}], \"travel\": {\"durations_s\": [[-0.7]]},"
                      " \"technicians\": [], \"jobs\": []}";
    CHECK_EQ_INT(io_json_read_problem_text(neg, strlen(neg), "d.json", &p, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "d.json: travel.durations_s[0][0]: must be a number >= 0");
}

static void test_reads_large_matrices_outside_the_tree(void)
{
    size_t len;
    char *text = slurp(DATA "/good/matrix9.json", &len);
    CHECK(text != NULL);
    if (!text)
        return;
    io_json_doc doc = IO_JSON_DOC_INIT;
    CHECK_EQ_INT(io_json_parse_doc(text, len, "m9", &doc, NULL), MODEL_OK);
    CHECK_EQ_INT(doc.ntables, 2);
    const cJSON *travel = io_json_member(doc.root, "travel");
    const cJSON *dur = io_json_member(travel, "durations_s");
    CHECK(dur && dur->child == NULL); /* an empty list stands for the table */
    io_json_table *t = io_json_table_of(&doc, dur);
    CHECK(t != NULL && t == &doc.tables[0]);
    if (t) {
        CHECK_EQ_INT(t->rows, 9);
        CHECK_EQ_INT(t->row_start[9], 81);
        CHECK_EQ_INT(t->values[1 * 9 + 4], 240);
    }
    CHECK(io_json_table_of(&doc, io_json_member(travel, "distances_m")) == &doc.tables[1]);
    CHECK(io_json_table_of(&doc, travel) == NULL);
    io_json_doc_free(&doc);
    /* io_json_parse keeps everything in the tree */
    cJSON *root = NULL;
    CHECK_EQ_INT(io_json_parse(text, len, "m9", &root, NULL), MODEL_OK);
    CHECK_EQ_INT(cJSON_GetArraySize(io_json_member(io_json_member(root, "travel"), "durations_s")),
                 9);
    cJSON_Delete(root);
    /* the same problem with one cell written "-0" is read from the tree */
    model_problem *a = NULL, *b = NULL;
    CHECK_EQ_INT(io_json_read_problem_text(text, len, "table", &a, NULL), MODEL_OK);
    char *zero = strstr(text, "[0, 120");
    CHECK(zero != NULL);
    char *tree = malloc(len + 2);
    size_t at = (size_t)(zero - text) + 1;
    memcpy(tree, text, at);
    memcpy(tree + at, "-0", 2);
    memcpy(tree + at + 2, text + at + 1, len - at - 1);
    CHECK_EQ_INT(io_json_read_problem_text(tree, len + 1, "tree", &b, NULL), MODEL_OK);
    if (a && b) {
        CHECK(problems_equal(a, b));
        CHECK_EQ_INT(model_travel_duration(a, 3, 7), 300);
        CHECK_EQ_INT(model_travel_distance(b, 8, 0), 540);
    }
    model_problem_free(a);
    model_problem_free(b);
    free(tree);
    free(text);
}

/* One damaged input: must not crash; either an error naming the source, or
 * a finished problem that writes and reads back equal. */
static void check_damaged(const char *text, size_t len, int *accepted)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    char *copy = malloc(len ? len : 1);
    memcpy(copy, text, len);
    model_status st = io_json_read_problem_text(copy, len, "fuzz.json", &p, &err);
    free(copy);
    if (st == MODEL_OK) {
        CHECK(p && p->finished);
        (*accepted)++;
        char *out = io_json_problem_to_string(p, &err);
        model_problem *q = NULL;
        if (out && io_json_read_problem_text(out, strlen(out), "again", &q, &err) == MODEL_OK)
            problems_equal(p, q);
        else
            CHECK(out == NULL); /* the writer's output must read back */
        model_problem_free(q);
        free(out);
        model_problem_free(p);
        return;
    }
    CHECK(p == NULL);
    CHECK(st == MODEL_ERR_INPUT || st == MODEL_ERR_LIMIT);
    CHECK(strncmp(err.msg, "fuzz.json: ", 11) == 0);
}

/* Truncates file at every byte and mutates it `rounds` times (fixed seed). */
static void damage(const char *file, int rounds)
{
    size_t len;
    char *text = slurp(file, &len);
    CHECK(text != NULL);
    if (!text)
        return;
    int accepted = 0;
    for (size_t cut = 0; cut < len; cut++)
        check_damaged(text, cut, &accepted);
    CHECK(accepted >= 1); /* cutting only trailing whitespace keeps it valid */
    static const char interesting[] = "\"{}[],:0-9.eE\\ntu\x80\xff\x00 ";
    uint64_t seed = 20261123;
    char *buf = malloc(len);
    int mutated_ok = 0;
    for (int round = 0; round < rounds; round++) {
        memcpy(buf, text, len);
        int edits = 1 + round % 4;
        for (int k = 0; k < edits; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t at = (size_t)(seed >> 33) % len;
            unsigned r = (unsigned)(seed >> 20);
            buf[at] = r % 3 ? interesting[r % (sizeof interesting - 1)] : (char)(r >> 8);
        }
        check_damaged(buf, len, &mutated_ok);
    }
    free(buf);
    free(text);
}

static void test_survives_truncated_and_mutated_input(void)
{
    damage(DATA "/good/full.json", 2000);
    damage(DATA "/good/matrix9.json", 1000); /* its matrices are tables */
    damage(DATA "/good/haversine.json", 500);
}

TESTLIB_MAIN(
    {"json__rejects_every_file_in_the_bad_corpus", test_rejects_every_file_in_the_bad_corpus},
    {"json__reports_a_missing_file_as_io_error", test_reports_a_missing_file_as_io_error},
    {"json__rejects_a_file_over_512_mib_without_reading_it",
     test_rejects_a_file_over_512_mib_without_reading_it},
    {"json__reports_line_and_column_of_a_syntax_error",
     test_reports_line_and_column_of_a_syntax_error},
    {"json__rejects_more_records_than_the_limits", test_rejects_more_records_than_the_limits},
    {"json__fills_defaults_for_absent_fields", test_fills_defaults_for_absent_fields},
    {"json__reads_every_field_of_a_full_problem", test_reads_every_field_of_a_full_problem},
    {"json__computes_haversine_travel_like_the_oracle",
     test_computes_haversine_travel_like_the_oracle},
    {"json__reads_wall_times_across_dst", test_reads_wall_times_across_dst},
    {"json__accepts_a_job_needing_a_skill_nobody_has",
     test_accepts_a_job_needing_a_skill_nobody_has},
    {"json__round_trips_through_to_string", test_round_trips_through_to_string},
    {"json__round_trips_times_in_local_mean_time", test_round_trips_times_in_local_mean_time},
    {"json__writes_durations_that_read_back_to_the_same_seconds",
     test_writes_durations_that_read_back_to_the_same_seconds},
    {"json__reads_text_that_is_not_nul_terminated", test_reads_text_that_is_not_nul_terminated},
    {"json__reads_large_matrices_outside_the_tree", test_reads_large_matrices_outside_the_tree},
    {"json__rounds_decimal_matrix_entries", test_rounds_decimal_matrix_entries},
    {"json__survives_truncated_and_mutated_input", test_survives_truncated_and_mutated_input})
