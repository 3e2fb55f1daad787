/* cmd_show.c - `fieldplan show DB`: a stored version as a table per
 * technician and day (times, customer, address, skills), or as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/table.h"
#include "io/store/store.h"
#include "cli/kpi_report.h"
#include "io/store/store_query.h"
#include "io/store/store_whatif.h"

static void hhmm(const model_tz *tz, int64_t t, char buf[8])
{
    model_civil c = model_tz_to_civil(tz, t);
    snprintf(buf, 8, "%02d:%02d", c.hour, c.minute);
}

static const char *or_dash(const char *s)
{
    return s && s[0] ? s : "-";
}

/* Order of break b's technician-day against visit x's (both lists are
 * sorted by technician, then day). */
static int day_cmp(const io_store_break_row *b, const io_store_visit *x)
{
    int c = strcmp(b->technician, x->technician);
    return c ? c : strcmp(b->date, x->date);
}

static void print_break(const model_tz *tz, const io_store_break_row *b)
{
    char s0[8], e[8], span[16];
    hhmm(tz, b->start, s0);
    hhmm(tz, b->end, e);
    snprintf(span, sizeof span, "%s-%s", s0, e);
    printf("  %-3s %-6s %-11s %s\n", "-", "", span, "(break)");
}

static void print_table(const io_store_version_view *v)
{
    printf("Version %lld (%s, run %lld): %s to %s, times in %s\n", (long long)v->version,
           v->status, (long long)v->run, v->horizon_from, v->horizon_to, model_tz_name(v->tz));
    const char *tech = NULL, *date = NULL;
    int bi = 0; /* breaks and visits are both sorted by technician and day */
    for (int i = 0; i < v->nvisits; i++) {
        const io_store_visit *x = &v->visits[i];
        if (!tech || strcmp(tech, x->technician) != 0 || strcmp(date, x->date) != 0) {
            tech = x->technician;
            date = x->date;
            printf("\n%s%s%s%s, %s\n", x->technician, x->technician_name ? " (" : "",
                   x->technician_name ? x->technician_name : "", x->technician_name ? ")" : "",
                   x->date);
            printf("  %-3s %-6s %-11s %-12s %-20s %-28s %s\n", "#", "arrive", "service", "job",
                   "customer", "address", "skills");
            while (bi < v->nbreaks && day_cmp(&v->breaks[bi], x) < 0)
                bi++; /* a day without visits shown */
        }
        while (bi < v->nbreaks && day_cmp(&v->breaks[bi], x) == 0 && v->breaks[bi].start < x->start)
            print_break(v->tz, &v->breaks[bi++]);
        char a[8], s0[8], e[8], service[16];
        hhmm(v->tz, x->arrival, a);
        hhmm(v->tz, x->start, s0);
        hhmm(v->tz, x->end, e);
        snprintf(service, sizeof service, "%s-%s", s0, e);
        printf("  %-3d %-6s %-11s ", x->sequence, a, service);
        cli_table_row(stdout, (const char *[]){x->job, or_dash(x->customer), or_dash(x->address),
                                               or_dash(x->skills)}, (const int[]){12, 20, 28, 0}, 4);
        if (x->contact)
            printf("  %-3s %-6s %-11s contact: %s\n", "", "", "", x->contact);
        bool last = i + 1 == v->nvisits || strcmp(v->visits[i + 1].technician, tech) != 0 ||
                    strcmp(v->visits[i + 1].date, date) != 0;
        while (last && bi < v->nbreaks && day_cmp(&v->breaks[bi], x) == 0)
            print_break(v->tz, &v->breaks[bi++]);
    }
    if (v->nvisits == 0)
        printf("\n(no visits)\n");
    if (v->nunassigned > 0) {
        printf("\nUnassigned (%d):\n", v->nunassigned);
        for (int i = 0; i < v->nunassigned; i++)
            cli_table_row(stdout, (const char *[]){"", v->unassigned[i].job,
                                                   or_dash(v->unassigned[i].customer),
                                                   v->unassigned[i].reason},
                          (const int[]){1, 12, 20, 0}, 4);
    }
    if (v->nexpired > 0) {
        printf("\nExpired (%d): open, left out of plans: the deadline or every window ended "
               "before %s; give each a new window or cancel it\n",
               v->nexpired, v->horizon_from);
        for (int i = 0; i < v->nexpired; i++)
            cli_table_row(stdout, (const char *[]){"", v->expired[i].job,
                                                   or_dash(v->expired[i].customer)},
                          (const int[]){1, 12, 0}, 3);
    }
}

/* The version's run KPIs, from the exact problem its run solved, when that
 * problem uses a soft rule of FORMAT.md extension 2; and its lower bound
 * where it has one. */
static model_status print_kpis(io_store *s, int64_t version, model_error *err)
{
    io_store_version_info *v = NULL;
    model_problem *p = NULL;
    model_schedule *sched = NULL;
    model_status rc = io_store_version_get(s, version, &v, err);
    if (rc == MODEL_OK)
        rc = io_store_version_read(v, &p, &sched, err);
    if (rc == MODEL_OK && cli_kpis_relevant(p, NULL)) {
        model_run_kpis k = model_run_kpis_compute(p, sched);
        printf("\n");
        cli_kpis_print_line(stdout, "", &k);
    }
    char b[160];
    if (rc == MODEL_OK && sched->bound.present)
        printf("\nLower bound: %s\n", cli_bound_line(sched, p, b, sizeof b));
    model_schedule_free(sched);
    model_problem_free(p);
    io_store_version_info_free(v);
    return rc;
}

int cli_cmd_show(int argc, char **argv)
{
    cli_show_opts o = {0, NULL, NULL, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("show", argc, argv, &o, &db, &prc))
        return prc;
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_store_version_view *view = NULL;
    int rc = CLI_EXIT_OK;
    if (io_store_open(&s, db, NULL, &err) != MODEL_OK ||
        io_store_version_load(s, o.version, o.technician, o.date, &view, &err) != MODEL_OK) {
        rc = cli_fail(&err);
    } else if (o.json) {
        char *text = io_store_version_view_to_json(view, &err);
        if (!text)
            rc = cli_fail(&err);
        else
            fputs(text, stdout);
        free(text);
    } else {
        print_table(view);
        if (print_kpis(s, view->version, &err) != MODEL_OK) /* the table stands */
            fprintf(stderr, "fieldplan show: warning: no KPIs: %s\n", err.msg);
    }
    io_store_version_view_free(view);
    io_store_close(s);
    return rc;
}
