/* cmd_plan.c - `fieldplan plan DB --from DATE --days N`: the nightly run.
 * Parses the options, runs the plan use case (usecase/plan.h: lock, load
 * the horizon, solve, check, store, --out files, feeds) and prints its
 * progress and result. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/search_args.h"
#include "cli/store_util.h"
#include "usecase/plan.h"

static const char usage[] =
    "usage: fieldplan plan DB --from DATE [--days N] [--time-limit S] [--seed N]\n"
    "                     [--out DIR] [--wait S] [--move-penalty S] [--shift-penalty S]\n"
    "                     [--iterations N] [--threads N] [--draft] [--json] [--quiet]\n"
    "                     [--verbose]\n\n"
    "Plans the days DATE .. DATE+N-1 (in the database's time zone): the open,\n"
    "scheduled and started jobs and the technicians' shifts in those days. Jobs\n"
    "that are started or locked stay where the published version has them. The\n"
    "schedule is checked, then stored with the run record as a new version that\n"
    "replaces the published one, all in one transaction (docs/schema.md).\n"
    "When a published version covers some of these days, jobs keep their\n"
    "technician and day unless moving them pays more than the penalties; a re-plan\n"
    "of unchanged data keeps the published schedule unless it finds a better one.\n\n"
    "  --from DATE          first day, YYYY-MM-DD (required)\n"
    "  --days N             number of days (default 1)\n"
    "  --time-limit S       search time in seconds (default 10)\n"
    "  --seed N             random seed (default 1)\n"
    "  --iterations N       stop after N search iterations: with the same data and\n"
    "                       seed, the same schedule (a time-limited run may differ)\n"
    "  --threads N          search threads (default 1)\n"
    "  --move-penalty S     cost, in seconds of travel, of moving a published job to\n"
    "                       another technician or day (default 600)\n"
    "  --shift-penalty S    cost of moving a published start by more than 15 min\n"
    "                       (default 60)\n"
    "  --out DIR            also write DIR/problem.json and DIR/schedule.json\n"
    "  --wait S             wait up to S seconds for another plan on DB (default 0)\n"
    "  --draft              store the version as a draft; keep the published one\n"
    "  --json               print the run's figures as one JSON object instead of a line\n"
    "  -q, --quiet          print nothing on success\n"
    "  -v, --verbose        report each step and the search's progress on stderr (the\n"
    "                       progress alone is shown anyway when stderr is a terminal)\n"
    "  -h, --help           show this help\n\n"
    "Exit codes: 0 published, 1 the schedule failed the check (the run is recorded,\n"
    "nothing is published), 2 bad input or usage, 3 I/O error (database or --out),\n"
    "4 another plan holds the database, 70 internal error.\n";

typedef struct plan_args {
    const char *db, *from, *out;
    int64_t days, threads;
    double wait;
    cli_search_args search;
    bool draft, quiet, json, verbose;
} plan_args;

static int parse(int argc, char **argv, plan_args *pa)
{
    static const cli_option opts[] = {
        {"from", 0, true},          {"days", 0, true},          {"time-limit", 0, true},
        {"seed", 0, true},          {"out", 'o', true},         {"wait", 0, true},
        {"move-penalty", 0, true},  {"shift-penalty", 0, true}, {"iterations", 0, true},
        {"threads", 0, true},       {"draft", 0, false},        {"quiet", 'q', false},
        {"json", 0, false},         {"verbose", 'v', false},    {"help", 'h', false},
    };
    enum { O_FROM, O_DAYS, O_TIME, O_SEED, O_OUT, O_WAIT, O_MOVE, O_SHIFT, O_ITER, O_THREADS,
           O_DRAFT, O_QUIET, O_JSON, O_VERBOSE, O_HELP, O_COUNT };
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *v, *cmd = argv[0];
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        bool ok = true;
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1: ok = cli_args_take(cmd, &pa->db, v); break;
        case O_FROM: pa->from = v; break;
        case O_DAYS: ok = cli_parse_int64(cmd, "days", v, 1, IO_STORE_MAX_DAYS, &pa->days); break;
        case O_OUT: pa->out = v; break;
        case O_WAIT: ok = cli_parse_double(cmd, "wait", v, 0, 1e7, &pa->wait); break;
        case O_THREADS: ok = cli_parse_int64(cmd, "threads", v, 1, 64, &pa->threads); break;
        case O_DRAFT: pa->draft = true; break;
        case O_QUIET: pa->quiet = true; break;
        case O_JSON: pa->json = true; break;
        case O_VERBOSE: pa->verbose = true; break;
        case O_TIME:
        case O_ITER:
        case O_SEED:
        case O_MOVE:
        case O_SHIFT: ok = cli_search_parse(cmd, opts[k].name, v, &pa->search); break;
        case O_HELP: fputs(usage, stdout); return -1;
        }
        if (!ok)
            return CLI_EXIT_INPUT;
    }
    if (!pa->db)
        return cli_usage_error(cmd, "missing DB");
    if (!pa->from)
        return cli_usage_error(cmd, "missing --from DATE");
    return CLI_EXIT_OK;
}

/* Progress on stderr: with --verbose the steps and the search's progress;
 * on a terminal (not under cron) the search's progress unless --quiet. */
typedef struct progress_ctx {
    bool verbose;
    double t0;
    const plan_args *pa;
    const int *nfeeds;  /* the session's count of feeds written */
} progress_ctx;

static void step(const progress_ctx *pc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void step(const progress_ctx *pc, const char *fmt, ...)
{
    if (!pc->verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%7.2fs] ", cli_now() - pc->t0);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Installed only when progress is wanted (--verbose, or a terminal). */
static void print_progress(void *ctx, const solver_progress *pr)
{
    const progress_ctx *pc = ctx;
    fprintf(stderr, "[%7.2fs] search: travel %lld s, assigned %d/%d, unassigned weight %lld, "
                    "%ld iterations\n",
            cli_now() - pc->t0, (long long)pr->travel_s, pr->assigned, pr->njobs,
            (long long)pr->unassigned_weight, pr->iterations);
}

/* The test hook of io_store_options.test_delay_us (docs/schema.md, Testing). */
static long test_delay_us(void)
{
    const char *v = getenv("FIELDPLAN_TEST_SQL_DELAY_US");
    long us = v ? strtol(v, NULL, 10) : 0;
    return us > 0 ? us : 0;
}

/* The steps of --verbose, as the use case reaches them. */
static void on_stage(void *ctx, usecase_stage st, bool done, const void *uc)
{
    const progress_ctx *pc = ctx;
    const plan_args *pa = pc->pa;
    const usecase_plan *r = uc;
    const io_store_plan *pl = r->plan;
    switch (st) {
    case USECASE_STAGE_LOCK:
        if (!done)
            step(pc, "plan: taking the plan lock of %s (waiting up to %g s)", pa->db, pa->wait);
        break;
    case USECASE_STAGE_LOAD:
        if (!done)
            step(pc, "plan: loading the horizon");
        else
            step(pc, "plan: %s to %s: %d jobs (%d pinned), %d technicians, %d shifts; previous "
                     "version: %lld",
                 pl->from, pl->to, pl->problem->njobs, pl->pinned, pl->problem->ntechnicians,
                 pl->nshifts, (long long)pl->previous_version);
        break;
    case USECASE_STAGE_SOLVE:
        if (!done)
            step(pc, "plan: solving");
        else if (r->kept)
            step(pc, "plan: the input is unchanged and the search found nothing better: "
                     "keeping the schedule of version %lld", (long long)pl->previous_version);
        break;
    case USECASE_STAGE_CHECK:
        if (!done)
            step(pc, "plan: checking the schedule");
        break;
    case USECASE_STAGE_STORE:
        if (!done)
            step(pc, "plan: storing the run and its version (%s)", r->run.outcome);
        else
            step(pc, "plan: stored run %lld, version %lld", (long long)r->run_id,
                 (long long)r->version_id);
        break;
    case USECASE_STAGE_AFTER_STORE:
        if (done)
            step(pc, "plan: wrote %s/problem.json and %s/schedule.json", pa->out, pa->out);
        break;
    case USECASE_STAGE_FEEDS:
        if (done && pa->out)
            step(pc, "plan: wrote %d calendar feeds to %s", pc->nfeeds ? *pc->nfeeds : 0,
                 r->feeds_dir);
        break;
    default: break;
    }
}

static void print_result(const plan_args *pa, const usecase_plan *r)
{
    const io_store_plan *pl = r->plan;
    const io_store_run_info *run = &r->run;
    const model_summary *m = &run->summary;
    long iterations = r->stats.iterations;
    if (pa->json) {
        printf("{\"run\": %lld, \"version\": %lld, \"outcome\": \"%s\", \"from\": \"%s\", "
               "\"to\": \"%s\", \"jobs\": %d, \"technicians\": %d, \"shifts\": %d, "
               "\"pinned\": %d, \"assigned\": %d, \"unassigned\": %d, \"unassigned_weight\": %lld, "
               "\"travel_s\": %lld, \"distance_m\": %lld, \"routes\": %d, ",
               (long long)r->run_id, (long long)r->version_id, run->outcome, pl->from, pl->to,
               pl->problem->njobs, pl->problem->ntechnicians, pl->nshifts, pl->pinned,
               m->assigned, m->unassigned, (long long)m->unassigned_weight,
               (long long)m->travel_s, (long long)m->distance_m, m->routes);
        if (pl->previous_version)
            printf("\"previous_version\": %lld, ", (long long)pl->previous_version);
        else
            printf("\"previous_version\": null, ");
        printf("\"moved_jobs\": %d, \"shifted_jobs\": %d, \"kept_previous\": %s, "
               "\"iterations\": %ld, \"solve_s\": %.3f}\n",
               run->moved, run->shifted, r->kept ? "true" : "false", iterations, run->solve_s);
        return;
    }
    printf("run %lld: version %lld %s for %s to %s: assigned %d/%d jobs (unassigned weight "
           "%lld), travel %lld s, distance %lld m, %d routes; %d pinned",
           (long long)r->run_id, (long long)r->version_id, run->outcome, pl->from, pl->to,
           m->assigned, pl->problem->njobs, (long long)m->unassigned_weight,
           (long long)m->travel_s, (long long)m->distance_m, m->routes, pl->pinned);
    if (pl->previous_version)
        printf("; against version %lld: %d jobs moved, %d shifted%s",
               (long long)pl->previous_version, run->moved, run->shifted,
               r->kept ? " (unchanged input: its schedule kept)" : "");
    printf("; %.2f s, %ld iterations\n", run->solve_s, iterations);
}

int cli_cmd_plan(int argc, char **argv)
{
    plan_args pa = {0};
    pa.days = 1;
    pa.threads = 1;
    pa.search.seed = 1;
    pa.search.time_limit = 10;
    pa.search.move_penalty = 600;
    pa.search.shift_penalty = 60;
    int prc = parse(argc, argv, &pa);
    if (prc != CLI_EXIT_OK)
        return prc < 0 ? CLI_EXIT_OK : prc;

    usecase_session ss = USECASE_SESSION_INIT;
    progress_ctx pc = {pa.verbose, cli_now(), &pa, &ss.nfeeds};
    ss.db = pa.db;
    ss.open.test_delay_us = test_delay_us();
    ss.wait_s = pa.wait;
    ss.progress = on_stage;
    ss.progress_ctx = &pc;
    usecase_plan_options opt = {pa.from, (int)pa.days, SOLVER_OPTIONS_INIT, pa.draft, pa.out};
    cli_search_to_solver(&pa.search, &opt.solver);
    opt.solver.threads = (int)pa.threads;
    if (pa.verbose || (!pa.quiet && isatty(STDERR_FILENO))) {
        opt.solver.progress = print_progress;
        opt.solver.progress_ctx = &pc;
    }
    model_error err = MODEL_ERROR_INIT;
    usecase_plan r;
    int rc = CLI_EXIT_OK;
    if (usecase_plan_run(&ss, &opt, &r, &err) != MODEL_OK) {
        rc = cli_store_fail(&err, ss.failed);
        if (ss.failed == USECASE_STAGE_AFTER_STORE)
            fprintf(stderr, "fieldplan: the version is stored (run %lld); only writing --out "
                            "failed\n", (long long)r.run_id);
        else if (ss.failed == USECASE_STAGE_FEEDS)
            fprintf(stderr, "fieldplan: the version is stored (run %lld); only writing the "
                            "feeds failed\n", (long long)r.run_id);
        goto done;
    }
    if (r.check_failed) {
        fprintf(stderr, "fieldplan: error: run %lld: the schedule failed the check (%d "
                        "violations; nothing published): %s\n",
                (long long)r.run_id, r.report.n, r.report.items[0]);
        rc = CLI_EXIT_CHECK;
        goto done;
    }
    if (!pa.quiet)
        print_result(&pa, &r);
    step(&pc, "plan: done");
done:
    usecase_plan_free(&r);
    return rc;
}
