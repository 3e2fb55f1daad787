/* fuzz_scenario.c - libFuzzer harness: any bytes read as a what-if scenario
 * (io_scenario_read_text); one that reads is written as JSON and must read
 * back, each change is resolved (io_scenario_change_at) and the scenario is
 * applied to a small fixed problem (io_scenario_apply). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/scenario.h"
#include "model/tz.h"
#include "../small_problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static model_tz *utc; /* made once, kept for the whole run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_error err = MODEL_ERROR_INIT;
    if (!utc && model_tz_utc(&utc, &err) != MODEL_OK)
        abort();
    io_scenario *sc = NULL;
    if (io_scenario_read_text((const char *)data, size, "fuzz.json", &sc, &err) != MODEL_OK)
        return 0;
    char *json = io_scenario_to_json(sc, &err);
    if (json) {
        io_scenario *back = NULL;
        model_error err2 = MODEL_ERROR_INIT;
        if (io_scenario_read_text(json, strlen(json), "back.json", &back, &err2) != MODEL_OK)
            abort(); /* what the store keeps must read back */
        io_scenario_free(back);
        free(json);
    }
    for (int i = 0; i < io_scenario_count(sc); i++) {
        io_scenario_change c;
        io_scenario_change_at(sc, i, utc, &c, &err);
    }
    io_scenario_result res = IO_SCENARIO_RESULT_INIT;
    if (io_scenario_apply(sc, small_problem, strlen(small_problem), &res, &err) ==
        MODEL_OK)
        io_scenario_result_free(&res);
    io_scenario_free(sc);
    return 0;
}
