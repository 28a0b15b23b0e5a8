/* check_zip.h — for the unit tests of octavo check: a book written as a
 * zip of named texts, and octavo check's findings on it. */
#ifndef OCTAVO_TEST_CHECK_ZIP_H
#define OCTAVO_TEST_CHECK_ZIP_H

#include <stddef.h>

/* META-INF/container.xml naming EPUB/package.opf. */
#define CHECK_ZIP_CONTAINER                                                                        \
    "<?xml version=\"1.0\"?>\n"                                                                    \
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"      \
    "<rootfiles><rootfile full-path=\"EPUB/package.opf\" "                                         \
    "media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n"

typedef struct check_zip_file {
    const char *name, *text;
} check_zip_file;

/* Writes the `count` files to the zip `path`, the first stored (the
 * mimetype), the rest deflated, in order (exits when it cannot), checks
 * it, and returns the findings, one "path:line: CODE message" a line
 * (the caller frees them); *errors and *warnings get the counts. */
char *check_zip(const char *path, const check_zip_file *files, size_t count, size_t *errors,
                size_t *warnings);

#endif
