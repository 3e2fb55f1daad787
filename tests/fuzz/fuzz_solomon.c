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
    return fuzz_read_round_trip(io_solomon_read_text, data, size, "fuzz.txt");
}
