/* test_io_zonefile.c - zones loaded by name: the built-in UTC without
 * tzdata, $TZDIR honoured, unknown and unsafe names refused, and synthetic
 * TZif files (every POSIX footer form, corrupt files) in a temporary $TZDIR. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* setenv, mkdtemp */
#endif
#include "io/formats/zonefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

/* ---- helpers ---- */

static model_tz *load(const char *name)
{
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    if (io_zone_load(&tz, name, &e) != MODEL_OK) {
        fprintf(stderr, "cannot load %s: %s\n", name, e.msg);
        testlib_failures++;
    }
    return tz;
}

/* The instant of a time that carries an offset (or "Z"); -1 on failure. */
static int64_t at(const char *text)
{
    int64_t t = -1;
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(text, NULL, &t, &e) != MODEL_OK) {
        fprintf(stderr, "cannot parse %s: %s\n", text, e.msg);
        testlib_failures++;
    }
    return t;
}

/* The instant of wall time `text` (no offset) in tz. */
static int64_t wall(const model_tz *tz, const char *text)
{
    int64_t t = -1;
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(text, tz, &t, &e) != MODEL_OK) {
        fprintf(stderr, "cannot parse %s: %s\n", text, e.msg);
        testlib_failures++;
    }
    return t;
}

static void check_format(const model_tz *tz, int64_t t, const char *want)
{
    char buf[MODEL_TIME_BUF];
    const char *got = model_time_format(tz, t, buf);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "format: got %s, want %s\n", got, want);
        testlib_failures++;
    }
}

/* Without tzdata (TZDIR pointing nowhere) UTC still loads; others do not. */
static void test_tz__utc_needs_no_files_and_tzdir_is_honoured(void)
{
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZDIR", "/nonexistent/zoneinfo", 1);
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_zone_load(&tz, "UTC", &e), MODEL_OK);
    model_tz_free(tz);
    tz = NULL;
    CHECK_EQ_INT(io_zone_load(&tz, "Europe/Berlin", &e), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(e.msg, "unknown time zone 'Europe/Berlin'");
    CHECK(tz == NULL);
    if (saved)
        setenv("TZDIR", saved, 1);
    else
        unsetenv("TZDIR");
    free(saved);
}

static void test_tz__unknown_and_unsafe_names_are_refused(void)
{
    static const char *bad[] = {"Mars/Base", "../etc/passwd", "/etc/passwd", "Europe/../Europe/Berlin",
                                "", "Europe//Berlin", "Europe/", "Europe", "zone1970.tab",
                                "Europe/Berlin ", "Europe/Berlin\n", "Europe/Berlin/x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        model_tz *tz = NULL;
        model_error e = MODEL_ERROR_INIT;
        model_status st = io_zone_load(&tz, bad[i], &e);
        if (st != MODEL_ERR_INPUT || tz || !strstr(e.msg, "unknown time zone '") ||
            strchr(e.msg, '\n')) {
            fprintf(stderr, "zone '%s': status %d, '%s'\n", bad[i], (int)st, e.msg);
            testlib_failures++;
        }
        model_tz_free(tz);
    }
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_zone_load(&tz, "Mars/Base", &e), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "unknown time zone 'Mars/Base'") == 0);
    CHECK_EQ_INT(io_zone_load(&tz, "Mars/Base", NULL), MODEL_ERR_INPUT); /* NULL error record */
    /* names with '+', '-', '_' and three levels are fine */
    static const char *good[] = {"Etc/GMT+5", "America/Port-au-Prince",
                                 "America/Argentina/Buenos_Aires", "Etc/UTC"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        tz = load(good[i]);
        model_tz_free(tz);
    }
}

/* ---- synthetic TZif files ---- */

typedef struct tzif_spec {
    int version;             /* 1, 2 or 3 */
    int n;                   /* transitions */
    const int64_t *times;
    const unsigned char *idx;
    int ntypes;
    const int32_t *offs;     /* per type */
    const char *footer;      /* v2+ */
} tzif_spec;

static size_t put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
    return 4;
}

static size_t put_block(unsigned char *p, const tzif_spec *s, int tsize, int version)
{
    size_t k = 0;
    memcpy(p, "TZif", 4);
    p[4] = version == 1 ? 0 : (unsigned char)('0' + version);
    memset(p + 5, 0, 15);
    k = 20;
    uint32_t counts[6] = {0, 0, 0, (uint32_t)s->n, (uint32_t)s->ntypes, 4};
    for (int i = 0; i < 6; i++)
        k += put32(p + k, counts[i]);
    for (int i = 0; i < s->n; i++) {
        if (tsize == 8)
            k += put32(p + k, (uint32_t)((uint64_t)s->times[i] >> 32));
        k += put32(p + k, (uint32_t)s->times[i]);
    }
    for (int i = 0; i < s->n; i++)
        p[k++] = s->idx[i];
    for (int i = 0; i < s->ntypes; i++) {
        k += put32(p + k, (uint32_t)s->offs[i]);
        p[k++] = 0;
        p[k++] = 0;
    }
    memcpy(p + k, "XXX", 4);
    return k + 4;
}

static char tzdir[64];

static void write_file(const char *name, const void *data, size_t len)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tzdir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
}

static void write_tzif(const char *name, const tzif_spec *s)
{
    unsigned char buf[4096];
    size_t k = put_block(buf, s, 4, s->version);
    if (s->version >= 2) {
        k += put_block(buf + k, s, 8, s->version);
        k += (size_t)snprintf((char *)buf + k, sizeof buf - k, "\n%s\n", s->footer);
    }
    write_file(name, buf, k);
}

/* Loads a synthetic zone from tzdir (expects success). */
static model_tz *load_synthetic(const char *name)
{
    setenv("TZDIR", tzdir, 1);
    model_tz *tz = load(name);
    unsetenv("TZDIR");
    return tz;
}

static model_status load_synthetic_status(const char *name, model_error *e)
{
    model_tz *tz = NULL;
    setenv("TZDIR", tzdir, 1);
    model_status st = io_zone_load(&tz, name, e);
    unsetenv("TZDIR");
    model_tz_free(tz);
    return st;
}

static void footer_zone(const char *name, const char *footer)
{
    static const int32_t offs[] = {0};
    tzif_spec s = {3, 0, NULL, NULL, 1, offs, footer};
    write_tzif(name, &s);
}

static void test_tzif__version_1_file_without_footer(void)
{
    static const int64_t times[] = {1000000, 2000000};
    static const unsigned char idx[] = {1, 0};
    static const int32_t offs[] = {3600, 7200};
    tzif_spec s = {1, 2, times, idx, 2, offs, NULL};
    write_tzif("V1", &s);
    model_tz *tz = load_synthetic("V1");
    if (!tz)
        return;
    CHECK_EQ_INT(model_tz_offset_at(tz, -5000000000LL), 3600); /* type 0 before */
    CHECK_EQ_INT(model_tz_offset_at(tz, 999999), 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, 1000000), 7200);
    CHECK_EQ_INT(model_tz_offset_at(tz, 1999999), 7200);
    CHECK_EQ_INT(model_tz_offset_at(tz, 2000000), 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, 5000000000LL), 3600); /* last type after */
    model_tz_free(tz);
}

static void test_tzif__footers_in_every_posix_form(void)
{
    footer_zone("Quoted", "<+03>-3");
    footer_zone("Minutes", "<+0545>-5:45");
    footer_zone("Julian", "EST5EDT,J60/2,300/25");
    footer_zone("Default", "EST5EDT");
    footer_zone("AllYear", "EST5EDT,0/0,J365/25");
    footer_zone("Negative", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    footer_zone("Explicit", "XXX-10YYY-11:30,M10.1.0,M4.1.0/3");
    model_tz *tz = load_synthetic("Quoted");
    if (tz) {
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-07-01T00:00Z")), 3 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("1800-07-01T00:00Z")), 3 * 3600);
        check_format(tz, 0, "1970-01-01T03:00:00+03:00");
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("Minutes"))) {
        CHECK_EQ_INT(model_tz_offset_at(tz, 0), 5 * 3600 + 45 * 60);
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("Julian"))) {
        /* J60 is March 1 even in leap years; day 300 (from 0) is Oct 28 in
         * 2026, and 25:00 is Oct 29 01:00 EDT = 05:00Z */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-01T06:59:59Z")), -5 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-01T07:00Z")), -4 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2028-02-29T12:00Z")), -5 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2028-03-01T07:00Z")), -4 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-10-29T04:59:59Z")), -4 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-10-29T05:00Z")), -5 * 3600);
        /* 2028 is a leap year: day 300 is Oct 27 */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2028-10-28T05:00Z")), -5 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2028-10-28T04:59Z")), -4 * 3600);
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("Default"))) { /* no dates: M3.2.0,M11.1.0 */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-08T07:00Z")), -4 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-11-01T05:59Z")), -4 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-11-01T06:00Z")), -5 * 3600);
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("AllYear"))) { /* DST the whole year */
        static const char *ts[] = {"2026-01-01T00:00Z", "2026-01-01T05:00Z", "2026-07-01T00:00Z",
                                   "2026-12-31T23:59Z", "2027-01-01T05:00Z", "2028-12-31T12:00Z"};
        for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
            CHECK_EQ_INT(model_tz_offset_at(tz, at(ts[i])), -4 * 3600);
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("Negative"))) { /* 2026-03-28 23:00 -02 = 03-29T01:00Z */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-29T00:59:59Z")), -2 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-29T01:00Z")), -1 * 3600);
        CHECK_EQ_INT(wall(tz, "2026-03-28T23:30"), at("2026-03-29T01:30Z")); /* in the gap */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-10-25T00:59:59Z")), -1 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-10-25T01:00Z")), -2 * 3600);
        CHECK_EQ_INT(wall(tz, "2026-10-24T23:30"), at("2026-10-25T00:30Z")); /* first */
        model_tz_free(tz);
    }
    if ((tz = load_synthetic("Explicit"))) { /* southern, half-hour DST */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-01-15T00:00Z")), 11 * 3600 + 1800);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-07-15T00:00Z")), 10 * 3600);
        model_tz_free(tz);
    }
}

/* The footer takes over after the last transition of the table. */
static void test_tzif__table_then_footer(void)
{
    static const int64_t times[] = {0, 1000000};
    static const unsigned char idx[] = {1, 0};
    static const int32_t offs[] = {3600, 7200};
    tzif_spec s = {2, 2, times, idx, 2, offs, "CET-1CEST,M3.5.0,M10.5.0/3"};
    write_tzif("Mixed", &s);
    model_tz *tz = load_synthetic("Mixed");
    if (!tz)
        return;
    CHECK_EQ_INT(model_tz_offset_at(tz, -1), 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, 0), 7200);
    CHECK_EQ_INT(model_tz_offset_at(tz, 1000000), 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, at("1970-07-01T00:00Z")), 7200);
    CHECK_EQ_INT(wall(tz, "2026-10-25T02:30"), at("2026-10-25T00:30Z"));
    CHECK_EQ_INT(wall(tz, "2026-03-29T02:30"), at("2026-03-29T01:30Z"));
    model_tz_free(tz);
}

static void test_tzif__corrupt_files_are_refused(void)
{
    static const int64_t times[] = {2000000, 1000000}; /* not ascending */
    static const unsigned char idx[] = {0, 0};
    static const unsigned char bad_idx[] = {0, 5};
    static const int32_t offs[] = {3600};
    static const int32_t huge[] = {30 * 3600};
    tzif_spec unsorted = {2, 2, times, idx, 1, offs, ""};
    write_tzif("Unsorted", &unsorted);
    static const int64_t sorted[] = {1000000, 2000000};
    tzif_spec badidx = {2, 2, sorted, bad_idx, 1, offs, ""};
    write_tzif("BadIndex", &badidx);
    tzif_spec bigoff = {2, 0, NULL, NULL, 1, huge, ""};
    write_tzif("BigOffset", &bigoff);
    footer_zone("BadFooter", "CET-1CEST,M13.5.0,M10.5.0/3");
    footer_zone("BadFooter2", "CE-1");
    footer_zone("BadFooter3", "CET-1CEST,M3.5.0");
    write_file("NotTzif", "hello world\n", 12);
    write_file("Empty", "", 0);
    unsigned char buf[4096];
    tzif_spec ok = {2, 2, sorted, idx, 1, offs, "CET-1"};
    size_t k = put_block(buf, &ok, 4, 2);
    k += put_block(buf + k, &ok, 8, 2);
    write_file("Truncated", buf, k - 3);
    write_file("NoFooter", buf, k);
    static const char *names[] = {"Unsorted", "BadIndex", "BigOffset", "BadFooter", "BadFooter2",
                                  "BadFooter3", "NotTzif", "Empty", "Truncated", "NoFooter"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        model_error e = MODEL_ERROR_INIT;
        model_status st = load_synthetic_status(names[i], &e);
        if (st != MODEL_ERR_INPUT || !strstr(e.msg, "unknown time zone")) {
            fprintf(stderr, "%s: status %d '%s'\n", names[i], (int)st, e.msg);
            testlib_failures++;
        }
    }
    /* a file over 1 MiB is refused without reading it all into a zone */
    unsigned char *big = calloc(1, (1 << 20) + 1);
    CHECK(big != NULL);
    if (big) {
        memcpy(big, buf, k);
        write_file("Big", big, (1 << 20) + 1);
        free(big);
        model_error e = MODEL_ERROR_INIT;
        CHECK_EQ_INT(load_synthetic_status("Big", &e), MODEL_ERR_INPUT);
        CHECK_STR_CONTAINS(e.msg, "over 1 MiB");
    }
}

static void make_tzdir(void)
{
    snprintf(tzdir, sizeof tzdir, "/tmp/fp_tz_XXXXXX");
    if (!mkdtemp(tzdir)) {
        fprintf(stderr, "mkdtemp failed\n");
        testlib_failures++;
    }
}

static void remove_tzdir(void)
{
    static const char *files[] = {"V1", "Quoted", "Minutes", "Julian", "Default", "AllYear",
                                  "Negative", "Explicit", "Mixed", "Unsorted", "BadIndex",
                                  "BigOffset", "BadFooter", "BadFooter2", "BadFooter3", "NotTzif",
                                  "Empty", "Truncated", "NoFooter", "Big"};
    char path[128];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tzdir, files[i]);
        unlink(path);
    }
    rmdir(tzdir);
}

static void test_tzif__synthetic_files(void)
{
    make_tzdir();
    test_tzif__version_1_file_without_footer();
    test_tzif__footers_in_every_posix_form();
    test_tzif__table_then_footer();
    test_tzif__corrupt_files_are_refused();
    remove_tzdir();
}

TESTLIB_MAIN({"utc_without_files", test_tz__utc_needs_no_files_and_tzdir_is_honoured},
             {"bad_names", test_tz__unknown_and_unsafe_names_are_refused},
             {"tzif", test_tzif__synthetic_files})
