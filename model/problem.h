/* problem.h - the scheduling problem: locations, travel, technicians with
 * shifts and breaks, jobs with skills, windows and limits (FORMAT.md).
 *
 * Plain structs, built by a reader in io/ through the model_problem_add_*
 * functions and then sealed by model_problem_finish(), which builds the id
 * indexes and the travel matrix. After finish the problem is read-only and
 * may be shared between threads. All times are instants (tz.h); all
 * durations are whole seconds. The problem owns every string and array in
 * it; model_problem_free releases them all. Indices (location, technician,
 * job, skill) are positions in the problem's arrays, in input order. */
#ifndef FIELDPLAN_MODEL_PROBLEM_H
#define FIELDPLAN_MODEL_PROBLEM_H

#include <stdbool.h>
#include <stdint.h>

#include "model/error.h"
#include "model/rate.h"
#include "model/skills.h"
#include "model/strmap.h"
#include "model/tz.h"

/* "No release" and "no deadline". */
#define MODEL_TIME_MIN INT64_MIN
#define MODEL_TIME_MAX INT64_MAX

/* Bounds on input sizes (checked by readers; MODEL_ERR_LIMIT past them). */
#define MODEL_MAX_LOCATIONS 200000
#define MODEL_MAX_JOBS 200000
#define MODEL_MAX_TECHNICIANS 20000
#define MODEL_MAX_SHIFTS_PER_TECH 400
#define MODEL_MAX_BREAKS_PER_SHIFT 8
#define MODEL_MAX_WINDOWS_PER_JOB 64
#define MODEL_MAX_TRAVEL_S 2000000000   /* one leg, about 63 years */
/* Above this many locations the travel matrix is not materialised and the
 * haversine model is evaluated on demand (a matrix input always is stored). */
#define MODEL_MATRIX_MAX_LOCATIONS 6000

typedef struct model_location {
    char *id;        /* unique, owned */
    double lat, lon; /* degrees; meaningful only when has_coords */
    bool has_coords;
    char *address;   /* owned, may be NULL */
} model_location;

typedef enum model_travel_kind {
    MODEL_TRAVEL_MATRIX = 0,   /* durations (and maybe distances) given */
    MODEL_TRAVEL_HAVERSINE = 1 /* computed from lat/lon */
} model_travel_kind;

typedef struct model_travel {
    model_travel_kind kind;
    double speed_kmh;      /* haversine: > 0, default 30 */
    double circuity;       /* haversine: > 0, default 1.0 */
    int n;                 /* number of locations the matrices cover */
    int32_t *durations;    /* n*n row-major seconds, or NULL (large haversine) */
    int32_t *distances;    /* n*n row-major metres, or NULL (all 0 for a
                              matrix without distances_m; on demand for
                              large haversine) */
    double *rad_lat;       /* haversine: latitude per location, radians */
    double *rad_lon;       /* haversine: longitude per location, radians */
    double *cos_lat;       /* haversine: cos(rad_lat) */
} model_travel;

typedef struct model_break {
    int64_t earliest; /* the break starts within [earliest, latest] */
    int64_t latest;
    int64_t duration; /* seconds, >= 0 */
} model_break;

/* A hard limit relaxed at a cost (FORMAT.md extension 2: a job's
 * `lateness`, a shift's `overtime`): up to max_s seconds past the limit,
 * at cost = ceil(excess_s * cost_s_per_min / 60), exactly (rate.h: the
 * rate is kept in millionths of a second per minute).
 * max_s < 0: not relaxed (the limit is hard), as when the field is absent. */
typedef struct model_soft_limit {
    int64_t max_s;           /* -1: hard; else the allowed excess, seconds (max_min * 60) */
    int64_t cost_us_per_min; /* >= 0: cost_s_per_min * MODEL_RATE_ONE */
} model_soft_limit;

#define MODEL_SOFT_LIMIT_HARD ((model_soft_limit){-1, 0})

/* The cost of exceeding a soft limit by excess_s >= 0 seconds. */
static inline int64_t model_soft_limit_cost(model_soft_limit l, int64_t excess_s)
{
    return model_rate_charge(l.cost_us_per_min, excess_s);
}

/* The price of one second past the limit, in cost seconds (cost_s_per_min
 * / 60), for a search that weighs costs as doubles. */
static inline double model_soft_limit_per_s(model_soft_limit l)
{
    return (double)l.cost_us_per_min / (60.0 * (double)MODEL_RATE_ONE);
}

/* excess_s seconds past the limit priced as a double without rounding up:
 * excess_s * cost_s_per_min / 60, rounded once (the same double as the
 * whole-number formula gave before rates had fractions). */
static inline double model_soft_limit_weight(model_soft_limit l, int64_t excess_s)
{
    return (double)excess_s * (double)l.cost_us_per_min / (60.0 * (double)MODEL_RATE_ONE);
}

typedef struct model_shift {
    int64_t start;         /* leave start_location no earlier */
    int64_t end;           /* back at end_location no later (plus overtime.max_s) */
    model_break *breaks;   /* owned; sorted by earliest by finish() */
    int nbreaks;
    model_soft_limit overtime; /* extension 2; hard by default */
} model_shift;

/* Skill levels (extension 2): a skill written "gas:2" is skill `gas` with
 * level 2; a plain skill is level 1 and has no entry here. A job's entry
 * needs a technician level >= it for that skill. */
typedef struct model_skill_level {
    int skill; /* skill index */
    int level; /* 2..9 */
} model_skill_level;

typedef struct model_skill_levels {
    model_skill_level *v; /* owned, sorted by skill index */
    int n, cap;
} model_skill_levels;

/* A customer's contact (extension 2): no effect on solving. */
typedef struct model_contact {
    char *phone; /* owned, may be NULL */
    char *email; /* owned, may be NULL */
    char *notes; /* owned, may be NULL */
} model_contact;

/* A preferred technician of a job and the bonus for serving it (extension 2). */
typedef struct model_preference {
    int technician; /* technician index */
    int64_t bonus_s; /* >= 0 */
} model_preference;

/* A record's skills in the order its input listed them (skill indices, each
 * once). Readers fill it (io/formats/json_problem.c) so that a changed
 * problem can number its skills by first use as a reader of its text would
 * (io/formats/scenario_edit.c); nothing else reads it. Empty for records
 * built otherwise: then index order stands for it. */
typedef struct model_skill_order {
    int *k;     /* owned */
    int n, cap;
} model_skill_order;

typedef struct model_technician {
    char *id;              /* unique, owned */
    char *name;            /* owned, may be NULL */
    model_skillset skills;
    model_skill_order skill_order; /* skills as written */
    model_skill_levels levels;     /* levels above 1 (extension 2) */
    int start_location;    /* location index */
    int end_location;      /* location index (default: start) */
    double capacity;       /* 0: no load limit */
    int max_jobs;          /* per shift; -1: no limit; 0: no jobs */
    model_shift *shifts;   /* owned, in input order (schedule "shift" index) */
    int nshifts;
} model_technician;

typedef struct model_window {
    int64_t start; /* service may start at start <= S <= end */
    int64_t end;
} model_window;

typedef struct model_job {
    char *id;               /* unique, owned */
    char *title;            /* owned, may be NULL */
    char *customer;         /* owned, may be NULL */
    char *notes;            /* owned, may be NULL */
    int location;           /* location index */
    int64_t duration;       /* seconds, > 0 */
    model_skillset skills;
    model_skill_order skill_order; /* skills as written */
    int priority;           /* 0..100; unassigned weight is 1 + priority */
    double load;            /* >= 0 */
    model_window *windows;  /* owned, sorted by start by finish(); none: any time */
    int nwindows;
    int64_t release;        /* MODEL_TIME_MIN: none; S >= release */
    int64_t deadline;       /* MODEL_TIME_MAX: none; S + duration <= deadline */
    int pinned;             /* technician index, or -1 */
    int *allowed;           /* owned technician indices, when has_allowed */
    int nallowed;
    bool has_allowed;       /* false: anyone (subject to skills and pin) */
    /* extension 2 (FORMAT.md "Soft rules, costs and contacts") */
    model_skill_levels levels;     /* levels above 1 the job needs */
    model_soft_limit lateness;     /* hard by default */
    model_preference *preferred;   /* owned, in input order */
    int npreferred;
    model_contact contact;
} model_job;

/* The problem's objective settings (extension 2). */
typedef struct model_objective {
    int64_t balance_us_per_min; /* balance_cost_s_per_min * MODEL_RATE_ONE (rate.h); 0: none */
} model_objective;

typedef struct model_problem {
    char *name;                   /* owned, may be NULL */
    model_tz *tz;                 /* owned; UTC when the input names none */
    model_location *locations;    /* owned */
    int nlocations;
    model_travel travel;
    char **skills;                /* owned interned skill names, index = bit */
    int nskills;
    bool skills_declared;         /* a top-level "skills" list was given */
    model_technician *technicians;/* owned */
    int ntechnicians;
    model_job *jobs;              /* owned */
    int njobs;
    model_objective objective;    /* extension 2 */
    bool extension2;              /* the input used a field of extension 2 that
                                     leaves no other trace here (an "objective"
                                     object, a skill written "name:1"): its
                                     schedules carry the cost terms all the same */
    /* indexes built by model_problem_add_* (keys are the id strings above) */
    model_strmap location_index;
    model_strmap technician_index;
    model_strmap job_index;
    model_strmap skill_index;
    /* capacities of the arrays above (for the add functions) */
    int cap_locations, cap_technicians, cap_jobs, cap_skills;
    bool finished;                /* model_problem_finish succeeded */
} model_problem;

/* A new empty problem in *out (tz UTC). MODEL_ERR_NOMEM on failure. */
model_status model_problem_create(model_problem **out, model_error *err);

/* Frees what job j owns (not j itself). */
void model_job_clear(model_job *j);

/* Frees the problem and everything it owns; NULL is accepted. */
void model_problem_free(model_problem *p);

/* Copies `name` into p->name (NULL clears it). */
model_status model_problem_set_name(model_problem *p, const char *name, model_error *err);

/* Replaces p->tz with tz, which p now owns (the old zone is freed). Loading
 * a zone by name is io/formats/zonefile.h's io_zone_set_problem. */
void model_problem_set_tz(model_problem *p, model_tz *tz);

/* Appends a location with a copy of id (and address, may be NULL); *index
 * receives its index. MODEL_ERR_INPUT "duplicate location id 'X'". */
model_status model_problem_add_location(model_problem *p, const char *id, const char *address,
                                        int *index, model_error *err);

/* Index of the skill named `name`, interning it when new (MODEL_ERR_LIMIT
 * past MODEL_MAX_SKILLS skills). */
model_status model_problem_intern_skill(model_problem *p, const char *name, int *index,
                                        model_error *err);

/* Appends a zeroed technician with a copy of id (capacity 0, max_jobs -1,
 * locations -1) and returns a pointer to it in *out (valid until the next
 * add). MODEL_ERR_INPUT "duplicate technician id 'X'". */
model_status model_problem_add_technician(model_problem *p, const char *id,
                                          model_technician **out, int *index, model_error *err);

/* Appends a zeroed shift to technician t (pointer valid until next add). */
model_status model_technician_add_shift(model_technician *t, model_shift **out, model_error *err);

/* Appends a break to shift s. */
model_status model_shift_add_break(model_shift *s, const model_break *b, model_error *err);

/* Appends a job with a copy of id (release MIN, deadline MAX, pinned -1,
 * location -1). MODEL_ERR_INPUT "duplicate job id 'X'". */
model_status model_problem_add_job(model_problem *p, const char *id, model_job **out,
                                   int *index, model_error *err);

/* Appends a window to job j. */
model_status model_job_add_window(model_job *j, const model_window *w, model_error *err);

/* Appends technician index t to j's allowed list (sets has_allowed). */
model_status model_job_add_allowed(model_job *j, int t, model_error *err);

/* Sets skill k's level in ls (level 1 removes the entry). */
model_status model_skill_levels_set(model_skill_levels *ls, int k, int level, model_error *err);

/* The level of skill k in ls: 1 when there is no entry. */
int model_skill_levels_get(const model_skill_levels *ls, int k);

/* Appends a preferred technician to job j. */
model_status model_job_add_preference(model_job *j, int technician, int64_t bonus_s,
                                      model_error *err);

/* The bonus for technician t serving job j (0 when not preferred). */
int64_t model_job_preference_bonus(const model_job *j, int t);

/* Whether the problem uses any soft rule of extension 2 (lateness,
 * overtime, preferred technicians, a balance cost): its schedules then
 * carry the cost terms in their summary. */
bool model_problem_uses_soft_rules(const model_problem *p);

/* Whether the problem uses any field of extension 2 as the oracle counts
 * them (the soft rules above, a contact, a skill level, p->extension2):
 * its schedules' summaries then carry `cost` and its four terms. */
bool model_problem_uses_extension2(const model_problem *p);

/* Whether the problem uses lateness, overtime or a balance cost: the soft
 * rules other than preferred technicians. */
bool model_problem_uses_soft_limits(const model_problem *p);

/* Late seconds of job j served from `start` (FORMAT.md extension 2):
 * max(0, start - w.end) for w the window with the largest w.start <= start
 * (of equal starts, the one ending last); 0 without windows or before the
 * first window. *ok (may be NULL) tells whether start keeps rule 2 as the
 * job's lateness relaxes it: within some window when lateness is hard,
 * else w.start <= start <= w.end + lateness.max_s for that w. */
int64_t model_job_late_s(const model_job *j, int64_t start, bool *ok);

/* The balance cost of extension 2 given W_t for the n technicians that
 * have a shift: floor(rate * sum_t |W_t - mean| / 60 + 1/2), exactly, for
 * rate_us millionths of a second per minute (rate.h). */
int64_t model_balance_cost(int64_t rate_us, const int64_t *work, int n);

/* Appends skill k to o unless it is there. MODEL_ERR_NOMEM on failure. */
model_status model_skill_order_add(model_skill_order *o, int k, model_error *err);

/* Removes skill k from o (when there). */
void model_skill_order_remove(model_skill_order *o, int k);

/* Copies a string into *dst (freeing the old one); NULL src sets NULL. */
model_status model_strdup_into(char **dst, const char *src, model_error *err);

/* Sets the travel model. For MODEL_TRAVEL_MATRIX, durations (n*n, n =
 * nlocations at finish time) is taken over by the problem, distances too (may
 * be NULL: all 0); both allocated with malloc. */
void model_problem_set_matrix(model_problem *p, int32_t *durations, int32_t *distances, int n);
void model_problem_set_haversine(model_problem *p, double speed_kmh, double circuity);

/* Seals the problem: checks cross-references that readers could not
 * (travel size equals nlocations, haversine locations have coordinates,
 * technician locations set, job locations set), sorts windows and breaks,
 * and materialises the haversine matrix when nlocations <=
 * MODEL_MATRIX_MAX_LOCATIONS. Errors name the record: "technicians[2]:
 * start_location missing". */
model_status model_problem_finish(model_problem *p, model_error *err);

/* Haversine leg by FORMAT.md's formula (used by finish and on demand). */
void model_haversine_leg(const model_travel *tr, int from, int to, int32_t *duration_s,
                         int32_t *distance_m);

/* Travel duration (s) and distance (m) between location indices. */
static inline int32_t model_travel_duration(const model_problem *p, int from, int to)
{
    const model_travel *tr = &p->travel;
    if (tr->durations)
        return tr->durations[(int64_t)from * tr->n + to];
    int32_t d, m;
    model_haversine_leg(tr, from, to, &d, &m);
    return d;
}

static inline int32_t model_travel_distance(const model_problem *p, int from, int to)
{
    const model_travel *tr = &p->travel;
    if (tr->distances)
        return tr->distances[(int64_t)from * tr->n + to];
    if (tr->kind == MODEL_TRAVEL_MATRIX)
        return 0;
    int32_t d, m;
    model_haversine_leg(tr, from, to, &d, &m);
    return m;
}

/* Weight of leaving job j unassigned: 1 + priority. */
static inline int64_t model_job_weight(const model_job *j)
{
    return 1 + (int64_t)j->priority;
}

/* Whether technician t may serve job j by rule 1 (skills and their levels,
 * pin, allowed). */
bool model_job_allows_technician(const model_problem *p, int job, int tech);

/* The day shift `shift` of technician `tech` belongs to: the local date of
 * its start in p's zone, as days since 1970-01-01. */
int64_t model_shift_day(const model_problem *p, int tech, int shift);

/* The same day as "YYYY-MM-DD" in buf (MODEL_DATE_BUF bytes); returns buf. */
char *model_shift_date(const model_problem *p, int tech, int shift, char *buf);

#endif
