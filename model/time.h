/* time.h - calendar arithmetic, ISO 8601 and "HH:MM" parsing, and days.
 *
 * Times in fieldplan are int64_t seconds since 1970-01-01T00:00:00Z
 * ("instants"); days are int64_t days since 1970-01-01 (proleptic
 * Gregorian). Wall-clock time needs a zone (model/tz.h): the functions here
 * that take a model_tz only read it. Pure functions of their arguments: no
 * global state, no TZ variable, no file access. Nothing here allocates;
 * every output belongs to the caller. */
#ifndef FIELDPLAN_MODEL_TIME_H
#define FIELDPLAN_MODEL_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"

typedef struct model_tz model_tz; /* opaque; model/tz.h */

/* Instants are clamped to +-this many seconds (about 317,000 years) before
 * calendar arithmetic, so that no int overflows on absurd input. */
#define MODEL_TIME_LIMIT 10000000000000LL

/* Wall-clock fields, as in struct tm but with full year and month 1..12. */
typedef struct model_civil {
    int year, month, day, hour, minute, second;
} model_civil;

/* ---- calendar ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t model_days_from_civil(int year, int month, int day);
void model_civil_from_days(int64_t days, int *year, int *month, int *day);

/* Whether year is a leap year; days in month 1..12 of year. */
bool model_time_is_leap(int64_t year);
int model_time_month_days(int64_t year, int month);

/* Wall-clock fields of `local` seconds since 1970-01-01T00:00 (no zone). */
model_civil model_time_civil_of_local(int64_t local);

/* The day (days since 1970-01-01) that instant t falls on in tz: the day a
 * shift starting at t belongs to. */
int64_t model_time_local_day(const model_tz *tz, int64_t t);

/* Formats day `days` as "YYYY-MM-DD" into buf (MODEL_DATE_BUF bytes); returns buf. */
#define MODEL_DATE_BUF 16
char *model_date_format(int64_t days, char *buf);

/* ---- ISO 8601 ---- */

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

/* The wall time of t in tz for messages and listings: "YYYY-MM-DD HH:MM",
 * or "HH:MM" alone when clock_only (the date's first 11 bytes dropped).
 * buf must hold MODEL_WALL_BUF bytes; returns buf. */
#define MODEL_WALL_BUF 24
char *model_time_wall(const model_tz *tz, int64_t t, bool clock_only, char *buf);

/* The languages model_time_read_iso accepts. */
typedef enum model_iso_mode {
    /* FORMAT.md's: "YYYY-MM-DDTHH:MM[:SS[.fff]]" and an optional offset
     * "Z", "+HH:MM", "+HHMM", "+HH" (what model_time_parse accepts). */
    MODEL_ISO_FORMAT,
    /* Python 3.11's datetime.fromisoformat, the oracle's parser
     * (verify_schedule.py): also "20261123T0800+01", week dates, any
     * separator character, offsets with seconds and microseconds. */
    MODEL_ISO_PYTHON
} model_iso_mode;

/* The fields of an ISO 8601 time as written (no zone applied). */
typedef struct model_iso_time {
    model_civil wall;  /* date and time of day as written */
    int microsecond;   /* 0..999999 (MODEL_ISO_FORMAT: 0, see nonzero_fraction) */
    bool nonzero_fraction; /* MODEL_ISO_FORMAT: a fraction of a second other than 0 */
    bool has_offset;   /* an explicit UTC offset (or "Z") was written */
    int64_t offset_us; /* that offset in microseconds, east positive; 0 when none */
} model_iso_time;

/* Reads an ISO 8601 time in the given language into *out. Returns false
 * where the language has no such time (Python: where it raises ValueError).
 * MODEL_ISO_FORMAT: a fraction other than zero is read (true) and flagged
 * in out->nonzero_fraction. text NULL: false. */
bool model_time_read_iso(const char *text, model_iso_mode mode, model_iso_time *out);

/* ---- times of day ---- */

/* What model_clock_parse found. */
typedef enum model_clock_result {
    MODEL_CLOCK_OK,       /* *secs is set */
    MODEL_CLOCK_NONE,     /* text is not shaped as a time of day */
    MODEL_CLOCK_RANGE     /* shaped as one, but a field is out of range */
} model_clock_result;

/* Parses the time of day text[0..len) "H:MM" / "HH:MM", and with
 * with_seconds also "HH:MM:SS", into seconds after midnight (0..86400:
 * "24:00" is the end of the day). The shape is sscanf's "%2d:%2d[:%2d]"
 * covering all of text (so a sign or blanks before a field are taken, as
 * they always were); hours 0..24, minutes and seconds 0..59, 24 only with
 * zero minutes and seconds. len over 15: MODEL_CLOCK_NONE. Callers that
 * want a stricter shape (a leading digit, a minimum length) check it first. */
model_clock_result model_clock_parse(const char *text, size_t len, bool with_seconds,
                                     int32_t *secs);

/* ---- messages ---- */

/* Copies text into buf for an error message: at most 64 bytes, control
 * characters as '?', "..." when cut (keeping UTF-8 whole), "(null)" for
 * NULL, so that the message stays one short line. Returns buf. */
#define MODEL_QUOTE_BUF 72
const char *model_time_quote(const char *text, char buf[MODEL_QUOTE_BUF]);

#endif
