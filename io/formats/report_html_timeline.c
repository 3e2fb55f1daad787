/* report_html_timeline.c - the report's timeline: one SVG per day, one row
 * per route (technician-shift) with the shift as a background, travel,
 * waiting, service and breaks as bars, the customer's window as a band
 * under each visit, late visits and overtime marked. */
#include <stdlib.h>
#include <string.h>

#include "io/formats/report_html_internal.h"
#include "model/time.h"

#define TL_WIDTH 1100.0 /* viewBox width */
#define TL_LABEL 170.0  /* the technicians' column */
#define TL_HEAD 22.0    /* the hours' row */
#define TL_ROW 32.0

typedef struct tl_axis {
    int64_t t0, t1; /* the instants at the plot's left and right edges */
    double scale;   /* viewBox units per second */
} tl_axis;

static double tx(const tl_axis *a, int64_t t)
{
    if (t < a->t0)
        t = a->t0;
    if (t > a->t1)
        t = a->t1;
    return TL_LABEL + (double)(t - a->t0) * a->scale;
}

typedef struct tl_item {
    int route;
    int64_t day;
} tl_item;

static int cmp_item(const void *x, const void *y)
{
    const tl_item *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->route - b->route; /* routes come sorted by technician and shift */
}

/* Rounds t down (up) to a whole hour of local time. */
static int64_t hour_floor(const model_problem *p, int64_t t, bool up)
{
    int64_t off = model_tz_offset_at(p->tz, t);
    int64_t l = t + off;
    int64_t f = l - ((l % 3600) + 3600) % 3600;
    if (up && f < l)
        f += 3600;
    return f - off;
}

static void rect(io_json_out *o, const char *cls, double x0, double x1, double y, double h)
{
    if (x1 - x0 < 0.5)
        x1 = x0 + 0.5;
    io_json_out_printf(o, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%.1f\"/>", cls, x0, y, x1 - x0, h);
}

static void clock_span(io_json_out *o, const model_problem *p, int64_t a, int64_t b)
{
    char x[MODEL_WALL_BUF], y[MODEL_WALL_BUF];
    io_json_out_printf(o, "%s&ndash;%s", rp_clock(p, a, x), rp_clock(p, b, y));
}

/* The window shown for a visit: the last one opening at or before its
 * start, else the first; NULL when the job has none. */
static const model_window *shown_window(const model_job *j, int64_t start)
{
    const model_window *w = j->nwindows ? &j->windows[0] : NULL;
    for (int i = 0; i < j->nwindows; i++)
        if (j->windows[i].start <= start)
            w = &j->windows[i];
    return w;
}

static void visit(rp_page *pg, const tl_axis *a, double y0, int tech, const model_stop *st)
{
    io_json_out *o = pg->o;
    const model_problem *p = pg->p;
    const model_job *j = &p->jobs[st->job];
    int64_t late_s;
    bool late = rp_visit_late(j, st->start, &late_s);
    int change = pg->job_change[st->job];
    bool changed = change == MODEL_CHANGE_MOVED || change == MODEL_CHANGE_SHIFTED ||
                   change == MODEL_CHANGE_ASSIGNED || change == MODEL_CHANGE_ADDED;
    char col[32];
    io_json_out_raw(o, "<g class=\"visit\" data-visit=\"");
    rp_esc(o, j->id);
    io_json_out_raw(o, "\"");
    if (late)
        io_json_out_printf(o, " data-late=\"%lld\"", (long long)late_s);
    if (changed)
        io_json_out_printf(o, " data-change=\"%s\"", model_change_kind_name(change));
    io_json_out_printf(o, "><rect class=\"svc%s%s\" fill=\"%s\" x=\"%.1f\" y=\"%.1f\" "
                          "width=\"%.1f\" height=\"16\" rx=\"2\"/>",
                       late ? " late" : "", changed ? " chg" : "", rp_colour(tech, col),
                       tx(a, st->start), y0 + 6, tx(a, st->end) - tx(a, st->start) < 1 ? 1.0
                                                 : tx(a, st->end) - tx(a, st->start));
    if (late)
        io_json_out_printf(o, "<path class=\"latemark\" d=\"M%.1f %.1fl4 -6h-8z\"/>",
                           tx(a, st->start), y0 + 6);
    io_json_out_raw(o, "<title>");
    rp_esc(o, j->id);
    if (j->title) {
        io_json_out_raw(o, " ");
        rp_esc(o, j->title);
    }
    if (j->customer) {
        io_json_out_raw(o, " \xe2\x80\x94 ");
        rp_esc(o, j->customer);
    }
    const char *addr = p->locations[j->location].address;
    if (addr) {
        io_json_out_raw(o, "\n");
        rp_esc(o, addr);
    }
    io_json_out_raw(o, "\nservice ");
    clock_span(o, p, st->start, st->end);
    char buf[MODEL_WALL_BUF];
    if (st->arrival < st->start)
        io_json_out_printf(o, " (arrives %s)", rp_clock(p, st->arrival, buf));
    const model_window *w = shown_window(j, st->start);
    if (w) {
        io_json_out_raw(o, "\nwindow ");
        clock_span(o, p, w->start, w->end);
    }
    if (late)
        io_json_out_printf(o, "\nLATE by %lld min", (long long)((late_s + 59) / 60));
    if (changed)
        io_json_out_printf(o, "\n%s", model_change_kind_name(change));
    io_json_out_raw(o, "</title></g>");
}

static void row(rp_page *pg, const tl_axis *a, int r, double y0)
{
    io_json_out *o = pg->o;
    const model_problem *p = pg->p;
    const model_route *rt = &pg->s->routes[r];
    const model_technician *tc = &p->technicians[rt->technician];
    const model_shift *sh = &tc->shifts[rt->shift];
    char date[MODEL_DATE_BUF];
    model_shift_date(p, rt->technician, rt->shift, date);
    int64_t ot = rp_route_overtime(p, rt);
    io_json_out_printf(o, "<g class=\"route\" data-route=\"r%d\" data-tech=\"t%d\" "
                          "data-date=\"%s\" data-technician=\"", r, rt->technician, date);
    rp_esc(o, tc->id);
    io_json_out_raw(o, "\"");
    if (ot > 0)
        io_json_out_printf(o, " data-overtime=\"%lld\"", (long long)ot);
    io_json_out_printf(o, "><text class=\"lbl\" x=\"4\" y=\"%.1f\">", y0 + 14);
    rp_esc(o, tc->id);
    io_json_out_raw(o, "</text>");
    if (tc->name) {
        io_json_out_printf(o, "<text class=\"sub\" x=\"4\" y=\"%.1f\">", y0 + 27);
        rp_esc(o, tc->name);
        io_json_out_raw(o, "</text>");
    }
    rect(o, "shift", tx(a, sh->start), tx(a, sh->end), y0 + 2, TL_ROW - 4);
    if (ot > 0) {
        rect(o, "ot", tx(a, sh->end), tx(a, sh->end + ot), y0 + 2, TL_ROW - 4);
        io_json_out_printf(o, "<title>overtime %lld min</title>", (long long)((ot + 59) / 60));
    }
    /* windows first, under everything */
    for (int k = 0; k < rt->nstops; k++) {
        const model_stop *st = &rt->stops[k];
        const model_window *w = st->kind == MODEL_STOP_JOB ? shown_window(&p->jobs[st->job],
                                                                          st->start)
                                                           : NULL;
        if (w)
            rect(o, "win", tx(a, w->start), tx(a, w->end), y0 + 23, 6);
    }
    int prev_loc = -1;
    int64_t prev_end = rt->nstops ? rt->stops[0].start : 0;
    for (int k = 0; k < rt->nstops; k++) {
        const model_stop *st = &rt->stops[k];
        if (st->kind == MODEL_STOP_BREAK) {
            rect(o, "brk", tx(a, st->start), tx(a, st->end), y0 + 6, 16);
            io_json_out_raw(o, "<title>break ");
            clock_span(o, p, st->start, st->end);
            io_json_out_raw(o, "</title>");
            prev_end = st->end;
            continue;
        }
        if (prev_loc >= 0) {
            int64_t d = model_travel_duration(p, prev_loc, st->location);
            int64_t t1 = st->arrival, t0 = t1 - d < prev_end ? prev_end : t1 - d;
            if (d > 0 && t1 > t0)
                rect(o, "trv", tx(a, t0), tx(a, t1), y0 + 11, 6);
        }
        if (st->kind == MODEL_STOP_JOB) {
            if (st->start > st->arrival)
                rect(o, "wait", tx(a, st->arrival), tx(a, st->start), y0 + 8, 12);
            visit(pg, a, y0, rt->technician, st);
        }
        prev_loc = st->location;
        prev_end = st->end;
    }
    io_json_out_raw(o, "</g>\n");
}

static void day(rp_page *pg, const tl_item *items, int n)
{
    io_json_out *o = pg->o;
    const model_problem *p = pg->p;
    tl_axis a = {INT64_MAX, INT64_MIN, 0};
    for (int i = 0; i < n; i++) {
        const model_route *rt = &pg->s->routes[items[i].route];
        const model_shift *sh = &p->technicians[rt->technician].shifts[rt->shift];
        int64_t lo = sh->start, hi = sh->end;
        if (rt->nstops) {
            if (rt->stops[0].start < lo)
                lo = rt->stops[0].start;
            if (rt->stops[rt->nstops - 1].end > hi)
                hi = rt->stops[rt->nstops - 1].end;
        }
        if (lo < a.t0)
            a.t0 = lo;
        if (hi > a.t1)
            a.t1 = hi;
    }
    a.t0 = hour_floor(p, a.t0, false);
    a.t1 = hour_floor(p, a.t1, true);
    if (a.t1 <= a.t0)
        a.t1 = a.t0 + 3600;
    a.scale = (TL_WIDTH - TL_LABEL - 36) / (double)(a.t1 - a.t0);
    char date[MODEL_DATE_BUF];
    model_date_format(items[0].day, date);
    double h = TL_HEAD + n * TL_ROW + 4;
    io_json_out_printf(o, "<h3>%s</h3>\n<svg class=\"tl\" data-day=\"%s\" viewBox=\"0 0 %.0f "
                          "%.0f\" width=\"100%%\" style=\"min-width:900px\" role=\"img\">\n",
                       date, date, TL_WIDTH, h);
    int64_t step = (a.t1 - a.t0) > 16 * 3600 ? 7200 : 3600;
    for (int64_t t = a.t0; t <= a.t1; t += step) {
        char buf[MODEL_WALL_BUF];
        double x = tx(&a, t);
        io_json_out_printf(o, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
                              "y2=\"%.1f\"/><text x=\"%.1f\" y=\"14\">%s</text>",
                           x, x, TL_HEAD - 4, h, x + 2, rp_clock(p, t, buf));
    }
    io_json_out_raw(o, "\n");
    for (int i = 0; i < n; i++)
        row(pg, &a, items[i].route, TL_HEAD + i * TL_ROW);
    io_json_out_raw(o, "</svg>\n");
}

void rp_timeline(rp_page *pg)
{
    const model_schedule *s = pg->s;
    if (s->nroutes == 0) {
        io_json_out_raw(pg->o, "<p class=\"note\">No routes.</p>\n");
        return;
    }
    tl_item *items = malloc((size_t)s->nroutes * sizeof *items);
    if (!items) {
        pg->o->failed = true;
        return;
    }
    for (int r = 0; r < s->nroutes; r++) {
        items[r].route = r;
        items[r].day = model_shift_day(pg->p, s->routes[r].technician, s->routes[r].shift);
    }
    qsort(items, (size_t)s->nroutes, sizeof *items, cmp_item);
    for (int i = 0; i < s->nroutes;) {
        int k = i;
        while (k < s->nroutes && items[k].day == items[i].day)
            k++;
        day(pg, items + i, k - i);
        i = k;
    }
    free(items);
}
