/* op_two_opt_star.c - 2-opt*: u's route goes on with v and what follows
 * it; v's route keeps what preceded v and goes on with what followed u.
 * One variant. */
#include "solver/operator.h"

/* ---- exact ---- */

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    sv_sol *s = L->s;
    mv->nvar = 1;
    mv->ku = s->where[mv->u];
    mv->kv = s->where[mv->v];
    if (mv->ku == mv->kv)
        return false;
    mv->na = sv_route_jobs(&s->r[mv->ku], L->a);
    mv->nb = sv_route_jobs(&s->r[mv->kv], L->b);
    mv->iu = mv->iv = 0;
    while (L->a[mv->iu] != mv->u)
        mv->iu++;
    while (L->b[mv->iv] != mv->v)
        mv->iv++;
    return true;
}

/* An O(1) travel test when both routes end at the same place, then the
 * travel of the two new sequences, which it leaves in L->tmp:
 * A' = a[0..ia] + b[ib..], B' = b[0..ib) + a[ia+1..]. */
static bool ex_gain(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    sv_sol *s = L->s;
    int ku = mv->ku, kv = mv->kv, ia = mv->iu, ib = mv->iv, ma = mv->na, mb = mv->nb;
    const sv_slot *su = &c->slots[ku], *sv = &c->slots[kv];
    int lu = sv_ls_loc(c, mv->u), lv = sv_ls_loc(c, mv->v);
    int su_loc = ia + 1 < ma ? sv_ls_loc(c, L->a[ia + 1]) : su->eloc;
    int pv_loc = ib > 0 ? sv_ls_loc(c, L->b[ib - 1]) : sv->sloc;
    if (su->eloc == sv->eloc && !c->soft) { /* soft: lateness may pay for more travel */
        int64_t d = (int64_t)sv_travel(c, lu, lv) + sv_travel(c, pv_loc, su_loc) -
                    sv_travel(c, lu, su_loc) - sv_travel(c, pv_loc, lv);
        if (d >= 0)
            return false;
    }
    int na = 0, nb = 0;
    int *A = L->tmp, *B = L->tmp + c->njobs + 1;
    for (int i = 0; i <= ia; i++)
        A[na++] = L->a[i];
    for (int i = ib; i < mb; i++)
        A[na++] = L->b[i];
    for (int i = 0; i < ib; i++)
        B[nb++] = L->b[i];
    for (int i = ia + 1; i < ma; i++)
        B[nb++] = L->a[i];
    int64_t old = s->r[ku].travel + s->r[kv].travel;
    int64_t pd = 0;
    for (int i = ib; i < mb; i++)
        pd += sv_ls_pen_delta(c, L->b[i], kv, ku);
    for (int i = ia + 1; i < ma; i++)
        pd += sv_ls_pen_delta(c, L->a[i], ku, kv);
    mv->ta = na;
    mv->tb = nb;
    mv->pd = pd;
    mv->gain = old - (sv_ls_seq_travel(c, ku, A, na) + sv_ls_seq_travel(c, kv, B, nb) + pd);
    return true;
}

/* Builds both routes in L->scratch. */
static bool ex_is_valid(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    int ku = mv->ku, kv = mv->kv, na = mv->ta, nb = mv->tb;
    const int *A = L->tmp, *B = L->tmp + c->njobs + 1;
    const sv_slot *su = &c->slots[ku], *sv = &c->slots[kv];
    for (int i = 0; i < na; i++)
        if (!sv_compat(c, A[i], ku))
            return false;
    for (int i = 0; i < nb; i++)
        if (!sv_compat(c, B[i], kv))
            return false;
    sv_route *ta = &L->scratch[0], *tb = &L->scratch[1];
    ta->slot = ku;
    tb->slot = kv;
    if (!sv_route_set_jobs(c, ta, A, na) || !sv_route_set_jobs(c, tb, B, nb))
        return false;
    if ((su->maxj >= 0 && ta->njobs > su->maxj) || (su->cap > 0 && ta->load > su->cap + 1e-9) ||
        (sv->maxj >= 0 && tb->njobs > sv->maxj) || (sv->cap > 0 && tb->load > sv->cap + 1e-9))
        return false;
    if (c->soft) { /* priced with the soft costs by ls.c try_move_soft */
        sv_ls_price_route(L, 0, ta);
        sv_ls_price_route(L, 1, tb);
        return true;
    }
    return ta->travel + tb->travel + mv->pd < L->s->r[ku].travel + L->s->r[kv].travel;
}

static bool ex_apply(sv_ls *L, const sv_move *mv)
{
    sv_sol *s = L->s;
    int ku = mv->ku, kv = mv->kv;
    const sv_route *ta = &L->scratch[0], *tb = &L->scratch[1];
    s->travel += ta->travel + tb->travel - (s->r[ku].travel + s->r[kv].travel);
    s->pen += mv->pd;
    if (!sv_route_copy(&s->r[ku], ta) || !sv_route_copy(&s->r[kv], tb))
        return false;
    sv_ls_set_where(s, &s->r[ku], ku);
    sv_ls_set_where(s, &s->r[kv], kv);
    return true;
}

/* ---- penalised: only tails without breaks change routes ---- */

static bool pe_begin(sv_pls *P, sv_move *mv)
{
    mv->nvar = 1;
    if (!sv_pls_locate(P, mv))
        return false;
    return !(P->r[mv->ku].lastbrk >= mv->iu + 1 || P->r[mv->kv].lastbrk >= mv->iv);
}

/* Cost of route k (R) keeping its units [0, i) and going on with other's
 * middle from j, then its own end with its breaks. */
SV_LSEG_INLINE double cost_tail_from(const sv_pls *P, int k, const sv_seg_route *R, int i,
                                     const sv_seg_route *other, int j, bool side)
{
    sv_lseg end = sv_lseg_with_breaks(P, k, R, R->m, sv_lseg_end(&P->c->slots[k], side), side);
    sv_lseg pre = sv_lseg_pre(R, i, side), mid = sv_lseg_mid(other, j, side), x;
    sv_lseg_cat3(P->c, &x, &pre, &mid, &end, side);
    return sv_lseg_cost(P, k, &x, side);
}

static SV_SIDE_NOINLINE double cost_tail_from_side(const sv_pls *P, int k, const sv_seg_route *R,
                                                   int i, const sv_seg_route *other, int j)
{
    return cost_tail_from(P, k, R, i, other, j, true);
}

static bool pe_gain(sv_pls *P, sv_move *mv)
{
    const sv_ctx *c = P->c;
    int ka = mv->ku, kb = mv->kv, i = mv->iu, j = mv->iv;
    const sv_seg_route *A = &P->r[ka], *B = &P->r[kb];
    int nbm = j + (A->m - i - 1);
    double ca = SV_SIDE(P, cost_tail_from, P, ka, A, i + 1, B, j);
    double cb = nbm == 0 ? 0 : SV_SIDE(P, cost_tail_from, P, kb, B, j, A, i + 1);
    double pd = 0;
    for (int q = j; q < B->m; q++)
        pd += (double)(sv_pen(c, B->job[q], ka) - sv_pen(c, B->job[q], kb));
    for (int q = i + 1; q < A->m; q++)
        pd += (double)(sv_pen(c, A->job[q], kb) - sv_pen(c, A->job[q], ka));
    mv->new_cost = ca + cb + pd;
    mv->old_cost = A->cost + B->cost;
    return true;
}

static bool pe_is_valid(sv_pls *P, sv_move *mv)
{
    const sv_ctx *c = P->c;
    int ka = mv->ku, kb = mv->kv, i = mv->iu, j = mv->iv;
    const sv_seg_route *A = &P->r[ka], *B = &P->r[kb];
    if (!sv_seg_room(c, ka, i + 1 + (B->m - j)) || !sv_seg_room(c, kb, j + (A->m - i - 1)))
        return false;
    for (int q = j; q < B->m; q++)
        if (!sv_seg_compat(c, B->job[q], ka))
            return false;
    for (int q = i + 1; q < A->m; q++)
        if (!sv_seg_compat(c, A->job[q], kb))
            return false;
    return true;
}

static bool pe_apply(sv_pls *P, const sv_move *mv)
{
    const sv_ctx *c = P->c;
    int ka = mv->ku, kb = mv->kv, i = mv->iu, j = mv->iv;
    const sv_seg_route *A = &P->r[ka], *B = &P->r[kb];
    /* A' = A[0..i] + B[j..], breaks: A's up to i, then A's end breaks */
    int n = 0;
    for (int q = 0; q <= i; q++) {
        P->tmp[n] = A->job[q];
        P->tnb[n++] = A->nb[q];
    }
    for (int q = j; q < B->m; q++) {
        P->tmp[n] = B->job[q];
        P->tnb[n++] = 0;
    }
    P->tnb[n] = A->nb[A->m];
    int m2 = 0;
    int *tb = P->tmp2, *tbn = P->tnb + (c->njobs + 2);
    for (int q = 0; q < j; q++) {
        tb[m2] = B->job[q];
        tbn[m2++] = B->nb[q];
    }
    for (int q = i + 1; q < A->m; q++) {
        tb[m2] = A->job[q];
        tbn[m2++] = 0;
    }
    tbn[m2] = m2 > 0 ? B->nb[B->m] : 0;
    return sv_seg_set_route(P, ka, P->tmp, n, P->tnb) && sv_seg_set_route(P, kb, tb, m2, tbn);
}

const sv_operator sv_op_two_opt_star = {
    "2-opt*",
    {ex_begin, ex_gain, ex_is_valid, ex_apply},
    {pe_begin, pe_gain, pe_is_valid, pe_apply},
};
