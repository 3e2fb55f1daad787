/* fuzz_job.c - libFuzzer harness: any bytes read as a job file (the input of
 * `fieldplan slots` and `book`, io_scenario_read_job_text), with and without
 * a default id; a job that reads is given a slot and added to a small fixed
 * problem. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/scenario.h"
#include "../small_problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLOT_START 1795420800LL /* 2026-11-23T08:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_error err = MODEL_ERROR_INIT;
    io_scenario *sc = NULL;
    const char *default_id = (size & 1) ? "J-NEW" : NULL;
    if (io_scenario_read_job_text((const char *)data, size, "job.json", default_id, &sc, &err) !=
        MODEL_OK)
        return 0;
    (void)io_scenario_job_id(sc);
    char *json = io_scenario_to_json(sc, &err);
    free(json);
    io_scenario_result res = IO_SCENARIO_RESULT_INIT;
    if (io_scenario_apply(sc, small_problem, strlen(small_problem), &res, &err) ==
        MODEL_OK)
        io_scenario_result_free(&res);
    io_scenario_set_window(sc, SLOT_START, SLOT_START + 7200);
    if (io_scenario_apply(sc, small_problem, strlen(small_problem), &res, &err) ==
        MODEL_OK)
        io_scenario_result_free(&res);
    io_scenario_free(sc);
    return 0;
}
