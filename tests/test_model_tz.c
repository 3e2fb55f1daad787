/* test_model_tz.c - time zones built from TZif data: DST edges in real
 * zones (their bytes read from the system tzdata), the POSIX footer rule,
 * the built-in UTC, and zone names. Loading by name from $TZDIR is tested in
 * test_io_zonefile.c; ISO 8601 and calendar arithmetic in test_model_time.c. */
#include "model/tz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* ---- helpers ---- */

/* A zone from the system tzdata, read here and built by model_tz_parse
 * (the model reads no files; io/formats/zonefile.c does that for the
 * program). "UTC" is built in. */
static model_tz *load(const char *name)
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

static void test_tz__names_are_checked_without_a_file_system(void)
{
    static const char *bad[] = {"../etc/passwd", "/etc/passwd", "Europe/../Europe/Berlin", "",
                                "Europe//Berlin", "Europe/", "zone1970.tab", "Europe/Berlin ",
                                "Europe/Berlin\n", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!model_tz_name_is_valid(bad[i]));
    static const char *good[] = {"Etc/GMT+5", "America/Port-au-Prince",
                                 "America/Argentina/Buenos_Aires", "UTC", "Mars/Base"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        CHECK(model_tz_name_is_valid(good[i]));
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_tz_error_unknown(&e, "Mars/Base"), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "unknown time zone 'Mars/Base'") == 0);
    CHECK_EQ_INT(model_tz_error_unknown(&e, "a\nb"), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "unknown time zone 'a?b'") == 0);
}

static void test_tz__parse_refuses_bytes_that_are_not_tzif(void)
{
    model_tz *tz = NULL;
    model_error e = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_tz_parse(&tz, "X/Y", "/z/X/Y", "not a zone", 10, &e), MODEL_ERR_INPUT);
    CHECK(tz == NULL);
    CHECK(strcmp(e.msg, "unknown time zone 'X/Y' (/z/X/Y: not a valid TZif file: bad magic)") == 0);
    CHECK_EQ_INT(model_tz_parse(&tz, "X/Y", NULL, "TZif2", 5, &e), MODEL_ERR_INPUT);
    CHECK(strcmp(e.msg, "unknown time zone 'X/Y' (X/Y: not a valid TZif file: bad magic)") == 0);
    CHECK_EQ_INT(model_tz_parse(&tz, "X/Y", NULL, "", 0, NULL), MODEL_ERR_INPUT);
}

TESTLIB_MAIN({"berlin_autumn", test_tz__berlin_autumn_ambiguous_time_is_first_occurrence},
             {"berlin_spring", test_tz__berlin_spring_gap_moves_forward_by_the_gap},
             {"new_york", test_tz__new_york_autumn_and_spring},
             {"far_future", test_tz__far_future_uses_the_footer_rule},
             {"utc", test_tz__utc_loads_and_formats_with_plus_zero},
             {"names", test_tz__names_are_checked_without_a_file_system},
             {"not_tzif", test_tz__parse_refuses_bytes_that_are_not_tzif})
