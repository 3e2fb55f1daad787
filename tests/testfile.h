/* testfile.h - a test's files: reading a data file whole (through
 * io/formats/file.h, as the program reads its inputs), listing a data
 * directory in name order, and removing a flat scratch directory. */
#ifndef FIELDPLAN_TESTS_TESTFILE_H
#define FIELDPLAN_TESTS_TESTFILE_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static inline int testfile_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files in dir ending in suffix (and longer than it),
 * sorted, into names[max] (caller frees each); returns how many (0 when
 * dir cannot be read). */
static inline int list_files(const char *dir, const char *suffix, char **names, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    size_t sl = strlen(suffix);
    for (struct dirent *e; n < max && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, testfile_cmp_names);
    return n;
}

/* Removes dir and the files in it (not sub-directories'); nothing when it
 * is missing. */
static inline void remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        char p[400];
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    rmdir(dir);
}

#endif
