/* cg_master.c - the restricted master of the column generation (cg.h) as
 * a GLPK problem: its LP (primal simplex, warm-started as columns arrive)
 * and the integer problem over its rule-keeping columns.
 *
 * GLPK is called from this file and pool.c only, each call through mip.h:
 * its terminal output is off, a fatal error is caught (the GLPK
 * environment is then freed and this master is unusable: every later call
 * returns -1), and every simplex and MIP solve is bounded by a time limit
 * (the interior point method, which has none, only by the LP's size).
 *
 * GLPK columns: 1..njobs are the unassigned variables y_j, then one per
 * route column of g->cols in order. Rows: 1..njobs the jobs (= 1), then
 * the groups (<= cap), then in CG_PH_COST the weight row (<= W), then
 * the subset-row cuts (<= 1) in the order of the cg_cuts given. */
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"
#include "solver/mip.h"

#define CG_CENTRAL_ROWS 400
#define CG_CENTRAL_NZ 2000000

struct cg_master {
    const cg_ctx *g;
    int phase;
    int64_t W;
    glp_prob *lp;
    int ncols_in;   /* route columns loaded */
    bool broken;    /* a GLPK error freed the environment */
    bool central;   /* duals from the interior point method (cg_master_central) */
    const cg_cuts *cuts; /* the cuts (cg_master_set_cuts; NULL: none) */
    int ncuts_in;   /* cuts loaded as rows */
    double sigma[CG_MAX_CUTS]; /* their duals at the last solve */
};

/* The GLPK row of cut s. */
static int cut_row(const cg_master *m, int s)
{
    return m->g->c->njobs + m->g->ng + (m->phase == CG_PH_COST ? 1 : 0) + s + 1;
}

/* The GLPK problem of a new master (inside sv_mip_guarded). */
static int build_lp(void *arg)
{
    cg_master *m = arg;
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, phase = m->phase;
    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MIN);
    int rows = nj + g->ng + (phase == CG_PH_COST ? 1 : 0);
    if (rows > 0)
        glp_add_rows(m->lp, rows);
    for (int j = 0; j < nj; j++)
        glp_set_row_bnds(m->lp, j + 1, GLP_FX, 1, 1);
    for (int q = 0; q < g->ng; q++)
        glp_set_row_bnds(m->lp, nj + q + 1, GLP_UP, 0, g->g[q].cap);
    if (phase == CG_PH_COST)
        glp_set_row_bnds(m->lp, rows, GLP_UP, 0, (double)m->W);
    if (nj > 0) {
        glp_add_cols(m->lp, nj);
        for (int j = 0; j < nj; j++) {
            int ind[3] = {0, j + 1, rows};
            double val[3] = {0, 1, (double)g->w[j]};
            glp_set_col_bnds(m->lp, j + 1, GLP_DB, 0, 1);
            glp_set_obj_coef(m->lp, j + 1, phase == CG_PH_WEIGHT ? (double)g->w[j] : 0);
            glp_set_mat_col(m->lp, j + 1, phase == CG_PH_COST ? 2 : 1, ind, val);
        }
    }
    return 0;
}

cg_master *cg_master_create(const cg_ctx *g, int phase, int64_t W)
{
    cg_master *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->g = g;
    m->phase = phase;
    m->W = W;
    if (sv_mip_guarded(build_lp, m) == SV_MIP_FATAL) {
        free(m);
        return NULL;
    }
    return m;
}

static int delete_lp(void *arg)
{
    glp_delete_prob(arg);
    return 0;
}

void cg_master_free(cg_master *m)
{
    if (!m)
        return;
    if (m->lp && !m->broken)
        sv_mip_guarded(delete_lp, m->lp);
    free(m);
}

/* After sv_mip_guarded: a fatal GLPK error took the LP with the
 * environment, and the master is unusable. */
static int fatal_check(cg_master *m, int result)
{
    if (result != SV_MIP_FATAL)
        return result;
    m->broken = true;
    m->lp = NULL;
    return -1;
}

/* Loads the route columns not yet in the LP (inside a guarded call). */
static bool load_new_columns(cg_master *m)
{
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, add = g->cols.set.n - m->ncols_in;
    if (add <= 0)
        return true;
    int rows = nj + g->ng + (m->phase == CG_PH_COST ? 1 : 0) + m->ncuts_in;
    int *ind = malloc((size_t)(rows + 2) * sizeof *ind);
    double *val = malloc((size_t)(rows + 2) * sizeof *val);
    int *cnt = calloc((size_t)nj + 1, sizeof *cnt);
    if (!ind || !val || !cnt) {
        free(ind);
        free(val);
        free(cnt);
        return false;
    }
    int first = glp_add_cols(m->lp, add);
    for (int r = m->ncols_in; r < g->cols.set.n; r++) {
        const sv_seq *q = &g->cols.set.e[r];
        const int *seq = sv_seqset_jobs(&g->cols.set, r);
        int n = 0;
        for (int i = 0; i < q->len; i++)
            if (cnt[seq[i]]++ == 0)
                ind[++n] = seq[i] + 1;
        for (int k = 1; k <= n; k++) {
            val[k] = cnt[ind[k] - 1];
            cnt[ind[k] - 1] = 0;
        }
        n++;
        ind[n] = nj + q->key + 1;
        val[n] = 1;
        for (int s = 0; s < m->ncuts_in; s++) {
            int coef = cg_cuts_coef(m->cuts, s, seq, q->len);
            if (coef > 0) {
                ind[++n] = cut_row(m, s);
                val[n] = coef;
            }
        }
        int col = first + (r - m->ncols_in);
        glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
        glp_set_obj_coef(m->lp, col, m->phase == CG_PH_COST ? (double)g->cols.col[r].cost : 0);
        glp_set_mat_col(m->lp, col, n, ind, val);
    }
    m->ncols_in = g->cols.set.n;
    free(ind);
    free(val);
    free(cnt);
    return true;
}

/* Loads the cuts not yet rows, over every loaded column (inside a
 * guarded call, after load_new_columns). */
static bool load_new_cuts(cg_master *m)
{
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, add = m->cuts ? m->cuts->n - m->ncuts_in : 0;
    if (add <= 0)
        return true;
    int *ind = malloc((size_t)(m->ncols_in + 1) * sizeof *ind);
    double *val = malloc((size_t)(m->ncols_in + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return false;
    }
    glp_add_rows(m->lp, add);
    for (int s = m->ncuts_in; s < m->cuts->n; s++) {
        int n = 0;
        for (int r = 0; r < m->ncols_in; r++) {
            int coef = cg_cuts_coef(m->cuts, s, sv_seqset_jobs(&g->cols.set, r),
                                    g->cols.set.e[r].len);
            if (coef > 0) {
                ind[++n] = nj + r + 1;
                val[n] = coef;
            }
        }
        glp_set_row_bnds(m->lp, cut_row(m, s), GLP_UP, 0, 1);
        glp_set_mat_row(m->lp, cut_row(m, s), n, ind, val);
    }
    m->ncuts_in = m->cuts->n;
    free(ind);
    free(val);
    return true;
}

/* The LP's duals (inside sv_mip_guarded; cg_master_solve's results). */
typedef struct lp_job {
    cg_master *m;
    double seconds;
    double *pi, *mu, *lambda, *obj;
} lp_job;

/* The interior point method on the LP just solved by the simplex: its
 * duals lie inside the optimal face, where the simplex's sit at a vertex
 * (far from the centre when the LP is degenerate, as set partitioning with
 * few long routes is). GLPK's interior point has no time limit: only LPs
 * small enough for it to be quick get it. false: keep the simplex's. */
static bool central_duals(cg_master *m)
{
    if (glp_get_num_rows(m->lp) > CG_CENTRAL_ROWS || glp_get_num_nz(m->lp) > CG_CENTRAL_NZ)
        return false;
    glp_iptcp ip;
    glp_init_iptcp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    return glp_interior(m->lp, &ip) == 0 && glp_ipt_status(m->lp) == GLP_OPT;
}

static int solve_lp(void *arg)
{
    lp_job *J = arg;
    cg_master *m = J->m;
    const cg_ctx *g = m->g;
    int nj = g->c->njobs;
    if (!load_new_columns(m) || !load_new_cuts(m))
        return -1;
    if (glp_get_num_cols(m->lp) == 0 || !sv_mip_simplex(m->lp, J->seconds))
        return 0;
    *J->obj = glp_get_obj_val(m->lp);
    double (*dual)(glp_prob *, int) = glp_get_row_dual;
    if (m->central && central_duals(m))
        dual = glp_ipt_row_dual;
    for (int j = 0; j < nj; j++)
        J->pi[j] = dual(m->lp, j + 1);
    for (int q = 0; q < g->ng; q++)
        J->mu[q] = dual(m->lp, nj + q + 1);
    *J->lambda = m->phase == CG_PH_COST ? dual(m->lp, nj + g->ng + 1) : 0;
    for (int s = 0; s < m->ncuts_in; s++)
        m->sigma[s] = dual(m->lp, cut_row(m, s));
    return 1;
}

void cg_master_central(cg_master *m, bool on)
{
    m->central = on;
}

void cg_master_set_cuts(cg_master *m, const cg_cuts *k)
{
    m->cuts = k;
}

void cg_master_cut_duals(const cg_master *m, double *sigma)
{
    int n = m->cuts ? m->cuts->n : 0;
    for (int s = 0; s < n; s++)
        sigma[s] = s < m->ncuts_in ? m->sigma[s] : 0;
}

/* The route columns' primal values (inside sv_mip_guarded). */
typedef struct primal_job {
    cg_master *m;
    double *x;
} primal_job;

static int read_primal(void *arg)
{
    primal_job *J = arg;
    int nj = J->m->g->c->njobs;
    for (int r = 0; r < J->m->ncols_in; r++)
        J->x[r] = glp_get_col_prim(J->m->lp, nj + r + 1);
    return 1;
}

int cg_master_primal(cg_master *m, double *x)
{
    if (m->broken || !m->lp)
        return -1;
    for (int r = m->ncols_in; r < m->g->cols.set.n; r++)
        x[r] = 0;
    primal_job J = {m, x};
    return fatal_check(m, sv_mip_guarded(read_primal, &J));
}

int cg_master_solve(cg_master *m, double seconds, double *pi, double *mu, double *lambda,
                    double *obj)
{
    if (m->broken || !m->lp)
        return -1;
    lp_job J = {m, seconds, pi, mu, lambda, obj};
    return fatal_check(m, sv_mip_guarded(solve_lp, &J));
}

/* The integer problem (inside sv_mip_guarded; cg_master_mip's results). */
typedef struct mip_job {
    cg_master *m;
    double seconds;
    const double *x0;
    double *inc;    /* x0 as 1-based GLPK column values (with x0) */
    double *x;
    bool *proven;
    bool relaxed_too;
} mip_job;

static int solve_mip(void *arg)
{
    mip_job *J = arg;
    cg_master *m = J->m;
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, nc = g->cols.set.n;
    if (!load_new_columns(m) || !load_new_cuts(m))
        return -1;
    glp_prob *mip = glp_create_prob();
    glp_copy_prob(mip, m->lp, GLP_OFF);
    for (int r = 0; r < nc; r++) {
        int col = nj + r + 1;
        if (g->cols.col[r].feasible || J->relaxed_too)
            glp_set_col_kind(mip, col, GLP_BV);
        else
            glp_set_col_bnds(mip, col, GLP_FX, 0, 0);
    }
    double *inc = J->inc;
    if (inc) {
        for (int j = 0; j < nj; j++)
            inc[j + 1] = 1;
        for (int r = 0; r < nc; r++) {
            inc[nj + r + 1] = J->x0[r] > 0.5 ? 1 : 0;
            if (J->x0[r] > 0.5)
                for (int i = 0; i < g->cols.set.e[r].len; i++)
                    inc[sv_seqset_jobs(&g->cols.set, r)[i] + 1] = 0;
        }
    }
    int ms = (int)(J->seconds * 1000);
    sv_mip_limits lim = {.lp_presolve = false, .lp_ms = ms > 10 ? ms : 10,
                         .seconds = J->seconds, .min_ms = 10};
    int result = sv_mip_solve(mip, &lim, inc, J->proven);
    if (result == 1)
        for (int r = 0; r < nc; r++)
            J->x[r] = glp_mip_col_val(mip, nj + r + 1);
    glp_delete_prob(mip);
    return result;
}

int cg_master_mip(cg_master *m, double seconds, const double *x0, double *x, bool *proven,
                  bool relaxed_too)
{
    *proven = false;
    if (m->broken || !m->lp)
        return -1;
    int nj = m->g->c->njobs, nc = m->g->cols.set.n;
    double *inc = x0 ? calloc((size_t)(nj + nc) + 1, sizeof *inc) : NULL;
    if (x0 && !inc)
        return -1;
    mip_job J = {m, seconds, x0, inc, x, proven, relaxed_too};
    int result = fatal_check(m, sv_mip_guarded(solve_mip, &J));
    free(inc);
    return result;
}
