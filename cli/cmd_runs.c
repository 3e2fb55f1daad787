/* cmd_runs.c - `fieldplan runs DB`: the history of plan runs. */
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "io/store/store.h"
#include "io/store/store_query.h"

int cli_cmd_runs(int argc, char **argv)
{
    const char *db = NULL;
    int npos;
    int prc = cli_parse(cli_command_find("runs"), argc, argv, NULL, &db, 1, &npos);
    if (prc != CLI_EXIT_OK)
        return prc == CLI_PARSE_HELP ? CLI_EXIT_OK : prc;
    if (!db)
        return cli_usage_error(argv[0], "missing DB");
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_store_run_row *rows = NULL;
    int n = 0, rc = CLI_EXIT_OK;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_runs_list(s, &rows, &n, &err) != MODEL_OK) {
        rc = cli_fail(&err);
    } else {
        printf("%-4s %-19s %-10s %4s %6s %7s %-12s %-17s %9s %7s %9s %6s %7s\n", "run", "started",
               "from", "days", "seed", "limit", "outcome", "version", "assigned", "weight",
               "travel_s", "moved", "solve_s");
        for (int i = 0; i < n; i++) {
            const io_store_run_row *r = &rows[i];
            char when[32] = "?", version[32] = "-", assigned[32];
            time_t t = (time_t)r->started_at;
            struct tm tm;
            if (localtime_r(&t, &tm))
                strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
            if (r->version)
                snprintf(version, sizeof version, "%lld %s", (long long)r->version,
                         r->version_status ? r->version_status : "");
            snprintf(assigned, sizeof assigned, "%d/%d", r->assigned, r->jobs);
            printf("%-4lld %-19s %-10s %4d %6lld %7.1f %-12s %-17s %9s %7lld %9lld %6d %7.2f\n",
                   (long long)r->id, when, r->horizon_from, r->horizon_days, (long long)r->seed,
                   r->time_limit_s, r->outcome, version, assigned, (long long)r->unassigned_weight,
                   (long long)r->travel_s, r->moved_jobs, r->solve_s);
            if (r->message)
                printf("     %s\n", r->message);
        }
        if (n == 0)
            printf("(no runs yet)\n");
    }
    io_store_runs_free(rows, n);
    io_store_close(s);
    return rc;
}
