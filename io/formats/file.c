/* file.c - bounded whole-file reads and atomic (tmp + fsync + rename) writes. */
#include "io/formats/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *io_file_kind_refused(unsigned mode)
{
    if (S_ISREG(mode))
        return NULL;
    return S_ISFIFO(mode)  ? "a FIFO"
           : S_ISDIR(mode) ? "a directory"
           : S_ISCHR(mode) ? "a character device"
           : S_ISBLK(mode) ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

/* Opens path for reading into *out without waiting on a FIFO, and only
 * when it is a regular file. */
static model_status open_regular(const char *path, FILE **out, model_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    struct stat sb;
    const char *kind = fstat(fd, &sb) == 0 ? io_file_kind_refused(sb.st_mode) : NULL;
    int flags = fcntl(fd, F_GETFL);
    model_status rc = MODEL_OK;
    if (kind)
        rc = model_error_set(err, MODEL_ERR_IO, "%s: cannot read: not a regular file (%s)", path,
                             kind);
    else if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 || !(*out = fdopen(fd, "rb")))
        rc = model_error_set(err, MODEL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    if (rc != MODEL_OK)
        close(fd);
    return rc;
}

model_status io_file_read_all(const char *path, size_t max_bytes, char **out, size_t *len,
                              model_error *err)
{
    return io_file_read_scanned(path, max_bytes, NULL, NULL, out, len, err);
}

model_status io_file_read_scanned(const char *path, size_t max_bytes, io_file_scan_fn scan,
                                  void *ctx, char **out, size_t *len, model_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f;
    model_status rc = open_regular(path, &f, err);
    if (rc != MODEL_OK)
        return rc;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        fclose(f);
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (n == cap) {
            if (cap >= max_bytes)
                break; /* full: larger only if another byte follows (below) */
            size_t ncap = cap * 2 > max_bytes ? max_bytes : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap = ncap;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (scan && r > 0 && (rc = scan(ctx, buf + n, r, err)) != MODEL_OK) {
            free(buf);
            fclose(f);
            return rc;
        }
        n += r;
        if (r == 0)
            break;
    }
    if (n == cap && fgetc(f) != EOF) {
        free(buf);
        fclose(f);
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: larger than %zu bytes", path, max_bytes);
    }
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot read: %s", path, strerror(saved));
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return MODEL_OK;
}

static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        done += (size_t)w;
    }
    return 0;
}

model_status io_file_write_atomic(const char *path, const char *data, size_t len,
                                  model_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return model_error_set(err, MODEL_ERR_IO, "standard output: cannot write: %s",
                                   strerror(errno));
        return MODEL_OK;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", path);
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int saved = errno;
        free(tmp);
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot write: %s", path, strerror(saved));
    }
    int saved = write_all(fd, data, len);
    if (!saved && fchmod(fd, 0644) != 0)
        saved = errno;
    if (!saved && fsync(fd) != 0)
        saved = errno;
    if (close(fd) != 0 && !saved)
        saved = errno;
    if (!saved && rename(tmp, path) != 0)
        saved = errno;
    if (saved) {
        unlink(tmp);
        free(tmp);
        return model_error_set(err, MODEL_ERR_IO, "%s: cannot write: %s", path, strerror(saved));
    }
    free(tmp);
    return MODEL_OK;
}
