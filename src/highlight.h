/* highlight.h — syntax highlighting of code blocks by their language,
 * with GNU Source-highlight's language definitions (a C++ library; this
 * is its C face, src/highlight.cc).
 *
 * The library only says which piece of the code is what ("keyword",
 * "comment"); the pieces, concatenated, are the code byte for byte, or
 * nothing is highlighted. octavo writes the markup itself. */
#ifndef OCTAVO_HIGHLIGHT_H
#define OCTAVO_HIGHLIGHT_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Code larger than this is shown plain: highlighting is a reading aid,
 * not worth a slow build (a line longer than OCTAVO_HIGHLIGHT_MAX_LINE
 * too: the library's regular expressions grow costly on one). */
#define OCTAVO_HIGHLIGHT_MAX_BYTES (64 * 1024)
#define OCTAVO_HIGHLIGHT_MAX_LINE  2000

/* A highlighter: the language definitions it has read, once for each
 * thread that uses it (it may be shared by a build's threads). */
typedef struct octavo_highlighter octavo_highlighter;

octavo_highlighter *octavo_highlighter_new(void);
void octavo_highlighter_free(octavo_highlighter *h); /* NULL is fine */

/* Called for each piece of the code in order: `kind` is what it is
 * ("keyword", "type", "string", "comment", "number", "preproc",
 * "function"), or NULL for the rest. */
typedef void (*octavo_highlight_piece)(void *ctx, const char *kind, const char *text, size_t len);

/* Highlights `code` as `language` (a fence's first word: "c", "rust",
 * "sh"), calling `piece` for all of it, and returns true; returns false,
 * without calling it, when the language is unknown, the code too large,
 * or the library failed (said as an INFO at file:line in `d`): the code
 * is then to be shown plain. */
bool octavo_highlight(octavo_highlighter *h, const char *language, const char *code,
                      octavo_highlight_piece piece, void *ctx, const char *file, unsigned line,
                      octavo_diags *d);

#ifdef __cplusplus
}
#endif

#endif
