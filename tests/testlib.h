/* testlib.h - a minimal unit-test harness: TEST functions, CHECK macros,
 * and a main that runs the tests named on the command line (or all). */
#ifndef FIELDPLAN_TESTLIB_H
#define FIELDPLAN_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int testlib_failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            testlib_failures++;                                                  \
        }                                                                        \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                       \
    do {                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                    \
        if (va_ != vb_) {                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld != %lld)\n",     \
                    __FILE__, __LINE__, #a, #b, va_, vb_);                       \
            testlib_failures++;                                                  \
        }                                                                        \
    } while (0)

#define CHECK_STR_CONTAINS(hay, needle)                                          \
    do {                                                                         \
        const char *h_ = (hay), *n_ = (needle);                                  \
        if (!h_ || !strstr(h_, n_)) {                                            \
            fprintf(stderr, "%s:%d: CHECK failed: '%s' does not contain '%s'\n",  \
                    __FILE__, __LINE__, h_ ? h_ : "(null)", n_);                 \
            testlib_failures++;                                                  \
        }                                                                        \
    } while (0)

typedef struct testlib_case {
    const char *name;
    void (*fn)(void);
} testlib_case;

/* In a test file: static void test_x(void) {...}, then
 * TESTLIB_MAIN({"x_does_y", test_x}, ...) */
#define TESTLIB_MAIN(...)                                                        \
    int testlib_failures = 0;                                                    \
    int main(int argc, char **argv)                                              \
    {                                                                            \
        static const testlib_case cases[] = {__VA_ARGS__};                       \
        int ncases = (int)(sizeof cases / sizeof cases[0]), ran = 0, failed = 0; \
        for (int i = 0; i < ncases; i++) {                                       \
            int want = argc < 2;                                                 \
            for (int a = 1; a < argc; a++)                                       \
                want |= strcmp(argv[a], cases[i].name) == 0;                     \
            if (!want)                                                           \
                continue;                                                        \
            int before = testlib_failures;                                       \
            cases[i].fn();                                                       \
            ran++;                                                               \
            if (testlib_failures != before) {                                    \
                failed++;                                                        \
                fprintf(stderr, "FAIL %s\n", cases[i].name);                     \
            }                                                                    \
        }                                                                        \
        printf("%d passed, %d failed\n", ran - failed, failed);                  \
        return failed ? 1 : 0;                                                   \
    }

#endif
