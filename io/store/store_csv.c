/* store_csv.c - CSV files of locations, technicians, shifts, absences and
 * jobs into the store (columns in docs/schema.md, rules in
 * store_import.h). Each row is checked completely, with a message naming
 * row and column, before anything is written; a bad row rolls back the
 * whole file. Times without a UTC offset are wall-clock times in the
 * database's time zone. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/formats/csv.h"
#include "io/formats/json_problem.h"
#include "io/store/store_csv_internal.h"
#include "io/store/store_import.h"
#include "io/store/store_internal.h"
#include "io/store/store_upsert.h"
#include "model/strmap.h"

/* "SRC: row N, column 'C': MESSAGE" */
model_status io_sc_bad(io_sc_ctx *c, int col, const char *fmt, ...)
{
    char msg[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col >= 0)
        return model_error_set(c->err, MODEL_ERR_INPUT, "%s: row %d, column '%s': %s", c->src,
                               c->t->row_number[c->r], c->t->header[col], msg);
    return model_error_set(c->err, MODEL_ERR_INPUT, "%s: row %d: %s", c->src,
                           c->t->row_number[c->r], msg);
}

void io_sc_trim(char *s)
{
    size_t n = strlen(s), a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* The trimmed cell of column col in the current row; "" when col < 0. */
const char *io_sc_cell(io_sc_ctx *c, int col)
{
    if (col < 0)
        return "";
    char *v = c->t->rows[c->r][col];
    io_sc_trim(v);
    return v;
}

bool io_sc_parse_int(const char *text, long long min, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end || errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* A decimal number; in a ';'-separated file (a European spreadsheet
 * export) a decimal comma is accepted too ("52,52"). */
bool io_sc_parse_num(const io_sc_ctx *c, const char *text, double *out)
{
    char buf[64];
    size_t n = strlen(text);
    if (n == 0 || n >= sizeof buf || strspn(text, "0123456789+-.,eE") != n)
        return false;
    memcpy(buf, text, n + 1);
    char *comma = strchr(buf, ',');
    if (comma) {
        if (c->t->delimiter != ';' || strchr(buf, '.') || strchr(comma + 1, ','))
            return false;
        *comma = '.';
    }
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end || errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Parses a time: an ISO 8601 date-time (a space instead of 'T' is
 * accepted), or "HH:MM[:SS]" on `date` when date is not NULL, or a date
 * alone when date_ok ("YYYY-MM-DD": its midnight, plus one day when
 * day_end). */
/* Number of ASCII digits at the start of s. */
static size_t digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* Rewrites what spreadsheets write into ISO 8601 (out holds 64 bytes):
 * "DD.MM.YYYY" (day and month of 1 or 2 digits) becomes "YYYY-MM-DD", an
 * hour of one digit ("8:00") gets its leading zero, and a space between
 * date and time becomes 'T'. Anything else is copied as it is. False for a
 * date with slashes, whose order (day or month first) cannot be told. */
static bool normalize_when(const char *in, char out[64])
{
    const char *p = in;
    size_t k = 0;
    size_t a = digits(p);
    if (a >= 1 && a <= 2 && p[a] == '/')
        return false;
    if (a >= 1 && a <= 2 && p[a] == '.') {
        size_t b = digits(p + a + 1);
        const char *y = p + a + 1 + b + 1;
        if (b >= 1 && b <= 2 && p[a + 1 + b] == '.' && digits(y) == 4) {
            k = (size_t)snprintf(out, 64, "%.4s-%s%.*s-%s%.*s", y, b == 1 ? "0" : "", (int)b,
                                 p + a + 1, a == 1 ? "0" : "", (int)a, p);
            p = y + 4;
        }
    } else if (a == 4 && p[4] == '-' && digits(p + 5) == 2 && p[7] == '-' && digits(p + 8) == 2) {
        memcpy(out, p, 10);
        k = 10;
        p += 10;
    }
    if (k > 0 && (*p == ' ' || *p == 'T')) {
        while (*p == ' ' || *p == 'T')
            p++;
        out[k++] = 'T';
    }
    if ((k == 0 || out[k - 1] == 'T') && digits(p) == 1 && p[1] == ':')
        out[k++] = '0';
    snprintf(out + k, 64 - k, "%s", p);
    return true;
}

model_status io_sc_parse_time(io_sc_ctx *c, int col, const char *raw, const char *date,
                              bool date_ok, bool day_end, int64_t *out)
{
    char buf[96], text[64];
    size_t n = strlen(raw);
    if (n == 0 || n >= 48)
        return io_sc_bad(c, col, "'%s' is not a time", raw);
    if (!normalize_when(raw, text))
        return io_sc_bad(c, col, "'%s': a date with slashes is ambiguous; write YYYY-MM-DD "
                           "(or DD.MM.YYYY)", raw);
    n = strlen(text);
    if (date && n <= 8 && strchr(text, ':') && !strchr(text, '-')) {
        snprintf(buf, sizeof buf, "%sT%s", date, text);
    } else if (n == 10 && text[4] == '-' && text[7] == '-') {
        if (!date_ok)
            return io_sc_bad(c, col, "'%s' is a date; a time is needed (YYYY-MM-DDTHH:MM)", text);
        int64_t days;
        model_error e = MODEL_ERROR_INIT;
        if (model_date_parse(text, &days, &e) != MODEL_OK)
            return io_sc_bad(c, col, "%s", e.msg);
        if (day_end)
            days++;
        char day[MODEL_DATE_BUF];
        snprintf(buf, sizeof buf, "%sT00:00", model_date_format(days, day));
    } else {
        snprintf(buf, sizeof buf, "%s", text);
        if (n > 10 && buf[10] == ' ')
            buf[10] = 'T';
    }
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(buf, c->tz, out, &e) != MODEL_OK)
        return io_sc_bad(c, col, "%s", e.msg);
    const char *clock = strchr(buf, 'T');
    if (!clock || !strpbrk(clock, "Zz+-"))
        c->wall_times++;
    return MODEL_OK;
}

/* Splits text (modified in place) at ';' into trimmed non-empty items. */
model_status io_sc_split_list(io_sc_ctx *c, int col, char *text, const char **items, int *n)
{
    *n = 0;
    for (char *p = text; p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        io_sc_trim(p);
        if (*p) {
            if (*n >= MAX_LIST)
                return io_sc_bad(c, col, "more than %d items", MAX_LIST);
            items[(*n)++] = p;
        }
        p = semi ? semi + 1 : NULL;
    }
    return MODEL_OK;
}

model_status io_sc_need_column(io_sc_ctx *c, int col, const char *name)
{
    if (col < 0)
        return model_error_set(c->err, MODEL_ERR_INPUT, "%s: row 1: no column '%s'", c->src, name);
    return MODEL_OK;
}

/* Checks that the id in column col is new in this file. */
model_status io_sc_unique_id(io_sc_ctx *c, model_strmap *seen, int col, const char *id)
{
    int prev = model_strmap_get(seen, id);
    if (prev >= 0)
        return io_sc_bad(c, col, "duplicate id '%s' (also in row %d)", id, c->t->row_number[prev]);
    model_status rc = model_strmap_put(seen, id, c->r);
    if (rc == MODEL_ERR_NOMEM)
        return model_error_set(c->err, MODEL_ERR_NOMEM, "out of memory");
    return MODEL_OK;
}

model_status io_sc_check_ref(io_sc_ctx *c, int col, const char *id, bool technician)
{
    bool has;
    model_status rc = technician ? io_store_upsert_has_technician(&c->u, id, &has, c->err)
                                 : io_store_upsert_has_location(&c->u, id, &has, c->err);
    if (rc != MODEL_OK)
        return rc;
    if (!has)
        return io_sc_bad(c, col, "unknown %s '%s'", technician ? "technician" : "location", id);
    return MODEL_OK;
}

void io_sc_count(io_store_import_stats *st, bool inserted)
{
    if (inserted)
        st->inserted++;
    else
        st->updated++;
}

static model_status import_locations(io_sc_ctx *c, io_store_import_stats *st)
{
    int cid = io_csv_column(c->t, "id"), clat = io_csv_column(c->t, "lat"),
        clon = io_csv_column(c->t, "lon"), caddr = io_csv_column(c->t, "address");
    model_status rc = io_sc_need_column(c, cid, "id");
    if (rc == MODEL_OK && (clat < 0) != (clon < 0))
        rc = io_sc_need_column(c, clat < 0 ? clat : clon, clat < 0 ? "lat" : "lon");
    model_strmap seen = MODEL_STRMAP_INIT;
    for (c->r = 0; rc == MODEL_OK && c->r < c->t->nrows; c->r++) {
        io_store_location_rec r = {0};
        r.id = io_sc_cell(c, cid);
        if (!r.id[0]) {
            rc = io_sc_bad(c, cid, "must not be empty");
            break;
        }
        if ((rc = io_sc_unique_id(c, &seen, cid, r.id)) != MODEL_OK)
            break;
        const char *lat = io_sc_cell(c, clat), *lon = io_sc_cell(c, clon);
        if (clat >= 0) {
            r.mask |= IO_LOC_COORDS;
            if (lat[0] || lon[0]) {
                r.has_coords = true;
                if (!io_sc_parse_num(c, lat, &r.lat) || r.lat < -90 || r.lat > 90) {
                    rc = io_sc_bad(c, clat, "'%s' is not a latitude (-90 to 90)", lat);
                    break;
                }
                if (!io_sc_parse_num(c, lon, &r.lon) || r.lon < -180 || r.lon > 180) {
                    rc = io_sc_bad(c, clon, "'%s' is not a longitude (-180 to 180)", lon);
                    break;
                }
            }
        }
        if (caddr >= 0) {
            r.mask |= IO_LOC_ADDRESS;
            r.address = io_sc_cell(c, caddr)[0] ? io_sc_cell(c, caddr) : NULL;
        }
        bool ins;
        if ((rc = io_store_upsert_location(&c->u, &r, &ins, c->err)) == MODEL_OK)
            io_sc_count(st, ins);
    }
    model_strmap_free(&seen);
    return rc;
}

static model_status import_technicians(io_sc_ctx *c, io_store_import_stats *st)
{
    int cid = io_csv_column(c->t, "id"), cname = io_csv_column(c->t, "name"),
        cskills = io_csv_column(c->t, "skills"), cstart = io_csv_column(c->t, "start_location"),
        cend = io_csv_column(c->t, "end_location"), ccap = io_csv_column(c->t, "capacity"),
        cmax = io_csv_column(c->t, "max_jobs_per_shift");
    model_status rc = io_sc_need_column(c, cid, "id");
    model_strmap seen = MODEL_STRMAP_INIT;
    const char *skills[MAX_LIST];
    int levels[MAX_LIST];
    for (c->r = 0; rc == MODEL_OK && c->r < c->t->nrows; c->r++) {
        io_store_technician_rec r = {0};
        r.max_jobs = -1;
        r.id = io_sc_cell(c, cid);
        if (!r.id[0]) {
            rc = io_sc_bad(c, cid, "must not be empty");
            break;
        }
        bool exists;
        if ((rc = io_sc_unique_id(c, &seen, cid, r.id)) != MODEL_OK ||
            (rc = io_store_upsert_has_technician(&c->u, r.id, &exists, c->err)) != MODEL_OK)
            break;
        if (cname >= 0) {
            r.mask |= IO_TECH_NAME;
            r.name = io_sc_cell(c, cname)[0] ? io_sc_cell(c, cname) : NULL;
        }
        if (io_sc_cell(c, cstart)[0]) {
            r.mask |= IO_TECH_START;
            r.start_location = io_sc_cell(c, cstart);
            if ((rc = io_sc_check_ref(c, cstart, r.start_location, false)) != MODEL_OK)
                break;
        } else if (!exists) {
            rc = cstart < 0 ? io_sc_bad(c, -1, "no column 'start_location' for the new technician '%s'", r.id)
                            : io_sc_bad(c, cstart, "must not be empty for the new technician '%s'", r.id);
            break;
        }
        if (cend >= 0) {
            r.mask |= IO_TECH_END;
            r.end_location = io_sc_cell(c, cend)[0] ? io_sc_cell(c, cend) : NULL;
            if (r.end_location && (rc = io_sc_check_ref(c, cend, r.end_location, false)) != MODEL_OK)
                break;
        }
        if (ccap >= 0) {
            r.mask |= IO_TECH_CAPACITY;
            const char *v = io_sc_cell(c, ccap);
            if (v[0] && (!io_sc_parse_num(c, v, &r.capacity) || r.capacity < 0)) {
                rc = io_sc_bad(c, ccap, "'%s' is not a number >= 0", v);
                break;
            }
        }
        if (cmax >= 0) {
            r.mask |= IO_TECH_MAX_JOBS;
            const char *v = io_sc_cell(c, cmax);
            long long m;
            if (v[0]) {
                if (!io_sc_parse_int(v, 0, 1000000, &m)) {
                    rc = io_sc_bad(c, cmax, "'%s' is not a whole number >= 0 (empty: no limit)", v);
                    break;
                }
                r.max_jobs = (int)m;
            }
        }
        if (cskills >= 0) {
            r.mask |= IO_TECH_SKILLS;
            r.skills = skills;
            r.skill_levels = levels;
            if ((rc = io_sc_skills(c, cskills, skills, levels, &r.nskills)) != MODEL_OK)
                break;
        }
        bool ins;
        if ((rc = io_store_upsert_technician(&c->u, &r, &ins, c->err)) == MODEL_OK)
            io_sc_count(st, ins);
    }
    model_strmap_free(&seen);
    return rc;
}

/* Breaks "EARLIEST/LATEST/DURATION_MIN;..." of a shift on `date`. */
static model_status parse_breaks(io_sc_ctx *c, int col, const char *date, model_break *out, int *n)
{
    const char *items[MAX_LIST];
    int k;
    model_status rc = io_sc_split_list(c, col, c->t->rows[c->r][col], items, &k);
    if (rc != MODEL_OK)
        return rc;
    if (k > MODEL_MAX_BREAKS_PER_SHIFT)
        return io_sc_bad(c, col, "more than %d breaks", MODEL_MAX_BREAKS_PER_SHIFT);
    for (int i = 0; i < k; i++) {
        char buf[200];
        snprintf(buf, sizeof buf, "%s", items[i]);
        char *a = buf, *b = strchr(a, '/'), *d = b ? strchr(b + 1, '/') : NULL;
        if (!b || !d)
            return io_sc_bad(c, col, "break '%s' is not EARLIEST/LATEST/DURATION_MIN", items[i]);
        *b++ = '\0';
        *d++ = '\0';
        io_sc_trim(a);
        io_sc_trim(b);
        io_sc_trim(d);
        if ((rc = io_sc_parse_time(c, col, a, date, false, false, &out[i].earliest)) != MODEL_OK ||
            (rc = io_sc_parse_time(c, col, b, date, false, false, &out[i].latest)) != MODEL_OK)
            return rc;
        double min;
        if (!io_sc_parse_num(c, d, &min) || min < 0 || min * 60 > (double)IO_JSON_MAX_DURATION_S)
            return io_sc_bad(c, col, "break duration '%s' is not a number of minutes >= 0", d);
        out[i].duration = llround(min * 60);
        if (out[i].latest < out[i].earliest)
            return io_sc_bad(c, col, "break '%s': latest is before earliest", items[i]);
    }
    *n = k;
    return MODEL_OK;
}

/* The date ("YYYY-MM-DD") that instant t falls on in tz: a shift's day. */
static void local_date(const model_tz *tz, int64_t t, char buf[MODEL_DATE_BUF])
{
    model_date_format(model_time_local_day(tz, t), buf);
}

/* The columns that shifts and absences both need. */
static model_status need_tech_start_end(io_sc_ctx *c, int ctech, int cstart, int cend)
{
    model_status rc = io_sc_need_column(c, ctech, "technician");
    if (rc == MODEL_OK)
        rc = io_sc_need_column(c, cstart, "start");
    if (rc == MODEL_OK)
        rc = io_sc_need_column(c, cend, "end");
    return rc;
}

static model_status import_shifts(io_sc_ctx *c, io_store_import_stats *st)
{
    int ctech = io_csv_column(c->t, "technician"), cdate = io_csv_column(c->t, "date"),
        cstart = io_csv_column(c->t, "start"), cend = io_csv_column(c->t, "end"),
        cbreaks = io_csv_column(c->t, "breaks"), cotmax = io_csv_column(c->t, "overtime_max_min"),
        cotcost = io_csv_column(c->t, "overtime_cost_s_per_min");
    model_status rc = need_tech_start_end(c, ctech, cstart, cend);
    if (rc == MODEL_OK && (cotmax < 0) != (cotcost < 0))
        rc = io_sc_need_column(c, -1, cotmax < 0 ? "overtime_max_min" : "overtime_cost_s_per_min");
    for (c->r = 0; rc == MODEL_OK && c->r < c->t->nrows; c->r++) {
        const char *tech = io_sc_cell(c, ctech), *date = io_sc_cell(c, cdate);
        if (!tech[0]) {
            rc = io_sc_bad(c, ctech, "must not be empty");
            break;
        }
        if ((rc = io_sc_check_ref(c, ctech, tech, true)) != MODEL_OK)
            break;
        int64_t start, end, days;
        model_error e = MODEL_ERROR_INIT;
        char iso[64];
        if (date[0] && !normalize_when(date, iso)) {
            rc = io_sc_bad(c, cdate, "'%s': a date with slashes is ambiguous; write YYYY-MM-DD "
                               "(or DD.MM.YYYY)", date);
            break;
        }
        if (date[0] && strlen(iso) > 11 && iso[10] == 'T' &&
            strspn(iso + 11, "0:") == strlen(iso + 11))
            iso[10] = '\0'; /* "2026-11-23 00:00": a date cell with its midnight */
        if (date[0] && (strlen(iso) != 10 || model_date_parse(iso, &days, &e) != MODEL_OK)) {
            rc = io_sc_bad(c, cdate, "'%s' is not a date (YYYY-MM-DD)", date);
            break;
        }
        if (date[0])
            date = iso;
        if ((rc = io_sc_parse_time(c, cstart, io_sc_cell(c, cstart), date[0] ? date : NULL, false, false,
                             &start)) != MODEL_OK ||
            (rc = io_sc_parse_time(c, cend, io_sc_cell(c, cend), date[0] ? date : NULL, false, false, &end)) !=
                MODEL_OK)
            break;
        if (end <= start && date[0] && strlen(io_sc_cell(c, cend)) <= 8) {
            /* "22:00" to "06:00": ends on the next day */
            char next[MODEL_DATE_BUF];
            model_date_format(days + 1, next);
            if ((rc = io_sc_parse_time(c, cend, io_sc_cell(c, cend), next, false, false, &end)) != MODEL_OK)
                break;
        }
        if (end < start) {
            rc = io_sc_bad(c, cend, "before the start");
            break;
        }
        char key[16];
        local_date(c->tz, start, key);
        model_break breaks[MODEL_MAX_BREAKS_PER_SHIFT];
        int nbreaks = 0;
        if (cbreaks >= 0 && (rc = parse_breaks(c, cbreaks, key, breaks, &nbreaks)) != MODEL_OK)
            break;
        model_soft_limit overtime = MODEL_SOFT_LIMIT_HARD;
        if (cotmax >= 0 && (rc = io_sc_soft_limit(c, cotmax, cotcost, &overtime)) != MODEL_OK)
            break;
        bool ins;
        if ((rc = io_store_upsert_shift(&c->u, tech, key, start, end, breaks, nbreaks,
                                        cotmax >= 0 ? &overtime : NULL, &ins, c->err)) ==
            MODEL_OK)
            io_sc_count(st, ins);
    }
    return rc;
}

static model_status import_absences(io_sc_ctx *c, io_store_import_stats *st)
{
    int ctech = io_csv_column(c->t, "technician"), cstart = io_csv_column(c->t, "start"),
        cend = io_csv_column(c->t, "end"), creason = io_csv_column(c->t, "reason");
    model_status rc = need_tech_start_end(c, ctech, cstart, cend);
    for (c->r = 0; rc == MODEL_OK && c->r < c->t->nrows; c->r++) {
        const char *tech = io_sc_cell(c, ctech);
        if (!tech[0]) {
            rc = io_sc_bad(c, ctech, "must not be empty");
            break;
        }
        int64_t start, end;
        if ((rc = io_sc_check_ref(c, ctech, tech, true)) != MODEL_OK ||
            (rc = io_sc_parse_time(c, cstart, io_sc_cell(c, cstart), NULL, true, false, &start)) != MODEL_OK ||
            (rc = io_sc_parse_time(c, cend, io_sc_cell(c, cend), NULL, true, true, &end)) != MODEL_OK)
            break;
        if (end <= start) {
            rc = io_sc_bad(c, cend, "not after the start");
            break;
        }
        const char *reason = io_sc_cell(c, creason);
        bool ins;
        if ((rc = io_store_upsert_absence(&c->u, tech, start, end, reason[0] ? reason : NULL, &ins,
                                          c->err)) == MODEL_OK)
            io_sc_count(st, ins);
    }
    return rc;
}

model_status io_store_import_csv(io_store *s, const char *source, const char *text, size_t len,
                                 io_store_kind kind, io_store_import_stats *stats,
                                 model_error *err)
{
    io_store_import_stats local = {kind, 0, 0, 0};
    io_sc_ctx c = {0};
    c.s = s;
    c.src = source;
    c.err = err;
    model_tz *tz = NULL;
    model_status rc = io_csv_parse(text, len, source, &c.t, err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_begin(s, err)) != MODEL_OK) {
        io_csv_free(c.t);
        return rc;
    }
    char tzname[128];
    if ((rc = io_store_timezone_name(s, tzname, sizeof tzname, err)) != MODEL_OK ||
        (!tzname[0] && kind != IO_STORE_KIND_LOCATIONS &&
         (rc = io_store_set_timezone(s, "UTC", err)) != MODEL_OK) ||
        (rc = io_store_load_timezone(s, &tz, err)) != MODEL_OK ||
        (rc = io_store_upsert_init(&c.u, s, err)) != MODEL_OK)
        goto done;
    c.tz = tz;
    switch (kind) {
    case IO_STORE_KIND_LOCATIONS: rc = import_locations(&c, &local); break;
    case IO_STORE_KIND_TECHNICIANS: rc = import_technicians(&c, &local); break;
    case IO_STORE_KIND_SHIFTS: rc = import_shifts(&c, &local); break;
    case IO_STORE_KIND_ABSENCES: rc = import_absences(&c, &local); break;
    case IO_STORE_KIND_JOBS: rc = io_sc_import_jobs(&c, &local); break;
    default:
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: not a CSV kind", source);
        break;
    }
done:
    io_store_upsert_fini(&c.u);
    if (rc == MODEL_OK)
        rc = io_store_commit(s, err);
    else
        io_store_rollback(s);
    local.wall_times = c.wall_times;
    if (rc == MODEL_OK && stats)
        *stats = local;
    model_tz_free(tz);
    io_csv_free(c.t);
    return rc;
}
