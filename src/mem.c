#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void octavo_out_of_memory(size_t size)
{
    fprintf(stderr, "octavo: out of memory (asked for %zu bytes)\n", size);
    exit(1);
}

void *octavo_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        octavo_out_of_memory(size);
    return p;
}

void *octavo_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        octavo_out_of_memory(count * size);
    return p;
}

void *octavo_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        octavo_out_of_memory(size);
    return p;
}

void *octavo_xgrow(void *array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return array;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            octavo_out_of_memory(SIZE_MAX);
        n *= 2;
    }
    *cap = n;
    return octavo_xrealloc(array, n * elem);
}

char *octavo_xstrdup(const char *s)
{
    return octavo_xstrndup(s, strlen(s));
}

char *octavo_xstrndup(const char *s, size_t n)
{
    char *p = octavo_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
