/* file.h - whole-file reads with a size bound, and atomic writes (temporary
 * file in the same directory, fsync, rename): a reader never sees half a
 * file and a failed write leaves the old file as it was. */
#ifndef FIELDPLAN_IO_FILE_H
#define FIELDPLAN_IO_FILE_H

#include <stddef.h>

#include "model/error.h"

/* Reads the whole file at path into a new NUL-terminated buffer *out (caller
 * frees) of *len bytes (the NUL not counted). Errors: MODEL_ERR_IO
 * "PATH: cannot read: REASON"; MODEL_ERR_LIMIT "PATH: larger than N bytes". */
model_status io_file_read_all(const char *path, size_t max_bytes, char **out, size_t *len,
                              model_error *err);

/* Writes len bytes to path atomically; "-" writes to standard output.
 * Errors: MODEL_ERR_IO "PATH: cannot write: REASON" (the old file, if any, is
 * untouched and no temporary file is left behind). */
model_status io_file_write_atomic(const char *path, const char *data, size_t len,
                                  model_error *err);

#endif
