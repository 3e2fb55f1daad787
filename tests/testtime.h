/* testtime.h - helpers for the tests of time and zones: a zone from the
 * system tzdata's bytes, the instant of an ISO time, the instant of a wall
 * time in a zone, and a check of the formatter. Each counts a failure in
 * testlib_failures and says why on stderr. Include after testlib.h. */
#ifndef FIELDPLAN_TESTS_TESTTIME_H
#define FIELDPLAN_TESTS_TESTTIME_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/time.h"
#include "model/tz.h"

/* A zone from the system tzdata, read here and built by model_tz_parse
 * (the model reads no files; io/formats/zonefile.c does that for the
 * program). "UTC" is built in. The caller frees it. */
static inline model_tz *testtime_zone(const char *name)
{
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    if (strcmp(name, "UTC") == 0) {
        if (model_tz_utc(&tz, &e) != MODEL_OK)
            testlib_failures++;
        return tz;
    }
    char path[512];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
    static unsigned char buf[1 << 20];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    if (!f || model_tz_parse(&tz, name, path, buf, n, &e) != MODEL_OK) {
        fprintf(stderr, "cannot load %s: %s\n", name, f ? e.msg : "cannot open");
        testlib_failures++;
    }
    return tz;
}

/* The instant of `text` read as a wall time in tz (tz NULL: the text must
 * carry an offset or "Z"); -1 on failure. */
static inline int64_t testtime_wall(const model_tz *tz, const char *text)
{
    int64_t t = -1;
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(text, tz, &t, &e) != MODEL_OK) {
        fprintf(stderr, "cannot parse %s: %s\n", text, e.msg);
        testlib_failures++;
    }
    return t;
}

/* The instant of a time that carries an offset (or "Z"); -1 on failure. */
static inline int64_t testtime_at(const char *text)
{
    return testtime_wall(NULL, text);
}

/* Checks that t formats in tz as want. */
static inline void testtime_check_format(const model_tz *tz, int64_t t, const char *want)
{
    char buf[MODEL_TIME_BUF];
    const char *got = model_time_format(tz, t, buf);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "format: got %s, want %s\n", got, want);
        testlib_failures++;
    }
}

#endif
