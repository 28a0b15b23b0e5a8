/* nav.c — the navigation: the NCX the spine's toc attribute names (and
 * its links), and the nav document's toc, which must reach the reading
 * order. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

#define NS_NCX "http://www.daisy.org/z3986/2005/ncx/"

typedef struct ncx_scan {
    checker *ck;
    entry *ncx;
    bool root_seen;
} ncx_scan;

/* The doctype's external ids (doctype.c), and a navPoint's content src:
 * a hyperlink, as EPUBCheck takes it: to a file in the book (RSC-007), a
 * spine item (RSC-010, RSC-011), and an id there (RSC-012, once the pages
 * are read). */
static void ncx_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    ncx_scan *s = octavo_check_parse_state(ctx);
    if (!s->root_seen) {
        s->root_seen = true;
        if (s->ck->epub3)
            octavo_check_external_ids(ctx, "application/x-dtbncx+xml", s->ncx->name, s->ck->r);
    }
    if (!uri || strcmp((const char *)uri, NS_NCX) != 0 ||
        strcmp((const char *)localname, "content") != 0)
        return;
    char *src = octavo_check_attribute(attrs, nb_attributes, "src", NULL);
    if (!src)
        return;
    page_ref ref = {.url = src, .line = octavo_check_parse_line(ctx), .kind = REF_HYPERLINK};
    octavo_buf path = OCTAVO_BUF_INIT;
    octavo_check_reference(s->ck, s->ncx, &ref, &path, NULL);
    octavo_buf_free(&path);
    free(src);
}

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
    else if (it->file && it->file->facts) { /* read while it was made */
        page_facts read;
        octavo_check_facts_view(it->file->facts, &read);
        octavo_check_merge_findings(ck->r, &read.findings);
    } else if (it->file) {
        static const xml_callbacks callbacks = {ncx_start, NULL, NULL, NULL, NULL};
        ncx_scan s = {ck, it->file, false};
        octavo_check_stream_entry(ck, it->file, &callbacks, &s, ck->r);
    }
}

/* The place of the element with id `id` on page `e`, or -1 when it has
 * none. */
static long id_place(const entry *e, const char *id)
{
    size_t lo = 0, hi = e->id_order ? e->id_count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(e->ids[mid], id);
        if (c == 0) {
            while (mid > lo && strcmp(e->ids[mid - 1], id) == 0)
                mid--; /* (the first of the same id) */
            return (long)e->id_order[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The toc's links follow the spine, and within a page its order
 * (NAV-011, a warning in EPUBCheck 5 as in 4.2.6; its page-list's are not
 * checked, as EPUBCheck 5 no longer does). */
static void check_toc_order(checker *ck, const entry *nav, const nav_reach *reach)
{
    unsigned last_spine = 0;
    long last_place = -1;
    for (size_t i = 0; i < reach->toc_count; i++) {
        const toc_link *l = &reach->toc[i];
        unsigned spine = l->target->spine_position;
        if (!spine)
            continue; /* (not in the spine: RSC-011) */
        if (spine < last_spine) {
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "NAV-011", nav->name, l->line,
                                     "\"toc\" nav must be in reading order; link target \"%s\" "
                                     "is before the previous link's target in spine order",
                                     l->url);
            last_spine = spine;
            last_place = -1;
            continue;
        }
        if (spine > last_spine) {
            last_spine = spine;
            last_place = -1;
        }
        long place = l->fragment ? id_place(l->target, l->fragment) : -1;
        if (place < 0)
            continue;
        if (place < last_place)
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "NAV-011", nav->name, l->line,
                                     "\"toc\" nav must be in reading order; link target \"%s\" "
                                     "is before the previous link's target in document order",
                                     l->url);
        last_place = place;
    }
}

static void nav_reach_free(nav_reach *reach)
{
    for (size_t i = 0; i < reach->toc_count; i++) {
        free(reach->toc[i].fragment);
        free(reach->toc[i].url);
    }
    free(reach->toc);
    free(reach->files);
    *reach = (nav_reach){0};
}

void octavo_check_nav(checker *ck, nav_reach *reach, entry *const *reading, size_t reading_count)
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
        check_toc_order(ck, nav, reach);
    }
    nav_reach_free(reach);
}
