/* op_or_opt.c - or-opt: a string of 2 or 3 jobs starting at u moves next
 * to v in another route, in front of v or after it, as it was or
 * reversed. Variant var: length 2 + var / 4, side (var / 2) % 2,
 * reversed var % 2. Exact search only. */
#include "solver/operator.h"

static bool ex_begin(sv_ls *L, sv_move *mv)
{
    mv->nvar = 8;
    return sv_ls_two_routes(L, mv);
}

/* The first variant of each length takes the string and prices its
 * removal; a string that runs past the route or over a break stops. */
static bool ex_gain(sv_ls *L, sv_move *mv)
{
    const sv_ctx *c = L->c;
    const sv_route *ru = &L->s->r[mv->ku];
    int len = 2 + mv->var / 4, side = (mv->var / 2) % 2, dir = mv->var % 2;
    if (mv->var % 4 == 0) {
        mv->stop = mv->iu + len > ru->n;
        if (mv->stop)
            return false;
        mv->pd = 0;
        for (int q = 0; q < len; q++) {
            mv->str[0][q] = ru->node[mv->iu + q];
            if (sv_is_break(mv->str[0][q]))
                mv->stop = true;
        }
        if (mv->stop)
            return false;
        for (int q = 0; q < len; q++) {
            mv->str[1][q] = mv->str[0][len - 1 - q];
            mv->pd += sv_ls_pen_delta(c, mv->str[0][q], mv->ku, mv->kv);
        }
        mv->len = len;
        mv->fixed = sv_replace_dtravel(c, ru, mv->iu, mv->iu + len, NULL, 0);
    }
    int pos = mv->iv + side;
    int64_t dins = sv_replace_dtravel(c, &L->s->r[mv->kv], pos, pos, mv->str[dir], len);
    mv->gain = -(mv->fixed + dins + mv->pd);
    return true;
}

static bool ex_is_valid(sv_ls *L, sv_move *mv)
{
    int pos = mv->iv + (mv->var / 2) % 2, len = mv->len;
    return sv_ls_valid_replace(L, 0, mv->ku, mv->iu, mv->iu + len, NULL, 0) &&
           sv_ls_valid_replace(L, 1, mv->kv, pos, pos, mv->str[mv->var % 2], len);
}

static bool ex_apply(sv_ls *L, const sv_move *mv)
{
    int pos = mv->iv + (mv->var / 2) % 2;
    return sv_ls_replace(L, mv->kv, pos, pos, mv->str[mv->var % 2], mv->len) &&
           sv_ls_replace(L, mv->ku, mv->iu, mv->iu + mv->len, NULL, 0);
}

const sv_operator sv_op_or_opt = {
    "or-opt",
    {ex_begin, ex_gain, ex_is_valid, ex_apply},
    {NULL, NULL, NULL, NULL},
};
