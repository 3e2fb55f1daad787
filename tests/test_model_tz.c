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
#include "testtime.h"

/* ---- DST edges in real zones ---- */

/* Checks that tz's offset is `before` seconds just before the instant `at`
 * and `after` from it on; returns that instant. */
static int64_t check_change(const model_tz *tz, const char *at, int before, int after)
{
    int64_t change = testtime_at(at);
    CHECK_EQ_INT(model_tz_offset_at(tz, change - 1), before);
    CHECK_EQ_INT(model_tz_offset_at(tz, change), after);
    return change;
}

static void test_tz__berlin_autumn_ambiguous_time_is_first_occurrence(void)
{
    model_tz *tz = testtime_zone("Europe/Berlin");
    if (!tz)
        return;
    check_change(tz, "2026-10-25T01:00Z", 7200, 3600);
    CHECK_EQ_INT(testtime_wall(tz, "2026-10-25T02:30"), testtime_at("2026-10-25T00:30Z"));
    CHECK_EQ_INT(testtime_wall(tz, "2026-10-25T02:00"), testtime_at("2026-10-25T00:00Z"));
    CHECK_EQ_INT(testtime_wall(tz, "2026-10-25T02:59:59"), testtime_at("2026-10-25T00:59:59Z"));
    CHECK_EQ_INT(testtime_wall(tz, "2026-10-25T03:00"), testtime_at("2026-10-25T02:00Z"));
    CHECK_EQ_INT(testtime_wall(tz, "2026-10-25T01:59:59"), testtime_at("2026-10-24T23:59:59Z"));
    /* the second 02:30 is reachable with an explicit offset */
    CHECK_EQ_INT(testtime_at("2026-10-25T02:30+01:00"), testtime_at("2026-10-25T01:30Z"));
    testtime_check_format(tz, testtime_at("2026-10-25T00:30Z"), "2026-10-25T02:30:00+02:00");
    testtime_check_format(tz, testtime_at("2026-10-25T01:30Z"), "2026-10-25T02:30:00+01:00");
    model_civil c = model_tz_to_civil(tz, testtime_at("2026-10-25T01:30Z"));
    CHECK(c.year == 2026 && c.month == 10 && c.day == 25 && c.hour == 2 && c.minute == 30);
    model_tz_free(tz);
}

static void test_tz__berlin_spring_gap_moves_forward_by_the_gap(void)
{
    model_tz *tz = testtime_zone("Europe/Berlin");
    if (!tz)
        return;
    int64_t change = check_change(tz, "2026-03-29T01:00Z", 3600, 7200);
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-29T02:30"), testtime_at("2026-03-29T01:30Z"));
    testtime_check_format(tz, testtime_wall(tz, "2026-03-29T02:30"), "2026-03-29T03:30:00+02:00");
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-29T02:00"), change);
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-29T03:00"), change);
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-29T01:59:59"), change - 1);
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-29T03:30"), testtime_at("2026-03-29T01:30Z"));
    model_tz_free(tz);
}

static void test_tz__new_york_autumn_and_spring(void)
{
    model_tz *tz = testtime_zone("America/New_York");
    if (!tz)
        return;
    CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2026-11-01T05:59:59Z")), -4 * 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2026-11-01T06:00Z")), -5 * 3600);
    CHECK_EQ_INT(testtime_wall(tz, "2026-11-01T01:30"), testtime_at("2026-11-01T05:30Z")); /* EDT: first */
    CHECK_EQ_INT(testtime_at("2026-11-01T01:30-05:00"), testtime_at("2026-11-01T06:30Z"));
    testtime_check_format(tz, testtime_at("2026-11-01T06:30Z"), "2026-11-01T01:30:00-05:00");
    /* 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00Z */
    CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2026-03-08T06:59:59Z")), -5 * 3600);
    CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2026-03-08T07:00Z")), -4 * 3600);
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-08T02:30"), testtime_at("2026-03-08T07:30Z"));
    testtime_check_format(tz, testtime_wall(tz, "2026-03-08T02:30"), "2026-03-08T03:30:00-04:00");
    CHECK_EQ_INT(testtime_wall(tz, "2026-03-08T01:59"), testtime_at("2026-03-08T06:59Z"));
    model_tz_free(tz);
}

/* Far beyond the tables' last transition only the footer rule answers. */
static void test_tz__far_future_uses_the_footer_rule(void)
{
    model_tz *tz = testtime_zone("Europe/Berlin");
    if (tz) {
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-07-01T12:00Z")), 7200);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-01-15T12:00Z")), 3600);
        CHECK_EQ_INT(testtime_wall(tz, "2100-07-01T12:00"), testtime_at("2100-07-01T10:00Z"));
        testtime_check_format(tz, testtime_at("2100-07-01T10:00Z"), "2100-07-01T12:00:00+02:00");
        /* last Sundays of 2100: March 28, October 31 */
        CHECK_EQ_INT(testtime_wall(tz, "2100-03-28T02:30"), testtime_at("2100-03-28T01:30Z"));
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-10-31T00:59:59Z")), 7200);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-10-31T01:00Z")), 3600);
        CHECK_EQ_INT(testtime_wall(tz, "2100-10-31T02:30"), testtime_at("2100-10-31T00:30Z"));
        model_tz_free(tz);
    }
    tz = testtime_zone("Australia/Sydney"); /* southern hemisphere: DST spans New Year */
    if (tz) {
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-01-15T00:00Z")), 11 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-07-01T00:00Z")), 10 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-12-31T23:00Z")), 11 * 3600);
        model_tz_free(tz);
    }
    tz = testtime_zone("America/Nuuk"); /* negative transition times: M3.5.0/-1 */
    if (tz) {
        /* 2100-03-27 (Saturday) 23:00 at -02 = 2100-03-28T01:00Z */
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-03-28T00:59:59Z")), -2 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-03-28T01:00Z")), -1 * 3600);
        model_tz_free(tz);
    }
    tz = testtime_zone("Asia/Jerusalem"); /* transition time past 24h: M3.4.4/26 */
    if (tz) {
        /* 4th Thursday of March 2100 is the 25th; 26:00 is Friday 02:00 +02 */
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-03-25T23:59:59Z")), 2 * 3600);
        CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-03-26T00:00Z")), 3 * 3600);
        model_tz_free(tz);
    }
}

static void test_tz__utc_loads_and_formats_with_plus_zero(void)
{
    model_tz *tz = testtime_zone("UTC");
    if (!tz)
        return;
    CHECK(strcmp(model_tz_name(tz), "UTC") == 0);
    CHECK_EQ_INT(model_tz_offset_at(tz, 0), 0);
    CHECK_EQ_INT(model_tz_offset_at(tz, testtime_at("2100-07-01T00:00Z")), 0);
    testtime_check_format(tz, 0, "1970-01-01T00:00:00+00:00");
    CHECK_EQ_INT(testtime_wall(tz, "2026-11-23T08:00"), testtime_at("2026-11-23T08:00Z"));
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
