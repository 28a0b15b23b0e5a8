#include "sanitize.h"

#include "buf.h"
#include "html_syntax.h"
#include "lang.h"
#include "mem.h"
#include "text.h"
#include "url.h"
#include "xhtml.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <stdarg.h>
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

/* Whether `word` is one of the space-separated words of `words` (" a b "). */
static bool in_words(const char *words, const char *word)
{
    if (!words)
        return false;
    size_t n = strlen(word);
    for (const char *p = strstr(words, word); p; p = strstr(p + 1, word))
        if (p > words && p[-1] == ' ' && p[n] == ' ')
            return true;
    return false;
}

/* What an element may hold (the content models of HTML, as epubcheck's
 * schema for EPUB 3 has them). */
typedef enum {
    HOLDS_FLOW,        /* text and flow elements */
    HOLDS_PHRASING,    /* text and phrasing elements */
    HOLDS_TRANSPARENT, /* what its parent may hold (a, ins, del) */
    HOLDS_NOTHING,     /* a void element */
    HOLDS_TEXT,        /* text only */
    HOLDS_CHILDREN,    /* only the elements named in `children` */
} holds;

typedef struct sanitizer sanitizer;

/* An element the sanitizer copies, and the rules it is kept to. */
typedef struct element_rule {
    const char *name;
    bool phrasing; /* phrasing content: may go in a paragraph */
    holds content;
    const char *children;   /* HOLDS_CHILDREN: " li " */
    const char *wrap;       /* stray content among them is wrapped in this */
    const char *parents;    /* only inside these (" dl dl/div ": or a div in a dl) */
    const char *attributes; /* besides the global ones */
    const char *not_inside; /* never inside these, at any depth */
    const char *requires;   /* an attribute it is invalid without */
    /* Order and number of children, where a list of names is not enough;
     * may move content out to just after the element. */
    bool (*repair)(sanitizer *z, xmlNodePtr el); /* false: el is gone */
} element_rule;

static bool repair_void(sanitizer *z, xmlNodePtr el);
static bool repair_dl(sanitizer *z, xmlNodePtr el);
static bool repair_figure(sanitizer *z, xmlNodePtr el);
static bool repair_ruby(sanitizer *z, xmlNodePtr el);
static bool repair_table(sanitizer *z, xmlNodePtr el);

#define P true  /* phrasing */
#define F false /* flow only */
/* clang-format off */
static const element_rule element_rules[] = {
    {"a", P, .content = HOLDS_TRANSPARENT, .attributes = " href ", .not_inside = " a "},
    {"abbr", P, .content = HOLDS_PHRASING},
    {"b", P, .content = HOLDS_PHRASING},
    {"bdi", P, .content = HOLDS_PHRASING},
    {"bdo", P, .content = HOLDS_PHRASING, .requires = "dir"},
    {"blockquote", F, .content = HOLDS_FLOW, .attributes = " cite "},
    {"br", P, .content = HOLDS_NOTHING, .repair = repair_void},
    {"caption", F, .content = HOLDS_FLOW, .parents = " table "},
    {"cite", P, .content = HOLDS_PHRASING},
    {"code", P, .content = HOLDS_PHRASING},
    {"col", F, .content = HOLDS_NOTHING,
     .parents = " colgroup ", .attributes = " span ", .repair = repair_void},
    {"colgroup", F, .content = HOLDS_CHILDREN,
     .children = " col ", .parents = " table ", .attributes = " span "},
    {"dd", F, .content = HOLDS_FLOW, .parents = " dl dl/div "},
    {"del", P, .content = HOLDS_TRANSPARENT, .attributes = " cite datetime "},
    {"dfn", P, .content = HOLDS_PHRASING, .not_inside = " dfn "},
    {"div", F, .content = HOLDS_FLOW},
    {"dl", F, .content = HOLDS_CHILDREN, .children = " dt dd div ", .wrap = "dd",
     .repair = repair_dl},
    {"dt", F, .content = HOLDS_FLOW, .parents = " dl dl/div "},
    {"em", P, .content = HOLDS_PHRASING},
    {"figcaption", F, .content = HOLDS_FLOW, .parents = " figure "},
    {"figure", F, .content = HOLDS_FLOW, .repair = repair_figure},
    {"h2", F, .content = HOLDS_PHRASING},
    {"h3", F, .content = HOLDS_PHRASING},
    {"h4", F, .content = HOLDS_PHRASING},
    {"h5", F, .content = HOLDS_PHRASING},
    {"h6", F, .content = HOLDS_PHRASING},
    {"hr", F, .content = HOLDS_NOTHING, .repair = repair_void},
    {"i", P, .content = HOLDS_PHRASING},
    {"img", P, .content = HOLDS_NOTHING, .repair = repair_void},
    {"ins", P, .content = HOLDS_TRANSPARENT, .attributes = " cite datetime "},
    {"kbd", P, .content = HOLDS_PHRASING},
    {"li", F, .content = HOLDS_FLOW, .parents = " ul ol "},
    {"mark", P, .content = HOLDS_PHRASING},
    {"ol", F, .content = HOLDS_CHILDREN, .children = " li ", .wrap = "li",
     .attributes = " start reversed "},
    {"p", F, .content = HOLDS_PHRASING},
    {"pre", F, .content = HOLDS_PHRASING},
    {"q", P, .content = HOLDS_PHRASING, .attributes = " cite "},
    {"rp", P, .content = HOLDS_TEXT, .parents = " ruby "},
    {"rt", P, .content = HOLDS_PHRASING, .parents = " ruby "},
    {"ruby", P, .content = HOLDS_PHRASING, .repair = repair_ruby},
    {"s", P, .content = HOLDS_PHRASING},
    {"samp", P, .content = HOLDS_PHRASING},
    {"small", P, .content = HOLDS_PHRASING},
    {"span", P, .content = HOLDS_PHRASING},
    {"strong", P, .content = HOLDS_PHRASING},
    {"sub", P, .content = HOLDS_PHRASING},
    {"sup", P, .content = HOLDS_PHRASING},
    {"table", F, .content = HOLDS_CHILDREN, .children = " caption colgroup thead tbody tr tfoot ",
     .not_inside = " caption ", .repair = repair_table},
    {"tbody", F, .content = HOLDS_CHILDREN, .children = " tr ", .wrap = "tr", .parents = " table "},
    {"td", F, .content = HOLDS_FLOW, .parents = " tr ", .attributes = " colspan rowspan "},
    {"tfoot", F, .content = HOLDS_CHILDREN, .children = " tr ", .wrap = "tr", .parents = " table "},
    {"th", F, .content = HOLDS_FLOW, .parents = " tr ", .attributes = " colspan rowspan "},
    {"thead", F, .content = HOLDS_CHILDREN, .children = " tr ", .wrap = "tr", .parents = " table "},
    {"tr", F, .content = HOLDS_CHILDREN,
     .children = " td th ", .wrap = "td", .parents = " table thead tbody tfoot "},
    {"u", P, .content = HOLDS_PHRASING},
    {"ul", F, .content = HOLDS_CHILDREN, .children = " li ", .wrap = "li"},
    {"var", P, .content = HOLDS_PHRASING},
    {"wbr", P, .content = HOLDS_NOTHING, .repair = repair_void},
};
/* clang-format on */
#undef P
#undef F

static const element_rule *rule_of(const char *name)
{
    for (size_t i = 0; i < sizeof element_rules / sizeof *element_rules; i++)
        if (strcasecmp(name, element_rules[i].name) == 0)
            return &element_rules[i];
    return NULL;
}

/* Attributes every element keeps (id and class are handled apart). */
static const char global_attributes[] = " title lang dir ";

/* The syntax an attribute's value must have. */
typedef enum {
    VALUE_TEXT,
    VALUE_LANG,     /* a BCP 47 tag */
    VALUE_DIR,      /* ltr, rtl, auto */
    VALUE_URL,      /* see copy_url */
    VALUE_DATETIME, /* HTML's date or global date and time */
    VALUE_INTEGER,  /* within min..max */
    VALUE_BOOLEAN,  /* "" or its own name */
} value_syntax;

static const struct attribute_rule {
    const char *name;
    value_syntax syntax;
    long min, max;
} attribute_rules[] = {
    {"title", VALUE_TEXT, 0, 0},
    {"lang", VALUE_LANG, 0, 0},
    {"dir", VALUE_DIR, 0, 0},
    {"href", VALUE_URL, 0, 0},
    {"cite", VALUE_URL, 0, 0},
    {"datetime", VALUE_DATETIME, 0, 0},
    /* HTML's limits for table cells and columns */
    {"colspan", VALUE_INTEGER, 1, 1000},
    {"rowspan", VALUE_INTEGER, 0, 65534},
    {"span", VALUE_INTEGER, 1, 1000},
    {"start", VALUE_INTEGER, -1000000000, 1000000000},
    {"reversed", VALUE_BOOLEAN, 0, 0},
};

/* Whether the element of `rule` may be copied under `parent` (an element
 * octavo made). Inside a paragraph or heading only phrasing content may
 * go. */
static bool allowed_under(const element_rule *rule, xmlNodePtr parent, bool phrasing_only)
{
    if (phrasing_only && !rule->phrasing)
        return false;
    if (rule->not_inside)
        for (xmlNodePtr p = parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
            if (in_words(rule->not_inside, (const char *)p->name))
                return false;
    if (!rule->parents)
        return true;
    if (in_words(rule->parents, (const char *)parent->name))
        return true;
    /* "dl/div": a div that groups a term and its definitions */
    char path[40];
    xmlNodePtr up = parent->parent;
    snprintf(path, sizeof path, "%s/%s",
             up && up->type == XML_ELEMENT_NODE ? (const char *)up->name : "",
             (const char *)parent->name);
    return in_words(rule->parents, path);
}

/* Elements dropped with everything inside them: what they hold is code,
 * a foreign document or a control, not text for the reader. */
static const char *const dropped_with_content[] = {
    "script",   "style",    "iframe",   "frame", "frameset", "object", "embed",
    "applet",   "noscript", "template", "form",  "input",    "button", "select",
    "textarea", "option",   "datalist", "link",  "meta",     "base",   "title",
    "svg",      "math",     "canvas",   "audio", "video",    "source", "track",
    "param",    "portal",   "dialog",   "map",   "area"};

/* The number of a footnote reference as cmark-gfm writes it, "<a
 * href="#fn-label" id="fnref-label" data-footnote-ref>3</a>": its text.
 * Its href and id name the note by its label (and "fnref-label-2" for a
 * second reference); the renderer names notes by number. 0: not one. */
static unsigned long footnote_number(xmlNodePtr a)
{
    if (!xmlHasProp(a, BAD_CAST "data-footnote-ref"))
        return 0;
    xmlChar *text = xmlNodeGetContent(a);
    const char *t = text ? (const char *)text : "";
    unsigned long number = 0;
    for (; *t && number < 1000000; t++)
        number = isdigit((unsigned char)*t) ? number * 10 + (unsigned long)(*t - '0') : 0;
    if (*t)
        number = 0;
    xmlFree(text);
    return number;
}
/* One call's state: where the HTML came from, what was reported, whom to
 * ask what ids, links and images become, and where the HTML goes. */
struct sanitizer {
    const char *file;
    unsigned line;
    octavo_diags *d;
    octavo_html_lookup lookup;
    void *lookup_ctx;
    char seen[24][40]; /* what was reported: each kind once per call */
    size_t seen_count;
    xmlNodePtr top;     /* the element the HTML is added to */
    bool phrasing_only; /* whether `top` holds only phrasing content */
};

/* Whether `key` was reported in this call already; remembers it if not. */
static bool seen_before(sanitizer *z, const char *key)
{
    for (size_t i = 0; i < z->seen_count; i++)
        if (strncmp(z->seen[i], key, sizeof z->seen[0] - 1) == 0)
            return true;
    if (z->seen_count < sizeof z->seen / sizeof *z->seen)
        snprintf(z->seen[z->seen_count++], sizeof z->seen[0], "%s", key);
    return false;
}

static void report(sanitizer *z, const char *what, const char *name)
{
    char key[40];
    snprintf(key, sizeof key, "%s%s", what[0] == 'a' ? "@" : "", name);
    if (!seen_before(z, key))
        octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0, "dropped %s '%s' from raw HTML",
                        what, name);
}

/* A warning about a repair of the HTML's structure, once per `key`. */
__attribute__((format(printf, 3, 4))) static void warn_once(sanitizer *z, const char *key,
                                                            const char *fmt, ...)
{
    char kind[40]; /* apart from report's keys */
    snprintf(kind, sizeof kind, "!%s", key);
    if (seen_before(z, kind))
        return;
    va_list ap;
    va_start(ap, fmt);
    octavo_diag_vadd(z->d, OCTAVO_WARNING, NULL, z->file, z->line, 0, fmt, ap);
    va_end(ap);
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
    unsigned long note = footnote_number(from);
    char note_id[32];
    snprintf(note_id, sizeof note_id, "fnref-%lu", note);
    const octavo_html_ref *ref =
        note ? look_up(z, OCTAVO_HTML_NOTE_REF, note_id) : look_up(z, OCTAVO_HTML_ID, v);
    if (ref && ref->becomes)
        xmlSetProp(to, BAD_CAST "id", BAD_CAST ref->becomes);
}

/* ---- attribute values ----------------------------------------------------- */

/* The value attribute `rule` keeps for `v`, or NULL when `v` is not
 * valid for it (URLs are copy_attributes's). Caller frees. */
static char *valid_value(const struct attribute_rule *rule, const char *v)
{
    long n;
    switch (rule->syntax) {
    case VALUE_TEXT:
        return octavo_xstrdup(v);
    case VALUE_LANG:
        return octavo_lang_is_valid(v) ? octavo_xstrdup(v) : NULL;
    case VALUE_DIR:
        return strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0
                   ? octavo_xstrdup(v)
                   : NULL;
    case VALUE_DATETIME:
        return octavo_html_date_or_time(v) ? octavo_xstrdup(v) : NULL;
    case VALUE_INTEGER:
        if (!octavo_html_integer(v, rule->min, rule->max, &n))
            return NULL;
        octavo_buf out = OCTAVO_BUF_INIT;
        octavo_buf_printf(&out, "%ld", n);
        return octavo_buf_detach(&out);
    case VALUE_BOOLEAN:
        return !*v || strcasecmp(v, rule->name) == 0 ? octavo_xstrdup(rule->name) : NULL;
    case VALUE_URL:
        break;
    }
    return NULL;
}

static const struct attribute_rule *attribute_rule_of(const char *name)
{
    for (size_t i = 0; i < sizeof attribute_rules / sizeof *attribute_rules; i++)
        if (strcasecmp(name, attribute_rules[i].name) == 0)
            return &attribute_rules[i];
    return NULL;
}

/* href and cite: an http, https or mailto URL made valid, cmark's link to
 * a footnote (note_ref), or (href of a) a link into the book that arrange
 * resolved. */
static void copy_url(sanitizer *z, const char *name, const char *v, bool is_a, unsigned long note,
                     xmlNodePtr to)
{
    bool href = strcmp(name, "href") == 0;
    if (octavo_url_is_external(v)) {
        char *valid = octavo_url_repair(v);
        if (valid)
            xmlSetProp(to, BAD_CAST name, BAD_CAST valid);
        else
            octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0,
                            "link to '%s' is kept as text: it is not a valid URL", v);
        free(valid);
        return;
    }
    if (href && is_a && note) { /* a link to a note that is not there stays text */
        char note_href[32];
        snprintf(note_href, sizeof note_href, "#fn-%lu", note);
        const octavo_html_ref *ref = look_up(z, OCTAVO_HTML_NOTE_REF, note_href);
        if (ref && ref->becomes)
            xmlSetProp(to, BAD_CAST name, BAD_CAST ref->becomes);
        return;
    }
    const octavo_html_ref *ref =
        href && is_a && is_book_link(v) ? look_up(z, OCTAVO_HTML_LINK, v) : NULL;
    if (ref) { /* arrange resolved it, or said why not */
        if (ref->becomes)
            xmlSetProp(to, BAD_CAST "href", BAD_CAST ref->becomes);
    } else if (href) {
        /* The same words as for a Markdown link octavo cannot carry. */
        octavo_diag_add(z->d, OCTAVO_WARNING, z->file, z->line, 0,
                        "link to '%s' is kept as text: only http, https and mailto links "
                        "and links to the book's own chapters are carried into the book",
                        v);
    } else {
        report(z, "attribute", name);
    }
}

/* Copies the attributes element `rule` allows, with values of the right
 * syntax; reports the others. */
static void copy_attributes(sanitizer *z, xmlNodePtr from, xmlNodePtr to, const element_rule *rule)
{
    bool is_a = strcmp(rule->name, "a") == 0;
    for (xmlAttrPtr a = from->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
        const char *v = value ? (const char *)value : "";
        const struct attribute_rule *ar = attribute_rule_of(name);
        if (ar && !in_words(global_attributes, ar->name) && !in_words(rule->attributes, ar->name))
            ar = NULL; /* not on this element (colspan of hr) */
        char *kept = ar && ar->syntax != VALUE_URL ? valid_value(ar, v) : NULL;
        if (kept) {
            char *clean = octavo_xml_clean(kept, NULL);
            if (strcmp(ar->name, "lang") == 0)
                xmlNodeSetLang(to, BAD_CAST clean);
            xmlSetProp(to, BAD_CAST ar->name, BAD_CAST clean);
            free(clean);
            free(kept);
        } else if (ar && ar->syntax == VALUE_URL) {
            copy_url(z, ar->name, v, is_a, is_a ? footnote_number(from) : 0, to);
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
/* The nearest sibling of `n` (before it or after it) that shows: not a
 * comment, processing instruction or element dropped with its content. */
static xmlNodePtr shown_sibling(xmlNodePtr n, bool before)
{
    for (n = before ? n->prev : n->next; n; n = before ? n->prev : n->next)
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
            (n->type == XML_ELEMENT_NODE && !IN((const char *)n->name, dropped_with_content)))
            return n;
    return NULL;
}

/* Whether text or an element reads inline (an unknown element's text is
 * kept inline). */
static bool inline_node(xmlNodePtr n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return n != NULL;
    const element_rule *rule = rule_of((const char *)n->name);
    return !rule || rule->phrasing;
}

/* Whitespace only there for the source's layout: around blocks, or at
 * the start or end of an element. Whitespace between two inline pieces
 * is a word space and stays ("<b>a</b> <i>b</i>"); libxml2's
 * HTML_PARSE_NOBLANKS guessed from a fixed list of elements and lost the
 * space after an unknown one. */
static bool layout_blank(xmlNodePtr n)
{
    for (const xmlChar *c = n->content; c && *c; c++)
        if (!strchr(" \t\r\n\f", *c))
            return false;
    return !inline_node(shown_sibling(n, true)) || !inline_node(shown_sibling(n, false));
}

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
            if (!layout_blank(n))
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
        const element_rule *rule = rule_of(name);
        if (rule && allowed_under(rule, target, phrasing_only)) {
            into = octavo_xhtml_add(target, rule->name, NULL);
            copy_attributes(z, n, into, rule);
            if (rule->requires && !xmlHasProp(into, BAD_CAST rule->requires)) {
                /* <bdo> without a direction: a span, as readers show it */
                xmlNodeSetName(into, BAD_CAST "span");
                warn_once(z, rule->name, "dropped element '%s' from raw HTML: it needs a %s",
                          rule->name, rule->requires);
            }
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

/* ---- content models -------------------------------------------------------- */

/* The copy above keeps each element where its parent allows it; what
 * HTML also asks of an element's children (their order and number, no
 * text in a list, nothing in a void element, ...) is enforced here, on
 * what was copied, by the rules of element_rules: misplaced elements are
 * unwrapped, stray content wrapped or moved out, parts put in order, and
 * what cannot be repaired turned into plain blocks. The text stays. */

static bool is_element(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool is_blank(xmlNodePtr n)
{
    if (n->type != XML_TEXT_NODE)
        return n->type != XML_ELEMENT_NODE;
    for (const xmlChar *p = n->content; p && *p; p++)
        if (!strchr(" \t\n\r\f", *p))
            return false;
    return true;
}

/* A new element `name`, just before `at`. */
static xmlNodePtr add_before(xmlNodePtr at, const char *name)
{
    xmlNodePtr el = octavo_xhtml_add(at->parent, name, NULL);
    xmlUnlinkNode(el);
    xmlAddPrevSibling(at, el);
    return el;
}

static void rename_element(xmlNodePtr el, const char *name)
{
    xmlNodeSetName(el, BAD_CAST name);
}

/* What `el` holds: for a transparent element (a, ins, del), what its
 * parent holds. Remembered in _private: a chain of them may be long. */
static holds holds_of(const sanitizer *z, xmlNodePtr el)
{
    if (el == z->top)
        return z->phrasing_only ? HOLDS_PHRASING : HOLDS_FLOW;
    const element_rule *rule = rule_of((const char *)el->name);
    if (!rule)
        return HOLDS_FLOW;
    if (rule->content != HOLDS_TRANSPARENT)
        return rule->content;
    if (el->_private)
        return (holds)((size_t)el->_private - 1);
    xmlNodePtr p = el->parent;
    while (p != z->top && !p->_private && rule_of((const char *)p->name) &&
           rule_of((const char *)p->name)->content == HOLDS_TRANSPARENT)
        p = p->parent;
    holds h = holds_of(z, p); /* p is not transparent, or knows already */
    for (xmlNodePtr q = el; q != p; q = q->parent)
        q->_private = (void *)((size_t)h + 1);
    return h;
}

/* Replaces `el` by its children. An id it had stays, on an empty span,
 * where its parent allows one: links may lead there. */
static void unwrap(sanitizer *z, xmlNodePtr el)
{
    xmlChar *id = xmlGetProp(el, BAD_CAST "id");
    holds h = holds_of(z, el->parent);
    if (id && (h == HOLDS_FLOW || h == HOLDS_PHRASING))
        xmlSetProp(add_before(el, "span"), BAD_CAST "id", id);
    xmlFree(id);
    xmlNodePtr c;
    while ((c = el->children)) {
        xmlUnlinkNode(c);
        if (c->type == XML_TEXT_NODE && (!c->content || !*c->content))
            xmlFreeNode(c);
        else
            xmlAddPrevSibling(el, c);
    }
    xmlUnlinkNode(el);
    xmlFreeNode(el);
}

/* Moves `n` to just after `after`; returns where the next one goes. */
static xmlNodePtr move_after(xmlNodePtr after, xmlNodePtr n)
{
    xmlUnlinkNode(n);
    return xmlAddNextSibling(after, n);
}

/* Wraps each run of content `el` may not hold (text, other elements) in
 * the element its rule names: "<ul>text" becomes "<ul><li>text". */
static void wrap_stray(sanitizer *z, xmlNodePtr el, const element_rule *rule)
{
    xmlNodePtr c = el->children;
    while (c) {
        bool stray = c->type == XML_ELEMENT_NODE ? !in_words(rule->children, (const char *)c->name)
                                                 : !is_blank(c);
        if (!stray) {
            c = c->next;
            continue;
        }
        warn_once(z, rule->name, "content of '%s' in raw HTML outside a '%s' is put in one",
                  rule->name, rule->wrap);
        xmlNodePtr w = add_before(c, rule->wrap);
        while (c && (c->type == XML_ELEMENT_NODE ? !in_words(rule->children, (const char *)c->name)
                                                 : true)) {
            xmlNodePtr next = c->next;
            xmlUnlinkNode(c);
            xmlAddChild(w, c);
            c = next;
        }
    }
}

/* br, wbr, hr, col, img hold nothing: what the HTML put in one follows it. */
static bool repair_void(sanitizer *z, xmlNodePtr el)
{
    xmlNodePtr after = el, c = el->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type != XML_TEXT_NODE || (c->content && *c->content)) {
            warn_once(z, (const char *)el->name,
                      "element '%s' in raw HTML holds nothing; what it held follows it",
                      (const char *)el->name);
            after = move_after(after, c);
        }
        c = next;
    }
    return true;
}

/* Whether a div in a dl is one group: dt+ dd+. */
static bool is_dl_group(xmlNodePtr div)
{
    int state = 0; /* 0: start, 1: terms, 2: definitions */
    for (xmlNodePtr c = div->children; c; c = c->next) {
        if (is_blank(c))
            continue;
        if (is_element(c, "dt") && state < 2)
            state = 1;
        else if (is_element(c, "dd") && state > 0)
            state = 2;
        else
            return false;
    }
    return state == 2;
}

/* dl: groups of terms then definitions (dt+ dd+), bare or each in a div.
 * A list out of order has no reading a repair could guess: it becomes
 * plain blocks, its text in order. */
static bool repair_dl(sanitizer *z, xmlNodePtr dl)
{
    wrap_stray(z, dl, rule_of("dl"));
    bool groups = false, bare = false, ok = true;
    int state = 0;
    for (xmlNodePtr c = dl->children; c; c = c->next) {
        if (is_element(c, "div")) {
            groups = true;
            ok = ok && is_dl_group(c);
        } else if (is_element(c, "dt")) {
            bare = true;
            state = 1;
        } else if (is_element(c, "dd")) {
            bare = true;
            ok = ok && state > 0;
            state = 2;
        }
    }
    if (ok && !(groups && bare) && state != 1)
        return true;
    warn_once(z, "dl",
              "dropped element 'dl' from raw HTML: its terms (dt) and definitions (dd) are "
              "not in order; they are kept as blocks");
    rename_element(dl, "div");
    for (xmlNodePtr c = dl->children; c; c = c->next) {
        if (is_element(c, "div"))
            for (xmlNodePtr g = c->children; g; g = g->next)
                if (is_element(g, "dt") || is_element(g, "dd"))
                    rename_element(g, "div");
        if (is_element(c, "dt") || is_element(c, "dd"))
            rename_element(c, "div");
    }
    return true;
}

/* figure: one figcaption, its first or last child; others are blocks. */
static bool repair_figure(sanitizer *z, xmlNodePtr figure)
{
    xmlNodePtr first = NULL, last = NULL;
    for (xmlNodePtr c = figure->children; c; c = c->next)
        if (!is_blank(c)) {
            first = first ? first : c;
            last = c;
        }
    xmlNodePtr keep = is_element(first, "figcaption")  ? first
                      : is_element(last, "figcaption") ? last
                                                       : NULL;
    for (xmlNodePtr c = figure->children; c; c = c->next)
        if (is_element(c, "figcaption") && c != keep) {
            warn_once(z, "figcaption",
                      "dropped element 'figcaption' from raw HTML: a figure has one caption, "
                      "first or last; the others are kept as blocks");
            rename_element(c, "div");
        }
    return true;
}

static xmlNodePtr next_content(xmlNodePtr n)
{
    while (n && is_blank(n))
        n = n->next;
    return n;
}

/* ruby: base text then its annotation, rt+ or rp (rt rp)+, repeated.
 * An rp that is not around an rt is dropped (it is only a parenthesis for
 * readers without ruby), an rt with no base before it becomes base text,
 * and base text after the last annotation moves out of the ruby. */
static bool repair_ruby(sanitizer *z, xmlNodePtr ruby)
{
    enum { START, BASE, RT, RP_DONE } state = START;
    xmlNodePtr base = NULL; /* the current run of base text */
    xmlNodePtr c = ruby->children;
    while (c) {
        if (is_blank(c)) {
            c = c->next;
            continue;
        }
        xmlNodePtr next = c->next;
        xmlNodePtr after = next_content(next), after2 = after ? next_content(after->next) : NULL;
        if (is_element(c, "rp")) {
            if (state == BASE && is_element(after, "rt") && is_element(after2, "rp")) {
                state = RP_DONE; /* rp rt rp */
                next = after2->next;
            } else {
                warn_once(z, "rp", "dropped element 'rp' from raw HTML: it is not around an rt");
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            }
        } else if (is_element(c, "rt")) {
            if (state == BASE || state == RT) {
                state = RT;
            } else if (state == RP_DONE && is_element(after, "rp")) {
                next = after->next; /* (rt rp) after rp rt rp */
            } else {
                warn_once(z, "rt",
                          "dropped element 'rt' from raw HTML: it follows no text to annotate");
                xmlNodePtr prev = c->prev;
                unwrap(z, c);
                /* Its text is base text now; a blank before it may have
                 * taken it in. */
                next = prev ? (prev->type == XML_TEXT_NODE ? prev : prev->next) : ruby->children;
            }
        } else if (state != BASE) {
            state = BASE;
            base = c;
        }
        c = next;
    }
    if (state == BASE) { /* base text no rt follows */
        warn_once(z, "ruby", "text of a ruby in raw HTML that no rt annotates is moved out of it");
        xmlNodePtr to = ruby;
        while (base) {
            xmlNodePtr next = base->next;
            to = move_after(to, base);
            base = next;
        }
    }
    if (!next_content(ruby->children)) {
        xmlUnlinkNode(ruby);
        xmlFreeNode(ruby);
        return false;
    }
    return true;
}

/* The place of a part of a table: caption, colgroup, thead, tbody or tr,
 * tfoot. */
static int table_slot(xmlNodePtr n)
{
    static const char *const order[] = {"caption", "colgroup", "thead", "tbody", "tfoot"};
    if (is_element(n, "tr"))
        return 3;
    for (int i = 0; i < 5; i++)
        if (is_element(n, order[i]))
            return i;
    return 5;
}

/* table: caption?, colgroup*, thead?, (tbody* | tr+), tfoot?. Content
 * outside the parts moves after the table (a browser shows it outside
 * too); extra captions join the first, extra thead and tfoot become
 * tbody, and the parts are put in that order. */
static bool repair_table(sanitizer *z, xmlNodePtr table)
{
    xmlNodePtr after = table, c = table->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE && table_slot(c) < 5) {
            if (is_element(c, "colgroup")) {
                bool cols = false;
                for (xmlNodePtr g = c->children, gnext; g; g = gnext) {
                    gnext = g->next;
                    if (is_element(g, "col"))
                        cols = true;
                    else if (!is_blank(g))
                        after = move_after(after, g);
                }
                if (cols && xmlHasProp(c, BAD_CAST "span")) {
                    xmlUnsetProp(c, BAD_CAST "span");
                    report(z, "attribute", "span");
                }
            }
        } else if (!is_blank(c)) {
            warn_once(z, "table", "content of a table in raw HTML outside its cells follows it");
            after = move_after(after, c);
        }
        c = next;
    }
    xmlNodePtr caption = NULL, thead = NULL, tfoot = NULL;
    for (c = table->children; c; c = c->next) {
        xmlNodePtr *first = is_element(c, "caption") ? &caption
                            : is_element(c, "thead") ? &thead
                            : is_element(c, "tfoot") ? &tfoot
                                                     : NULL;
        if (!first || !*first) {
            if (first)
                *first = c;
            continue;
        }
        warn_once(z, (const char *)c->name,
                  "a table in raw HTML has more than one '%s'; the others are kept as %s",
                  (const char *)c->name, first == &caption ? "blocks in the first" : "tbody");
        if (first == &caption) {
            xmlNodePtr extra = c;
            c = c->prev;
            xmlUnlinkNode(extra);
            rename_element(extra, "div");
            xmlAddChild(caption, extra);
        } else {
            rename_element(c, "tbody");
        }
    }
    bool tbody = false, tr = false;
    for (c = table->children; c; c = c->next) {
        tbody = tbody || is_element(c, "tbody");
        tr = tr || is_element(c, "tr");
    }
    if (tbody && tr) /* rows beside tbody: each run of them in its own */
        for (c = table->children; c; c = c->next)
            if (is_element(c, "tr")) {
                xmlNodePtr body = add_before(c, "tbody");
                for (xmlNodePtr row = c, next; is_element(row, "tr"); row = next) {
                    next = next_content(row->next);
                    xmlUnlinkNode(row);
                    xmlAddChild(body, row);
                }
                c = body;
            }
    int slot = 0;
    bool ordered = true;
    for (c = table->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            ordered = ordered && table_slot(c) >= slot;
            slot = table_slot(c);
        }
    if (ordered)
        return true;
    warn_once(z, "table-order",
              "the parts of a table in raw HTML are put in order: caption, colgroup, thead, "
              "tbody, tfoot");
    xmlNodePtr *parts = NULL;
    size_t count = 0, cap = 0;
    for (c = table->children; c; c = c->next) {
        parts = octavo_xgrow(parts, &cap, count + 1, sizeof *parts);
        parts[count++] = c;
    }
    for (size_t i = 0; i < count; i++)
        xmlUnlinkNode(parts[i]);
    for (int s = 0; s < 5; s++)
        for (size_t i = 0; i < count; i++)
            if (parts[i] && table_slot(parts[i]) == s) {
                xmlAddChild(table, parts[i]);
                parts[i] = NULL;
            }
    for (size_t i = 0; i < count; i++)
        xmlFreeNode(parts[i]); /* blank text; xmlFreeNode(NULL) is a no-op */
    free(parts);
    return true;
}

/* Whether element `c` (whose rule is `rule`, NULL for none) may be a
 * child of `el`, which holds `h`. */
static bool allowed_child(const sanitizer *z, xmlNodePtr el, holds h, const element_rule *rule)
{
    if (!rule)
        return false;
    if (rule->parents) {
        if (el == z->top)
            return false;
        return allowed_under(rule, el, false);
    }
    switch (h) {
    case HOLDS_FLOW:
        return true;
    case HOLDS_PHRASING:
        return rule->phrasing;
    case HOLDS_CHILDREN:
        return in_words(rule_of((const char *)el->name)->children, rule->name);
    case HOLDS_TEXT:
    case HOLDS_NOTHING:
    case HOLDS_TRANSPARENT:
        break;
    }
    return false;
}

/* Enforces the content model of `el` on its children from `first` on:
 * each one is unwrapped if `el` may not hold it, or else repaired by its
 * own rule (which may move content to just after it: that is checked
 * next, as a child of `el`). */
static void fix_children(sanitizer *z, xmlNodePtr el, xmlNodePtr first)
{
    const element_rule *rule = el == z->top ? NULL : rule_of((const char *)el->name);
    if (rule && rule->content == HOLDS_CHILDREN && rule->wrap) {
        wrap_stray(z, el, rule);
        first = el->children;
    }
    holds h = holds_of(z, el);
    xmlNodePtr c = first;
    while (c) {
        if (c->type != XML_ELEMENT_NODE) {
            c = c->next;
            continue;
        }
        const element_rule *cr = rule_of((const char *)c->name);
        xmlNodePtr prev = c->prev;
        if (!allowed_child(z, el, h, cr)) {
            warn_once(z, (const char *)c->name,
                      "dropped element '%s' from raw HTML: it cannot be inside '%s'",
                      (const char *)c->name, (const char *)el->name);
            unwrap(z, c);
        } else if (!cr->repair || cr->repair(z, c)) {
            c = c->next;
            continue;
        }
        /* c is gone: go on with what took its place */
        c = prev ? prev->next : el->children;
    }
}

/* Enforces the content models on the nodes added to z->top after
 * `before` (NULL: all of them), top-down, without recursion. */
/* The node after `n` in document order below `top`, its children skipped
 * unless `into`; NULL past the end. Iterative: the depth is the input's. */
static xmlNodePtr next_below(xmlNodePtr n, xmlNodePtr top, bool into)
{
    if (into && n->children)
        return n->children;
    while (n != top && !n->next)
        n = n->parent;
    return n == top ? NULL : n->next;
}

static void enforce_content_models(sanitizer *z, xmlNodePtr before)
{
    fix_children(z, z->top, before ? before->next : z->top->children);
    for (xmlNodePtr n = before ? before->next : z->top->children; n;) {
        bool element = n->type == XML_ELEMENT_NODE;
        if (element)
            fix_children(z, n, n->children);
        n = next_below(n, z->top, element);
    }
    /* _private marked transparent elements (holds_of) */
    for (xmlNodePtr n = before ? before->next : z->top->children; n;
         n = next_below(n, z->top, true))
        n->_private = NULL;
}

void octavo_sanitize_html(const char *html, size_t len, bool phrasing_only, xmlNodePtr parent,
                          const char *file, unsigned line, octavo_html_lookup lookup,
                          void *lookup_ctx, octavo_diags *d)
{
    if (len > INT32_MAX)
        return;
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc)
        return;
    /* The parser moves a leading <script>, <style> or <meta> into an
     * implied <head>: walk the whole document, head included, so each is
     * reported by its own name. */
    sanitizer z = {.file = file,
                   .line = line,
                   .d = d,
                   .lookup = lookup,
                   .lookup_ctx = lookup_ctx,
                   .top = parent,
                   .phrasing_only = phrasing_only};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr before = parent->last;
    if (root)
        copy_children(&z, root, parent, phrasing_only);
    xmlFreeDoc(doc);
    enforce_content_models(&z, before);
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

/* How many <figure> tags `html` opens minus how many it closes. */
static long figure_depth(const char *html)
{
    long depth = 0;
    for (const char *p = strchr(html ? html : "", '<'); p; p = strchr(p + 1, '<')) {
        bool close = p[1] == '/';
        const char *name = p + 1 + close;
        if (strncasecmp(name, "figure", 6) == 0 &&
            (name[6] == '>' || name[6] == '/' || isspace((unsigned char)name[6])))
            depth += close ? -1 : 1;
    }
    return depth;
}

cmark_node *octavo_raw_html_end(cmark_node *n)
{
    if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
        return n;
    long depth = figure_depth(cmark_node_get_literal(n));
    if (depth <= 0)
        return n;
    for (cmark_node *s = cmark_node_next(n); s; s = cmark_node_next(s))
        if (cmark_node_get_type(s) == CMARK_NODE_HTML_BLOCK &&
            (depth += figure_depth(cmark_node_get_literal(s))) <= 0)
            return s;
    return n; /* never closed: the blocks are apart */
}

void octavo_sanitize_node(cmark_node *n, bool phrasing_only, xmlNodePtr into, const char *file,
                          unsigned line, octavo_html_lookup lookup, void *lookup_ctx,
                          octavo_diags *d)
{
    if (phrasing_only && strcmp(cmark_node_get_type_string(n), "table_cell") == 0) {
        /* A cell renders as "<td>…</td>", which is no phrasing: its
         * content alone, in one piece so that tags still pair up. */
        octavo_buf html = OCTAVO_BUF_INIT;
        for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
            char *part = cmark_render_html(c, CMARK_OPT_UNSAFE, NULL);
            octavo_buf_puts(&html, part);
            free(part);
        }
        octavo_sanitize_html(octavo_buf_cstr(&html), html.len, true, into, file, line, lookup,
                             lookup_ctx, d);
        octavo_buf_free(&html);
        return;
    }
    cmark_node *end = phrasing_only ? n : octavo_raw_html_end(n);
    if (end != n) { /* a figure's pieces, Markdown between them rendered as cmark does */
        octavo_buf html = OCTAVO_BUF_INIT;
        for (cmark_node *c = n;; c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK) {
                octavo_buf_puts(&html, cmark_node_get_literal(c));
            } else {
                char *part = cmark_render_html(c, CMARK_OPT_UNSAFE, NULL);
                octavo_buf_puts(&html, part);
                free(part);
            }
            if (c == end)
                break;
        }
        octavo_sanitize_html(octavo_buf_cstr(&html), html.len, false, into, file, line, lookup,
                             lookup_ctx, d);
        octavo_buf_free(&html);
        return;
    }
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

/* "https://hub.docker.com/\_/busybox/": an autolink keeps the backslash
 * its writer put in for Markdown's sake (cmark-gfm, as GitHub, links to
 * ".../%5C_/..."). A URL holds no backslash; the one meant is without
 * them, in the link's words too. An autolink is a link whose words are
 * its URL, or the URL without the "http://" or "mailto:" it was given. */
static void unescape_autolink(cmark_node *link)
{
    cmark_node *words = cmark_node_first_child(link);
    if (!words || cmark_node_next(words) || cmark_node_get_type(words) != CMARK_NODE_TEXT)
        return;
    const char *text = cmark_node_get_literal(words), *url = cmark_node_get_url(link);
    if (!text || !url || !strstr(text, "\\"))
        return;
    if (strlen(text) > strlen(url))
        return;
    size_t prefix = strlen(url) - strlen(text);
    if (strcmp(url + prefix, text) != 0 ||
        !(prefix == 0 || (prefix == 7 && strncmp(url, "http://", 7) == 0) ||
          (prefix == 7 && strncmp(url, "mailto:", 7) == 0)))
        return;
    /* cmark-gfm leaves trailing punctuation out of an autolink, but not
     * the backslash before it ("https://a.org/\\*z\\*"). */
    cmark_node *after = cmark_node_next(link);
    const char *rest = after && cmark_node_get_type(after) == CMARK_NODE_TEXT
                           ? cmark_node_get_literal(after)
                           : NULL;
    octavo_buf plain = OCTAVO_BUF_INIT;
    for (const char *p = text; *p; p++) {
        unsigned char next = (unsigned char)(p[1] ? p[1] : rest ? rest[0] : 0);
        if (!(*p == '\\' && isascii(next) && ispunct(next)))
            octavo_buf_putc(&plain, *p);
    }
    octavo_buf target = OCTAVO_BUF_INIT;
    octavo_buf_append(&target, url, prefix);
    octavo_buf_puts(&target, octavo_buf_cstr(&plain));
    cmark_node_set_url(link, octavo_buf_cstr(&target));
    cmark_node_set_literal(words, octavo_buf_cstr(&plain));
    octavo_buf_free(&target);
    octavo_buf_free(&plain);
}

static void unescape_autolinks_in(cmark_node *n)
{
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_LINK)
            unescape_autolink(cmark_iter_get_node(it));
    cmark_iter_free(it);
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
        if (type == CMARK_NODE_LINK)
            unescape_autolink(n);
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
        cmark_node *end = block ? octavo_raw_html_end(n) : n;
        /* Links in it are rendered by cmark, and not visited below. */
        for (cmark_node *part = n;; part = cmark_node_next(part)) {
            unescape_autolinks_in(part);
            if (part == end)
                break;
        }
        unsigned line = octavo_source_line(c, n);
        octavo_sanitize_node(n, !block, root, c->source_path, line, record_ref, c, &quiet);
        /* Its children, and the blocks after it that it took in, were part
         * of it. */
        cmark_iter_reset(it, end, CMARK_EVENT_EXIT);
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
