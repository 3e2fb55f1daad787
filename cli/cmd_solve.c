/* cmd_solve.c - `fieldplan solve PROBLEM`: solve a problem file and write
 * the schedule JSON, with progress on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/problem_load.h"
#include "io/formats/file.h"
#include "io/formats/json_schedule.h"
#include "solver/solver.h"

static const char usage[] =
    "usage: fieldplan solve PROBLEM [-o SCHEDULE] [--time-limit S] [--seed N]\n"
    "                       [--format native|solomon] [--threads N] [--iterations N] [--quiet]\n\n"
    "Assigns and orders the jobs of PROBLEM into one route per technician-shift\n"
    "and writes the schedule (docs/format.md). Every schedule written has passed\n"
    "the engine's checker; every unassigned job carries a reason.\n\n"
    "  -o, --output F    write the schedule to F (atomically); default: standard output\n"
    "  --time-limit S    search for at most S seconds (default 10); the best schedule\n"
    "                    found so far is returned when the time is up\n"
    "  --seed N          random seed (default 1); the same seed gives the same schedule\n"
    "                    when the search ends by --iterations\n"
    "  --iterations N    stop after N search iterations (deterministic budget)\n"
    "  --threads N       search threads sharing their best (default 1)\n"
    "  --format F        native (JSON, default) or solomon (Solomon VRPTW text)\n"
    "  --progress-interval S  seconds between progress lines (default 1)\n"
    "  -q, --quiet       no progress lines on stderr\n"
    "  -h, --help        show this help\n\n"
    "Progress goes to stderr once a second (--progress-interval): elapsed time, best\n"
    "travel, jobs assigned.\n"
    "Exit codes: 0 written, 2 bad input or usage, 3 I/O error, 70 internal error.\n";

typedef struct progress_ctx {
    bool quiet;
} progress_ctx;

static void print_progress(void *ctx, const solver_progress *pr)
{
    const progress_ctx *pc = ctx;
    if (pc->quiet)
        return;
    fprintf(stderr, "[%7.1fs] travel %lld s, assigned %d/%d, unassigned weight %lld, %ld iterations\n",
            pr->elapsed_s, (long long)pr->travel_s, pr->assigned, pr->njobs,
            (long long)pr->unassigned_weight, pr->iterations);
}

int cli_cmd_solve(int argc, char **argv)
{
    static const cli_option opts[] = {
        {"output", 'o', true}, {"time-limit", 0, true}, {"seed", 0, true},
        {"format", 0, true},   {"threads", 0, true},    {"iterations", 0, true},
        {"quiet", 'q', false}, {"help", 'h', false}, {"progress-interval", 0, true},
    };
    enum {
        O_OUTPUT, O_TIME, O_SEED, O_FORMAT, O_THREADS, O_ITER, O_QUIET, O_HELP, O_PROGRESS,
        O_COUNT
    };
    double interval = 1.0;
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *path = NULL, *out = "-", *v;
    bool solomon = false;
    progress_ctx pc = {false};
    solver_options so = SOLVER_OPTIONS_INIT;
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        int64_t n;
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1:
            if (!cli_args_take(argv[0], &path, v))
                return CLI_EXIT_INPUT;
            break;
        case O_OUTPUT: out = v; break;
        case O_TIME:
            if (!cli_parse_double(argv[0], "time-limit", v, 0.001, 1e7, &so.time_limit_s))
                return CLI_EXIT_INPUT;
            break;
        case O_SEED:
            if (!cli_parse_int64(argv[0], "seed", v, 0, INT64_MAX, &n))
                return CLI_EXIT_INPUT;
            so.seed = (uint64_t)n;
            break;
        case O_FORMAT:
            if (!cli_parse_format(argv[0], v, &solomon))
                return CLI_EXIT_INPUT;
            break;
        case O_THREADS:
            if (!cli_parse_int64(argv[0], "threads", v, 1, 64, &n))
                return CLI_EXIT_INPUT;
            so.threads = (int)n;
            break;
        case O_ITER:
            if (!cli_parse_int64(argv[0], "iterations", v, 1, INT64_MAX / 2, &n))
                return CLI_EXIT_INPUT;
            so.max_iterations = (long)n;
            break;
        case O_QUIET: pc.quiet = true; break;
        case O_PROGRESS:
            if (!cli_parse_double(argv[0], "progress-interval", v, 0.01, 3600, &interval))
                return CLI_EXIT_INPUT;
            break;
        case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        }
    }
    if (!path)
        return cli_usage_error(argv[0], "missing PROBLEM");
    so.progress = print_progress;
    so.progress_ctx = &pc;
    so.progress_interval_s = interval;

    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    model_schedule *s = NULL;
    char *text = NULL;
    solver_stats stats;
    int rc = CLI_EXIT_OK;
    if (cli_load_problem(path, solomon, &p, &err) != MODEL_OK ||
        solver_solve(p, &so, &s, &stats, &err) != MODEL_OK ||
        !(text = io_json_schedule_to_string(p, s, &err)) ||
        io_file_write_atomic(out, text, strlen(text), &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    model_summary sum = model_schedule_summarize(p, s);
    if (!pc.quiet)
        fprintf(stderr,
                "fieldplan: schedule written to %s: assigned %d/%d, unassigned weight %lld, "
                "travel %lld s, distance %lld m, %d routes, %.2f s, %ld iterations, "
                "first schedule after %.3f s, %d of %d route recombinations improved it\n",
                strcmp(out, "-") == 0 ? "standard output" : out, sum.assigned, p->njobs,
                (long long)sum.unassigned_weight, (long long)sum.travel_s,
                (long long)sum.distance_m, sum.routes, stats.elapsed_s, stats.iterations,
                stats.first_feasible_s, stats.sp_improvements, stats.sp_runs);
done:
    free(text);
    model_schedule_free(s);
    model_problem_free(p);
    return rc;
}
