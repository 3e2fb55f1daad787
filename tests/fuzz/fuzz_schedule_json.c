/* fuzz_schedule_json.c - libFuzzer harness: any bytes read as a schedule of
 * a small fixed problem (io_json_read_schedule_text), then checked as
 * `fieldplan check` does (model_check_schedule with the claimed summary). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/json_schedule.h"
#include "model/check.h"
#include "../small_problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static model_problem *problem; /* read once, kept for the whole run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_error err = MODEL_ERROR_INIT;
    if (!problem && io_json_read_problem_text(small_problem, strlen(small_problem),
                                              "small.json", &problem, &err) != MODEL_OK)
        abort();
    model_schedule *s = NULL;
    model_summary claimed;
    int has_claimed = 0;
    model_report rep = MODEL_REPORT_INIT;
    if (io_json_read_schedule_text(problem, (const char *)data, size, "fuzz.json", &s, &claimed,
                                   &has_claimed, &rep, &err) == MODEL_OK) {
        model_check_schedule(problem, s, has_claimed ? &claimed : NULL, &rep, &err);
        model_schedule_free(s);
    }
    model_report_clear(&rep);
    return 0;
}
