/* cmd_whatif.c - `fieldplan whatif DB --scenario FILE`: applies a scenario
 * to the problem the published version solved, re-plans from that version
 * with disruption penalties, and prints the KPIs side by side and the
 * changes per technician. The published version is never changed; --save
 * keeps the result as a named draft for `fieldplan publish`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/diff_report.h"
#include "cli/search_args.h"
#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/diff.h"
#include "solver/solver.h"

static const char usage[] =
    "usage: fieldplan whatif DB --scenario FILE [--version V] [--time-limit S]\n"
    "                       [--iterations N] [--seed N] [--move-penalty S]\n"
    "                       [--shift-penalty S] [--save NAME] [--json] [--quiet]\n\n"
    "Applies the changes of FILE (docs/whatif.md: technician absent, shift\n"
    "changed, skill added or removed, job added, cancelled or updated, travel\n"
    "slower) to the problem the published version solved, re-plans starting from\n"
    "that version, keeping jobs where they are unless moving them is needed or\n"
    "pays more than the penalties, and prints the KPIs before and after and every\n"
    "job that moves, shifts, or is left unassigned (with its reason). The\n"
    "published version is not changed.\n\n"
    "  --scenario FILE      the changes (required)\n"
    "  --version V          start from version V (a number or a saved name) instead\n"
    "                       of the published one\n"
    "  --time-limit S       search time in seconds (default 5)\n"
    "  --iterations N       stop after N search iterations (deterministic)\n"
    "  --seed N             random seed (default 1)\n"
    "  --move-penalty S     cost, in seconds of travel, of moving a job to another\n"
    "                       technician or day (default 3600)\n"
    "  --shift-penalty S    cost of moving a start by more than 15 min (default 900)\n"
    "  --save NAME          keep the result as a draft version named NAME; publish it\n"
    "                       with 'fieldplan publish DB --version NAME'\n"
    "  --json               print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}\n"
    "  -q, --quiet          print nothing but errors and warnings\n"
    "  -h, --help           show this help\n\n"
    "Exit codes: 0 ok (jobs the scenario leaves unassigned are reported, not an\n"
    "error), 2 bad scenario or usage, 3 I/O error, 70 internal error.\n";

typedef struct whatif_args {
    const char *db, *scenario, *version, *save;
    cli_search_args search;
    bool json, quiet;
} whatif_args;

static int parse(int argc, char **argv, whatif_args *wa)
{
    static const cli_option opts[] = {
        {"scenario", 's', true},   {"version", 0, true},       {"time-limit", 0, true},
        {"iterations", 0, true},   {"seed", 0, true},          {"move-penalty", 0, true},
        {"shift-penalty", 0, true},{"save", 0, true},          {"json", 0, false},
        {"quiet", 'q', false},     {"help", 'h', false},
    };
    enum { O_SCEN, O_VERSION, O_TIME, O_ITER, O_SEED, O_MOVE, O_SHIFT, O_SAVE, O_JSON, O_QUIET,
           O_HELP, O_COUNT };
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *v, *cmd = argv[0];
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        bool ok = true;
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1: ok = cli_args_take(cmd, &wa->db, v); break;
        case O_SCEN: wa->scenario = v; break;
        case O_VERSION: wa->version = v; break;
        case O_SAVE:
            wa->save = v;
            if (!v[0] || (v[0] >= '0' && v[0] <= '9'))
                return cli_usage_error(cmd, "--save '%s': a name must not be empty or start "
                                            "with a digit (version numbers do)", v);
            break;
        case O_JSON: wa->json = true; break;
        case O_QUIET: wa->quiet = true; break;
        case O_TIME:
        case O_ITER:
        case O_SEED:
        case O_MOVE:
        case O_SHIFT: ok = cli_search_parse(cmd, opts[k].name, v, &wa->search); break;
        case O_HELP: fputs(usage, stdout); return -1;
        }
        if (!ok)
            return CLI_EXIT_INPUT;
    }
    if (!wa->db)
        return cli_usage_error(cmd, "missing DB");
    if (!wa->scenario)
        return cli_usage_error(cmd, "missing --scenario FILE");
    return CLI_EXIT_OK;
}

/* Everything one what-if holds, freed in one place. */
typedef struct whatif {
    io_scenario *sc;
    io_store *s;
    io_store_version_info *base;
    model_problem *p0;
    model_schedule *s0, *prev, *s1;
    io_scenario_result res;
    model_diff *diff;
    char *problem_json, *schedule_json, *out;
} whatif;

static void whatif_free(whatif *w)
{
    free(w->out);
    free(w->schedule_json);
    free(w->problem_json);
    model_diff_free(w->diff);
    model_schedule_free(w->s1);
    model_schedule_free(w->prev);
    model_schedule_free(w->s0);
    model_problem_free(w->p0);
    io_scenario_result_free(&w->res);
    io_store_version_info_free(w->base);
    io_store_close(w->s);
    io_scenario_free(w->sc);
}

static model_status save(const whatif_args *wa, whatif *w, const solver_stats *st,
                         int64_t started, int64_t *version, model_error *err)
{
    const model_problem *p = w->res.problem;
    if (!(w->problem_json = io_json_problem_to_string(p, err)) ||
        !(w->schedule_json = io_json_schedule_to_string(p, w->s1, err)))
        return err->code;
    char options[256], message[256];
    snprintf(options, sizeof options,
             "{\"time_limit_s\": %g, \"iterations\": %lld, \"seed\": %lld, \"move_penalty_s\": "
             "%lld, \"shift_penalty_s\": %lld}",
             wa->search.time_limit, (long long)wa->search.iterations,
             (long long)wa->search.seed, (long long)wa->search.move_penalty,
             (long long)wa->search.shift_penalty);
    snprintf(message, sizeof message, "what-if '%.64s' on version %lld (%.100s)", wa->save,
             (long long)w->base->version, io_scenario_source(w->sc));
    io_store_whatif_save sv = {0};
    sv.base = w->base;
    sv.problem = p;
    sv.problem_json = w->problem_json;
    sv.schedule = w->s1;
    sv.schedule_json = w->schedule_json;
    sv.scenario = w->sc;
    sv.kind = "whatif";
    sv.name = wa->save;
    sv.options_json = options;
    sv.message = message;
    sv.started_at = started;
    sv.seed = (uint64_t)wa->search.seed;
    sv.time_limit_s = wa->search.time_limit;
    sv.solve_s = st->elapsed_s;
    sv.iterations = st->iterations;
    sv.moved = w->diff->moved;
    sv.shifted = w->diff->shifted;
    return io_store_whatif_store(w->s, &sv, NULL, version, err);
}

static void print_text(const whatif_args *wa, const whatif *w, int64_t saved)
{
    printf("What-if %s on version %lld (%s to %s): %d change%s\n", io_scenario_source(w->sc),
           (long long)w->base->version, w->base->from, w->base->to, io_scenario_count(w->sc),
           io_scenario_count(w->sc) == 1 ? "" : "s");
    cli_diff_print(stdout, w->p0, w->res.problem, w->diff);
    if (saved)
        printf("\nSaved as draft version %lld '%s' (publish: fieldplan publish %s --version "
               "%s). The published version is unchanged.\n",
               (long long)saved, wa->save, wa->db, wa->save);
    else
        printf("\nNothing was stored: the published version is unchanged.\n");
}

int cli_cmd_whatif(int argc, char **argv)
{
    whatif_args wa = {0};
    wa.search.time_limit = 5;
    wa.search.seed = 1;
    wa.search.move_penalty = 3600;
    wa.search.shift_penalty = 900;
    int prc = parse(argc, argv, &wa);
    if (prc != CLI_EXIT_OK)
        return prc < 0 ? CLI_EXIT_OK : prc;
    whatif w = {0};
    model_error err = MODEL_ERROR_INIT;
    int64_t started = (int64_t)time(NULL), version = 0, saved = 0;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.read_only = !wa.save;
    solver_stats stats = {0};
    int rc = CLI_EXIT_OK;
    if (io_scenario_read_file(wa.scenario, &w.sc, &err) != MODEL_OK ||
        io_store_open(&w.s, wa.db, &opt, &err) != MODEL_OK ||
        (wa.version && io_store_version_find(w.s, wa.version, &version, &err) != MODEL_OK) ||
        io_store_version_get(w.s, version, &w.base, &err) != MODEL_OK ||
        io_store_version_read(w.base, &w.p0, &w.s0, &err) != MODEL_OK ||
        io_scenario_apply(w.sc, w.base->problem_json, strlen(w.base->problem_json), &w.res,
                          &err) != MODEL_OK ||
        model_schedule_remap(w.p0, w.s0, w.res.problem, &w.prev, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    for (int i = 0; i < w.res.nwarnings; i++)
        fprintf(stderr, "fieldplan whatif: warning: %s\n", w.res.warnings[i]);
    solver_options so = SOLVER_OPTIONS_INIT;
    cli_search_to_solver(&wa.search, &so);
    so.previous = w.prev;
    if (solver_solve(w.res.problem, &so, &w.s1, &stats, &err) != MODEL_OK ||
        model_diff_compute(w.p0, w.s0, w.res.problem, w.s1, &w.diff, &err) != MODEL_OK ||
        (wa.save && save(&wa, &w, &stats, started, &saved, &err) != MODEL_OK)) {
        rc = cli_fail(&err);
        goto done;
    }
    if (wa.quiet)
        goto done;
    if (wa.json) {
        char extra[256];
        if (saved)
            snprintf(extra, sizeof extra, "\"base_version\": %lld, \"saved_version\": %lld, ",
                     (long long)w.base->version, (long long)saved);
        else
            snprintf(extra, sizeof extra, "\"base_version\": %lld, \"saved_version\": null, ",
                     (long long)w.base->version);
        if (!(w.out = cli_diff_to_json(w.p0, w.res.problem, w.diff, extra, &err))) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(w.out, stdout);
    } else {
        print_text(&wa, &w, saved);
    }
done:
    whatif_free(&w);
    return rc;
}
