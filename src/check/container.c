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
 * ocf-container-30.rnc, as a table: what each element may hold and which
 * attributes it takes) and the full-path of its first rootfile of the
 * package's media type. */
#define NS_RENDITION "http://www.idpf.org/2013/rendition"
#define PACKAGE_TYPE "application/oebps-package+xml"

typedef struct container_element {
    const char *name, *parent; /* parent NULL: the root */
    const char *attrs[3];      /* the attributes it takes; the first `required` must be there */
    size_t required;
    const char *child; /* the child it must have one or more of, or NULL */
} container_element;

static const container_element container_elements[] = {
    {"container", NULL, {"version"}, 1, "rootfiles"},
    {"rootfiles", "container", {NULL}, 0, "rootfile"},
    {"rootfile", "rootfiles", {"full-path", "media-type"}, 2, NULL},
    {"links", "container", {NULL}, 0, "link"},
    {"link", "links", {"href", "rel", "media-type"}, 2, NULL},
};
enum { CONTAINER_MAX_DEPTH = 3 };

typedef struct container_state {
    checker *ck;
    char *path;         /* the package document's (owned) */
    bool rootfile_said; /* a rootfile's full-path is missing or empty (said) */
    /* Its schema's findings, said only when there is a package to check:
     * EPUBCheck validates container.xml after finding the package. */
    octavo_diags schema;
    size_t depth; /* elements open */
    size_t skip;  /* > 0: inside an element not allowed (at this depth) */
    const container_element *open[CONTAINER_MAX_DEPTH];
    unsigned children[CONTAINER_MAX_DEPTH][2]; /* of each open: its `child`, other elements */
} container_state;

/* An RSC-005 finding in container.xml at the parse's line. */
#define container_error(st, ctx, ...)                                                              \
    octavo_check_add_finding((st)->ck->r, OCTAVO_ERROR, "RSC-005", "META-INF/container.xml",       \
                             octavo_check_parse_line(ctx), __VA_ARGS__)

static const container_element *container_known(const char *name)
{
    for (size_t i = 0; i < sizeof container_elements / sizeof *container_elements; i++)
        if (strcmp(container_elements[i].name, name) == 0)
            return &container_elements[i];
    return NULL;
}

/* The element may be where it is: its parent's, in order (rootfiles
 * first, then at most one links). */
static bool container_allowed(const container_state *st, const container_element *el)
{
    const container_element *parent = st->depth ? st->open[st->depth - 1] : NULL;
    if (!el || (el->parent == NULL) != (parent == NULL) ||
        (parent && strcmp(el->parent, parent->name) != 0))
        return false;
    if (strcmp(el->name, "rootfiles") == 0 || strcmp(el->name, "links") == 0) {
        const unsigned *seen = st->children[st->depth - 1];
        bool links = strcmp(el->name, "links") == 0;
        return links ? seen[0] == 1 && seen[1] == 0 : seen[0] == 0 && seen[1] == 0;
    }
    return true;
}

static void container_attributes(container_state *st, void *ctx, const container_element *el,
                                 const xmlChar **attrs, int count)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = &attrs[i * ATTR_FIELDS];
        const char *name = (const char *)a[ATTR_NAME], *ns = (const char *)a[ATTR_NS];
        bool known = false;
        for (size_t k = 0; k < 3 && el->attrs[k]; k++)
            known = known || (!ns && strcmp(name, el->attrs[k]) == 0);
        /* (multiple-renditions/selection.rnc: rendition attributes on rootfile) */
        if (ns && strcmp(ns, NS_RENDITION) == 0 && strcmp(el->name, "rootfile") == 0)
            known = true;
        if (!known) {
            container_error(st, ctx, "attribute \"%s\" not allowed here", name);
            continue;
        }
        /* (A rootfile's media-type is not held to the package's: OCF 2
         * let a book have others, and the package is not read yet.) */
        char *value = octavo_check_attribute_value(a);
        if (strcmp(name, "version") == 0 && strcmp(value, "1.0") != 0)
            container_error(st, ctx,
                            "value of attribute \"version\" is invalid; must be equal to \"1.0\"");
        free(value);
    }
    for (size_t k = 0; k < el->required; k++) {
        char *value = octavo_check_attribute(attrs, count, el->attrs[k], NULL);
        if (!value)
            container_error(st, ctx, "element \"%s\" missing required attribute \"%s\"", el->name,
                            el->attrs[k]);
        free(value);
    }
}

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
    const char *name = (const char *)localname;
    bool ocf = uri && strcmp((const char *)uri, NS_OCF) == 0;
    const container_element *el = ocf ? container_known(name) : NULL;
    if (ocf && strcmp(name, "rootfile") == 0) /* (wherever it is, as EPUBCheck reads it) */
        container_rootfile(st, ctx, attrs, nb_attributes);
    if (st->skip) {
        st->depth++;
        return;
    }
    bool allowed = container_allowed(st, el) && st->depth < CONTAINER_MAX_DEPTH;
    if (st->depth)
        st->children[st->depth - 1][st->open[st->depth - 1]->child && el &&
                                            strcmp(el->name, st->open[st->depth - 1]->child) == 0
                                        ? 0
                                        : 1]++;
    if (!allowed) {
        /* (Jing's words: "anywhere" for a name the schema does not have) */
        container_error(st, ctx, "element \"%s\" not allowed %s", name,
                        !el              ? "anywhere"
                        : st->depth == 0 ? "here; expected element \"container\""
                                         : "here");
        st->skip = ++st->depth;
        return;
    }
    container_attributes(st, ctx, el, attrs, nb_attributes);
    st->open[st->depth] = el;
    st->children[st->depth][0] = st->children[st->depth][1] = 0;
    st->depth++;
}

static void container_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    container_state *st = octavo_check_parse_state(ctx);
    if (st->skip) {
        if (st->depth-- == st->skip)
            st->skip = 0;
        return;
    }
    const container_element *el = st->open[--st->depth];
    if (el->child && st->children[st->depth][0] == 0)
        container_error(st, ctx, "element \"%s\" incomplete; missing required element \"%s\"",
                        el->name, el->child);
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
    static const xml_callbacks callbacks = {container_start, container_end, NULL, NULL};
    container_state st = {.ck = ck};
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
        octavo_check_merge_findings(ck->r, &st.schema);
        path = st.path;
    }
    octavo_diags_free(&st.schema);
    return path;
}
