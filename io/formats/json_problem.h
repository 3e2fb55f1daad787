/* json_problem.h - the JSON problem format (docs/format.md) into a finished
 * model_problem, and a problem back into that format.
 *
 * The reader accepts what ../shared/tools/verify_schedule.py accepts, with
 * the same meaning (defaults, null = absent, unknown fields ignored), and
 * refuses what the format forbids. It also carries the optional fields
 * "name", "timezone", location "address", technician "name", job "title",
 * "customer", "notes", and the "skills" extension: a top-level list that,
 * when given, declares every skill a technician or job may name.
 *
 * Every error message starts with the source name and the JSON path of the
 * field, with the record's id after its index where known:
 *   "p.json: jobs[17] (J-1018).windows[0].end: before start"
 *   "p.json: technicians[1].id: duplicate id 't-ana'"
 *   "p.json: line 3, column 7: invalid JSON: unexpected '}'"
 * Codes: MODEL_ERR_INPUT for anything invalid; MODEL_ERR_LIMIT past a
 * documented limit (MODEL_MAX_* in model/problem.h, IO_JSON_MAX_DEPTH,
 * IO_JSON_MAX_FILE_BYTES, travel legs over MODEL_MAX_TRAVEL_S, durations
 * over IO_JSON_MAX_DURATION_S); MODEL_ERR_IO when the file cannot be read;
 * MODEL_ERR_NOMEM. */
#ifndef FIELDPLAN_IO_JSON_PROBLEM_H
#define FIELDPLAN_IO_JSON_PROBLEM_H

#include <stddef.h>

#include "model/error.h"
#include "model/problem.h"

/* Longest job or break duration accepted, in seconds (about 317 years). */
#define IO_JSON_MAX_DURATION_S 10000000000LL

/* Reads the problem file at path. On success *out owns a new finished
 * problem (free with model_problem_free); on error *out is NULL. Errors as
 * above, plus MODEL_ERR_IO "PATH: cannot read: REASON" and MODEL_ERR_LIMIT
 * "PATH: larger than N bytes" (512 MiB). */
model_status io_json_read_problem_file(const char *path, model_problem **out, model_error *err);

/* Reads a problem from text[0..len) (need not be NUL-terminated); messages
 * name source_name (NULL: "(input)"). Ownership and errors as above. */
model_status io_json_read_problem_text(const char *text, size_t len, const char *source_name,
                                       model_problem **out, model_error *err);

/* The problem as JSON text in the problem format: every time with the UTC
 * offset of p's zone at that instant, durations in minutes that read back
 * to the same whole seconds, numbers in their shortest exact form. Reading
 * the text back gives an equal problem. Returns a new NUL-terminated string
 * (caller frees) or NULL with MODEL_ERR_NOMEM, or MODEL_ERR_INPUT when a
 * duration in seconds has no minutes value that reads back to it (only
 * possible for durations over about 8e6 seconds built outside the reader). */
char *io_json_problem_to_string(const model_problem *p, model_error *err);

#endif
