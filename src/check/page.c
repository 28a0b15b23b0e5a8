/* page.c — what one XHTML page says, read from the page alone (so that
 * a build can read each page on the core that renders it): whether it is
 * well-formed XHTML, its ids, its links and the navs they are in, its
 * language tags, whether its title and nav links have text, and the
 * external entities its doctype declares; html.c checks its elements. */
#include "check_internal.h"

#include "lang.h"
#include "mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_OPS   "http://www.idpf.org/2007/ops"

void octavo_check_page_facts_clear(page_facts *f)
{
    octavo_diags_free(&f->findings);
    for (size_t i = 0; i < f->id_count; i++)
        free(f->ids[i]);
    free(f->ids);
    for (size_t i = 0; i < f->ref_count; i++)
        free(f->refs[i].url);
    free(f->refs);
    free(f->empty_anchors);
    free(f->external_entity);
    *f = (page_facts){0};
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool octavo_check_ids_have(char *const *ids, size_t count, const char *id)
{
    const char *key = id;
    return count && bsearch(&key, ids, count, sizeof *ids, compare_strings) != NULL;
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

/* Whether s[0, len) is all spaces. */
static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", s[i]) || !s[i])
            return false;
    return true;
}

/* For each open element: the kind of nav it is in ('t' toc, 'l'
 * landmarks, 'o' another, 0 none), whether that nav has an epub:type,
 * and whether it is in that nav's list (where links need text). */
typedef struct open_nav {
    char nav;
    bool typed, list;
} open_nav;

/* A page being read: the facts so far, the elements open, and the title
 * or nav link being read (depth + 1; 0: none) and whether it has text. */
typedef struct page_scan {
    const char *name;
    page_facts *f;
    open_nav *navs;
    size_t depth, cap;
    html_scan html;
    size_t title_depth, anchor_depth;
    bool title_text, anchor_text;
    unsigned title_line, anchor_line;
    bool root_seen;
    bool root_wrong; /* not html in the XHTML namespace: the rest is not read */
    unsigned root_line;
    octavo_diags found; /* kept only if the page is well-formed XHTML */
} page_scan;

static void scan_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    page_scan *s = octavo_check_parse_state(ctx);
    /* The line the start tag ends on, as libxml2 gives its nodes. */
    unsigned line = octavo_check_parse_line(ctx);
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
    octavo_check_html_start(&s->html, el, xhtml, attrs, nb_attributes, line);
    bool labelled = false;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *attr = (const char *)a[ATTR_NAME];
        bool xml_ns =
            a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], (const char *)XML_XML_NAMESPACE) == 0;
        size_t n = (size_t)(a[ATTR_END] - a[ATTR_VALUE]);
        if (!a[ATTR_NS] && strcmp(attr, "id") == 0) {
            f->ids = octavo_xgrow(f->ids, &f->id_cap, f->id_count + 1, sizeof *f->ids);
            f->ids[f->id_count++] = octavo_check_attribute_value(a);
        } else if ((xml_ns || !a[ATTR_NS]) && strcmp(attr, "lang") == 0 && n) {
            char *v = octavo_check_attribute_value(a);
            if (!octavo_lang_is_valid(v)) {
                /* The schema's rule (RFC 3066's form) is an error, as in
                 * epubcheck; a tag of that form that is still no language
                 * ("C", "english") only a warning: epubcheck accepts it,
                 * reading systems will not know the language. */
                bool form = is_rfc3066(v);
                octavo_check_add_finding(&s->found, form ? OCTAVO_WARNING : OCTAVO_ERROR,
                                         form ? "OCT-001" : "RSC-005", s->name, line,
                                         "%s \"%s\" is not a well-formed language tag",
                                         xml_ns ? "xml:lang" : "lang", v);
            }
            free(v);
        } else if (!a[ATTR_NS] && strcmp(attr, "aria-label") == 0 && n) {
            labelled = true; /* (the nav link it is in has a label) */
        }
    }
    /* The nav this element is in: its own, or its parent's. */
    open_nav up = s->depth ? s->navs[s->depth - 1] : (open_nav){0};
    char nav = up.nav;
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
        char *rel = octavo_check_attribute(attrs, nb_attributes, "rel", NULL);
        if (rel && octavo_check_has_token(rel, "stylesheet"))
            url_attr = "href";
        free(rel);
    } else if (strcmp(el, "title") == 0 && !s->title_depth) {
        s->title_depth = s->depth + 1;
        s->title_text = false;
        s->title_line = line;
    } else if (strcmp(el, "ol") == 0) {
        up.list = up.typed;
    } else if (strcmp(el, "nav") == 0) {
        char *type = octavo_check_attribute(attrs, nb_attributes, "type", NS_OPS);
        up = (open_nav){.typed = type != NULL};
        nav = !type                                       ? 'o'
              : octavo_check_has_token(type, "toc")       ? 't'
              : octavo_check_has_token(type, "landmarks") ? 'l'
                                                          : 'o';
        free(type);
        if (nav == 't')
            f->toc_navs++;
    }
    char *url = url_attr ? octavo_check_attribute(attrs, nb_attributes, url_attr, NULL) : NULL;
    if (xhtml && up.list && strcmp(el, "a") == 0 && !s->anchor_depth) {
        s->anchor_depth = s->depth + 1;
        s->anchor_line = line;
        s->anchor_text = false;
    }
    s->anchor_text = s->anchor_text || (labelled && s->anchor_depth);
    if (xhtml && s->anchor_depth && strcmp(el, "img") == 0) {
        char *alt = octavo_check_attribute(attrs, nb_attributes, "alt", NULL);
        s->anchor_text = s->anchor_text || (alt && !is_blank(alt, strlen(alt)));
        free(alt);
    }
    if (url) {
        f->refs = octavo_xgrow(f->refs, &f->ref_cap, f->ref_count + 1, sizeof *f->refs);
        f->refs[f->ref_count++] = (page_ref){url, line, hyperlink, hyperlink ? nav : 0};
    }
    s->navs = octavo_xgrow(s->navs, &s->cap, s->depth + 1, sizeof *s->navs);
    up.nav = nav;
    s->navs[s->depth++] = up;
}

static void scan_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    page_scan *s = octavo_check_parse_state(ctx);
    if (s->root_wrong || !s->depth)
        return;
    octavo_check_html_end(&s->html, octavo_check_parse_line(ctx));
    if (s->title_depth == s->depth && !s->title_text)
        octavo_check_add_finding(&s->found, OCTAVO_ERROR, "RSC-005", s->name, s->title_line,
                                 "title must not be empty");
    if (s->anchor_depth == s->depth && !s->anchor_text) {
        page_facts *f = s->f;
        f->empty_anchors = octavo_xgrow(f->empty_anchors, &f->empty_anchor_cap,
                                        f->empty_anchor_count + 1, sizeof *f->empty_anchors);
        f->empty_anchors[f->empty_anchor_count++] = s->anchor_line;
    }
    if (s->title_depth == s->depth)
        s->title_depth = 0;
    if (s->anchor_depth == s->depth)
        s->anchor_depth = 0;
    s->depth--;
}

static void scan_text(void *ctx, const xmlChar *ch, int len)
{
    page_scan *s = octavo_check_parse_state(ctx);
    if (s->root_wrong || len <= 0)
        return;
    octavo_check_html_text(&s->html, (const char *)ch, (size_t)len, octavo_check_parse_line(ctx));
    if (!is_blank((const char *)ch, (size_t)len)) {
        s->title_text = s->title_text || s->title_depth;
        s->anchor_text = s->anchor_text || s->anchor_depth;
    }
}

/* The first external entity the doctype declares. */
static void scan_external_entity(void *state, const char *name, unsigned line)
{
    page_facts *f = ((page_scan *)state)->f;
    if (!f->external_entity) {
        f->external_entity = octavo_xstrdup(name);
        f->external_line = line;
    }
}

void octavo_check_scan_source(const char *name, xml_source *src, page_facts *f)
{
    f->scanned = true;
    page_scan s = {.name = name, .f = f};
    s.html = (html_scan){.name = name, .found = &s.found};
    static const xml_callbacks page_callbacks = {scan_start, scan_end, scan_text,
                                                 scan_external_entity};
    bool well_formed = octavo_check_parse(name, src, &page_callbacks, &s, &f->findings);
    free(s.navs);
    octavo_check_html_free(&s.html);
    if (!well_formed || s.root_wrong) {
        /* What was found in a page that is not one does not count. */
        octavo_diags findings = f->findings;
        f->findings = (octavo_diags)OCTAVO_DIAGS_INIT;
        octavo_check_page_facts_clear(f);
        octavo_diags_free(&s.found);
        f->findings = findings;
        f->scanned = true;
        if (well_formed)
            octavo_check_add_finding(&f->findings, OCTAVO_ERROR, "RSC-005", name, s.root_line,
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
            octavo_check_add_finding(&f->findings, OCTAVO_ERROR, "RSC-005", name, 0,
                                     "duplicate id \"%s\"", f->ids[i]);
}

octavo_page_facts *octavo_check_scan_xml(const char *name, const char *data, size_t len)
{
    page_facts *f = octavo_xcalloc(1, sizeof *f);
    f->scanned = true;
    xml_source src;
    octavo_check_memory_source(&src, data, len);
    octavo_check_parse(name, &src, NULL, NULL, &f->findings);
    return f;
}

octavo_page_facts *octavo_check_scan_page(const char *name, const char *data, size_t len)
{
    page_facts *f = octavo_xcalloc(1, sizeof *f);
    xml_source src;
    octavo_check_memory_source(&src, data, len);
    octavo_check_scan_source(name, &src, f);
    return f;
}

void octavo_page_facts_free(octavo_page_facts *f)
{
    if (f) {
        octavo_check_page_facts_clear(f);
        free(f);
    }
}
