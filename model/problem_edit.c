/* problem_edit.c - copying a problem and the edits of problem_edit.h.
 *
 * The copy is rebuilt through problem.h's add functions, so its indexes and
 * capacities are what a reader would have built. */
#include "model/problem_edit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static model_status nomem(model_error *err)
{
    return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

static int32_t *dup_cells(const int32_t *a, int n)
{
    size_t cells = (size_t)n * (size_t)n;
    int32_t *c = malloc((cells ? cells : 1) * sizeof *c);
    if (c && cells)
        memcpy(c, a, cells * sizeof *c);
    return c;
}

static model_status copy_travel(const model_problem *src, model_problem *p, model_error *err)
{
    const model_travel *tr = &src->travel;
    if (tr->kind == MODEL_TRAVEL_HAVERSINE) {
        model_problem_set_haversine(p, tr->speed_kmh, tr->circuity);
        return MODEL_OK;
    }
    int32_t *d = dup_cells(tr->durations, tr->n), *m = NULL;
    if (d && tr->distances && !(m = dup_cells(tr->distances, tr->n))) {
        free(d);
        d = NULL;
    }
    if (!d)
        return nomem(err);
    model_problem_set_matrix(p, d, m, tr->n);
    return MODEL_OK;
}

static model_status copy_order(const model_skill_order *s, model_skill_order *d,
                               model_error *err)
{
    model_status st = MODEL_OK;
    for (int x = 0; st == MODEL_OK && x < s->n; x++)
        st = model_skill_order_add(d, s->k[x], err);
    return st;
}

static model_status copy_levels(const model_skill_levels *s, model_skill_levels *d,
                                model_error *err)
{
    model_status st = MODEL_OK;
    for (int x = 0; st == MODEL_OK && x < s->n; x++)
        st = model_skill_levels_set(d, s->v[x].skill, s->v[x].level, err);
    return st;
}

static model_status copy_technician(const model_technician *s, model_problem *p,
                                    model_error *err)
{
    model_technician *t;
    model_status st = model_problem_add_technician(p, s->id, &t, NULL, err);
    if (st != MODEL_OK || (st = model_strdup_into(&t->name, s->name, err)) != MODEL_OK)
        return st;
    t->skills = s->skills;
    if ((st = copy_order(&s->skill_order, &t->skill_order, err)) != MODEL_OK ||
        (st = copy_levels(&s->levels, &t->levels, err)) != MODEL_OK)
        return st;
    t->start_location = s->start_location;
    t->end_location = s->end_location;
    t->capacity = s->capacity;
    t->max_jobs = s->max_jobs;
    for (int k = 0; k < s->nshifts; k++) {
        model_shift *sh;
        if ((st = model_technician_add_shift(t, &sh, err)) != MODEL_OK)
            return st;
        sh->start = s->shifts[k].start;
        sh->end = s->shifts[k].end;
        sh->overtime = s->shifts[k].overtime;
        for (int b = 0; b < s->shifts[k].nbreaks; b++)
            if ((st = model_shift_add_break(sh, &s->shifts[k].breaks[b], err)) != MODEL_OK)
                return st;
    }
    return MODEL_OK;
}

static model_status copy_job(const model_job *s, model_problem *p, model_error *err)
{
    model_job *j;
    model_status st = model_problem_add_job(p, s->id, &j, NULL, err);
    if (st != MODEL_OK || (st = model_strdup_into(&j->title, s->title, err)) != MODEL_OK ||
        (st = model_strdup_into(&j->customer, s->customer, err)) != MODEL_OK ||
        (st = model_strdup_into(&j->notes, s->notes, err)) != MODEL_OK)
        return st;
    j->location = s->location;
    j->duration = s->duration;
    j->skills = s->skills;
    if ((st = copy_order(&s->skill_order, &j->skill_order, err)) != MODEL_OK)
        return st;
    j->priority = s->priority;
    j->load = s->load;
    j->release = s->release;
    j->deadline = s->deadline;
    j->pinned = s->pinned;
    for (int w = 0; w < s->nwindows; w++)
        if ((st = model_job_add_window(j, &s->windows[w], err)) != MODEL_OK)
            return st;
    for (int a = 0; a < s->nallowed; a++)
        if ((st = model_job_add_allowed(j, s->allowed[a], err)) != MODEL_OK)
            return st;
    j->has_allowed = s->has_allowed;
    if ((st = copy_levels(&s->levels, &j->levels, err)) != MODEL_OK)
        return st;
    j->lateness = s->lateness;
    for (int a = 0; a < s->npreferred; a++)
        if ((st = model_job_add_preference(j, s->preferred[a].technician, s->preferred[a].bonus_s,
                                           err)) != MODEL_OK)
            return st;
    if ((st = model_strdup_into(&j->contact.phone, s->contact.phone, err)) != MODEL_OK ||
        (st = model_strdup_into(&j->contact.email, s->contact.email, err)) != MODEL_OK ||
        (st = model_strdup_into(&j->contact.notes, s->contact.notes, err)) != MODEL_OK)
        return st;
    return MODEL_OK;
}

model_status model_problem_copy(const model_problem *src, model_tz *tz, model_problem **out,
                                model_error *err)
{
    model_problem *p = NULL;
    *out = NULL;
    model_status st = model_problem_create(&p, err);
    if (st == MODEL_OK && tz) {
        model_problem_set_tz(p, tz);
        tz = NULL;
    }
    model_tz_free(tz);
    if (st == MODEL_OK)
        st = model_problem_set_name(p, src->name, err);
    for (int i = 0; st == MODEL_OK && i < src->nlocations; i++) {
        const model_location *l = &src->locations[i];
        int k;
        if ((st = model_problem_add_location(p, l->id, l->address, &k, err)) == MODEL_OK) {
            p->locations[k].lat = l->lat;
            p->locations[k].lon = l->lon;
            p->locations[k].has_coords = l->has_coords;
        }
    }
    if (st == MODEL_OK)
        st = copy_travel(src, p, err);
    for (int i = 0; st == MODEL_OK && i < src->nskills; i++) {
        int k;
        st = model_problem_intern_skill(p, src->skills[i], &k, err);
    }
    if (st == MODEL_OK) {
        p->skills_declared = src->skills_declared;
        p->objective = src->objective;
    }
    for (int i = 0; st == MODEL_OK && i < src->ntechnicians; i++)
        st = copy_technician(&src->technicians[i], p, err);
    for (int i = 0; st == MODEL_OK && i < src->njobs; i++)
        st = copy_job(&src->jobs[i], p, err);
    if (st != MODEL_OK) {
        model_problem_free(p);
        return st;
    }
    *out = p;
    return MODEL_OK;
}

void model_technician_remove_shift(model_technician *t, int k)
{
    free(t->shifts[k].breaks);
    memmove(&t->shifts[k], &t->shifts[k + 1], (size_t)(t->nshifts - k - 1) * sizeof *t->shifts);
    t->nshifts--;
    memset(&t->shifts[t->nshifts], 0, sizeof *t->shifts);
}

void model_shift_remove_break(model_shift *s, int k)
{
    memmove(&s->breaks[k], &s->breaks[k + 1], (size_t)(s->nbreaks - k - 1) * sizeof *s->breaks);
    s->nbreaks--;
}

model_status model_problem_remove_job(model_problem *p, int index, model_error *err)
{
    model_job *j = &p->jobs[index];
    model_job_clear(j);
    memmove(j, j + 1, (size_t)(p->njobs - index - 1) * sizeof *j);
    p->njobs--;
    memset(&p->jobs[p->njobs], 0, sizeof *j);
    model_strmap_free(&p->job_index);
    memset(&p->job_index, 0, sizeof p->job_index);
    for (int i = 0; i < p->njobs; i++)
        if (model_strmap_put(&p->job_index, p->jobs[i].id, i) != MODEL_OK)
            return nomem(err);
    return MODEL_OK;
}

model_status model_problem_scale_matrix(model_problem *p, double f, model_error *err)
{
    model_travel *tr = &p->travel;
    size_t cells = (size_t)tr->n * (size_t)tr->n;
    for (size_t k = 0; tr->durations && k < cells; k++) {
        double x = floor((double)tr->durations[k] * f + 0.5);
        if (!(x <= MODEL_MAX_TRAVEL_S))
            return model_error_set(err, MODEL_ERR_LIMIT,
                                   "makes a travel leg longer than %d seconds", MODEL_MAX_TRAVEL_S);
        tr->durations[k] = (int32_t)x;
    }
    return MODEL_OK;
}

static model_skillset remap(const model_skillset *s, const int *order, int n)
{
    model_skillset out;
    memset(&out, 0, sizeof out);
    for (int k = 0; k < n; k++)
        if (model_skillset_has(s, order[k]))
            model_skillset_add(&out, k);
    return out;
}

/* The written order o in new indices (to[old], -1: dropped). */
static void remap_order(model_skill_order *o, const int *to)
{
    int m = 0;
    for (int x = 0; x < o->n; x++)
        if (to[o->k[x]] >= 0)
            o->k[m++] = to[o->k[x]];
    o->n = m;
}

model_status model_problem_renumber_skills(model_problem *p, const int *order, int n,
                                           model_error *err)
{
    char **names = malloc((size_t)(n ? n : 1) * sizeof *names);
    bool *kept = calloc((size_t)(p->nskills ? p->nskills : 1), sizeof *kept);
    if (!names || !kept) {
        free(names);
        free(kept);
        return nomem(err);
    }
    for (int k = 0; k < n; k++) {
        names[k] = p->skills[order[k]];
        kept[order[k]] = true;
    }
    for (int k = 0; k < p->nskills; k++)
        if (!kept[k])
            free(p->skills[k]);
    free(kept);
    memcpy(p->skills, names, (size_t)n * sizeof *names);
    free(names);
    p->nskills = n;
    int to[MODEL_MAX_SKILLS]; /* old index -> new, or -1 */
    for (int k = 0; k < MODEL_MAX_SKILLS; k++)
        to[k] = -1;
    for (int k = 0; k < n; k++)
        to[order[k]] = k;
    for (int i = 0; i < p->ntechnicians; i++) {
        p->technicians[i].skills = remap(&p->technicians[i].skills, order, n);
        remap_order(&p->technicians[i].skill_order, to);
    }
    for (int i = 0; i < p->njobs; i++) {
        p->jobs[i].skills = remap(&p->jobs[i].skills, order, n);
        remap_order(&p->jobs[i].skill_order, to);
    }
    model_strmap_free(&p->skill_index);
    memset(&p->skill_index, 0, sizeof p->skill_index);
    for (int k = 0; k < n; k++)
        if (model_strmap_put(&p->skill_index, p->skills[k], k) != MODEL_OK)
            return nomem(err);
    return MODEL_OK;
}
