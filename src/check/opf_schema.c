/* opf_schema.c — the EPUB 3 package document's schema, checked as the
 * document streams by: which elements each element may hold, how many
 * and in what order, which attributes each may have and what their
 * values may be (EPUB 3.3 section 5, as EPUBCheck's package-30.rnc and
 * package-30.sch say it; findings are RSC-005). The rules are tables,
 * one per element. */
#include "check_internal.h"

#include "lang.h"
#include "mem.h"
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define NS_OPF "http://www.idpf.org/2007/opf"
#define NS_DC  "http://purl.org/dc/elements/1.1/"
#define NS_XML "http://www.w3.org/XML/1998/namespace"

enum value_type {
    V_TEXT,
    V_ID,
    V_IDREF,
    V_URI,
    V_VOCAB, /* vocab_kind in .vocab */
    V_DIR,
    V_PPD,
    V_LINEAR,
    V_VERSION,
    V_LANG,
};

typedef struct attr_rule {
    const char *name;
    bool xml; /* in the XML namespace (xml:lang) */
    unsigned char type;
    bool required;
    unsigned char vocab;
} attr_rule;

struct element_rule;

typedef struct child_rule {
    const char *name;
    char ns;                /* 'o' OPF, 'd' Dublin Core */
    unsigned char min, max; /* max 0: any number */
    unsigned char order;    /* in an ordered element: its place */
    const struct element_rule *rule;
} child_rule;

typedef struct element_rule {
    const attr_rule *attrs; /* ends with a NULL name */
    const child_rule *children;
    bool ordered;
    char text; /* 0 none allowed, 'n' required (not all white space) */
} element_rule;

#define MAX_CHILDREN 20

/* (each in braces where used) */
#define ID_ATTR   "id", false, V_ID, false, 0
#define LANG_ATTR "lang", true, V_LANG, false, 0
#define DIR_ATTR  "dir", false, V_DIR, false, 0
#define END_ATTR  NULL, false, 0, false, 0

static const attr_rule id_only[] = {{ID_ATTR}, {END_ATTR}};
static const attr_rule dc_attrs[] = {{ID_ATTR}, {LANG_ATTR}, {DIR_ATTR}, {END_ATTR}};
static const attr_rule no_attrs[] = {{END_ATTR}};
static const element_rule dc_id_rule = {id_only, NULL, false, 'n'};
static const element_rule dc_rule = {dc_attrs, NULL, false, 'n'};

static const attr_rule meta_attrs[] = {
    {"property", false, V_VOCAB, false, VOCAB_META},
    {"refines", false, V_URI, false, 0},
    {ID_ATTR},
    {"scheme", false, V_VOCAB, false, VOCAB_SCHEME},
    {LANG_ATTR},
    {DIR_ATTR},
    {"name", false, V_TEXT, false, 0}, /* (the EPUB 2 form: name and content) */
    {"content", false, V_TEXT, false, 0},
    {END_ATTR}};
static const element_rule meta_rule = {meta_attrs, NULL, false, 'n'};

static const attr_rule link_attrs[] = {{"href", false, V_URI, true, 0},
                                       {"rel", false, V_VOCAB, true, VOCAB_LINK_REL},
                                       {ID_ATTR},
                                       {"refines", false, V_URI, false, 0},
                                       {"media-type", false, V_TEXT, false, 0},
                                       {"properties", false, V_VOCAB, false, VOCAB_LINK_PROPERTIES},
                                       {"hreflang", false, V_TEXT, false, 0},
                                       {END_ATTR}};
static const element_rule link_rule = {link_attrs, NULL, false, 0};
static const element_rule collection_link_rule = {link_attrs, NULL, false, 0};

/* Attributes an element's table requires that one use of it does not: a
 * collection's link needs no rel (EPUBCheck 5, epubcheck-ts). */
static const struct {
    const element_rule *rule;
    const char *attr;
} optional_uses[] = {{&collection_link_rule, "rel"}};

static bool optional_here(const element_rule *rule, const char *attr)
{
    for (size_t i = 0; i < sizeof optional_uses / sizeof *optional_uses; i++)
        if (optional_uses[i].rule == rule && strcmp(optional_uses[i].attr, attr) == 0)
            return true;
    return false;
}

#define DC_CHILDREN(min)                                                                           \
    {"identifier", 'd', min, 0, 0, &dc_id_rule}, {"title", 'd', min, 0, 0, &dc_rule},              \
        {"language", 'd', min, 0, 0, &dc_id_rule}, {"date", 'd', 0, 1, 0, &dc_id_rule},            \
        {"source", 'd', 0, 0, 0, &dc_rule}, {"type", 'd', 0, 0, 0, &dc_id_rule},                   \
        {"format", 'd', 0, 0, 0, &dc_id_rule}, {"creator", 'd', 0, 0, 0, &dc_rule},                \
        {"subject", 'd', 0, 0, 0, &dc_rule}, {"description", 'd', 0, 0, 0, &dc_rule},              \
        {"publisher", 'd', 0, 0, 0, &dc_rule}, {"contributor", 'd', 0, 0, 0, &dc_rule},            \
        {"relation", 'd', 0, 0, 0, &dc_rule}, {"coverage", 'd', 0, 0, 0, &dc_rule},                \
        {"rights", 'd', 0, 0, 0, &dc_rule}, {"meta", 'o', 0, 0, 0, &meta_rule},                    \
        {"link", 'o', 0, 0, 0, &link_rule},                                                        \
    {                                                                                              \
        NULL, 0, 0, 0, 0, NULL                                                                     \
    }

static const child_rule metadata_children[] = {DC_CHILDREN(1)};
static const element_rule metadata_rule = {no_attrs, metadata_children, false, 0};
/* A collection's metadata needs no title, identifier or language, and
 * may have an id, xml:lang and dir (package-30.rnc). */
static const child_rule collection_metadata_children[] = {DC_CHILDREN(0)};
static const element_rule collection_metadata_rule = {dc_attrs, collection_metadata_children, false,
                                                      0};

static const attr_rule item_attrs[] = {{"id", false, V_ID, true, 0},
                                       {"href", false, V_URI, true, 0},
                                       {"media-type", false, V_TEXT, true, 0},
                                       {"fallback", false, V_IDREF, false, 0},
                                       {"media-overlay", false, V_IDREF, false, 0},
                                       {"properties", false, V_VOCAB, false, VOCAB_ITEM},
                                       {END_ATTR}};
static const element_rule item_rule = {item_attrs, NULL, false, 0};
static const child_rule manifest_children[] = {{"item", 'o', 1, 0, 0, &item_rule},
                                               {NULL, 0, 0, 0, 0, NULL}};
static const element_rule manifest_rule = {id_only, manifest_children, false, 0};

static const attr_rule itemref_attrs[] = {{"idref", false, V_IDREF, true, 0},
                                          {"linear", false, V_LINEAR, false, 0},
                                          {ID_ATTR},
                                          {"properties", false, V_VOCAB, false, VOCAB_ITEMREF},
                                          {END_ATTR}};
static const element_rule itemref_rule = {itemref_attrs, NULL, false, 0};
static const attr_rule spine_attrs[] = {{ID_ATTR},
                                        {"toc", false, V_IDREF, false, 0},
                                        {"page-progression-direction", false, V_PPD, false, 0},
                                        {END_ATTR}};
static const child_rule spine_children[] = {{"itemref", 'o', 1, 0, 0, &itemref_rule},
                                            {NULL, 0, 0, 0, 0, NULL}};
static const element_rule spine_rule = {spine_attrs, spine_children, false, 0};

static const attr_rule reference_attrs[] = {{"href", false, V_URI, true, 0},
                                            {"type", false, V_TEXT, true, 0},
                                            {"title", false, V_TEXT, false, 0},
                                            {END_ATTR}};
static const element_rule reference_rule = {reference_attrs, NULL, false, 0};
static const child_rule guide_children[] = {{"reference", 'o', 1, 0, 0, &reference_rule},
                                            {NULL, 0, 0, 0, 0, NULL}};
static const element_rule guide_rule = {no_attrs, guide_children, false, 0};

static const attr_rule media_type_attrs[] = {
    {"media-type", false, V_TEXT, true, 0}, {"handler", false, V_IDREF, true, 0}, {END_ATTR}};
static const element_rule media_type_rule = {media_type_attrs, NULL, false, 0};
static const child_rule bindings_children[] = {{"mediaType", 'o', 1, 0, 0, &media_type_rule},
                                               {NULL, 0, 0, 0, 0, NULL}};
static const element_rule bindings_rule = {no_attrs, bindings_children, false, 0};

static const attr_rule collection_attrs[] = {
    {"role", false, V_TEXT, true, 0}, {ID_ATTR}, {LANG_ATTR}, {DIR_ATTR}, {END_ATTR}};
static const element_rule collection_rule;
static const child_rule collection_children[] = {
    {"metadata", 'o', 0, 1, 0, &collection_metadata_rule},
    {"collection", 'o', 0, 0, 1, &collection_rule},
    {"link", 'o', 0, 0, 1, &collection_link_rule},
    {NULL, 0, 0, 0, 0, NULL}};
static const element_rule collection_rule = {collection_attrs, collection_children, true, 0};

static const attr_rule package_attrs[] = {{"version", false, V_VERSION, true, 0},
                                          {"unique-identifier", false, V_IDREF, true, 0},
                                          {ID_ATTR},
                                          {"prefix", false, V_TEXT, false, 0},
                                          {LANG_ATTR},
                                          {DIR_ATTR},
                                          {END_ATTR}};
static const child_rule package_children[] = {{"metadata", 'o', 1, 1, 0, &metadata_rule},
                                              {"manifest", 'o', 1, 1, 1, &manifest_rule},
                                              {"spine", 'o', 1, 1, 2, &spine_rule},
                                              {"guide", 'o', 0, 1, 3, &guide_rule},
                                              {"bindings", 'o', 0, 1, 4, &bindings_rule},
                                              {"collection", 'o', 0, 0, 5, &collection_rule},
                                              {NULL, 0, 0, 0, 0, NULL}};
static const element_rule package_rule = {package_attrs, package_children, true, 0};

/* ---- the state of a check ------------------------------------------------ */

typedef struct frame {
    const element_rule *rule; /* NULL: not checked (an element not allowed) */
    const char *name;         /* a static name, for messages */
    char qname[48];
    unsigned counts[MAX_CHILDREN];
    unsigned char order;
    bool text;
    bool legacy_meta; /* a meta with name and content, no value */
} frame;

typedef struct named {
    char *value;
    unsigned line;
} named;

struct opf_schema {
    octavo_diags *r;
    const char *path;
    bool off; /* not EPUB 3: not checked here */
    frame *stack;
    size_t depth, cap;
    vocab_prefixes prefixes;
    named *ids, *refines;
    size_t id_count, id_cap, refines_count, refines_cap;
    size_t covers;
    named *references; /* the guide's: "type href", lowercase */
    size_t reference_count, reference_cap;
    bool ncx, toc; /* an NCX item; the spine's toc attribute */
};

opf_schema *octavo_check_opf_schema_new(octavo_diags *r, const char *path)
{
    opf_schema *s = octavo_xcalloc(1, sizeof *s);
    s->r = r;
    s->path = path;
    return s;
}

static void named_free(named *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i].value);
    free(list);
}

void octavo_check_opf_schema_free(opf_schema *s)
{
    if (!s)
        return;
    free(s->stack);
    octavo_check_vocab_prefixes_free(&s->prefixes);
    named_free(s->ids, s->id_count);
    named_free(s->refines, s->refines_count);
    named_free(s->references, s->reference_count);
    free(s);
}

static void add_named(named **list, size_t *count, size_t *cap, const char *v, unsigned line)
{
    *list = octavo_xgrow(*list, cap, *count + 1, sizeof **list);
    (*list)[(*count)++] = (named){octavo_check_trimmed(v), line};
}

/* An XML name without a colon (the ID and IDREF types). */
static bool is_ncname(const char *v)
{
    char *t = octavo_check_trimmed(v);
    bool ok = *t && xmlValidateNCName((const xmlChar *)t, 0) == 0;
    free(t);
    return ok;
}

static bool one_of(const char *v, const char *const *values)
{
    for (; *values; values++)
        if (strcmp(v, *values) == 0)
            return true;
    return false;
}

static void invalid(opf_schema *s, unsigned line, const char *attr, const char *el,
                    const char *value)
{
    octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                             "value of attribute \"%s\" is invalid on element \"%s\": \"%s\"", attr,
                             el, value);
}

static void check_value(opf_schema *s, const frame *f, const attr_rule *a, const char *v,
                        unsigned line)
{
    static const char *const dirs[] = {"ltr", "rtl", "auto", NULL};
    static const char *const ppds[] = {"ltr", "rtl", "default", NULL};
    static const char *const linears[] = {"yes", "no", NULL};
    switch ((enum value_type)a->type) {
    case V_ID:
        if (!is_ncname(v))
            invalid(s, line, a->name, f->qname, v);
        add_named(&s->ids, &s->id_count, &s->id_cap, v, line);
        break;
    case V_IDREF:
        if (!is_ncname(v))
            invalid(s, line, a->name, f->qname, v);
        break;
    case V_URI:
        if (strcmp(a->name, "refines") == 0)
            add_named(&s->refines, &s->refines_count, &s->refines_cap, v, line);
        break;
    case V_VOCAB:
        octavo_check_vocab_value(s->r, s->path, line, (vocab_kind)a->vocab, v, &s->prefixes);
        break;
    case V_DIR:
        if (!one_of(v, dirs))
            invalid(s, line, a->name, f->qname, v);
        break;
    case V_PPD:
        if (!one_of(v, ppds))
            invalid(s, line, a->name, f->qname, v);
        break;
    case V_LINEAR:
        if (!one_of(v, linears))
            invalid(s, line, a->name, f->qname, v);
        break;
    case V_VERSION:
        if (strcmp(v, "3.0") != 0)
            invalid(s, line, a->name, f->qname, v);
        break;
    case V_LANG:
        /* (empty: no language; white space around it is not allowed) */
        if (*v && (isspace((unsigned char)v[0]) || isspace((unsigned char)v[strlen(v) - 1]) ||
                   !octavo_lang_is_valid(v)))
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "OPF-092", s->path, line,
                                     "language tag \"%s\" is not well-formed", v);
        break;
    case V_TEXT:
        break;
    }
}

/* The element's attributes: each allowed, each required one there, each
 * value of its type. */
static void check_attributes(opf_schema *s, frame *f, const xmlChar **attrs, int count,
                             unsigned line)
{
    const attr_rule *rules = f->rule->attrs;
    bool seen[16] = {false};
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *name = (const char *)a[ATTR_NAME];
        const char *ns = (const char *)a[ATTR_NS];
        bool xml = ns && strcmp(ns, NS_XML) == 0;
        if (ns && !xml)
            continue; /* (attributes of other namespaces are not ours to judge) */
        size_t k = 0;
        while (rules[k].name && !(rules[k].xml == xml && strcmp(rules[k].name, name) == 0))
            k++;
        if (!rules[k].name) {
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "attribute \"%s%s\" not allowed here (on element \"%s\")",
                                     xml ? "xml:" : "", name, f->qname);
            continue;
        }
        if (k < sizeof seen / sizeof *seen)
            seen[k] = true;
        char *v = octavo_check_attribute_value(a);
        check_value(s, f, &rules[k], v, line);
        free(v);
    }
    char *name = f->rule == &meta_rule ? octavo_check_attribute(attrs, count, "name", NULL) : NULL;
    f->legacy_meta = name != NULL;
    free(name);
    for (size_t k = 0; rules[k].name; k++)
        if (rules[k].required && !seen[k] && !optional_here(f->rule, rules[k].name))
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "element \"%s\" missing required attribute \"%s\"", f->qname,
                                     rules[k].name);
    if (f->rule == &meta_rule) {
        bool property = false, content = false;
        for (size_t k = 0; rules[k].name; k++) {
            property = property || (seen[k] && strcmp(rules[k].name, "property") == 0);
            content = content || (seen[k] && strcmp(rules[k].name, "content") == 0);
        }
        if (f->legacy_meta ? !content : !property)
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "element \"meta\" missing required attribute \"%s\"",
                                     f->legacy_meta ? "content" : "property");
    }
}

/* Whether the child `el` may come next in `parent` (said when not), and
 * its rule. */
static const child_rule *admit(opf_schema *s, frame *parent, const char *el, char ns,
                               const char *qname, unsigned line)
{
    const child_rule *c = parent->rule ? parent->rule->children : NULL;
    size_t k = 0;
    for (; c && c[k].name; k++)
        if (c[k].ns == ns && strcmp(c[k].name, el) == 0)
            break;
    if (!c || !c[k].name) {
        octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                 "element \"%s\" not allowed here", qname);
        return NULL;
    }
    const child_rule *rule = &c[k];
    if (parent->rule->ordered) {
        if (rule->order < parent->order) {
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "element \"%s\" not allowed here", qname);
            parent->counts[k]++;
            return rule;
        }
        for (size_t j = 0; c[j].name; j++)
            if (c[j].order < rule->order && c[j].order >= parent->order &&
                parent->counts[j] < c[j].min) {
                octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                         "element \"%s\" not allowed yet; missing required "
                                         "element \"%s\"",
                                         qname, c[j].name);
                parent->counts[j] = c[j].min; /* (said once) */
                break;
            }
        parent->order = rule->order;
    }
    if (rule->max && parent->counts[k] >= rule->max) {
        octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                 "element \"%s\" not allowed here (only %u allowed)", qname,
                                 rule->max);
        return rule;
    }
    parent->counts[k]++;
    return rule;
}

void octavo_check_opf_schema_start(opf_schema *s, const char *el, const char *ns_uri,
                                   const xmlChar **attrs, int count, unsigned line)
{
    if (s->off)
        return;
    char ns = strcmp(ns_uri, NS_OPF) == 0 ? 'o' : strcmp(ns_uri, NS_DC) == 0 ? 'd' : 0;
    s->stack = octavo_xgrow(s->stack, &s->cap, s->depth + 1, sizeof *s->stack);
    frame *f = &s->stack[s->depth];
    *f = (frame){.rule = NULL};
    snprintf(f->qname, sizeof f->qname, "%s%.40s", ns == 'd' ? "dc:" : "", el);
    if (s->depth == 0) {
        char *version = octavo_check_attribute(attrs, count, "version", NULL);
        /* (EPUB 2 has a schema of its own; the root is package.c's) */
        s->off = ns != 'o' || strcmp(el, "package") != 0 || (version && version[0] != '3');
        free(version);
        if (s->off)
            return;
        s->depth++;
        f->rule = &package_rule;
        char *prefix = octavo_check_attribute(attrs, count, "prefix", NULL);
        if (prefix)
            octavo_check_vocab_prefixes(s->r, s->path, line, prefix, &s->prefixes);
        free(prefix);
        check_attributes(s, f, attrs, count, line);
        return;
    }
    frame *parent = &s->stack[s->depth - 1];
    s->depth++;
    if (!parent->rule)
        return;
    const child_rule *c = admit(s, parent, el, ns, f->qname, line);
    if (!c)
        return;
    f->rule = c->rule;
    check_attributes(s, f, attrs, count, line);
    if (f->rule == &item_rule) {
        char *props = octavo_check_attribute(attrs, count, "properties", NULL);
        char *type = octavo_check_attribute(attrs, count, "media-type", NULL);
        octavo_check_item_properties(s->r, s->path, line, props, type);
        if (props && octavo_check_has_token(props, "cover-image") && ++s->covers == 2)
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "Multiple occurrences of the \"cover-image\" property");
        free(props);
        if (type && strcmp(type, "application/x-dtbncx+xml") == 0)
            s->ncx = true;
        char *href = octavo_check_attribute(attrs, count, "href", NULL);
        if (href && strchr(href, '#'))
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "OPF-091", s->path, line,
                                     "The item href URL must not have a fragment identifier "
                                     "(\"%s\")",
                                     href);
        free(href);
        free(type);
    } else if (f->rule == &spine_rule) {
        char *toc = octavo_check_attribute(attrs, count, "toc", NULL);
        s->toc = toc != NULL;
        free(toc);
    } else if (f->rule == &bindings_rule) {
        octavo_check_add_finding(s->r, OCTAVO_WARNING, "RSC-017", s->path, line,
                                 "the \"bindings\" element is deprecated");
    } else if (f->rule == &reference_rule) {
        char *type = octavo_check_attribute(attrs, count, "type", NULL);
        char *href = octavo_check_attribute(attrs, count, "href", NULL);
        if (type && href) {
            octavo_buf key = OCTAVO_BUF_INIT;
            octavo_buf_printf(&key, "%s %s", type, href);
            for (size_t i = 0; i < key.len; i++)
                key.data[i] = (char)tolower((unsigned char)key.data[i]);
            add_named(&s->references, &s->reference_count, &s->reference_cap, key.data, line);
            octavo_buf_free(&key);
        }
        free(type);
        free(href);
    } else if (f->rule == &link_rule) {
        char *rel = octavo_check_attribute(attrs, count, "rel", NULL);
        char *href = octavo_check_attribute(attrs, count, "href", NULL);
        char *refines = octavo_check_attribute(attrs, count, "refines", NULL);
        char *type = octavo_check_attribute(attrs, count, "media-type", NULL);
        char *hreflang = octavo_check_attribute(attrs, count, "hreflang", NULL);
        octavo_check_link_rules(s->r, s->path, line, rel, href, refines, type, hreflang);
        free(rel), free(href), free(refines), free(type), free(hreflang);
    }
}

void octavo_check_opf_schema_end(opf_schema *s, unsigned line)
{
    if (s->off || !s->depth)
        return;
    frame *f = &s->stack[--s->depth];
    if (!f->rule)
        return;
    if (f->rule->text == 'n' && !f->text && !f->legacy_meta)
        octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                 "the value of element \"%s\" must be a string with length at "
                                 "least 1 (non-whitespace)",
                                 f->qname);
    const child_rule *c = f->rule->children;
    for (size_t k = 0; c && c[k].name; k++)
        if (f->counts[k] < c[k].min)
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                     "element \"%s\" incomplete; missing required element "
                                     "\"%s%s\"",
                                     f->qname, c[k].ns == 'd' ? "dc:" : "", c[k].name);
}

void octavo_check_opf_schema_text(opf_schema *s, const char *text, size_t len, unsigned line)
{
    if (s->off || !s->depth)
        return;
    frame *f = &s->stack[s->depth - 1];
    size_t i = 0;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i == len || !f->rule)
        return;
    if (!f->rule->text && !f->text)
        octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, line,
                                 "text not allowed here (in element \"%s\")", f->qname);
    f->text = true;
}

static int compare_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->value, y->value);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static bool has_id(const opf_schema *s, const char *id)
{
    named key = {(char *)id, 0};
    size_t lo = 0, hi = s->id_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->ids[mid].value, key.value);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void octavo_check_opf_schema_finish(opf_schema *s, const package_doc *p)
{
    if (s->off)
        return;
    if (s->id_count)
        qsort(s->ids, s->id_count, sizeof *s->ids, compare_named);
    for (size_t i = 0; i < s->id_count; i++) {
        bool dup = (i > 0 && strcmp(s->ids[i - 1].value, s->ids[i].value) == 0) ||
                   (i + 1 < s->id_count && strcmp(s->ids[i + 1].value, s->ids[i].value) == 0);
        if (dup)
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, s->ids[i].line,
                                     "Duplicate ID \"%s\"", s->ids[i].value);
    }
    if (s->ncx && !s->toc)
        octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, 0,
                                 "spine element toc attribute must be set when an NCX is "
                                 "included in the publication");
    if (s->reference_count)
        qsort(s->references, s->reference_count, sizeof *s->references, compare_named);
    for (size_t i = 0; i < s->reference_count; i++) {
        const named *ref = &s->references[i];
        if ((i > 0 && strcmp(s->references[i - 1].value, ref->value) == 0) ||
            (i + 1 < s->reference_count && strcmp(s->references[i + 1].value, ref->value) == 0))
            octavo_check_add_finding(s->r, OCTAVO_WARNING, "RSC-017", s->path, ref->line,
                                     "Duplicate \"reference\" elements with the same \"type\" "
                                     "and \"href\" attributes");
    }
    for (size_t i = 0; i < s->refines_count; i++) {
        const named *ref = &s->refines[i];
        if (octavo_url_has_scheme(ref->value)) {
            octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, ref->line,
                                     "@refines must be a relative URL (\"%s\")", ref->value);
        } else if (ref->value[0] == '#') {
            if (!has_id(s, ref->value + 1))
                octavo_check_add_finding(s->r, OCTAVO_ERROR, "RSC-005", s->path, ref->line,
                                         "@refines missing target id: \"%s\"", ref->value + 1);
        } else {
            for (size_t k = 0; k < p->items.count; k++)
                if (p->items.items[k].href && strcmp(p->items.items[k].href, ref->value) == 0) {
                    octavo_check_add_finding(
                        s->r, OCTAVO_WARNING, "RSC-017", s->path, ref->line,
                        "@refines should instead refer to \"%s\" using a fragment identifier "
                        "pointing to its manifest item",
                        ref->value);
                    break;
                }
        }
    }
}

bool octavo_check_opf_schema_active(const opf_schema *s)
{
    return s && !s->off;
}
