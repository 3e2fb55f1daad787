/* test_model_tz.c - time zones (TZif files, POSIX footers, DST edges) and
 * ISO 8601 parsing/formatting. Real zones come from the system tzdata;
 * synthetic TZif files are written to a temporary $TZDIR. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* setenv, mkdtemp */
#endif
#include "model/tz.h"

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
    if (model_tz_load(&tz, name, &e) != MODEL_OK) {
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

/* text must be refused with MODEL_ERR_INPUT and a message containing needle. */
static void check_parse_fails(const char *text, const model_tz *tz, const char *needle)
{
    int64_t t = 42;
    model_error e = MODEL_ERROR_INIT;
    model_status st = model_time_parse(text, tz, &t, &e);
    if (st != MODEL_ERR_INPUT || !strstr(e.msg, needle) || t != 42) {
        fprintf(stderr, "parse '%s': status %d, message '%s', want '%s'\n", text, (int)st, e.msg,
                needle);
        testlib_failures++;
    }
}

/* ---- DST edges in real zones ---- */

static void test_tz__berlin_autumn_ambiguous_time_is_first_occurrence(void)
{
    model_tz *tz = load("Europe/Berlin");
    if (!tz)
        return;
    int64_t change = at("2026-10-25T01:00Z");
    CHECK_EQ_INT(model_tz_offset_at(tz, change - 1), 7200);
    CHECK_EQ_INT(model_tz_offset_at(tz, change), 3600);
    CHECK_EQ_INT(wall(tz, "2026-10-25T02:30"), at("2026-10-25T00:30Z"));
    CHECK_EQ_INT(wall(tz, "2026-10-25T02:00"), at("2026-10-25T00:00Z"));
    CHECK_EQ_INT(wall(tz, "2026-10-25T02:59:59"), at("2026-10-25T00:59:59Z"));
    CHECK_EQ_INT(wall(tz, "2026-10-25T03:00"), at("2026-10-25T02:00Z"));
    CHECK_EQ_INT(wall(tz, "2026-10-25T01:59:59"), at("2026-10-24T23:59:59Z"));
    /* the second 02:30 is reachable with an explicit offset */
    CHECK_EQ_INT(at("2026-10-25T02:30+01:00"), at("2026-10-25T01:30Z"));
    check_format(tz, at("2026-10-25T00:30Z"), "2026-10-25T02:30:00+02:00");
    check_format(tz, at("2026-10-25T01:30Z"), "2026-10-25T02:30:00+01:00");
    model_civil c = model_tz_to_civil(tz, at("2026-10-25T01:30Z"));
    CHECK(c.year == 2026 && c.month == 10 && c.day == 25 && c.hour == 2 && c.minute == 30);
    model_tz_free(tz);
}

static void test_tz__berlin_spring_gap_moves_forward_by_the_gap(void)
{
    model_tz *tz = load("Europe/Berlin");
    if (!tz)
        return;
    int64_t change = at("2026-03-29T01:00Z");
    CHECK_EQ_INT(model_tz_offset_at(tz, change - 1), 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, change), 7200);
    CHECK_EQ_INT(wall(tz, "2026-03-29T02:30"), at("2026-03-29T01:30Z"));
    check_format(tz, wall(tz, "2026-03-29T02:30"), "2026-03-29T03:30:00+02:00");
    CHECK_EQ_INT(wall(tz, "2026-03-29T02:00"), change);
    CHECK_EQ_INT(wall(tz, "2026-03-29T03:00"), change);
    CHECK_EQ_INT(wall(tz, "2026-03-29T01:59:59"), change - 1);
    CHECK_EQ_INT(wall(tz, "2026-03-29T03:30"), at("2026-03-29T01:30Z"));
    model_tz_free(tz);
}

static void test_tz__new_york_autumn_and_spring(void)
{
    model_tz *tz = load("America/New_York");
    if (!tz)
        return;
    CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-11-01T05:59:59Z")), -4 * 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-11-01T06:00Z")), -5 * 3600);
    CHECK_EQ_INT(wall(tz, "2026-11-01T01:30"), at("2026-11-01T05:30Z")); /* EDT: first */
    CHECK_EQ_INT(at("2026-11-01T01:30-05:00"), at("2026-11-01T06:30Z"));
    check_format(tz, at("2026-11-01T06:30Z"), "2026-11-01T01:30:00-05:00");
    /* 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z */
    CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-08T06:59:59Z")), -5 * 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, at("2026-03-08T07:00Z")), -4 * 3600);
    CHECK_EQ_INT(wall(tz, "2026-03-08T02:30"), at("2026-03-08T07:30Z"));
    check_format(tz, wall(tz, "2026-03-08T02:30"), "2026-03-08T03:30:00-04:00");
    CHECK_EQ_INT(wall(tz, "2026-03-08T01:59"), at("2026-03-08T06:59Z"));
    model_tz_free(tz);
}

/* Far beyond the tables' last transition only the footer rule answers. */
static void test_tz__far_future_uses_the_footer_rule(void)
{
    model_tz *tz = load("Europe/Berlin");
    if (tz) {
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-07-01T12:00Z")), 7200);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-01-15T12:00Z")), 3600);
        CHECK_EQ_INT(wall(tz, "2100-07-01T12:00"), at("2100-07-01T10:00Z"));
        check_format(tz, at("2100-07-01T10:00Z"), "2100-07-01T12:00:00+02:00");
        /* last Sundays of 2100: March 28, October 31 */
        CHECK_EQ_INT(wall(tz, "2100-03-28T02:30"), at("2100-03-28T01:30Z"));
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-10-31T00:59:59Z")), 7200);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-10-31T01:00Z")), 3600);
        CHECK_EQ_INT(wall(tz, "2100-10-31T02:30"), at("2100-10-31T00:30Z"));
        model_tz_free(tz);
    }
    tz = load("Australia/Sydney"); /* southern hemisphere: DST spans New Year */
    if (tz) {
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-01-15T00:00Z")), 11 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-07-01T00:00Z")), 10 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-12-31T23:00Z")), 11 * 3600);
        model_tz_free(tz);
    }
    tz = load("America/Nuuk"); /* negative transition times: M3.5.0/-1 */
    if (tz) {
        /* 2100-03-27 (Saturday) 23:00 at -02 = 2100-03-28T01:00Z */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-03-28T00:59:59Z")), -2 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-03-28T01:00Z")), -1 * 3600);
        model_tz_free(tz);
    }
    tz = load("Asia/Jerusalem"); /* transition time past 24h: M3.4.4/26 */
    if (tz) {
        /* 4th Thursday of March 2100 is the 25th; 26:00 is Friday 02:00 +02 */
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-03-25T23:59:59Z")), 2 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-03-26T00:00Z")), 3 * 3600);
        model_tz_free(tz);
    }
}

static void test_tz__utc_loads_and_formats_with_plus_zero(void)
{
    model_tz *tz = load("UTC");
    if (!tz)
        return;
    CHECK(strcmp(model_tz_name(tz), "UTC") == 0);
    CHECK_EQ_INT(model_tz_offset_at(tz, 0), 0);
    CHECK_EQ_INT(model_tz_offset_at(tz, at("2100-07-01T00:00Z")), 0);
    check_format(tz, 0, "1970-01-01T00:00:00+00:00");
    CHECK_EQ_INT(wall(tz, "2026-11-23T08:00"), at("2026-11-23T08:00Z"));
    model_tz_free(tz);
    model_tz_free(NULL);
}

/* Without tzdata (TZDIR pointing nowhere) UTC still loads; others do not. */
static void test_tz__utc_needs_no_files_and_tzdir_is_honoured(void)
{
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZDIR", "/nonexistent/zoneinfo", 1);
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_tz_load(&tz, "UTC", &e), MODEL_OK);
    model_tz_free(tz);
    tz = NULL;
    CHECK_EQ_INT(model_tz_load(&tz, "Europe/Berlin", &e), MODEL_ERR_INPUT);
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
        model_status st = model_tz_load(&tz, bad[i], &e);
        if (st != MODEL_ERR_INPUT || tz || !strstr(e.msg, "unknown time zone '") ||
            strchr(e.msg, '\n')) {
            fprintf(stderr, "zone '%s': status %d, '%s'\n", bad[i], (int)st, e.msg);
            testlib_failures++;
        }
        model_tz_free(tz);
    }
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_tz_load(&tz, "Mars/Base", &e), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "unknown time zone 'Mars/Base'") == 0);
    CHECK_EQ_INT(model_tz_load(&tz, "Mars/Base", NULL), MODEL_ERR_INPUT); /* NULL error record */
    /* names with '+', '-', '_' and three levels are fine */
    static const char *good[] = {"Etc/GMT+5", "America/Port-au-Prince",
                                 "America/Argentina/Buenos_Aires", "Etc/UTC"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        tz = load(good[i]);
        model_tz_free(tz);
    }
}

/* ---- ISO 8601 ---- */

static void test_time__parses_offsets_and_optional_seconds(void)
{
    int64_t base = at("2026-11-23T08:00:00Z");
    CHECK_EQ_INT(base, 1795420800);
    CHECK_EQ_INT(at("2026-11-23T08:00Z"), base);
    CHECK_EQ_INT(at("2026-11-23T09:00+01:00"), base);
    CHECK_EQ_INT(at("2026-11-23T09:00+0100"), base);
    CHECK_EQ_INT(at("2026-11-23T09:00+01"), base);
    CHECK_EQ_INT(at("2026-11-23T03:00-05:00"), base);
    CHECK_EQ_INT(at("2026-11-23T08:00:00.000Z"), base);
    CHECK_EQ_INT(at("2026-11-23T08:00-00:00"), base);
    CHECK_EQ_INT(at("2026-11-23T13:45+05:45"), base);
    CHECK_EQ_INT(at("2026-11-23T08:00:59Z"), base + 59);
    CHECK_EQ_INT(at("2024-02-29T00:00Z"), 1709164800);
    CHECK_EQ_INT(at("2000-02-29T00:00Z"), 951782400);
    CHECK_EQ_INT(at("0001-01-01T00:00Z"), -62135596800LL);
    CHECK_EQ_INT(at("9999-12-31T23:59:59Z"), 253402300799LL);

    int has = -1;
    int32_t off = -1;
    int64_t t = 0;
    model_tz *tz = load("Europe/Berlin");
    CHECK_EQ_INT(model_time_parse_ex("2026-11-23T09:00+01:00", tz, &t, &has, &off, NULL), MODEL_OK);
    CHECK(has == 1 && off == 3600 && t == base);
    CHECK_EQ_INT(model_time_parse_ex("2026-11-23T09:00", tz, &t, &has, &off, NULL), MODEL_OK);
    CHECK(has == 0 && off == 0 && t == base);
    CHECK_EQ_INT(model_time_parse_ex("2026-11-23T08:00Z", tz, &t, &has, &off, NULL), MODEL_OK);
    CHECK(has == 1 && off == 0 && t == base);
    model_tz_free(tz);
}

static void test_time__rejects_malformed_times(void)
{
    static const char *bad[] = {
        "2026-13-01T08:00", "2026-00-10T08:00", "2026-02-30T08:00", "2026-02-29T08:00",
        "1900-02-29T08:00Z", "2026-04-31T08:00", "2026-11-23T24:00", "2026-11-23T08:60",
        "2026-11-23T08:00:60", "2026-11-23T08:00Zjunk", "2026-11-23T08:00 ", "2026-11-23T08",
        "2026-11-23", "2026-11-23 08:00", "26-11-23T08:00", "0000-01-01T00:00Z",
        "2026-11-23T08:00+1", "2026-11-23T08:00+01:", "2026-11-23T08:00+01:0",
        "2026-11-23T08:00+24:00", "2026-11-23T08:00+01:60", "2026-11-23T08:00Z+01:00",
        "2026-11-23T08:00:00.", "2026-11-23T08:00.0", "2026-11-23t08:00", "monday 8am", "",
        "2026-11-23T8:00", "+2026-11-23T08:00", "2026-11-23T08:00:00.000.0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_parse_fails(bad[i], NULL, "is not an ISO 8601 time");
    model_error e = MODEL_ERROR_INIT;
    int64_t t;
    CHECK_EQ_INT(model_time_parse("2026-13-01T08:00", NULL, &t, &e), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "'2026-13-01T08:00' is not an ISO 8601 time") == 0);
    check_parse_fails("2026-11-23T12:00:00.5", NULL, "'2026-11-23T12:00:00.5' has a non-zero fraction");
    check_parse_fails("2026-11-23T12:00:00.0001Z", NULL, "non-zero fraction");
    check_parse_fails("2026-11-23T08:00", NULL, "'2026-11-23T08:00' has no UTC offset");
    check_parse_fails("2026-11-23T08:00\nsecond line", NULL, "'2026-11-23T08:00?second line'");
    /* long input is shortened in the message */
    char longtext[300];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    CHECK_EQ_INT(model_time_parse(longtext, NULL, &t, &e), MODEL_ERR_INPUT);
    CHECK(strlen(e.msg) < 120);
    CHECK_STR_CONTAINS(e.msg, "...'");
    CHECK_EQ_INT(model_time_parse(NULL, NULL, &t, NULL), MODEL_ERR_INPUT);
}

static void test_date__parses_and_validates(void)
{
    int64_t d = -1;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_date_parse("1970-01-01", &d, &e), MODEL_OK);
    CHECK_EQ_INT(d, 0);
    CHECK_EQ_INT(model_date_parse("2026-11-23", &d, &e), MODEL_OK);
    CHECK_EQ_INT(d, 20780);
    CHECK_EQ_INT(model_date_parse("2026-02-29", &d, &e), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(e.msg, "'2026-02-29' is not an ISO 8601 date");
    CHECK_EQ_INT(model_date_parse("2026-11-23T08:00", &d, &e), MODEL_ERR_INPUT);
    CHECK_EQ_INT(model_date_parse("2026-1-23", &d, &e), MODEL_ERR_INPUT);
    CHECK_EQ_INT(d, 20780);
}

static void test_days__known_values_and_round_trip(void)
{
    CHECK_EQ_INT(model_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(model_days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ_INT(model_days_from_civil(2000, 2, 29), 11016);
    CHECK_EQ_INT(model_days_from_civil(1969, 12, 31), -1);
    CHECK_EQ_INT(model_days_from_civil(1, 1, 1), -719162);
    CHECK_EQ_INT(model_days_from_civil(9999, 12, 31), 2932896);
    CHECK_EQ_INT(model_days_from_civil(0, 3, 1), -719468);
    int y, m, d;
    model_civil_from_days(11017, &y, &m, &d);
    CHECK(y == 2000 && m == 3 && d == 1);
    model_civil_from_days(-1, &y, &m, &d);
    CHECK(y == 1969 && m == 12 && d == 31);
    /* every day from year -1 to 10000 round-trips and follows the last */
    int py = -1, pm = 12, pd = 31, bad = 0;
    for (int64_t day = model_days_from_civil(-1, 1, 1); day <= model_days_from_civil(10000, 12, 31);
         day++) {
        model_civil_from_days(day, &y, &m, &d);
        if (model_days_from_civil(y, m, d) != day)
            bad++;
        int next = (d == pd + 1 && m == pm && y == py) ||
                   (d == 1 && ((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1)));
        if (day > model_days_from_civil(-1, 1, 1) && !next)
            bad++;
        py = y, pm = m, pd = d;
    }
    CHECK_EQ_INT(bad, 0);
}

/* format -> parse gives the instant back, across DST changes and centuries. */
static void test_time__format_round_trips(void)
{
    static const char *zones[] = {"UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney",
                                  "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"};
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        model_tz *tz = load(zones[z]);
        if (!tz)
            continue;
        int bad = 0;
        /* 1850..2150 in steps of about 1.3 days plus odd seconds */
        for (int64_t t = -3786825600LL; t < 5680281600LL; t += 112337) {
            char buf[MODEL_TIME_BUF];
            int64_t back = 0;
            model_time_format(tz, t, buf);
            if (model_time_parse(buf, NULL, &back, NULL) != MODEL_OK || back != t) {
                if (bad++ < 3)
                    fprintf(stderr, "%s: %lld -> %s -> %lld\n", zones[z], (long long)t, buf,
                            (long long)back);
            }
            /* wall time -> instant: t, or the earlier occurrence of the same wall time */
            model_civil c = model_tz_to_civil(tz, t), cw;
            int64_t w = model_tz_from_civil(tz, &c);
            cw = model_tz_to_civil(tz, w);
            if (w > t || (w < t && memcmp(&c, &cw, sizeof c) != 0))
                bad++;
        }
        CHECK_EQ_INT(bad, 0);
        model_tz_free(tz);
    }
}

/* Local mean time (before 1893 in Berlin: +00:53:28) is shown rounded to
 * whole minutes, and the shown wall time matches that rounded offset. */
static void test_time__lmt_offsets_are_rounded_to_minutes(void)
{
    model_tz *tz = load("Europe/Berlin");
    if (!tz)
        return;
    int64_t t = at("1880-01-01T00:00Z");
    CHECK_EQ_INT(model_tz_offset_at(tz, t), 3208);
    check_format(tz, t, "1880-01-01T00:53:00+00:53");
    model_civil c = model_tz_to_civil(tz, t);
    CHECK(c.hour == 0 && c.minute == 53 && c.second == 28);
    model_tz_free(tz);
}

static void test_time__extreme_instants_do_not_overflow(void)
{
    model_tz *tz = load("Europe/Berlin");
    if (!tz)
        return;
    char buf[MODEL_TIME_BUF];
    int64_t extremes[] = {INT64_MIN, INT64_MIN + 1, -1, INT64_MAX - 1, INT64_MAX};
    for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++) {
        model_time_format(tz, extremes[i], buf);
        CHECK(strlen(buf) < MODEL_TIME_BUF);
        (void)model_tz_to_civil(tz, extremes[i]);
        (void)model_tz_offset_at(tz, extremes[i]);
    }
    model_civil c = {2147483647, 12, 31, 23, 59, 59};
    (void)model_tz_from_civil(tz, &c);
    model_civil c2 = {-2147483647 - 1, 1, 1, 0, 0, 0};
    (void)model_tz_from_civil(tz, &c2);
    model_tz_free(tz);
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
    model_status st = model_tz_load(&tz, name, e);
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

TESTLIB_MAIN({"berlin_autumn", test_tz__berlin_autumn_ambiguous_time_is_first_occurrence},
             {"berlin_spring", test_tz__berlin_spring_gap_moves_forward_by_the_gap},
             {"new_york", test_tz__new_york_autumn_and_spring},
             {"far_future", test_tz__far_future_uses_the_footer_rule},
             {"utc", test_tz__utc_loads_and_formats_with_plus_zero},
             {"utc_without_files", test_tz__utc_needs_no_files_and_tzdir_is_honoured},
             {"bad_names", test_tz__unknown_and_unsafe_names_are_refused},
             {"parse", test_time__parses_offsets_and_optional_seconds},
             {"parse_errors", test_time__rejects_malformed_times},
             {"date", test_date__parses_and_validates},
             {"days", test_days__known_values_and_round_trip},
             {"round_trip", test_time__format_round_trips},
             {"lmt", test_time__lmt_offsets_are_rounded_to_minutes},
             {"extremes", test_time__extreme_instants_do_not_overflow},
             {"tzif", test_tzif__synthetic_files})
