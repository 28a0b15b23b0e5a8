/* opf.c — the package document, read as it streams by into a
 * package_doc: its metadata elements, its manifest's items and its
 * spine's itemrefs. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

#define NS_OPF "http://www.idpf.org/2007/opf"
#define NS_DC  "http://purl.org/dc/elements/1.1/"

static void opf_list_clear(opf_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        opf_entry *e = &l->items[i];
        free(e->id), free(e->href), free(e->media_type), free(e->properties), free(e->fallback);
        free(e->media_overlay);
        free(e->idref), free(e->linear);
    }
    l->count = 0;
}

void octavo_check_package_doc_free(package_doc *p)
{
    free(p->version);
    free(p->unique);
    for (size_t i = 0; i < p->meta_count; i++) {
        free(p->metas[i].id), free(p->metas[i].property), free(p->metas[i].refines);
        octavo_buf_free(&p->metas[i].text);
    }
    free(p->metas);
    free(p->toc);
    for (size_t i = 0; i < p->link_count; i++)
        free(p->links[i]);
    free(p->links);
    opf_list_clear(&p->items);
    free(p->items.items);
    opf_list_clear(&p->metadata_links);
    free(p->metadata_links.items);
    opf_list_clear(&p->itemrefs);
    free(p->itemrefs.items);
    free(p->open);
    octavo_check_opf_collections_free(p->collections);
}

static opf_entry *opf_list_add(opf_list *l, unsigned line)
{
    l->items = octavo_xgrow(l->items, &l->cap, l->count + 1, sizeof *l->items);
    opf_entry *e = &l->items[l->count++];
    *e = (opf_entry){.line = line};
    return e;
}

/* Sets *slot to the attribute's value (the last of that name wins, as in
 * the tree). */
static void take_value(char **slot, const xmlChar **a)
{
    free(*slot);
    *slot = octavo_check_attribute_value(a);
}

static void package_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    package_doc *p = octavo_check_parse_state(ctx);
    unsigned line = octavo_check_parse_line(ctx);
    const char *el = (const char *)localname;
    const char *ns = uri ? (const char *)uri : "";
    bool opf = strcmp(ns, NS_OPF) == 0, dc = strcmp(ns, NS_DC) == 0;
    if (p->schema)
        octavo_check_opf_schema_start(p->schema, el, ns, attrs, nb_attributes, line);
    size_t depth = p->depth++;
    if (depth == 0) {
        p->root_wrong = !opf || strcmp(el, "package") != 0;
        p->line = line;
        p->version = octavo_check_attribute(attrs, nb_attributes, "version", NULL);
        p->unique = octavo_check_attribute(attrs, nb_attributes, "unique-identifier", NULL);
        return;
    }
    if (p->root_wrong)
        return;
    static const char *const dc_kinds[][2] = {
        {"identifier", "i"}, {"title", "t"},       {"language", "l"},
        {"creator", "c"},    {"contributor", "b"}, {"publisher", "p"},
        {"subject", "s"},    {"source", "o"},      {"date", "d"}};
    char kind = opf && strcmp(el, "meta") == 0 ? 'm' : 0;
    for (size_t i = 0; dc && i < sizeof dc_kinds / sizeof *dc_kinds; i++)
        if (strcmp(el, dc_kinds[i][0]) == 0)
            kind = dc_kinds[i][1][0];
    if (kind) {
        p->metas = octavo_xgrow(p->metas, &p->meta_cap, p->meta_count + 1, sizeof *p->metas);
        p->metas[p->meta_count] =
            (opf_meta){.kind = kind,
                       .line = line,
                       .id = octavo_check_attribute(attrs, nb_attributes, "id", NULL),
                       .property = octavo_check_attribute(attrs, nb_attributes, "property", NULL),
                       .refines = octavo_check_attribute(attrs, nb_attributes, "refines", NULL),
                       .text = OCTAVO_BUF_INIT};
        p->open = octavo_xgrow(p->open, &p->open_cap, p->open_count + 1, sizeof *p->open);
        p->open[p->open_count++] = (open_meta){p->meta_count++, depth};
    }
    if (opf && strcmp(el, "link") == 0) {
        char *href = octavo_check_attribute(attrs, nb_attributes, "href", NULL);
        if (href) {
            p->links = octavo_xgrow(p->links, &p->link_cap, p->link_count + 1, sizeof *p->links);
            p->links[p->link_count++] = href;
        }
        if (depth == 2 && p->in == 'd')
            opf_list_add(&p->metadata_links, line)->href =
                octavo_check_attribute(attrs, nb_attributes, "href", NULL);
    }
    if (opf && p->found)
        octavo_check_opf_outdated(p->found, p->path, el, depth, attrs, nb_attributes, line);
    if (p->found)
        octavo_check_opf_collection_start(p->collections, p->found, p->path, el, ns, depth, attrs,
                                          nb_attributes, line);
    if (depth == 1) {
        p->in = opf && strcmp(el, "manifest") == 0   ? 'm'
                : opf && strcmp(el, "spine") == 0    ? 's'
                : opf && strcmp(el, "metadata") == 0 ? 'd'
                                                     : 0;
        if (p->in == 'm') {
            p->has_manifest = true;
            p->manifest_line = line;
            opf_list_clear(&p->items);
        } else if (p->in == 's') {
            p->has_spine = true;
            p->spine_line = line;
            free(p->toc);
            p->toc = octavo_check_attribute(attrs, nb_attributes, "toc", NULL);
            opf_list_clear(&p->itemrefs);
        }
    } else if (depth == 2 && p->in == 'm' && opf && strcmp(el, "item") == 0) {
        opf_entry *e = opf_list_add(&p->items, line);
        for (int i = 0; i < nb_attributes; i++) {
            const xmlChar **a = attrs + i * ATTR_FIELDS;
            const char *name = (const char *)a[ATTR_NAME];
            char **slot = strcmp(name, "id") == 0              ? &e->id
                          : strcmp(name, "href") == 0          ? &e->href
                          : strcmp(name, "media-type") == 0    ? &e->media_type
                          : strcmp(name, "properties") == 0    ? &e->properties
                          : strcmp(name, "fallback") == 0      ? &e->fallback
                          : strcmp(name, "media-overlay") == 0 ? &e->media_overlay
                                                               : NULL;
            if (slot)
                take_value(slot, a);
        }
    } else if (depth == 2 && p->in == 's' && opf && strcmp(el, "itemref") == 0) {
        opf_entry *e = opf_list_add(&p->itemrefs, line);
        e->idref = octavo_check_attribute(attrs, nb_attributes, "idref", NULL);
        e->linear = octavo_check_attribute(attrs, nb_attributes, "linear", NULL);
        e->properties = octavo_check_attribute(attrs, nb_attributes, "properties", NULL);
    }
}

static void package_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    package_doc *p = octavo_check_parse_state(ctx);
    if (p->schema)
        octavo_check_opf_schema_end(p->schema, octavo_check_parse_line(ctx));
    if (p->depth)
        p->depth--;
    if (p->found && p->depth)
        octavo_check_opf_collection_end(p->collections, p->found, p->path, p->depth);
    if (p->open_count && p->open[p->open_count - 1].depth == p->depth)
        p->open_count--; /* (a metadata element ended) */
    if (p->depth == 1)
        p->in = 0;
}

/* Text belongs to every metadata element it is inside (xmlNodeGetContent). */
static void package_text(void *ctx, const xmlChar *text, int len)
{
    package_doc *p = octavo_check_parse_state(ctx);
    if (p->schema)
        octavo_check_opf_schema_text(p->schema, (const char *)text, (size_t)len,
                                     octavo_check_parse_line(ctx));
    for (size_t i = 0; i < p->open_count; i++)
        octavo_buf_append(&p->metas[p->open[i].index].text, (const char *)text, (size_t)len);
}

bool octavo_check_read_package(checker *ck, const char *opf, package_doc *p)
{
    static const xml_callbacks callbacks = {package_start, package_end, package_text, NULL, NULL};
    /* (schema findings of a document that is not well-formed would be
     * noise: kept aside until it is known to be) */
    octavo_diags found = OCTAVO_DIAGS_INIT;
    p->schema = octavo_check_opf_schema_new(&found, opf);
    p->found = &found;
    p->path = opf;
    p->collections = octavo_check_opf_collections_new();
    bool ok = octavo_check_stream_entry(ck, octavo_check_find_entry(ck, opf), &callbacks, p, ck->r);
    if (ok) {
        octavo_check_opf_schema_finish(p->schema, p);
        if (!p->root_wrong)
            octavo_check_meta_rules(&found, opf, p);
        p->epub3_checked = octavo_check_opf_schema_active(p->schema) && !p->root_wrong;
        if (p->epub3_checked)
            octavo_check_merge_findings(ck->r, &found);
    }
    octavo_check_opf_schema_free(p->schema);
    p->schema = NULL;
    p->found = NULL;
    octavo_diags_free(&found);
    return ok;
}
