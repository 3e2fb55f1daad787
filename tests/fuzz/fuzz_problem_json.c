/* fuzz_problem_json.c - libFuzzer harness: any bytes through the JSON
 * problem reader (io_json_read_problem_text); a problem it accepts is
 * written back and must read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (io_json_read_problem_text((const char *)data, size, "fuzz.json", &p, &err) != MODEL_OK)
        return 0;
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
    return 0;
}
