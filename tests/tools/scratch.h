/* scratch.h — writes a file into a test's scratch folder (the unit tests
 * and fuzzers that make little books on disk). Aborts when it cannot:
 * a test without its files would prove nothing. */
#ifndef OCTAVO_TESTS_SCRATCH_H
#define OCTAVO_TESTS_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>

static inline void scratch_write(const char *folder, const char *name, const void *data,
                                 size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

#endif
