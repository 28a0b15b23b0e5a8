/* sanitize.h — raw HTML from sources, made safe.
 *
 * Markdown allows raw HTML; a source folder is untrusted. The HTML is
 * parsed with libxml2's HTML parser (which repairs unclosed and misnested
 * tags and knows HTML's entities, such as &nbsp;) and rebuilt into the
 * XHTML tree from an allowlist of elements and attributes. Everything
 * else is dropped, and each kind of thing dropped is reported once per
 * call as a warning at the given file and line. No script, event handler,
 * style, form, frame or dangerous URL survives. */
#ifndef OCTAVO_SANITIZE_H
#define OCTAVO_SANITIZE_H

#include "octavo/diag.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* Appends the allowed content of the HTML fragment `html` to `parent`.
 * With `phrasing_only` (parent is a paragraph or heading, and `html` is
 * cmark's rendering of it: "<p>…</p>"), only phrasing elements are copied;
 * the paragraph itself and any block element are unwrapped to their text. */
void octavo_sanitize_html(const char *html, size_t len, bool phrasing_only, xmlNodePtr parent,
                          const char *file, unsigned line, octavo_diags *d);

/* True when a URL starts with a scheme ("https:", "javascript:", "C:"),
 * i.e. it is not a path relative to the source. */
bool octavo_url_has_scheme(const char *url);

/* True for a link target that may leave the book: http, https, mailto. */
bool octavo_url_is_external(const char *url);

#endif
