/* tz.c - IANA time zones read from TZif files (RFC 8536), and ISO 8601 times.
 *
 * A loaded zone is immutable: the transition instants of its file in
 * ascending order, the UTC offset in force from each on, and the POSIX-TZ
 * footer rule that continues the table after its last transition. Every
 * conversion is integer arithmetic on int64_t seconds; nothing here reads TZ
 * or calls localtime/mktime, so a loaded zone may be shared between threads.
 *
 * Limits, by design:
 * - instants are clamped to +-T_LIMIT (about 317,000 years) before calendar
 *   arithmetic, so that no int overflows on absurd input;
 * - leap-second records ("right/" zones) are skipped: their transition
 *   times are then read as POSIX time (at most ~27 s off);
 * - model_time_format rounds an offset with seconds (local mean time before
 *   ~1900, e.g. Berlin's +00:53:28) to whole minutes and shows the wall time
 *   of that rounded offset, so the string still denotes t exactly. */
#include "model/tz.h"

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400
#define T_LIMIT 10000000000000LL    /* instants are clamped to +-this (s) */
#define DAYS_LIMIT 100000000000LL   /* days are clamped to +-this: year fits int */
#define TZ_FILE_MAX (1L << 20)      /* larger TZif files are refused */
#define TZ_NAME_MAX 255             /* longest real zone name is 32 bytes */
#define TZ_OFF_MAX (26 * 3600)      /* |offset| a zone may have; real ones < 15 h */
#define TZ_FOOTER_MAX 255
#define TZ_WALK_MAX 16              /* changes looked at around one wall time */

/* One end of daylight-saving time in a POSIX-TZ rule. */
typedef struct tz_date {
    char kind;    /* 'J': day n 1..365, Feb 29 never counted; 'N': day n 0..365
                     counting Feb 29; 'M': weekday wday of week 1..5 of month */
    int n, month, week, wday;
    int32_t secs; /* local time of day; RFC 8536 allows -167 h .. 167 h */
} tz_date;

/* A POSIX-TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3". */
typedef struct tz_rule {
    int32_t std_off, dst_off; /* east-positive seconds (POSIX writes them west-positive) */
    bool has_dst;             /* false: std_off all year */
    tz_date start, end;       /* DST starts at start (in standard time), ends at end (in DST) */
} tz_rule;

struct model_tz {
    int64_t *trans;    /* n_trans transition instants, strictly ascending */
    int32_t *off;      /* off[i]: the UTC offset from trans[i] on */
    int n_trans;
    int32_t off_first; /* before trans[0]: time type 0 (RFC 8536 section 3.2) */
    bool has_rule;     /* rule applies from trans[n_trans - 1] on (always if none) */
    tz_rule rule;
    char name[];       /* as given to model_tz_load */
};

/* ---- calendar arithmetic (Howard Hinnant's algorithms) ---- */

static int64_t floor_div(int64_t a, int64_t b) /* b > 0 */
{
    return a / b - (a % b < 0);
}

static int64_t clamp64(int64_t v, int64_t limit)
{
    return v < -limit ? -limit : v > limit ? limit : v;
}

static bool is_leap(int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int month_days(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[m - 1] + (m == 2 && is_leap(y));
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
static model_civil civil_of_local(int64_t local)
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

/* ---- POSIX-TZ footer rules ---- */

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }

/* An unsigned decimal of 1..maxdigits digits in [min, max]. */
static bool parse_uint(const char **s, int maxdigits, int min, int max, int *out)
{
    int v = 0, n = 0;
    while (is_digit(**s) && n < maxdigits) {
        v = v * 10 + (*(*s)++ - '0');
        n++;
    }
    *out = v;
    return n > 0 && !is_digit(**s) && v >= min && v <= max;
}

/* [+-]hh[:mm[:ss]] with hours <= max_hours, in seconds (sign kept). */
static bool parse_hms(const char **s, int max_hours, int32_t *out)
{
    int sign = 1, h, m = 0, sec = 0;
    if (**s == '+' || **s == '-')
        sign = *(*s)++ == '-' ? -1 : 1;
    if (!parse_uint(s, 3, 0, max_hours, &h))
        return false;
    if (**s == ':' && (++*s, !parse_uint(s, 2, 0, 59, &m)))
        return false;
    if (**s == ':' && (++*s, !parse_uint(s, 2, 0, 59, &sec)))
        return false;
    *out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

/* A zone abbreviation: 3+ letters, or <...> of 3+ letters, digits, + and -. */
static bool parse_abbr(const char **s)
{
    const char *p = *s;
    if (*p == '<') {
        const char *q = ++p;
        while (is_alpha(*q) || is_digit(*q) || *q == '+' || *q == '-')
            q++;
        if (*q != '>' || q - p < 3)
            return false;
        *s = q + 1;
        return true;
    }
    while (is_alpha(*p))
        p++;
    if (p - *s < 3)
        return false;
    *s = p;
    return true;
}

/* "Jn", "n" or "Mm.w.d", then an optional "/time" (default 02:00). */
static bool parse_date(const char **s, tz_date *d)
{
    memset(d, 0, sizeof *d);
    d->secs = 7200;
    if (**s == 'J') {
        ++*s;
        d->kind = 'J';
        if (!parse_uint(s, 3, 1, 365, &d->n))
            return false;
    } else if (**s == 'M') {
        ++*s;
        d->kind = 'M';
        if (!parse_uint(s, 2, 1, 12, &d->month) || *(*s)++ != '.' ||
            !parse_uint(s, 1, 1, 5, &d->week) || *(*s)++ != '.' ||
            !parse_uint(s, 1, 0, 6, &d->wday))
            return false;
    } else {
        d->kind = 'N';
        if (!parse_uint(s, 3, 0, 365, &d->n))
            return false;
    }
    if (**s == '/' && (++*s, !parse_hms(s, 167, &d->secs)))
        return false;
    return true;
}

/* Parses a whole footer string such as "EST5EDT,M3.2.0,M11.1.0". */
static bool parse_rule(const char *s, tz_rule *r)
{
    int32_t v;
    memset(r, 0, sizeof *r);
    if (!parse_abbr(&s) || !parse_hms(&s, 24, &v))
        return false;
    r->std_off = -v;
    if (*s == '\0')
        return true;
    if (!parse_abbr(&s))
        return false;
    r->has_dst = true;
    r->dst_off = r->std_off + 3600; /* POSIX default: one hour ahead */
    if (*s != ',' && *s != '\0') {
        if (!parse_hms(&s, 24, &v))
            return false;
        r->dst_off = -v;
    }
    if (*s == '\0') { /* no dates: POSIX leaves them open; tzcode uses US rules */
        const char *us = "M3.2.0,M11.1.0";
        return parse_date(&us, &r->start) && *us++ == ',' && parse_date(&us, &r->end);
    }
    return *s++ == ',' && parse_date(&s, &r->start) && *s++ == ',' &&
           parse_date(&s, &r->end) && *s == '\0';
}

/* Days since 1970-01-01 of the (local) date d in `year`. */
static int64_t rule_day(const tz_date *d, int year)
{
    if (d->kind == 'J')
        return model_days_from_civil(year, 1, 1) + d->n - 1 + (d->n >= 60 && is_leap(year));
    if (d->kind == 'N')
        return model_days_from_civil(year, 1, 1) + d->n;
    int64_t first = model_days_from_civil(year, d->month, 1);
    int first_wday = (int)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    int mday = 1 + (d->wday - first_wday + 7) % 7 + (d->week - 1) * 7;
    while (mday > month_days(year, d->month)) /* week 5 means "last" */
        mday -= 7;
    return first + mday - 1;
}

/* Offset in force at t under rule r; *when is the instant of the latest
 * change at or before t (INT64_MIN when none). Changes are generated for the
 * years around t; at equal instants the later-generated change wins, which
 * makes "DST all year" rules (0/0,J365/25) come out as DST. */
static int32_t rule_eval(const tz_rule *r, int64_t t, int64_t *when)
{
    int32_t off = r->std_off;
    *when = INT64_MIN;
    if (!r->has_dst)
        return off;
    int y, m, d;
    model_civil_from_days(floor_div(t, DAY), &y, &m, &d);
    for (int yy = y - 2; yy <= y + 1; yy++) {
        int64_t start = rule_day(&r->start, yy) * DAY + r->start.secs - r->std_off;
        int64_t end = rule_day(&r->end, yy) * DAY + r->end.secs - r->dst_off;
        if (start <= t && start >= *when) {
            *when = start;
            off = r->dst_off;
        }
        if (end <= t && end >= *when) {
            *when = end;
            off = r->std_off;
        }
    }
    return off;
}

/* ---- zone lookups ---- */

/* Index of the last transition at or before t; -1 when none. */
static int last_at_or_before(const model_tz *tz, int64_t t)
{
    int lo = 0, hi = tz->n_trans; /* answer + 1 is in [lo, hi] */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

/* Offset in force at t; *when as in rule_eval, for the whole zone. */
static int32_t zone_eval(const model_tz *tz, int64_t t, int64_t *when)
{
    t = clamp64(t, T_LIMIT);
    int n = tz->n_trans;
    if (tz->has_rule && (n == 0 || t >= tz->trans[n - 1])) {
        int32_t off = rule_eval(&tz->rule, t, when);
        if (n > 0 && *when < tz->trans[n - 1])
            *when = tz->trans[n - 1];
        return off;
    }
    int i = last_at_or_before(tz, t);
    *when = i < 0 ? INT64_MIN : tz->trans[i];
    return i < 0 ? tz->off_first : tz->off[i];
}

int32_t model_tz_offset_at(const model_tz *tz, int64_t t)
{
    int64_t when;
    assert(tz);
    return zone_eval(tz, t, &when);
}

model_civil model_tz_to_civil(const model_tz *tz, int64_t t)
{
    t = clamp64(t, T_LIMIT);
    return civil_of_local(t + model_tz_offset_at(tz, t));
}

/* Changes of offset that can matter for wall time `local`: every instant
 * that shows `local` lies within TZ_OFF_MAX of it, so walking back from
 * local + TZ_OFF_MAX to local - TZ_OFF_MAX sees every offset involved. */
typedef struct tz_changes {
    int n;
    int64_t when[TZ_WALK_MAX];   /* instant of change, descending */
    int32_t before[TZ_WALK_MAX]; /* offset just before it */
    int32_t after[TZ_WALK_MAX];  /* offset from it on */
} tz_changes;

static void changes_around(const model_tz *tz, int64_t local, tz_changes *ch)
{
    int64_t t = local + TZ_OFF_MAX, when;
    ch->n = 0;
    int32_t off = zone_eval(tz, t, &when);
    while (ch->n < TZ_WALK_MAX && when != INT64_MIN && when > local - TZ_OFF_MAX) {
        int64_t prev_when;
        int32_t prev = zone_eval(tz, when - 1, &prev_when);
        ch->when[ch->n] = when;
        ch->before[ch->n] = prev;
        ch->after[ch->n] = off;
        ch->n++;
        if (prev_when >= when) /* clamped at the end of time: stop */
            break;
        off = prev;
        when = prev_when;
    }
}

/* Earliest t with t + offset(t) == local (the first occurrence of an
 * ambiguous wall time); false when local falls in a gap. */
static bool earliest_match(const model_tz *tz, int64_t local, const tz_changes *ch, int64_t *out)
{
    bool found = false;
    for (int i = -1; i < 2 * ch->n; i++) {
        /* candidate offsets: the one at the far end, and both sides of each change */
        int32_t o = i < 0 ? model_tz_offset_at(tz, local + TZ_OFF_MAX)
                          : (i % 2 ? ch->before[i / 2] : ch->after[i / 2]);
        int64_t t = local - o;
        if (model_tz_offset_at(tz, t) == o && (!found || t < *out)) {
            *out = t;
            found = true;
        }
    }
    return found;
}

int64_t model_tz_from_civil(const model_tz *tz, const model_civil *c)
{
    int64_t local = model_days_from_civil(c->year, c->month, c->day) * DAY +
                    (int64_t)c->hour * 3600 + (int64_t)c->minute * 60 + c->second;
    local = clamp64(local, T_LIMIT);
    tz_changes ch;
    changes_around(tz, local, &ch);
    int64_t t = 0;
    if (earliest_match(tz, local, &ch, &t))
        return t;
    /* A gap: the clocks jumped from when + before to when + after. Reading
     * local with the offset before the jump moves it forward by the gap. */
    for (int i = 0; i < ch.n; i++)
        if (ch.when[i] + ch.before[i] <= local && local < ch.when[i] + ch.after[i])
            return local - ch.before[i];
    return local - model_tz_offset_at(tz, local); /* not reached for sane zones */
}

/* ---- TZif files ---- */

/* The parts of a TZif data block; pointers into the file buffer. */
typedef struct tzif_view {
    size_t tsize;                      /* bytes per transition time: 4 (v1) or 8 */
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
    const unsigned char *times, *idx, *types; /* timecnt, timecnt, typecnt * 6 bytes */
    char footer[TZ_FOOTER_MAX + 1];    /* "" when none */
} tzif_view;

typedef struct tz_reader {
    const unsigned char *p;
    size_t left;
} tz_reader;

static const unsigned char *take(tz_reader *r, size_t n)
{
    if (n > r->left)
        return NULL;
    const unsigned char *p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* A 44-byte header: magic, version, six counts. *version 1, 2, 3, ... */
static const char *read_header(tz_reader *r, tzif_view *v, int *version)
{
    const unsigned char *h = take(r, 44);
    if (!h || memcmp(h, "TZif", 4) != 0)
        return "bad magic";
    *version = h[4] == 0 ? 1 : h[4] - '0';
    if (*version < 1 || *version > 9)
        return "bad version";
    uint32_t *counts[6] = {&v->isutcnt, &v->isstdcnt, &v->leapcnt,
                           &v->timecnt, &v->typecnt, &v->charcnt};
    for (int i = 0; i < 6; i++) {
        *counts[i] = be32(h + 20 + 4 * i);
        if (*counts[i] > TZ_FILE_MAX) /* bounds every size computed below */
            return "count too large";
    }
    return NULL;
}

/* Takes a data block whose times are tsize bytes; checks its counts. */
static const char *read_block(tz_reader *r, tzif_view *v, size_t tsize)
{
    v->tsize = tsize;
    if (v->typecnt == 0 || v->typecnt > 256 || (v->isutcnt && v->isutcnt != v->typecnt) ||
        (v->isstdcnt && v->isstdcnt != v->typecnt))
        return "bad counts";
    v->times = take(r, (size_t)v->timecnt * tsize);
    v->idx = take(r, v->timecnt);
    v->types = take(r, (size_t)v->typecnt * 6);
    size_t rest = v->charcnt + (size_t)v->leapcnt * (tsize + 4) + v->isstdcnt + v->isutcnt;
    if (!v->times || !v->idx || !v->types || !take(r, rest))
        return "truncated";
    return NULL;
}

static int64_t trans_time(const tzif_view *v, uint32_t i)
{
    const unsigned char *p = v->times + (size_t)i * v->tsize;
    return v->tsize == 8 ? be64(p) : (int64_t)(int32_t)be32(p);
}

/* Checks the block's contents: ascending times, valid type indices, sane offsets. */
static const char *check_block(const tzif_view *v)
{
    for (uint32_t i = 0; i < v->typecnt; i++) {
        int32_t off = (int32_t)be32(v->types + 6 * i);
        if (off < -TZ_OFF_MAX || off > TZ_OFF_MAX || v->types[6 * i + 4] > 1)
            return "bad time type";
    }
    for (uint32_t i = 0; i < v->timecnt; i++) {
        if (v->idx[i] >= v->typecnt)
            return "bad time type index";
        if (i > 0 && trans_time(v, i) <= trans_time(v, i - 1))
            return "transitions not ascending";
    }
    return NULL;
}

/* The footer "\n<rule>\n" that follows a v2+ data block. */
static const char *read_footer(tz_reader *r, tzif_view *v)
{
    const unsigned char *nl = take(r, 1);
    if (!nl || *nl != '\n')
        return "missing footer";
    const unsigned char *end = memchr(r->p, '\n', r->left);
    if (!end || (size_t)(end - r->p) > TZ_FOOTER_MAX)
        return "bad footer";
    size_t len = (size_t)(end - r->p);
    memcpy(v->footer, r->p, len);
    v->footer[len] = '\0';
    if (strlen(v->footer) != len)
        return "bad footer";
    return NULL;
}

/* Parses a whole TZif file, using the 64-bit block of version 2+ files. */
static const char *parse_tzif(const unsigned char *buf, size_t len, tzif_view *v)
{
    tz_reader r = {buf, len};
    int version;
    const char *why;
    memset(v, 0, sizeof *v);
    if ((why = read_header(&r, v, &version)) || (why = read_block(&r, v, 4)))
        return why;
    if (version >= 2) {
        int version2;
        if ((why = read_header(&r, v, &version2)) || (why = read_block(&r, v, 8)) ||
            (why = read_footer(&r, v)))
            return why;
    }
    return check_block(v);
}

static model_status unknown_zone(model_error *err, const char *name);

/* Error for a zone file that could not be opened or read (errno e). */
static model_status open_failed(const char *path, const char *name, int e, model_error *err)
{
    if (e == ENOENT || e == ENOTDIR || e == EISDIR || e == ENAMETOOLONG || e == ELOOP)
        return unknown_zone(err, name);
    return model_error_set(err, MODEL_ERR_IO, "cannot read time zone file %s (errno %d)", path, e);
}

/* A zone named `name` from a checked view (NULL: UTC). */
static model_status build_zone(model_tz **out, const char *name, const tzif_view *v,
                               model_error *err)
{
    size_t n = v ? v->timecnt : 0, name_len = strlen(name);
    model_tz *tz = calloc(1, sizeof *tz + name_len + 1);
    if (!tz)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
    memcpy(tz->name, name, name_len + 1);
    tz->trans = malloc((n ? n : 1) * sizeof *tz->trans);
    tz->off = malloc((n ? n : 1) * sizeof *tz->off);
    if (!tz->trans || !tz->off) {
        model_tz_free(tz);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
    }
    tz->n_trans = (int)n;
    if (v) {
        tz->off_first = (int32_t)be32(v->types);
        for (size_t i = 0; i < n; i++) {
            tz->trans[i] = trans_time(v, (uint32_t)i);
            tz->off[i] = (int32_t)be32(v->types + 6 * (size_t)v->idx[i]);
        }
        tz->has_rule = v->footer[0] != '\0';
        if (tz->has_rule && !parse_rule(v->footer, &tz->rule)) {
            model_tz_free(tz);
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "unknown time zone '%s' (bad rule in its TZif file)", name);
        }
    }
    *out = tz;
    return MODEL_OK;
}

/* Reads at most TZ_FILE_MAX bytes of path into *data (malloc'ed). A path
 * that names no file (or a directory) is an unknown zone; other failures
 * are I/O errors. */
static model_status read_file(const char *path, const char *name, unsigned char **data,
                              size_t *len, model_error *err)
{
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return open_failed(path, name, errno, err);
    for (;;) { /* grow to at most TZ_FILE_MAX + 1 bytes: one more tells "too big" */
        if (n == cap) {
            if (cap > (size_t)TZ_FILE_MAX)
                break;
            cap = cap ? (cap * 2 > (size_t)TZ_FILE_MAX ? (size_t)TZ_FILE_MAX + 1 : cap * 2) : 4096;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                fclose(f);
                free(buf);
                return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f), saved = errno;
    fclose(f);
    if (failed || n > (size_t)TZ_FILE_MAX) {
        free(buf);
        if (failed)
            return open_failed(path, name, saved, err);
        return model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s' (%s is over 1 MiB)",
                               name, path);
    }
    *data = buf;
    *len = n;
    return MODEL_OK;
}

/* ---- names, loading ---- */

/* Copies text into buf for an error message: at most 64 bytes, control
 * characters as '?', so that the message stays one short line. */
static const char *quote(const char *text, char buf[72])
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

static model_status unknown_zone(model_error *err, const char *name)
{
    char q[72];
    return model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s'", quote(name, q));
}

/* A name that can be looked up: [A-Za-z0-9_+-] components joined by '/',
 * none empty. No '.' at all, so no "..", and no leading '/': the lookup
 * stays inside the zone directory (and skips its *.tab, *.zi files). */
static bool valid_zone_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > TZ_NAME_MAX || name[0] == '/' || name[len - 1] == '/')
        return false;
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        if (ch == '/' ? name[i + 1] == '/'
                      : !(is_alpha(ch) || is_digit(ch) || ch == '_' || ch == '+' || ch == '-'))
            return false;
    }
    return true;
}

model_status model_tz_load(model_tz **out, const char *name, model_error *err)
{
    assert(out);
    *out = NULL;
    if (!name || !valid_zone_name(name))
        return unknown_zone(err, name);
    if (strcmp(name, "UTC") == 0) /* built in: works without tzdata */
        return build_zone(out, name, NULL, err);
    const char *dir = getenv("TZDIR");
    char path[4096];
    int plen = snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if (plen < 0 || (size_t)plen >= sizeof path)
        return unknown_zone(err, name);
    unsigned char *data = NULL;
    size_t len = 0;
    model_status st = read_file(path, name, &data, &len, err);
    if (st != MODEL_OK)
        return st;
    tzif_view *v = malloc(sizeof *v);
    if (!v) {
        free(data);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
    }
    const char *why = parse_tzif(data, len, v);
    if (why)
        st = model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s' (%s: not a valid TZif file: %s)",
                             name, path, why);
    else
        st = build_zone(out, name, v, err);
    free(v);
    free(data);
    return st;
}

void model_tz_free(model_tz *tz)
{
    if (!tz)
        return;
    free(tz->trans);
    free(tz->off);
    free(tz);
}

const char *model_tz_name(const model_tz *tz)
{
    return tz->name;
}

/* ---- ISO 8601 ---- */

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
           c->month <= 12 && c->day >= 1 && c->day <= month_days(c->year, c->month);
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

model_status model_time_parse_ex(const char *text, const model_tz *tz, int64_t *out,
                                 int *has_offset, int32_t *offset_s, model_error *err)
{
    model_civil c;
    int has = 0;
    int32_t off = 0;
    const char *s = text;
    char q[72];
    iso_result r = text && parse_iso_date(&s, &c) ? parse_iso_clock(&s, &c) : ISO_BAD;
    if (r == ISO_OK && !parse_iso_offset(&s, &has, &off))
        r = ISO_BAD;
    if (r == ISO_BAD)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not an ISO 8601 time", quote(text, q));
    if (r == ISO_FRACTION)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' has a non-zero fraction of a second",
                               quote(text, q));
    if (!has && !tz)
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' has no UTC offset", quote(text, q));
    if (has)
        *out = model_days_from_civil(c.year, c.month, c.day) * DAY + c.hour * 3600 +
               c.minute * 60 + c.second - off;
    else
        *out = model_tz_from_civil(tz, &c);
    if (has_offset)
        *has_offset = has;
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
    char q[72];
    if (!text || !parse_iso_date(&s, &c) || *s != '\0')
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not an ISO 8601 date (YYYY-MM-DD)",
                               quote(text, q));
    *days = model_days_from_civil(c.year, c.month, c.day);
    return MODEL_OK;
}

char *model_time_format(const model_tz *tz, int64_t t, char *buf)
{
    t = clamp64(t, T_LIMIT);
    /* Whole minutes (LMT offsets carry seconds); the wall time shown is
     * t plus that rounded offset, so the string still denotes t exactly. */
    int64_t off_min = floor_div(model_tz_offset_at(tz, t) + 30, 60);
    model_civil c = civil_of_local(t + off_min * 60);
    int64_t a = off_min < 0 ? -off_min : off_min;
    snprintf(buf, MODEL_TIME_BUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month,
             c.day, c.hour, c.minute, c.second, off_min < 0 ? '-' : '+', (int)(a / 60),
             (int)(a % 60));
    return buf;
}
