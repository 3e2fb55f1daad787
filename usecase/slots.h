/* slots.h - the appointment windows in which a new job fits into the
 * published plan without moving any other appointment out of its window,
 * each with its technician and extra travel, cheapest first. Read-only. */
#ifndef FIELDPLAN_USECASE_SLOTS_H
#define FIELDPLAN_USECASE_SLOTS_H

#include <stdint.h>

#include "solver/solver.h"
#include "usecase/booking.h"
#include "usecase/session.h"

typedef struct usecase_slots_options {
    const char *job_path;    /* the job file; its id defaults to "new-job" */
} usecase_slots_options;

/* The loaded plan and the offers; owned by the caller (usecase_slots_free). */
typedef struct usecase_slots {
    usecase_booking b;       /* the published version with the job */
    solver_slot *offers;     /* after usecase_slots_rank: the windows that fit, cheapest first */
    int noffers;
    int64_t best_max_s;      /* offers with extra travel up to this are "best" */
    /* private */
    const usecase_slots_options *opt;
} usecase_slots;

/* Opens ss->db read-only and loads the published version with the job.
 * Errors as the job file and the store give them. */
model_status usecase_slots_load(usecase_session *ss, const usecase_slots_options *opt,
                                usecase_slots *sl, model_error *err);

/* Tries the n candidate windows w (chosen by the caller from the loaded
 * plan): keeps those that fit, cheapest first (then earliest), and sets
 * best_max_s to the cheapest plus 10 % of it, at least 5 minutes.
 * MODEL_ERR_NOMEM; solver errors. */
model_status usecase_slots_rank(usecase_slots *sl, const model_window *w, int n,
                                model_error *err);

void usecase_slots_free(usecase_slots *sl);

#endif
