/* bench_slots.c - how long an appointment-slot answer takes on a published
 * plan: the steps of `fieldplan slots` in one process, repeated, with the
 * time of each step. Measures and prints; never fails a build.
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

#include "io/formats/json_schedule.h"
#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/check.h"
#include "solver/solver.h"

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

enum { S_OPEN, S_VERSION, S_APPLY, S_SCHEDULE, S_SLOTS, S_TOTAL, S_COUNT };
static const char *const step_name[S_COUNT] = {
    "open the database", "read the published version", "add the job (apply, read problem)",
    "read the published schedule", "solver_slots", "total"};

/* One answer; fills t[] with step times; *offered the windows offered. */
static int answer(const char *db, const char *job, double t[S_COUNT], int *offered, int *njobs,
                  int *ntechs, int *nwin)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.read_only = true;
    io_store *s = NULL;
    io_store_version_info *v = NULL;
    io_scenario *sc = NULL;
    io_scenario_result res = IO_SCENARIO_RESULT_INIT;
    model_schedule *s0 = NULL;
    model_report rep = MODEL_REPORT_INIT;
    model_window *w = NULL;
    solver_slot *out = NULL;
    int rc = 1;
    double t0 = now_ms(), t1;
    if (io_store_open(&s, db, &opt, &err) != MODEL_OK)
        goto done;
    t[S_OPEN] = (t1 = now_ms()) - t0;
    if (io_store_version_get(s, 0, &v, &err) != MODEL_OK ||
        io_scenario_read_job_file(job, "new-job", &sc, &err) != MODEL_OK)
        goto done;
    t[S_VERSION] = now_ms() - t1;
    t1 = now_ms();
    if (io_scenario_apply(sc, v->problem_json, strlen(v->problem_json), &res, &err) != MODEL_OK)
        goto done;
    t[S_APPLY] = now_ms() - t1;
    t1 = now_ms();
    if (io_json_read_schedule_text(res.problem, v->schedule_json, strlen(v->schedule_json),
                                   "published", &s0, NULL, NULL, &rep, &err) != MODEL_OK)
        goto done;
    t[S_SCHEDULE] = now_ms() - t1;
    t1 = now_ms();
    int64_t first, last;
    model_date_parse(v->from, &first, NULL);
    model_date_parse(v->to, &last, NULL);
    int n = 0;
    w = malloc((size_t)(last - first + 1) * 4 * sizeof *w);
    out = malloc((size_t)(last - first + 1) * 4 * sizeof *out);
    if (!w || !out)
        goto done;
    for (int64_t d = first; d <= last; d++)
        for (int h = 8; h < 16; h += 2) {
            int y, m, dd;
            model_civil_from_days(d, &y, &m, &dd);
            model_civil a = {y, m, dd, h, 0, 0}, b = {y, m, dd, h + 2, 0, 0};
            w[n++] = (model_window){model_tz_from_civil(res.problem->tz, &a),
                                    model_tz_from_civil(res.problem->tz, &b)};
        }
    int job_index = model_strmap_get(&res.problem->job_index, io_scenario_job_id(sc));
    if (solver_slots(res.problem, s0, job_index, w, n, out, &err) != MODEL_OK)
        goto done;
    t[S_SLOTS] = now_ms() - t1;
    t[S_TOTAL] = now_ms() - t0;
    *offered = 0;
    for (int i = 0; i < n; i++)
        *offered += out[i].technician >= 0;
    *njobs = res.problem->njobs;
    *ntechs = res.problem->ntechnicians;
    *nwin = n;
    rc = 0;
done:
    if (rc)
        fprintf(stderr, "bench_slots: %s\n", err.msg[0] ? err.msg : "out of memory");
    free(w);
    free(out);
    model_report_clear(&rep);
    model_schedule_free(s0);
    io_scenario_result_free(&res);
    io_scenario_free(sc);
    io_store_version_info_free(v);
    io_store_close(s);
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
