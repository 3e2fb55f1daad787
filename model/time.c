/* time.c - calendar arithmetic, ISO 8601 and "HH:MM" parsing, and days.
 *
 * Every conversion is integer arithmetic on int64_t seconds; nothing here
 * reads TZ or calls localtime/mktime. Two ISO 8601 languages share one
 * entry point (model_time_read_iso): FORMAT.md's, and Python 3.11's
 * datetime.fromisoformat ported from Modules/_datetimemodule.c so that the
 * schedule reader accepts exactly what the oracle accepts.
 *
 * Limits, by design:
 * - instants are clamped to +-MODEL_TIME_LIMIT and days to +-DAYS_LIMIT
 *   before calendar arithmetic, so that no int overflows on absurd input;
 * - model_time_format rounds an offset with seconds (local mean time before
 *   ~1900, e.g. Berlin's +00:53:28) to whole minutes and shows the wall time
 *   of that rounded offset, so the string still denotes t exactly. */
#include "model/time.h"

#include <stdio.h>
#include <string.h>

#include "model/tz.h"

#define DAY 86400
#define DAYS_LIMIT 100000000000LL   /* days are clamped to +-this: year fits int */

/* ---- calendar arithmetic (Howard Hinnant's algorithms) ---- */

static int64_t floor_div(int64_t a, int64_t b) /* b > 0 */
{
    return a / b - (a % b < 0);
}

static int64_t clamp64(int64_t v, int64_t limit)
{
    return v < -limit ? -limit : v > limit ? limit : v;
}

bool model_time_is_leap(int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int model_time_month_days(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[m - 1] + (m == 2 && model_time_is_leap(y));
}

int64_t model_days_from_civil(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                             /* [0, 399] */
    int64_t mp = month > 2 ? month - 3 : (int64_t)month + 9; /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + day - 1;              /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;     /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void model_civil_from_days(int64_t days, int *year, int *month, int *day)
{
    int64_t z = clamp64(days, DAYS_LIMIT) + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)m;
    *year = (int)(yoe + era * 400 + (m <= 2));
}

/* Wall-clock fields of `local` seconds since 1970-01-01T00:00 (no zone). */
model_civil model_time_civil_of_local(int64_t local)
{
    model_civil c;
    int64_t days = floor_div(local, DAY);
    int64_t secs = local - days * DAY;
    model_civil_from_days(days, &c.year, &c.month, &c.day);
    c.hour = (int)(secs / 3600);
    c.minute = (int)(secs / 60 % 60);
    c.second = (int)(secs % 60);
    return c;
}

int64_t model_time_local_day(const model_tz *tz, int64_t t)
{
    model_civil c = model_tz_to_civil(tz, t);
    return model_days_from_civil(c.year, c.month, c.day);
}

char *model_time_wall(const model_tz *tz, int64_t t, bool clock_only, char *buf)
{
    model_civil c = model_tz_to_civil(tz, t);
    if (clock_only)
        snprintf(buf, MODEL_WALL_BUF, "%02d:%02d", c.hour, c.minute);
    else
        snprintf(buf, MODEL_WALL_BUF, "%04d-%02d-%02d %02d:%02d", c.year % 10000, c.month, c.day,
                 c.hour, c.minute);
    return buf;
}

char *model_date_format(int64_t days, char *buf)
{
    int y, m, d;
    model_civil_from_days(days, &y, &m, &d);
    snprintf(buf, MODEL_DATE_BUF, "%04d-%02d-%02d", y, m, d);
    return buf;
}

/* ---- messages ---- */

const char *model_time_quote(const char *text, char buf[MODEL_QUOTE_BUF])
{
    size_t n = 0;
    if (!text)
        text = "(null)";
    for (; text[n] && n < 64; n++) {
        unsigned char ch = (unsigned char)text[n];
        buf[n] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
    }
    if (text[n]) {
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) /* keep UTF-8 whole */
            n--;
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

/* ---- ISO 8601 ---- */

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Exactly n digits. */
static bool fixed_digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((*s)[i]))
            return false;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += n;
    *out = v;
    return true;
}

/* "YYYY-MM-DD", a real date in years 1..9999. */
static bool parse_iso_date(const char **s, model_civil *c)
{
    return fixed_digits(s, 4, &c->year) && *(*s)++ == '-' && fixed_digits(s, 2, &c->month) &&
           *(*s)++ == '-' && fixed_digits(s, 2, &c->day) && c->year >= 1 && c->month >= 1 &&
           c->month <= 12 && c->day >= 1 && c->day <= model_time_month_days(c->year, c->month);
}

typedef enum iso_result { ISO_OK, ISO_BAD, ISO_FRACTION } iso_result;

/* "THH:MM[:SS[.000]]"; a fraction is only accepted when it is zero. */
static iso_result parse_iso_clock(const char **s, model_civil *c)
{
    c->second = 0;
    if (*(*s)++ != 'T' || !fixed_digits(s, 2, &c->hour) || *(*s)++ != ':' ||
        !fixed_digits(s, 2, &c->minute) || c->hour > 23 || c->minute > 59)
        return ISO_BAD;
    if (**s != ':')
        return ISO_OK;
    ++*s;
    if (!fixed_digits(s, 2, &c->second) || c->second > 59)
        return ISO_BAD;
    if (**s != '.')
        return ISO_OK;
    bool nonzero = false;
    const char *start = ++*s;
    for (; is_digit(**s); ++*s)
        nonzero |= **s != '0';
    if (*s == start)
        return ISO_BAD;
    return nonzero ? ISO_FRACTION : ISO_OK;
}

/* "", "Z", "+HH:MM", "-HH:MM", "+HHMM", "+HH" (east-positive seconds). */
static bool parse_iso_offset(const char **s, int *has, int32_t *off)
{
    int h, m = 0;
    *has = **s != '\0';
    *off = 0;
    if (**s == '\0')
        return true;
    if (**s == 'Z')
        return (*s)[1] == '\0';
    if (**s != '+' && **s != '-')
        return false;
    int sign = *(*s)++ == '-' ? -1 : 1;
    if (!fixed_digits(s, 2, &h) || h > 23)
        return false;
    bool colon = **s == ':';
    if (colon)
        ++*s;
    if ((colon || is_digit(**s)) && (!fixed_digits(s, 2, &m) || m > 59))
        return false;
    *off = sign * (h * 3600 + m * 60);
    return **s == '\0';
}

/* FORMAT.md's language; see model_iso_mode. */
static bool read_iso_format(const char *text, model_iso_time *t)
{
    int has = 0;
    int32_t off = 0;
    const char *s = text;
    iso_result r = text && parse_iso_date(&s, &t->wall) ? parse_iso_clock(&s, &t->wall) : ISO_BAD;
    if (r == ISO_OK && !parse_iso_offset(&s, &has, &off))
        r = ISO_BAD;
    if (r == ISO_BAD)
        return false;
    t->nonzero_fraction = r == ISO_FRACTION;
    t->has_offset = r == ISO_OK && has;
    t->offset_us = r == ISO_OK ? (int64_t)off * 1000000 : 0;
    return true;
}

model_status model_time_parse_ex(const char *text, const model_tz *tz, int64_t *out,
                                 int *has_offset, int32_t *offset_s, model_error *err)
{
    model_iso_time t;
    char q[MODEL_QUOTE_BUF];
    if (!model_time_read_iso(text, MODEL_ISO_FORMAT, &t))
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not an ISO 8601 time",
                               model_time_quote(text, q));
    if (t.nonzero_fraction)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' has a non-zero fraction of a second",
                               model_time_quote(text, q));
    if (!t.has_offset && !tz)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' has no UTC offset",
                               model_time_quote(text, q));
    const model_civil *c = &t.wall;
    int32_t off = (int32_t)(t.offset_us / 1000000);
    if (t.has_offset)
        *out = model_days_from_civil(c->year, c->month, c->day) * DAY + c->hour * 3600 +
               c->minute * 60 + c->second - off;
    else
        *out = model_tz_from_civil(tz, c);
    if (has_offset)
        *has_offset = t.has_offset;
    if (offset_s)
        *offset_s = off;
    return MODEL_OK;
}

model_status model_time_parse(const char *text, const model_tz *tz, int64_t *out, model_error *err)
{
    return model_time_parse_ex(text, tz, out, NULL, NULL, err);
}

model_status model_date_parse(const char *text, int64_t *days, model_error *err)
{
    model_civil c;
    const char *s = text;
    char q[MODEL_QUOTE_BUF];
    if (!text || !parse_iso_date(&s, &c) || *s != '\0')
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not an ISO 8601 date (YYYY-MM-DD)",
                               model_time_quote(text, q));
    *days = model_days_from_civil(c.year, c.month, c.day);
    return MODEL_OK;
}

char *model_time_format(const model_tz *tz, int64_t t, char *buf)
{
    t = clamp64(t, MODEL_TIME_LIMIT);
    /* Whole minutes (LMT offsets carry seconds); the wall time shown is
     * t plus that rounded offset, so the string still denotes t exactly. */
    int64_t off_min = floor_div(model_tz_offset_at(tz, t) + 30, 60);
    model_civil c = model_time_civil_of_local(t + off_min * 60);
    int64_t a = off_min < 0 ? -off_min : off_min;
    snprintf(buf, MODEL_TIME_BUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month,
             c.day, c.hour, c.minute, c.second, off_min < 0 ? '-' : '+', (int)(a / 60),
             (int)(a % 60));
    return buf;
}


/* ======================================================================
 * Python 3.11 datetime.fromisoformat (Modules/_datetimemodule.c), ported.
 * Works on a NUL-terminated string; reads may look at the NUL, never past.
 * ====================================================================== */

typedef struct pyiso {
    int year, month, day, hour, minute, second, microsecond;
    bool has_offset;
    int64_t offset_us; /* east positive */
} pyiso;

static bool py_is_digit(char c)
{
    return (unsigned)(c - '0') < 10;
}

static const char *py_parse_digits(const char *p, int *var, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(*(p++) - '0');
        if (d > 9)
            return NULL;
        *var = *var * 10 + (int)d;
    }
    return p;
}

static bool py_is_leap(int y)
{
    unsigned u = (unsigned)y;
    return u % 4 == 0 && (u % 100 != 0 || u % 400 == 0);
}

static int py_days_in_month(int y, int m)
{
    static const int dim[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && py_is_leap(y) ? 29 : dim[m];
}

static int py_days_before_month(int y, int m)
{
    static const int dbm[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return dbm[m] + (m > 2 && py_is_leap(y));
}

static int py_ymd_to_ord(int y, int m, int d)
{
    int yy = y - 1;
    return yy * 365 + yy / 4 - yy / 100 + yy / 400 + py_days_before_month(y, m) + d;
}

static void py_ord_to_ymd(int ordinal, int *year, int *month, int *day)
{
    --ordinal;
    int n400 = ordinal / 146097, n = ordinal % 146097;
    *year = n400 * 400 + 1;
    int n100 = n / 36524;
    n %= 36524;
    int n4 = n / 1461;
    n %= 1461;
    int n1 = n / 365;
    n %= 365;
    *year += n100 * 100 + n4 * 4 + n1;
    if (n1 == 4 || n100 == 4) {
        *year -= 1;
        *month = 12;
        *day = 31;
        return;
    }
    bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
    *month = (n + 50) >> 5;
    static const int dbm[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int preceding = dbm[*month] + (*month > 2 && leap);
    if (preceding > n) {
        *month -= 1;
        preceding -= py_days_in_month(*year, *month);
    }
    *day = n - preceding + 1;
}

static int py_iso_to_ymd(int iso_year, int week, int wday, int *y, int *m, int *d)
{
    if (iso_year < 1 || iso_year > 9999)
        return -2; /* Python raises ValueError too (out of range) */
    if (week <= 0 || week >= 53) {
        bool out = true;
        if (week == 53) {
            int first = (py_ymd_to_ord(iso_year, 1, 1) + 6) % 7;
            if (first == 3 || (first == 2 && py_is_leap(iso_year)))
                out = false;
        }
        if (out)
            return -2;
    }
    if (wday <= 0 || wday >= 8)
        return -3;
    int first_day = py_ymd_to_ord(iso_year, 1, 1);
    int first_weekday = (first_day + 6) % 7;
    int week1_monday = first_day - first_weekday;
    if (first_weekday > 3)
        week1_monday += 7;
    py_ord_to_ymd(week1_monday + (week - 1) * 7 + wday - 1, y, m, d);
    return 0;
}

static long py_find_separator(const char *s, long len)
{
    if (len == 7)
        return 7;
    if (s[4] == '-') {
        if (s[5] == 'W') {
            if (len < 8)
                return -1;
            if (len > 8 && s[8] == '-') {
                if (len == 9)
                    return -1;
                if (len > 10 && py_is_digit(s[10]))
                    return 8;
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (s[4] == 'W') {
        long idx = 7;
        for (; idx < len; ++idx)
            if (!py_is_digit(s[idx]))
                break;
        if (idx < 9)
            return idx;
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

static int py_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    const char *p = py_parse_digits(s, y, 4);
    if (!p)
        return -1;
    bool sep = *p == '-';
    if (sep)
        ++p;
    if (*p == 'W') {
        p++;
        int week = 0, wday = 0;
        p = py_parse_digits(p, &week, 2);
        if (!p)
            return -3;
        if ((size_t)(p - s) < len) {
            if (sep && *(p++) != '-')
                return -2;
            p = py_parse_digits(p, &wday, 1);
            if (!p)
                return -4;
        } else {
            wday = 1;
        }
        int rv = py_iso_to_ymd(*y, week, wday, y, m, d);
        return rv ? -3 + rv : 0;
    }
    p = py_parse_digits(p, m, 2);
    if (!p)
        return -1;
    if (sep && *(p++) != '-')
        return -2;
    p = py_parse_digits(p, d, 2);
    return p ? 0 : -1;
}

static int py_parse_hh_mm_ss_ff(const char *tstr, const char *end, int *hour, int *minute,
                                int *second, int *micro)
{
    *hour = *minute = *second = *micro = 0;
    const char *p = tstr;
    int *vals[3] = {hour, minute, second};
    bool has_sep = true;
    for (int i = 0; i < 3; ++i) {
        p = py_parse_digits(p, vals[i], 2);
        if (!p)
            return -3;
        char c = *(p++);
        if (i == 0)
            has_sep = c == ':';
        if (p >= end)
            return c != '\0';
        else if (has_sep && c == ':')
            continue;
        else if (c == '.' || c == ',')
            break;
        else if (!has_sep)
            --p;
        else
            return -4;
    }
    size_t remains = (size_t)(end - p), to_parse = remains >= 6 ? 6 : remains;
    p = py_parse_digits(p, micro, to_parse);
    if (!p)
        return -3;
    static const int correction[] = {100000, 10000, 1000, 100, 10};
    if (to_parse < 6)
        *micro *= correction[to_parse - 1];
    while (py_is_digit(*p))
        ++p;
    return *p != '\0';
}

static int py_parse_time(const char *s, size_t len, pyiso *r, int *tzoff, int *tzus)
{
    const char *end = s + len, *tz = s;
    do {
        if (*tz == 'Z' || *tz == '+' || *tz == '-')
            break;
    } while (++tz < end);
    int rv = py_parse_hh_mm_ss_ff(s, tz, &r->hour, &r->minute, &r->second, &r->microsecond);
    if (rv < 0)
        return rv;
    if (tz == end)
        return rv == 1 ? -5 : 0;
    if (*tz == 'Z') {
        *tzoff = *tzus = 0;
        return tz[1] != '\0' ? -5 : 1;
    }
    int sign = *tz == '-' ? -1 : 1, th = 0, tm = 0, ts = 0;
    tz++;
    rv = py_parse_hh_mm_ss_ff(tz, end, &th, &tm, &ts, tzus);
    *tzoff = sign * (th * 3600 + tm * 60 + ts);
    *tzus *= sign;
    return rv ? -5 : 1;
}

/* Number of UTF-8 code points in s. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        n += (*u & 0xC0) != 0x80;
    return n;
}

/* datetime.fromisoformat(text); false where Python raises ValueError. */
static bool py_fromisoformat(const char *text, pyiso *r)
{
    memset(r, 0, sizeof *r);
    if (utf8_length(text) < 7)
        return false;
    long len = (long)strlen(text);
    long sep = py_find_separator(text, len);
    if (sep < 0)
        return false;
    int rv = py_parse_date(text, (size_t)sep, &r->year, &r->month, &r->day);
    int tzoff = 0, tzus = 0;
    if (!rv && len > sep) {
        const char *p = text + sep;
        unsigned char lead = (unsigned char)p[0];
        if ((lead & 0x80) == 0)
            p += 1;
        else if ((lead & 0xF0) == 0xE0)
            p += 3;
        else if ((lead & 0xF0) == 0xF0)
            p += 4;
        else
            p += 2;
        if (p > text + len)
            return false;
        rv = py_parse_time(p, (size_t)(len - (p - text)), r, &tzoff, &tzus);
    }
    if (rv < 0)
        return false;
    if (rv == 1) {
        r->has_offset = true;
        if (tzoff == 0) {
            r->offset_us = 0; /* Python: UTC, whatever the microseconds */
        } else {
            r->offset_us = (int64_t)tzoff * 1000000 + tzus;
            if (r->offset_us <= -86400LL * 1000000 || r->offset_us >= 86400LL * 1000000)
                return false;
        }
    }
    if (r->year < 1 || r->year > 9999 || r->month < 1 || r->month > 12 || r->day < 1 ||
        r->day > py_days_in_month(r->year, r->month) || r->hour > 23 || r->minute > 59 ||
        r->second > 59 || r->microsecond > 999999)
        return false;
    return true;
}

bool model_time_read_iso(const char *text, model_iso_mode mode, model_iso_time *out)
{
    memset(out, 0, sizeof *out);
    if (mode == MODEL_ISO_FORMAT)
        return read_iso_format(text, out);
    pyiso r;
    if (!text || !py_fromisoformat(text, &r))
        return false;
    model_civil wall = {r.year, r.month, r.day, r.hour, r.minute, r.second};
    out->wall = wall;
    out->microsecond = r.microsecond;
    out->has_offset = r.has_offset;
    out->offset_us = r.offset_us;
    return true;
}

/* ---- times of day ---- */

model_clock_result model_clock_parse(const char *text, size_t len, bool with_seconds,
                                     int32_t *secs)
{
    char buf[16];
    int h = -1, m = -1, s = 0, used = 0;
    if (len >= sizeof buf)
        return MODEL_CLOCK_NONE;
    memcpy(buf, text, len);
    buf[len] = '\0';
    bool shaped = with_seconds ? (sscanf(buf, "%2d:%2d:%2d%n", &h, &m, &s, &used) == 3 ||
                                  sscanf(buf, "%2d:%2d%n", &h, &m, &used) == 2)
                               : sscanf(buf, "%2d:%2d%n", &h, &m, &used) == 2;
    if (!shaped || (size_t)used != len)
        return MODEL_CLOCK_NONE;
    if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 59 || (h == 24 && (m || s)))
        return MODEL_CLOCK_RANGE;
    *secs = h * 3600 + m * 60 + s;
    return MODEL_CLOCK_OK;
}
