/* nav_schema.c — what the nav document's schema adds to XHTML's (EPUB
 * 3.3, 7.3; epubcheck's epub-nav-30.rnc and .sch): a nav with an
 * epub:type holds a heading? and one ol, whose items are (a | span ol);
 * links, spans and headings have text; at most one page-list and one
 * landmarks nav, whose lists are flat and whose landmarks each have a
 * type, once per place. Read as the page streams by; the findings count
 * only when the page is the book's nav document. */
#include "check_internal.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_OPS "http://www.idpf.org/2007/ops"

/* The restricted elements' content, as the states of a little automaton:
 * in `model` at `from`, a child named in `children` moves it to `to`. */
enum nav_model { NONE, NAV, LIST, ITEM };
static const struct nav_step {
    enum nav_model model;
    int from;
    const char *children; /* " a span " */
    int to;
} steps[] = {
    {NAV, 0, " h1 h2 h3 h4 h5 h6 hgroup ", 1},
    {NAV, 0, " ol ", 2},
    {NAV, 1, " ol ", 2},
    {LIST, 0, " li ", 1},
    {LIST, 1, " li ", 1},
    {ITEM, 0, " a ", 1},
    {ITEM, 0, " span ", 2},
    {ITEM, 1, " ol ", 3},
    {ITEM, 2, " ol ", 3},
};

/* Where each model may end, and what it lacks when it ends elsewhere. */
static const struct nav_end {
    enum nav_model model;
    int state;
    const char *name, *missing; /* missing NULL: complete */
} ends[] = {
    {NAV, 0, "nav", "\"ol\""}, {NAV, 1, "nav", "\"ol\""}, {NAV, 2, "nav", NULL},
    {LIST, 0, "ol", "\"li\""}, {LIST, 1, "ol", NULL},     {ITEM, 0, "li", "\"a\" or \"span\""},
    {ITEM, 1, "li", NULL},     {ITEM, 2, "li", "\"ol\""}, {ITEM, 3, "li", NULL},
};

/* A landmark: its types and link, lower-cased, for the duplicates. */
typedef struct landmark {
    char *types, *href;
    unsigned line;
} landmark;

struct nav_frame {
    enum nav_model model;
    int state;
    unsigned line;
    char nav;   /* the typed nav it is in: 't' toc, 'p' page-list, 'l' landmarks, 'o' another */
    bool list;  /* in that nav's ol */
    char label; /* must have text: 'a' or 's' (span) in the list, 'h' a heading; 0 */
    bool text;  /* has text (or an aria-label) */
    bool alt;   /* an img child has alt text */
    bool first_seen; /* (a nav) has had a child element */
    bool text_said;
    size_t lists;      /* (a page-list or landmarks nav) ol elements in it */
    size_t marks_from; /* (a landmarks nav) its first landmark */
};

#define NO_HEADING                                                                                 \
    "nav elements other than \"toc\", \"page-list\" and \"landmarks\" must have a heading as "     \
    "their first child"

static bool is_heading(const char *el)
{
    return el[0] == 'h' && el[1] >= '1' && el[1] <= '6' && !el[2];
}

/* What the model expects at `state`, for a message: "\"a\" or \"span\"". */
static void expected(enum nav_model model, int state, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        if (steps[i].model != model || steps[i].from != state)
            continue;
        const char *p = steps[i].children;
        while (*(p += strspn(p, " "))) {
            size_t n = strcspn(p, " ");
            int w = snprintf(buf + at, size - at, "%s\"%.*s\"", at ? " or " : "", (int)n, p);
            if (w < 0 || (size_t)w >= size - at)
                return;
            at += (size_t)w;
            p += n;
        }
    }
}

/* The next state after `child`, or -1; *later: the state it leads to
 * from a later state (where the model goes on, as Jing does, so that
 * one misplaced child is said once), or -1. */
static int step(enum nav_model model, int state, const char *child, int *later)
{
    *later = -1;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i].model == model && octavo_check_in_words(steps[i].children, child)) {
            if (steps[i].from == state)
                return steps[i].to;
            if (steps[i].from > state && *later < 0)
                *later = steps[i].to;
        }
    return -1;
}

/* An error of the schema at `line`. */
#define SCHEMA_ERROR(n, line, ...)                                                                 \
    octavo_check_add_finding((n)->found, OCTAVO_ERROR, "RSC-005", (n)->name, line, __VA_ARGS__)

static void add_landmark(nav_scan *n, const xmlChar **attrs, int count, unsigned line)
{
    char *types = octavo_check_attribute(attrs, count, "type", NS_OPS);
    if (!types) {
        SCHEMA_ERROR(n, line,
                     "Missing epub:type attribute on anchor inside \"landmarks\" nav element");
        return;
    }
    char *href = octavo_check_url_trim(octavo_check_attribute(attrs, count, "href", NULL));
    for (char *p = types; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    for (char *p = href; p && *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    n->marks = octavo_xgrow(n->marks, &n->mark_cap, n->mark_count + 1, sizeof *n->marks);
    n->marks[n->mark_count++] = (landmark){types, href ? href : octavo_xstrdup(""), line};
}

/* Whether two lists of types share one. */
static bool share_type(const char *a, const char *b)
{
    for (const char *p = a; *(p += strspn(p, " \t\r\n"));) {
        size_t len = strcspn(p, " \t\r\n");
        for (const char *q = b; *(q += strspn(q, " \t\r\n"));) {
            size_t m = strcspn(q, " \t\r\n");
            if (m == len && strncmp(p, q, len) == 0)
                return true;
            q += m;
        }
        p += len;
    }
    return false;
}

/* (hrefs compared with their spaces trimmed, as normalize-space does
 * to a URL, which has none inside) */
static bool same_href(const char *a, const char *b)
{
    a += strspn(a, " \t\r\n");
    b += strspn(b, " \t\r\n");
    size_t la = strcspn(a, " \t\r\n"), lb = strcspn(b, " \t\r\n");
    return la == lb && strncmp(a, b, la) == 0;
}

/* The landmarks of one nav, from `from`: each of the same type and link
 * as another is said, as epubcheck says each. */
static void check_landmarks(nav_scan *n, size_t from)
{
    for (size_t i = from; i < n->mark_count; i++)
        for (size_t j = from; j < n->mark_count; j++)
            if (i != j && same_href(n->marks[i].href, n->marks[j].href) &&
                share_type(n->marks[i].types, n->marks[j].types)) {
                SCHEMA_ERROR(n, n->marks[i].line,
                             "Another landmark was found with the same epub:type and same "
                             "reference to \"%s\"",
                             n->marks[i].href);
                break;
            }
    for (size_t i = from; i < n->mark_count; i++) {
        free(n->marks[i].types);
        free(n->marks[i].href);
    }
    n->mark_count = from;
}

void octavo_check_nav_start(nav_scan *n, const char *el, bool xhtml, const xmlChar **attrs,
                            int count, unsigned line)
{
    struct nav_frame *parent = n->depth ? &n->open[n->depth - 1] : NULL;
    struct nav_frame f = {.line = line};
    if (parent) {
        f.nav = parent->nav;
        f.list = parent->list;
    }
    const char *child = xhtml ? el : "";
    if (parent && parent->model) {
        int later;
        int to = step(parent->model, parent->state, child, &later);
        if (to < 0) {
            char want[120];
            expected(parent->model, parent->state, want, sizeof want);
            octavo_check_add_finding(n->found, OCTAVO_ERROR, "RSC-005", n->name, line,
                                     "element \"%s\" not allowed %s; expected element %s",
                                     *child ? child : "(foreign)", later >= 0 ? "yet" : "here",
                                     want);
            to = later;
        }
        if (to >= 0)
            parent->state = to;
        if (xhtml && parent->model == NAV && NAME_IS(el, "ol"))
            f.model = LIST;
        else if (xhtml && parent->model == LIST && NAME_IS(el, "li"))
            f.model = ITEM;
        else if (xhtml && parent->model == ITEM && NAME_IS(el, "ol"))
            f.model = LIST;
    }
    if (parent && parent->model == NAV && !parent->first_seen) {
        parent->first_seen = true;
        if (parent->nav == 'o' && !(xhtml && is_heading(el)))
            SCHEMA_ERROR(n, line, NO_HEADING);
    }
    if (xhtml && NAME_IS(el, "nav")) {
        char *type = octavo_check_attribute(attrs, count, "type", NS_OPS);
        if (type) {
            f.model = NAV;
            f.list = false;
            f.nav = octavo_check_has_token(type, "toc")         ? 't'
                    : octavo_check_has_token(type, "page-list") ? 'p'
                    : octavo_check_has_token(type, "landmarks") ? 'l'
                                                                : 'o';
            if (f.nav == 'p' && n->page_lists++ == 1)
                SCHEMA_ERROR(n, line, "Multiple occurrences of the \"page-list\" nav element");
            if (f.nav == 'l' && n->landmarks++ == 1)
                SCHEMA_ERROR(n, line, "Multiple occurrences of the \"landmarks\" nav element");
            f.marks_from = n->mark_count;
        }
        free(type);
    }
    if (xhtml && NAME_IS(el, "ol") && f.nav) {
        f.list = true;
        for (size_t i = n->depth; i-- > 0;)
            if (n->open[i].model == NAV) {
                n->open[i].lists++;
                break;
            }
    }
    if (xhtml && f.list && (NAME_IS(el, "a") || NAME_IS(el, "span")))
        f.label = el[0] == 'a' ? 'a' : 's';
    else if (xhtml && is_heading(el))
        f.label = 'h';
    if (xhtml && f.nav == 'l' && f.list && NAME_IS(el, "a"))
        add_landmark(n, attrs, count, line);
    char *label = octavo_check_attribute(attrs, count, "aria-label", NULL);
    f.text = label && !octavo_check_is_blank(label, strlen(label));
    free(label);
    if (xhtml && parent && NAME_IS(el, "img")) {
        char *alt = octavo_check_attribute(attrs, count, "alt", NULL);
        parent->alt = parent->alt || (alt && !octavo_check_is_blank(alt, strlen(alt)));
        free(alt);
    }
    n->open = octavo_xgrow(n->open, &n->cap, n->depth + 1, sizeof *n->open);
    n->open[n->depth++] = f;
}

void octavo_check_nav_end(nav_scan *n, unsigned line)
{
    (void)line;
    if (!n->depth)
        return;
    struct nav_frame *f = &n->open[--n->depth];
    for (size_t i = 0; f->model && i < sizeof ends / sizeof *ends; i++)
        if (ends[i].model == f->model && ends[i].state == f->state && ends[i].missing)
            octavo_check_add_finding(n->found, OCTAVO_ERROR, "RSC-005", n->name, f->line,
                                     "element \"%s\" incomplete; missing required element %s",
                                     ends[i].name, ends[i].missing);
    if (f->model == NAV) {
        if (f->nav == 'o' && !f->first_seen)
            SCHEMA_ERROR(n, f->line, NO_HEADING);
        if ((f->nav == 'p' || f->nav == 'l') && f->lists > 1)
            octavo_check_add_finding(n->found, OCTAVO_WARNING, "RSC-017", n->name, f->line,
                                     "A \"%s\" nav element should contain only a single ol "
                                     "descendant (no nested sublists)",
                                     f->nav == 'p' ? "page-list" : "landmarks");
        if (f->nav == 'l')
            check_landmarks(n, f->marks_from);
    }
    if (f->label && !f->text && !f->alt)
        SCHEMA_ERROR(n, f->line, "%s must contain text",
                     f->label == 'a'   ? "Anchors within nav elements"
                     : f->label == 's' ? "Spans within nav elements"
                                       : "Heading elements");
    if (n->depth && f->text)
        n->open[n->depth - 1].text = true;
}

void octavo_check_nav_text(nav_scan *n, const char *text, size_t len, unsigned line)
{
    if (!n->depth || octavo_check_is_blank(text, len))
        return;
    struct nav_frame *f = &n->open[n->depth - 1];
    f->text = true;
    if (f->model && !f->text_said) {
        f->text_said = true;
        char want[120];
        expected(f->model, f->state, want, sizeof want);
        octavo_check_add_finding(n->found, OCTAVO_ERROR, "RSC-005", n->name, line,
                                 "text not allowed here; expected element %s", want);
    }
}

void octavo_check_nav_free(nav_scan *n)
{
    check_landmarks(n, 0);
    free(n->marks);
    free(n->open);
    *n = (nav_scan){.name = n->name, .found = n->found};
}
