/* cmd_plan.c - `fieldplan plan DB --from DATE --days N`: the nightly run.
 * Parses the options, runs the plan use case (usecase/plan.h: lock, load
 * the horizon, solve, check and guard, store, --out files, feeds) and
 * prints its progress and result (exit 5 when the guard refused). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/guard_report.h"
#include "cli/kpi_report.h"
#include "cli/store_util.h"
#include "io/formats/json_out.h"
#include "io/store/store_query.h"
#include "usecase/plan.h"

/* Progress on stderr: with --verbose the steps and the search's progress;
 * on a terminal (not under cron) the search's progress unless --quiet. */
typedef struct progress_ctx {
    bool verbose;
    double t0;
    const char *db;
    const cli_plan_opts *pa;
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
    if (pr->bound) {
        cli_bound_progress(cli_now() - pc->t0, pr);
        return;
    }
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
    const cli_plan_opts *pa = pc->pa;
    const usecase_plan *r = uc;
    const io_store_plan *pl = r->plan;
    switch (st) {
    case USECASE_STAGE_LOCK:
        if (!done)
            step(pc, "plan: taking the plan lock of %s (waiting up to %g s)", pc->db, pa->wait);
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

/* The jobs the horizon left out because they can no longer be served: a
 * warning, so that the dispatcher gives them a new window or cancels them. */
static void warn_expired(const io_store_plan *pl)
{
    if (!pl->nexpired)
        return;
    fprintf(stderr, "fieldplan: warning: %d open job%s left out: %s deadline or every window "
                    "(with the lateness allowed) ended before %s:",
            pl->nexpired, pl->nexpired == 1 ? "" : "s", pl->nexpired == 1 ? "its" : "their",
            pl->from);
    int shown = pl->nexpired < 10 ? pl->nexpired : 10;
    for (int i = 0; i < shown; i++)
        fprintf(stderr, "%s %s", i ? "," : "", pl->expired[i]);
    if (shown < pl->nexpired)
        fprintf(stderr, " and %d more", pl->nexpired - shown);
    fprintf(stderr, "; give them a new window or cancel them\n");
}

static void print_result(const cli_plan_opts *pa, const usecase_plan *r)
{
    const io_store_plan *pl = r->plan;
    const io_store_run_info *run = &r->run;
    const model_summary *m = &run->summary;
    long iterations = r->stats.iterations;
    bool relevant = cli_kpis_relevant(pl->problem, NULL);
    model_run_kpis kpis;
    if (relevant)
        kpis = model_run_kpis_compute(pl->problem, r->schedule);
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
               "\"iterations\": %ld, \"solve_s\": %.3f",
               run->moved, run->shifted, r->kept ? "true" : "false", iterations, run->solve_s);
        if (relevant) {
            model_error err = MODEL_ERROR_INIT;
            char *k = io_store_kpis_json(&kpis, &err);
            printf(", \"kpis\": %s", k ? k : "null");
            free(k);
        }
        if (pl->nexpired) {
            model_error err = MODEL_ERROR_INIT;
            io_json_out o = IO_JSON_OUT_INIT;
            for (int i = 0; i < pl->nexpired; i++) {
                io_json_out_raw(&o, i ? ", " : "[");
                io_json_out_string(&o, pl->expired[i]);
            }
            io_json_out_raw(&o, "]");
            char *t = io_json_out_finish(&o, &err);
            printf(", \"expired\": %s", t ? t : "null");
            free(t);
        }
        printf("}\n");
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
    char bound[160];
    printf("%s; %.2f s, %ld iterations\n",
           cli_bound_text(&r->schedule->bound, pl->problem, m, bound, sizeof bound), run->solve_s,
           iterations);
    if (relevant)
        cli_kpis_print_line(stdout, "", &kpis);
}

/* The steps after plan stores its version. */
static const cli_after_store after_plan[] = {
    {USECASE_STAGE_AFTER_STORE, "writing --out"},
    {USECASE_STAGE_FEEDS, "writing the feeds"},
    {USECASE_STAGE_NONE, NULL},
};

int cli_cmd_plan(int argc, char **argv)
{
    cli_plan_opts pa = {NULL, 1, {10, 0, 1, 600, 60, false, false}, 1, NULL, 0, false, false, -1,
                        false, false, false, 0};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("plan", argc, argv, &pa, &db, &prc))
        return prc;

    usecase_session ss = cli_store_session(db, pa.wait, NULL);
    progress_ctx pc = {pa.verbose, cli_now(), db, &pa, &ss.nfeeds};
    ss.open.test_delay_us = test_delay_us();
    ss.progress = on_stage;
    ss.progress_ctx = &pc;
    usecase_plan_options opt = {pa.from, (int)pa.days, SOLVER_OPTIONS_INIT, pa.draft, pa.out,
                                {pa.max_dropped, pa.force}, pa.prefer_last};
    cli_search_to_solver(&pa.search, &opt.solver);
    opt.solver.threads = pa.threads;
    if (pa.verbose || (!pa.quiet && isatty(STDERR_FILENO))) {
        opt.solver.progress = print_progress;
        opt.solver.progress_ctx = &pc;
    }
    model_error err = MODEL_ERROR_INIT;
    usecase_plan r;
    int rc = CLI_EXIT_OK;
    if (usecase_plan_run(&ss, &opt, &r, &err) != MODEL_OK) {
        rc = cli_store_fail(&err, ss.failed);
        cli_store_partial(ss.failed, after_plan, "the version is stored (run %lld)",
                          (long long)r.run_id);
        goto done;
    }
    if (r.guard.refused) {
        rc = cli_guard_report(&r.guard, "the new plan");
        goto done;
    }
    cli_guard_report(&r.guard, "the new plan");
    if (r.check_failed) {
        fprintf(stderr, "fieldplan: error: run %lld: the schedule failed the check (%ld "
                        "violations; nothing published): %s\n",
                (long long)r.run_id, r.report.total, r.report.items[0]);
        rc = CLI_EXIT_CHECK;
        goto done;
    }
    if (!pa.quiet)
        warn_expired(r.plan);
    if (!pa.quiet || pa.json) /* -q never silences what --json asks for */
        print_result(&pa, &r);
    step(&pc, "plan: done");
done:
    usecase_plan_free(&r);
    return rc;
}
