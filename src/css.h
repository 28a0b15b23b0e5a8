/* css.h — CSS read as a browser reads it (CSS Syntax Level 3, §4
 * tokenization: comments, strings and escapes, url tokens, functions,
 * at-keywords), and judged: what would reach outside the book, what
 * epubcheck rejects, and what is not well-formed is dropped whole, so
 * that what stays is valid CSS. Used for the author's stylesheet and for
 * the style attributes and <style> elements of SVG pictures.
 *
 * Nothing a stylesheet names by url() (or src(), image-set() and the like)
 * is in the book, so every such declaration is dropped; in SVG, a
 * reference to an element of the same picture ("url(#id)") stays. */
#ifndef OCTAVO_CSS_H
#define OCTAVO_CSS_H

#include "buf.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum octavo_css_token_type {
    OCTAVO_CSS_EOF,
    OCTAVO_CSS_IDENT,
    OCTAVO_CSS_FUNCTION, /* name( */
    OCTAVO_CSS_AT_KEYWORD,
    OCTAVO_CSS_HASH,
    OCTAVO_CSS_STRING,
    OCTAVO_CSS_BAD_STRING, /* a newline or the end inside a string */
    OCTAVO_CSS_URL,        /* url(unquoted) */
    OCTAVO_CSS_BAD_URL,
    OCTAVO_CSS_DELIM,
    OCTAVO_CSS_NUMBER,
    OCTAVO_CSS_PERCENTAGE,
    OCTAVO_CSS_DIMENSION,
    OCTAVO_CSS_WHITESPACE,
    OCTAVO_CSS_CDO, /* <!-- */
    OCTAVO_CSS_CDC, /* --> */
    OCTAVO_CSS_COLON,
    OCTAVO_CSS_SEMICOLON,
    OCTAVO_CSS_COMMA,
    OCTAVO_CSS_LBRACKET,
    OCTAVO_CSS_RBRACKET,
    OCTAVO_CSS_LPAREN,
    OCTAVO_CSS_RPAREN,
    OCTAVO_CSS_LBRACE,
    OCTAVO_CSS_RBRACE,
    OCTAVO_CSS_COMMENT,
    OCTAVO_CSS_BAD_COMMENT, /* a comment the text ends inside */
} octavo_css_token_type;

typedef struct octavo_css_token {
    octavo_css_token_type type;
    size_t start, end; /* the token's bytes in the text */
    unsigned line;     /* of its start */
} octavo_css_token;

/* Reads tokens from text of `len` bytes (UTF-8, no NUL); `line` is the
 * line number of its first byte. */
typedef struct octavo_css_lexer {
    const char *s;
    size_t len, pos;
    unsigned line;
} octavo_css_lexer;

void octavo_css_lexer_init(octavo_css_lexer *lx, const char *s, size_t len, unsigned line);

/* The next token (OCTAVO_CSS_EOF at the end, again and again). */
void octavo_css_next(octavo_css_lexer *lx, octavo_css_token *t);

/* The value of an ident, function (without "("), at-keyword (without
 * "@"), hash (without "#"), string (without quotes) or url token, escapes
 * resolved, into `buf` (cut to size - 1 bytes, NUL-terminated). Returns
 * the length of the whole value. */
size_t octavo_css_token_value(const char *s, const octavo_css_token *t, char *buf, size_t size);

typedef enum octavo_css_kind {
    OCTAVO_CSS_STYLESHEET,   /* rules and at-rules */
    OCTAVO_CSS_DECLARATIONS, /* a style attribute */
} octavo_css_kind;

/* Appends `css` to `out` without what cannot be in the book: @import,
 * @charset and @namespace, @font-face, declarations that name a file
 * (url(), src(), image-set(), image(), cross-fade(), element()), the
 * `direction` and `unicode-bidi` properties, and whatever is not
 * well-formed (each declaration or rule whole). With `local_refs`,
 * url(#id) stays (SVG). Each drop is a warning on `file` at its line,
 * counted from `first_line` (none when `d` is NULL). Returns the number
 * of drops. */
size_t octavo_css_clean(const char *css, size_t len, octavo_css_kind kind, bool local_refs,
                        const char *file, unsigned first_line, octavo_buf *out, octavo_diags *d);

/* True when a property value (an SVG presentation attribute) is
 * well-formed and names nothing outside (with `local_refs`: only
 * url(#id)). */
bool octavo_css_value_is_safe(const char *value, size_t len, bool local_refs);

#endif
