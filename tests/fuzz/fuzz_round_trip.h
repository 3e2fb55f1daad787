/* fuzz_round_trip.h - what the problem and Solomon harnesses check of a
 * problem they read: written as JSON, it must read back. Aborts (a crash
 * for libFuzzer) when it does not. fuzz_read_round_trip is a harness's
 * whole body: any bytes through one reader, then that check. */
#ifndef FIELDPLAN_TESTS_FUZZ_ROUND_TRIP_H
#define FIELDPLAN_TESTS_FUZZ_ROUND_TRIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"

/* Writes p (then frees it) and reads the text back. */
static inline void fuzz_round_trip(model_problem *p)
{
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_problem_to_string(p, &err);
    if (text) {
        model_problem *back = NULL;
        model_error err2 = MODEL_ERROR_INIT;
        if (io_json_read_problem_text(text, strlen(text), "back.json", &back, &err2) != MODEL_OK)
            abort(); /* the writer's output must read back */
        model_problem_free(back);
        free(text);
    }
    model_problem_free(p);
}

/* A reader of a problem's text (io_json_read_problem_text,
 * io_solomon_read_text). */
typedef model_status (*fuzz_problem_reader)(const char *text, size_t len, const char *source_name,
                                            model_problem **out, model_error *err);

/* Reads data (named name) with reader; a problem it accepts goes through
 * fuzz_round_trip. Returns 0, as LLVMFuzzerTestOneInput does. */
static inline int fuzz_read_round_trip(fuzz_problem_reader reader, const uint8_t *data,
                                       size_t size, const char *name)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (reader((const char *)data, size, name, &p, &err) == MODEL_OK)
        fuzz_round_trip(p);
    return 0;
}

#endif
