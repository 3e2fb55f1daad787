/* book.c - booking a job into the published plan (book.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/solver.h"
#include "usecase/book.h"
#include "usecase/clock.h"

/* The largest start change of the jobs served in both a and b (same problem). */
static int64_t largest_shift(const model_problem *p, const model_schedule *a,
                             const model_schedule *b, int skip)
{
    int64_t *start = malloc((size_t)(p->njobs ? p->njobs : 1) * sizeof *start), most = 0;
    if (!start)
        return -1;
    for (int j = 0; j < p->njobs; j++)
        start[j] = INT64_MIN;
    for (int r = 0; r < a->nroutes; r++)
        for (int k = 0; k < a->routes[r].nstops; k++)
            if (a->routes[r].stops[k].kind == MODEL_STOP_JOB)
                start[a->routes[r].stops[k].job] = a->routes[r].stops[k].start;
    for (int r = 0; r < b->nroutes; r++)
        for (int k = 0; k < b->routes[r].nstops; k++) {
            const model_stop *st = &b->routes[r].stops[k];
            if (st->kind == MODEL_STOP_JOB && st->job != skip && start[st->job] != INT64_MIN &&
                llabs(st->start - start[st->job]) > most)
                most = llabs(st->start - start[st->job]);
        }
    free(start);
    return most;
}

/* Where the booked job is in s. */
static const model_stop *find_stop(const model_schedule *s, int job, const model_route **route)
{
    for (int r = 0; r < s->nroutes; r++)
        for (int k = 0; k < s->routes[r].nstops; k++)
            if (s->routes[r].stops[k].kind == MODEL_STOP_JOB && s->routes[r].stops[k].job == job) {
                *route = &s->routes[r];
                return &s->routes[r].stops[k];
            }
    return NULL;
}

/* "YYYY-MM-DD HH:MM" of t in tz, into buf. */

/* The slot, in the database's zone. */
static model_status prepare(usecase_session *ss, void *uc, model_error *err)
{
    usecase_book *bk = uc;
    model_status rc = io_store_load_timezone(ss->store, &bk->tz, err);
    if (rc != MODEL_OK)
        return rc;
    return usecase_slot_parse(bk->opt->slot, bk->tz, &bk->window, err) ? MODEL_OK : err->code;
}

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_book *bk = uc;
    return usecase_booking_load(ss->store, bk->opt->job_path, NULL, &bk->window, &bk->b, err);
}

static model_status solve(usecase_session *ss, void *uc, model_error *err)
{
    (void)ss;
    usecase_book *bk = uc;
    const model_problem *p = bk->b.res.problem;
    model_status rc = solver_insert_job(p, bk->b.s0, bk->b.job, &bk->schedule, err);
    if (rc != MODEL_OK)
        return rc;
    bk->most_shifted_s = largest_shift(p, bk->b.s0, bk->schedule, bk->b.job);
    bk->stop = find_stop(bk->schedule, bk->b.job, &bk->route);
    return MODEL_OK;
}

/* Stores and publishes the new version with the job. */
static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_book *bk = uc;
    const model_problem *p = bk->b.res.problem;
    char options[128], message[256], ws[24], we[24];
    snprintf(options, sizeof options, "{\"slot\": [%lld, %lld]}", (long long)bk->window.start,
             (long long)bk->window.end);
    snprintf(message, sizeof message, "booked %.64s for %s-%s into version %lld",
             p->jobs[bk->b.job].id, model_time_wall(p->tz, bk->window.start, false, ws),
             model_time_wall(p->tz, bk->window.end, true, we), (long long)bk->b.v->version);
    io_store_whatif_save sv = {0};
    sv.base = bk->b.v;
    sv.problem = p;
    sv.schedule = bk->schedule;
    sv.scenario = bk->b.sc;
    sv.kind = "book";
    sv.options_json = options;
    sv.message = message;
    sv.publish = true;
    sv.started_at = bk->started_at;
    sv.solve_s = usecase_clock_now() - bk->t0;
    return io_store_whatif_store(ss->store, &sv, &bk->run, &bk->version, err);
}

model_status usecase_book_run(usecase_session *ss, const usecase_book_options *opt,
                              usecase_book *bk, model_error *err)
{
    memset(bk, 0, sizeof *bk);
    bk->opt = opt;
    bk->started_at = (int64_t)time(NULL);
    bk->t0 = usecase_clock_now();
    usecase_hooks hooks = {prepare, load, solve, NULL, store, NULL};
    usecase_session_publishes(ss);
    return usecase_session_run(ss, &hooks, bk, err);
}

void usecase_book_free(usecase_book *bk)
{
    if (!bk)
        return;
    model_schedule_free(bk->schedule);
    usecase_booking_free(&bk->b);
    model_tz_free(bk->tz);
    memset(bk, 0, sizeof *bk);
}
