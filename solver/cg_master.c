/* cg_master.c - the restricted master of the column generation (cg.h) as
 * a GLPK problem: its LP (primal simplex, warm-started as columns arrive)
 * and the integer problem over its rule-keeping columns.
 *
 * GLPK is confined to this file and pool.c: its terminal output is off, a
 * fatal error comes back through glp_error_hook and longjmp (the GLPK
 * environment is then freed and this master is unusable: every later call
 * returns -1), and every solve is bounded by a time limit.
 *
 * GLPK columns: 1..njobs are the unassigned variables y_j, then one per
 * route column of g->cols in order. Rows: 1..njobs the jobs (= 1), then
 * the groups (<= count), then in CG_PH_COST the weight row (<= W). */
#include <glpk.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

struct cg_master {
    const cg_ctx *g;
    int phase;
    int64_t W;
    glp_prob *lp;
    int ncols_in;   /* route columns loaded */
    bool broken;    /* a GLPK error freed the environment */
};

typedef struct guard {
    jmp_buf jump;
    const double *x0; /* 1-based GLPK column values of the incumbent, or NULL */
    bool given;
} guard;

static void on_glpk_error(void *info)
{
    guard *gd = info;
    longjmp(gd->jump, 1);
}

static void on_search(glp_tree *T, void *info)
{
    guard *gd = info;
    if (gd->x0 && glp_ios_reason(T) == GLP_IHEUR && !gd->given) {
        glp_ios_heur_sol(T, gd->x0);
        gd->given = true;
    }
}

cg_master *cg_master_create(const cg_ctx *g, int phase, int64_t W)
{
    cg_master *volatile m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->g = g;
    m->phase = phase;
    m->W = W;
    guard gd = {0};
    glp_error_hook(on_glpk_error, &gd);
    if (setjmp(gd.jump)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        free(m);
        return NULL;
    }
    glp_term_out(GLP_OFF);
    int nj = g->c->njobs;
    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MIN);
    int rows = nj + g->ng + (phase == CG_PH_COST ? 1 : 0);
    if (rows > 0)
        glp_add_rows(m->lp, rows);
    for (int j = 0; j < nj; j++)
        glp_set_row_bnds(m->lp, j + 1, GLP_FX, 1, 1);
    for (int q = 0; q < g->ng; q++)
        glp_set_row_bnds(m->lp, nj + q + 1, GLP_UP, 0, g->g[q].count);
    if (phase == CG_PH_COST)
        glp_set_row_bnds(m->lp, rows, GLP_UP, 0, (double)W);
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
    glp_error_hook(NULL, NULL);
    return m;
}

void cg_master_free(cg_master *m)
{
    if (!m)
        return;
    if (m->lp && !m->broken) {
        guard gd = {0};
        glp_error_hook(on_glpk_error, &gd);
        if (setjmp(gd.jump)) {
            glp_error_hook(NULL, NULL);
            glp_free_env();
            free(m);
            return;
        }
        glp_delete_prob(m->lp);
        glp_error_hook(NULL, NULL);
    }
    free(m);
}

/* Loads the route columns not yet in the LP (inside a guarded call). */
static bool load_new_columns(cg_master *m)
{
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, add = g->cols.set.n - m->ncols_in;
    if (add <= 0)
        return true;
    int rows = nj + g->ng + (m->phase == CG_PH_COST ? 1 : 0);
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

int cg_master_solve(cg_master *m, double seconds, double *pi, double *mu, double *lambda,
                    double *obj)
{
    if (m->broken || !m->lp)
        return -1;
    const cg_ctx *g = m->g;
    int nj = g->c->njobs;
    guard gd = {0};
    glp_error_hook(on_glpk_error, &gd);
    if (setjmp(gd.jump)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        m->broken = true;
        m->lp = NULL;
        return -1;
    }
    int result = -1;
    if (!load_new_columns(m))
        goto done;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    int ms = (int)(seconds * 1000);
    sm.tm_lim = ms > 10 ? ms : 10;
    if (glp_get_num_cols(m->lp) == 0) {
        result = 0;
        goto done;
    }
    int rc = glp_simplex(m->lp, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_adv_basis(m->lp, 0);
        rc = glp_simplex(m->lp, &sm);
    }
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        result = 0;
        goto done;
    }
    *obj = glp_get_obj_val(m->lp);
    for (int j = 0; j < nj; j++)
        pi[j] = glp_get_row_dual(m->lp, j + 1);
    for (int q = 0; q < g->ng; q++)
        mu[q] = glp_get_row_dual(m->lp, nj + q + 1);
    *lambda = m->phase == CG_PH_COST ? glp_get_row_dual(m->lp, nj + g->ng + 1) : 0;
    result = 1;
done:
    glp_error_hook(NULL, NULL);
    return result;
}

int cg_master_mip(cg_master *m, double seconds, const double *x0, double *x, bool *proven,
                  bool relaxed_too)
{
    *proven = false;
    if (m->broken || !m->lp || m->phase != CG_PH_COST)
        return -1;
    const cg_ctx *g = m->g;
    int nj = g->c->njobs, nc = g->cols.set.n;
    double *inc = x0 ? calloc((size_t)(nj + nc) + 1, sizeof *inc) : NULL;
    if (x0 && !inc)
        return -1;
    guard gd = {.x0 = inc};
    glp_prob *volatile mip = NULL;
    volatile int result = -1;
    glp_error_hook(on_glpk_error, &gd);
    if (setjmp(gd.jump)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        m->broken = true;
        m->lp = NULL;
        free(inc);
        return -1;
    }
    if (!load_new_columns(m))
        goto done;
    mip = glp_create_prob();
    glp_copy_prob(mip, m->lp, GLP_OFF);
    for (int r = 0; r < nc; r++) {
        int col = nj + r + 1;
        if (g->cols.col[r].feasible || relaxed_too)
            glp_set_col_kind(mip, col, GLP_BV);
        else
            glp_set_col_bnds(mip, col, GLP_FX, 0, 0);
    }
    if (inc) {
        for (int j = 0; j < nj; j++)
            inc[j + 1] = 1;
        for (int r = 0; r < nc; r++) {
            inc[nj + r + 1] = x0[r] > 0.5 ? 1 : 0;
            if (x0[r] > 0.5)
                for (int i = 0; i < g->cols.set.e[r].len; i++)
                    inc[sv_seqset_jobs(&g->cols.set, r)[i] + 1] = 0;
        }
    }
    double t0 = sv_now();
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    int ms = (int)(seconds * 1000);
    sm.tm_lim = ms > 10 ? ms : 10;
    if (glp_simplex(mip, &sm) != 0 || glp_get_status(mip) != GLP_OPT) {
        result = 0;
        goto done;
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.gmi_cuts = GLP_ON;
    parm.cb_func = on_search;
    parm.cb_info = &gd;
    double left = seconds - (sv_now() - t0);
    parm.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
    int rc = glp_intopt(mip, &parm);
    int status = glp_mip_status(mip);
    result = 0;
    if ((rc == 0 || rc == GLP_ETMLIM) && (status == GLP_OPT || status == GLP_FEAS)) {
        for (int r = 0; r < nc; r++)
            x[r] = glp_mip_col_val(mip, nj + r + 1);
        *proven = rc == 0 && status == GLP_OPT;
        result = 1;
    }
done:
    if (mip)
        glp_delete_prob(mip);
    glp_error_hook(NULL, NULL);
    free(inc);
    return result;
}
