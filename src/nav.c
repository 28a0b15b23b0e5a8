#include "nav.h"

#include "buf.h"
#include "mem.h"
#include "render.h"

#include <libxml/xmlwriter.h>

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

/* The documents are written as a stream (libxml2's xmlTextWriter, which
 * also escapes), not built as trees: a 10,000-chapter book's toc has some
 * 70,000 entries, and its trees took ~100 MB. */
typedef struct toc_writer {
    xmlTextWriterPtr w;
    bool nav; /* nav.xhtml (<ol>/<li>), else the NCX (nested <navPoint>s) */
} toc_writer;

static void open_list(toc_writer *tw)
{
    if (tw->nav)
        xmlTextWriterStartElement(tw->w, BAD_CAST "ol");
    /* (navPoints nest directly in their parent navPoint) */
}

static void close_list(toc_writer *tw)
{
    if (tw->nav)
        xmlTextWriterEndElement(tw->w);
}

static void open_item(toc_writer *tw, const toc_entry *e, size_t index, bool top)
{
    xmlTextWriterPtr w = tw->w;
    if (tw->nav) {
        /* One line per chapter: indenting inside an item would put spaces
         * into its text. */
        xmlTextWriterSetIndent(w, top);
        xmlTextWriterStartElement(w, BAD_CAST "li");
        xmlTextWriterSetIndent(w, 0);
        xmlTextWriterStartElement(w, BAD_CAST "a");
        xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST e->href);
        xmlTextWriterWriteString(w, BAD_CAST e->title);
        xmlTextWriterEndElement(w);
        return;
    }
    char id[32], order[24];
    snprintf(id, sizeof id, "np-%zu", index + 1);
    snprintf(order, sizeof order, "%zu", index + 1);
    xmlTextWriterStartElement(w, BAD_CAST "navPoint");
    xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id);
    xmlTextWriterWriteAttribute(w, BAD_CAST "playOrder", BAD_CAST order);
    xmlTextWriterStartElement(w, BAD_CAST "navLabel");
    xmlTextWriterWriteElement(w, BAD_CAST "text", BAD_CAST e->title);
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, BAD_CAST "content");
    xmlTextWriterWriteAttribute(w, BAD_CAST "src", BAD_CAST e->href);
    xmlTextWriterEndElement(w);
}

static void close_item(toc_writer *tw, bool top)
{
    xmlTextWriterEndElement(tw->w);
    if (tw->nav && top) {
        xmlTextWriterWriteRaw(tw->w, BAD_CAST "\n"); /* a line per chapter */
        xmlTextWriterSetIndent(tw->w, 1);
    }
}

/* Writes nested lists from the flat entries: an entry deeper than the one
 * before opens a list inside that one's item (one list however many levels
 * deeper: a skipped level would make an empty, invalid <li>). An entry
 * shallower than the list it follows but deeper than that list's parent
 * joins that list, so no item ever holds two lists. The first list is
 * open already. */
static void toc_nest(const toc *t, toc_writer *tw)
{
    struct level_frame {
        int level;
        bool item_open;
    } stack[9];
    size_t depth = 0;
    stack[0] = (struct level_frame){1, false};
    for (size_t i = 0; i < t->count; i++) {
        const toc_entry *e = &t->items[i];
        while (depth > 0 && stack[depth].level > e->level) {
            if (stack[depth - 1].level < e->level) {
                stack[depth].level = e->level; /* joins this list */
                break;
            }
            if (stack[depth].item_open)
                close_item(tw, false);
            close_list(tw);
            depth--;
        }
        if (e->level > stack[depth].level && stack[depth].item_open && depth + 1 < 9) {
            open_list(tw);
            stack[++depth] = (struct level_frame){e->level, false};
        } else if (stack[depth].item_open) {
            close_item(tw, depth == 0);
        }
        open_item(tw, e, i, depth == 0);
        stack[depth].item_open = true;
    }
    for (;; depth--) {
        if (stack[depth].item_open)
            close_item(tw, depth == 0);
        if (depth == 0)
            break;
        close_list(tw);
    }
}

static void write_landmark(xmlTextWriterPtr w, const char *type, const char *href,
                           const char *title)
{
    xmlTextWriterStartElement(w, BAD_CAST "li");
    xmlTextWriterSetIndent(w, 0);
    xmlTextWriterStartElement(w, BAD_CAST "a");
    octavo_xml_attribute(w, "epub:type", type);
    octavo_xml_attribute(w, "href", href);
    xmlTextWriterWriteString(w, BAD_CAST title);
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w);
    xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    xmlTextWriterSetIndent(w, 1);
}

void octavo_render_nav(const octavo_book *book, int toc_depth, bool toc_page, char **out,
                       size_t *len)
{
    const char *lang = book->languages.items[0];
    const char *label = octavo_contents_label(lang);
    octavo_buf buf = OCTAVO_BUF_INIT;
    xmlTextWriterPtr w = octavo_xml_writer_start(&buf);
    xmlTextWriterWriteDTD(w, BAD_CAST "html", NULL, NULL, NULL);
    xmlTextWriterStartElement(w, BAD_CAST "html");
    octavo_xml_attribute(w, "xmlns", OCTAVO_NS_XHTML);
    octavo_xml_attribute(w, "xmlns:epub", OCTAVO_NS_EPUB);
    octavo_xml_attribute(w, "xml:lang", lang);
    octavo_xml_attribute(w, "lang", lang);
    xmlTextWriterStartElement(w, BAD_CAST "head");
    xmlTextWriterStartElement(w, BAD_CAST "meta");
    octavo_xml_attribute(w, "charset", "utf-8");
    xmlTextWriterEndElement(w);
    xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST label);
    xmlTextWriterStartElement(w, BAD_CAST "link");
    octavo_xml_attribute(w, "rel", "stylesheet");
    octavo_xml_attribute(w, "type", "text/css");
    octavo_xml_attribute(w, "href", "styles/book.css");
    xmlTextWriterEndElement(w);
    xmlTextWriterEndElement(w); /* head */
    xmlTextWriterStartElement(w, BAD_CAST "body");

    xmlTextWriterStartElement(w, BAD_CAST "nav");
    octavo_xml_attribute(w, "epub:type", "toc");
    octavo_xml_attribute(w, "role", "doc-toc");
    octavo_xml_attribute(w, "id", "toc");
    octavo_xml_attribute(w, "aria-labelledby", "toc-title");
    xmlTextWriterStartElement(w, BAD_CAST "h1");
    octavo_xml_attribute(w, "id", "toc-title");
    xmlTextWriterWriteString(w, BAD_CAST label);
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, BAD_CAST "ol");
    toc t = toc_build(book, toc_depth);
    toc_writer tw = {w, true};
    toc_nest(&t, &tw);
    toc_free(&t);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterEndElement(w); /* ol */
    xmlTextWriterEndElement(w); /* nav */

    xmlTextWriterStartElement(w, BAD_CAST "nav");
    octavo_xml_attribute(w, "epub:type", "landmarks");
    octavo_xml_attribute(w, "id", "landmarks");
    octavo_xml_attribute(w, "hidden", "hidden");
    octavo_xml_attribute(w, "aria-label", "Landmarks");
    xmlTextWriterStartElement(w, BAD_CAST "ol");
    if (book->cover)
        write_landmark(w, "cover", "text/cover.xhtml", book->title);
    write_landmark(w, "titlepage", "text/titlepage.xhtml", book->title);
    if (toc_page) /* landmarks may only lead into the spine */
        write_landmark(w, "toc", "nav.xhtml#toc", label);
    if (book->chapter_count)
        write_landmark(w, "bodymatter", book->chapters[0].file_name, book->chapters[0].title);
    xmlTextWriterEndElement(w); /* ol */
    xmlTextWriterEndElement(w); /* nav */
    xmlTextWriterEndElement(w); /* body */
    xmlTextWriterEndElement(w); /* html */
    octavo_xml_writer_finish(w, &buf, out, len);
}

#define NS_NCX "http://www.daisy.org/z3986/2005/ncx/"

static void ncx_meta(xmlTextWriterPtr w, const char *name, const char *content)
{
    xmlTextWriterStartElement(w, BAD_CAST "meta");
    octavo_xml_attribute(w, "name", name);
    octavo_xml_attribute(w, "content", content);
    xmlTextWriterEndElement(w);
}

void octavo_render_ncx(const octavo_book *book, int toc_depth, char **out, size_t *len)
{
    toc t = toc_build(book, toc_depth);
    int deepest = 1;
    for (size_t i = 0; i < t.count; i++)
        if (t.items[i].level > deepest)
            deepest = t.items[i].level;
    char depth[16];
    snprintf(depth, sizeof depth, "%d", deepest);
    octavo_buf buf = OCTAVO_BUF_INIT;
    xmlTextWriterPtr w = octavo_xml_writer_start(&buf);
    xmlTextWriterStartElement(w, BAD_CAST "ncx");
    octavo_xml_attribute(w, "xmlns", NS_NCX);
    octavo_xml_attribute(w, "version", "2005-1");
    octavo_xml_attribute(w, "xml:lang", book->languages.items[0]);
    xmlTextWriterStartElement(w, BAD_CAST "head");
    ncx_meta(w, "dtb:uid", book->identifier);
    ncx_meta(w, "dtb:depth", depth);
    ncx_meta(w, "dtb:totalPageCount", "0");
    ncx_meta(w, "dtb:maxPageNumber", "0");
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, BAD_CAST "docTitle");
    xmlTextWriterWriteElement(w, BAD_CAST "text", BAD_CAST book->title);
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, BAD_CAST "navMap");
    toc_writer tw = {w, false};
    toc_nest(&t, &tw);
    toc_free(&t);
    xmlTextWriterEndElement(w); /* navMap */
    xmlTextWriterEndElement(w); /* ncx */
    octavo_xml_writer_finish(w, &buf, out, len);
}
