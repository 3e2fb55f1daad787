/* test_io_ical.c - the iCalendar writer (io/formats/ical.h) and the feed tokens
 * (io/store/feed_token.h): text that libical reads back to the same values,
 * folding and escaping, plain IANA TZIDs, UTC fallbacks, SHA-256 vectors. */
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/feed_token.h"
#include "io/formats/ical.h"
#include "io/formats/zonefile.h"
#include "model/tz.h"
#include "testlib.h"

/* 2026-11-23T08:00:00+01:00 and 2026-10-25T02:30:00 (Berlin, twice). */
#define T_NOV23_0800 1795417200LL
#define T_OCT25_0030Z 1792888200LL /* 02:30 CEST, the first 02:30 */
#define T_OCT25_0130Z 1792891800LL /* 02:30 CET, the second 02:30 */

static const char NOTES[] =
    "Hund im Garten \xf0\x9f\x90\x95; Schl\xc3\xbcssel beim Nachbarn, bitte klingeln.\n"
    "Zweite Zeile: Gr\xc3\xbc\xc3\x9f""e aus K\xc3\xb6ln \xe2\x80\x93 \xf0\x9f\x94\xa7\xf0\x9f\x94"
    "\xa7\xf0\x9f\x94\xa7 backslash \\ and semicolon; and comma, done";

static model_tz *load_tz(const char *name)
{
    model_tz *tz = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_zone_load(&tz, name, &err), MODEL_OK);
    return tz;
}

static io_ical_event event(const char *uid, int64_t start, int64_t end)
{
    io_ical_event e;
    memset(&e, 0, sizeof e);
    e.uid = uid;
    e.sequence = 3;
    e.created = T_NOV23_0800 - 86400;
    e.stamp = T_NOV23_0800 - 3600;
    e.start = start;
    e.end = end;
    e.summary = "Wartung \xe2\x80\x93 M. M\xc3\xbcller";
    e.location = "M\xc3\xbcllerstra\xc3\x9f""e 1, Berlin";
    e.has_geo = true;
    e.lat = 52.52;
    e.lon = 13.405;
    e.description = NOTES;
    e.status = IO_ICAL_CONFIRMED;
    return e;
}

static char *write_calendar(const model_tz *tz, const io_ical_event *ev, int n)
{
    io_ical_calendar cal = {NULL, "Jobs \xe2\x80\x93 J\xc3\xb6rg", "Visits", 3600, tz,
                            T_NOV23_0800 - 30 * 86400LL, ev, n};
    char *text = NULL;
    size_t len = 0;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_OK);
    CHECK(text && strlen(text) == len);
    return text;
}

/* The calendar, in zone `zone`, of one event uid at T_NOV23_0800 lasting
 * `duration` seconds (caller frees); *e receives the event. */
static char *one_event_calendar(const char *zone, const char *uid, int64_t duration,
                                io_ical_event *e)
{
    model_tz *tz = load_tz(zone);
    *e = event(uid, T_NOV23_0800, T_NOV23_0800 + duration);
    char *t = write_calendar(tz, e, 1);
    model_tz_free(tz);
    return t;
}

static void test_ical__writes_calendar_properties_and_no_method(void)
{
    io_ical_event e;
    char *t = one_event_calendar("Europe/Berlin", "job-1@x", 3600, &e);
    CHECK(strncmp(t, "BEGIN:VCALENDAR\r\n", 17) == 0);
    CHECK_STR_CONTAINS(t, "\r\nPRODID:-//fieldplan//");
    CHECK_STR_CONTAINS(t, "\r\nVERSION:2.0\r\n");
    CHECK_STR_CONTAINS(t, "\r\nCALSCALE:GREGORIAN\r\n");
    CHECK_STR_CONTAINS(t, "\r\nNAME:Jobs \xe2\x80\x93 J\xc3\xb6rg\r\n");
    CHECK_STR_CONTAINS(t, "\r\nX-WR-CALNAME:Jobs \xe2\x80\x93 J\xc3\xb6rg\r\n");
    CHECK_STR_CONTAINS(t, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
    CHECK_STR_CONTAINS(t, "\r\nX-PUBLISHED-TTL:PT1H\r\n");
    CHECK(strstr(t, "METHOD") == NULL);
    CHECK_STR_CONTAINS(t, "\r\nUID:job-1@x\r\n");
    CHECK_STR_CONTAINS(t, "\r\nSEQUENCE:3\r\n");
    CHECK_STR_CONTAINS(t, "\r\nDTSTAMP:20261123T060000Z\r\n");
    CHECK_STR_CONTAINS(t, "\r\nLAST-MODIFIED:20261123T060000Z\r\n");
    CHECK_STR_CONTAINS(t, "\r\nSTATUS:CONFIRMED\r\n");
    free(t);
}

static void test_ical__uses_plain_iana_tzid_on_dtstart_and_dtend(void)
{
    io_ical_event e;
    char *t = one_event_calendar("Europe/Berlin", "job-1@x", 5400, &e);
    CHECK_STR_CONTAINS(t, "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n");
    CHECK_STR_CONTAINS(t, "\r\nDTSTART;TZID=Europe/Berlin:20261123T080000\r\n");
    CHECK_STR_CONTAINS(t, "\r\nDTEND;TZID=Europe/Berlin:20261123T093000\r\n");
    CHECK(strstr(t, "freeassociation") == NULL);
    free(t);
}

static void test_ical__writes_the_repeated_autumn_hour_in_utc(void)
{
    model_tz *tz = load_tz("Europe/Berlin");
    io_ical_event e[2] = {event("first@x", T_OCT25_0030Z, T_OCT25_0030Z + 1800),
                          event("second@x", T_OCT25_0130Z, T_OCT25_0130Z + 1800)};
    char *t = write_calendar(tz, e, 2);
    /* Both 02:30s are ambiguous as wall times: UTC leaves no doubt. */
    CHECK_STR_CONTAINS(t, "DTSTART:20261025T003000Z\r\n");
    CHECK_STR_CONTAINS(t, "DTEND:20261025T010000Z\r\n");
    CHECK_STR_CONTAINS(t, "DTSTART:20261025T013000Z\r\n");
    /* 03:00 CET, after the repeated hour, is unique again. */
    CHECK_STR_CONTAINS(t, "DTEND;TZID=Europe/Berlin:20261025T030000\r\n");
    CHECK(strstr(t, "TZID=Europe/Berlin:20261025T02") == NULL);
    free(t);
    model_tz_free(tz);
}

static void test_ical__utc_calendar_has_no_vtimezone(void)
{
    io_ical_event e;
    char *t = one_event_calendar("UTC", "job-1@x", 3600, &e);
    CHECK(strstr(t, "VTIMEZONE") == NULL);
    CHECK(strstr(t, "TZID") == NULL);
    CHECK_STR_CONTAINS(t, "\r\nDTSTART:20261123T070000Z\r\n");
    free(t);
    /* No zone at all means UTC too. */
    t = write_calendar(NULL, &e, 1);
    CHECK_STR_CONTAINS(t, "\r\nDTEND:20261123T080000Z\r\n");
    free(t);
}

/* Every line ends in CRLF, is at most 75 octets and (unfolded) valid
 * UTF-8: no fold splits a multi-byte character. */
static void test_ical__folds_at_75_octets_without_splitting_utf8(void)
{
    io_ical_event e;
    char *t = one_event_calendar("Europe/Berlin", "job-1@x", 3600, &e);
    int lines = 0, folded = 0;
    for (char *p = t; *p;) {
        char *eol = strstr(p, "\r\n");
        CHECK(eol != NULL);
        if (!eol)
            break;
        CHECK((size_t)(eol - p) <= 75);
        if (*p == ' ')
            folded++;
        /* a line must not start or end inside a UTF-8 sequence */
        unsigned char first = (unsigned char)(*p == ' ' ? p[1] : p[0]);
        CHECK((first & 0xc0) != 0x80);
        if (eol > p) {
            const unsigned char *q = (const unsigned char *)eol - 1;
            int back = 0;
            while (back < 4 && (*q & 0xc0) == 0x80) {
                q--;
                back++;
            }
            int need = *q >= 0xf0 ? 3 : *q >= 0xe0 ? 2 : *q >= 0xc0 ? 1 : 0;
            CHECK(need == back || back == 0);
        }
        lines++;
        p = eol + 2;
    }
    CHECK(lines > 20);
    CHECK(folded > 0);
    free(t);
}

/* libical reads back exactly the text and instants that went in. */
static void test_ical__reads_back_text_and_instants_with_libical(void)
{
    io_ical_event e;
    char *t = one_event_calendar("Europe/Berlin", "job-\xc3\xa4@x", 3600, &e);
    icalcomponent *cal = icalparser_parse_string(t);
    CHECK(cal != NULL);
    icalcomponent *ev = cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT) : NULL;
    CHECK(ev != NULL);
    if (ev) {
        CHECK(strcmp(icalcomponent_get_uid(ev), "job-\xc3\xa4@x") == 0);
        CHECK(strcmp(icalcomponent_get_description(ev), NOTES) == 0);
        CHECK(strcmp(icalcomponent_get_location(ev), e.location) == 0);
        CHECK(strcmp(icalcomponent_get_summary(ev), e.summary) == 0);
        CHECK_EQ_INT(icalcomponent_get_sequence(ev), 3);
        icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
        icalparameter *tzid = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) : NULL;
        CHECK(tzid && strcmp(icalparameter_get_tzid(tzid), "Europe/Berlin") == 0);
        /* The instant, through the feed's own VTIMEZONE. */
        icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
        CHECK(vtz != NULL);
        if (vtz && p) {
            icaltimezone *zone = icaltimezone_new();
            icaltimezone_set_component(zone, icalcomponent_new_clone(vtz));
            icaltimetype s = icalproperty_get_dtstart(p);
            s.zone = zone;
            CHECK_EQ_INT(icaltime_as_timet_with_zone(s, zone), T_NOV23_0800);
            icaltimezone_free(zone, 1);
        }
        icalproperty *gp = icalcomponent_get_first_property(ev, ICAL_GEO_PROPERTY);
        CHECK(gp != NULL);
        if (gp) {
            struct icalgeotype g = icalproperty_get_geo(gp);
            CHECK(g.lat > 52.519 && g.lat < 52.521 && g.lon > 13.404 && g.lon < 13.406);
        }
    }
    if (cal)
        icalcomponent_free(cal);
    free(t);
}

static void test_ical__rejects_bad_events(void)
{
    io_ical_event e = event("job-1@x", T_NOV23_0800, T_NOV23_0800 - 1);
    io_ical_calendar cal = {NULL, "c", NULL, 3600, NULL, 0, &e, 1};
    char *text = NULL;
    size_t len;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "event 0 (job-1@x): ends before it starts");
    CHECK(text == NULL);
    e.end = e.start;
    e.uid = NULL;
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "no UID");
    e.uid = "u";
    cal.refresh_s = 0;
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_ERR_INPUT);
    cal.refresh_s = 60;
    e.start = e.end = 400000000000LL; /* the year 14645 */
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_ERR_INPUT);
    CHECK_STR_CONTAINS(err.msg, "outside the years");
}

static void test_ical__empty_calendar_is_valid(void)
{
    model_tz *tz = load_tz("America/New_York");
    io_ical_calendar cal = {NULL, "none", NULL, 7200, tz, T_NOV23_0800, NULL, 0};
    char *text = NULL;
    size_t len;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_ical_calendar_to_text(&cal, &text, &len, &err), MODEL_OK);
    CHECK_STR_CONTAINS(text, "REFRESH-INTERVAL;VALUE=DURATION:PT2H\r\n");
    CHECK_STR_CONTAINS(text, "TZID:America/New_York\r\n");
    CHECK(strstr(text, "VEVENT") == NULL);
    icalcomponent *c = icalparser_parse_string(text);
    CHECK(c != NULL);
    if (c)
        icalcomponent_free(c);
    free(text);
    model_tz_free(tz);
}

static void sha_hex(const char *msg, size_t len, char out[65])
{
    uint8_t d[IO_FEED_DIGEST_BYTES];
    io_feed_sha256(msg, len, d);
    io_feed_hex(d, sizeof d, out);
}

static void test_token__sha256_matches_fips_vectors(void)
{
    char h[65];
    sha_hex("", 0, h);
    CHECK(strcmp(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    sha_hex("abc", 3, h);
    CHECK(strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    const char *m56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha_hex(m56, strlen(m56), h);
    CHECK(strcmp(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0);
    char *million = malloc(1000000);
    CHECK(million != NULL);
    if (million) {
        memset(million, 'a', 1000000);
        sha_hex(million, 1000000, h);
        CHECK(strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0);
        free(million);
    }
}

static void test_token__new_tokens_have_256_bits_and_differ(void)
{
    char a[IO_FEED_TOKEN_CHARS + 1], b[IO_FEED_TOKEN_CHARS + 1];
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_feed_token_new(a, &err), MODEL_OK);
    CHECK_EQ_INT(io_feed_token_new(b, &err), MODEL_OK);
    CHECK_EQ_INT(strlen(a), 43);
    CHECK(strcmp(a, b) != 0);
    CHECK(io_feed_token_valid(a, strlen(a)));
    CHECK(!io_feed_token_valid(a, 42));
    char bad[IO_FEED_TOKEN_CHARS + 1];
    memcpy(bad, a, sizeof bad);
    bad[5] = '.';
    CHECK(!io_feed_token_valid(bad, 43));
    memcpy(bad, a, sizeof bad);
    bad[42] = 'B'; /* value 1: stray low bits */
    CHECK(!io_feed_token_valid(bad, 43));
    uint8_t da[IO_FEED_DIGEST_BYTES], db[IO_FEED_DIGEST_BYTES];
    io_feed_token_digest(a, 43, da);
    io_feed_token_digest(b, 43, db);
    CHECK(io_feed_digest_equal(da, da));
    CHECK(!io_feed_digest_equal(da, db));
}

TESTLIB_MAIN({"ical__writes_calendar_properties_and_no_method",
              test_ical__writes_calendar_properties_and_no_method},
             {"ical__uses_plain_iana_tzid_on_dtstart_and_dtend",
              test_ical__uses_plain_iana_tzid_on_dtstart_and_dtend},
             {"ical__writes_the_repeated_autumn_hour_in_utc",
              test_ical__writes_the_repeated_autumn_hour_in_utc},
             {"ical__utc_calendar_has_no_vtimezone", test_ical__utc_calendar_has_no_vtimezone},
             {"ical__folds_at_75_octets_without_splitting_utf8",
              test_ical__folds_at_75_octets_without_splitting_utf8},
             {"ical__reads_back_text_and_instants_with_libical",
              test_ical__reads_back_text_and_instants_with_libical},
             {"ical__rejects_bad_events", test_ical__rejects_bad_events},
             {"ical__empty_calendar_is_valid", test_ical__empty_calendar_is_valid},
             {"token__sha256_matches_fips_vectors", test_token__sha256_matches_fips_vectors},
             {"token__new_tokens_have_256_bits_and_differ",
              test_token__new_tokens_have_256_bits_and_differ})
