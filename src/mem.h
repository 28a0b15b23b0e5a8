/* mem.h — allocation that cannot return NULL.
 *
 * Octavo treats running out of memory as fatal: every caller would otherwise
 * need a failure path for each small string, and none of them could do
 * anything useful with it. These wrappers print one line and exit(1).
 */
#ifndef OCTAVO_MEM_H
#define OCTAVO_MEM_H

#include <stddef.h>

/* Says so on stderr and exits 1: for allocators that return NULL (libxml2's). */
_Noreturn void octavo_out_of_memory(size_t size);
void *octavo_xmalloc(size_t size);
void *octavo_xcalloc(size_t count, size_t size);
void *octavo_xrealloc(void *ptr, size_t size);
/* Grows an array of `*cap` elements of `elem` bytes so it holds at least
 * `need`; updates *cap. Returns the (possibly moved) array. */
void *octavo_xgrow(void *array, size_t *cap, size_t need, size_t elem);
char *octavo_xstrdup(const char *s);
char *octavo_xstrndup(const char *s, size_t n);

#endif
