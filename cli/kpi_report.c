/* kpi_report.c - printing a run's KPIs (kpi_report.h). */
#include "cli/kpi_report.h"

#include <stdlib.h>
#include <string.h>

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

void cli_kpis_print_rows(FILE *f, const model_run_kpis *a, const model_run_kpis *b)
{
    cli_row_int(f, "late jobs", a->late_jobs, b->late_jobs);
    cli_row_hours(f, "lateness", a->lateness_s, b->lateness_s);
    cli_row_hours(f, "overtime at route ends", a->overtime_s, b->overtime_s);
    cli_row_hours(f, "work per tech: min", a->work_min_s, b->work_min_s);
    cli_row_hours(f, "work per tech: mean", (int64_t)(a->work_mean_s + 0.5),
              (int64_t)(b->work_mean_s + 0.5));
    cli_row_hours(f, "work per tech: max", a->work_max_s, b->work_max_s);
    double sa = model_run_kpis_preferred_share(a), sb = model_run_kpis_preferred_share(b);
    if (sa >= 0 || sb >= 0) {
        char x[16] = "-", y[16] = "-";
        if (sa >= 0)
            snprintf(x, sizeof x, "%.0f%%", 100 * sa);
        if (sb >= 0)
            snprintf(y, sizeof y, "%.0f%%", 100 * sb);
        fprintf(f, "  %-22s %12s %12s\n", "by preferred tech", x, y);
    }
    cli_row_int(f, "lateness cost (s)", a->lateness_cost_s, b->lateness_cost_s);
    cli_row_int(f, "overtime cost (s)", a->overtime_cost_s, b->overtime_cost_s);
    cli_row_int(f, "balance cost (s)", a->balance_cost_s, b->balance_cost_s);
    cli_row_int(f, "preference bonus (s)", a->preference_bonus_s, b->preference_bonus_s);
    cli_row_int(f, "cost (s)", a->cost, b->cost);
}

bool cli_rules_init(cli_rules *r, const model_problem *pa, const model_schedule *sa,
                    const model_problem *pb, const model_schedule *sb)
{
    memset(r, 0, sizeof *r);
    if (!cli_kpis_relevant(pa, pb))
        return false;
    *r = (cli_rules){pa, pb, sa, sb, model_run_kpis_compute(pa, sa), model_run_kpis_compute(pb, sb)};
    return true;
}

/* A served job's soft-rule state on one side. */
typedef struct job_state {
    bool served;
    int64_t late_s;
    int preferred; /* -1: the job lists none; 0: not by one; 1: by one */
} job_state;

/* Per job of p, its state in s (NULL when out of memory). */
static job_state *job_states(const model_problem *p, const model_schedule *s)
{
    job_state *st = calloc((size_t)(p->njobs > 0 ? p->njobs : 1), sizeof *st);
    for (int r = 0; st && r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        for (int k = 0; k < rt->nstops; k++) {
            const model_stop *x = &rt->stops[k];
            if (x->kind != MODEL_STOP_JOB || x->job < 0 || x->job >= p->njobs)
                continue;
            const model_job *j = &p->jobs[x->job];
            job_state *q = &st[x->job];
            q->served = true;
            q->late_s = model_job_late_s(j, x->start, NULL);
            q->preferred = -1;
            for (int i = 0; i < j->npreferred; i++)
                q->preferred = j->preferred[i].technician == rt->technician ? 1
                               : q->preferred < 0                            ? 0
                                                                            : q->preferred;
        }
    }
    return st;
}

/* A route's overtime (0 when not past its shift's end). */
static int64_t route_overtime(const model_problem *p, const model_route *rt)
{
    const model_technician *t = &p->technicians[rt->technician];
    if (rt->nstops < 1 || rt->shift < 0 || rt->shift >= t->nshifts)
        return 0;
    int64_t over = rt->stops[rt->nstops - 1].start - t->shifts[rt->shift].end;
    return over > 0 ? over : 0;
}

/* The route of technician id `tech` on `date` in s of p, or NULL. */
static const model_route *route_on(const model_problem *p, const model_schedule *s,
                                   const char *tech, const char *date)
{
    char d[MODEL_DATE_BUF];
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (strcmp(p->technicians[rt->technician].id, tech) == 0 &&
            strcmp(model_shift_date(p, rt->technician, rt->shift, d), date) == 0)
            return rt;
    }
    return NULL;
}

typedef void (*job_fn)(void *ctx, const char *job, const job_state *a, const job_state *b);
typedef void (*day_fn)(void *ctx, const char *tech, const char *date, const int64_t *a,
                       const int64_t *b);

static bool differs(const job_state *a, const job_state *b)
{
    if (a->served != b->served)
        return (a->served && (a->late_s > 0 || a->preferred >= 0)) ||
               (b->served && (b->late_s > 0 || b->preferred >= 0));
    return a->served && (a->late_s != b->late_s || a->preferred != b->preferred);
}

/* Calls jf for every job (by id: a's jobs, then b's new ones) whose state
 * differs, df for every technician-day with overtime on a side that
 * differs. */
static void each_change(const cli_rules *r, job_fn jf, day_fn df, void *ctx)
{
    job_state *sa = job_states(r->pa, r->sa), *sb = job_states(r->pb, r->sb);
    static const job_state none = {false, 0, -1};
    for (int j = 0; sa && sb && j < r->pa->njobs; j++) {
        int k = model_strmap_get(&r->pb->job_index, r->pa->jobs[j].id);
        const job_state *b = k >= 0 ? &sb[k] : &none;
        if (differs(&sa[j], b))
            jf(ctx, r->pa->jobs[j].id, &sa[j], b);
    }
    for (int k = 0; sa && sb && k < r->pb->njobs; k++)
        if (model_strmap_get(&r->pa->job_index, r->pb->jobs[k].id) < 0 && differs(&none, &sb[k]))
            jf(ctx, r->pb->jobs[k].id, &none, &sb[k]);
    free(sa);
    free(sb);
    /* technician-days: a's routes against b's, then b's routes a lacks */
    for (int side = 0; side < 2; side++) {
        const model_problem *p = side ? r->pb : r->pa, *q = side ? r->pa : r->pb;
        const model_schedule *s = side ? r->sb : r->sa, *t = side ? r->sa : r->sb;
        for (int i = 0; i < s->nroutes; i++) {
            const model_route *rt = &s->routes[i];
            char date[MODEL_DATE_BUF];
            const char *tech = p->technicians[rt->technician].id;
            model_shift_date(p, rt->technician, rt->shift, date);
            const model_route *other = route_on(q, t, tech, date);
            if (side && other)
                continue; /* seen from side a */
            int64_t mine = route_overtime(p, rt), theirs = other ? route_overtime(q, other) : 0;
            if (other ? mine == theirs : mine == 0)
                continue;
            if (side)
                df(ctx, tech, date, NULL, &mine);
            else
                df(ctx, tech, date, &mine, other ? &theirs : NULL);
        }
    }
}

static void late_text(char *buf, size_t n, const job_state *s)
{
    char h[24];
    if (!s->served)
        snprintf(buf, n, "unassigned");
    else
        snprintf(buf, n, "%s", cli_hours(s->late_s, h, sizeof h));
}

static const char *pref_text(const job_state *s)
{
    return !s->served ? "-" : s->preferred < 0 ? "none listed" : s->preferred ? "yes" : "no";
}

typedef struct print_ctx {
    FILE *f;
    int n;
} print_ctx;

static void count_job(void *ctx, const char *job, const job_state *a, const job_state *b)
{
    (void)job, (void)a, (void)b;
    ((print_ctx *)ctx)->n++;
}

static void count_day(void *ctx, const char *tech, const char *date, const int64_t *a,
                      const int64_t *b)
{
    (void)tech, (void)date, (void)a, (void)b;
    ((print_ctx *)ctx)->n++;
}

static void print_job(void *ctx, const char *job, const job_state *a, const job_state *b)
{
    FILE *f = ((print_ctx *)ctx)->f;
    char x[24], y[24];
    late_text(x, sizeof x, a);
    late_text(y, sizeof y, b);
    fprintf(f, "    %-12s late %s -> %s", job, x, y);
    if (a->preferred >= 0 || b->preferred >= 0)
        fprintf(f, "; by a preferred technician %s -> %s", pref_text(a), pref_text(b));
    fprintf(f, "\n");
}

static void print_day(void *ctx, const char *tech, const char *date, const int64_t *a,
                      const int64_t *b)
{
    FILE *f = ((print_ctx *)ctx)->f;
    char x[24] = "no route", y[24] = "no route";
    if (a)
        cli_hours(*a, x, sizeof x);
    if (b)
        cli_hours(*b, y, sizeof y);
    fprintf(f, "    %-12s %s overtime %s -> %s\n", tech, date, x, y);
}

void cli_rules_print_changes(FILE *f, const cli_rules *r)
{
    print_ctx c = {f, 0};
    each_change(r, count_job, count_day, &c);
    if (c.n == 0)
        return;
    fprintf(f, "\nSoft rules (%d change%s):\n", c.n, c.n == 1 ? "" : "s");
    each_change(r, print_job, print_day, &c);
}

typedef struct json_ctx {
    io_json_out *o;
    int n;
} json_ctx;

/* The next object of the list, opened with its first member "key": value. */
static void json_item(json_ctx *c, const char *key, const char *value)
{
    io_json_out_printf(c->o, c->n++ ? ", {\"%s\": " : "{\"%s\": ", key);
    io_json_out_string(c->o, value);
}

/* n, or null when there is none. */
static void json_opt(io_json_out *o, bool present, int64_t n)
{
    if (present)
        io_json_out_printf(o, "%lld", (long long)n);
    else
        io_json_out_raw(o, "null");
}

static const char *json_pref(const job_state *s)
{
    return !s->served || s->preferred < 0 ? "null" : s->preferred ? "true" : "false";
}

static void json_job(void *ctx, const char *job, const job_state *a, const job_state *b)
{
    json_ctx *c = ctx;
    json_item(c, "job", job);
    io_json_out_raw(c->o, ", \"late_s\": [");
    json_opt(c->o, a->served, a->late_s);
    io_json_out_raw(c->o, ", ");
    json_opt(c->o, b->served, b->late_s);
    io_json_out_printf(c->o, "], \"preferred\": [%s, %s]}", json_pref(a), json_pref(b));
}

static void json_day(void *ctx, const char *tech, const char *date, const int64_t *a,
                     const int64_t *b)
{
    json_ctx *c = ctx;
    json_item(c, "technician", tech);
    io_json_out_raw(c->o, ", \"date\": ");
    io_json_out_string(c->o, date);
    io_json_out_raw(c->o, ", \"overtime_s\": [");
    json_opt(c->o, a != NULL, a ? *a : 0);
    io_json_out_raw(c->o, ", ");
    json_opt(c->o, b != NULL, b ? *b : 0);
    io_json_out_raw(c->o, "]}");
}

void cli_rules_json_changes(io_json_out *o, const cli_rules *r)
{
    json_ctx c = {o, 0};
    io_json_out_raw(o, "[");
    each_change(r, json_job, json_day, &c);
    io_json_out_raw(o, "]");
}

char *cli_bound_text(const model_bound *b, const model_problem *p, const model_summary *sum,
                     char *buf, size_t size)
{
    char cost[48] = "";
    if (model_problem_uses_soft_rules(p)) /* the cost the bound is of */
        snprintf(cost, sizeof cost, "; cost %lld s", (long long)sum->cost);
    if (!b->present)
        snprintf(buf, size, "%s", cost);
    else if (b->has_cost && b->has_gap)
        snprintf(buf, size, "%s%s bound %.0f s, gap %.2f%%%s", cost, cost[0] ? "," : ";", b->cost,
                 100.0 * b->gap, b->proven_optimal ? " (proven optimal)" : "");
    else
        snprintf(buf, size, "%s; bound: unassigned weight >= %lld", cost,
                 (long long)b->unassigned_weight);
    return buf;
}

void cli_bound_progress(double elapsed, const solver_progress *pr)
{
    const model_bound *b = pr->bound;
    if (b->has_cost)
        fprintf(stderr, "[%7.1fs] %s %lld s, bound %.0f s, gap %.1f%%%s\n", elapsed,
                pr->soft ? "cost" : "travel", (long long)(pr->soft ? pr->cost : pr->travel_s),
                b->cost, 100 * b->gap, b->proven_optimal ? " (proven optimal)" : "");
    else
        fprintf(stderr, "[%7.1fs] unassigned weight %lld, bound %lld (no travel bound)\n", elapsed,
                (long long)pr->unassigned_weight, (long long)b->unassigned_weight);
}

const char *cli_bound_line(const model_schedule *s, const model_problem *p, char *buf,
                           size_t size)
{
    model_summary sum = model_schedule_summarize(p, s);
    cli_bound_text(&s->bound, p, &sum, buf, size);
    return !s->bound.present ? "none" : buf[0] == ';' ? buf + 2 : buf;
}
