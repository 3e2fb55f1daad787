/* ical.h - one iCalendar calendar (RFC 5545 with RFC 7986's NAME and
 * REFRESH-INTERVAL) of timed events, written with libical.
 *
 * The caller describes the calendar in plain structs; this module turns it
 * into text and is the only place that knows libical. What the text holds:
 *  - VCALENDAR: PRODID, VERSION:2.0, CALSCALE:GREGORIAN, NAME and
 *    X-WR-CALNAME, DESCRIPTION and X-WR-CALDESC when given, X-WR-TIMEZONE
 *    when zoned, REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL. No
 *    METHOD: a subscribed calendar is a snapshot, and METHOD:PUBLISH would
 *    require an ORGANIZER in every event.
 *  - one VTIMEZONE when the zone is not UTC, with the plain IANA name as
 *    TZID (never libical's "/freeassociation.sourceforge.net/" prefix),
 *    made from the system's tzdata, its history trimmed to start in 2000 (or
 *    at `from` when earlier) so that every feed carries the same definition; the
 *    events' DTSTART/DTEND then carry that TZID. A wall time that occurs
 *    twice (the autumn hour) is written in UTC instead: RFC 5545 reads it
 *    as the first occurrence, but parsers differ. Without tzdata for the zone every time is
 *    written in UTC.
 *  - one VEVENT per event in the given order: UID, SEQUENCE, DTSTAMP,
 *    CREATED, LAST-MODIFIED, DTSTART, DTEND, SUMMARY, LOCATION, GEO,
 *    DESCRIPTION, CATEGORIES, STATUS, TRANSP.
 * Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
 * sequence; TEXT values are escaped (\\ \; \, \n). Text must be valid UTF-8
 * without control characters other than newline and tab (io/feeds/feed.c cleans
 * what it reads from the store). */
#ifndef FIELDPLAN_IO_ICAL_H
#define FIELDPLAN_IO_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/tz.h"

/* Upper bound on the events of one calendar (MODEL_ERR_LIMIT past it). */
#define IO_ICAL_MAX_EVENTS 100000

typedef enum io_ical_status {
    IO_ICAL_CONFIRMED = 0,
    IO_ICAL_TENTATIVE = 1,
    IO_ICAL_CANCELLED = 2
} io_ical_status;

typedef struct io_ical_event {
    const char *uid;         /* required; unique within the calendar */
    int sequence;            /* SEQUENCE, >= 0 */
    int64_t created;         /* CREATED; INT64_MIN: left out */
    int64_t stamp;           /* DTSTAMP and LAST-MODIFIED (instants) */
    int64_t start, end;      /* DTSTART, DTEND; end >= start */
    const char *summary;     /* required */
    const char *location;    /* LOCATION; NULL: left out */
    bool has_geo;            /* GEO lat;lon (degrees) when true */
    double lat, lon;
    const char *description; /* DESCRIPTION, may hold newlines; NULL: left out */
    const char *category;    /* one CATEGORIES value; NULL: left out */
    io_ical_status status;   /* STATUS */
    bool transparent;        /* TRANSP:TRANSPARENT (shows as free), else OPAQUE */
} io_ical_event;

typedef struct io_ical_calendar {
    const char *prodid;      /* NULL: "-//fieldplan//fieldplan VERSION//EN" */
    const char *name;        /* NAME and X-WR-CALNAME; required */
    const char *description; /* DESCRIPTION and X-WR-CALDESC; NULL: left out */
    int refresh_s;           /* REFRESH-INTERVAL and X-PUBLISHED-TTL, seconds > 0 */
    const model_tz *tz;      /* zone of the events' times; NULL or "UTC": UTC */
    int64_t from;            /* earliest instant the calendar shows (VTIMEZONE trim
                                when before 2000) */
    const io_ical_event *events;
    int nevents;
} io_ical_calendar;

/* The calendar as iCalendar text: *out is a new NUL-terminated string of
 * *len bytes (the caller frees it). Errors: MODEL_ERR_INPUT "event N
 * (UID): ..." for a missing uid or summary, an end before the start or a
 * time outside the years 1..9999, "calendar: ..." for a missing name or a
 * refresh interval <= 0; MODEL_ERR_LIMIT past IO_ICAL_MAX_EVENTS;
 * MODEL_ERR_NOMEM; MODEL_ERR_INTERNAL when libical fails otherwise. */
model_status io_ical_calendar_to_text(const io_ical_calendar *cal, char **out, size_t *len,
                                      model_error *err);

#endif
