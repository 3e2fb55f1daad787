/* fault_alloc.h - out-of-memory injection for unit tests: this test
 * program's malloc, calloc and realloc fail the Nth allocation after
 * fault_alloc_arm(N), as SQLite's fault tests do, and fault_alloc_live
 * counts the blocks not freed (allocations inside the C library that it
 * frees itself are not seen). Include it in exactly one test file. Only where glibc's __libc_* allocators exist and no sanitizer
 * replaces malloc (FAULT_ALLOC_ENABLED is 0 otherwise; tests then skip). */
#ifndef FIELDPLAN_TESTS_FAULT_ALLOC_H
#define FIELDPLAN_TESTS_FAULT_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define FAULT_ALLOC_ENABLED 1

#include <string.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

static long fault_alloc_countdown = -1; /* allocations left before the failure; -1: none */
static bool fault_alloc_fired;          /* the armed failure happened */
static long fault_alloc_live;           /* blocks allocated and not freed (leak check) */
/* When set and true for the allocation about to fail, that one is spared
 * and the next one fails instead (for libraries that cannot survive a
 * failed allocation). */
static bool (*fault_alloc_spare)(void);
static long fault_alloc_spared;         /* allocations spared so */

static bool fault_alloc_fail(void)
{
    if (fault_alloc_countdown < 0)
        return false;
    if (fault_alloc_countdown > 0) {
        fault_alloc_countdown--;
        return false;
    }
    if (fault_alloc_spare) {
        static bool inside; /* the predicate may allocate */
        if (inside)
            return false;
        inside = true;
        bool spare = fault_alloc_spare();
        inside = false;
        if (spare) {
            fault_alloc_spared++;
            return false;
        }
    }
    fault_alloc_countdown = -1;
    fault_alloc_fired = true;
    return true;
}

void *malloc(size_t n)
{
    void *p = fault_alloc_fail() ? NULL : __libc_malloc(n);
    fault_alloc_live += p != NULL;
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = fault_alloc_fail() ? NULL : __libc_calloc(n, size);
    fault_alloc_live += p != NULL;
    return p;
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    return fault_alloc_fail() ? NULL : __libc_realloc(p, n);
}

void free(void *p)
{
    fault_alloc_live -= p != NULL;
    __libc_free(p);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* Makes allocation number n (from 0) fail; n < 0 disarms. */
static void fault_alloc_arm(long n)
{
    fault_alloc_countdown = n;
    fault_alloc_fired = false;
}
#else
#define FAULT_ALLOC_ENABLED 0
static bool fault_alloc_fired;
static long fault_alloc_live;
__attribute__((unused)) static bool (*fault_alloc_spare)(void);
__attribute__((unused)) static long fault_alloc_spared;
static void fault_alloc_arm(long n)
{
    (void)n;
    fault_alloc_fired = false;
}
#endif

#endif
