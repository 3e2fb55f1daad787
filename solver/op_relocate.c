/* op_relocate.c - relocate: job u moves next to its neighbour v, in front
 * of it (variant 0) or after it (variant 1), in v's route or, when both
 * share a route, inside it. */
#include <string.h>

#include "solver/operator.h"

/* ---- exact ---- */

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    sv_sol *s = L->s;
    mv->nvar = 2;
    if (sv_ls_one_route(L, mv))
        return true; /* same route: on the job sequence */
    sv_ls_two_routes(L, mv);
    mv->fixed = sv_replace_dtravel(c, &s->r[mv->ku], mv->iu, mv->iu + 1, NULL, 0);
    mv->pd = sv_ls_pen_delta(c, mv->u, mv->ku, mv->kv);
    return true;
}

static bool ex_gain(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    if (mv->ku == mv->kv) {
        int n = 0, m = mv->na, side = mv->var;
        for (int i = 0; i < m; i++) {
            if (i == mv->iu)
                continue;
            if (i == mv->iv && side == 0)
                L->tmp[n++] = mv->u;
            L->tmp[n++] = L->a[i];
            if (i == mv->iv && side == 1)
                L->tmp[n++] = mv->u;
        }
        if (memcmp(L->tmp, L->a, (size_t)m * sizeof *L->a) == 0)
            return false;
        mv->gain = L->s->r[mv->ku].travel - sv_ls_seq_travel(c, mv->ku, L->tmp, m);
        return true;
    }
    int pos = mv->iv + mv->var;
    int64_t dins = sv_replace_dtravel(c, &L->s->r[mv->kv], pos, pos, &mv->u, 1);
    mv->gain = -(mv->fixed + dins + mv->pd);
    return true;
}

static bool ex_is_valid(sv_ls *L, sv_move *mv)
{
    if (mv->ku == mv->kv)
        return sv_ls_sequence_valid(L, mv->ku, L->tmp, mv->na);
    int pos = mv->iv + mv->var;
    return sv_ls_valid_replace(L, 0, mv->ku, mv->iu, mv->iu + 1, NULL, 0) &&
           sv_ls_valid_replace(L, 1, mv->kv, pos, pos, &mv->u, 1);
}

static bool ex_apply(sv_ls *L, const sv_move *mv)
{
    if (mv->ku == mv->kv)
        return sv_ls_sequence_apply(L, mv->ku);
    int pos = mv->iv + mv->var;
    return sv_ls_replace(L, mv->kv, pos, pos, &mv->u, 1) &&
           sv_ls_replace(L, mv->ku, mv->iu, mv->iu + 1, NULL, 0);
}

/* ---- penalised ---- */

bool sv_op_relocate_to(sv_pls *P, int u, int kb, int at)
{
    int ka = P->where[u], i = P->pos[u];
    int m = sv_seg_seq_without(P, ka, i, P->tmp, P->tnb);
    if (ka == kb) {
        if (at > i)
            at--;
        sv_seg_seq_insert(P->tmp, P->tnb, m, at, u);
        return sv_seg_set_route(P, ka, P->tmp, m + 1, P->tnb);
    }
    if (!sv_seg_set_route(P, ka, P->tmp, m, m > 0 ? P->tnb : NULL))
        return false;
    sv_seg_route *B = &P->r[kb];
    if (B->m == 0) {
        int bf;
        sv_seg_cost_alone(P, kb, u, &bf);
        int nb[2] = {bf ? P->c->slots[kb].nbr : 0, bf ? 0 : P->c->slots[kb].nbr};
        return sv_seg_set_route(P, kb, &u, 1, nb);
    }
    memcpy(P->tmp, B->job, (size_t)B->m * sizeof *P->tmp);
    memcpy(P->tnb, B->nb, (size_t)(B->m + 1) * sizeof *P->tnb);
    sv_seg_seq_insert(P->tmp, P->tnb, B->m, at, u);
    return sv_seg_set_route(P, kb, P->tmp, B->m + 1, P->tnb);
}

/* Travel change of moving job position i in front of unit `at` of the same
 * route (at not i or i + 1); breaks do not travel. */
static int64_t dist_moved_inside(const sv_pls *P, int k, int i, int at)
{
    const sv_seg_route *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = P->job_seg[R->job[i]].first;
    int p = sv_seg_loc_at(P, k, R, i - 1), n = sv_seg_loc_at(P, k, R, i + 1);
    int l = sv_seg_loc_at(P, k, R, at - 1), r = sv_seg_loc_at(P, k, R, at);
    return (int64_t)sv_travel(c, p, n) - sv_travel(c, p, u) - sv_travel(c, u, n) +
           sv_travel(c, l, u) + sv_travel(c, u, r) - sv_travel(c, l, r);
}

/* Cost of route k's sequence after moving its job at position i in front of
 * unit `at` (same route), breaks staying in their gaps. */
SV_LSEG_INLINE double cost_moved_inside(const sv_pls *P, int k, int i, int at, bool side)
{
    const sv_seg_route *R = &P->r[k];
    const sv_ctx *c = P->c;
    int u = R->job[i];
    /* units lo..hi of the new order: unit p serves job `from + p` but the
     * one unit that serves u */
    int lo = at > i ? i : at, hi = at > i ? at - 1 : i, upos = at > i ? at - 1 : at;
    int from = at > i ? 1 : -1;
    sv_lseg y = sv_lseg_pre(R, lo, side);
    for (int p = lo; p <= hi; p++) {
        int job = p == upos ? u : R->job[p + from];
        sv_lseg x = sv_lseg_with_breaks(P, k, R, p, sv_lseg_job(P, job, side), side);
        sv_lseg_cat(c, &y, &y, &x, side);
    }
    sv_lseg suf = sv_lseg_suf(R, hi + 1, side);
    sv_lseg_cat(c, &y, &y, &suf, side);
    return sv_lseg_cost(P, k, &y, side);
}

static SV_SIDE_NOINLINE double cost_moved_inside_side(const sv_pls *P, int k, int i, int at)
{
    return cost_moved_inside(P, k, i, at, true);
}

static bool pe_begin(sv_pls *P, sv_move *mv)
{
    const sv_ctx *c = P->c;
    int u = mv->u;
    mv->nvar = 2;
    if (sv_pls_locate(P, mv)) {
        int ka = mv->ku, kb = mv->kv;
        mv->base = P->r[ka].cost + P->r[kb].cost + (double)sv_pen(c, u, ka);
        mv->rem = sv_seg_cost_without(P, ka, mv->iu) + (double)sv_pen(c, u, kb);
    }
    return true;
}

static bool pe_gain(sv_pls *P, sv_move *mv)
{
    int at = mv->iv + mv->var, i = mv->iu, ka = mv->ku;
    if (ka != mv->kv) {
        mv->old_cost = mv->base;
        mv->new_cost = mv->rem + sv_seg_cost_with(P, mv->kv, at, mv->u);
        return true;
    }
    if (at == i || at == i + 1)
        return false;
    /* the penalties are never negative: a move that does not shorten the
     * route enough cannot pay */
    const sv_seg_route *R = &P->r[ka];
    sv_seg whole = sv_seg_cat(P->c, R->pre[0], R->suf[0]);
    /* (a balance cost may fall: then every order is priced) */
    if ((double)(whole.dist + dist_moved_inside(P, ka, i, at)) >= R->cost - SV_SEG_EPS &&
        !P->seen_work)
        return false;
    mv->old_cost = R->cost;
    mv->new_cost = SV_SIDE(P, cost_moved_inside, P, ka, i, at);
    return true;
}

static bool pe_is_valid(sv_pls *P, sv_move *mv)
{
    const sv_ctx *c = P->c;
    return mv->ku == mv->kv ||
           (sv_seg_compat(c, mv->u, mv->kv) && sv_seg_room(c, mv->kv, P->r[mv->kv].m + 1));
}

static bool pe_apply(sv_pls *P, const sv_move *mv)
{
    int at = mv->iv + mv->var;
    if (mv->ku != mv->kv)
        return sv_op_relocate_to(P, mv->u, mv->kv, at);
    /* the order cost_moved_inside priced, breaks in their gaps */
    sv_seg_route *R = &P->r[mv->ku];
    int m = R->m, n = 0, i = mv->iu;
    for (int q = 0; q < m; q++)
        if (q != i)
            P->tmp[n++] = R->job[q];
    int a = at > i ? at - 1 : at;
    memmove(P->tmp + a + 1, P->tmp + a, (size_t)(n - a) * sizeof *P->tmp);
    P->tmp[a] = mv->u;
    memcpy(P->tnb, R->nb, (size_t)(m + 1) * sizeof *P->tnb);
    return sv_seg_set_route(P, mv->ku, P->tmp, m, P->tnb);
}

const sv_operator sv_op_relocate = {
    "relocate",
    {ex_begin, ex_gain, ex_is_valid, ex_apply},
    {pe_begin, pe_gain, pe_is_valid, pe_apply},
};
