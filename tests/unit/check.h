/* check.h — the few assertions octavo's unit tests need. A failure prints
 * where, what was expected and what was got, and the test exits 1 at the
 * end (all checks run, so one run shows every failure). */
#ifndef OCTAVO_TEST_CHECK_H
#define OCTAVO_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond);                    \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (!g_ || strcmp(g_, w_) != 0) {                                                          \
            fprintf(stderr, "%s:%d: %s\n  expected: \"%s\"\n  got:      \"%s\"\n", __FILE__,       \
                    __LINE__, #got, w_, g_ ? g_ : "(null)");                                       \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ != w_) {                                                                            \
            fprintf(stderr, "%s:%d: %s\n  expected: %lld\n  got:      %lld\n", __FILE__, __LINE__, \
                    #got, w_, g_);                                                                 \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

/* `haystack` contains `needle` (or, with CHECK_LACKS, does not); either
 * fails on NULL, so that nothing made is never taken for a clean result. */
#define CHECK_HAS(haystack, needle)                                                                \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (!h_ || !strstr(h_, n_)) {                                                              \
            fprintf(stderr, "%s:%d: expected to find \"%s\" in:\n%s\n", __FILE__, __LINE__, n_,    \
                    h_ ? h_ : "(null)");                                                           \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_LACKS(haystack, needle)                                                              \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (!h_ || strstr(h_, n_)) {                                                               \
            fprintf(stderr, "%s:%d: did not expect \"%s\" in:\n%s\n", __FILE__, __LINE__, n_,      \
                    h_ ? h_ : "(null)");                                                           \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_DONE()                                                                               \
    do {                                                                                           \
        if (check_failures)                                                                        \
            fprintf(stderr, "%d check(s) failed\n", check_failures);                               \
        return check_failures ? 1 : 0;                                                             \
    } while (0)

#endif
