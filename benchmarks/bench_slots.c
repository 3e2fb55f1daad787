/* bench_slots.c - how long an appointment-slot answer takes on a published
 * plan: the slots use case (usecase/slots.h) as `fieldplan slots` runs it,
 * in one process, repeated, with the time of each step. Measures and
 * prints; never fails a build.
 *
 *   bench_slots DB JOB.json [REPEAT]
 *
 * DB holds a published version (benchmarks/bench_slots.sh makes one of
 * 1,000 jobs and 50 technicians over 5 days); JOB.json is the new job.
 * Windows: 08-10, 10-12, 12-14, 14-16 on every day of the plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "usecase/slots.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum { S_OPEN, S_LOAD, S_SLOTS, S_TOTAL, S_COUNT };
static const char *const step_name[S_COUNT] = {
    "open the database", "load the plan with the job", "usecase_slots_rank", "total"};

/* Times the session's stages: the end of OPEN and of LOAD. */
typedef struct stage_times {
    double opened, loaded;
} stage_times;

static void on_stage(void *ctx, usecase_stage st, bool done, const void *uc)
{
    (void)uc;
    stage_times *tt = ctx;
    if (done && st == USECASE_STAGE_OPEN)
        tt->opened = now_ms();
    if (done && st == USECASE_STAGE_LOAD)
        tt->loaded = now_ms();
}

/* One answer; fills t[] with step times; *offered the windows offered. */
static int answer(const char *db, const char *job, double t[S_COUNT], int *offered, int *njobs,
                  int *ntechs, int *nwin)
{
    model_error err = MODEL_ERROR_INIT;
    usecase_session ss = USECASE_SESSION_INIT;
    stage_times tt = {0, 0};
    ss.db = db;
    ss.progress = on_stage;
    ss.progress_ctx = &tt;
    usecase_slots_options opt = {job};
    usecase_slots sl;
    model_window *w = NULL;
    int rc = 1;
    double t0 = now_ms(), t1;
    if (usecase_slots_load(&ss, &opt, &sl, &err) != MODEL_OK)
        goto done;
    t[S_OPEN] = tt.opened - t0;
    t[S_LOAD] = tt.loaded - tt.opened;
    t1 = now_ms();
    const model_problem *p = sl.b.res.problem;
    int64_t first, last;
    model_date_parse(sl.b.v->from, &first, NULL);
    model_date_parse(sl.b.v->to, &last, NULL);
    int n = 0;
    w = malloc((size_t)(last - first + 1) * 4 * sizeof *w);
    if (!w)
        goto done;
    for (int64_t d = first; d <= last; d++)
        for (int h = 8; h < 16; h += 2) {
            int y, m, dd;
            model_civil_from_days(d, &y, &m, &dd);
            model_civil a = {y, m, dd, h, 0, 0}, b = {y, m, dd, h + 2, 0, 0};
            w[n++] = (model_window){model_tz_from_civil(p->tz, &a), model_tz_from_civil(p->tz, &b)};
        }
    if (usecase_slots_rank(&sl, w, n, &err) != MODEL_OK)
        goto done;
    t[S_SLOTS] = now_ms() - t1;
    t[S_TOTAL] = now_ms() - t0;
    *offered = sl.noffers;
    *njobs = p->njobs;
    *ntechs = p->ntechnicians;
    *nwin = n;
    rc = 0;
done:
    if (rc)
        fprintf(stderr, "bench_slots: %s\n", err.msg[0] ? err.msg : "out of memory");
    free(w);
    usecase_slots_free(&sl);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_slots DB JOB.json [REPEAT]\n");
        return 0;
    }
    int repeat = argc > 3 ? atoi(argv[3]) : 20;
    if (repeat < 1)
        repeat = 1;
    double *t = calloc((size_t)repeat * S_COUNT, sizeof *t);
    double *col = malloc((size_t)repeat * sizeof *col);
    int offered = 0, njobs = 0, ntechs = 0, nwin = 0;
    if (!t || !col)
        return 0;
    for (int r = 0; r < repeat; r++)
        if (answer(argv[1], argv[2], t + (size_t)r * S_COUNT, &offered, &njobs, &ntechs, &nwin))
            return 0;
    printf("slots on the published plan: %d jobs (with the new one), %d technicians, %d windows, "
           "%d offered; %d runs\n", njobs, ntechs, nwin, offered, repeat);
    printf("  %-36s %9s %9s %9s\n", "step (ms)", "min", "median", "max");
    for (int k = 0; k < S_COUNT; k++) {
        for (int r = 0; r < repeat; r++)
            col[r] = t[(size_t)r * S_COUNT + k];
        qsort(col, (size_t)repeat, sizeof *col, cmp_double);
        printf("  %-36s %9.1f %9.1f %9.1f\n", step_name[k], col[0], col[repeat / 2],
               col[repeat - 1]);
    }
    free(t);
    free(col);
    return 0;
}
