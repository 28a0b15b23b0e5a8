/* style.h — the book's stylesheet: a built-in theme (files in templates/),
 * the rules for vertical writing when asked, and the author's own CSS
 * appended last so that it wins.
 *
 * The author's CSS is judged by css.h: what would reach outside the book
 * (@import, url(...) and the like), what epubcheck rejects (`direction`)
 * and what is not well-formed is dropped whole, with a warning. */
#ifndef OCTAVO_STYLE_H
#define OCTAVO_STYLE_H

#include "buf.h"
#include "diag.h"

#include <stdbool.h>

#define OCTAVO_THEME_DEFAULT "book"

/* Larger stylesheets are refused. */
#define OCTAVO_CSS_MAX_BYTES ((size_t)1024 * 1024)

/* True for a built-in theme's name: "book" (the default: indented serif
 * paragraphs) or "plain" (spaced sans-serif paragraphs). */
bool octavo_theme_exists(const char *name);

/* "book, plain": for messages. */
const char *octavo_theme_list(void);

/* Appends the stylesheet to `out`: theme `theme` (NULL: the default),
 * vertical writing rules, then the CSS file `css_path` (NULL: none).
 * With `root`, the CSS file must lie inside that folder (it was named in
 * book.yaml). Problems name `named_in` ("--css", "book.yaml"). */
octavo_status octavo_make_stylesheet(const char *theme, bool vertical, const char *css_path,
                                     const char *root, const char *named_in, octavo_buf *out,
                                     octavo_diags *d);

#endif
