/* prescan.c — pages read ahead: the XHTML pages a build holds, read on
 * several cores before the rest of the check (which goes through the book
 * in order, on one). */
#include "check_internal.h"

#include "mem.h"
#include "parallel.h"

#include <stdlib.h>
#include <string.h>

struct octavo_check_prescan {
    const octavo_known_entry *known;
    size_t count;
    octavo_page_facts **facts; /* one per known entry: what it says if a page, or NULL */
    octavo_check_names *names; /* one per thread */
};

static void prescan_one(void *ctx, size_t i, unsigned thread)
{
    octavo_check_prescan *p = ctx;
    size_t n = strlen(p->known[i].name);
    if (n > 6 && strcmp(p->known[i].name + n - 6, ".xhtml") == 0 && !p->known[i].facts) {
        xml_source src;
        octavo_check_memory_source(&src, p->known[i].data, p->known[i].len);
        page_facts f = {0};
        octavo_check_scan_source(p->known[i].name, &src, &f, &p->names[thread]);
        p->facts[i] = octavo_check_facts_keep(&f);
    }
}

octavo_check_prescan *octavo_check_prescan_start(const octavo_known_entry *known, size_t count,
                                                 unsigned threads)
{
    octavo_check_prescan *p = octavo_xcalloc(1, sizeof *p);
    p->known = known;
    p->count = count;
    p->facts = octavo_xcalloc(count + 1, sizeof *p->facts);
    xmlInitParser(); /* before any thread parses */
    p->names = octavo_xcalloc(threads ? threads : 1, sizeof *p->names);
    octavo_parallel_for(count, threads, prescan_one, p, NULL, NULL);
    for (unsigned t = 0; t < (threads ? threads : 1); t++)
        octavo_check_names_clear(&p->names[t]);
    free(p->names);
    p->names = NULL;
    return p;
}

void octavo_check_prescan_free(octavo_check_prescan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        octavo_page_facts_free(p->facts[i]);
    free(p->facts);
    free(p);
}

octavo_page_facts *octavo_check_prescanned(octavo_check_prescan *prescan,
                                           const octavo_known_entry *known, size_t i)
{
    return prescan && prescan->known == known ? prescan->facts[i] : NULL;
}
