/* report_html.h - a dispatcher's picture of a schedule as one
 * self-contained HTML page: a timeline per technician-day (travel,
 * waiting, service, breaks, the customer's window as a band, late visits
 * and overtime marked), a route map from the locations' coordinates
 * (equirectangular projection; left out when no location has any), the
 * KPIs (also per technician), the unassigned jobs with their reasons and,
 * given a comparison, the jobs that changed with the changed visits
 * highlighted.
 *
 * The page needs no network at all: inline CSS, inline SVG and a few lines
 * of inline script (hovering a route lights it up in the timeline and on
 * the map); its Content-Security-Policy forbids every fetch. Every string
 * taken from the data is HTML-escaped. Elements carry data attributes that
 * tests and scripts can count: data-route (one per route, on its timeline
 * row), data-visit (one per job served), data-route-line (one per route
 * drawn on the map), data-unassigned (one per unassigned job), data-change
 * (a changed visit: moved, shifted, assigned or added) and data-change-row
 * (one per job change listed). Nothing here prints. */
#ifndef FIELDPLAN_IO_REPORT_HTML_H
#define FIELDPLAN_IO_REPORT_HTML_H

#include <stddef.h>

#include "model/diff.h"
#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

typedef struct io_report_input {
    const model_problem *problem;   /* the problem the schedule solves (required) */
    const model_schedule *schedule; /* the schedule shown (required) */
    const char *title;              /* e.g. "version 7 (published)"; NULL: the problem's name */
    /* A comparison (NULL: none): the diff from an earlier schedule to this
     * one (model_diff_compute(before, ..., problem, schedule)), and the
     * problem of its side a, whose indices the diff's a side holds. */
    const model_diff *diff;
    const model_problem *before;
    const char *before_title;       /* e.g. "version 6"; may be NULL */
    int64_t generated_at;           /* instant shown as "generated"; 0: not shown */
} io_report_input;

/* The page for in as a NUL-terminated string in *out (the caller frees it),
 * its length in *len (may be NULL). MODEL_ERR_NOMEM; MODEL_ERR_INPUT when
 * the schedule holds an index out of the problem's range. */
model_status io_report_html(const io_report_input *in, char **out, size_t *len,
                            model_error *err);

#endif
