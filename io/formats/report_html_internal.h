/* report_html_internal.h - what the parts of the HTML report share
 * (report_html.c, report_html_timeline.c, report_html_map.c): the page
 * being written and what is known of every job. Private to io/formats. */
#ifndef FIELDPLAN_IO_REPORT_HTML_INTERNAL_H
#define FIELDPLAN_IO_REPORT_HTML_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/json_out.h"
#include "io/formats/report_html.h"

typedef struct rp_page {
    const io_report_input *in;
    const model_problem *p;
    const model_schedule *s;
    io_json_out *o;
    int *job_route;        /* job index -> route index serving it, or -1 */
    signed char *job_change; /* job index -> model_change_kind of its change, or -1 */
} rp_page;

/* Appends s HTML-escaped (& < > " '); NULL as nothing. */
void rp_esc(io_json_out *o, const char *s);

/* A technician's colour: "hsl(H,65%,42%)" into buf (32 bytes). */
const char *rp_colour(int tech, char buf[32]);

/* "HH:MM" of t in the problem's zone into buf (MODEL_WALL_BUF bytes). */
const char *rp_clock(const model_problem *p, int64_t t, char *buf);

/* Whether the visit of job j starting at start is late: after the end of
 * the last window that opens at or before it, or ending after the
 * deadline. *late_s (may be NULL) receives by how much. */
bool rp_visit_late(const model_job *j, int64_t start, int64_t *late_s);

/* The route's overtime: how far its end stop lies past its shift's end (0
 * when within it). */
int64_t rp_route_overtime(const model_problem *p, const model_route *r);

/* The timeline section (one SVG per day, a row per route). */
void rp_timeline(rp_page *pg);

/* The map section; nothing when no location has coordinates. */
void rp_map(rp_page *pg);

#endif
