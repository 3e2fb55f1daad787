/* test_io_json_schedule.c - the schedule JSON writer and reader, and the
 * engine's checker (reader + model_check_schedule) against the oracle
 * ../shared/tools/verify_schedule.py on time spellings. The broken and valid
 * variants of tests/tools/break_schedule.py are compared by the end-to-end
 * test e2e_check_agrees_with_oracle (tests/tools/oracle_agreement.py). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/formats/file.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "model/check.h"
#include "model/schedule.h"
#include "testfile.h"
#include "testlib.h"

#define DATA FIELDPLAN_TEST_DATA "/check/"
#define ORACLE FIELDPLAN_SOURCE_DIR "/../shared/tools/verify_schedule.py"

/* The interpreter for the oracle: the system's, as CI runs it, else PATH's. */
static const char *python(void)
{
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

static const char *const bases[] = {"berlin_dst", "ny_dst", "capacity"};
#define NBASES 3

/* ---- small helpers ------------------------------------------------------- */

static char *path_of(const char *base, const char *kind)
{
    static char buf[4][PATH_MAX];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s%s_%s.json", DATA, base, kind);
    return buf[k];
}

static model_problem *load_problem(const char *base)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = io_json_read_problem_file(path_of(base, "problem"), &p, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "cannot read problem %s: %s\n", base, err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    return p;
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static char *make_tmpdir(void)
{
    static char tmpl[64];
    snprintf(tmpl, sizeof tmpl, "/tmp/fp-check-XXXXXX");
    return mkdtemp(tmpl);
}

/* ---- running the oracle ---------------------------------------------------- */

typedef struct lines {
    char **v;
    int n, cap;
} lines;

static void lines_add(lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = strdup(s);
}

static void lines_free(lines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the oracle on problem and schedule; fills out with its stdout lines;
 * returns its exit status (-1 when it could not be run). */
static int run_oracle(const char *problem, const char *schedule, lines *out)
{
    char cmd[3 * PATH_MAX];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s' '%s' 2>/dev/null", python(), ORACLE, problem, schedule);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        lines_add(out, line);
    }
    free(line);
    int status = pclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Our checker on a schedule file: -1 reader error (exit 2 for the CLI), 0 ok,
 * 1 violations (in out, or the "ok ..." line). */
static int run_ours(const model_problem *p, const char *schedule, lines *out)
{
    model_error err = MODEL_ERROR_INIT;
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = NULL;
    model_summary claimed;
    int has = 0;
    model_status st = io_json_read_schedule_file(p, schedule, &s, &claimed, &has, &rep, &err);
    if (st != MODEL_OK) {
        lines_add(out, err.msg);
        model_report_clear(&rep);
        return -1;
    }
    st = model_check_schedule(p, s, has ? &claimed : NULL, &rep, &err);
    CHECK_EQ_INT(st, MODEL_OK);
    int rc = rep.n ? 1 : 0;
    if (rep.n) {
        for (int i = 0; i < rep.n; i++)
            lines_add(out, rep.items[i]);
    } else {
        char buf[256];
        const model_summary *t = &rep.totals;
        snprintf(buf, sizeof buf,
                 "ok assigned=%d unassigned=%d unassigned_weight=%lld travel_s=%lld "
                 "distance_m=%lld routes=%d",
                 t->assigned, t->unassigned, (long long)t->unassigned_weight,
                 (long long)t->travel_s, (long long)t->distance_m, t->routes);
        lines_add(out, buf);
    }
    model_report_clear(&rep);
    model_schedule_free(s);
    return rc;
}

/* The one wording that differs on purpose: the checker gets a claimed value
 * that is not an integer as a sentinel, not as the text the file had, and
 * says "summary: KEY is missing or not an integer, recomputed N" where the
 * oracle prints the value ("summary: KEY is 9850.0, recomputed N"). */
static void normalize_oracle_line(char **line)
{
    const char *s = *line, *is = strstr(s, " is "), *rec = strstr(s, ", recomputed ");
    if (strncmp(s, "summary: ", 9) != 0 || !is || !rec || rec < is)
        return;
    const char *v = is + 4;
    if (*v == '-')
        v++;
    bool integer = v < rec;
    for (; v < rec; v++)
        integer &= *v >= '0' && *v <= '9';
    if (integer)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s is missing or not an integer%s", (int)(is - s), s, rec);
    free(*line);
    *line = strdup(buf);
}

/* Runs both checkers on one schedule file and checks that they agree on
 * valid/invalid and print the same lines. Returns the oracle's status. */
static int agree(const model_problem *p, const char *problem_path, const char *schedule_path,
                 const char *label)
{
    lines want = {0}, got = {0};
    int rc_oracle = run_oracle(problem_path, schedule_path, &want);
    int rc_ours = run_ours(p, schedule_path, &got);
    CHECK(rc_oracle == 0 || rc_oracle == 1);
    for (int i = 0; i < want.n; i++)
        normalize_oracle_line(&want.v[i]);
    bool same = rc_oracle == rc_ours && want.n == got.n;
    qsort(want.v, (size_t)want.n, sizeof *want.v, cmp_str);
    qsort(got.v, (size_t)got.n, sizeof *got.v, cmp_str);
    for (int i = 0; same && i < want.n; i++)
        same = strcmp(want.v[i], got.v[i]) == 0;
    if (!same) {
        fprintf(stderr, "--- %s: oracle exit %d, ours %d\n", label, rc_oracle, rc_ours);
        for (int i = 0; i < want.n; i++)
            fprintf(stderr, "  oracle: %s\n", want.v[i]);
        for (int i = 0; i < got.n; i++)
            fprintf(stderr, "  ours:   %s\n", got.v[i]);
    }
    CHECK(same);
    lines_free(&want);
    lines_free(&got);
    return rc_oracle;
}

/* ---- tests ------------------------------------------------------------------- */

/* The schedule of test case `name` read against p (its violations in
 * *rep); NULL after counting a failure. */
static model_schedule *read_case_schedule(const model_problem *p, const char *name,
                                          model_report *rep)
{
    model_error err = MODEL_ERROR_INIT;
    model_schedule *s = NULL;
    CHECK_EQ_INT(io_json_read_schedule_file(p, path_of(name, "schedule"), &s, NULL, NULL, rep,
                                            &err),
                 MODEL_OK);
    return s;
}

/* Case `name`: its problem into *p (NULL, a failure counted, when it does
 * not read) and its schedule, read with findings into rep. */
static model_schedule *load_case(const char *name, model_problem **p, model_report *rep)
{
    *p = load_problem(name);
    return *p ? read_case_schedule(*p, name, rep) : NULL;
}

static void test_json__reads_the_hand_written_schedules_without_violations(void)
{
    for (int b = 0; b < NBASES; b++) {
        model_problem *p = load_problem(bases[b]);
        if (!p)
            continue;
        lines got = {0};
        CHECK_EQ_INT(run_ours(p, path_of(bases[b], "schedule"), &got), 0);
        if (got.n)
            CHECK_STR_CONTAINS(got.v[0], "ok assigned=");
        lines_free(&got);
        model_problem_free(p);
    }
}

static bool same_schedule(const model_schedule *a, const model_schedule *b)
{
    if (a->nroutes != b->nroutes || a->nunassigned != b->nunassigned)
        return false;
    if ((a->problem_name == NULL) != (b->problem_name == NULL) ||
        (a->problem_name && strcmp(a->problem_name, b->problem_name) != 0))
        return false;
    for (int r = 0; r < a->nroutes; r++) {
        const model_route *x = &a->routes[r], *y = &b->routes[r];
        if (x->technician != y->technician || x->shift != y->shift || x->nstops != y->nstops)
            return false;
        for (int k = 0; k < x->nstops; k++) {
            const model_stop *s = &x->stops[k], *t = &y->stops[k];
            if (s->kind != t->kind || s->job != t->job || s->location != t->location ||
                s->arrival != t->arrival || s->start != t->start || s->end != t->end)
                return false;
        }
    }
    for (int u = 0; u < a->nunassigned; u++)
        if (a->unassigned[u].job != b->unassigned[u].job ||
            strcmp(a->unassigned[u].reason, b->unassigned[u].reason) != 0)
            return false;
    return true;
}

static void test_json__round_trips_every_hand_written_schedule(void)
{
    for (int b = 0; b < NBASES; b++) {
        model_problem *p = load_problem(bases[b]);
        if (!p)
            continue;
        model_error err = MODEL_ERROR_INIT;
        model_report rep = MODEL_REPORT_INIT;
        model_schedule *s = NULL, *s2 = NULL;
        model_summary claimed, claimed2;
        int has = 0, has2 = 0;
        CHECK_EQ_INT(io_json_read_schedule_file(p, path_of(bases[b], "schedule"), &s, &claimed,
                                                &has, &rep, &err),
                     MODEL_OK);
        CHECK_EQ_INT(rep.n, 0);
        char *text = s ? io_json_schedule_to_string(p, s, &err) : NULL;
        CHECK(text != NULL);
        if (text) {
            CHECK_EQ_INT(io_json_read_schedule_text(p, text, strlen(text), "round.json", &s2,
                                                    &claimed2, &has2, &rep, &err),
                         MODEL_OK);
            CHECK_EQ_INT(rep.n, 0);
            CHECK_EQ_INT(has2, 1);
            CHECK(s2 && same_schedule(s, s2));
            /* the written summary is the recomputed one, and it checks clean */
            CHECK_EQ_INT(model_check_schedule(p, s2, &claimed2, &rep, &err), MODEL_OK);
            CHECK_EQ_INT(rep.n, 0);
            CHECK_EQ_INT(claimed2.travel_s, claimed.travel_s);
            CHECK_EQ_INT(claimed2.distance_m, claimed.distance_m);
            CHECK_EQ_INT(claimed2.unassigned_weight, claimed.unassigned_weight);
            /* deterministic: writing the re-read schedule gives the same text */
            char *again = s2 ? io_json_schedule_to_string(p, s2, &err) : NULL;
            CHECK(again && strcmp(text, again) == 0);
            free(again);
            CHECK_STR_CONTAINS(text, "\"arrival\": \"");
            CHECK_STR_CONTAINS(text, "{\"type\": \"end\", \"location\": \"");
            CHECK_STR_CONTAINS(text, "\n  \"summary\": {\"assigned\": ");
        }
        free(text);
        model_report_clear(&rep);
        model_schedule_free(s);
        model_schedule_free(s2);
        model_problem_free(p);
    }
}

static void test_json__writes_each_time_with_the_zone_offset_of_its_instant(void)
{
    model_problem *p;
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = load_case("berlin_dst", &p, &rep);
    if (!p)
        return;
    model_error err = MODEL_ERROR_INIT;
    char *text = s ? io_json_schedule_to_string(p, s, &err) : NULL;
    CHECK(text != NULL);
    if (text) {
        /* the night shift starts in summer time and ends in winter time */
        CHECK_STR_CONTAINS(text, "\"time\": \"2026-10-25T00:00:00+02:00\"");
        CHECK_STR_CONTAINS(text, "\"start\": \"2026-10-25T03:00:00+01:00\"");
        CHECK_STR_CONTAINS(text, "\"reason\": \"no technician has skill 'roofing'\"");
    }
    free(text);
    model_schedule_free(s);
    model_report_clear(&rep);
    model_problem_free(p);
}

static void test_json__rejects_malformed_json_with_line_and_column(void)
{
    model_problem *p = load_problem("capacity");
    if (!p)
        return;
    model_error err = MODEL_ERROR_INIT;
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = NULL;
    const char *bad = "{\n  \"routes\": [\n    {\"technician\": \"t-a\",,}\n  ]\n}\n";
    CHECK_EQ_INT(io_json_read_schedule_text(p, bad, strlen(bad), "bad.json", &s, NULL, NULL, &rep,
                                            &err),
                 MODEL_ERR_INPUT);
    CHECK(s == NULL);
    CHECK_STR_CONTAINS(err.msg, "bad.json: line 3, column");
    CHECK_EQ_INT(rep.n, 0);
    const char *arr = "[1, 2]";
    CHECK_EQ_INT(io_json_read_schedule_text(p, arr, strlen(arr), "arr.json", &s, NULL, NULL, &rep,
                                            &err),
                 MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "arr.json: the top level is not a JSON object");
    CHECK_EQ_INT(io_json_read_schedule_file(p, "/nonexistent/s.json", &s, NULL, NULL, &rep, &err),
                 MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "/nonexistent/s.json: cannot read");
    model_report_clear(&rep);
    model_problem_free(p);
}

static void test_json__reports_unknown_ids_once_and_keeps_the_jobs_of_skipped_routes(void)
{
    model_problem *p = load_problem("capacity");
    if (!p)
        return;
    /* route 0: unknown technician, lists C-1 and an unknown job; C-2..C-7 elsewhere */
    const char *text =
        "{\"problem\": \"check-capacity\", \"routes\": ["
        " {\"technician\": \"t-zz\", \"shift\": 0, \"stops\": ["
        "  {\"type\": \"start\", \"time\": \"2026-03-02T08:00:00+00:00\"},"
        "  {\"type\": \"job\", \"job\": \"C-1\"}, {\"type\": \"job\", \"job\": \"C-99\"},"
        "  {\"type\": \"end\", \"time\": \"2026-03-02T09:00:00+00:00\"}]}],"
        " \"unassigned\": [{\"job\": \"C-2\", \"reason\": \"r\"}, {\"job\": \"C-3\", \"reason\": \"r\"},"
        "  {\"job\": \"C-4\", \"reason\": \"r\"}, {\"job\": \"C-5\", \"reason\": \"r\"},"
        "  {\"job\": \"C-6\", \"reason\": \"r\"}, {\"job\": \"C-7\", \"reason\": \"r\"},"
        "  {\"job\": \"C-0\"}],"
        " \"summary\": {\"assigned\": 1, \"unassigned\": 6, \"unassigned_weight\": 14,"
        "  \"travel_s\": 5, \"distance_m\": 0}}";
    model_error err = MODEL_ERROR_INIT;
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = NULL;
    model_summary claimed;
    int has = 0;
    CHECK_EQ_INT(io_json_read_schedule_text(p, text, strlen(text), "x.json", &s, &claimed, &has,
                                            &rep, &err),
                 MODEL_OK);
    CHECK_EQ_INT(model_check_schedule(p, s, has ? &claimed : NULL, &rep, &err), MODEL_OK);
    /* unknown job in the route, unknown technician, unknown job in unassigned;
     * C-1 counts as appearing (no "neither" message), travel is not compared */
    CHECK_EQ_INT(rep.n, 3);
    int unknown_tech = 0, unknown_job = 0, neither = 0;
    for (int i = 0; i < rep.n; i++) {
        unknown_tech += strstr(rep.items[i], "route 0 (t-zz, shift 0): unknown technician 't-zz'") != NULL;
        unknown_job += strstr(rep.items[i], "unknown job 'C-99'") != NULL ||
                       strstr(rep.items[i], "unassigned[6]: unknown job 'C-0'") != NULL;
        neither += strstr(rep.items[i], "neither") != NULL;
    }
    CHECK_EQ_INT(unknown_tech, 1);
    CHECK_EQ_INT(unknown_job, 2);
    CHECK_EQ_INT(neither, 0);
    CHECK_EQ_INT(rep.totals.assigned, 1);
    model_report_clear(&rep);
    model_schedule_free(s);
    model_problem_free(p);
}

static void test_json__write_file_is_atomic_and_reports_failures(void)
{
    model_problem *p;
    model_report rep = MODEL_REPORT_INIT;
    model_schedule *s = load_case("capacity", &p, &rep);
    if (!p)
        return;
    model_error err = MODEL_ERROR_INIT;
    char *dir = make_tmpdir();
    CHECK(dir != NULL);
    if (s && dir) {
        char out[PATH_MAX], sub[PATH_MAX];
        snprintf(out, sizeof out, "%s/out.json", dir);
        CHECK_EQ_INT(write_text(out, "old"), 0);
        CHECK_EQ_INT(io_json_write_schedule_file(p, s, out, &err), MODEL_OK);
        char *text = slurp(out, NULL), *expect = io_json_schedule_to_string(p, s, &err);
        CHECK(text && expect && strcmp(text, expect) == 0);
        free(text);
        free(expect);
        /* a directory in the way: the rename fails, nothing is left behind */
        snprintf(sub, sizeof sub, "%s/taken", dir);
        CHECK_EQ_INT(mkdir(sub, 0755), 0);
        CHECK_EQ_INT(io_json_write_schedule_file(p, s, sub, &err), MODEL_ERR_IO);
        CHECK_STR_CONTAINS(err.msg, "taken: cannot write: ");
        rmdir(sub);
        int entries = 0;
        DIR *d = opendir(dir);
        for (struct dirent *e; d && (e = readdir(d));)
            entries += e->d_name[0] != '.';
        if (d)
            closedir(d);
        CHECK_EQ_INT(entries, 1); /* only out.json */
        /* a missing directory */
        snprintf(sub, sizeof sub, "%s/no/such/dir/out.json", dir);
        CHECK_EQ_INT(io_json_write_schedule_file(p, s, sub, &err), MODEL_ERR_IO);
        CHECK_STR_CONTAINS(err.msg, "out.json: cannot write: No such file or directory");
        /* an index out of range is refused, not written */
        s->routes[0].stops[1].job = 999;
        CHECK(io_json_schedule_to_string(p, s, &err) == NULL);
        CHECK_EQ_INT(err.code, MODEL_ERR_INPUT);
        CHECK_STR_CONTAINS(err.msg, "route 0: stops[1]: job out of range");
        CHECK_EQ_INT(io_json_write_schedule_file(p, s, out, &err), MODEL_ERR_INPUT);
        text = slurp(out, NULL);
        CHECK(text && strstr(text, "\"problem\": \"check-capacity\""));
        free(text);
    }
    if (dir)
        remove_flat_dir(dir);
    model_report_clear(&rep);
    model_schedule_free(s);
    model_problem_free(p);
}

/* Time spellings: Python's datetime.fromisoformat decides what the oracle
 * accepts; the reader must decide the same (and report the same). */
static void test_check__agrees_with_the_oracle_on_time_spellings(void)
{
    static const char *const times[] = {
        "2026-10-24T08:00:00+02:00", "2026-10-24T08:00+02:00", "2026-10-24T08+02:00",
        "2026-10-24T0800+02:00", "2026-10-24T080000+0200", "20261024T080000+02:00",
        "2026-10-24 08:00:00+02:00", "2026-10-24x08:00:00+02:00", "2026-10-24t08:00:00+02:00",
        "2026-10-24T06:00:00Z", "2026-10-24T06:00:00+00:00", "2026-10-24T08:00:00+02",
        "2026-10-24T08:00:00+0200", "2026-10-24T08:00:00+02:00:00",
        "2026-10-24T08:00:00+02:00:00.000000", "2026-10-24T08:00:00.000000+02:00",
        "2026-10-24T08:00:00,000+02:00", "2026-10-24T08:00:00.0000001+02:00",
        "2026-10-24T08:00:00.5+02:00", "2026-10-24T08:00:00.000001+02:00", "2026-W43-6T08:00:00+02:00",
        "2026W436T080000+0200", "2026-W43T08:00:00+02:00", "2026-10-24", "2026-10-24T08:00:00",
        "2026-10-24T24:00:00+02:00", "2026-10-24T08:60:00+02:00", "2026-13-24T08:00:00+02:00",
        "0000-10-24T08:00:00+02:00", "2026-10-24T08:00:00+24:00", "2026-10-24T08:00:00+23:59",
        "2026-10-24T08:00:00-02:00", "2026-10-24T08:00:00+02:00 ", " 2026-10-24T08:00:00+02:00",
        "2026-10-24T08:00:00+01:60", "2026-10-24T08:00:00+0:00", "2026-10-24T08:00:00+02:00Z",
        "2026-10-24T08:00:00+02:0", "", "2026-10-24\xc3\xa9" "08:00:00+02:00",
        "2026-10-24T08:00:00.+02:00", "2026-10-24T8:00:00+02:00", "2026-10-24T08:0:00+02:00",
        "2026-10-24T08:00:00-00:00", "2026-10-24T08:00:00+02:00:00.5", "2026-10-24T08:00:00.5Z",
        "2026-10-24T07:00:00+01:00", "2026-10-24T08:00:00Z", "2026-02-29T08:00:00+01:00",
        "2026-10-24T08:00:00+02:00\xc3\xa9", "2026-10-24T08:00:00++02:00", "2026-10-24T08:00:00+2:00",
        "2026-10-24T08:00:00 +02:00", "2026-10-24T08:00:00.1234567890+02:00", "not a time",
        "2026-10-24T08:00:00+02:00:60", "2026-1024T08:00:00+02:00", "2026-10-2408:00:00+02:00"};
    const char *anchor = "\"2026-10-24T08:00:00+02:00\""; /* t-ben's first departure */
    model_problem *p = load_problem("berlin_dst");
    char *dir = make_tmpdir();
    size_t len;
    char *base = slurp(path_of("berlin_dst", "schedule"), &len);
    CHECK(p && dir && base && strstr(base, anchor));
    for (size_t i = 0; p && dir && base && i < sizeof times / sizeof times[0]; i++) {
        char *at = strstr(base, anchor);
        size_t head = (size_t)(at - base), tail = strlen(at + strlen(anchor));
        char *text = malloc(len + strlen(times[i]) + 8);
        memcpy(text, base, head);
        sprintf(text + head, "\"%s\"%s", times[i], at + strlen(anchor));
        (void)tail;
        char path[PATH_MAX], label[128];
        snprintf(path, sizeof path, "%s/time%02zu.json", dir, i);
        snprintf(label, sizeof label, "time '%s'", times[i]);
        CHECK_EQ_INT(write_text(path, text), 0);
        agree(p, path_of("berlin_dst", "problem"), path, label);
        unlink(path);
        free(text);
    }
    free(base);
    if (dir)
        remove_flat_dir(dir);
    model_problem_free(p);
}

TESTLIB_MAIN({"reads_hand_written", test_json__reads_the_hand_written_schedules_without_violations},
             {"round_trips", test_json__round_trips_every_hand_written_schedule},
             {"zone_offsets", test_json__writes_each_time_with_the_zone_offset_of_its_instant},
             {"malformed", test_json__rejects_malformed_json_with_line_and_column},
             {"unknown_ids", test_json__reports_unknown_ids_once_and_keeps_the_jobs_of_skipped_routes},
             {"atomic_write", test_json__write_file_is_atomic_and_reports_failures},
             {"oracle_times", test_check__agrees_with_the_oracle_on_time_spellings})
