/* parallel.h — one job over many items, on several cores.
 *
 * Each item is done by exactly one thread, which writes only that item's
 * result, so what is made never depends on the number of threads or on
 * their timing: a book built on eight cores is byte for byte the one built
 * on one. */
#ifndef OCTAVO_PARALLEL_H
#define OCTAVO_PARALLEL_H

#include <stddef.h>

/* The number of cores this process may run on (at least 1). */
unsigned octavo_cpu_count(void);

/* Calls job(ctx, i, t) for every i < count, in any order, on up to
 * `threads` threads (the calling one among them; 0 or 1: all on the
 * calling thread), and returns when all are done. t < max(threads, 1)
 * numbers the thread doing the item, for scratch space kept per thread. `progress` (may be NULL) is
 * called on the calling thread only, now and then, with how many items
 * are done. libxml2 must have been initialised (xmlInitParser) before a
 * job that uses it runs here. */
void octavo_parallel_for(size_t count, unsigned threads,
                         void (*job)(void *ctx, size_t i, unsigned thread), void *ctx,
                         void (*progress)(void *progress_ctx, size_t done), void *progress_ctx);

#endif
