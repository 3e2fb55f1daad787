/* booking.h - what `fieldplan slots` and `fieldplan book` share: the
 * published version with a new job (from a job file) added to its problem,
 * the published schedule on that problem, and parsing slot windows. */
#ifndef FIELDPLAN_CLI_BOOKING_H
#define FIELDPLAN_CLI_BOOKING_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/problem.h"
#include "model/schedule.h"

typedef struct cli_booking {
    io_store_version_info *v; /* the published version */
    io_scenario *sc;          /* the job file as a scenario of one added job */
    io_scenario_result res;   /* res.problem: v's problem with the job last */
    model_schedule *s0;       /* v's schedule, on res.problem */
    int job;                  /* the new job's index in res.problem */
} cli_booking;

/* Loads the published version of s and adds the job of job_path (whose id
 * defaults to default_id; NULL: required); with slot, the job's windows
 * become that one window. On error *b is freed. */
model_status cli_booking_load(io_store *s, const char *job_path, const char *default_id,
                              const model_window *slot, cli_booking *b, model_error *err);

void cli_booking_free(cli_booking *b);

/* Parses "START/END": ISO 8601 times (wall time in tz without an offset);
 * END may be "HH:MM" on START's day. Returns false with a message in err. */
bool cli_parse_slot(const char *text, const model_tz *tz, model_window *out, model_error *err);

#endif
