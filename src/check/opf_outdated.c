/* opf_outdated.c — what the package document keeps of features EPUB 3.3
 * calls outdated (its appendix "Outdated features"): the collection
 * element, OPF 2's meta and guide elements. Each is a usage (OBS-001:
 * EPUBCheck 5 shows it only when asked, so does octavo check: in --json).
 * A collection's role that is a URL must parse as one (OPF-070, a
 * warning). */
#include "check_internal.h"

#include "mem.h"
#include "url.h"

#include <stdlib.h>
#include <string.h>

static void outdated(octavo_diags *r, const char *path, unsigned line, const char *what)
{
    octavo_check_add_finding(r, OCTAVO_INFO, "OBS-001", path, line,
                             "%s is an outdated feature; it may not be supported", what);
}

/* Each of the role's tokens that starts with a scheme is an absolute URL
 * (EPUBCheck's OPFHandler30.processCollectionRole): one a URL parser
 * rejects is said, and the rest are not looked at. */
static void collection_role(octavo_diags *r, const char *path, unsigned line, const char *roles)
{
    const char *p = roles;
    while (*p) {
        size_t gap = strspn(p, " \t\r\n"), n = strcspn(p + gap, " \t\r\n");
        if (!n)
            break;
        char *token = octavo_xstrndup(p + gap, n);
        char *parsed = octavo_url_has_scheme(token) ? octavo_url_repair(token) : NULL;
        bool invalid = octavo_url_has_scheme(token) && !parsed;
        if (invalid)
            octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-070", path, line,
                                     "custom collection role \"%s\" is an invalid URL", token);
        free(parsed);
        free(token);
        if (invalid)
            break;
        p += gap + n;
    }
}

void octavo_check_opf_outdated(octavo_diags *r, const char *path, const char *el, size_t depth,
                               const xmlChar **attrs, int count, unsigned line)
{
    if (strcmp(el, "collection") == 0) {
        if (depth == 1)
            outdated(r, path, line, "the \"collection\" element");
        char *role = octavo_check_attribute(attrs, count, "role", NULL);
        if (role)
            collection_role(r, path, line, role);
        free(role);
    } else if (strcmp(el, "guide") == 0 && depth == 1) {
        outdated(r, path, line, "the OPF 2 \"guide\" element");
    } else if (strcmp(el, "meta") == 0) {
        char *name = octavo_check_attribute(attrs, count, "name", NULL);
        if (name)
            outdated(r, path, line, "the OPF 2 \"meta\" element");
        free(name);
    }
}
