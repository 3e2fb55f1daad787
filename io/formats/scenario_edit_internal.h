/* scenario_edit_internal.h - the state of applying a scenario to a copy of a
 * model_problem, shared by scenario_edit.c (making the changes) and
 * scenario_check.c (then checking the changed problem as the problem reader
 * would check its text); private to io/formats.
 *
 * Ownership: the editor owns the copy p, the warnings and its lists until
 * io_scenario_apply_edits hands p and the warnings to the caller; strings
 * and JSON items it points to belong to the scenario. */
#ifndef FIELDPLAN_IO_SCENARIO_EDIT_INTERNAL_H
#define FIELDPLAN_IO_SCENARIO_EDIT_INTERNAL_H

#include <stdbool.h>

#include "io/formats/scenario_internal.h"
#include "model/array.h"

/* A location a change adds (add_location, or a job's location object),
 * read when the changed problem is checked. */
typedef struct scn_location {
    const cJSON *obj;  /* {"id", "lat", "lon", "address"} in the scenario */
    const char *id;
    char where[320];   /* "changes[3].add_location", "changes[1].add_job.location" */
} scn_location;

/* Per job of p: the changes that gave or changed it, read when checked. */
typedef struct scn_job {
    int *change;       /* owned: change indices, in order (none: untouched) */
    int n, cap;
    bool added;        /* an add_job made it: every field comes from the changes */
} scn_job;

/* A scenario break whose minutes the reader refuses (not whole seconds):
 * break brk of shift `shift` of technician `technician`, kept in step as
 * shifts and breaks are removed. */
typedef struct scn_bad_break {
    int technician, shift, brk;
    const cJSON *obj;  /* the break object of the scenario */
} scn_bad_break;

/* An add_skill the problem had no room for (more than MODEL_MAX_SKILLS). */
typedef struct scn_overflow {
    int technician;
    const char *skill;
} scn_overflow;

typedef struct scn_editor {
    const io_scenario *sc;
    model_problem *p;            /* the copy being changed */
    model_error *err;
    char (*tech_where)[256];     /* per technician: the last change that touched it, or "" */
    scn_job *jobs;               /* parallel to p->jobs */
    int cap_jobs;
    scn_location *locs;
    int nlocs, cap_locs;
    scn_bad_break *bad;
    int nbad, cap_bad;
    scn_overflow *overflow;
    int noverflow, cap_overflow;
    bool declared_overflow;      /* an add_skill past MODEL_MAX_SKILLS declared skills */
    int travel_change;           /* last travel_factor change, or -1 */
    char **warn;
    int nwarn, cwarn;
} scn_editor;

/* Makes room in *arr (elements of size elem, capacity *cap) for need, by
 * the model's one growth rule; false when that fails (callers report "out
 * of memory"). */
static inline bool scn_room(void **arr, int *cap, int need, size_t elem)
{
    return model_array_grow(arr, cap, need, elem, "too many records", NULL) == MODEL_OK;
}

/* Renumbers a->p's skills by first use, technicians then jobs, each in
 * the order it lists them, as the reader numbers them (skills no record
 * uses are dropped); nothing when the problem declares its skills. */
model_status scn_renumber_skills(scn_editor *a);

/* Adds the warning "SOURCE: WHERE: message" to the editor's list
 * (MODEL_ERR_NOMEM when out of memory). */
model_status scn_warn(scn_editor *a, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Checks the changed problem a->p as the problem reader would check its
 * text, in its order (added locations, travel, declared skills, technicians
 * changed, jobs added or changed), renumbers skills by first use as the
 * reader would, and finishes p (scenario_check.c). Errors name the change:
 * "s.json: changes[2].add_job.windows[0].end: before start". */
model_status scn_check(scn_editor *a);

/* Applies change i of kind PREFER, LATENESS or OVERTIME to a->p
 * (scenario_rules.c): unknown jobs and technicians are errors; a change
 * that finds nothing to change is a warning. */
model_status scn_apply_rule(scn_editor *a, int i);

#endif
