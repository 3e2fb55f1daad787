/* solver.c - the anytime search: regret insertion, local search, then
 * ruin and recreate (SISR: adjacent string removal, greedy insertion with
 * blinks) under simulated annealing, keeping the best schedule. Candidates
 * close to the best go through the penalised local search of pls.c (which
 * passes through routes that break time windows and capacities, priced by
 * adaptive penalties); the best is polished by local search whenever it
 * improves; from time to time GLPK recombines pooled routes (pool.c).
 * With several threads the searches share their best every few thousand
 * iterations (struct coop).
 *
 * Every candidate that is judged is feasible (the penalised search repairs
 * what it hands back, through the exact checks of route.c); the schedule
 * returned is checked once more, rule by rule, by model_check_schedule. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/budget.h"
#include "solver/output.h"
#include "solver/search.h"
#include "solver/bound.h"
#include "solver/pool.h"
#include "solver/cg_recombine.h"

struct search;

/* What cooperating threads share (threads > 1). Every epoch of
 * iterations each thread publishes its best and adopts the best of all
 * when that is better, so that two threads search like one that runs twice
 * as fast rather than like two races of which one is kept.
 *
 * Runs bounded by max_iterations must stay deterministic: then the threads
 * meet at a barrier, every exchange happens at the same iteration counts,
 * and the winner is chosen by sv_sol_compare, ties to the lowest thread.
 * Other runs (time limit, convergence) already depend on the clock (the
 * temperature and set partitioning follow it), so there a thread exchanges
 * without waiting: no thread idles while thread 0 runs GLPK. */
typedef struct coop {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool sync;            /* barrier exchanges (max_iterations > 0) */
    int nactive;          /* threads not yet out of their search loop */
    int waiting;          /* of those, at the barrier */
    unsigned long round;  /* barrier generation */
    bool have;            /* glob holds a published solution */
    sv_sol glob;          /* best published; with sync, written only while
                             every active thread waits at the barrier */
    struct search *S;     /* all threads' searches */
    int nt;
} coop;

typedef struct search {
    const sv_ctx *c;
    const solver_options *opt;
    sv_rng rng;
    double t_start, t_end, t_anneal; /* the annealing cools from t_anneal to t_end */
    double next_progress;
    long iter;
    sv_sol cur, cand, best, sp;
    sv_pool *pool;
    cg_recombiner *cgr; /* thread 0, timed runs: column generation for the pool */
    int sp_done;     /* set-partitioning checkpoints passed */
    int sp_skipped;  /* of them, skipped: the search was descending fast */
    long sp_improved;
    bool sp_snapped; /* the best's at the window before the next checkpoint: */
    int64_t sp_snap_unw, sp_snap_cost;
    int thread;      /* 0 reports progress and runs GLPK */
    bool ok;
    double first;
    int64_t init_travel, init_unw;
    unsigned char *touched; /* per slot, this iteration */
    int *touched_list, ntouched;
    int *removed, nremoved;
    unsigned char *removed_flag; /* per job: removed by this ruin */
    int *pool_un;                /* scratch: unassigned jobs */
    int *seq;                    /* scratch: one route's jobs */
    int *changed;                /* scratch: slots the penalised search changed */
    int64_t *sort_key;
    double temp0, temp1;
    sv_penalty pen;  /* prices of the penalised local search */
    sv_pls *pls;     /* its workspace */
    const sv_sol *start; /* large problems: the shared sweep, copied instead
                            of a construction of its own */
    coop *co;        /* NULL with one thread */
    bool at_barrier; /* under co->mu */
    long last_improve;
} search;

static void touch(search *S, int k)
{
    if (!S->touched[k]) {
        S->touched[k] = 1;
        S->touched_list[S->ntouched++] = k;
    }
}

static bool remove_job(search *S, int u)
{
    int k = S->cand.where[u];
    if (k < 0 || !sv_sol_remove(S->c, &S->cand, u))
        return false;
    touch(S, k);
    S->removed[S->nremoved++] = u;
    S->removed_flag[u] = 1;
    return true;
}

/* SISR ruin: strings of consecutive jobs from routes near a random seed. */
static void ruin(search *S)
{
    const sv_ctx *c = S->c;
    sv_sol *s = &S->cand;
    if (s->nassigned == 0)
        return;
    int used = 0;
    for (int k = 0; k < s->nr; k++)
        used += s->r[k].njobs > 0;
    double avg_card = (double)s->nassigned / (used ? used : 1);
    /* Now and then empty a whole short route: the distance-optimal schedule
     * often has one route fewer, and string removals rarely find it. */
    if (used > 1 && sv_randu(&S->rng) < 0.03) {
        int pick = -1;
        for (int tries = 0; tries < 3; tries++) {
            int k = sv_randint(&S->rng, s->nr);
            for (int q = 0; q < s->nr && s->r[k].njobs == 0; q++)
                k = (k + 1) % s->nr;
            if (pick < 0 || s->r[k].njobs < s->r[pick].njobs)
                pick = k;
        }
        int m = sv_route_jobs(&s->r[pick], S->seq);
        for (int i = 0; i < m; i++)
            remove_job(S, S->seq[i]);
        touch(S, pick);
        return;
    }
    double cbar = c->njobs < 40 ? c->njobs / 4.0 + 1 : 10;
    double ls_max = avg_card < 10 ? avg_card : 10;
    double ks_max = 4 * cbar / (1 + ls_max) - 1;
    int ks = (int)(sv_randu(&S->rng) * ks_max) + 1;
    int seed;
    do
        seed = sv_randint(&S->rng, c->njobs);
    while (s->where[seed] < 0);
    int ruined = 0;
    for (int q = -1; q < c->nnbr && ruined < ks; q++) {
        int v = q < 0 ? seed : c->nbr[(size_t)seed * c->nnbr + q];
        int k = s->where[v];
        if (k < 0 || S->touched[k])
            continue;
        sv_route *r = &s->r[k];
        int lmax = r->njobs < ls_max ? r->njobs : (int)ls_max;
        int l = sv_randint(&S->rng, lmax > 0 ? lmax : 1) + 1;
        int m = sv_route_jobs(r, S->seq), at = 0;
        while (S->seq[at] != v)
            at++;
        /* a string of l consecutive jobs containing v */
        int first = at - sv_randint(&S->rng, l);
        if (first < 0)
            first = 0;
        if (first + l > m)
            first = m - l;
        for (int i = first; i < first + l; i++)
            remove_job(S, S->seq[i]);
        touch(S, k);
        ruined++;
    }
}


/* Sorts S->removed by S->sort_key (descending), ties by job index. */
static void sort_removed(search *S)
{
    for (int i = 1; i < S->nremoved; i++) {
        int u = S->removed[i];
        int64_t ku = S->sort_key[u];
        int j = i - 1;
        while (j >= 0 && (S->sort_key[S->removed[j]] < ku ||
                          (S->sort_key[S->removed[j]] == ku && S->removed[j] > u))) {
            S->removed[j + 1] = S->removed[j];
            j--;
        }
        S->removed[j + 1] = u;
    }
}

/* Recreate: greedy insertion in one of SISR's orders, with blinks. */
static bool recreate(search *S)
{
    const sv_ctx *c = S->c;
    sv_sol *s = &S->cand;
    /* Unassigned jobs that could go somewhere are tried again: all of them
     * when few, else a random sample as large as the ruin (trying hundreds
     * of jobs that do not fit, every iteration, would starve the search on
     * overbooked days). */
    int nun = 0;
    for (int u = 0; u < c->njobs; u++)
        if (s->where[u] < 0 && c->cand_n[u] > 0 && !S->removed_flag[u])
            S->pool_un[nun++] = u;
    int want = S->nremoved > 10 ? S->nremoved : 10;
    for (int i = 0; i < nun && i < want; i++) {
        int w = nun <= want ? i : i + sv_randint(&S->rng, nun - i);
        int t = S->pool_un[i];
        S->pool_un[i] = S->pool_un[w];
        S->pool_un[w] = t;
        S->removed[S->nremoved++] = S->pool_un[i];
    }
    for (int i = 0; i < S->nremoved; i++)
        S->removed_flag[S->removed[i]] = 0;
    for (int i = S->nremoved - 1; i > 0; i--) {
        int w = sv_randint(&S->rng, i + 1), t = S->removed[i];
        S->removed[i] = S->removed[w];
        S->removed[w] = t;
    }
    int order = sv_randint(&S->rng, 11);
    if (order >= 4) {
        for (int i = 0; i < S->nremoved; i++) {
            int u = S->removed[i];
            const model_job *j = &c->p->jobs[u];
            int64_t key;
            if (order < 8)
                key = (int64_t)(j->load * 1000) + j->duration / 60;
            else if (order < 10) {
                const sv_slot *sl = &c->slots[c->cand[c->cand_off[u]]];
                key = sv_travel(c, sl->sloc, j->location);
            } else {
                const sv_win *w = c->win + c->win_off[u];
                int64_t width = 0;
                for (int k = 0; k < c->win_n[u]; k++) {
                    /* open-ended windows count as very wide (and must not
                     * overflow) */
                    bool open = w[k].s < -(int64_t)1e15 || w[k].e > (int64_t)1e15;
                    int64_t d = open ? (int64_t)1e9 : w[k].e - w[k].s;
                    width += d > (int64_t)1e9 ? (int64_t)1e9 : d;
                }
                key = -width;
            }
            S->sort_key[u] = key + (int64_t)j->priority * ((int64_t)1 << 40);
        }
        sort_removed(S);
    }
    sv_balance bal = {0};
    bool kept = c->soft && sv_balance_of_routes(&bal, c, s->r, s->nr);
    bool ok = true;
    for (int i = 0; i < S->nremoved && ok; i++) {
        int u = S->removed[i], k, pos;
        int64_t cost;
        if (!sv_best_insertion_kept(c, s, u, 0.01, &S->rng, kept ? &bal : NULL, &k, &pos, &cost))
            continue;
        ok = sv_sol_insert_kept(c, s, kept ? &bal : NULL, u, k, pos);
        if (ok)
            touch(S, k);
    }
    sv_balance_free(&bal);
    return ok;
}

/* Progress of s (the best so far, or the construction) when due. */
static void report_sol(search *S, const sv_sol *s, bool force)
{
    const solver_options *o = S->opt;
    double now = sv_now();
    if (S->thread != 0 || !o->progress || (!force && now < S->next_progress))
        return;
    S->next_progress = now + (o->progress_interval_s > 0 ? o->progress_interval_s : 1.0);
    solver_progress pr = {.elapsed_s = now - S->t_start, .unassigned_weight = s->unw,
                          .travel_s = s->travel, .assigned = s->nassigned,
                          .njobs = S->c->njobs, .iterations = S->iter};
    o->progress(o->progress_ctx, &pr);
}

static void report(search *S, bool force)
{
    report_sol(S, &S->best, force);
}

static void report_tick(void *S, const sv_sol *s)
{
    report_sol(S, s, false);
}

static double temperature(const search *S)
{
    double frac;
    if (S->opt->max_iterations > 0)
        frac = (double)S->iter / (double)S->opt->max_iterations;
    else
        frac = (sv_now() - S->t_anneal) / (S->t_end - S->t_anneal);
    if (frac > 1)
        frac = 1;
    return S->temp0 * pow(S->temp1 / S->temp0, frac);
}

static bool accept(search *S)
{
    if (S->cand.unw != S->cur.unw)
        return S->cand.unw < S->cur.unw;
    int64_t dc = sv_sol_cost(&S->cand) - sv_sol_cost(&S->cur);
    if (dc <= 0)
        return true;
    double t = temperature(S);
    return (double)dc < -t * log(1.0 - sv_randu(&S->rng));
}

/* Good accepted routes go to the pool: those of candidates within 2% of
 * the best, at the best's assignment. */
static void feed_pool(search *S)
{
    if (!S->pool || S->cand.unw != S->best.unw)
        return;
    int64_t cc = sv_sol_cost(&S->cand), cb = sv_sol_cost(&S->best);
    if (cc > cb + cb / 50)
        return;
    for (int i = 0; i < S->ntouched; i++)
        sv_pool_add(S->pool, &S->cand.r[S->touched_list[i]]);
}

/* A recombination is skipped while the search still descends fast: when,
 * over the last SP_WINDOW of the time, the best assigned more weight or its
 * cost fell by more than SP_DESCENT of itself. On 2000x100x5 at 60 s the
 * search cut the best by 1-11 % between checkpoints, while a recombination
 * (3 s) gained 0.03-0.4 % (benchmarks/results-field.txt). */
#define SP_WINDOW 0.1
#define SP_DESCENT 0.005

/* At fixed fractions of the time limit, the best combination of pooled
 * routes replaces the best solution when it is better. Only in timed runs:
 * GLPK is bounded by time, which would break the determinism of runs ended
 * by an iteration budget. Each has 6 % of the search's time (setting up
 * the column generation at the first included; how it shares its time:
 * cg_recombine.h). */
static bool set_partitioning(search *S)
{
    static const double at[] = {0.3, 0.55, 0.75, 0.9};
    if (!S->pool || S->opt->max_iterations > 0 || S->sp_done >= 4)
        return true;
    double total = S->t_end - S->t_start, now = sv_now();
    if (!S->sp_snapped && now - S->t_start >= (at[S->sp_done] - SP_WINDOW) * total) {
        S->sp_snapped = true;
        S->sp_snap_unw = S->best.unw;
        S->sp_snap_cost = sv_sol_cost(&S->best);
    }
    if (now - S->t_start < at[S->sp_done] * total)
        return true;
    S->sp_done++;
    int64_t cost = sv_sol_cost(&S->best);
    bool descending = S->sp_snapped &&
                      (S->best.unw < S->sp_snap_unw ||
                       (double)(S->sp_snap_cost - cost) > SP_DESCENT * (double)cost);
    S->sp_snapped = false;
    if (descending) {
        S->sp_skipped++;
        return true;
    }
    cg_recombiner *rec = cg_recombine_get(&S->cgr, S->c, S->opt->no_columns);
    double budget = total * 0.06 - (sv_now() - now);
    now = sv_now();
    if (budget > S->t_end - now - 0.01)
        budget = S->t_end - now - 0.01;
    int r = rec ? cg_recombine_solve(rec, S->pool, &S->best, budget, &S->sp)
                : sv_pool_solve(S->pool, &S->best, budget, &S->sp);
    if (r < 0)
        return true; /* GLPK trouble: the search goes on without it */
    if (r == 1 && sv_sol_compare(&S->sp, &S->best) < 0) {
        if (!sv_local_search(S->c, &S->sp, &S->rng, S->t_end) || !sv_sol_copy(&S->best, &S->sp) ||
            !sv_sol_copy(&S->cur, &S->sp) || !sv_sol_copy(&S->cand, &S->sp))
            return false;
        S->sp_improved++;
    }
    return true;
}

/* A candidate at the best's assignment and within 0.3% of its cost: worth
 * a local search before it is judged. (On the 56 Solomon instances at 1 s,
 * two seeds, 0.3% and 0.1% did equally well.) */
static bool promising(const search *S)
{
    if (S->cand.unw != S->best.unw)
        return false;
    int64_t cb = sv_sol_cost(&S->best);
    return sv_sol_cost(&S->cand) <= cb + cb * 3 / 1000;
}

/* A promising candidate goes through the penalised local search before it
 * is judged, moving the jobs this iteration re-inserted (on the hardest 22
 * Solomon instances at 1 s that did better than moving every job of the
 * routes it touched: 1.04% against 1.24%, 1.20% without the search). */
static bool polish_candidate(search *S)
{
    int nch = 0;
    if (!sv_penalised_search(S->pls, &S->cand, &S->rng, S->t_end, &S->pen, S->removed,
                             S->nremoved, S->changed, &nch))
        return false;
    for (int i = 0; i < nch; i++)
        touch(S, S->changed[i]);
    return true;
}

/* Iterations between exchanges. Measured on Solomon at 1 s (about 30,000
 * iterations a second): 100 or 500 leave the threads too alike, so that two
 * do hardly better than two independent searches; 5,000 share too late. */
#define EPOCH 2000

/* Makes the published best this thread's best, and also its current
 * solution when that has drifted more than 1% (or on assignment) from it:
 * always restarting from the best (or never) did worse. Thread 0 pools the
 * adopted routes for set partitioning. */
static bool adopt(search *S)
{
    const sv_sol *g = &S->co->glob;
    if (!sv_sol_copy(&S->best, g))
        return false;
    int64_t cc = sv_sol_cost(&S->cur), cg = sv_sol_cost(g);
    if ((S->cur.unw != g->unw || cc > cg + cg / 100) &&
        (!sv_sol_copy(&S->cur, g) || !sv_sol_copy(&S->cand, g)))
        return false;
    if (S->pool)
        for (int k = 0; k < S->best.nr; k++)
            sv_pool_add(S->pool, &S->best.r[k]);
    S->last_improve = S->iter;
    return true;
}

/* Barrier step, under co->mu with every active thread waiting: the best of
 * the waiting threads (ties to the lowest index) is published, and they are
 * released. A failed copy publishes nothing this round. */
static void barrier_step(coop *co)
{
    int win = -1;
    for (int t = 0; t < co->nt; t++)
        if (co->S[t].at_barrier &&
            (win < 0 || sv_sol_compare(&co->S[t].best, &co->S[win].best) < 0))
            win = t;
    if (win >= 0 && (!co->have || sv_sol_compare(&co->S[win].best, &co->glob) < 0))
        co->have = sv_sol_copy(&co->glob, &co->S[win].best);
    for (int t = 0; t < co->nt; t++)
        co->S[t].at_barrier = false;
    co->waiting = 0;
    co->round++;
    pthread_cond_broadcast(&co->cv);
}

/* One exchange with the other threads; false on allocation failure. */
static bool exchange(search *S)
{
    coop *co = S->co;
    bool ok = true;
    pthread_mutex_lock(&co->mu);
    if (co->sync) {
        S->at_barrier = true;
        if (++co->waiting == co->nactive) {
            barrier_step(co);
        } else {
            unsigned long round = co->round;
            while (co->round == round)
                pthread_cond_wait(&co->cv, &co->mu);
        }
        pthread_mutex_unlock(&co->mu);
        /* glob stays as it is until every active thread is back at the
         * barrier, so it is read without the lock */
        if (co->have && sv_sol_compare(&co->glob, &S->best) < 0)
            ok = adopt(S);
        return ok;
    }
    int cmp = co->have ? sv_sol_compare(&S->best, &co->glob) : -1;
    if (cmp < 0)
        co->have = sv_sol_copy(&co->glob, &S->best);
    else if (cmp > 0)
        ok = adopt(S);
    pthread_mutex_unlock(&co->mu);
    return ok;
}

/* A thread out of its search loop, for whatever reason, no longer holds up
 * the barrier. */
static void leave(search *S)
{
    coop *co = S->co;
    if (!co)
        return;
    pthread_mutex_lock(&co->mu);
    co->nactive--;
    if (co->sync && co->waiting > 0 && co->waiting == co->nactive)
        barrier_step(co);
    pthread_mutex_unlock(&co->mu);
}

/* The search proper; returns false on allocation failure. */
static bool run(search *S)
{
    const sv_ctx *c = S->c;
    long conv = c->njobs * 2000L > 20000 ? c->njobs * 2000L : 20000;
    double avg = S->best.nassigned ? (double)S->best.travel / S->best.nassigned : 1.0;
    S->temp0 = avg * 5 + 1;
    S->temp1 = avg * 0.05 + 0.1;
    /* cooperating threads anneal at different temperatures (odd ones at
     * half, even ones from 2 on at twice), so that they do not all follow
     * the same kind of path from the shared best */
    if (S->thread > 0) {
        double f = S->thread % 2 ? 0.5 : 2.0;
        S->temp0 *= f;
        S->temp1 *= f;
    }
    if (!sv_sol_copy(&S->cur, &S->best) || !sv_sol_copy(&S->cand, &S->best))
        return false;
    /* GLPK's environment is per process unless built reentrant: one
     * thread uses it */
    if (!S->pool) /* (a resumed search keeps its pool) */
        S->pool = S->thread == 0 && !c->large ? sv_pool_create(c, 30000) : NULL;
    sv_penalty_init(c, &S->best, &S->pen);
    while (c->njobs > 0) {
        if (S->opt->max_iterations > 0 && S->iter >= S->opt->max_iterations)
            break;
        if (S->opt->max_iterations <= 0 && S->iter - S->last_improve > conv)
            break;
        if (sv_now() >= S->t_end)
            break;
        if (S->co && S->iter > 0 && S->iter % EPOCH == 0 && !exchange(S))
            return false;
        S->iter++;
        S->ntouched = 0;
        S->nremoved = 0;
        ruin(S);
        if (!recreate(S))
            return false;
        if (promising(S) && !polish_candidate(S))
            return false;
        if (accept(S)) {
            if (!sv_sol_copy_routes(&S->cur, &S->cand, S->touched_list, S->ntouched))
                return false;
            feed_pool(S);
            if (sv_sol_compare(&S->cand, &S->best) < 0) {
                /* polish what this iteration changed: on large instances
                 * the jobs of the touched routes only (a full pass per new
                 * best would dominate the run) */
                int nj = 0;
                for (int i = 0; i < S->ntouched; i++)
                    nj += sv_route_jobs(&S->cand.r[S->touched_list[i]], S->pool_un + nj);
                bool all = c->njobs <= 300; /* small: a full pass is cheap */
                if (!sv_local_search_jobs(c, &S->cand, &S->rng, S->t_end,
                                          all ? NULL : S->pool_un, all ? c->njobs : nj) ||
                    !sv_sol_copy(&S->best, &S->cand) || !sv_sol_copy(&S->cur, &S->cand))
                    return false;
                if (S->pool)
                    for (int k = 0; k < S->best.nr; k++)
                        sv_pool_add(S->pool, &S->best.r[k]);
                S->last_improve = S->iter;
            }
        } else if (!sv_sol_copy_routes(&S->cand, &S->cur, S->touched_list, S->ntouched)) {
            return false;
        }
        for (int i = 0; i < S->ntouched; i++)
            S->touched[S->touched_list[i]] = 0;
        if (!set_partitioning(S))
            return false;
        report(S, false);
    }
    return true;
}

double solver_clock(void)
{
    return sv_now();
}

static void search_free(search *S)
{
    sv_sol_free(&S->cur);
    sv_sol_free(&S->cand);
    sv_sol_free(&S->best);
    sv_sol_free(&S->sp);
    sv_pool_free(S->pool);
    cg_recombiner_free(S->cgr);
    free(S->touched);
    free(S->touched_list);
    free(S->removed);
    free(S->removed_flag);
    free(S->pool_un);
    free(S->seq);
    free(S->changed);
    sv_pls_free(S->pls);
    free(S->sort_key);
}

/* One independent search (one thread): construction, local search, then
 * ruin and recreate. Fills S->best; S->ok tells whether memory sufficed. */
static void *search_main(void *arg)
{
    search *S = arg;
    const sv_ctx *c = S->c;
    size_t n = (size_t)c->njobs + 1, ns = (size_t)c->nslots + 1;
    S->touched = calloc(ns, 1);
    S->touched_list = malloc(ns * sizeof *S->touched_list);
    S->removed = malloc(2 * n * sizeof *S->removed);
    S->removed_flag = calloc(n, 1);
    S->pool_un = malloc(n * sizeof *S->pool_un);
    S->seq = malloc(n * sizeof *S->seq);
    S->changed = malloc(ns * sizeof *S->changed);
    S->pls = sv_pls_create(c);
    S->sort_key = malloc(n * sizeof *S->sort_key);
    bool ok = S->removed_flag && S->pool_un && S->seq && S->changed && S->pls && S->touched &&
              S->touched_list && S->removed && S->sort_key && sv_sol_init(c, &S->best) &&
              sv_sol_init(c, &S->cur) && sv_sol_init(c, &S->cand) && sv_sol_init(c, &S->sp);
    if (S->start)
        ok = ok && sv_sol_copy(&S->best, S->start);
    else
        ok = ok && (!c->prev_slot || sv_warm_start(c, &S->best)) &&
             sv_construct_ticking(c, &S->best, S->t_end, report_tick, S);
    S->first = sv_now() - S->t_start;
    S->init_travel = S->best.travel;
    S->init_unw = S->best.unw;
    ok = ok && sv_local_search(c, &S->best, &S->rng, S->t_end);
    if (ok)
        sv_sol_recount(c, &S->best);
    report(S, true);
    ok = ok && run(S);
    leave(S);
    if (ok)
        sv_sol_recount(c, &S->best);
    S->ok = ok;
    return NULL;
}

/* Whether bound b proves S's best optimal (its cost, stability penalties
 * and soft costs included, not above the bound's). */
static bool proven(const search *S, const model_bound *b)
{
    return b->present && b->has_cost && b->unassigned_weight == S->best.unw &&
           (double)sv_sol_cost(&S->best) <= b->cost + 0.5;
}

model_status solver_solve(const model_problem *p, const solver_options *opt, model_schedule **out,
                          solver_stats *stats, model_error *err)
{
    *out = NULL;
    solver_options defaults = SOLVER_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    model_status st = sv_check_options(opt, err);
    if (st != MODEL_OK)
        return st;
    if (!p->finished)
        return model_error_set(err, MODEL_ERR_INPUT, "problem is not finished");
    double t_start = opt->clock_origin_s > 0 ? opt->clock_origin_s : sv_now();
    sv_ctx c;
    if ((st = sv_ctx_init(&c, p, opt, err)) != MODEL_OK)
        return st;
    int nt = opt->threads;
    search *S = calloc((size_t)nt, sizeof *S);
    pthread_t *tid = calloc((size_t)nt, sizeof *tid);
    bool *started = calloc((size_t)nt, sizeof *started);
    if (!S || !tid || !started) {
        free(S);
        free(tid);
        free(started);
        sv_ctx_free(&c);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    coop co = {.sync = opt->max_iterations > 0, .nactive = nt, .S = S, .nt = nt};
    bool co_ok = nt == 1;
    if (!co_ok && pthread_mutex_init(&co.mu, NULL) == 0) {
        if (pthread_cond_init(&co.cv, NULL) == 0) {
            if (sv_sol_init(&c, &co.glob))
                co_ok = true;
            else
                pthread_cond_destroy(&co.cv);
        }
        if (!co_ok)
            pthread_mutex_destroy(&co.mu);
    }
    if (!co_ok) {
        free(S);
        free(tid);
        free(started);
        sv_ctx_free(&c);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    for (int t = 0; t < nt; t++) {
        S[t].co = nt > 1 ? &co : NULL;
        S[t].c = &c;
        S[t].opt = opt;
        S[t].thread = t;
        S[t].t_start = S[t].t_anneal = t_start;
        /* leave a margin for building and checking the schedule (and, for
         * large problems, writing it: its time grows with the jobs) */
        S[t].t_end = t_start + opt->time_limit_s * 0.97 * (1 - sv_bound_share(opt)) -
                     (c.large ? sv_output_margin(&c, opt) : 0);
        S[t].next_progress = t_start + opt->progress_interval_s;
        S[t].rng.s = (opt->seed + 0x9e3779b97f4a7c15ULL * (uint64_t)t) * 0x2545f4914f6cdd1dULL +
                     12345;
    }
    /* large problems: one sweep, which every search starts from */
    sv_sol start = {0};
    bool swept = !c.large || (sv_sol_init(&c, &start) &&
                              sv_sweep_construct(&c, &start, S[0].t_end, report_tick, &S[0]));
    /* then neighbour lists, for the search, if there is time */
    if (swept && c.large && (st = sv_ctx_build_neighbours(&c, S[0].t_end, err)) != MODEL_OK)
        swept = false;
    for (int t = 0; t < nt && c.large; t++)
        S[t].start = &start;
    /* threads 1.. run beside the caller's thread, which runs search 0; one
     * that could not be started is not waited for */
    for (int t = 1; t < nt && swept; t++)
        if (!(started[t] = pthread_create(&tid[t], NULL, search_main, &S[t]) == 0))
            leave(&S[t]);
    if (swept)
        search_main(&S[0]);
    for (int t = 1; t < nt; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
    int win = 0;
    bool ok = swept && S[0].ok;
    for (int t = 1; t < nt; t++)
        if (started[t] && S[t].ok && (!ok || sv_sol_compare(&S[t].best, &S[win].best) < 0)) {
            win = t;
            ok = true;
        }
    model_bound bound = {0};
    sv_bound_info binfo = {0};
    double t_bound = sv_now();
    double t_done = t_start + opt->time_limit_s * 0.97 - (c.large ? sv_output_margin(&c, opt) : 0);
    int rounds = opt->max_iterations > 0 ? SV_BOUND_ROUNDS : 0;
    /* preferred technicians alone are priced directly (cg.h cg_ctx.bonus),
     * so that their bound has the pool, the integer master and --prove */
    if (ok && sv_bound_share(opt) > 0 && model_problem_uses_soft_limits(p))
        ok = sv_bound_run_relaxed(&c, &S[win].best, opt, t_done, rounds, &bound, &binfo);
    else if (ok && sv_bound_share(opt) > 0)
        ok = sv_bound_run(&c, &S[win].best, S[0].pool, opt->prove, t_done, rounds, &bound,
                          &binfo);
    t_bound = sv_now() - t_bound;
    /* --prove whose bound ended early without a proof: the search resumes
     * from its best (annealing anew) for the time left, when a tenth of the
     * limit is; its best only improves, so the bound still holds */
    if (ok && opt->prove && nt == 1 && opt->max_iterations <= 0 &&
        t_done - sv_now() > 0.1 * opt->time_limit_s && !proven(&S[0], &bound)) {
        S[0].t_anneal = sv_now();
        S[0].t_end = t_done;
        S[0].last_improve = S[0].iter;
        ok = run(&S[0]);
        sv_sol_recount(&c, &S[0].best);
    }
    if (ok)
        st = sv_build_schedule(&c, &S[win].best, out, err);
    else
        st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (st == MODEL_OK && bound.present &&
        (st = sv_bound_attach(p, opt, &bound, *out, t_start, err)) != MODEL_OK) {
        model_schedule_free(*out);
        *out = NULL;
    }
    if (stats) {
        memset(stats, 0, sizeof *stats);
        stats->elapsed_s = sv_now() - t_start;
        stats->first_feasible_s = S[0].first;
        stats->initial_travel_s = S[0].init_travel;
        stats->initial_unassigned_weight = S[0].init_unw;
        stats->bound_s = sv_bound_share(opt) > 0 ? t_bound : 0;
        stats->bound_columns = binfo.columns;
        stats->bound_converged = binfo.converged;
        stats->bound_improved = binfo.improved;
        for (int t = 0; t < nt; t++) {
            stats->iterations += S[t].iter;
            stats->sp_runs += S[t].sp_done - S[t].sp_skipped;
            stats->sp_improvements += (int)S[t].sp_improved;
        }
        if (c.prev_slot && ok)
            for (int u = 0; u < p->njobs; u++)
                stats->moved_jobs += S[win].best.where[u] >= 0 && c.prev_slot[u] >= 0 &&
                                     c.prev_slot[u] != S[win].best.where[u];
    }
    for (int t = 0; t < nt; t++)
        search_free(&S[t]);
    sv_sol_free(&start);
    if (nt > 1) {
        sv_sol_free(&co.glob);
        pthread_cond_destroy(&co.cv);
        pthread_mutex_destroy(&co.mu);
    }
    free(S);
    free(tid);
    free(started);
    sv_ctx_free(&c);
    return st;
}
