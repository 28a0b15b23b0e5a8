#include "url.h"

#include "html_syntax.h"
#include "mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool octavo_url_has_scheme(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

bool octavo_url_is_external(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return url[strlen(schemes[i])] != '\0';
    return false;
}

/* Characters RFC 3986 lets stand for themselves outside the host: the
 * unreserved ones and the delimiters, except '#' (once only) and '[' ']'
 * (only around an IP literal). */
static bool url_char_ok(unsigned char c)
{
    return isalnum(c) || (c && strchr("-._~:/?@!$&'()*+,;=", c));
}

static void put_escaped(octavo_buf *out, unsigned char c)
{
    octavo_buf_printf(out, "%%%02X", c);
}

/* The authority of a URL ("user@host:port", between "//" and the path),
 * escaped into `out`; false when it cannot be a valid one. */
static bool repair_authority(const char *a, size_t len, bool need_host, octavo_buf *out)
{
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (a[i] == '@')
            at = a + i;
    const char *host = at ? at + 1 : a;
    for (const char *p = a; p < (at ? at : a); p++) { /* userinfo */
        if (*p == '%' && !octavo_html_valid_escape(p))
            return false;
        if (url_char_ok((unsigned char)*p) && !strchr("/?#[]@", *p))
            octavo_buf_putc(out, *p);
        else if (*p == '%')
            octavo_buf_putc(out, '%');
        else
            put_escaped(out, (unsigned char)*p);
    }
    if (at)
        octavo_buf_putc(out, '@');
    const char *end = a + len, *port = NULL;
    if (host < end && *host == '[') { /* IP literal: hex digits, ':' and '.' */
        const char *close = memchr(host, ']', (size_t)(end - host));
        if (!close || close == host + 1)
            return false;
        for (const char *p = host + 1; p < close; p++)
            if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '.')
                return false;
        octavo_buf_append(out, host, (size_t)(close + 1 - host));
        if (close + 1 < end && close[1] != ':')
            return false;
        port = close + 1 < end ? close + 1 : NULL;
    } else {
        port = memchr(host, ':', (size_t)(end - host));
        const char *host_end = port ? port : end;
        if (need_host && host_end == host)
            return false;
        /* A host name: letters, digits, '-', '.', '_'. A non-ASCII one
         * (an IDN) stays as written: URL parsers (epubcheck's too) make it
         * IDNA, but reject it percent-encoded. Anything else is no host
         * they accept ("a b", "a%20b"). */
        for (const char *p = host; p < host_end; p++) {
            unsigned char c = (unsigned char)*p;
            if (isalnum(c) || c == '-' || c == '.' || c == '_' || c >= 0x80)
                octavo_buf_putc(out, (char)c);
            else
                return false;
        }
    }
    if (port) {
        for (const char *p = port + 1; p < end; p++)
            if (!isdigit((unsigned char)*p))
                return false;
        octavo_buf_append(out, port, (size_t)(end - port));
    }
    return true;
}

char *octavo_url_repair(const char *url)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    const char *p = url;
    bool scheme = octavo_url_has_scheme(url);
    if (scheme) {
        size_t n = strcspn(url, ":") + 1;
        octavo_buf_append(&out, url, n);
        p += n;
    }
    if (p[0] == '/' && p[1] == '/') {
        size_t len = strcspn(p + 2, "/?#");
        bool web = strncasecmp(url, "http:", 5) == 0 || strncasecmp(url, "https:", 6) == 0;
        octavo_buf_puts(&out, "//");
        if (!repair_authority(p + 2, len, web, &out)) {
            octavo_buf_free(&out);
            return NULL;
        }
        p += 2 + len;
    }
    bool fragment = false, first_segment = !scheme;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '/' || c == '?' || c == '#')
            first_segment = false;
        if (c == '%') {
            if (!octavo_html_valid_escape(p)) { /* "%zz": what was meant is unknown */
                octavo_buf_free(&out);
                return NULL;
            }
            octavo_buf_putc(&out, '%');
        } else if (c == '#' && !fragment) {
            fragment = true;
            octavo_buf_putc(&out, '#');
        } else if (url_char_ok(c) && !(c == ':' && first_segment)) {
            /* (a ':' before any '/' would read as a scheme) */
            octavo_buf_putc(&out, (char)c);
        } else {
            put_escaped(&out, c);
        }
    }
    return octavo_buf_detach(&out);
}

static int hex_value(char c)
{
    return isdigit((unsigned char)c)    ? c - '0'
           : isxdigit((unsigned char)c) ? (tolower((unsigned char)c) - 'a' + 10)
                                        : -1;
}

void octavo_url_decode_into(const char *s, size_t len, octavo_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
            (lo = hex_value(s[i + 2])) >= 0 && (hi || lo)) {
            octavo_buf_putc(out, (char)(hi * 16 + lo));
            i += 2;
        } else {
            octavo_buf_putc(out, s[i]);
        }
    }
    octavo_buf_putc(out, '\0'); /* never NULL data, even when empty */
    out->len--;
}

char *octavo_url_decode(const char *s, size_t len)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    octavo_url_decode_into(s, len, &out);
    return octavo_buf_detach(&out);
}

bool octavo_url_resolve(const char *base, const char *href, size_t len, octavo_buf *out)
{
    octavo_buf_clear(out);
    const char *slash = strrchr(base, '/');
    if (slash)
        octavo_buf_append(out, base, (size_t)(slash - base) + 1);
    octavo_url_decode_into(href, len, out);
    /* Normalise segment by segment, remembering where each kept segment
     * starts (as many as the path has: ".." must find the right one). */
    char *p = out->data;
    size_t w = 0, total = out->len, depth = 0, cap = 0;
    size_t *starts = NULL;
    bool inside = true;
    for (size_t i = 0; i <= total;) {
        size_t j = i;
        while (j < total && p[j] != '/')
            j++;
        size_t seg = j - i;
        if (seg == 0 || (seg == 1 && p[i] == '.')) {
            /* nothing */
        } else if (seg == 2 && p[i] == '.' && p[i + 1] == '.') {
            if (!depth) {
                inside = false;
                break;
            }
            w = starts[--depth];
        } else {
            starts = octavo_xgrow(starts, &cap, depth + 1, sizeof *starts);
            starts[depth++] = w;
            if (w)
                p[w++] = '/';
            memmove(p + w, p + i, seg);
            w += seg;
        }
        i = j + 1;
    }
    free(starts);
    if (!inside)
        return false;
    out->len = w;
    out->data[w] = '\0';
    return true;
}
