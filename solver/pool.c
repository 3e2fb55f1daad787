/* pool.c - route pool and set partitioning with GLPK.
 *
 * The search keeps the distinct good routes it meets. From time to time a
 * set-partitioning MIP picks the best combination: each job at most once,
 * at most as many routes per class of identical technician-shifts as there
 * are slots in it, assigned weight at least the incumbent's, least cost
 * (travel, penalties, lateness and overtime).
 * The incumbent is handed to GLPK as its first integer solution. Columns are
 * job sequences; a class is a set of slots that accept exactly the same
 * sequences (same locations, times, breaks, limits and job compatibility),
 * so a route found on one van serves for all its twins.
 *
 * With a balance cost (extension 2, c->balance > 0) the MIP also prices
 * the spread of working time between technicians (add_balance below), and
 * a class then holds the slots of one technician only, so that each
 * column's working time counts for a known technician; a route added to
 * the pool is then added to the twin classes of other technicians too.
 *
 * With column generation (sv_pool_solve_gen, problems without a balance
 * cost) a solve recombines one part of the problem (choose_part: the
 * technician-shifts of one day) and keeps the incumbent elsewhere. Its LP
 * relaxation starts from the incumbent's routes; each round frees the
 * pool's columns of most negative reduced cost and has the caller's
 * generator (cg_recombine.c) price new routes that keep every rule, and
 * solves the LP again, within the generator's share of the time. Then
 * reduced-cost fixing: with z the LP
 * value and U the incumbent's cost, a column whose reduced cost d exceeds
 * U - 1 - z cannot be in a solution cheaper than U (costs are whole
 * seconds), so it is fixed at 0 before the MIP, which warm-starts from the
 * LP's basis and has the rest of the time.
 *
 * The MIP is built here and solved through mip.h (GLPK's output off, its
 * fatal errors caught, every solve bounded by a time limit). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/mip.h"
#include "solver/pool.h"
#include "solver/seqset.h"

/* Column generation: pricing rounds at most, columns added at most. */
#define SV_POOL_GEN_ROUNDS 4
#define SV_POOL_GEN_MAX 6000
/* The dual handed to the pricing for a job outside the part recombined. */
#define SV_POOL_OUT 1e9
/* Pool columns set free in the LP a round at most. */
#define SV_POOL_GEN_ACTIVATE 1500

/* A class of slots that accept the same job sequences. */
typedef struct pool_class {
    int first; /* a representative slot */
    int count; /* its slots */
    int twin;  /* with a balance cost: the next class in its ring of twins
                  (other technicians' slots that accept the same job
                  sequences); itself when it has none, and always without */
} pool_class;

/* What a column costs and serves; its job sequence and class (the key)
 * are the entry of the same index in the pool's seqset. */
typedef struct column {
    int64_t travel; /* travel + stability penalty on that class */
    int64_t weight; /* assigned weight */
    int64_t work;   /* working time (r->work), for the balance term */
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
    sv_balance bal;  /* with a balance cost: the balance term's W_t, one per
                        technician with a shift (bal.at), summed over a
                        solve's chosen columns (chosen_cost); bal.work NULL
                        without */
    int gen_limit;   /* during a solve: columns sv_pool_offer may add up to */
    int next_part;   /* the class whose time the next generation recombines */
    sv_route scratch; /* sv_pool_offer's route checks */
};

/* Slots a and b accept the same job sequences at the same costs (but for
 * preference bonuses): one class, or with a balance cost twin classes when
 * their technicians differ. */
static bool twin_slots(const sv_ctx *c, int a, int b)
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
    if (!p->slot_cls || !p->cls || !sv_seqset_init(&p->set, tabsize) ||
        !sv_balance_init(&p->bal, c)) {
        sv_pool_free(p);
        return NULL;
    }
    /* classes: compare with the representatives so far (few in practice;
     * bounded so that thousands of distinct shifts stay cheap) */
    for (int k = 0; k < c->nslots; k++) {
        int cls = -1, twin = -1;
        for (int q = 0; q < p->ncls && q < 64 && cls < 0; q++) {
            int f = p->cls[q].first;
            if (!twin_slots(c, f, k))
                continue;
            if (c->balance <= 0 || c->slots[f].tech == c->slots[k].tech)
                cls = q;
            else if (twin < 0)
                twin = q;
        }
        if (cls < 0) {
            cls = p->ncls++;
            p->cls[cls].first = k;
            p->cls[cls].twin = cls;
            if (twin >= 0) {
                p->cls[cls].twin = p->cls[twin].twin;
                p->cls[twin].twin = cls;
            }
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
    sv_balance_free(&p->bal);
    sv_route_free(&p->scratch);
    free(p);
}

int sv_pool_size(const sv_pool *p)
{
    return p->set.n;
}

int sv_pool_route(const sv_pool *p, int i, const int **jobs, int *slot)
{
    *jobs = sv_seqset_jobs(&p->set, i);
    *slot = p->cls[p->set.e[i].key].first;
    return p->set.e[i].len;
}

/* Adds the sequence jobs[0..m) of route r to class cls unless present:
 * *col receives its column, *added whether it is new. Priced on r's slot
 * in r's class, else on the class's representative slot (its technician's
 * preference bonuses; the rest is the same on twins). False when memory
 * ran out. */
static bool add_seq(sv_pool *p, const sv_route *r, int cls, const int *jobs, int m, int *col,
                    bool *added)
{
    const sv_ctx *c = p->c;
    if (!sv_grow((void **)&p->col, &p->capcol, (size_t)p->set.n + 1, sizeof *p->col, 1024) ||
        !sv_seqset_add(&p->set, cls, jobs, m, col, added))
        return false;
    if (!*added)
        return true;
    int slot = p->slot_cls[r->slot] == cls ? r->slot : p->cls[cls].first;
    int64_t weight = 0, pen = 0;
    for (int i = 0; i < m; i++) {
        weight += model_job_weight(&c->p->jobs[jobs[i]]);
        pen += sv_pen(c, jobs[i], slot);
    }
    p->col[*col] = (column){r->travel + pen + r->spen + r->soft, weight, r->work};
    return true;
}

/* Adds the job sequence of r unless present, and when it is new and
 * `twins`, to the twin classes of r's class too while there is room; *col
 * receives its column in r's class (-1 for an empty route). False when
 * memory ran out. */
static bool add_route(sv_pool *p, const sv_route *r, bool twins, int *col)
{
    *col = -1;
    if (r->njobs == 0)
        return true;
    if (p->set.n >= p->max_cols)
        sv_seqset_clear(&p->set);
    int cls = p->slot_cls[r->slot];
    int jobs[r->njobs];
    int m = sv_route_jobs(r, jobs);
    bool added;
    if (!add_seq(p, r, cls, jobs, m, col, &added))
        return false;
    for (int q = p->cls[cls].twin; twins && added && q != cls && p->set.n < p->max_cols;
         q = p->cls[q].twin) {
        int tcol;
        bool tadded;
        if (!add_seq(p, r, q, jobs, m, &tcol, &tadded))
            return false;
    }
    return true;
}

bool sv_pool_add(sv_pool *p, const sv_route *r)
{
    int col;
    return add_route(p, r, true, &col);
}

int sv_pool_nclasses(const sv_pool *p)
{
    return p->ncls;
}

int sv_pool_class_slot(const sv_pool *p, int q)
{
    return p->cls[q].first;
}

int sv_pool_next_part(const sv_pool *p, unsigned char *part)
{
    const sv_ctx *c = p->c;
    int seed = p->ncls ? p->next_part % p->ncls : 0;
    const sv_slot *s = p->ncls ? &c->slots[p->cls[seed].first] : NULL;
    for (int q = 0; q < p->ncls; q++) {
        const sv_slot *t = &c->slots[p->cls[q].first];
        part[q] = t->t0 < s->t1 && s->t0 < t->t1;
    }
    return seed;
}

int sv_pool_offer(sv_pool *p, int q, const int *jobs, int m)
{
    const sv_ctx *c = p->c;
    int slot = p->cls[q].first;
    if (m <= 0 || p->set.n >= p->gen_limit)
        return 0;
    for (int i = 0; i < m; i++)
        if (!sv_compat(c, jobs[i], slot))
            return 0;
    p->scratch.slot = slot;
    if (!sv_route_set_jobs(c, &p->scratch, jobs, m))
        return 0;
    int col;
    bool added;
    if (!add_seq(p, &p->scratch, q, jobs, m, &col, &added))
        return -1;
    return added ? 1 : 0;
}

/* ---- GLPK ---- */

/* Marks the incumbent's columns (adding them if missing, to their own
 * classes only: the room made below is for one each); returns their
 * number or -1 on allocation failure. */
static int mark_incumbent(sv_pool *p, const sv_sol *best, double *x)
{
    /* room for all of them, so that no clear-out happens half-way */
    if (p->set.n + best->nr >= p->max_cols)
        sv_seqset_clear(&p->set);
    int n = 0;
    for (int k = 0; k < best->nr; k++) {
        int col;
        if (!add_route(p, &best->r[k], false, &col))
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

/* A column during a generation: outside the part recombined (fixed),
 * fixed at 0 in it, free in the LP. */
enum { COL_OUT, COL_OFF, COL_FREE };

/* A column's reduced cost (column generation). */
typedef struct sp_rc {
    double rc;
    int j;
} sp_rc;

/* One set-partitioning solve: its arrays allocated by sv_pool_solve, so
 * that nothing is lost when GLPK fails fatally. */
typedef struct sp_job {
    sv_pool *p;
    const sv_sol *best;
    double seconds;
    const sv_pool_gen *gen; /* column generation, or NULL */
    sv_pool_gen_info *info;
    double *pi, *mu;        /* with gen: the duals per job and per class, */
    sp_rc *rc;              /* the columns' reduced costs (scratch), */
    unsigned char *on;      /* per column: COL_OUT, COL_OFF, COL_FREE */
    unsigned char *part;    /* per class: in the part recombined */
    unsigned char *job_out; /* per job: served outside the part */
    sv_sol *out;
    int64_t wbest;  /* the incumbent's assigned weight */
    double *x;      /* 1-based column values: the incumbent, then the MIP's */
    int *ia, *ja;   /* the constraint matrix, 1-based (glp_load_matrix) */
    double *ar;
    size_t n;       /* its entries so far */
} sp_job;

/* Appends the matrix entry (row, col) = v. */
static void put(sp_job *J, int row, int col, double v)
{
    J->n++;
    J->ia[J->n] = row;
    J->ja[J->n] = col;
    J->ar[J->n] = v;
}

/* Column j's matrix entries, 1-based into ind/val (its jobs, its class,
 * the weight row rw); returns their number. */
static int column_rows(const sv_pool *p, int j, int rw, int *ind, double *val)
{
    const sv_seq *q = &p->set.e[j];
    int n = 0, njobs = p->c->njobs;
    for (int i = 0; i < q->len; i++) {
        ind[++n] = sv_seqset_jobs(&p->set, j)[i] + 1;
        val[n] = 1;
    }
    ind[++n] = njobs + q->key + 1;
    val[n] = 1;
    ind[++n] = rw;
    val[n] = (double)p->col[j].weight;
    return n;
}

/* The balance term's index of column j's technician. */
static int column_tech(const sv_pool *p, int j)
{
    const sv_ctx *c = p->c;
    return p->bal.at[c->slots[p->cls[p->set.e[j].key].first].tech];
}

/* Extension 2's balance cost, linearised (c->balance > 0). Per technician
 * with a shift t: a continuous W_t = sum of work_r x_r over its columns,
 * their mean M = (1/nb) sum_t W_t, and d_t >= W_t - M, d_t >= M - W_t,
 * with rate/60 per second of d_t in the objective. That is FORMAT.md's
 * balance cost before its rounding (floor(rate * sum_t |W_t - M| / 60 +
 * 1/2)): the MIP ranks by it un-rounded, and its result is then judged by
 * the exact cost (the check in solve_mip, and sv_sol_cost by the search).
 * Rows after row0: W_t (nb, = 0), M (1, = 0), then the two rows of each
 * d_t (>= 0); columns after the routes' ncol: W_t (nb), M, d_t (nb). Also
 * sets the new columns' values for the incumbent in J->x. */
static void add_balance(sp_job *J, glp_prob *lp, int row0)
{
    sv_pool *p = J->p;
    int ncol = p->set.n, nb = p->bal.n;
    int rw = row0 + 1, rm = row0 + nb + 1, rd = row0 + nb + 2;
    int cw = ncol + 1, cm = ncol + nb + 1, cd = ncol + nb + 2;
    double *x = J->x;
    glp_add_rows(lp, 3 * nb + 1);
    glp_add_cols(lp, 2 * nb + 1);
    for (int j = 0; j < ncol; j++) {
        int t = column_tech(p, j);
        put(J, rw + t, j + 1, -(double)p->col[j].work);
        x[cw + t] += x[j + 1] * (double)p->col[j].work;
    }
    glp_set_row_bnds(lp, rm, GLP_FX, 0, 0);
    glp_set_col_bnds(lp, cm, GLP_LO, 0, 0);
    put(J, rm, cm, nb);
    x[cm] = 0;
    for (int t = 0; t < nb; t++) {
        glp_set_row_bnds(lp, rw + t, GLP_FX, 0, 0);
        glp_set_col_bnds(lp, cw + t, GLP_LO, 0, 0);
        put(J, rw + t, cw + t, 1);
        put(J, rm, cw + t, -1);
        x[cm] += x[cw + t] / nb;
    }
    for (int t = 0; t < nb; t++) {
        glp_set_col_bnds(lp, cd + t, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, cd + t, (double)p->c->balance / (60.0 * (double)MODEL_RATE_ONE));
        for (int sign = -1; sign <= 1; sign += 2) {
            int row = rd + 2 * t + (sign > 0);
            glp_set_row_bnds(lp, row, GLP_LO, 0, 0);
            put(J, row, cd + t, 1);
            put(J, row, cw + t, sign);
            put(J, row, cm, -sign);
        }
        x[cd + t] = fabs(x[cw + t] - x[cm]);
    }
}

/* The cost of the chosen columns (x[j + 1] > 0.5): their travel and
 * penalties, and with a balance cost its exact value (as sv_sol_cost). */
static int64_t chosen_cost(sp_job *J)
{
    sv_pool *p = J->p;
    int64_t cost = 0;
    if (p->bal.work)
        memset(p->bal.work, 0, (size_t)p->bal.n * sizeof *p->bal.work);
    for (int j = 0; j < p->set.n; j++) {
        if (J->x[j + 1] <= 0.5)
            continue;
        cost += p->col[j].travel;
        sv_balance_add(&p->bal, p->c, p->cls[p->set.e[j].key].first, p->col[j].work);
    }
    sv_balance_reprice(&p->bal, p->c);
    return cost + p->bal.cost;
}

/* Brings the columns from `from` on (the pricing's) into the LP. */
static void load_columns(sp_job *J, glp_prob *lp, int from)
{
    sv_pool *p = J->p;
    int rw = p->c->njobs + p->ncls + 1;
    if (p->set.n <= from)
        return;
    glp_add_cols(lp, p->set.n - from); /* GLPK columns j + 1: no balance columns */
    for (int j = from; j < p->set.n; j++) {
        int ind[p->set.e[j].len + 3];
        double val[p->set.e[j].len + 3];
        int n = column_rows(p, j, rw, ind, val);
        glp_set_col_kind(lp, j + 1, GLP_BV);
        glp_set_obj_coef(lp, j + 1, (double)p->col[j].travel);
        glp_set_mat_col(lp, j + 1, n, ind, val);
    }
}

/* The duals of the LP just solved, as sv_pool_gen's price takes them. */
static void read_duals(sp_job *J, glp_prob *lp)
{
    sv_pool *p = J->p;
    int njobs = p->c->njobs;
    double sigma = glp_get_row_dual(lp, njobs + p->ncls + 1);
    for (int j = 0; j < njobs; j++)
        J->pi[j] = J->job_out[j] ? -SV_POOL_OUT
                                 : glp_get_row_dual(lp, j + 1) +
                                       sigma * (double)model_job_weight(&p->c->p->jobs[j]);
    for (int q = 0; q < p->ncls; q++)
        J->mu[q] = glp_get_row_dual(lp, njobs + q + 1);
}

/* The part of the problem a generation recombines (J->part, per class):
 * the classes whose representative's shift overlaps that of the class
 * p->next_part (where shifts are days, that day's), which moves on to the
 * next class outside it for the next solve. The incumbent's columns
 * outside stay fixed at 1 with their jobs (J->job_out); the other columns
 * outside, or with a job outside, are fixed at 0 (COL_OUT); in the part
 * the incumbent's are free, the others fixed at 0 until activate frees
 * them (COL_OFF). Without it the LP of a big problem (2,000 jobs, 500
 * technician-shifts) does not finish in a recombination's time. */
static void choose_part(sp_job *J, glp_prob *lp)
{
    sv_pool *p = J->p;
    const sv_ctx *c = p->c;
    int seed = sv_pool_next_part(p, J->part);
    p->next_part = seed + 1;
    for (int k = 1; k < p->ncls; k++)
        if (!J->part[(seed + k) % p->ncls]) {
            p->next_part = (seed + k) % p->ncls;
            break;
        }
    memset(J->job_out, 0, (size_t)c->njobs);
    for (int j = 0; j < p->set.n; j++)
        if (J->x[j + 1] > 0.5 && !J->part[p->set.e[j].key])
            for (int i = 0; i < p->set.e[j].len; i++)
                J->job_out[sv_seqset_jobs(&p->set, j)[i]] = 1;
    for (int j = 0; j < p->set.n; j++) {
        bool inc = J->x[j + 1] > 0.5, out = !J->part[p->set.e[j].key];
        for (int i = 0; i < p->set.e[j].len && !out; i++)
            out = J->job_out[sv_seqset_jobs(&p->set, j)[i]];
        J->on[j] = out ? COL_OUT : inc ? COL_FREE : COL_OFF;
        if (J->on[j] != COL_FREE)
            glp_set_col_bnds(lp, j + 1, GLP_FX, inc ? 1 : 0, inc ? 1 : 0);
    }
}

/* The reduced costs of every column under the duals in J->pi, J->mu. */
static void reduced_costs(sp_job *J)
{
    const sv_pool *p = J->p;
    for (int j = 0; j < p->set.n; j++) {
        const sv_seq *q = &p->set.e[j];
        double rc = (double)p->col[j].travel - J->mu[q->key];
        for (int i = 0; i < q->len; i++)
            rc -= J->pi[sv_seqset_jobs(&p->set, j)[i]];
        J->rc[j].rc = rc;
        J->rc[j].j = j;
    }
}

static int by_rc(const void *a, const void *b)
{
    const sp_rc *x = a, *y = b;
    return x->rc < y->rc ? -1 : x->rc > y->rc ? 1 : x->j - y->j;
}

/* Frees (bounds [0, 1]) the SV_POOL_GEN_ACTIVATE columns of most negative
 * reduced cost (J->rc) among those fixed at 0; returns how many. */
static int activate(sp_job *J, glp_prob *lp)
{
    int n = 0;
    for (int j = 0; j < J->p->set.n; j++)
        if (J->on[j] == COL_OFF && J->rc[j].rc < -1e-6)
            J->rc[n++] = J->rc[j];
    if (n > SV_POOL_GEN_ACTIVATE) {
        qsort(J->rc, (size_t)n, sizeof *J->rc, by_rc);
        n = SV_POOL_GEN_ACTIVATE;
    }
    for (int k = 0; k < n; k++) {
        J->on[J->rc[k].j] = COL_FREE;
        glp_set_col_bnds(lp, J->rc[k].j + 1, GLP_DB, 0, 1);
    }
    return n;
}

/* After the last LP (optimal over the columns set free): reduced-cost
 * fixing (the header's comment) over every column; the others are set
 * free for the MIP. The fixing is exact when no column fixed so far has a
 * negative reduced cost (info->converged: the LP is then optimal over the
 * whole pool), else a heuristic filter by the same rule. An exact LP
 * value above U - 1 means that no combination of the pool's columns is
 * cheaper than the incumbent: the MIP is skipped (info->mip_skipped). */
static void fix_columns(sp_job *J, glp_prob *lp)
{
    sv_pool *p = J->p;
    double ub = 0, z = glp_get_obj_val(lp);
    reduced_costs(J);
    J->info->converged = true;
    for (int j = 0; j < p->set.n; j++) {
        ub += J->x[j + 1] * (double)p->col[j].travel;
        J->info->converged = J->info->converged && (J->on[j] != COL_OFF || J->rc[j].rc >= -1e-6);
    }
    /* optimal over the part's columns and above U - 1: no MIP can do better */
    J->info->mip_skipped = J->info->converged && z > ub - 1 + 1e-6;
    for (int j = 0; j < p->set.n; j++) {
        if (J->on[j] == COL_OUT)
            continue;
        bool fix = J->x[j + 1] < 0.5 && J->rc[j].rc > ub - 1 - z + 1e-6;
        glp_set_col_bnds(lp, j + 1, fix ? GLP_FX : GLP_DB, 0, fix ? 0 : 1);
        J->info->fixed += fix;
    }
}

/* Column generation before the MIP (J->gen; the header's comment). The
 * LP starts from the incumbent's columns, the others fixed at 0; each
 * round solves it (primal simplex, warm), frees the pool's columns of most
 * negative reduced cost and prices new routes, until the generator's share
 * of the time is spent or neither finds any; then reduced-cost fixing, and
 * lim set for a MIP that starts from this LP. Ends after an LP solve.
 * false: no memory. */
static bool generate(sp_job *J, glp_prob *lp, sv_mip_limits *lim)
{
    sv_pool *p = J->p;
    double t0 = sv_now(), until = t0 + J->seconds * J->gen->share;
    double mip_min = J->seconds * 0.25; /* kept for the MIP at the least */
    choose_part(J, lp);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    bool solved = false;
    for (int round = 0;; round++) {
        double left = J->seconds - mip_min - (sv_now() - t0);
        sm.tm_lim = left > 0.01 ? (int)(left * 1000) : 10;
        solved = glp_simplex(lp, &sm) == 0 && glp_get_status(lp) == GLP_OPT;
        if (!solved)
            break;
        J->info->lp_value = glp_get_obj_val(lp);
        double now = sv_now();
        if (round >= SV_POOL_GEN_ROUNDS || now >= until)
            break;
        read_duals(J, lp);
        reduced_costs(J);
        int from = p->set.n, freed = activate(J, lp);
        int added = J->gen->price(J->gen->arg, p, J->pi, J->mu, J->part,
                                  now + (until - now) / (SV_POOL_GEN_ROUNDS - round));
        if (added < 0)
            return false;
        J->info->rounds++;
        J->info->added += p->set.n - from;
        for (int j = from; j < p->set.n; j++)
            J->on[j] = COL_FREE;
        if (freed == 0 && p->set.n == from)
            break;
        load_columns(J, lp, from);
    }
    if (solved) {
        read_duals(J, lp);
        fix_columns(J, lp);
    } else { /* no LP optimum: the MIP over every column of the part */
        for (int j = 0; j < p->set.n; j++)
            if (J->on[j] != COL_OUT)
                glp_set_col_bnds(lp, j + 1, GLP_DB, 0, 1);
    }
    double left = J->seconds - (sv_now() - t0);
    lim->lp_presolve = false;
    lim->lp_ms = left > 0.01 ? (int)(left * 500) : 10;
    lim->seconds = left;
    return true;
}

/* The MIP in GLPK (inside sv_mip_guarded): 1 better, 0 not, -1 failure. */
static int solve_mip(void *arg)
{
    sp_job *J = arg;
    sv_pool *p = J->p;
    int ncol = p->set.n, njobs = p->c->njobs;
    double *x = J->x;
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
    J->n = 0;
    for (int j = 0; j < ncol; j++) {
        glp_set_col_kind(lp, j + 1, GLP_BV);
        glp_set_obj_coef(lp, j + 1, (double)p->col[j].travel);
        int ind[p->set.e[j].len + 3];
        double val[p->set.e[j].len + 3];
        int n = column_rows(p, j, rw, ind, val);
        for (int k = 1; k <= n; k++)
            put(J, ind[k], j + 1, val[k]);
    }
    if (p->bal.work)
        add_balance(J, lp, rw);
    glp_load_matrix(lp, (int)J->n, J->ia, J->ja, J->ar);
    /* The LP relaxation first (half the time), so that the branch-and-cut
     * runs on the original columns and the incumbent handed over matches
     * them. */
    sv_mip_limits lim = {.lp_presolve = true, .lp_ms = (int)(J->seconds * 500),
                         .seconds = J->seconds, .min_ms = 5};
    bool proven;
    int result = 0;
    if (J->gen && !generate(J, lp, &lim)) {
        glp_delete_prob(lp);
        return -1;
    }
    ncol = p->set.n;
    if (!J->info->mip_skipped && sv_mip_solve(lp, &lim, x, &proven) == 1) {
        for (int j = 0; j < ncol; j++)
            x[j + 1] = glp_mip_col_val(lp, j + 1);
        if (chosen_cost(J) < sv_sol_cost(J->best))
            result = rebuild(p, x, J->out) ? 1 : -1;
    }
    glp_delete_prob(lp);
    return result;
}

int sv_pool_solve(sv_pool *p, const sv_sol *best, double seconds, sv_sol *out)
{
    return sv_pool_solve_gen(p, best, seconds, NULL, NULL, out);
}

int sv_pool_solve_gen(sv_pool *p, const sv_sol *best, double seconds, const sv_pool_gen *gen,
                      sv_pool_gen_info *info, sv_sol *out)
{
    const sv_ctx *c = p->c;
    sv_pool_gen_info scratch_info;
    if (!info)
        info = &scratch_info;
    memset(info, 0, sizeof *info);
    if (p->bal.work)
        gen = NULL; /* the balance term's columns follow the routes' */
    if (p->set.n == 0 || seconds <= 0.01)
        return 0;
    /* room for the columns the incumbent may add, the pricing's, and the
     * balance term's */
    size_t nbal = p->bal.work ? 2 * (size_t)p->bal.n + 1 : 0;
    size_t ngen = gen ? SV_POOL_GEN_MAX : 0;
    double *x = calloc((size_t)p->set.n + 64 + (size_t)best->nr + nbal + ngen, sizeof *x);
    double *pi = gen ? malloc(((size_t)c->njobs + 1) * sizeof *pi) : NULL;
    double *mu = gen ? malloc(((size_t)p->ncls + 1) * sizeof *mu) : NULL;
    size_t ncap = (size_t)p->set.n + (size_t)best->nr + ngen + 1;
    sp_rc *rc = gen ? malloc(ncap * sizeof *rc) : NULL;
    unsigned char *on = gen ? malloc(ncap) : NULL;
    unsigned char *part = gen ? malloc((size_t)p->ncls + 1) : NULL;
    unsigned char *job_out = gen ? malloc((size_t)c->njobs + 1) : NULL;
    bool room = x && (!gen || (pi && mu && rc && on && part && job_out));
    int ninc = room ? mark_incumbent(p, best, x) : -1;
    if (ninc < 0) {
        free(part);
        free(job_out);
        free(x);
        free(pi);
        free(mu);
        free(rc);
        free(on);
        return -1;
    }
    p->gen_limit = p->set.n + (int)ngen < p->max_cols ? p->set.n + (int)ngen : p->max_cols;
    sp_job J = {.p = p, .best = best, .seconds = seconds, .gen = gen, .info = info,
                .pi = pi, .mu = mu, .rc = rc, .on = on, .part = part,
                .job_out = job_out, .out = out, .x = x};
    for (int k = 0; k < best->nr; k++)
        for (int i = 0; i < best->r[k].n; i++)
            if (!sv_is_break(best->r[k].node[i]))
                J.wbest += model_job_weight(&c->p->jobs[best->r[k].node[i]]);
    size_t nz = p->set.njobs + 2 * (size_t)p->set.n;
    if (p->bal.work) /* W_t's rows: each column and W_t; M's: M and each W_t;
                        3 in each of d_t's two rows */
        nz += (size_t)p->set.n + 8 * (size_t)p->bal.n + 1;
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
    free(pi);
    free(mu);
    free(rc);
    free(on);
    free(part);
    free(job_out);
    p->gen_limit = 0;
    return result;
}
