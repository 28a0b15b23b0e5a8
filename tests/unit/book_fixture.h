/* book_fixture.h — makes small books in memory for the unit tests of the
 * later stages, through the real understand and arrange stages. */
#ifndef OCTAVO_BOOK_FIXTURE_H
#define OCTAVO_BOOK_FIXTURE_H

#include "arrange.h"
#include "understand.h"

#include <string.h>

/* Adds a chapter understood from `text` (file `name`) to `book`. */
static inline octavo_status fixture_add(octavo_book *book, const char *name, const char *text,
                                        octavo_diags *d)
{
    octavo_source src = {
        .path = (char *)name, .name = (char *)name, .text = (char *)text, .len = strlen(text)};
    return octavo_understand(&src, OCTAVO_FORMAT_AUTO, book, d);
}

static inline octavo_status fixture_arrange(octavo_book *book, octavo_diags *d)
{
    octavo_arrange_options opts = {.fallback_title = "folder", .modified = 1700000000};
    return octavo_arrange(book, &opts, d);
}

#endif
