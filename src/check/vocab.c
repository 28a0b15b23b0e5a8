/* vocab.c — the package document's vocabularies: its prefix attribute,
 * the values of property, scheme, properties and rel (each term known to
 * its default vocabulary, or its prefix declared), and what the meta
 * properties, rendition properties and links may say (the Schematron
 * rules of EPUBCheck's package-30.sch, as epubcheck-ts words them). */
#include "check_internal.h"

#include "lang.h"
#include "mem.h"
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

/* The prefixes reserved in package documents, and their URLs. */
static const struct reserved {
    const char *prefix, *url;
} reserved[] = {
    {"a11y", "http://www.idpf.org/epub/vocab/package/a11y/#"},
    {"dcterms", "http://purl.org/dc/terms/"},
    {"marc", "http://id.loc.gov/vocabulary/"},
    {"media", "http://www.idpf.org/epub/vocab/overlays/#"},
    {"onix", "http://www.editeur.org/ONIX/book/codelists/current.html#"},
    {"rendition", "http://www.idpf.org/vocab/rendition/#"},
    {"schema", "http://schema.org/"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
};

/* The default vocabularies' URLs, which no prefix may name (OPF-007b). */
static const char *const default_vocab_urls[] = {
    "http://idpf.org/epub/vocab/package/meta/#",
    "http://idpf.org/epub/vocab/package/link/#",
    "http://idpf.org/epub/vocab/package/item/#",
    "http://idpf.org/epub/vocab/package/itemref/#",
};

/* Each vocabulary's terms with no prefix, NULL-terminated. */
static const char *const meta_terms[] = {"alternate-script",
                                         "authority",
                                         "belongs-to-collection",
                                         "collection-type",
                                         "display-seq",
                                         "file-as",
                                         "group-position",
                                         "identifier-type",
                                         "meta-auth",
                                         "role",
                                         "source-of",
                                         "term",
                                         "title-type",
                                         NULL};
static const char *const item_terms[] = {
    "cover-image",      "data-nav", "dictionary",     "glossary", "index",  "mathml", "nav",
    "remote-resources", "scripted", "search-key-map", "svg",      "switch", NULL};
static const char *const itemref_terms[] = {"page-spread-left", "page-spread-right", NULL};
/* (acquire left EPUB 3.3 and is still accepted) */
static const char *const link_rel_terms[] = {
    "acquire", "alternate", "marc21xml-record", "mods-record", "onix-record",
    "record",  "voicing",   "xml-signature",    "xmp-record",  NULL};
static const char *const link_property_terms[] = {"onix", "marc21xml-record", "mods-record",
                                                  "xmp-record", NULL};
static const char *const no_terms[] = {NULL};

/* The rendition vocabulary's terms, by where they may be. */
static const char *const rendition_meta[] = {"flow",   "layout",   "orientation",
                                             "spread", "viewport", NULL};
static const char *const rendition_itemref[] = {"spread-none",
                                                "spread-landscape",
                                                "spread-portrait",
                                                "spread-both",
                                                "spread-auto",
                                                "page-spread-center",
                                                "layout-reflowable",
                                                "layout-pre-paginated",
                                                "orientation-auto",
                                                "orientation-landscape",
                                                "orientation-portrait",
                                                "flow-auto",
                                                "flow-paginated",
                                                "flow-scrolled-continuous",
                                                "flow-scrolled-doc",
                                                "align-x-center",
                                                "page-spread-left",
                                                "page-spread-right",
                                                NULL};
static const char *const a11y_meta[] = {"certifiedBy", "certifierCredential", "exemption", NULL};
static const char *const a11y_link[] = {"certifierCredential", "certifierReport", NULL};

static const struct vocab {
    const char *attr;
    bool list;
    const char *const *terms;                   /* with no prefix */
    const char *const *rendition, *const *a11y; /* NULL: any */
} vocabs[] = {
    [VOCAB_META] = {"property", false, meta_terms, rendition_meta, a11y_meta},
    [VOCAB_SCHEME] = {"scheme", false, no_terms, NULL, NULL},
    [VOCAB_ITEM] = {"properties", true, item_terms, NULL, NULL},
    [VOCAB_ITEMREF] = {"properties", true, itemref_terms, rendition_itemref, NULL},
    [VOCAB_LINK_REL] = {"rel", true, link_rel_terms, NULL, a11y_link},
    [VOCAB_LINK_PROPERTIES] = {"properties", true, link_property_terms, NULL, NULL},
};

static bool in_list(const char *const *list, const char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && strncmp(*list, s, len) == 0)
            return true;
    return false;
}

static bool declared(const vocab_prefixes *px, const char *prefix, size_t len)
{
    for (size_t i = 0; i < N_ELEMS(reserved); i++)
        if (strlen(reserved[i].prefix) == len && strncmp(reserved[i].prefix, prefix, len) == 0)
            return true;
    for (size_t i = 0; px && i < px->count; i++)
        if (strlen(px->names[i]) == len && strncmp(px->names[i], prefix, len) == 0)
            return true;
    return false;
}

static void add_prefix(vocab_prefixes *px, const char *name, size_t len)
{
    px->names = octavo_xgrow(px->names, &px->cap, px->count + 1, sizeof *px->names);
    px->names[px->count++] = octavo_xstrndup(name, len);
}

void octavo_check_vocab_prefixes_free(vocab_prefixes *px)
{
    for (size_t i = 0; i < px->count; i++)
        free(px->names[i]);
    free(px->names);
    *px = (vocab_prefixes){0};
}

/* "prefix: URL" pairs, separated by white space (EPUB 3.3, 5.3.4); the
 * codes are EPUBCheck's (its PrefixDeclarationParser). */
void octavo_check_vocab_prefixes(octavo_diags *r, const char *path, unsigned line,
                                 const char *value, vocab_prefixes *out)
{
    const char *p = value;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *name = p;
        while (*p && *p != ':' && !isspace((unsigned char)*p))
            p++;
        size_t name_len = (size_t)(p - name);
        if (*p != ':') {
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-004c", path, line,
                                     "Invalid prefix declaration: prefix \"%.*s\" must be "
                                     "immediately followed by a colon character (\":\")",
                                     (int)name_len, name);
            /* (and the colon and URL that were meant for it) */
            for (int skip = 0; skip < 2; skip++) {
                while (isspace((unsigned char)*p))
                    p++;
                const char *next = p;
                while (*p && !isspace((unsigned char)*p))
                    p++;
                if (!memchr(next, ':', (size_t)(p - next))) {
                    p = next;
                    break;
                }
                if (p - next > 1) /* a URL, or ":URL" */
                    break;
            }
            continue;
        }
        p++;
        if (!name_len)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-004a", path, line,
                                     "Invalid prefix declaration: found empty prefix");
        if (*p && !isspace((unsigned char)*p)) {
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-004d", path, line,
                                     "Invalid prefix declaration: prefix \"%.*s\" must be "
                                     "separated by its URI with a space",
                                     (int)name_len, name);
            while (*p && !isspace((unsigned char)*p))
                p++;
            continue;
        }
        while (isspace((unsigned char)*p))
            p++;
        const char *url = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        size_t url_len = (size_t)(p - url);
        if (!url_len) {
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-005", path, line,
                                     "Invalid prefix declaration: URI for prefix \"%.*s\" "
                                     "doesn't exist",
                                     (int)name_len, name);
            break;
        }
        if (!name_len)
            continue;
        char *u = octavo_xstrndup(url, url_len);
        bool is_default = false;
        for (size_t i = 0; i < N_ELEMS(default_vocab_urls); i++)
            is_default = is_default || strcmp(u, default_vocab_urls[i]) == 0;
        if (name_len == 1 && *name == '_')
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-007a", path, line,
                                     "Invalid prefix mapping: prefix \"_\" must not be declared");
        else if (strcmp(u, "http://purl.org/dc/elements/1.1/") == 0)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-007c", path, line,
                                     "Invalid prefix mapping: no prefix may be mapped to the "
                                     "Dublin Core elements namespace (\"%.*s\")",
                                     (int)name_len, name);
        else if (is_default)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-007b", path, line,
                                     "Invalid prefix mapping: default vocabulary \"%s\" must not "
                                     "be re-declared",
                                     u);
        for (size_t i = 0; i < N_ELEMS(reserved); i++)
            if (strlen(reserved[i].prefix) == name_len &&
                strncmp(reserved[i].prefix, name, name_len) == 0 && strcmp(reserved[i].url, u) != 0)
                octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-007", path, line,
                                         "Re-declaration of reserved prefix \"%s\"",
                                         reserved[i].prefix);
        free(u);
        add_prefix(out, name, name_len);
    }
}

/* One term of `v`: well-formed, known to its vocabulary, its prefix
 * declared. */
static void check_term(octavo_diags *r, const char *path, unsigned line, const struct vocab *v,
                       const char *t, size_t len, const vocab_prefixes *px)
{
    const char *colon = memchr(t, ':', len);
    if (!colon) {
        if (!in_list(v->terms, t, len))
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-027", path, line,
                                     "undefined property \"%.*s\"", (int)len, t);
        return;
    }
    size_t plen = (size_t)(colon - t), rlen = len - plen - 1;
    if (!plen || !rlen) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-026", path, line,
                                 "malformed property \"%.*s\"", (int)len, t);
        return;
    }
    if (!declared(px, t, plen)) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-028", path, line,
                                 "undeclared prefix \"%.*s\"", (int)plen, t);
        return;
    }
    const char *const *known = plen == 9 && strncmp(t, "rendition", 9) == 0 ? v->rendition
                               : plen == 4 && strncmp(t, "a11y", 4) == 0    ? v->a11y
                                                                            : NULL;
    if (known && !in_list(known, colon + 1, rlen))
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-027", path, line,
                                 "undefined property \"%.*s\"", (int)len, t);
}

/* Properties of an itemref only one of each group may have. */
static const char *const exclusive_groups[][6] = {
    {"rendition:layout-reflowable", "rendition:layout-pre-paginated"},
    {"rendition:orientation-auto", "rendition:orientation-landscape",
     "rendition:orientation-portrait"},
    {"rendition:spread-auto", "rendition:spread-both", "rendition:spread-landscape",
     "rendition:spread-none", "rendition:spread-portrait"},
    {"rendition:flow-auto", "rendition:flow-paginated", "rendition:flow-scrolled-continuous",
     "rendition:flow-scrolled-doc"},
};

void octavo_check_vocab_value(octavo_diags *r, const char *path, unsigned line, vocab_kind kind,
                              const char *value, const vocab_prefixes *px)
{
    const struct vocab *v = &vocabs[kind];
    const char *s = value;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (!len) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                 "value of attribute \"%s\" is invalid; it must not be empty",
                                 v->attr);
        return;
    }
    size_t first = strcspn(s, " \t\r\n");
    if (!v->list && first < len) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                 "value of attribute \"%s\" is invalid; it must be a single token",
                                 v->attr);
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-025", path, line,
                                 "only one value must be specified in \"%s\"", v->attr);
        return;
    }
    for (size_t at = 0; at < len;) {
        size_t n = strcspn(s + at, " \t\r\n");
        if (n > len - at)
            n = len - at;
        if (n)
            check_term(r, path, line, v, s + at, n, px);
        at += n ? n : 1;
    }
    if (kind != VOCAB_ITEMREF)
        return;
    if (octavo_check_has_token(value, "rendition:spread-portrait"))
        /* (EPUBCheck 5 and epubcheck-ts; 3.3-era EPUBCheck said RSC-017) */
        octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-086", path, line,
                                 "the \"rendition:spread-portrait\" property is deprecated");
    /* page-spread-left is rendition:page-spread-left by another name */
    bool left = octavo_check_has_token(value, "page-spread-left") ||
                octavo_check_has_token(value, "rendition:page-spread-left");
    bool right = octavo_check_has_token(value, "page-spread-right") ||
                 octavo_check_has_token(value, "rendition:page-spread-right");
    bool center = octavo_check_has_token(value, "rendition:page-spread-center");
    if (left + right + center > 1)
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                 "properties \"page-spread-left\", \"page-spread-right\" and "
                                 "\"rendition:page-spread-center\" are mutually exclusive");
    for (size_t g = 0; g < N_ELEMS(exclusive_groups); g++) {
        size_t found = 0;
        for (size_t i = 0; i < 6 && exclusive_groups[g][i]; i++)
            found += octavo_check_has_token(value, exclusive_groups[g][i]);
        if (found > 1)
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                     "properties \"%s\"... are mutually exclusive",
                                     exclusive_groups[g][0]);
    }
}

/* ---- what meta elements and links say ------------------------------------ */

/* `s` without the white space around it, in `out` (NUL-terminated). */
static const char *trim_into(const char *s, octavo_buf *out)
{
    octavo_buf_clear(out);
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    octavo_buf_append(out, s, len);
    return octavo_buf_cstr(out);
}

static bool same_trimmed(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    return la == lb && strncmp(a, b, la) == 0;
}

/* The metadata element `refines` ("#id") names, or NULL. */
static const opf_meta *refined(const package_doc *p, const char *refines)
{
    if (!refines)
        return NULL;
    while (isspace((unsigned char)*refines))
        refines++;
    if (*refines != '#')
        return NULL;
    for (size_t i = 0; i < p->meta_count; i++)
        if (same_trimmed(p->metas[i].id, refines + 1))
            return &p->metas[i];
    return NULL;
}

static bool property_is(const opf_meta *m, const char *name)
{
    return m && m->kind == 'm' && same_trimmed(m->property, name);
}

/* What a meta property must refine: the kinds (see opf_meta) it may. */
static const struct refine_rule {
    const char *property, *kinds, *message;
    bool once; /* at most once per element refined */
} refine_rules[] = {
    {"authority", "s", "Property \"authority\" must refine a \"subject\" property", false},
    {"term", "s", "Property \"term\" must refine a \"subject\" property", false},
    {"identifier-type", "io",
     "Property \"identifier-type\" must refine an \"identifier\" or \"source\" property", true},
    {"role", "cbp",
     "Property \"role\" must refine a \"creator\", \"contributor\", or \"publisher\" property",
     false},
    {"title-type", "t", "Property \"title-type\" must refine a \"title\" property", true},
    {"source-of", "o", "The \"source-of\" property must refine a \"source\" property", true},
    {"collection-type", "B",
     "Property \"collection-type\" must refine a \"belongs-to-collection\" property", true},
    {"display-seq", NULL, NULL, true},
    {"file-as", NULL, NULL, true},
    {"group-position", NULL, NULL, true},
};

/* The rendition properties of the package: their values, once each. */
static const struct rendition_rule {
    const char *property;
    const char *values[6];
} rendition_rules[] = {
    {"rendition:layout", {"reflowable", "pre-paginated", "roll"}}, /* (roll: EPUB 3.4) */
    {"rendition:orientation", {"landscape", "portrait", "auto"}},
    {"rendition:spread", {"none", "landscape", "portrait", "both", "auto"}},
    {"rendition:flow", {"paginated", "scrolled-continuous", "scrolled-doc", "auto"}},
};

static bool is_viewport(const char *v)
{
    /* width=N, height=N or height=N, width=N */
    const char *first = strncmp(v, "width=", 6) == 0 ? "height=" : "width=";
    const char *p = strchr(v, '=');
    if (!p || (strncmp(v, "width=", 6) != 0 && strncmp(v, "height=", 7) != 0))
        return false;
    p++;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p++ != ',')
        return false;
    while (isspace((unsigned char)*p))
        p++;
    size_t n = strlen(first);
    if (strncmp(p, first, n) != 0)
        return false;
    p += n;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    return !*p;
}

/* W3CDTF: YYYY, YYYY-MM, YYYY-MM-DD, or a date and a time. */
static bool is_w3c_date(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    if (!s[4])
        return true;
    if (s[4] != '-' || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]))
        return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12)
        return false;
    if (!s[7])
        return true;
    if (s[7] != '-' || !isdigit((unsigned char)s[8]) || !isdigit((unsigned char)s[9]))
        return false;
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day < 1 || day > 31)
        return false;
    if (!s[10])
        return true;
    if (s[10] != 'T')
        return false;
    /* hh:mm[:ss[.s+]] and a zone: Z or +hh:mm */
    const char *p = s + 11;
    for (int part = 0; part < 3; part++) {
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
            return false;
        p += 2;
        if (part < 2 && *p == ':' && (part == 0 || isdigit((unsigned char)p[1])))
            p++;
        else
            break;
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'Z')
        return !p[1];
    return (*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
           isdigit((unsigned char)p[2]) && p[3] == ':' && isdigit((unsigned char)p[4]) &&
           isdigit((unsigned char)p[5]) && !p[6];
}

static bool is_uuid(const char *s)
{
    static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof pattern - 1)
        return false;
    for (size_t i = 0; pattern[i]; i++)
        if (pattern[i] == 'x' ? !isxdigit((unsigned char)s[i]) : s[i] != '-')
            return false;
    return true;
}

static void check_refine_rules(octavo_diags *r, const char *path, const package_doc *p,
                               const opf_meta *m, const char *prop, size_t index)
{
    for (size_t k = 0; k < N_ELEMS(refine_rules); k++) {
        const struct refine_rule *rule = &refine_rules[k];
        if (strcmp(prop, rule->property) != 0)
            continue;
        const opf_meta *target = refined(p, m->refines);
        if (rule->kinds) {
            char kind = !target                                        ? 0
                        : property_is(target, "belongs-to-collection") ? 'B'
                                                                       : target->kind;
            if (!kind || !strchr(rule->kinds, kind))
                octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line, "%s",
                                         rule->message);
        }
        if (rule->once)
            for (size_t j = 0; j < index; j++) {
                const opf_meta *o = &p->metas[j];
                if (property_is(o, prop) &&
                    (o->refines ? same_trimmed(o->refines, m->refines) : !m->refines)) {
                    octavo_check_add_finding(
                        r, OCTAVO_ERROR, "RSC-005", path, m->line,
                        "\"%s\" cannot be declared more than once to refine the same expression",
                        prop);
                    break;
                }
            }
    }
}

/* A subject's authority and term come as a pair, once. */
static void check_subject(octavo_diags *r, const char *path, const package_doc *p,
                          const opf_meta *subject)
{
    size_t authorities = 0, terms = 0;
    for (size_t j = 0; j < p->meta_count; j++) {
        const opf_meta *o = &p->metas[j];
        if (o->kind != 'm' || refined(p, o->refines) != subject)
            continue;
        authorities += property_is(o, "authority");
        terms += property_is(o, "term");
    }
    if (authorities > 1 || terms > 1)
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, subject->line,
                                 "Only one pair of authority and term properties can be "
                                 "associated with a dc:subject");
    else if (authorities && !terms)
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, subject->line,
                                 "A term property must be associated with a dc:subject when an "
                                 "authority is specified");
    else if (terms && !authorities)
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, subject->line,
                                 "An authority property must be associated with a dc:subject "
                                 "when a term is specified");
}

static void check_rendition(octavo_diags *r, const char *path, const package_doc *p,
                            const opf_meta *m, const char *prop, const char *value, size_t index)
{
    if (strcmp(prop, "rendition:viewport") == 0) {
        octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-086", path, m->line,
                                 "the \"rendition:viewport\" property is deprecated");
        if (!is_viewport(value))
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                     "The value of the \"rendition:viewport\" property must be "
                                     "of the form \"width=x, height=y\"");
        for (size_t j = 0; j < index && !m->refines; j++)
            if (property_is(&p->metas[j], prop) && !p->metas[j].refines) {
                octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                         "The \"rendition:viewport\" property must not occur "
                                         "more than one time as a global value");
                break;
            }
        return;
    }
    for (size_t k = 0; k < N_ELEMS(rendition_rules); k++) {
        const struct rendition_rule *rule = &rendition_rules[k];
        if (strcmp(prop, rule->property) != 0)
            continue;
        if (m->refines) {
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                     "The \"%s\" property must not be set on elements with a "
                                     "\"refines\" attribute",
                                     prop);
            return;
        }
        bool known = false;
        for (size_t i = 0; i < 6 && rule->values[i]; i++)
            known = known || strcmp(value, rule->values[i]) == 0;
        if (!known)
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                     "The value of the \"%s\" property is invalid: \"%s\"", prop,
                                     value);
        else if (strcmp(prop, "rendition:spread") == 0 && strcmp(value, "portrait") == 0)
            octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-086", path, m->line,
                                     "the \"rendition:spread\" value \"portrait\" is deprecated");
        for (size_t j = 0; j < index; j++)
            if (property_is(&p->metas[j], prop)) {
                octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                         "The \"%s\" property must not occur more than one time "
                                         "in the package metadata",
                                         prop);
                break;
            }
    }
}

/* refines chains that come back on themselves (OPF-065). */
static void check_refines_cycle(octavo_diags *r, const char *path, const package_doc *p,
                                const opf_meta *m)
{
    const opf_meta *at = refined(p, m->refines);
    for (size_t steps = 0; at && steps <= p->meta_count; steps++) {
        if (at == m) {
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-065", path, m->line,
                                     "the refines chain of this element comes back to it");
            return;
        }
        at = refined(p, at->refines);
    }
}

void octavo_check_meta_rules(octavo_diags *r, const char *path, const package_doc *p)
{
    octavo_buf prop_buf = OCTAVO_BUF_INIT, value_buf = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < p->meta_count; i++) {
        const opf_meta *m = &p->metas[i];
        const char *value = trim_into(octavo_buf_cstr(&m->text), &value_buf);
        if (m->kind == 's')
            check_subject(r, path, p, m);
        if (m->kind == 'd' && *value && !is_w3c_date(value))
            octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-053", path, m->line,
                                     "date value \"%s\" does not follow recommended syntax", value);
        if (m->kind == 'i' && strncmp(value, "urn:uuid:", 9) == 0 && !is_uuid(value + 9))
            octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-085", path, m->line,
                                     "\"%s\" is not a valid UUID", value + 9);
        if (m->refines)
            check_refines_cycle(r, path, p, m);
        if (m->kind != 'm' || !m->property)
            continue;
        const char *prop = trim_into(m->property, &prop_buf);
        check_refine_rules(r, path, p, m, prop, i);
        if (strcmp(prop, "belongs-to-collection") == 0 && m->refines &&
            !property_is(refined(p, m->refines), "belongs-to-collection"))
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                     "Property \"belongs-to-collection\" can only refine other "
                                     "\"belongs-to-collection\" properties");
        if (strcmp(prop, "source-of") == 0 && strcmp(value, "pagination") != 0)
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, m->line,
                                     "The \"source-of\" property must have the value "
                                     "\"pagination\"");
        if (strcmp(prop, "meta-auth") == 0)
            /* (EPUBCheck 5 says OPF-086, epubcheck-ts RSC-017: both warnings) */
            octavo_check_add_finding(r, OCTAVO_WARNING, "RSC-017", path, m->line,
                                     "the meta-auth property is deprecated");
        if (strncmp(prop, "rendition:", 10) == 0)
            check_rendition(r, path, p, m, prop, value, i);
    }
    /* A roll publication's spine has no layout overrides. */
    bool roll = false;
    for (size_t i = 0; i < p->meta_count; i++) {
        const opf_meta *m = &p->metas[i];
        if (property_is(m, "rendition:layout") && !m->refines)
            roll = strcmp(trim_into(octavo_buf_cstr(&m->text), &value_buf), "roll") == 0;
    }
    for (size_t i = 0; roll && i < p->itemrefs.count; i++) {
        const opf_entry *ref = &p->itemrefs.items[i];
        static const char *const overrides[] = {"rendition:layout-pre-paginated",
                                                "rendition:layout-reflowable"};
        for (size_t k = 0; k < N_ELEMS(overrides); k++)
            if (ref->properties && octavo_check_has_token(ref->properties, overrides[k]))
                octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, ref->line,
                                         "\"%s\" must not be used in roll publications",
                                         overrides[k]);
    }
    octavo_buf_free(&prop_buf);
    octavo_buf_free(&value_buf);
}

void octavo_check_link_rules(octavo_diags *r, const char *path, unsigned line, const char *rel,
                             const char *href, const char *refines, const char *media_type,
                             const char *hreflang)
{
    if (rel) {
        bool record = octavo_check_has_token(rel, "record");
        bool voicing = octavo_check_has_token(rel, "voicing");
        size_t keywords = 0;
        for (const char *s = rel; *s;) {
            s += strspn(s, " \t\r\n");
            size_t n = strcspn(s, " \t\r\n");
            if (!n)
                break;
            keywords++;
            if (in_list(link_rel_terms + 2, s, n) && !(n == 6 && strncmp(s, "record", 6) == 0) &&
                !(n == 7 && strncmp(s, "voicing", 7) == 0))
                octavo_check_add_finding(r, OCTAVO_WARNING, "OPF-086", path, line,
                                         "the link relation \"%.*s\" is deprecated", (int)n, s);
            s += n;
        }
        if (octavo_check_has_token(rel, "alternate") && keywords > 1)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-089", path, line,
                                     "the \"alternate\" keyword must not be combined with other "
                                     "keywords");
        if (record && refines)
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                     "\"record\" links only applies to the Publication (must not "
                                     "have a \"refines\" attribute)");
        bool remote = href && octavo_url_has_scheme(href);
        if ((record || voicing) && !media_type && remote)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-094", path, line,
                                     "The \"media-type\" attribute is required for \"record\" and "
                                     "\"voicing\" links");
        if (voicing && !refines)
            octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                     "\"voicing\" links must have a \"refines\" attribute");
        if (voicing && media_type && strncmp(media_type, "audio/", 6) != 0)
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-095", path, line,
                                     "The \"voicing\" link media type must be an audio type, not "
                                     "\"%s\"",
                                     media_type);
    }
    if (href && href[strspn(href, " \t\r\n")] == '#')
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-098", path, line,
                                 "the link's href \"%s\" must reference a resource, not an "
                                 "element of the package document",
                                 href);
    else if (href && !media_type && !octavo_url_has_scheme(href))
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-093", path, line,
                                 "the link to the local resource \"%s\" has no media-type", href);
    if (hreflang && *hreflang) {
        size_t len = strlen(hreflang);
        if (isspace((unsigned char)hreflang[0]) || isspace((unsigned char)hreflang[len - 1]) ||
            !octavo_lang_is_valid(hreflang))
            octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-092", path, line,
                                     "language tag \"%s\" is not well-formed", hreflang);
    }
}

void octavo_check_item_properties(octavo_diags *r, const char *path, unsigned line,
                                  const char *properties, const char *media_type)
{
    if (!properties || !media_type)
        return;
    if (octavo_check_has_token(properties, "nav") &&
        strcmp(media_type, "application/xhtml+xml") != 0) {
        octavo_check_add_finding(r, OCTAVO_ERROR, "RSC-005", path, line,
                                 "The manifest item representing the Navigation Document must be "
                                 "of the \"application/xhtml+xml\" type (given type was \"%s\")",
                                 media_type);
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-012", path, line,
                                 "the \"nav\" property is not defined for media type \"%s\"",
                                 media_type);
    }
    if (octavo_check_has_token(properties, "cover-image") && strncmp(media_type, "image/", 6) != 0)
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-012", path, line,
                                 "the \"cover-image\" property is not defined for media type "
                                 "\"%s\"",
                                 media_type);
    if (octavo_check_has_token(properties, "data-nav") &&
        strcmp(media_type, "application/xhtml+xml") != 0)
        octavo_check_add_finding(r, OCTAVO_ERROR, "OPF-012", path, line,
                                 "the \"data-nav\" property is not defined for media type \"%s\"",
                                 media_type);
}
