/* fuzz_round_trip.h - what the problem and Solomon harnesses check of a
 * problem they read: written as JSON, it must read back. Aborts (a crash
 * for libFuzzer) when it does not. */
#ifndef FIELDPLAN_TESTS_FUZZ_ROUND_TRIP_H
#define FIELDPLAN_TESTS_FUZZ_ROUND_TRIP_H

#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"

/* Writes p (then frees it) and reads the text back. */
static void fuzz_round_trip(model_problem *p)
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

#endif
