/* scenario_internal.h - what io/formats/scenario.c (reading) and
 * io/formats/scenario_apply.c (applying) share and nobody else sees: the parsed
 * scenario and the helpers that parse its times and name its fields. */
#ifndef FIELDPLAN_IO_SCENARIO_INTERNAL_H
#define FIELDPLAN_IO_SCENARIO_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "model/tz.h"

struct io_scenario {
    char *source;         /* file name for messages, owned */
    cJSON *root;          /* the parsed file, owned */
    bool job_file;        /* a job file: one ADD_JOB whose payload is root */
    int n;                /* number of changes */
    const cJSON **change; /* per change: its object (the job itself for a job file) */
    io_change_kind *kind; /* per change */
    const cJSON **payload;/* per change: the value of its kind key */
    bool has_window;      /* io_scenario_set_window was called */
    int64_t win_start, win_end;
};

/* The kind keys, indexed by io_change_kind. */
extern const char *const io_scenario_kind_key[9];

/* The path of change i's field for messages into buf (size >= 256):
 * "changes[I].KEY.SUB" (KEY, SUB may be NULL); for a job file just SUB (or
 * "job"). */
const char *io_scenario_where(const io_scenario *sc, int i, const char *key, const char *sub,
                              char *buf, size_t size);

/* Sets "SOURCE: WHERE: MESSAGE" and returns code. */
model_status io_scenario_fail(const io_scenario *sc, model_error *err, model_status code,
                              const char *where, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A time or a date (its midnight; as an end, the next midnight) in tz. */
model_status io_scenario_time_or_date(const char *text, const model_tz *tz, bool is_end,
                                      int64_t *out, model_error *err);

/* "HH:MM[:SS]" on day `days` (days since 1970-01-01) in tz, or a full ISO
 * 8601 time; *clock tells which it was. */
model_status io_scenario_clock(const char *text, int64_t days, const model_tz *tz, int64_t *out,
                               bool *clock, model_error *err);

#endif
