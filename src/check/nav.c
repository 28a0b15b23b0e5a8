/* nav.c — the navigation: the NCX the spine's toc attribute names, and
 * the nav document's toc, which must reach the reading order. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

void octavo_check_ncx(checker *ck, const char *opf, const package_doc *doc, const package_info *p)
{
    const char *toc = doc->toc;
    if (!toc)
        return;
    const item *it = octavo_check_item_by_id(p, toc);
    if (!it)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-049", opf, doc->spine_line,
                                 "item id \"%s\" (the spine's toc) was not found in the manifest",
                                 toc);
    else if (strcmp(it->media_type, "application/x-dtbncx+xml") != 0)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-050", opf, doc->spine_line,
                                 "the spine's toc attribute must point at the NCX "
                                 "(application/x-dtbncx+xml), not %s",
                                 it->media_type);
    else if (it->file && it->file->facts && it->file->facts->scanned)
        /* read while it was made */
        octavo_check_merge_findings(ck->r, &it->file->facts->findings);
    else if (it->file)
        octavo_check_stream_entry(ck, it->file, NULL, NULL, ck->r); /* (well-formed?) */
}

void octavo_check_nav(checker *ck, const nav_reach *reach, entry *const *reading,
                      size_t reading_count)
{
    entry *nav = NULL;
    for (size_t i = 0; i < ck->entry_count && !nav; i++)
        if (ck->entries[i].is_nav)
            nav = &ck->entries[i];
    if (nav && nav->parsed && reach->toc_navs != 1)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", nav->name, 0,
                                 "the nav document must have exactly one toc nav (it has %zu)",
                                 reach->toc_navs);
    if (nav && nav->parsed && reach->toc_navs == 1) {
        /* Reached: linked from the toc, or (cover and title pages) from the
         * landmarks; the nav itself when it is read in order. */
        bool *reached = octavo_xcalloc(ck->entry_count + 1, sizeof *reached);
        for (size_t i = 0; i < reach->count; i++)
            reached[reach->files[i] - ck->entries] = true;
        reached[nav - ck->entries] = true;
        for (size_t i = 0; i < reading_count; i++)
            if (!reached[reading[i] - ck->entries])
                /* (a usage, as epubcheck says: a book may leave pages out of its toc) */
                octavo_check_add_finding(ck->r, OCTAVO_INFO, "OPF-058", reading[i]->name, 0,
                                         "spine item is not reached from the nav's toc");
        free(reached);
    }
}
