/* context.h - the solver's view of a problem, derived once and read-only
 * during the search (context.c): one "slot" per technician-shift (the unit
 * that gets at most one route), the jobs' effective windows, which job
 * fits which slot alone, nearest-neighbour lists, stability penalties;
 * plus the solver's random numbers and clock, which every module uses. */
#ifndef FIELDPLAN_SOLVER_CONTEXT_H
#define FIELDPLAN_SOLVER_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/problem.h"
#include "solver/solver.h"

#define SV_INF INT64_MAX
#define SV_NEG_INF INT64_MIN

typedef struct sv_slot {
    int tech, shift;
    int64_t t0, t1;          /* shift start (departure) and the latest arrival:
                                the end, plus the overtime allowed */
    int64_t tend;            /* the shift's end (overtime counts past it) */
    model_soft_limit ot;     /* the shift's overtime (extension 2) */
    int sloc, eloc;          /* start and end locations */
    double cap;              /* 0: no load limit */
    int maxj;                /* -1: no limit */
    const model_break *br;   /* sorted by earliest */
    int nbr;
} sv_slot;

typedef struct sv_win {
    int64_t s, e; /* latest-start bounds already clipped by release/deadline */
} sv_win;

/* Everything derived from the problem once, read-only during the search. */
typedef struct sv_ctx {
    const model_problem *p;
    int njobs, nslots;
    sv_slot *slots;
    sv_win *win;          /* effective start windows of all jobs */
    int *win_off, *win_n; /* per job: offset into win and count */
    unsigned char *compat;/* njobs x nslots: the job alone fits the slot;
                             NULL in large mode (read through sv_compat) */
    int *cand, *cand_off, *cand_n; /* per job: the compatible slots (sorted;
                             in large mode those found so far, unsorted) */
    bool large;           /* too many jobs x slots to examine every pair:
                             candidates are found by the sweep (sweep.c),
                             at most SV_LARGE_CANDS per job */
    int *nbr;             /* per job: nearest other jobs, nnbr each */
    int nnbr;
    int *prev_slot;       /* stability: slot of each job in `previous`, or -1 */
    int64_t *prev_start;  /* stability: service start in `previous` */
    int64_t move_pen;     /* per job on another slot */
    int64_t shift_pen;    /* per kept job whose start moves > 15 min */
    /* extension 2 (FORMAT.md "Soft rules, costs and contacts") */
    bool soft;            /* a cost depends on the timing or on the routes'
                             working times: a lateness, an overtime or a
                             balance cost (the windows in win and the slots'
                             t1 are then widened by what they allow) */
    bool has_bonus;       /* some job has preferred technicians (in sv_pen) */
    const model_problem *relaxed_from; /* the problem p is the hard relaxation
                             of (bound_relax.c), whose lateness and overtime
                             costs column generation charges; else NULL */
    const struct sv_ctx *relaxed_ctx; /* with relaxed_from: its context, where
                             a schedule found for p is costed */
    int64_t balance;      /* balance rate (rate.h: us per min), 0: none */
} sv_ctx;

/* Large mode starts at this many jobs x slots, or jobs, or when the
 * matrix would take more than about a quarter of the time limit (a cell
 * costs about 0.5 us: this many cells a second of limit); small problems
 * keep the full matrix and every result they had. In large mode a job has
 * at most SV_LARGE_CANDS candidate slots and SV_LARGE_NNBR neighbours. */
#define SV_LARGE_CELLS 4000000
#define SV_LARGE_JOBS 10000
#define SV_LARGE_CELLS_PER_S 500000.0
#define SV_LARGE_CANDS 12
#define SV_LARGE_NNBR 10

/* Job u alone fits slot k (rule 1 and every rule of a one-job route). */
static inline bool sv_compat(const sv_ctx *c, int u, int k)
{
    if (c->compat)
        return c->compat[(size_t)u * c->nslots + k];
    const int *cand = c->cand + c->cand_off[u];
    for (int q = 0; q < c->cand_n[u]; q++)
        if (cand[q] == k)
            return true;
    return false;
}

/* Random numbers (splitmix64 seeded xoshiro-like generator). */
typedef struct sv_rng {
    uint64_t s;
} sv_rng;

static inline uint64_t sv_rand(sv_rng *g)
{
    uint64_t z = (g->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline int sv_randint(sv_rng *g, int n)
{
    return (int)(sv_rand(g) % (uint64_t)n);
}

/* Uniform in [0, 1). */
static inline double sv_randu(sv_rng *g)
{
    return (double)(sv_rand(g) >> 11) * (1.0 / 9007199254740992.0);
}

static inline int sv_travel(const sv_ctx *c, int a, int b)
{
    return model_travel_duration(c->p, a, b);
}

/* ---- context (context.c) ---- */
model_status sv_ctx_init(sv_ctx *c, const model_problem *p, const solver_options *opt,
                         model_error *err);
/* As sv_ctx_init; without neighbour lists (enough for single insertions). */
model_status sv_ctx_init_ex(sv_ctx *c, const model_problem *p, const solver_options *opt,
                            bool neighbours, model_error *err);
/* Large mode (c->large): sv_ctx_init leaves out the neighbour lists; this
 * builds them, or none (nnbr 0) when the deadline (sv_now) comes first. */
model_status sv_ctx_build_neighbours(sv_ctx *c, double deadline, model_error *err);
void sv_ctx_free(sv_ctx *c);
/* Decides (and records in c->compat) whether job u alone fits slot k:
 * allowed by rule 1, and a route with only u keeps every rule. In large
 * mode a fitting slot is added to u's candidates, and false is returned
 * when u has SV_LARGE_CANDS already. */
bool sv_set_compat(sv_ctx *c, int u, int k, bool allowed);
/* The cost of serving job u on slot k that depends on nothing else: the
 * stability penalty of moving it, less its preferred technician's bonus
 * (extension 2; may be negative). Every move prices its slot changes so. */
static inline int64_t sv_pen(const sv_ctx *c, int u, int k)
{
    int64_t pen = (c->prev_slot && c->prev_slot[u] >= 0 && c->prev_slot[u] != k) ? c->move_pen : 0;
    if (c->has_bonus)
        pen -= model_job_preference_bonus(&c->p->jobs[u], c->slots[k].tech);
    return pen;
}

/* Whether slots x and y have the same times, places, load and job limits
 * and breaks: a job sequence keeps the slot's rules on both or on neither
 * (which jobs each accepts aside). The route pool's classes and the column
 * generation's groups start from it. */
bool sv_slot_same_shape(const sv_slot *x, const sv_slot *y);

/* Monotonic seconds. */
double sv_now(void);

/* Grows *arr, an array of elements of size elem with room for *cap, so that
 * it holds at least need elements: model_array_reserve (model/array.h, the
 * one growth rule) with no count limit, the solver's arrays being scratch
 * sized by the search. false when memory ran out or the size would
 * overflow (*arr and *cap then unchanged, the array still owned by the
 * caller). */
bool sv_grow(void **arr, size_t *cap, size_t need, size_t elem, size_t first);

#endif
