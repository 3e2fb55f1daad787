/* op_swap.c - swap: jobs u and v, in two different routes, exchange
 * places. One variant. */
#include "solver/operator.h"

/* ---- exact ---- */

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    mv->nvar = 1;
    if (!sv_ls_two_routes(L, mv))
        return false;
    mv->pd = sv_ls_pen_delta(c, mv->u, mv->ku, mv->kv) + sv_ls_pen_delta(c, mv->v, mv->kv, mv->ku);
    return true;
}

static bool ex_gain(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    int64_t d1 = sv_replace_dtravel(c, &L->s->r[mv->ku], mv->iu, mv->iu + 1, &mv->v, 1);
    int64_t d2 = sv_replace_dtravel(c, &L->s->r[mv->kv], mv->iv, mv->iv + 1, &mv->u, 1);
    mv->gain = -(d1 + d2 + mv->pd);
    return true;
}

static bool ex_is_valid(sv_ls *L, sv_move *mv)
{
    return sv_ls_valid_replace(L, 0, mv->ku, mv->iu, mv->iu + 1, &mv->v, 1) &&
           sv_ls_valid_replace(L, 1, mv->kv, mv->iv, mv->iv + 1, &mv->u, 1);
}

static bool ex_apply(sv_ls *L, const sv_move *mv)
{
    return sv_ls_replace(L, mv->ku, mv->iu, mv->iu + 1, &mv->v, 1) &&
           sv_ls_replace(L, mv->kv, mv->iv, mv->iv + 1, &mv->u, 1);
}

/* ---- penalised ---- */

static bool pe_begin(sv_pls *P, sv_move *mv)
{
    mv->nvar = 1;
    return sv_pls_locate(P, mv);
}

static bool pe_gain(sv_pls *P, sv_move *mv)
{
    const sv_ctx *c = P->c;
    int u = mv->u, v = mv->v, ka = mv->ku, kb = mv->kv;
    mv->old_cost = P->r[ka].cost + P->r[kb].cost + (double)(sv_pen(c, u, ka) + sv_pen(c, v, kb));
    mv->new_cost = sv_seg_cost_replaced(P, ka, mv->iu, v) + sv_seg_cost_replaced(P, kb, mv->iv, u) +
                   (double)(sv_pen(c, u, kb) + sv_pen(c, v, ka));
    return true;
}

static bool pe_is_valid(sv_pls *P, sv_move *mv)
{
    return sv_seg_compat(P->c, mv->u, mv->kv) && sv_seg_compat(P->c, mv->v, mv->ku);
}

static bool pe_apply(sv_pls *P, const sv_move *mv)
{
    sv_seg_route *A = &P->r[mv->ku], *B = &P->r[mv->kv];
    A->job[mv->iu] = mv->v;
    B->job[mv->iv] = mv->u;
    A->dirty = B->dirty = true;
    sv_seg_refresh(P, mv->ku);
    sv_seg_refresh(P, mv->kv);
    return true;
}

const sv_operator sv_op_swap = {
    "swap",
    {ex_begin, ex_gain, ex_is_valid, ex_apply},
    {pe_begin, pe_gain, pe_is_valid, pe_apply},
};
