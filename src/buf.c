#include "buf.h"

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(octavo_buf *b, size_t extra)
{
    b->data = octavo_xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void octavo_buf_append(octavo_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void octavo_buf_puts(octavo_buf *b, const char *s)
{
    octavo_buf_append(b, s, strlen(s));
}

void octavo_buf_putc(octavo_buf *b, char c)
{
    octavo_buf_append(b, &c, 1);
}

void octavo_buf_put_codepoint(octavo_buf *b, unsigned long cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    octavo_buf_append(b, out, n);
}

void octavo_buf_vprintf(octavo_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0)
        return;
    reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void octavo_buf_printf(octavo_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    octavo_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void octavo_buf_clear(octavo_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *octavo_buf_detach(octavo_buf *b)
{
    char *p = b->data ? b->data : octavo_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *octavo_buf_cstr(const octavo_buf *b)
{
    return b->data ? b->data : "";
}

void octavo_buf_free(octavo_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
