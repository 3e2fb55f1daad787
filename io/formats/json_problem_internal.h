/* json_problem_internal.h - the JSON problem reader's parts, private to
 * io/formats: the reader context and field readers (json_problem_fields.c)
 * and the record readers (json_problem.c) that the problem reader and the
 * what-if applier (scenario_edit.c) share, so that a job or location a
 * scenario adds is read by the same code, with the same messages.
 *
 * Ownership: the reader borrows everything it points to; what a field
 * reader returns points into the JSON tree it was given. Each function
 * returns MODEL_OK or sets r->err to "SRC: WHERE.FIELD: MESSAGE" and
 * returns its code (json_problem.h). Nothing here prints. */
#ifndef FIELDPLAN_IO_JSON_PROBLEM_INTERNAL_H
#define FIELDPLAN_IO_JSON_PROBLEM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_read_internal.h"

/* Upper bound (exclusive) of capacity and load. */
#define MAX_QUANTITY 1e15
/* Upper bound (exclusive) of max_jobs_per_shift. */
#define MAX_JOBS_PER_SHIFT 1000000
/* Room for a JSON path in messages. */
#define WHERE_MAX 256

typedef struct io_jp_reader {
    const char *src;         /* source name, first in every message */
    model_problem *p;        /* the problem being built (its tables: locations,
                                technicians, skills, zone) */
    model_error *err;        /* the caller's error record */
    unsigned char *seen;     /* per technician (+1), zeroed: scratch for allowed lists */
    io_json_doc *doc;        /* the parsed text (for its tables), or NULL */
    bool location_objects;   /* a job's "location" may be an object {"id", ...}
                                (a scenario's job): its id is the location */
    bool skill_limit_later;  /* a skill past MODEL_MAX_SKILLS is left out, not an
                                error: the caller tells where the reader would
                                have found too many (scenario_check.c) */
    bool until_skills;       /* io_jp_read_job_fields stops before "skills" */
} io_jp_reader;

/* ---- field readers (json_problem_fields.c) ---- */

/* Sets "SRC: WHERE.FIELD: MESSAGE" ("top level" when both are empty);
 * returns code. */
model_status io_jp_fail(io_jp_reader *r, model_status code, const char *where, const char *field,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Prefixes the model's message in r->err (which names no path) with SRC: WHERE. */
model_status io_jp_pass(io_jp_reader *r, model_status st, const char *where, const char *field);
/* A printable, bounded copy of s in buf for messages. */
const char *io_jp_shown(const char *s, char *buf, size_t size);
/* "WHERE.KEY[I]" or "KEY[I]", then " (ID)" when id is given, into buf
 * (WHERE_MAX bytes). */
void io_jp_element(char *buf, const char *where, const char *key, int i, const char *id);
bool io_jp_is_type(const cJSON *v, int type);

/* Each reads obj[key] (null counts as absent); see json_problem_fields.c. */
model_status io_jp_get_list(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                            bool required, int max, const char *what, bool strings,
                            const cJSON **first, int *n);
model_status io_jp_get_string(io_jp_reader *r, const cJSON *obj, const char *key,
                              const char *where, bool required, const char **out);
model_status io_jp_get_number(io_jp_reader *r, const cJSON *obj, const char *key,
                              const char *where, bool *present, double *out);
model_status io_jp_get_quantity(io_jp_reader *r, const cJSON *obj, const char *key,
                                const char *where, double *out);
model_status io_jp_get_int(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                           long lo, long hi, bool *present, long *out);
model_status io_jp_get_minutes(io_jp_reader *r, const cJSON *obj, const char *key,
                               const char *where, bool positive, int64_t *secs);
model_status io_jp_get_time(io_jp_reader *r, const cJSON *obj, const char *key, const char *where,
                            bool required, bool *present, int64_t *out);
model_status io_jp_get_location(io_jp_reader *r, const cJSON *obj, const char *key,
                                const char *where, bool required, int *index);
model_status io_jp_technician_ref(io_jp_reader *r, const char *id, const char *where,
                                  const char *field, int *index);
/* (order, when not NULL, receives the skills as written; levels, when not
 * NULL, the levels above 1 of skills written "name:level", extension 2.) */
model_status io_jp_get_skills(io_jp_reader *r, const cJSON *obj, const char *where,
                              model_skillset *set, model_skill_order *order,
                              model_skill_levels *levels);
/* Record i of the list named list (an object with a new "id"): its id,
 * and where (WHERE_MAX bytes) "LIST[I] (ID)" for its fields' messages. */
model_status io_jp_record_id(io_jp_reader *r, const cJSON *rec, const char *list, int i,
                             const model_strmap *index, char *where, const char **id);

/* ---- extension 2 (json_problem_soft.c) ---- */

/* A soft limit obj[key] ({"max_min", "cost_s_per_min"}, a shift's
 * overtime or a job's lateness); MODEL_SOFT_LIMIT_HARD when absent. */
model_status io_jp_get_soft_limit(io_jp_reader *r, const cJSON *obj, const char *key,
                                  const char *where, model_soft_limit *out);
/* obj's "preferred_technicians" into j (replacing j's list). */
model_status io_jp_get_preferred(io_jp_reader *r, model_job *j, const cJSON *obj,
                                 const char *where);
/* obj's "contact" into j->contact (replacing it). */
model_status io_jp_get_contact(io_jp_reader *r, model_job *j, const cJSON *obj, const char *where);
/* The document's "objective" into r->p (and r->p->extension2). */
model_status io_jp_get_objective(io_jp_reader *r, const cJSON *doc);

/* ---- record readers (json_problem.c) ---- */

/* The location object c (id already checked) added to r->p as `id`:
 * "address", "lat", "lon" as the reader reads locations[i]. */
model_status io_jp_read_location(io_jp_reader *r, const cJSON *c, const char *where,
                                 const char *id);

/* The fields of job j after its id, in the reader's order (title, customer,
 * notes, location, duration_min, skills, priority, load, windows, release,
 * deadline, technician, allowed_technicians). Each field is taken from the
 * last of objs[0..n) that has it (null counts: it means the default). A
 * field none has is read from objs[0] (absent: the default) unless
 * `update`, when j keeps its value. only_window, when not NULL, replaces
 * the "windows" field (a booked slot). Messages are "SRC: WHERE.FIELD". */
model_status io_jp_read_job_fields(io_jp_reader *r, model_job *j, const cJSON *const *objs, int n,
                                   bool update, const model_window *only_window,
                                   const char *where);

/* Sets "SRC: travel: ..." when a haversine leg of the finished problem
 * r->p is longer than MODEL_MAX_TRAVEL_S (the model clamps; the format
 * would not). */
model_status io_jp_check_haversine_range(io_jp_reader *r);

#endif
