/* opf_collection.c — the package's collection elements and what their
 * roles ask of them: EPUBCheck applies its five collection Schematrons
 * (manifest, distributable-object, dictionary, index, preview; findings
 * are RSC-005) to every EPUB 3 package, and once the manifest is known
 * checks what the links of index, preview and dictionary collections
 * point to (OPFChecker30: OPF-071, OPF-075/076, OPF-081..084). Each
 * role's rules are a row of one table. */
#include "check_internal.h"

#include "mem.h"
#include "url.h"

#include <stdlib.h>
#include <string.h>

#define NS_OPF "http://www.idpf.org/2007/opf"
#define NS_DC  "http://purl.org/dc/elements/1.1/"

enum {
    R_MANIFEST = 1 << 0,
    R_DO = 1 << 1, /* distributable-object */
    R_DICT = 1 << 2,
    R_INDEX = 1 << 3,
    R_INDEX_GROUP = 1 << 4,
    R_PREVIEW = 1 << 5,
};

static const struct {
    const char *token;
    unsigned role;
} role_names[] = {{"manifest", R_MANIFEST}, {"distributable-object", R_DO}, {"dictionary", R_DICT},
                  {"index", R_INDEX},       {"index-group", R_INDEX_GROUP}, {"preview", R_PREVIEW}};

/* What one collection holds, counted as it streams by. */
typedef struct collection {
    unsigned roles, line;
    bool exact_manifest; /* its role is exactly "manifest" (@role = 'manifest') */
    bool index_chain;    /* checked as an index: an index at the top, index or
                          * index-group all the way down (OPFChecker30) */
    size_t depth;        /* of the element */
    unsigned links, collections, manifests, not_index_groups, metadata;
    unsigned identifiers, titles, languages, source_langs, target_langs;
} collection;

/* A link whose target is checked once the manifest is known. */
typedef struct collection_link {
    char *href;
    unsigned line;
    unsigned roles; /* R_INDEX: of an index; R_PREVIEW, R_DICT: of a top-level one */
    size_t group;   /* the top-level dictionary it belongs to (from 1) */
} collection_link;

struct opf_collections {
    collection *stack;
    size_t depth, cap;
    size_t metadata_depth; /* the package metadata's or a collection's, open; 0 none */
    bool package_source_lang, package_target_lang;
    collection_link *links;
    size_t link_count, link_cap;
    unsigned *dictionaries; /* the lines of the top-level dictionaries */
    size_t dictionary_count, dictionary_cap;
};

opf_collections *octavo_check_opf_collections_new(void)
{
    return octavo_xcalloc(1, sizeof(opf_collections));
}

void octavo_check_opf_collections_free(opf_collections *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->link_count; i++)
        free(c->links[i].href);
    free(c->links);
    free(c->dictionaries);
    free(c->stack);
    free(c);
}

static unsigned parse_roles(const char *value)
{
    unsigned roles = 0;
    for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++)
        if (octavo_check_has_token(value, role_names[i].token))
            roles |= role_names[i].role;
    return roles;
}

static void rsc005(octavo_diags *r, const char *path, unsigned line, const char *message)
{
    octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line, "%s", message);
}

void octavo_check_opf_collection_start(opf_collections *c, octavo_diags *r, const char *path,
                                       const char *el, const char *ns, size_t depth,
                                       const xmlChar **attrs, int count, unsigned line)
{
    bool opf = strcmp(ns, NS_OPF) == 0;
    collection *top = c->depth ? &c->stack[c->depth - 1] : NULL;
    if (opf && strcmp(el, "collection") == 0) {
        char *role = octavo_check_attribute(attrs, count, "role", NULL);
        collection k = {.roles = role ? parse_roles(role) : 0, .line = line, .depth = depth};
        k.exact_manifest = role && strcmp(role, "manifest") == 0;
        free(role);
        k.index_chain = top ? top->index_chain && (k.roles & (R_INDEX | R_INDEX_GROUP))
                            : (k.roles & R_INDEX) != 0;
        if (top) {
            top->collections++;
            top->manifests += k.exact_manifest;
            top->not_index_groups += !(k.roles & R_INDEX_GROUP);
        } else if (k.roles & R_DICT) {
            c->dictionaries = octavo_xgrow(c->dictionaries, &c->dictionary_cap,
                                           c->dictionary_count + 1, sizeof *c->dictionaries);
            c->dictionaries[c->dictionary_count++] = line;
        }
        if ((k.roles & R_MANIFEST) && !top)
            rsc005(r, path, line, "A manifest collection must be the child of another collection");
        if ((k.roles & R_INDEX_GROUP) && !(top && (top->roles & R_INDEX)))
            rsc005(r, path, line,
                   "An \"index-group\" collection must be a child of an \"index\" collection");
        c->stack = octavo_xgrow(c->stack, &c->cap, c->depth + 1, sizeof *c->stack);
        c->stack[c->depth++] = k;
        return;
    }
    if (opf && strcmp(el, "metadata") == 0 && (depth == 1 || (top && depth == top->depth + 1))) {
        c->metadata_depth = depth;
        if (top)
            top->metadata++;
        return;
    }
    if (opf && strcmp(el, "link") == 0 && top && depth == top->depth + 1) {
        top->links++;
        unsigned roles = top->index_chain ? R_INDEX : 0;
        if (c->depth == 1)
            roles |= top->roles & (R_PREVIEW | R_DICT);
        char *href = roles ? octavo_check_attribute(attrs, count, "href", NULL) : NULL;
        if (href) {
            c->links = octavo_xgrow(c->links, &c->link_cap, c->link_count + 1, sizeof *c->links);
            c->links[c->link_count++] = (collection_link){href, line, roles, c->dictionary_count};
        }
        return;
    }
    if (!c->metadata_depth || depth != c->metadata_depth + 1)
        return;
    /* A child of a metadata element. */
    bool dc = strcmp(ns, NS_DC) == 0;
    bool in_collection = top && c->metadata_depth == top->depth + 1;
    if (in_collection && dc) {
        top->identifiers += strcmp(el, "identifier") == 0;
        top->titles += strcmp(el, "title") == 0;
        top->languages += strcmp(el, "language") == 0;
    } else if (opf && strcmp(el, "meta") == 0) {
        char *property = octavo_check_attribute(attrs, count, "property", NULL);
        char *p = property ? octavo_check_trimmed(property) : NULL;
        bool source = p && strcmp(p, "source-language") == 0;
        bool target = p && strcmp(p, "target-language") == 0;
        if (in_collection) {
            top->source_langs += source;
            top->target_langs += target;
        } else if (!top) {
            c->package_source_lang = c->package_source_lang || source;
            c->package_target_lang = c->package_target_lang || target;
        }
        free(p);
        free(property);
    }
}

/* The Schematrons' rules of a collection that has ended. */
static void collection_ended(const opf_collections *c, const collection *k, octavo_diags *r,
                             const char *path)
{
    static const struct {
        unsigned role;
        size_t offset; /* of the count in struct collection */
        unsigned min, max;
        const char *message;
    } rules[] = {
        {R_MANIFEST, offsetof(collection, metadata), 0, 0,
         "A manifest collection must only contain child link elements."},
        {R_MANIFEST, offsetof(collection, collections), 0, 0,
         "A manifest collection must only contain child link elements."},
        {R_MANIFEST, offsetof(collection, links), 1, ~0u,
         "A manifest collection must include at least one child link element."},
        {R_DO, offsetof(collection, metadata), 1, ~0u,
         "A distributable-object collection must include a child metadata element."},
        {R_DO, offsetof(collection, manifests), 0, 1,
         "A distributable-object collection must not contain more than one child manifest "
         "collection."},
        {R_DO, offsetof(collection, links), 1, ~0u,
         "A distributable-object collection must include at least one child link element."},
        {R_DICT, offsetof(collection, collections), 0, 0,
         "An EPUB Dictionary collection must not have sub-collections."},
        {R_DICT, offsetof(collection, source_langs), 0, 1,
         "An EPUB Dictionary must not declare more than one source language."},
        {R_INDEX, offsetof(collection, not_index_groups), 0, 0,
         "An \"index\" collection must not have sub-collections other than \"index-group\" "
         "collections."},
        {R_INDEX_GROUP, offsetof(collection, collections), 0, 0,
         "An \"index-group\" collection must not have child collections."},
        {R_PREVIEW, offsetof(collection, manifests), 1, 1,
         "A \"preview\" collection must include exactly one child \"manifest\" collection"},
        {R_PREVIEW, offsetof(collection, links), 1, ~0u,
         "A \"preview\" collection must include at least one child \"link\" element, pointing "
         "to an EPUB Content Document."},
    };
    /* (package-30.rnc: metadata?, (collection+ | (collection*, link+))) */
    if (!k->collections && !k->links)
        rsc005(r, path, k->line,
               "element \"collection\" incomplete; missing required element \"collection\" or "
               "\"link\"");
    bool manifest_said = false;
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        if (!(k->roles & rules[i].role))
            continue;
        unsigned n = *(const unsigned *)((const char *)k + rules[i].offset);
        if (n >= rules[i].min && n <= rules[i].max)
            continue;
        if (rules[i].role == R_MANIFEST && rules[i].max == 0) {
            if (manifest_said) /* (one assert: metadata or collection) */
                continue;
            manifest_said = true;
        }
        rsc005(r, path, k->line, rules[i].message);
    }
    if ((k->roles & R_DO) && k->metadata) {
        if (k->identifiers != 1)
            rsc005(r, path, k->line,
                   "The distributable-object metadata must include exactly one identifier "
                   "(dc:identifier).");
        if (!k->titles)
            rsc005(r, path, k->line,
                   "The distributable-object metadata must include at least one title "
                   "(dc:title).");
        if (!k->languages)
            rsc005(r, path, k->line,
                   "The distributable-object metadata must include at least one language "
                   "declaration (dc:language).");
    }
    if (k->roles & R_DICT) {
        if (!c->package_source_lang && !k->source_langs)
            rsc005(r, path, k->line,
                   "An EPUB Dictionary must declare its source language using a "
                   "\"source-language\" metadata.");
        if (!c->package_target_lang && !k->target_langs)
            rsc005(r, path, k->line,
                   "An EPUB Dictionary must declare its source language using a "
                   "\"target-language\" metadata.");
    }
}

void octavo_check_opf_collection_end(opf_collections *c, octavo_diags *r, const char *path,
                                     size_t depth)
{
    if (c->metadata_depth == depth)
        c->metadata_depth = 0;
    if (c->depth && c->stack[c->depth - 1].depth == depth)
        collection_ended(c, &c->stack[--c->depth], r, path);
}

/* The media type of the manifest item `href` (relative to the package
 * document) names, or NULL when it names none. (What is wrong with the
 * URL itself is said where the package's links are read.) */
static const char *item_type(checker *ck, const char *opf, const char *href, octavo_buf *path)
{
    octavo_buf_clear(path);
    if (octavo_url_has_scheme(href) || href[0] == '/' ||
        !octavo_url_resolve(opf, href, strcspn(href, "#?"), path))
        return NULL;
    const entry *e = octavo_check_find_entry_n(ck, path->data ? path->data : "", path->len);
    return e && e->item ? e->media_type : NULL;
}

void octavo_check_collection_links(checker *ck, const char *opf, const opf_collections *c)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    /* Per top-level dictionary: whether it has a search key map yet. */
    bool *skm = octavo_xcalloc(c->dictionary_count + 1, sizeof *skm);
    for (size_t i = 0; i < c->link_count; i++) {
        const collection_link *l = &c->links[i];
        const char *type = item_type(ck, opf, l->href, &path);
        bool xhtml = type && strcmp(type, "application/xhtml+xml") == 0;
        if ((l->roles & R_INDEX) && !xhtml)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-071", opf, l->line,
                                     "Index collections must only contain resources pointing to "
                                     "XHTML Content Documents (\"%s\")",
                                     l->href);
        if (l->roles & R_PREVIEW) {
            const char *hash = strchr(l->href, '#');
            if (!xhtml && !(type && strcmp(type, "image/svg+xml") == 0))
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-075", opf, l->line,
                                         "Preview collections must only point to EPUB Content "
                                         "Documents (\"%s\")",
                                         l->href);
            else if (hash && strncmp(hash + 1, "epubcfi(", 8) == 0)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-076", opf, l->line,
                                         "The URL of a link of a preview collection must not "
                                         "include an EPUB CFI fragment (\"%s\")",
                                         l->href);
        }
        if (l->roles & R_DICT) {
            if (!type) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-081", opf, l->line,
                                         "Resource \"%s\" of a dictionary collection was not "
                                         "found",
                                         l->href);
            } else if (strcmp(type, "application/vnd.epub.search-key-map+xml") == 0) {
                if (skm[l->group])
                    octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-082", opf, l->line,
                                             "A dictionary collection contains more than one "
                                             "Search Key Map Document");
                skm[l->group] = true;
            } else if (!xhtml) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-084", opf, l->line,
                                         "Resource \"%s\" of a dictionary collection is neither "
                                         "an XHTML Content Document nor a Search Key Map "
                                         "Document",
                                         l->href);
            }
        }
    }
    for (size_t g = 1; g <= c->dictionary_count; g++)
        if (!skm[g])
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-083", opf, c->dictionaries[g - 1],
                                     "A dictionary collection contains no Search Key Map "
                                     "Document");
    free(skm);
    octavo_buf_free(&path);
}
