/* facts.c — a page's facts kept until the check reads them. A build keeps
 * them for every page while the book is compressed, so each page's are
 * one block (its findings apart, which most pages have none of) rather
 * than an allocation per id and per link. */
#include "check_internal.h"

#include "mem.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct octavo_page_facts {
    /* findings, nav_findings and epub3_findings (owned), or NULL: none */
    octavo_diags *said;
    /* The rest points into the block, after this header. */
    char *viewport, *external_entity, *doctype_id, *encoding;
    page_ref *refs;
    char **ids;
    unsigned *id_order;
    size_t ref_count, id_count, toc_navs;
    unsigned uses, groups, external_line, doctype_line;
    char doctype;
    bool is_xhtml, has_viewport, has_css;
};

static bool said_nothing(const octavo_diags *d)
{
    return !d->count && !d->errors && !d->warnings && !d->infos && !d->dropped[0] &&
           !d->dropped[1] && !d->dropped[2];
}

static size_t size_of(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* `s` copied to *at, which moves past it; NULL stays NULL. */
static char *put(char **at, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = memcpy(*at, s, n);
    *at += n;
    return copy;
}

static size_t aligned(size_t at, size_t to)
{
    return (at + to - 1) / to * to;
}

octavo_page_facts *octavo_check_facts_keep(page_facts *f)
{
    size_t chars = size_of(f->viewport) + size_of(f->external_entity) + size_of(f->doctype_id) +
                   size_of(f->encoding);
    for (size_t i = 0; i < f->ref_count; i++)
        chars += size_of(f->refs[i].url) + size_of(f->refs[i].type);
    for (size_t i = 0; i < f->id_count; i++)
        chars += size_of(f->ids[i]);
    size_t at_refs = aligned(sizeof(octavo_page_facts), alignof(page_ref));
    size_t at_ids = aligned(at_refs + f->ref_count * sizeof *f->refs, alignof(char *));
    size_t at_order = aligned(at_ids + f->id_count * sizeof *f->ids, alignof(unsigned));
    size_t at_chars = at_order + (f->id_order ? f->id_count * sizeof *f->id_order : 0);
    char *block = octavo_xmalloc(at_chars + chars);
    char *next = block + at_chars;
    octavo_page_facts *k = (octavo_page_facts *)block;
    *k = (octavo_page_facts){
        .viewport = put(&next, f->viewport),
        .external_entity = put(&next, f->external_entity),
        .doctype_id = put(&next, f->doctype_id),
        .encoding = put(&next, f->encoding),
        .refs = f->ref_count ? (page_ref *)(block + at_refs) : NULL,
        .ids = f->id_count ? (char **)(block + at_ids) : NULL,
        .id_order = f->id_count && f->id_order ? (unsigned *)(block + at_order) : NULL,
        .ref_count = f->ref_count,
        .id_count = f->id_count,
        .toc_navs = f->toc_navs,
        .uses = f->uses,
        .groups = f->groups,
        .external_line = f->external_line,
        .doctype_line = f->doctype_line,
        .doctype = f->doctype,
        .is_xhtml = f->is_xhtml,
        .has_viewport = f->has_viewport,
        .has_css = f->has_css,
    };
    for (size_t i = 0; i < f->ref_count; i++) {
        k->refs[i] = f->refs[i];
        k->refs[i].url = put(&next, f->refs[i].url);
        k->refs[i].type = put(&next, f->refs[i].type);
    }
    for (size_t i = 0; i < f->id_count; i++)
        k->ids[i] = put(&next, f->ids[i]);
    if (k->id_order)
        memcpy(k->id_order, f->id_order, f->id_count * sizeof *f->id_order);
    if (!said_nothing(&f->findings) || !said_nothing(&f->nav_findings) ||
        !said_nothing(&f->epub3_findings)) {
        k->said = octavo_xcalloc(3, sizeof *k->said);
        k->said[0] = f->findings;
        k->said[1] = f->nav_findings;
        k->said[2] = f->epub3_findings;
        f->findings = f->nav_findings = f->epub3_findings = (octavo_diags)OCTAVO_DIAGS_INIT;
    }
    octavo_check_page_facts_clear(f);
    return k;
}

void octavo_check_facts_view(octavo_page_facts *k, page_facts *view)
{
    static const octavo_diags none = OCTAVO_DIAGS_INIT;
    *view = (page_facts){
        .scanned = true,
        .is_xhtml = k->is_xhtml,
        .viewport = k->viewport,
        .has_viewport = k->has_viewport,
        .findings = k->said ? k->said[0] : none,
        .ids = k->ids,
        .id_count = k->id_count,
        .id_cap = k->id_count,
        .id_order = k->id_order,
        .refs = k->refs,
        .ref_count = k->ref_count,
        .ref_cap = k->ref_count,
        .toc_navs = k->toc_navs,
        .uses = k->uses,
        .groups = k->groups,
        .nav_findings = k->said ? k->said[1] : none,
        .epub3_findings = k->said ? k->said[2] : none,
        .external_entity = k->external_entity,
        .external_line = k->external_line,
        .doctype = k->doctype,
        .doctype_id = k->doctype_id,
        .doctype_line = k->doctype_line,
        .encoding = k->encoding,
        .has_css = k->has_css,
    };
}

void octavo_page_facts_free(octavo_page_facts *k)
{
    if (!k)
        return;
    for (int i = 0; k->said && i < 3; i++)
        octavo_diags_free(&k->said[i]);
    free(k->said);
    free(k);
}
