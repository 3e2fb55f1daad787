/* store_csv_jobs.c - a jobs CSV file into the store (columns in
 * docs/schema.md): each row checked completely, with a message naming file,
 * row and column, before it is written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/formats/json_problem.h"
#include "io/store/store_csv_internal.h"

typedef struct job_cols {
    int id, title, customer, location, duration, skills, priority, load, wstart, wend, windows,
        release, deadline, technician, allowed, notes, status, locked;
    /* FORMAT.md extension 2 */
    int late_max, late_cost, preferred, phone, email, contact_notes;
} job_cols;

static model_status parse_job_windows(io_sc_ctx *c, const job_cols *jc, model_window *w, int *n)
{
    model_status rc;
    *n = 0;
    const char *ws = io_sc_cell(c, jc->wstart), *we = io_sc_cell(c, jc->wend);
    if (ws[0] || we[0]) {
        if (!ws[0])
            return io_sc_bad(c, jc->wstart, "empty while window_end is given");
        if (!we[0])
            return io_sc_bad(c, jc->wend, "empty while window_start is given");
        if ((rc = io_sc_parse_time(c, jc->wstart, ws, NULL, false, false, &w[0].start)) != MODEL_OK ||
            (rc = io_sc_parse_time(c, jc->wend, we, NULL, false, false, &w[0].end)) != MODEL_OK)
            return rc;
        if (w[0].end < w[0].start)
            return io_sc_bad(c, jc->wend, "before window_start");
        *n = 1;
    }
    if (jc->windows >= 0) {
        const char *items[MAX_LIST];
        int k;
        if ((rc = io_sc_split_list(c, jc->windows, c->t->rows[c->r][jc->windows], items, &k)) != MODEL_OK)
            return rc;
        if (*n + k > MODEL_MAX_WINDOWS_PER_JOB)
            return io_sc_bad(c, jc->windows, "more than %d windows", MODEL_MAX_WINDOWS_PER_JOB);
        for (int i = 0; i < k; i++) {
            char buf[200];
            snprintf(buf, sizeof buf, "%s", items[i]);
            char *slash = strchr(buf, '/');
            if (!slash)
                return io_sc_bad(c, jc->windows, "window '%s' is not START/END", items[i]);
            *slash = '\0';
            io_sc_trim(buf);
            io_sc_trim(slash + 1);
            model_window *x = &w[*n];
            if ((rc = io_sc_parse_time(c, jc->windows, buf, NULL, false, false, &x->start)) != MODEL_OK ||
                (rc = io_sc_parse_time(c, jc->windows, slash + 1, NULL, false, false, &x->end)) !=
                    MODEL_OK)
                return rc;
            if (x->end < x->start)
                return io_sc_bad(c, jc->windows, "window '%s' ends before it starts", items[i]);
            (*n)++;
        }
    }
    return MODEL_OK;
}

static model_status parse_bool(io_sc_ctx *c, int col, const char *v, bool *out)
{
    if (!strcasecmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
        !strcasecmp(v, "y") || !strcasecmp(v, "x"))
        *out = true;
    else if (!strcasecmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "false") ||
             !strcasecmp(v, "n"))
        *out = false;
    else
        return io_sc_bad(c, col, "'%s' is not yes or no", v);
    return MODEL_OK;
}

typedef struct job_lists {
    const char *skills[MAX_LIST], *allowed[MAX_LIST], *preferred[MAX_LIST];
    int levels[MAX_LIST];
    int64_t bonus[MAX_LIST];
} job_lists;

/* An optional text column: when the file has column col, *field is its
 * cell (NULL when empty) and bit is set in *mask. */
static void optional_text(io_sc_ctx *c, int col, const char **field, unsigned bit,
                          unsigned *mask)
{
    if (col < 0)
        return;
    *mask |= bit;
    *field = io_sc_cell(c, col)[0] ? io_sc_cell(c, col) : NULL;
}

static model_status job_row(io_sc_ctx *c, const job_cols *jc, bool exists, io_store_job_rec *r,
                            job_lists *l, model_window *windows)
{
    const char **allowed = l->allowed;
    model_status rc;
    const char *v;
    optional_text(c, jc->title, &r->title, IO_JOB_TITLE, &r->mask);
    optional_text(c, jc->customer, &r->customer, IO_JOB_CUSTOMER, &r->mask);
    optional_text(c, jc->notes, &r->notes, IO_JOB_NOTES, &r->mask);
    if ((v = io_sc_cell(c, jc->location))[0]) {
        r->mask |= IO_JOB_LOCATION;
        r->location = v;
        if ((rc = io_sc_check_ref(c, jc->location, v, false)) != MODEL_OK)
            return rc;
    } else if (!exists) {
        return jc->location < 0 ? io_sc_bad(c, -1, "no column 'location' for the new job '%s'", r->id)
                                : io_sc_bad(c, jc->location, "must not be empty for the new job '%s'", r->id);
    }
    if ((v = io_sc_cell(c, jc->duration))[0]) {
        double min;
        if (!io_sc_parse_num(c, v, &min))
            return io_sc_bad(c, jc->duration, "'%s' is not a number of minutes", v);
        if (min <= 0 || llround(min * 60) <= 0)
            return io_sc_bad(c, jc->duration, "must be > 0");
        if (min * 60 > (double)IO_JSON_MAX_DURATION_S)
            return io_sc_bad(c, jc->duration, "too long");
        r->mask |= IO_JOB_DURATION;
        r->duration_s = llround(min * 60);
    } else if (!exists) {
        return jc->duration < 0 ? io_sc_bad(c, -1, "no column 'duration_min' for the new job '%s'", r->id)
                                : io_sc_bad(c, jc->duration, "must not be empty for the new job '%s'", r->id);
    }
    if (jc->priority >= 0) {
        long long p = 0;
        r->mask |= IO_JOB_PRIORITY;
        if ((v = io_sc_cell(c, jc->priority))[0] && !io_sc_parse_int(v, 0, 100, &p))
            return io_sc_bad(c, jc->priority, "'%s' is not a whole number from 0 to 100", v);
        r->priority = (int)p;
    }
    if (jc->load >= 0) {
        r->mask |= IO_JOB_LOAD;
        if ((v = io_sc_cell(c, jc->load))[0] && (!io_sc_parse_num(c, v, &r->load) || r->load < 0))
            return io_sc_bad(c, jc->load, "'%s' is not a number >= 0", v);
    }
    r->release = MODEL_TIME_MIN;
    r->deadline = MODEL_TIME_MAX;
    if (jc->release >= 0) {
        r->mask |= IO_JOB_RELEASE;
        if ((v = io_sc_cell(c, jc->release))[0] &&
            (rc = io_sc_parse_time(c, jc->release, v, NULL, true, false, &r->release)) != MODEL_OK)
            return rc;
    }
    if (jc->deadline >= 0) {
        r->mask |= IO_JOB_DEADLINE;
        if ((v = io_sc_cell(c, jc->deadline))[0] &&
            (rc = io_sc_parse_time(c, jc->deadline, v, NULL, true, true, &r->deadline)) != MODEL_OK)
            return rc;
        if (r->release != MODEL_TIME_MIN && r->deadline != MODEL_TIME_MAX &&
            r->deadline < r->release)
            return io_sc_bad(c, jc->deadline, "before the release");
    }
    if (jc->technician >= 0) {
        r->mask |= IO_JOB_TECHNICIAN;
        if ((v = io_sc_cell(c, jc->technician))[0]) {
            r->technician = v;
            if ((rc = io_sc_check_ref(c, jc->technician, v, true)) != MODEL_OK)
                return rc;
        }
    }
    if (jc->allowed >= 0) {
        r->mask |= IO_JOB_ALLOWED;
        r->allowed = allowed;
        if ((rc = io_sc_split_list(c, jc->allowed, c->t->rows[c->r][jc->allowed], allowed,
                             &r->nallowed)) != MODEL_OK)
            return rc;
        for (int i = 0; i < r->nallowed; i++)
            if ((rc = io_sc_check_ref(c, jc->allowed, allowed[i], true)) != MODEL_OK)
                return rc;
        r->restricted = r->nallowed > 0;
    }
    if (jc->skills >= 0) {
        r->mask |= IO_JOB_SKILLS;
        r->skills = l->skills;
        r->skill_levels = l->levels;
        if ((rc = io_sc_skills(c, jc->skills, l->skills, l->levels, &r->nskills)) != MODEL_OK)
            return rc;
    }
    if (jc->wstart >= 0 || jc->wend >= 0 || jc->windows >= 0) {
        r->mask |= IO_JOB_WINDOWS;
        r->windows = windows;
        if ((rc = parse_job_windows(c, jc, windows, &r->nwindows)) != MODEL_OK)
            return rc;
    }
    if ((v = io_sc_cell(c, jc->status))[0]) {
        static const char *const ok[] = {"open", "scheduled", "started", "done", "cancelled"};
        r->status = NULL;
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            if (strcasecmp(v, ok[i]) == 0)
                r->status = ok[i];
        if (!r->status)
            return io_sc_bad(c, jc->status, "'%s' is not open, scheduled, started, done or cancelled", v);
        r->mask |= IO_JOB_STATUS;
    }
    if ((v = io_sc_cell(c, jc->locked))[0]) {
        if ((rc = parse_bool(c, jc->locked, v, &r->locked)) != MODEL_OK)
            return rc;
        r->mask |= IO_JOB_LOCKED;
    }
    return MODEL_OK;
}

/* The columns of FORMAT.md extension 2: lateness, preferred technicians,
 * the contact. */
static model_status job_rules(io_sc_ctx *c, const job_cols *jc, io_store_job_rec *r,
                              job_lists *l)
{
    model_status rc;
    if (jc->late_max >= 0) {
        r->mask |= IO_JOB_LATENESS;
        if ((rc = io_sc_soft_limit(c, jc->late_max, jc->late_cost, &r->lateness)) != MODEL_OK)
            return rc;
    }
    if (jc->preferred >= 0) {
        r->mask |= IO_JOB_PREFERRED;
        r->preferred = l->preferred;
        r->preferred_bonus_s = l->bonus;
        if ((rc = io_sc_preferred(c, jc->preferred, l->preferred, l->bonus, &r->npreferred)) !=
            MODEL_OK)
            return rc;
    }
    optional_text(c, jc->phone, &r->contact_phone, IO_JOB_CONTACT_PHONE, &r->mask);
    optional_text(c, jc->email, &r->contact_email, IO_JOB_CONTACT_EMAIL, &r->mask);
    optional_text(c, jc->contact_notes, &r->contact_notes, IO_JOB_CONTACT_NOTES, &r->mask);
    return MODEL_OK;
}

model_status io_sc_import_jobs(io_sc_ctx *c, io_store_import_stats *st)
{
    job_cols jc = {
        io_csv_column(c->t, "id"),           io_csv_column(c->t, "title"),
        io_csv_column(c->t, "customer"),     io_csv_column(c->t, "location"),
        io_csv_column(c->t, "duration_min"), io_csv_column(c->t, "skills"),
        io_csv_column(c->t, "priority"),     io_csv_column(c->t, "load"),
        io_csv_column(c->t, "window_start"), io_csv_column(c->t, "window_end"),
        io_csv_column(c->t, "windows"),      io_csv_column(c->t, "release"),
        io_csv_column(c->t, "deadline"),     io_csv_column(c->t, "technician"),
        io_csv_column(c->t, "allowed_technicians"), io_csv_column(c->t, "notes"),
        io_csv_column(c->t, "status"),       io_csv_column(c->t, "locked"),
        io_csv_column(c->t, "late_max_min"), io_csv_column(c->t, "late_cost_s_per_min"),
        io_csv_column(c->t, "preferred_technicians"), io_csv_column(c->t, "contact_phone"),
        io_csv_column(c->t, "contact_email"), io_csv_column(c->t, "contact_notes"),
    };
    model_status rc = io_sc_need_column(c, jc.id, "id");
    if (rc == MODEL_OK && (jc.wstart < 0) != (jc.wend < 0))
        rc = io_sc_need_column(c, -1, jc.wstart < 0 ? "window_start" : "window_end");
    if (rc == MODEL_OK && (jc.late_max < 0) != (jc.late_cost < 0))
        rc = io_sc_need_column(c, -1, jc.late_max < 0 ? "late_max_min" : "late_cost_s_per_min");
    model_strmap seen = MODEL_STRMAP_INIT;
    job_lists l;
    model_window windows[MODEL_MAX_WINDOWS_PER_JOB];
    for (c->r = 0; rc == MODEL_OK && c->r < c->t->nrows; c->r++) {
        io_store_job_rec r = {0};
        r.id = io_sc_cell(c, jc.id);
        if (!r.id[0]) {
            rc = io_sc_bad(c, jc.id, "must not be empty");
            break;
        }
        bool exists, ins;
        if ((rc = io_sc_unique_id(c, &seen, jc.id, r.id)) != MODEL_OK ||
            (rc = io_store_upsert_has_job(&c->u, r.id, &exists, c->err)) != MODEL_OK ||
            (rc = job_row(c, &jc, exists, &r, &l, windows)) != MODEL_OK ||
            (rc = job_rules(c, &jc, &r, &l)) != MODEL_OK)
            break;
        if ((rc = io_store_upsert_job(&c->u, &r, &ins, c->err)) == MODEL_OK)
            io_sc_count(st, ins);
    }
    model_strmap_free(&seen);
    return rc;
}

