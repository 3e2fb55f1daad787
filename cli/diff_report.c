/* diff_report.c - KPIs side by side and job changes, as text and JSON
 * (diff_report.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/diff_report.h"
#include "cli/kpi_report.h"
#include "io/formats/json_out.h"
#include "io/store/store_query.h"

char *cli_hours(int64_t s, char *buf, size_t size)
{
    int64_t a = s < 0 ? -s : s, m = (a + 30) / 60;
    snprintf(buf, size, "%s%lldh%02lldm", s < 0 ? "-" : "", (long long)(m / 60),
             (long long)(m % 60));
    return buf;
}

void cli_row_int(FILE *f, const char *what, long long a, long long b)
{
    fprintf(f, "  %-22s %12lld %12lld %+12lld\n", what, a, b, b - a);
}

void cli_row_hours(FILE *f, const char *what, int64_t a, int64_t b)
{
    char x[24], y[24], z[24], sz[32];
    snprintf(sz, sizeof sz, "%s%s", b - a >= 0 ? "+" : "", cli_hours(b - a, z, sizeof z));
    fprintf(f, "  %-22s %12s %12s %12s\n", what, cli_hours(a, x, sizeof x),
            cli_hours(b, y, sizeof y), sz);
}

static const char *tech_name(const model_problem *p, int t)
{
    return p->technicians[t].name ? p->technicians[t].name : "";
}

/* "t-02 2026-11-24 08:40" for one side of a change. */
static void side(const model_problem *p, int tech, int64_t start, char *buf, size_t size)
{
    char when[24];
    snprintf(buf, size, "%s %s", p->technicians[tech].id,
             model_time_wall(p->tz, start, false, when));
}

static void print_change(FILE *f, const model_problem *pa, const model_problem *pb,
                         const model_job_change *c)
{
    char from[96] = "(new)", to[96] = "unassigned", extra[48] = "";
    const char *id = c->job_a >= 0 ? pa->jobs[c->job_a].id : pb->jobs[c->job_b].id;
    if (c->tech_a >= 0)
        side(pa, c->tech_a, c->start_a, from, sizeof from);
    else if (c->job_a >= 0)
        snprintf(from, sizeof from, "unassigned");
    if (c->tech_b >= 0)
        side(pb, c->tech_b, c->start_b, to, sizeof to);
    else if (c->job_b < 0)
        snprintf(to, sizeof to, "(gone)");
    if (c->tech_a >= 0 && c->tech_b >= 0) {
        long long min = (long long)((c->start_b - c->start_a) / 60);
        if (min)
            snprintf(extra, sizeof extra, " (%+lld min)", min);
    }
    fprintf(f, "    %-12s %-24s -> %-24s %s%s%s%s\n", id, from, to,
            model_change_kind_name(c->kind), extra, c->reason ? ": " : "",
            c->reason ? c->reason : "");
}

void cli_diff_print(FILE *f, const model_problem *pa, const model_problem *pb,
                    const model_diff *d, const cli_rules *rules)
{
    const model_kpis *a = &d->a, *b = &d->b;
    fprintf(f, "  %-22s %12s %12s %12s\n", "", "before", "after", "change");
    cli_row_int(f, "jobs assigned", a->assigned, b->assigned);
    cli_row_int(f, "jobs unassigned", a->unassigned, b->unassigned);
    cli_row_int(f, "unassigned weight", a->unassigned_weight, b->unassigned_weight);
    cli_row_hours(f, "travel", a->travel_s, b->travel_s);
    fprintf(f, "  %-22s %12.1f %12.1f %+12.1f\n", "distance (km)", a->distance_m / 1000.0,
            b->distance_m / 1000.0, (b->distance_m - a->distance_m) / 1000.0);
    cli_row_hours(f, "working time", a->working_s, b->working_s);
    cli_row_hours(f, "overtime", a->overtime_s, b->overtime_s);
    cli_row_int(f, "routes", a->routes, b->routes);
    if (rules)
        cli_kpis_print_rows(f, &rules->ka, &rules->kb);
    fprintf(f, "  %-22s %12s %12d\n", "jobs moved", "", d->moved);
    fprintf(f, "  %-22s %12s %12d\n", "appointments changed", "", d->appointments_changed);
    if (rules)
        cli_rules_print_changes(f, rules);
    if (d->nchanges == 0) {
        fprintf(f, "\nNo job changes technician, day or time (by more than %d min).\n",
                MODEL_DIFF_SHIFT_S / 60);
        return;
    }
    fprintf(f, "\nChanges (%d jobs; times in %s):\n", d->nchanges, model_tz_name(pb->tz));
    const char *group = NULL;
    for (int i = 0; i < d->nchanges; i++) {
        const model_job_change *c = &d->changes[i];
        const char *g = c->tech_a >= 0 ? pa->technicians[c->tech_a].id : NULL;
        if (i == 0 || (g == NULL) != (group == NULL) || (g && strcmp(g, group) != 0)) {
            if (g)
                fprintf(f, "  %s %s\n", g, tech_name(pa, c->tech_a));
            else
                fprintf(f, "  not planned before\n");
        }
        group = g;
        print_change(f, pa, pb, c);
    }
}

static void json_kpis(io_json_out *o, const model_kpis *k, int moved, int changed)
{
    io_json_out_printf(o,
                       "{\"assigned\": %d, \"unassigned\": %d, \"unassigned_weight\": %lld, "
                       "\"travel_s\": %lld, \"distance_m\": %lld, \"routes\": %d, "
                       "\"working_s\": %lld, \"overtime_s\": %lld, \"moved_jobs\": %d, "
                       "\"appointments_changed\": %d}",
                       k->assigned, k->unassigned, (long long)k->unassigned_weight,
                       (long long)k->travel_s, (long long)k->distance_m, k->routes,
                       (long long)k->working_s, (long long)k->overtime_s, moved, changed);
}

static void json_side(io_json_out *o, const model_problem *p, int tech, int shift, int64_t start)
{
    char t[MODEL_TIME_BUF], date[16];
    if (tech < 0) {
        io_json_out_raw(o, "null");
        return;
    }
    io_json_out_raw(o, "{\"technician\": ");
    io_json_out_string(o, p->technicians[tech].id);
    io_json_out_raw(o, ", \"date\": ");
    io_json_out_string(o, model_shift_date(p, tech, shift, date));
    io_json_out_raw(o, ", \"start\": ");
    io_json_out_string(o, model_time_format(p->tz, start, t));
    io_json_out_raw(o, "}");
}

static bool json_run_kpis(io_json_out *o, const cli_rules *r, model_error *err)
{
    char *a = io_store_kpis_json(&r->ka, err), *b = a ? io_store_kpis_json(&r->kb, err) : NULL;
    if (b) {
        io_json_out_raw(o, ",\n \"run_kpis\": {\"before\": ");
        io_json_out_raw(o, a);
        io_json_out_raw(o, ", \"after\": ");
        io_json_out_raw(o, b);
        io_json_out_raw(o, "},\n \"rule_changes\": ");
        cli_rules_json_changes(o, r);
    }
    free(a);
    free(b);
    return b != NULL;
}

char *cli_diff_to_json(const model_problem *pa, const model_problem *pb, const model_diff *d,
                       const cli_rules *rules, const char *extra, model_error *err)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{");
    if (extra)
        io_json_out_raw(&o, extra);
    io_json_out_raw(&o, "\"kpis\": {\"before\": ");
    json_kpis(&o, &d->a, 0, 0);
    io_json_out_raw(&o, ", \"after\": ");
    json_kpis(&o, &d->b, d->moved, d->appointments_changed);
    io_json_out_raw(&o, "}");
    if (rules && !json_run_kpis(&o, rules, err)) {
        io_json_out_free(&o);
        return NULL;
    }
    io_json_out_raw(&o, ",\n \"changes\": [");
    for (int i = 0; i < d->nchanges; i++) {
        const model_job_change *c = &d->changes[i];
        io_json_out_raw(&o, i ? ",\n  {\"job\": " : "\n  {\"job\": ");
        io_json_out_string(&o, c->job_a >= 0 ? pa->jobs[c->job_a].id : pb->jobs[c->job_b].id);
        io_json_out_raw(&o, ", \"kind\": ");
        io_json_out_string(&o, model_change_kind_name(c->kind));
        io_json_out_raw(&o, ", \"from\": ");
        json_side(&o, pa, c->tech_a, c->shift_a, c->start_a);
        io_json_out_raw(&o, ", \"to\": ");
        json_side(&o, pb, c->tech_b, c->shift_b, c->start_b);
        if (c->tech_a >= 0 && c->tech_b >= 0)
            io_json_out_printf(&o, ", \"shift_s\": %lld", (long long)(c->start_b - c->start_a));
        io_json_out_raw(&o, ", \"reason\": ");
        io_json_out_string(&o, c->reason);
        io_json_out_raw(&o, "}");
    }
    io_json_out_raw(&o, d->nchanges ? "\n ]}\n" : "]}\n");
    return io_json_out_finish(&o, err);
}
