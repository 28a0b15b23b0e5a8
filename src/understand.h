/* understand.h — from a source text to chapters of the book model.
 *
 * The stage's orchestration: reads the YAML front matter (frontmatter.h),
 * decides whether the text is Markdown or plain text (by its content, not
 * its extension), builds the chapter body as a cmark-gfm tree (Markdown
 * here, plain text by plain.h, a novel in one file by novel.h), completes
 * the chapter (title, byline, sections: finish.h) and cuts large ones
 * into pieces (pieces.h). */
#ifndef OCTAVO_UNDERSTAND_H
#define OCTAVO_UNDERSTAND_H

#include "diag.h"
#include "document.h"
#include "novel.h"
#include "pieces.h"
#include "source.h"

/* How to read a source: decide from its content, or as told (--format). */
typedef enum octavo_format_choice {
    OCTAVO_FORMAT_AUTO,
    OCTAVO_FORMAT_FORCE_MARKDOWN,
    OCTAVO_FORMAT_FORCE_PLAIN,
} octavo_format_choice;

/* Understands `source` and appends what it holds to `book`: one chapter,
 * or, for a plain-text file with chapter markers ("第一章 …", "Chapter 2"),
 * one chapter per marker (text before the first is a preface chapter) and
 * one part per volume marker ("第一卷 …"). A chapter whose page would be
 * larger than OCTAVO_PIECE_BYTES is cut into pieces (chapters with
 * `piece` set) between its top-level blocks, before a heading where one
 * comes late enough; a chapter with footnotes is not cut, as its notes
 * are at its end. Each chapter's links, images and raw-HTML ids are
 * listed (octavo_find_references). Malformed front matter is an error
 * "file:line:col: message"; whatever was appended is freed with the book
 * either way. */
octavo_status octavo_understand(const octavo_source *source, octavo_format_choice format,
                                octavo_book *book, octavo_diags *d);

/* octavo_understand, and for a novel in one file (and only then) its plan
 * in *plan (else NULL; `plan` may be NULL). With `forget`, the trees of
 * each slice are freed as soon as it is understood (what was found in
 * them stays), to be made again with octavo_understand_again. */
octavo_status octavo_understand_novel(const octavo_source *source, octavo_format_choice format,
                                      octavo_book *book, bool forget, octavo_novel_plan **plan,
                                      octavo_diags *d);

/* Sets up what octavo_understand shares between calls (cmark-gfm's
 * extensions): call it once before understanding sources on several
 * threads at a time, each into a book of its own. */
void octavo_understand_prepare(void);

/* Decides Markdown or plain text for `text` (front matter removed). Sets
 * *why to a short static explanation for --verbose. */
octavo_format octavo_detect_format(const char *text, size_t len, const char **why);

#endif
