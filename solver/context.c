/* context.c - what the search derives from the problem once: technician-
 * shift slots, each job's effective start windows, which slots can serve
 * each job on its own, nearest-neighbour lists, and the stability data. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/array.h"
#include "solver/route.h"

double sv_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool sv_slot_same_shape(const sv_slot *x, const sv_slot *y)
{
    if (x->t0 != y->t0 || x->t1 != y->t1 || x->sloc != y->sloc || x->eloc != y->eloc ||
        x->cap != y->cap || x->maxj != y->maxj || x->nbr != y->nbr)
        return false;
    for (int i = 0; i < x->nbr; i++)
        if (x->br[i].earliest != y->br[i].earliest || x->br[i].latest != y->br[i].latest ||
            x->br[i].duration != y->br[i].duration)
            return false;
    return true;
}

bool sv_grow(void **arr, size_t *cap, size_t need, size_t elem, size_t first)
{
    return model_array_reserve(arr, cap, need, elem, first, SIZE_MAX) == MODEL_OK;
}

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static model_status build_slots(sv_ctx *c, model_error *err)
{
    const model_problem *p = c->p;
    int n = 0;
    for (int t = 0; t < p->ntechnicians; t++)
        n += p->technicians[t].nshifts;
    c->slots = calloc((size_t)(n ? n : 1), sizeof *c->slots);
    if (!c->slots)
        return nomem(err);
    c->nslots = 0;
    for (int t = 0; t < p->ntechnicians; t++) {
        const model_technician *tech = &p->technicians[t];
        for (int k = 0; k < tech->nshifts; k++) {
            sv_slot *s = &c->slots[c->nslots++];
            s->tech = t;
            s->shift = k;
            s->t0 = tech->shifts[k].start;
            s->t1 = tech->shifts[k].end;
            s->tend = tech->shifts[k].end;
            s->ot = tech->shifts[k].overtime;
            if (s->ot.max_s >= 0) { /* extension 2: the end may be late, at a cost */
                s->t1 += s->ot.max_s;
                c->soft = true;
            }
            s->sloc = tech->start_location;
            s->eloc = tech->end_location >= 0 ? tech->end_location : tech->start_location;
            s->cap = tech->capacity;
            s->maxj = tech->max_jobs;
            s->br = tech->shifts[k].breaks;
            s->nbr = tech->shifts[k].nbreaks;
        }
    }
    return MODEL_OK;
}

static int cmp_window(const void *a, const void *b)
{
    const model_window *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* The start windows of a job whose lateness relaxes rule 2 (extension 2),
 * into out (room for nwindows): the starts S whose latest window started
 * (largest w.start <= S, of equal starts the one ending last) is w, for
 * which S <= w.end + max_s; sorted and disjoint. Returns their number. */
static int late_windows(const model_job *job, model_window *out)
{
    int n = job->nwindows, m = 0;
    memcpy(out, job->windows, (size_t)n * sizeof *out);
    qsort(out, (size_t)n, sizeof *out, cmp_window);
    for (int i = 0; i < n; i++) {
        int64_t until = out[i].end + job->lateness.max_s;
        if (i + 1 < n && out[i + 1].start - 1 < until)
            until = out[i + 1].start - 1; /* the next window takes over */
        if (out[i].start <= until)
            out[m++] = (model_window){out[i].start, until};
    }
    return m;
}

/* A job's start windows clipped by release (S >= release) and deadline
 * (S + duration <= deadline); none given means one unbounded window. A
 * job's lateness (extension 2) widens them: late_windows. */
static model_status build_windows(sv_ctx *c, model_error *err)
{
    const model_problem *p = c->p;
    size_t total = 0;
    for (int j = 0; j < p->njobs; j++)
        total += (size_t)(p->jobs[j].nwindows ? p->jobs[j].nwindows : 1);
    c->win = malloc((total ? total : 1) * sizeof *c->win);
    c->win_off = malloc((size_t)(p->njobs + 1) * sizeof *c->win_off);
    c->win_n = malloc((size_t)(p->njobs + 1) * sizeof *c->win_n);
    if (!c->win || !c->win_off || !c->win_n)
        return nomem(err);
    model_window late[MODEL_MAX_WINDOWS_PER_JOB];
    int off = 0;
    for (int j = 0; j < p->njobs; j++) {
        const model_job *job = &p->jobs[j];
        int64_t lo = job->release;
        int64_t hi = job->deadline == MODEL_TIME_MAX ? MODEL_TIME_MAX : job->deadline - job->duration;
        c->win_off[j] = off;
        int nw = job->nwindows ? job->nwindows : 1;
        const model_window *ws = job->windows;
        if (job->lateness.max_s >= 0 && job->nwindows > 0 &&
            job->nwindows <= MODEL_MAX_WINDOWS_PER_JOB) {
            c->soft = true;
            nw = late_windows(job, late);
            ws = late;
        }
        for (int w = 0; w < nw; w++) {
            int64_t s = job->nwindows ? ws[w].start : MODEL_TIME_MIN;
            int64_t e = job->nwindows ? ws[w].end : MODEL_TIME_MAX;
            if (s < lo)
                s = lo;
            if (e > hi)
                e = hi;
            if (s <= e)
                c->win[off++] = (sv_win){s, e};
        }
        c->win_n[j] = off - c->win_off[j];
    }
    return MODEL_OK;
}

/* Large mode: k joins u's candidates while the one-job route is tried,
 * and stays when it keeps every rule. */
static bool set_compat_large(sv_ctx *c, int u, int k, bool allowed)
{
    if (sv_compat(c, u, k))
        return true;
    if (!allowed || c->win_n[u] == 0 || c->cand_n[u] >= SV_LARGE_CANDS)
        return false;
    c->cand[c->cand_off[u] + c->cand_n[u]++] = k;
    sv_route empty = {.slot = k};
    int64_t dt;
    if (!sv_eval_replace(c, &empty, 0, 0, &u, 1, SV_INF, &dt)) {
        c->cand_n[u]--;
        return false;
    }
    return true;
}

bool sv_set_compat(sv_ctx *c, int u, int k, bool allowed)
{
    if (!c->compat)
        return set_compat_large(c, u, k, allowed);
    size_t cell = (size_t)u * c->nslots + k;
    c->compat[cell] = 0;
    if (!allowed || c->win_n[u] == 0)
        return false;
    c->compat[cell] = 1; /* provisionally, so that the evaluation runs */
    sv_route empty = {.slot = k};
    int64_t dt;
    if (!sv_eval_replace(c, &empty, 0, 0, &u, 1, SV_INF, &dt))
        c->compat[cell] = 0;
    return c->compat[cell];
}

/* Large mode: room for SV_LARGE_CANDS candidates a job, none known yet. */
static model_status build_compat_large(sv_ctx *c, model_error *err)
{
    int n = c->njobs;
    if (n > INT_MAX / SV_LARGE_CANDS - 1)
        return model_error_set(err, MODEL_ERR_INPUT, "too many jobs (%d)", n);
    c->cand = malloc((size_t)(n ? n : 1) * SV_LARGE_CANDS * sizeof *c->cand);
    c->cand_off = malloc((size_t)(n + 1) * sizeof *c->cand_off);
    c->cand_n = calloc((size_t)(n + 1), sizeof *c->cand_n);
    if (!c->cand || !c->cand_off || !c->cand_n)
        return nomem(err);
    for (int u = 0; u <= n; u++)
        c->cand_off[u] = u * SV_LARGE_CANDS;
    return MODEL_OK;
}

static model_status build_compat(sv_ctx *c, model_error *err)
{
    const model_problem *p = c->p;
    if (c->large)
        return build_compat_large(c, err);
    size_t cells = (size_t)p->njobs * (size_t)c->nslots;
    c->compat = calloc(cells ? cells : 1, 1);
    c->cand_off = malloc((size_t)(p->njobs + 1) * sizeof *c->cand_off);
    c->cand_n = malloc((size_t)(p->njobs + 1) * sizeof *c->cand_n);
    unsigned char *allows = malloc((size_t)(p->ntechnicians ? p->ntechnicians : 1));
    if (!c->compat || !c->cand_off || !c->cand_n || !allows) {
        free(allows);
        return nomem(err);
    }
    size_t ncand = 0;
    for (int j = 0; j < p->njobs; j++) {
        for (int t = 0; t < p->ntechnicians; t++)
            allows[t] = model_job_allows_technician(p, j, t);
        for (int k = 0; k < c->nslots; k++)
            ncand += sv_set_compat(c, j, k, allows[c->slots[k].tech]);
    }
    free(allows);
    c->cand = malloc((ncand ? ncand : 1) * sizeof *c->cand);
    if (!c->cand)
        return nomem(err);
    size_t off = 0;
    for (int j = 0; j < p->njobs; j++) {
        c->cand_off[j] = (int)off;
        for (int k = 0; k < c->nslots; k++)
            if (c->compat[(size_t)j * c->nslots + k])
                c->cand[off++] = k;
        c->cand_n[j] = (int)off - c->cand_off[j];
    }
    return MODEL_OK;
}

typedef struct dist_item {
    int64_t d;
    int v;
} dist_item;

/* Keeps the k smallest (d, v) in best[0..*n) sorted; insertion is enough for
 * k = 30. */
static void keep_best(dist_item *best, int *n, int k, dist_item it)
{
    if (*n == k && (it.d > best[k - 1].d || (it.d == best[k - 1].d && it.v > best[k - 1].v)))
        return;
    int i = *n < k ? (*n)++ : k - 1;
    while (i > 0 && (best[i - 1].d > it.d || (best[i - 1].d == it.d && best[i - 1].v > it.v))) {
        best[i] = best[i - 1];
        i--;
    }
    best[i] = it;
}

/* A uniform grid over the jobs' coordinates, for neighbour candidates when
 * travel is computed on demand (too many locations for a matrix). */
typedef struct grid {
    int g;              /* cells per side */
    double x0, y0, cw, ch;
    int *start, *items; /* cell -> jobs (CSR) */
} grid;

static void job_xy(const sv_ctx *c, int u, double *x, double *y)
{
    const model_location *l = &c->p->locations[c->p->jobs[u].location];
    *x = l->lon * cos(l->lat * 0.017453292519943295);
    *y = l->lat;
}

static int cell_of(const grid *G, double x, double y, int *cx, int *cy)
{
    *cx = (int)((x - G->x0) / G->cw);
    *cy = (int)((y - G->y0) / G->ch);
    if (*cx >= G->g)
        *cx = G->g - 1;
    if (*cy >= G->g)
        *cy = G->g - 1;
    if (*cx < 0)
        *cx = 0;
    if (*cy < 0)
        *cy = 0;
    return *cy * G->g + *cx;
}

static bool grid_build(const sv_ctx *c, grid *G)
{
    int n = c->njobs;
    double x, y, x1 = -1e300, y1 = -1e300;
    G->x0 = G->y0 = 1e300;
    for (int u = 0; u < n; u++) {
        job_xy(c, u, &x, &y);
        G->x0 = fmin(G->x0, x), G->y0 = fmin(G->y0, y);
        x1 = fmax(x1, x), y1 = fmax(y1, y);
    }
    G->g = (int)sqrt(n / 4.0) + 1;
    G->cw = (x1 - G->x0) / G->g + 1e-9;
    G->ch = (y1 - G->y0) / G->g + 1e-9;
    G->start = calloc((size_t)G->g * G->g + 1, sizeof *G->start);
    G->items = malloc((size_t)n * sizeof *G->items);
    int *fill = calloc((size_t)G->g * G->g + 1, sizeof *fill);
    if (!G->start || !G->items || !fill) {
        free(fill);
        return false;
    }
    int cx, cy;
    for (int u = 0; u < n; u++) {
        job_xy(c, u, &x, &y);
        G->start[cell_of(G, x, y, &cx, &cy) + 1]++;
    }
    for (int k = 0; k < G->g * G->g; k++)
        G->start[k + 1] += G->start[k];
    for (int u = 0; u < n; u++) {
        job_xy(c, u, &x, &y);
        int k = cell_of(G, x, y, &cx, &cy);
        G->items[G->start[k] + fill[k]++] = u;
    }
    free(fill);
    return true;
}

/* Candidates for u: the jobs in rings of cells around u's cell until at
 * least `want` are found (and one ring more, for those near an edge), at
 * most `cap` (dense cells are cut short). */
static int grid_candidates(const sv_ctx *c, const grid *G, int u, int want, int cap, int *out)
{
    double x, y;
    int cx, cy, m = 0;
    job_xy(c, u, &x, &y);
    cell_of(G, x, y, &cx, &cy);
    int extra = -1;
    for (int r = 0; r < G->g && extra != 0; r++) {
        /* the ring at distance r: full top and bottom rows, two cells of
         * every row between (the inside was seen in earlier rings) */
        for (int yy = cy - r; yy <= cy + r; yy++) {
            bool edge = yy == cy - r || yy == cy + r;
            int step = edge || r == 0 ? 1 : 2 * r;
            for (int xx = cx - r; xx <= cx + r; xx += step) {
                if (yy < 0 || xx < 0 || yy >= G->g || xx >= G->g)
                    continue;
                int k = yy * G->g + xx;
                for (int i = G->start[k]; i < G->start[k + 1] && m < cap; i++)
                    if (G->items[i] != u)
                        out[m++] = G->items[i];
            }
        }
        if (extra > 0)
            extra--;
        else if (extra < 0 && m >= want)
            extra = 1;
    }
    return m;
}

/* Every job's location has coordinates. */
static bool jobs_have_coords(const model_problem *p)
{
    for (int u = 0; u < p->njobs; u++)
        if (!p->locations[p->jobs[u].location].has_coords)
            return false;
    return true;
}

/* Large mode: the SV_LARGE_NNBR nearest jobs by straight-line distance on
 * the map among at most 8 x as many grid candidates (no travel times: they
 * cost trigonometry); without coordinates, the jobs next in input order.
 * At the deadline there are none (nnbr 0). */
model_status sv_ctx_build_neighbours(sv_ctx *c, double deadline, model_error *err)
{
    const model_problem *p = c->p;
    int n = p->njobs;
    c->nnbr = n - 1 < SV_LARGE_NNBR ? n - 1 : SV_LARGE_NNBR;
    if (c->nnbr <= 0) {
        c->nnbr = 0;
        return MODEL_OK;
    }
    bool coords = jobs_have_coords(p);
    int want = 2 * c->nnbr, cap = 4 * want;
    grid G = {0};
    c->nbr = malloc((size_t)n * c->nnbr * sizeof *c->nbr);
    int *cand = malloc((size_t)cap * sizeof *cand);
    double *xy = coords ? malloc((size_t)n * 2 * sizeof *xy) : NULL;
    dist_item best[SV_LARGE_NNBR];
    bool ok = c->nbr && cand && (!coords || (xy && grid_build(c, &G)));
    for (int u = 0; ok && coords && u < n; u++)
        job_xy(c, u, &xy[2 * u], &xy[2 * u + 1]);
    bool late = false;
    for (int u = 0; ok && u < n; u++) {
        int nb = 0;
        if ((u & 4095) == 0 && sv_now() >= deadline) {
            late = true;
            break;
        }
        if (coords) {
            int m = grid_candidates(c, &G, u, want, cap, cand);
            for (int q = 0; q < m; q++) {
                int v = cand[q];
                double dx = xy[2 * u] - xy[2 * v], dy = xy[2 * u + 1] - xy[2 * v + 1];
                keep_best(best, &nb, c->nnbr, (dist_item){(int64_t)((dx * dx + dy * dy) * 1e12), v});
            }
        } else {
            for (int q = 1; q <= c->nnbr; q++)
                best[nb++] = (dist_item){q, (u + q) % n};
        }
        for (int q = 0; q < c->nnbr; q++)
            c->nbr[(size_t)u * c->nnbr + q] = best[q < nb ? q : nb - 1].v;
    }
    free(cand);
    free(xy);
    free(G.start);
    free(G.items);
    if (late || !ok) {
        free(c->nbr);
        c->nbr = NULL;
        c->nnbr = 0;
    }
    return ok ? MODEL_OK : nomem(err);
}

/* The nnbr nearest jobs of each job by round-trip travel: among all jobs
 * when travel is a stored matrix, else among grid neighbours. */
static model_status build_neighbours(sv_ctx *c, model_error *err)
{
    const model_problem *p = c->p;
    int n = p->njobs;
    if (c->large)
        return MODEL_OK; /* after the sweep: sv_ctx_build_neighbours */
    c->nnbr = n - 1 < 30 ? n - 1 : 30;
    if (c->nnbr <= 0) {
        c->nnbr = 0;
        return MODEL_OK;
    }
    bool use_grid = !p->travel.durations && p->travel.kind == MODEL_TRAVEL_HAVERSINE;
    grid G = {0};
    c->nbr = malloc((size_t)n * c->nnbr * sizeof *c->nbr);
    int *cand = malloc((size_t)n * sizeof *cand);
    dist_item best[30];
    bool ok = c->nbr && cand && (!use_grid || grid_build(c, &G));
    for (int u = 0; ok && u < n; u++) {
        int m;
        if (use_grid) {
            m = grid_candidates(c, &G, u, 4 * c->nnbr, n, cand);
        } else {
            m = 0;
            for (int v = 0; v < n; v++)
                if (v != u)
                    cand[m++] = v;
        }
        int nb = 0, lu = p->jobs[u].location;
        for (int q = 0; q < m; q++) {
            int lv = p->jobs[cand[q]].location;
            keep_best(best, &nb, c->nnbr,
                      (dist_item){(int64_t)sv_travel(c, lu, lv) + sv_travel(c, lv, lu), cand[q]});
        }
        for (int q = 0; q < c->nnbr; q++)
            c->nbr[(size_t)u * c->nnbr + q] = best[q < nb ? q : nb - 1].v;
    }
    free(cand);
    free(G.start);
    free(G.items);
    return ok ? MODEL_OK : nomem(err);
}

static model_status build_previous(sv_ctx *c, const solver_options *opt, model_error *err)
{
    if (!opt->previous)
        return MODEL_OK;
    const model_problem *p = c->p;
    int *first = malloc((size_t)(p->ntechnicians + 1) * sizeof *first);
    c->prev_slot = malloc((size_t)(p->njobs ? p->njobs : 1) * sizeof *c->prev_slot);
    c->prev_start = malloc((size_t)(p->njobs ? p->njobs : 1) * sizeof *c->prev_start);
    if (!first || !c->prev_slot || !c->prev_start) {
        free(first);
        return nomem(err);
    }
    for (int k = c->nslots - 1; k >= 0; k--)
        first[c->slots[k].tech] = k;
    for (int j = 0; j < p->njobs; j++)
        c->prev_slot[j] = -1, c->prev_start[j] = 0;
    const model_schedule *s = opt->previous;
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (rt->technician < 0 || rt->technician >= p->ntechnicians || rt->shift < 0 ||
            rt->shift >= p->technicians[rt->technician].nshifts)
            continue;
        int slot = first[rt->technician] + rt->shift;
        for (int i = 0; i < rt->nstops; i++)
            if (rt->stops[i].kind == MODEL_STOP_JOB && rt->stops[i].job >= 0 &&
                rt->stops[i].job < p->njobs) {
                c->prev_slot[rt->stops[i].job] = slot;
                c->prev_start[rt->stops[i].job] = rt->stops[i].start;
            }
    }
    c->move_pen = opt->move_penalty_s;
    c->shift_pen = opt->shift_penalty_s;
    free(first);
    return MODEL_OK;
}

model_status sv_ctx_init(sv_ctx *c, const model_problem *p, const solver_options *opt,
                         model_error *err)
{
    return sv_ctx_init_ex(c, p, opt, true, err);
}

model_status sv_ctx_init_ex(sv_ctx *c, const model_problem *p, const solver_options *opt,
                            bool neighbours, model_error *err)
{
    memset(c, 0, sizeof *c);
    c->p = p;
    c->njobs = p->njobs;
    c->balance = p->objective.balance_us_per_min;
    if (c->balance > 0)
        c->soft = true;
    for (int j = 0; j < p->njobs && !c->has_bonus; j++)
        c->has_bonus = p->jobs[j].npreferred > 0;
    model_status st = build_slots(c, err);
    if (st != MODEL_OK) {
        sv_ctx_free(c);
        return st;
    }
    /* only the search goes large: insertion into a published schedule
     * (no neighbours) keeps every candidate */
    double cells = (double)c->njobs * c->nslots;
    c->large = neighbours && (cells > SV_LARGE_CELLS || c->njobs > SV_LARGE_JOBS ||
                              cells > SV_LARGE_CELLS_PER_S * opt->time_limit_s);
    if ((st = build_windows(c, err)) != MODEL_OK ||
        (st = build_compat(c, err)) != MODEL_OK ||
        (neighbours && (st = build_neighbours(c, err)) != MODEL_OK) ||
        (st = build_previous(c, opt, err)) != MODEL_OK) {
        sv_ctx_free(c);
        return st;
    }
    return MODEL_OK;
}

void sv_ctx_free(sv_ctx *c)
{
    free(c->slots);
    free(c->win);
    free(c->win_off);
    free(c->win_n);
    free(c->compat);
    free(c->cand);
    free(c->cand_off);
    free(c->cand_n);
    free(c->nbr);
    free(c->prev_slot);
    free(c->prev_start);
    memset(c, 0, sizeof *c);
}
