/* svg.c — SVG documents (EPUB 3.3, 6.2), each read as a stream: well-
 * formed with an svg root, ids once each (kept for the fragments that
 * link into it), a use element pointing at a fragment (RSC-015), and, when
 * a fixed-layout spine item, a viewBox on its root (HTM-048). */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

#define NS_SVG   "http://www.w3.org/2000/svg"
#define NS_XLINK "http://www.w3.org/1999/xlink"

/* An SVG being read: its findings, ids and where it is. */
typedef struct svg_scan {
    const char *name;
    octavo_diags found;
    char **ids;
    size_t id_count, id_cap;
    size_t depth;
    bool root_wrong, viewbox;
    unsigned root_line;
} svg_scan;

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
        char *viewbox = octavo_check_attribute(attrs, nb_attributes, "viewBox", NULL);
        s->viewbox = viewbox != NULL;
        free(viewbox);
    }
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
}

static void svg_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    svg_scan *s = octavo_check_parse_state(ctx);
    s->depth--;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void octavo_check_svg(checker *ck, entry *doc)
{
    svg_scan s = {.name = doc->name};
    static const xml_callbacks callbacks = {svg_start, svg_end, NULL, NULL};
    bool well_formed = octavo_check_stream_entry(ck, doc, &callbacks, &s, ck->r);
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
        /* The ids move to the entry, for the fragments. */
        doc->ids = s.ids;
        doc->id_count = s.id_count;
        doc->parsed = true;
        s.ids = NULL;
        s.id_count = 0;
    }
    for (size_t i = 0; i < s.id_count; i++)
        free(s.ids[i]);
    free(s.ids);
    octavo_diags_free(&s.found);
}
