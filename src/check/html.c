/* html.c — what XHTML elements may hold and what their attributes' values
 * must be: the schema rules the sanitizer (src/sanitize.c) keeps raw HTML
 * to, checked again on each page as it streams by, so that the build's
 * self-check catches whatever the sanitizer let through wrongly. Each
 * rule is a row of `models`; the few orders a list of names cannot say
 * (dl, figure, ruby, table, colgroup) are a function each. */
#include "check_internal.h"

#include "html_syntax.h"
#include "mem.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct content_model content_model;

/* An open element: its model (NULL: none checked) and where its
 * children are in it. */
struct html_frame {
    const content_model *model;
    unsigned line;
    int state;        /* the model's own */
    unsigned seen;    /* table: the parts seen (bits); figure: figcaptions */
    unsigned pending; /* line of an rp waiting for an rt, or of a figcaption
                         that must be last; 0: none */
    bool span;        /* colgroup: has a span attribute */
    bool text_said;   /* its stray text said once */
};

struct content_model {
    const char *name;
    const char *children; /* only these elements (" tr "); NULL: any */
    const char *what;     /* the children, for messages; NULL: none */
    bool no_text;         /* no text but whitespace */
    /* A child element (`child`, "" when not XHTML) or text (NULL)
     * that the list allows, in order? */
    void (*next)(html_scan *h, struct html_frame *f, const char *child, unsigned line);
    void (*end)(html_scan *h, struct html_frame *f, unsigned line);
};

static void dl_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);
static void dl_end(html_scan *h, struct html_frame *f, unsigned line);
static void figure_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);
static void ruby_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);
static void ruby_end(html_scan *h, struct html_frame *f, unsigned line);
static void table_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);
static void colgroup_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);

#define VOID(name)                                                                                 \
    {                                                                                              \
        name, " ", NULL, true, NULL, NULL                                                          \
    }
#define ROWS " tr script template "
static const content_model models[] = {
    VOID("area"),
    VOID("br"),
    VOID("col"),
    VOID("embed"),
    VOID("hr"),
    VOID("img"),
    VOID("input"),
    VOID("link"),
    VOID("meta"),
    VOID("param"),
    VOID("source"),
    VOID("track"),
    VOID("wbr"),
    {"colgroup", " col template ", "col elements", true, colgroup_next, NULL},
    {"dl", " dt dd div script template ", "dt, dd and div elements", true, dl_next, dl_end},
    {"figure", NULL, NULL, false, figure_next, NULL},
    {"ol", " li script template ", "li elements", true, NULL, NULL},
    {"ruby", NULL, NULL, false, ruby_next, ruby_end},
    {"table", " caption colgroup thead tbody tr tfoot script template ",
     "caption, colgroup, thead, tbody, tr and tfoot elements", true, table_next, NULL},
    {"tbody", ROWS, "tr elements", true, NULL, NULL},
    {"tfoot", ROWS, "tr elements", true, NULL, NULL},
    {"thead", ROWS, "tr elements", true, NULL, NULL},
    {"tr", " td th script template ", "td and th elements", true, NULL, NULL},
    {"ul", " li script template ", "li elements", true, NULL, NULL},
};
/* A div in a dl: one group, dt+ dd+. */
static const content_model dl_group = {
    "div", " dt dd script template ", "dt and dd elements", true, dl_next, dl_end};
#undef VOID
#undef ROWS

static const content_model *model_of(const char *name)
{
    for (size_t i = 0; i < sizeof models / sizeof *models; i++)
        if (strcmp(name, models[i].name) == 0)
            return &models[i];
    return NULL;
}

/* Whether `word` is one of the space-separated words of `words` (" a b "). */
static bool in_words(const char *words, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(words, word); n && p; p = strstr(p + 1, word))
        if (p > words && p[-1] == ' ' && p[n] == ' ')
            return true;
    return false;
}

/* What `m` may hold, for a message. */
static const char *holds(const content_model *m, char *buf, size_t size)
{
    if (m->what)
        snprintf(buf, size, "\"%s\" holds only %s", m->name, m->what);
    else
        snprintf(buf, size, "\"%s\" must be empty", m->name);
    return buf;
}

static void not_allowed(html_scan *h, const char *child, unsigned line, const char *why)
{
    octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                             "element \"%s\" not allowed here; %s", *child ? child : "(foreign)",
                             why);
}

/* dl: dt+ dd+ groups, or only divs (each a group). state: 0 nothing yet,
 * 1 after a dt, 2 after a dd, 3 after a div. */
static void dl_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    if (!child)
        return;
    if (strcmp(child, "dt") == 0) {
        if (f->state == 3)
            not_allowed(h, child, line, "a dl holds either groups in div or dt and dd");
        f->state = 1;
    } else if (strcmp(child, "dd") == 0) {
        if (f->state == 0 || f->state == 3)
            not_allowed(h, child, line, "a dd must follow a dt");
        f->state = 2;
    } else if (strcmp(child, "div") == 0) {
        if (f->state == 1 || f->state == 2)
            not_allowed(h, child, line, "a dl holds either groups in div or dt and dd");
        f->state = 3;
    }
}

static void dl_end(html_scan *h, struct html_frame *f, unsigned line)
{
    if (f->state == 1 || (f->model == &dl_group && f->state == 0))
        octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                 "element \"%s\" incomplete; missing required element \"%s\"",
                                 f->model->name, f->state ? "dd" : "dt");
}

/* figure: at most one figcaption, its first or last child. state: 1
 * once it has content. */
static void figure_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    if (f->pending) {
        not_allowed(h, "figcaption", f->pending,
                    "it must be the first or last child of \"figure\"");
        f->pending = 0;
    }
    if (child && strcmp(child, "figcaption") == 0) {
        if (f->seen++)
            not_allowed(h, child, line, "a figure holds at most one figcaption");
        else if (f->state)
            f->pending = line;
    }
    f->state = 1;
}

/* ruby: an rp only just before or after an rt. state: 1 just after an
 * rt. */
static void ruby_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    bool rt = child && strcmp(child, "rt") == 0, rp = child && strcmp(child, "rp") == 0;
    if (f->pending && !rt) {
        not_allowed(h, "rp", f->pending, "an rp must be just before or after an rt");
        f->pending = 0;
    }
    if (rt)
        f->pending = 0;
    else if (rp && !f->state)
        f->pending = line;
    f->state = rt;
}

static void ruby_end(html_scan *h, struct html_frame *f, unsigned line)
{
    (void)line;
    if (f->pending)
        not_allowed(h, "rp", f->pending, "an rp must be just before or after an rt");
}

/* table: caption? colgroup* thead? (tbody* | tr*) tfoot?. state: the
 * place of the last part; seen: a bit for each part seen. */
static void table_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    static const char *const parts[] = {"caption", "colgroup", "thead", "tbody", "tr", "tfoot"};
    static const int place[] = {0, 1, 2, 3, 3, 4};
    static const bool once[] = {true, false, true, false, false, true};
    if (!child)
        return;
    for (int i = 0; i < 6; i++) {
        if (strcmp(child, parts[i]) != 0)
            continue;
        bool mixed = (i == 3 && (f->seen & 1u << 4)) || (i == 4 && (f->seen & 1u << 3));
        if (place[i] < f->state || (once[i] && (f->seen & 1u << i)))
            not_allowed(h, child, line,
                        "a table holds caption?, colgroup*, thead?, tbody* or tr*, tfoot?");
        else if (mixed)
            not_allowed(h, child, line, "a table holds tbody or tr, not both");
        f->seen |= 1u << i;
        if (place[i] > f->state)
            f->state = place[i];
        return;
    }
}

static void colgroup_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    if (child && f->span && strcmp(child, "col") == 0)
        not_allowed(h, child, line, "a colgroup with a span attribute holds no col");
}

/* ---- attribute values ----------------------------------------------------- */

/* A non-negative integer within min..max. */
static bool integer_within(const char *v, long min, long max)
{
    long n;
    return *v >= '0' && *v <= '9' && octavo_html_integer(v, min, max, &n);
}

/* What epubcheck 4.2.6 does not take for a URL (java.net.URI's): a '%'
 * not starting an escape, spaces, quotes, angle brackets, controls, the
 * characters RFC 3986 leaves out ("\\^`{|}"), brackets outside an IPv6
 * host, and a second '#'. */
static bool url_valid(const char *v)
{
    const char *host = v, *host_end = v; /* the authority, where [ ] may be */
    const char *colon = strchr(v, ':');
    if (octavo_url_has_scheme(v) && colon[1] == '/' && colon[2] == '/') {
        host = colon + 3;
        host_end = host + strcspn(host, "/?#");
    }
    bool fragment = false;
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f || strchr(" \"<>\\^`{|}", c) ||
            (c == '%' && !octavo_html_valid_escape(p)) ||
            ((c == '[' || c == ']') && (p < host || p >= host_end)) || (c == '#' && fragment))
            return false;
        fragment = fragment || c == '#';
    }
    return true;
}

static const struct attribute_rule {
    const char *name;
    const char *elements; /* only on these */
    long min, max;        /* an integer within these; 0, 0: a date or time */
} attribute_rules[] = {
    {"colspan", " td th ", 1, 1000},
    {"rowspan", " td th ", 0, 65534},
    {"span", " col colgroup ", 1, 1000},
    {"datetime", " time ins del ", 0, 0},
};

static void check_attributes(html_scan *h, const char *el, const xmlChar **attrs, int count,
                             unsigned line)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (a[ATTR_NS])
            continue;
        const char *name = (const char *)a[ATTR_NAME];
        if (strcmp(name, "href") == 0 || strcmp(name, "src") == 0 || strcmp(name, "cite") == 0) {
            char *v = octavo_check_attribute_value(a);
            if (!url_valid(v))
                octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-020", h->name, line,
                                         "\"%s\" is not a valid URL", v);
            free(v);
            continue;
        }
        for (size_t r = 0; r < sizeof attribute_rules / sizeof *attribute_rules; r++) {
            const struct attribute_rule *ar = &attribute_rules[r];
            if (strcmp(name, ar->name) != 0)
                continue;
            if (!in_words(ar->elements, el)) {
                if (ar->max) /* (datetime elsewhere is another rule's) */
                    octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                             "attribute \"%s\" not allowed on element \"%s\"", name,
                                             el);
                break;
            }
            char *v = octavo_check_attribute_value(a);
            if (ar->max ? !integer_within(v, ar->min, ar->max) : !octavo_html_datetime(v)) {
                if (ar->max)
                    octavo_check_add_finding(
                        h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                        "value of attribute \"%s\" is invalid; it must be an integer from %ld "
                        "to %ld, not \"%s\"",
                        name, ar->min, ar->max, v);
                else
                    octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                             "value of attribute \"%s\" is invalid; \"%s\" is "
                                             "not a date or time",
                                             name, v);
            }
            free(v);
            break;
        }
    }
}

/* ---- the walk ------------------------------------------------------------- */

void octavo_check_html_start(html_scan *h, const char *el, bool xhtml, const xmlChar **attrs,
                             int count, unsigned line)
{
    struct html_frame *parent = h->depth ? &h->open[h->depth - 1] : NULL;
    const content_model *pm = parent ? parent->model : NULL;
    if (pm) {
        if (pm->children && (!xhtml || !in_words(pm->children, el))) {
            char why[160];
            not_allowed(h, xhtml ? el : "", line, holds(pm, why, sizeof why));
        } else if (pm->next) {
            pm->next(h, parent, xhtml ? el : "", line);
        }
    }
    const content_model *m = NULL;
    if (xhtml) {
        check_attributes(h, el, attrs, count, line);
        m = pm && strcmp(pm->name, "dl") == 0 && strcmp(el, "div") == 0 ? &dl_group : model_of(el);
    }
    h->open = octavo_xgrow(h->open, &h->cap, h->depth + 1, sizeof *h->open);
    h->open[h->depth++] = (struct html_frame){.model = m, .line = line};
    if (m && strcmp(el, "colgroup") == 0)
        for (int i = 0; i < count; i++)
            if (!attrs[i * ATTR_FIELDS + ATTR_NS] &&
                strcmp((const char *)attrs[i * ATTR_FIELDS + ATTR_NAME], "span") == 0)
                h->open[h->depth - 1].span = true;
}

void octavo_check_html_end(html_scan *h, unsigned line)
{
    if (!h->depth)
        return;
    struct html_frame *f = &h->open[--h->depth];
    if (f->model && f->model->end)
        f->model->end(h, f, line);
}

void octavo_check_html_text(html_scan *h, const char *text, size_t len, unsigned line)
{
    struct html_frame *f = h->depth ? &h->open[h->depth - 1] : NULL;
    if (!f || !f->model)
        return;
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", text[i]) && text[i])
        i++;
    if (i == len)
        return;
    if (f->model->no_text) {
        char why[160];
        if (!f->text_said)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "text not allowed here; %s", holds(f->model, why, sizeof why));
        f->text_said = true;
    } else if (f->model->next) {
        f->model->next(h, f, NULL, line);
    }
}

void octavo_check_html_free(html_scan *h)
{
    free(h->open);
    h->open = NULL;
    h->depth = h->cap = 0;
}
