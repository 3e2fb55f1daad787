/* file.h - whole-file reads with a size bound, and atomic writes (temporary
 * file in the same directory, fsync, rename): a reader never sees half a
 * file and a failed write leaves the old file as it was. */
#ifndef FIELDPLAN_IO_FILE_H
#define FIELDPLAN_IO_FILE_H

#include <stddef.h>

#include "model/error.h"

/* Reads the whole file at path into a new NUL-terminated buffer *out (caller
 * frees) of *len bytes (the NUL not counted). Only regular files are read:
 * a FIFO, device, socket or directory is refused at once (never waited on).
 * Errors: MODEL_ERR_IO "PATH: cannot read: REASON" (REASON "not a regular
 * file (a FIFO)" and so on); MODEL_ERR_LIMIT "PATH: larger than N bytes". */
/* What st_mode is when it is not a regular file ("a FIFO", "a directory",
 * "a character device", "a block device", "a socket", "not a regular
 * file"), or NULL for a regular file. */
const char *io_file_kind_refused(unsigned mode);

model_status io_file_read_all(const char *path, size_t max_bytes, char **out, size_t *len,
                              model_error *err);

/* Called with each piece of a file as it is read, in order; returning an
 * error (with err filled) stops the read at once: a limit on what the file
 * holds is then enforced before the rest is read, and memory stays
 * proportional to what was accepted. */
typedef model_status (*io_file_scan_fn)(void *ctx, const char *data, size_t n, model_error *err);

/* io_file_read_all, with scan (may be NULL) called on every piece read. */
model_status io_file_read_scanned(const char *path, size_t max_bytes, io_file_scan_fn scan,
                                  void *ctx, char **out, size_t *len, model_error *err);

/* Writes len bytes to path atomically; "-" writes to standard output.
 * Errors: MODEL_ERR_IO "PATH: cannot write: REASON" (the old file, if any, is
 * untouched and no temporary file is left behind). */
model_status io_file_write_atomic(const char *path, const char *data, size_t len,
                                  model_error *err);

#endif
