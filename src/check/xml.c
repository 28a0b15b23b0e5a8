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
#include <strings.h>

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
    *s = (xml_source){.data = data, .len = len, .stand_in_from = SIZE_MAX};
}

/* ---- stand-ins for text ---------------------------------------------------
 *
 * libxml2 2.9 reads character data that is all ASCII a run at a time, but
 * any other character one at a time, decoding, checking and copying each:
 * some 100 instructions a character, most of a build's self-check of a
 * book in Chinese. So in a page octavo has made, each character of its
 * text (between tags, outside comments, CDATA sections, processing
 * instructions and style and script elements) that is valid UTF-8 and an
 * XML character is handed to libxml2 as as many 'x's as it has bytes.
 * libxml2 accepts either without a word; the page's checks read such text
 * only for whether it is blank, which stays the same (style text, which
 * css.c reads, is left as it is). Markup, names, attribute values and
 * newlines are left as they are, and so is everything from the first
 * byte that is not valid UTF-8 or not an XML character on: libxml2's
 * message quotes the bytes there. Only when the prolog says UTF-8 and
 * declares no entities (no internal subset). The findings are the same;
 * one about misplaced text may name the line where libxml2 hands the
 * text over, which for text not all ASCII it does every 300 bytes. */

enum { TEXT, LT, TAG, BANG, COMMENT, CDATA, PI, OFF };

static bool starts_with(const char *p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

static bool xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The offset of the root element's '<' when the prolog is one stand-ins
 * may follow: ASCII, UTF-8 (declared or not), comments, processing
 * instructions and a doctype without an internal subset; else SIZE_MAX. */
static size_t root_offset(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    if (starts_with(p, end, "\xEF\xBB\xBF"))
        p += 3;
    const char *prolog = p;
    if (starts_with(p, end, "<?xml") && p + 5 < end && xml_space(p[5])) {
        const char *q = memmem(p, (size_t)(end - p), "?>", 2);
        if (!q)
            return SIZE_MAX;
        const char *enc = memmem(p, (size_t)(q - p), "encoding", 8);
        if (enc) {
            for (enc += 8; enc < q && xml_space(*enc); enc++)
                continue;
            if (enc == q || *enc++ != '=')
                return SIZE_MAX;
            while (enc < q && xml_space(*enc))
                enc++;
            if (q - enc < 7 || (*enc != '"' && *enc != '\'') ||
                strncasecmp(enc + 1, "UTF-8", 5) != 0 || enc[6] != enc[0])
                return SIZE_MAX;
        }
        p = q + 2;
    }
    for (;;) {
        while (p < end && xml_space(*p))
            p++;
        const char *q;
        if (starts_with(p, end, "<!--")) {
            if (!(q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3)))
                return SIZE_MAX;
            p = q + 3;
        } else if (starts_with(p, end, "<?")) {
            if (!(q = memmem(p + 2, (size_t)(end - p - 2), "?>", 2)))
                return SIZE_MAX;
            p = q + 2;
        } else if (starts_with(p, end, "<!DOCTYPE")) {
            char quote = 0;
            for (p += 9; p < end && (quote || *p != '>'); p++) {
                if (quote)
                    quote = *p == quote ? 0 : quote;
                else if (*p == '"' || *p == '\'')
                    quote = *p;
                else if (*p == '[')
                    return SIZE_MAX;
            }
            if (p++ == end)
                return SIZE_MAX;
        } else if (end - p > 1 && *p == '<' &&
                   ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_')) {
            for (q = prolog; q < p; q++)
                if ((*q < 0x20 && !xml_space(*q)) || *q > 0x7e)
                    return SIZE_MAX;
            return (size_t)(p - data);
        } else {
            return SIZE_MAX;
        }
    }
}

void octavo_check_own_page_source(xml_source *s, const char *data, size_t len)
{
    octavo_check_memory_source(s, data, len);
    s->stand_in_from = root_offset(data, len);
}

/* The length of the UTF-8 sequence at p (up to end) when it is one XML
 * character that libxml2 takes without a word (shortest form, no
 * surrogate, U+FFFE or U+FFFF, at most U+10FFFF), else 0. */
static size_t xml_char_length(const unsigned char *p, const unsigned char *end)
{
    size_t n = p[0] >= 0xc2 && p[0] <= 0xdf   ? 2
               : p[0] >= 0xe0 && p[0] <= 0xef ? 3
               : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4
                                              : 0;
    if (!n || (size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
        (p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe) || (p[0] == 0xf0 && p[1] < 0x90) ||
        (p[0] == 0xf4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* A tag's name ends: is it a style or script element's? */
static bool raw_text_element(const struct stand_in *t)
{
    return (t->local_len == 5 && memcmp(t->local, "style", 5) == 0) ||
           (t->local_len == 6 && memcmp(t->local, "script", 6) == 0);
}

/* Stand-ins for the text in p[i, n) up to its first '<', control
 * character or byte not starting an XML character (the offset returned):
 * most of a page, so a loop of its own. */
static size_t text_run(unsigned char *p, size_t i, size_t n)
{
    for (;;) {
        /* (U+1000 to U+CFFF, Han among them: characters all, and most of
         * a page in Chinese, so a loop of their own) */
        while (n - i > 2 && p[i] - 0xe1u <= 0xecu - 0xe1u &&
               ((p[i + 1] ^ 0x80u) | (p[i + 2] ^ 0x80u)) < 0x40u) {
            p[i] = p[i + 1] = p[i + 2] = 'x';
            i += 3;
        }
        if (i >= n)
            break;
        unsigned b = p[i];
        if (b < 0x80) {
            if (b == '<' || (b < 0x20 && !xml_space((char)b)))
                break;
            i++;
        } else {
            size_t k = xml_char_length(p + i, p + n);
            if (!k)
                break;
            memset(p + i, 'x', k);
            i += k;
        }
    }
    return i;
}

/* One byte of a tag's name or body (not its '<'). */
static void tag_byte(struct stand_in *t, char c)
{
    if (t->quote) {
        t->quote = c == t->quote ? 0 : t->quote;
        return;
    }
    if (!t->named) {
        if (xml_space(c) || c == '/' || c == '>')
            t->named = true;
        else if (c == ':')
            t->local_len = 0;
        else if (t->local_len < sizeof t->local)
            t->local[t->local_len++] = c;
        else
            t->local_len = sizeof t->local + 1; /* (no name of ours) */
    }
    if (c == '"' || c == '\'') {
        t->quote = c;
    } else if (c == '>') {
        if (raw_text_element(t) && t->end_tag && t->raw)
            t->raw--;
        else if (raw_text_element(t) && !t->end_tag && t->last != '/')
            t->raw++;
        t->state = TEXT;
    }
    t->last = c;
}

/* Past the bytes of a named tag from p[i] that tag_byte would only pass
 * over (printable ASCII other than a quote or '>', or inside quotes
 * other than the closing one): a page's markup is mostly attributes. */
static size_t tag_run(const unsigned char *p, size_t i, size_t n, struct stand_in *t)
{
    size_t from = i;
    if (t->quote) {
        while (i < n && p[i] != (unsigned char)t->quote && p[i] >= 0x20 && p[i] < 0x7f)
            i++;
        return i;
    }
    while (i < n && p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\'' && p[i] != '>')
        i++;
    if (i > from)
        t->last = (char)p[i - 1];
    return i;
}

/* Stand-ins for the text in buf[0, n), the bytes of the document from
 * `offset` on (see above). */
static void stand_in_text(xml_source *s, char *buf, size_t n, size_t offset)
{
    struct stand_in *t = &s->stand_in;
    size_t i = s->stand_in_from > offset ? s->stand_in_from - offset : 0;
    for (; i < n && t->state != OFF; i++) {
        if (t->state == TEXT && !t->raw)
            i = text_run((unsigned char *)buf, i, n);
        else if (t->state == TAG && t->named)
            i = tag_run((const unsigned char *)buf, i, n, t);
        if (i == n)
            break;
        char c = buf[i];
        if ((unsigned char)c >= 0x80) {
            size_t k =
                xml_char_length((const unsigned char *)buf + i, (const unsigned char *)buf + n);
            if (!k) {
                t->state = OFF;
                break;
            }
            if (t->state == TEXT && !t->raw)
                memset(buf + i, 'x', k);
            i += k - 1;
            c = 'x'; /* (for the states below: a character of no meaning to them) */
        } else if ((unsigned char)c < 0x20 && !xml_space(c)) {
            t->state = OFF; /* (libxml2 says so; nothing is left to guess) */
            break;
        }
        switch (t->state) {
        case TEXT:
            t->state = c == '<' ? LT : TEXT;
            break;
        case LT:
            if (c == '!' || c == '?') {
                t->state = c == '!' ? BANG : PI;
                t->match = 0;
                break;
            }
            *t = (struct stand_in){.state = TAG, .raw = t->raw, .end_tag = c == '/'};
            if (!t->end_tag)
                tag_byte(t, c);
            break;
        case TAG:
            tag_byte(t, c);
            break;
        case BANG: /* "<!--" or "<![CDATA[" in content; anything else stops */
            t->state = c == '-' ? COMMENT : c == '[' ? CDATA : OFF;
            break;
        case COMMENT:
        case CDATA:
            if (c == (t->state == COMMENT ? '-' : ']'))
                t->match = t->match < 2 ? t->match + 1 : 2;
            else if (c == '>' && t->match == 2)
                t->state = TEXT;
            else
                t->match = 0;
            break;
        case PI:
            if (c == '>' && t->match)
                t->state = TEXT;
            else
                t->match = c == '?';
            break;
        }
    }
}

void octavo_check_zip_source(xml_source *s, zip_file_t *file, zip_uint64_t size)
{
    *s = (xml_source){.file = file, .size = size, .stand_in_from = SIZE_MAX};
}

void octavo_check_close_source(xml_source *src)
{
    if (src->file)
        zip_fclose(src->file);
    src->file = NULL;
}

/* The first bytes read, kept for the encoding. */
static void keep_head(xml_source *s, const char *buf, size_t n)
{
    size_t room = sizeof s->head - s->head_len;
    if (room) {
        n = n < room ? n : room;
        memcpy(s->head + s->head_len, buf, n);
        s->head_len += n;
    }
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
        if (s->stand_in_from != SIZE_MAX) {
            /* (no character split between two reads, so that each is
             * read whole) */
            size_t whole = n;
            while (whole && s->at + whole < s->len &&
                   ((unsigned char)s->data[s->at + whole] & 0xc0) == 0x80)
                whole--;
            n = whole ? whole : n;
        }
        memcpy(buf, s->data + s->at, n);
        keep_head(s, buf, n);
        if (s->stand_in_from != SIZE_MAX)
            stand_in_text(s, buf, n, s->at);
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
    keep_head(s, buf, (size_t)n);
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

const char *octavo_check_parse_encoding(void *ctx)
{
    xmlParserCtxtPtr ctxt = ctx;
    return ctxt->input && ctxt->input->buf && ctxt->input->buf->encoder
               ? ctxt->input->buf->encoder->name
               : NULL;
}

bool octavo_check_parse_doctype(void *ctx, const char **name, const char **public_id,
                                const char **system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlDtdPtr dtd = ctxt->myDoc ? ctxt->myDoc->intSubset : NULL;
    if (!dtd)
        return false;
    *name = (const char *)dtd->name;
    *public_id = (const char *)dtd->ExternalID;
    *system_id = (const char *)dtd->SystemID;
    return true;
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

/* ---- octavo's own pages, walked as trees -----------------------------------
 * A page the build has just serialised is told to the callbacks from the
 * tree it was written from, as SAX2 would tell it: reading it again cost
 * libxml2 most of the self-check (tokenising, the stand-ins, a parser
 * context a page). The walk vouches only for what libxml2's serialiser
 * writes as well-formed XML that reads back the same: elements and
 * attributes of XML names, namespaces declared where they are used, one
 * text value an attribute, no attribute twice, text and CDATA of XML
 * characters, comments; within libxml2's limits and the bounds above.
 * Anything else refuses the walk, before or after callbacks were told
 * (the caller then parses the text). The lines are those of the text,
 * found by following its tags as the walk goes: a start tag's line (the
 * line it ends on, as libxml2 says), an end tag's, and for text the line
 * of the tag after it. */

#define WALK_MAX_DEPTH 250      /* libxml2's is 256 without XML_PARSE_HUGE */
#define WALK_MAX_TEXT  10000000 /* one text node or value, as libxml2's XML_MAX_TEXT_LENGTH */

typedef struct tree_walk {
    xmlParserCtxt ctxt; /* what the callbacks get: _private, input->line, myDoc */
    xmlParserInput input;
    xml_parse parse;
    const xml_callbacks *cb;
    const char *at, *end; /* the serialised page, read up to `at` */
    const xmlChar **attrs;
    size_t attr_cap;
    const xmlNs **scope; /* the namespaces declared on the open elements */
    size_t scope_count, scope_cap;
} tree_walk;

void octavo_check_tree_source(xml_source *s, xmlDocPtr tree, const char *data, size_t len)
{
    octavo_check_memory_source(s, data, len);
    s->tree = tree;
}

/* The text read up to `to`, its lines counted. */
static void walk_pass(tree_walk *w, const char *to)
{
    for (const char *p = w->at; p < to && (p = memchr(p, '\n', (size_t)(to - p))) != NULL; p++)
        w->input.line++;
    w->at = to;
}

static void walk_pass_over(tree_walk *w, const char *close)
{
    size_t n = strlen(close);
    const char *p = memmem(w->at, (size_t)(w->end - w->at), close, n);
    walk_pass(w, p ? p + n : w->end);
}

/* The text read to the next start tag (or end tag), over comments, CDATA
 * sections, processing instructions and the doctype, and its '<'. */
static void walk_to_tag(tree_walk *w, bool end_tag)
{
    for (;;) {
        const char *lt = memchr(w->at, '<', (size_t)(w->end - w->at));
        if (!lt) {
            walk_pass(w, w->end);
            return;
        }
        walk_pass(w, lt);
        const char *p = lt + 1;
        size_t left = (size_t)(w->end - p);
        if (left >= 3 && memcmp(p, "!--", 3) == 0) {
            walk_pass_over(w, "-->");
        } else if (left >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
            walk_pass_over(w, "]]>");
        } else if (left && *p == '?') {
            walk_pass_over(w, "?>");
        } else if (left && *p == '!') {
            walk_pass_over(w, ">");
        } else {
            w->at = p;
            if ((left && *p == '/') == end_tag)
                return;
        }
    }
}

/* Whether `s` is XML characters only, at most WALK_MAX_TEXT bytes; its
 * length in `len`. (All of a page's text: loops of their own, as in
 * text_run.) */
static bool walk_xml_text(const xmlChar *s, size_t *len)
{
    const unsigned char *p = s;
    for (;;) {
        /* U+1000 to U+CFFF and U+F000 to U+FFBF (Han, kana, full-width
         * punctuation): characters all. (The NUL ending `s` is neither a
         * lead nor a continuation byte: nothing past it is read.) */
        while ((p[0] - 0xe1u <= 0xecu - 0xe1u || (p[0] == 0xef && p[1] != 0xbf)) &&
               (p[1] ^ 0x80u) < 0x40u && (p[2] ^ 0x80u) < 0x40u)
            p += 3;
        while (*p - 0x20u < 0x60u) /* printable ASCII */
            p++;
        unsigned char c = *p;
        if (c == '\t' || c == '\n' || c == '\r') {
            p++;
        } else if (c == 0) {
            break;
        } else if (c < 0x80) {
            return false;
        } else {
            size_t n = xml_char_length(p, p + 4);
            if (!n)
                return false;
            p += n;
        }
    }
    *len = (size_t)(p - s);
    return *len <= WALK_MAX_TEXT;
}

static bool walk_name(const xmlChar *name)
{
    return name && strlen((const char *)name) < 1000 && xmlValidateNCName(name, 0) == 0;
}

/* Whether `ns` is the namespace its prefix names where the walk is: the
 * latest declared of that prefix. (An element in no namespace: none is
 * the default.) */
static bool walk_in_scope(const tree_walk *w, const xmlNs *ns, bool attribute)
{
    const xmlChar *prefix = ns ? ns->prefix : NULL;
    if (prefix && strcmp((const char *)prefix, "xml") == 0)
        return ns->href && strcmp((const char *)ns->href, (const char *)XML_XML_NAMESPACE) == 0;
    if (attribute && !prefix)
        return !ns;
    for (size_t i = w->scope_count; i-- > 0;) {
        const xmlNs *d = w->scope[i];
        if (d->prefix == prefix || (d->prefix && prefix && xmlStrEqual(d->prefix, prefix)))
            return ns && d->href && ns->href && xmlStrEqual(d->href, ns->href) &&
                   ns->href[0] != '\0';
    }
    return !ns;
}

/* An element's start told, as SAX2 tells it. */
static bool walk_start(tree_walk *w, xmlNodePtr n)
{
    if (!walk_name(n->name))
        return false;
    const xmlChar *declared[2 * MAX_NAMESPACES];
    int nb_namespaces = 0;
    for (xmlNsPtr d = n->nsDef; d; d = d->next) {
        if (w->scope_count >= MAX_NAMESPACES || !d->href || (d->prefix && !walk_name(d->prefix)))
            return false;
        w->scope = octavo_xgrow(w->scope, &w->scope_cap, w->scope_count + 1, sizeof *w->scope);
        w->scope[w->scope_count++] = d;
        declared[2 * nb_namespaces] = d->prefix;
        declared[2 * nb_namespaces++ + 1] = d->href;
    }
    if (!walk_in_scope(w, n->ns, false) || (n->ns && n->ns->prefix && !walk_name(n->ns->prefix)))
        return false;
    int nb_attributes = 0;
    for (xmlAttrPtr a = n->properties; a; a = a->next, nb_attributes++) {
        xmlNodePtr v = a->children;
        size_t len = 0;
        if (nb_attributes >= MAX_ATTRIBUTES || a->type != XML_ATTRIBUTE_NODE ||
            !walk_name(a->name) || !walk_in_scope(w, a->ns, true) ||
            (v && (v->type != XML_TEXT_NODE || v->next || v->name == xmlStringTextNoenc ||
                   !walk_xml_text(v->content, &len))))
            return false;
        w->attrs = octavo_xgrow(w->attrs, &w->attr_cap, (size_t)(nb_attributes + 1) * ATTR_FIELDS,
                                sizeof *w->attrs);
        const xmlChar **f = w->attrs + nb_attributes * ATTR_FIELDS;
        f[ATTR_NAME] = a->name;
        f[ATTR_PREFIX] = a->ns ? a->ns->prefix : NULL;
        f[ATTR_NS] = a->ns ? a->ns->href : NULL;
        f[ATTR_VALUE] = v ? v->content : BAD_CAST "";
        f[ATTR_END] = f[ATTR_VALUE] + len;
        for (int i = 0; i < nb_attributes; i++) /* (a handful) */
            if (xmlStrEqual(w->attrs[i * ATTR_FIELDS + ATTR_NAME], a->name) &&
                xmlStrEqual(w->attrs[i * ATTR_FIELDS + ATTR_NS], f[ATTR_NS]))
                return false;
    }
    walk_to_tag(w, false);
    if (w->cb->start)
        w->cb->start(&w->ctxt, n->name, n->ns ? n->ns->prefix : NULL, n->ns ? n->ns->href : NULL,
                     nb_namespaces, declared, nb_attributes, 0, w->attrs);
    return true;
}

/* An element's end told (`empty`: written as one tag, <br/>). */
static void walk_end(tree_walk *w, xmlNodePtr n, bool empty)
{
    for (xmlNsPtr d = n->nsDef; d; d = d->next)
        w->scope_count--;
    if (!empty)
        walk_to_tag(w, true);
    if (w->cb->end)
        w->cb->end(&w->ctxt, n->name, n->ns ? n->ns->prefix : NULL, n->ns ? n->ns->href : NULL);
}

/* Text or a CDATA section told (a comment is not). */
static bool walk_text(tree_walk *w, xmlNodePtr n)
{
    size_t len;
    if (n->type == XML_COMMENT_NODE) {
        const char *c = (const char *)n->content;
        size_t k = c ? strlen(c) : 0;
        return c && !strstr(c, "--") && (k == 0 || c[k - 1] != '-');
    }
    if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) ||
        n->name == xmlStringTextNoenc || !n->content || !walk_xml_text(n->content, &len) ||
        (n->type == XML_CDATA_SECTION_NODE && strstr((const char *)n->content, "]]>")))
        return false;
    if (len) {
        const char *lt = memchr(w->at, '<', (size_t)(w->end - w->at));
        walk_pass(w, lt ? lt : w->end);
        if (w->cb->text)
            w->cb->text(&w->ctxt, n->content, (int)len);
    }
    return true;
}

/* The walk itself: whether it went through the whole tree. */
static bool walk_tree(tree_walk *w, xmlDocPtr doc)
{
    xmlNodePtr root = NULL;
    for (xmlNodePtr n = doc->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !root)
            root = n;
        else if (n->type != XML_DTD_NODE && n->type != XML_COMMENT_NODE)
            return false;
    if (!root)
        return false;
    xmlNodePtr n = root;
    unsigned depth = 1;
    for (;;) {
        if (n->type == XML_ELEMENT_NODE) {
            if (depth > WALK_MAX_DEPTH || !walk_start(w, n))
                return false;
            if (n->children) {
                n = n->children;
                depth++;
                continue;
            }
            walk_end(w, n, true);
        } else if (!walk_text(w, n)) {
            return false;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
            walk_end(w, n, false);
        }
        if (n == root)
            return true;
        n = n->next;
    }
}

/* `src`'s tree told to `cb`: whether it was (see tree_walk). */
static bool walk_source(xml_source *src, const xml_callbacks *cb, void *state)
{
    static const xml_callbacks none = {0};
    tree_walk *w = octavo_xcalloc(1, sizeof *w);
    w->parse = (xml_parse){.state = state, .cb = cb};
    w->cb = cb ? cb : &none;
    w->ctxt._private = &w->parse;
    w->ctxt.myDoc = src->tree;
    w->ctxt.input = &w->input;
    w->input.line = 1;
    w->at = src->data;
    w->end = src->data + src->len;
    bool walked = walk_tree(w, src->tree);
    free(w->attrs);
    free(w->scope);
    free(w);
    src->walk_refused = !walked;
    return walked;
}

/* Parses XML from `src` without building a tree, telling `cb` (NULL:
 * nothing) what is in it: the contents page of a 10,000-chapter book made
 * a 45 MB tree only to be walked once. Returns whether it is well-formed
 * and was read whole; when not, says why in `r` (PKG-008: the zip, RSC-016:
 * the XML). Safe to call from several threads. */
bool octavo_check_parse(const char *name, xml_source *src, const xml_callbacks *cb, void *state,
                        octavo_diags *r)
{
    if (src->tree)
        return walk_source(src, cb, state);
    /* libxml2's own handling of the prolog and a doctype's entities, so
     * that the document means what it says; nothing that builds nodes. */
    xmlSAXHandler sax;
    xmlSAXVersion(&sax, 2);
    sax.startElementNs = cb ? cb->start : NULL;
    sax.endElementNs = cb ? cb->end : NULL;
    sax.characters = sax.cdataBlock = cb ? cb->text : NULL;
    sax.ignorableWhitespace = NULL;
    sax.comment = NULL;
    sax.processingInstruction = cb ? cb->pi : NULL;
    sax.reference = NULL;
    sax.getEntity = get_entity;
    sax.getParameterEntity = get_parameter_entity;
    sax.attributeDecl = attribute_decl;
    sax.entityDecl = entity_decl;
    sax.serror = parse_error;
    xml_parse p = {.state = state, .cb = cb};
    xmlParserCtxtPtr ctxt =
        xmlCreateIOParserCtxt(&sax, NULL, source_read, NULL, src, XML_CHAR_ENCODING_NONE);
    bool ok = false, read = ctxt != NULL;
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
    if (read)
        octavo_check_xml_encoding(name, src, r);
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
        if (!NAME_IS((const char *)a[ATTR_NAME], name)) /* (the name first: it differs most) */
            continue;
        if (any_ns || (ns ? a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], ns) == 0 : !a[ATTR_NS]))
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
    /* (called on each run of text of a page, mostly indentation: a
     * switch, not strchr) */
    for (size_t i = 0; i < len; i++)
        switch (s[i]) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            break;
        default:
            return false;
        }
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
