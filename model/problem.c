/* problem.c - building, sealing and freeing a problem; travel lookups.
 *
 * The problem's tables grow by doubling (model_array_grow, through
 * add_record for those with ids); the lists of a technician, shift or job
 * are sized exactly (append_exact). Pointers returned by the add functions
 * are valid until the next add to the same array. */
#include "model/problem.h"

#include "model/array.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8


model_status model_strdup_into(char **dst, const char *src, model_error *err)
{
    char *copy = NULL;
    if (src) {
        copy = strdup(src);
        if (!copy)
            return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    free(*dst);
    *dst = copy;
    return MODEL_OK;
}

model_status model_problem_create(model_problem **out, model_error *err)
{
    *out = NULL;
    model_problem *p = calloc(1, sizeof *p);
    if (!p)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    model_status st = model_tz_utc(&p->tz, err);
    if (st != MODEL_OK) {
        free(p);
        return st;
    }
    p->travel.kind = MODEL_TRAVEL_MATRIX;
    p->travel.speed_kmh = 30.0;
    p->travel.circuity = 1.0;
    *out = p;
    return MODEL_OK;
}

void model_job_clear(model_job *j)
{
    free(j->id);
    free(j->title);
    free(j->customer);
    free(j->notes);
    free(j->skill_order.k);
    free(j->windows);
    free(j->allowed);
    free(j->levels.v);
    free(j->preferred);
    free(j->contact.phone);
    free(j->contact.email);
    free(j->contact.notes);
}

void model_problem_free(model_problem *p)
{
    if (!p)
        return;
    free(p->name);
    model_tz_free(p->tz);
    for (int i = 0; i < p->nlocations; i++) {
        free(p->locations[i].id);
        free(p->locations[i].address);
    }
    free(p->locations);
    free(p->travel.durations);
    free(p->travel.distances);
    free(p->travel.rad_lat);
    free(p->travel.rad_lon);
    free(p->travel.cos_lat);
    for (int i = 0; i < p->nskills; i++)
        free(p->skills[i]);
    free(p->skills);
    for (int i = 0; i < p->ntechnicians; i++) {
        model_technician *t = &p->technicians[i];
        free(t->id);
        free(t->name);
        free(t->skill_order.k);
        free(t->levels.v);
        for (int k = 0; k < t->nshifts; k++)
            free(t->shifts[k].breaks);
        free(t->shifts);
    }
    free(p->technicians);
    for (int i = 0; i < p->njobs; i++)
        model_job_clear(&p->jobs[i]);
    free(p->jobs);
    model_strmap_free(&p->location_index);
    model_strmap_free(&p->technician_index);
    model_strmap_free(&p->job_index);
    model_strmap_free(&p->skill_index);
    free(p);
}

model_status model_problem_set_name(model_problem *p, const char *name, model_error *err)
{
    return model_strdup_into(&p->name, name, err);
}

void model_problem_set_tz(model_problem *p, model_tz *tz)
{
    model_tz_free(p->tz);
    p->tz = tz;
}

/* Registers id -> index in map; the map keys point at the stored copy. */
static model_status index_id(model_strmap *map, const char *stored, int index, const char *what,
                             model_error *err)
{
    model_status st = model_strmap_put(map, stored, index);
    if (st == MODEL_ERR_INPUT)
        return model_error_set(err, MODEL_ERR_INPUT, "duplicate %s id '%s'", what, stored);
    if (st != MODEL_OK)
        return model_error_set(err, st, "out of memory");
    return MODEL_OK;
}

/* What the tables of records with ids (locations, technicians, jobs)
 * share: appends a zeroed record, number n, for a new id, which its first
 * member (char *id) gets a copy of and index maps to n. Errors: duplicate
 * id, "more than <max> <what>s", out of memory; on error the table holds
 * what it held (its capacity aside). */
static model_status add_record(void **arr, int *cap, int n, size_t elem, int max,
                               model_strmap *index, const char *what, const char *id,
                               model_error *err)
{
    if (model_strmap_get(index, id) >= 0)
        return model_error_set(err, MODEL_ERR_INPUT, "duplicate %s id '%s'", what, id);
    if (n >= max)
        return model_error_set(err, MODEL_ERR_LIMIT, "more than %d %ss", max, what);
    model_status st = model_array_grow(arr, cap, n + 1, elem, "too many records", err);
    if (st != MODEL_OK)
        return st;
    char *rec = (char *)*arr + (size_t)n * elem;
    memset(rec, 0, elem);
    char **rec_id = (char **)rec;
    if ((st = model_strdup_into(rec_id, id, err)) != MODEL_OK)
        return st;
    if ((st = index_id(index, *rec_id, n, what, err)) != MODEL_OK) {
        free(*rec_id);
        *rec_id = NULL;
    }
    return st;
}
_Static_assert(offsetof(model_location, id) == 0, "add_record: id first");
_Static_assert(offsetof(model_technician, id) == 0, "add_record: id first");
_Static_assert(offsetof(model_job, id) == 0, "add_record: id first");

model_status model_problem_add_location(model_problem *p, const char *id, const char *address,
                                        int *index, model_error *err)
{
    char *addr = NULL;
    model_status st = model_strdup_into(&addr, address, err);
    if (st == MODEL_OK)
        st = add_record((void **)&p->locations, &p->cap_locations, p->nlocations,
                        sizeof *p->locations, MODEL_MAX_LOCATIONS, &p->location_index,
                        "location", id, err);
    if (st != MODEL_OK) {
        free(addr);
        return st;
    }
    p->locations[p->nlocations].address = addr;
    if (index)
        *index = p->nlocations;
    p->nlocations++;
    return MODEL_OK;
}

model_status model_problem_intern_skill(model_problem *p, const char *name, int *index,
                                        model_error *err)
{
    int found = model_strmap_get(&p->skill_index, name);
    if (found >= 0) {
        *index = found;
        return MODEL_OK;
    }
    if (p->nskills >= MODEL_MAX_SKILLS)
        return model_error_set(err, MODEL_ERR_LIMIT, "more than %d distinct skills",
                               MODEL_MAX_SKILLS);
    model_status st = model_array_grow((void **)&p->skills, &p->cap_skills, p->nskills + 1,
                                       sizeof *p->skills, "too many records", err);
    if (st != MODEL_OK)
        return st;
    char *copy = NULL;
    if ((st = model_strdup_into(&copy, name, err)) != MODEL_OK)
        return st;
    if ((st = index_id(&p->skill_index, copy, p->nskills, "skill", err)) != MODEL_OK) {
        free(copy);
        return st;
    }
    p->skills[p->nskills] = copy;
    *index = p->nskills++;
    return MODEL_OK;
}

model_status model_problem_add_technician(model_problem *p, const char *id,
                                          model_technician **out, int *index, model_error *err)
{
    model_status st = add_record((void **)&p->technicians, &p->cap_technicians,
                                 p->ntechnicians, sizeof *p->technicians, MODEL_MAX_TECHNICIANS,
                                 &p->technician_index, "technician", id, err);
    if (st != MODEL_OK)
        return st;
    model_technician *t = &p->technicians[p->ntechnicians];
    t->start_location = t->end_location = -1;
    t->max_jobs = -1;
    if (out)
        *out = t;
    if (index)
        *index = p->ntechnicians;
    p->ntechnicians++;
    return MODEL_OK;
}

/* Appends an element to a list that is sized exactly (a technician's
 * shifts, a shift's breaks, a job's windows, allowed and preferred
 * technicians): a copy of item (of size elem; NULL: zeroed), *n counting it. Errors:
 * MODEL_ERR_LIMIT "more than <max> <what>" when it has max already, out of
 * memory; the list is then unchanged. */
static model_status append_exact(void **arr, int *n, int max, size_t elem, const void *item,
                                 const char *what, model_error *err)
{
    if (*n >= max)
        return model_error_set(err, MODEL_ERR_LIMIT, "more than %d %s", max, what);
    char *grown = realloc(*arr, (size_t)(*n + 1) * elem);
    if (!grown)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    char *at = grown + (size_t)*n * elem;
    if (item)
        memcpy(at, item, elem);
    else
        memset(at, 0, elem);
    *arr = grown;
    (*n)++;
    return MODEL_OK;
}

model_status model_technician_add_shift(model_technician *t, model_shift **out, model_error *err)
{
    model_status st = append_exact((void **)&t->shifts, &t->nshifts, MODEL_MAX_SHIFTS_PER_TECH,
                                   sizeof *t->shifts, NULL, "shifts", err);
    if (st != MODEL_OK)
        return st;
    model_shift *sh = &t->shifts[t->nshifts - 1];
    sh->overtime = MODEL_SOFT_LIMIT_HARD;
    if (out)
        *out = sh;
    return MODEL_OK;
}

model_status model_shift_add_break(model_shift *s, const model_break *b, model_error *err)
{
    return append_exact((void **)&s->breaks, &s->nbreaks, MODEL_MAX_BREAKS_PER_SHIFT,
                        sizeof *s->breaks, b, "breaks", err);
}

model_status model_problem_add_job(model_problem *p, const char *id, model_job **out, int *index,
                                   model_error *err)
{
    model_status st = add_record((void **)&p->jobs, &p->cap_jobs, p->njobs, sizeof *p->jobs,
                                 MODEL_MAX_JOBS, &p->job_index, "job", id, err);
    if (st != MODEL_OK)
        return st;
    model_job *j = &p->jobs[p->njobs];
    j->location = -1;
    j->pinned = -1;
    j->lateness = MODEL_SOFT_LIMIT_HARD;
    j->release = MODEL_TIME_MIN;
    j->deadline = MODEL_TIME_MAX;
    if (out)
        *out = j;
    if (index)
        *index = p->njobs;
    p->njobs++;
    return MODEL_OK;
}

model_status model_job_add_window(model_job *j, const model_window *w, model_error *err)
{
    return append_exact((void **)&j->windows, &j->nwindows, MODEL_MAX_WINDOWS_PER_JOB,
                        sizeof *j->windows, w, "windows", err);
}

model_status model_job_add_allowed(model_job *j, int t, model_error *err)
{
    model_status st = append_exact((void **)&j->allowed, &j->nallowed, MODEL_MAX_TECHNICIANS,
                                   sizeof *j->allowed, &t, "allowed technicians", err);
    if (st != MODEL_OK)
        return st;
    j->has_allowed = true;
    return MODEL_OK;
}

void model_problem_set_matrix(model_problem *p, int32_t *durations, int32_t *distances, int n)
{
    free(p->travel.durations);
    free(p->travel.distances);
    p->travel.kind = MODEL_TRAVEL_MATRIX;
    p->travel.durations = durations;
    p->travel.distances = distances;
    p->travel.n = n;
}

void model_problem_set_haversine(model_problem *p, double speed_kmh, double circuity)
{
    free(p->travel.durations);
    free(p->travel.distances);
    p->travel.durations = p->travel.distances = NULL;
    p->travel.kind = MODEL_TRAVEL_HAVERSINE;
    p->travel.speed_kmh = speed_kmh;
    p->travel.circuity = circuity;
}

void model_haversine_leg(const model_travel *tr, int from, int to, int32_t *duration_s,
                         int32_t *distance_m)
{
    double dlat = tr->rad_lat[to] - tr->rad_lat[from];
    double dlon = tr->rad_lon[to] - tr->rad_lon[from];
    double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
    double h = s1 * s1 + tr->cos_lat[from] * tr->cos_lat[to] * s2 * s2;
    double r = sqrt(h);
    if (r > 1.0)
        r = 1.0;
    double metres = 2 * EARTH_RADIUS_M * asin(r);
    double distance = floor(metres * tr->circuity + 0.5);
    double duration = floor(distance * 3.6 / tr->speed_kmh + 0.5);
    *distance_m = distance > MODEL_MAX_TRAVEL_S ? MODEL_MAX_TRAVEL_S : (int32_t)distance;
    *duration_s = duration > MODEL_MAX_TRAVEL_S ? MODEL_MAX_TRAVEL_S : (int32_t)duration;
}

static int cmp_window(const void *a, const void *b)
{
    const model_window *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

static int cmp_break(const void *a, const void *b)
{
    const model_break *x = a, *y = b;
    if (x->earliest != y->earliest)
        return x->earliest < y->earliest ? -1 : 1;
    return (x->latest > y->latest) - (x->latest < y->latest);
}

static model_status setup_haversine(model_problem *p, model_error *err)
{
    model_travel *tr = &p->travel;
    int n = p->nlocations;
    tr->n = n;
    tr->rad_lat = malloc((size_t)(n ? n : 1) * sizeof(double));
    tr->rad_lon = malloc((size_t)(n ? n : 1) * sizeof(double));
    tr->cos_lat = malloc((size_t)(n ? n : 1) * sizeof(double));
    if (!tr->rad_lat || !tr->rad_lon || !tr->cos_lat)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        const model_location *l = &p->locations[i];
        if (!l->has_coords)
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "locations[%d] (%s): the haversine model needs lat and lon", i,
                                   l->id);
        tr->rad_lat[i] = l->lat * M_PI / 180.0;
        tr->rad_lon[i] = l->lon * M_PI / 180.0;
        tr->cos_lat[i] = cos(tr->rad_lat[i]);
    }
    if (n > MODEL_MATRIX_MAX_LOCATIONS)
        return MODEL_OK; /* evaluated on demand */
    size_t cells = (size_t)n * (size_t)n;
    tr->durations = malloc((cells ? cells : 1) * sizeof(int32_t));
    tr->distances = malloc((cells ? cells : 1) * sizeof(int32_t));
    if (!tr->durations || !tr->distances)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory (travel matrix)");
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            model_haversine_leg(tr, i, j, &tr->durations[(size_t)i * n + j],
                                &tr->distances[(size_t)i * n + j]);
    return MODEL_OK;
}

model_status model_problem_finish(model_problem *p, model_error *err)
{
    if (p->travel.kind == MODEL_TRAVEL_HAVERSINE) {
        model_status st = setup_haversine(p, err);
        if (st != MODEL_OK)
            return st;
    } else {
        if (!p->travel.durations)
            return model_error_set(err, MODEL_ERR_INPUT, "travel: no durations_s matrix");
        if (p->travel.n != p->nlocations)
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "travel: the matrix is %d x %d but there are %d locations",
                                   p->travel.n, p->travel.n, p->nlocations);
    }
    for (int i = 0; i < p->ntechnicians; i++) {
        model_technician *t = &p->technicians[i];
        if (t->start_location < 0 || t->start_location >= p->nlocations)
            return model_error_set(err, MODEL_ERR_INPUT, "technicians[%d] (%s): start_location missing",
                                   i, t->id);
        if (t->end_location < 0)
            t->end_location = t->start_location;
        if (t->end_location >= p->nlocations)
            return model_error_set(err, MODEL_ERR_INPUT, "technicians[%d] (%s): bad end_location", i,
                                   t->id);
        for (int k = 0; k < t->nshifts; k++)
            if (t->shifts[k].nbreaks > 1)
                qsort(t->shifts[k].breaks, (size_t)t->shifts[k].nbreaks,
                      sizeof *t->shifts[k].breaks, cmp_break);
    }
    for (int i = 0; i < p->njobs; i++) {
        model_job *j = &p->jobs[i];
        if (j->location < 0 || j->location >= p->nlocations)
            return model_error_set(err, MODEL_ERR_INPUT, "jobs[%d] (%s): location missing", i, j->id);
        if (j->pinned >= p->ntechnicians)
            return model_error_set(err, MODEL_ERR_INPUT, "jobs[%d] (%s): bad technician", i, j->id);
        for (int a = 0; a < j->nallowed; a++)
            if (j->allowed[a] < 0 || j->allowed[a] >= p->ntechnicians)
                return model_error_set(err, MODEL_ERR_INPUT,
                                       "jobs[%d] (%s): bad allowed technician", i, j->id);
        if (j->nwindows > 1)
            qsort(j->windows, (size_t)j->nwindows, sizeof *j->windows, cmp_window);
    }
    p->finished = true;
    return MODEL_OK;
}

bool model_job_allows_technician(const model_problem *p, int job, int tech)
{
    const model_job *j = &p->jobs[job];
    const model_technician *t = &p->technicians[tech];
    if (!model_skillset_covers(&t->skills, &j->skills))
        return false;
    for (int i = 0; i < j->levels.n; i++)
        if (model_skill_levels_get(&t->levels, j->levels.v[i].skill) < j->levels.v[i].level)
            return false;
    if (j->pinned >= 0 && j->pinned != tech)
        return false;
    if (j->has_allowed) {
        for (int a = 0; a < j->nallowed; a++)
            if (j->allowed[a] == tech)
                return true;
        return false;
    }
    return true;
}

int64_t model_shift_day(const model_problem *p, int tech, int shift)
{
    return model_time_local_day(p->tz, p->technicians[tech].shifts[shift].start);
}

char *model_shift_date(const model_problem *p, int tech, int shift, char *buf)
{
    return model_date_format(model_shift_day(p, tech, shift), buf);
}

model_status model_skill_order_add(model_skill_order *o, int k, model_error *err)
{
    for (int x = 0; x < o->n; x++)
        if (o->k[x] == k)
            return MODEL_OK;
    model_status st = model_array_grow((void **)&o->k, &o->cap, o->n + 1, sizeof *o->k,
                                       "too many skills", err);
    if (st == MODEL_OK)
        o->k[o->n++] = k;
    return st;
}

void model_skill_order_remove(model_skill_order *o, int k)
{
    for (int x = 0; x < o->n; x++)
        if (o->k[x] == k) {
            memmove(&o->k[x], &o->k[x + 1], (size_t)(o->n - x - 1) * sizeof *o->k);
            o->n--;
            return;
        }
}

model_status model_skill_levels_set(model_skill_levels *ls, int k, int level, model_error *err)
{
    int i = 0;
    while (i < ls->n && ls->v[i].skill < k)
        i++;
    bool found = i < ls->n && ls->v[i].skill == k;
    if (level <= 1) {
        if (found) {
            memmove(&ls->v[i], &ls->v[i + 1], (size_t)(ls->n - i - 1) * sizeof *ls->v);
            ls->n--;
        }
        return MODEL_OK;
    }
    if (found) {
        ls->v[i].level = level;
        return MODEL_OK;
    }
    model_status st = model_array_grow((void **)&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v,
                                       "too many skill levels", err);
    if (st != MODEL_OK)
        return st;
    memmove(&ls->v[i + 1], &ls->v[i], (size_t)(ls->n - i) * sizeof *ls->v);
    ls->v[i] = (model_skill_level){k, level};
    ls->n++;
    return MODEL_OK;
}

int model_skill_levels_get(const model_skill_levels *ls, int k)
{
    for (int i = 0; i < ls->n; i++)
        if (ls->v[i].skill == k)
            return ls->v[i].level;
    return 1;
}

model_status model_job_add_preference(model_job *j, int technician, int64_t bonus_s,
                                      model_error *err)
{
    model_preference pref = {technician, bonus_s};
    return append_exact((void **)&j->preferred, &j->npreferred, INT_MAX, sizeof *j->preferred,
                        &pref, "preferred technicians", err);
}

int64_t model_job_preference_bonus(const model_job *j, int t)
{
    for (int i = 0; i < j->npreferred; i++)
        if (j->preferred[i].technician == t)
            return j->preferred[i].bonus_s;
    return 0;
}

bool model_problem_uses_soft_rules(const model_problem *p)
{
    for (int j = 0; j < p->njobs; j++)
        if (p->jobs[j].npreferred > 0)
            return true;
    return model_problem_uses_soft_limits(p);
}

bool model_problem_uses_soft_limits(const model_problem *p)
{
    if (p->objective.balance_us_per_min > 0)
        return true;
    for (int j = 0; j < p->njobs; j++)
        if (p->jobs[j].lateness.max_s >= 0)
            return true;
    for (int t = 0; t < p->ntechnicians; t++)
        for (int k = 0; k < p->technicians[t].nshifts; k++)
            if (p->technicians[t].shifts[k].overtime.max_s >= 0)
                return true;
    return false;
}

bool model_problem_uses_extension2(const model_problem *p)
{
    if (p->extension2 || model_problem_uses_soft_rules(p))
        return true;
    for (int j = 0; j < p->njobs; j++) {
        const model_contact *c = &p->jobs[j].contact;
        if (c->phone || c->email || c->notes || p->jobs[j].levels.n > 0)
            return true;
    }
    for (int t = 0; t < p->ntechnicians; t++)
        if (p->technicians[t].levels.n > 0)
            return true;
    return false;
}

int64_t model_job_late_s(const model_job *j, int64_t start, bool *ok)
{
    const model_window *w = NULL;
    for (int i = 0; i < j->nwindows; i++) {
        const model_window *x = &j->windows[i];
        if (x->start <= start &&
            (!w || x->start > w->start || (x->start == w->start && x->end > w->end)))
            w = x;
    }
    int64_t late = w && start > w->end ? start - w->end : 0;
    if (ok) {
        if (j->nwindows == 0)
            *ok = true;
        else if (j->lateness.max_s >= 0)
            *ok = w != NULL && late <= j->lateness.max_s;
        else {
            *ok = false;
            for (int i = 0; i < j->nwindows && !*ok; i++)
                *ok = j->windows[i].start <= start && start <= j->windows[i].end;
        }
    }
    return late;
}

int64_t model_balance_cost(int64_t rate_us, const int64_t *work, int n)
{
    if (n <= 0 || rate_us <= 0)
        return 0;
    __extension__ __int128 total = 0, spread = 0; /* spread = n * sum_t |W_t - mean| */
    for (int t = 0; t < n; t++)
        total += work[t];
    for (int t = 0; t < n; t++) {
        __extension__ __int128 d = (__int128)n * work[t] - total;
        spread += d < 0 ? -d : d;
    }
    /* with R = rate_us / ONE: floor(R * spread / n / 60 + 1/2)
     *   = floor((rate_us * spread + 30 ONE n) / (60 ONE n)) */
    __extension__ __int128 half = (__int128)30 * MODEL_RATE_ONE * n;
    __extension__ __int128 num = (__int128)rate_us * spread + half;
    __extension__ __int128 cost = num / (2 * half);
    return cost > INT64_MAX ? INT64_MAX : (int64_t)cost;
}
