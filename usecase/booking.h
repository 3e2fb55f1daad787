/* booking.h - what the slots and book use cases share: the published
 * version with a new job (from a job file) added to its problem, the
 * published schedule on that problem, and parsing slot windows. */
#ifndef FIELDPLAN_USECASE_BOOKING_H
#define FIELDPLAN_USECASE_BOOKING_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "io/store/store_whatif.h"
#include "model/problem.h"
#include "model/schedule.h"

typedef struct usecase_booking {
    io_store_version_info *v; /* the published version */
    io_scenario *sc;          /* the job file as a scenario of one added job */
    io_scenario_result res;   /* res.problem: v's problem with the job last */
    model_schedule *s0;       /* v's schedule, on res.problem */
    int job;                  /* the new job's index in res.problem */
} usecase_booking;

/* Loads the published version of s and adds the job of job_path (whose id
 * defaults to default_id; NULL: required); with slot, the job's windows
 * become that one window. On error *b is freed. */
model_status usecase_booking_load(io_store *s, const char *job_path, const char *default_id,
                                  const model_window *slot, usecase_booking *b,
                                  model_error *err);

/* Frees what b holds and zeroes it; a zeroed b is accepted. */
void usecase_booking_free(usecase_booking *b);

/* Parses "START/END": ISO 8601 times (wall time in tz without an offset);
 * END may be "HH:MM" on START's day. Returns false with a message in err
 * ("slot 'X': expected START/END", "slot: ...", "slot 'X': ends before it
 * starts"). */
bool usecase_slot_parse(const char *text, const model_tz *tz, model_window *out,
                        model_error *err);

#endif
