/* url.c — hrefs inside the book: percent-decoded and resolved to the
 * path of an entry of the zip. */
#include "check_internal.h"

#include <ctype.h>
#include <string.h>

static int hex_value(char c)
{
    return isdigit((unsigned char)c)    ? c - '0'
           : isxdigit((unsigned char)c) ? (tolower(c) - 'a' + 10)
                                        : -1;
}

void octavo_check_percent_decode(const char *s, size_t len, octavo_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
            (lo = hex_value(s[i + 2])) >= 0) {
            octavo_buf_putc(out, (char)(hi * 16 + lo));
            i += 2;
        } else {
            octavo_buf_putc(out, s[i]);
        }
    }
    octavo_buf_putc(out, '\0'); /* never NULL data, even when empty */
    out->len--;
}

/* `href` (its path part, percent-decoded) resolved against the folder of
 * `base` ("EPUB/text/ch1.xhtml"), "." and ".." removed. False when it
 * leaves the container. */
bool octavo_check_resolve_path(const char *base, const char *href, size_t href_len, octavo_buf *out)
{
    octavo_buf_clear(out);
    const char *slash = strrchr(base, '/');
    if (slash)
        octavo_buf_append(out, base, (size_t)(slash - base) + 1);
    octavo_check_percent_decode(href, href_len, out);
    /* Normalise segment by segment. */
    char *p = out->data;
    size_t w = 0, len = out->len;
    size_t starts[256];
    size_t depth = 0;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && p[j] != '/')
            j++;
        size_t seg = j - i;
        if (seg == 0 || (seg == 1 && p[i] == '.')) {
            /* nothing */
        } else if (seg == 2 && p[i] == '.' && p[i + 1] == '.') {
            if (!depth)
                return false;
            w = starts[--depth];
        } else {
            if (depth < 256)
                starts[depth++] = w;
            if (w)
                p[w++] = '/';
            memmove(p + w, p + i, seg);
            w += seg;
        }
        i = j + 1;
        if (j >= len)
            break;
    }
    out->len = w;
    out->data[w] = '\0';
    return true;
}
