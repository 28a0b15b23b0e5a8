/* render.h — XHTML content documents from the book model, built with
 * libxml2's tree API so every file is well-formed XML by construction. */
#ifndef OCTAVO_RENDER_H
#define OCTAVO_RENDER_H

#include "buf.h"
#include "diag.h"
#include "document.h"
#include "highlight.h"
#include "xhtml.h"

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>

typedef struct octavo_render_options {
    /* An image alone in a paragraph is a <figure>; with captions its title
     * (or else its description) becomes the <figcaption>. */
    bool captions;
    /* Vertical writing: numbers of one or two digits stand upright in one
     * character cell (<span class="tcy">, tate-chū-yoko). */
    bool vertical;
    /* Highlights code blocks, shared by the pages of a build (made and
     * freed by its caller); NULL: each page makes its own. */
    octavo_highlighter *highlighter;
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
 * source's. With `tree` (may be NULL), the tree the page was written from
 * is handed over too (the caller frees it with xmlFreeDoc), for the
 * self-check to walk. */
void octavo_render_chapter(const octavo_book *book, const octavo_chapter *chapter,
                           const octavo_render_options *opts, char **out, size_t *len,
                           octavo_line_map *lines, xmlDocPtr *tree, octavo_diags *d);

/* The page that opens a part: its title, in the book's language. *out
 * is malloc'ed and owned by the caller. */
void octavo_render_part(const octavo_book *book, const octavo_part *part, char **out, size_t *len);

/* text/cover.xhtml: the cover image (book->cover must be set). */
void octavo_render_cover_page(const octavo_book *book, char **out, size_t *len);

/* text/titlepage.xhtml: title, subtitle, authors, publisher and date. */
void octavo_render_title_page(const octavo_book *book, char **out, size_t *len);

#endif
