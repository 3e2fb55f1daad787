/* op_two_opt.c - 2-opt inside one route: the jobs after u through v are
 * served in reverse. One variant. */
#include <string.h>

#include "solver/operator.h"

/* ---- exact ---- */

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    sv_sol *s = L->s;
    mv->nvar = 1;
    mv->ku = mv->kv = s->where[mv->u];
    if (mv->ku != s->where[mv->v])
        return false;
    int m = sv_route_jobs(&s->r[mv->ku], L->a);
    mv->iu = mv->iv = -1;
    for (int i = 0; i < m; i++) {
        if (L->a[i] == mv->u)
            mv->iu = i;
        if (L->a[i] == mv->v)
            mv->iv = i;
    }
    mv->na = m;
    return mv->iv > mv->iu + 1;
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
    mv->ku = mv->kv = P->where[mv->u];
    if (mv->ku != P->where[mv->v])
        return false;
    mv->iu = P->pos[mv->u];
    mv->iv = P->pos[mv->v];
    return mv->iv > mv->iu + 1;
}

/* Prices the reversed order, which it leaves in P->tmp2 for apply. */
static bool pe_gain(sv_pls *P, sv_move *mv)
{
    int k = mv->ku, i = mv->iu, j = mv->iv;
    sv_seg_route *R = &P->r[k];
    const sv_slot *s = &P->c->slots[k];
    memcpy(P->tmp2, R->job, (size_t)R->m * sizeof *P->tmp2);
    for (int lo = i + 1, hi = j; lo < hi; lo++, hi--) {
        int t = P->tmp2[lo];
        P->tmp2[lo] = P->tmp2[hi];
        P->tmp2[hi] = t;
    }
    sv_seg x = R->suf[j + 1];
    for (int q = j; q > i; q--)
        x = sv_seg_cat(P->c, sv_seg_with_breaks(P, k, R, q, P->job_seg[P->tmp2[q]]), x);
    mv->new_cost = sv_seg_cost(P, s, sv_seg_cat(P->c, R->pre[i + 1], x));
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
