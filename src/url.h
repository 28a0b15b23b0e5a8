/* url.h — URLs as the builder and the checker both read them: schemes,
 * percent-decoding, resolving a relative path, and repairing what a URL
 * cannot hold. One reading, so that what octavo writes is what octavo
 * check (and its self-check) understands. */
#ifndef OCTAVO_URL_H
#define OCTAVO_URL_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

/* True when a URL starts with a scheme ("https:", "javascript:", "C:"),
 * i.e. it is not a path relative to the document. */
bool octavo_url_has_scheme(const char *url);

/* True for a link target that may leave the book: http, https, mailto. */
bool octavo_url_is_external(const char *url);

/* `url` as a valid URL (RFC 3986): spaces, quotes, non-ASCII and other
 * characters a URL cannot hold are percent-encoded (UTF-8), except in a
 * host name (an IDN stays as written: URL parsers make it IDNA, and reject
 * it percent-encoded). NULL when it cannot be made valid: a '%' not
 * followed by two hex digits, a port that is not a number, a host name
 * with a space or other such character, an http(s) URL without a host.
 * Caller frees. */
char *octavo_url_repair(const char *url);

/* Appends the first `len` bytes of `s` to `out` with %XX escapes decoded,
 * except %00, which stays as written: a path never holds a NUL. */
void octavo_url_decode_into(const char *s, size_t len, octavo_buf *out);

/* The same, into a new string. Caller frees. */
char *octavo_url_decode(const char *s, size_t len);

/* Sets `out` to `href`'s first `len` bytes, percent-decoded and resolved
 * against the folder of `base` ("EPUB/text/ch1.xhtml"), with "." and ".."
 * removed. False when it climbs above the top ("../../x"). */
bool octavo_url_resolve(const char *base, const char *href, size_t len, octavo_buf *out);

#endif
