/* whatif.c - a scenario re-planned from a stored version (whatif.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "usecase/whatif.h"

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_whatif *w = uc;
    int64_t version;
    model_status rc;
    if ((rc = io_store_version_open(ss->store, w->opt->version, &version, &w->base, err)) !=
            MODEL_OK ||
        (rc = io_store_version_read(w->base, &w->p0, &w->s0, err)) != MODEL_OK ||
        (rc = io_scenario_apply(w->sc, w->base->problem_json, strlen(w->base->problem_json),
                                &w->res, err)) != MODEL_OK)
        return rc;
    return model_schedule_remap(w->p0, w->s0, w->res.problem, &w->prev, err);
}

static model_status solve(usecase_session *ss, void *uc, model_error *err)
{
    (void)ss;
    usecase_whatif *w = uc;
    solver_options so = w->opt->solver;
    so.previous = w->prev;
    model_status rc = solver_solve(w->res.problem, &so, &w->s1, &w->stats, err);
    if (rc != MODEL_OK)
        return rc;
    return model_diff_compute(w->p0, w->s0, w->res.problem, w->s1, &w->diff, err);
}

/* Keeps the result as a named draft. */
static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_whatif *w = uc;
    const usecase_whatif_options *o = w->opt;
    const model_problem *p = w->res.problem;
    char options[256], message[256];
    snprintf(options, sizeof options,
             "{\"time_limit_s\": %g, \"iterations\": %lld, \"seed\": %lld, \"move_penalty_s\": "
             "%lld, \"shift_penalty_s\": %lld}",
             o->solver.time_limit_s, (long long)o->solver.max_iterations,
             (long long)o->solver.seed, (long long)o->solver.move_penalty_s,
             (long long)o->solver.shift_penalty_s);
    snprintf(message, sizeof message, "what-if '%.64s' on version %lld (%.100s)", o->save,
             (long long)w->base->version, io_scenario_source(w->sc));
    io_store_whatif_save sv = {0};
    sv.base = w->base;
    sv.problem = p;
    sv.schedule = w->s1;
    sv.scenario = w->sc;
    sv.kind = "whatif";
    sv.name = o->save;
    sv.options_json = options;
    sv.message = message;
    sv.started_at = w->started_at;
    sv.seed = o->solver.seed;
    sv.time_limit_s = o->solver.time_limit_s;
    sv.solve_s = w->stats.elapsed_s;
    sv.iterations = w->stats.iterations;
    sv.moved = w->diff->moved;
    sv.shifted = w->diff->shifted;
    return io_store_whatif_store(ss->store, &sv, NULL, &w->saved, err);
}

model_status usecase_whatif_run(usecase_session *ss, const usecase_whatif_options *opt,
                                usecase_whatif *w, model_error *err)
{
    memset(w, 0, sizeof *w);
    w->opt = opt;
    w->started_at = (int64_t)time(NULL);
    model_status rc = io_scenario_read_file(opt->scenario_path, &w->sc, err);
    if (rc != MODEL_OK)
        return rc;
    usecase_hooks hooks = {NULL, load, solve, NULL, opt->save ? store : NULL, NULL};
    ss->open.read_only = !opt->save;
    ss->lock = false;
    ss->feeds = false;
    return usecase_session_run(ss, &hooks, w, err);
}

void usecase_whatif_free(usecase_whatif *w)
{
    if (!w)
        return;
    model_diff_free(w->diff);
    model_schedule_free(w->s1);
    model_schedule_free(w->prev);
    model_schedule_free(w->s0);
    model_problem_free(w->p0);
    io_scenario_result_free(&w->res);
    io_store_version_info_free(w->base);
    io_scenario_free(w->sc);
    memset(w, 0, sizeof *w);
}
