/* fuzz_solomon.c - libFuzzer harness: any bytes through the Solomon VRPTW
 * reader (io_solomon_read_text); an instance it accepts is written as a
 * JSON problem, which must read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (io_solomon_read_text((const char *)data, size, "fuzz.txt", &p, &err) != MODEL_OK)
        return 0;
    char *text = io_json_problem_to_string(p, &err);
    if (text) {
        model_problem *back = NULL;
        model_error err2 = MODEL_ERROR_INIT;
        if (io_json_read_problem_text(text, strlen(text), "back.json", &back, &err2) != MODEL_OK)
            abort(); /* a converted instance must be a valid problem */
        model_problem_free(back);
        free(text);
    }
    model_problem_free(p);
    return 0;
}
