/* test_usecase_plan.c - the planning policy (usecase/plan.h) on horizons
 * loaded from a database: the may-wait notes on unassigned jobs, keeping
 * the published schedule for unchanged input, counting moved jobs. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/formats/json_schedule.h"
#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_plan.h"
#include "usecase/plan.h"
#include "testlib.h"
#include "teststore.h"

#define DATA FIELDPLAN_TEST_DATA "/store/"

/* Saves sched as the published version of pl, with its real JSON. */
static void publish(io_store *s, const io_store_plan *pl, const model_schedule *sched)
{
    model_error err = MODEL_ERROR_INIT;
    char *json = io_json_schedule_to_string(pl->problem, sched, &err);
    CHECK(json != NULL);
    save_published(s, pl, sched, json);
    free(json);
}

static void test_usecase_plan__notes_jobs_that_may_wait_past_the_horizon(void)
{
    model_error err = MODEL_ERROR_INIT;
    io_store *s;
    io_store_plan *pl = csv_plan(&s, "plan.db", "2026-11-23", 1);
    if (!pl)
        return;
    int j6 = model_strmap_get(&pl->problem->job_index, "J-6");
    CHECK(j6 >= 0);
    model_schedule *sched = all_unassigned(pl->problem);
    CHECK_EQ_INT(usecase_plan_annotate(pl, sched, &err), MODEL_OK);
    if (j6 >= 0)
        CHECK_STR_CONTAINS(sched->unassigned[j6].reason, "may wait: deadline after the horizon; ");
    model_schedule_free(sched);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_usecase_plan__keeps_the_published_schedule_for_unchanged_input(void)
{
    model_error err = MODEL_ERROR_INIT;
    io_store *s;
    io_store_plan *pl = small_plan(&s, "same.db", "2026-11-23", 2);
    if (!pl)
        return;
    CHECK(pl->previous_same == NULL);
    int64_t start;
    model_schedule *one = one_job_schedule(pl->problem, &start);
    publish(s, pl, one);
    model_schedule_free(one);
    io_store_plan_free(pl);
    /* Same days, same data: the published schedule comes back as previous_same. */
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (!pl) {
        io_store_close(s);
        return;
    }
    CHECK(pl->previous_same != NULL);
    bool kept = false;
    /* A worse schedule (nothing served) gives way to the published one... */
    model_schedule *sched = all_unassigned(pl->problem);
    CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
    CHECK(kept);
    model_summary m = model_schedule_summarize(pl->problem, sched);
    CHECK_EQ_INT(m.assigned, 1);
    int moved = -1, shifted = -1;
    usecase_plan_moves(pl, sched, &moved, &shifted);
    CHECK_EQ_INT(moved, 0);
    CHECK_EQ_INT(shifted, 0);
    model_schedule_free(sched);
    /* ... and so does an equal one (the same schedule built anew). */
    sched = one_job_schedule(pl->problem, &start);
    CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
    CHECK(kept);
    model_schedule_free(sched);
    io_store_plan_free(pl);
    /* Changed data (a longer job): no previous_same, the new schedule stands. */
    sql_exec(tmp_path("same.db"), "UPDATE jobs SET duration_s = 7200 WHERE id = 'J-1002'");
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 2, &pl, &err), MODEL_OK);
    if (pl) {
        CHECK(pl->previous_same == NULL);
        CHECK(pl->previous != NULL);
        sched = all_unassigned(pl->problem);
        CHECK_EQ_INT(usecase_plan_keep_previous(pl, &sched, 600, 60, &kept, &err), MODEL_OK);
        CHECK(!kept);
        model_schedule_free(sched);
    }
    io_store_plan_free(pl);
    /* Another horizon: no previous_same either. */
    CHECK_EQ_INT(io_store_plan_load(s, "2026-11-23", 1, &pl, &err), MODEL_OK);
    if (pl)
        CHECK(pl->previous_same == NULL);
    io_store_plan_free(pl);
    io_store_close(s);
}

TESTLIB_MAIN({"usecase_plan__notes_jobs_that_may_wait_past_the_horizon",
              test_usecase_plan__notes_jobs_that_may_wait_past_the_horizon},
             {"usecase_plan__keeps_the_published_schedule_for_unchanged_input",
              test_usecase_plan__keeps_the_published_schedule_for_unchanged_input})
