/* convert.h — Simplified/Traditional Chinese conversion of a whole book
 * with OpenCC (--convert s2t, t2s, s2tw, ...).
 *
 * The text of every chapter (body, titles, sections, bylines, signatures),
 * part titles and the book's metadata are converted; code, raw HTML and
 * URLs are not. Every Chinese language tag then names the new script, so
 * readers pick the right fonts and the contents page its label. Run it
 * after arrange: ids and links were made from the text as written. */
#ifndef OCTAVO_CONVERT_H
#define OCTAVO_CONVERT_H

#include "diag.h"
#include "document.h"

#include <stdbool.h>

/* True for a conversion OpenCC has: s2t, t2s, s2tw, tw2s, s2twp, tw2sp,
 * s2hk, hk2s, t2tw, tw2t, t2hk, hk2t. */
bool octavo_conversion_exists(const char *name);

/* "s2t, t2s, ...": for messages. */
const char *octavo_conversion_list(void);

/* Converts `book` in place. Problems (OpenCC or its data missing) are
 * errors naming `named_in`. */
octavo_status octavo_convert_book(octavo_book *book, const char *conversion, const char *named_in,
                                  octavo_diags *d);

#endif
