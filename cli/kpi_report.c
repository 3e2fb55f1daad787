/* kpi_report.c - printing a run's KPIs (kpi_report.h). */
#include "cli/kpi_report.h"

#include "cli/diff_report.h"

bool cli_kpis_relevant(const model_problem *a, const model_problem *b)
{
    return (a && model_problem_uses_soft_rules(a)) || (b && model_problem_uses_soft_rules(b));
}

static void share(char *buf, size_t size, const model_run_kpis *k)
{
    double s = model_run_kpis_preferred_share(k);
    if (s < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%d/%d (%.0f%%)", k->served_by_preferred, k->preferred_jobs, 100 * s);
}

void cli_kpis_print_line(FILE *f, const char *indent, const model_run_kpis *k)
{
    char late[24], over[24], lo[24], mean[24], hi[24], pref[48];
    share(pref, sizeof pref, k);
    fprintf(f,
            "%skpis: late %d job%s (%s), overtime %s on %d route%s, working time min %s mean %s "
            "max %s, preferred technician %s, cost %lld s (travel %lld + lateness %lld + "
            "overtime %lld + balance %lld - bonus %lld)\n",
            indent, k->late_jobs, k->late_jobs == 1 ? "" : "s",
            cli_hours(k->lateness_s, late, sizeof late), cli_hours(k->overtime_s, over, sizeof over),
            k->overtime_routes, k->overtime_routes == 1 ? "" : "s",
            cli_hours(k->work_min_s, lo, sizeof lo),
            cli_hours((int64_t)(k->work_mean_s + 0.5), mean, sizeof mean),
            cli_hours(k->work_max_s, hi, sizeof hi), pref, (long long)k->cost,
            (long long)k->travel_s, (long long)k->lateness_cost_s, (long long)k->overtime_cost_s,
            (long long)k->balance_cost_s, (long long)k->preference_bonus_s);
}

static void row_int(FILE *f, const char *what, long long a, long long b)
{
    fprintf(f, "  %-22s %12lld %12lld %+12lld\n", what, a, b, b - a);
}

static void row_hours(FILE *f, const char *what, int64_t a, int64_t b)
{
    char x[24], y[24], z[24], sz[32];
    snprintf(sz, sizeof sz, "%s%s", b - a >= 0 ? "+" : "", cli_hours(b - a, z, sizeof z));
    fprintf(f, "  %-22s %12s %12s %12s\n", what, cli_hours(a, x, sizeof x),
            cli_hours(b, y, sizeof y), sz);
}

void cli_kpis_print_rows(FILE *f, const model_run_kpis *a, const model_run_kpis *b)
{
    row_int(f, "late jobs", a->late_jobs, b->late_jobs);
    row_hours(f, "lateness", a->lateness_s, b->lateness_s);
    row_hours(f, "overtime past shifts", a->overtime_s, b->overtime_s);
    row_hours(f, "work per tech: min", a->work_min_s, b->work_min_s);
    row_hours(f, "work per tech: mean", (int64_t)(a->work_mean_s + 0.5),
              (int64_t)(b->work_mean_s + 0.5));
    row_hours(f, "work per tech: max", a->work_max_s, b->work_max_s);
    double sa = model_run_kpis_preferred_share(a), sb = model_run_kpis_preferred_share(b);
    if (sa >= 0 || sb >= 0) {
        char x[16] = "-", y[16] = "-";
        if (sa >= 0)
            snprintf(x, sizeof x, "%.0f%%", 100 * sa);
        if (sb >= 0)
            snprintf(y, sizeof y, "%.0f%%", 100 * sb);
        fprintf(f, "  %-22s %12s %12s\n", "by preferred tech", x, y);
    }
    row_int(f, "lateness cost (s)", a->lateness_cost_s, b->lateness_cost_s);
    row_int(f, "overtime cost (s)", a->overtime_cost_s, b->overtime_cost_s);
    row_int(f, "balance cost (s)", a->balance_cost_s, b->balance_cost_s);
    row_int(f, "preference bonus (s)", a->preference_bonus_s, b->preference_bonus_s);
    row_int(f, "cost (s)", a->cost, b->cost);
}
