/* soft_fn.c - the suffix cost functions of extension 2 and the balance
 * totals (soft_fn.h). The backward pass keeps one working function F (a
 * constant and sorted hinges), the arrival range it holds for and the end
 * arrival as a max form, and transforms all three together by the two
 * operations a route's timing is made of: a shift (F(x + d)) and a clamp
 * (F(max(x, q))). */
#include <stdlib.h>
#include <string.h>

#include "solver/soft_fn.h"

/* Times are clamped to +-LIM, so that sums of two never overflow
 * (windows without bounds are MODEL_TIME_MIN and MODEL_TIME_MAX). */
#define LIM ((int64_t)1 << 61)

static int64_t clampt(int64_t v)
{
    return v < -LIM ? -LIM : v > LIM ? LIM : v;
}

static int64_t add(int64_t a, int64_t b)
{
    return clampt(clampt(a) + clampt(b));
}

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* The working function of the backward pass: F(x) = c0 + sum over the
 * hinges w[0..nw) (th ascending, slope in cs) of cs * max(0, x - th),
 * valid for lo < x <= hi; the end arrival is max(x + ep, eq). */
typedef struct pass {
    sv_soft_fn *f;
    double c0;
    size_t nw;
    int64_t lo, hi, ep, eq;
} pass;

/* F(x + d) */
static void shift(pass *P, int64_t d)
{
    for (size_t q = 0; q < P->nw; q++)
        P->f->work[q].th = add(P->f->work[q].th, -d);
    P->lo = add(P->lo, -d);
    P->hi = add(P->hi, -d);
    P->ep = add(P->ep, d);
}

/* F(max(x, at)): the hinges at or before `at` fold into one at `at`. */
static void clamp(pass *P, int64_t at)
{
    sv_soft_bp *w = P->f->work;
    double v = P->c0, s = 0;
    size_t q = 0;
    for (; q < P->nw && w[q].th <= at; q++) {
        v += w[q].cs * (double)(at - w[q].th);
        s += w[q].cs;
    }
    size_t keep = P->nw - q, first = s > 0 ? 1 : 0;
    if (keep > 0 && q != first)
        memmove(w + first, w + q, keep * sizeof *w);
    if (first)
        w[0] = (sv_soft_bp){at, s, 0};
    P->nw = keep + first;
    P->c0 = v;
    if (at > P->hi)
        P->hi = -LIM; /* no arrival keeps the later choices: none holds */
    if (at > P->lo)
        P->lo = -LIM;
    P->eq = max64(add(at, P->ep), P->eq);
}

static void bound(pass *P, int64_t lo, int64_t hi)
{
    P->lo = max64(P->lo, lo);
    P->hi = P->hi < hi ? P->hi : hi;
}

/* + slope * max(0, x - th); false when memory ran out. */
static bool hinge(pass *P, int64_t th, double slope)
{
    if (slope <= 0)
        return true;
    void *w = P->f->work;
    if (!sv_grow(&w, &P->f->cap_work, P->nw + 1, sizeof *P->f->work, 16))
        return false;
    P->f->work = w;
    size_t q = P->nw;
    while (q > 0 && P->f->work[q - 1].th > th)
        q--;
    memmove(P->f->work + q + 1, P->f->work + q, (P->nw - q) * sizeof *P->f->work);
    P->f->work[q] = (sv_soft_bp){clampt(th), slope, 0};
    P->nw++;
    return true;
}

/* Stores F as position k's function (cumulative slopes for the search). */
static bool save(pass *P, int k)
{
    sv_soft_fn *f = P->f;
    void *bp = f->bp;
    if (!sv_grow(&bp, &f->cap_bp, f->nbp + P->nw, sizeof *f->bp, 64))
        return false;
    f->bp = bp;
    sv_soft_at *at = &f->at[k];
    *at = (sv_soft_at){true, P->lo, P->hi, P->ep, P->eq, P->c0, at->pre, (int)f->nbp, (int)P->nw};
    double cs = 0, cst = 0;
    for (size_t q = 0; q < P->nw; q++) {
        cs += P->f->work[q].cs;
        cst += P->f->work[q].cs * (double)P->f->work[q].th;
        f->bp[f->nbp++] = (sv_soft_bp){P->f->work[q].th, cs, cst};
    }
    return true;
}

double sv_soft_late(const sv_ctx *c, int u, int64_t start)
{
    const model_job *j = &c->p->jobs[u];
    if (j->lateness.max_s < 0)
        return 0;
    return sv_soft_rate(j->lateness) * (double)model_job_late_s(j, start, NULL);
}

/* The breaks between job position k (or the start, k = -1) and the next
 * located position nx, backwards: each in the choice the route made
 * (travel first and take it on arrival, or take it here), which the
 * function then requires. */
static void breaks_back(const sv_ctx *c, const sv_soft_route *r, int k, int nx, pass *P)
{
    const sv_slot *s = &c->slots[r->slot];
    int nl = nx < r->n ? c->p->jobs[r->node[nx]].location : s->eloc;
    shift(P, sv_travel(c, r->fw[nx].loc, nl));
    for (int q = nx - 1; q > k; q--) {
        const model_break *b = &s->br[-r->node[q] - 1];
        sv_state st = r->fw[q];
        int64_t tr = sv_travel(c, st.loc, nl);
        shift(P, b->duration);
        clamp(P, b->earliest);
        if (nl == st.loc)
            continue;
        if (max64(st.t + tr, b->earliest) <= b->latest) { /* travelled first */
            bound(P, -LIM, b->latest);
            shift(P, tr);
        } else {
            bound(P, add(b->latest, -tr), LIM);
        }
    }
}

/* Whether job u keeps the max form (one window, one lateness reference). */
static bool one_window(const sv_ctx *c, int u)
{
    const model_job *j = &c->p->jobs[u];
    return c->win_n[u] == 1 && (j->lateness.max_s < 0 || j->nwindows <= 1);
}

bool sv_soft_fn_build(const sv_ctx *c, const sv_soft_route *r, sv_soft_fn *f)
{
    const sv_slot *s = &c->slots[r->slot];
    void *at = f->at;
    if (!sv_grow(&at, &f->cap_at, (size_t)r->n + 1, sizeof *f->at, 16))
        return false;
    f->at = at;
    f->nbp = 0;
    f->at[0].pre = 0;
    for (int q = 0; q < r->n; q++) {
        int u = r->node[q];
        double late = 0;
        if (u >= 0)
            late = sv_soft_late(c, u, r->fw[q + 1].t - c->p->jobs[u].duration);
        f->at[q + 1].pre = f->at[q].pre + late;
    }
    int64_t end = r->fw[r->n].t + sv_travel(c, r->fw[r->n].loc, s->eloc);
    f->total = f->at[r->n].pre + sv_soft_rate(s->ot) * (double)max64(0, end - s->tend);
    for (int q = 0; q <= r->n; q++)
        f->at[q].ok = false;
    pass P = {f, 0, 0, -LIM, LIM, 0, -LIM};
    if (!hinge(&P, s->tend, sv_soft_rate(s->ot)) || !save(&P, r->n))
        return false;
    int nx = r->n;
    for (int k = r->n - 1; k >= 0; k--) {
        int u = r->node[k];
        if (u < 0)
            continue;
        if (!one_window(c, u))
            return true; /* here and before: callers simulate */
        const model_job *j = &c->p->jobs[u];
        breaks_back(c, r, k, nx, &P);
        shift(&P, j->duration);
        if (j->lateness.max_s >= 0 && j->nwindows == 1 &&
            !hinge(&P, j->windows[0].end, sv_soft_rate(j->lateness)))
            return false;
        clamp(&P, c->win[c->win_off[u]].s);
        if (!save(&P, k))
            return false;
        nx = k;
    }
    return true;
}

bool sv_soft_fn_holds(const sv_soft_fn *f, int k, int64_t a)
{
    const sv_soft_at *at = &f->at[k];
    return at->ok && at->lo < a && a <= at->hi;
}

double sv_soft_fn_eval(const sv_soft_fn *f, int k, int64_t a)
{
    const sv_soft_at *at = &f->at[k];
    const sv_soft_bp *bp = f->bp + at->off;
    int lo = 0, hi = at->cnt; /* the first breakpoint at or after a */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (bp[mid].th < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return at->c0;
    return at->c0 + bp[lo - 1].cs * (double)a - bp[lo - 1].cst;
}

int64_t sv_soft_fn_end(const sv_soft_fn *f, int k, int64_t a)
{
    const sv_soft_at *at = &f->at[k];
    return max64(add(a, at->ep), at->eq);
}

bool sv_soft_fn_copy(sv_soft_fn *dst, const sv_soft_fn *src, int n)
{
    void *at = dst->at, *bp = dst->bp;
    if (!sv_grow(&at, &dst->cap_at, (size_t)n + 1, sizeof *dst->at, 16))
        return false;
    dst->at = at;
    if (!sv_grow(&bp, &dst->cap_bp, src->nbp, sizeof *dst->bp, 64))
        return false;
    dst->bp = bp;
    if (src->at)
        memcpy(dst->at, src->at, ((size_t)n + 1) * sizeof *dst->at);
    if (src->nbp)
        memcpy(dst->bp, src->bp, src->nbp * sizeof *dst->bp);
    dst->nbp = src->nbp;
    dst->total = src->total;
    return true;
}

void sv_soft_fn_free(sv_soft_fn *f)
{
    free(f->at);
    free(f->bp);
    free(f->work);
    memset(f, 0, sizeof *f);
}

/* ---- the balance totals ---- */

bool sv_balance_init(sv_balance *b, const sv_ctx *c)
{
    const model_problem *p = c->p;
    memset(b, 0, sizeof *b);
    if (c->balance <= 0)
        return true;
    b->at = malloc(((size_t)p->ntechnicians + 1) * sizeof *b->at);
    b->work = calloc((size_t)p->ntechnicians + 1, sizeof *b->work);
    if (!b->at || !b->work) {
        sv_balance_free(b);
        return false;
    }
    for (int t = 0; t < p->ntechnicians; t++)
        b->at[t] = p->technicians[t].nshifts > 0 ? b->n++ : -1;
    return true;
}

void sv_balance_add(sv_balance *b, const sv_ctx *c, int k, int64_t d)
{
    if (b->work && b->at[c->slots[k].tech] >= 0)
        b->work[b->at[c->slots[k].tech]] += d;
}

void sv_balance_reprice(sv_balance *b, const sv_ctx *c)
{
    b->cost = b->work ? model_balance_cost(c->balance, b->work, b->n) : 0;
}

int64_t sv_balance_try(sv_balance *b, const sv_ctx *c, int ka, int64_t da, int kb, int64_t db)
{
    if (!b->work)
        return 0;
    sv_balance_add(b, c, ka, da);
    if (kb >= 0)
        sv_balance_add(b, c, kb, db);
    int64_t cost = model_balance_cost(c->balance, b->work, b->n);
    sv_balance_add(b, c, ka, -da);
    if (kb >= 0)
        sv_balance_add(b, c, kb, -db);
    return cost;
}

void sv_balance_free(sv_balance *b)
{
    free(b->work);
    free(b->at);
    memset(b, 0, sizeof *b);
}
