/* cmd_solve.c - `fieldplan solve PROBLEM`: solve a problem file and write
 * the schedule JSON, with progress on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json_print.h"
#include "cli/kpi_report.h"
#include "cli/command_opts.h"
#include "cli/problem_load.h"
#include "io/formats/file.h"
#include "io/formats/json_out.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "solver/solver.h"
#include "usecase/matrix.h"

typedef struct progress_ctx {
    bool quiet;
} progress_ctx;

static void print_progress(void *ctx, const solver_progress *pr)
{
    const progress_ctx *pc = ctx;
    if (pc->quiet)
        return;
    if (pr->bound) {
        cli_bound_progress(pr->elapsed_s, pr);
        return;
    }
    fprintf(stderr, "[%7.1fs] travel %lld s, assigned %d/%d, unassigned weight %lld, %ld iterations\n",
            pr->elapsed_s, (long long)pr->travel_s, pr->assigned, pr->njobs,
            (long long)pr->unassigned_weight, pr->iterations);
}

/* The problem as it is solved (with a router's matrix), for the oracle. */
static model_status write_problem(const model_problem *p, const char *path, model_error *err)
{
    char *text = io_json_problem_to_string(p, err);
    if (!text)
        return err->code;
    model_status st = io_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}

/* VROOM's error answer on standard output (docs/vroom.md): code 2 for
 * input, 3 for a router that failed, 1 for anything else. */
static void print_vroom_error(const model_error *err, bool routed)
{
    int code = err->code == MODEL_ERR_INPUT || err->code == MODEL_ERR_LIMIT ? 2
               : routed && err->code == MODEL_ERR_IO                       ? 3
                                                                            : 1;
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_printf(&o, "{\"code\": %d, \"error\": ", code);
    io_json_out_string(&o, err->msg);
    io_json_out_raw(&o, "}\n");
    cli_print_json(&o);
}

int cli_cmd_solve(int argc, char **argv)
{
    solver_options so = SOLVER_OPTIONS_INIT;
    so.clock_origin_s = solver_clock(); /* the limit holds for reading too */
    cli_solve_opts o = {"-", so.time_limit_s, (int64_t)so.seed, so.max_iterations, so.threads,
                        CLI_FORMAT_NATIVE, CLI_FORMAT_NATIVE, 1.0, false, {NULL, NULL, NULL, 0, 0, 0}, NULL,
                        false, false, false};
    const char *path = NULL;
    int prc;
    if (!cli_parse_args("solve", argc, argv, &o, &path, 1, 1, "missing PROBLEM", &prc))
        return prc;
    const char *out = o.output;
    int format = o.format;
    so.time_limit_s = o.time_limit;
    so.seed = (uint64_t)o.seed;
    so.max_iterations = (long)o.iterations;
    so.threads = o.threads;
    so.bound_share = o.no_bound ? 0 : o.prove ? SOLVER_PROVE_SHARE : SOLVER_BOUND_SHARE;
    so.prove = o.prove;
    so.no_columns = o.no_columns;
    progress_ctx pc = {o.quiet};
    double interval = o.progress_interval;
    so.progress = print_progress;
    so.progress_ctx = &pc;
    so.progress_interval_s = interval;

    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    model_schedule *s = NULL;
    io_vroom_ids *ids = NULL;
    char *text = NULL;
    solver_stats stats;
    int rc = CLI_EXIT_OK;
    io_router_options ro;
    usecase_matrix_result mr;
    if (o.router.osrm && o.router.valhalla) {
        rc = cli_usage_error(argv[0], "give --osrm or --valhalla, not both");
        goto done;
    }
    if (cli_load_problem(path, format, &p, &ids, &err) != MODEL_OK ||
        (cli_router_options(&o.router, &ro) &&
         usecase_problem_route(p, &ro, &mr, &err) != MODEL_OK) ||
        (o.write_problem && write_problem(p, o.write_problem, &err) != MODEL_OK) ||
        solver_solve(p, &so, &s, &stats, &err) != MODEL_OK ||
        !(text = o.output_format == CLI_FORMAT_VROOM ? io_vroom_solution_to_string(p, s, ids, &err)
                                                     : io_json_schedule_to_string(p, s, &err)) ||
        io_file_write_atomic(out, text, strlen(text), &err) != MODEL_OK) {
        rc = cli_fail(&err);
        if (o.output_format == CLI_FORMAT_VROOM && strcmp(out, "-") == 0)
            print_vroom_error(&err, cli_router_options(&o.router, &ro));
        goto done;
    }
    model_summary sum = model_schedule_summarize(p, s);
    char bound[160];
    if (!pc.quiet)
        fprintf(stderr,
                "fieldplan: schedule written to %s: assigned %d/%d, unassigned weight %lld, "
                "travel %lld s, distance %lld m, %d routes%s, %.2f s, %ld iterations, "
                "first schedule after %.3f s, %d of %d route recombinations improved it\n",
                strcmp(out, "-") == 0 ? "standard output" : out, sum.assigned, p->njobs,
                (long long)sum.unassigned_weight, (long long)sum.travel_s,
                (long long)sum.distance_m, sum.routes,
                cli_bound_text(&s->bound, p, &sum, bound, sizeof bound), stats.elapsed_s,
                stats.iterations,
                stats.first_feasible_s, stats.sp_improvements, stats.sp_runs);
done:
    free(text);
    io_vroom_ids_free(ids);
    model_schedule_free(s);
    model_problem_free(p);
    return rc;
}
