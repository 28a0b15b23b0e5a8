/* package.c — the package document's checks: its metadata (identifier,
 * title, language, modified), its manifest (files exist, are listed once,
 * have the type their bytes say (bitmap.c), one nav) and its spine. */
#include "check_internal.h"

#include "lang.h"
#include "mem.h"
#include "resources.h"
#include "sanitize.h"
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_w3c_timestamp(const char *s)
{
    static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof pattern - 1)
        return false;
    for (size_t i = 0; pattern[i]; i++)
        if (pattern[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pattern[i])
            return false;
    return true;
}

void octavo_check_metadata(checker *ck, const char *opf, const package_doc *p, bool epub3)
{
    const char *unique = p->unique;
    if (!unique || !*unique)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-048", opf, p->line,
                                 "the package has no unique-identifier attribute");
    bool unique_found = false;
    size_t identifiers = 0, titles = 0, languages = 0, modified = 0;
    for (size_t i = 0; i < p->meta_count; i++) {
        const opf_meta *m = &p->metas[i];
        if (m->kind == 'i') {
            identifiers++;
            if (unique && m->id && strcmp(m->id, unique) == 0) {
                unique_found = true;
                char *value = octavo_check_trimmed(octavo_buf_cstr(&m->text));
                if (!*value && !p->epub3_checked)
                    octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                             "the unique identifier is empty");
                free(value);
            }
        } else if (m->kind == 't') {
            titles++;
        } else if (m->kind == 'l') {
            languages++;
            char *value = octavo_check_trimmed(octavo_buf_cstr(&m->text));
            if ((*value || !p->epub3_checked) && !octavo_lang_is_valid(value))
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-092", opf, m->line,
                                         "language tag \"%s\" is not well-formed", value);
            free(value);
        } else if (m->kind == 'm' && m->property && !m->refines &&
                   strcmp(m->property, "dcterms:modified") == 0) {
            modified++;
            char *value = octavo_check_trimmed(octavo_buf_cstr(&m->text));
            if (!is_w3c_timestamp(value))
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                         "dcterms:modified \"%s\" must be CCYY-MM-DDThh:mm:ssZ",
                                         value);
            free(value);
        }
    }
    if (unique && *unique && !unique_found) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-030", opf, p->line,
                                 "the unique-identifier \"%s\" was not found", unique);
        if (p->epub3_checked) /* (and EPUB 3's schema says it so) */
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, p->line,
                                     "package element unique-identifier attribute does not "
                                     "resolve to a dc:identifier element");
    }
    if (p->epub3_checked) /* (the schema said which are missing) */
        identifiers = titles = languages = 1;
    if (!identifiers)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "the metadata has no dc:identifier element");
    if (!titles)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "the metadata has no dc:title element");
    if (!languages)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "the metadata has no dc:language element");
    if (epub3 && modified != 1)
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
            "the metadata must have exactly one dcterms:modified meta element (it has %zu)",
            modified);
}

static int compare_item_ids(const void *a, const void *b)
{
    return strcmp((*(const item *const *)a)->id, (*(const item *const *)b)->id);
}

const item *octavo_check_item_by_id(const package_info *p, const char *id)
{
    item key = {.id = id};
    const item *k = &key;
    const item **found =
        p->count ? bsearch(&k, p->by_id, p->count, sizeof *p->by_id, compare_item_ids) : NULL;
    return found ? *found : NULL;
}

static int compare_item_hrefs(const void *a, const void *b)
{
    return strcmp((*(const item *const *)a)->href, (*(const item *const *)b)->href);
}

const item *octavo_check_remote_item(const package_info *p, const char *url)
{
    item key = {.href = url};
    const item *k = &key;
    const item **found = p->remote_count ? bsearch(&k, p->remote, p->remote_count,
                                                   sizeof *p->remote, compare_item_hrefs)
                                         : NULL;
    return found ? *found : NULL;
}

bool octavo_check_fallback_reaches(const package_info *p, const item *it,
                                   bool (*accepts)(const char *media_type))
{
    /* (at most one step per item: a longer chain is circular) */
    for (size_t steps = 0; it && steps <= p->count; steps++) {
        if (accepts(it->media_type))
            return true;
        it = it->fallback ? octavo_check_item_by_id(p, it->fallback) : NULL;
    }
    return false;
}

/* Each item's fallback names an item, and no chain comes back on itself. */
static void check_fallbacks(checker *ck, const char *opf, const package_info *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const item *it = &p->items[i];
        if (!it->fallback)
            continue;
        const item *next = octavo_check_item_by_id(p, it->fallback);
        if (!next) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-040", opf, it->line,
                                     "fallback item \"%s\" was not found in the manifest",
                                     it->fallback);
            continue;
        }
        size_t steps = 0;
        while (next && next != it && steps++ <= p->count)
            next = next->fallback ? octavo_check_item_by_id(p, next->fallback) : NULL;
        if (next)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-045", opf, it->line,
                                     "the fallback chain of item \"%s\" is circular", it->id);
    }
}

void octavo_check_manifest(checker *ck, const char *opf, const package_doc *doc, package_info *p,
                           bool epub3)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    size_t navs = 0;
    for (size_t i = 0; i < doc->items.count; i++) {
        const opf_entry *e = &doc->items.items[i];
        item it = {.id = e->id,
                   .href = e->href,
                   .media_type = e->media_type,
                   .properties = e->properties,
                   .fallback = e->fallback,
                   .media_overlay = e->media_overlay,
                   .line = e->line};
        if (!it.id || !it.href || !it.media_type) {
            if (!doc->epub3_checked)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, it.line,
                                         "a manifest item needs id, href and media-type");
            continue;
        }
        if (it.properties && octavo_check_has_token(it.properties, "nav"))
            navs++;
        if (!octavo_url_has_scheme(it.href)) {
            if (!octavo_check_container_url(ck, opf, it.line, opf, it.href, &path) ||
                !(it.file = octavo_check_find_entry(ck, path.data ? path.data : ""))) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-001", opf, it.line,
                                         "file \"%s\" could not be found", it.href);
            } else if (strcmp(it.file->name, opf) == 0) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-099", opf, it.line,
                                         "the manifest must not list the package document");
                it.file = NULL;
            } else if (it.file->media_type) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-074", opf, it.line,
                                         "\"%s\" is declared in several manifest items", it.href);
                it.file = NULL;
            } else {
                if (strncmp(it.file->name, "META-INF/", 9) == 0)
                    octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-025", opf, it.line,
                                             "\"%s\" is in META-INF, where no publication "
                                             "resource may be",
                                             it.href);
                it.file->media_type = it.media_type;
                it.file->is_nav = it.properties && octavo_check_has_token(it.properties, "nav");
            }
        }
        p->items = octavo_xgrow(p->items, &p->cap, p->count + 1, sizeof *p->items);
        p->items[p->count++] = it;
    }
    octavo_buf_free(&path);
    if (epub3 && navs != 1)
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "RSC-005", opf, doc->manifest_line,
            "exactly one manifest item must declare the \"nav\" property (found %zu)", navs);
    p->by_id = octavo_xmalloc((p->count + 1) * sizeof *p->by_id);
    for (size_t i = 0; i < p->count; i++)
        p->by_id[i] = &p->items[i];
    if (p->count)
        qsort(p->by_id, p->count, sizeof *p->by_id, compare_item_ids);
    for (size_t i = 1; i < p->count && !doc->epub3_checked; i++)
        if (strcmp(p->by_id[i - 1]->id, p->by_id[i]->id) == 0)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, p->by_id[i]->line,
                                     "duplicate manifest id \"%s\"", p->by_id[i]->id);
    p->remote = octavo_xmalloc((p->count + 1) * sizeof *p->remote);
    for (size_t i = 0; i < p->count; i++) {
        item *it = &p->items[i];
        if (it->file)
            it->file->item = it;
        else if (octavo_url_has_scheme(it->href))
            p->remote[p->remote_count++] = it;
    }
    if (p->remote_count)
        qsort(p->remote, p->remote_count, sizeof *p->remote, compare_item_hrefs);
    check_fallbacks(ck, opf, p);
    for (size_t i = 0; i < p->count; i++)
        octavo_check_bitmap(ck, &p->items[i]);
}

bool octavo_check_is_content_type(const char *media_type)
{
    return strcmp(media_type, "application/xhtml+xml") == 0 ||
           strcmp(media_type, "image/svg+xml") == 0;
}

/* EPUB 3's core media types: a name, or a prefix ending in '/' or '*'. */
static const char *const core_media_types[] = {
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/svg+xml",
    "image/webp",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg*",
    "audio/opus",
    "video/",
    "text/css",
    "font/otf",
    "font/ttf",
    "font/woff",
    "font/woff2",
    "application/font-sfnt",
    "application/font-woff",
    "application/vnd.ms-opentype",
    "application/xhtml+xml",
    "application/javascript",
    "application/ecmascript",
    "text/javascript",
    "application/x-dtbncx+xml",
    "application/smil+xml",
    "application/pls+xml",
};

size_t octavo_check_media_type_essence(const char *media_type, const char *ends, const char **start)
{
    const char *p = media_type + strspn(media_type, " \t");
    size_t n = strcspn(p, ends);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    *start = p;
    return n;
}

/* (case counts, as EPUBCheck 5 and epubcheck-ts compare: IMAGE/PNG for
 * image/png is OPF-013 there, so here too) */
bool octavo_check_same_media_type(const char *a, const char *b)
{
    const char *pa, *pb;
    size_t na = octavo_check_media_type_essence(a, ";", &pa),
           nb = octavo_check_media_type_essence(b, ";", &pb);
    return na == nb && strncmp(pa, pb, na) == 0;
}

bool octavo_check_is_core_media_type(const char *media_type)
{
    /* (parameters, e.g. audio/mp4's codecs, do not change the type, as
     * epubcheck-ts reads it; case does for EPUBCheck, as it does here) */
    const char *p;
    size_t len = octavo_check_media_type_essence(media_type, ";", &p);
    for (size_t i = 0; i < sizeof core_media_types / sizeof *core_media_types; i++) {
        const char *t = core_media_types[i];
        size_t n = strlen(t);
        bool prefix = t[n - 1] == '/' || t[n - 1] == '*';
        size_t compared = t[n - 1] == '*' ? n - 1 : n;
        if ((prefix ? len >= compared : len == n) && strncmp(p, t, compared) == 0)
            return true;
    }
    return false;
}

/* The page a reading system shows for a spine item: the item when it is a
 * content document, else the first one its fallback chain reaches (EPUB
 * 3.3 8.2.2.1: a pre-paginated item's fixed-layout document may be there). */
static entry *shown_page(const package_info *p, const item *it)
{
    for (size_t steps = 0; it && steps <= p->count; steps++) {
        if (octavo_check_is_content_type(it->media_type))
            return it->file;
        it = it->fallback ? octavo_check_item_by_id(p, it->fallback) : NULL;
    }
    return NULL;
}

void octavo_check_spine(checker *ck, const char *opf, const package_doc *doc, const package_info *p,
                        entry ***reading, size_t *reading_count)
{
    size_t cap = 0, linear = 0;
    /* Fixed layout: the package's rendition:layout, or the itemref's. */
    bool fixed = false;
    for (size_t i = 0; i < doc->meta_count; i++) {
        const opf_meta *m = &doc->metas[i];
        if (m->kind == 'm' && m->property && !m->refines &&
            strcmp(m->property, "rendition:layout") == 0) {
            char *value = octavo_check_trimmed(octavo_buf_cstr(&m->text));
            fixed = strcmp(value, "pre-paginated") == 0;
            free(value);
        }
    }
    for (size_t i = 0; i < doc->itemrefs.count; i++) {
        const opf_entry *ref = &doc->itemrefs.items[i];
        unsigned line = ref->line;
        const item *it = ref->idref ? octavo_check_item_by_id(p, ref->idref) : NULL;
        if (!it) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-049", opf, line,
                                     "item id \"%s\" was not found in the manifest",
                                     ref->idref ? ref->idref : "");
            if (doc->epub3_checked && ref->idref) /* (and EPUB 3's schema says it so) */
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, line,
                                         "itemref element idref attribute does not resolve to a "
                                         "manifest item element");
        } else if (!octavo_check_fallback_reaches(p, it, octavo_check_is_content_type)) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-043", opf, line,
                                     "spine item \"%s\" has media type %s, not a content document",
                                     it->id, it->media_type);
        } else if (strncasecmp(it->href, "http:", 5) == 0 ||
                   strncasecmp(it->href, "https:", 6) == 0) {
            /* (a content document is never remote: EPUBCheck 5 says so at
             * its item, and nothing else of it) */
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-006", opf, it->line,
                                     "remote resource \"%s\" is not allowed in the spine; it must "
                                     "be in the book",
                                     it->href);
        } else if (it->file) {
            if (it->file->in_spine)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-034", opf, line,
                                         "the spine refers to \"%s\" more than once", it->id);
            else
                it->file->spine_position = (unsigned)i + 1;
            it->file->in_spine = true;
            it->file->nonlinear = ref->linear && strcmp(ref->linear, "no") == 0;
            const char *props = ref->properties;
            entry *shown = shown_page(p, it);
            if (shown)
                shown->fixed_layout =
                    props && octavo_check_has_token(props, "rendition:layout-pre-paginated") ? true
                    : props && octavo_check_has_token(props, "rendition:layout-reflowable")  ? false
                                                                                            : fixed;
            if (!it->file->nonlinear) {
                linear++;
                *reading = octavo_xgrow(*reading, &cap, *reading_count + 1, sizeof **reading);
                (*reading)[(*reading_count)++] = it->file;
            }
        }
    }
    if (!linear && (doc->itemrefs.count || !doc->epub3_checked))
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-033", opf, doc->spine_line,
                                 "the spine contains no linear content document");
}

void octavo_check_package_links(checker *ck, const char *opf, const package_doc *doc)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < doc->metadata_links.count; i++) {
        const opf_entry *link = &doc->metadata_links.items[i];
        const entry *e;
        if (link->href && !octavo_url_has_scheme(link->href) &&
            octavo_check_container_url(ck, opf, 0, opf, link->href, &path) &&
            (e = octavo_check_find_entry_n(ck, path.data ? path.data : "", path.len)) && e->item &&
            !e->in_spine)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-067", opf, link->line,
                                     "the resource \"%s\" must not be both a link of the "
                                     "package's metadata and a manifest item",
                                     e->name);
    }
    octavo_buf_free(&path);
    if (doc->epub3_checked)
        octavo_check_collection_links(ck, opf, doc->collections);
}

/* Files that operating systems and archivers leave in folders, which
 * epubcheck does not count as unlisted. */
static bool is_system_file(const char *name)
{
    static const char *const names[] = {".DS_Store", "Thumbs.db", "desktop.ini", "ehthumbs.db"};
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (strncmp(name, "__MACOSX/", 9) == 0 || strncmp(base, "._", 2) == 0)
        return true;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(base, names[i]) == 0)
            return true;
    return false;
}

void octavo_check_unlisted(checker *ck, const char *opf, const package_doc *doc)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < doc->link_count; i++) {
        const char *href = doc->links[i];
        entry *e;
        if (!octavo_url_has_scheme(href) &&
            octavo_check_container_url(ck, opf, 0, opf, href, &path) &&
            (e = octavo_check_find_entry_n(ck, path.data ? path.data : "", path.len)))
            e->package_link = true;
    }
    octavo_buf_free(&path);
    for (size_t i = 0; i < ck->entry_count; i++) {
        const entry *e = &ck->entries[i];
        size_t len = strlen(e->name);
        /* (an entry of an earlier one's name, or its name in NFC, is that
         * file again: OPF-060 says so) */
        if (octavo_check_find_entry(ck, e->name) != e)
            continue;
        if (!e->media_type && !e->package_link && strcmp(e->name, "mimetype") != 0 &&
            strncmp(e->name, "META-INF/", 9) != 0 && strcmp(e->name, opf) != 0 &&
            !(len && e->name[len - 1] == '/') && !is_system_file(e->name))
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "OPF-003", e->name, 0,
                                     "the file is in the book but not declared in the manifest");
    }
}
