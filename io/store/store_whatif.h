/* store_whatif.h - what the what-if, slots, book and publish use cases
 * (usecase/) and `fieldplan diff` need from the store: a stored version with the exact problem
 * and schedule it answers; a what-if or a booking saved as a new version
 * (a named draft, or published at once); a rollback (an earlier version
 * re-published as a new one, usecase/rollback.h); and publishing a draft.
 *
 * A what-if keeps its name, the version it started from and its scenario in
 * its run's `parameters` ({"whatif": {"kind", "name", "base_version",
 * "source", "options", "scenario"}}, docs/whatif.md); a rollback adds
 * "restores" (the version) and "dropped" (its jobs left out, with why);
 * no schema change.
 * Publishing a version whose run carries a scenario also records the
 * scenario in the master data, in the same transaction, so that the next
 * nightly plan starts from it: an absence (shifts it shortened are stored
 * as changed shifts, the days it removed as absences), a changed shift,
 * skills, jobs added or updated (with new locations), cancelled jobs (status
 * cancelled). A travel factor is not recorded.
 *
 * Errors as store.h; every write runs in one transaction that leaves the
 * database unchanged when it fails. */
#ifndef FIELDPLAN_IO_STORE_WHATIF_H
#define FIELDPLAN_IO_STORE_WHATIF_H

#include <stdbool.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "model/error.h"
#include "model/problem.h"
#include "model/schedule.h"

/* A stored version with what it answers. */
typedef struct io_store_version_info {
    int64_t version, run;
    char status[16];        /* draft, published, superseded */
    char from[16], to[16];  /* the horizon's first and last day */
    int days;
    int64_t base_version;   /* the published version its run planned against, 0: none */
    char *kind;             /* "whatif" or "book" for those runs, else NULL */
    char *name;             /* a saved what-if's name, or NULL */
    char *scenario_json;    /* the what-if's or booking's scenario, or NULL */
    char *problem_json;     /* the exact problem its run solved */
    char *schedule_json;    /* the schedule as stored */
} io_store_version_info;

/* Loads version `version` (0: the published one). *out owned by the caller
 * (io_store_version_info_free). MODEL_ERR_INPUT "PATH: no version V", "PATH:
 * no published version yet (run 'fieldplan plan')". */
model_status io_store_version_get(io_store *s, int64_t version, io_store_version_info **out,
                                  model_error *err);

void io_store_version_info_free(io_store_version_info *v);

/* Reads version v's problem and its schedule (messages name "version V").
 * *problem and *schedule owned by the caller. MODEL_ERR_CHECK when the
 * stored schedule does not read back cleanly. */
model_status io_store_version_read(const io_store_version_info *v, model_problem **problem,
                                   model_schedule **schedule, model_error *err);

/* The version named by text: a number, or a what-if's name (the newest
 * with that name). MODEL_ERR_INPUT "PATH: no version named 'X'". */
model_status io_store_version_find(io_store *s, const char *text, int64_t *version,
                                   model_error *err);

/* The version named by text (io_store_version_find; NULL: the published
 * one) loaded (io_store_version_get): its id in *version (0 for the
 * published one when text is NULL), *out owned by the caller. Errors as
 * those two give them. */
model_status io_store_version_open(io_store *s, const char *text, int64_t *version,
                                   io_store_version_info **out, model_error *err);

/* What to store. */
typedef struct io_store_whatif_save {
    const io_store_version_info *base; /* the version it started from (for a rollback: the
                                          one published now, or NULL when none is) */
    const io_store_version_info *restores; /* a rollback: the version it restores, whose
                                              horizon it keeps; NULL otherwise */
    const char *dropped_json;          /* a rollback: JSON array of the jobs dropped, or NULL */
    const model_problem *problem;      /* the changed problem, its schedule's */
    const char *problem_json;          /* that problem as JSON text; NULL: made from it */
    const model_schedule *schedule;    /* checked */
    const char *schedule_json;         /* its JSON text; NULL: made from it */
    const io_scenario *scenario;       /* its changes (recorded when publishing) */
    const char *kind;                  /* "whatif", "book" or "rollback" */
    const char *name;                  /* may be NULL; unique among versions */
    const char *options_json;          /* JSON object text of the options, may be NULL */
    const char *message;               /* the run's message, may be NULL */
    bool publish;                      /* publish now (the base must still be) */
    int64_t started_at;                /* seconds since the epoch */
    uint64_t seed;
    double time_limit_s, solve_s;
    long iterations;
    int moved, shifted;                /* against the base */
} io_store_whatif_save;

/* Stores a plan run (outcome draft or published) and its version, with the
 * assignments and unassigned jobs; a draft lists only jobs the database
 * knows (a job its scenario adds is in the version's schedule JSON, and
 * gets its rows when it is published). Publishing also records the
 * scenario (above), supersedes the published version and updates job
 * statuses as a plan does. MODEL_ERR_INPUT "PATH: a version named 'X'
 * exists already (version V)", "PATH: version B is not the published
 * version any more (V is): start again from V". *run_id and *version_id
 * may be NULL. */
model_status io_store_whatif_store(io_store *s, const io_store_whatif_save *w, int64_t *run_id,
                                   int64_t *version_id, model_error *err);

/* The stored status of job id ("open", "done", "cancelled", ...) in status,
 * or "" when the database does not know it. Store errors as store.h. */
model_status io_store_job_status(io_store *s, const char *id, char status[16], model_error *err);

/* Publishes draft version `version` in one transaction: records its
 * scenario, completes its rows, supersedes the published version, updates
 * job statuses (io_store_version_statuses: a scheduled job is always in a
 * published route), and appends note (may be NULL) to its run's message.
 * Unless force, the draft must have been planned against the version
 * published now (or none): MODEL_ERR_INPUT "PATH: version 5 was planned
 * against version 2, but version 4 is published now: publishing it would
 * undo version 4", with *would_undo set to that version (4; else 0;
 * would_undo may be NULL). Other errors: "PATH: version V is published
 * already", "... is superseded: only a draft can be published". */
model_status io_store_publish(io_store *s, int64_t version, bool force, const char *note,
                              int64_t *would_undo, model_error *err);

/* The checks io_store_publish makes before writing, for version v (read
 * with io_store_version_get), with the same errors; nothing is written. */
model_status io_store_publish_check(io_store *s, const io_store_version_info *v, bool force,
                                    int64_t *would_undo, model_error *err);

#endif
