/* vroom.h - VROOM's JSON problem input into a finished model_problem, and a
 * schedule back into VROOM's solution shape (docs/vroom.md lists every field
 * mapped, dropped or refused).
 *
 * The mapping, in short: a VROOM time is a number of seconds; it becomes the
 * instant that many seconds after 1970-01-01T00:00:00Z (zone UTC), and an
 * instant is written back as that number, so relative ([0, 14400]) and
 * absolute (Unix timestamps) inputs both read and write unchanged. Jobs
 * become jobs with ids "17" (the VROOM id in decimal), vehicles become
 * technicians with one shift (their time_window), integer skills become
 * skills named "1", "14". With a `matrices` object, location i is the
 * matrix's row i (id "i"); without one, every distinct [lon, lat] is a
 * location travelled by FORMAT.md's haversine model (30 km/h, circuity 1).
 * What the model cannot hold (shipments, open routes, several amount
 * dimensions or profiles, vehicle costs, ...) is refused with a message
 * naming the field, never silently changed.
 *
 * Errors name the source and the JSON path, as the native reader does:
 *   "in.json: jobs[3] (id 17).time_windows[0]: end before start"
 * MODEL_ERR_INPUT for anything invalid or refused, MODEL_ERR_LIMIT past the
 * model's bounds, MODEL_ERR_IO when the file cannot be read,
 * MODEL_ERR_NOMEM. Nothing here prints. */
#ifndef FIELDPLAN_IO_VROOM_H
#define FIELDPLAN_IO_VROOM_H

#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* The upper end of a vehicle's working hours when it has no time_window
 * (VROOM's own default horizon: the largest 32-bit unsigned number). */
#define IO_VROOM_HORIZON_S 4294967295LL

/* A VROOM break id, kept beside the problem (the model's breaks have no
 * ids): the break of technician `technician`'s only shift with this window
 * and duration. */
typedef struct io_vroom_break {
    int technician;
    int64_t earliest, latest, duration;
    int64_t id;
} io_vroom_break;

/* What the reader keeps for the writer: the break ids. */
typedef struct io_vroom_ids {
    io_vroom_break *breaks; /* owned */
    int nbreaks, cap;
} io_vroom_ids;

/* Reads a VROOM input file. On success *out owns a new finished problem and
 * *ids (if ids is not NULL) new break ids (free with io_vroom_ids_free); on
 * error both are NULL. */
model_status io_vroom_read_file(const char *path, model_problem **out, io_vroom_ids **ids,
                                model_error *err);

/* The same from text[0..len); messages name source_name (NULL: "(input)"). */
model_status io_vroom_read_text(const char *text, size_t len, const char *source_name,
                                model_problem **out, io_vroom_ids **ids, model_error *err);

void io_vroom_ids_free(io_vroom_ids *ids);

/* The schedule s of problem p as a VROOM solution: code 0, summary, routes
 * (those that serve a job) with their steps, unassigned jobs. Job and
 * vehicle ids are written as numbers: the model's ids when every one of
 * them is a plain decimal integer, else their 1-based positions (and the
 * original id as the step's "description"). Break ids come from ids when
 * given (a problem read by io_vroom_read_*), else they are the break's
 * 1-based position in its shift. Returns a new NUL-terminated string
 * (caller frees) or NULL with err set (MODEL_ERR_NOMEM, or MODEL_ERR_INPUT
 * for a stop that names no valid job or location). */
char *io_vroom_solution_to_string(const model_problem *p, const model_schedule *s,
                                  const io_vroom_ids *ids, model_error *err);

#endif
