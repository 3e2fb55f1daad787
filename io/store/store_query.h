/* store_query.h - reading plans back: a version's visits for `fieldplan
 * show`, the run history for `fieldplan runs`, and the exact problem and
 * schedule of a run for `fieldplan export`. Read-only; errors as store.h. */
#ifndef FIELDPLAN_IO_STORE_QUERY_H
#define FIELDPLAN_IO_STORE_QUERY_H

#include <stdint.h>

#include "io/store/store.h"
#include "model/error.h"
#include "model/schedule.h"
#include "model/tz.h"

typedef struct io_store_visit {
    char *technician;      /* id */
    char *technician_name; /* may be NULL */
    char *date;            /* shift date, "YYYY-MM-DD" */
    int sequence;          /* 1.. within the technician-day */
    int64_t arrival, start, end;
    char *job, *title, *customer, *address; /* title, customer, address may be NULL */
    char *skills;          /* the job's skills joined with ", " ("" when none), a
                              level above 1 as "gas:2" */
    char *contact;         /* the job's contact (phone, e-mail, notes) joined
                              with ", ", or NULL when it has none */
} io_store_visit;

/* A break in a technician's day (from the version's schedule text). */
typedef struct io_store_break_row {
    char *technician, *date;
    int64_t start, end;
} io_store_break_row;

typedef struct io_store_unassigned_row {
    char *job, *customer, *reason; /* customer may be NULL */
} io_store_unassigned_row;

typedef struct io_store_version_view {
    int64_t version, run;
    char status[16];           /* draft, published or superseded */
    char horizon_from[16], horizon_to[16]; /* YYYY-MM-DD */
    int64_t created_at;
    model_tz *tz;              /* owned: the database's zone */
    io_store_visit *visits;    /* owned, by technician, date, sequence */
    int nvisits;
    io_store_unassigned_row *unassigned; /* owned, by job id */
    int nunassigned;
    io_store_unassigned_row *expired; /* owned, by job id: open jobs left out of
                                          plans because they can no longer be
                                          served from the first day on (reason
                                          NULL); only when unassigned is listed */
    int nexpired;
    io_store_break_row *breaks; /* owned, by technician, date, start */
    int nbreaks;
    model_bound bound;          /* its run's bound (FORMAT.md extension 3;
                                   present false: none) */
} io_store_version_view;

/* Loads version `version` (0: the published one), keeping only visits of
 * technician `tech` and on `date` when these are not NULL (unassigned jobs
 * are listed only when tech is NULL). *out owned by the caller (free with
 * io_store_version_view_free). MODEL_ERR_INPUT "PATH: no version V" or
 * "PATH: no published version yet (run 'fieldplan plan')". */
model_status io_store_version_load(io_store *s, int64_t version, const char *tech,
                                   const char *date, io_store_version_view **out,
                                   model_error *err);

void io_store_version_view_free(io_store_version_view *v);

/* The view as JSON text (docs/schema.md "show --json"); caller frees. */
char *io_store_version_view_to_json(const io_store_version_view *v, model_error *err);

typedef struct io_store_run_row {
    int64_t id;
    int64_t started_at, finished_at;
    char *horizon_from;
    int horizon_days;
    int64_t seed;
    double time_limit_s;
    char *outcome;             /* published, draft, check_failed */
    char *message;             /* may be NULL */
    int jobs, technicians, shifts, assigned, unassigned;
    int64_t unassigned_weight, travel_s, distance_m;
    int moved_jobs, shifted_jobs;
    int64_t iterations;
    double solve_s;
    int64_t version;           /* 0: none */
    char *version_status;      /* may be NULL */
    model_bound bound;         /* the run's bound (FORMAT.md extension 3;
                                  present false: none) */
} io_store_run_row;

/* Every run, oldest first, in *rows (free with io_store_runs_free). */
model_status io_store_runs_list(io_store *s, io_store_run_row **rows, int *n, model_error *err);

void io_store_runs_free(io_store_run_row *rows, int n);

/* The problem run `run` solved and the schedule it stored, as JSON texts
 * (caller frees both). run 0: the run of the published version.
 * MODEL_ERR_INPUT "PATH: no run R", "PATH: run R stored no schedule
 * (outcome check_failed)", "PATH: no published version yet". *run_out
 * (may be NULL) receives the run's id. */
model_status io_store_export_run(io_store *s, int64_t run, char **problem_json,
                                 char **schedule_json, int64_t *run_out, model_error *err);

/* ---- what the publishing guard and `db check` read (store_served.c) ---- */

/* A job a stored version serves, with the job's status in the master data
 * now ("" when the database no longer has the job). */
typedef struct io_store_served {
    int64_t version;           /* the version */
    char *job, *technician;
    char date[16];             /* the shift's local date */
    int64_t start, end;        /* the visit */
    char status[16];           /* open, scheduled, started, done, cancelled or "" */
} io_store_served;

/* The jobs version `version` serves (0: the published one; none when there
 * is no published version), by job id, in *rows (free with
 * io_store_served_free). */
model_status io_store_served_list(io_store *s, int64_t version, io_store_served **rows, int *n,
                                  model_error *err);

void io_store_served_free(io_store_served *rows, int n);

/* A confirmed appointment: a job added by `fieldplan book`, recorded by its
 * run (plan_runs.parameters: whatif.kind "book", the job in the
 * scenario's add_job, the promised slot in whatif.options.slot), whose
 * version was published, and that is still open, scheduled or started.
 * When a job was booked more than once, the newest booking counts. */
typedef struct io_store_appointment {
    char *job;
    int64_t start, end;        /* the promised slot: service starts in [start, end] */
    int64_t run;               /* the booking's run */
    char status[16];           /* the job's status now */
} io_store_appointment;

/* Every confirmed appointment, by job id, in *rows (free with
 * io_store_appointments_free). */
model_status io_store_appointments_list(io_store *s, io_store_appointment **rows, int *n,
                                        model_error *err);

void io_store_appointments_free(io_store_appointment *rows, int n);

/* The jobs whose status is scheduled although no route of the published
 * version serves them (an inconsistency `fieldplan db check` reports), by
 * id, in *ids (free each and the array). */
model_status io_store_unrouted_scheduled(io_store *s, char ***ids, int *n, model_error *err);

/* ---- the customers' last technicians (store_history.c) ---- */

/* A technician who served a job's customer on the customer's last visit. */
typedef struct io_store_last_tech {
    char *job, *technician;
} io_store_last_tech;

/* For every job still to do (open, scheduled or started), the technicians
 * of its customer's last visit: the customer is jobs.customer when set,
 * else the job's location; its visits are the assignments of its other
 * jobs (not cancelled) in the newest published or superseded version that
 * holds each job; the last visit is the latest shift date among them, and
 * every technician serving the customer on that day counts. By job id,
 * then technician id, in *rows (free with io_store_last_techs_free); jobs
 * without such a visit have no row. */
model_status io_store_last_techs(io_store *s, io_store_last_tech **rows, int *n,
                                 model_error *err);

void io_store_last_techs_free(io_store_last_tech *rows, int n);

/* ---- a run's KPIs (store_kpis.c) ---- */

/* The JSON object plan_runs.kpis holds for k (docs/schema.md): a new
 * string, or NULL with MODEL_ERR_NOMEM. */
struct model_run_kpis;
char *io_store_kpis_json(const struct model_run_kpis *k, model_error *err);

#endif
