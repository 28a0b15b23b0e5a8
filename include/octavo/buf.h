/* buf.h — the one growable byte buffer octavo uses for building strings. */
#ifndef OCTAVO_BUF_H
#define OCTAVO_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct octavo_buf {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} octavo_buf;

#define OCTAVO_BUF_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void octavo_buf_append(octavo_buf *b, const char *s, size_t n);
void octavo_buf_puts(octavo_buf *b, const char *s);
void octavo_buf_putc(octavo_buf *b, char c);
/* Appends one Unicode scalar value as UTF-8. */
void octavo_buf_put_codepoint(octavo_buf *b, unsigned long cp);
void octavo_buf_printf(octavo_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void octavo_buf_vprintf(octavo_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void octavo_buf_clear(octavo_buf *b);
/* Gives up the buffer's memory to the caller (never NULL; "" when empty)
 * and leaves the buffer empty. */
char *octavo_buf_detach(octavo_buf *b);
/* Returns the contents as a C string ("" when empty); the buffer keeps it. */
const char *octavo_buf_cstr(const octavo_buf *b);
void octavo_buf_free(octavo_buf *b);

#endif
