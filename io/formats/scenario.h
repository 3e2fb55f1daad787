/* scenario.h - what-if scenarios (docs/whatif.md): a list of changes to the
 * problem a published version solved (technician absent, shift changed,
 * skill added or removed, job added, cancelled or updated, travel slower),
 * read from JSON and applied to that problem; and a single job file
 * (`fieldplan slots` and `book`) read as a scenario of one added job.
 *
 * Applying edits a copy of the problem in memory (model/problem_edit.h),
 * then checks what the changes added or changed with the problem reader's
 * own code, in its order, so results and messages are those of reading the
 * changed problem's text. Errors found while applying come first, in change
 * order; the reader's follow, named against the change that last touched
 * the record. Every error names the scenario file, the change and the
 * field:
 *   "s.json: changes[2].absent: unknown technician 't-09'"
 *   "s.json: changes[0].from: '2026-13-01' is not an ISO 8601 time or a date"
 *   "s.json: changes[3].add_job.windows[0].end: before start"
 *   "job.json: duration_min: missing (required)"      (a job file)
 * Codes: MODEL_ERR_INPUT, MODEL_ERR_LIMIT (sizes, as the problem reader),
 * MODEL_ERR_IO (the file cannot be read), MODEL_ERR_NOMEM.
 *
 * Times without an offset are wall-clock times in the problem's zone; where
 * the format below says "time or date", a date YYYY-MM-DD means its
 * midnight (as an end: the midnight that ends it). */
#ifndef FIELDPLAN_IO_SCENARIO_H
#define FIELDPLAN_IO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/problem.h"

/* Most changes in one scenario. */
#define IO_SCENARIO_MAX_CHANGES 10000
/* Largest scenario or job file (16 MiB). */
#define IO_SCENARIO_MAX_BYTES ((size_t)16 << 20)
/* Largest travel factor accepted (and smallest: 1 / this). */
#define IO_SCENARIO_MAX_FACTOR 100.0

typedef enum io_change_kind {
    IO_CHANGE_ABSENT = 0,        /* {"absent": T, "from", "to" | "date", "reason"} */
    IO_CHANGE_SHIFT = 1,         /* {"shift": T, "date", "start", "end", "breaks"} */
    IO_CHANGE_ADD_SKILL = 2,     /* {"add_skill": T, "skill": S} */
    IO_CHANGE_REMOVE_SKILL = 3,  /* {"remove_skill": T, "skill": S} */
    IO_CHANGE_ADD_JOB = 4,       /* {"add_job": JOB} */
    IO_CHANGE_CANCEL_JOB = 5,    /* {"cancel_job": ID} */
    IO_CHANGE_UPDATE_JOB = 6,    /* {"update_job": ID, FIELD: VALUE...} */
    IO_CHANGE_TRAVEL_FACTOR = 7, /* {"travel_factor": F} */
    IO_CHANGE_ADD_LOCATION = 8,  /* {"add_location": {"id", "lat", "lon", "address"}} */
    /* FORMAT.md extension 2 (docs/whatif.md) */
    IO_CHANGE_PREFER = 9,        /* {"prefer": JOB, "technician": T, "bonus_s": B | "remove": true} */
    IO_CHANGE_LATENESS = 10,     /* {"lateness": JOB, "max_min", "cost_s_per_min"} (no max: hard) */
    IO_CHANGE_OVERTIME = 11      /* {"overtime": T, "date", "max_min", "cost_s_per_min"} */
} io_change_kind;

/* Number of change kinds. */
#define IO_CHANGE_KINDS 12

typedef struct io_scenario io_scenario; /* opaque: a parsed, checked scenario */

/* Reads the scenario file at path: {"changes": [CHANGE...]} (other members
 * ignored). Each change is an object with exactly one of the kind keys
 * above; its fields are type-checked here, its references (technicians,
 * jobs, dates in the plan) when it is applied. On MODEL_OK *out owns the
 * scenario (free with io_scenario_free). */
model_status io_scenario_read_file(const char *path, io_scenario **out, model_error *err);

/* Like io_scenario_read_file for text[0..len); source names it in messages. */
model_status io_scenario_read_text(const char *text, size_t len, const char *source,
                                   io_scenario **out, model_error *err);

/* Reads a job file: one job object as in FORMAT.md, whose "location" may
 * also be an object {"id", "lat", "lon", "address"} that adds a location
 * (haversine travel only), and whose "id" defaults to default_id when
 * absent (NULL: required). The scenario has one IO_CHANGE_ADD_JOB change;
 * messages name the job's fields without a change index. */
model_status io_scenario_read_job_file(const char *path, const char *default_id,
                                       io_scenario **out, model_error *err);
model_status io_scenario_read_job_text(const char *text, size_t len, const char *source,
                                       const char *default_id, io_scenario **out,
                                       model_error *err);

/* Makes [start, end] the only window of every job the scenario adds (the
 * booked slot), replacing the job's own windows. */
void io_scenario_set_window(io_scenario *sc, int64_t start, int64_t end);

/* Frees a scenario; NULL is accepted. */
void io_scenario_free(io_scenario *sc);

/* Number of changes; the source name. */
int io_scenario_count(const io_scenario *sc);
const char *io_scenario_source(const io_scenario *sc);

/* The id of the job a job file adds (after defaulting), or NULL. */
const char *io_scenario_job_id(const io_scenario *sc);

/* The scenario as one line of JSON ({"changes": [...]}; a job file as a
 * scenario of one add_job), to be stored and read back with
 * io_scenario_read_text. A new string (caller frees), NULL with
 * MODEL_ERR_NOMEM. */
char *io_scenario_to_json(const io_scenario *sc, model_error *err);

/* What applying gave. */
typedef struct io_scenario_result {
    model_problem *problem; /* owned: the changed problem, finished */
    char **warnings;        /* owned: changes that had no effect, one line each
                               ("s.json: changes[0]: no shift of 't-01' overlaps ...") */
    int nwarnings;
} io_scenario_result;

#define IO_SCENARIO_RESULT_INIT {NULL, NULL, 0}

/* Reads the problem text[0..len) (the JSON problem format, e.g. a plan
 * run's problem) and applies the changes in order to it in memory.
 * Rules (docs/whatif.md): an absence removes the shifts it covers, shortens
 * those it overlaps at an end, and becomes a break in those it lies inside
 * (breaks that can no longer be taken are dropped); a shift change
 * replaces the technician's shift on that date or adds one; a travel
 * factor multiplies matrix durations (rounded) or divides the haversine
 * speed. Jobs added come last, in change order, so the jobs of the
 * original problem keep their indices unless some are cancelled. A text
 * the problem reader refuses, or that does not parse, gives the reader's
 * message ("base problem: jobs[1] (J-2).duration_min: missing", "base
 * problem: line L, column C: ..."): a scenario applies to a valid problem. On MODEL_OK
 * *out is filled (free with io_scenario_result_free); on error it stays
 * empty. */
model_status io_scenario_apply(const io_scenario *sc, const char *text, size_t len,
                               io_scenario_result *out, model_error *err);

/* Like io_scenario_apply for a finished problem p (not changed): the
 * changes are made to a copy of p in memory and checked as the problem
 * reader would check the changed problem's text; results and messages are
 * those io_scenario_apply gives for p's text. */
model_status io_scenario_apply_problem(const io_scenario *sc, const model_problem *p,
                                       io_scenario_result *out, model_error *err);

void io_scenario_result_free(io_scenario_result *r);

/* One change as the store needs it to record a published what-if in the
 * master data (io/store/store_whatif.h). Strings point into the scenario. */
typedef struct io_scenario_change {
    io_change_kind kind;
    const char *technician; /* ABSENT, SHIFT, ADD_SKILL, REMOVE_SKILL, OVERTIME, else NULL */
    const char *job;        /* ADD_JOB, CANCEL_JOB, UPDATE_JOB, PREFER, LATENESS, else NULL */
    const char *location;   /* ADD_LOCATION, or a location object given with a job */
    const char *date;       /* SHIFT: "YYYY-MM-DD"; OVERTIME: that day, or NULL: every shift */
    const char *reason;     /* ABSENT: may be NULL */
    int64_t from, to;       /* ABSENT: the absence, resolved in tz (to may be
                               MODEL_TIME_MAX: open-ended) */
} io_scenario_change;

/* Change i (0 <= i < count), times resolved in zone tz. Errors as apply. */
model_status io_scenario_change_at(const io_scenario *sc, int i, const model_tz *tz,
                                   io_scenario_change *out, model_error *err);

#endif
