#include "octavo/check.h"

#include "octavo/lang.h"
#include "octavo/mem.h"
#include "octavo/parallel.h"
#include "octavo/resources.h"
#include "octavo/sanitize.h"

#include <ctype.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_OPF   "http://www.idpf.org/2007/opf"
#define NS_DC    "http://purl.org/dc/elements/1.1/"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_OPS   "http://www.idpf.org/2007/ops"
#define NS_OCF   "urn:oasis:names:tc:opendocument:xmlns:container"

/* A report keeps this many findings (it counts them all): a broken book
 * can have one per link. */
#define MAX_KEPT_FINDINGS 2000

/* ---- the report ----------------------------------------------------------- */

__attribute__((format(printf, 6, 7))) static void add_finding(octavo_check_report *r,
                                                              octavo_severity severity,
                                                              const char *code, const char *path,
                                                              unsigned line, const char *fmt, ...)
{
    if (severity == OCTAVO_ERROR)
        r->errors++;
    else
        r->warnings++;
    if (r->count >= MAX_KEPT_FINDINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    octavo_buf msg = OCTAVO_BUF_INIT;
    octavo_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    r->items = octavo_xgrow(r->items, &r->cap, r->count + 1, sizeof *r->items);
    octavo_finding *f = &r->items[r->count++];
    *f = (octavo_finding){.severity = severity,
                          .path = path ? octavo_xstrdup(path) : NULL,
                          .line = line,
                          .message = octavo_buf_detach(&msg)};
    snprintf(f->code, sizeof f->code, "%s", code);
}

void octavo_check_report_free(octavo_check_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].path);
        free(r->items[i].message);
    }
    free(r->items);
    *r = (octavo_check_report){0};
}

void octavo_finding_format(const octavo_finding *f, const char *book, octavo_buf *out)
{
    octavo_buf_printf(out, "%s: ", book);
    if (f->path) {
        octavo_buf_puts(out, f->path);
        if (f->line)
            octavo_buf_printf(out, ":%u", f->line);
        octavo_buf_puts(out, ": ");
    }
    octavo_buf_printf(out, "%s %s: %s", f->severity == OCTAVO_ERROR ? "ERROR" : "WARNING", f->code,
                      f->message);
}

static void json_string(octavo_buf *out, const char *s)
{
    octavo_buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            octavo_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            octavo_buf_puts(out, "\\n");
        else if (c < 0x20)
            octavo_buf_printf(out, "\\u%04x", c);
        else
            octavo_buf_putc(out, (char)c);
    }
    octavo_buf_putc(out, '"');
}

void octavo_check_report_json(const octavo_check_report *r, const char *book, octavo_buf *out)
{
    octavo_buf_puts(out, "{\"book\":");
    json_string(out, book);
    octavo_buf_printf(out, ",\"errors\":%zu,\"warnings\":%zu,\"findings\":[", r->errors,
                      r->warnings);
    for (size_t i = 0; i < r->count; i++) {
        const octavo_finding *f = &r->items[i];
        octavo_buf_puts(out, i ? ",{" : "{");
        octavo_buf_printf(out, "\"severity\":\"%s\",\"code\":",
                          f->severity == OCTAVO_ERROR ? "error" : "warning");
        json_string(out, f->code);
        octavo_buf_puts(out, ",\"path\":");
        if (f->path)
            json_string(out, f->path);
        else
            octavo_buf_puts(out, "null");
        octavo_buf_printf(out, ",\"line\":%u,\"message\":", f->line);
        json_string(out, f->message);
        octavo_buf_putc(out, '}');
    }
    octavo_buf_puts(out, "]}");
}

/* ---- the files of the book ------------------------------------------------ */

typedef struct entry {
    const char *name; /* owned by the zip */
    zip_uint64_t index;
    zip_uint64_t size;
    const octavo_known_entry *known;
    /* From the manifest. */
    const char *media_type; /* owned by the OPF document; NULL: not listed */
    bool in_spine, is_nav;
    /* From parsing it (XHTML content documents). */
    bool parsed;
    char **ids; /* sorted */
    size_t id_count;
    struct octavo_page_facts *facts; /* read ahead; not owned */
} entry;

/* A link to a place in another document, checked once all are read. */
typedef struct pending_fragment {
    size_t target;
    char *fragment;
    size_t from;
    unsigned line;
} pending_fragment;

typedef struct checker {
    zip_t *za;
    octavo_check_report *r;
    entry *entries;
    size_t entry_count;
    size_t *slots; /* hash of names: index + 1, 0 empty */
    size_t slot_cap;
    const octavo_known_entry *known;
    size_t known_count;
    pending_fragment *pending;
    size_t pending_count, pending_cap;
    zip_uint64_t bytes_read;
    bool epub3; /* (the package's version, once read) */
} checker;

static size_t name_hash(const char *s, size_t len)
{
    size_t h = 14695981039346656037ULL & SIZE_MAX;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static entry *find_entry_n(const checker *ck, const char *name, size_t len)
{
    if (!ck->slot_cap)
        return NULL;
    for (size_t i = name_hash(name, len) & (ck->slot_cap - 1);; i = (i + 1) & (ck->slot_cap - 1)) {
        if (!ck->slots[i])
            return NULL;
        entry *e = &ck->entries[ck->slots[i] - 1];
        if (strlen(e->name) == len && memcmp(e->name, name, len) == 0)
            return e;
    }
}

static entry *find_entry(const checker *ck, const char *name)
{
    return find_entry_n(ck, name, strlen(name));
}

static void index_entries(checker *ck)
{
    ck->slot_cap = 16;
    while (ck->slot_cap < 2 * ck->entry_count)
        ck->slot_cap *= 2;
    ck->slots = octavo_xcalloc(ck->slot_cap, sizeof *ck->slots);
    for (size_t k = 0; k < ck->entry_count; k++) {
        if (find_entry(ck, ck->entries[k].name))
            continue; /* the first of two equal names */
        size_t i = name_hash(ck->entries[k].name, strlen(ck->entries[k].name)) & (ck->slot_cap - 1);
        while (ck->slots[i])
            i = (i + 1) & (ck->slot_cap - 1);
        ck->slots[i] = k + 1;
    }
}

/* The entry's bytes (NUL-terminated). *owned is set when the caller must
 * free them. NULL (with a finding) when it cannot be read. */
static const char *read_entry(checker *ck, entry *e, size_t *len, char **owned)
{
    *owned = NULL;
    if (e->known && e->known->data) { /* (else only its facts were kept) */
        *len = e->known->len;
        return e->known->data;
    }
    if (e->size > OCTAVO_CHECK_MAX_ENTRY_BYTES ||
        ck->bytes_read + e->size > OCTAVO_CHECK_MAX_TOTAL_BYTES) {
        add_finding(ck->r, OCTAVO_ERROR, "PKG-008", e->name, 0,
                    "not read: the book unpacks to more than %llu MB (a zip bomb?)",
                    (unsigned long long)(OCTAVO_CHECK_MAX_TOTAL_BYTES >> 20));
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(ck->za, e->index, 0);
    if (!f) {
        add_finding(ck->r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                    zip_strerror(ck->za));
        return NULL;
    }
    char *data = octavo_xmalloc((size_t)e->size + 1);
    zip_int64_t n = zip_fread(f, data, e->size);
    char extra;
    bool longer = n >= 0 && (zip_uint64_t)n == e->size && zip_fread(f, &extra, 1) > 0;
    const char *why = n < 0 ? zip_file_strerror(f) : NULL;
    if (n < 0 || (zip_uint64_t)n != e->size || longer) {
        add_finding(ck->r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                    why ? why : "its size is not the one the zip gives");
        zip_fclose(f);
        free(data);
        return NULL;
    }
    zip_fclose(f);
    ck->bytes_read += e->size;
    data[e->size] = '\0';
    *len = (size_t)e->size;
    *owned = data;
    return data;
}

/* ---- parsing XML ----------------------------------------------------------- */

/* What entities may cost one document: as many expansions as the JDK's
 * parser allows, under epubcheck (jdk.xml.entityExpansionLimit, 64,000),
 * and as much replacement text as libxml2 allows one text node (10 MB).
 * A book needs a few; an entity bomb ("billion laughs": nine levels of
 * ten references) asks for a billion, which took minutes and gigabytes.
 * Declarations count too (libxml2 looks each one up once). */
#define MAX_ENTITY_EXPANSIONS 64000
#define MAX_ENTITY_BYTES      (10 * 1000 * 1000)

/* Where a parse reads its bytes: an entry of the zip as it inflates, or
 * bytes in memory. Either way libxml2 pulls them a few KB at a time and
 * keeps no more than the token it is reading (a long comment, CDATA
 * section or attribute value, at most 10 MB without XML_PARSE_HUGE), so
 * that parsing is linear and its memory bounded whatever the entry's
 * size. (Its push parser, fed in large pieces, looked for the end of a
 * long comment or CDATA section from its start with each new piece.) */
typedef struct xml_source {
    xmlParserCtxtPtr ctxt; /* the parse reading it, watched (see crowded) */
    bool crowded;
    int crowded_line;
    const char *data; /* in memory... */
    size_t len, at;
    zip_file_t *file; /* ...or from the zip, with the size it declares */
    zip_uint64_t size, got;
    char error[160]; /* why the entry could not be read; "" when it could */
} xml_source;

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

static void memory_source(xml_source *s, const char *data, size_t len)
{
    *s = (xml_source){.data = data, .len = len};
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

/* Opens the entry to be parsed as it inflates (within read_entry's
 * limits); false (with a finding in `r`) when it cannot be. */
static bool open_entry(checker *ck, entry *e, xml_source *src, octavo_check_report *r)
{
    if (e->size > OCTAVO_CHECK_MAX_ENTRY_BYTES ||
        ck->bytes_read + e->size > OCTAVO_CHECK_MAX_TOTAL_BYTES) {
        add_finding(r, OCTAVO_ERROR, "PKG-008", e->name, 0,
                    "not read: the book unpacks to more than %llu MB (a zip bomb?)",
                    (unsigned long long)(OCTAVO_CHECK_MAX_TOTAL_BYTES >> 20));
        return false;
    }
    *src = (xml_source){.file = zip_fopen_index(ck->za, e->index, 0), .size = e->size};
    if (!src->file) {
        add_finding(r, OCTAVO_ERROR, "PKG-008", e->name, 0, "cannot be read: %s",
                    zip_strerror(ck->za));
        return false;
    }
    ck->bytes_read += e->size;
    return true;
}

/* What a streaming parse is told of (any may be NULL): elements as they
 * start and end, and text. Each gets the parser context as its first
 * argument; parse_state(ctx) is the caller's state. */
typedef struct xml_callbacks {
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
    charactersSAXFunc text;
    /* An external entity the doctype declares (never read), and its line. */
    void (*external_entity)(void *state, const char *name, unsigned line);
} xml_callbacks;

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
static void *parse_state(void *ctx)
{
    return ((xml_parse *)((xmlParserCtxtPtr)ctx)->_private)->state;
}

/* Marks the parse as an entity bomb, at the document's current line. */
static void entity_bomb(xml_parse *p)
{
    if (!p->entity_bomb && p->top && p->top->input)
        p->bomb_line = p->top->input->line;
    p->entity_bomb = true;
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
        else if (!p->crowded && crowded_text(ent->content)) {
            p->crowded = true;
            p->crowded_line = p->top && p->top->input ? p->top->input->line : 0;
        }
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
    if (!p->crowded) {
        p->crowded = true;
        p->crowded_line = p->top && p->top->input ? p->top->input->line : 0;
    }
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
        p->cb->external_entity(p->state, (const char *)name,
                               ctxt->input ? (unsigned)ctxt->input->line : 0);
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
static bool parse_streaming(const char *name, xml_source *src, const xml_callbacks *cb, void *state,
                            octavo_check_report *r)
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
        add_finding(r, OCTAVO_ERROR, "PKG-008", name, 0, "cannot be read: %s", src->error);
        return false;
    }
    if (p.entity_bomb) {
        /* RSC-016, as epubcheck's parser stops on its expansion limit
         * with a fatal error. */
        add_finding(r, OCTAVO_ERROR, "RSC-016", name, (unsigned)p.bomb_line,
                    "not well-formed: its entities loop or expand too far (the limit: %d "
                    "expansions, %d MB of text): an entity bomb?",
                    MAX_ENTITY_EXPANSIONS, MAX_ENTITY_BYTES / 1000000);
        return false;
    }
    if (src->crowded) {
        /* RSC-016 too: the parser gives up on the file. (epubcheck's takes
         * up to 10,000 attributes; libxml2 2.9 would take minutes.) */
        add_finding(r, OCTAVO_ERROR, "RSC-016", name, (unsigned)src->crowded_line,
                    "not read: an element has more than %d attributes, or more than %d "
                    "namespaces are in scope",
                    MAX_ATTRIBUTES, MAX_NAMESPACES);
        return false;
    }
    if (!ok) {
        add_finding(r, OCTAVO_ERROR, "RSC-016", name, (unsigned)p.first_line, "not well-formed: %s",
                    p.first_code ? p.message : "not well-formed XML");
    }
    return ok;
}

/* SAX2 gives an element's attributes as five pointers each: local name,
 * prefix, namespace, value, end of value. */
enum { ATTR_NAME, ATTR_PREFIX, ATTR_NS, ATTR_VALUE, ATTR_END, ATTR_FIELDS };

/* The value of the attribute `name` in namespace `ns` (NULL: in none, as
 * xmlGetProp reads it), copied; NULL when there is none. */
static char *attribute(const xmlChar **attrs, int count, const char *name, const char *ns)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        bool in_ns = ns ? a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], ns) == 0 : !a[ATTR_NS];
        if (in_ns && strcmp((const char *)a[ATTR_NAME], name) == 0)
            return octavo_xstrndup((const char *)a[ATTR_VALUE],
                                   (size_t)(a[ATTR_END] - a[ATTR_VALUE]));
    }
    return NULL;
}

/* The entry as a source: from memory when the caller holds it, else as
 * it inflates; false (with a finding in `r`) when it cannot be read. */
static bool open_source(checker *ck, entry *e, xml_source *src, octavo_check_report *r)
{
    if (e->known && e->known->data) { /* (else only its facts were kept) */
        memory_source(src, e->known->data, e->known->len);
        return true;
    }
    return open_entry(ck, e, src, r);
}

static void close_source(xml_source *src)
{
    if (src->file)
        zip_fclose(src->file);
    src->file = NULL;
}

/* parse_streaming over an entry of the book; false when it cannot be read
 * or is not well-formed (said). */
static bool stream_entry(checker *ck, entry *e, const xml_callbacks *cb, void *state,
                         octavo_check_report *r)
{
    xml_source src;
    if (!open_source(ck, e, &src, r))
        return false;
    bool ok = parse_streaming(e->name, &src, cb, state, r);
    close_source(&src);
    return ok;
}

/* ---- paths and URLs ------------------------------------------------------- */

static int hex_value(char c)
{
    return isdigit((unsigned char)c)    ? c - '0'
           : isxdigit((unsigned char)c) ? (tolower(c) - 'a' + 10)
                                        : -1;
}

static void percent_decode(const char *s, size_t len, octavo_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
            (lo = hex_value(s[i + 2])) >= 0) {
            octavo_buf_putc(out, (char)(hi * 16 + lo));
            i += 2;
        } else {
            octavo_buf_putc(out, s[i]);
        }
    }
    octavo_buf_putc(out, '\0'); /* never NULL data, even when empty */
    out->len--;
}

/* `href` (its path part, percent-decoded) resolved against the folder of
 * `base` ("EPUB/text/ch1.xhtml"), "." and ".." removed. False when it
 * leaves the container. */
static bool resolve_path(const char *base, const char *href, size_t href_len, octavo_buf *out)
{
    octavo_buf_clear(out);
    const char *slash = strrchr(base, '/');
    if (slash)
        octavo_buf_append(out, base, (size_t)(slash - base) + 1);
    percent_decode(href, href_len, out);
    /* Normalise segment by segment. */
    char *p = out->data;
    size_t w = 0, len = out->len;
    size_t starts[256];
    size_t depth = 0;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && p[j] != '/')
            j++;
        size_t seg = j - i;
        if (seg == 0 || (seg == 1 && p[i] == '.')) {
            /* nothing */
        } else if (seg == 2 && p[i] == '.' && p[i + 1] == '.') {
            if (!depth)
                return false;
            w = starts[--depth];
        } else {
            if (depth < 256)
                starts[depth++] = w;
            if (w)
                p[w++] = '/';
            memmove(p + w, p + i, seg);
            w += seg;
        }
        i = j + 1;
        if (j >= len)
            break;
    }
    out->len = w;
    out->data[w] = '\0';
    return true;
}

/* ---- container ------------------------------------------------------------ */

static bool unsafe_name(const char *name)
{
    if (name[0] == '/' || name[0] == '\\' || strchr(name, '\\'))
        return true;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n;
        if (*p)
            p++;
    }
    return false;
}

static void check_mimetype(checker *ck)
{
    entry *first = ck->entry_count ? &ck->entries[0] : NULL;
    if (!first || strcmp(first->name, "mimetype") != 0) {
        add_finding(ck->r, OCTAVO_ERROR, "PKG-006", NULL, 0,
                    "the mimetype file is missing or is not the first file in the zip");
        return;
    }
    zip_stat_t st;
    if (!first->known && zip_stat_index(ck->za, first->index, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE)
        add_finding(ck->r, OCTAVO_ERROR, "PKG-007", "mimetype", 0,
                    "the mimetype file must be stored, not compressed");
    if (!first->known &&
        zip_file_extra_fields_count(ck->za, first->index, ZIP_FL_LOCAL | ZIP_FL_CENTRAL) > 0)
        add_finding(ck->r, OCTAVO_ERROR, "PKG-005", "mimetype", 0,
                    "the mimetype file has an extra field; none is allowed");
    size_t len;
    char *owned;
    const char *data = first->size <= 64 ? read_entry(ck, first, &len, &owned) : NULL;
    if (!data || len != 20 || memcmp(data, "application/epub+zip", 20) != 0)
        add_finding(ck->r, OCTAVO_ERROR, "PKG-007", "mimetype", 0,
                    "the mimetype file must contain exactly \"application/epub+zip\"");
    if (data)
        free(owned);
}

/* The value of the attribute `name` in any namespace, as xmlGetProp
 * reads it, copied; NULL when there is none. */
static char *attribute_any_ns(const xmlChar **attrs, int count, const char *name)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (strcmp((const char *)a[ATTR_NAME], name) == 0)
            return octavo_xstrndup((const char *)a[ATTR_VALUE],
                                   (size_t)(a[ATTR_END] - a[ATTR_VALUE]));
    }
    return NULL;
}

/* The full-path of container.xml's first rootfile of the package's media
 * type, wherever it is. */
static void container_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                            const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                            int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    char **path = parse_state(ctx);
    if (*path || strcmp((const char *)localname, "rootfile") != 0 || !uri ||
        strcmp((const char *)uri, NS_OCF) != 0)
        return;
    char *type = attribute_any_ns(attrs, nb_attributes, "media-type");
    char *full = attribute_any_ns(attrs, nb_attributes, "full-path");
    if (type && strcmp(type, "application/oebps-package+xml") == 0 && full) {
        *path = full;
        full = NULL;
    }
    free(type);
    free(full);
}

/* Finds the package document. NULL when there is none to check. */
static char *find_package(checker *ck)
{
    entry *container = find_entry(ck, "META-INF/container.xml");
    if (!container) {
        add_finding(ck->r, OCTAVO_ERROR, "RSC-002", NULL, 0, "META-INF/container.xml is missing");
        return NULL;
    }
    /* Streamed like the rest: as a tree, a container.xml of a million
     * elements (100 KB zipped) took gigabytes. */
    static const xml_callbacks callbacks = {container_start, NULL, NULL, NULL};
    char *path = NULL;
    if (!stream_entry(ck, container, &callbacks, &path, ck->r)) {
        free(path);
        return NULL;
    }
    if (!path) {
        add_finding(ck->r, OCTAVO_ERROR, "RSC-003", "META-INF/container.xml", 0,
                    "no rootfile with media type application/oebps-package+xml");
        return NULL;
    }
    if (!find_entry(ck, path)) {
        add_finding(ck->r, OCTAVO_ERROR, "OPF-002", "META-INF/container.xml", 0,
                    "the package document \"%s\" is not in the book", path);
        free(path);
        return NULL;
    }
    return path;
}

/* ---- package document ----------------------------------------------------- */

static bool is_w3c_timestamp(const char *s)
{
    static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof pattern - 1)
        return false;
    for (size_t i = 0; pattern[i]; i++)
        if (pattern[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pattern[i])
            return false;
    return true;
}

/* An element's text without the white space around it (owned). */
static char *trimmed(const octavo_buf *text)
{
    const char *s = octavo_buf_cstr(text);
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    return octavo_xstrndup(s, len);
}

static bool has_token(const char *list, const char *token)
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

/* ---- the package document, read as it streams by ------------------------ */

/* A metadata element: dc:identifier ('i'), dc:title ('t'), dc:language
 * ('l') or meta ('m'), anywhere in the package, with all its text. */
typedef struct opf_meta {
    char kind;
    unsigned line;
    char *id, *property, *refines;
    octavo_buf text;
} opf_meta;

/* A manifest item's attributes (in any namespace, as in the tree), or a
 * spine itemref's. */
typedef struct opf_entry {
    unsigned line;
    char *id, *href, *media_type, *properties; /* item */
    char *idref, *linear;                      /* itemref */
} opf_entry;

typedef struct opf_list {
    opf_entry *items;
    size_t count, cap;
} opf_list;

/* A metadata element being read: its index into metas, and its depth. */
typedef struct open_meta {
    size_t index, depth;
} open_meta;

/* What the checks of the package need of it, without its tree: that of a
 * 10,000-chapter book's package document took 15 MB. */
typedef struct package_doc {
    bool root_wrong; /* not package in the OPF namespace */
    unsigned line;
    char *version, *unique; /* NULL: no such attribute */
    opf_meta *metas;
    size_t meta_count, meta_cap;
    /* The package's last manifest and last spine, as a tree walk finds. */
    bool has_manifest, has_spine;
    unsigned manifest_line, spine_line;
    char *toc; /* the spine's toc attribute */
    opf_list items, itemrefs;
    /* While reading: depth, the child of the package being read ('m'
     * manifest, 's' spine, 0 another), and the metadata elements open. */
    size_t depth;
    char in;
    open_meta *open;
    size_t open_count, open_cap;
} package_doc;

static void opf_list_clear(opf_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        opf_entry *e = &l->items[i];
        free(e->id), free(e->href), free(e->media_type), free(e->properties);
        free(e->idref), free(e->linear);
    }
    l->count = 0;
}

static void package_doc_free(package_doc *p)
{
    free(p->version);
    free(p->unique);
    for (size_t i = 0; i < p->meta_count; i++) {
        free(p->metas[i].id), free(p->metas[i].property), free(p->metas[i].refines);
        octavo_buf_free(&p->metas[i].text);
    }
    free(p->metas);
    free(p->toc);
    opf_list_clear(&p->items);
    free(p->items.items);
    opf_list_clear(&p->itemrefs);
    free(p->itemrefs.items);
    free(p->open);
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
    *slot = octavo_xstrndup((const char *)a[ATTR_VALUE], (size_t)(a[ATTR_END] - a[ATTR_VALUE]));
}

static void package_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    xmlParserCtxtPtr ctxt = ctx;
    package_doc *p = parse_state(ctx);
    unsigned line = ctxt->input ? (unsigned)ctxt->input->line : 0;
    const char *el = (const char *)localname;
    const char *ns = uri ? (const char *)uri : "";
    bool opf = strcmp(ns, NS_OPF) == 0, dc = strcmp(ns, NS_DC) == 0;
    size_t depth = p->depth++;
    if (depth == 0) {
        p->root_wrong = !opf || strcmp(el, "package") != 0;
        p->line = line;
        p->version = attribute(attrs, nb_attributes, "version", NULL);
        p->unique = attribute(attrs, nb_attributes, "unique-identifier", NULL);
        return;
    }
    if (p->root_wrong)
        return;
    char kind = dc && strcmp(el, "identifier") == 0 ? 'i'
                : dc && strcmp(el, "title") == 0    ? 't'
                : dc && strcmp(el, "language") == 0 ? 'l'
                : opf && strcmp(el, "meta") == 0    ? 'm'
                                                    : 0;
    if (kind) {
        p->metas = octavo_xgrow(p->metas, &p->meta_cap, p->meta_count + 1, sizeof *p->metas);
        p->metas[p->meta_count] =
            (opf_meta){.kind = kind,
                       .line = line,
                       .id = attribute(attrs, nb_attributes, "id", NULL),
                       .property = attribute(attrs, nb_attributes, "property", NULL),
                       .refines = attribute(attrs, nb_attributes, "refines", NULL),
                       .text = OCTAVO_BUF_INIT};
        p->open = octavo_xgrow(p->open, &p->open_cap, p->open_count + 1, sizeof *p->open);
        p->open[p->open_count++] = (open_meta){p->meta_count++, depth};
    }
    if (depth == 1) {
        p->in = opf && strcmp(el, "manifest") == 0 ? 'm'
                : opf && strcmp(el, "spine") == 0  ? 's'
                                                   : 0;
        if (p->in == 'm') {
            p->has_manifest = true;
            p->manifest_line = line;
            opf_list_clear(&p->items);
        } else if (p->in == 's') {
            p->has_spine = true;
            p->spine_line = line;
            free(p->toc);
            p->toc = attribute(attrs, nb_attributes, "toc", NULL);
            opf_list_clear(&p->itemrefs);
        }
    } else if (depth == 2 && p->in == 'm' && opf && strcmp(el, "item") == 0) {
        opf_entry *e = opf_list_add(&p->items, line);
        for (int i = 0; i < nb_attributes; i++) {
            const xmlChar **a = attrs + i * ATTR_FIELDS;
            const char *name = (const char *)a[ATTR_NAME];
            char **slot = strcmp(name, "id") == 0           ? &e->id
                          : strcmp(name, "href") == 0       ? &e->href
                          : strcmp(name, "media-type") == 0 ? &e->media_type
                          : strcmp(name, "properties") == 0 ? &e->properties
                                                            : NULL;
            if (slot)
                take_value(slot, a);
        }
    } else if (depth == 2 && p->in == 's' && opf && strcmp(el, "itemref") == 0) {
        opf_entry *e = opf_list_add(&p->itemrefs, line);
        e->idref = attribute(attrs, nb_attributes, "idref", NULL);
        e->linear = attribute(attrs, nb_attributes, "linear", NULL);
    }
}

static void package_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    package_doc *p = parse_state(ctx);
    if (p->depth)
        p->depth--;
    if (p->open_count && p->open[p->open_count - 1].depth == p->depth)
        p->open_count--; /* (a metadata element ended) */
    if (p->depth == 1)
        p->in = 0;
}

/* Text belongs to every metadata element it is inside (xmlNodeGetContent). */
static void package_text(void *ctx, const xmlChar *text, int len)
{
    package_doc *p = parse_state(ctx);
    for (size_t i = 0; i < p->open_count; i++)
        octavo_buf_append(&p->metas[p->open[i].index].text, (const char *)text, (size_t)len);
}

/* The package document read into `p`; false when it cannot be (said). */
static bool read_package(checker *ck, const char *opf, package_doc *p)
{
    static const xml_callbacks callbacks = {package_start, package_end, package_text, NULL};
    return stream_entry(ck, find_entry(ck, opf), &callbacks, p, ck->r);
}

static void check_metadata(checker *ck, const char *opf, const package_doc *p, bool epub3)
{
    const char *unique = p->unique;
    if (!unique || !*unique)
        add_finding(ck->r, OCTAVO_ERROR, "OPF-048", opf, p->line,
                    "the package has no unique-identifier attribute");
    bool unique_found = false;
    size_t identifiers = 0, titles = 0, languages = 0, modified = 0;
    for (size_t i = 0; i < p->meta_count; i++) {
        const opf_meta *m = &p->metas[i];
        if (m->kind == 'i') {
            identifiers++;
            if (unique && m->id && strcmp(m->id, unique) == 0) {
                unique_found = true;
                char *value = trimmed(&m->text);
                if (!*value)
                    add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                "the unique identifier is empty");
                free(value);
            }
        } else if (m->kind == 't') {
            titles++;
        } else if (m->kind == 'l') {
            languages++;
            char *value = trimmed(&m->text);
            if (!octavo_lang_is_valid(value))
                add_finding(ck->r, OCTAVO_ERROR, "OPF-092", opf, m->line,
                            "language tag \"%s\" is not well-formed", value);
            free(value);
        } else if (m->property && !m->refines && strcmp(m->property, "dcterms:modified") == 0) {
            modified++;
            char *value = trimmed(&m->text);
            if (!is_w3c_timestamp(value))
                add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                            "dcterms:modified \"%s\" must be CCYY-MM-DDThh:mm:ssZ", value);
            free(value);
        }
    }
    if (unique && *unique && !unique_found)
        add_finding(ck->r, OCTAVO_ERROR, "OPF-030", opf, p->line,
                    "the unique-identifier \"%s\" was not found", unique);
    if (!identifiers)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                    "the metadata has no dc:identifier element");
    if (!titles)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0, "the metadata has no dc:title element");
    if (!languages)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                    "the metadata has no dc:language element");
    if (epub3 && modified != 1)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                    "the metadata must have exactly one dcterms:modified meta element (it has %zu)",
                    modified);
}

/* ---- manifest and spine --------------------------------------------------- */

/* What one XHTML page says, read from the page alone, so that pages can
 * be read on another core while the book is being compressed. */
typedef struct page_ref {
    char *url;
    unsigned line;
    bool hyperlink;
    char nav; /* the nav it is in: 't' toc, 'l' landmarks, 'o' another, 0 none */
} page_ref;

typedef struct octavo_page_facts {
    bool scanned;
    bool is_xhtml;                /* well-formed, html root in the XHTML namespace */
    octavo_check_report findings; /* of the page alone */
    char **ids;                   /* sorted */
    size_t id_count, id_cap;
    page_ref *refs;
    size_t ref_count, ref_cap;
    size_t toc_navs;
    char *external_entity; /* the first the doctype declares, or NULL */
    unsigned external_line;
} page_facts;

static void page_facts_free(page_facts *f)
{
    octavo_check_report_free(&f->findings);
    for (size_t i = 0; i < f->id_count; i++)
        free(f->ids[i]);
    free(f->ids);
    for (size_t i = 0; i < f->ref_count; i++)
        free(f->refs[i].url);
    free(f->refs);
    free(f->external_entity);
    *f = (page_facts){0};
}

static void merge_findings(octavo_check_report *into, const octavo_check_report *from)
{
    size_t errors = 0, warnings = 0; /* among those kept */
    for (size_t i = 0; i < from->count; i++) {
        const octavo_finding *f = &from->items[i];
        add_finding(into, f->severity, f->code, f->path, f->line, "%s", f->message);
        if (f->severity == OCTAVO_ERROR)
            errors++;
        else
            warnings++;
    }
    /* and those the page counted without keeping */
    into->errors += from->errors - errors;
    into->warnings += from->warnings - warnings;
}

typedef struct item {
    const char *id, *href, *media_type, *properties; /* in the OPF document */
    entry *file;                                     /* NULL: not in the zip (or remote) */
    unsigned line;
} item;

typedef struct package_info {
    item *items;
    size_t count, cap;
    const item **by_id; /* sorted by id */
} package_info;

static int compare_item_ids(const void *a, const void *b)
{
    return strcmp((*(const item *const *)a)->id, (*(const item *const *)b)->id);
}

static const item *item_by_id(const package_info *p, const char *id)
{
    item key = {.id = id};
    const item *k = &key;
    const item **found =
        p->count ? bsearch(&k, p->by_id, p->count, sizeof *p->by_id, compare_item_ids) : NULL;
    return found ? *found : NULL;
}

static void check_media_type(checker *ck, const item *it)
{
    if (strncmp(it->media_type, "image/", 6) != 0 || !it->file)
        return;
    size_t len;
    char *owned;
    const char *data = read_entry(ck, it->file, &len, &owned);
    if (!data)
        return;
    const char *sniffed = octavo_image_type(data, len);
    if (!sniffed || strcmp(sniffed, it->media_type) != 0)
        add_finding(ck->r, OCTAVO_ERROR, "OPF-029", it->file->name, 0,
                    "the file does not match its media type %s%s%s", it->media_type,
                    sniffed ? ": it is " : "", sniffed ? sniffed : "");
    free(owned);
}

static void read_manifest(checker *ck, const char *opf, const package_doc *doc, package_info *p,
                          bool epub3)
{
    octavo_buf path = OCTAVO_BUF_INIT;
    size_t navs = 0;
    for (size_t i = 0; i < doc->items.count; i++) {
        const opf_entry *e = &doc->items.items[i];
        item it = {.id = e->id,
                   .href = e->href,
                   .media_type = e->media_type,
                   .properties = e->properties,
                   .line = e->line};
        if (!it.id || !it.href || !it.media_type) {
            add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, it.line,
                        "a manifest item needs id, href and media-type");
            continue;
        }
        if (it.properties && has_token(it.properties, "nav"))
            navs++;
        if (!octavo_url_has_scheme(it.href)) {
            size_t keep = strcspn(it.href, "#?");
            if (!resolve_path(opf, it.href, keep, &path) ||
                !(it.file = find_entry(ck, path.data ? path.data : ""))) {
                add_finding(ck->r, OCTAVO_ERROR, "RSC-001", opf, it.line,
                            "file \"%s\" could not be found", it.href);
            } else if (it.file->media_type) {
                add_finding(ck->r, OCTAVO_ERROR, "OPF-074", opf, it.line,
                            "\"%s\" is declared in several manifest items", it.href);
                it.file = NULL;
            } else {
                it.file->media_type = it.media_type;
                it.file->is_nav = it.properties && has_token(it.properties, "nav");
            }
        }
        p->items = octavo_xgrow(p->items, &p->cap, p->count + 1, sizeof *p->items);
        p->items[p->count++] = it;
    }
    octavo_buf_free(&path);
    if (epub3 && navs != 1)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, doc->manifest_line,
                    "exactly one manifest item must declare the \"nav\" property (found %zu)",
                    navs);
    p->by_id = octavo_xmalloc((p->count + 1) * sizeof *p->by_id);
    for (size_t i = 0; i < p->count; i++)
        p->by_id[i] = &p->items[i];
    if (p->count)
        qsort(p->by_id, p->count, sizeof *p->by_id, compare_item_ids);
    for (size_t i = 1; i < p->count; i++)
        if (strcmp(p->by_id[i - 1]->id, p->by_id[i]->id) == 0)
            add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, p->by_id[i]->line,
                        "duplicate manifest id \"%s\"", p->by_id[i]->id);
    for (size_t i = 0; i < p->count; i++)
        check_media_type(ck, &p->items[i]);
}

static bool is_content_type(const char *media_type)
{
    return strcmp(media_type, "application/xhtml+xml") == 0 ||
           strcmp(media_type, "image/svg+xml") == 0;
}

/* The spine's linear items are collected in `reading` for the nav check. */
static void read_spine(checker *ck, const char *opf, const package_doc *doc, const package_info *p,
                       entry ***reading, size_t *reading_count)
{
    size_t cap = 0, linear = 0;
    const char *toc = doc->toc;
    if (toc) {
        const item *it = item_by_id(p, toc);
        if (!it)
            add_finding(ck->r, OCTAVO_ERROR, "OPF-049", opf, doc->spine_line,
                        "item id \"%s\" (the spine's toc) was not found in the manifest", toc);
        else if (strcmp(it->media_type, "application/x-dtbncx+xml") != 0)
            add_finding(ck->r, OCTAVO_ERROR, "OPF-050", opf, doc->spine_line,
                        "the spine's toc attribute must point at the NCX "
                        "(application/x-dtbncx+xml), not %s",
                        it->media_type);
        else if (it->file && it->file->facts && it->file->facts->scanned)
            merge_findings(ck->r, &it->file->facts->findings); /* read while it was made */
        else if (it->file)
            stream_entry(ck, it->file, NULL, NULL, ck->r); /* (well-formed?) */
    }
    for (size_t i = 0; i < doc->itemrefs.count; i++) {
        const opf_entry *ref = &doc->itemrefs.items[i];
        unsigned line = ref->line;
        const item *it = ref->idref ? item_by_id(p, ref->idref) : NULL;
        if (!it) {
            add_finding(ck->r, OCTAVO_ERROR, "OPF-049", opf, line,
                        "item id \"%s\" was not found in the manifest",
                        ref->idref ? ref->idref : "");
        } else if (!is_content_type(it->media_type)) {
            add_finding(ck->r, OCTAVO_ERROR, "OPF-043", opf, line,
                        "spine item \"%s\" has media type %s, not a content document", it->id,
                        it->media_type);
        } else if (it->file) {
            if (it->file->in_spine)
                add_finding(ck->r, OCTAVO_ERROR, "OPF-034", opf, line,
                            "the spine refers to \"%s\" more than once", it->id);
            it->file->in_spine = true;
            if (!ref->linear || strcmp(ref->linear, "no") != 0) {
                linear++;
                *reading = octavo_xgrow(*reading, &cap, *reading_count + 1, sizeof **reading);
                (*reading)[(*reading_count)++] = it->file;
            }
        }
    }
    if (!linear)
        add_finding(ck->r, OCTAVO_ERROR, "OPF-033", opf, doc->spine_line,
                    "the spine contains no linear content document");
}

/* ---- content documents ---------------------------------------------------- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool entry_has_id(const entry *e, const char *id)
{
    const char *key = id;
    return e->id_count &&
           bsearch(&key, e->ids, e->id_count, sizeof *e->ids, compare_strings) != NULL;
}

/* The nav's toc and landmarks reach these files. */
typedef struct nav_reach {
    entry **files;
    size_t count, cap;
    size_t toc_navs;
} nav_reach;

static void check_reference(checker *ck, entry *doc, unsigned line, const char *url, bool hyperlink,
                            octavo_buf *path, nav_reach *reach)
{
    if (octavo_url_has_scheme(url)) {
        if (!hyperlink && (strncmp(url, "http:", 5) == 0 || strncmp(url, "https:", 6) == 0))
            add_finding(ck->r, OCTAVO_ERROR, "RSC-006", doc->name, line,
                        "remote resource \"%s\" is not allowed here; it must be in the book", url);
        return;
    }
    size_t path_len = strcspn(url, "#?");
    const char *hash = strchr(url, '#');
    entry *target = doc;
    if (path_len) {
        if (!resolve_path(doc->name, url, path_len, path) ||
            !(target = find_entry_n(ck, path->data, path->len))) {
            add_finding(ck->r, OCTAVO_ERROR, "RSC-007", doc->name, line,
                        "referenced resource \"%s\" could not be found in the book", url);
            return;
        }
        if (!target->media_type) {
            add_finding(ck->r, OCTAVO_ERROR, "RSC-008", doc->name, line,
                        "referenced resource \"%s\" is not declared in the manifest", url);
            return;
        }
        if (hyperlink && !target->in_spine && !is_content_type(target->media_type))
            add_finding(ck->r, OCTAVO_ERROR, "RSC-011", doc->name, line,
                        "link to \"%s\", which is not a spine item", url);
    }
    if (reach) {
        reach->files =
            octavo_xgrow(reach->files, &reach->cap, reach->count + 1, sizeof *reach->files);
        reach->files[reach->count++] = target;
    }
    if (hyperlink && hash && hash[1] && strcmp(target->media_type, "application/xhtml+xml") == 0) {
        ck->pending =
            octavo_xgrow(ck->pending, &ck->pending_cap, ck->pending_count + 1, sizeof *ck->pending);
        /* Fragments are percent-decoded like paths. */
        octavo_buf frag = OCTAVO_BUF_INIT;
        percent_decode(hash + 1, strlen(hash + 1), &frag);
        ck->pending[ck->pending_count++] =
            (pending_fragment){(size_t)(target - ck->entries), octavo_buf_detach(&frag),
                               (size_t)(doc - ck->entries), line};
    }
}

/* [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*: what the XHTML schema accepts. */
static bool is_rfc3066(const char *tag)
{
    size_t run = 0;
    bool first = true;
    for (const char *p = tag;; p++) {
        if (*p == '-' || !*p) {
            if (run < 1 || run > 8)
                return false;
            if (!*p)
                return true;
            run = 0;
            first = false;
        } else if (isalpha((unsigned char)*p) || (!first && isdigit((unsigned char)*p))) {
            run++;
        } else {
            return false;
        }
    }
}

/* A page being read: the facts so far, and for each open element the
 * kind of nav it is in ('t' toc, 'l' landmarks, 'o' another, 0 none). */
typedef struct page_scan {
    const char *name;
    page_facts *f;
    char *navs;
    size_t depth, cap;
    bool root_seen;
    bool root_wrong; /* not html in the XHTML namespace: the rest is not read */
    unsigned root_line;
    octavo_check_report found; /* kept only if the page is well-formed XHTML */
} page_scan;

static void scan_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    xmlParserCtxtPtr ctxt = ctx;
    page_scan *s = parse_state(ctx);
    /* The line the start tag ends on, as libxml2 gives its nodes. */
    unsigned line = ctxt->input ? (unsigned)ctxt->input->line : 0;
    const char *el = (const char *)localname;
    bool xhtml = uri && strcmp((const char *)uri, NS_XHTML) == 0;
    if (!s->root_seen) {
        s->root_seen = true;
        s->root_wrong = !xhtml || strcmp(el, "html") != 0;
        s->root_line = line;
    }
    if (s->root_wrong)
        return;
    page_facts *f = s->f;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *attr = (const char *)a[ATTR_NAME];
        bool xml_ns =
            a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], (const char *)XML_XML_NAMESPACE) == 0;
        size_t n = (size_t)(a[ATTR_END] - a[ATTR_VALUE]);
        if (!a[ATTR_NS] && strcmp(attr, "id") == 0) {
            f->ids = octavo_xgrow(f->ids, &f->id_cap, f->id_count + 1, sizeof *f->ids);
            f->ids[f->id_count++] = octavo_xstrndup((const char *)a[ATTR_VALUE], n);
        } else if ((xml_ns || !a[ATTR_NS]) && strcmp(attr, "lang") == 0 && n) {
            char *v = octavo_xstrndup((const char *)a[ATTR_VALUE], n);
            if (!octavo_lang_is_valid(v)) {
                /* The schema's rule (RFC 3066's form) is an error, as in
                 * epubcheck; a tag of that form that is still no language
                 * ("C", "english") only a warning: epubcheck accepts it,
                 * reading systems will not know the language. */
                bool form = is_rfc3066(v);
                add_finding(&s->found, form ? OCTAVO_WARNING : OCTAVO_ERROR,
                            form ? "OCT-001" : "RSC-005", s->name, line,
                            "%s \"%s\" is not a well-formed language tag",
                            xml_ns ? "xml:lang" : "lang", v);
            }
            free(v);
        }
    }
    /* The nav this element is in: its own, or its parent's. */
    char nav = s->depth ? s->navs[s->depth - 1] : 0;
    const char *url_attr = NULL;
    bool hyperlink = false;
    if (!xhtml) {
        /* (only XHTML elements link) */
    } else if (strcmp(el, "a") == 0 || strcmp(el, "area") == 0) {
        url_attr = "href";
        hyperlink = true;
    } else if (strcmp(el, "img") == 0 || strcmp(el, "audio") == 0 || strcmp(el, "video") == 0 ||
               strcmp(el, "source") == 0 || strcmp(el, "track") == 0 || strcmp(el, "script") == 0) {
        url_attr = "src";
    } else if (strcmp(el, "link") == 0) {
        char *rel = attribute(attrs, nb_attributes, "rel", NULL);
        if (rel && has_token(rel, "stylesheet"))
            url_attr = "href";
        free(rel);
    } else if (strcmp(el, "nav") == 0) {
        char *type = attribute(attrs, nb_attributes, "type", NS_OPS);
        nav = !type ? 'o' : has_token(type, "toc") ? 't' : has_token(type, "landmarks") ? 'l' : 'o';
        free(type);
        if (nav == 't')
            f->toc_navs++;
    }
    char *url = url_attr ? attribute(attrs, nb_attributes, url_attr, NULL) : NULL;
    if (url) {
        f->refs = octavo_xgrow(f->refs, &f->ref_cap, f->ref_count + 1, sizeof *f->refs);
        f->refs[f->ref_count++] = (page_ref){url, line, hyperlink, hyperlink ? nav : 0};
    }
    s->navs = octavo_xgrow(s->navs, &s->cap, s->depth + 1, sizeof *s->navs);
    s->navs[s->depth++] = nav;
}

static void scan_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    page_scan *s = parse_state(ctx);
    if (s->depth)
        s->depth--;
}

/* Reads the page in `src` into `f` (its findings too). */
static void scan_external_entity(void *state, const char *name, unsigned line)
{
    page_facts *f = ((page_scan *)state)->f;
    if (!f->external_entity) {
        f->external_entity = octavo_xstrdup(name);
        f->external_line = line;
    }
}

static void scan_page(const char *name, xml_source *src, page_facts *f)
{
    f->scanned = true;
    page_scan s = {.name = name, .f = f};
    static const xml_callbacks page_callbacks = {scan_start, scan_end, NULL, scan_external_entity};
    bool well_formed = parse_streaming(name, src, &page_callbacks, &s, &f->findings);
    free(s.navs);
    if (!well_formed || s.root_wrong) {
        /* What was found in a page that is not one does not count. */
        octavo_check_report findings = f->findings;
        f->findings = (octavo_check_report){0};
        page_facts_free(f);
        octavo_check_report_free(&s.found);
        f->findings = findings;
        f->scanned = true;
        if (well_formed)
            add_finding(&f->findings, OCTAVO_ERROR, "RSC-005", name, s.root_line,
                        "the root element must be html in the XHTML namespace");
        return;
    }
    f->findings = s.found; /* (a well-formed page has no other finding yet) */
    f->is_xhtml = true;
    if (f->id_count)
        qsort(f->ids, f->id_count, sizeof *f->ids, compare_strings);
    for (size_t i = 1; i < f->id_count; i++)
        if (strcmp(f->ids[i - 1], f->ids[i]) == 0 &&
            (i < 2 || strcmp(f->ids[i - 2], f->ids[i]) != 0))
            add_finding(&f->findings, OCTAVO_ERROR, "RSC-005", name, 0, "duplicate id \"%s\"",
                        f->ids[i]);
}

static void check_content(checker *ck, entry *doc, nav_reach *reach)
{
    page_facts local = {0};
    page_facts *f = doc->facts && doc->facts->scanned ? doc->facts : &local;
    if (!f->scanned) {
        xml_source src;
        if (!open_source(ck, doc, &src, ck->r))
            return;
        scan_page(doc->name, &src, f);
        close_source(&src);
    }
    merge_findings(ck->r, &f->findings);
    /* (libxml2 never reads them: no XML_PARSE_NOENT, DTDLOAD or network) */
    if (f->is_xhtml && f->external_entity && ck->epub3)
        add_finding(ck->r, OCTAVO_ERROR, "HTM-003", doc->name, f->external_line,
                    "external entities are not allowed in EPUB 3 documents: \"%s\" is declared",
                    f->external_entity);
    if (f->is_xhtml) {
        octavo_buf path = OCTAVO_BUF_INIT;
        for (size_t i = 0; i < f->ref_count; i++) {
            const page_ref *ref = &f->refs[i];
            bool counts = doc->is_nav && (ref->nav == 't' || ref->nav == 'l');
            check_reference(ck, doc, ref->line, ref->url, ref->hyperlink, &path,
                            counts ? reach : NULL);
        }
        octavo_buf_free(&path);
        if (doc->is_nav)
            reach->toc_navs += f->toc_navs;
        /* The ids move to the entry, for the fragments. */
        doc->ids = f->ids;
        doc->id_count = f->id_count;
        f->ids = NULL;
        f->id_count = 0;
        doc->parsed = true;
    }
    page_facts_free(&local);
}

static void check_fragments(checker *ck)
{
    for (size_t i = 0; i < ck->pending_count; i++) {
        const pending_fragment *p = &ck->pending[i];
        const entry *target = &ck->entries[p->target];
        if (target->parsed && !entry_has_id(target, p->fragment))
            add_finding(ck->r, OCTAVO_ERROR, "RSC-012", ck->entries[p->from].name, p->line,
                        "fragment \"%s\" is not defined in %s", p->fragment, target->name);
    }
}

/* ---- the whole book ------------------------------------------------------- */

static void check_package(checker *ck, const char *opf)
{
    package_doc doc = {0};
    if (!read_package(ck, opf, &doc)) {
        package_doc_free(&doc);
        return;
    }
    if (doc.root_wrong) {
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                    "the root element must be package in the OPF namespace");
        package_doc_free(&doc);
        return;
    }
    bool epub3 = doc.version && doc.version[0] == '3';
    ck->epub3 = epub3;
    check_metadata(ck, opf, &doc, epub3);

    package_info p = {0};
    if (!doc.has_manifest)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0, "the package has no manifest");
    else
        read_manifest(ck, opf, &doc, &p, epub3);
    entry **reading = NULL;
    size_t reading_count = 0;
    if (!doc.has_spine)
        add_finding(ck->r, OCTAVO_ERROR, "OPF-019", opf, 0, "the package has no spine");
    else
        read_spine(ck, opf, &doc, &p, &reading, &reading_count);

    /* Every file is listed, except the container's own. */
    for (size_t i = 0; i < ck->entry_count; i++) {
        const entry *e = &ck->entries[i];
        size_t len = strlen(e->name);
        if (!e->media_type && strcmp(e->name, "mimetype") != 0 &&
            strncmp(e->name, "META-INF/", 9) != 0 && strcmp(e->name, opf) != 0 &&
            !(len && e->name[len - 1] == '/'))
            add_finding(ck->r, OCTAVO_WARNING, "OPF-003", e->name, 0,
                        "the file is in the book but not declared in the manifest");
    }

    nav_reach reach = {0};
    for (size_t i = 0; i < ck->entry_count; i++) {
        entry *e = &ck->entries[i];
        if (e->media_type && strcmp(e->media_type, "application/xhtml+xml") == 0)
            check_content(ck, e, &reach);
    }
    check_fragments(ck);

    entry *nav = NULL;
    for (size_t i = 0; i < ck->entry_count && !nav; i++)
        if (ck->entries[i].is_nav)
            nav = &ck->entries[i];
    if (nav && nav->parsed && reach.toc_navs != 1)
        add_finding(ck->r, OCTAVO_ERROR, "RSC-005", nav->name, 0,
                    "the nav document must have exactly one toc nav (it has %zu)", reach.toc_navs);
    if (nav && nav->parsed && reach.toc_navs == 1) {
        /* Reached: linked from the toc, or (cover and title pages) from the
         * landmarks; the nav itself when it is read in order. */
        bool *reached = octavo_xcalloc(ck->entry_count + 1, sizeof *reached);
        for (size_t i = 0; i < reach.count; i++)
            reached[reach.files[i] - ck->entries] = true;
        reached[nav - ck->entries] = true;
        for (size_t i = 0; i < reading_count; i++)
            if (!reached[reading[i] - ck->entries])
                add_finding(ck->r, OCTAVO_WARNING, "OPF-058", reading[i]->name, 0,
                            "spine item is not reached from the nav's toc");
        free(reached);
    }
    free(reach.files);
    free(reading);
    free(p.items);
    free(p.by_id);
    package_doc_free(&doc);
}

octavo_page_facts *octavo_check_scan_xml(const char *name, const char *data, size_t len)
{
    page_facts *f = octavo_xcalloc(1, sizeof *f);
    f->scanned = true;
    xml_source src;
    memory_source(&src, data, len);
    parse_streaming(name, &src, NULL, NULL, &f->findings);
    return f;
}

octavo_page_facts *octavo_check_scan_page(const char *name, const char *data, size_t len)
{
    page_facts *f = octavo_xcalloc(1, sizeof *f);
    xml_source src;
    memory_source(&src, data, len);
    scan_page(name, &src, f);
    return f;
}

void octavo_page_facts_free(octavo_page_facts *f)
{
    if (f) {
        page_facts_free(f);
        free(f);
    }
}

/* ---- reading pages ahead -------------------------------------------------- */

struct octavo_check_prescan {
    const octavo_known_entry *known;
    size_t count;
    page_facts *facts; /* one per known entry; scanned when it is a page */
};

static void prescan_one(void *ctx, size_t i, unsigned thread)
{
    (void)thread;
    octavo_check_prescan *p = ctx;
    size_t n = strlen(p->known[i].name);
    if (n > 6 && strcmp(p->known[i].name + n - 6, ".xhtml") == 0 && !p->known[i].facts) {
        xml_source src;
        memory_source(&src, p->known[i].data, p->known[i].len);
        scan_page(p->known[i].name, &src, &p->facts[i]);
    }
}

octavo_check_prescan *octavo_check_prescan_start(const octavo_known_entry *known, size_t count,
                                                 unsigned threads)
{
    octavo_check_prescan *p = octavo_xcalloc(1, sizeof *p);
    p->known = known;
    p->count = count;
    p->facts = octavo_xcalloc(count + 1, sizeof *p->facts);
    xmlInitParser(); /* before any thread parses */
    octavo_parallel_for(count, threads, prescan_one, p, NULL, NULL);
    return p;
}

void octavo_check_prescan_free(octavo_check_prescan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        page_facts_free(&p->facts[i]);
    free(p->facts);
    free(p);
}

static void check_zip(zip_t *za, const octavo_known_entry *known, size_t known_count,
                      octavo_check_prescan *prescan, octavo_check_report *r)
{
    checker ck = {.za = za, .r = r, .known = known, .known_count = known_count};
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0)
        n = 0;
    if ((zip_uint64_t)n > OCTAVO_CHECK_MAX_ENTRIES) {
        add_finding(r, OCTAVO_ERROR, "PKG-008", NULL, 0,
                    "the zip has %lld files, more than the %d a book may have", (long long)n,
                    OCTAVO_CHECK_MAX_ENTRIES);
        return;
    }
    ck.entries = octavo_xcalloc((size_t)n + 1, sizeof *ck.entries);
    zip_uint64_t declared = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (!name || zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
            continue;
        if (unsafe_name(name)) {
            add_finding(r, OCTAVO_ERROR, "PKG-027", name, 0,
                        "unsafe file name in the zip (absolute, or with \"..\")");
            continue;
        }
        declared += st.size;
        ck.entries[ck.entry_count++] =
            (entry){.name = name, .index = (zip_uint64_t)i, .size = st.size};
    }
    index_entries(&ck);
    for (size_t i = 0; i < known_count; i++) {
        entry *e = find_entry(&ck, known[i].name);
        if (e) {
            e->known = &known[i];
            e->facts = known[i].facts                       ? known[i].facts
                       : prescan && prescan->known == known ? &prescan->facts[i]
                                                            : NULL;
        }
    }
    if (declared > OCTAVO_CHECK_MAX_TOTAL_BYTES)
        add_finding(r, OCTAVO_ERROR, "PKG-008", NULL, 0,
                    "the book unpacks to %llu MB, more than %llu MB (a zip bomb?); only its "
                    "structure is checked",
                    (unsigned long long)(declared >> 20),
                    (unsigned long long)(OCTAVO_CHECK_MAX_TOTAL_BYTES >> 20));
    check_mimetype(&ck);
    char *opf = declared <= OCTAVO_CHECK_MAX_TOTAL_BYTES ? find_package(&ck) : NULL;
    if (opf)
        check_package(&ck, opf);
    free(opf);
    for (size_t i = 0; i < ck.entry_count; i++) {
        for (size_t j = 0; j < ck.entries[i].id_count; j++)
            free(ck.entries[i].ids[j]);
        free(ck.entries[i].ids);
    }
    for (size_t i = 0; i < ck.pending_count; i++)
        free(ck.pending[i].fragment);
    free(ck.pending);
    free(ck.entries);
    free(ck.slots);
}

void octavo_check_file(const char *path, octavo_check_report *r)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        add_finding(r, OCTAVO_ERROR,
                    err == ZIP_ER_NOENT || err == ZIP_ER_OPEN ? "PKG-018" : "PKG-004", NULL, 0,
                    "cannot open the book: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return;
    }
    check_zip(za, NULL, 0, NULL, r);
    zip_discard(za);
}

void octavo_check_source(zip_source_t *source, const octavo_known_entry *known, size_t known_count,
                         octavo_check_prescan *prescan, octavo_check_report *r)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_keep(source);
    /* (No consistency check: this zip was made by the caller, in memory.) */
    zip_t *za = zip_open_from_source(source, ZIP_RDONLY, &ze);
    if (!za) {
        add_finding(r, OCTAVO_ERROR, "PKG-004", NULL, 0, "cannot open the book: %s",
                    zip_error_strerror(&ze));
        zip_source_free(source);
        zip_error_fini(&ze);
        return;
    }
    zip_error_fini(&ze);
    check_zip(za, known, known_count, prescan, r);
    zip_discard(za);
}
