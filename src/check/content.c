/* content.c — the content documents against the book: each page's
 * findings, its links and resources (in the book, listed, in the spine),
 * and the fragments it links to, once all pages are read. */
#include "check_internal.h"

#include "mem.h"
#include "sanitize.h"
#include "url.h"

#include <stdlib.h>
#include <string.h>

static void check_reference(checker *ck, entry *doc, unsigned line, const char *url, bool hyperlink,
                            octavo_buf *path, nav_reach *reach)
{
    if (octavo_url_has_scheme(url)) {
        if (!hyperlink && (strncmp(url, "http:", 5) == 0 || strncmp(url, "https:", 6) == 0))
            octavo_check_add_finding(
                ck->r, OCTAVO_ERROR, "RSC-006", doc->name, line,
                "remote resource \"%s\" is not allowed here; it must be in the book", url);
        return;
    }
    size_t path_len = strcspn(url, "#?");
    const char *hash = strchr(url, '#');
    entry *target = doc;
    if (path_len) {
        if (!octavo_url_resolve(doc->name, url, path_len, path) ||
            !(target = octavo_check_find_entry_n(ck, path->data, path->len))) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-007", doc->name, line,
                                     "referenced resource \"%s\" could not be found in the book",
                                     url);
            return;
        }
        if (!target->media_type) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-008", doc->name, line,
                                     "referenced resource \"%s\" is not declared in the manifest",
                                     url);
            return;
        }
        if (hyperlink && !target->in_spine && !octavo_check_is_content_type(target->media_type))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-011", doc->name, line,
                                     "link to \"%s\", which is not a spine item", url);
    }
    if (reach) {
        reach->files =
            octavo_xgrow(reach->files, &reach->cap, reach->count + 1, sizeof *reach->files);
        reach->files[reach->count++] = target;
    }
    if (hyperlink && hash && hash[1] && strcmp(target->media_type, "application/xhtml+xml") == 0) {
        ck->pending =
            octavo_xgrow(ck->pending, &ck->pending_cap, ck->pending_count + 1, sizeof *ck->pending);
        /* Fragments are percent-decoded like paths. */
        octavo_buf frag = OCTAVO_BUF_INIT;
        octavo_url_decode_into(hash + 1, strlen(hash + 1), &frag);
        ck->pending[ck->pending_count++] =
            (pending_fragment){(size_t)(target - ck->entries), octavo_buf_detach(&frag),
                               (size_t)(doc - ck->entries), line};
    }
}

void octavo_check_content(checker *ck, entry *doc, nav_reach *reach)
{
    page_facts local = {0};
    page_facts *f = doc->facts && doc->facts->scanned ? doc->facts : &local;
    if (!f->scanned) {
        xml_source src;
        if (!octavo_check_open_source(ck, doc, &src, ck->r))
            return;
        octavo_check_scan_source(doc->name, &src, f);
        octavo_check_close_source(&src);
    }
    octavo_check_merge_findings(ck->r, &f->findings);
    /* (libxml2 never reads them: no XML_PARSE_NOENT, DTDLOAD or network) */
    if (f->is_xhtml && f->external_entity && ck->epub3)
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "HTM-003", doc->name, f->external_line,
            "external entities are not allowed in EPUB 3 documents: \"%s\" is declared",
            f->external_entity);
    if (f->is_xhtml) {
        octavo_buf path = OCTAVO_BUF_INIT;
        for (size_t i = 0; i < f->ref_count; i++) {
            const page_ref *ref = &f->refs[i];
            bool counts = doc->is_nav && (ref->nav == 't' || ref->nav == 'l');
            check_reference(ck, doc, ref->line, ref->url, ref->hyperlink, &path,
                            counts ? reach : NULL);
        }
        octavo_buf_free(&path);
        if (doc->is_nav) {
            reach->toc_navs += f->toc_navs;
            for (size_t i = 0; i < f->empty_anchor_count; i++)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", doc->name,
                                         f->empty_anchors[i],
                                         "Anchors within nav elements must contain text");
        }
        /* The ids move to the entry, for the fragments. */
        doc->ids = f->ids;
        doc->id_count = f->id_count;
        f->ids = NULL;
        f->id_count = 0;
        doc->parsed = true;
    }
    octavo_check_page_facts_clear(&local);
}

void octavo_check_fragments(checker *ck)
{
    for (size_t i = 0; i < ck->pending_count; i++) {
        const pending_fragment *p = &ck->pending[i];
        const entry *target = &ck->entries[p->target];
        if (target->parsed && !octavo_check_ids_have(target->ids, target->id_count, p->fragment))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-012", ck->entries[p->from].name,
                                     p->line, "fragment \"%s\" is not defined in %s", p->fragment,
                                     target->name);
    }
}
