/* test_model_time.c - calendar arithmetic, ISO 8601 parsing (FORMAT.md's
 * language and Python's fromisoformat) and formatting, times of day, and
 * the day an instant falls on. Zones come from the system tzdata's bytes. */
#include "model/time.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/tz.h"
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
/* ---- times of day ---- */

static void test_clock__parses_hours_minutes_and_seconds(void)
{
    int32_t s = -1;
    CHECK_EQ_INT(model_clock_parse("08:30", 5, false, &s), MODEL_CLOCK_OK);
    CHECK_EQ_INT(s, 8 * 3600 + 30 * 60);
    CHECK_EQ_INT(model_clock_parse("8:05", 4, false, &s), MODEL_CLOCK_OK);
    CHECK_EQ_INT(s, 8 * 3600 + 5 * 60);
    CHECK_EQ_INT(model_clock_parse("24:00", 5, false, &s), MODEL_CLOCK_OK);
    CHECK_EQ_INT(s, 86400);
    CHECK_EQ_INT(model_clock_parse("08:30:15", 8, true, &s), MODEL_CLOCK_OK);
    CHECK_EQ_INT(s, 8 * 3600 + 30 * 60 + 15);
    /* only the first len bytes count */
    CHECK_EQ_INT(model_clock_parse("08:00-16:00", 5, false, &s), MODEL_CLOCK_OK);
    CHECK_EQ_INT(s, 8 * 3600);
}

static void test_clock__tells_malformed_from_out_of_range(void)
{
    int32_t s = 42;
    CHECK_EQ_INT(model_clock_parse("08:30:15", 8, false, &s), MODEL_CLOCK_NONE);
    CHECK_EQ_INT(model_clock_parse("0830", 4, true, &s), MODEL_CLOCK_NONE);
    CHECK_EQ_INT(model_clock_parse("", 0, true, &s), MODEL_CLOCK_NONE);
    CHECK_EQ_INT(model_clock_parse("08:300", 6, true, &s), MODEL_CLOCK_NONE);
    CHECK_EQ_INT(model_clock_parse("2026-11-23T08:00", 16, true, &s), MODEL_CLOCK_NONE);
    CHECK_EQ_INT(model_clock_parse("25:00", 5, false, &s), MODEL_CLOCK_RANGE);
    CHECK_EQ_INT(model_clock_parse("24:01", 5, false, &s), MODEL_CLOCK_RANGE);
    CHECK_EQ_INT(model_clock_parse("24:00:01", 8, true, &s), MODEL_CLOCK_RANGE);
    CHECK_EQ_INT(model_clock_parse("08:60", 5, false, &s), MODEL_CLOCK_RANGE);
    CHECK_EQ_INT(s, 42);
}

/* ---- Python's fromisoformat ---- */

static void test_iso__python_mode_accepts_what_python_accepts(void)
{
    model_iso_time t;
    CHECK(model_time_read_iso("2026-11-23T08:00:00+01:00", MODEL_ISO_PYTHON, &t));
    CHECK(t.has_offset && t.offset_us == 3600LL * 1000000 && t.wall.hour == 8);
    CHECK(model_time_read_iso("20261123T0800+01", MODEL_ISO_PYTHON, &t));
    CHECK(t.wall.day == 23 && t.wall.minute == 0 && t.offset_us == 3600LL * 1000000);
    CHECK(model_time_read_iso("2026-W48-1 08:00", MODEL_ISO_PYTHON, &t)); /* week date */
    CHECK(t.wall.month == 11 && t.wall.day == 23 && !t.has_offset);
    CHECK(model_time_read_iso("2026-11-23T08:00:00.5Z", MODEL_ISO_PYTHON, &t));
    CHECK(t.microsecond == 500000 && t.has_offset && t.offset_us == 0);
    CHECK(!model_time_read_iso("2026-11-23T24:00", MODEL_ISO_PYTHON, &t));
    CHECK(!model_time_read_iso("2026-02-29", MODEL_ISO_PYTHON, &t));
    CHECK(!model_time_read_iso("2026", MODEL_ISO_PYTHON, &t));
    CHECK(!model_time_read_iso(NULL, MODEL_ISO_PYTHON, &t));
    /* FORMAT.md's language is stricter */
    CHECK(!model_time_read_iso("20261123T0800+01", MODEL_ISO_FORMAT, &t));
    CHECK(model_time_read_iso("2026-11-23T08:00:00.5Z", MODEL_ISO_FORMAT, &t));
    CHECK(t.nonzero_fraction);
}

/* ---- days ---- */

static void test_day__an_instant_falls_on_its_local_day(void)
{
    model_tz *tz = load("America/New_York");
    if (!tz)
        return;
    int64_t t = at("2026-11-24T03:00Z"); /* 22:00 on the 23rd in New York */
    char buf[MODEL_DATE_BUF];
    CHECK(strcmp(model_date_format(model_time_local_day(tz, t), buf), "2026-11-23") == 0);
    CHECK_EQ_INT(model_time_local_day(tz, t), model_days_from_civil(2026, 11, 23));
    CHECK(strcmp(model_date_format(0, buf), "1970-01-01") == 0);
    model_tz_free(tz);
}

static void test_quote__keeps_messages_on_one_short_line(void)
{
    char q[MODEL_QUOTE_BUF];
    CHECK(strcmp(model_time_quote(NULL, q), "(null)") == 0);
    CHECK(strcmp(model_time_quote("a\tb", q), "a?b") == 0);
    char long_text[100];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[99] = '\0';
    CHECK_EQ_INT((long long)strlen(model_time_quote(long_text, q)), 67);
}

TESTLIB_MAIN({"parse", test_time__parses_offsets_and_optional_seconds},
             {"parse_errors", test_time__rejects_malformed_times},
             {"date", test_date__parses_and_validates},
             {"days", test_days__known_values_and_round_trip},
             {"round_trip", test_time__format_round_trips},
             {"lmt", test_time__lmt_offsets_are_rounded_to_minutes},
             {"extremes", test_time__extreme_instants_do_not_overflow},
             {"clock", test_clock__parses_hours_minutes_and_seconds},
             {"clock_errors", test_clock__tells_malformed_from_out_of_range},
             {"python", test_iso__python_mode_accepts_what_python_accepts},
             {"local_day", test_day__an_instant_falls_on_its_local_day},
             {"quote", test_quote__keeps_messages_on_one_short_line})
