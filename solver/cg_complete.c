/* cg_complete.c - completion bounds for the pricing (cg.h): how much
 * reduced cost a route may still gain after a label, so that the
 * labelling of cg_pricing.c can drop labels that cannot beat what it has
 * found. On Solomon's type-2 instances (routes of 30-50 jobs over wide
 * windows) the exact labelling otherwise gives up at the LP's duals. */
#include <math.h>
#include <stdlib.h>

#include "solver/cg.h"

/* Buckets times candidates squared at most (else no bounds: the work of
 * building them, about 10 ns each, would be too much next to the
 * labelling; a problem of many groups builds once per group). */
#define CG_COMP_WORK 1e7

bool cg_completion_init(cg_completion *t, int njobs)
{
    *t = (cg_completion){0};
    t->pos = malloc((size_t)(njobs > 0 ? njobs : 1) * sizeof *t->pos);
    return t->pos != NULL;
}

void cg_completion_free(cg_completion *t)
{
    free(t->f);
    free(t->pos);
    *t = (cg_completion){0};
}

/* Enters value v of first job `first` (-1: the end; -2: none) into f. */
static void comp_offer(cg_comp *f, double v, int first)
{
    if (first == -2 || v == HUGE_VAL)
        return;
    if (first == f->s1) {
        if (v < f->v1)
            f->v1 = v;
    } else if (v < f->v1) {
        f->v2 = f->v1;
        f->s2 = f->s1;
        f->v1 = v;
        f->s1 = first;
    } else if (v < f->v2) {
        f->v2 = v;
        f->s2 = first;
    }
}

/* Completion bounds (Baldacci, Mingozzi and Roberti 2011 use such bounds
 * to prune labels): for each candidate i and time bucket b, a lower bound
 * F[i][b] on the reduced cost that any route may still add after leaving i
 * free at a time t in bucket b (from t0 + b * width on). It is the least
 * over paths that ignore loads, job limits, breaks, memory and repeats (a
 * relaxation of the elementary routes), computed backwards over
 * bucket starts: from i free at the start tb of b, the next job j starts
 * at its earliest window start at or after tb + travel and is free after
 * its duration, which is at least one bucket later (width <= the least
 * duration), so the recursion ends; tb is the earliest time of the bucket,
 * and every option of a later time is one of an earlier time, so F[i][b]
 * is at most the completion of any label in it. Paths that come straight
 * back to the job they left are left out: no elementary completion does,
 * and a label that dominates another ends at the same job, so the bound
 * of the one holds for the other's completions too. Cut duals only add
 * costs: left out. cg_pricing.c prunes a label when its cost plus F
 * reaches what it must beat. */
bool cg_completion_build(cg_completion *t, const cg_ctx *g, const sv_slot *s, const int *cand,
                         int nc, const cg_price_in *in)
{
    const sv_ctx *c = g->c;
    t->width = 0;
    int64_t mind = cg_least_duration(c, cand, nc), H = s->t1 - s->t0;
    if (nc == 0 || H <= 0 || mind <= 0)
        return true;
    int64_t nb = H / mind + 2;
    if ((double)nb * nc * nc > CG_COMP_WORK)
        return true; /* too fine for the work it would take: no pruning */
    size_t need = (size_t)nb * (size_t)nc;
    if (need > t->cap) {
        cg_comp *nf = realloc(t->f, need * sizeof *nf);
        if (!nf)
            return false;
        t->f = nf;
        t->cap = need;
    }
    for (int q = 0; q < nc; q++)
        t->pos[cand[q]] = q;
    /* per (bucket, candidate): the least value and its first job (-1: the
     * end), and the least with another first job (2-cycle elimination:
     * a path from i does not come straight back to i) */
    cg_comp *F = t->f;
    for (int64_t b = nb - 1; b >= 0; b--) {
        if (sv_now() >= in->deadline)
            return true; /* no time: no bounds (width 0) */
        int64_t tb = s->t0 + b * mind;
        for (int q = 0; q < nc; q++) {
            int i = cand[q], li = c->p->jobs[i].location;
            cg_comp f = {HUGE_VAL, HUGE_VAL, -2, -2};
            if (tb + sv_travel(c, li, s->eloc) <= s->t1)
                comp_offer(&f, cg_arc_cost(g, in->phase, li, s->eloc) - in->mu, -1);
            for (int r = 0; r < nc; r++) {
                int j = cand[r];
                if (j == i)
                    continue;
                const model_job *job = &c->p->jobs[j];
                int64_t st = sv_job_earliest(c, j, tb + sv_travel(c, li, job->location));
                if (st == SV_INF)
                    continue;
                int64_t nbk = (st + job->duration - s->t0) / mind;
                if (nbk >= nb)
                    continue; /* free after the shift: no completion */
                const cg_comp *n = &F[(size_t)nbk * nc + r];
                double after = n->s1 != i ? n->v1 : n->v2;
                comp_offer(&f, cg_arc_cost(g, in->phase, li, job->location) - in->pi[j] + after, j);
            }
            if (b + 1 < nb) { /* non-decreasing in time */
                const cg_comp *later = &F[(size_t)(b + 1) * nc + q];
                comp_offer(&f, later->v1, later->s1);
                comp_offer(&f, later->v2, later->s2);
            }
            F[(size_t)b * nc + q] = f;
        }
    }
    t->t0 = s->t0;
    t->width = mind;
    t->nb = (int)nb;
    t->nc = nc;
    return true;
}

double cg_completion_at(const cg_completion *t, int j, int64_t time)
{
    if (t->width == 0)
        return -HUGE_VAL;
    int64_t b = (time - t->t0) / t->width;
    if (b < 0)
        b = 0;
    if (b >= t->nb)
        return HUGE_VAL;
    return t->f[(size_t)b * t->nc + t->pos[j]].v1;
}
