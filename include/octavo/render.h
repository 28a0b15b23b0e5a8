/* render.h — XHTML content documents from the book model, built with
 * libxml2's tree API so every file is well-formed XML by construction. */
#ifndef OCTAVO_RENDER_H
#define OCTAVO_RENDER_H

#include "octavo/buf.h"
#include "octavo/diag.h"
#include "octavo/document.h"

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>

#define OCTAVO_NS_XHTML "http://www.w3.org/1999/xhtml"
#define OCTAVO_NS_EPUB  "http://www.idpf.org/2007/ops"

/* A new XHTML document with <html xml:lang lang>, a <head> holding the
 * <title> and a link to `css_href` (may be NULL), and an empty <body>,
 * returned in *body. Free with xmlFreeDoc. */
xmlDocPtr octavo_xhtml_new(const char *lang, const char *title, const char *css_href,
                           xmlNodePtr *body);

/* Adds an element `name` in the XHTML namespace as the last child of
 * `parent`, with optional text content (escaped), and returns it. */
xmlNodePtr octavo_xhtml_add(xmlNodePtr parent, const char *name, const char *text);

/* Sets epub:type="type" on an element of an XHTML document made with
 * octavo_xhtml_new, and its matching ARIA role when there is one (NULL:
 * none), as accessibility checkers expect them in pairs. */
void octavo_xhtml_set_epub_type(xmlNodePtr node, const char *type, const char *role);

/* An output for libxml2's writers that appends to `into` (the caller's),
 * so that a large file is never copied out of libxml2's own buffer.
 * Whoever it is given to (xmlNewTextWriter, xmlSaveFormatFileTo) closes
 * it. */
xmlOutputBufferPtr octavo_xml_output(octavo_buf *into);

/* A writer of indented UTF-8 XML, declaration written, into `into`: for
 * files too large to be built as trees first (contents, NCX, package
 * document). octavo_xml_writer_finish ends it and hands over the text
 * (*out malloc'ed, the caller's), leaving `into` empty. */
xmlTextWriterPtr octavo_xml_writer_start(octavo_buf *into);
void octavo_xml_attribute(xmlTextWriterPtr w, const char *name, const char *value);
void octavo_xml_writer_finish(xmlTextWriterPtr w, octavo_buf *into, char **out, size_t *len);

/* Serialises `doc` as UTF-8 XML with a declaration. *out is malloc'ed and
 * owned by the caller. */
void octavo_xml_serialise(xmlDocPtr doc, char **out, size_t *len);

typedef struct octavo_render_options {
    /* An image alone in a paragraph is a <figure>; with captions its title
     * (or else its description) becomes the <figcaption>. */
    bool captions;
    /* Vertical writing: numbers of one or two digits stand upright in one
     * character cell (<span class="tcy">, tate-chū-yoko). */
    bool vertical;
} octavo_render_options;

/* Which line of its source each line of a rendered page came from, so
 * that what a validator says of the page can be said of the source. */
typedef struct octavo_line_map {
    unsigned *output, *source; /* pairs, in increasing output line order */
    size_t count, cap;
} octavo_line_map;

/* The source line that output line `line` belongs to (the nearest block
 * that starts at or before it); 0 when unknown. */
unsigned octavo_line_map_find(const octavo_line_map *map, unsigned line);
void octavo_line_map_free(octavo_line_map *map);

/* The chapter of `book` as an XHTML document: its title as <h1>, its
 * byline, the body, footnotes as pop-up notes, its signature. Raw HTML
 * goes through the sanitizer; links octavo cannot follow are reported as
 * warnings with their source line. *out is malloc'ed and owned by the
 * caller. With `lines` (may be NULL), also maps the page's lines to the
 * source's. */
void octavo_render_chapter(const octavo_book *book, const octavo_chapter *chapter,
                           const octavo_render_options *opts, char **out, size_t *len,
                           octavo_line_map *lines, octavo_diags *d);

/* The page that opens a part: its title, in the book's language. *out
 * is malloc'ed and owned by the caller. */
void octavo_render_part(const octavo_book *book, const octavo_part *part, char **out, size_t *len);

/* text/cover.xhtml: the cover image (book->cover must be set). */
void octavo_render_cover_page(const octavo_book *book, char **out, size_t *len);

/* text/titlepage.xhtml: title, subtitle, authors, publisher and date. */
void octavo_render_title_page(const octavo_book *book, char **out, size_t *len);

#endif
