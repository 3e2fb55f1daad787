/* cmd_diff.c - `fieldplan diff DB V1 V2`: the KPIs and job changes between
 * two stored versions (numbers, what-if names, or "published"), each read
 * with the exact problem its run solved; jobs matched by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/diff_report.h"
#include "cli/kpi_report.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/diff.h"

typedef struct side {
    io_store_version_info *v;
    model_problem *p;
    model_schedule *s;
} side;

static model_status load(io_store *s, const char *text, side *out, model_error *err)
{
    int64_t version = 0;
    model_status rc = MODEL_OK;
    if (strcmp(text, "published") != 0)
        rc = io_store_version_find(s, text, &version, err);
    if (rc == MODEL_OK)
        rc = io_store_version_get(s, version, &out->v, err);
    if (rc == MODEL_OK)
        rc = io_store_version_read(out->v, &out->p, &out->s, err);
    return rc;
}

static void side_free(side *x)
{
    model_schedule_free(x->s);
    model_problem_free(x->p);
    io_store_version_info_free(x->v);
}

int cli_cmd_diff(int argc, char **argv)
{
    cli_diff_opts o = {false};
    const char *pos[3] = {NULL, NULL, NULL};
    int prc;
    if (!cli_parse_args("diff", argc, argv, &o, pos, 3, 3, "expected DB V1 V2", &prc))
        return prc;
    bool json = o.json;
    model_error err = MODEL_ERROR_INIT;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.read_only = true;
    io_store *s = NULL;
    side x = {0}, y = {0};
    model_diff *d = NULL;
    char *out = NULL;
    int rc = CLI_EXIT_OK;
    if (io_store_open(&s, pos[0], &opt, &err) != MODEL_OK || load(s, pos[1], &x, &err) != MODEL_OK ||
        load(s, pos[2], &y, &err) != MODEL_OK ||
        model_diff_compute(x.p, x.s, y.p, y.s, &d, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    cli_rules rules;
    bool show = cli_rules_init(&rules, x.p, x.s, y.p, y.s);
    if (json) {
        char extra[128];
        snprintf(extra, sizeof extra, "\"before_version\": %lld, \"after_version\": %lld, ",
                 (long long)x.v->version, (long long)y.v->version);
        if (!(out = cli_diff_to_json(x.p, y.p, d, show ? &rules : NULL, extra, &err))) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(out, stdout);
    } else {
        printf("Version %lld (%s, %s to %s) -> version %lld (%s, %s to %s)\n",
               (long long)x.v->version, x.v->status, x.v->from, x.v->to,
               (long long)y.v->version, y.v->status, y.v->from, y.v->to);
        cli_diff_print(stdout, x.p, y.p, d, show ? &rules : NULL);
    }
done:
    free(out);
    model_diff_free(d);
    side_free(&x);
    side_free(&y);
    io_store_close(s);
    return rc;
}
