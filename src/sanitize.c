#include "octavo/sanitize.h"

#include "octavo/buf.h"
#include "octavo/lang.h"
#include "octavo/mem.h"
#include "octavo/render.h"
#include "octavo/text.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(name, list[i]) == 0)
            return true;
    return false;
}

#define IN(name, list) in_list(name, list, sizeof list / sizeof *list)

/* Elements copied as they are (their allowed attributes with them). */
static const char *const allowed_elements[] = {
    /* see also phrasing_elements and required_parents below */
    "a",    "abbr",       "b",        "bdi", "bdo",   "blockquote", "br",    "caption", "cite",
    "code", "col",        "colgroup", "dd",  "del",   "dfn",        "div",   "dl",      "dt",
    "em",   "figcaption", "figure",   "h2",  "h3",    "h4",         "h5",    "h6",      "hr",
    "i",    "ins",        "kbd",      "li",  "mark",  "ol",         "p",     "pre",     "q",
    "rp",   "rt",         "ruby",     "s",   "samp",  "small",      "span",  "strong",  "sub",
    "sup",  "table",      "tbody",    "td",  "tfoot", "th",         "thead", "tr",      "u",
    "ul",   "var",        "wbr"};

/* Elements allowed inside a paragraph or heading (phrasing content). */
static const char *const phrasing_elements[] = {
    "a",    "abbr",  "b",    "bdi",    "bdo",  "br",  "cite", "code", "del",  "dfn",
    "em",   "i",     "ins",  "kbd",    "mark", "q",   "rp",   "rt",   "ruby", "s",
    "samp", "small", "span", "strong", "sub",  "sup", "u",    "var",  "wbr"};

/* Elements that are only valid inside particular parents. */
static const struct {
    const char *child, *parents;
} required_parents[] = {
    {"li", " ul ol "},
    {"dt", " dl "},
    {"dd", " dl "},
    {"tr", " table thead tbody tfoot "},
    {"td", " tr "},
    {"th", " tr "},
    {"thead", " table "},
    {"tbody", " table "},
    {"tfoot", " table "},
    {"caption", " table "},
    {"colgroup", " table "},
    {"col", " colgroup "},
    {"rt", " ruby "},
    {"rp", " ruby "},
    {"figcaption", " figure "},
};

/* Whether element `name` may be copied under `parent` (an element octavo
 * made). Inside a paragraph or heading only phrasing content may go, and
 * never a link inside a link. */
static bool allowed_under(const char *name, xmlNodePtr parent, bool phrasing_only)
{
    if (phrasing_only && !IN(name, phrasing_elements))
        return false;
    if (strcasecmp(name, "a") == 0)
        for (xmlNodePtr p = parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
            if (strcmp((const char *)p->name, "a") == 0)
                return false;
    for (size_t i = 0; i < sizeof required_parents / sizeof *required_parents; i++)
        if (strcasecmp(name, required_parents[i].child) == 0) {
            char key[16];
            snprintf(key, sizeof key, " %s ", (const char *)parent->name);
            return strstr(required_parents[i].parents, key) != NULL;
        }
    return true;
}

/* Elements dropped with everything inside them: what they hold is code,
 * a foreign document or a control, not text for the reader. */
static const char *const dropped_with_content[] = {
    "script",   "style",    "iframe",   "frame", "frameset", "object", "embed",
    "applet",   "noscript", "template", "form",  "input",    "button", "select",
    "textarea", "option",   "datalist", "link",  "meta",     "base",   "title",
    "svg",      "math",     "canvas",   "audio", "video",    "source", "track",
    "param",    "portal",   "dialog",   "map",   "area"};

/* Attributes kept, where the element allows them. */
static const char *const allowed_attributes[] = {
    "title", "lang", "dir",  "colspan",  "rowspan", "start", "reversed",
    "alt",   "href", "cite", "datetime", "abbr",    "span"};

bool octavo_url_has_scheme(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

bool octavo_url_is_external(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return url[strlen(schemes[i])] != '\0';
    return false;
}

/* Characters RFC 3986 lets stand for themselves outside the host: the
 * unreserved ones and the delimiters, except '#' (once only) and '[' ']'
 * (only around an IP literal). */
static bool url_char_ok(unsigned char c)
{
    return isalnum(c) || (c && strchr("-._~:/?@!$&'()*+,;=", c));
}

static void put_escaped(octavo_buf *out, unsigned char c)
{
    octavo_buf_printf(out, "%%%02X", c);
}

/* Whether "%" at p starts a valid escape. */
static bool valid_escape(const char *p)
{
    return isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]);
}

/* The authority of a URL ("user@host:port", between "//" and the path),
 * escaped into `out`; false when it cannot be a valid one. */
static bool repair_authority(const char *a, size_t len, bool need_host, octavo_buf *out)
{
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (a[i] == '@')
            at = a + i;
    const char *host = at ? at + 1 : a;
    for (const char *p = a; p < (at ? at : a); p++) { /* userinfo */
        if (*p == '%' && !valid_escape(p))
            return false;
        if (url_char_ok((unsigned char)*p) && !strchr("/?#[]@", *p))
            octavo_buf_putc(out, *p);
        else if (*p == '%')
            octavo_buf_putc(out, '%');
        else
            put_escaped(out, (unsigned char)*p);
    }
    if (at)
        octavo_buf_putc(out, '@');
    const char *end = a + len, *port = NULL;
    if (host < end && *host == '[') { /* IP literal: hex digits, ':' and '.' */
        const char *close = memchr(host, ']', (size_t)(end - host));
        if (!close || close == host + 1)
            return false;
        for (const char *p = host + 1; p < close; p++)
            if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '.')
                return false;
        octavo_buf_append(out, host, (size_t)(close + 1 - host));
        if (close + 1 < end && close[1] != ':')
            return false;
        port = close + 1 < end ? close + 1 : NULL;
    } else {
        port = memchr(host, ':', (size_t)(end - host));
        const char *host_end = port ? port : end;
        if (need_host && host_end == host)
            return false;
        for (const char *p = host; p < host_end; p++) {
            if (*p == '[' || *p == ']' || (*p == '%' && !valid_escape(p)))
                return false;
            if (*p == '%' || (url_char_ok((unsigned char)*p) && !strchr(":/?#@", *p)))
                octavo_buf_putc(out, *p);
            else
                put_escaped(out, (unsigned char)*p);
        }
    }
    if (port) {
        for (const char *p = port + 1; p < end; p++)
            if (!isdigit((unsigned char)*p))
                return false;
        octavo_buf_append(out, port, (size_t)(end - port));
    }
    return true;
}

char *octavo_url_repair(const char *url)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    const char *p = url;
    bool scheme = octavo_url_has_scheme(url);
    if (scheme) {
        size_t n = strcspn(url, ":") + 1;
        octavo_buf_append(&out, url, n);
        p += n;
    }
    if (p[0] == '/' && p[1] == '/') {
        size_t len = strcspn(p + 2, "/?#");
        bool web = strncasecmp(url, "http:", 5) == 0 || strncasecmp(url, "https:", 6) == 0;
        octavo_buf_puts(&out, "//");
        if (!repair_authority(p + 2, len, web, &out)) {
            octavo_buf_free(&out);
            return NULL;
        }
        p += 2 + len;
    }
    bool fragment = false, first_segment = !scheme;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '/' || c == '?' || c == '#')
            first_segment = false;
        if (c == '%') {
            if (!valid_escape(p)) { /* "%zz": what was meant is unknown */
                octavo_buf_free(&out);
                return NULL;
            }
            octavo_buf_putc(&out, '%');
        } else if (c == '#' && !fragment) {
            fragment = true;
            octavo_buf_putc(&out, '#');
        } else if (url_char_ok(c) && !(c == ':' && first_segment)) {
            /* (a ':' before any '/' would read as a scheme) */
            octavo_buf_putc(&out, (char)c);
        } else {
            put_escaped(&out, c);
        }
    }
    return octavo_buf_detach(&out);
}

/* "#fn-3": a footnote reference as cmark-gfm writes it; the note exists in
 * the same chapter. */
static bool is_footnote_link(const char *url)
{
    if (strncmp(url, "#fn-", 4) != 0 || !url[4])
        return false;
    for (const char *p = url + 4; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

/* What was dropped, reported once per kind per call. */
typedef struct dropped {
    char names[16][24];
    size_t count;
} dropped;

/* One call's state: where the HTML came from, what was reported, and
 * whom to ask what ids, links and images become. */
typedef struct sanitizer {
    const char *file;
    unsigned line;
    octavo_diags *d;
    octavo_html_lookup lookup;
    void *lookup_ctx;
    dropped seen;
} sanitizer;

static void report(sanitizer *z, const char *what, const char *name)
{
    char key[24];
    snprintf(key, sizeof key, "%s%s", what[0] == 'a' ? "@" : "", name);
    for (size_t i = 0; i < z->seen.count; i++)
        if (strcmp(z->seen.names[i], key) == 0)
            return;
    if (z->seen.count < 16)
        snprintf(z->seen.names[z->seen.count++], sizeof z->seen.names[0], "%s", key);
    octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0, "dropped %s '%s' from raw HTML",
                    what, name);
}

static const octavo_html_ref *look_up(sanitizer *z, octavo_html_ref_kind kind, const char *written)
{
    return z->lookup ? z->lookup(z->lookup_ctx, kind, written, z->line) : NULL;
}

/* Text as XML allows it: the HTML parser turns "&#1;" into a character
 * that XML forbids. */
static void add_text(xmlNodePtr parent, const char *text)
{
    char *clean = octavo_xml_clean(text, NULL);
    if (*clean)
        xmlNodeAddContent(parent, BAD_CAST clean);
    free(clean);
}

/* A link to a file or place of the book (not a URL with a scheme, not an
 * absolute path): arrange resolves it like a Markdown link. */
static bool is_book_link(const char *url)
{
    return *url && !octavo_url_has_scheme(url) && url[0] != '/' && url[0] != '\\';
}

/* An id written in the source becomes the one arrange chose, if any: ids
 * are octavo's (a raw one could collide), but links may point at them. */
static void copy_id(sanitizer *z, xmlNodePtr from, xmlNodePtr to, const char *v)
{
    if (xmlHasProp(to, BAD_CAST "id"))
        return;
    bool note_ref = xmlHasProp(from, BAD_CAST "data-footnote-ref") != NULL;
    const octavo_html_ref *ref = look_up(z, note_ref ? OCTAVO_HTML_NOTE_REF : OCTAVO_HTML_ID, v);
    if (ref && ref->becomes)
        xmlSetProp(to, BAD_CAST "id", BAD_CAST ref->becomes);
}

static void copy_attributes(sanitizer *z, xmlNodePtr from, xmlNodePtr to)
{
    bool is_a = strcasecmp((const char *)from->name, "a") == 0;
    for (xmlAttrPtr a = from->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
        const char *v = value ? (const char *)value : "";
        bool keep = IN(name, allowed_attributes);
        char *repaired = NULL; /* an external URL made valid */
        if (keep && (strcasecmp(name, "href") == 0 || strcasecmp(name, "cite") == 0) &&
            octavo_url_is_external(v)) {
            repaired = octavo_url_repair(v);
            if (!repaired) {
                octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0,
                                "link to '%s' is kept as text: it is not a valid URL", v);
                xmlFree(value);
                continue;
            }
            v = repaired;
        }
        if (keep && strcasecmp(name, "href") == 0) {
            keep = is_a && (octavo_url_is_external(v) || is_footnote_link(v));
            const octavo_html_ref *ref =
                !keep && is_a && is_book_link(v) ? look_up(z, OCTAVO_HTML_LINK, v) : NULL;
            if (ref) { /* arrange resolved it, or said why not */
                if (ref->becomes)
                    xmlSetProp(to, BAD_CAST "href", BAD_CAST ref->becomes);
                xmlFree(value);
                free(repaired);
                continue;
            }
        }
        if (keep && strcasecmp(name, "cite") == 0)
            keep = octavo_url_is_external(v);
        if (keep && strcasecmp(name, "lang") == 0)
            keep = octavo_lang_is_valid(v);
        if (keep && strcasecmp(name, "dir") == 0)
            keep = strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0;
        if (keep && (strcasecmp(name, "colspan") == 0 || strcasecmp(name, "rowspan") == 0 ||
                     strcasecmp(name, "start") == 0 || strcasecmp(name, "span") == 0)) {
            keep = *v && strlen(v) < 5;
            for (const char *p = v; *p && keep; p++)
                keep = isdigit((unsigned char)*p);
        }
        if (keep) {
            char lower[16];
            snprintf(lower, sizeof lower, "%s", name);
            for (char *p = lower; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            char *clean = octavo_xml_clean(v, NULL);
            if (strcmp(lower, "lang") == 0)
                xmlNodeSetLang(to, BAD_CAST clean);
            xmlSetProp(to, BAD_CAST lower, BAD_CAST clean);
            free(clean);
        } else if (strcasecmp(name, "href") == 0) {
            /* The same words as for a Markdown link octavo cannot carry. */
            octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0,
                            "link to '%s' is kept as text: only http, https and mailto links "
                            "and links to the book's own chapters are carried into the book",
                            v);
        } else if (strcasecmp(name, "id") == 0 || (is_a && strcasecmp(name, "name") == 0)) {
            if (*v)
                copy_id(z, from, to, v);
        } else if (strcasecmp(name, "data-footnote-ref") == 0) {
            /* cmark's footnote reference: a pop-up note, as rendered elsewhere */
            octavo_xhtml_set_epub_type(to, "noteref", "doc-noteref");
        } else if (strcasecmp(name, "class") != 0) {
            /* classes are dropped quietly: octavo has no styles for them. */
            report(z, "attribute", name);
        }
        xmlFree(value);
        free(repaired);
    }
}

/* <img>: the picture resources embedded, or its description. */
static void copy_image(sanitizer *z, xmlNodePtr n, xmlNodePtr target)
{
    xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
    xmlChar *src = xmlGetProp(n, BAD_CAST "src");
    xmlChar *title = xmlGetProp(n, BAD_CAST "title");
    const octavo_html_ref *ref = look_up(z, OCTAVO_HTML_IMAGE, src ? (const char *)src : "");
    char *clean_alt = octavo_xml_clean(alt ? (const char *)alt : "", NULL);
    if (ref && ref->becomes) {
        xmlNodePtr img = octavo_xhtml_add(target, "img", NULL);
        xmlNewProp(img, BAD_CAST "src", BAD_CAST ref->becomes);
        xmlNewProp(img, BAD_CAST "alt", BAD_CAST clean_alt);
        if (title && *title) {
            char *clean = octavo_xml_clean((const char *)title, NULL);
            xmlNewProp(img, BAD_CAST "title", BAD_CAST clean);
            free(clean);
        }
    } else {
        if (*clean_alt) {
            xmlNodePtr span = octavo_xhtml_add(target, "span", NULL);
            xmlNewProp(span, BAD_CAST "class", BAD_CAST "image-missing");
            xmlNodeAddContent(span, BAD_CAST clean_alt);
        }
        if (!ref) /* resources says why when it tried */
            octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0,
                            "image '%s' is not embedded; its description is shown instead",
                            src ? (const char *)src : "");
    }
    free(clean_alt);
    xmlFree(alt);
    xmlFree(src);
    xmlFree(title);
}

/* Copies the children of `from` into `to`, iteratively: the depth of the
 * HTML is the input's choice. */
static void copy_children(sanitizer *z, xmlNodePtr from, xmlNodePtr to, bool phrasing_only)
{
    typedef struct pending {
        xmlNodePtr next_source; /* next sibling to copy at this level */
        xmlNodePtr target;
    } pending;
    pending *stack = NULL;
    size_t depth = 0, cap = 0;
    stack = octavo_xgrow(stack, &cap, 1, sizeof *stack);
    stack[depth++] = (pending){from->children, to};
    while (depth) {
        pending *top = &stack[depth - 1];
        xmlNodePtr n = top->next_source;
        if (!n) {
            depth--;
            continue;
        }
        top->next_source = n->next;
        xmlNodePtr target = top->target;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            add_text(target, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue; /* comments, processing instructions */
        const char *name = (const char *)n->name;
        if (IN(name, dropped_with_content)) {
            report(z, "element", name);
            continue;
        }
        xmlNodePtr into = target;
        if (strcasecmp(name, "img") == 0) {
            copy_image(z, n, target);
            continue;
        }
        bool wrapper = phrasing_only && (strcasecmp(name, "p") == 0 ||
                                         (tolower((unsigned char)name[0]) == 'h' &&
                                          name[1] >= '1' && name[1] <= '6' && !name[2]));
        if (IN(name, allowed_elements) && allowed_under(name, target, phrasing_only)) {
            char lower[16];
            snprintf(lower, sizeof lower, "%s", name);
            for (char *p = lower; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            into = octavo_xhtml_add(target, lower, NULL);
            copy_attributes(z, n, into);
        } else if (strcasecmp(name, "h1") == 0 && !phrasing_only) {
            /* The chapter title is the only h1. */
            into = octavo_xhtml_add(target, "h2", NULL);
        } else if (strcasecmp(name, "html") != 0 && strcasecmp(name, "body") != 0 &&
                   strcasecmp(name, "head") != 0 && !wrapper) {
            /* Unknown or presentational (font, center, ...): keep the text. */
            report(z, "element", name);
        }
        stack = octavo_xgrow(stack, &cap, depth + 1, sizeof *stack);
        stack[depth++] = (pending){n->children, into};
    }
    free(stack);
}

void octavo_sanitize_html(const char *html, size_t len, bool phrasing_only, xmlNodePtr parent,
                          const char *file, unsigned line, octavo_html_lookup lookup,
                          void *lookup_ctx, octavo_diags *d)
{
    if (len > INT32_MAX)
        return;
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_NOBLANKS);
    if (!doc)
        return;
    /* The parser moves a leading <script>, <style> or <meta> into an
     * implied <head>: walk the whole document, head included, so each is
     * reported by its own name. */
    sanitizer z = {.file = file, .line = line, .d = d, .lookup = lookup, .lookup_ctx = lookup_ctx};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root)
        copy_children(&z, root, parent, phrasing_only);
    xmlFreeDoc(doc);
}

bool octavo_has_raw_inline_html(cmark_node *n)
{
    bool found = false;
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        found = ev == CMARK_EVENT_ENTER &&
                cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HTML_INLINE;
    cmark_iter_free(it);
    return found;
}

bool octavo_is_raw_html(cmark_node *n)
{
    cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HTML_BLOCK)
        return true;
    bool holder = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                  strcmp(cmark_node_get_type_string(n), "table_cell") == 0;
    return holder && octavo_has_raw_inline_html(n);
}

void octavo_sanitize_node(cmark_node *n, bool phrasing_only, xmlNodePtr into, const char *file,
                          unsigned line, octavo_html_lookup lookup, void *lookup_ctx,
                          octavo_diags *d)
{
    char *html = phrasing_only ? cmark_render_html(n, CMARK_OPT_UNSAFE, NULL)
                               : octavo_xstrdup(cmark_node_get_literal(n));
    octavo_sanitize_html(html, strlen(html), phrasing_only, into, file, line, lookup, lookup_ctx,
                         d);
    free(html);
}

/* ---- finding what raw HTML refers to -------------------------------------- */

static const octavo_html_ref *record_ref(void *ctx, octavo_html_ref_kind kind, const char *written,
                                         unsigned line)
{
    octavo_chapter *c = ctx;
    if (kind == OCTAVO_HTML_NOTE_REF)
        return NULL; /* the renderer's own */
    c->html_refs =
        octavo_xgrow(c->html_refs, &c->html_ref_cap, c->html_ref_count + 1, sizeof *c->html_refs);
    c->html_refs[c->html_ref_count++] =
        (octavo_html_ref){kind, octavo_xstrdup(written), NULL, line};
    return NULL;
}

void octavo_find_references(octavo_chapter *c)
{
    /* The same walk as the renderer's, into a scratch document; what it
     * reports now it reports again when rendering, so it is not kept. */
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
    xmlSetNs(root, xmlNewNs(root, BAD_CAST OCTAVO_NS_XHTML, NULL));
    xmlDocSetRootElement(doc, root);
    octavo_diags quiet = OCTAVO_DIAGS_INIT;
    cmark_iter *it = cmark_iter_new(c->body);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            c->markdown_refs = octavo_xgrow(c->markdown_refs, &c->markdown_ref_cap,
                                            c->markdown_ref_count + 1, sizeof *c->markdown_refs);
            const char *url = cmark_node_get_url(n);
            c->markdown_refs[c->markdown_ref_count++] = (octavo_markdown_ref){
                .node = n,
                .image = type == CMARK_NODE_IMAGE,
                .written = octavo_xstrdup(url ? url : ""),
                .line = octavo_source_line(c, n),
            };
        }
        if (!octavo_is_raw_html(n))
            continue;
        bool block = type == CMARK_NODE_HTML_BLOCK;
        unsigned line = octavo_source_line(c, n);
        octavo_sanitize_node(n, !block, root, c->source_path, line, record_ref, c, &quiet);
        /* Its children were part of it. */
        cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
        /* Keep the scratch document small. */
        xmlNodePtr child;
        while ((child = root->children)) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        }
    }
    cmark_iter_free(it);
    octavo_diags_free(&quiet);
    xmlFreeDoc(doc);
    /* (Now that the list no longer moves.) */
    for (size_t i = 0; i < c->markdown_ref_count; i++)
        cmark_node_set_user_data(c->markdown_refs[i].node, &c->markdown_refs[i]);
}
