/* scenario_edit.c - io_scenario_apply and io_scenario_apply_problem
 * (scenario.h), and io_scenario_apply_edits (scenario_internal.h): the
 * changes of a scenario made to a copy of a model_problem in memory.
 *
 * Exactness is the rule: the result and every message are those of
 * applying the changes to the problem's JSON text and reading the text
 * back. Errors found while applying (unknown technician or job, a bad
 * clock, limits) come first, in change order; what the problem reader would
 * refuse in the changed problem is checked afterwards in the reader's order
 * by scenario_check.c, which reads added and changed jobs and added
 * locations with the reader's own code. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_read_internal.h"
#include "io/formats/scenario_edit_internal.h"
#include "io/formats/zonefile.h"
#include "model/problem_edit.h"

/* The source name the problem text is read under (messages about the base). */
#define CHANGED "changed problem"

static model_status nomem(scn_editor *a)
{
    return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
}

model_status scn_warn(scn_editor *a, const char *where, const char *fmt, ...)
{
    char what[MODEL_ERROR_MSG_MAX], *line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t n = strlen(a->sc->source) + strlen(where) + strlen(what) + 5;
    if (!scn_room((void **)&a->warn, &a->cwarn, a->nwarn + 1, sizeof *a->warn))
        return nomem(a);
    if (!(line = malloc(n)))
        return nomem(a);
    snprintf(line, n, "%s: %s: %s", a->sc->source, where, what);
    a->warn[a->nwarn++] = line;
    return MODEL_OK;
}

/* ---- technicians: absences, shifts, skills ---- */

/* The record change i names in index (a technician or a job: what), or -1
 * with *st set to "unknown WHAT 'ID' (not in the plan)". */
static int named(scn_editor *a, int i, const model_strmap *index, const char *what,
                 model_status *st)
{
    const char *id = a->sc->ch[i].typed.id;
    int k = model_strmap_get(index, id);
    char where[256];
    *st = MODEL_OK;
    if (k < 0)
        *st = io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                               io_scenario_where(a->sc, i, io_scenario_kind_key[a->sc->ch[i].kind],
                                                 NULL, where, sizeof where),
                               "unknown %s '%.64s' (not in the plan)", what, id);
    return k;
}

static int technician(scn_editor *a, int i, model_status *st)
{
    return named(a, i, &a->p->technician_index, "technician", st);
}

/* Change i touched technician t: the reader's errors about it name i. */
static void touch(scn_editor *a, int t, const char *where)
{
    snprintf(a->tech_where[t], sizeof a->tech_where[t], "%s", where);
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

/* Break b (b < 0: every break) of shift k of technician t is gone, or the
 * whole shift when shift_gone: the refused breaks follow. */
static void forget_breaks(scn_editor *a, int t, int k, int b, bool shift_gone)
{
    int m = 0;
    for (int q = 0; q < a->nbad; q++) {
        scn_bad_break x = a->bad[q];
        if (x.technician == t && x.shift == k && (b < 0 || x.brk == b))
            continue;
        if (x.technician == t && shift_gone && x.shift > k)
            x.shift--;
        if (x.technician == t && !shift_gone && b >= 0 && x.shift == k && x.brk > b)
            x.brk--;
        a->bad[m++] = x;
    }
    a->nbad = m;
}

static void prune_breaks(scn_editor *a, int t, int k, bool gap, int64_t ga, int64_t gb)
{
    model_shift *sh = &a->p->technicians[t].shifts[k];
    for (int b = 0; b < sh->nbreaks;)
        if (!break_fits(&sh->breaks[b], sh->start, sh->end, gap, ga, gb)) {
            model_shift_remove_break(sh, b);
            forget_breaks(a, t, k, b, false);
        } else {
            b++;
        }
}

static model_status apply_absent(scn_editor *a, int i)
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
            forget_breaks(a, ti, k, -1, true);
            continue;
        }
        k++;
        bool inner = ch.from > sh->start && ch.to < sh->end;
        if (ch.from <= sh->start)
            sh->start = ch.to;
        if (ch.to >= sh->end)
            sh->end = ch.from;
        prune_breaks(a, ti, k - 1, inner, ch.from, ch.to);
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
    touch(a, ti, where);
    if (!hits)
        return scn_warn(a, where, "no shift of '%s' overlaps the absence: nothing changed",
                    ch.technician);
    return MODEL_OK;
}

/* The breaks of a shift change, on day `days`, into b[]; the seconds of
 * minutes that are not whole seconds are rounded (the reader refuses them
 * when the changed problem is checked, scenario_check.c). */
static model_status shift_breaks(scn_editor *a, int i, int64_t days, model_break *b,
                                 bool *whole)
{
    const io_scn_typed *c = &a->sc->ch[i].typed;
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
        double s = c->breaks[k].minutes * 60;
        b[k].duration = (int64_t)llround(s);
        whole[k] = fabs(s - round(s)) < 1e-9;
    }
    return MODEL_OK;
}

static model_status apply_shift(scn_editor *a, int i)
{
    const io_scn_typed *c = &a->sc->ch[i].typed;
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
    bool whole[MODEL_MAX_BREAKS_PER_SHIFT];
    if (c->has_breaks && (st = shift_breaks(a, i, days, breaks, whole)) != MODEL_OK)
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
    touch(a, ti, io_scenario_where(a->sc, i, "shift", NULL, where, sizeof where));
    found->start = s;
    found->end = e;
    int fk = (int)(found - t->shifts);
    if (!c->has_breaks) {
        prune_breaks(a, ti, fk, false, 0, 0);
        return MODEL_OK;
    }
    found->nbreaks = 0;
    forget_breaks(a, ti, fk, -1, false);
    for (int k = 0; k < c->nbreaks; k++) {
        if ((st = model_shift_add_break(found, &breaks[k], a->err)) != MODEL_OK)
            return st;
        if (whole[k])
            continue;
        if (!scn_room((void **)&a->bad, &a->cap_bad, a->nbad + 1, sizeof *a->bad))
            return nomem(a);
        a->bad[a->nbad++] = (scn_bad_break){ti, fk, found->nbreaks - 1, c->breaks[k].obj};
    }
    return MODEL_OK;
}

static model_status apply_skill(scn_editor *a, int i, bool add)
{
    model_status st;
    int ti = technician(a, i, &st);
    if (ti < 0)
        return st;
    const char *skill = a->sc->ch[i].typed.skill;
    char where[256];
    io_scenario_where(a->sc, i, add ? "add_skill" : "remove_skill", NULL, where, sizeof where);
    touch(a, ti, where);
    model_technician *t = &a->p->technicians[ti];
    int k = model_strmap_get(&a->p->skill_index, skill);
    bool has = k >= 0 && model_skillset_has(&t->skills, k);
    for (int x = 0; x < a->noverflow && !has; x++)
        has = a->overflow[x].technician == ti && strcmp(a->overflow[x].skill, skill) == 0;
    if (add && has)
        return scn_warn(a, where, "'%s' already has skill '%s'", a->sc->ch[i].typed.id, skill);
    if (!add && !has)
        return scn_warn(a, where, "'%s' has no skill '%s'", a->sc->ch[i].typed.id, skill);
    if (!add && k >= 0 && model_skillset_has(&t->skills, k)) {
        model_skillset_remove(&t->skills, k);
        model_skill_order_remove(&t->skill_order, k);
        return MODEL_OK;
    }
    for (int x = 0; !add && x < a->noverflow; x++)
        if (a->overflow[x].technician == ti && strcmp(a->overflow[x].skill, skill) == 0) {
            memmove(&a->overflow[x], &a->overflow[x + 1],
                    (size_t)(a->noverflow - x - 1) * sizeof *a->overflow);
            a->noverflow--;
            return MODEL_OK;
        }
    model_error e = MODEL_ERROR_INIT;
    if (k < 0 && !a->p->skills_declared && a->p->nskills >= MODEL_MAX_SKILLS &&
        (st = scn_renumber_skills(a)) != MODEL_OK) /* make room: drop unused skills */
        return st;
    if (k < 0 && model_problem_intern_skill(a->p, skill, &k, &e) != MODEL_OK) {
        if (e.code != MODEL_ERR_LIMIT)
            return model_error_set(a->err, e.code, "%s", e.msg);
        if (a->p->skills_declared) { /* the reader refuses the declared list */
            a->declared_overflow = true;
            return MODEL_OK;
        }
        if (!scn_room((void **)&a->overflow, &a->cap_overflow, a->noverflow + 1,
                      sizeof *a->overflow))
            return nomem(a);
        a->overflow[a->noverflow++] = (scn_overflow){ti, skill};
        return MODEL_OK;
    }
    model_skillset_add(&t->skills, k);
    return model_skill_order_add(&t->skill_order, k, a->err);
}

/* ---- jobs and locations ---- */

static bool location_known(const scn_editor *a, const char *id)
{
    if (model_strmap_get(&a->p->location_index, id) >= 0)
        return true;
    for (int k = 0; k < a->nlocs; k++)
        if (strcmp(a->locs[k].id, id) == 0)
            return true;
    return false;
}

static model_status add_location(scn_editor *a, const cJSON *obj, const char *id,
                                 const char *where)
{
    if (!scn_room((void **)&a->locs, &a->cap_locs, a->nlocs + 1, sizeof *a->locs))
        return nomem(a);
    scn_location *l = &a->locs[a->nlocs++];
    l->obj = obj;
    l->id = id;
    snprintf(l->where, sizeof l->where, "%s", where);
    return MODEL_OK;
}

/* A job's location given as an object in obj: added (haversine only)
 * unless known; the job reader takes its id. */
static model_status job_location(scn_editor *a, const cJSON *obj, const char *prefix)
{
    const cJSON *loc = io_json_present(obj, "location");
    if (!loc || (loc->type & 0xFF) != cJSON_Object)
        return MODEL_OK;
    const char *id = io_json_present(loc, "id")->valuestring;
    char where[300];
    snprintf(where, sizeof where, "%s%slocation", prefix, prefix[0] ? "." : "");
    if (location_known(a, id))
        return MODEL_OK;
    if (a->p->travel.kind != MODEL_TRAVEL_HAVERSINE)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT, where,
                                "location '%.64s' is not in the plan, whose travel is a "
                                "matrix: import the location with its travel times first",
                                id);
    return add_location(a, loc, id, where);
}

/* Records that change i gave or changed job j. */
static model_status job_change(scn_editor *a, int j, int i)
{
    scn_job *r = &a->jobs[j];
    if (!scn_room((void **)&r->change, &r->cap, r->n + 1, sizeof *r->change))
        return nomem(a);
    r->change[r->n++] = i;
    return MODEL_OK;
}

static model_status apply_add_job(scn_editor *a, int i)
{
    const cJSON *src = a->sc->ch[i].payload;
    const char *id = io_json_present(src, "id")->valuestring;
    char where[256], prefix[256];
    if (model_strmap_get(&a->p->job_index, id) >= 0)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT,
                                io_scenario_where(a->sc, i, "add_job", "id", where, sizeof where),
                                "job '%.64s' is already in the plan%s", id,
                                a->sc->job_file ? "" : " (use update_job to change it)");
    snprintf(prefix, sizeof prefix, "%s",
             a->sc->job_file ? "" : io_scenario_where(a->sc, i, "add_job", NULL, where,
                                                       sizeof where));
    model_job *job;
    int j;
    if (!scn_room((void **)&a->jobs, &a->cap_jobs, a->p->njobs + 1, sizeof *a->jobs))
        return nomem(a);
    model_status st = model_problem_add_job(a->p, id, &job, &j, a->err);
    if (st != MODEL_OK)
        return st;
    memset(&a->jobs[j], 0, sizeof a->jobs[j]);
    a->jobs[j].added = true;
    if ((st = job_change(a, j, i)) != MODEL_OK)
        return st;
    return job_location(a, src, prefix);
}

static int job_of(scn_editor *a, int i, model_status *st)
{
    return named(a, i, &a->p->job_index, "job", st);
}

static model_status apply_cancel_job(scn_editor *a, int i)
{
    model_status st;
    int j = job_of(a, i, &st);
    if (j < 0)
        return st;
    free(a->jobs[j].change);
    memmove(&a->jobs[j], &a->jobs[j + 1], (size_t)(a->p->njobs - j - 1) * sizeof *a->jobs);
    return model_problem_remove_job(a->p, j, a->err);
}

static model_status apply_update_job(scn_editor *a, int i)
{
    model_status st;
    int j = job_of(a, i, &st);
    if (j < 0 || (st = job_change(a, j, i)) != MODEL_OK)
        return st;
    char where[256];
    return job_location(a, a->sc->ch[i].obj, io_scenario_where(a->sc, i, NULL, NULL, where,
                                                               sizeof where));
}

static model_status apply_add_location(scn_editor *a, int i)
{
    const io_scn_typed *c = &a->sc->ch[i].typed;
    char where[256];
    io_scenario_where(a->sc, i, "add_location", NULL, where, sizeof where);
    if (location_known(a, c->loc_id))
        return scn_warn(a, where, "location '%s' is already in the plan: kept as it is", c->loc_id);
    if (a->p->travel.kind != MODEL_TRAVEL_HAVERSINE)
        return io_scenario_fail(a->sc, a->err, MODEL_ERR_INPUT, where,
                                "the plan's travel is a matrix: import the location with its "
                                "travel times instead");
    return add_location(a, a->sc->ch[i].payload, c->loc_id, where);
}

static model_status apply_travel_factor(scn_editor *a, int i)
{
    double f = a->sc->ch[i].typed.factor;
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

static model_status apply_one(scn_editor *a, int i)
{
    switch (a->sc->ch[i].kind) {
    case IO_CHANGE_ABSENT: return apply_absent(a, i);
    case IO_CHANGE_SHIFT: return apply_shift(a, i);
    case IO_CHANGE_ADD_SKILL: return apply_skill(a, i, true);
    case IO_CHANGE_REMOVE_SKILL: return apply_skill(a, i, false);
    case IO_CHANGE_ADD_JOB: return apply_add_job(a, i);
    case IO_CHANGE_CANCEL_JOB: return apply_cancel_job(a, i);
    case IO_CHANGE_UPDATE_JOB: return apply_update_job(a, i);
    case IO_CHANGE_TRAVEL_FACTOR: return apply_travel_factor(a, i);
    case IO_CHANGE_ADD_LOCATION: return apply_add_location(a, i);
    case IO_CHANGE_PREFER:
    case IO_CHANGE_LATENESS:
    case IO_CHANGE_OVERTIME: return scn_apply_rule(a, i);
    }
    return MODEL_OK;
}

model_status io_scenario_apply_edits(const io_scenario *sc, const model_problem *p,
                                     io_scenario_result *out, model_error *err)
{
    scn_editor a = {.sc = sc, .err = err, .travel_change = -1};
    memset(out, 0, sizeof *out);
    model_tz *tz = NULL;
    model_status st = io_zone_load(&tz, model_tz_name(p->tz), err);
    if (st == MODEL_OK)
        st = model_problem_copy(p, tz, &a.p, err);
    if (st == MODEL_OK) {
        a.tech_where = calloc((size_t)p->ntechnicians + 1, sizeof *a.tech_where);
        if (!a.tech_where || !scn_room((void **)&a.jobs, &a.cap_jobs, p->njobs + 1,
                                       sizeof *a.jobs))
            st = nomem(&a);
        else
            memset(a.jobs, 0, (size_t)a.cap_jobs * sizeof *a.jobs);
    }
    for (int i = 0; st == MODEL_OK && i < sc->n; i++)
        st = apply_one(&a, i);
    if (st == MODEL_OK)
        st = scn_check(&a);
    for (int j = 0; a.jobs && a.p && j < a.p->njobs; j++)
        free(a.jobs[j].change);
    free(a.jobs);
    free(a.tech_where);
    free(a.locs);
    free(a.bad);
    free(a.overflow);
    if (st != MODEL_OK) {
        model_problem_free(a.p);
        for (int k = 0; k < a.nwarn; k++)
            free(a.warn[k]);
        free(a.warn);
        return st;
    }
    out->problem = a.p;
    out->warnings = a.warn;
    out->nwarnings = a.nwarn;
    return MODEL_OK;
}

/* ---- the entry points ---- */

model_status io_scenario_apply(const io_scenario *sc, const char *text, size_t len,
                               io_scenario_result *out, model_error *err)
{
    model_problem *p = NULL;
    memset(out, 0, sizeof *out);
    /* a scenario applies to a valid problem: one the reader refuses (or
     * that does not parse) gives the reader's message */
    model_status st = io_json_read_problem_text(text, len, "base problem", &p, err);
    if (st != MODEL_OK)
        return st;
    st = io_scenario_apply_edits(sc, p, out, err);
    model_problem_free(p);
    return st;
}

model_status io_scenario_apply_problem(const io_scenario *sc, const model_problem *p,
                                       io_scenario_result *out, model_error *err)
{
    return io_scenario_apply_edits(sc, p, out, err);
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
