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
 * allow, a_j (b_j) the least travel to j from (from j to) a start (an end)
 * of a shift that may serve j. Dropping the shape (any spanning forest of
 * k components, any k entries and k exits) leaves a minimum: the minimum
 * spanning tree less its k - 1 heaviest edges, and the k least entries and
 * exits. Its least value over the k the routes may number is a lower bound
 * for every lambda; subgradient steps (Polyak's, towards the incumbent's
 * travel) raise it. Windows, breaks, loads beyond the count of routes, and
 * shift lengths are relaxed: the bound is weak where they bind (type-1
 * instances) and close where routes are long and windows wide (r204: 12 %
 * below the best known, where the entries-and-exits bound is 30 %).
 *
 * Each k's value at any multipliers bounds the schedules of exactly k
 * routes; the best of them over the steps (and over a fixed-k ascent on the
 * largest k not yet excluded) tells the most routes a schedule travelling
 * at most the incumbent's can have, which caps the column generation's
 * groups (cg.h). */
#include <math.h>
#include <stdlib.h>

#include "solver/cg.h"

/* An edge no schedule can use (no direction fits the windows, or no shift
 * may serve both jobs): kept at this cost, so that a forest needing one is
 * never the least (adding structures to the minimum keeps it a bound). */
#define TREE_BIG 1e12
/* Multiplier steps at most; matrix cells visited at most (the work of the
 * steps: n * n each), so that a deterministic run ends the same way. */
#define TREE_STEPS 3000
#define TREE_WORK 4e8
#define TREE_MAX_JOBS 2500
/* Steps of each fixed-k ascent that tries to rule out k routes (all of
 * them together within another half of TREE_WORK). */
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
    int *eu, *ev;         /* the tree's edges (n - 1): their ends */
    tree_item *w;         /* the tree's edges by cost, the dearest first */
    tree_item *sa, *sb;   /* a + lambda, b + lambda, the least first */
    double *bk;           /* per k (1..n): the best bound on k routes so far */
    double work;          /* matrix cells visited so far */
} tree_run;

/* The least number of routes that can carry the forest's jobs (loads and
 * job limits of the slots, the largest first), and the most (slots, jobs).
 * false when the slots cannot carry them all. */
static bool route_counts(const sv_ctx *c, const tree_run *T, int *kmin, int *kmax)
{
    int ns = c->nslots, n = T->n;
    double load = 0;
    for (int j = 0; j < n; j++)
        load += c->p->jobs[T->id[j]].load;
    double *cap = malloc((size_t)(ns ? ns : 1) * sizeof *cap);
    double *jobs = malloc((size_t)(ns ? ns : 1) * sizeof *jobs);
    if (!cap || !jobs) {
        free(cap);
        free(jobs);
        return false;
    }
    for (int k = 0; k < ns; k++) {
        cap[k] = c->slots[k].cap > 0 ? c->slots[k].cap : HUGE_VAL;
        jobs[k] = c->slots[k].maxj >= 0 ? c->slots[k].maxj : HUGE_VAL;
    }
    int need = 1;
    for (int pass = 0; pass < 2; pass++) {
        double *v = pass ? jobs : cap, want = pass ? (double)n : load, sum = 0;
        /* selection of the largest: ns is small next to the work below */
        int k = 0;
        while (sum < want - 1e-9 && k < ns) {
            int m = k;
            for (int i = k + 1; i < ns; i++)
                if (v[i] > v[m])
                    m = i;
            double t = v[k];
            v[k] = v[m];
            v[m] = t;
            sum += v[k++];
        }
        if (sum < want - 1e-9) {
            free(cap);
            free(jobs);
            return false;
        }
        need = k > need ? k : need;
    }
    free(cap);
    free(jobs);
    *kmin = need;
    *kmax = ns < n ? ns : n;
    return *kmin <= *kmax;
}

/* e, a and b (the header's comment). false: a job no shift can serve. */
static bool costs(const cg_ctx *g, tree_run *T)
{
    const sv_ctx *c = g->c;
    int n = T->n;
    int64_t *es = malloc((size_t)n * sizeof *es), *le = malloc((size_t)n * sizeof *le);
    bool ok = es && le;
    for (int j = 0; ok && j < n; j++) {
        /* the earliest and the latest start over its windows */
        int u = T->id[j];
        es[j] = sv_job_earliest(c, u, SV_NEG_INF);
        le[j] = sv_job_latest(c, u, SV_INF);
        if (es[j] == SV_INF) {
            ok = false; /* no window: never served */
            break;
        }
        T->a[j] = T->b[j] = HUGE_VAL;
        int lj = c->p->jobs[u].location;
        int64_t dur = c->p->jobs[u].duration;
        for (int q = 0; q < g->ng; q++) {
            const sv_slot *s = &c->slots[g->g[q].slot];
            if (!g->g[q].can[u])
                continue;
            int64_t in = sv_travel(c, s->sloc, lj), out = sv_travel(c, lj, s->eloc);
            if (s->t0 + in <= le[j])
                T->a[j] = fmin(T->a[j], (double)in);
            if (es[j] + dur + out <= s->t1)
                T->b[j] = fmin(T->b[j], (double)out);
        }
        ok = isfinite(T->a[j]) && isfinite(T->b[j]);
    }
    /* shared shifts checked only where it is cheap */
    bool groups = (double)n * n * g->ng <= 5e7;
    for (int i = 0; ok && i < n; i++) {
        T->e[(size_t)i * n + i] = TREE_BIG;
        for (int j = i + 1; j < n; j++) {
            const model_job *x = &c->p->jobs[T->id[i]], *y = &c->p->jobs[T->id[j]];
            int64_t tij = sv_travel(c, x->location, y->location),
                    tji = sv_travel(c, y->location, x->location);
            double v = TREE_BIG;
            if (es[i] + x->duration + tij <= le[j])
                v = (double)tij;
            if (es[j] + y->duration + tji <= le[i])
                v = fmin(v, (double)tji);
            bool shared = !groups;
            for (int q = 0; q < g->ng && !shared; q++)
                shared = g->g[q].can[T->id[i]] && g->g[q].can[T->id[j]];
            T->e[(size_t)i * n + j] = T->e[(size_t)j * n + i] = shared ? v : TREE_BIG;
        }
    }
    free(es);
    free(le);
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

static int cmp_down(const void *x, const void *y)
{
    return cmp_up(y, x);
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
    int ne = 0;
    for (int it = 0; it < n; it++) {
        int u = -1;
        for (int j = 0; j < n; j++)
            if (!T->done[j] && (u < 0 || T->key[j] < T->key[u]))
                u = j;
        T->done[u] = 1;
        if (T->par[u] >= 0) {
            T->eu[ne] = T->par[u];
            T->ev[ne] = u;
            T->w[ne] = (tree_item){T->key[u], ne};
            ne++;
        }
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
    double tree = 0, lsum = 0;
    for (int i = 0; i < ne; i++)
        tree += T->w[i].v;
    for (int j = 0; j < n; j++) {
        T->sa[j] = (tree_item){T->a[j] + lam[j], j};
        T->sb[j] = (tree_item){T->b[j] + lam[j], j};
        lsum += lam[j];
    }
    qsort(T->w, (size_t)ne, sizeof *T->w, cmp_down);
    qsort(T->sa, (size_t)n, sizeof *T->sa, cmp_up);
    qsort(T->sb, (size_t)n, sizeof *T->sb, cmp_up);
    /* L_k = tree - its k - 1 dearest edges + the k least entries and exits */
    double drop = 0, in = 0, best = HUGE_VAL;
    int kb = T->kmin;
    for (int k = 1; k <= T->kmax; k++) {
        if (k > 1)
            drop += T->w[k - 2].v;
        in += T->sa[k - 1].v + T->sb[k - 1].v;
        double v = tree - drop + in;
        if (v - 2 * lsum > T->bk[k])
            T->bk[k] = v - 2 * lsum;
        if (kfix > 0 ? k == kfix : k >= T->kmin && v < best) {
            best = v;
            kb = k;
        }
    }
    for (int i = kb - 1; i < ne; i++) {
        int x = T->w[i].i;
        T->deg[T->eu[x]]++;
        T->deg[T->ev[x]]++;
    }
    for (int k = 0; k < kb; k++) {
        T->deg[T->sa[k].i]++;
        T->deg[T->sb[k].i]++;
    }
    return best - 2 * lsum;
}

/* A value that rules out schedules travelling at most ub: above it by more
 * than the floating point's error. */
static double above_ub(double ub)
{
    return ub + 1e-6 * (fabs(ub) + 1);
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
        double target = kfix > 0 ? above + 1e-3 * fabs(ub) + 1 : ub;
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
        ascend(T, k, ub, TREE_K_STEPS, TREE_WORK * 1.5, deadline);
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
        return 0;
    }
    size_t nn = (size_t)n;
    T.e = malloc(nn * nn * sizeof *T.e);
    T.a = malloc(nn * sizeof *T.a);
    T.b = malloc(nn * sizeof *T.b);
    T.lam = calloc(nn, sizeof *T.lam);
    T.key = malloc(nn * sizeof *T.key);
    T.par = malloc(nn * sizeof *T.par);
    T.deg = malloc(nn * sizeof *T.deg);
    T.done = malloc(nn);
    T.eu = malloc(nn * sizeof *T.eu);
    T.ev = malloc(nn * sizeof *T.ev);
    T.w = malloc(nn * sizeof *T.w);
    T.sa = malloc(nn * sizeof *T.sa);
    T.sb = malloc(nn * sizeof *T.sb);
    T.bk = malloc((nn + 1) * sizeof *T.bk);
    double best = 0;
    if (T.bk)
        for (int k = 0; k <= n; k++)
            T.bk[k] = -HUGE_VAL;
    if (T.bk && T.e && T.a && T.b && T.lam && T.key && T.par && T.deg && T.done && T.eu && T.ev &&
        T.w && T.sa && T.sb && costs(g, &T)) {
        best = ascend(&T, 0, ub, TREE_STEPS, TREE_WORK, deadline);
        if (kmax)
            *kmax = fewest_excluded(&T, ub, deadline);
    }
    free(T.e);
    free(T.a);
    free(T.b);
    free(T.lam);
    free(T.key);
    free(T.par);
    free(T.deg);
    free(T.done);
    free(T.eu);
    free(T.ev);
    free(T.w);
    free(T.sa);
    free(T.sb);
    free(T.bk);
    free(T.id);
    return best;
}
