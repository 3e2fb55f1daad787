/* book.h - booking a new job with an appointment window: inserted into the
 * published plan where it adds the least travel, every other job keeping
 * its technician, order and window, and published at once as a new version
 * (the job added to the database), under the plan lock; then the feeds. */
#ifndef FIELDPLAN_USECASE_BOOK_H
#define FIELDPLAN_USECASE_BOOK_H

#include <stdint.h>

#include "model/problem.h"
#include "model/schedule.h"
#include "usecase/booking.h"
#include "usecase/session.h"

typedef struct usecase_book_options {
    const char *job_path;    /* the job file; its id is required */
    const char *slot;        /* "START/END" (usecase_slot_parse), in the database's zone */
} usecase_book_options;

/* What the booking did; owned by the caller (usecase_book_free). */
typedef struct usecase_book {
    model_window window;     /* the slot (after PREPARE) */
    usecase_booking b;       /* the published version with the job (after LOAD) */
    model_schedule *schedule;/* with the job inserted (after SOLVE) */
    const model_route *route;/* in schedule: the job's route and stop */
    const model_stop *stop;
    int64_t most_shifted_s;  /* the largest start change of the other jobs */
    int64_t run, version;    /* stored (after STORE) */
    /* private */
    const usecase_book_options *opt;
    model_tz *tz;
    int64_t started_at;
    double t0;
} usecase_book;

/* Books in ss (its db, wait_s, feeds_dir; the lock and feeds are set
 * here). ss->failed is USECASE_STAGE_SOLVE when the slot does not fit (any
 * more): err then says why, and nothing changed; USECASE_STAGE_FEEDS when
 * only the feeds failed (the booking is published). Other errors as the
 * job file, the slot, and the store give them. */
model_status usecase_book_run(usecase_session *ss, const usecase_book_options *opt,
                              usecase_book *bk, model_error *err);

void usecase_book_free(usecase_book *bk);

#endif
