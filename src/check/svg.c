/* svg.c — SVG documents (EPUB 3.3, 6.2), each read as a stream: well-
 * formed with an svg root, its doctype's external ids (doctype.c), ids
 * once each (kept for the fragments that link into it), a use element
 * pointing at a fragment (RSC-015), and, when a fixed-layout spine item,
 * a viewBox on its root (HTM-048); what the schema says (svg_schema.c),
 * and its CSS (style elements and attributes, xml-stylesheet processing
 * instructions) as a page's is checked, with the resources it names. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_SVG   "http://www.w3.org/2000/svg"
#define NS_XLINK "http://www.w3.org/1999/xlink"

/* An SVG being read: its findings, ids and where it is; its schema, the
 * style element being read (depth + 1; 0: none) and the URLs its CSS
 * names. */
typedef struct svg_scan {
    const char *name;
    bool epub3;
    octavo_diags found;
    char **ids;
    size_t id_count, id_cap;
    size_t depth;
    bool root_wrong, viewbox;
    unsigned root_line;
    svg_schema schema;
    html_scan html;
    size_t style_depth;
    unsigned style_line;
    bool has_css;
    octavo_buf style;
    page_ref *refs;
    size_t ref_count, ref_cap;
} svg_scan;

/* A URL the SVG's CSS names. */
static void add_css_ref(void *state, const char *url, unsigned line, ref_kind kind)
{
    svg_scan *s = state;
    s->refs = octavo_xgrow(s->refs, &s->ref_cap, s->ref_count + 1, sizeof *s->refs);
    s->refs[s->ref_count++] = (page_ref){.url = octavo_xstrdup(url), .line = line, .kind = kind};
}

/* Its style elements (read at their end), in any namespace, and the
 * style attributes of its XHTML, as EPUBCheck 5 reads them (it leaves
 * SVG's style attributes alone; 4.2.6 and epubcheck-ts read no CSS in
 * SVG). */
static void scan_css(svg_scan *s, const char *el, const char *ns, const xmlChar **attrs, int count,
                     unsigned line)
{
    for (int i = 0; i < count && strcmp(ns, "http://www.w3.org/1999/xhtml") == 0; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (!a[ATTR_NS] && strcmp((const char *)a[ATTR_NAME], "style") == 0) {
            char *css = octavo_check_attribute_value(a);
            octavo_check_css_text(s->name, css, strlen(css), line, true, true, &s->found,
                                  add_css_ref, s);
            free(css);
        }
    }
    if (*ns && strcmp(el, "style") == 0 && !s->style_depth) {
        s->style_depth = s->depth;
        s->style_line = line;
        octavo_buf_clear(&s->style);
    }
}

static void svg_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    svg_scan *s = octavo_check_parse_state(ctx);
    unsigned line = octavo_check_parse_line(ctx);
    const char *el = (const char *)localname;
    bool svg = uri && strcmp((const char *)uri, NS_SVG) == 0;
    if (!s->depth++) {
        s->root_line = line;
        s->root_wrong = !svg || strcmp(el, "svg") != 0;
        if (s->epub3)
            octavo_check_external_ids(ctx, "image/svg+xml", s->name, &s->found);
        char *viewbox = octavo_check_attribute(attrs, nb_attributes, "viewBox", NULL);
        s->viewbox = viewbox != NULL;
        free(viewbox);
    }
    if (s->root_wrong)
        return;
    octavo_check_svg_schema_start(&s->schema, el, uri ? (const char *)uri : "", attrs,
                                  nb_attributes, line);
    scan_css(s, el, uri ? (const char *)uri : "", attrs, nb_attributes, line);
    char *id = octavo_check_attribute(attrs, nb_attributes, "id", NULL);
    if (id) {
        s->ids = octavo_xgrow(s->ids, &s->id_cap, s->id_count + 1, sizeof *s->ids);
        s->ids[s->id_count++] = id;
    }
    if (svg && strcmp(el, "use") == 0) {
        /* (SVG 2's href, or SVG 1.1's xlink:href) */
        char *href = octavo_check_attribute(attrs, nb_attributes, "href", NULL);
        if (!href)
            href = octavo_check_attribute(attrs, nb_attributes, "href", NS_XLINK);
        if (href && !strchr(href, '#'))
            octavo_check_add_finding(&s->found, OCTAVO_ERROR, "RSC-015", s->name, line,
                                     "the use element's URL \"%s\" must point at a fragment", href);
        free(href);
    }
    /* An SVG font's URL, a font reference like CSS's (EPUBCheck's
     * checkSVGFontFaceURI): it may be remote. */
    if (svg && strcmp(el, "font-face-uri") == 0) {
        char *href = octavo_check_attribute(attrs, nb_attributes, "href", NS_XLINK);
        char *url = href ? octavo_check_trimmed(href) : NULL;
        if (url && *url)
            add_css_ref(s, url, line, REF_FONT);
        free(url);
        free(href);
    }
}

static void svg_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    svg_scan *s = octavo_check_parse_state(ctx);
    if (!s->root_wrong) {
        octavo_check_svg_schema_end(&s->schema, octavo_check_parse_line(ctx));
        if (s->style_depth == s->depth) {
            octavo_check_css_text(s->name, s->style.data ? s->style.data : "", s->style.len,
                                  s->style_line, false, true, &s->found, add_css_ref, s);
            s->has_css = s->has_css || s->style.len;
            s->style_depth = 0;
        }
    }
    s->depth--;
}

static void svg_text(void *ctx, const xmlChar *ch, int len)
{
    svg_scan *s = octavo_check_parse_state(ctx);
    if (s->root_wrong || len <= 0)
        return;
    octavo_check_svg_schema_text(&s->schema, (const char *)ch, (size_t)len,
                                 octavo_check_parse_line(ctx));
    if (s->style_depth)
        octavo_buf_append(&s->style, (const char *)ch, (size_t)len);
}

/* The value of the pseudo-attribute `name` in a processing instruction's
 * `data` (name="value" or name='value', separated by white space),
 * copied; NULL when it has none. */
static char *pseudo_attribute(const char *data, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = data; *(p += strspn(p, " \t\r\n"));) {
        size_t len = strcspn(p, " \t\r\n=");
        const char *q = p + len;
        q += strspn(q, " \t\r\n");
        if (*q != '=')
            return NULL;
        q++;
        q += strspn(q, " \t\r\n");
        if (*q != '"' && *q != '\'')
            return NULL;
        const char *end = strchr(q + 1, *q);
        if (!end)
            return NULL;
        if (len == n && strncmp(p, name, n) == 0)
            return octavo_xstrndup(q + 1, (size_t)(end - q - 1));
        p = end + 1;
    }
    return NULL;
}

/* An xml-stylesheet processing instruction links a style sheet when its
 * type is CSS or not given (EPUBCheck's OPSHandler, for SVG documents):
 * a reference like a link element's, and the document has CSS. */
static void svg_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    svg_scan *s = octavo_check_parse_state(ctx);
    if (s->root_wrong || strcmp((const char *)target, "xml-stylesheet") != 0 || !data)
        return;
    char *type = pseudo_attribute((const char *)data, "type");
    char *href = type && strcasecmp(type, "text/css") != 0
                     ? NULL
                     : pseudo_attribute((const char *)data, "href");
    if (href) {
        char *url = octavo_check_trimmed(href);
        s->has_css = true;
        if (*url)
            add_css_ref(s, url, octavo_check_parse_line(ctx), REF_STYLESHEET);
        free(url);
    }
    free(type);
    free(href);
}

/* A remote resource the SVG uses (a font, in its CSS or a font-face-uri)
 * needs the remote-resources property on its item (OPF-014), as a CSS
 * file's does. (No OPF-018 for one declared but unused: octavo does not
 * read all an SVG may fetch, its scripts for one.) */
static void check_remote_property(checker *ck, const entry *doc, const svg_scan *s)
{
    if (!ck->epub3 || !doc->item)
        return;
    bool remote = false;
    for (size_t i = 0; i < s->ref_count && !remote; i++)
        remote =
            s->refs[i].kind != REF_STYLESHEET && (strncasecmp(s->refs[i].url, "http:", 5) == 0 ||
                                                  strncasecmp(s->refs[i].url, "https:", 6) == 0);
    if (remote && !(doc->item->properties &&
                    octavo_check_has_token(doc->item->properties, "remote-resources")))
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-014", doc->name, 0,
                                 "the SVG refers to a remote resource, but its manifest item "
                                 "does not declare the \"remote-resources\" property");
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void octavo_check_svg(checker *ck, entry *doc)
{
    svg_scan s = {.name = doc->name, .epub3 = ck->epub3};
    s.html = (html_scan){.name = doc->name, .found = &s.found};
    s.schema = (svg_schema){.name = doc->name, .found = &s.found, .standalone = true};
    s.schema.html = &s.html;
    static const xml_callbacks callbacks = {svg_start, svg_end, svg_text, NULL, svg_pi};
    bool well_formed = octavo_check_stream_entry(ck, doc, &callbacks, &s, ck->r);
    octavo_check_svg_schema_free(&s.schema);
    octavo_check_html_free(&s.html);
    octavo_buf_free(&s.style);
    if (well_formed && s.root_wrong)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", doc->name, s.root_line,
                                 "the root element must be svg in the SVG namespace");
    if (well_formed && !s.root_wrong) {
        if (s.id_count)
            qsort(s.ids, s.id_count, sizeof *s.ids, compare_strings);
        for (size_t i = 0; i < s.id_count; i++)
            if ((i > 0 && strcmp(s.ids[i - 1], s.ids[i]) == 0) ||
                (i + 1 < s.id_count && strcmp(s.ids[i + 1], s.ids[i]) == 0))
                octavo_check_add_finding(&s.found, OCTAVO_ERROR, "RSC-005", doc->name, 0,
                                         "Duplicate ID \"%s\"", s.ids[i]);
        if (ck->epub3 && doc->in_spine && doc->fixed_layout && !s.viewbox)
            octavo_check_add_finding(&s.found, OCTAVO_ERROR, "HTM-048", doc->name, s.root_line,
                                     "a fixed-layout SVG must have a viewBox on its svg root");
        octavo_check_merge_findings(ck->r, &s.found);
        octavo_buf path = OCTAVO_BUF_INIT;
        for (size_t i = 0; i < s.ref_count; i++)
            octavo_check_reference(ck, doc, &s.refs[i], &path, NULL);
        octavo_buf_free(&path);
        check_remote_property(ck, doc, &s);
        /* The ids move to the entry, for the fragments. */
        doc->ids = s.ids;
        doc->id_count = s.id_count;
        doc->parsed = true;
        doc->has_css = s.has_css;
        s.ids = NULL;
        s.id_count = 0;
    }
    for (size_t i = 0; i < s.id_count; i++)
        free(s.ids[i]);
    free(s.ids);
    for (size_t i = 0; i < s.ref_count; i++)
        free(s.refs[i].url);
    free(s.refs);
    octavo_diags_free(&s.found);
}
