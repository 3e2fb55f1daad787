/* check.c - the schedule checker: every rule of FORMAT.md, read exactly as
 * ../shared/tools/verify_schedule.py (the oracle) reads it, with the oracle's
 * messages.
 *
 * The walk mirrors the oracle's Checker class: job appearances are recorded
 * for every job stop of a route before the route itself is validated; a
 * route whose technician or shift is unknown, or whose stops cannot be
 * followed, is abandoned after one message, and then the summary's travel_s
 * and distance_m are not compared (the oracle's travel_known). Out-of-range
 * indices anywhere in the schedule are violations, never crashes; time
 * arithmetic saturates, so garbage instants cannot overflow.
 *
 * Markers left by a reader (io/formats/json_schedule.c). A schedule read from a file
 * may hold things the model cannot express (an unknown id, an unreadable
 * stop). The reader reports those itself and encodes them with the index
 * value MODEL_CHECK_REPORTED (-2):
 *   - route.technician == -2, or route.shift == -2: the route's technician or
 *     shift could not be resolved (reported); the route is abandoned;
 *   - route.stops[0].location == -2: the route's stops cannot be followed
 *     (reported); stops[1..] are JOB stops naming the known jobs it lists,
 *     which still count as appearing; technician and shift, when valid,
 *     still count as used;
 *   - stop.job == -2 on a JOB stop: an unknown job id (reported); the stop
 *     is a located stop serving no job, as in the oracle;
 *   - unassigned[i].job == -2: an unknown job id (reported); skipped.
 * Markers are honoured only when `out` already holds a violation when the
 * check starts (the reader's), so a marker can never make an invalid
 * schedule pass; otherwise -2 is an out-of-range index like any other.
 * A claimed summary field of INT_MIN (int fields) or INT64_MIN (int64
 * fields) means "missing or not an integer" and is always a mismatch. */
#include "model/check.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/tz.h"

#ifndef MODEL_CHECK_REPORTED
#define MODEL_CHECK_REPORTED (-2)
#endif

/* ---- report ------------------------------------------------------------ */

model_status model_report_add(model_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return MODEL_ERR_INTERNAL;
    char *msg = malloc((size_t)n + 1);
    if (!msg)
        return MODEL_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (r->n == r->cap) {
        int ncap = r->cap ? r->cap * 2 : 16;
        char **items = ncap > r->cap ? realloc(r->items, (size_t)ncap * sizeof *items) : NULL;
        if (!items) {
            free(msg);
            return MODEL_ERR_NOMEM;
        }
        r->items = items;
        r->cap = ncap;
    }
    r->items[r->n++] = msg;
    return MODEL_OK;
}

void model_report_clear(model_report *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        free(r->items[i]);
    free(r->items);
    r->items = NULL;
    r->n = r->cap = 0;
    memset(&r->totals, 0, sizeof r->totals);
}

/* ---- a growable string for messages built in pieces ---------------------- */

typedef struct sbuf {
    char *s;    /* NUL-terminated when len > 0 or after the first append */
    size_t len, cap;
    bool oom;   /* an append failed; s holds what fitted before */
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_add(sbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 128;
        while (ncap < b->len + (size_t)n + 1)
            ncap *= 2;
        char *s = realloc(b->s, ncap);
        if (!s) {
            b->oom = true;
            return;
        }
        b->s = s;
        b->cap = ncap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---- checker state -------------------------------------------------------- */

/* One place a job appears: route `index` (route >= 0) or unassigned[index]. */
typedef struct place {
    int job;
    int index;
    bool route;
} place;

/* One stop as the rules see it (the oracle's NS in read_stops). */
typedef struct view {
    model_stop_kind kind;
    int si;          /* index in the route's stops */
    int job;         /* job index, or -1 (also for an unknown job) */
    int loc;         /* location index; -1 for a break */
    int64_t arrival, begin, finish;
    char label[256]; /* "start", "end", "job J-1", "break at stops[3]" */
} view;

typedef struct checker {
    const model_problem *p;
    model_report *out;
    bool honour;         /* the reader's markers are trusted (out had items) */
    bool travel_known;   /* no route was abandoned */
    int64_t travel_s, distance_m;
    int routes_used;
    place *places;       /* every appearance, in the oracle's order */
    int nplaces, cap_places;
    int *used;           /* technician-shift slot -> route index + 1, or 0 */
    int *shift_base;     /* technician -> first slot in used */
    model_status st;     /* MODEL_ERR_NOMEM once an allocation failed */
} checker;

static void bad(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bad(checker *c, const char *fmt, ...)
{
    if (c->st != MODEL_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!msg) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (model_report_add(c->out, "%s", msg) != MODEL_OK)
        c->st = MODEL_ERR_NOMEM;
    free(msg);
}

static void add_place(checker *c, int job, int index, bool route)
{
    if (c->st != MODEL_OK)
        return;
    if (c->nplaces == c->cap_places) {
        if (c->cap_places > INT_MAX / 2) {
            c->st = MODEL_ERR_NOMEM;
            return;
        }
        int ncap = c->cap_places ? c->cap_places * 2 : 64;
        place *n = realloc(c->places, (size_t)ncap * sizeof *n);
        if (!n) {
            c->st = MODEL_ERR_NOMEM;
            return;
        }
        c->places = n;
        c->cap_places = ncap;
    }
    c->places[c->nplaces++] = (place){job, index, route};
}

/* ---- helpers ---------------------------------------------------------------- */

static int64_t sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

static int64_t sat_sub(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r))
        return b < 0 ? INT64_MAX : INT64_MIN;
    return r;
}

/* Instants from 0001-01-02 to 9999-12-30 format as ISO times; others (only
 * garbage from a programmatic schedule) as raw seconds. */
#define FMT_MIN_INSTANT (-62135596800LL + 86400)
#define FMT_MAX_INSTANT (253402300799LL - 86400)

typedef struct tbuf {
    char s[MODEL_TIME_BUF + 16];
} tbuf;

static tbuf fmt_time(const checker *c, int64_t t)
{
    tbuf b;
    if (c->p->tz && t >= FMT_MIN_INSTANT && t <= FMT_MAX_INSTANT)
        model_time_format(c->p->tz, t, b.s);
    else
        snprintf(b.s, sizeof b.s, "@%lld", (long long)t);
    return b;
}

/* A number as Python prints it where the value is integral (load, capacity);
 * otherwise the shortest %g that reads back the same. */
static void fmt_num(double x, char *buf, size_t size)
{
    if (isfinite(x) && x == floor(x) && fabs(x) < 1e16) {
        snprintf(buf, size, "%.0f", x);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static bool job_ok(const checker *c, int j)
{
    return j >= 0 && j < c->p->njobs;
}

static bool loc_ok(const checker *c, int l)
{
    return l >= 0 && l < c->p->nlocations;
}

static const char *loc_name(const checker *c, int l, char *buf, size_t size)
{
    if (loc_ok(c, l))
        snprintf(buf, size, "'%s'", c->p->locations[l].id);
    else
        snprintf(buf, size, "#%d", l);
    return buf;
}

/* Whether a reason is blank by Python's str.strip(): ASCII whitespace,
 * U+001C..U+001F, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000. */
static bool blank(const char *s)
{
    if (!s)
        return true;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        if (*u == ' ' || (*u >= 0x09 && *u <= 0x0d) || (*u >= 0x1c && *u <= 0x1f)) {
            u++;
        } else if (u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0)) {
            u += 2;
        } else if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80) {
            u += 3;
        } else if (u[0] == 0xe2 && u[1] == 0x80 &&
                   ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 || u[2] == 0xa9 ||
                    u[2] == 0xaf)) {
            u += 3;
        } else if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f) {
            u += 3;
        } else if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) {
            u += 3;
        } else {
            return false;
        }
    }
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- rule 1-3: one served job ---------------------------------------------- */

static void check_job(checker *c, const char *where, const view *v, const model_technician *tech,
                      int tech_index)
{
    const model_problem *p = c->p;
    const model_job *job = &p->jobs[v->job];

    /* rule 1: skills, listed sorted by name as the oracle does */
    if (!model_skillset_covers(&tech->skills, &job->skills)) {
        const char *names[MODEL_MAX_SKILLS];
        int n = 0;
        for (int i = 0; i < p->nskills && i < MODEL_MAX_SKILLS; i++)
            if (model_skillset_has(&job->skills, i) && !model_skillset_has(&tech->skills, i))
                names[n++] = p->skills[i] ? p->skills[i] : "?";
        qsort(names, (size_t)n, sizeof *names, cmp_str);
        sbuf b = {0};
        for (int i = 0; i < n; i++)
            sb_add(&b, "%s%s", i ? ", " : "", names[i]);
        bad(c, "%s: technician %s lacks skill(s) %s (rule 1)", where, tech->id,
            b.s ? b.s : "(unnamed)");
        free(b.s);
    }
    if (job->pinned >= 0 && job->pinned != tech_index)
        bad(c, "%s: is pinned to technician '%s' (rule 1)", where,
            job->pinned < p->ntechnicians ? p->technicians[job->pinned].id : "?");
    if (job->has_allowed) {
        bool in = false;
        int nallowed = job->allowed ? job->nallowed : 0;
        for (int a = 0; a < nallowed; a++)
            in |= job->allowed[a] == tech_index;
        if (!in) {
            const char **names = malloc((size_t)(nallowed > 0 ? nallowed : 1) * sizeof *names);
            if (!names) {
                c->st = MODEL_ERR_NOMEM;
                return;
            }
            int n = 0;
            for (int a = 0; a < nallowed; a++) {
                int t = job->allowed[a];
                if (t < 0 || t >= p->ntechnicians)
                    continue;
                bool dup = false;
                for (int k = 0; k < n; k++)
                    dup |= strcmp(names[k], p->technicians[t].id) == 0;
                if (!dup)
                    names[n++] = p->technicians[t].id;
            }
            qsort(names, (size_t)n, sizeof *names, cmp_str);
            sbuf b = {0};
            sb_add(&b, "[");
            for (int k = 0; k < n; k++)
                sb_add(&b, "%s'%s'", k ? ", " : "", names[k]);
            sb_add(&b, "]");
            bad(c, "%s: technician %s is not in allowed_technicians %s (rule 1)", where, tech->id,
                b.s ? b.s : "[]");
            free(b.s);
            free(names);
        }
    }
    int64_t length = sat_sub(v->finish, v->begin);
    if (length != job->duration)
        bad(c, "%s: start to end is %lld s, but the duration is %lld s", where, (long long)length,
            (long long)job->duration);
    if (v->arrival > v->begin)
        bad(c, "%s: arrival %s is after start %s", where, fmt_time(c, v->arrival).s,
            fmt_time(c, v->begin).s);
    /* rule 2: any window; none means any time */
    if (job->nwindows > 0 && job->windows) {
        bool in = false;
        for (int w = 0; w < job->nwindows && !in; w++)
            in = job->windows[w].start <= v->begin && v->begin <= job->windows[w].end;
        if (!in) {
            sbuf b = {0};
            for (int w = 0; w < job->nwindows; w++)
                sb_add(&b, "%s[%s, %s]", w ? ", " : "", fmt_time(c, job->windows[w].start).s,
                       fmt_time(c, job->windows[w].end).s);
            bad(c, "%s: start %s is in none of its windows %s (rule 2)", where,
                fmt_time(c, v->begin).s, b.s ? b.s : "");
            free(b.s);
        }
    }
    /* rule 3 */
    if (job->release != MODEL_TIME_MIN && v->begin < job->release)
        bad(c, "%s: start %s is before release %s (rule 3)", where, fmt_time(c, v->begin).s,
            fmt_time(c, job->release).s);
    if (job->deadline != MODEL_TIME_MAX && v->finish > job->deadline)
        bad(c, "%s: end %s is after deadline %s (rule 3)", where, fmt_time(c, v->finish).s,
            fmt_time(c, job->deadline).s);
}

/* ---- rule 4, 5 and the travel part of rule 6 --------------------------------- */

/* Whether a drive of `duration` fits in one gap left by the breaks (in
 * route order) within [depart, arrive]: the oracle's travel_fits. */
static bool travel_fits(int64_t depart, int64_t arrive, int64_t duration, const view *v,
                        const int *breaks, int nbreaks)
{
    int64_t free_from = depart;
    for (int i = 0; i < nbreaks; i++) {
        const view *b = &v[breaks[i]];
        int64_t until = b->begin < arrive ? b->begin : arrive;
        if (sat_sub(until, free_from) >= duration)
            return true;
        if (b->finish > free_from)
            free_from = b->finish;
    }
    return sat_sub(arrive, free_from) >= duration;
}

static void check_timeline(checker *c, const char *where, const view *v, int n,
                           const model_shift *shift)
{
    for (int i = 1; i < n; i++)
        if (v[i].begin < v[i - 1].finish)
            bad(c,
                "%s: %s begins %s before %s finishes %s (stops in time order, nothing overlaps; "
                "rule 4)",
                where, v[i].label, fmt_time(c, v[i].begin).s, v[i - 1].label,
                fmt_time(c, v[i - 1].finish).s);
    int *breaks = malloc((size_t)n * sizeof *breaks);
    if (!breaks) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    int last = 0, nbreaks = 0;
    for (int i = 1; i < n; i++) {
        if (v[i].kind == MODEL_STOP_BREAK) {
            breaks[nbreaks++] = i;
            continue;
        }
        int64_t duration = model_travel_duration(c->p, v[last].loc, v[i].loc);
        c->travel_s = sat_add(c->travel_s, duration);
        c->distance_m = sat_add(c->distance_m, model_travel_distance(c->p, v[last].loc, v[i].loc));
        if (v[i].arrival < sat_add(v[last].finish, duration))
            bad(c, "%s: %s: arrival %s is earlier than leaving %s at %s plus %lld s travel (rule 4)",
                where, v[i].label, fmt_time(c, v[i].arrival).s, v[last].label,
                fmt_time(c, v[last].finish).s, (long long)duration);
        else if (!travel_fits(v[last].finish, v[i].arrival, duration, v, breaks, nbreaks))
            bad(c, "%s: the %lld s drive from %s to %s does not fit in one gap between breaks (rule 6)",
                where, (long long)duration, v[last].label, v[i].label);
        last = i;
        nbreaks = 0;
    }
    free(breaks);
    if (v[0].finish < shift->start)
        bad(c, "%s: departs %s before the shift starts %s (rule 5)", where,
            fmt_time(c, v[0].finish).s, fmt_time(c, shift->start).s);
    if (v[n - 1].begin > shift->end)
        bad(c, "%s: arrives at the end %s after the shift ends %s (rule 5)", where,
            fmt_time(c, v[n - 1].begin).s, fmt_time(c, shift->end).s);
}

/* ---- rule 6: break stops matched to the shift's breaks ----------------------- */

typedef struct matching {
    const view *v;
    const int *taken;       /* view indices of the break stops */
    const model_shift *shift;
    int *owner;             /* shift break -> index into taken, or -1 */
    bool *seen;             /* shift break visited in this search */
} matching;

static bool fits_break(const view *s, const model_break *b)
{
    return b->earliest <= s->begin && s->begin <= b->latest &&
           sat_sub(s->finish, s->begin) >= b->duration;
}

/* Kuhn's augmenting path from break stop i; depth <= the shift's breaks. */
static bool augment(matching *m, int i)
{
    const view *s = &m->v[m->taken[i]];
    for (int bi = 0; bi < m->shift->nbreaks; bi++) {
        if (m->seen[bi] || !fits_break(s, &m->shift->breaks[bi]))
            continue;
        m->seen[bi] = true;
        if (m->owner[bi] < 0 || augment(m, m->owner[bi])) {
            m->owner[bi] = i;
            return true;
        }
    }
    return false;
}

static void check_breaks(checker *c, const char *where, const view *v, int n,
                         const model_shift *shift, bool serves_jobs)
{
    int nb = shift->breaks ? shift->nbreaks : 0;
    int *taken = malloc((size_t)n * sizeof *taken);
    int *owner = malloc((size_t)(nb ? nb : 1) * sizeof *owner);
    bool *seen = malloc((size_t)(nb ? nb : 1) * sizeof *seen);
    if (!taken || !owner || !seen) {
        c->st = MODEL_ERR_NOMEM;
        goto done;
    }
    int ntaken = 0;
    for (int i = 0; i < n; i++)
        if (v[i].kind == MODEL_STOP_BREAK)
            taken[ntaken++] = i;
    for (int b = 0; b < nb; b++)
        owner[b] = -1;
    model_shift sh = *shift;
    sh.nbreaks = nb;
    matching m = {v, taken, &sh, owner, seen};
    for (int i = 0; i < ntaken; i++) {
        memset(seen, 0, (size_t)(nb ? nb : 1) * sizeof *seen);
        if (!augment(&m, i)) {
            const view *s = &v[taken[i]];
            bad(c, "%s: %s (%s to %s) matches no break of the shift in start and length (rule 6)",
                where, s->label, fmt_time(c, s->begin).s, fmt_time(c, s->finish).s);
        }
    }
    if (serves_jobs)
        for (int b = 0; b < nb; b++)
            if (owner[b] < 0) {
                const model_break *br = &shift->breaks[b];
                int64_t minutes = br->duration >= 0 ? br->duration / 60
                                                    : -((-br->duration + 59) / 60);
                bad(c, "%s: break of %lld min starting within [%s, %s] is not taken (rule 6)", where,
                    (long long)minutes, fmt_time(c, br->earliest).s, fmt_time(c, br->latest).s);
            }
done:
    free(taken);
    free(owner);
    free(seen);
}

/* ---- one route ---------------------------------------------------------------- */

/* Fills v[0..n) from the route's stops (the oracle's read_stops). Returns
 * false when the route cannot be followed (after reporting why, unless the
 * reader did). */
static bool read_stops(checker *c, const char *where, const model_route *r,
                       const model_technician *tech, view *v)
{
    int n = r->nstops, last = n - 1;
    if (n < 2) {
        bad(c, "%s: 'stops' must be a list: start, jobs and breaks, end", where);
        return false;
    }
    static const char *const kinds[] = {"start", "job", "break", "end"};
    for (int si = 0; si < n; si++) {
        const model_stop *s = &r->stops[si];
        view *w = &v[si];
        int k = (int)s->kind;
        if (k < 0 || k > 3) {
            bad(c, "%s: stops[%d]: type %d is not start, job, break or end", where, si, k);
            return false;
        }
        if ((k == MODEL_STOP_START) != (si == 0) || (k == MODEL_STOP_END) != (si == last)) {
            bad(c, "%s: stops[%d]: a '%s' stop here, but a route is start, jobs and breaks, end",
                where, si, kinds[k]);
            return false;
        }
        memset(w, 0, sizeof *w);
        w->kind = (model_stop_kind)k;
        w->si = si;
        w->job = -1;
        w->loc = -1;
        char a[80], b[80];
        if (k == MODEL_STOP_START || k == MODEL_STOP_END) {
            snprintf(w->label, sizeof w->label, "%s", kinds[k]);
            w->arrival = w->begin = w->finish = s->start;
            w->loc = k == MODEL_STOP_START ? tech->start_location : tech->end_location;
            if (s->location != w->loc)
                bad(c, "%s: stops[%d]: location %s is not the %s's location %s", where, si,
                    loc_name(c, s->location, a, sizeof a), w->label,
                    loc_name(c, w->loc, b, sizeof b));
        } else if (k == MODEL_STOP_BREAK) {
            snprintf(w->label, sizeof w->label, "break at stops[%d]", si);
            w->begin = s->start;
            w->finish = s->end;
            w->arrival = w->begin;
        } else {
            if (job_ok(c, s->job)) {
                w->job = s->job;
                snprintf(w->label, sizeof w->label, "job %s", c->p->jobs[s->job].id);
                w->loc = c->p->jobs[s->job].location;
                if (s->location != w->loc)
                    bad(c, "%s: stops[%d]: location %s is not the %s's location %s", where, si,
                        loc_name(c, s->location, a, sizeof a), w->label,
                        loc_name(c, w->loc, b, sizeof b));
            } else {
                if (c->honour && s->job == MODEL_CHECK_REPORTED)
                    snprintf(w->label, sizeof w->label, "unknown job at stops[%d]", si);
                else
                    snprintf(w->label, sizeof w->label, "job #%d", s->job);
                w->loc = s->location;
            }
            w->begin = s->start;
            w->finish = s->end;
            w->arrival = s->arrival;
        }
        if (k != MODEL_STOP_BREAK && !loc_ok(c, w->loc)) {
            bad(c, "%s: stops[%d]: %s has no known location", where, si, w->label);
            return false;
        }
        if (w->finish < w->begin)
            bad(c, "%s: stops[%d]: %s ends before it starts", where, si, w->label);
    }
    return true;
}

static void check_route(checker *c, const model_schedule *s, int ri)
{
    const model_problem *p = c->p;
    const model_route *r = &s->routes[ri];
    int nstops = r->stops && r->nstops > 0 ? r->nstops : 0;
    int t = r->technician, k = r->shift;
    bool tech_ok = t >= 0 && t < p->ntechnicians;
    bool shift_ok = tech_ok && k >= 0 && k < p->technicians[t].nshifts &&
                    p->technicians[t].shifts;
    char where[320];
    if (tech_ok)
        snprintf(where, sizeof where, "route %d (%s, shift %d)", ri, p->technicians[t].id, k);
    else
        snprintf(where, sizeof where, "route %d (#%d, shift %d)", ri, t, k);
    bool marked = c->honour && nstops >= 1 && r->stops[0].location == MODEL_CHECK_REPORTED;

    /* every job stop counts as an appearance before the route is validated */
    for (int si = 0; si < nstops; si++) {
        const model_stop *st = &r->stops[si];
        if (st->kind != MODEL_STOP_JOB)
            continue;
        if (job_ok(c, st->job))
            add_place(c, st->job, ri, true);
        else if (!(c->honour && st->job == MODEL_CHECK_REPORTED))
            bad(c, "%s: stops[%d]: unknown job #%d", where, si, st->job);
    }
    if (!tech_ok || !shift_ok) {
        c->travel_known = false;
        bool reported = c->honour && (t == MODEL_CHECK_REPORTED || k == MODEL_CHECK_REPORTED);
        if (reported)
            return;
        if (!tech_ok)
            bad(c, "%s: unknown technician #%d", where, t);
        else
            bad(c, "%s: 'shift' %d is not an index into the %d shift(s) of %s", where, k,
                p->technicians[t].nshifts, p->technicians[t].id);
        return;
    }
    const model_technician *tech = &p->technicians[t];
    int slot = c->shift_base[t] + k;
    if (c->used[slot])
        bad(c, "%s: technician-shift already used by route %d", where, c->used[slot] - 1);
    c->used[slot] = ri + 1;
    if (marked) {
        c->travel_known = false;
        return;
    }

    view *v = malloc((size_t)(nstops ? nstops : 1) * sizeof *v);
    if (!v) {
        c->st = MODEL_ERR_NOMEM;
        return;
    }
    model_route rr = *r;
    rr.nstops = nstops;
    if (!read_stops(c, where, &rr, tech, v)) {
        c->travel_known = false;
        free(v);
        return;
    }
    int count = 0;
    double load = 0;
    for (int i = 0; i < nstops; i++) {
        if (v[i].kind != MODEL_STOP_JOB)
            continue;
        count++;
        if (v[i].job >= 0) {
            char jw[600];
            snprintf(jw, sizeof jw, "%s: %s", where, v[i].label);
            check_job(c, jw, &v[i], tech, t);
            load += p->jobs[v[i].job].load;
        }
    }
    if (count)
        c->routes_used++;
    const model_shift *shift = &tech->shifts[k];
    check_timeline(c, where, v, nstops, shift);
    check_breaks(c, where, v, nstops, shift, count > 0);
    if (tech->capacity > 0 && load > tech->capacity) {
        char a[64], b[64];
        fmt_num(load, a, sizeof a);
        fmt_num(tech->capacity, b, sizeof b);
        bad(c, "%s: load %s exceeds capacity %s (rule 7)", where, a, b);
    }
    if (tech->max_jobs >= 0 && count > tech->max_jobs)
        bad(c, "%s: %d jobs exceed max_jobs_per_shift %d (rule 7)", where, count, tech->max_jobs);
    free(v);
}

/* ---- appearances, totals, summary ------------------------------------------- */

/* Reports jobs that appear zero or several times and fills the totals. */
static void check_appearances(checker *c)
{
    const model_problem *p = c->p;
    int nj = p->njobs;
    int *count = calloc((size_t)nj + 1, sizeof *count);
    int *in_route = calloc((size_t)nj + 1, sizeof *in_route);
    int *first = malloc(((size_t)nj + 1) * sizeof *first);
    int *next = malloc(((size_t)c->nplaces + 1) * sizeof *next);
    int *tail = malloc(((size_t)nj + 1) * sizeof *tail);
    if (!count || !in_route || !first || !next || !tail) {
        c->st = MODEL_ERR_NOMEM;
        goto done;
    }
    for (int j = 0; j < nj; j++)
        first[j] = tail[j] = -1;
    for (int i = 0; i < c->nplaces; i++) {
        int j = c->places[i].job;
        next[i] = -1;
        if (first[j] < 0)
            first[j] = i;
        else
            next[tail[j]] = i;
        tail[j] = i;
        count[j]++;
        if (c->places[i].route)
            in_route[j] = 1;
    }
    /* the oracle lists route places before unassigned places */
    for (int j = 0; j < nj; j++) {
        if (count[j] == 0) {
            bad(c, "job %s: is neither in a route nor in 'unassigned'", p->jobs[j].id);
        } else if (count[j] > 1) {
            sbuf b = {0};
            int n = 0;
            for (int pass = 0; pass < 2; pass++)
                for (int i = first[j]; i >= 0; i = next[i]) {
                    if (c->places[i].route != (pass == 0))
                        continue;
                    if (c->places[i].route)
                        sb_add(&b, "%sroute %d", n++ ? "; " : "", c->places[i].index);
                    else
                        sb_add(&b, "%sunassigned[%d]", n++ ? "; " : "", c->places[i].index);
                }
            if (b.oom)
                c->st = MODEL_ERR_NOMEM;
            bad(c, "job %s: appears %d times (%s), but every job appears exactly once",
                p->jobs[j].id, count[j], b.s ? b.s : "");
            free(b.s);
        }
    }
    model_summary *t = &c->out->totals;
    memset(t, 0, sizeof *t);
    for (int j = 0; j < nj; j++) {
        if (in_route[j]) {
            t->assigned++;
        } else {
            t->unassigned++;
            t->unassigned_weight += model_job_weight(&p->jobs[j]);
        }
    }
    t->travel_s = c->travel_s;
    t->distance_m = c->distance_m;
    t->routes = c->routes_used;
done:
    free(count);
    free(in_route);
    free(first);
    free(next);
    free(tail);
}

static void compare_summary(checker *c, const model_summary *claimed)
{
    const model_summary *t = &c->out->totals;
    struct {
        const char *key;
        int64_t claimed, total;
        bool missing, travel;
    } rows[] = {
        {"assigned", claimed->assigned, t->assigned, claimed->assigned == INT_MIN, false},
        {"unassigned", claimed->unassigned, t->unassigned, claimed->unassigned == INT_MIN, false},
        {"unassigned_weight", claimed->unassigned_weight, t->unassigned_weight,
         claimed->unassigned_weight == INT64_MIN, false},
        {"travel_s", claimed->travel_s, t->travel_s, claimed->travel_s == INT64_MIN, true},
        {"distance_m", claimed->distance_m, t->distance_m, claimed->distance_m == INT64_MIN, true},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (rows[i].travel && !c->travel_known)
            continue; /* a route could not be followed, which is reported already */
        if (rows[i].missing)
            bad(c, "summary: %s is missing or not an integer, recomputed %lld", rows[i].key,
                (long long)rows[i].total);
        else if (rows[i].claimed != rows[i].total)
            bad(c, "summary: %s is %lld, recomputed %lld", rows[i].key, (long long)rows[i].claimed,
                (long long)rows[i].total);
    }
}

model_status model_check_schedule(const model_problem *p, const model_schedule *s,
                                  const model_summary *claimed, model_report *out,
                                  model_error *err)
{
    if (!p || !out)
        return model_error_set(err, MODEL_ERR_INTERNAL, "check: no problem or no report");
    if (!p->finished)
        return model_error_set(err, MODEL_ERR_INTERNAL, "check: the problem is not finished");
    static const model_schedule empty = {0};
    if (!s)
        s = &empty;
    checker c = {.p = p, .out = out, .honour = out->n > 0, .travel_known = true};

    int64_t slots = 0;
    c.shift_base = malloc((size_t)(p->ntechnicians ? p->ntechnicians : 1) * sizeof *c.shift_base);
    if (!c.shift_base)
        goto nomem;
    for (int t = 0; t < p->ntechnicians; t++) {
        c.shift_base[t] = (int)slots;
        slots += p->technicians[t].nshifts > 0 ? p->technicians[t].nshifts : 0;
        if (slots > INT_MAX)
            goto nomem;
    }
    c.used = calloc((size_t)(slots ? slots : 1), sizeof *c.used);
    if (!c.used)
        goto nomem;

    if (p->name && s->problem_name && strcmp(p->name, s->problem_name) != 0)
        bad(&c, "schedule: 'problem' is '%s', but the problem is named '%s'", s->problem_name,
            p->name);
    int nroutes = s->routes && s->nroutes > 0 ? s->nroutes : 0;
    for (int ri = 0; ri < nroutes && c.st == MODEL_OK; ri++)
        check_route(&c, s, ri);
    int nun = s->unassigned && s->nunassigned > 0 ? s->nunassigned : 0;
    for (int ui = 0; ui < nun && c.st == MODEL_OK; ui++) {
        const model_unassigned *u = &s->unassigned[ui];
        if (!job_ok(&c, u->job)) {
            if (!(c.honour && u->job == MODEL_CHECK_REPORTED))
                bad(&c, "unassigned[%d]: unknown job #%d", ui, u->job);
            continue;
        }
        add_place(&c, u->job, ui, false);
        if (blank(u->reason))
            bad(&c, "unassigned[%d] (job %s): needs a non-empty 'reason'", ui, p->jobs[u->job].id);
    }
    if (c.st == MODEL_OK)
        check_appearances(&c);
    if (c.st == MODEL_OK && claimed)
        compare_summary(&c, claimed);
    if (c.st != MODEL_OK)
        goto nomem;
    free(c.places);
    free(c.used);
    free(c.shift_base);
    return MODEL_OK;
nomem:
    free(c.places);
    free(c.used);
    free(c.shift_base);
    return model_error_set(err, MODEL_ERR_NOMEM, "check: out of memory");
}
