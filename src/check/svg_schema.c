/* svg_schema.c — what EPUB's SVG schema says of SVG, standalone or inline
 * in XHTML, as it streams by. EPUBCheck 5 validates SVG with a
 * "forgiving" grammar (schema/30/mod/epub-svg-forgiving-inc.rnc): any
 * element and attribute goes, but
 *   - epub:type only on the renderable elements, no other epub:*
 *     attribute (but epub:prefix on a standalone document's root);
 *   - a standalone document's ids are XML names (xsd:ID);
 *   - foreignObject holds XHTML flow content (or, standalone, one body);
 *   - title holds text and XHTML only: flow content, or one body or html.
 * (EPUBCheck 4.2.6 allowed epub:type on other elements, e.g. defs and
 * tref; EPUBCheck 5's list is the one here.) The XHTML inside a
 * standalone document's foreignObject and title goes to html.c. */
#include "check_internal.h"

#include "mem.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_SVG    "http://www.w3.org/2000/svg"
#define NS_XHTML  "http://www.w3.org/1999/xhtml"
#define NS_OPS    "http://www.idpf.org/2007/ops"
#define NS_MATHML "http://www.w3.org/1998/Math/MathML"

/* What an open element is to the schema. */
typedef enum svg_kind {
    SVG_OUT,        /* not in SVG: XHTML around it, or in a foreignObject */
    SVG_IN,         /* in SVG (any namespace) */
    SVG_FOREIGN,    /* a foreignObject */
    SVG_TITLE,      /* an SVG title */
    SVG_TITLE_HTML, /* XHTML in an SVG title */
    SVG_SKIP        /* not allowed where it is: its content is not checked */
} svg_kind;

struct svg_frame {
    svg_kind kind;
    bool html;   /* given to html.c */
    bool whole;  /* (foreignObject, title) holds a body or html, which must be alone */
    bool filled; /* (foreignObject, title) has content (an element or text) */
};

/* The SVG elements that may have an epub:type (the schema's
 * svg.renderable.elem). */
static const char renderable[] = " a audio canvas circle ellipse g iframe image line path polygon "
                                 "polyline rect svg switch symbol text textPath tspan unknown use "
                                 "video ";

/* The XHTML elements that are not flow content (what foreignObject and
 * title hold); body and html are the schema's own cases. (meta, link and
 * style may be in flow content with itemprop, or are html.c's.) */
static const char not_flow[] = " head title base li dt dd tr td th tbody thead tfoot caption col "
                               "colgroup option optgroup legend figcaption summary source track "
                               "param rp rt rb rtc frame frameset ";

/* What the schema says: `what` in the message, between `before` and
 * `after`. */
static void said(svg_schema *s, unsigned line, const char *before, const char *what,
                 const char *after)
{
    octavo_check_add_finding(s->found, OCTAVO_ERROR, "RSC-005", s->name, line, "%s\"%s\"%s", before,
                             what, after);
}

/* The attributes of an element in SVG: epub:* and the id. */
static void check_attributes(svg_schema *s, const char *el, const char *ns, const xmlChar **attrs,
                             int count, bool root, unsigned line)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *name = (const char *)a[ATTR_NAME];
        if (a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], NS_OPS) == 0) {
            bool allowed = NAME_IS(name, "type")
                               ? strcmp(ns, NS_SVG) == 0 && octavo_check_in_words(renderable, el)
                               : NAME_IS(name, "prefix") && root && s->standalone;
            if (!allowed) {
                char qname[64];
                snprintf(qname, sizeof qname, "epub:%.50s", name);
                said(s, line, "attribute ", qname, " not allowed here");
            }
        } else if (!a[ATTR_NS] && NAME_IS(name, "id") && s->standalone) {
            char *v = octavo_check_attribute_value(a);
            char *id = octavo_check_trimmed(v); /* (xsd:ID collapses white space) */
            if (xmlValidateNCName((const xmlChar *)id, 0) != 0)
                said(s, line,
                     "value of attribute \"id\" is invalid; must be an XML name without colons: ",
                     v, "");
            free(id);
            free(v);
        }
    }
}

/* A child element of a foreignObject or title (`f`): XHTML flow content,
 * or a body (or, in a title, an html) alone. Returns the kind it is. */
static svg_kind check_child(svg_schema *s, struct svg_frame *f, const char *el, const char *ns,
                            unsigned line)
{
    bool title = f->kind == SVG_TITLE;
    bool xhtml = strcmp(ns, NS_XHTML) == 0;
    /* (flow content may hold an svg, a math and elements of other
     * namespaces: not other elements of SVG or MathML) */
    bool svg = strcmp(ns, NS_SVG) == 0, math = strcmp(ns, NS_MATHML) == 0;
    if (!xhtml && (title || (svg && !NAME_IS(el, "svg")) || (math && !NAME_IS(el, "math")))) {
        if (title)
            said(s, line, "elements from namespace ", ns, " are not allowed");
        else
            said(s, line, "element ", el, " not allowed here");
        f->filled = true;
        return SVG_SKIP;
    }
    bool alone = xhtml && (NAME_IS(el, "body") || (title && NAME_IS(el, "html"))) &&
                 (title || s->standalone);
    if (f->whole || (alone && f->filled) ||
        (xhtml && !alone &&
         (NAME_IS(el, "body") || NAME_IS(el, "html") || octavo_check_in_words(not_flow, el)))) {
        said(s, line, "element ", el, " not allowed here");
        f->filled = true;
        return SVG_SKIP;
    }
    f->filled = true;
    f->whole = alone;
    if (!xhtml)
        return svg ? SVG_IN : SVG_OUT;
    return title ? SVG_TITLE_HTML : SVG_OUT;
}

void octavo_check_svg_schema_start(svg_schema *s, const char *el, const char *ns,
                                   const xmlChar **attrs, int count, unsigned line)
{
    svg_kind up = s->depth ? s->open[s->depth - 1].kind : SVG_OUT;
    svg_kind kind = up;
    bool svg = strcmp(ns, NS_SVG) == 0;
    switch (up) {
    case SVG_SKIP:
        break;
    case SVG_OUT:
        if (svg && NAME_IS(el, "svg")) {
            check_attributes(s, el, ns, attrs, count, s->depth == 0, line);
            kind = SVG_IN;
        }
        break;
    case SVG_TITLE_HTML:
        if (strcmp(ns, NS_XHTML) != 0) {
            said(s, line, "elements from namespace ", ns, " are not allowed");
            kind = SVG_SKIP;
        }
        break;
    case SVG_FOREIGN:
    case SVG_TITLE:
        kind = check_child(s, &s->open[s->depth - 1], el, ns, line);
        if (kind == SVG_IN)
            check_attributes(s, el, ns, attrs, count, false, line);
        break;
    case SVG_IN:
        check_attributes(s, el, ns, attrs, count, false, line);
        kind = !svg                           ? SVG_IN
               : NAME_IS(el, "foreignObject") ? SVG_FOREIGN
               : NAME_IS(el, "title")         ? SVG_TITLE
                                              : SVG_IN;
        break;
    }
    /* A standalone document's XHTML is checked as a page's is. */
    bool html = s->html && strcmp(ns, NS_XHTML) == 0 && (kind == SVG_OUT || kind == SVG_TITLE_HTML);
    if (html)
        octavo_check_html_start(s->html, el, true, attrs, count, line);
    s->open = octavo_xgrow(s->open, &s->cap, s->depth + 1, sizeof *s->open);
    s->open[s->depth++] = (struct svg_frame){.kind = kind, .html = html};
}

void octavo_check_svg_schema_end(svg_schema *s, unsigned line)
{
    if (!s->depth)
        return;
    if (s->open[--s->depth].html)
        octavo_check_html_end(s->html, line);
}

void octavo_check_svg_schema_text(svg_schema *s, const char *text, size_t len, unsigned line)
{
    if (!s->depth || octavo_check_is_blank(text, len))
        return;
    struct svg_frame *f = &s->open[s->depth - 1];
    if (f->kind == SVG_FOREIGN || f->kind == SVG_TITLE) {
        if (f->whole)
            octavo_check_add_finding(s->found, OCTAVO_ERROR, "RSC-005", s->name, line,
                                     "text not allowed here");
        f->filled = true;
    } else if (f->html) {
        octavo_check_html_text(s->html, text, len, line);
    }
}

void octavo_check_svg_schema_free(svg_schema *s)
{
    free(s->open);
    s->open = NULL;
    s->depth = s->cap = 0;
}
