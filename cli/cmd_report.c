/* cmd_report.c - `fieldplan report DB|SCHEDULE -o plan.html`: the
 * dispatcher's picture of a stored version (or of a schedule file with its
 * problem) as one self-contained HTML page (io/formats/report_html.h),
 * optionally compared with another version or schedule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/json_print.h"
#include "cli/problem_load.h"
#include "cli/report_opts.h"
#include "io/formats/file.h"
#include "io/formats/json_out.h"
#include "io/formats/json_schedule.h"
#include "io/formats/report_html.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/diff.h"

typedef struct side {
    io_store_version_info *v; /* NULL for a schedule file */
    model_problem *p;         /* owned, or borrowed when `borrowed` */
    model_schedule *s;
    bool borrowed;
    char title[96];
} side;

static void side_free(side *x)
{
    model_schedule_free(x->s);
    if (!x->borrowed)
        model_problem_free(x->p);
    io_store_version_info_free(x->v);
    memset(x, 0, sizeof *x);
}

/* Whether path starts with SQLite's header. */
static bool is_database(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[16] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

static model_status load_version(io_store *s, const char *text, side *out, model_error *err)
{
    int64_t version = 0;
    model_status rc = MODEL_OK;
    if (text && strcmp(text, "published") != 0)
        rc = io_store_version_find(s, text, &version, err);
    if (rc == MODEL_OK)
        rc = io_store_version_get(s, version, &out->v, err);
    if (rc == MODEL_OK)
        rc = io_store_version_read(out->v, &out->p, &out->s, err);
    if (rc == MODEL_OK) {
        if (out->v->name)
            snprintf(out->title, sizeof out->title, "version %lld '%.40s' (%s)",
                     (long long)out->v->version, out->v->name, out->v->status);
        else
            snprintf(out->title, sizeof out->title, "version %lld (%s)",
                     (long long)out->v->version, out->v->status);
    }
    return rc;
}

static model_status load_schedule(model_problem *p, const char *path, side *out,
                                  model_error *err)
{
    model_report rep = MODEL_REPORT_INIT;
    out->p = p;
    out->borrowed = true;
    model_status rc = io_json_read_schedule_file(p, path, &out->s, NULL, NULL, &rep, err);
    if (rc == MODEL_OK && rep.total > 0)
        rc = model_error_set(err, MODEL_ERR_INPUT, "%s: %s (and %ld more; see 'fieldplan check')",
                             path, rep.n ? rep.items[0] : "unreadable", rep.total - 1);
    model_report_clear(&rep);
    snprintf(out->title, sizeof out->title, "%.90s", path);
    return rc;
}

/* The database mode: the version asked for (or the published one) and the
 * one to compare with: --compare, else a draft's base version. */
static model_status from_db(const char *db, const cli_report_opts *o, side *now, side *before,
                            io_store **store, model_error *err)
{
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.read_only = true;
    model_status rc = io_store_open(store, db, &opt, err);
    if (rc == MODEL_OK)
        rc = load_version(*store, o->version, now, err);
    if (rc != MODEL_OK || o->no_compare)
        return rc;
    if (o->compare)
        return load_version(*store, o->compare, before, err);
    if (now->v->kind && now->v->base_version > 0 && strcmp(now->v->status, "draft") == 0) {
        char base[32];
        snprintf(base, sizeof base, "%lld", (long long)now->v->base_version);
        return load_version(*store, base, before, err);
    }
    return MODEL_OK;
}

static int print_done(const cli_report_opts *o, const char *out, size_t len, const side *now,
                      const side *before, const model_diff *d)
{
    model_summary sm = model_schedule_summarize(now->p, now->s);
    if (o->json) {
        io_json_out j = IO_JSON_OUT_INIT;
        io_json_out_raw(&j, "{\"output\": ");
        io_json_out_string(&j, out);
        io_json_out_printf(&j, ", \"bytes\": %zu, \"routes\": %d, \"visits\": %d, "
                               "\"unassigned\": %d, \"compared_with\": ",
                           len, now->s->nroutes, sm.assigned, now->s->nunassigned);
        io_json_out_string(&j, before->s ? before->title : NULL);
        io_json_out_printf(&j, ", \"changes\": %d}\n", d ? d->nchanges : 0);
        int rc = cli_print_json(&j);
        if (rc != CLI_EXIT_OK)
            return rc;
    } else if (!o->quiet) {
        fprintf(stderr, "report: %s: %zu bytes, %d routes, %d visits, %d unassigned", out, len,
                now->s->nroutes, sm.assigned, now->s->nunassigned);
        if (d)
            fprintf(stderr, ", %d changes against %s", d->nchanges, before->title);
        fputc('\n', stderr);
    }
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_IO;
}

int cli_cmd_report(int argc, char **argv)
{
    cli_report_opts o = {0};
    const char *pos[1] = {NULL};
    int prc;
    if (!cli_parse_args("report", argc, argv, &o, pos, 1, 1, "missing DB or SCHEDULE", &prc))
        return prc;
    const char *out = o.output ? o.output : "-";
    if (o.json && strcmp(out, "-") == 0)
        return cli_usage_error(argv[0], "--json needs -o FILE (the page would share stdout)");
    bool db = !o.problem;
    if (db && !is_database(pos[0]))
        return cli_usage_error(argv[0], "'%s' is not a fieldplan database; a schedule file "
                                        "needs its problem: --problem P.json", pos[0]);
    if (!db && o.version)
        return cli_usage_error(argv[0], "--version is for a database, not a schedule file");
    model_error err = MODEL_ERROR_INIT;
    io_store *store = NULL;
    model_problem *problem = NULL;
    side now = {0}, before = {0};
    model_diff *d = NULL;
    char *html = NULL;
    size_t len = 0;
    int rc = CLI_EXIT_OK;
    model_status st;
    if (db) {
        st = from_db(pos[0], &o, &now, &before, &store, &err);
    } else {
        st = cli_load_problem(o.problem, o.format, &problem, NULL, &err);
        if (st == MODEL_OK)
            st = load_schedule(problem, pos[0], &now, &err);
        if (st == MODEL_OK && o.compare && !o.no_compare)
            st = load_schedule(problem, o.compare, &before, &err);
    }
    if (st == MODEL_OK && before.s)
        st = model_diff_compute(before.p, before.s, now.p, now.s, &d, &err);
    io_report_input in = {now.p, now.s, now.title, d, before.p, before.title, (int64_t)time(NULL)};
    if (st == MODEL_OK)
        st = io_report_html(&in, &html, &len, &err);
    if (st == MODEL_OK)
        st = io_file_write_atomic(out, html, len, &err);
    if (st != MODEL_OK)
        rc = cli_fail(&err);
    else if (strcmp(out, "-") != 0)
        rc = print_done(&o, out, len, &now, &before, d);
    free(html);
    model_diff_free(d);
    side_free(&now);
    side_free(&before);
    model_problem_free(problem);
    io_store_close(store);
    return rc;
}
