/* scenario_internal.h - what io/formats/scenario.c (reading) and the
 * appliers (scenario_edit.c, scenario_check.c) share and
 * nobody else sees: the parsed scenario (owned by io_scenario_free; the
 * typed changes point into its tree) and the helpers that parse its times
 * and name its fields. */
#ifndef FIELDPLAN_IO_SCENARIO_INTERNAL_H
#define FIELDPLAN_IO_SCENARIO_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "model/tz.h"

/* A shift change's break, as written (clock texts, minutes). */
typedef struct io_scn_break {
    const char *earliest, *latest; /* point into the scenario's tree */
    double minutes;
    const cJSON *obj;              /* the break object */
} io_scn_break;

/* Change i as our own types (filled when read; strings point into the
 * scenario's tree), what the in-memory applier (scenario_edit.c) uses. */
typedef struct io_scn_typed {
    const char *id;        /* technician or job id of the kind key */
    const char *skill;     /* ADD_SKILL, REMOVE_SKILL */
    const char *date, *start, *end; /* SHIFT */
    io_scn_break breaks[MODEL_MAX_BREAKS_PER_SHIFT];
    int nbreaks;
    bool has_breaks;       /* SHIFT: "breaks" given (may be empty) */
    double factor;         /* TRAVEL_FACTOR */
    const char *loc_id;    /* ADD_LOCATION (its other fields are read when applied) */
    /* PREFER, LATENESS, OVERTIME (scenario_rules.c) */
    const char *technician; /* PREFER: the technician */
    int64_t bonus_s;        /* PREFER */
    bool remove;            /* PREFER: "remove": true */
    model_soft_limit limit; /* LATENESS, OVERTIME: the new limit (max_s < 0: hard) */
} io_scn_typed;

/* One change of a scenario. */
typedef struct io_scn_change {
    const cJSON *obj;     /* its object (the job itself for a job file) */
    io_change_kind kind;
    const cJSON *payload; /* the value of its kind key */
    io_scn_typed typed;
} io_scn_change;

struct io_scenario {
    char *source;         /* file name for messages, owned */
    cJSON *root;          /* the parsed file, owned */
    bool job_file;        /* a job file: one ADD_JOB whose payload is root */
    int n;                /* number of changes */
    io_scn_change *ch;    /* the changes, n of them, owned */
    bool has_window;      /* io_scenario_set_window was called */
    int64_t win_start, win_end;
};

/* The kind keys, indexed by io_change_kind. */
extern const char *const io_scenario_kind_key[IO_CHANGE_KINDS];

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

/* Checks the fields of a PREFER, LATENESS or OVERTIME change i
 * (scenario_rules.c), as check_change does for the others. */
model_status io_scenario_check_rule(const io_scenario *sc, int i, model_error *err);

/* Fills sc->ch[i].typed of such a change (checked). */
void io_scenario_fill_rule(io_scenario *sc, int i);

/* Applies sc to a copy of p in memory (scenario_edit.c); the contract of
 * io_scenario_apply_problem. */
model_status io_scenario_apply_edits(const io_scenario *sc, const model_problem *p,
                                     io_scenario_result *out, model_error *err);

#endif
