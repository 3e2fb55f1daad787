/* test_io_file.c - bounded reads and atomic writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/formats/file.h"
#include "testlib.h"

static char dir[64];

/* name's path in the test's temporary directory (made on first use),
 * into path[size]. */
static const char *in_dir(const char *name, char *path, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fp_test_file_XXXXXX");
        CHECK(mkdtemp(dir) != NULL);
    }
    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

static void test_file__write_then_read_round_trips(void)
{
    char path[128];
    in_dir("a.txt", path, sizeof path);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_file_write_atomic(path, "hello\n", 6, &err), MODEL_OK);
    char *buf;
    size_t len;
    CHECK_EQ_INT(io_file_read_all(path, 1024, &buf, &len, &err), MODEL_OK);
    CHECK_EQ_INT(len, 6);
    CHECK(strcmp(buf, "hello\n") == 0);
    free(buf);
    /* Replacing leaves no temporary file behind. */
    CHECK_EQ_INT(io_file_write_atomic(path, "bye", 3, &err), MODEL_OK);
    CHECK_EQ_INT(io_file_read_all(path, 1024, &buf, &len, &err), MODEL_OK);
    CHECK(strcmp(buf, "bye") == 0);
    free(buf);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) -eq 1", dir);
    CHECK_EQ_INT(system(cmd), 0);
}

static void test_file__failed_write_names_the_file_and_keeps_nothing(void)
{
    char path[128];
    in_dir("missing/dir/x.json", path, sizeof path);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_file_write_atomic(path, "x", 1, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "x.json: cannot write: No such file or directory");
}

static void test_file__read_refuses_missing_and_oversized_files(void)
{
    char path[128];
    in_dir("big.txt", path, sizeof path);
    model_error err = MODEL_ERROR_INIT;
    char *big = malloc(200000);
    memset(big, 'x', 200000);
    CHECK_EQ_INT(io_file_write_atomic(path, big, 200000, &err), MODEL_OK);
    free(big);
    char *buf;
    size_t len;
    CHECK_EQ_INT(io_file_read_all(path, 100000, &buf, &len, &err), MODEL_ERR_LIMIT);
    CHECK_STR_CONTAINS(err.msg, "larger than 100000 bytes");
    CHECK(buf == NULL);
    CHECK_EQ_INT(io_file_read_all(path, 200000, &buf, &len, &err), MODEL_OK);
    CHECK_EQ_INT(len, 200000);
    free(buf);
    in_dir("nope.json", path, sizeof path);
    CHECK_EQ_INT(io_file_read_all(path, 100, &buf, &len, &err), MODEL_ERR_IO);
    CHECK_STR_CONTAINS(err.msg, "nope.json: cannot read: No such file or directory");
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_EQ_INT(system(cmd), 0);
}

TESTLIB_MAIN({"file__write_then_read_round_trips", test_file__write_then_read_round_trips},
             {"file__failed_write_names_the_file_and_keeps_nothing",
              test_file__failed_write_names_the_file_and_keeps_nothing},
             {"file__read_refuses_missing_and_oversized_files",
              test_file__read_refuses_missing_and_oversized_files})
