/* cg_tree.c - a travel bound from spanning forests (cg.h cg_tree_bound),
 * for when column generation cannot price long routes (Solomon's type-2
 * instances: a few routes of 30-50 jobs each, whose exact pricing does not
 * finish; Fisher's k-tree relaxation of the VRP, 1994, with the degree
 * constraints in a Lagrangian).
 *
 * Every schedule that serves all n jobs in k non-empty routes is, on the
 * jobs, a forest of k paths (n - k edges, k components) plus, for each
 * path, one entry from a shift's start and one exit to a shift's end. Each
 * job then has degree 2, counting its entry and exit. With a multiplier
 * lambda_j on "degree of j = 2" the schedule's travel is
 *   sum over its edges (e_ij + lambda_i + lambda_j)
 *   + sum over its entries (a_j + lambda_j) + its exits (b_j + lambda_j)
 *   - 2 sum lambda_j,
 * with e_ij the least travel between i and j in a direction the windows
 * allow within one day (the span of overlapping shifts: a route lies within
 * one) for a group of shifts that may serve both (rule 1), a_j (b_j) the
 * least travel to j from (from j to) a start (an end) of a shift that may
 * serve j. The paths with their entries are a spanning tree of the jobs
 * and a root (the shifts' starts) with k root edges, one into each path.
 * Dropping the rest of the shape (any such tree, any k exits) leaves a
 * minimum: the least spanning tree with k root edges (root_trees), and the
 * k least exits (at least the minimum spanning tree less its k - 1
 * dearest edges with the k least entries, and more where a route's first
 * job is far from every start). Its least value over the k the routes may
 * number is a lower bound for every lambda; subgradient steps (Polyak's,
 * towards the best so far and a tenth of the way on to the incumbent's
 * travel) raise it.
 * The routes number at least what the slots' loads, job limits and time
 * need: k routes serve every job and drive within k shifts, so the jobs'
 * service plus k's bound must fit the k longest, less their breaks (on
 * gen_field's problems, whose routes are days of 5 jobs, that k is what
 * lifts the bound most). Windows within a day, breaks beyond their time,
 * and loads beyond the count of routes are relaxed: the bound is weak
 * where they bind (type-1 instances) and close where routes are long and
 * windows wide (r204: 12 % below the best known, where the
 * entries-and-exits bound is 30 %).
 *
 * Each k's value at any multipliers bounds the schedules of exactly k
 * routes; the best of them over the steps (and over a fixed-k ascent on the
 * largest k not yet excluded) tells the most routes a schedule travelling
 * at most the incumbent's can have, which caps the column generation's
 * groups (cg.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/cg.h"

/* An edge no schedule can use (no direction fits the windows, or no shift
 * may serve both jobs): kept at this cost, so that a forest needing one is
 * never the least (adding structures to the minimum keeps it a bound). */
#define TREE_BIG 1e12
/* Multiplier steps at most; matrix cells visited at most (the work of the
 * steps: n * n each, and n per root edge), so that a deterministic run
 * ends the same way. */
#define TREE_STEPS 3000
#define TREE_WORK 4e8
/* ... or TREE_MIN_STEPS steps' worth where that is more (2,000 jobs: the
 * few steps of 4e8 stop far from the bound; 300 take 4 s) */
#define TREE_MIN_STEPS 300
/* Polyak's target: this far from the best so far towards ub (ascend) */
#define TREE_TARGET 0.1
#define TREE_MAX_JOBS 2500
/* Steps of each fixed-k ascent that tries to rule out k routes (all of
 * them together within another half of the first ascent's work). */
#define TREE_K_STEPS 300
/* Polyak step factor: halved after this many steps without a better bound,
 * the search ends below TREE_THETA_MIN. */
#define TREE_STALL 30
#define TREE_THETA_MIN 1e-3

/* A value and the job or edge it belongs to, for sorting. */
typedef struct tree_item {
    double v;
    int i;
} tree_item;

typedef struct tree_run {
    int n, kmin, kmax;
    int *id;              /* per job of the forest: its index in the problem */
    double *e;            /* n x n: e_ij (TREE_BIG: unusable) */
    double *a, *b;        /* per job: least entry and exit */
    double *lam, *key;    /* multipliers; Prim's keys */
    int *par, *deg;       /* Prim's parents; degrees in the minimum */
    unsigned char *done;  /* Prim: in the tree */
    int *tpar;            /* root_trees: per job its parent (n: the root) */
    double *tw;           /* and the edge's weight */
    double *mx;           /* path_max: the dearest job edge up to the root */
    int *mxn;             /* and the job below it (-1: none) */
    int *head, *next, *queue; /* path_max: children lists, order */
    int *sj, *sx, *spx;   /* per number of root edges: its exchange */
    double *tk;           /* per number of root edges: the least tree */
    tree_item *sb;        /* b + lambda, the least first */
    double *bk;           /* per k (1..n): the best bound on k routes so far */
    double work;          /* matrix cells visited so far */
    double cap;           /* the first ascent's limit of them */
    double *span;         /* per k (0..ns): the work time of the k longest
                             shifts (cg_work_time) */
    double dur;           /* the jobs' service time, in all */
} tree_run;

/* The least number of routes that can carry the forest's jobs (loads, job
 * limits and the time of the slots, the largest first: a route serves its
 * jobs within its shift), and the most (slots, jobs); T->span and T->dur.
 * false when the slots cannot carry them all, or no memory. */
static bool route_counts(const sv_ctx *c, tree_run *T, int *kmin, int *kmax)
{
    int ns = c->nslots, n = T->n;
    double load = 0;
    T->dur = 0;
    for (int j = 0; j < n; j++) {
        load += c->p->jobs[T->id[j]].load;
        T->dur += (double)c->p->jobs[T->id[j]].duration;
    }
    double *v = malloc((size_t)(ns ? ns : 1) * sizeof *v), *pre[CG_CAPS];
    for (int m = 0; m < CG_CAPS; m++)
        pre[m] = malloc((size_t)(ns + 1) * sizeof *pre[m]);
    bool ok = v && pre[CG_CAP_JOBS] && pre[CG_CAP_LOAD] && pre[CG_CAP_TIME];
    int need = 1;
    if (ok)
        cg_slot_capacities(c, pre, v);
    const double want[CG_CAPS] = {[CG_CAP_JOBS] = n, [CG_CAP_LOAD] = load,
                                  [CG_CAP_TIME] = T->dur};
    for (int m = 0; ok && m < CG_CAPS; m++) {
        int k = cg_least_slots(pre[m], ns, want[m] - 1e-9);
        ok = k <= ns;
        need = k > need ? k : need;
    }
    T->span = pre[CG_CAP_TIME]; /* the work times' prefix sums, the longest first */
    free(v);
    free(pre[CG_CAP_JOBS]);
    free(pre[CG_CAP_LOAD]);
    if (!ok)
        return false;
    *kmin = need;
    *kmax = ns < n ? ns : n;
    return *kmin <= *kmax;
}

/* The days of the problem: the spans of overlapping shifts merged (a
 * route lies within one), at most TREE_DAYS (beyond, one span for all). */
#define TREE_DAYS 64

typedef struct tree_days {
    int n;
    int64_t t0[TREE_DAYS], t1[TREE_DAYS];
} tree_days;

static void find_days(const cg_ctx *g, tree_days *d)
{
    const sv_ctx *c = g->c;
    d->n = 0;
    /* insertion by start: the groups' spans, each merged into the span it
     * overlaps or kept apart */
    for (int q = 0; q < g->ng; q++) {
        const sv_slot *s = &c->slots[g->g[q].slot];
        int64_t a = s->t0, b = s->t1;
        int k, w = 0;
        for (k = 0; k < d->n; k++) {
            if (d->t0[k] <= b && a <= d->t1[k]) { /* overlaps: absorbed */
                a = a < d->t0[k] ? a : d->t0[k];
                b = b > d->t1[k] ? b : d->t1[k];
                continue;
            }
            d->t0[w] = d->t0[k];
            d->t1[w++] = d->t1[k];
        }
        d->n = w;
        if (d->n == TREE_DAYS) { /* too many: one span for all */
            for (k = 0; k < d->n; k++) {
                a = a < d->t0[k] ? a : d->t0[k];
                b = b > d->t1[k] ? b : d->t1[k];
            }
            d->n = 0;
        }
        d->t0[d->n] = a;
        d->t1[d->n++] = b;
    }
}

/* Whether job y may follow job x in a route of day k, x starting at sx
 * there (its earliest start: cg_start_in), then its service and the travel. */
static bool follows(const sv_ctx *c, const tree_days *d, int k, int64_t sx, int x, int y,
                    int64_t txy)
{
    return sx != SV_INF &&
           cg_start_in(c, y, sx + c->p->jobs[x].duration + txy, d->t0[k], d->t1[k]) != SV_INF;
}

/* The day of group q (its span lies within one). */
static int day_of(const cg_ctx *g, const tree_days *d, int q)
{
    const sv_slot *s = &g->c->slots[g->g[q].slot];
    int k = 0;
    while (k < d->n - 1 && !(d->t0[k] <= s->t0 && s->t1 <= d->t1[k]))
        k++;
    return k;
}

/* Per job of the forest (gw words each): the groups that may serve it
 * (rule 1) with time for it in their shift; per day (gw words each): its
 * groups; per job: the days of its groups. false: no memory. */
static bool job_groups(const cg_ctx *g, const tree_run *T, const tree_days *d, int gw,
                       uint64_t *gbits, uint64_t *dbits, uint64_t *day)
{
    const sv_ctx *c = g->c;
    int *dq = malloc((size_t)(g->ng ? g->ng : 1) * sizeof *dq);
    if (!dq)
        return false;
    memset(dbits, 0, (size_t)d->n * (size_t)gw * sizeof *dbits);
    for (int q = 0; q < g->ng; q++) {
        dq[q] = day_of(g, d, q);
        dbits[(size_t)dq[q] * gw + (size_t)(q >> 6)] |= (uint64_t)1 << (q & 63);
    }
    for (int j = 0; j < T->n; j++) {
        int u = T->id[j];
        uint64_t *b = gbits + (size_t)j * gw;
        memset(b, 0, (size_t)gw * sizeof *b);
        day[j] = 0;
        for (int q = 0; q < g->ng; q++) {
            const sv_slot *s = &c->slots[g->g[q].slot];
            if (g->g[q].can[u] && cg_start_in(c, u, s->t0, s->t0, s->t1) != SV_INF) {
                b[q >> 6] |= (uint64_t)1 << (q & 63);
                day[j] |= (uint64_t)1 << dq[q];
            }
        }
    }
    free(dq);
    return true;
}

/* Whether some group of day k is in both x and y (gw words each). */
static bool share_day(const uint64_t *x, const uint64_t *y, const uint64_t *dk, int gw)
{
    for (int w = 0; w < gw; w++)
        if (x[w] & y[w] & dk[w])
            return true;
    return false;
}

/* e, a and b (the header's comment). An edge is usable when some group may
 * serve both jobs (rule 1) in a day (the shifts' spans: a route lies within
 * one) one after the other, in a direction their windows allow there.
 * false: a job no shift can serve, or no memory. */
static bool costs(const cg_ctx *g, tree_run *T)
{
    const sv_ctx *c = g->c;
    int n = T->n, gw = (g->ng + 63) / 64;
    tree_days d;
    find_days(g, &d);
    uint64_t *day = malloc((size_t)n * sizeof *day);
    uint64_t *gbits = malloc((size_t)n * (size_t)gw * sizeof *gbits);
    uint64_t *dbits = malloc((size_t)d.n * (size_t)gw * sizeof *dbits);
    int64_t *first = malloc((size_t)n * (size_t)d.n * sizeof *first); /* per job, day */
    bool ok = day && gbits && dbits && first && job_groups(g, T, &d, gw, gbits, dbits, day);
    for (int j = 0; ok && j < n; j++)
        for (int k = 0; k < d.n; k++)
            first[(size_t)j * d.n + k] = cg_start_in(c, T->id[j], d.t0[k], d.t0[k], d.t1[k]);
    for (int j = 0; ok && j < n; j++) {
        int u = T->id[j];
        if (!day[j]) {
            ok = false; /* no shift has time for it: never served */
            break;
        }
        int64_t es = sv_job_earliest(c, u, SV_NEG_INF), le = sv_job_latest(c, u, SV_INF);
        T->a[j] = T->b[j] = HUGE_VAL;
        int lj = c->p->jobs[u].location;
        int64_t dur = c->p->jobs[u].duration;
        for (int q = 0; q < g->ng; q++) {
            const sv_slot *s = &c->slots[g->g[q].slot];
            if (!g->g[q].can[u])
                continue;
            int64_t in = sv_travel(c, s->sloc, lj), out = sv_travel(c, lj, s->eloc);
            if (s->t0 + in <= le)
                T->a[j] = fmin(T->a[j], (double)in);
            if (es + dur + out <= s->t1)
                T->b[j] = fmin(T->b[j], (double)out);
        }
        ok = isfinite(T->a[j]) && isfinite(T->b[j]);
    }
    for (int i = 0; ok && i < n; i++) {
        T->e[(size_t)i * n + i] = TREE_BIG;
        for (int j = i + 1; j < n; j++) {
            int x = T->id[i], y = T->id[j];
            const model_job *jx = &c->p->jobs[x], *jy = &c->p->jobs[y];
            int64_t tij = sv_travel(c, jx->location, jy->location),
                    tji = sv_travel(c, jy->location, jx->location);
            double v = TREE_BIG;
            uint64_t both = day[i] & day[j];
            for (int k = 0; both && k < d.n && (v > tij || v > tji); k++) {
                if (!(both >> k & 1) || !share_day(gbits + (size_t)i * gw,
                                                   gbits + (size_t)j * gw,
                                                   dbits + (size_t)k * gw, gw))
                    continue;
                if (v > tij && follows(c, &d, k, first[(size_t)i * d.n + k], x, y, tij))
                    v = (double)tij;
                if (v > tji && follows(c, &d, k, first[(size_t)j * d.n + k], y, x, tji))
                    v = (double)tji;
            }
            T->e[(size_t)i * n + j] = T->e[(size_t)j * n + i] = v;
        }
    }
    free(day);
    free(gbits);
    free(dbits);
    free(first);
    return ok;
}

/* Ascending by value, ties by index (qsort is not stable: the index keeps
 * the result deterministic). */
static int cmp_up(const void *x, const void *y)
{
    const tree_item *a = x, *b = y;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* A value that rules out schedules travelling at most ub: above it by more
 * than the floating point's error. */
static double above_ub(double ub)
{
    return ub + 1e-6 * (fabs(ub) + 1);
}

/* Makes job j a child of the root (entry weight w) in the tree of
 * T->tpar, whose parents up from j end at a node without one (-1): the
 * path from j up to that node turns around. */
static void hang(tree_run *T, int j, double w)
{
    int prev = T->n, cur = j;
    while (cur >= 0) {
        int up = T->tpar[cur];
        double wu = T->tw[cur];
        T->tpar[cur] = prev;
        T->tw[cur] = w;
        prev = cur;
        w = wu;
        cur = up;
    }
}

/* For every job of the tree of T->tpar (root n): the dearest job-to-job
 * edge on its path to the root (T->mx; T->mxn the job below it, -1 and
 * -HUGE_VAL when the job hangs from the root). */
static void path_max(tree_run *T)
{
    int n = T->n, nq = 0;
    for (int v = 0; v <= n; v++)
        T->head[v] = -1;
    for (int v = n - 1; v >= 0; v--) {
        T->next[v] = T->head[T->tpar[v]];
        T->head[T->tpar[v]] = v;
    }
    for (int v = T->head[n]; v >= 0; v = T->next[v]) {
        T->mx[v] = -HUGE_VAL;
        T->mxn[v] = -1;
        T->queue[nq++] = v;
    }
    for (int q = 0; q < nq; q++) {
        int p = T->queue[q];
        for (int v = T->head[p]; v >= 0; v = T->next[v]) {
            bool own = T->tw[v] > T->mx[p];
            T->mx[v] = own ? T->tw[v] : T->mx[p];
            T->mxn[v] = own ? v : T->mxn[p];
            T->queue[nq++] = v;
        }
    }
}

/* The weight of the tree of T->tpar, summed afresh: a running sum would
 * keep the rounding of the TREE_BIG edges exchanged out. */
static double tree_weight(const tree_run *T)
{
    double w = 0;
    for (int j = 0; j < T->n; j++)
        w += T->tw[j];
    return w;
}

/* The least spanning trees of the jobs and a root whose edges are the
 * entries (a_j + lambda_j), for each number d of root edges: T->tk[d] for
 * d = 1..the returned most (T->kmax at the most). A tree of d root edges is
 * d components of jobs, each entered once: a schedule of d routes, less its
 * exits, is one, so each value bounds those schedules' entries and job
 * edges. Gabow and Tarjan (1984): from the least tree of the fewest root
 * edges, the best exchange (a root edge in, the dearest job edge on the
 * path it closes out) gives the least tree of one more; T->sj[d], T->sx[d]
 * record the exchange (root edge to sj, edge from sx to its parent out),
 * T->spx[d] that parent. The job tree is Prim's (T->par, T->key). */
static int root_trees(tree_run *T)
{
    int n = T->n, j1 = 0;
    const double *lam = T->lam;
    for (int j = 1; j < n; j++)
        if (T->a[j] + lam[j] < T->a[j1] + lam[j1])
            j1 = j;
    for (int j = 0; j < n; j++) {
        T->tpar[j] = T->par[j];
        T->tw[j] = T->key[j];
    }
    hang(T, j1, T->a[j1] + lam[j1]);
    T->tk[1] = tree_weight(T);
    T->sj[1] = j1;
    int d = 1;
    for (; d < T->kmax; d++) {
        path_max(T);
        int j = -1;
        double gain = HUGE_VAL;
        for (int v = 0; v < n; v++)
            if (T->mxn[v] >= 0 && T->a[v] + lam[v] - T->mx[v] < gain) {
                gain = T->a[v] + lam[v] - T->mx[v];
                j = v;
            }
        if (j < 0)
            break; /* every job hangs from the root */
        int x = T->mxn[j];
        T->sj[d + 1] = j;
        T->sx[d + 1] = x;
        T->spx[d + 1] = T->tpar[x];
        T->tpar[x] = -1;
        hang(T, j, T->a[j] + lam[j]);
        T->tk[d + 1] = tree_weight(T);
    }
    T->work += (double)n * d;
    return d;
}

/* The minimum at lambda (the header's comment) over the allowed k (kfix >
 * 0: for k = kfix only): its value, and the degree of each job in it
 * (T->deg). Keeps each k's best value so far in T->bk. */
static double evaluate(tree_run *T, int kfix)
{
    int n = T->n;
    const double *lam = T->lam;
    /* Prim's minimum spanning tree over e_ij + lambda_i + lambda_j */
    for (int j = 0; j < n; j++) {
        T->key[j] = HUGE_VAL;
        T->par[j] = -1;
        T->done[j] = 0;
        T->deg[j] = 0;
    }
    T->key[0] = 0;
    for (int it = 0; it < n; it++) {
        int u = -1;
        for (int j = 0; j < n; j++)
            if (!T->done[j] && (u < 0 || T->key[j] < T->key[u]))
                u = j;
        T->done[u] = 1;
        const double *row = T->e + (size_t)u * n;
        for (int j = 0; j < n; j++)
            if (!T->done[j]) {
                double v = row[j] + lam[u] + lam[j];
                if (v < T->key[j]) {
                    T->key[j] = v;
                    T->par[j] = u;
                }
            }
    }
    double lsum = 0;
    for (int j = 0; j < n; j++) {
        T->sb[j] = (tree_item){T->b[j] + lam[j], j};
        lsum += lam[j];
    }
    qsort(T->sb, (size_t)n, sizeof *T->sb, cmp_up);
    int dmax = root_trees(T);
    /* L_k = the least tree of k root edges + the k least exits */
    double out = 0, best = HUGE_VAL;
    int kb = T->kmin;
    for (int k = 1; k <= dmax; k++) {
        out += T->sb[k - 1].v;
        double v = T->tk[k] + out;
        if (v - 2 * lsum > T->bk[k])
            T->bk[k] = v - 2 * lsum;
        /* k routes serve the jobs and drive within k shifts: when even
         * the k longest are too short for that, no schedule has k routes */
        if (k == T->kmin && k < T->kmax && T->dur + T->bk[k] > above_ub(T->span[k]))
            T->kmin++;
        if (kfix > 0 ? k == kfix : k >= T->kmin && v < best) {
            best = v;
            kb = k;
        }
    }
    if (kb > dmax)
        kb = dmax;
    /* the degrees of the tree of kb root edges and its kb exits */
    for (int j = 0; j < n; j++)
        if (T->par[j] >= 0) {
            T->deg[j]++;
            T->deg[T->par[j]]++;
        }
    for (int d = 1; d <= kb; d++) {
        T->deg[T->sj[d]]++;
        if (d > 1) {
            T->deg[T->sx[d]]--;
            T->deg[T->spx[d]]--;
        }
        T->deg[T->sb[d - 1].i]++;
    }
    return best - 2 * lsum;
}

/* Subgradient ascent of the minimum over k (kfix 0) or of k = kfix routes
 * from T->lam, Polyak's steps towards ub; at most `steps` steps, and
 * while T->work (matrix cells visited) is below `work`. With kfix, ends as
 * soon as k's bound exceeds ub. Returns the best value. */
static double ascend(tree_run *T, int kfix, double ub, long steps, double work, double deadline)
{
    int n = T->n;
    double theta = 2, best = 0, above = above_ub(ub);
    int stall = 0;
    for (long it = 0; it < steps && theta >= TREE_THETA_MIN && T->work < work; it++) {
        if (deadline > 0 && sv_now() >= deadline)
            break;
        T->work += (double)n * n;
        double L = evaluate(T, kfix);
        if (L > best + 1e-9) {
            best = L;
            stall = 0;
        } else if (++stall >= TREE_STALL) {
            theta /= 2;
            stall = 0;
        }
        if (kfix > 0 && L > above)
            break;
        double norm = 0;
        for (int j = 0; j < n; j++)
            norm += (double)(T->deg[j] - 2) * (T->deg[j] - 2);
        if (norm == 0)
            break; /* every degree 2: the minimum is a schedule's shape */
        /* towards the best so far and a tenth of the way on to ub: where
         * the bound is far below the incumbent (field problems: 60-80 %),
         * steps towards ub overshoot (2000x100x5: 369k against 405k) */
        double target = kfix > 0 ? above + 1e-3 * fabs(ub) + 1 : best + TREE_TARGET * (ub - best);
        double step = theta * fmax(target - L, 1e-3 * fabs(ub) + 1) / norm;
        for (int j = 0; j < n; j++)
            T->lam[j] += step * (T->deg[j] - 2);
    }
    return best;
}

/* The most routes a schedule of travel at most ub can have: the largest k
 * whose bound (the best over every multiplier tried, each a valid bound on
 * schedules of exactly k routes) is not above ub, after a fixed-k ascent
 * on each k that might still be ruled out, from the top down. */
static int fewest_excluded(tree_run *T, double ub, double deadline)
{
    double above = above_ub(ub);
    int k = T->kmax;
    while (k > T->kmin && T->bk[k] > above)
        k--;
    while (k > T->kmin) {
        ascend(T, k, ub, TREE_K_STEPS, T->cap * 1.5, deadline);
        if (T->bk[k] <= above)
            break;
        k--;
    }
    return k;
}

double cg_tree_bound(const cg_ctx *g, double ub, double deadline, int *kmax)
{
    const sv_ctx *c = g->c;
    tree_run T = {0};
    T.id = malloc((size_t)(c->njobs ? c->njobs : 1) * sizeof *T.id);
    for (int j = 0; T.id && j < c->njobs; j++)
        if (cg_servable(g, j))
            T.id[T.n++] = j;
    int n = T.n;
    if (kmax)
        *kmax = n;
    if (!T.id || n == 0 || n > TREE_MAX_JOBS || !route_counts(c, &T, &T.kmin, &T.kmax)) {
        free(T.id);
        free(T.span); /* route_counts may have made it before it failed */
        return 0;
    }
    size_t nn = (size_t)n, n1 = nn + 1;
    /* n + 1 of each: the root's place in the tree, counts of routes 0..n */
    double **dv[] = {&T.a, &T.b, &T.key, &T.tw, &T.mx, &T.tk, &T.bk};
    int **iv[] = {&T.par, &T.deg, &T.tpar, &T.mxn, &T.head, &T.next, &T.queue, &T.sj, &T.sx,
                  &T.spx};
    size_t ndv = sizeof dv / sizeof dv[0], niv = sizeof iv / sizeof iv[0];
    T.e = malloc(nn * nn * sizeof *T.e);
    T.lam = calloc(nn, sizeof *T.lam);
    T.done = malloc(nn);
    T.sb = malloc(nn * sizeof *T.sb);
    bool ok = T.e && T.lam && T.done && T.sb;
    for (size_t i = 0; i < ndv; i++)
        ok = (*dv[i] = malloc(n1 * sizeof **dv[i])) != NULL && ok;
    for (size_t i = 0; i < niv; i++)
        ok = (*iv[i] = malloc(n1 * sizeof **iv[i])) != NULL && ok;
    double best = 0;
    if (ok) {
        for (int k = 0; k <= n; k++)
            T.bk[k] = -HUGE_VAL;
        ok = costs(g, &T);
    }
    if (ok) {
        T.cap = fmax(TREE_WORK, (double)TREE_MIN_STEPS * n * (n + T.kmax));
        best = ascend(&T, 0, ub, TREE_STEPS, T.cap, deadline);
        if (kmax)
            *kmax = fewest_excluded(&T, ub, deadline);
    }
    for (size_t i = 0; i < ndv; i++)
        free(*dv[i]);
    for (size_t i = 0; i < niv; i++)
        free(*iv[i]);
    free(T.e);
    free(T.lam);
    free(T.done);
    free(T.sb);
    free(T.span);
    free(T.id);
    return best;
}
