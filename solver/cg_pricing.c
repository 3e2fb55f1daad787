/* cg_pricing.c - pricing for the column generation (cg.h): the least
 * reduced-cost route of a group, by forward labelling with dominance.
 *
 * A label is a partial route from the group's start: the last job, the
 * time the technician is free there, load, jobs, breaks taken so far, its
 * cost (arc costs minus the jobs' duals) and its ng-memory (the jobs of
 * the last job's ng-neighbourhood it may not visit again: Baldacci et al.'s
 * ng-routes, which contain every elementary route, so the exact minimum
 * over them is a valid lower bound of the elementary one).
 *
 * Time is exact, not heuristic: between two stops a label may take any
 * number of its next breaks, each split between "before driving" and
 * "after arriving, while waiting" (the earliest of the splits is kept, and
 * a later technician is never better off: everything is monotone in time).
 * Breaks are taken in their order (by earliest). The end of a route also
 * accepts breaks after the arrival at the end location (a relaxation: the
 * set of routes priced contains every route FORMAT.md allows, which is what
 * the bound needs; columns are checked again with route.c before a MIP may
 * use them).
 *
 * Dominance (same last job): cost, time, load, jobs not larger, breaks
 * taken not fewer, memory a subset. Labels are processed in time order (a
 * heap), so a label's dominators exist before it is extended.
 *
 * Subset-row cuts (cg_price_in.cuts): a label keeps, per cut, the parity of
 * its visits to the cut's jobs; a visit at parity 1 costs -sigma_s (the
 * cut's coefficient grows by one). A label dominates another only when its
 * cost plus -sigma_s for each cut where its parity is 1 and the other's 0
 * (the most that may cost it more later) is not larger (Jepsen et al.
 * 2008). Merging keeps the parity 0 wherever either label has it.
 *
 * Heuristic pricing extends each label to its CG_HEUR_K cheapest next jobs
 * only, dominates without the memory and keeps the CG_HEUR_B cheapest
 * labels per job: fast, its minimum proves nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

#define CG_HEUR_K 6
#define CG_HEUR_B 3

typedef struct label {
    double cost;
    double load;
    int64_t t;      /* free at the job's location after its service */
    int node;       /* job */
    int parent;     /* label index, -1: from the start */
    int nj;
    int nbr;        /* breaks taken */
    uint32_t mem;   /* bit p: ngn[node][p] may not be visited */
    uint64_t sr;    /* bit s: visits to cut s's jobs odd */
    bool dead;
} label;

typedef struct heap_item {
    int64_t t;
    int lab;
} heap_item;

struct cg_pricer {
    const cg_ctx *g;
    label *lab;
    long nlab;
    size_t caplab;
    int **bucket;   /* per job: alive labels */
    int *bn;
    size_t *bcap;
    heap_item *heap;
    long nheap;
    size_t capheap;
    int *cand;      /* candidate jobs of the group priced */
    int ncand;
    int *best;      /* completion label indices, best first */
    double *best_rc;
    int nbest, capbest;
    int *seq, *off, *len;
    size_t capseq;
    int *order;     /* scratch for heuristic selection */
    double *okey;
    int *slotidx;   /* merge mode: label per (job, bucket, breaks) or -1 */
    size_t capslot;
    double *pib;    /* with bonuses: the duals plus the group's bonuses */
    cg_completion comp; /* completion bounds (cg_complete.c) */
};

static inline int64_t mx(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

cg_pricer *cg_pricer_create(const cg_ctx *g)
{
    cg_pricer *pr = calloc(1, sizeof *pr);
    if (!pr)
        return NULL;
    int n = g->c->njobs + 1;
    pr->g = g;
    pr->bucket = calloc((size_t)n, sizeof *pr->bucket);
    pr->bn = calloc((size_t)n, sizeof *pr->bn);
    pr->bcap = calloc((size_t)n, sizeof *pr->bcap);
    pr->cand = malloc((size_t)n * sizeof *pr->cand);
    pr->order = malloc((size_t)n * sizeof *pr->order);
    pr->okey = malloc((size_t)n * sizeof *pr->okey);
    pr->pib = g->bonus ? malloc((size_t)n * sizeof *pr->pib) : NULL;
    if (!pr->bucket || !pr->bn || !pr->bcap || !pr->cand || !pr->order || !pr->okey ||
        (g->bonus && !pr->pib) ||
        !cg_completion_init(&pr->comp, n)) {
        cg_pricer_free(pr);
        return NULL;
    }
    return pr;
}

void cg_pricer_free(cg_pricer *pr)
{
    if (!pr)
        return;
    if (pr->bucket)
        for (int j = 0; j < pr->g->c->njobs; j++)
            free(pr->bucket[j]);
    free(pr->bucket);
    free(pr->bn);
    free(pr->bcap);
    free(pr->lab);
    free(pr->heap);
    free(pr->cand);
    free(pr->best);
    free(pr->best_rc);
    free(pr->seq);
    free(pr->off);
    free(pr->len);
    free(pr->order);
    free(pr->okey);
    free(pr->pib);
    free(pr->slotidx);
    cg_completion_free(&pr->comp);
    free(pr);
}

void cg_gap(const sv_ctx *c, const sv_slot *s, int from, int64_t t, int k0, int j, int nbmax,
            int64_t *out)
{
    int to = j >= 0 ? c->p->jobs[j].location : s->eloc;
    int64_t tr = sv_travel(c, from, to);
    for (int nb = 0; nb <= nbmax; nb++) {
        int64_t best = SV_INF;
        for (int sp = 0; sp <= nb; sp++) {
            int64_t tt = t;
            bool ok = true;
            for (int b = k0; ok && b < k0 + sp; b++) {
                int64_t bs = mx(tt, s->br[b].earliest);
                ok = bs <= s->br[b].latest;
                tt = bs + s->br[b].duration;
            }
            if (!ok)
                continue;
            int64_t arr = tt + tr;
            for (int b = k0 + sp; ok && b < k0 + nb; b++) {
                int64_t bs = mx(arr, s->br[b].earliest);
                ok = bs <= s->br[b].latest;
                arr = bs + s->br[b].duration;
            }
            if (!ok)
                continue;
            int64_t v = j >= 0 ? sv_job_earliest(c, j, arr) : arr;
            if (v < best)
                best = v;
        }
        out[nb] = best;
    }
}

double cg_arc_cost(const cg_ctx *g, int phase, int from_loc, int to_loc)
{
    return phase == CG_PH_COST ? (double)sv_travel(g->c, from_loc, to_loc) : 0.0;
}

int64_t cg_least_duration(const sv_ctx *c, const int *jobs, int n)
{
    int64_t least = INT64_MAX;
    for (int q = 0; q < n; q++)
        if (c->p->jobs[jobs[q]].duration < least)
            least = c->p->jobs[jobs[q]].duration;
    return least;
}

/* Whether a label (free at t at job j's location, nbr breaks taken) can
 * still close its route: the next break can start, and the end is reachable. */
static bool can_close(const sv_ctx *c, const sv_slot *s, int loc, int64_t t, int nbr)
{
    if (nbr < s->nbr && t > s->br[nbr].latest)
        return false;
    return t + sv_travel(c, loc, s->eloc) <= s->t1;
}

/* The most the cuts of bits `more` may cost a label later: sum of -sigma_s. */
static double cut_debt(uint64_t more, const double *sigma)
{
    double d = 0;
    for (int s = 0; more; s++, more >>= 1)
        if (more & 1u)
            d -= sigma[s];
    return d;
}

static bool dominates(const label *a, const label *b, bool use_mem, bool use_load, bool use_nj,
                      const double *sigma)
{
    if (a->cost > b->cost || a->t > b->t || a->nbr < b->nbr)
        return false;
    uint64_t more = a->sr & ~b->sr;
    if (more && a->cost + cut_debt(more, sigma) > b->cost)
        return false;
    if (use_load && a->load > b->load)
        return false;
    if (use_nj && a->nj > b->nj)
        return false;
    if (use_mem && (a->mem & ~b->mem))
        return false;
    return true;
}

static bool heap_push(cg_pricer *pr, int64_t t, int lab)
{
    if (!sv_grow((void **)&pr->heap, &pr->capheap, (size_t)pr->nheap + 1, sizeof *pr->heap, 4096))
        return false;
    long i = pr->nheap++;
    while (i > 0) {
        long up = (i - 1) / 2;
        if (pr->heap[up].t <= t)
            break;
        pr->heap[i] = pr->heap[up];
        i = up;
    }
    pr->heap[i] = (heap_item){t, lab};
    return true;
}

static int heap_pop(cg_pricer *pr)
{
    int top = pr->heap[0].lab;
    heap_item last = pr->heap[--pr->nheap];
    long i = 0, n = pr->nheap;
    for (;;) {
        long l = 2 * i + 1;
        if (l >= n)
            break;
        if (l + 1 < n && pr->heap[l + 1].t < pr->heap[l].t)
            l++;
        if (pr->heap[l].t >= last.t)
            break;
        pr->heap[i] = pr->heap[l];
        i = l;
    }
    if (n > 0)
        pr->heap[i] = last;
    return top;
}

typedef struct run {
    const cg_price_in *in;
    const sv_slot *s;
    bool use_mem, use_load, use_nj;
    bool oom;
    /* merge mode: one label per (job, time bucket, breaks taken) */
    int64_t width;  /* bucket width, <= the least service duration */
    int nb;         /* buckets */
    double thr;     /* a label whose cost plus its completion bound reaches
                       this cannot give a route the pricing still wants */
} run;

static bool push_new(cg_pricer *pr, run *R, const label *L);

/* Merge mode: the label of L's bucket (job, time bucket, breaks, memory)
 * takes the least of both in every resource (a label at least as good as
 * each: the routes priced stay a superset). */
static bool merge_label(cg_pricer *pr, run *R, const label *L)
{
    int64_t tb = (L->t - R->s->t0) / R->width;
    if (tb < 0)
        tb = 0;
    if (tb >= R->nb)
        tb = R->nb - 1;
    size_t key = ((size_t)L->node * (size_t)R->nb + (size_t)tb) * (size_t)(R->s->nbr + 1) +
                 (size_t)L->nbr;
    /* the memory (of the nearest only) as CG_NG_MERGE bits */
    uint32_t near = pr->g->ngnear[L->node];
    size_t mk = 0;
    for (int b = 0, k = 0; b < CG_NG; b++)
        if (near >> b & 1u)
            mk |= (size_t)(L->mem >> b & 1u) << k++;
    key = (key << CG_NG_MERGE) | mk;
    int at = pr->slotidx[key];
    if (at < 0) {
        pr->slotidx[key] = (int)pr->nlab;
        return push_new(pr, R, L);
    }
    label *M = &pr->lab[at];
    M->cost = M->cost < L->cost ? M->cost : L->cost;
    M->t = M->t < L->t ? M->t : L->t;
    M->load = M->load < L->load ? M->load : L->load;
    M->nj = M->nj < L->nj ? M->nj : L->nj;
    M->sr &= L->sr;
    return true; /* the same memory */
}

/* Adds a label at its node unless dominated; removes those it dominates. */
static bool add_label(cg_pricer *pr, run *R, const label *L)
{
    if (R->in->merge)
        return merge_label(pr, R, L);
    int j = L->node;
    int *b = pr->bucket[j];
    for (int q = 0; q < pr->bn[j]; q++)
        if (dominates(&pr->lab[b[q]], L, R->use_mem, R->use_load, R->use_nj, R->in->sigma))
            return true;
    int keep = 0;
    for (int q = 0; q < pr->bn[j]; q++) {
        if (dominates(L, &pr->lab[b[q]], R->use_mem, R->use_load, R->use_nj, R->in->sigma))
            pr->lab[b[q]].dead = true;
        else
            b[keep++] = b[q];
    }
    pr->bn[j] = keep;
    if (!R->in->exact && pr->bn[j] >= CG_HEUR_B) {
        /* heuristic: a few labels per job, the cheapest */
        int worst = 0;
        for (int q = 1; q < pr->bn[j]; q++)
            if (pr->lab[b[q]].cost > pr->lab[b[worst]].cost)
                worst = q;
        if (pr->lab[b[worst]].cost <= L->cost)
            return true;
        pr->lab[b[worst]].dead = true;
        b[worst] = b[--pr->bn[j]];
    }
    if (!sv_grow((void **)&pr->bucket[j], &pr->bcap[j], (size_t)pr->bn[j] + 1,
                 sizeof *pr->bucket[j], 8)) {
        R->oom = true;
        return false;
    }
    pr->bucket[j][pr->bn[j]++] = (int)pr->nlab;
    return push_new(pr, R, L);
}

/* Stores L as a new label and queues it. */
static bool push_new(cg_pricer *pr, run *R, const label *L)
{
    if (!sv_grow((void **)&pr->lab, &pr->caplab, (size_t)pr->nlab + 1, sizeof *pr->lab, 4096)) {
        R->oom = true;
        return false;
    }
    int id = (int)pr->nlab++;
    pr->lab[id] = *L;
    if (!heap_push(pr, L->t, id)) {
        R->oom = true;
        return false;
    }
    return true;
}

/* ng-memory of a label at j coming from a label at i with memory mem. */
static uint32_t next_mem(const cg_ctx *g, int i, uint32_t mem, int j)
{
    const int *ni = g->ngn + (size_t)i * CG_NG, *nj = g->ngn + (size_t)j * CG_NG;
    int a = 0, b = 0, na = g->ngn_n[i], nb = g->ngn_n[j];
    uint32_t out = 0;
    for (int q = 0; q < nb; q++)
        if (nj[q] == i)
            out |= 1u << q;
    while (a < na && b < nb) {
        if (ni[a] < nj[b])
            a++;
        else if (ni[a] > nj[b])
            b++;
        else {
            if (mem & (1u << a))
                out |= 1u << b;
            a++;
            b++;
        }
    }
    return out;
}

static bool forbidden(const cg_ctx *g, int i, uint32_t mem, int j)
{
    if (i == j)
        return true;
    const int *ni = g->ngn + (size_t)i * CG_NG;
    for (int a = 0; a < g->ngn_n[i]; a++)
        if (ni[a] == j)
            return (mem >> a) & 1u;
    return false;
}

/* Whether a label at job j, free at t, of reduced cost so far `cost`, can
 * still give a route below R->thr (cg_complete.c). */
static bool may_complete(const cg_pricer *pr, const run *R, int j, int64_t t, double cost)
{
    return cost + cg_completion_at(&pr->comp, j, t) < R->thr - 1e-9;
}

/* Extends label L (index li, or the start when li < 0) to job j. */
static bool extend(cg_pricer *pr, run *R, int li, int j)
{
    const cg_ctx *g = pr->g;
    const sv_ctx *c = g->c;
    const sv_slot *s = R->s;
    const model_job *job = &c->p->jobs[j];
    label base = {0};
    int from = s->sloc;
    base.t = s->t0;
    base.parent = -1;
    if (li >= 0) {
        base = pr->lab[li];
        from = c->p->jobs[base.node].location;
        if (forbidden(g, base.node, base.mem, j))
            return true;
        if (!R->in->exact) /* heuristic: elementary routes only */
            for (int a = li; a >= 0; a = pr->lab[a].parent)
                if (pr->lab[a].node == j)
                    return true;
    }
    if (s->maxj >= 0 && base.nj + 1 > s->maxj)
        return true;
    if (R->use_load && base.load + job->load > s->cap)
        return true;
    int64_t st[CG_MAX_BREAKS + 1];
    int nbmax = s->nbr - base.nbr;
    cg_gap(c, s, from, base.t, base.nbr, j, nbmax, st);
    label L;
    L.cost = base.cost + cg_arc_cost(g, R->in->phase, from, job->location) - R->in->pi[j];
    uint64_t hit = R->in->cuts ? R->in->cuts->mask[j] : 0;
    L.cost += cut_debt(hit & base.sr, R->in->sigma); /* a second visit to those cuts */
    L.sr = base.sr ^ hit;
    L.load = base.load + job->load;
    L.node = j;
    L.parent = li;
    L.nj = base.nj + 1;
    L.mem = li >= 0 ? next_mem(g, base.node, base.mem, j) : 0;
    if (R->in->merge) /* the nearest neighbours' memory only */
        L.mem &= g->ngnear[j];
    L.dead = false;
    double cost = L.cost;
    bool charged = R->in->phase == CG_PH_COST; /* weights are not late */
    for (int nb = 0; nb <= nbmax; nb++) {
        if (st[nb] == SV_INF)
            continue;
        /* a relaxation's lateness, at the earliest start and, for a job of
         * several windows, at the next windows' (a later start costs more:
         * labels that are earlier and cheaper still dominate) */
        int64_t at[CG_LATE_STARTS], ch[CG_LATE_STARTS];
        int nat = cg_late_starts(g, j, st[nb], charged, at, ch);
        for (int q = 0; q < nat; q++) {
            L.t = at[q] + job->duration;
            L.nbr = base.nbr + nb;
            L.cost = cost + (double)ch[q];
            if (!can_close(c, s, job->location, L.t, L.nbr) ||
                !may_complete(pr, R, j, L.t, L.cost))
                continue;
            if (!add_label(pr, R, &L))
                return false;
        }
    }
    return true;
}

/* Reduced cost of closing label li's route (SV_INF-like HUGE_VAL: cannot). */
static double close_rc(cg_pricer *pr, run *R, int li)
{
    const cg_ctx *g = pr->g;
    const sv_ctx *c = g->c;
    const sv_slot *s = R->s;
    const label *L = &pr->lab[li];
    int loc = c->p->jobs[L->node].location;
    int64_t arr[CG_MAX_BREAKS + 1];
    int nbmax = s->nbr - L->nbr;
    cg_gap(c, s, loc, L->t, L->nbr, -1, nbmax, arr);
    if (arr[nbmax] == SV_INF || arr[nbmax] > s->t1)
        return HUGE_VAL;
    /* a relaxation's overtime, at the earliest arrival */
    double over = R->in->phase == CG_PH_COST
                      ? (double)cg_over_charge(g, (int)(s - c->slots), arr[nbmax])
                      : 0;
    return L->cost + over + cg_arc_cost(g, R->in->phase, loc, s->eloc) - R->in->mu;
}

static bool note_best(cg_pricer *pr, int li, double rc, int maxc)
{
    if (pr->capbest < maxc + 1) {
        int ncap = maxc + 1;
        int *nb = realloc(pr->best, (size_t)ncap * sizeof *nb);
        if (!nb)
            return false;
        pr->best = nb;
        double *nr = realloc(pr->best_rc, (size_t)ncap * sizeof *nr);
        if (!nr)
            return false;
        pr->best_rc = nr;
        pr->capbest = ncap;
    }
    cg_top_insert(pr->best, pr->best_rc, &pr->nbest, maxc, li, rc);
    return true;
}

/* The jobs of the group that a route alone may serve (rule 1, load, the
 * relaxed timing of start, job, end). */
static void candidates(cg_pricer *pr, int gi, const run *R)
{
    const cg_ctx *g = pr->g;
    const sv_ctx *c = g->c;
    const sv_slot *s = R->s;
    pr->ncand = 0;
    if (s->maxj == 0)
        return;
    for (int j = 0; j < c->njobs; j++) {
        if (!g->g[gi].can[j])
            continue;
        const model_job *job = &c->p->jobs[j];
        if (s->cap > 0 && job->load > s->cap)
            continue;
        int64_t st[CG_MAX_BREAKS + 1];
        cg_gap(c, s, s->sloc, s->t0, 0, j, s->nbr, st);
        bool ok = false;
        for (int nb = 0; nb <= s->nbr && !ok; nb++) {
            if (st[nb] == SV_INF)
                continue;
            int64_t arr[CG_MAX_BREAKS + 1];
            int64_t t = st[nb] + job->duration;
            cg_gap(c, s, job->location, t, nb, -1, s->nbr - nb, arr);
            ok = arr[s->nbr - nb] != SV_INF && arr[s->nbr - nb] <= s->t1;
        }
        if (ok)
            pr->cand[pr->ncand++] = j;
    }
}

/* Heuristic: the CG_HEUR_K candidates of least arc reduced cost from job
 * `node` (into pr->order). */
static int cheapest_next(cg_pricer *pr, const run *R, int node)
{
    const sv_ctx *c = pr->g->c;
    int from_loc = c->p->jobs[node].location;
    int n = 0;
    for (int q = 0; q < pr->ncand; q++) {
        int j = pr->cand[q];
        if (j == node)
            continue;
        int to = c->p->jobs[j].location;
        double key = cg_arc_cost(pr->g, R->in->phase, from_loc, to) - R->in->pi[j];
        if (R->in->phase == CG_PH_WEIGHT)
            key = (double)sv_travel(c, from_loc, to) - 1e6 * R->in->pi[j];
        cg_top_insert(pr->order, pr->okey, &n, CG_HEUR_K, j, key);
    }
    return n;
}

/* Writes the best routes into out (ng-routes may visit a job twice). */
static bool collect(cg_pricer *pr, cg_price_out *out)
{
    size_t need = 0;
    for (int q = 0; q < pr->nbest; q++)
        need += (size_t)pr->lab[pr->best[q]].nj;
    if (need > pr->capseq || !pr->off) {
        size_t ncap = need + 64;
        int *ns = realloc(pr->seq, ncap * sizeof *ns);
        if (!ns)
            return false;
        pr->seq = ns;
        pr->capseq = ncap;
    }
    int *no = realloc(pr->off, (size_t)(pr->nbest + 1) * sizeof *no);
    if (!no)
        return false;
    pr->off = no;
    int *nl = realloc(pr->len, (size_t)(pr->nbest + 1) * sizeof *nl);
    if (!nl)
        return false;
    pr->len = nl;
    size_t at = 0;
    int nr = 0;
    for (int q = 0; q < pr->nbest; q++) {
        int m = pr->lab[pr->best[q]].nj;
        int *dst = pr->seq + at;
        int i = m;
        for (int li = pr->best[q]; li >= 0; li = pr->lab[li].parent)
            dst[--i] = pr->lab[li].node;
        pr->off[nr] = (int)at;
        pr->len[nr] = m;
        nr++;
        at += (size_t)m;
    }
    out->nroutes = nr;
    out->seq = pr->seq;
    out->off = pr->off;
    out->len = pr->len;
    return true;
}

/* Merge mode: buckets no wider than the least service duration of the
 * candidates (a label's successors then fall in later buckets, so a
 * bucket's label is complete before it is extended), as fine as the work
 * budget allows. */
static bool merge_setup(cg_pricer *pr, run *R)
{
    const sv_ctx *c = pr->g->c;
    int64_t mind = cg_least_duration(c, pr->cand, pr->ncand), H = R->s->t1 - R->s->t0;
    if (pr->ncand == 0 || H <= 0)
        mind = 1;
    double nc = pr->ncand > 0 ? pr->ncand : 1,
           per = nc * nc * (R->s->nbr + 1) * (1 << CG_NG_MERGE);
    double want = 2e7 / per; /* buckets the budget allows */
    int64_t w = (int64_t)((double)H / (want > 1 ? want : 1)) + 1;
    if (w > mind)
        w = mind;
    if (w < 1)
        w = 1;
    int64_t nb = H / w + 2;
    size_t need = ((size_t)c->njobs * (size_t)nb * (size_t)(R->s->nbr + 1)) << CG_NG_MERGE;
    if (nb > 2000000 || need > 20000000) {
        R->nb = 0; /* too fine for memory: not priced */
        return true;
    }
    if (need > pr->capslot) {
        int *ns = realloc(pr->slotidx, need * sizeof *ns);
        if (!ns)
            return false;
        pr->slotidx = ns;
        pr->capslot = need;
    }
    memset(pr->slotidx, 0xff, need * sizeof *pr->slotidx);
    R->width = w;
    R->nb = (int)nb;
    return true;
}

bool cg_price(cg_pricer *pr, int gi, const cg_price_in *in, cg_price_out *out)
{
    const cg_ctx *g = pr->g;
    const sv_ctx *c = g->c;
    cg_price_in with_bonus;
    if (g->bonus && in->phase == CG_PH_COST) {
        /* the labelling and its completion bounds see the route's cost less
         * its bonuses */
        cg_bonus_duals(g, gi, in->pi, pr->pib);
        with_bonus = *in;
        with_bonus.pi = pr->pib;
        in = &with_bonus;
    }
    run R = {in, &c->slots[g->g[gi].slot], in->exact, false, false, false, 1, 1, 0};
    R.use_load = R.s->cap > 0 && !in->no_load;
    R.use_nj = R.s->maxj >= 0;
    memset(out, 0, sizeof *out);
    out->min_rc = 0;
    if (R.s->nbr > CG_MAX_BREAKS)
        return true; /* not priced: complete stays false */
    pr->nlab = 0;
    pr->nheap = 0;
    pr->nbest = 0;
    for (int j = 0; j < c->njobs; j++)
        pr->bn[j] = 0;
    candidates(pr, gi, &R);
    if (in->merge && !merge_setup(pr, &R))
        return false;
    if (in->merge && R.nb == 0)
        return true; /* complete stays false */
    pr->comp.width = 0; /* the heuristic prunes nothing */
    if (in->exact && !cg_completion_build(&pr->comp, g, R.s, pr->cand, pr->ncand, in))
        return false;
    int maxc = in->max_cols > 0 ? in->max_cols : 1;
    R.thr = 0;
    bool ok = true, cut = false;
    for (int q = 0; q < pr->ncand && ok; q++)
        ok = extend(pr, &R, -1, pr->cand[q]);
    long steps = 0;
    while (ok && pr->nheap > 0) {
        int li = heap_pop(pr);
        if (pr->lab[li].dead)
            continue;
        if ((++steps & 255) == 0 && sv_now() >= in->deadline) {
            cut = true;
            break;
        }
        if (in->exact && pr->nlab > in->max_labels) {
            cut = true;
            break;
        }
        if (!in->exact && pr->nlab > in->max_labels)
            break;
        if (!may_complete(pr, &R, pr->lab[li].node, pr->lab[li].t, pr->lab[li].cost))
            continue; /* the threshold fell since it was made */
        double rc = close_rc(pr, &R, li);
        if (rc < out->min_rc)
            out->min_rc = rc;
        if (rc < -1e-6 && !in->merge)
            ok = note_best(pr, li, rc, maxc);
        /* what a label must still beat: the least reduced cost so far when
         * no routes are kept, else the last of a full list of them */
        if (in->merge)
            R.thr = out->min_rc;
        else if (pr->nbest >= maxc)
            R.thr = pr->best_rc[maxc - 1];
        int node = pr->lab[li].node;
        if (in->exact) {
            for (int q = 0; q < pr->ncand && ok; q++)
                ok = extend(pr, &R, li, pr->cand[q]);
        } else {
            int n = cheapest_next(pr, &R, node);
            int nxt[CG_HEUR_K];
            memcpy(nxt, pr->order, (size_t)n * sizeof *nxt);
            for (int q = 0; q < n && ok; q++)
                ok = extend(pr, &R, li, nxt[q]);
        }
    }
    if (!ok || R.oom)
        return false;
    out->labels = pr->nlab;
    out->complete = in->exact && !cut;
    return collect(pr, out);
}
