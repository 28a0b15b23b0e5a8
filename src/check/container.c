/* container.c — the container: the mimetype file (first, stored, exact)
 * and META-INF/container.xml, which names the package document. */
#include "check_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

void octavo_check_extension(const char *path, int version, octavo_diags *r)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/') || strcmp(dot, ".epub") == 0)
        return;
    if (strcasecmp(dot, ".epub") == 0)
        octavo_check_add_finding(r, OCTAVO_WARNING, "PKG-016", NULL, 0,
                                 "the book's file name extension should be \".epub\", in "
                                 "lower case");
    else if (version) /* (EPUBCheck's OCFExtensionChecker: INFO for EPUB 3) */
        octavo_check_add_finding(r, version == 3 ? OCTAVO_INFO : OCTAVO_WARNING,
                                 version == 3 ? "PKG-024" : "PKG-017", NULL, 0,
                                 "uncommon EPUB file extension \"%s\"; use \".epub\"", dot + 1);
}

void octavo_check_unreadable_zip(const char *path, const char *why, octavo_diags *r)
{
    /* (EPUBCheck reads the first local header's 58 bytes: the file is
     * too short for one, PKG-003, or not a zip, PKG-004; then fails to
     * open it, PKG-008.) */
    unsigned char head[58];
    size_t got = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        got = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    if (got < sizeof head)
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-003", NULL, 0,
                                 "the book is too short to be a zip: no header can be read");
    else if (head[0] != 'P' || head[1] != 'K')
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-004", NULL, 0,
                                 "the book is not a zip: its header is corrupted");
    octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-008", NULL, 0, "cannot open the book: %s",
                             got == 0 ? "the zip file is empty" : why);
}

/* container.xml as it streams by: its content model (EPUBCheck's
 * ocf-container-30.rnc, as a table) and the full-path of its first
 * rootfile of the package's media type. */
#define NS_RENDITION "http://www.idpf.org/2013/rendition"
#define PACKAGE_TYPE "application/oebps-package+xml"

static const table_element container_table[] = {
    {.name = "container", .ns = NS_OCF, .attrs = {"version"}, .required = 1, .ordered = true},
    {.parent = "container", .ns = NS_OCF, .name = "rootfiles", .order = 0, .min = 1, .max = 1},
    /* (multiple-renditions/selection.rnc: rendition attributes on rootfile) */
    {.parent = "rootfiles",
     .ns = NS_OCF,
     .name = "rootfile",
     .attrs = {"full-path", "media-type"},
     .required = 2,
     .attr_ns = NS_RENDITION,
     .min = 1},
    {.parent = "container", .ns = NS_OCF, .name = "links", .order = 1, .max = 1},
    {.parent = "links",
     .ns = NS_OCF,
     .name = "link",
     .attrs = {"href", "rel", "media-type"},
     .required = 2,
     .min = 1},
};
_Static_assert(sizeof container_table / sizeof *container_table <= TABLE_ROWS,
               "xml_table counts at most TABLE_ROWS rows");

typedef struct container_state {
    checker *ck;
    char *path;         /* the package document's (owned) */
    bool rootfile_said; /* a rootfile's full-path is missing or empty (said) */
    xml_table table;
} container_state;

/* A rootfile: the package's path (EPUBCheck's OCFContainerFileHandler:
 * OPF-016 without a full-path, OPF-017 with an empty one). */
static void container_rootfile(container_state *st, void *ctx, const xmlChar **attrs, int count)
{
    char *type = octavo_check_attribute_any_ns(attrs, count, "media-type");
    char *full = octavo_check_attribute_any_ns(attrs, count, "full-path");
    if (!full || !full[strspn(full, " \t\r\n")]) {
        octavo_check_add_finding(st->ck->r, OCTAVO_ERROR, full ? "OPF-017" : "OPF-016",
                                 "META-INF/container.xml", octavo_check_parse_line(ctx),
                                 full ? "the rootfile's full-path attribute is empty"
                                      : "the rootfile has no full-path attribute");
        st->rootfile_said = true;
    } else if (!st->path && type && strcmp(type, PACKAGE_TYPE) == 0) {
        st->path = full;
        full = NULL;
    }
    free(type);
    free(full);
}

static void container_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                            const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                            int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    container_state *st = octavo_check_parse_state(ctx);
    const char *name = (const char *)localname, *ns = uri ? (const char *)uri : "";
    unsigned line = octavo_check_parse_line(ctx);
    if (strcmp(ns, NS_OCF) == 0 && strcmp(name, "rootfile") == 0) /* (wherever it is) */
        container_rootfile(st, ctx, attrs, nb_attributes);
    if (octavo_check_table_start(&st->table, name, ns, attrs, nb_attributes, line) != TABLE_OK ||
        strcmp(name, "container") != 0)
        return;
    /* (A rootfile's media-type is not held to the package's: OCF 2 let
     * a book have others, and the package is not read yet.) */
    char *version = octavo_check_attribute(attrs, nb_attributes, "version", NULL);
    if (version && strcmp(version, "1.0") != 0)
        octavo_check_add_finding(st->ck->r, OCTAVO_ERROR, "RSC-005", "META-INF/container.xml", line,
                                 "value of attribute \"version\" is invalid; must be equal to "
                                 "\"1.0\"");
    free(version);
}

static void container_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    container_state *st = octavo_check_parse_state(ctx);
    octavo_check_table_end(&st->table, octavo_check_parse_line(ctx));
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
    static const xml_callbacks callbacks = {container_start, container_end, NULL, NULL, NULL};
    container_state st = {.ck = ck,
                          .table = {.rows = container_table,
                                    .count = sizeof container_table / sizeof *container_table,
                                    .path = "META-INF/container.xml",
                                    .r = ck->r}};
    char *path = NULL;
    if (!octavo_check_stream_entry(ck, container, &callbacks, &st, ck->r)) {
        free(st.path);
    } else if (!st.path) {
        if (!st.rootfile_said) /* (EPUBCheck stops at OPF-016/017) */
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-003", "META-INF/container.xml", 0,
                                     "no rootfile with media type " PACKAGE_TYPE);
    } else if (!octavo_check_find_entry(ck, st.path)) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-002", "META-INF/container.xml", 0,
                                 "the package document \"%s\" is not in the book", st.path);
        free(st.path);
    } else {
        path = st.path;
    }
    return path;
}
