/* zonefile.c - time zones by IANA name, read from the system's zone directory.
 *
 * The name is checked (model_tz_name_is_valid) before any path is built, so
 * a lookup never leaves the zone directory; the file is read whole, at most
 * MODEL_TZ_DATA_MAX bytes, and parsed by the model. */
#include "io/formats/zonefile.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TZ_FILE_MAX MODEL_TZ_DATA_MAX /* larger TZif files are refused */

/* Error for a zone file that could not be opened or read (errno e). */
static model_status open_failed(const char *path, const char *name, int e, model_error *err)
{
    if (e == ENOENT || e == ENOTDIR || e == EISDIR || e == ENAMETOOLONG || e == ELOOP)
        return model_tz_error_unknown(err, name);
    return model_error_set(err, MODEL_ERR_IO, "cannot read time zone file %s (errno %d)", path, e);
}

/* Reads at most TZ_FILE_MAX bytes of path into *data (malloc'ed). A path
 * that names no file (or a directory) is an unknown zone; other failures
 * are I/O errors. */
static model_status read_file(const char *path, const char *name, unsigned char **data,
                              size_t *len, model_error *err)
{
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return open_failed(path, name, errno, err);
    for (;;) { /* grow to at most TZ_FILE_MAX + 1 bytes: one more tells "too big" */
        if (n == cap) {
            if (cap > (size_t)TZ_FILE_MAX)
                break;
            cap = cap ? (cap * 2 > (size_t)TZ_FILE_MAX ? (size_t)TZ_FILE_MAX + 1 : cap * 2) : 4096;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                fclose(f);
                free(buf);
                return model_error_set(err, MODEL_ERR_NOMEM, "out of memory loading time zone");
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f), saved = errno;
    fclose(f);
    if (failed || n > (size_t)TZ_FILE_MAX) {
        free(buf);
        if (failed)
            return open_failed(path, name, saved, err);
        return model_error_set(err, MODEL_ERR_INPUT, "unknown time zone '%s' (%s is over 1 MiB)",
                               name, path);
    }
    *data = buf;
    *len = n;
    return MODEL_OK;
}

model_status io_zone_load(model_tz **out, const char *name, model_error *err)
{
    assert(out);
    *out = NULL;
    if (!name || !model_tz_name_is_valid(name))
        return model_tz_error_unknown(err, name);
    if (strcmp(name, "UTC") == 0) /* built in: works without tzdata */
        return model_tz_utc(out, err);
    const char *dir = getenv("TZDIR");
    char path[4096];
    int plen = snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if (plen < 0 || (size_t)plen >= sizeof path)
        return model_tz_error_unknown(err, name);
    unsigned char *data = NULL;
    size_t len = 0;
    model_status st = read_file(path, name, &data, &len, err);
    if (st != MODEL_OK)
        return st;
    st = model_tz_parse(out, name, path, data, len, err);
    free(data);
    return st;
}

model_status io_zone_set_problem(model_problem *p, const char *name, model_error *err)
{
    model_tz *tz;
    model_status st = io_zone_load(&tz, name, err);
    if (st != MODEL_OK)
        return st;
    model_problem_set_tz(p, tz);
    return MODEL_OK;
}
