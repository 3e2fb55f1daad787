/* diff.c - KPIs and job changes between two schedules of (possibly) two
 * problems, matched by id, and carrying a schedule over to a changed
 * problem (diff.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* Day of shift k of technician t, and its rank among that day's shifts. */
static int64_t shift_day(const model_problem *p, int t, int k, int *ordinal)
{
    int64_t d = model_shift_day(p, t, k);
    int n = 0;
    for (int i = 0; i < k; i++)
        n += model_shift_day(p, t, i) == d;
    if (ordinal)
        *ordinal = n;
    return d;
}

/* The shift of technician t of p on day d with the given rank, or -1. */
static int find_shift(const model_problem *p, int t, int64_t d, int ordinal)
{
    for (int k = 0, n = 0; k < p->technicians[t].nshifts; k++)
        if (model_shift_day(p, t, k) == d && n++ == ordinal)
            return k;
    return -1;
}

/* The shift of p matching shift k of technician t of q, or -1 (tech in *pt). */
static int match_shift(const model_problem *q, int t, int k, const model_problem *p, int *pt)
{
    *pt = model_strmap_get(&p->technician_index, q->technicians[t].id);
    if (*pt < 0)
        return -1;
    int ord;
    int64_t d = shift_day(q, t, k, &ord);
    return find_shift(p, *pt, d, ord);
}


const char *model_change_kind_name(model_change_kind kind)
{
    switch (kind) {
    case MODEL_CHANGE_MOVED: return "moved";
    case MODEL_CHANGE_SHIFTED: return "shifted";
    case MODEL_CHANGE_UNASSIGNED: return "unassigned";
    case MODEL_CHANGE_ASSIGNED: return "assigned";
    case MODEL_CHANGE_ADDED: return "added";
    case MODEL_CHANGE_REMOVED: return "removed";
    }
    return "?";
}

static bool route_ok(const model_problem *p, const model_route *r)
{
    return r->technician >= 0 && r->technician < p->ntechnicians && r->shift >= 0 &&
           r->shift < p->technicians[r->technician].nshifts && r->nstops >= 2;
}

model_kpis model_kpis_compute(const model_problem *p, const model_schedule *s,
                              const model_problem *ref)
{
    model_summary sum = model_schedule_summarize(p, s);
    model_kpis k = {sum.assigned, p->njobs - sum.assigned, 0, sum.travel_s, sum.distance_m,
                    sum.routes, 0, 0};
    /* the unassigned weight over the problem's jobs not in a route */
    char *served = calloc((size_t)(p->njobs ? p->njobs : 1), 1);
    if (served) {
        for (int r = 0; r < s->nroutes; r++)
            for (int i = 0; i < s->routes[r].nstops; i++) {
                const model_stop *st = &s->routes[r].stops[i];
                if (st->kind == MODEL_STOP_JOB && st->job >= 0 && st->job < p->njobs)
                    served[st->job] = 1;
            }
        for (int j = 0; j < p->njobs; j++)
            if (!served[j])
                k.unassigned_weight += model_job_weight(&p->jobs[j]);
        free(served);
    } else {
        k.unassigned_weight = sum.unassigned_weight;
    }
    int64_t first = INT64_MAX, last = INT64_MIN;
    if (ref)
        for (int t = 0; t < ref->ntechnicians; t++)
            for (int i = 0; i < ref->technicians[t].nshifts; i++) {
                int64_t d = model_shift_day(ref, t, i);
                first = d < first ? d : first;
                last = d > last ? d : last;
            }
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (!route_ok(p, rt))
            continue;
        bool jobs = false;
        for (int i = 0; i < rt->nstops; i++)
            jobs |= rt->stops[i].kind == MODEL_STOP_JOB;
        if (!jobs)
            continue;
        int64_t dep = rt->stops[0].start, arr = rt->stops[rt->nstops - 1].start;
        k.working_s += arr - dep;
        if (!ref || ref == p)
            continue;
        int rtech, rk = match_shift(p, rt->technician, rt->shift, ref, &rtech);
        if (rk >= 0) {
            const model_shift *sh = &ref->technicians[rtech].shifts[rk];
            int64_t lo = dep > sh->start ? dep : sh->start, hi = arr < sh->end ? arr : sh->end;
            k.overtime_s += (arr - dep) - (hi > lo ? hi - lo : 0);
        } else {
            int64_t d = shift_day(p, rt->technician, rt->shift, NULL);
            if (d >= first && d <= last)
                k.overtime_s += arr - dep;
        }
    }
    return k;
}

/* Where a schedule serves each job of its problem. */
typedef struct placement {
    int *tech, *shift;
    int64_t *start;
    const char **reason; /* unassigned reason, or NULL */
} placement;

static void placement_free(placement *pl)
{
    free(pl->tech);
    free(pl->shift);
    free(pl->start);
    free(pl->reason);
}

static bool placement_build(const model_problem *p, const model_schedule *s, placement *pl)
{
    size_t n = (size_t)(p->njobs ? p->njobs : 1);
    pl->tech = malloc(n * sizeof *pl->tech);
    pl->shift = malloc(n * sizeof *pl->shift);
    pl->start = malloc(n * sizeof *pl->start);
    pl->reason = calloc(n, sizeof *pl->reason);
    if (!pl->tech || !pl->shift || !pl->start || !pl->reason)
        return false;
    for (int j = 0; j < p->njobs; j++)
        pl->tech[j] = pl->shift[j] = -1, pl->start[j] = 0;
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (!route_ok(p, rt))
            continue;
        for (int i = 0; i < rt->nstops; i++) {
            const model_stop *st = &rt->stops[i];
            if (st->kind == MODEL_STOP_JOB && st->job >= 0 && st->job < p->njobs) {
                pl->tech[st->job] = rt->technician;
                pl->shift[st->job] = rt->shift;
                pl->start[st->job] = st->start;
            }
        }
    }
    for (int i = 0; i < s->nunassigned; i++) {
        int j = s->unassigned[i].job;
        if (j >= 0 && j < p->njobs)
            pl->reason[j] = s->unassigned[i].reason;
    }
    return true;
}

static bool same_windows(const model_job *x, const model_job *y)
{
    if (x->nwindows != y->nwindows)
        return false;
    for (int i = 0; i < x->nwindows; i++)
        if (x->windows[i].start != y->windows[i].start || x->windows[i].end != y->windows[i].end)
            return false;
    return true;
}

/* Why job ja (served by ta/ka in pa) is not where it was in pb, when the
 * problems tell; "" when they do not. */
static void move_reason(const model_problem *pa, int ja, int ta, int ka, const model_problem *pb,
                        int jb, char *buf, size_t size)
{
    const char *tid = pa->technicians[ta].id;
    char date[16];
    model_shift_date(pa, ta, ka, date);
    int tb, kb = match_shift(pa, ta, ka, pb, &tb);
    buf[0] = '\0';
    if (tb < 0) {
        snprintf(buf, size, "%s is not in the plan any more", tid);
    } else if (kb < 0) {
        snprintf(buf, size, "%s has no shift on %s any more", tid, date);
    } else if (!model_job_allows_technician(pb, jb, tb)) {
        int miss = model_skillset_first_missing(&pb->technicians[tb].skills, &pb->jobs[jb].skills);
        if (miss >= 0)
            snprintf(buf, size, "%s lacks skill '%s' now", tid, pb->skills[miss]);
        else
            snprintf(buf, size, "%s may not serve it any more", tid);
    } else {
        const model_shift *sa = &pa->technicians[ta].shifts[ka];
        const model_shift *sb = &pb->technicians[tb].shifts[kb];
        const model_job *x = &pa->jobs[ja], *y = &pb->jobs[jb];
        if (sb->start > sa->start || sb->end < sa->end || sb->nbreaks > sa->nbreaks)
            snprintf(buf, size, "%s works less on %s now", tid, date);
        else if (x->duration != y->duration || !same_windows(x, y) || x->release != y->release ||
                 x->deadline != y->deadline || strcmp(pa->locations[x->location].id,
                                                      pb->locations[y->location].id) != 0)
            snprintf(buf, size, "the job changed");
    }
}

typedef struct sort_item {
    model_job_change c;
    const char *tech; /* a-side technician id, or NULL */
    const char *job;  /* job id */
} sort_item;

static int cmp_items(const void *x, const void *y)
{
    const sort_item *a = x, *b = y;
    if (!a->tech != !b->tech)
        return a->tech ? -1 : 1;
    if (a->tech) {
        int c = strcmp(a->tech, b->tech);
        if (c)
            return c;
        if (a->c.start_a != b->c.start_a)
            return a->c.start_a < b->c.start_a ? -1 : 1;
    }
    return strcmp(a->job, b->job);
}

static bool push(sort_item **items, int *n, int *cap, const sort_item *it)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 16;
        sort_item *grown = realloc(*items, (size_t)nc * sizeof *grown);
        if (!grown)
            return false;
        *items = grown;
        *cap = nc;
    }
    (*items)[(*n)++] = *it;
    return true;
}

static char *dup_or_null(const char *s, bool *ok)
{
    if (!s || !s[0])
        return NULL;
    char *d = strdup(s);
    if (!d)
        *ok = false;
    return d;
}

model_status model_diff_compute(const model_problem *pa, const model_schedule *sa,
                                const model_problem *pb, const model_schedule *sb,
                                model_diff **out, model_error *err)
{
    *out = NULL;
    model_diff *d = calloc(1, sizeof *d);
    placement A = {0}, B = {0};
    sort_item *items = NULL;
    int n = 0, cap = 0;
    bool ok = d && placement_build(pa, sa, &A) && placement_build(pb, sb, &B);
    if (ok) {
        d->a = model_kpis_compute(pa, sa, pa);
        d->b = model_kpis_compute(pb, sb, pa);
    }
    char why[256];
    for (int ja = 0; ok && ja < pa->njobs; ja++) {
        int jb = model_strmap_get(&pb->job_index, pa->jobs[ja].id);
        sort_item it = {{0, ja, jb, A.tech[ja], A.shift[ja], A.start[ja], -1, -1, 0, NULL},
                        A.tech[ja] >= 0 ? pa->technicians[A.tech[ja]].id : NULL,
                        pa->jobs[ja].id};
        if (jb >= 0) {
            it.c.tech_b = B.tech[jb];
            it.c.shift_b = B.shift[jb];
            it.c.start_b = B.start[jb];
        }
        if (jb < 0) {
            if (A.tech[ja] < 0)
                continue;
            it.c.kind = MODEL_CHANGE_REMOVED;
            it.c.reason = dup_or_null("not in the new plan", &ok);
        } else if (A.tech[ja] >= 0 && B.tech[jb] >= 0) {
            char da[16], db[16];
            bool same = strcmp(pa->technicians[A.tech[ja]].id, pb->technicians[B.tech[jb]].id) ==
                            0 &&
                        strcmp(model_shift_date(pa, A.tech[ja], A.shift[ja], da),
                               model_shift_date(pb, B.tech[jb], B.shift[jb], db)) == 0;
            int64_t delta = llabs(B.start[jb] - A.start[ja]);
            if (delta > MODEL_DIFF_SHIFT_S)
                d->appointments_changed++;
            if (same && delta <= MODEL_DIFF_SHIFT_S)
                continue;
            it.c.kind = same ? MODEL_CHANGE_SHIFTED : MODEL_CHANGE_MOVED;
            move_reason(pa, ja, A.tech[ja], A.shift[ja], pb, jb, why, sizeof why);
            it.c.reason = dup_or_null(why, &ok);
            if (same)
                d->shifted++;
            else
                d->moved++;
        } else if (A.tech[ja] >= 0) {
            it.c.kind = MODEL_CHANGE_UNASSIGNED;
            it.c.reason = dup_or_null(B.reason[jb] ? B.reason[jb] : "in no route", &ok);
            d->appointments_changed++;
        } else if (B.tech[jb] >= 0) {
            it.c.kind = MODEL_CHANGE_ASSIGNED;
        } else {
            continue;
        }
        if (ok && !push(&items, &n, &cap, &it)) {
            free(it.c.reason);
            ok = false;
        }
    }
    for (int jb = 0; ok && jb < pb->njobs; jb++) {
        if (model_strmap_get(&pa->job_index, pb->jobs[jb].id) >= 0)
            continue;
        sort_item it = {{MODEL_CHANGE_ADDED, -1, jb, -1, -1, 0, B.tech[jb], B.shift[jb],
                         B.start[jb], NULL},
                        NULL, pb->jobs[jb].id};
        if (B.tech[jb] < 0)
            it.c.reason = dup_or_null(B.reason[jb] ? B.reason[jb] : "in no route", &ok);
        if (ok && !push(&items, &n, &cap, &it)) {
            free(it.c.reason);
            ok = false;
        }
    }
    if (ok && n) {
        qsort(items, (size_t)n, sizeof *items, cmp_items);
        d->changes = malloc((size_t)n * sizeof *d->changes);
        ok = d->changes != NULL;
    }
    for (int i = 0; i < n; i++) {
        if (ok)
            d->changes[d->nchanges++] = items[i].c;
        else
            free(items[i].c.reason);
    }
    free(items);
    placement_free(&A);
    placement_free(&B);
    if (!ok) {
        model_diff_free(d);
        return nomem(err);
    }
    *out = d;
    return MODEL_OK;
}

void model_diff_free(model_diff *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nchanges; i++)
        free(d->changes[i].reason);
    free(d->changes);
    free(d);
}

model_status model_schedule_remap(const model_problem *a, const model_schedule *s,
                                  const model_problem *b, model_schedule **out, model_error *err)
{
    model_schedule *r = NULL;
    model_status st = model_schedule_create(&r, b, err);
    for (int i = 0; st == MODEL_OK && i < s->nroutes; i++) {
        const model_route *ra = &s->routes[i];
        if (!route_ok(a, ra))
            continue;
        int tb, kb = match_shift(a, ra->technician, ra->shift, b, &tb);
        if (kb < 0)
            continue;
        model_route *rb;
        if ((st = model_schedule_add_route(r, tb, kb, &rb, err)) != MODEL_OK)
            break;
        for (int k = 0; st == MODEL_OK && k < ra->nstops; k++) {
            model_stop stop = ra->stops[k];
            switch (stop.kind) {
            case MODEL_STOP_START: stop.location = b->technicians[tb].start_location; break;
            case MODEL_STOP_END: stop.location = b->technicians[tb].end_location; break;
            case MODEL_STOP_BREAK: break;
            case MODEL_STOP_JOB:
                if (stop.job < 0 || stop.job >= a->njobs)
                    continue;
                stop.job = model_strmap_get(&b->job_index, a->jobs[stop.job].id);
                if (stop.job < 0)
                    continue;
                stop.location = b->jobs[stop.job].location;
                break;
            }
            st = model_route_add_stop(rb, &stop, err);
        }
    }
    for (int i = 0; st == MODEL_OK && i < s->nunassigned; i++) {
        int j = s->unassigned[i].job;
        if (j < 0 || j >= a->njobs)
            continue;
        int jb = model_strmap_get(&b->job_index, a->jobs[j].id);
        if (jb >= 0)
            st = model_schedule_add_unassigned(r, jb, s->unassigned[i].reason, err);
    }
    if (st != MODEL_OK) {
        model_schedule_free(r);
        r = NULL;
    }
    *out = r;
    return st;
}
