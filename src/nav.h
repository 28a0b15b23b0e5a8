/* nav.h — the book's table of contents, as the EPUB 3 navigation document
 * (nav.xhtml, with landmarks) and as the EPUB 2 NCX that older readers and
 * some Kindle paths still read. Both list every chapter and, nested under
 * it, its sections down to `toc_depth`. */
#ifndef OCTAVO_NAV_H
#define OCTAVO_NAV_H

#include "document.h"

#include <stdbool.h>
#include <stddef.h>

/* Levels the toc shows: 1 = chapters only, 2 = chapters and their
 * sections (the default), up to 6. */
#define OCTAVO_TOC_DEPTH_DEFAULT 2

/* The heading of the contents page in the book's language ("目录",
 * "目錄", "Contents", ...). Returns a static string. */
const char *octavo_contents_label(const char *lang);

/* nav.xhtml, which sits next to the chapters' "text/" folder. With
 * toc_page it is also a page of the book (in the spine), and the landmarks
 * point at it. *out is
 * malloc'ed and owned by the caller. */
void octavo_render_nav(const octavo_book *book, int toc_depth, bool toc_page, char **out,
                       size_t *len);

/* toc.ncx. *out is malloc'ed and owned by the caller. */
void octavo_render_ncx(const octavo_book *book, int toc_depth, char **out, size_t *len);

#endif
