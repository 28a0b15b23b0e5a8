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

#include "diag.h"
#include "document.h"

#include <cmark-gfm.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* What an id, link or image of the HTML becomes (see octavo_html_ref):
 * the sanitizer asks for each one it keeps. NULL: the ref is unknown (the
 * sanitizer then warns as for any link or image it cannot carry). */
typedef const octavo_html_ref *(*octavo_html_lookup)(void *ctx, octavo_html_ref_kind kind,
                                                     const char *written, unsigned line);

/* Appends the allowed content of the HTML fragment `html` to `parent`.
 * With `phrasing_only` (parent is a paragraph or heading, and `html` is
 * cmark's rendering of it: "<p>…</p>"), only phrasing elements are copied;
 * the paragraph itself and any block element are unwrapped to their text.
 * `lookup` (may be NULL) gives what ids, links and images become. */
void octavo_sanitize_html(const char *html, size_t len, bool phrasing_only, xmlNodePtr parent,
                          const char *file, unsigned line, octavo_html_lookup lookup,
                          void *lookup_ctx, octavo_diags *d);

/* Whether a paragraph, heading or table cell holds raw inline HTML: then
 * the whole of it goes through the sanitizer, so the HTML parser can pair
 * tags that cmark sees as separate pieces. */
bool octavo_has_raw_inline_html(cmark_node *n);

/* Whether `n` is rendered through the sanitizer as a whole: an HTML
 * block, or a paragraph, heading or cell with raw inline HTML. Links and
 * images inside it are resolved through the chapter's html_refs, not as
 * Markdown nodes (markdown_refs). */
bool octavo_is_raw_html(cmark_node *n);

/* The last node of the raw HTML that starts at `n`: `n` itself, except
 * for an HTML block that opens a <figure> it does not close, which takes
 * in the blocks after it up to the HTML block that closes it (cmark ends
 * an HTML block at a blank line: a figure and its caption would be
 * apart). */
cmark_node *octavo_raw_html_end(cmark_node *n);

/* Sanitizes the raw HTML of node `n` into `into`: an HTML block as it is
 * (with the blocks up to octavo_raw_html_end, Markdown ones as cmark
 * renders them), or (phrasing_only) a paragraph, heading or cell as cmark
 * renders it. */
void octavo_sanitize_node(cmark_node *n, bool phrasing_only, xmlNodePtr into, const char *file,
                          unsigned line, octavo_html_lookup lookup, void *lookup_ctx,
                          octavo_diags *d);

/* Fills c->html_refs with the ids, links and images the chapter's raw
 * HTML keeps (becomes NULL), by sanitizing it as the renderer will, and
 * c->markdown_refs with its Markdown links and images: one walk of the
 * body (octavo_understand does it). An autolink's backslash escapes
 * ("https://x.org/\_/y") are taken out of its URL and words on the way. */
void octavo_find_references(octavo_chapter *c);

#endif
