/* buf.h — the one growable byte buffer octavo uses for building strings
 * (the type itself is public, in octavo.h). */
#ifndef OCTAVO_BUF_H
#define OCTAVO_BUF_H

#include "octavo.h"

#include <stdarg.h>
#include <stddef.h>

void octavo_buf_append(octavo_buf *b, const char *s, size_t n);
void octavo_buf_puts(octavo_buf *b, const char *s);
void octavo_buf_putc(octavo_buf *b, char c);
/* Appends one Unicode scalar value as UTF-8. */
void octavo_buf_put_codepoint(octavo_buf *b, unsigned long cp);
void octavo_buf_printf(octavo_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void octavo_buf_vprintf(octavo_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void octavo_buf_clear(octavo_buf *b);

#endif
