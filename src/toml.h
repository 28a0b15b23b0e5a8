/* toml.h — the part of TOML an mdBook book.toml is written in.
 *
 * There is no TOML library in octavo's stack, and book.toml comes with an
 * untrusted folder, so this reader is small and strict: tables
 * ([book], [output.html]), dotted and quoted keys, strings (basic,
 * literal, multi-line), booleans, arrays; numbers, dates and inline tables
 * are read past (nothing octavo uses is one). Nesting is bounded. A file
 * that is not TOML is an error "book.toml:line: what is wrong". */
#ifndef OCTAVO_TOML_H
#define OCTAVO_TOML_H

#include "diag.h"
#include "document.h"

#include <stdbool.h>
#include <stddef.h>

#define OCTAVO_TOML_MAX_DEPTH 32

typedef enum octavo_toml_kind {
    OCTAVO_TOML_STRING,
    OCTAVO_TOML_BOOL,
    OCTAVO_TOML_STRINGS, /* an array of strings (an empty array too) */
    OCTAVO_TOML_OTHER,   /* a number, a date, an inline table, a mixed array */
} octavo_toml_kind;

typedef struct octavo_toml_value {
    char *key; /* the full dotted name: "book.title", "output.html.fold.enable" */
    octavo_toml_kind kind;
    char *string;           /* OCTAVO_TOML_STRING: UTF-8 */
    bool boolean;           /* OCTAVO_TOML_BOOL */
    octavo_strings strings; /* OCTAVO_TOML_STRINGS */
    unsigned line;
} octavo_toml_value;

typedef struct octavo_toml {
    octavo_toml_value *values; /* in the order written */
    size_t count, cap;
} octavo_toml;

/* Reads `len` bytes of UTF-8 (from the source stage) named `file` in
 * messages into *out, which the caller frees with octavo_toml_free even
 * on failure. On a syntax error adds "file:line: message" and returns
 * OCTAVO_EINPUT. */
octavo_status octavo_toml_parse(const char *text, size_t len, const char *file, octavo_toml *out,
                                octavo_diags *d);

/* The value of the dotted `key`, or NULL. */
const octavo_toml_value *octavo_toml_get(const octavo_toml *t, const char *key);

void octavo_toml_free(octavo_toml *t);

#endif
