/* cg_cuts.c - subset-row cuts of the cost master (cg.h): their store and
 * their separation.
 *
 * A 3-row subset-row cut (Jepsen, Petersen, Spoorendonk and Pisinger 2008)
 * over jobs S = {a, b, c}: sum_r floor(|r & S| / 2) x_r <= 1. Separation
 * enumerates the triples of jobs served by fractional columns: the pair
 * sums P_ab = sum of x_r over the columns holding both a and b bound each
 * triple's left side from above (P_ab + P_ac + P_bc, counting a column
 * holding all three thrice), so only the triples where that exceeds 1 are
 * evaluated exactly. Which cuts are found decides only the bound's
 * strength, never its validity: every cut is valid for every schedule. */
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

#define CG_CUT_FRAC 1e-6  /* x_r in (this, 1 - this): fractional */
#define CG_CUT_MAX_JOBS 400 /* more jobs: no separation (n^2 pair sums) */

bool cg_cuts_init(cg_cuts *k, int njobs)
{
    memset(k, 0, sizeof *k);
    k->mask = calloc((size_t)(njobs > 0 ? njobs : 1), sizeof *k->mask);
    k->njobs = njobs;
    return k->mask != NULL;
}

void cg_cuts_free(cg_cuts *k)
{
    if (!k)
        return;
    free(k->mask);
    memset(k, 0, sizeof *k);
}

bool cg_cuts_add(cg_cuts *k, int a, int b, int c)
{
    if (k->n >= CG_MAX_CUTS)
        return false;
    int s = k->n++;
    k->job[s][0] = a;
    k->job[s][1] = b;
    k->job[s][2] = c;
    k->mask[a] |= 1ull << s;
    k->mask[b] |= 1ull << s;
    k->mask[c] |= 1ull << s;
    return true;
}

int cg_cuts_coef(const cg_cuts *k, int s, const int *jobs, int m)
{
    int in = 0;
    for (int i = 0; i < m; i++)
        in += (int)(k->mask[jobs[i]] >> s & 1u);
    return in / 2;
}

/* Whether {a, b, c} (sorted) is already a cut. */
static bool present(const cg_cuts *k, int a, int b, int c)
{
    for (int s = 0; s < k->n; s++)
        if (k->job[s][0] == a && k->job[s][1] == b && k->job[s][2] == c)
            return true;
    return false;
}

/* The fractional columns' data for one separation. */
typedef struct sep {
    int n;              /* jobs */
    int nf;             /* fractional columns */
    int *col;           /* their indices in g's columns */
    unsigned char *cnt; /* nf x n: visits of each job */
    double *pair;       /* n x n: P_ab (a < b) */
    int *jobs;          /* the jobs served by some fractional column */
    int njobs;
} sep;

static void sep_free(sep *S)
{
    free(S->col);
    free(S->cnt);
    free(S->pair);
    free(S->jobs);
}

/* Fills S from x. false: no memory. */
static bool sep_build(sep *S, const cg_ctx *g, const double *x)
{
    int n = g->c->njobs, nc = g->cols.set.n;
    memset(S, 0, sizeof *S);
    S->n = n;
    S->col = malloc((size_t)(nc > 0 ? nc : 1) * sizeof *S->col);
    S->jobs = malloc((size_t)(n > 0 ? n : 1) * sizeof *S->jobs);
    S->pair = calloc((size_t)n * (size_t)n + 1, sizeof *S->pair);
    if (!S->col || !S->jobs || !S->pair)
        return false;
    for (int r = 0; r < nc; r++)
        if (x[r] > CG_CUT_FRAC && x[r] < 1 - CG_CUT_FRAC)
            S->col[S->nf++] = r;
    S->cnt = calloc((size_t)S->nf * (size_t)n + 1, sizeof *S->cnt);
    if (!S->cnt)
        return false;
    for (int f = 0; f < S->nf; f++) {
        int r = S->col[f];
        const int *seq = sv_seqset_jobs(&g->cols.set, r);
        unsigned char *row = S->cnt + (size_t)f * (size_t)n;
        int len = g->cols.set.e[r].len, nd = 0;
        for (int i = 0; i < len; i++)
            if (row[seq[i]] < 255 && row[seq[i]]++ == 0)
                S->jobs[nd++] = seq[i]; /* its distinct jobs, for now */
        for (int i = 0; i < nd; i++)
            for (int q = 0; q < nd; q++)
                if (S->jobs[i] < S->jobs[q])
                    S->pair[(size_t)S->jobs[i] * (size_t)n + (size_t)S->jobs[q]] += x[r];
    }
    for (int j = 0; j < n; j++) {
        bool any = false;
        for (int f = 0; f < S->nf && !any; f++)
            any = S->cnt[(size_t)f * (size_t)n + (size_t)j] > 0;
        if (any)
            S->jobs[S->njobs++] = j;
    }
    return true;
}

/* The left side of the cut {a, b, c} at x. */
static double lhs(const sep *S, const double *x, int a, int b, int c)
{
    double v = 0;
    for (int f = 0; f < S->nf; f++) {
        const unsigned char *row = S->cnt + (size_t)f * (size_t)S->n;
        int in = row[a] + row[b] + row[c];
        if (in >= 2)
            v += (double)(in / 2) * x[S->col[f]];
    }
    return v;
}

int cg_cuts_separate(cg_cuts *k, const cg_ctx *g, const double *x, int max_new, double min_viol)
{
    int n = g->c->njobs;
    if (max_new > CG_MAX_CUTS - k->n)
        max_new = CG_MAX_CUTS - k->n;
    if (max_new <= 0 || n > CG_CUT_MAX_JOBS || n < 3)
        return 0;
    sep S;
    int *top = malloc((size_t)max_new * 3 * sizeof *top);
    int *code = malloc((size_t)max_new * sizeof *code);
    double *key = malloc((size_t)max_new * sizeof *key);
    int ntop = 0, added = -1;
    if (!sep_build(&S, g, x) || !top || !code || !key)
        goto done;
    const double *P = S.pair;
    for (int ia = 0; ia < S.njobs; ia++)
        for (int ib = ia + 1; ib < S.njobs; ib++) {
            int a = S.jobs[ia], b = S.jobs[ib];
            double ab = P[(size_t)a * (size_t)n + (size_t)b];
            for (int ic = ib + 1; ic < S.njobs; ic++) {
                int c = S.jobs[ic];
                double up = ab + P[(size_t)a * (size_t)n + (size_t)c] +
                            P[(size_t)b * (size_t)n + (size_t)c];
                if (up <= 1 + min_viol)
                    continue;
                double viol = lhs(&S, x, a, b, c) - 1;
                if (viol <= min_viol || (ntop == max_new && -viol >= key[ntop - 1]) ||
                    present(k, a, b, c))
                    continue;
                /* the triple's slot in top: the one that drops out, or a new one */
                int slot = ntop < max_new ? ntop : code[ntop - 1];
                top[slot * 3] = a;
                top[slot * 3 + 1] = b;
                top[slot * 3 + 2] = c;
                cg_top_insert(code, key, &ntop, max_new, slot, -viol);
            }
        }
    added = 0;
    for (int i = 0; i < ntop; i++) {
        const int *t = top + code[i] * 3;
        added += cg_cuts_add(k, t[0], t[1], t[2]);
    }
done:
    sep_free(&S);
    free(top);
    free(code);
    free(key);
    return added;
}

int cg_cuts_round(cg_cuts *k, cg_master *m, const cg_ctx *g, int max_new, double min_viol)
{
    double *x = malloc((size_t)(g->cols.set.n + 1) * sizeof *x);
    if (!x)
        return -1;
    int added = 0;
    if (cg_master_primal(m, x) == 1) /* else (GLPK failed): no cuts */
        added = cg_cuts_separate(k, g, x, max_new, min_viol);
    free(x);
    return added;
}
