#include "octavo/sanitize.h"

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

static void report(dropped *seen, const char *what, const char *name, const char *file,
                   unsigned line, octavo_diags *d)
{
    char key[24];
    snprintf(key, sizeof key, "%s%s", what[0] == 'a' ? "@" : "", name);
    for (size_t i = 0; i < seen->count; i++)
        if (strcmp(seen->names[i], key) == 0)
            return;
    if (seen->count < 16)
        snprintf(seen->names[seen->count++], sizeof seen->names[0], "%s", key);
    octavo_diag_add(d, OCTAVO_WARNING, file, line, 0, "dropped %s '%s' from raw HTML", what, name);
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

static void copy_attributes(xmlNodePtr from, xmlNodePtr to, dropped *seen, const char *file,
                            unsigned line, octavo_diags *d)
{
    for (xmlAttrPtr a = from->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
        const char *v = value ? (const char *)value : "";
        bool keep = IN(name, allowed_attributes);
        if (keep && strcasecmp(name, "href") == 0)
            keep = strcasecmp((const char *)from->name, "a") == 0 &&
                   (octavo_url_is_external(v) || is_footnote_link(v));
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
            octavo_diag_add(d, OCTAVO_WARNING, file, line, 0,
                            "link to '%s' is kept as text: only http, https and mailto links "
                            "are carried into the book",
                            v);
        } else if (strcasecmp(name, "id") != 0 && strcasecmp(name, "class") != 0 &&
                   !(strcasecmp(name, "data-footnote-ref") == 0)) {
            /* ids and classes are dropped quietly: octavo makes its own ids
             * (a raw one could collide) and has no styles for the classes. */
            report(seen, "attribute", name, file, line, d);
        }
        xmlFree(value);
    }
}

/* Copies the children of `from` into `to`, iteratively: the depth of the
 * HTML is the input's choice. */
static void copy_children(xmlNodePtr from, xmlNodePtr to, bool phrasing_only, dropped *seen,
                          const char *file, unsigned line, octavo_diags *d)
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
            report(seen, "element", name, file, line, d);
            continue;
        }
        xmlNodePtr into = target;
        if (strcasecmp(name, "img") == 0) {
            /* Images are not embedded from raw HTML yet: keep the words. */
            xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
            xmlChar *src = xmlGetProp(n, BAD_CAST "src");
            if (alt && *alt) {
                xmlNodePtr span = octavo_xhtml_add(target, "span", NULL);
                xmlNewProp(span, BAD_CAST "class", BAD_CAST "image-missing");
                add_text(span, (const char *)alt);
            }
            octavo_diag_add(d, OCTAVO_WARNING, file, line, 0,
                            "image '%s' is not embedded; its description is shown instead",
                            src ? (const char *)src : "");
            xmlFree(alt);
            xmlFree(src);
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
            copy_attributes(n, into, seen, file, line, d);
        } else if (strcasecmp(name, "h1") == 0 && !phrasing_only) {
            /* The chapter title is the only h1. */
            into = octavo_xhtml_add(target, "h2", NULL);
        } else if (strcasecmp(name, "html") != 0 && strcasecmp(name, "body") != 0 &&
                   strcasecmp(name, "head") != 0 && !wrapper) {
            /* Unknown or presentational (font, center, ...): keep the text. */
            report(seen, "element", name, file, line, d);
        }
        stack = octavo_xgrow(stack, &cap, depth + 1, sizeof *stack);
        stack[depth++] = (pending){n->children, into};
    }
    free(stack);
}

void octavo_sanitize_html(const char *html, size_t len, bool phrasing_only, xmlNodePtr parent,
                          const char *file, unsigned line, octavo_diags *d)
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
    dropped seen = {0};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root)
        copy_children(root, parent, phrasing_only, &seen, file, line, d);
    xmlFreeDoc(doc);
}
