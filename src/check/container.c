/* container.c — the container: the mimetype file (first, stored, exact)
 * and META-INF/container.xml, which names the package document. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

#define NS_OCF "urn:oasis:names:tc:opendocument:xmlns:container"

void octavo_check_mimetype(checker *ck)
{
    entry *first = ck->entry_count ? &ck->entries[0] : NULL;
    if (!first || strcmp(first->name, "mimetype") != 0) {
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "PKG-006", NULL, 0,
            "the mimetype file is missing or is not the first file in the zip");
        return;
    }
    zip_stat_t st;
    if (!first->known && zip_stat_index(ck->za, first->index, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-007", "mimetype", 0,
                                 "the mimetype file must be stored, not compressed");
    if (!first->known &&
        zip_file_extra_fields_count(ck->za, first->index, ZIP_FL_LOCAL | ZIP_FL_CENTRAL) > 0)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-005", "mimetype", 0,
                                 "the mimetype file has an extra field; none is allowed");
    size_t len;
    char *owned;
    const char *data = first->size <= 64 ? octavo_check_read_entry(ck, first, &len, &owned) : NULL;
    if (!data || len != 20 || memcmp(data, "application/epub+zip", 20) != 0)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "PKG-007", "mimetype", 0,
                                 "the mimetype file must contain exactly \"application/epub+zip\"");
    if (data)
        free(owned);
}

/* The full-path of container.xml's first rootfile of the package's media
 * type, wherever it is. */
static void container_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                            const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                            int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    char **path = octavo_check_parse_state(ctx);
    if (*path || strcmp((const char *)localname, "rootfile") != 0 || !uri ||
        strcmp((const char *)uri, NS_OCF) != 0)
        return;
    char *type = octavo_check_attribute_any_ns(attrs, nb_attributes, "media-type");
    char *full = octavo_check_attribute_any_ns(attrs, nb_attributes, "full-path");
    if (type && strcmp(type, "application/oebps-package+xml") == 0 && full) {
        *path = full;
        full = NULL;
    }
    free(type);
    free(full);
}

/* Finds the package document. NULL when there is none to check. */
char *octavo_check_find_package(checker *ck)
{
    entry *container = octavo_check_find_entry(ck, "META-INF/container.xml");
    if (!container) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-002", NULL, 0,
                                 "META-INF/container.xml is missing");
        return NULL;
    }
    /* Streamed like the rest: as a tree, a container.xml of a million
     * elements (100 KB zipped) took gigabytes. */
    static const xml_callbacks callbacks = {container_start, NULL, NULL, NULL};
    char *path = NULL;
    if (!octavo_check_stream_entry(ck, container, &callbacks, &path, ck->r)) {
        free(path);
        return NULL;
    }
    if (!path) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-003", "META-INF/container.xml", 0,
                                 "no rootfile with media type application/oebps-package+xml");
        return NULL;
    }
    if (!octavo_check_find_entry(ck, path)) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-002", "META-INF/container.xml", 0,
                                 "the package document \"%s\" is not in the book", path);
        free(path);
        return NULL;
    }
    return path;
}
