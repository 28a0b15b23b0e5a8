/* understand.h — from a source text to a chapter of the book model.
 *
 * Reads the YAML front matter, decides whether the text is Markdown or
 * plain text (by its content, not its extension), builds the chapter body
 * as a cmark-gfm tree (plain text is turned into paragraphs, headings and
 * lists), finds the chapter title and its sections, and applies Chinese
 * typography: a line break between two CJK characters is not a space. */
#ifndef OCTAVO_UNDERSTAND_H
#define OCTAVO_UNDERSTAND_H

#include "octavo/diag.h"
#include "octavo/document.h"
#include "octavo/source.h"

/* How to read a source: decide from its content, or as told (--format). */
typedef enum octavo_format_choice {
    OCTAVO_FORMAT_AUTO,
    OCTAVO_FORMAT_FORCE_MARKDOWN,
    OCTAVO_FORMAT_FORCE_PLAIN,
} octavo_format_choice;

/* Fills `chapter` (zeroed by the caller, e.g. octavo_book_add_chapter)
 * from `source`. Malformed front matter is an error
 * "file:line:col: message". On error the chapter may be partly filled;
 * octavo_chapter_free releases it either way. */
octavo_status octavo_understand(const octavo_source *source, octavo_format_choice format,
                                octavo_chapter *chapter, octavo_diags *d);

/* Decides Markdown or plain text for `text` (front matter removed). Sets
 * *why to a short static explanation for --verbose. */
octavo_format octavo_detect_format(const char *text, size_t len, const char **why);

/* The text of a node and its descendants, as plain text. Soft and hard
 * line breaks become a space (nothing between CJK characters). Caller
 * frees. */
char *octavo_node_text(cmark_node *node);

#endif
