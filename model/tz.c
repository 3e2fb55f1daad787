/* tz.c - IANA time zones from TZif data (RFC 8536), DST included.
 *
 * A zone is immutable: the transition instants of its TZif data in
 * ascending order, the UTC offset in force from each on, and the POSIX-TZ
 * footer rule that continues the table after its last transition. Every
 * conversion is integer arithmetic on int64_t seconds; nothing here reads a
 * file, TZ or calls localtime/mktime, so a zone may be shared between threads.
 *
 * Limits, by design:
 * - instants are clamped to +-MODEL_TIME_LIMIT before calendar arithmetic;
 * - leap-second records ("right/" zones) are skipped: their transition
 *   times are then read as POSIX time (at most ~27 s off). */
#include "model/tz.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400
#define T_LIMIT MODEL_TIME_LIMIT    /* instants are clamped to +-this (s) */
#define TZ_DATA_MAX MODEL_TZ_DATA_MAX /* bounds every count in a TZif header */
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

/* A transition of a zone: from `at` on, the UTC offset is `off`. */
typedef struct tz_trans {
    int64_t at;
    int32_t off;
} tz_trans;

struct model_tz {
    tz_trans *trans;   /* n_trans transitions, strictly ascending instants */
    int n_trans;
    int32_t off_first; /* before trans[0]: time type 0 (RFC 8536 section 3.2) */
    bool has_rule;     /* rule applies from trans[n_trans - 1] on (always if none) */
    tz_rule rule;
    char name[];       /* as given to model_tz_parse */
};

/* ---- arithmetic ---- */

static int64_t floor_div(int64_t a, int64_t b) /* b > 0 */
{
    return a / b - (a % b < 0);
}

static int64_t clamp64(int64_t v, int64_t limit)
{
    return v < -limit ? -limit : v > limit ? limit : v;
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
        return model_days_from_civil(year, 1, 1) + d->n - 1 + (d->n >= 60 && model_time_is_leap(year));
    if (d->kind == 'N')
        return model_days_from_civil(year, 1, 1) + d->n;
    int64_t first = model_days_from_civil(year, d->month, 1);
    int first_wday = (int)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    int mday = 1 + (d->wday - first_wday + 7) % 7 + (d->week - 1) * 7;
    while (mday > model_time_month_days(year, d->month)) /* week 5 means "last" */
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
        if (tz->trans[mid].at <= t)
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
    if (tz->has_rule && (n == 0 || t >= tz->trans[n - 1].at)) {
        int32_t off = rule_eval(&tz->rule, t, when);
        if (n > 0 && *when < tz->trans[n - 1].at)
            *when = tz->trans[n - 1].at;
        return off;
    }
    int i = last_at_or_before(tz, t);
    *when = i < 0 ? INT64_MIN : tz->trans[i].at;
    return i < 0 ? tz->off_first : tz->trans[i].off;
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
    return model_time_civil_of_local(t + model_tz_offset_at(tz, t));
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

int64_t model_tz_day_start(const model_tz *tz, int64_t days)
{
    model_civil c = {0, 0, 0, 0, 0, 0};
    model_civil_from_days(days, &c.year, &c.month, &c.day);
    return model_tz_from_civil(tz, &c);
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
        if (*counts[i] > TZ_DATA_MAX) /* bounds every size computed below */
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
    if (!tz->trans) {
        model_tz_free(tz);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
    }
    tz->n_trans = (int)n;
    if (v) {
        tz->off_first = (int32_t)be32(v->types);
        for (size_t i = 0; i < n; i++) {
            tz->trans[i].at = trans_time(v, (uint32_t)i);
            tz->trans[i].off = (int32_t)be32(v->types + 6 * (size_t)v->idx[i]);
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


/* ---- names, loading ---- */

model_status model_tz_error_unknown(model_error *err, const char *name)
{
    char q[MODEL_QUOTE_BUF];
    return model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s'", model_time_quote(name, q));
}

/* A name that can be looked up: [A-Za-z0-9_+-] components joined by '/',
 * none empty. No '.' at all, so no "..", and no leading '/': the lookup
 * stays inside the zone directory (and skips its *.tab, *.zi files). */
bool model_tz_name_is_valid(const char *name)
{
    if (!name)
        return false;
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

model_status model_tz_utc(model_tz **out, model_error *err)
{
    assert(out);
    *out = NULL;
    return build_zone(out, "UTC", NULL, err);
}

model_status model_tz_parse(model_tz **out, const char *name, const char *origin,
                            const void *data, size_t len, model_error *err)
{
    assert(out && name);
    *out = NULL;
    tzif_view *v = malloc(sizeof *v);
    if (!v)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
    model_status st;
    const char *why = parse_tzif(data, len, v);
    if (why)
        st = model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s' (%s: not a valid TZif file: %s)",
                             name, origin ? origin : name, why);
    else
        st = build_zone(out, name, v, err);
    free(v);
    return st;
}

void model_tz_free(model_tz *tz)
{
    if (!tz)
        return;
    free(tz->trans);
    free(tz);
}

const char *model_tz_name(const model_tz *tz)
{
    return tz->name;
}
