/* ocf_url.c — URLs in the container (EPUB 3.3, 4.1.5): a path that
 * leaves the container (more ".." than folders, or from "/") is said
 * (RSC-026) and, as a URL parser does, kept at its root; a query string
 * is said (RSC-033). */
#include "check_internal.h"

#include "url.h"

#include <stdlib.h>
#include <string.h>

/* A folder name no path has (a control character is no file name's). */
#define OUTSIDE "\x01"

bool octavo_check_container_url(checker *ck, const char *file, unsigned line, const char *base,
                                const char *href, octavo_buf *out)
{
    size_t keep = strcspn(href, "#?");
    if (href[keep] == '?')
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-033", file, line,
                                 "the URL \"%s\" has a query string, which no file in the "
                                 "container can answer",
                                 href);
    bool absolute = href[0] == '/';
    if (!absolute && octavo_url_resolve(base, href, keep, out))
        return true;
    /* Resolved again below as many folders outside the container as the
     * href has "..": what climbs past the root stays there. */
    size_t ups = 1;
    for (size_t i = 0; i < keep; i++)
        ups += href[i] == '/';
    octavo_buf from = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < ups; i++)
        octavo_buf_puts(&from, OUTSIDE "/");
    if (!absolute)
        octavo_buf_puts(&from, base);
    else
        octavo_buf_puts(&from, "x"); /* (from the root) */
    size_t skip = strspn(href, "/");
    bool ok = octavo_url_resolve(octavo_buf_cstr(&from), href + skip, keep - skip, out);
    octavo_buf_free(&from);
    size_t start = 0;
    while (ok && strncmp(octavo_buf_cstr(out) + start, OUTSIDE "/", 2) == 0)
        start += 2;
    if (ok) {
        memmove(out->data, out->data + start, out->len - start + 1);
        out->len -= start;
    }
    octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-026", file, line,
                             "the URL \"%s\" leaks outside the container", href);
    return ok && out->len && strncmp(out->data, OUTSIDE, 1) != 0;
}
