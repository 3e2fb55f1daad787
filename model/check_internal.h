/* check_internal.h - what the schedule checker's files (model/check.c, the
 * route walk and the summary; model/check_rules.c, rules 1-6 on one route;
 * model/check_text.c, message wording) share and nobody else includes.
 *
 * Ownership: a checker belongs to model_check_schedule, which creates it on
 * the stack and frees what it owns; the functions here only borrow it. A
 * failed allocation anywhere sets checker.st to MODEL_ERR_NOMEM, after
 * which every append is ignored. */
#ifndef FIELDPLAN_MODEL_CHECK_INTERNAL_H
#define FIELDPLAN_MODEL_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/check.h"
#include "model/tz.h"

/* A growable string for messages built in pieces. */
typedef struct sbuf {
    char *s;    /* NUL-terminated when len > 0 or after the first append */
    size_t len, cap;
    bool oom;   /* an append failed; s holds what fitted before */
} sbuf;

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
    model_summary sum;   /* over the routes followed: travel_s, distance_m,
                            routes and the extension-2 terms but balance
                            (the rest is filled when the walk ends) */
    place *places;       /* every appearance, in the oracle's order */
    int nplaces, cap_places;
    int *used;           /* technician-shift slot -> route index + 1, or 0 */
    int *shift_base;     /* technician -> first slot in used */
    model_status st;     /* MODEL_ERR_NOMEM once an allocation failed */
    int64_t *worked;     /* per technician: sum of its routes' end - start */
} checker;

/* ---- check.c ---- */

/* Appends a formatted violation to c->out. */
void mc_bad(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- check_text.c: how messages word things, as the oracle does ---- */

/* Appends formatted text to b (b->oom set on failure). */
void mc_sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct tbuf {
    char s[MODEL_TIME_BUF + 16];
} tbuf;

/* Instant t as the problem's local ISO time, or "@SECONDS" outside the
 * formattable range. */
tbuf mc_fmt_time(const checker *c, int64_t t);

/* A number as Python prints it (see check_text.c). */
void mc_fmt_num(double x, char *buf, size_t size);

/* Location l as "'ID'", or "#L" when out of range; returns buf. */
const char *mc_loc_name(const checker *c, int l, char *buf, size_t size);

/* Whether a reason is blank by Python's str.strip(). */
bool mc_blank(const char *s);

/* qsort comparator of C strings. */
int mc_cmp_str(const void *a, const void *b);

/* ---- check_rules.c: rules 1-6 on one route's stops ---- */

/* Rules 1-3 for the job stop v of technician tech (index tech_index). */
void mc_check_job(checker *c, const char *where, const view *v, const model_technician *tech,
                  int tech_index);

/* Rules 4, 5 and the travel part of rule 6 over the n stops v. */
void mc_check_timeline(checker *c, const char *where, const view *v, int n,
                       const model_shift *shift);

/* Rule 6: the route's break stops against the shift's breaks. */
void mc_check_breaks(checker *c, const char *where, const view *v, int n,
                     const model_shift *shift, bool serves_jobs);

/* ---- small inline helpers ---- */

static inline int64_t mc_sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

static inline int64_t mc_sat_sub(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r))
        return b < 0 ? INT64_MAX : INT64_MIN;
    return r;
}

static inline bool mc_job_ok(const checker *c, int j)
{
    return j >= 0 && j < c->p->njobs;
}

static inline bool mc_loc_ok(const checker *c, int l)
{
    return l >= 0 && l < c->p->nlocations;
}

#endif
