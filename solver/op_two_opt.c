/* op_two_opt.c - 2-opt inside one route: the jobs after u through v are
 * served in reverse. One variant. */
#include <string.h>

#include "solver/operator.h"

/* ---- exact ---- */

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    mv->nvar = 1;
    return sv_ls_one_route(L, mv) && mv->iv > mv->iu + 1;
}

static bool ex_gain(sv_ls *L, sv_move *mv)
{
    int m = mv->na;
    memcpy(L->tmp, L->a, (size_t)m * sizeof *L->a);
    for (int lo = mv->iu + 1, hi = mv->iv; lo < hi; lo++, hi--) {
        int t = L->tmp[lo];
        L->tmp[lo] = L->tmp[hi];
        L->tmp[hi] = t;
    }
    mv->gain = L->s->r[mv->ku].travel - sv_ls_seq_travel(L->c, mv->ku, L->tmp, m);
    return true;
}

static bool ex_is_valid(sv_ls *L, sv_move *mv)
{
    return sv_ls_sequence_valid(L, mv->ku, L->tmp, mv->na);
}

static bool ex_apply(sv_ls *L, const sv_move *mv)
{
    return sv_ls_sequence_apply(L, mv->ku);
}

/* ---- penalised ---- */

static bool pe_begin(sv_pls *P, sv_move *mv)
{
    mv->nvar = 1;
    return !sv_pls_locate(P, mv) && mv->iv > mv->iu + 1;
}

/* Cost of route k with its jobs in the order tmp2 from position i + 1 to j. */
SV_LSEG_INLINE double cost_reversed(const sv_pls *P, int k, int i, int j, bool side)
{
    const sv_seg_route *R = &P->r[k];
    sv_lseg x = sv_lseg_suf(R, j + 1, side);
    for (int q = j; q > i; q--) {
        sv_lseg y = sv_lseg_with_breaks(P, k, R, q, sv_lseg_job(P, P->tmp2[q], side), side);
        sv_lseg_cat(P->c, &x, &y, &x, side);
    }
    sv_lseg pre = sv_lseg_pre(R, i + 1, side);
    sv_lseg_cat(P->c, &x, &pre, &x, side);
    return sv_lseg_cost(P, k, &x, side);
}

static SV_SIDE_NOINLINE double cost_reversed_side(const sv_pls *P, int k, int i, int j)
{
    return cost_reversed(P, k, i, j, true);
}

/* Prices the reversed order, which it leaves in P->tmp2 for apply. */
static bool pe_gain(sv_pls *P, sv_move *mv)
{
    int k = mv->ku, i = mv->iu, j = mv->iv;
    sv_seg_route *R = &P->r[k];
    memcpy(P->tmp2, R->job, (size_t)R->m * sizeof *P->tmp2);
    for (int lo = i + 1, hi = j; lo < hi; lo++, hi--) {
        int t = P->tmp2[lo];
        P->tmp2[lo] = P->tmp2[hi];
        P->tmp2[hi] = t;
    }
    mv->new_cost = SV_SIDE(P, cost_reversed, P, k, i, j);
    mv->old_cost = R->cost;
    return true;
}

static bool pe_is_valid(sv_pls *P, sv_move *mv)
{
    (void)P;
    (void)mv;
    return true; /* the same jobs on the same route */
}

static bool pe_apply(sv_pls *P, const sv_move *mv)
{
    sv_seg_route *R = &P->r[mv->ku];
    memcpy(R->job, P->tmp2, (size_t)R->m * sizeof *R->job);
    R->dirty = true;
    sv_seg_refresh(P, mv->ku);
    return true;
}

const sv_operator sv_op_two_opt = {
    "2-opt",
    {ex_begin, ex_gain, ex_is_valid, ex_apply},
    {pe_begin, pe_gain, pe_is_valid, pe_apply},
};
