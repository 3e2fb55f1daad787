/* problem_edit.h - editing a problem after it was read: a deep copy that can
 * be changed and finished again, and the edits what-if scenarios make
 * (io/formats/scenario.h): removing a shift or a job, scaling a travel
 * matrix, renumbering skills.
 *
 * The copy is unfinished (model_problem.finished is false, no haversine
 * matrix materialised): edit it with these functions and problem.h's add
 * functions, then seal it with model_problem_finish. The caller owns the
 * copy (model_problem_free). Edits keep the id indexes in step. */
#ifndef FIELDPLAN_MODEL_PROBLEM_EDIT_H
#define FIELDPLAN_MODEL_PROBLEM_EDIT_H

#include "model/error.h"
#include "model/problem.h"

/* A deep copy of src (finished or not) in *out, unfinished; the travel
 * matrix of a matrix problem is copied, a haversine one is left to finish.
 * A zone is not copied: the copy takes tz (src's zone loaded again, e.g.
 * io/formats/zonefile.h's io_zone_load; NULL: UTC), also on failure, when
 * it is freed. MODEL_ERR_NOMEM on failure (*out NULL). */
model_status model_problem_copy(const model_problem *src, model_tz *tz, model_problem **out,
                                model_error *err);

/* Removes shift k of t (later shifts move down one). */
void model_technician_remove_shift(model_technician *t, int k);

/* Removes break k of s (later breaks move down one). */
void model_shift_remove_break(model_shift *s, int k);

/* Removes job `index` (later jobs move down one) and re-indexes the jobs.
 * MODEL_ERR_NOMEM when the index cannot be rebuilt. */
model_status model_problem_remove_job(model_problem *p, int index, model_error *err);

/* Multiplies every duration of p's travel matrix by f, rounded half up to
 * whole seconds. MODEL_ERR_LIMIT "makes a travel leg longer than N seconds"
 * when a leg would pass MODEL_MAX_TRAVEL_S (p is then partly scaled). */
model_status model_problem_scale_matrix(model_problem *p, double f, model_error *err);

/* Renumbers p's skills: new skill k is old skill order[k] (0 <= k < n, the
 * old indices distinct); skills not in order are dropped from the problem
 * and from every skill set. MODEL_ERR_NOMEM on failure. */
model_status model_problem_renumber_skills(model_problem *p, const int *order, int n,
                                           model_error *err);

#endif
