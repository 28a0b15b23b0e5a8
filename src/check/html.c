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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    int container;    /* the container it is (containers[container - 1]), or 0 */
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
static void switch_next(html_scan *h, struct html_frame *f, const char *child, unsigned line);
static void switch_end(html_scan *h, struct html_frame *f, unsigned line);

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
    {"epub:switch", " epub:case epub:default ", "epub:case and epub:default elements", true,
     switch_next, switch_end},
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
    if (NAME_IS(child, "dt")) {
        if (f->state == 3)
            not_allowed(h, child, line, "a dl holds either groups in div or dt and dd");
        f->state = 1;
    } else if (NAME_IS(child, "dd")) {
        if (f->state == 0 || f->state == 3)
            not_allowed(h, child, line, "a dd must follow a dt");
        f->state = 2;
    } else if (NAME_IS(child, "div")) {
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
    if (child && NAME_IS(child, "figcaption")) {
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
    bool rt = child && NAME_IS(child, "rt"), rp = child && NAME_IS(child, "rp");
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
    if (child && f->span && NAME_IS(child, "col"))
        not_allowed(h, child, line, "a colgroup with a span attribute holds no col");
}

/* epub:switch (deprecated, still checked): epub:case+ epub:default.
 * state: 0 nothing yet, 1 after a case, 2 after the default. */
static void switch_next(html_scan *h, struct html_frame *f, const char *child, unsigned line)
{
    if (!child)
        return;
    bool is_default = NAME_IS(child, "epub:default");
    if (is_default && f->state == 0)
        octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                 "element \"epub:default\" not allowed yet; expected element "
                                 "\"epub:case\"");
    else if (f->state == 2)
        not_allowed(h, child, line, "the epub:default is the last child of \"epub:switch\"");
    f->state = is_default ? 2 : f->state == 2 ? 2 : 1;
}

static void switch_end(html_scan *h, struct html_frame *f, unsigned line)
{
    (void)line;
    if (f->state != 2)
        octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, f->line,
                                 "element \"epub:switch\" incomplete; missing required element "
                                 "\"%s\"",
                                 f->state ? "epub:default" : "epub:case");
}

/* ---- attribute values ----------------------------------------------------- */

/* A non-negative integer within min..max. */
static bool integer_within(const char *v, long min, long max)
{
    long n;
    return *v >= '0' && *v <= '9' && octavo_html_integer(v, min, max, &n);
}

char *octavo_check_url_trim(char *url)
{
    static const char ascii_whitespace[] = " \t\n\f\r";
    if (!url)
        return NULL;
    size_t start = strspn(url, ascii_whitespace), len = strlen(url + start);
    while (len && strchr(ascii_whitespace, url[start + len - 1]))
        len--;
    memmove(url, url + start, len);
    url[len] = '\0';
    return url;
}

/* What epubcheck 4.2.6 does not take for a URL (java.net.URI's): a '%'
 * not starting an escape, spaces, quotes, angle brackets, controls, the
 * characters RFC 3986 leaves out ("\\^`{|}"), brackets outside an IPv6
 * host, and a second '#'. A data URL is not read so: its data is any
 * text (an SVG image's markup, a '?'), and neither EPUBCheck 5 nor
 * epubcheck-ts says RSC-020 of it. */
static bool url_valid(const char *v)
{
    if (strncasecmp(v, "data:", 5) == 0)
        return true;
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

/* The attributes that take one of a few keywords (in any case, as
 * HTML's enumerated attributes are read). */
static const struct keyword_rule {
    const char *name;
    const char *elements; /* only on these; NULL: any */
    const char *values;   /* " a b " */
    bool empty;           /* "" too */
} keyword_rules[] = {
    {"hidden", NULL, " hidden until-found ", true},
    {"dir", NULL, " ltr rtl auto ", false},
    {"translate", NULL, " yes no ", true},
    {"autofocus", NULL, " autofocus ", true},
    {"inert", NULL, " inert ", true},
    {"border", " table ", " 1 ", true},
};

static void check_keyword(html_scan *h, const struct keyword_rule *kr, const xmlChar **a,
                          unsigned line)
{
    char *v = octavo_check_attribute_value(a);
    char lower[32];
    size_t n = strlen(v);
    for (size_t i = 0; i < n && i < sizeof lower - 1; i++)
        lower[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] - 'A' + 'a' : v[i]);
    lower[n < sizeof lower - 1 ? n : sizeof lower - 1] = '\0';
    if (!(*v ? n < sizeof lower - 1 && octavo_check_in_words(kr->values, lower) && !strchr(v, ' ')
             : kr->empty))
        octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                 "value of attribute \"%s\" is invalid; it must be one of%s%s, "
                                 "not \"%s\"",
                                 kr->name, kr->values, kr->empty ? "or \"\"" : "", v);
    free(v);
}

/* Attributes no element may have any more (obsolete, or never in
 * HTML), or not these elements. */
static const struct attribute_ban {
    const char *name;
    const char *elements; /* NULL: any */
} attribute_bans[] = {
    {"typemustmatch", NULL}, {"contextmenu", NULL}, {"dropzone", NULL}, {"pubdate", NULL},
    {"seamless", NULL},      {"scoped", " style "}, {"type", " menu "},
};

/* Attributes only some elements have (HTML's URL attributes): on another
 * element, the schema says so, wherever the XHTML is (in an SVG title or
 * foreignObject too: content-document-svg.feature). */
static const struct attribute_home {
    const char *name;
    const char *elements;
} attribute_homes[] = {
    {"href", " a area link base "},
    {"src", " audio embed iframe img input script source track video "},
    {"cite", " blockquote q del ins "},
};

/* The roles DPUB-ARIA 1.1 deprecates (a warning, as epubcheck's). */
static const char deprecated_roles[] = " doc-endnote doc-biblioentry ";

/* What is left of an attribute's rules: banned, on an element it is
 * not for, a data-* name, usemap and src values, deprecated roles. */
static void check_other_attribute(html_scan *h, const char *el, const xmlChar **a, unsigned line)
{
    const char *name = (const char *)a[ATTR_NAME];
    for (size_t r = 0; r < sizeof attribute_bans / sizeof *attribute_bans; r++)
        if (NAME_IS(name, attribute_bans[r].name) &&
            (!attribute_bans[r].elements || octavo_check_in_words(attribute_bans[r].elements, el)))
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "attribute \"%s\" not allowed here", name);
    for (size_t r = 0; r < sizeof attribute_homes / sizeof *attribute_homes; r++)
        if (NAME_IS(name, attribute_homes[r].name) &&
            !octavo_check_in_words(attribute_homes[r].elements, el))
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "attribute \"%s\" not allowed here", name);
    if (strncmp(name, "data-", 5) == 0) {
        bool upper = false;
        for (const char *p = name; *p; p++)
            upper = upper || (*p >= 'A' && *p <= 'Z');
        if (!name[5] || upper)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "HTM-061", h->name, line,
                                     "\"%s\" is not a valid custom data attribute: it needs a "
                                     "name after \"data-\", without capital letters",
                                     name);
    }
    bool usemap = NAME_IS(name, "usemap");
    bool src = NAME_IS(name, "src") && NAME_IS(el, "img");
    bool role = NAME_IS(name, "role");
    if (!usemap && !src && !role)
        return;
    char *v = octavo_check_attribute_value(a);
    if ((usemap && (v[0] != '#' || !v[1])) || (src && !v[v + strspn(v, " \t\r\n") - v]))
        octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                 "value of attribute \"%s\" is invalid: \"%s\"", name, v);
    for (const char *p = v; role && *(p += strspn(p, " \t\r\n"));) {
        size_t n = strcspn(p, " \t\r\n");
        char token[32];
        if (n < sizeof token) {
            memcpy(token, p, n);
            token[n] = '\0';
            if (octavo_check_in_words(deprecated_roles, token))
                octavo_check_add_finding(h->found, OCTAVO_WARNING, "RSC-017", h->name, line,
                                         "the \"%s\" role is deprecated", token);
        }
        p += n;
    }
    free(v);
}

static void check_attributes(html_scan *h, const char *el, const xmlChar **attrs, int count,
                             unsigned line)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (a[ATTR_NS])
            continue;
        const char *name = (const char *)a[ATTR_NAME];
        check_other_attribute(h, el, a, line);
        if (NAME_IS(name, "href") || NAME_IS(name, "src") || NAME_IS(name, "cite")) {
            char *v = octavo_check_url_trim(octavo_check_attribute_value(a));
            if (!url_valid(v))
                octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-020", h->name, line,
                                         "\"%s\" is not a valid URL", v);
            free(v);
            continue;
        }
        for (size_t r = 0; r < sizeof keyword_rules / sizeof *keyword_rules; r++)
            if (NAME_IS(name, keyword_rules[r].name) &&
                (!keyword_rules[r].elements ||
                 octavo_check_in_words(keyword_rules[r].elements, el)))
                check_keyword(h, &keyword_rules[r], a, line);
        for (size_t r = 0; r < sizeof attribute_rules / sizeof *attribute_rules; r++) {
            const struct attribute_rule *ar = &attribute_rules[r];
            if (!NAME_IS(name, ar->name))
                continue;
            if (!octavo_check_in_words(ar->elements, el)) {
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

/* ---- the elements there are, and where they may be ---------------------- */

/* The elements of XHTML the schema knows; any other in its namespace (but
 * a custom element, whose name has a hyphen) is an error. */
static const char known_elements[] =
    " a abbr address area article aside audio b base bdi bdo blockquote body br button canvas "
    "caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe "
    "img input ins kbd label legend li link main map mark menu meta meter nav noscript object ol "
    "optgroup option output p param picture pre progress q rb rp rt rtc ruby s samp script search "
    "section select slot small source span strong style sub summary sup table tbody td template "
    "textarea tfoot th thead time title tr track u ul var video wbr "
    /* (and the EPUB elements page.c tells of by these names) */
    "epub:switch epub:case epub:default epub:trigger ";

/* The elements others must be inside, or must not be (the schema's
 * Schematron patterns); html_scan counts those open. */
static const char *const containers[] = {"address", "audio",    "caption", "dfn",   "footer",
                                         "form",    "head",     "header",  "label", "map",
                                         "meter",   "progress", "time",    "video"};
_Static_assert(sizeof containers / sizeof *containers <=
                   sizeof((html_scan *)0)->inside / sizeof *((html_scan *)0)->inside,
               "html_scan counts each container");
static const struct placement_rule {
    const char *element, *container;
    bool inside; /* must be in it; false: must not */
} placement_rules[] = {
    {"area", "map", true},         {"style", "head", true},         {"audio", "audio", false},
    {"video", "audio", false},     {"video", "video", false},       {"audio", "video", false},
    {"address", "address", false}, {"header", "address", false},    {"footer", "address", false},
    {"form", "form", false},       {"progress", "progress", false}, {"meter", "meter", false},
    {"dfn", "dfn", false},         {"time", "time", false},         {"table", "caption", false},
    {"header", "header", false},   {"footer", "header", false},     {"footer", "footer", false},
    {"header", "footer", false},   {"label", "label", false},
};

/* The elements with an attribute they must have, and those that may not
 * have an epub:type (the head's). */
static const struct required_attribute {
    const char *element, *name;
} required_attributes[] = {{"bdo", "dir"}, {"epub:case", "required-namespace"}};
static const char untyped_elements[] = " head meta title style link script noscript base ";

/* What the tables above say of one element name of XHTML: found once
 * per name a page uses (html_scan's names), not once per element. */
struct html_element {
    bool known;   /* in known_elements, or a custom element */
    bool untyped; /* in untyped_elements */
    const content_model *model;
    int container;       /* containers[container - 1], or 0 */
    uint64_t placements; /* placement_rules' rows for it (bits) */
    unsigned required;   /* required_attributes' rows for it (bits) */
};
_Static_assert(sizeof placement_rules / sizeof *placement_rules <= 64,
               "html_element has a bit for each placement rule");
_Static_assert(sizeof required_attributes / sizeof *required_attributes <= 32,
               "html_element has a bit for each required attribute");

static struct html_element element_of(const char *el)
{
    struct html_element e = {
        .known = octavo_check_in_words(known_elements, el) || strchr(el, '-'),
        .untyped = octavo_check_in_words(untyped_elements, el),
        .model = model_of(el),
    };
    for (size_t r = 0; r < sizeof placement_rules / sizeof *placement_rules; r++)
        if (strcmp(el, placement_rules[r].element) == 0)
            e.placements |= UINT64_C(1) << r;
    for (size_t r = 0; r < sizeof required_attributes / sizeof *required_attributes; r++)
        if (strcmp(el, required_attributes[r].element) == 0)
            e.required |= 1u << r;
    for (size_t c = 0; c < sizeof containers / sizeof *containers; c++)
        if (strcmp(el, containers[c]) == 0) {
            e.container = (int)c + 1;
            break;
        }
    return e;
}

/* What the tables say of `el`, from the page's names when it has been
 * seen. */
static struct html_element lookup_element(html_scan *h, const char *el)
{
    bool fresh;
    int n = octavo_check_name_number(&h->names, el, NULL, &fresh);
    if (n < 0)
        return element_of(el);
    if (fresh) {
        h->elements =
            octavo_xgrow(h->elements, &h->element_cap, (size_t)n + 1, sizeof *h->elements);
        h->elements[n] = element_of(el);
    }
    return h->elements[n];
}

/* Element `el` of XHTML (what the tables say of it: `e`): one there is,
 * where it may be, with what it must have? Returns the container it is
 * (index + 1), or 0. */
static int check_element(html_scan *h, const char *el, const struct html_element *e, bool said,
                         const xmlChar **attrs, int count, unsigned line)
{
    if (!said && !e->known)
        not_allowed(h, el, line, "it is not an element of XHTML");
    for (size_t r = 0; e->placements && r < sizeof placement_rules / sizeof *placement_rules; r++) {
        const struct placement_rule *pr = &placement_rules[r];
        if (!(e->placements & UINT64_C(1) << r))
            continue;
        for (size_t c = 0; c < sizeof containers / sizeof *containers; c++)
            if (strcmp(pr->container, containers[c]) == 0 && !h->inside[c] == pr->inside) {
                char why[80];
                snprintf(why, sizeof why, "it must %sbe inside \"%s\"", pr->inside ? "" : "not ",
                         pr->container);
                not_allowed(h, el, line, why);
            }
    }
    for (size_t r = 0; e->required && r < sizeof required_attributes / sizeof *required_attributes;
         r++) {
        const struct required_attribute *ra = &required_attributes[r];
        if (!(e->required & 1u << r))
            continue;
        char *v = octavo_check_attribute(attrs, count, ra->name, NULL);
        if (!v)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "element \"%s\" missing required attribute \"%s\"", el,
                                     ra->name);
        free(v);
    }
    if (e->untyped && count) {
        char *type = octavo_check_attribute(attrs, count, "type", "http://www.idpf.org/2007/ops");
        if (type)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "attribute \"epub:type\" not allowed here");
        free(type);
    }
    if (e->container)
        h->inside[e->container - 1]++;
    return e->container;
}

/* ---- microdata ------------------------------------------------------------ */

/* What an element with an itemprop must have (epubcheck's Schematron
 * patterns md-a-area, md-iframe-embed-object, md-media). */
static const struct microdata_rule {
    const char *elements, *attribute, *what;
    bool schema_too;
} microdata_rules[] = {
    {" a area ", "href", "an a element", true},
    {" iframe embed object ", "data", "an iframe, embed or object element", false},
    {" audio video ", "src", "an video or audio element", false},
};
static void check_microdata(html_scan *h, const char *el, const xmlChar **attrs, int count,
                            unsigned line)
{
    bool itemprop = false;
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        itemprop = itemprop || (!a[ATTR_NS] && NAME_IS((const char *)a[ATTR_NAME], "itemprop"));
    }
    for (size_t r = 0; itemprop && r < sizeof microdata_rules / sizeof *microdata_rules; r++) {
        const struct microdata_rule *mr = &microdata_rules[r];
        if (!octavo_check_in_words(mr->elements, el))
            continue;
        char *v = octavo_check_attribute(attrs, count, mr->attribute, NULL);
        /* (the RelaxNG schema says it of a and area too, as epubcheck) */
        if (!v && mr->schema_too)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "element \"%s\" missing required attribute \"%s\"", el,
                                     mr->attribute);
        if (!v)
            octavo_check_add_finding(h->found, OCTAVO_ERROR, "RSC-005", h->name, line,
                                     "If the itemprop is specified on %s, then the %s attribute "
                                     "must also be specified.",
                                     mr->what, mr->attribute);
        free(v);
    }
}

/* ---- the walk ------------------------------------------------------------- */

void octavo_check_html_start(html_scan *h, const char *el, bool xhtml, const xmlChar **attrs,
                             int count, unsigned line)
{
    struct html_frame *parent = h->depth ? &h->open[h->depth - 1] : NULL;
    const content_model *pm = parent ? parent->model : NULL;
    bool said = false;
    if (pm) {
        if (pm->children && (!xhtml || !octavo_check_in_words(pm->children, el))) {
            char why[160];
            not_allowed(h, xhtml ? el : "", line, holds(pm, why, sizeof why));
            said = true;
        } else if (pm->next) {
            pm->next(h, parent, xhtml ? el : "", line);
        }
    }
    const content_model *m = NULL;
    int container = 0;
    if (xhtml) {
        struct html_element e = lookup_element(h, el);
        container = check_element(h, el, &e, said, attrs, count, line);
        check_attributes(h, el, attrs, count, line);
        octavo_check_aria(h, el, attrs, count, line);
        check_microdata(h, el, attrs, count, line);
        m = pm && NAME_IS(pm->name, "dl") && NAME_IS(el, "div") ? &dl_group : e.model;
    }
    h->open = octavo_xgrow(h->open, &h->cap, h->depth + 1, sizeof *h->open);
    h->open[h->depth++] = (struct html_frame){.model = m, .line = line, .container = container};
    if (m && NAME_IS(el, "colgroup"))
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
    if (f->container)
        h->inside[f->container - 1]--;
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
    octavo_check_name_table_free(&h->names);
    free(h->elements);
    h->elements = NULL;
    h->element_cap = 0;
    free(h->open);
    h->open = NULL;
    h->depth = h->cap = 0;
}
