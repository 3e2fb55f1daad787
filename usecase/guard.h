/* guard.h - the publishing guard: planning policy that keeps a new version
 * from losing what the published one promises. Before a version is
 * published (plan, publish, rollback) it is compared with the published
 * version and the confirmed appointments (io_store_appointments_list), and
 * refused when
 *  - it drops more than max_dropped of the jobs the published version
 *    serves: jobs still to do (open, scheduled or started; not cancelled by
 *    the new version's own scenario) whose visit there lies on or after the
 *    new version's first day, and that the new version leaves unassigned or
 *    does not hold at all (days before its horizon are history, as the
 *    feeds keep them);
 *  - it serves no job at all while the published version serves some (a
 *    horizon without shifts, a typo in --from);
 *  - it leaves a confirmed appointment (a job added by `fieldplan book`)
 *    whose slot ends after the new version's first day unassigned, or
 *    serves it outside its promised slot.
 * With force the version is published anyway and usecase_guard_note
 * says what it dropped, for the run's record. A draft is never guarded.
 * Nothing here prints or writes. */
#ifndef FIELDPLAN_USECASE_GUARD_H
#define FIELDPLAN_USECASE_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store.h"
#include "model/problem.h"
#include "model/schedule.h"

/* The default share of the published version's served jobs that may be
 * dropped, in percent (rounded down, at least 1 job). */
#define USECASE_GUARD_DEFAULT_PERCENT 2

typedef struct usecase_guard_options {
    int64_t max_dropped; /* jobs that may be dropped; -1: the default share */
    bool force;          /* publish anyway (the findings are kept for the record) */
} usecase_guard_options;

#define USECASE_GUARD_OPTIONS_INIT {-1, false}

/* One job the new version loses: "J-1: served by version 3 on 2026-11-24
 * (t-02, 08:08); unassigned: REASON". */
typedef struct usecase_guard_line {
    char *job;
    char *text;          /* the whole line, starting with the job's id */
    bool appointment;    /* a confirmed appointment */
} usecase_guard_line;

/* What the guard found; free with usecase_guard_free. */
typedef struct usecase_guard {
    int64_t against;     /* the published version compared with, 0: none */
    int served_before;   /* jobs it serves */
    int served_after;    /* jobs the new version serves */
    int dropped;         /* jobs of the first rule */
    int64_t allowed;     /* the most that may be dropped */
    int appointments;    /* confirmed appointments lost or moved out of their slot */
    bool serves_nothing; /* the second rule */
    bool broken;         /* some rule is broken */
    bool refused;        /* broken and not forced: nothing may be published */
    usecase_guard_line *lines; /* the jobs lost: appointments first, then by id */
    int nlines;
} usecase_guard;

/* Compares version (p, sched), whose horizon starts on the local day from
 * ("YYYY-MM-DD" in p's zone) and whose scenario is sc (may be NULL: its
 * cancelled jobs are not lost), with the published version of s. *g is
 * filled (zeroed first). Errors: the store's, MODEL_ERR_NOMEM. */
model_status usecase_guard_run(io_store *s, const model_problem *p, const model_schedule *sched,
                               const char *from, const io_scenario *sc,
                               const usecase_guard_options *o, usecase_guard *g,
                               model_error *err);

/* One line for the run's record of a broken guard published with force:
 * "forced over the guard against version 1: 2 jobs dropped (J-1, J-2), 1
 * confirmed appointment lost (J-9001)" (ids up to a limit, then "..."),
 * written to buf (size bytes, truncated); returns buf. */
const char *usecase_guard_note(const usecase_guard *g, char *buf, size_t size);

/* Frees what g holds and zeroes it; a zeroed g is accepted. */
void usecase_guard_free(usecase_guard *g);

#endif
