/* test_io_solomon.c - the Solomon reader against solomon_to_json.py: the
 * converted JSON, read by the JSON reader, must be the same problem. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"
#include "testlib.h"

#define DATA FIELDPLAN_TEST_DATA
#define SHARED FIELDPLAN_SOURCE_DIR "/../shared"

/* The interpreter for the converter: the system's, as CI runs it, else PATH's. */
static const char *python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Checks that the Solomon problem s equals the converter's problem j. */
static bool same_problem(const model_problem *s, const model_problem *j, const char *label)
{
    int before = testlib_failures;
    CHECK(s->name && j->name && strcmp(s->name, j->name) == 0);
    CHECK(strcmp(model_tz_name(s->tz), model_tz_name(j->tz)) == 0);
    CHECK_EQ_INT(s->nlocations, j->nlocations);
    CHECK_EQ_INT(s->ntechnicians, j->ntechnicians);
    CHECK_EQ_INT(s->njobs, j->njobs);
    CHECK_EQ_INT(s->nskills, 0);
    if (testlib_failures != before) {
        fprintf(stderr, "%s: sizes differ\n", label);
        return false;
    }
    for (int a = 0; a < s->nlocations; a++) {
        CHECK(strcmp(s->locations[a].id, j->locations[a].id) == 0);
        for (int b = 0; b < s->nlocations; b++) {
            CHECK_EQ_INT(model_travel_duration(s, a, b), model_travel_duration(j, a, b));
            CHECK_EQ_INT(model_travel_distance(s, a, b), model_travel_distance(j, a, b));
        }
    }
    for (int t = 0; t < s->ntechnicians; t++) {
        const model_technician *x = &s->technicians[t], *y = &j->technicians[t];
        CHECK(strcmp(x->id, y->id) == 0);
        CHECK(x->capacity == y->capacity);
        CHECK_EQ_INT(x->start_location, y->start_location);
        CHECK_EQ_INT(x->end_location, y->end_location);
        CHECK_EQ_INT(x->max_jobs, y->max_jobs);
        CHECK_EQ_INT(x->nshifts, 1);
        CHECK_EQ_INT(y->nshifts, 1);
        if (x->nshifts == 1 && y->nshifts == 1) {
            CHECK_EQ_INT(x->shifts[0].start, y->shifts[0].start);
            CHECK_EQ_INT(x->shifts[0].end, y->shifts[0].end);
            CHECK_EQ_INT(x->shifts[0].nbreaks, y->shifts[0].nbreaks);
        }
    }
    for (int k = 0; k < s->njobs; k++) {
        const model_job *x = &s->jobs[k], *y = &j->jobs[k];
        CHECK(strcmp(x->id, y->id) == 0);
        CHECK_EQ_INT(x->location, y->location);
        CHECK_EQ_INT(x->duration, y->duration);
        CHECK(x->load == y->load);
        CHECK_EQ_INT(x->priority, y->priority);
        CHECK_EQ_INT(x->nwindows, 1);
        CHECK_EQ_INT(y->nwindows, 1);
        if (x->nwindows == 1 && y->nwindows == 1) {
            CHECK_EQ_INT(x->windows[0].start, y->windows[0].start);
            CHECK_EQ_INT(x->windows[0].end, y->windows[0].end);
        }
        CHECK(x->release == y->release && x->deadline == y->deadline);
        CHECK(x->pinned == y->pinned && x->has_allowed == y->has_allowed);
    }
    if (testlib_failures != before)
        fprintf(stderr, "%s: problems differ\n", label);
    return testlib_failures == before;
}

/* Compares io_solomon_read_file(txt) with the JSON text json_text. */
static void compare(const char *txt, const char *json_text, size_t json_len)
{
    model_problem *s = NULL, *j = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = io_solomon_read_file(txt, &s, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "%s: %s\n", txt, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    st = io_json_read_problem_text(json_text, json_len, txt, &j, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "%s (converted): %s\n", txt, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    if (s && j)
        same_problem(s, j, txt);
    model_problem_free(s);
    model_problem_free(j);
}

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    *len = n;
    return buf;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .txt files in dir, sorted; returns how many (at most max). */
static int list_txt(const char *dir, char **names, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    return n;
}

static void test_matches_the_bundled_converted_instances(void)
{
    char *names[64];
    int n = list_txt(DATA "/solomon", names, 64);
    CHECK(n >= 1);
    for (int i = 0; i < n; i++) {
        char txt[1024], json[1024];
        snprintf(txt, sizeof txt, "%s/solomon/%s", DATA, names[i]);
        snprintf(json, sizeof json, "%.*s.json", (int)strlen(txt) - 4, txt);
        FILE *f = fopen(json, "rb");
        CHECK(f != NULL);
        if (f) {
            size_t len = 0;
            char *text = read_stream(f, &len);
            fclose(f);
            compare(txt, text, len);
            free(text);
        }
        free(names[i]);
    }
}

/* Converts every instance with solomon_to_json.py in one Python process
 * (56 interpreter starts would take most of the test's time). */
static void test_matches_the_converter_on_all_56_instances(void)
{
    char *names[128];
    int n = list_txt(SHARED "/data/solomon", names, 128);
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
        FILE *f = fopen(json, "rb");
        CHECK(f != NULL);
        if (f) {
            size_t len = 0;
            char *text = read_stream(f, &len);
            fclose(f);
            CHECK(text && len > 0);
            if (text && len > 0)
                compare(txt, text, len);
            free(text);
        }
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
        model_problem *p = NULL;
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(io_solomon_read_text(text, strlen(text), "eol", &p, &err), MODEL_OK);
        if (p)
            same_problem(p, ref, "eol");
        model_problem_free(p);
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
    expect_error("  3         50", "  x3        50", MODEL_ERR_INPUT,
                 "bad.txt:5: 'x3' is not a number");
    expect_error("  3         50", "  3.5       50", MODEL_ERR_INPUT,
                 "bad.txt:5: '3.5' is not a whole number");
    expect_error("  3         50", "  0         50", MODEL_ERR_INPUT,
                 "bad.txt: no VEHICLE section with NUMBER > 0 and CAPACITY >= 0");
    expect_error("  3         50", "  3        -50", MODEL_ERR_INPUT,
                 "bad.txt: no VEHICLE section");
    expect_error("  3         50", "  30000     50", MODEL_ERR_LIMIT,
                 "bad.txt:5: more than 20000 vehicles");
    expect_error("    1      3         4         10         60        120         15",
                 "    1      3         4         10         60        120", MODEL_ERR_INPUT,
                 "bad.txt:11: expected 7 columns");
    expect_error("    2      1", "    3      1", MODEL_ERR_INPUT,
                 "bad.txt:12: customer 3, expected 2");
    expect_error("60        120", "60         59", MODEL_ERR_INPUT,
                 "bad.txt:11: customer 1: DUE DATE is before READY TIME");
    expect_error("120         15", "120          0", MODEL_ERR_INPUT,
                 "bad.txt:11: customer 1: SERVICE TIME must be > 0");
    expect_error("4         10", "4        -10", MODEL_ERR_INPUT,
                 "bad.txt:11: customer 1: DEMAND must be >= 0");
    expect_error("    1      3", "    1    nan", MODEL_ERR_INPUT,
                 "bad.txt:11: 'nan' is not a whole number");
    expect_error("    1      3", "    1   0x10", MODEL_ERR_INPUT,
                 "bad.txt:11: '0x10' is not a number");
    expect_error("    1      3", "    1   3e12", MODEL_ERR_LIMIT, "longer than MODEL_MAX_TRAVEL_S");
    expect_error("60        120", "60       2e12", MODEL_ERR_LIMIT,
                 "bad.txt:11: '2e12' is out of range");
    expect_error("CUSTOMER\n", "CUSTOMERS\n", MODEL_ERR_INPUT,
                 "the CUSTOMER section needs the depot (0) and a customer");
    expect_error("TINY", "TI\xff", MODEL_ERR_INPUT, "bad.txt:1: invalid UTF-8");
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
    model_problem *q = NULL;
    if (text)
        CHECK_EQ_INT(io_json_read_problem_text(text, strlen(text), "c101", &q, &err), MODEL_OK);
    if (q)
        same_problem(p, q, "c101 round trip");
    model_problem_free(q);
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
