/* page.c — what one XHTML page says, read from the page alone (so that
 * a build can read each page on the core that renders it): whether it is
 * well-formed XHTML, its ids, its links and the navs they are in, its
 * language tags, whether its title and nav links have text, and the
 * external entities its doctype declares; html.c checks its elements. */
#include "check_internal.h"

#include "lang.h"
#include "mem.h"
#include "url.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_XHTML  "http://www.w3.org/1999/xhtml"
#define NS_OPS    "http://www.idpf.org/2007/ops"
#define NS_MATHML "http://www.w3.org/1998/Math/MathML"
#define NS_SVG    "http://www.w3.org/2000/svg"

/* The attributes that refer to another resource, element by element (in
 * the XHTML namespace unless `ns` says otherwise), and what they refer
 * to, as epubcheck's references are typed. */
static const struct ref_rule {
    const char *ns, *element, *attribute;
    ref_kind kind;
    bool srcset; /* candidates separated by commas, each a URL and a size */
    /* Not one of the element's media (a video's poster, an image as
     * EPUBCheck takes it): the video's other sources are no fallback
     * for it. */
    bool apart;
} ref_rules[] = {
    {NS_XHTML, "a", "href", REF_HYPERLINK, false, false},
    {NS_XHTML, "area", "href", REF_HYPERLINK, false, false},
    {NS_XHTML, "img", "src", REF_IMAGE, false, false},
    {NS_XHTML, "img", "srcset", REF_IMAGE, true, false},
    {NS_XHTML, "input", "src", REF_IMAGE, false, false},
    {NS_XHTML, "audio", "src", REF_AUDIO, false, false},
    {NS_XHTML, "video", "src", REF_VIDEO, false, false},
    {NS_XHTML, "video", "poster", REF_IMAGE, false, true},
    {NS_XHTML, "source", "src", REF_GENERIC, false, false}, /* (its parent's kind: source_kind) */
    {NS_XHTML, "source", "srcset", REF_IMAGE, true, false},
    {NS_XHTML, "track", "src", REF_TRACK, false, false},
    {NS_XHTML, "script", "src", REF_GENERIC, false, false},
    {NS_XHTML, "iframe", "src", REF_GENERIC, false, false},
    {NS_XHTML, "embed", "src", REF_GENERIC, false, false},
    {NS_XHTML, "object", "data", REF_GENERIC, false, false},
    {NS_XHTML, "link", "href", REF_STYLESHEET, false, false}, /* (rel=stylesheet only) */
    {NS_MATHML, "math", "altimg", REF_IMAGE, false, false},
    {NS_XHTML, "blockquote", "cite", REF_CITE, false, false},
    {NS_XHTML, "q", "cite", REF_CITE, false, false},
    {NS_XHTML, "del", "cite", REF_CITE, false, false},
    {NS_XHTML, "ins", "cite", REF_CITE, false, false},
};

/* The elements whose use the page's manifest item must declare. */
static const struct use_rule {
    const char *ns, *element;
    unsigned use;
} use_rules[] = {
    {NS_MATHML, "math", PAGE_USES_MATHML},
    {NS_SVG, "svg", PAGE_USES_SVG},
    {NS_OPS, "switch", PAGE_USES_SWITCH},
    {NS_XHTML, "form", PAGE_USES_SCRIPT}, /* (EPUB 3.3: forms need scripting) */
};

/* The elements whose children's references are theirs (picture, audio,
 * video, object), the kind a source in them refers to, and what their
 * fallback is: their references' resources, one for another (`pooled`),
 * or their content (an object's: EPUBCheck 5's intrinsic fallback). */
static const struct media_rule {
    const char *element;
    char in;
    ref_kind source_kind;
    bool pooled, content_fallback;
} media_rules[] = {
    {"picture", 'p', REF_IMAGE, true, false},
    {"audio", 'a', REF_AUDIO, true, false},
    {"video", 'v', REF_VIDEO, true, false},
    {"object", 'o', REF_GENERIC, false, true},
};

/* What an element in an object is as the object's fallback content
 * (EPUBCheck 5's OPSHandler30.isPalpable, as epubcheck-ts has it):
 * embedded content, SVG or MathML is ('e'); the head's elements and
 * scripts are not, nor is what is in them ('n'). Another XHTML element
 * is if something in it is; an element of another namespace is not. */
static const struct content_rule {
    const char *ns, *element;
    char content;
} content_rules[] = {
    {NS_XHTML, "audio", 'e'},   {NS_XHTML, "canvas", 'e'}, {NS_XHTML, "embed", 'e'},
    {NS_XHTML, "iframe", 'e'},  {NS_XHTML, "img", 'e'},    {NS_XHTML, "object", 'e'},
    {NS_XHTML, "picture", 'e'}, {NS_XHTML, "video", 'e'},  {NS_SVG, "svg", 'e'},
    {NS_MATHML, "math", 'e'},   {NS_XHTML, "html", 'n'},   {NS_XHTML, "head", 'n'},
    {NS_XHTML, "script", 'n'},  {NS_XHTML, "link", 'n'},   {NS_XHTML, "meta", 'n'},
    {NS_XHTML, "title", 'n'},   {NS_XHTML, "style", 'n'},
};

/* What a script element's type says is a script, not a data block. */
static bool is_script_type(const char *type)
{
    static const char *const types[] = {"",
                                        "module",
                                        "text/javascript",
                                        "application/javascript",
                                        "application/ecmascript",
                                        "text/ecmascript"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcasecmp(type, types[i]) == 0)
            return true;
    return false;
}

void octavo_check_page_facts_clear(page_facts *f)
{
    octavo_diags_free(&f->findings);
    for (size_t i = 0; i < f->id_count; i++)
        free(f->ids[i]);
    free(f->ids);
    free(f->id_order);
    for (size_t i = 0; i < f->ref_count; i++) {
        free(f->refs[i].url);
        free(f->refs[i].type);
    }
    free(f->refs);
    octavo_diags_free(&f->nav_findings);
    octavo_diags_free(&f->epub3_findings);
    free(f->external_entity);
    free(f->doctype_id);
    free(f->encoding);
    free(f->viewport);
    *f = (page_facts){0};
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An id and its place on the page, sorted by id, then by place. */
typedef struct placed_id {
    char *id;
    unsigned order;
} placed_id;

static int compare_placed(const void *a, const void *b)
{
    const placed_id *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The page's ids sorted, each with its place on the page in f->id_order
 * (the toc's links must follow it: NAV-011). */
static void sort_ids(page_facts *f)
{
    placed_id *placed = octavo_xcalloc(f->id_count, sizeof *placed);
    for (size_t i = 0; i < f->id_count; i++)
        placed[i] = (placed_id){f->ids[i], (unsigned)i};
    qsort(placed, f->id_count, sizeof *placed, compare_placed);
    f->id_order = octavo_xcalloc(f->id_count, sizeof *f->id_order);
    for (size_t i = 0; i < f->id_count; i++) {
        f->ids[i] = placed[i].id;
        f->id_order[i] = placed[i].order;
    }
    free(placed);
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

/* The attributes that name elements of the page by their ids (one, or
 * a list), as the schema's Schematron checks them; `element` NULL: on
 * any element. */
static const struct idref_rule {
    const char *ns, *element, *attribute;
} idref_rules[] = {
    {NULL, NULL, "aria-describedby"},  {NULL, NULL, "aria-flowto"},
    {NULL, NULL, "aria-labelledby"},   {NULL, NULL, "aria-owns"},
    {NULL, NULL, "aria-controls"},     {NULL, NULL, "aria-activedescendant"},
    {NS_XHTML, "output", "for"},       {NS_XHTML, "label", "for"},
    {NS_XHTML, "input", "list"},       {NS_XHTML, NULL, "form"},
    {NS_XHTML, NULL, "headers"},       {NS_MATHML, NULL, "xref"},
    {NS_MATHML, NULL, "indenttarget"}, {NS_OPS, "trigger", "ref"},
    {NS_OPS, "trigger", "observer"}, /* (ev:observer) */
};

/* What the tables above say of one element name in one namespace:
 * found once per name a page uses (page_scan's names), not once per
 * element. */
typedef struct page_element {
    unsigned uses;   /* use_rules' */
    uint32_t refs;   /* ref_rules' rows for it (bits) */
    uint32_t idrefs; /* idref_rules' rows for it (bits) */
    int media;       /* media_rules' row + 1 (XHTML), or 0 */
    char space;      /* its namespace: 'h' XHTML, 'o' OPS, 's' SVG, 0 another or none */
    char content;    /* content_rules': 'e', 'n', or 0 (an XHTML element's content) */
} page_element;
_Static_assert(sizeof ref_rules / sizeof *ref_rules <= 32, "page_element has a bit a ref rule");
_Static_assert(sizeof idref_rules / sizeof *idref_rules <= 32,
               "page_element has a bit an idref rule");

static page_element element_of(const char *el, const char *ns)
{
    page_element e = {0};
    for (size_t i = 0; i < sizeof use_rules / sizeof *use_rules; i++)
        if (strcmp(el, use_rules[i].element) == 0 && strcmp(ns, use_rules[i].ns) == 0)
            e.uses |= use_rules[i].use;
    for (size_t r = 0; r < sizeof ref_rules / sizeof *ref_rules; r++)
        if (strcmp(el, ref_rules[r].element) == 0 && strcmp(ns, ref_rules[r].ns) == 0)
            e.refs |= UINT32_C(1) << r;
    for (size_t r = 0; r < sizeof idref_rules / sizeof *idref_rules; r++) {
        const struct idref_rule *ir = &idref_rules[r];
        if ((!ir->ns || strcmp(ns, ir->ns) == 0) && (!ir->element || strcmp(el, ir->element) == 0))
            e.idrefs |= UINT32_C(1) << r;
    }
    e.space = strcmp(ns, NS_XHTML) == 0 ? 'h'
              : strcmp(ns, NS_OPS) == 0 ? 'o'
              : strcmp(ns, NS_SVG) == 0 ? 's'
                                        : 0;
    if (e.space == 'h')
        for (size_t i = 0; i < sizeof media_rules / sizeof *media_rules; i++)
            if (strcmp(el, media_rules[i].element) == 0)
                e.media = (int)i + 1;
    e.content = e.space == 'h' ? 0 : 'n';
    for (size_t i = 0; i < sizeof content_rules / sizeof *content_rules; i++)
        if (strcmp(el, content_rules[i].element) == 0 && strcmp(ns, content_rules[i].ns) == 0)
            e.content = content_rules[i].content;
    return e;
}

/* A reference by id, checked once the page's ids are all read. */
typedef struct idref {
    const char *attribute; /* idref_rules' */
    char *value;
    unsigned line;
} idref;

/* For each open element: the kind of nav it is in ('t' toc, 'l'
 * landmarks, 'o' another, 0 none), whether that nav has an epub:type,
 * and whether it is in that nav's list (where links need text); and,
 * when it is a picture, audio, video or object, which ('p', 'a', 'v',
 * 'o'; else 0) and, for a picture, audio or video, its number among
 * them on the page. `object` is the depth + 1 of the object whose
 * fallback content is what this element holds (0: none); an object's
 * own says whether it has some, and its references. */
typedef struct open_nav {
    char nav;
    bool typed, list;
    char media;
    unsigned group;
    size_t object;
    bool fallback;
    size_t ref_from, ref_to;
} open_nav;

/* A page being read: the facts so far, the elements open, and the title
 * being read (depth + 1; 0: none) and whether it has text. */
typedef struct page_scan {
    const char *name;
    page_facts *f;
    open_nav *navs;
    size_t depth, cap;
    html_scan html;
    nav_scan nav_schema;
    svg_schema svg; /* the SVG in it */
    size_t title_depth, head_depth;
    bool title_text, head_title;
    unsigned title_line, head_line;
    idref *idrefs;
    size_t idref_count, idref_cap;
    /* The style element being read (depth + 1; 0: none), its text. */
    size_t style_depth;
    unsigned style_line;
    octavo_buf style;
    bool root_seen;
    bool root_wrong; /* not html in the XHTML namespace: the rest is not read */
    unsigned root_line;
    octavo_diags found; /* kept only if the page is well-formed XHTML */
    /* The base URL: the first base element's href, and the xml:base
     * attributes open (each resolved against the one around it) with
     * their depth. */
    char *html_base;
    struct xml_base {
        size_t depth;
        char *url;
    } * bases;
    size_t base_count, base_cap;
    name_table names; /* the element names seen, numbered: elements[number] */
    page_element *elements;
    size_t element_cap;
} page_scan;

/* What the tables say of `el` in `ns`, from the page's names when it has
 * been seen. */
static page_element lookup_element(page_scan *s, const char *el, const char *ns)
{
    bool fresh;
    int n = octavo_check_name_number(&s->names, el, ns, &fresh);
    if (n < 0)
        return element_of(el, ns);
    if (fresh) {
        s->elements =
            octavo_xgrow(s->elements, &s->element_cap, (size_t)n + 1, sizeof *s->elements);
        s->elements[n] = element_of(el, ns);
    }
    return s->elements[n];
}

/* What the element uses that its page's manifest item must declare:
 * MathML, SVG, epub:switch, scripts (a script element, an event handler
 * attribute). */
static void note_uses(page_facts *f, const char *el, const page_element *e, const xmlChar **attrs,
                      int count)
{
    f->uses |= e->uses;
    if (e->space != 'h')
        return;
    if (NAME_IS(el, "script")) {
        char *type = octavo_check_attribute(attrs, count, "type", NULL);
        if (!type || is_script_type(type))
            f->uses |= PAGE_USES_SCRIPT;
        free(type);
    }
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (!a[ATTR_NS] && strncasecmp((const char *)a[ATTR_NAME], "on", 2) == 0)
            f->uses |= PAGE_USES_SCRIPT;
    }
}

/* `url` and `type` are owned by the reference made; `type` may be NULL. */
static void add_ref(page_facts *f, const char *el, char *url, unsigned line, ref_kind kind,
                    char nav, const open_nav *parent, const open_nav *self, char *type)
{
    f->refs = octavo_xgrow(f->refs, &f->ref_cap, f->ref_count + 1, sizeof *f->refs);
    f->refs[f->ref_count++] = (page_ref){
        .url = url,
        .line = line,
        .kind = kind,
        .nav = kind == REF_HYPERLINK ? nav : 0,
        .in = parent->media,
        .from = NAME_IS(el, "source")   ? 's'
                : NAME_IS(el, "img")    ? 'i'
                : NAME_IS(el, "object") ? 'o'
                : NAME_IS(el, "style")  ? 'c' /* (add_css_ref's) */
                                        : 0,
        .type = type,
        .group = self->group ? self->group : parent->group,
    };
}

/* `url` (owned) resolved against the page's `base` (NULL: none), as
 * epubcheck resolves it: a relative URL against a remote base is remote
 * (RSC-006 for what must be in the book). Dot segments are left for the
 * container's resolution. Returns a string the caller owns. */
static char *rebase(const char *base, char *url)
{
    if (!base || octavo_url_has_scheme(url))
        return url;
    const char *authority = octavo_url_has_scheme(base) ? strstr(base, "://") : NULL;
    size_t path = authority ? (size_t)(authority + 3 - base) + strcspn(authority + 3, "/?#") : 0;
    size_t keep;
    bool slash = false;
    if (url[0] == '/' && url[1] == '/')
        keep = authority ? (size_t)(strchr(base, ':') + 1 - base) : 0;
    else if (url[0] == '/')
        keep = path;
    else if (url[0] == '#' || !url[0])
        keep = strcspn(base, "#");
    else if (url[0] == '?')
        keep = strcspn(base, "?#");
    else {
        keep = strcspn(base, "?#");
        while (keep > path && base[keep - 1] != '/')
            keep--;
        slash = authority && keep == path; /* (https://host + "/" + url) */
    }
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_append(&b, base, keep);
    if (slash)
        octavo_buf_append(&b, "/", 1);
    octavo_buf_append(&b, url, strlen(url));
    free(url);
    return octavo_buf_detach(&b);
}

/* The element's references (ref_rules), each a page_ref, resolved
 * against `base` (NULL: none). */
static void add_refs(page_facts *f, const char *el, const page_element *e, const xmlChar **attrs,
                     int count, unsigned line, char nav, const open_nav *parent,
                     const open_nav *self, const char *base)
{
    for (size_t r = 0; e->refs && r < sizeof ref_rules / sizeof *ref_rules; r++) {
        const struct ref_rule *rule = &ref_rules[r];
        if (!(e->refs & UINT32_C(1) << r))
            continue;
        char *value =
            octavo_check_url_trim(octavo_check_attribute(attrs, count, rule->attribute, NULL));
        if (!value)
            continue;
        ref_kind kind = rule->kind;
        /* (what a source, embed or object says its resource is: checked
         * against the manifest, OPF-013) */
        bool typed = NAME_IS(el, "source") || NAME_IS(el, "embed") || NAME_IS(el, "object");
        char *type = typed ? octavo_check_attribute(attrs, count, "type", NULL) : NULL;
        if (NAME_IS(el, "source")) {
            for (size_t i = 0; i < sizeof media_rules / sizeof *media_rules; i++)
                if (parent->media == media_rules[i].in && NAME_IS(rule->attribute, "src"))
                    kind = media_rules[i].source_kind;
        } else if (NAME_IS(el, "link")) {
            char *rel = octavo_check_attribute(attrs, count, "rel", NULL);
            bool stylesheet = rel && octavo_check_has_token(rel, "stylesheet");
            free(rel);
            if (!stylesheet) {
                free(value);
                continue;
            }
        }
        if (!rule->srcset) {
            add_ref(f, el, rebase(base, value), line, kind, nav, parent,
                    rule->apart ? parent : self, type);
            continue;
        }
        /* srcset: "url [size], url [size], ..." */
        for (const char *p = value; *p;) {
            p += strspn(p, " \t\r\n,");
            size_t n = strcspn(p, " \t\r\n");
            /* (a URL may hold commas; one at its end separates it) */
            size_t url_len = n;
            while (url_len && p[url_len - 1] == ',')
                url_len--;
            if (url_len)
                add_ref(f, el, rebase(base, octavo_xstrndup(p, url_len)), line, kind, nav, parent,
                        self, type ? octavo_xstrdup(type) : NULL);
            p += n;
            if (url_len == n)
                p += strcspn(p, ","); /* (past the size) */
        }
        free(type);
        free(value);
    }
}

/* The element's references by id (idref_rules); its lang and xml:lang
 * the same; the deprecated epub:switch and epub:trigger said. */
static void note_idrefs(page_scan *s, const char *el, const page_element *e, const xmlChar **attrs,
                        int count, unsigned line)
{
    for (size_t r = 0; count && r < sizeof idref_rules / sizeof *idref_rules; r++) {
        const struct idref_rule *ir = &idref_rules[r];
        if (!(e->idrefs & UINT32_C(1) << r))
            continue;
        char *v = octavo_check_attribute_any_ns(attrs, count, ir->attribute);
        if (!v)
            continue;
        s->idrefs = octavo_xgrow(s->idrefs, &s->idref_cap, s->idref_count + 1, sizeof *s->idrefs);
        s->idrefs[s->idref_count++] = (idref){ir->attribute, v, line};
    }
    char *lang = count ? octavo_check_attribute(attrs, count, "lang", NULL) : NULL;
    char *xml_lang =
        count ? octavo_check_attribute(attrs, count, "lang", (const char *)XML_XML_NAMESPACE)
              : NULL;
    if (lang && xml_lang && strcasecmp(lang, xml_lang) != 0 && e->space == 'h')
        octavo_check_add_finding(&s->found, OCTAVO_ERROR, "RSC-005", s->name, line,
                                 "The lang and xml:lang attributes must have the same value");
    free(lang);
    free(xml_lang);
    if (e->space == 'o' && (NAME_IS(el, "switch") || NAME_IS(el, "trigger")))
        octavo_check_add_finding(&s->found, OCTAVO_WARNING, "RSC-017", s->name, line,
                                 "The \"epub:%s\" element is deprecated", el);
}

/* Each reference by id names an element of the page. */
static void check_idrefs(page_scan *s)
{
    const page_facts *f = s->f;
    for (size_t i = 0; i < s->idref_count; i++) {
        const idref *r = &s->idrefs[i];
        for (char *p = r->value; *(p += strspn(p, " \t\r\n"));) {
            size_t n = strcspn(p, " \t\r\n");
            char end = p[n];
            p[n] = '\0';
            if (!octavo_check_ids_have(f->ids, f->id_count, p))
                octavo_check_add_finding(&s->found, OCTAVO_ERROR, "RSC-005", s->name, r->line,
                                         "The %s attribute must refer to elements in the same "
                                         "document (target ID \"%s\" missing)",
                                         r->attribute, p);
            p[n] = end;
            p += n;
        }
    }
}

/* The namespaces of XHTML documents; attributes in any other are custom
 * attributes, ignored unless their namespace's host is W3C's or the
 * IDPF's (HTM-054; epubcheck's PreprocessingDefaultHandler, which
 * EPUBCheck runs on EPUB 3 only: EPUB 2's XHTML 1.1 knows no custom
 * attributes). */
static const char known_namespaces[] =
    " " NS_XHTML " http://www.w3.org/XML/1998/namespace " NS_OPS " " NS_SVG " " NS_MATHML
    " http://www.w3.org/2001/10/synthesis http://www.w3.org/2001/xml-events "
    "http://www.w3.org/1999/xlink ";

static void check_custom_namespace(page_scan *s, const char *ns, unsigned line)
{
    char *trimmed = octavo_check_trimmed(ns);
    const char *host = strstr(trimmed, "://");
    if (*trimmed && !octavo_check_in_words(known_namespaces, trimmed) && host) {
        host += 3;
        size_t n = strcspn(host, "/?#:");
        const char *at = memchr(host, '@', n);
        if (at) {
            n -= (size_t)(at + 1 - host);
            host = at + 1;
        }
        static const char *const reserved[] = {"w3.org", "idpf.org"};
        for (size_t i = 0; i < 2; i++) {
            size_t m = strlen(reserved[i]);
            bool found = false;
            for (size_t j = 0; j + m <= n && !found; j++)
                found = strncmp(host + j, reserved[i], m) == 0;
            if (found) {
                octavo_check_add_finding(&s->f->epub3_findings, OCTAVO_ERROR, "HTM-054", s->name,
                                         line,
                                         "Custom attribute namespace (\"%s\") must not include "
                                         "the string \"%s\" in its domain",
                                         trimmed, reserved[i]);
                break;
            }
        }
    }
    free(trimmed);
}

/* A reference from the page's CSS, one of the page's. */
static void add_css_ref(void *state, const char *url, unsigned line, ref_kind kind)
{
    static const open_nav none = {0};
    add_ref(state, "style", octavo_xstrdup(url), line, kind, 0, &none, &none, NULL);
}

/* The page's CSS: style attributes, style elements (read at their end),
 * alternate style sheets' titles. (EPUB 3's rules: octavo check reads a
 * page before it knows the package's version.) */
static void scan_css(page_scan *s, const char *el, const page_element *e, const xmlChar **attrs,
                     int count, unsigned line)
{
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        if (!a[ATTR_NS] && NAME_IS((const char *)a[ATTR_NAME], "style")) {
            char *css = octavo_check_attribute_value(a);
            octavo_check_css_text(s->name, css, strlen(css), line, true, true, &s->found,
                                  add_css_ref, s->f);
            free(css);
        }
    }
    bool xhtml = e->space == 'h';
    if (xhtml && NAME_IS(el, "link"))
        octavo_check_css_link(s->name, attrs, count, line, &s->found);
    if ((xhtml || e->space == 's') && NAME_IS(el, "style") && !s->style_depth) {
        s->style_depth = s->depth + 1;
        s->style_line = line;
        octavo_buf_clear(&s->style);
    }
}

/* The doctype, read before the root: what EPUB 3 allows of it is said
 * once the version is known (content.c). */
static void note_doctype(page_facts *f, void *ctx, unsigned line)
{
    const char *name, *public_id, *system_id;
    if (!octavo_check_parse_doctype(ctx, &name, &public_id, &system_id))
        return;
    bool html = name && strcasecmp(name, "html") == 0;
    bool legacy = !public_id && (!system_id || NAME_IS(system_id, "about:legacy-compat"));
    if (html ? legacy
             : octavo_check_external_ids_allowed("application/xhtml+xml", public_id, system_id))
        return;
    f->doctype = html ? 'i' : 'x';
    f->doctype_id = octavo_xstrdup(public_id ? public_id : system_id);
    f->doctype_line = line;
}

/* The element's xml:base, and the first base element's href: what its
 * references (and its children's) are resolved against. */
static void note_base(page_scan *s, const char *el, bool xhtml, const xmlChar **attrs, int count)
{
    if (xhtml && !s->html_base && NAME_IS(el, "base"))
        s->html_base = octavo_check_url_trim(octavo_check_attribute(attrs, count, "href", NULL));
    char *v = octavo_check_url_trim(
        octavo_check_attribute(attrs, count, "base", (const char *)XML_XML_NAMESPACE));
    if (!v)
        return;
    const char *around = s->base_count ? s->bases[s->base_count - 1].url : s->html_base;
    s->bases = octavo_xgrow(s->bases, &s->base_cap, s->base_count + 1, sizeof *s->bases);
    s->bases[s->base_count++] = (struct xml_base){s->depth + 1, rebase(around, v)};
}

/* What the element is to the object it is in (parent->object), if any:
 * its fallback content, or where some may be (up->object), or neither.
 * Nothing hidden is. */
static void note_object_content(page_scan *s, const open_nav *parent, open_nav *up,
                                const page_element *e, const xmlChar **attrs, int count)
{
    up->object = 0;
    up->fallback = false;
    open_nav *object = parent->object ? &s->navs[parent->object - 1] : NULL;
    if (!object || object->fallback || e->content == 'n')
        return;
    char *hidden = count ? octavo_check_attribute(attrs, count, "hidden", NULL) : NULL;
    if (hidden)
        free(hidden);
    else if (e->content == 'e')
        object->fallback = true;
    else
        up->object = parent->object;
}

static void scan_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    page_scan *s = octavo_check_parse_state(ctx);
    /* The line the start tag ends on, as libxml2 gives its nodes. */
    unsigned line = octavo_check_parse_line(ctx);
    const char *el = (const char *)localname;
    const char *ns = uri ? (const char *)uri : "";
    if (!s->root_seen) {
        s->root_seen = true;
        s->root_wrong = strcmp(ns, NS_XHTML) != 0 || !NAME_IS(el, "html");
        s->root_line = line;
        const char *encoding = octavo_check_parse_encoding(ctx);
        if (encoding)
            s->f->encoding = octavo_xstrdup(encoding);
        note_doctype(s->f, ctx, line);
    }
    if (s->root_wrong)
        return;
    page_facts *f = s->f;
    page_element e = lookup_element(s, el, ns);
    bool xhtml = e.space == 'h';
    /* (epub:switch and its children are checked as XHTML's are) */
    bool ops = e.space == 'o';
    char ops_name[16];
    if (ops)
        snprintf(ops_name, sizeof ops_name, "epub:%s", el);
    octavo_check_html_start(&s->html, ops && strlen(el) < 10 ? ops_name : el, xhtml || ops, attrs,
                            nb_attributes, line);
    octavo_check_nav_start(&s->nav_schema, el, xhtml, attrs, nb_attributes, line);
    octavo_check_svg_schema_start(&s->svg, el, ns, attrs, nb_attributes, line);
    note_idrefs(s, el, &e, attrs, nb_attributes, line);
    scan_css(s, el, &e, attrs, nb_attributes, line);
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *attr = (const char *)a[ATTR_NAME];
        bool xml_ns =
            a[ATTR_NS] && strcmp((const char *)a[ATTR_NS], (const char *)XML_XML_NAMESPACE) == 0;
        size_t n = (size_t)(a[ATTR_END] - a[ATTR_VALUE]);
        if (a[ATTR_NS] && !xml_ns)
            check_custom_namespace(s, (const char *)a[ATTR_NS], line);
        if (!a[ATTR_NS] && NAME_IS(attr, "id")) {
            f->ids = octavo_xgrow(f->ids, &f->id_cap, f->id_count + 1, sizeof *f->ids);
            f->ids[f->id_count++] = octavo_check_attribute_value(a);
        } else if ((xml_ns || !a[ATTR_NS]) && NAME_IS(attr, "lang") && n) {
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
        }
    }
    /* The nav this element is in: its own, or its parent's. */
    open_nav up = s->depth ? s->navs[s->depth - 1] : (open_nav){0};
    const open_nav parent = up;
    up.media = 0;
    up.group = 0;
    char nav = up.nav;
    if (!xhtml) {
        /* (only XHTML elements make navs and titles) */
    } else if (NAME_IS(el, "head") && !s->head_depth) {
        s->head_depth = s->depth + 1;
        s->head_line = line;
    } else if (NAME_IS(el, "title") && !s->title_depth) {
        s->head_title = s->head_title || s->head_depth == s->depth;
        s->title_depth = s->depth + 1;
        s->title_text = false;
        s->title_line = line;
    } else if (NAME_IS(el, "ol")) {
        up.list = up.typed;
    } else if (NAME_IS(el, "nav")) {
        char *type = octavo_check_attribute(attrs, nb_attributes, "type", NS_OPS);
        up = (open_nav){.typed = type != NULL};
        nav = !type                                       ? 'o'
              : octavo_check_has_token(type, "toc")       ? 't'
              : octavo_check_has_token(type, "landmarks") ? 'l'
              : octavo_check_has_token(type, "page-list") ? 'p'
                                                          : 'o';
        free(type);
        if (nav == 't')
            f->toc_navs++;
    }
    note_uses(f, el, &e, attrs, nb_attributes);
    if (xhtml && NAME_IS(el, "meta") && !f->has_viewport) {
        char *name = octavo_check_attribute(attrs, nb_attributes, "name", NULL);
        if (name && NAME_IS(name, "viewport")) {
            f->has_viewport = true;
            f->viewport = octavo_check_attribute(attrs, nb_attributes, "content", NULL);
        }
        free(name);
    }
    const struct media_rule *media = e.media ? &media_rules[e.media - 1] : NULL;
    if (media) {
        up.media = media->in;
        if (media->pooled)
            up.group = ++f->groups;
    }
    note_object_content(s, &parent, &up, &e, attrs, nb_attributes);
    note_base(s, el, xhtml, attrs, nb_attributes);
    size_t refs_before = f->ref_count;
    add_refs(f, el, &e, attrs, nb_attributes, line, nav, &parent, &up,
             s->base_count ? s->bases[s->base_count - 1].url : s->html_base);
    if (media && media->content_fallback) {
        up.object = s->depth + 1;
        up.ref_from = refs_before;
        up.ref_to = f->ref_count;
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
    octavo_check_nav_end(&s->nav_schema, octavo_check_parse_line(ctx));
    octavo_check_svg_schema_end(&s->svg, octavo_check_parse_line(ctx));
    if (s->style_depth == s->depth) {
        octavo_check_css_text(s->name, s->style.data ? s->style.data : "", s->style.len,
                              s->style_line, false, true, &s->found, add_css_ref, s->f);
        s->f->has_css = s->f->has_css || s->style.len;
        s->style_depth = 0;
    }
    if (s->title_depth == s->depth && !s->title_text)
        octavo_check_add_finding(&s->found, OCTAVO_ERROR, "RSC-005", s->name, s->title_line,
                                 "title must not be empty");
    if (s->title_depth == s->depth)
        s->title_depth = 0;
    if (s->head_depth == s->depth && !s->head_title)
        octavo_check_add_finding(&s->found, OCTAVO_WARNING, "RSC-017", s->name, s->head_line,
                                 "The \"head\" element should have a \"title\" child element.");
    if (s->base_count && s->bases[s->base_count - 1].depth == s->depth)
        free(s->bases[--s->base_count].url);
    const open_nav *top = &s->navs[s->depth - 1];
    if (top->fallback)
        for (size_t i = top->ref_from; i < top->ref_to; i++)
            s->f->refs[i].content_fallback = true;
    s->depth--;
}

static void scan_text(void *ctx, const xmlChar *ch, int len)
{
    page_scan *s = octavo_check_parse_state(ctx);
    if (s->root_wrong || len <= 0)
        return;
    octavo_check_html_text(&s->html, (const char *)ch, (size_t)len, octavo_check_parse_line(ctx));
    octavo_check_nav_text(&s->nav_schema, (const char *)ch, (size_t)len,
                          octavo_check_parse_line(ctx));
    octavo_check_svg_schema_text(&s->svg, (const char *)ch, (size_t)len,
                                 octavo_check_parse_line(ctx));
    if (s->style_depth)
        octavo_buf_append(&s->style, (const char *)ch, (size_t)len);
    if (!octavo_check_is_blank((const char *)ch, (size_t)len)) {
        s->title_text = s->title_text || s->title_depth;
        size_t object = s->depth ? s->navs[s->depth - 1].object : 0;
        if (object)
            s->navs[object - 1].fallback = true;
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

octavo_check_names *octavo_check_names_new(void)
{
    return octavo_xcalloc(1, sizeof(octavo_check_names));
}

void octavo_check_names_clear(octavo_check_names *names)
{
    octavo_check_name_table_free(&names->page);
    octavo_check_name_table_free(&names->html);
    free(names->page_elements);
    free(names->html_elements);
    *names = (octavo_check_names){0};
}

void octavo_check_names_free(octavo_check_names *names)
{
    if (names)
        octavo_check_names_clear(names);
    free(names);
}

void octavo_check_scan_source(const char *name, xml_source *src, page_facts *f,
                              octavo_check_names *names)
{
    f->scanned = true;
    octavo_check_names own = {0};
    octavo_check_names *kept = names ? names : &own;
    page_scan s = {.name = name,
                   .f = f,
                   .names = kept->page,
                   .elements = kept->page_elements,
                   .element_cap = kept->page_cap};
    s.html = (html_scan){.name = name,
                         .found = &s.found,
                         .names = kept->html,
                         .elements = kept->html_elements,
                         .element_cap = kept->html_cap};
    s.nav_schema = (nav_scan){.name = name, .found = &f->nav_findings};
    s.svg = (svg_schema){.name = name, .found = &s.found};
    static const xml_callbacks page_callbacks = {scan_start, scan_end, scan_text,
                                                 scan_external_entity, NULL};
    src->html = true;
    bool well_formed = octavo_check_parse(name, src, &page_callbacks, &s, &f->findings);
    free(s.navs);
    for (size_t i = 0; i < s.base_count; i++)
        free(s.bases[i].url);
    free(s.bases);
    free(s.html_base);
    /* (the names' facts back to the caller's, or freed when the page's own) */
    *kept = (octavo_check_names){.page = s.names,
                                 .html = s.html.names,
                                 .page_elements = s.elements,
                                 .page_cap = s.element_cap,
                                 .html_elements = s.html.elements,
                                 .html_cap = s.html.element_cap};
    s.html.names = (name_table){0};
    s.html.elements = NULL;
    octavo_check_names_clear(&own);
    octavo_buf_free(&s.style);
    octavo_check_html_free(&s.html);
    octavo_check_svg_schema_free(&s.svg);
    if (well_formed && !s.root_wrong) {
        if (f->id_count)
            sort_ids(f);
        check_idrefs(&s);
    }
    for (size_t i = 0; i < s.idref_count; i++)
        free(s.idrefs[i].value);
    free(s.idrefs);
    octavo_check_nav_free(&s.nav_schema);
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
    /* (a well-formed page has no other finding yet, but for its encoding) */
    if (f->findings.count || f->findings.errors || f->findings.warnings || f->findings.infos) {
        octavo_check_merge_findings(&f->findings, &s.found);
        octavo_diags_free(&s.found);
    } else {
        octavo_diags_free(&f->findings);
        f->findings = s.found;
    }
    f->is_xhtml = true;
    /* (each element of the same id said, as epubcheck says each) */
    for (size_t i = 0; i < f->id_count; i++)
        if ((i > 0 && strcmp(f->ids[i - 1], f->ids[i]) == 0) ||
            (i + 1 < f->id_count && strcmp(f->ids[i + 1], f->ids[i]) == 0))
            octavo_check_add_finding(&f->findings, OCTAVO_ERROR, "RSC-005", name, 0,
                                     "Duplicate ID \"%s\"", f->ids[i]);
}

octavo_page_facts *octavo_check_scan_xml(const char *name, const char *data, size_t len)
{
    page_facts f = {.scanned = true};
    xml_source src;
    octavo_check_memory_source(&src, data, len);
    octavo_check_parse(name, &src, NULL, NULL, &f.findings);
    return octavo_check_facts_keep(&f);
}

octavo_page_facts *octavo_check_scan_page(const char *name, const char *data, size_t len,
                                          octavo_check_names *names)
{
    page_facts f = {0};
    xml_source src;
    octavo_check_own_page_source(&src, data, len);
    octavo_check_scan_source(name, &src, &f, names);
    return octavo_check_facts_keep(&f);
}

octavo_page_facts *octavo_check_scan_page_tree(const char *name, xmlDocPtr tree, const char *data,
                                               size_t len, octavo_check_names *names)
{
    page_facts f = {0};
    xml_source src;
    octavo_check_tree_source(&src, tree, data, len);
    octavo_check_scan_source(name, &src, &f, names);
    /* A tree the walk does not vouch for, or a finding (said on the lines
     * a parse gives, as a reader of the page sees them): the text read. */
    if (src.walk_refused || f.findings.count || f.nav_findings.count || f.epub3_findings.count) {
        octavo_check_page_facts_clear(&f);
        octavo_check_own_page_source(&src, data, len);
        octavo_check_scan_source(name, &src, &f, names);
    }
    return octavo_check_facts_keep(&f);
}
