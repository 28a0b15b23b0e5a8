/* xml.c — XML parsed as it streams by, within limits: libxml2's (no
 * XML_PARSE_HUGE), a budget of entity expansions, and a bound on the
 * attributes and namespaces of an element, so that hostile XML is a
 * finding, never a crash, an unbounded allocation or a parse in more than
 * linear time. Also: reading attributes from SAX2's arrays. */
#include "check_internal.h"

#include "mem.h"

#include <ctype.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What entities may cost one document: as many expansions as the JDK's
 * parser allows, under epubcheck (jdk.xml.entityExpansionLimit, 64,000),
 * and as much replacement text as libxml2 allows one text node (10 MB).
 * A book needs a few; an entity bomb ("billion laughs": nine levels of
 * ten references) asks for a billion, which took minutes and gigabytes.
 * Declarations count too (libxml2 looks each one up once). */
#define MAX_ENTITY_EXPANSIONS 64000
#define MAX_ENTITY_BYTES      (10 * 1000 * 1000)

/* libxml2 2.9 compares each attribute of an element with every other, and
 * looks each prefix up among all the namespaces in scope: quadratic (one
 * element of 40,000 attributes, 90 KB zipped, took 8 s). Its arrays for
 * them only grow, so their sizes tell the most an element has had: past
 * these, the document is refused. A page has a handful of each. */
#define MAX_ATTRIBUTES 116 /* on one element */
#define MAX_NAMESPACES 80  /* in scope at once */

static bool crowded(xmlParserCtxtPtr ctxt)
{
    /* Five pointers an attribute: libxml2 2.9.14's array has 580 for 57 to
     * 116 attributes, 1180 past. Two a namespace, doubling: 160 for 41 to
     * 80 in scope, 320 past. */
    return ctxt->maxatts > 5 * MAX_ATTRIBUTES || ctxt->nsMax > 2 * MAX_NAMESPACES;
}

void octavo_check_memory_source(xml_source *s, const char *data, size_t len)
{
    *s = (xml_source){.data = data, .len = len};
}

void octavo_check_zip_source(xml_source *s, zip_file_t *file, zip_uint64_t size)
{
    *s = (xml_source){.file = file, .size = size};
}

void octavo_check_close_source(xml_source *src)
{
    if (src->file)
        zip_fclose(src->file);
    src->file = NULL;
}

static int source_read(void *ctx, char *buf, int len)
{
    xml_source *s = ctx;
    if (len <= 0)
        return 0;
    /* (libxml2 asks for more every few KB, even inside one long tag; an
     * end of input here stops it within a few KB) */
    if (!s->crowded && s->ctxt && crowded(s->ctxt)) {
        s->crowded = true;
        s->crowded_line = s->ctxt->input ? s->ctxt->input->line : 0;
    }
    if (s->crowded)
        return 0;
    if (!s->file) {
        size_t n = s->len - s->at < (size_t)len ? s->len - s->at : (size_t)len;
        memcpy(buf, s->data + s->at, n);
        s->at += n;
        return (int)n;
    }
    if (s->error[0])
        return -1;
    zip_int64_t n = zip_fread(s->file, buf, (zip_uint64_t)len);
    if (n < 0) {
        snprintf(s->error, sizeof s->error, "%s", zip_file_strerror(s->file));
        return -1;
    }
    s->got += (zip_uint64_t)n;
    if (s->got > s->size || (n == 0 && s->got != s->size)) {
        snprintf(s->error, sizeof s->error, "its size is not the one the zip gives");
        return -1;
    }
    return (int)n;
}

/* One parse: the caller's state, and what the parse has cost so far. */
typedef struct xml_parse {
    void *state;
    const xml_callbacks *cb;
    size_t entity_expansions, entity_bytes;
    bool entity_bomb; /* over the budget, or libxml2's own amplification limit */
    bool crowded;     /* an entity's text or the doctype has too many attributes or namespaces */
    int crowded_line;
    size_t attribute_decls;
    xmlParserCtxtPtr top; /* the document's context (not an entity's) */
    int bomb_line;        /* where in the document the bomb went off */
    int first_code;       /* the first fatal error (0: none), its line and message */
    int first_line;
    char message[256];
} xml_parse;

/* The caller's state, from a callback's context (the parser's, or that of
 * an entity's text, which libxml2 parses with a context of its own and
 * the same _private). */
void *octavo_check_parse_state(void *ctx)
{
    return ((xml_parse *)((xmlParserCtxtPtr)ctx)->_private)->state;
}

unsigned octavo_check_parse_line(void *ctx)
{
    xmlParserCtxtPtr ctxt = ctx;
    return ctxt->input ? (unsigned)ctxt->input->line : 0;
}

/* Marks the parse as an entity bomb, at the document's current line. */
static void entity_bomb(xml_parse *p)
{
    if (!p->entity_bomb && p->top && p->top->input)
        p->bomb_line = p->top->input->line;
    p->entity_bomb = true;
}

/* Marks the parse as refused for too many attributes or namespaces, at
 * the document's current line. */
static void crowded_parse(xml_parse *p)
{
    if (!p->crowded) {
        p->crowded = true;
        p->crowded_line = p->top && p->top->input ? p->top->input->line : 0;
    }
}

/* Whether an entity's text has an element of more than MAX_ATTRIBUTES
 * attributes, or more than MAX_NAMESPACES declarations in all: libxml2
 * parses it with a context of its own, which source_read does not see.
 * ('=' outside quotes in a tag; the text is UTF-8 by now.) */
static bool crowded_text(const xmlChar *s)
{
    size_t attributes = 0, namespaces = 0;
    bool tag = false;
    xmlChar quote = 0;
    for (; s && *s; s++) {
        if (quote) {
            quote = *s == quote ? 0 : quote;
        } else if (*s == '<') {
            tag = true;
            attributes = 0;
        } else if (tag && *s == '>') {
            tag = false;
        } else if (tag && (*s == '"' || *s == '\'')) {
            quote = *s;
        } else if (tag && *s == '=') {
            attributes++;
        } else if (tag && *s == 'x' && strncmp((const char *)s, "xmlns", 5) == 0) {
            namespaces++;
        }
        if (attributes > MAX_ATTRIBUTES || namespaces > MAX_NAMESPACES)
            return true;
    }
    return false;
}

/* An entity looked up, counted against the budget; NULL (and the parse
 * stopped) once it is spent. */
static xmlEntityPtr budgeted(void *ctx, xmlEntityPtr ent)
{
    xmlParserCtxtPtr ctxt = ctx;
    xml_parse *p = ctxt->_private;
    if (!p->entity_bomb && ent && ent->etype != XML_INTERNAL_PREDEFINED_ENTITY) {
        p->entity_expansions++;
        p->entity_bytes += ent->length > 0 ? (size_t)ent->length : 0;
        if (p->entity_expansions > MAX_ENTITY_EXPANSIONS || p->entity_bytes > MAX_ENTITY_BYTES)
            entity_bomb(p);
        else if (!p->crowded && crowded_text(ent->content))
            crowded_parse(p);
    }
    if (!p->entity_bomb && !p->crowded)
        return ent;
    xmlStopParser(ctxt);
    return NULL;
}

static xmlEntityPtr get_entity(void *ctx, const xmlChar *name)
{
    return budgeted(ctx, xmlSAX2GetEntity(ctx, name));
}

static xmlEntityPtr get_parameter_entity(void *ctx, const xmlChar *name)
{
    return budgeted(ctx, xmlSAX2GetParameterEntity(ctx, name));
}

/* Attributes the doctype declares: libxml2 gives each element all its
 * defaults, comparing each with every attribute it has (40,000 took 6 s).
 * More than one element may have are refused. */
static void attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *fullname, int type,
                           int def, const xmlChar *defaultValue, xmlEnumerationPtr tree)
{
    xmlParserCtxtPtr ctxt = ctx;
    xml_parse *p = ctxt->_private;
    if (!p->crowded && ++p->attribute_decls <= MAX_ATTRIBUTES) {
        xmlSAX2AttributeDecl(ctx, elem, fullname, type, def, defaultValue, tree);
        return;
    }
    xmlFreeEnumeration(tree);
    crowded_parse(p);
    xmlStopParser(ctxt);
}

/* Entity declarations: libxml2's, and the caller told of external ones. */
static void entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                        const xmlChar *systemId, xmlChar *content)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlSAX2EntityDecl(ctx, name, type, publicId, systemId, content);
    xml_parse *p = ctxt->_private;
    bool external = type == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
                    type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
                    type == XML_EXTERNAL_PARAMETER_ENTITY;
    if (external && p->cb && p->cb->external_entity)
        p->cb->external_entity(p->state, (const char *)name, octavo_check_parse_line(ctx));
}

/* libxml2's errors, kept (not printed): the first fatal one is the
 * finding. */
static void parse_error(void *ctx, xmlErrorPtr err)
{
    xml_parse *p = ctx ? ((xmlParserCtxtPtr)ctx)->_private : NULL;
    if (!p)
        return;
    if (err->code == XML_ERR_ENTITY_LOOP) /* (its amplification check, too) */
        entity_bomb(p);
    if (err->level != XML_ERR_FATAL || p->first_code)
        return;
    p->first_code = err->code;
    p->first_line = err->line;
    snprintf(p->message, sizeof p->message, "%s", err->message ? err->message : "");
    size_t n = strlen(p->message);
    while (n && (p->message[n - 1] == '\n' || p->message[n - 1] == ' '))
        p->message[--n] = '\0';
}

/* Parses XML from `src` without building a tree, telling `cb` (NULL:
 * nothing) what is in it: the contents page of a 10,000-chapter book made
 * a 45 MB tree only to be walked once. Returns whether it is well-formed
 * and was read whole; when not, says why in `r` (PKG-008: the zip, RSC-016:
 * the XML). Safe to call from several threads. */
bool octavo_check_parse(const char *name, xml_source *src, const xml_callbacks *cb, void *state,
                        octavo_diags *r)
{
    /* libxml2's own handling of the prolog and a doctype's entities, so
     * that the document means what it says; nothing that builds nodes. */
    xmlSAXHandler sax;
    xmlSAXVersion(&sax, 2);
    sax.startElementNs = cb ? cb->start : NULL;
    sax.endElementNs = cb ? cb->end : NULL;
    sax.characters = sax.cdataBlock = cb ? cb->text : NULL;
    sax.ignorableWhitespace = NULL;
    sax.comment = NULL;
    sax.processingInstruction = NULL;
    sax.reference = NULL;
    sax.getEntity = get_entity;
    sax.getParameterEntity = get_parameter_entity;
    sax.attributeDecl = attribute_decl;
    sax.entityDecl = entity_decl;
    sax.serror = parse_error;
    xml_parse p = {.state = state, .cb = cb};
    xmlParserCtxtPtr ctxt =
        xmlCreateIOParserCtxt(&sax, NULL, source_read, NULL, src, XML_CHAR_ENCODING_NONE);
    bool ok = false;
    if (ctxt) {
        ctxt->_private = &p;
        p.top = ctxt;
        src->ctxt = ctxt;
        /* No entity substitution, no network, and libxml2's limits (no
         * XML_PARSE_HUGE): on entity amplification, on depth (256), on the
         * length of one name, CDATA section or attribute value (10 MB).
         * The book is untrusted. */
        xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        xmlParseDocument(ctxt);
        if (!src->crowded && (p.crowded || crowded(ctxt))) {
            src->crowded = true;
            src->crowded_line = p.crowded ? p.crowded_line : ctxt->input ? ctxt->input->line : 0;
        }
        src->ctxt = NULL;
        ok = ctxt->wellFormed && !p.entity_bomb && !p.first_code && !src->crowded;
        xmlFreeDoc(ctxt->myDoc); /* (no nodes: the doctype and its entities) */
        xmlFreeParserCtxt(ctxt);
    }
    /* The rest of the entry, so that its size and checksum are checked. */
    char rest[4096];
    while (ok && src->file && source_read(src, rest, sizeof rest) > 0)
        continue;
    if (src->error[0]) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "PKG-008", name, 0, "cannot be read: %s",
                                 src->error);
        return false;
    }
    if (p.entity_bomb) {
        /* RSC-016, as epubcheck's parser stops on its expansion limit
         * with a fatal error. */
        octavo_check_add_finding(
            r, OCTAVO_ERROR, "RSC-016", name, (unsigned)p.bomb_line,
            "not well-formed: its entities loop or expand too far (the limit: %d "
            "expansions, %d MB of text): an entity bomb?",
            MAX_ENTITY_EXPANSIONS, MAX_ENTITY_BYTES / 1000000);
        return false;
    }
    if (src->crowded) {
        /* RSC-016 too: the parser gives up on the file. (epubcheck's takes
         * up to 10,000 attributes; libxml2 2.9 would take minutes.) */
        octavo_check_add_finding(
            r, OCTAVO_ERROR, "RSC-016", name, (unsigned)src->crowded_line,
            "not read: an element has more than %d attributes, or more than %d "
            "namespaces are in scope",
            MAX_ATTRIBUTES, MAX_NAMESPACES);
        return false;
    }
    if (!ok) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-016", name, (unsigned)p.first_line,
                                 "not well-formed: %s",
                                 p.first_code ? p.message : "not well-formed XML");
    }
    return ok;
}

char *octavo_check_attribute_value(const xmlChar **a)
{
    return octavo_xstrndup((const char *)a[ATTR_VALUE], (size_t)(a[ATTR_END] - a[ATTR_VALUE]));
}

/* The value of the first attribute `name` in namespace `ns` (NULL: in
 * none), or in any when `any_ns`, copied; NULL when there is none. */
static char *find_attribute(const xmlChar **attrs, int count, const char *name, const char *ns,
                            bool any_ns)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        bool in_ns = any_ns ? true
                     : ns   ? a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], ns) == 0
                            : !a[ATTR_NS];
        if (in_ns && strcmp((const char *)a[ATTR_NAME], name) == 0)
            return octavo_check_attribute_value(a);
    }
    return NULL;
}

char *octavo_check_attribute(const xmlChar **attrs, int count, const char *name, const char *ns)
{
    return find_attribute(attrs, count, name, ns, false);
}

char *octavo_check_attribute_any_ns(const xmlChar **attrs, int count, const char *name)
{
    return find_attribute(attrs, count, name, NULL, true);
}

/* Whether the space-separated `list` (may be NULL) has `token`. */
bool octavo_check_has_token(const char *list, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = list; p && *p;) {
        while (isspace((unsigned char)*p))
            p++;
        size_t k = 0;
        while (p[k] && !isspace((unsigned char)p[k]))
            k++;
        if (k == n && strncmp(p, token, n) == 0)
            return true;
        p += k;
    }
    return false;
}

bool octavo_check_in_words(const char *words, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(words, word); n && p; p = strstr(p + 1, word))
        if (p > words && p[-1] == ' ' && p[n] == ' ')
            return true;
    return false;
}

bool octavo_check_is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", s[i]) || !s[i])
            return false;
    return true;
}

char *octavo_check_trimmed(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    return octavo_xstrndup(s, len);
}

struct name_slot {
    char *name, *ns; /* owned; name NULL: a free slot */
    uint32_t hash;
    int number;
};

/* FNV-1a over the name, then the namespace's length and its last eight
 * bytes (namespaces are long, and differ at their ends). */
static uint32_t name_hash(const char *name, const char *ns)
{
    uint32_t h = 2166136261u;
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    size_t n = ns ? strlen(ns) : 0;
    h = (h ^ (uint32_t)n) * 16777619u;
    for (size_t i = n > 8 ? n - 8 : 0; i < n; i++)
        h = (h ^ (unsigned char)ns[i]) * 16777619u;
    return h;
}

static bool same_ns(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static struct name_slot *name_slot(struct name_slot *slots, size_t cap, const char *name,
                                   const char *ns, uint32_t hash)
{
    for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!slots[i].name ||
            (slots[i].hash == hash && strcmp(slots[i].name, name) == 0 && same_ns(slots[i].ns, ns)))
            return &slots[i];
}

int octavo_check_name_number(name_table *t, const char *name, const char *ns, bool *fresh)
{
    *fresh = false;
    uint32_t h = name_hash(name, ns);
    struct name_slot *s = t->slots ? name_slot(t->slots, t->cap, name, ns, h) : NULL;
    if (s && s->name)
        return s->number;
    if (t->count >= NAME_TABLE_MAX)
        return -1;
    /* (at most half full, so that probes stay short and one slot is
     * always free; a power of two) */
    if (2 * (t->count + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 32;
        struct name_slot *slots = octavo_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].name)
                *name_slot(slots, cap, t->slots[i].name, t->slots[i].ns, t->slots[i].hash) =
                    t->slots[i];
        free(t->slots);
        t->slots = slots;
        t->cap = cap;
        s = name_slot(slots, cap, name, ns, h);
    }
    *s = (struct name_slot){octavo_xstrdup(name), ns ? octavo_xstrdup(ns) : NULL, h,
                            (int)t->count++};
    *fresh = true;
    return s->number;
}

void octavo_check_name_table_free(name_table *t)
{
    for (size_t i = 0; i < t->cap; i++) {
        free(t->slots[i].name);
        free(t->slots[i].ns);
    }
    free(t->slots);
    *t = (name_table){0};
}

static int compare_located_ids(const void *a, const void *b)
{
    const located_id *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

void octavo_check_duplicate_ids(located_id *ids, size_t count, const char *path, octavo_diags *r)
{
    if (count)
        qsort(ids, count, sizeof *ids, compare_located_ids);
    for (size_t i = 0; i < count; i++)
        if ((i > 0 && strcmp(ids[i].id, ids[i - 1].id) == 0) ||
            (i + 1 < count && strcmp(ids[i].id, ids[i + 1].id) == 0))
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, ids[i].line,
                                     "Duplicate \"%s\"", ids[i].id);
}
