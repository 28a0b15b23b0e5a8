/* include.h — mdBook's {{#include}} directives, expanded in a Markdown
 * file's text before it is understood, as mdBook's preprocessor does:
 *
 *   {{#include file}}            the whole file
 *   {{#include file:2:10}}       lines 2 to 10 (file:2 only line 2,
 *                                file:2: from line 2, file::10 to line 10)
 *   {{#include file:name}}       the lines between "ANCHOR: name" and
 *                                "ANCHOR_END: name"
 *   {{#rustdoc_include ...}}     the same; lines hidden in Rust examples
 *                                ("# " first) are left out
 *   {{#title Text}}              the chapter's title when it has no
 *                                "# " heading
 *   \{{#include file}}           the directive itself, as text
 *
 * Lines with ANCHOR:/ANCHOR_END: markers are removed from included text.
 * Included files are read inside the book's folder only (as pictures
 * are), nest at most OCTAVO_INCLUDE_MAX_DEPTH deep, never include
 * themselves, and add at most OCTAVO_INCLUDE_MAX_BYTES to a chapter.
 * What cannot be included is a warning "file:line: cannot include X:
 * why", and its directive stays as it was written. */
#ifndef OCTAVO_INCLUDE_H
#define OCTAVO_INCLUDE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define OCTAVO_INCLUDE_MAX_DEPTH 10
#define OCTAVO_INCLUDE_MAX_BYTES (16u << 20)

/* Which line of the chapter as written each line of its expanded text
 * comes from, so that messages about the expanded text name the line the
 * writer sees: lines first..last of the expanded text are the chapter's
 * line `line` (a directive, what it included and the rest of its line);
 * later lines keep their distance from the span before them. */
typedef struct octavo_include_span {
    unsigned first, last, line;
} octavo_include_span;
typedef struct octavo_include_map {
    octavo_include_span *spans; /* in order */
    size_t count, cap;
} octavo_include_map;

/* The line of the chapter as written for `line` of its expanded text. */
unsigned octavo_include_map_original(const octavo_include_map *map, unsigned line);
void octavo_include_map_free(octavo_include_map *map);

/* Whether `text` holds anything to expand (a quick test first). */
bool octavo_include_wanted(const char *text, size_t len);

/* Expands the directives in `text` (UTF-8), the file `path` whose files
 * lie inside the resolved folder `root`. Returns the new text (malloc'ed,
 * NUL-terminated, the caller's) and its length in *out_len; `map` (empty
 * before) gets where its lines come from. The warnings about `path`
 * itself are at lines of the expanded text, as later stages' are. */
char *octavo_include_expand(const char *path, const char *root, const char *text, size_t len,
                            size_t *out_len, octavo_include_map *map, octavo_diags *d);

#endif
