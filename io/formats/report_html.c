/* report_html.c - the HTML report's page: head, style, script, KPIs, the
 * table per technician, the unassigned jobs and the changes; the timeline
 * and the map are in report_html_timeline.c and report_html_map.c. */
#include "io/formats/report_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/report_html_internal.h"
#include "model/time.h"

/* No fetch of any kind: the page is one file. */
#define RP_CSP                                                                                  \
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "            \
    "img-src data:; base-uri 'none'; form-action 'none'"

static const char *const RP_STYLE =
    "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "color:#1d2430;background:#f6f7f9}\n"
    "header{background:#23395d;color:#fff;padding:14px 24px}\n"
    "header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85}\n"
    "main{padding:12px 24px 40px}section{background:#fff;border:1px solid #dde1e7;"
    "border-radius:6px;padding:12px 16px;margin:14px 0;overflow-x:auto}\n"
    "h2{font-size:16px;margin:0 0 8px}h3{font-size:14px;margin:10px 0 4px}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:10px}\n"
    ".kpi{border:1px solid #dde1e7;border-radius:6px;padding:6px 12px;min-width:110px}\n"
    ".kpi b{display:block;font-size:20px}.kpi small{color:#5a6472}\n"
    ".kpi.bad b{color:#b3261e}\n"
    "table{border-collapse:collapse;font-size:13px}th,td{padding:3px 10px;text-align:left;"
    "border-bottom:1px solid #eceff3;vertical-align:top}th{background:#f0f2f5}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}\n"
    "svg text{font:11px system-ui,sans-serif;fill:#1d2430}\n"
    "svg .lbl{font-weight:600}svg .sub{fill:#5a6472}\n"
    ".shift{fill:#eef1f5}.ot{fill:#f4c7c3}.win{fill:#3b82f6;opacity:.18}\n"
    ".trv{fill:#9aa5b1}.wait{fill:none;stroke:#9aa5b1;stroke-dasharray:2 2}\n"
    ".brk{fill:#d8c9a3}.late{stroke:#b3261e;stroke-width:2}\n"
    ".latemark{fill:#b3261e}.chg{stroke:#f59e0b;stroke-width:3}\n"
    ".grid{stroke:#dde1e7}.hl .svc,.hl.rl{stroke:#111;stroke-width:2}\n"
    ".rl{fill:none;stroke-width:2;opacity:.85}.hl.rl{opacity:1;stroke-width:4}\n"
    ".un{fill:#fff;stroke:#6b7280;stroke-width:1.5}.depot{fill:#111}\n"
    ".legend span{margin-right:14px;white-space:nowrap}\n"
    "tr.hl td{background:#fff7d6}\n"
    ".note{color:#5a6472}\n";

/* Hovering a technician's row, route or line lights up all of its routes
 * in the timeline, on the map and in the table. */
static const char *const RP_SCRIPT =
    "(function(){\n"
    "  function mark(k,on){\n"
    "    var els=document.querySelectorAll('[data-tech=\"'+k+'\"]');\n"
    "    for(var i=0;i<els.length;i++){els[i].classList.toggle('hl',on);}\n"
    "  }\n"
    "  var all=document.querySelectorAll('[data-tech]');\n"
    "  for(var i=0;i<all.length;i++){(function(e){var k=e.getAttribute('data-tech');\n"
    "    e.addEventListener('mouseenter',function(){mark(k,true);});\n"
    "    e.addEventListener('mouseleave',function(){mark(k,false);});})(all[i]);}\n"
    "})();\n";

void rp_esc(io_json_out *o, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            if (s > run)
                io_json_out_printf(o, "%.*s", (int)(s - run), run);
            io_json_out_raw(o, rep);
            run = s + 1;
        }
    }
    if (s > run)
        io_json_out_raw(o, run);
}

const char *rp_colour(int tech, char buf[32])
{
    int hue = (int)((tech * 137.508) - 360.0 * (int)((tech * 137.508) / 360.0));
    snprintf(buf, 32, "hsl(%d,65%%,42%%)", hue);
    return buf;
}

const char *rp_clock(const model_problem *p, int64_t t, char *buf)
{
    return model_time_wall(p->tz, t, true, buf);
}

bool rp_visit_late(const model_job *j, int64_t start, int64_t *late_s)
{
    int64_t late = 0;
    const model_window *w = NULL;
    for (int i = 0; i < j->nwindows; i++)
        if (j->windows[i].start <= start)
            w = &j->windows[i]; /* sorted by start: the last one opening before */
    if (w && start > w->end)
        late = start - w->end;
    if (j->deadline != MODEL_TIME_MAX && start + j->duration > j->deadline &&
        start + j->duration - j->deadline > late)
        late = start + j->duration - j->deadline;
    if (late_s)
        *late_s = late;
    return late > 0;
}

int64_t rp_route_overtime(const model_problem *p, const model_route *r)
{
    if (r->nstops < 1)
        return 0;
    const model_shift *sh = &p->technicians[r->technician].shifts[r->shift];
    int64_t end = r->stops[r->nstops - 1].end;
    return end > sh->end ? end - sh->end : 0;
}

static void duration(io_json_out *o, int64_t s)
{
    if (s < 0)
        s = 0;
    io_json_out_printf(o, "%lld:%02lld", (long long)(s / 3600), (long long)(s / 60 % 60));
}

static void kpi(io_json_out *o, const char *label, const char *value, bool bad)
{
    io_json_out_printf(o, "<div class=\"kpi%s\"><b>", bad ? " bad" : "");
    rp_esc(o, value);
    io_json_out_raw(o, "</b><small>");
    rp_esc(o, label);
    io_json_out_raw(o, "</small></div>\n");
}

static void kpi_int(io_json_out *o, const char *label, long long v, bool bad)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    kpi(o, label, buf, bad);
}

static void kpi_dur(io_json_out *o, const char *label, int64_t s, bool bad)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld:%02lld h", (long long)(s / 3600), (long long)(s / 60 % 60));
    kpi(o, label, buf, bad);
}

/* Late visits, and routes in overtime with their total. */
static void count_soft(const rp_page *pg, int *late, int *ot_routes, int64_t *ot_s,
                       int64_t *wait_s)
{
    *late = *ot_routes = 0;
    *ot_s = *wait_s = 0;
    for (int r = 0; r < pg->s->nroutes; r++) {
        const model_route *rt = &pg->s->routes[r];
        for (int k = 0; k < rt->nstops; k++) {
            const model_stop *st = &rt->stops[k];
            if (st->kind != MODEL_STOP_JOB)
                continue;
            *late += rp_visit_late(&pg->p->jobs[st->job], st->start, NULL);
            *wait_s += st->start - st->arrival;
        }
        int64_t ot = rp_route_overtime(pg->p, rt);
        *ot_routes += ot > 0;
        *ot_s += ot;
    }
}

/* What the schedule proves of itself (summary.bound, FORMAT.md extension
 * 3), as one figure with data-bound: "proven" (optimal), "gap" (at most
 * that far above the optimum) or "weight" (the gap is in the assignment:
 * no schedule leaves less unassigned weight than shown). */
static void kpi_bound(io_json_out *o, const model_bound *b)
{
    char buf[64];
    const char *kind, *label;
    if (b->proven_optimal) {
        kind = "proven";
        snprintf(buf, sizeof buf, "optimal");
        label = "proven: no schedule is better";
    } else if (b->has_cost) {
        kind = "gap";
        snprintf(buf, sizeof buf, "%.2f %%", 100.0 * b->gap);
        label = "above the optimum, at most";
    } else {
        kind = "weight";
        snprintf(buf, sizeof buf, "%lld", (long long)b->unassigned_weight);
        label = "unassigned weight no schedule goes below";
    }
    io_json_out_printf(o, "<div class=\"kpi\" data-bound=\"%s\"><b>", kind);
    rp_esc(o, buf);
    io_json_out_raw(o, "</b><small>");
    rp_esc(o, label);
    io_json_out_raw(o, "</small></div>\n");
}

static void kpis_section(rp_page *pg)
{
    io_json_out *o = pg->o;
    model_kpis k = model_kpis_compute(pg->p, pg->s, NULL);
    int late, ot_routes;
    int64_t ot_s, wait_s;
    count_soft(pg, &late, &ot_routes, &ot_s, &wait_s);
    char buf[64];
    io_json_out_raw(o, "<section id=\"kpis\"><h2>Key figures</h2><div class=\"kpis\">\n");
    kpi_int(o, "jobs assigned", k.assigned, false);
    kpi_int(o, "jobs unassigned", k.unassigned, k.unassigned > 0);
    kpi_int(o, "routes", k.routes, false);
    kpi_dur(o, "travel", k.travel_s, false);
    snprintf(buf, sizeof buf, "%.1f km", (double)k.distance_m / 1000.0);
    kpi(o, "distance", buf, false);
    kpi_dur(o, "working time", k.working_s, false);
    kpi_dur(o, "waiting", wait_s, false);
    kpi_int(o, "late visits", late, late > 0);
    kpi_int(o, "routes in overtime", ot_routes, ot_routes > 0);
    if (ot_s > 0)
        kpi_dur(o, "overtime", ot_s, true);
    if (pg->s->bound.present)
        kpi_bound(o, &pg->s->bound);
    io_json_out_raw(o, "</div>\n");
    if (pg->in->diff) {
        const model_diff *d = pg->in->diff;
        io_json_out_raw(o, "<h3>Against ");
        rp_esc(o, pg->in->before_title ? pg->in->before_title : "the earlier version");
        io_json_out_raw(o, "</h3><table id=\"compare\"><tr><th></th><th>before</th><th>after"
                           "</th></tr>\n");
        struct { const char *name; long long a, b; } rows[] = {
            {"jobs assigned", d->a.assigned, d->b.assigned},
            {"jobs unassigned", d->a.unassigned, d->b.unassigned},
            {"unassigned weight", (long long)d->a.unassigned_weight,
             (long long)d->b.unassigned_weight},
            {"routes", d->a.routes, d->b.routes},
            {"travel (min)", (long long)(d->a.travel_s / 60), (long long)(d->b.travel_s / 60)},
            {"distance (km)", (long long)(d->a.distance_m / 1000),
             (long long)(d->b.distance_m / 1000)},
            {"working time (min)", (long long)(d->a.working_s / 60),
             (long long)(d->b.working_s / 60)},
            {"overtime against before's shifts (min)", (long long)(d->a.overtime_s / 60),
             (long long)(d->b.overtime_s / 60)},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            io_json_out_printf(o, "<tr><td>%s</td><td class=\"n\">%lld</td><td class=\"n\">%lld"
                                  "</td></tr>\n", rows[i].name, rows[i].a, rows[i].b);
        io_json_out_printf(o, "<tr><td>jobs moved</td><td></td><td class=\"n\">%d</td></tr>\n"
                              "<tr><td>starts shifted &gt; 15 min</td><td></td>"
                              "<td class=\"n\">%d</td></tr>\n"
                              "<tr><td>appointments changed</td><td></td>"
                              "<td class=\"n\">%d</td></tr>\n</table>\n",
                           d->moved, d->shifted, d->appointments_changed);
    }
    io_json_out_raw(o, "</section>\n");
}

/* Jobs, travel, distance, working time, late visits and overtime per
 * technician (over all its routes). */
static void technicians_section(rp_page *pg)
{
    io_json_out *o = pg->o;
    const model_problem *p = pg->p;
    io_json_out_raw(o, "<section id=\"technicians\"><h2>Per technician</h2>\n<table><tr>"
                       "<th>technician</th><th>routes</th><th>jobs</th><th>travel</th>"
                       "<th>distance</th><th>working</th><th>late</th><th>overtime</th></tr>\n");
    for (int t = 0; t < p->ntechnicians; t++) {
        int routes = 0, jobs = 0, late = 0;
        int64_t travel = 0, dist = 0, work = 0, ot = 0;
        for (int r = 0; r < pg->s->nroutes; r++) {
            const model_route *rt = &pg->s->routes[r];
            if (rt->technician != t || rt->nstops < 2)
                continue;
            routes++;
            int prev = -1;
            for (int k = 0; k < rt->nstops; k++) {
                const model_stop *st = &rt->stops[k];
                if (st->location < 0)
                    continue;
                if (prev >= 0) {
                    travel += model_travel_duration(p, prev, st->location);
                    dist += model_travel_distance(p, prev, st->location);
                }
                prev = st->location;
                if (st->kind == MODEL_STOP_JOB) {
                    jobs++;
                    late += rp_visit_late(&p->jobs[st->job], st->start, NULL);
                }
            }
            work += rt->stops[rt->nstops - 1].end - rt->stops[0].start;
            ot += rp_route_overtime(p, rt);
        }
        if (routes == 0)
            continue;
        char col[32];
        const model_technician *tc = &p->technicians[t];
        io_json_out_printf(o, "<tr data-tech=\"t%d\"><td><span class=\"sw\" style=\"background:%s"
                              "\"></span>", t, rp_colour(t, col));
        rp_esc(o, tc->id);
        if (tc->name) {
            io_json_out_raw(o, " <span class=\"note\">");
            rp_esc(o, tc->name);
            io_json_out_raw(o, "</span>");
        }
        io_json_out_printf(o, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                              "<td class=\"n\">", routes, jobs);
        duration(o, travel);
        io_json_out_printf(o, "</td><td class=\"n\">%.1f km</td><td class=\"n\">",
                           (double)dist / 1000.0);
        duration(o, work);
        io_json_out_printf(o, "</td><td class=\"n\">%d</td><td class=\"n\">", late);
        if (ot > 0)
            duration(o, ot);
        io_json_out_raw(o, "</td></tr>\n");
    }
    io_json_out_raw(o, "</table></section>\n");
}

/* Opens section id, headed "TITLE (N)": with no rows the note `none` ends
 * it (false); else its table's header row of the columns cols (ending with
 * NULL) follows. */
static bool open_table(io_json_out *o, const char *id, const char *title, int n,
                       const char *none, const char *const *cols)
{
    io_json_out_printf(o, "<section id=\"%s\"><h2>%s (%d)</h2>\n", id, title, n);
    if (n == 0) {
        io_json_out_printf(o, "<p class=\"note\">%s</p></section>\n", none);
        return false;
    }
    io_json_out_raw(o, "<table><tr>");
    for (; *cols; cols++)
        io_json_out_printf(o, "<th>%s</th>", *cols);
    io_json_out_raw(o, "</tr>\n");
    return true;
}

static void unassigned_section(rp_page *pg)
{
    io_json_out *o = pg->o;
    const model_schedule *s = pg->s;
    static const char *const cols[] = {"job", "customer", "title", "priority", "reason", NULL};
    if (!open_table(o, "unassigned", "Unassigned jobs", s->nunassigned, "Every job is assigned.",
                    cols))
        return;
    for (int i = 0; i < s->nunassigned; i++) {
        const model_job *j = &pg->p->jobs[s->unassigned[i].job];
        io_json_out_raw(o, "<tr data-unassigned=\"");
        rp_esc(o, j->id);
        io_json_out_raw(o, "\"><td>");
        rp_esc(o, j->id);
        io_json_out_raw(o, "</td><td>");
        rp_esc(o, j->customer);
        io_json_out_raw(o, "</td><td>");
        rp_esc(o, j->title);
        io_json_out_printf(o, "</td><td class=\"n\">%d</td><td>", j->priority);
        rp_esc(o, s->unassigned[i].reason);
        io_json_out_raw(o, "</td></tr>\n");
    }
    io_json_out_raw(o, "</table></section>\n");
}

/* "t-01 2026-11-24 09:30" for one side of a change. */
static void change_side(io_json_out *o, const model_problem *p, int tech, int shift, int64_t start)
{
    if (!p || tech < 0 || tech >= p->ntechnicians || shift < 0 ||
        shift >= p->technicians[tech].nshifts) {
        io_json_out_raw(o, "&mdash;");
        return;
    }
    char wall[MODEL_WALL_BUF];
    rp_esc(o, p->technicians[tech].id);
    io_json_out_raw(o, " ");
    rp_esc(o, model_time_wall(p->tz, start, false, wall));
}

static void changes_section(rp_page *pg)
{
    const model_diff *d = pg->in->diff;
    if (!d)
        return;
    io_json_out *o = pg->o;
    static const char *const cols[] = {"change", "job", "before", "after", "reason", NULL};
    if (!open_table(o, "changes", "Changes", d->nchanges, "No job changes.", cols))
        return;
    for (int i = 0; i < d->nchanges; i++) {
        const model_job_change *c = &d->changes[i];
        const char *id = c->job_b >= 0 ? pg->p->jobs[c->job_b].id
                         : pg->in->before && c->job_a >= 0 ? pg->in->before->jobs[c->job_a].id
                                                           : "?";
        io_json_out_printf(o, "<tr data-change-row=\"%s\"><td>%s</td><td>",
                           model_change_kind_name(c->kind), model_change_kind_name(c->kind));
        rp_esc(o, id);
        io_json_out_raw(o, "</td><td>");
        change_side(o, pg->in->before, c->tech_a, c->shift_a, c->start_a);
        io_json_out_raw(o, "</td><td>");
        change_side(o, pg->p, c->tech_b, c->shift_b, c->start_b);
        io_json_out_raw(o, "</td><td>");
        rp_esc(o, c->reason);
        io_json_out_raw(o, "</td></tr>\n");
    }
    io_json_out_raw(o, "</table></section>\n");
}

static model_status check_indices(const model_problem *p, const model_schedule *s,
                                  model_error *err)
{
    for (int r = 0; r < s->nroutes; r++) {
        const model_route *rt = &s->routes[r];
        if (rt->technician < 0 || rt->technician >= p->ntechnicians || rt->shift < 0 ||
            rt->shift >= p->technicians[rt->technician].nshifts)
            return model_error_set(err, MODEL_ERR_INPUT, "route %d: no such technician-shift", r);
        for (int k = 0; k < rt->nstops; k++) {
            const model_stop *st = &rt->stops[k];
            if ((st->kind == MODEL_STOP_JOB && (st->job < 0 || st->job >= p->njobs)) ||
                st->location >= p->nlocations || (st->kind != MODEL_STOP_BREAK && st->location < 0))
                return model_error_set(err, MODEL_ERR_INPUT, "route %d: stops[%d]: index out of "
                                       "range", r, k);
        }
    }
    for (int i = 0; i < s->nunassigned; i++)
        if (s->unassigned[i].job < 0 || s->unassigned[i].job >= p->njobs)
            return model_error_set(err, MODEL_ERR_INPUT, "unassigned[%d]: no such job", i);
    return MODEL_OK;
}

static void legend(io_json_out *o)
{
    io_json_out_raw(o,
        "<p class=\"legend\"><svg width=\"14\" height=\"10\"><rect class=\"shift\" width=\"14\" "
        "height=\"10\"/></svg> <span>shift</span>"
        "<svg width=\"14\" height=\"10\"><rect class=\"trv\" width=\"14\" height=\"10\"/></svg> "
        "<span>travel</span>"
        "<svg width=\"14\" height=\"10\"><rect class=\"wait\" width=\"13\" height=\"9\" x=\".5\" "
        "y=\".5\"/></svg> <span>waiting</span>"
        "<svg width=\"14\" height=\"10\"><rect fill=\"#4b6cb7\" width=\"14\" height=\"10\"/></svg> "
        "<span>service (technician's colour)</span>"
        "<svg width=\"14\" height=\"10\"><rect class=\"brk\" width=\"14\" height=\"10\"/></svg> "
        "<span>break</span>"
        "<svg width=\"14\" height=\"10\"><rect class=\"win\" width=\"14\" height=\"10\"/></svg> "
        "<span>customer's window</span>"
        "<svg width=\"14\" height=\"10\"><rect fill=\"#fff\" class=\"late\" x=\"1\" y=\"1\" "
        "width=\"12\" height=\"8\"/></svg> <span>late</span>"
        "<svg width=\"14\" height=\"10\"><rect class=\"ot\" width=\"14\" height=\"10\"/></svg> "
        "<span>overtime</span>"
        "<svg width=\"14\" height=\"10\"><rect fill=\"#fff\" class=\"chg\" x=\"1.5\" y=\"1.5\" "
        "width=\"11\" height=\"7\"/></svg> <span>changed</span></p>\n");
}

static void page(rp_page *pg)
{
    io_json_out *o = pg->o;
    const io_report_input *in = pg->in;
    const char *name = pg->p->name ? pg->p->name : "plan";
    io_json_out_raw(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"" RP_CSP "\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                       "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    rp_esc(o, name);
    if (in->title) {
        io_json_out_raw(o, " &ndash; ");
        rp_esc(o, in->title);
    }
    io_json_out_printf(o, "</title>\n<style>\n%s</style>\n</head><body>\n<header><h1>", RP_STYLE);
    rp_esc(o, name);
    io_json_out_raw(o, "</h1><p>");
    if (in->title) {
        rp_esc(o, in->title);
        io_json_out_raw(o, " &middot; ");
    }
    io_json_out_raw(o, "times in ");
    rp_esc(o, model_tz_name(pg->p->tz));
    if (in->generated_at) {
        char buf[MODEL_WALL_BUF];
        io_json_out_raw(o, " &middot; generated ");
        rp_esc(o, model_time_wall(pg->p->tz, in->generated_at, false, buf));
    }
    io_json_out_raw(o, "</p></header>\n<main>\n");
    kpis_section(pg);
    changes_section(pg);
    io_json_out_raw(o, "<section id=\"timeline\"><h2>Timeline per technician and day</h2>\n");
    legend(o);
    rp_timeline(pg);
    io_json_out_raw(o, "</section>\n");
    rp_map(pg);
    technicians_section(pg);
    unassigned_section(pg);
    io_json_out_printf(o, "</main>\n<script>\n%s</script>\n</body></html>\n", RP_SCRIPT);
}

model_status io_report_html(const io_report_input *in, char **out, size_t *len, model_error *err)
{
    *out = NULL;
    const model_problem *p = in->problem;
    const model_schedule *s = in->schedule;
    model_status rc = check_indices(p, s, err);
    if (rc != MODEL_OK)
        return rc;
    io_json_out o = IO_JSON_OUT_INIT;
    rp_page pg = {in, p, s, &o, NULL, NULL};
    size_t nj = p->njobs > 0 ? (size_t)p->njobs : 1;
    pg.job_route = malloc(nj * sizeof *pg.job_route);
    pg.job_change = malloc(nj);
    if (!pg.job_route || !pg.job_change) {
        free(pg.job_route);
        free(pg.job_change);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    for (int j = 0; j < p->njobs; j++) {
        pg.job_route[j] = -1;
        pg.job_change[j] = -1;
    }
    for (int r = 0; r < s->nroutes; r++)
        for (int k = 0; k < s->routes[r].nstops; k++)
            if (s->routes[r].stops[k].kind == MODEL_STOP_JOB)
                pg.job_route[s->routes[r].stops[k].job] = r;
    if (in->diff)
        for (int i = 0; i < in->diff->nchanges; i++) {
            const model_job_change *c = &in->diff->changes[i];
            if (c->job_b >= 0 && c->job_b < p->njobs)
                pg.job_change[c->job_b] = (signed char)c->kind;
        }
    page(&pg);
    free(pg.job_route);
    free(pg.job_change);
    size_t n = o.len;
    if (!(*out = io_json_out_finish(&o, err)))
        return err->code;
    if (len)
        *len = n;
    return MODEL_OK;
}
