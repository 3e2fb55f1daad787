/* plan.c - the nightly plan as one use case (plan.h): load the horizon,
 * solve, keep or replace the published schedule, check, store, write the
 * files, update the feeds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "io/formats/file.h"
#include "io/formats/json_schedule.h"
#include "usecase/clock.h"
#include "usecase/plan.h"

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_plan *pl = uc;
    model_status rc;
    if (pl->opt->prefer_last_s > 0 &&
        (rc = usecase_plan_prefer_last(ss->store, pl->opt->prefer_last_s, pl, err)) != MODEL_OK)
        return rc;
    return io_store_plan_load_with(ss->store, pl->opt->from, pl->opt->days, pl->prefer,
                                   pl->nprefer, &pl->plan, err);
}

static model_status solve(usecase_session *ss, void *uc, model_error *err)
{
    (void)ss;
    usecase_plan *pl = uc;
    solver_options so = pl->opt->solver;
    so.previous = pl->plan->previous;
    double t0 = usecase_clock_now();
    model_status rc;
    if ((rc = solver_solve(pl->plan->problem, &so, &pl->schedule, &pl->stats, err)) != MODEL_OK ||
        (rc = usecase_plan_annotate(pl->plan, pl->schedule, err)) != MODEL_OK)
        return rc;
    pl->run.solve_s = usecase_clock_now() - t0;
    return usecase_plan_keep_previous(pl->plan, &pl->schedule, so.move_penalty_s,
                                      so.shift_penalty_s, &pl->kept, err);
}

/* Checks the schedule, fills the run record, and guards what is to be
 * published (guard.h). */
static model_status check(usecase_session *ss, void *uc, model_error *err)
{
    usecase_plan *pl = uc;
    const usecase_plan_options *o = pl->opt;
    const io_store_plan *h = pl->plan;
    model_status rc;
    if ((rc = model_check_schedule(h->problem, pl->schedule, NULL, &pl->report, err)) != MODEL_OK)
        return rc;
    if (!(pl->schedule_json = io_json_schedule_to_string(h->problem, pl->schedule, err)))
        return err->code;
    pl->prefer_note[0] = '\0';
    if (o->prefer_last_s > 0)
        snprintf(pl->prefer_note, sizeof pl->prefer_note, ", \"prefer_last_technician_s\": %lld",
                 (long long)o->prefer_last_s);
    snprintf(pl->params, sizeof pl->params,
             "{\"from\": \"%s\", \"days\": %d, \"time_limit_s\": %g, \"seed\": %lld, "
             "\"iterations\": %lld, \"threads\": %lld, \"move_penalty_s\": %lld, "
             "\"shift_penalty_s\": %lld, \"draft\": %s%s}",
             h->from, h->days, o->solver.time_limit_s, (long long)o->solver.seed,
             (long long)o->solver.max_iterations, (long long)o->solver.threads,
             (long long)o->solver.move_penalty_s, (long long)o->solver.shift_penalty_s,
             o->draft ? "true" : "false", pl->prefer_note);
    io_store_run_info *run = &pl->run;
    run->finished_at = (int64_t)time(NULL);
    run->seed = o->solver.seed;
    run->time_limit_s = o->solver.time_limit_s;
    run->parameters = pl->params;
    pl->check_failed = pl->report.n > 0;
    run->outcome = pl->check_failed ? "check_failed" : o->draft ? "draft" : "published";
    snprintf(pl->kept_msg, sizeof pl->kept_msg,
             "unchanged input: kept the schedule of version %lld", (long long)h->previous_version);
    run->message = pl->check_failed ? pl->report.items[0] : pl->kept ? pl->kept_msg : NULL;
    run->summary = model_schedule_summarize(h->problem, pl->schedule);
    usecase_plan_moves(h, pl->schedule, &run->moved, &run->shifted);
    run->iterations = pl->stats.iterations;
    if (pl->check_failed || o->draft)
        return MODEL_OK;
    /* the guard: a refusal stops the run before anything is stored */
    model_status grc = usecase_guard_run(ss->store, h->problem, pl->schedule, h->from, NULL,
                                         &o->guard, &pl->guard, err);
    if (grc != MODEL_OK)
        return grc;
    if (pl->guard.refused)
        ss->stop = true;
    else if (pl->guard.broken)
        run->message = usecase_guard_note(&pl->guard, pl->note, sizeof pl->note);
    return MODEL_OK;
}

/* Stores the run, and the version unless the check failed (then stops). */
static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_plan *pl = uc;
    bool ok = !pl->check_failed;
    model_status rc = io_store_plan_save(ss->store, pl->plan, ok ? pl->schedule : NULL,
                                         ok ? pl->schedule_json : NULL, &pl->run, &pl->run_id,
                                         &pl->version_id, err);
    if (rc == MODEL_OK && !ok)
        ss->stop = true;
    return rc;
}

/* Writes DIR/NAME atomically, creating DIR when missing. */
static model_status write_out(const char *dir, const char *name, const char *text,
                              model_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot create the directory: %s", dir,
                               strerror(errno));
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: path too long", dir);
    return io_file_write_atomic(path, text, strlen(text), err);
}

/* problem.json, schedule.json and the feeds' directory under out_dir. */
static model_status write_files(usecase_session *ss, void *uc, model_error *err)
{
    usecase_plan *pl = uc;
    const char *dir = pl->opt->out_dir;
    model_status rc;
    if ((rc = write_out(dir, "problem.json", pl->plan->problem_json, err)) != MODEL_OK ||
        (rc = write_out(dir, "schedule.json", pl->schedule_json, err)) != MODEL_OK)
        return rc;
    /* the calendars follow the published version, written beside */
    if ((size_t)snprintf(pl->feeds_dir, sizeof pl->feeds_dir, "%s/feeds", dir) >=
        sizeof pl->feeds_dir)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: path too long", dir);
    ss->feeds_dir = pl->feeds_dir;
    return MODEL_OK;
}

model_status usecase_plan_run(usecase_session *ss, const usecase_plan_options *opt,
                              usecase_plan *pl, model_error *err)
{
    memset(pl, 0, sizeof *pl);
    pl->report = (model_report)MODEL_REPORT_INIT;
    pl->opt = opt;
    pl->run.started_at = (int64_t)time(NULL);
    usecase_hooks hooks = {NULL, load, solve, check, store, opt->out_dir ? write_files : NULL};
    ss->lock = true;
    ss->hold_s = opt->solver.time_limit_s * 2 + USECASE_SESSION_HOLD_S;
    /* without out_dir only the feeds' SEQUENCE bookkeeping is updated */
    ss->feeds = !opt->draft;
    ss->feeds_dir = NULL;
    return usecase_session_run(ss, &hooks, pl, err);
}

void usecase_plan_free(usecase_plan *pl)
{
    if (!pl)
        return;
    free(pl->schedule_json);
    usecase_guard_free(&pl->guard);
    model_report_clear(&pl->report);
    model_schedule_free(pl->schedule);
    io_store_plan_free(pl->plan);
    free(pl->prefer);
    io_store_last_techs_free(pl->last, pl->nlast);
    memset(pl, 0, sizeof *pl);
}
