#include "parallel.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 64

unsigned octavo_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

typedef struct work {
    size_t count;
    void (*job)(void *ctx, size_t i, unsigned thread);
    void *ctx;
    atomic_size_t next; /* the next item nobody has taken */
    atomic_size_t done;
} work;

typedef struct helper {
    pthread_t thread;
    work *work;
    unsigned number;
} helper;

/* Takes the next item, if any is left, and does it. */
static bool take_one(work *w, unsigned thread)
{
    size_t i = atomic_fetch_add(&w->next, 1);
    if (i >= w->count)
        return false;
    w->job(w->ctx, i, thread);
    atomic_fetch_add(&w->done, 1);
    return true;
}

static void *run_helper(void *arg)
{
    helper *h = arg;
    while (take_one(h->work, h->number)) {
    }
    return NULL;
}

void octavo_parallel_for(size_t count, unsigned threads,
                         void (*job)(void *ctx, size_t i, unsigned thread), void *ctx,
                         void (*progress)(void *progress_ctx, size_t done), void *progress_ctx)
{
    work w = {.count = count, .job = job, .ctx = ctx};
    atomic_init(&w.next, 0);
    atomic_init(&w.done, 0);
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    if ((size_t)threads > count)
        threads = (unsigned)count;
    helper helpers[MAX_THREADS];
    unsigned started = 0;
    /* Thread creation can fail (limits): whoever was started, plus this
     * thread (number 0), still do every item. */
    while (started + 1 < threads) {
        helpers[started] = (helper){.work = &w, .number = started + 1};
        if (pthread_create(&helpers[started].thread, NULL, run_helper, &helpers[started]) != 0)
            break;
        started++;
    }
    while (take_one(&w, 0))
        if (progress)
            progress(progress_ctx, atomic_load(&w.done));
    for (unsigned i = 0; i < started; i++)
        pthread_join(helpers[i].thread, NULL);
    if (progress)
        progress(progress_ctx, count);
}
