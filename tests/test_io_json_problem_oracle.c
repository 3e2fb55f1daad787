/* test_io_json_problem_oracle.c - the JSON problem reader reads every
 * problem (examples, tests/data/good) and every documented time spelling as
 * the oracle's reader does, compared line by line with
 * tests/tools/dump_problem.py. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/file.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_out.h"
#include "testfile.h"
#include "testlib.h"

#define DATA FIELDPLAN_TEST_DATA

static int cmp_break(const void *a, const void *b)
{
    const model_break *x = a, *y = b;
    if (x->earliest != y->earliest)
        return x->earliest < y->earliest ? -1 : 1;
    if (x->latest != y->latest)
        return x->latest < y->latest ? -1 : 1;
    return (x->duration > y->duration) - (x->duration < y->duration);
}

static int cmp_window(const void *a, const void *b)
{
    const model_window *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* The first n (at most max) items of src, each `size` bytes, copied to dst
 * and sorted by cmp; returns how many. */
static int sorted_copy(void *dst, const void *src, int n, int max, size_t size,
                       int (*cmp)(const void *, const void *))
{
    int m = n < max ? n : max;
    if (m > 0) {
        memcpy(dst, src, (size_t)m * size);
        qsort(dst, (size_t)m, size, cmp);
    }
    return m;
}

/* p in the line format of tests/tools/dump_problem.py (caller frees). */
static char *dump_problem(const model_problem *p)
{
    io_json_out o = IO_JSON_OUT_INIT;
    for (int t = 0; t < p->ntechnicians; t++) {
        const model_technician *tech = &p->technicians[t];
        for (int k = 0; k < tech->nshifts; k++) {
            const model_shift *sh = &tech->shifts[k];
            io_json_out_printf(&o, "S %s %d %lld %lld\n", tech->id, k, (long long)sh->start,
                               (long long)sh->end);
            model_break b[MODEL_MAX_BREAKS_PER_SHIFT];
            int nb = sorted_copy(b, sh->breaks, sh->nbreaks, MODEL_MAX_BREAKS_PER_SHIFT,
                                 sizeof *b, cmp_break);
            for (int q = 0; q < nb; q++)
                io_json_out_printf(&o, "B %s %d %lld %lld %lld\n", tech->id, k,
                                   (long long)b[q].earliest, (long long)b[q].latest,
                                   (long long)b[q].duration);
        }
    }
    for (int j = 0; j < p->njobs; j++) {
        const model_job *job = &p->jobs[j];
        io_json_out_printf(&o, "J %s %lld %d", job->id, (long long)job->duration, job->priority);
        if (job->release != MODEL_TIME_MIN)
            io_json_out_printf(&o, " r%lld", (long long)job->release);
        if (job->deadline != MODEL_TIME_MAX)
            io_json_out_printf(&o, " d%lld", (long long)job->deadline);
        io_json_out_raw(&o, "\n");
        model_window w[MODEL_MAX_WINDOWS_PER_JOB];
        int nw = sorted_copy(w, job->windows, job->nwindows, MODEL_MAX_WINDOWS_PER_JOB, sizeof *w,
                             cmp_window);
        for (int k = 0; k < nw; k++)
            io_json_out_printf(&o, "W %s %lld %lld\n", job->id, (long long)w[k].start,
                               (long long)w[k].end);
    }
    for (int a = 0; a < p->nlocations; a++)
        for (int b = 0; b < p->nlocations; b++)
            io_json_out_printf(&o, "T %d %d %d %d\n", a, b, (int)model_travel_duration(p, a, b),
                               (int)model_travel_distance(p, a, b));
    model_error err = MODEL_ERROR_INIT;
    return io_json_out_finish(&o, &err);
}

/* Appends the .json files of dir whose names end in suffix to paths. */
static int add_files(const char *dir, const char *suffix, char **paths, int n, int max)
{
    char *names[256];
    int m = list_files(dir, suffix, names, 256);
    for (int i = 0; i < m; i++) {
        if (n < max) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            paths[n++] = strdup(path);
        }
        free(names[i]);
    }
    return n;
}

/* Every good problem in the tree (tests/data/good, check, e2e, a converted
 * Solomon instance, examples) reads to the same instants, durations,
 * priorities and travel as verify_schedule.py's own Problem class reads
 * (through tests/tools/dump_problem.py): time zones and DST, defaults, the
 * haversine formula. The oracle refuses only haversine_defaults.json
 * (speed_kmh absent: FORMAT.md's default 30, which the oracle requires). */
static void test_reads_every_problem_as_the_oracle_does(void)
{
    char *paths[256];
    int n = 0;
    n = add_files(DATA "/good", ".json", paths, n, 256);
    n = add_files(DATA "/check", "_problem.json", paths, n, 256);
    n = add_files(DATA "/e2e", ".json", paths, n, 256);
    n = add_files(FIELDPLAN_SOURCE_DIR "/examples", ".json", paths, n, 256);
    if (n < 256)
        paths[n++] = strdup(DATA "/solomon/c101.json");
    CHECK(n >= 30);
    char dir[] = "/tmp/fieldplan-dump-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    size_t cap = 4096;
    for (int i = 0; i < n; i++)
        cap += strlen(paths[i]) + 3;
    char *cmd = malloc(cap);
    int at = snprintf(cmd, cap, "%s '%s/tests/tools/dump_problem.py' '%s/../shared/tools' '%s'",
                      access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3",
                      FIELDPLAN_SOURCE_DIR, FIELDPLAN_SOURCE_DIR, dir);
    for (int i = 0; i < n; i++)
        at += snprintf(cmd + at, cap - (size_t)at, " '%s'", paths[i]);
    CHECK_EQ_INT(system(cmd), 0);
    free(cmd);
    int compared = 0;
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(paths[i], '/') + 1;
        char want_path[1024];
        snprintf(want_path, sizeof want_path, "%s/%.*s.txt", dir, (int)strlen(base) - 5, base);
        size_t len = 0;
        char *want = slurp(want_path, &len);
        CHECK(want != NULL);
        model_problem *p = NULL;
        model_error err = MODEL_ERROR_INIT;
        model_status st = io_json_read_problem_file(paths[i], &p, &err);
        if (want && strncmp(want, "REJ ", 4) == 0) {
            if (!strstr(base, "haversine_defaults")) {
                fprintf(stderr, "%s: the oracle refuses it: %s", paths[i], want + 4);
                CHECK(strstr(base, "haversine_defaults") != NULL);
            }
        } else if (want) {
            if (st != MODEL_OK)
                fprintf(stderr, "%s: %s\n", paths[i], err.msg);
            CHECK_EQ_INT(st, MODEL_OK);
            char *got = p ? dump_problem(p) : NULL;
            CHECK(got != NULL);
            if (got && strcmp(got, want) != 0) {
                size_t k = 0;
                while (got[k] && got[k] == want[k])
                    k++;
                while (k > 0 && got[k - 1] != '\n')
                    k--;
                fprintf(stderr, "%s: differs from the oracle's reading at\n  ours:   %.80s\n"
                                "  oracle: %.80s\n",
                        paths[i], got + k, want + k);
                CHECK(strcmp(got, want) == 0);
            }
            compared += got != NULL;
            free(got);
        }
        model_problem_free(p);
        free(want);
        unlink(want_path);
        free(paths[i]);
    }
    CHECK(compared >= 30);
    rmdir(dir);
}

/* Time spellings in a problem (a job's release in Berlin, DST days
 * included): whatever the reader accepts, verify_schedule.py accepts too and
 * reads as the same instant; the spellings docs/format.md lists are
 * accepted. (The reader refuses some spellings Python also reads; see
 * docs/format.md, "Where fieldplan is stricter than the oracle".) */
static void test_reads_time_spellings_as_the_oracle_does(void)
{
    static const struct {
        const char *text;
        bool documented; /* docs/format.md promises to accept it */
    } times[] = {
        {"2026-03-29T02:30", true},          {"2026-03-29T02:00", true},
        {"2026-03-29T03:00", true},          {"2026-03-29T01:59:59", true},
        {"2026-10-25T02:30", true},          {"2026-10-25T02:30+01:00", true},
        {"2026-10-25T02:30+02:00", true},    {"2026-10-25T03:00", true},
        {"2026-10-25T01:59:59", true},       {"2026-11-23T08:00:00.000", true},
        {"2026-11-23T08:00Z", true},         {"2026-11-23T08:00+01", true},
        {"2026-11-23T08:00-0500", true},     {"2026-11-23T08:00-00:00", true},
        {"2026-11-23T08:00+23:59", true},    {"2028-02-29T08:00", true},
        {"0001-01-01T00:00", true},          {"9999-12-31T23:59", true},
        {"2026-11-23T08:00:00+01:00", true}, {"2026-11-23T08:00:30", true},
        {"2026-11-23T08:00+01:30", true},    {"2026-11-23T08", false},
        {"2026-11-23T0800", false},          {"20261123T0800", false},
        {"2026-11-23 08:00", false},         {"2026-11-23t08:00", false},
        {"2026-11-23T08:00:00,000", false},  {"2026-11-23T08:00:00.5", false},
        {"2026-11-23T08:00z", false},        {"2026-11-23T08:00+01:00:00", false},
        {"2026-11-23T08:00+24:00", false},   {"2026-11-23", false},
        {"2026-W48-1T08:00", false},         {"2026-11-23T24:00", false},
        {"2026-02-29T08:00", false},         {"2026-11-23T08:00:60", false},
        {"2026-11-23T8:00", false},          {" 2026-11-23T08:00", false},
        {"2026-11-23T08:00 ", false},        {"2026-11-23T08:00:00.000000001", false},
        {"2026-11-23T08:00+01:00:00.5", false}, {"2026-11-23T08:00+1", false},
        {"2026-13-01T08:00", false},         {"2026-11-23T08:00:00.0000000", false},
    };
    enum { N = sizeof times / sizeof times[0] };
    char dir[] = "/tmp/fieldplan-times-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    size_t cap = 4096 + N * 64;
    char *cmd = malloc(cap);
    int at = snprintf(cmd, cap, "%s '%s/tests/tools/dump_problem.py' '%s/../shared/tools' '%s'",
                      access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3",
                      FIELDPLAN_SOURCE_DIR, FIELDPLAN_SOURCE_DIR, dir);
    char *texts[N];
    for (int i = 0; i < N; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/t%02d.json", dir, i);
        size_t len = 512 + strlen(times[i].text);
        texts[i] = malloc(len);
        snprintf(texts[i], len,
                 "{\"timezone\": \"Europe/Berlin\", \"locations\": [{\"id\": \"a\"}],"
                 " \"travel\": {\"durations_s\": [[0]]}, \"technicians\": [],"
                 " \"jobs\": [{\"id\": \"J\", \"location\": \"a\", \"duration_min\": 1,"
                 " \"release\": \"%s\"}]}",
                 times[i].text);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL);
        if (f) {
            fputs(texts[i], f);
            fclose(f);
        }
        at += snprintf(cmd + at, cap - (size_t)at, " '%s'", path);
    }
    CHECK_EQ_INT(system(cmd), 0);
    free(cmd);
    for (int i = 0; i < N; i++) {
        char path[256], want_path[256];
        snprintf(path, sizeof path, "%s/t%02d.json", dir, i);
        snprintf(want_path, sizeof want_path, "%s/t%02d.txt", dir, i);
        char *want = slurp(want_path, &(size_t){0});
        model_problem *p = NULL;
        model_error err = MODEL_ERROR_INIT;
        model_status st = io_json_read_problem_text(texts[i], strlen(texts[i]), "t.json", &p, &err);
        if (times[i].documented && st != MODEL_OK)
            fprintf(stderr, "'%s' refused: %s\n", times[i].text, err.msg);
        CHECK(!times[i].documented || st == MODEL_OK);
        if (st == MODEL_OK) {
            char *got = dump_problem(p);
            if (!want || !got || strcmp(want, got) != 0)
                fprintf(stderr, "'%s': ours %s  oracle %s", times[i].text, got ? got : "?\n",
                        want ? want : "?\n");
            CHECK(want && got && strcmp(want, got) == 0);
            free(got);
        } else {
            CHECK_EQ_INT(st, MODEL_ERR_INPUT);
            CHECK_STR_CONTAINS(err.msg, "t.json: jobs[0] (J).release: ");
        }
        model_problem_free(p);
        free(want);
        free(texts[i]);
        unlink(path);
        unlink(want_path);
    }
    rmdir(dir);
}

TESTLIB_MAIN(
    {"json__reads_every_problem_as_the_oracle_does", test_reads_every_problem_as_the_oracle_does},
    {"json__reads_time_spellings_as_the_oracle_does", test_reads_time_spellings_as_the_oracle_does})
