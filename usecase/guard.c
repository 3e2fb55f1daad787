/* guard.c - the publishing guard (guard.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_query.h"
#include "model/array.h"
#include "model/time.h"
#include "model/tz.h"
#include "usecase/guard.h"

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

void usecase_guard_free(usecase_guard *g)
{
    if (!g)
        return;
    for (int i = 0; i < g->nlines; i++) {
        free(g->lines[i].job);
        free(g->lines[i].text);
    }
    free(g->lines);
    memset(g, 0, sizeof *g);
}

/* Appends a line for job; false when out of memory. */
static bool add_line(usecase_guard *g, int *cap, const char *job, bool appointment,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool add_line(usecase_guard *g, int *cap, const char *job, bool appointment,
                     const char *fmt, ...)
{
    if (model_array_grow((void **)&g->lines, cap, g->nlines + 1, sizeof *g->lines,
                         "too many lines", NULL) != MODEL_OK)
        return false;
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    usecase_guard_line *l = &g->lines[g->nlines];
    l->job = strdup(job);
    l->text = strdup(text);
    l->appointment = appointment;
    if (!l->job || !l->text) {
        free(l->job);
        free(l->text);
        return false;
    }
    g->nlines++;
    return true;
}


static bool live(const char *status)
{
    return !strcmp(status, "open") || !strcmp(status, "scheduled") || !strcmp(status, "started");
}

/* Whether sc cancels job. */
static bool cancelled(const io_scenario *sc, const model_tz *tz, const char *job)
{
    for (int i = 0; sc && i < io_scenario_count(sc); i++) {
        io_scenario_change ch;
        if (io_scenario_change_at(sc, i, tz, &ch, NULL) == MODEL_OK &&
            ch.kind == IO_CHANGE_CANCEL_JOB && ch.job && !strcmp(ch.job, job))
            return true;
    }
    return false;
}

/* Why the new version does not serve job j (-1: not in it). */
static const char *why_not(const model_schedule *sched, int j, char *buf, size_t size)
{
    if (j < 0)
        return "not in the new version (added after it was made, or outside its horizon)";
    for (int i = 0; i < sched->nunassigned; i++)
        if (sched->unassigned[i].job == j) {
            snprintf(buf, size, "unassigned: %s",
                     sched->unassigned[i].reason ? sched->unassigned[i].reason : "no reason");
            return buf;
        }
    return "not served";
}

/* The confirmed appointments the new version loses; marks them in *seen. */
static model_status check_appointments(io_store *s, const model_problem *p,
                                       const model_schedule *sched, const model_stop *const *stop,
                                       int64_t horizon_start, const io_scenario *sc,
                                       usecase_guard *g, int *cap, model_error *err)
{
    io_store_appointment *a = NULL;
    int n = 0;
    model_status rc = io_store_appointments_list(s, &a, &n, err);
    for (int i = 0; rc == MODEL_OK && i < n; i++) {
        if (a[i].end < horizon_start || cancelled(sc, p->tz, a[i].job))
            continue;
        int j = model_strmap_get(&p->job_index, a[i].job);
        const model_stop *st = j >= 0 ? stop[j] : NULL;
        if (st && st->start >= a[i].start && st->start <= a[i].end)
            continue;
        char from[24], to[24], at[24], why[512];
        model_time_wall(p->tz, a[i].start, false, from);
        model_time_wall(p->tz, a[i].end, true, to);
        bool ok;
        if (st)
            ok = add_line(g, cap, a[i].job, true,
                          "%s: confirmed appointment for %s-%s (booked in run %lld); served at "
                          "%s, outside its slot", a[i].job, from, to, (long long)a[i].run,
                          model_time_wall(p->tz, st->start, false, at));
        else
            ok = add_line(g, cap, a[i].job, true,
                          "%s: confirmed appointment for %s-%s (booked in run %lld); %s",
                          a[i].job, from, to, (long long)a[i].run,
                          why_not(sched, j, why, sizeof why));
        if (!ok)
            rc = nomem(err);
        else
            g->appointments++;
    }
    io_store_appointments_free(a, n);
    return rc;
}

static bool listed(const usecase_guard *g, const char *job)
{
    for (int i = 0; i < g->nlines; i++)
        if (!strcmp(g->lines[i].job, job))
            return true;
    return false;
}

model_status usecase_guard_run(io_store *s, const model_problem *p, const model_schedule *sched,
                               const char *from, const io_scenario *sc,
                               const usecase_guard_options *o, usecase_guard *g,
                               model_error *err)
{
    memset(g, 0, sizeof *g);
    int64_t day;
    if (model_date_parse(from, &day, err) != MODEL_OK)
        return err ? err->code : MODEL_ERR_INPUT;
    int64_t horizon_start = model_tz_day_start(p->tz, day);
    const model_stop **stop = calloc((size_t)(p->njobs ? p->njobs : 1), sizeof *stop);
    if (!stop)
        return nomem(err);
    for (int r = 0; r < sched->nroutes; r++)
        for (int k = 0; k < sched->routes[r].nstops; k++) {
            const model_stop *st = &sched->routes[r].stops[k];
            if (st->kind == MODEL_STOP_JOB && !stop[st->job]) {
                stop[st->job] = st;
                g->served_after++;
            }
        }
    io_store_served *pub = NULL;
    int npub = 0, cap = 0;
    model_status rc = io_store_served_list(s, 0, &pub, &npub, err);
    if (rc == MODEL_OK)
        rc = check_appointments(s, p, sched, stop, horizon_start, sc, g, &cap, err);
    g->served_before = npub;
    g->against = npub ? pub[0].version : 0;
    g->serves_nothing = npub > 0 && g->served_after == 0;
    for (int i = 0; rc == MODEL_OK && i < npub; i++) {
        const io_store_served *x = &pub[i];
        /* days before the horizon are history, unless nothing is served at all */
        if (!live(x->status) || (!g->serves_nothing && strcmp(x->date, from) < 0) ||
            cancelled(sc, p->tz, x->job) || listed(g, x->job))
            continue;
        int j = model_strmap_get(&p->job_index, x->job);
        if (j >= 0 && stop[j])
            continue;
        char at[24], why[512];
        if (!add_line(g, &cap, x->job, false, "%s: served by version %lld on %s (%s, %s); %s",
                      x->job, (long long)x->version, x->date, x->technician,
                      model_time_wall(p->tz, x->start, true, at),
                      why_not(sched, j, why, sizeof why)))
            rc = nomem(err);
        else
            g->dropped++;
    }
    int64_t share = (int64_t)npub * USECASE_GUARD_DEFAULT_PERCENT / 100;
    g->allowed = o->max_dropped >= 0 ? o->max_dropped : share > 1 ? share : 1;
    g->broken = g->dropped > g->allowed || g->serves_nothing || g->appointments > 0;
    g->refused = g->broken && !o->force;
    io_store_served_free(pub, npub);
    free(stop);
    if (rc != MODEL_OK)
        usecase_guard_free(g);
    return rc;
}

/* Appends ", ID" for lines of kind appointment (at most 10). */
static void ids(const usecase_guard *g, bool appointment, char *buf, size_t size)
{
    int n = 0;
    for (int i = 0; i < g->nlines; i++) {
        if (g->lines[i].appointment != appointment)
            continue;
        size_t len = strlen(buf);
        if (++n > 10) {
            snprintf(buf + len, size - len, ", ...");
            return;
        }
        snprintf(buf + len, size - len, "%s%s", n > 1 ? ", " : "", g->lines[i].job);
    }
}

const char *usecase_guard_note(const usecase_guard *g, char *buf, size_t size)
{
    char drop[256] = "", appt[256] = "";
    ids(g, false, drop, sizeof drop);
    ids(g, true, appt, sizeof appt);
    snprintf(buf, size, "forced over the guard against version %lld:", (long long)g->against);
    const char *sep = " ";
    size_t len = strlen(buf);
    if (g->dropped) {
        snprintf(buf + len, size - len, "%s%d job%s dropped (%s)", sep, g->dropped,
                 g->dropped == 1 ? "" : "s", drop);
        sep = ", ";
        len = strlen(buf);
    }
    if (g->appointments) {
        snprintf(buf + len, size - len, "%s%d confirmed appointment%s lost (%s)", sep,
                 g->appointments, g->appointments == 1 ? "" : "s", appt);
        sep = ", ";
        len = strlen(buf);
    }
    if (g->serves_nothing)
        snprintf(buf + len, size - len, "%sno job served", sep);
    return buf;
}
