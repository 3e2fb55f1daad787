/* fault_io.c - an LD_PRELOAD shim that makes writes to files fail, for the
 * failed-write tests (tests/fault/fault_io_e2e.py): write, pwrite,
 * pwrite64, writev, pwritev, fsync, fdatasync, ftruncate and ftruncate64
 * on regular files (and, with FAULT_IO_MATCH, only files whose path holds
 * that text) are counted, and from the Nth one on they fail.
 *
 * Environment:
 *   FAULT_IO_AFTER=N     calls 0 .. N-1 succeed, call N fails (unset: none
 *                        fails: counting only)
 *   FAULT_IO_ONCE=1      only call N fails (default: N and every later one,
 *                        as a full disk)
 *   FAULT_IO_ERRNO=NAME  ENOSPC (default) or EIO
 *   FAULT_IO_MATCH=TEXT  count only files whose path contains TEXT
 *   FAULT_IO_COUNT=PATH  at exit, write the number of calls counted there
 * Writes to pipes, terminals and sockets are never counted or failed (the
 * program's messages still reach the test). The C library's own stdio
 * writes (fwrite to a FILE) do not go through these symbols and are not
 * seen; fieldplan writes its files with write(2) (io/formats/file.c) and
 * SQLite with pwrite64/write, both seen. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long after = -2; /* -2: not read yet; -1: never fail */
static bool once;
static int code = ENOSPC;
static const char *match;
static long counted;

static void setup(void)
{
    if (after != -2)
        return;
    const char *a = getenv("FAULT_IO_AFTER"), *e = getenv("FAULT_IO_ERRNO");
    after = a && *a ? atol(a) : -1;
    once = getenv("FAULT_IO_ONCE") && strcmp(getenv("FAULT_IO_ONCE"), "1") == 0;
    code = e && strcmp(e, "EIO") == 0 ? EIO : ENOSPC;
    match = getenv("FAULT_IO_MATCH");
    if (match && !*match)
        match = NULL;
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("FAULT_IO_COUNT");
    if (!path)
        return;
    int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    ssize_t (*real_write)(int, const void *, size_t) =
        (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    int fd = real_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", counted);
    if (real_write(fd, buf, (size_t)n) != n) {
        /* nothing more to do: the test sees a missing count */
    }
    close(fd);
}

/* Whether this call on fd fails (and counts it when fd is a file we watch). */
static bool fail(int fd)
{
    setup();
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    if (match) {
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (n < 0)
            return false;
        path[n] = '\0';
        if (!strstr(path, match))
            return false;
    }
    long k = counted++;
    if (after < 0)
        return false;
    if (once ? k == after : k >= after) {
        errno = code;
        return true;
    }
    return false;
}

#define REAL(name)                                                                 \
    static __typeof__(&name) real_##name;                                          \
    if (!real_##name)                                                              \
    real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *b, size_t n)
{
    REAL(write);
    return fail(fd) ? -1 : real_write(fd, b, n);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t o)
{
    REAL(pwrite);
    return fail(fd) ? -1 : real_pwrite(fd, b, n, o);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off64_t o)
{
    REAL(pwrite64);
    return fail(fd) ? -1 : real_pwrite64(fd, b, n, o);
}

ssize_t writev(int fd, const struct iovec *v, int n)
{
    REAL(writev);
    return fail(fd) ? -1 : real_writev(fd, v, n);
}

ssize_t pwritev(int fd, const struct iovec *v, int n, off_t o)
{
    REAL(pwritev);
    return fail(fd) ? -1 : real_pwritev(fd, v, n, o);
}

int fsync(int fd)
{
    REAL(fsync);
    return fail(fd) ? -1 : real_fsync(fd);
}

int fdatasync(int fd)
{
    REAL(fdatasync);
    return fail(fd) ? -1 : real_fdatasync(fd);
}

int ftruncate(int fd, off_t len)
{
    REAL(ftruncate);
    return fail(fd) ? -1 : real_ftruncate(fd, len);
}

int ftruncate64(int fd, off64_t len)
{
    REAL(ftruncate64);
    return fail(fd) ? -1 : real_ftruncate64(fd, len);
}
