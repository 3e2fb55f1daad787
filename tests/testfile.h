/* testfile.h - reading a test's data file whole (through io/formats/file.h,
 * as the program reads its inputs). */
#ifndef FIELDPLAN_TESTS_TESTFILE_H
#define FIELDPLAN_TESTS_TESTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "io/formats/file.h"

/* The whole file at path (caller frees; *len its length, len may be NULL),
 * or NULL when it cannot be read. */
static inline char *slurp(const char *path, size_t *len)
{
    char *text;
    size_t n;
    model_error err = MODEL_ERROR_INIT;
    if (io_file_read_all(path, SIZE_MAX, &text, &n, &err) != MODEL_OK)
        return NULL;
    if (len)
        *len = n;
    return text;
}

#endif
