/* fuzz_solomon.c - libFuzzer harness: any bytes through the Solomon VRPTW
 * reader (io_solomon_read_text); an instance it accepts is written as a
 * JSON problem, which must read back. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_round_trip.h"
#include "io/formats/json_problem.h"
#include "io/formats/solomon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (io_solomon_read_text((const char *)data, size, "fuzz.txt", &p, &err) == MODEL_OK)
        fuzz_round_trip(p);
    return 0;
}
