#include "check.h"
#include "parallel.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct tally {
    atomic_int *done; /* how often each item was done */
    unsigned *thread; /* which thread did it */
    unsigned threads;
    atomic_int bad_thread;
} tally;

static void count_item(void *ctx, size_t i, unsigned thread)
{
    tally *t = ctx;
    atomic_fetch_add(&t->done[i], 1);
    t->thread[i] = thread;
    if (thread >= (t->threads ? t->threads : 1))
        atomic_fetch_add(&t->bad_thread, 1);
}

static void last_progress(void *ctx, size_t done)
{
    size_t *seen = ctx;
    if (done < *seen) /* never goes back */
        *seen = (size_t)-1;
    else if (*seen != (size_t)-1)
        *seen = done;
}

/* Every item exactly once, on a thread number below the count asked for,
 * with any number of threads (more than items, none at all). */
static void run(size_t count, unsigned threads)
{
    tally t = {calloc(count + 1, sizeof *t.done), calloc(count + 1, sizeof *t.thread), threads, 0};
    size_t seen = 0;
    octavo_parallel_for(count, threads, count_item, &t, last_progress, &seen);
    int wrong = 0;
    for (size_t i = 0; i < count; i++)
        wrong += atomic_load(&t.done[i]) != 1;
    CHECK_INT(wrong, 0);
    CHECK_INT(atomic_load(&t.bad_thread), 0);
    CHECK(seen == count);
    free(t.done);
    free(t.thread);
}

/* The cores this process may run on, not those the machine has: run on
 * one core (as under `taskset -c 0`), octavo counts one. */
static void test_cpu_count(void)
{
    cpu_set_t all, one;
    if (sched_getaffinity(0, sizeof all, &all) != 0) {
        CHECK(!"sched_getaffinity works");
        return;
    }
    CHECK_INT(octavo_cpu_count(), CPU_COUNT(&all));
    int first = 0;
    while (!CPU_ISSET(first, &all))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    if (sched_setaffinity(0, sizeof one, &one) == 0) {
        CHECK_INT(octavo_cpu_count(), 1);
        sched_setaffinity(0, sizeof all, &all);
    }
    CHECK_INT(octavo_cpu_count(), CPU_COUNT(&all));
}

int main(void)
{
    test_cpu_count();
    run(0, 4);
    run(1, 4);
    run(3, 8);
    run(10000, 1);
    run(10000, 0);
    run(10000, 2);
    run(10000, 7);
    run(100, 1000); /* more than the threads it allows */
    CHECK_DONE();
}
