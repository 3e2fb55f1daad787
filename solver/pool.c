/* pool.c - route pool and set partitioning with GLPK.
 *
 * The search keeps the distinct good routes it meets. From time to time a
 * set-partitioning MIP picks the best combination: each job at most once,
 * at most as many routes per class of identical technician-shifts as there
 * are slots in it, assigned weight at least the incumbent's, least travel.
 * The incumbent is handed to GLPK as its first integer solution. Columns are
 * job sequences; a class is a set of slots that accept exactly the same
 * sequences (same locations, times, breaks, limits and job compatibility),
 * so a route found on one van serves for all its twins.
 *
 * The MIP is built here and solved through mip.h (GLPK's output off, its
 * fatal errors caught, every solve bounded by a time limit). */
#include <stdlib.h>
#include <string.h>

#include "solver/mip.h"
#include "solver/pool.h"
#include "solver/seqset.h"

/* A class of slots that accept the same job sequences. */
typedef struct pool_class {
    int first; /* a representative slot */
    int count; /* its slots */
} pool_class;

/* What a column costs and serves; its job sequence and class (the key)
 * are the entry of the same index in the pool's seqset. */
typedef struct column {
    int64_t travel; /* travel + stability penalty on that class */
    int64_t weight; /* assigned weight */
} column;

struct sv_pool {
    const sv_ctx *c;
    int *slot_cls;   /* per slot */
    pool_class *cls; /* per class */
    int ncls;
    sv_seqset set;   /* the columns' job sequences, keyed by class */
    column *col;     /* per entry of set */
    size_t capcol;
    int max_cols;
};

static bool same_slot_class(const sv_ctx *c, int a, int b)
{
    if (!sv_slot_same_shape(&c->slots[a], &c->slots[b]))
        return false;
    for (int j = 0; j < c->njobs; j++)
        if (sv_compat(c, j, a) != sv_compat(c, j, b))
            return false;
    if (c->prev_slot)
        for (int j = 0; j < c->njobs; j++)
            if ((c->prev_slot[j] == a) != (c->prev_slot[j] == b))
                return false;
    return true;
}

sv_pool *sv_pool_create(const sv_ctx *c, int max_cols)
{
    sv_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->c = c;
    p->max_cols = max_cols;
    int ns = c->nslots ? c->nslots : 1;
    p->slot_cls = malloc((size_t)ns * sizeof *p->slot_cls);
    p->cls = calloc((size_t)ns, sizeof *p->cls);
    /* at most max_cols entries: the table never fills past half */
    int tabsize = 1;
    while (tabsize < 2 * max_cols)
        tabsize *= 2;
    if (!p->slot_cls || !p->cls || !sv_seqset_init(&p->set, tabsize)) {
        sv_pool_free(p);
        return NULL;
    }
    /* classes: compare with the representatives so far (few in practice;
     * bounded so that thousands of distinct shifts stay cheap) */
    for (int k = 0; k < c->nslots; k++) {
        int cls = -1;
        for (int q = 0; q < p->ncls && q < 64 && cls < 0; q++)
            if (same_slot_class(c, p->cls[q].first, k))
                cls = q;
        if (cls < 0) {
            cls = p->ncls++;
            p->cls[cls].first = k;
        }
        p->slot_cls[k] = cls;
        p->cls[cls].count++;
    }
    return p;
}

void sv_pool_free(sv_pool *p)
{
    if (!p)
        return;
    free(p->slot_cls);
    free(p->cls);
    sv_seqset_free(&p->set);
    free(p->col);
    free(p);
}

int sv_pool_size(const sv_pool *p)
{
    return p->set.n;
}

/* Adds the job sequence of r unless present; *col receives its column
 * (-1 for an empty route). False when memory ran out. */
static bool add_route(sv_pool *p, const sv_route *r, int *col)
{
    const sv_ctx *c = p->c;
    *col = -1;
    if (r->njobs == 0)
        return true;
    if (p->set.n >= p->max_cols)
        sv_seqset_clear(&p->set);
    int cls = p->slot_cls[r->slot];
    int jobs[r->njobs];
    int m = sv_route_jobs(r, jobs);
    bool added;
    if (!sv_grow((void **)&p->col, &p->capcol, (size_t)p->set.n + 1, sizeof *p->col, 1024) ||
        !sv_seqset_add(&p->set, cls, jobs, m, col, &added))
        return false;
    if (!added)
        return true;
    int64_t weight = 0, pen = 0;
    for (int i = 0; i < m; i++) {
        weight += model_job_weight(&c->p->jobs[jobs[i]]);
        pen += sv_pen(c, jobs[i], r->slot);
    }
    p->col[*col] = (column){r->travel + pen + r->spen + r->soft, weight};
    return true;
}

bool sv_pool_add(sv_pool *p, const sv_route *r)
{
    int col;
    return add_route(p, r, &col);
}

/* ---- GLPK ---- */

/* Marks the incumbent's columns (adding them if missing); returns their
 * number or -1 on allocation failure. */
static int mark_incumbent(sv_pool *p, const sv_sol *best, double *x)
{
    /* room for all of them, so that no clear-out happens half-way */
    if (p->set.n + best->nr >= p->max_cols)
        sv_seqset_clear(&p->set);
    int n = 0;
    for (int k = 0; k < best->nr; k++) {
        int col;
        if (!add_route(p, &best->r[k], &col))
            return -1;
        if (col >= 0) {
            x[col + 1] = 1;
            n++;
        }
    }
    return n;
}

/* Builds the solution of the chosen columns into out (routes assigned to
 * the slots of their class in order). */
static bool rebuild(sv_pool *p, const double *x, sv_sol *out)
{
    const sv_ctx *c = p->c;
    /* trust but verify: each job at most once, class counts kept */
    unsigned char *seen = calloc((size_t)c->njobs + 1, 1);
    int *used = calloc((size_t)p->ncls + 1, sizeof *used);
    bool valid = seen && used;
    for (int j = 0; valid && j < p->set.n; j++) {
        if (x[j + 1] < 0.5)
            continue;
        const sv_seq *q = &p->set.e[j];
        valid = ++used[q->key] <= p->cls[q->key].count;
        for (int i = 0; valid && i < q->len; i++)
            valid = !seen[sv_seqset_jobs(&p->set, j)[i]]++;
    }
    free(seen);
    free(used);
    if (!valid)
        return false;
    for (int k = 0; k < out->nr; k++)
        if (!sv_route_clear(c, &out->r[k]))
            return false;
    int *next = calloc((size_t)(p->ncls ? p->ncls : 1), sizeof *next);
    if (!next)
        return false;
    bool ok = true;
    for (int j = 0; j < p->set.n && ok; j++) {
        if (x[j + 1] < 0.5)
            continue;
        const sv_seq *q = &p->set.e[j];
        int slot = -1;
        for (int k = 0, seen = 0; k < c->nslots; k++)
            if (p->slot_cls[k] == q->key && seen++ == next[q->key]) {
                slot = k;
                break;
            }
        next[q->key]++;
        ok = slot >= 0 && sv_route_set_jobs(c, &out->r[slot], sv_seqset_jobs(&p->set, j), q->len);
    }
    free(next);
    if (ok)
        sv_sol_recount(c, out);
    return ok;
}

/* One set-partitioning solve: its arrays allocated by sv_pool_solve, so
 * that nothing is lost when GLPK fails fatally. */
typedef struct sp_job {
    sv_pool *p;
    const sv_sol *best;
    double seconds;
    sv_sol *out;
    int64_t wbest;  /* the incumbent's assigned weight */
    double *x;      /* 1-based column values: the incumbent, then the MIP's */
    int *ia, *ja;   /* the constraint matrix, 1-based (glp_load_matrix) */
    double *ar;
} sp_job;

/* The MIP in GLPK (inside sv_mip_guarded): 1 better, 0 not, -1 failure. */
static int solve_mip(void *arg)
{
    sp_job *J = arg;
    sv_pool *p = J->p;
    int ncol = p->set.n, njobs = p->c->njobs;
    int *ia = J->ia, *ja = J->ja;
    double *ar = J->ar, *x = J->x;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    /* rows: jobs (<= 1), classes (<= count), weight (>= incumbent) */
    int rw = njobs + p->ncls + 1;
    glp_add_rows(lp, rw);
    for (int j = 0; j < njobs; j++)
        glp_set_row_bnds(lp, j + 1, GLP_UP, 0, 1);
    for (int q = 0; q < p->ncls; q++)
        glp_set_row_bnds(lp, njobs + q + 1, GLP_UP, 0, p->cls[q].count);
    glp_set_row_bnds(lp, rw, GLP_LO, (double)J->wbest, 0);
    glp_add_cols(lp, ncol);
    size_t n = 0;
    for (int j = 0; j < ncol; j++) {
        const sv_seq *q = &p->set.e[j];
        glp_set_col_kind(lp, j + 1, GLP_BV);
        glp_set_obj_coef(lp, j + 1, (double)p->col[j].travel);
        for (int i = 0; i < q->len; i++) {
            n++;
            ia[n] = sv_seqset_jobs(&p->set, j)[i] + 1;
            ja[n] = j + 1;
            ar[n] = 1;
        }
        n++;
        ia[n] = njobs + q->key + 1;
        ja[n] = j + 1;
        ar[n] = 1;
        n++;
        ia[n] = rw;
        ja[n] = j + 1;
        ar[n] = (double)p->col[j].weight;
    }
    glp_load_matrix(lp, (int)n, ia, ja, ar);
    /* The LP relaxation first (half the time), so that the branch-and-cut
     * runs on the original columns and the incumbent handed over matches
     * them. */
    sv_mip_limits lim = {.lp_presolve = true, .lp_ms = (int)(J->seconds * 500),
                         .seconds = J->seconds, .min_ms = 5};
    bool proven;
    int result = 0;
    if (sv_mip_solve(lp, &lim, x, &proven) == 1) {
        int64_t travel = 0;
        for (int j = 0; j < ncol; j++) {
            x[j + 1] = glp_mip_col_val(lp, j + 1);
            if (x[j + 1] > 0.5)
                travel += p->col[j].travel;
        }
        if (travel < sv_sol_cost(J->best))
            result = rebuild(p, x, J->out) ? 1 : -1;
    }
    glp_delete_prob(lp);
    return result;
}

int sv_pool_solve(sv_pool *p, const sv_sol *best, double seconds, sv_sol *out)
{
    const sv_ctx *c = p->c;
    if (p->set.n == 0 || seconds <= 0.01)
        return 0;
    double *x = calloc((size_t)p->set.n + 64 + (size_t)best->nr, sizeof *x);
    if (!x)
        return -1;
    int ninc = mark_incumbent(p, best, x);
    if (ninc < 0) {
        free(x);
        return -1;
    }
    sp_job J = {.p = p, .best = best, .seconds = seconds, .out = out, .x = x};
    for (int k = 0; k < best->nr; k++)
        for (int i = 0; i < best->r[k].n; i++)
            if (!sv_is_break(best->r[k].node[i]))
                J.wbest += model_job_weight(&c->p->jobs[best->r[k].node[i]]);
    size_t nz = p->set.njobs + 2 * (size_t)p->set.n;
    J.ia = malloc((nz + 1) * sizeof *J.ia);
    J.ja = malloc((nz + 1) * sizeof *J.ja);
    J.ar = malloc((nz + 1) * sizeof *J.ar);
    int result = -1;
    if (J.ia && J.ja && J.ar) {
        result = sv_mip_guarded(solve_mip, &J);
        if (result == SV_MIP_FATAL)
            result = -1;
    }
    free(J.ia);
    free(J.ja);
    free(J.ar);
    free(x);
    return result;
}
