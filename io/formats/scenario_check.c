/* scenario_check.c - scn_check and scn_renumber_skills
 * (scenario_edit_internal.h): a problem changed in memory by a scenario,
 * checked as the problem reader (json_problem.c) would check its JSON text,
 * in the reader's order and with its own code and messages, each error
 * named against the change that caused it (the last change that touched the
 * record). Only what the changes could have made wrong is read again: the
 * locations they add, the technicians they touch, the jobs they add or
 * change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem_internal.h"
#include "io/formats/scenario_edit_internal.h"
#include "model/problem_edit.h"

/* The name the reader's messages about the whole problem start with. */
#define CHANGED "changed problem"

static io_jp_reader reader_of(scn_editor *a)
{
    io_jp_reader r = {a->sc->source, a->p, a->err, NULL, NULL, true};
    return r;
}

/* Appends the skills of a record not yet in seen to order, in the order the
 * record lists them (then any it does not list, by index). */
static void first_uses(const model_skillset *s, const model_skill_order *o, int nskills,
                       bool *seen, int *order, int *n)
{
    for (int x = 0; x < o->n; x++) {
        int k = o->k[x];
        if (model_skillset_has(s, k) && !seen[k]) {
            seen[k] = true;
            order[(*n)++] = k;
        }
    }
    int listed = 0, all = 0;
    for (int x = 0; x < o->n; x++)
        listed += model_skillset_has(s, o->k[x]);
    for (int w = 0; w < MODEL_SKILL_WORDS; w++)
        all += __builtin_popcountll(s->w[w]);
    for (int k = 0; listed < all && k < nskills; k++)
        if (model_skillset_has(s, k) && !seen[k]) {
            seen[k] = true;
            order[(*n)++] = k;
        }
}

model_status scn_renumber_skills(scn_editor *a)
{
    model_problem *p = a->p;
    if (p->skills_declared)
        return MODEL_OK;
    int order[MODEL_MAX_SKILLS], n = 0;
    bool seen[MODEL_MAX_SKILLS] = {false};
    for (int t = 0; t < p->ntechnicians; t++)
        first_uses(&p->technicians[t].skills, &p->technicians[t].skill_order, p->nskills, seen,
                   order, &n);
    for (int j = 0; j < p->njobs; j++)
        first_uses(&p->jobs[j].skills, &p->jobs[j].skill_order, p->nskills, seen, order, &n);
    bool same = n == p->nskills;
    for (int k = 0; k < n && same; k++)
        same = order[k] == k;
    return same ? MODEL_OK : model_problem_renumber_skills(p, order, n, a->err);
}

/* The locations the changes add, as the reader reads locations[i]; then,
 * as it reads "travel", that each has coordinates. */
static model_status check_locations(scn_editor *a)
{
    io_jp_reader r = reader_of(a);
    model_status st;
    for (int k = 0; k < a->nlocs; k++)
        if ((st = io_jp_read_location(&r, a->locs[k].obj, a->locs[k].where, a->locs[k].id)) !=
            MODEL_OK)
            return st;
    for (int k = 0; k < a->nlocs; k++) {
        const model_location *l =
            &a->p->locations[model_strmap_get(&a->p->location_index, a->locs[k].id)];
        if (!l->has_coords)
            return io_jp_fail(&r, MODEL_ERR_INPUT, a->locs[k].where,
                              io_json_present(a->locs[k].obj, "lat") ? "lon" : "lat",
                              "missing (the haversine travel model needs lat and lon)");
    }
    return MODEL_OK;
}

/* Where the reader's message about technician t is told: the change that
 * touched it last, or the changed problem (buf: WHERE_MAX + 32 bytes). */
static const char *tech_where(scn_editor *a, int t, char *buf)
{
    if (a->tech_where[t][0])
        return a->tech_where[t];
    char el[WHERE_MAX];
    io_jp_element(el, "", "technicians", t, a->p->technicians[t].id);
    snprintf(buf, WHERE_MAX + 32, "in the changed problem: %s", el);
    return buf;
}

/* More distinct skills than MODEL_MAX_SKILLS once the skills an add_skill
 * had no room for are counted: where the reader finds the first too many. */
static model_status check_overflow(scn_editor *a)
{
    io_jp_reader r = reader_of(a);
    const model_problem *p = a->p;
    bool seen[MODEL_MAX_SKILLS] = {false}, *counted = calloc((size_t)a->noverflow, 1);
    int count = 0;
    model_status st = MODEL_OK;
    if (!counted)
        return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
    for (int t = 0; t < p->ntechnicians && st == MODEL_OK; t++) {
        const model_technician *tech = &p->technicians[t];
        int order[MODEL_MAX_SKILLS], n = 0, x = 0;
        bool mine[MODEL_MAX_SKILLS] = {false};
        first_uses(&tech->skills, &tech->skill_order, p->nskills, mine, order, &n);
        for (int q = 0; q < n + a->noverflow && count <= MODEL_MAX_SKILLS; q++) {
            if (q < n) {
                x++;
                if (!seen[order[q]] && (seen[order[q]] = true))
                    count++;
                continue;
            }
            const scn_overflow *o = &a->overflow[q - n];
            if (o->technician != t)
                continue;
            x++;
            bool again = false;
            for (int y = 0; y < q - n && !again; y++)
                again = counted[y] && strcmp(a->overflow[y].skill, o->skill) == 0;
            if (!again && (counted[q - n] = true))
                count++;
        }
        if (count > MODEL_MAX_SKILLS) {
            char buf[WHERE_MAX + 32], field[32];
            snprintf(field, sizeof field, "skills[%d]", x - 1);
            st = io_jp_fail(&r, MODEL_ERR_LIMIT, tech_where(a, t, buf), field,
                            "more than %d distinct skills", MODEL_MAX_SKILLS);
        }
    }
    free(counted);
    return st;
}

/* A touched technician's shifts and breaks, as read_shift reads them. */
static model_status check_technician(scn_editor *a, int t)
{
    io_jp_reader r = reader_of(a);
    const model_technician *tech = &a->p->technicians[t];
    const char *where = a->tech_where[t];
    if (tech->nshifts > MODEL_MAX_SHIFTS_PER_TECH)
        return io_jp_fail(&r, MODEL_ERR_LIMIT, where, "shifts", "more than %d shifts",
                          MODEL_MAX_SHIFTS_PER_TECH);
    char sw[WHERE_MAX], bw[WHERE_MAX];
    for (int k = 0; k < tech->nshifts; k++) {
        const model_shift *sh = &tech->shifts[k];
        io_jp_element(sw, where, "shifts", k, NULL);
        for (int b = 0; b < sh->nbreaks; b++) {
            const model_break *brk = &sh->breaks[b];
            io_jp_element(bw, sw, "breaks", b, NULL);
            for (int q = 0; q < a->nbad; q++) {
                const scn_bad_break *x = &a->bad[q];
                if (x->technician != t || x->b.earliest != brk->earliest ||
                    x->b.latest != brk->latest || x->b.duration != brk->duration)
                    continue;
                int64_t secs;
                model_status st = io_jp_get_minutes(&r, x->obj, "duration_min", bw, false, &secs);
                if (st != MODEL_OK)
                    return st;
            }
            if (brk->latest < brk->earliest)
                return io_jp_fail(&r, MODEL_ERR_INPUT, bw, "latest", "before earliest");
        }
    }
    return MODEL_OK;
}

/* The jobs the changes add or change, read with the reader's job reader:
 * every field of an added job, the fields an update gives of another. */
static model_status check_jobs(scn_editor *a)
{
    io_jp_reader r = reader_of(a);
    const io_scenario *sc = a->sc;
    const cJSON **objs = NULL;
    int cap = 0;
    model_status st = MODEL_OK;
    r.seen = calloc((size_t)a->p->ntechnicians + 1, 1);
    if (!r.seen)
        return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
    for (int j = 0; j < a->p->njobs && st == MODEL_OK; j++) {
        const scn_job *rec = &a->jobs[j];
        if (!rec->n)
            continue;
        if (!scn_grow((void **)&objs, &cap, rec->n, sizeof *objs)) {
            st = model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
            break;
        }
        for (int k = 0; k < rec->n; k++)
            objs[k] = rec->added && k == 0 ? sc->payload[rec->change[k]] : sc->change[rec->change[k]];
        int last = rec->change[rec->n - 1];
        char where[256];
        if (sc->kind[last] == IO_CHANGE_ADD_JOB && sc->job_file)
            where[0] = '\0'; /* a job file: its fields are named alone */
        else if (sc->kind[last] == IO_CHANGE_ADD_JOB)
            io_scenario_where(sc, last, "add_job", NULL, where, sizeof where);
        else
            io_scenario_where(sc, last, NULL, NULL, where, sizeof where);
        model_window w = {sc->win_start, sc->win_end};
        st = io_jp_read_job_fields(&r, &a->p->jobs[j], objs, rec->n, !rec->added,
                                   rec->added && sc->has_window ? &w : NULL, where);
    }
    free(objs);
    free(r.seen);
    return st;
}

/* The reader's range check of haversine legs, told against the last travel
 * factor (or the changed problem). */
static model_status check_range(scn_editor *a)
{
    io_jp_reader r = reader_of(a);
    r.src = CHANGED;
    model_status st = io_jp_check_haversine_range(&r);
    if (st == MODEL_OK)
        return st;
    char old[MODEL_ERROR_MSG_MAX], where[256];
    snprintf(old, sizeof old, "%s", a->err->msg + strlen(CHANGED ": "));
    if (a->travel_change < 0)
        return model_error_set(a->err, st, "%s: in the changed problem: %s", a->sc->source, old);
    io_scenario_where(a->sc, a->travel_change, "travel_factor", NULL, where, sizeof where);
    return model_error_set(a->err, st, "%s: %s: %s", a->sc->source, where, old);
}

model_status scn_check(scn_editor *a)
{
    model_status st;
    if ((st = check_locations(a)) != MODEL_OK)
        return st;
    if (a->declared_overflow)
        return model_error_set(a->err, MODEL_ERR_LIMIT,
                               "%s: in the changed problem: skills[%d]: more than %d distinct "
                               "skills",
                               a->sc->source, MODEL_MAX_SKILLS, MODEL_MAX_SKILLS);
    if (a->noverflow && (st = check_overflow(a)) != MODEL_OK)
        return st;
    for (int t = 0; t < a->p->ntechnicians; t++)
        if (a->tech_where[t][0] && (st = check_technician(a, t)) != MODEL_OK)
            return st;
    if ((st = check_jobs(a)) != MODEL_OK || (st = scn_renumber_skills(a)) != MODEL_OK)
        return st;
    model_error e = MODEL_ERROR_INIT;
    if ((st = model_problem_finish(a->p, &e)) != MODEL_OK)
        return st == MODEL_ERR_NOMEM
                   ? model_error_set(a->err, st, "%s", e.msg)
                   : model_error_set(a->err, st, "%s: in the changed problem: top level: %s",
                                     a->sc->source, e.msg);
    return check_range(a);
}
