/* report_html_map.c - the report's route map: the locations' coordinates
 * in an equirectangular projection (x = longitude times the cosine of the
 * middle latitude, y = latitude), one polyline per route from its start
 * through its visits to its end, depots as squares, unassigned jobs as
 * hollow circles. No tiles, no network: only the routes' shape. Left out
 * when no location has coordinates. */
#include <math.h>
#include <stdlib.h>

#include "io/formats/report_html_internal.h"

#define MAP_WIDTH 1000.0
#define MAP_PAD 16.0

typedef struct map_frame {
    double lon0, lat1; /* west and north edges */
    double k;          /* viewBox units per degree of latitude */
    double coslat;
    double h;          /* viewBox height */
} map_frame;

static double mx(const map_frame *f, const model_location *l)
{
    return MAP_PAD + (l->lon - f->lon0) * f->coslat * f->k;
}

static double my(const map_frame *f, const model_location *l)
{
    return MAP_PAD + (f->lat1 - l->lat) * f->k;
}

static bool usable(const model_problem *p, int loc)
{
    return loc >= 0 && loc < p->nlocations && p->locations[loc].has_coords &&
           isfinite(p->locations[loc].lat) && isfinite(p->locations[loc].lon);
}

/* The frame around every location a route or an unassigned job uses; false
 * when there is none. */
static bool frame(const rp_page *pg, map_frame *f)
{
    const model_problem *p = pg->p;
    double lo_lat = INFINITY, hi_lat = -INFINITY, lo_lon = INFINITY, hi_lon = -INFINITY;
    int n = 0;
    for (int i = 0; i < p->nlocations; i++) {
        if (!usable(p, i))
            continue;
        const model_location *l = &p->locations[i];
        lo_lat = fmin(lo_lat, l->lat);
        hi_lat = fmax(hi_lat, l->lat);
        lo_lon = fmin(lo_lon, l->lon);
        hi_lon = fmax(hi_lon, l->lon);
        n++;
    }
    if (n == 0)
        return false;
    f->coslat = cos((lo_lat + hi_lat) / 2 * M_PI / 180.0);
    if (f->coslat < 0.05)
        f->coslat = 0.05;
    double w = (hi_lon - lo_lon) * f->coslat, h = hi_lat - lo_lat;
    if (w < 1e-6)
        w = 1e-6;
    if (h < 1e-6)
        h = 1e-6;
    f->k = (MAP_WIDTH - 2 * MAP_PAD) / w;
    if (h * f->k > 700) /* a tall area: fit the height instead */
        f->k = 700 / h;
    f->lon0 = lo_lon;
    f->lat1 = hi_lat;
    f->h = h * f->k + 2 * MAP_PAD;
    return true;
}

static void route_line(rp_page *pg, const map_frame *f, int r)
{
    io_json_out *o = pg->o;
    const model_problem *p = pg->p;
    const model_route *rt = &pg->s->routes[r];
    int jobs = 0, pts = 0;
    for (int k = 0; k < rt->nstops; k++) {
        jobs += rt->stops[k].kind == MODEL_STOP_JOB;
        pts += usable(p, rt->stops[k].location);
    }
    if (jobs == 0 || pts < 2)
        return;
    char col[32], date[MODEL_DATE_BUF];
    model_shift_date(p, rt->technician, rt->shift, date);
    io_json_out_printf(o, "<polyline class=\"rl\" data-route-line=\"r%d\" data-tech=\"t%d\" "
                          "stroke=\"%s\" points=\"", r, rt->technician,
                       rp_colour(rt->technician, col));
    for (int k = 0; k < rt->nstops; k++)
        if (usable(p, rt->stops[k].location)) {
            const model_location *l = &p->locations[rt->stops[k].location];
            io_json_out_printf(o, "%.1f,%.1f ", mx(f, l), my(f, l));
        }
    io_json_out_raw(o, "\"><title>");
    rp_esc(o, p->technicians[rt->technician].id);
    io_json_out_printf(o, " %s: %d visits</title></polyline>\n", date, jobs);
    for (int k = 0; k < rt->nstops; k++) {
        const model_stop *st = &rt->stops[k];
        if (st->kind != MODEL_STOP_JOB || !usable(p, st->location))
            continue;
        const model_location *l = &p->locations[st->location];
        io_json_out_printf(o, "<circle data-map-visit=\"\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                              "fill=\"%s\"%s><title>", mx(f, l), my(f, l), col,
                           pg->job_change[st->job] >= 0 ? " class=\"chg\"" : "");
        rp_esc(o, p->jobs[st->job].id);
        io_json_out_raw(o, "</title></circle>");
    }
    io_json_out_raw(o, "\n");
}

void rp_map(rp_page *pg)
{
    const model_problem *p = pg->p;
    io_json_out *o = pg->o;
    map_frame f;
    if (!frame(pg, &f)) {
        io_json_out_raw(o, "<section id=\"map\"><h2>Map</h2><p class=\"note\">No location has "
                           "coordinates: no map.</p></section>\n");
        return;
    }
    io_json_out_printf(o, "<section id=\"map\"><h2>Map</h2>\n<svg class=\"map\" viewBox=\"0 0 "
                          "%.0f %.0f\" width=\"100%%\" style=\"max-width:1000px\" role=\"img\">\n"
                          "<rect width=\"100%%\" height=\"100%%\" fill=\"#fbfcfd\"/>\n",
                       MAP_WIDTH, f.h);
    for (int r = 0; r < pg->s->nroutes; r++)
        route_line(pg, &f, r);
    /* the technicians' start and end locations, each once */
    bool *depot = calloc(p->nlocations > 0 ? (size_t)p->nlocations : 1, 1);
    if (!depot) {
        o->failed = true;
        return;
    }
    for (int t = 0; t < p->ntechnicians; t++) {
        depot[p->technicians[t].start_location] = true;
        depot[p->technicians[t].end_location] = true;
    }
    for (int i = 0; i < p->nlocations; i++)
        if (depot[i] && usable(p, i)) {
            const model_location *l = &p->locations[i];
            io_json_out_printf(o, "<rect class=\"depot\" x=\"%.1f\" y=\"%.1f\" width=\"8\" "
                                  "height=\"8\"><title>", mx(&f, l) - 4, my(&f, l) - 4);
            rp_esc(o, l->id);
            io_json_out_raw(o, "</title></rect>");
        }
    free(depot);
    for (int i = 0; i < pg->s->nunassigned; i++) {
        const model_job *j = &p->jobs[pg->s->unassigned[i].job];
        if (!usable(p, j->location))
            continue;
        const model_location *l = &p->locations[j->location];
        io_json_out_printf(o, "<circle class=\"un\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>",
                           mx(&f, l), my(&f, l));
        rp_esc(o, j->id);
        io_json_out_raw(o, " (unassigned)</title></circle>");
    }
    io_json_out_raw(o, "\n</svg>\n<p class=\"note\">Straight lines between stops "
                       "(equirectangular projection); squares: depots; hollow circles: "
                       "unassigned jobs.</p></section>\n");
}
