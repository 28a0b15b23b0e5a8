#include "octavo/nav.h"

#include "octavo/buf.h"
#include "octavo/mem.h"
#include "octavo/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *octavo_contents_label(const char *lang)
{
    if (strncmp(lang, "zh-Hant", 7) == 0 || strcmp(lang, "zh-TW") == 0 ||
        strcmp(lang, "zh-HK") == 0 || strcmp(lang, "zh-MO") == 0)
        return "目錄";
    if (strncmp(lang, "zh", 2) == 0)
        return "目录";
    if (strncmp(lang, "ja", 2) == 0)
        return "目次";
    if (strncmp(lang, "ko", 2) == 0)
        return "차례";
    return "Contents";
}

/* One line of the toc, flattened: nesting is given by `level`. */
typedef struct toc_entry {
    int level; /* 1 for a chapter, its section's level otherwise */
    const char *title;
    char *href;
    bool owned_title; /* made for the toc: free it with the entry */
} toc_entry;

typedef struct toc {
    toc_entry *items;
    size_t count, cap;
} toc;

static void toc_add(toc *t, int level, const char *title, char *href)
{
    t->items = octavo_xgrow(t->items, &t->cap, t->count + 1, sizeof *t->items);
    t->items[t->count++] = (toc_entry){level, title, href, false};
}

static toc toc_build(const octavo_book *book, int depth)
{
    toc t = {0};
    for (size_t i = 0; i < book->chapter_count; i++) {
        const octavo_chapter *c = &book->chapters[i];
        /* Chapters of a part nest under it, their sections one deeper. */
        const octavo_part *p = octavo_part_opening_at(book, i);
        if (p)
            toc_add(&t, 1, p->title, octavo_xstrdup(p->file_name));
        int shift = (c->part ? 1 : 0) + c->depth;
        if (!c->piece) {
            toc_add(&t, 1 + shift, c->title, octavo_xstrdup(c->file_name));
        } else if (!c->starts_with_section || c->sections[0].level > depth ||
                   !*c->sections[0].title) {
            /* A piece that no section entry leads to gets one of its own,
             * so that the toc still reaches every page. */
            octavo_buf label = OCTAVO_BUF_INIT;
            octavo_buf_printf(&label, "%s (%zu)", c->title, c->piece + 1);
            toc_add(&t, 2 + shift, octavo_buf_detach(&label), octavo_xstrdup(c->file_name));
            t.items[t.count - 1].owned_title = true;
        }
        for (size_t j = 0; j < c->section_count; j++) {
            const octavo_section *s = &c->sections[j];
            if (s->level > depth || !*s->title)
                continue;
            octavo_buf href = OCTAVO_BUF_INIT;
            octavo_buf_printf(&href, "%s#%s", c->file_name, s->id);
            toc_add(&t, s->level + shift, s->title, octavo_buf_detach(&href));
        }
    }
    return t;
}

static void toc_free(toc *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].href);
        if (t->items[i].owned_title)
            free((char *)t->items[i].title);
    }
    free(t->items);
}

/* Builds nested lists from the flat entries: an entry deeper than the one
 * before opens a list inside that one's item (one list however many levels
 * deeper: a skipped level would make an empty, invalid <li>). An entry
 * shallower than the list it follows but deeper than that list's parent
 * joins that list, so no item ever holds two lists. `open_list` makes a
 * list under an item, `add_item` an item in a list. */
typedef xmlNodePtr (*open_list_fn)(xmlNodePtr parent_item);
typedef xmlNodePtr (*add_item_fn)(xmlNodePtr list, const toc_entry *e, size_t index);

static void toc_nest(const toc *t, xmlNodePtr root_list, open_list_fn open_list,
                     add_item_fn add_item)
{
    struct level_frame {
        int level;
        xmlNodePtr list, last_item;
    } stack[9];
    size_t depth = 0;
    stack[0] = (struct level_frame){1, root_list, NULL};
    for (size_t i = 0; i < t->count; i++) {
        const toc_entry *e = &t->items[i];
        xmlNodePtr popped = NULL;
        while (depth > 0 && stack[depth].level > e->level)
            popped = stack[depth--].list;
        if (e->level > stack[depth].level && stack[depth].last_item && depth + 1 < 9) {
            xmlNodePtr list = popped ? popped : open_list(stack[depth].last_item);
            depth++;
            stack[depth] = (struct level_frame){e->level, list, NULL};
        }
        stack[depth].last_item = add_item(stack[depth].list, e, i);
    }
}

static xmlNodePtr nav_open_list(xmlNodePtr item)
{
    return octavo_xhtml_add(item, "ol", NULL);
}

static xmlNodePtr nav_add_item(xmlNodePtr list, const toc_entry *e, size_t index)
{
    (void)index;
    xmlNodePtr li = octavo_xhtml_add(list, "li", NULL);
    xmlNodePtr a = octavo_xhtml_add(li, "a", e->title);
    xmlNewProp(a, BAD_CAST "href", BAD_CAST e->href);
    return li;
}

void octavo_render_nav(const octavo_book *book, int toc_depth, bool toc_page, char **out,
                       size_t *len)
{
    const char *lang = book->languages.items[0];
    const char *label = octavo_contents_label(lang);
    xmlNodePtr body;
    xmlDocPtr doc = octavo_xhtml_new(lang, label, "styles/book.css", &body);

    xmlNodePtr nav = octavo_xhtml_add(body, "nav", NULL);
    octavo_xhtml_set_epub_type(nav, "toc", NULL);
    xmlNewProp(nav, BAD_CAST "role", BAD_CAST "doc-toc");
    xmlNewProp(nav, BAD_CAST "id", BAD_CAST "toc");
    xmlNewProp(nav, BAD_CAST "aria-labelledby", BAD_CAST "toc-title");
    xmlSetProp(octavo_xhtml_add(nav, "h1", label), BAD_CAST "id", BAD_CAST "toc-title");
    toc t = toc_build(book, toc_depth);
    toc_nest(&t, octavo_xhtml_add(nav, "ol", NULL), nav_open_list, nav_add_item);
    toc_free(&t);

    xmlNodePtr marks = octavo_xhtml_add(body, "nav", NULL);
    octavo_xhtml_set_epub_type(marks, "landmarks", NULL);
    xmlNewProp(marks, BAD_CAST "id", BAD_CAST "landmarks");
    xmlNewProp(marks, BAD_CAST "hidden", BAD_CAST "hidden");
    xmlNewProp(marks, BAD_CAST "aria-label", BAD_CAST "Landmarks");
    xmlNodePtr ol = octavo_xhtml_add(marks, "ol", NULL);
    xmlNodePtr a;
    if (book->cover) {
        a = octavo_xhtml_add(octavo_xhtml_add(ol, "li", NULL), "a", book->title);
        octavo_xhtml_set_epub_type(a, "cover", NULL);
        xmlNewProp(a, BAD_CAST "href", BAD_CAST "text/cover.xhtml");
    }
    a = octavo_xhtml_add(octavo_xhtml_add(ol, "li", NULL), "a", book->title);
    octavo_xhtml_set_epub_type(a, "titlepage", NULL);
    xmlNewProp(a, BAD_CAST "href", BAD_CAST "text/titlepage.xhtml");
    if (toc_page) { /* landmarks may only lead into the spine */
        a = octavo_xhtml_add(octavo_xhtml_add(ol, "li", NULL), "a", label);
        octavo_xhtml_set_epub_type(a, "toc", NULL);
        xmlNewProp(a, BAD_CAST "href", BAD_CAST "nav.xhtml#toc");
    }
    if (book->chapter_count) {
        a = octavo_xhtml_add(octavo_xhtml_add(ol, "li", NULL), "a", book->chapters[0].title);
        octavo_xhtml_set_epub_type(a, "bodymatter", NULL);
        xmlNewProp(a, BAD_CAST "href", BAD_CAST book->chapters[0].file_name);
    }
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}

#define NS_NCX "http://www.daisy.org/z3986/2005/ncx/"

static xmlNodePtr ncx_add(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr node = xmlNewDocNode(parent->doc, parent->ns, BAD_CAST name, NULL);
    xmlAddChild(parent, node);
    if (text)
        xmlNodeAddContent(node, BAD_CAST text);
    return node;
}

static xmlNodePtr ncx_open_list(xmlNodePtr item)
{
    return item; /* navPoints nest directly in their parent navPoint */
}

static xmlNodePtr ncx_add_item(xmlNodePtr list, const toc_entry *e, size_t index)
{
    char id[32], order[24];
    snprintf(id, sizeof id, "np-%zu", index + 1);
    snprintf(order, sizeof order, "%zu", index + 1);
    xmlNodePtr point = ncx_add(list, "navPoint", NULL);
    xmlNewProp(point, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(point, BAD_CAST "playOrder", BAD_CAST order);
    ncx_add(ncx_add(point, "navLabel", NULL), "text", e->title);
    xmlNewProp(ncx_add(point, "content", NULL), BAD_CAST "src", BAD_CAST e->href);
    return point;
}

static void ncx_meta(xmlNodePtr head, const char *name, const char *content)
{
    xmlNodePtr meta = ncx_add(head, "meta", NULL);
    xmlNewProp(meta, BAD_CAST "name", BAD_CAST name);
    xmlNewProp(meta, BAD_CAST "content", BAD_CAST content);
}

void octavo_render_ncx(const octavo_book *book, int toc_depth, char **out, size_t *len)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "ncx", NULL);
    xmlSetNs(root, xmlNewNs(root, BAD_CAST NS_NCX, NULL));
    xmlNewProp(root, BAD_CAST "version", BAD_CAST "2005-1");
    xmlNodeSetLang(root, BAD_CAST book->languages.items[0]);
    xmlDocSetRootElement(doc, root);

    toc t = toc_build(book, toc_depth);
    int deepest = 1;
    for (size_t i = 0; i < t.count; i++)
        if (t.items[i].level > deepest)
            deepest = t.items[i].level;
    char depth[16];
    snprintf(depth, sizeof depth, "%d", deepest);
    xmlNodePtr head = ncx_add(root, "head", NULL);
    ncx_meta(head, "dtb:uid", book->identifier);
    ncx_meta(head, "dtb:depth", depth);
    ncx_meta(head, "dtb:totalPageCount", "0");
    ncx_meta(head, "dtb:maxPageNumber", "0");
    ncx_add(ncx_add(root, "docTitle", NULL), "text", book->title);
    toc_nest(&t, ncx_add(root, "navMap", NULL), ncx_open_list, ncx_add_item);
    toc_free(&t);
    octavo_xml_serialise(doc, out, len);
    xmlFreeDoc(doc);
}
