/* solomon25.h - the 25-customer Solomon instances of the test data
 * (tests/data/solomon25: the first 25 customers of each file), read for
 * the bound's tests. Needs fp_io. */
#ifndef FIELDPLAN_TESTS_SOLOMON25_H
#define FIELDPLAN_TESTS_SOLOMON25_H

#include <stdio.h>

#include "io/formats/solomon.h"
#include "testlib.h"

/* The instance of `file` (e.g. "r101_25.txt"). */
static inline model_problem *solomon25(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/solomon25/%s", FIELDPLAN_TEST_DATA, file);
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_solomon_read_file(path, &p, &err), MODEL_OK);
    return p;
}

#endif
