/* encoding.h — from a file's bytes to UTF-8.
 *
 * Text from the web and from Chinese novel sites comes as UTF-8 (with or
 * without BOM), UTF-16, GB18030/GBK/GB2312 or Big5, and sometimes
 * Shift_JIS, EUC-KR or Latin-1. The encoding is detected (or given), and
 * the text converted with iconv. */
#ifndef OCTAVO_ENCODING_H
#define OCTAVO_ENCODING_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* True when the bytes are not text at all: the signature of a common
 * binary format (images, PDF, zip, ELF), or many NUL bytes (over 10%, or
 * over 1% and more than 8) that are not UTF-16 (with or without BOM). */
bool octavo_looks_binary(const char *bytes, size_t len);

/* Converts `bytes` to UTF-8 in *out (malloc'ed, NUL-terminated, owned by
 * the caller; a UTF-8 BOM is kept for the normaliser to remove). With
 * `forced` (an iconv name such as "GBK") that encoding is used; otherwise
 * it is detected: a BOM, then strict UTF-8, then UTF-16 without BOM, then
 * libuchardet's answer on the first 64 KB checked against how well each
 * legacy encoding reads it. How sure the guess is goes to `d` as
 * OCTAVO_INFO; a close call as the warning "encoding guessed as X on weak
 * evidence: Y reads it nearly as well ...". *used is set to the encoding's
 * name (static, or `forced`). Bytes valid in no supported encoding give
 * the error "path:line: not valid text in any supported encoding (first
 * bad byte at column N)". */
octavo_status octavo_decode(const char *path, const char *bytes, size_t len, const char *forced,
                            char **out, size_t *out_len, const char **used, octavo_diags *d);

/* True when iconv knows `name`. */
bool octavo_encoding_is_known(const char *name);

#endif
