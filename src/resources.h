/* resources.h — the images a book shows, brought in from its source
 * folder.
 *
 * Every Markdown image is resolved against its chapter's file: only a
 * local file inside the source folder (after resolving symbolic links) is
 * read; remote, absolute, file: and outside paths are never read. The
 * type comes from the bytes, not the name (PNG, JPEG, GIF, WebP, SVG);
 * SVG is rebuilt from an allowlist of drawing elements and attributes, so
 * nothing in it can run or reach outside the book (the pictures it takes
 * from files beside it are written into it); the same picture is
 * stored once. Anything not embedded is a warning with file
 * and line, and its description stays visible in the text. */
#ifndef OCTAVO_RESOURCES_H
#define OCTAVO_RESOURCES_H

#include "diag.h"
#include "document.h"

/* Larger images are left out (with a warning). */
#define OCTAVO_IMAGE_MAX_BYTES ((size_t)32 * 1024 * 1024)

/* Resolves and reads every image of every chapter into book->images and
 * sets each image reference's image_index (see octavo_markdown_ref).
 * Only warnings: a missing image never stops a book. */
void octavo_collect_images(octavo_book *book, octavo_diags *d);

/* Makes the image at `path` the book's cover (book->cover). With `root`,
 * it must lie inside that folder (a cover named in book.yaml). Problems are
 * errors naming `named_in` (the option or file that named the cover). */
octavo_status octavo_add_cover(octavo_book *book, const char *path, const char *root,
                               const char *named_in, octavo_diags *d);

/* Makes a typographic cover (SVG: title, subtitle, authors) the book's
 * cover, so it never shows a blank thumbnail. Needs title and authors
 * (arrange first). */
void octavo_make_cover(octavo_book *book);

/* Cleans an SVG picture as every SVG image is cleaned: rebuilt from SVG
 * 1.1's drawing elements and attributes, entities expanded only when all
 * are declared inside it, style through the CSS judge (css.h). Replaces
 * `*data` (a malloc'd block of `*len` bytes) and returns NULL, or returns
 * why it cannot be shown (`*data` unchanged). `*dropped` counts what was
 * left out that could run, reach outside or is not SVG 1.1. */
const char *octavo_svg_clean(char **data, size_t *len, size_t *dropped);

/* The media type of an image from its first bytes, or NULL. */
const char *octavo_image_type(const char *data, size_t len);

#endif
