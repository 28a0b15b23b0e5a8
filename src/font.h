/* font.h — a font embedded in the book, subset to the characters the
 * book uses (HarfBuzz's subsetter), so a 20 MB CJK font adds a few
 * hundred kilobytes.
 *
 * TrueType and OpenType fonts, and collections (.ttc) with a face index:
 * "NotoSerifCJK-Regular.ttc:2". */
#ifndef OCTAVO_FONT_H
#define OCTAVO_FONT_H

#include "buf.h"
#include "diag.h"

#include <stddef.h>

typedef struct octavo_font octavo_font;

/* Opens the font `spec` ("FILE" or "FILE:INDEX"), which must lie inside
 * the folder `root` unless that is NULL. Problems (no such file, outside
 * the folder, not a font, no such face) are errors naming `named_in`. */
octavo_status octavo_font_open(const char *spec, const char *root, const char *named_in,
                               octavo_font **out, octavo_diags *d);

/* Where the font goes in the package ("fonts/body.otf") and its media type. */
const char *octavo_font_path(const octavo_font *font);
const char *octavo_font_media_type(const octavo_font *font);

/* The @font-face rule and the body's font-family, for the stylesheet
 * (which lives in styles/). */
void octavo_font_css(const octavo_font *font, octavo_buf *out);

/* Notes the characters of `utf8` as used by the book. */
void octavo_font_use_text(octavo_font *font, const char *utf8, size_t len);

/* The font with only the glyphs of the characters used (malloc'ed). */
octavo_status octavo_font_subset(const octavo_font *font, char **data, size_t *len,
                                 octavo_diags *d);

void octavo_font_free(octavo_font *font);

#endif
