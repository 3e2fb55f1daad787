/* scenario_edit.c - io_scenario_apply and io_scenario_apply_problem
 * (scenario.h), and io_scenario_apply_edits (scenario_internal.h): the
 * changes of a scenario made to a copy of a model_problem in memory, with
 * the checks the problem reader would make on the changed problem.
 *
 * Exactness is the rule: the result and every message are those the JSON
 * path (scenario_apply.c) gives. Where this file cannot be sure of that
 * (add_job and update_job, whose fields only the problem reader knows; a
 * value the reader would refuse and tell in its own words; a skill order
 * that depends on the order of skill lists in the text) it gives up before
 * reporting anything, and the caller takes the JSON path. Errors the
 * applier itself finds (unknown technician, bad clock, limits) come in
 * change order on both paths, so they are reported here. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/scenario_internal.h"
#include "io/formats/zonefile.h"
#include "model/problem_edit.h"

/* The source name the problem text is read under (as scenario_apply.c). */
#define CHANGED "changed problem"

typedef struct editor {
    const io_scenario *sc;
    const model_problem *src;   /* the problem started from */
    model_problem *p;           /* the copy being changed */
    model_error *err;
    bool give_up;               /* only the JSON path is exact */
    bool skills_changed;        /* a skill added, removed or a job cancelled */
    model_skillset *added;      /* per technician: skills add_skill gave it */
    int *orig_job;              /* per job of p: its index in src */
    int travel_change;          /* last travel_factor change, or -1 */
    bool locations_added;
    char **warn;
    int nwarn, cwarn;
} editor;

static model_status nomem(editor *a)
{
    return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
}

static model_status warn(editor *a, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static model_status warn(editor *a, const char *where, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX], *line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t n = strlen(a->sc->source) + strlen(where) + strlen(what) + 5;
    if (a->nwarn == a->cwarn) {
        int nc = a->cwarn ? a->cwarn * 2 : 4;
        char **g = realloc(a->warn, (size_t)nc * sizeof *g);
        if (!g)
            return nomem(a);
        a->warn = g;
        a->cwarn = nc;
    }
    if (!(line = malloc(n)))
        return nomem(a);
    snprintf(line, n, "%s: %s: %s", a->sc->source, where, what);
    a->warn[a->nwarn++] = line;
    return MODEL_OK;
}

static int technician(editor *a, int i, model_status *st)
{
    const char *id = a->sc->typed[i].id;
    int t = model_strmap_get(&a->p->technician_index, id);
    char where[256];
    *st = MODEL_OK;
    if (t < 0)
        *st = io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                               io_scenario_where(a->sc, i, io_scenario_kind_key[a->sc->kind[i]],
                                                 NULL, where, sizeof where),
                               "unknown technician '%.64s' (not in the plan)", id);
    return t;
}

/* Whether break b can be taken in [s, e], outside the gap [ga, gb) if any. */
static bool break_fits(const model_break *b, int64_t s, int64_t e, bool gap, int64_t ga,
                       int64_t gb)
{
    int64_t lo = b->earliest, hi = b->latest, dur = b->duration;
    int64_t st1 = lo > s ? lo : s, st2 = lo > gb ? lo : gb;
    if (!gap)
        return st1 <= hi && st1 + dur <= e;
    return (st1 <= hi && st1 + dur <= ga) || (st2 <= hi && st2 + dur <= e);
}

static void prune_breaks(model_shift *sh, bool gap, int64_t ga, int64_t gb)
{
    for (int k = 0; k < sh->nbreaks;)
        if (!break_fits(&sh->breaks[k], sh->start, sh->end, gap, ga, gb))
            model_shift_remove_break(sh, k);
        else
            k++;
}

static model_status apply_absent(editor *a, int i)
{
    io_scenario_change ch;
    model_status st = io_scenario_change_at(a->sc, i, a->p->tz, &ch, a->err);
    int ti = st == MODEL_OK ? technician(a, i, &st) : -1;
    if (ti < 0)
        return st;
    model_technician *t = &a->p->technicians[ti];
    char where[256];
    io_scenario_where(a->sc, i, "absent", NULL, where, sizeof where);
    int hits = 0;
    for (int k = 0; k < t->nshifts;) {
        model_shift *sh = &t->shifts[k];
        if (ch.to <= sh->start || ch.from >= sh->end) {
            k++;
            continue;
        }
        hits++;
        if (ch.from <= sh->start && ch.to >= sh->end) {
            model_technician_remove_shift(t, k);
            continue;
        }
        k++;
        bool inner = ch.from > sh->start && ch.to < sh->end;
        if (ch.from <= sh->start)
            sh->start = ch.to;
        if (ch.to >= sh->end)
            sh->end = ch.from;
        prune_breaks(sh, inner, ch.from, ch.to);
        if (!inner)
            continue;
        if (sh->nbreaks >= MODEL_MAX_BREAKS_PER_SHIFT)
            return io_scenario_fail(a->sc, a->err, MODEL_ERR_LIMIT, where,
                                    "the absence would be break %d of a shift of '%s' (at most %d)",
                                    MODEL_MAX_BREAKS_PER_SHIFT + 1, ch.technician,
                                    MODEL_MAX_BREAKS_PER_SHIFT);
        /* the absence as a break that must start when it does; whole minutes */
        model_break b = {ch.from, ch.from, (ch.to - ch.from + 59) / 60 * 60};
        if ((st = model_shift_add_break(sh, &b, a->err)) != MODEL_OK)
            return st;
    }
    if (!hits)
        return warn(a, where, "no shift of '%s' overlaps the absence: nothing changed",
                    ch.technician);
    return MODEL_OK;
}

/* A break's minutes as the reader takes them (whole seconds), or false. */
static bool break_seconds(double minutes, int64_t *out)
{
    double s = minutes * 60, rs = round(s);
    if (!(minutes >= 0) || !(fabs(s - rs) < 1e-9))
        return false;
    *out = (int64_t)rs;
    return true;
}

/* The breaks of a shift change, on day `days`, into b[]. */
static model_status shift_breaks(editor *a, int i, int64_t days, model_break *b)
{
    const io_scn_typed *c = &a->sc->typed[i];
    for (int k = 0; k < c->nbreaks; k++) {
        bool clock;
        model_error e = MODEL_ERROR_INIT;
        if (io_scenario_clock(c->breaks[k].earliest, days, a->p->tz, &b[k].earliest, &clock,
                              &e) != MODEL_OK ||
            io_scenario_clock(c->breaks[k].latest, days, a->p->tz, &b[k].latest, &clock, &e) !=
                MODEL_OK) {
            char where[256];
            return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                    io_scenario_where(a->sc, i, NULL, "breaks", where,
                                                      sizeof where), "%s", e.msg);
        }
        if (!break_seconds(c->breaks[k].minutes, &b[k].duration) || b[k].latest < b[k].earliest)
            a->give_up = true; /* the reader says why */
    }
    return MODEL_OK;
}

static model_status apply_shift(editor *a, int i)
{
    const io_scn_typed *c = &a->sc->typed[i];
    model_status st;
    int ti = technician(a, i, &st);
    if (ti < 0)
        return st;
    int64_t days, s, e;
    bool clock_s, clock_e;
    model_error me = MODEL_ERROR_INIT;
    char where[256];
    model_date_parse(c->date, &days, NULL);
    if (io_scenario_clock(c->start, days, a->p->tz, &s, &clock_s, &me) != MODEL_OK ||
        io_scenario_clock(c->end, days, a->p->tz, &e, &clock_e, &me) != MODEL_OK)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, NULL, "start", where, sizeof where),
                                "%s", me.msg);
    if (clock_e && e <= s) /* an end before the start is on the next day */
        io_scenario_clock(c->end, days + 1, a->p->tz, &e, &clock_e, &me);
    if (e <= s)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, NULL, "end", where, sizeof where),
                                "not after the start");
    model_break breaks[MODEL_MAX_BREAKS_PER_SHIFT];
    if (c->has_breaks && (st = shift_breaks(a, i, days, breaks)) != MODEL_OK)
        return st;
    model_technician *t = &a->p->technicians[ti];
    model_shift *found = NULL;
    for (int k = 0; k < t->nshifts && !found; k++) {
        model_civil cv = model_tz_to_civil(a->p->tz, t->shifts[k].start);
        if (model_days_from_civil(cv.year, cv.month, cv.day) == days)
            found = &t->shifts[k];
    }
    if (!found && (st = model_technician_add_shift(t, &found, a->err)) != MODEL_OK)
        return st;
    found->start = s;
    found->end = e;
    if (!c->has_breaks) {
        prune_breaks(found, false, 0, 0);
        return MODEL_OK;
    }
    found->nbreaks = 0;
    for (int k = 0; k < c->nbreaks; k++)
        if ((st = model_shift_add_break(found, &breaks[k], a->err)) != MODEL_OK)
            return st;
    return MODEL_OK;
}

static model_status apply_skill(editor *a, int i, bool add)
{
    model_status st;
    int ti = technician(a, i, &st);
    if (ti < 0)
        return st;
    const char *skill = a->sc->typed[i].skill;
    char where[256];
    io_scenario_where(a->sc, i, add ? "add_skill" : "remove_skill", NULL, where, sizeof where);
    model_technician *t = &a->p->technicians[ti];
    int k = model_strmap_get(&a->p->skill_index, skill);
    bool has = k >= 0 && model_skillset_has(&t->skills, k);
    if (add && has)
        return warn(a, where, "'%s' already has skill '%s'", a->sc->typed[i].id, skill);
    if (!add && !has)
        return warn(a, where, "'%s' has no skill '%s'", a->sc->typed[i].id, skill);
    a->skills_changed = true;
    if (!add) {
        model_skillset_remove(&t->skills, k);
        model_skillset_remove(&a->added[ti], k);
        return MODEL_OK;
    }
    model_error e = MODEL_ERROR_INIT;
    if (k < 0 && model_problem_intern_skill(a->p, skill, &k, &e) != MODEL_OK) {
        a->give_up = true; /* too many skills: the reader says so */
        return MODEL_OK;
    }
    model_skillset_add(&t->skills, k);
    model_skillset_add(&a->added[ti], k);
    return MODEL_OK;
}

static model_status apply_cancel_job(editor *a, int i)
{
    const char *id = a->sc->typed[i].id;
    int j = model_strmap_get(&a->p->job_index, id);
    char where[256];
    if (j < 0)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, "cancel_job", NULL, where,
                                                  sizeof where),
                                "unknown job '%.64s' (not in the plan)", id);
    model_status st = model_problem_remove_job(a->p, j, a->err);
    memmove(&a->orig_job[j], &a->orig_job[j + 1], (size_t)(a->p->njobs - j) * sizeof(int));
    a->skills_changed = true;
    return st;
}

static model_status apply_travel_factor(editor *a, int i)
{
    double f = a->sc->typed[i].factor;
    char where[256];
    io_scenario_where(a->sc, i, "travel_factor", NULL, where, sizeof where);
    a->travel_change = i;
    if (a->p->travel.kind == MODEL_TRAVEL_HAVERSINE) {
        a->p->travel.speed_kmh /= f;
        return MODEL_OK;
    }
    model_error e = MODEL_ERROR_INIT;
    model_status st = model_problem_scale_matrix(a->p, f, &e);
    if (st == MODEL_ERR_LIMIT)
        return io_scenario_fail(a->sc, a->err, st, where, "%s", e.msg);
    return st;
}

static model_status apply_add_location(editor *a, int i)
{
    const io_scn_typed *c = &a->sc->typed[i];
    char where[256];
    io_scenario_where(a->sc, i, "add_location", NULL, where, sizeof where);
    if (model_strmap_get(&a->p->location_index, c->loc_id) >= 0)
        return warn(a, where, "location '%s' is already in the plan: kept as it is", c->loc_id);
    if (a->p->travel.kind != MODEL_TRAVEL_HAVERSINE)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT, where,
                                "the plan's travel is a matrix: import the location with its "
                                "travel times instead");
    if (!c->loc_plain) {
        a->give_up = true;
        return MODEL_OK;
    }
    int k;
    model_status st = model_problem_add_location(a->p, c->loc_id, c->address, &k, a->err);
    if (st == MODEL_OK) {
        a->p->locations[k].lat = c->lat;
        a->p->locations[k].lon = c->lon;
        a->p->locations[k].has_coords = true;
        a->locations_added = true;
    }
    return st;
}

static model_status apply_one(editor *a, int i)
{
    switch (a->sc->kind[i]) {
    case IO_CHANGE_ABSENT: return apply_absent(a, i);
    case IO_CHANGE_SHIFT: return apply_shift(a, i);
    case IO_CHANGE_ADD_SKILL: return apply_skill(a, i, true);
    case IO_CHANGE_REMOVE_SKILL: return apply_skill(a, i, false);
    case IO_CHANGE_CANCEL_JOB: return apply_cancel_job(a, i);
    case IO_CHANGE_TRAVEL_FACTOR: return apply_travel_factor(a, i);
    case IO_CHANGE_ADD_LOCATION: return apply_add_location(a, i);
    case IO_CHANGE_ADD_JOB:
    case IO_CHANGE_UPDATE_JOB: a->give_up = true; return MODEL_OK;
    }
    return MODEL_OK;
}

/* ---- what the reader would check or order differently ---- */

/* Renumbers the skills, when none are declared, in the order the reader
 * interns them in the changed problem: first use, technicians then jobs.
 * Within a record that order follows its skill list as written, which the
 * model does not keep; it is the old index order only for skills first
 * used there before the changes, so any other case gives up. */
static model_status first_use_order(editor *a)
{
    model_problem *p = a->p;
    const model_problem *src = a->src;
    int nt = p->ntechnicians, n = 0;
    int *first = malloc((size_t)(p->nskills + 1) * sizeof *first);
    int *order = malloc((size_t)(p->nskills + 1) * sizeof *order);
    bool *seen = calloc((size_t)p->nskills + 1, sizeof *seen);
    model_status st = MODEL_OK;
    if (!first || !order || !seen) {
        st = nomem(a);
        goto done;
    }
    for (int k = 0; k < p->nskills; k++)
        first[k] = -1;
    for (int r = 0; r < src->ntechnicians + src->njobs; r++) {
        const model_skillset *s = r < nt ? &src->technicians[r].skills : &src->jobs[r - nt].skills;
        for (int k = 0; k < src->nskills; k++)
            if (first[k] < 0 && model_skillset_has(s, k))
                first[k] = r;
    }
    for (int r = 0; r < nt + p->njobs && !a->give_up; r++) {
        int rec = r < nt ? r : nt + a->orig_job[r - nt], from = n;
        const model_skillset *s = r < nt ? &p->technicians[r].skills : &p->jobs[r - nt].skills;
        bool unsure = false;
        for (int k = 0; k < p->nskills; k++) {
            if (seen[k] || !model_skillset_has(s, k))
                continue;
            seen[k] = true;
            order[n++] = k;
            unsure |= first[k] != rec || (r < nt && model_skillset_has(&a->added[r], k));
        }
        if (unsure && n - from > 1)
            a->give_up = true;
    }
    bool same = n == p->nskills;
    for (int k = 0; k < n && same; k++)
        same = order[k] == k;
    if (!a->give_up && !same)
        st = model_problem_renumber_skills(p, order, n, a->err);
done:
    free(first);
    free(order);
    free(seen);
    return st;
}

/* Two breaks of a shift that the sort could order either way. */
static bool ambiguous_breaks(const model_problem *p)
{
    for (int i = 0; i < p->ntechnicians; i++)
        for (int k = 0; k < p->technicians[i].nshifts; k++) {
            const model_shift *sh = &p->technicians[i].shifts[k];
            for (int x = 0; x < sh->nbreaks; x++)
                for (int y = x + 1; y < sh->nbreaks; y++)
                    if (sh->breaks[x].earliest == sh->breaks[y].earliest &&
                        sh->breaks[x].latest == sh->breaks[y].latest &&
                        sh->breaks[x].duration != sh->breaks[y].duration)
                        return true;
        }
    return false;
}

/* The reader's range check of haversine legs (json_problem.c). */
static bool haversine_in_range(const model_problem *p)
{
    const model_travel *tr = &p->travel;
    if (tr->kind != MODEL_TRAVEL_HAVERSINE)
        return true;
    if (!tr->durations) {
        double far = floor(M_PI * 6371008.8 * tr->circuity + 0.5);
        return !(far >= MODEL_MAX_TRAVEL_S ||
                 floor(far * 3.6 / tr->speed_kmh + 0.5) >= MODEL_MAX_TRAVEL_S);
    }
    size_t cells = (size_t)tr->n * (size_t)tr->n;
    for (size_t k = 0; k < cells; k++)
        if (tr->durations[k] >= MODEL_MAX_TRAVEL_S || tr->distances[k] >= MODEL_MAX_TRAVEL_S)
            return false;
    return true;
}

static model_status finish(editor *a)
{
    model_status st = MODEL_OK;
    model_error e = MODEL_ERROR_INIT;
    if (!a->p->skills_declared && a->skills_changed && (st = first_use_order(a)) != MODEL_OK)
        return st;
    if (a->give_up || ambiguous_breaks(a->p)) {
        a->give_up = true;
        return MODEL_OK;
    }
    if ((st = model_problem_finish(a->p, &e)) != MODEL_OK || !haversine_in_range(a->p)) {
        if (st == MODEL_ERR_NOMEM)
            return model_error_set(a->err, st, "%s", e.msg);
        a->give_up = true; /* the reader tells it against the change */
    }
    return MODEL_OK;
}

model_status io_scenario_apply_edits(const io_scenario *sc, const model_problem *p,
                                     io_scenario_result *out, bool *done, model_error *err)
{
    editor a = {.sc = sc, .src = p, .err = err, .travel_change = -1};
    memset(out, 0, sizeof *out);
    *done = false;
    for (int i = 0; i < sc->n; i++)
        if (sc->kind[i] == IO_CHANGE_ADD_JOB || sc->kind[i] == IO_CHANGE_UPDATE_JOB)
            return MODEL_OK;
    model_tz *tz = NULL;
    model_status st = io_zone_load(&tz, model_tz_name(p->tz), err);
    if (st == MODEL_OK)
        st = model_problem_copy(p, tz, &a.p, err);
    if (st == MODEL_OK) {
        a.added = calloc((size_t)p->ntechnicians + 1, sizeof *a.added);
        a.orig_job = malloc(((size_t)p->njobs + 1) * sizeof *a.orig_job);
        if (!a.added || !a.orig_job)
            st = nomem(&a);
        for (int j = 0; st == MODEL_OK && j < p->njobs; j++)
            a.orig_job[j] = j;
    }
    for (int i = 0; st == MODEL_OK && i < sc->n; i++)
        st = apply_one(&a, i);
    if (st == MODEL_OK && !a.give_up)
        st = finish(&a);
    free(a.added);
    free(a.orig_job);
    if (st != MODEL_OK || a.give_up) {
        model_problem_free(a.p);
        for (int k = 0; k < a.nwarn; k++)
            free(a.warn[k]);
        free(a.warn);
        return st;
    }
    out->problem = a.p;
    out->warnings = a.warn;
    out->nwarnings = a.nwarn;
    *done = true;
    return MODEL_OK;
}

/* ---- the entry points ---- */

model_status io_scenario_apply(const io_scenario *sc, const char *text, size_t len,
                               io_scenario_result *out, model_error *err)
{
    model_problem *p = NULL;
    model_error ignored = MODEL_ERROR_INIT;
    bool done = false;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < sc->n; i++)
        if (sc->kind[i] == IO_CHANGE_ADD_JOB || sc->kind[i] == IO_CHANGE_UPDATE_JOB)
            return io_scenario_apply_json(sc, text, len, out, err);
    /* a problem the reader refuses: the JSON path tells it against the scenario */
    if (io_json_read_problem_text(text, len, CHANGED, &p, &ignored) != MODEL_OK)
        return io_scenario_apply_json(sc, text, len, out, err);
    model_status st = io_scenario_apply_edits(sc, p, out, &done, err);
    model_problem_free(p);
    if (st != MODEL_OK || done)
        return st;
    return io_scenario_apply_json(sc, text, len, out, err);
}

model_status io_scenario_apply_problem(const io_scenario *sc, const model_problem *p,
                                       io_scenario_result *out, model_error *err)
{
    bool done = false;
    memset(out, 0, sizeof *out);
    model_status st = io_scenario_apply_edits(sc, p, out, &done, err);
    if (st != MODEL_OK || done)
        return st;
    char *text = io_json_problem_to_string(p, err);
    if (!text)
        return err ? err->code : MODEL_ERR_NOMEM;
    st = io_scenario_apply_json(sc, text, strlen(text), out, err);
    free(text);
    return st;
}

void io_scenario_result_free(io_scenario_result *r)
{
    if (!r)
        return;
    model_problem_free(r->problem);
    for (int k = 0; k < r->nwarnings; k++)
        free(r->warnings[k]);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}
