/* json_schedule.h - schedules as JSON (FORMAT.md "Schedule"): writing, and
 * reading with every defect the oracle (verify_schedule.py) calls a
 * violation reported as one, so that `fieldplan check` agrees with it.
 *
 * Writing is deterministic: keys in FORMAT.md's order, two-space indent, one
 * stop per line, every time with the problem zone's UTC offset at that
 * instant, the summary recomputed by model_schedule_summarize.
 *
 * Reading fills a model_schedule for model_check_schedule. What the model
 * cannot hold (an unknown job or technician id, a bad shift index, an
 * unknown stop type, a misplaced start or end, a time that is not ISO 8601,
 * has no offset, has a fraction of a second, a stop location that is not
 * the job's or the technician's, ...) is appended to `violations` with the
 * oracle's message, and the route, stop or entry is kept with the marker
 * index MODEL_CHECK_REPORTED (-2) that model/check.h defines, so the
 * checker neither reports it twice nor loses the jobs such a route lists
 * (the oracle counts them as appearing). Pass the same report to
 * model_check_schedule afterwards. */
#ifndef FIELDPLAN_IO_JSON_SCHEDULE_H
#define FIELDPLAN_IO_JSON_SCHEDULE_H

#include <stddef.h>

#include "model/check.h"
#include "model/error.h"
#include "model/problem.h"
#include "io/formats/json_out.h"
#include "model/schedule.h"

/* Instants the writer formats: 0001-01-02 .. 9999-12-30 (UTC); the reader
 * shows others as "@SECONDS" in its messages. */
#define IO_JSON_SCHEDULE_MIN_INSTANT (-62135596800LL + 86400)
#define IO_JSON_SCHEDULE_MAX_INSTANT (253402300799LL - 86400)

/* The schedule s of problem p as JSON text: a new NUL-terminated string the
 * caller frees. NULL on error: MODEL_ERR_NOMEM; MODEL_ERR_INPUT "route R:
 * stops[S]: ..." when s holds an index out of range (a technician, shift,
 * job or location) or an instant outside the years 1..9999. */
char *io_json_schedule_to_string(const model_problem *p, const model_schedule *s,
                                 model_error *err);

/* A bound as summary.bound writes it (FORMAT.md extension 3): its cost, gap
 * and proof only with a cost; "null" without a bound. */
void io_json_out_bound(io_json_out *o, const model_bound *b);

/* Writes io_json_schedule_to_string(p, s) to path atomically (a temporary
 * file PATH.tmp.XXXXXX in the same directory, fsync, rename); "-" writes to
 * standard output. On failure the old file is untouched and no temporary
 * file is left: MODEL_ERR_IO "PATH: cannot write: REASON", or the errors of
 * io_json_schedule_to_string. */
model_status io_json_write_schedule_file(const model_problem *p, const model_schedule *s,
                                         const char *path, model_error *err);

/* Reads the schedule JSON at path for problem p (the problem must outlive
 * the schedule). On MODEL_OK *out owns a new schedule (free with
 * model_schedule_free); *has_claimed is 1 and *claimed holds the file's
 * summary when it has a "summary" object (a field that is missing or not an
 * integer is INT_MIN, or INT64_MIN for the 64-bit fields, which the checker
 * reports as a mismatch), else 0; the defects listed above are appended to
 * *violations (required). claimed and has_claimed may be NULL.
 * Errors (nothing appended, *out NULL): MODEL_ERR_IO / MODEL_ERR_LIMIT from
 * reading; MODEL_ERR_INPUT "PATH: line L, column C: invalid JSON: ..." or
 * "PATH: the top level is not a JSON object"; MODEL_ERR_NOMEM. */
model_status io_json_read_schedule_file(const model_problem *p, const char *path,
                                        model_schedule **out, model_summary *claimed,
                                        int *has_claimed, model_report *violations,
                                        model_error *err);

/* Like io_json_read_schedule_file for text[0..len) (need not be
 * NUL-terminated); source_name names it in messages. */
model_status io_json_read_schedule_text(const model_problem *p, const char *text, size_t len,
                                        const char *source_name, model_schedule **out,
                                        model_summary *claimed, int *has_claimed,
                                        model_report *violations, model_error *err);

#endif
