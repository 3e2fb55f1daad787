/* fuzz_vroom.c - libFuzzer harness: any bytes through the VROOM input
 * reader (io_vroom_read_text); a problem it accepts is answered in VROOM's
 * solution shape (every job unassigned), and written as a native problem
 * that must read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_round_trip.h"
#include "io/formats/vroom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    model_problem *p = NULL;
    io_vroom_ids *ids = NULL;
    model_error err = MODEL_ERROR_INIT;
    if (io_vroom_read_text((const char *)data, size, "fuzz.json", &p, &ids, &err) != MODEL_OK)
        return 0;
    model_schedule *s = NULL;
    if (model_schedule_create(&s, p, &err) == MODEL_OK) {
        for (int j = 0; j < p->njobs; j++)
            model_schedule_add_unassigned(s, j, "fuzz", &err);
        char *text = io_vroom_solution_to_string(p, s, ids, &err);
        if (!text && err.code != MODEL_ERR_NOMEM)
            abort(); /* a schedule of the problem must be writable */
        free(text);
    }
    model_schedule_free(s);
    io_vroom_ids_free(ids);
    fuzz_round_trip(p);
    return 0;
}
