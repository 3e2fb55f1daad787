/* tz.h - IANA time zones (TZif files, DST included) and ISO 8601 times.
 *
 * Times in fieldplan are int64_t seconds since 1970-01-01T00:00:00Z
 * ("instants"). A model_tz converts between instants and wall-clock time in
 * one IANA zone, read from the system's TZif database ($TZDIR, else
 * /usr/share/zoneinfo; Debian package tzdata), including the POSIX-TZ footer
 * rule for instants after the last listed transition. Thread-safe once
 * loaded: no global state, no use of the TZ environment variable. */
#ifndef FIELDPLAN_MODEL_TZ_H
#define FIELDPLAN_MODEL_TZ_H

#include <stdint.h>

#include "model/error.h"

typedef struct model_tz model_tz; /* opaque */

/* Loads zone `name` ("Europe/Berlin", "UTC", "America/New_York").
 * On success *out owns a new zone (free with model_tz_free). Errors:
 * MODEL_ERR_INPUT "unknown time zone 'X'" when the name is not a valid zone
 * (names with "..", leading '/', or characters outside [A-Za-z0-9_+-/] are
 * refused without touching the file system); MODEL_ERR_NOMEM. "UTC" always
 * loads, even without tzdata. */
model_status model_tz_load(model_tz **out, const char *name, model_error *err);

/* Frees a zone; NULL is accepted. */
void model_tz_free(model_tz *tz);

/* The zone's IANA name, as given to model_tz_load. */
const char *model_tz_name(const model_tz *tz);

/* UTC offset in seconds (east positive) in force at instant t. */
int32_t model_tz_offset_at(const model_tz *tz, int64_t t);

/* Wall-clock fields, as in struct tm but with full year and month 1..12. */
typedef struct model_civil {
    int year, month, day, hour, minute, second;
} model_civil;

/* The instant of wall-clock time c in tz, by FORMAT.md's DST rule: a wall
 * time that does not exist (skipped in spring) moves forward by the gap
 * (02:30 becomes 03:30); one that occurs twice (autumn) means the first
 * occurrence. Fields are assumed valid (see model_time_parse). */
int64_t model_tz_from_civil(const model_tz *tz, const model_civil *c);

/* Wall-clock time of instant t in tz. */
model_civil model_tz_to_civil(const model_tz *tz, int64_t t);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t model_days_from_civil(int year, int month, int day);
void model_civil_from_days(int64_t days, int *year, int *month, int *day);

/* Parses an ISO 8601 time "YYYY-MM-DDTHH:MM[:SS]" with an optional offset
 * "Z", "+HH:MM", "-HH:MM" (also "+HHMM", "+HH"); fractions of a second are
 * accepted only when zero. Without an offset the time is wall-clock in tz
 * (tz NULL: an offset is required). Years 1..9999. On success *out is the
 * instant. Errors (MODEL_ERR_INPUT, message without location prefix, e.g.
 * "'2026-13-01T08:00' is not an ISO 8601 time"). */
model_status model_time_parse(const char *text, const model_tz *tz, int64_t *out,
                              model_error *err);

/* Like model_time_parse, and *has_offset tells whether the text carried an
 * explicit UTC offset and *offset_s which one (0 when none). */
model_status model_time_parse_ex(const char *text, const model_tz *tz, int64_t *out,
                                 int *has_offset, int32_t *offset_s, model_error *err);

/* Parses a date "YYYY-MM-DD" into days since 1970-01-01. */
model_status model_date_parse(const char *text, int64_t *days, model_error *err);

/* Formats instant t in tz as "2026-11-23T08:00:00+01:00" ("Z" is never used:
 * UTC is "+00:00"). buf must hold MODEL_TIME_BUF bytes; returns buf. */
#define MODEL_TIME_BUF 32
char *model_time_format(const model_tz *tz, int64_t t, char *buf);

#endif
