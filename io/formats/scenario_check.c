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
    io_jp_reader r = {a->sc->source, a->p, a->err, NULL, NULL, true, false, false};
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

/* ---- more than MODEL_MAX_SKILLS skills ----
 * The reader numbers skills as it meets them (technicians, then jobs, each
 * list as written) and fails at the first one past MODEL_MAX_SKILLS. The
 * copy cannot hold more, so when the changes may pass the limit the skills
 * are counted by name in that order, to find where the reader fails. */

/* Where the reader finds one skill too many: record `index` (a technician,
 * or a job when job), position x of its list; index -1: nowhere. */
typedef struct skill_excess {
    bool job;
    int index, x;
} skill_excess;

/* The object giving a touched job's "skills" (as io_jp_read_job_fields
 * picks it), or NULL when the job keeps its skills. */
static const cJSON *skills_giver(const scn_editor *a, int j)
{
    const scn_job *rec = &a->jobs[j];
    for (int k = rec->n - 1; k >= 0; k--) {
        const cJSON *o = rec->added && k == 0 ? a->sc->ch[rec->change[k]].payload
                                              : a->sc->ch[rec->change[k]].obj;
        if (io_json_member(o, "skills"))
            return o;
    }
    return rec->added ? a->sc->ch[rec->change[0]].payload : NULL;
}

/* Counts name (if new) in seen; true when it is one too many. */
static bool count_name(model_strmap *seen, const char *name, int *count, bool *nomem)
{
    if (model_strmap_get(seen, name) >= 0)
        return false;
    if (*count == MODEL_MAX_SKILLS)
        return true;
    if (model_strmap_put(seen, name, *count) != MODEL_OK)
        *nomem = true;
    (*count)++;
    return false;
}

/* Counts a record's model skills, as listed; true at one too many (*x). */
static bool count_model(const scn_editor *a, const model_skillset *s,
                        const model_skill_order *o, model_strmap *seen, int *count, int *x,
                        bool *nomem)
{
    int order[MODEL_MAX_SKILLS], n = 0;
    bool mine[MODEL_MAX_SKILLS] = {false};
    first_uses(s, o, a->p->nskills, mine, order, &n);
    for (*x = 0; *x < n; (*x)++)
        if (count_name(seen, a->p->skills[order[*x]], count, nomem))
            return true;
    return false;
}

static model_status find_excess(const scn_editor *a, skill_excess *out)
{
    const model_problem *p = a->p;
    model_strmap seen;
    memset(&seen, 0, sizeof seen);
    int count = 0, x = 0;
    bool nomem = false, over = false;
    out->index = -1;
    for (int t = 0; t < p->ntechnicians && !over && !nomem; t++) {
        const model_technician *tech = &p->technicians[t];
        over = count_model(a, &tech->skills, &tech->skill_order, &seen, &count, &x, &nomem);
        for (int q = 0; q < a->noverflow && !over; q++)
            if (a->overflow[q].technician == t && !(over = count_name(&seen, a->overflow[q].skill,
                                                                     &count, &nomem)))
                x++;
        if (over)
            *out = (skill_excess){false, t, x};
    }
    for (int j = 0; j < p->njobs && !over && !nomem; j++) {
        const cJSON *g = a->jobs[j].n ? skills_giver(a, j) : NULL;
        if (!g) {
            over = count_model(a, &p->jobs[j].skills, &p->jobs[j].skill_order, &seen, &count,
                               &x, &nomem);
        } else { /* as written; the reader stops at an element that is no name */
            const cJSON *list = io_json_present(g, "skills");
            const cJSON *c = list && (list->type & 0xFF) == cJSON_Array ? list->child : NULL;
            for (x = 0; c && (c->type & 0xFF) == cJSON_String && !over; c = c->next)
                if (!(over = count_name(&seen, c->valuestring, &count, &nomem)))
                    x++;
        }
        if (over)
            *out = (skill_excess){true, j, x};
    }
    model_strmap_free(&seen);
    return nomem ? model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory") : MODEL_OK;
}

/* Names the skill one too many, as the reader would. */
static model_status too_many(scn_editor *a, const skill_excess *e, const char *where)
{
    io_jp_reader r = reader_of(a);
    char field[32];
    snprintf(field, sizeof field, "skills[%d]", e->x);
    return io_jp_fail(&r, MODEL_ERR_LIMIT, where, field, "more than %d distinct skills",
                      MODEL_MAX_SKILLS);
}

/* Whether the changed problem may hold more skills than the copy can:
 * skills no room was found for, or names the changed jobs bring. */
static bool may_pass_limit(const scn_editor *a)
{
    if (a->p->skills_declared)
        return false;
    int more = a->noverflow;
    for (int j = 0; j < a->p->njobs; j++) {
        const cJSON *g = a->jobs[j].n ? skills_giver(a, j) : NULL;
        const cJSON *list = g ? io_json_present(g, "skills") : NULL;
        for (const cJSON *c = list && (list->type & 0xFF) == cJSON_Array ? list->child : NULL; c;
             c = c->next)
            more += (c->type & 0xFF) == cJSON_String &&
                    model_strmap_get(&a->p->skill_index, c->valuestring) < 0;
    }
    return a->p->nskills + more > MODEL_MAX_SKILLS;
}

/* Within the limit after all: makes room (skills the changed jobs replace
 * or nobody uses go) and gives the technicians the skills that had none. */
static model_status make_room(scn_editor *a)
{
    model_status st;
    for (int j = 0; j < a->p->njobs; j++)
        if (a->jobs[j].n && skills_giver(a, j)) { /* read again from the changes */
            memset(&a->p->jobs[j].skills, 0, sizeof a->p->jobs[j].skills);
            a->p->jobs[j].skill_order.n = 0;
        }
    if ((st = scn_renumber_skills(a)) != MODEL_OK)
        return st;
    for (int q = 0; q < a->noverflow; q++) {
        model_technician *t = &a->p->technicians[a->overflow[q].technician];
        int k;
        if ((st = model_problem_intern_skill(a->p, a->overflow[q].skill, &k, a->err)) != MODEL_OK ||
            (st = model_skill_order_add(&t->skill_order, k, a->err)) != MODEL_OK)
            return st;
        model_skillset_add(&t->skills, k);
    }
    a->noverflow = 0;
    return MODEL_OK;
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
                if (x->technician != t || x->shift != k || x->brk != b)
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
static model_status check_jobs(scn_editor *a, const skill_excess *e)
{
    io_jp_reader r = reader_of(a);
    r.skill_limit_later = e->index >= 0;
    const io_scenario *sc = a->sc;
    const cJSON **objs = NULL;
    int cap = 0;
    model_status st = MODEL_OK;
    r.seen = calloc((size_t)a->p->ntechnicians + 1, 1);
    if (!r.seen)
        return model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
    for (int j = 0; j < a->p->njobs && st == MODEL_OK; j++) {
        const scn_job *rec = &a->jobs[j];
        bool excess = e->index == j && e->job;
        char buf[WHERE_MAX];
        if (!rec->n && excess) {
            io_jp_element(buf, "", "jobs", j, a->p->jobs[j].id);
            char where[WHERE_MAX + 32];
            snprintf(where, sizeof where, "in the changed problem: %s", buf);
            st = too_many(a, e, where);
        }
        if (!rec->n)
            continue;
        if (!scn_room((void **)&objs, &cap, rec->n, sizeof *objs)) {
            st = model_error_set(a->err, MODEL_ERR_NOMEM, "out of memory");
            break;
        }
        for (int k = 0; k < rec->n; k++)
            objs[k] = rec->added && k == 0 ? sc->ch[rec->change[k]].payload
                                           : sc->ch[rec->change[k]].obj;
        int last = rec->change[rec->n - 1];
        char where[256];
        if (sc->ch[last].kind == IO_CHANGE_ADD_JOB && sc->job_file)
            where[0] = '\0'; /* a job file: its fields are named alone */
        else if (sc->ch[last].kind == IO_CHANGE_ADD_JOB)
            io_scenario_where(sc, last, "add_job", NULL, where, sizeof where);
        else
            io_scenario_where(sc, last, NULL, NULL, where, sizeof where);
        model_window w = {sc->win_start, sc->win_end};
        r.until_skills = excess; /* what comes before the skills, then too many */
        st = io_jp_read_job_fields(&r, &a->p->jobs[j], objs, rec->n, !rec->added,
                                   rec->added && sc->has_window ? &w : NULL, where);
        if (st == MODEL_OK && excess)
            st = too_many(a, e, where);
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
    skill_excess ex = {false, -1, 0};
    if (may_pass_limit(a) && ((st = find_excess(a, &ex)) != MODEL_OK ||
                              (ex.index < 0 && (st = make_room(a)) != MODEL_OK)))
        return st;
    char buf[WHERE_MAX + 32];
    for (int t = 0; t < a->p->ntechnicians; t++) {
        if (ex.index == t && !ex.job)
            return too_many(a, &ex, tech_where(a, t, buf));
        if (a->tech_where[t][0] && (st = check_technician(a, t)) != MODEL_OK)
            return st;
    }
    if ((st = check_jobs(a, &ex)) != MODEL_OK || (st = scn_renumber_skills(a)) != MODEL_OK)
        return st;
    model_error e = MODEL_ERROR_INIT;
    if ((st = model_problem_finish(a->p, &e)) != MODEL_OK)
        return st == MODEL_ERR_NOMEM
                   ? model_error_set(a->err, st, "%s", e.msg)
                   : model_error_set(a->err, st, "%s: in the changed problem: top level: %s",
                                     a->sc->source, e.msg);
    return check_range(a);
}
