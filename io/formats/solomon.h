/* solomon.h - Solomon VRPTW text instances into a finished problem, by the
 * mapping of ../shared/tools/solomon_to_json.py (docs/format.md, "Solomon").
 *
 * The mapping: 1 time unit = 1 minute from 2026-01-05T00:00 UTC (timezone
 * UTC); locations "0".."N" (0 the depot); travel durations_s = distances_m =
 * 6 * floor(10 * euclid + 1e-9) (the DIMACS 2021 convention, in seconds);
 * technicians "v1".."vK" (K = VEHICLE NUMBER), each with capacity =
 * CAPACITY, start and end at "0", no skills, one shift [depot READY TIME,
 * depot DUE DATE], no breaks; jobs "1".."N" with load = DEMAND,
 * duration = SERVICE TIME minutes and one window [READY TIME, DUE DATE].
 * The problem is named after the file's first non-empty line.
 *
 * Lines may end in LF, CRLF or CR; blank lines are ignored. Errors name the
 * file and line ("c101.txt:12: 'x1' is not a number"): MODEL_ERR_INPUT for
 * anything the converter refuses and for values the problem format forbids
 * (negative DEMAND); MODEL_ERR_LIMIT past MODEL_MAX_TECHNICIANS vehicles,
 * MODEL_MATRIX_MAX_LOCATIONS customers, travel over MODEL_MAX_TRAVEL_S or
 * times more than 1e9 minutes from the base; MODEL_ERR_IO when the file
 * cannot be read; MODEL_ERR_NOMEM. */
#ifndef FIELDPLAN_IO_SOLOMON_H
#define FIELDPLAN_IO_SOLOMON_H

#include <stddef.h>

#include "model/error.h"
#include "model/problem.h"

/* Reads the Solomon file at path (at most 512 MiB). On success *out owns a
 * new finished problem (free with model_problem_free); on error *out is NULL. */
model_status io_solomon_read_file(const char *path, model_problem **out, model_error *err);

/* Reads a Solomon instance from text[0..len); messages name source_name
 * (NULL: "(input)"). Ownership and errors as io_solomon_read_file. */
model_status io_solomon_read_text(const char *text, size_t len, const char *source_name,
                                  model_problem **out, model_error *err);

#endif
