/* fuzz_problem_json.c - libFuzzer harness: any bytes through the JSON
 * problem reader (io_json_read_problem_text); a problem it accepts is
 * written back and must read back. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_round_trip.h"
#include "io/formats/json_problem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read_round_trip(io_json_read_problem_text, data, size, "fuzz.json");
}
