/* test_io_solomon.c - the Solomon reader against solomon_to_json.py: the
 * converted JSON, read by the JSON reader, must be the same problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"
#include "testlib.h"
#include "testfile.h"
#include "testproblem.h"

#define DATA FIELDPLAN_TEST_DATA
#define SHARED FIELDPLAN_SOURCE_DIR "/../shared"

/* The interpreter for the converter: the system's, as CI runs it, else PATH's. */
static const char *python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Checks that the Solomon problem s equals the converter's problem j (or
 * the same problem read another way): the same problem (testproblem.h),
 * named, without skills, one shift a vehicle and one window a customer. */
static bool same_problem(const model_problem *s, const model_problem *j, const char *label)
{
    int before = testlib_failures;
    CHECK(s->name && j->name);
    CHECK_EQ_INT(s->nskills, 0);
    CHECK_EQ_INT(j->nskills, 0);
    if (problems_equal(s, j)) {
        for (int t = 0; t < s->ntechnicians; t++)
            CHECK_EQ_INT(s->technicians[t].nshifts, 1);
        for (int k = 0; k < s->njobs; k++)
            CHECK_EQ_INT(s->jobs[k].nwindows, 1);
    }
    if (testlib_failures != before)
        fprintf(stderr, "%s: problems differ\n", label);
    return testlib_failures == before;
}

/* A reader of a problem's text: io_solomon_read_text or io_json_read_problem_text. */
typedef model_status (*problem_reader)(const char *text, size_t len, const char *name,
                                       model_problem **out, model_error *err);

/* Reads text with `read` (name: label), expecting the problem ref. */
static void check_reads_as(problem_reader read, const char *text, size_t len,
                           const model_problem *ref, const char *label)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = read(text, len, label, &p, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "%s: %s\n", label, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    if (p)
        same_problem(ref, p, label);
    model_problem_free(p);
}

/* Compares io_solomon_read_file(txt) with the converter's JSON file json. */
static void compare(const char *txt, const char *json)
{
    model_problem *s = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = io_solomon_read_file(txt, &s, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "%s: %s\n", txt, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    size_t len = 0;
    char *text = slurp(json, &len);
    CHECK(text && len > 0);
    if (s && text && len > 0)
        check_reads_as(io_json_read_problem_text, text, len, s, txt);
    free(text);
    model_problem_free(s);
}

static void test_matches_the_bundled_converted_instances(void)
{
    char *names[64];
    int n = list_files(DATA "/solomon", ".txt", names, 64);
    CHECK(n >= 1);
    for (int i = 0; i < n; i++) {
        char txt[1024], json[1024];
        snprintf(txt, sizeof txt, "%s/solomon/%s", DATA, names[i]);
        snprintf(json, sizeof json, "%.*s.json", (int)strlen(txt) - 4, txt);
        compare(txt, json);
        free(names[i]);
    }
}

/* Converts every instance with solomon_to_json.py in one Python process
 * (56 interpreter starts would take most of the test's time). */
static void test_matches_the_converter_on_all_56_instances(void)
{
    char *names[128];
    int n = list_files(SHARED "/data/solomon", ".txt", names, 128);
    if (n == 0)
        fprintf(stderr, "no Solomon instances in %s/data/solomon\n", SHARED);
    CHECK_EQ_INT(n, 56);
    char dir[] = "/tmp/fieldplan-solomon-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "%s -c 'import sys, glob, os; sys.path.insert(0, sys.argv[1]); "
             "import solomon_to_json as s\n"
             "for f in glob.glob(sys.argv[2] + \"/*.txt\"):\n"
             "    assert s.main([f, \"-o\", os.path.join(sys.argv[3], "
             "os.path.basename(f)[:-4] + \".json\")]) == 0' '%s/tools' '%s/data/solomon' '%s'",
             python(), SHARED, SHARED, dir);
    CHECK_EQ_INT(system(cmd), 0);
    for (int i = 0; i < n; i++) {
        char txt[1024], json[1024];
        snprintf(txt, sizeof txt, "%s/data/solomon/%s", SHARED, names[i]);
        snprintf(json, sizeof json, "%s/%.*s.json", dir, (int)strlen(names[i]) - 4, names[i]);
        compare(txt, json);
        remove(json);
        free(names[i]);
    }
    rmdir(dir);
}

static const char tiny[] =
    "TINY 1\n"
    "\n"
    "VEHICLE\n"
    "NUMBER     CAPACITY\n"
    "  3         50\n"
    "\n"
    "CUSTOMER\n"
    "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n"
    "\n"
    "    0      0         0          0          0       1000          0\n"
    "    1      3         4         10         60        120         15\n"
    "    2      1         1          5          0        600         10\n";

/* tiny with every "\n" replaced by eol. */
static char *with_eol(const char *eol)
{
    char *out = malloc(sizeof tiny * 2 + 1), *o = out;
    for (const char *c = tiny; *c; c++) {
        if (*c == '\n') {
            strcpy(o, eol);
            o += strlen(eol);
        } else {
            *o++ = *c;
        }
    }
    *o = '\0';
    return out;
}

static void test_maps_an_instance_as_the_converter_does(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_text(tiny, sizeof tiny - 1, "tiny.txt", &p, &err), MODEL_OK);
    if (!p)
        return;
    CHECK(strcmp(p->name, "TINY 1") == 0);
    CHECK(strcmp(model_tz_name(p->tz), "UTC") == 0);
    CHECK_EQ_INT(p->nlocations, 3);
    CHECK(strcmp(p->locations[2].id, "2") == 0);
    CHECK_EQ_INT(model_travel_duration(p, 0, 1), 300); /* 6 * floor(10 * 5) */
    CHECK_EQ_INT(model_travel_duration(p, 0, 2), 84);  /* 6 * floor(14.142...) */
    CHECK_EQ_INT(model_travel_distance(p, 2, 0), 84);
    CHECK_EQ_INT(model_travel_duration(p, 1, 2), 216); /* 6 * floor(36.05...) */
    CHECK_EQ_INT(p->ntechnicians, 3);
    CHECK(strcmp(p->technicians[2].id, "v3") == 0);
    int64_t base;
    CHECK_EQ_INT(model_time_parse("2026-01-05T00:00:00Z", NULL, &base, NULL), MODEL_OK);
    for (int t = 0; t < 3; t++) {
        const model_technician *v = &p->technicians[t];
        CHECK(v->capacity == 50);
        CHECK_EQ_INT(v->start_location, 0);
        CHECK_EQ_INT(v->end_location, 0);
        CHECK_EQ_INT(v->nshifts, 1);
        CHECK_EQ_INT(v->shifts[0].start, base);
        CHECK_EQ_INT(v->shifts[0].end, base + 1000 * 60);
        CHECK_EQ_INT(v->shifts[0].nbreaks, 0);
    }
    CHECK_EQ_INT(p->njobs, 2);
    CHECK(strcmp(p->jobs[0].id, "1") == 0);
    CHECK_EQ_INT(p->jobs[0].location, 1);
    CHECK_EQ_INT(p->jobs[0].duration, 15 * 60);
    CHECK(p->jobs[0].load == 10);
    CHECK_EQ_INT(p->jobs[0].windows[0].start, base + 60 * 60);
    CHECK_EQ_INT(p->jobs[0].windows[0].end, base + 120 * 60);
    model_problem_free(p);
}

static void test_accepts_crlf_cr_and_blank_lines(void)
{
    model_problem *ref = NULL;
    CHECK_EQ_INT(io_solomon_read_text(tiny, sizeof tiny - 1, "lf", &ref, NULL), MODEL_OK);
    const char *eols[] = {"\r\n", "\r", "\n\n", " \r\n \t\r\n"};
    for (int k = 0; k < 4 && ref; k++) {
        char *text = with_eol(eols[k]);
        check_reads_as(io_solomon_read_text, text, strlen(text), ref, "eol");
        free(text);
    }
    model_problem_free(ref);
}

/* tiny with the first occurrence of `from` replaced by `to`; expects an
 * error containing `want`. */
static void expect_error(const char *from, const char *to, model_status code, const char *want)
{
    char text[2048];
    const char *at = strstr(tiny, from);
    CHECK(at != NULL);
    if (!at)
        return;
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - tiny), tiny, to, at + strlen(from));
    model_problem *p = (model_problem *)1;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_text(text, strlen(text), "bad.txt", &p, &err), code);
    CHECK(p == NULL);
    CHECK_STR_CONTAINS(err.msg, want);
}

static void test_names_file_and_line_in_errors(void)
{
    /* tiny with `from` replaced by `to`: the status and the message */
    static const struct {
        const char *from, *to;
        model_status code;
        const char *want;
    } cases[] = {
        {"  3         50", "  x3        50", MODEL_ERR_INPUT, "bad.txt:5: 'x3' is not a number"},
        {"  3         50", "  3.5       50", MODEL_ERR_INPUT,
         "bad.txt:5: '3.5' is not a whole number"},
        {"  3         50", "  0         50", MODEL_ERR_INPUT,
         "bad.txt: no VEHICLE section with NUMBER > 0 and CAPACITY >= 0"},
        {"  3         50", "  3        -50", MODEL_ERR_INPUT, "bad.txt: no VEHICLE section"},
        {"  3         50", "  30000     50", MODEL_ERR_LIMIT,
         "bad.txt:5: more than 20000 vehicles"},
        {"    1      3         4         10         60        120         15",
         "    1      3         4         10         60        120", MODEL_ERR_INPUT,
         "bad.txt:11: expected 7 columns"},
        {"    2      1", "    3      1", MODEL_ERR_INPUT, "bad.txt:12: customer 3, expected 2"},
        {"60        120", "60         59", MODEL_ERR_INPUT,
         "bad.txt:11: customer 1: DUE DATE is before READY TIME"},
        {"120         15", "120          0", MODEL_ERR_INPUT,
         "bad.txt:11: customer 1: SERVICE TIME must be > 0"},
        {"4         10", "4        -10", MODEL_ERR_INPUT,
         "bad.txt:11: customer 1: DEMAND must be >= 0"},
        {"    1      3", "    1    nan", MODEL_ERR_INPUT,
         "bad.txt:11: 'nan' is not a whole number"},
        {"    1      3", "    1   0x10", MODEL_ERR_INPUT, "bad.txt:11: '0x10' is not a number"},
        {"    1      3", "    1   3e12", MODEL_ERR_LIMIT, "longer than MODEL_MAX_TRAVEL_S"},
        {"60        120", "60       2e12", MODEL_ERR_LIMIT, "bad.txt:11: '2e12' is out of range"},
        {"CUSTOMER\n", "CUSTOMERS\n", MODEL_ERR_INPUT,
         "the CUSTOMER section needs the depot (0) and a customer"},
        {"TINY", "TI\xff", MODEL_ERR_INPUT, "bad.txt:1: invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].from, cases[i].to, cases[i].code, cases[i].want);
    /* Python's float(): underscores between digits, exponents, signs */
    model_problem *p = NULL;
    char text[2048];
    snprintf(text, sizeof text, "%s", tiny);
    char *at = strstr(text, "  3         50");
    memcpy(at, "  3      5_0e0", 14);
    CHECK_EQ_INT(io_solomon_read_text(text, strlen(text), "ok.txt", &p, NULL), MODEL_OK);
    CHECK(p && p->technicians[0].capacity == 50);
    model_problem_free(p);
}

static void test_reports_a_missing_file_as_io_error(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_file(DATA "/solomon/nope.txt", &p, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "nope.txt: cannot read: No such file or directory");
    CHECK(p == NULL);
}

static void test_round_trips_through_json(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_file(DATA "/solomon/c101.txt", &p, &err), MODEL_OK);
    if (!p)
        return;
    char *text = io_json_problem_to_string(p, &err);
    CHECK(text != NULL);
    if (text)
        check_reads_as(io_json_read_problem_text, text, strlen(text), p, "c101 round trip");
    model_problem_free(p);
    free(text);
}

TESTLIB_MAIN({"solomon__matches_the_bundled_converted_instances",
              test_matches_the_bundled_converted_instances},
             {"solomon__matches_the_converter_on_all_56_instances",
              test_matches_the_converter_on_all_56_instances},
             {"solomon__maps_an_instance_as_the_converter_does",
              test_maps_an_instance_as_the_converter_does},
             {"solomon__accepts_crlf_cr_and_blank_lines", test_accepts_crlf_cr_and_blank_lines},
             {"solomon__names_file_and_line_in_errors", test_names_file_and_line_in_errors},
             {"solomon__reports_a_missing_file_as_io_error",
              test_reports_a_missing_file_as_io_error},
             {"solomon__round_trips_through_json", test_round_trips_through_json})
