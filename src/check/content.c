/* content.c — the content documents against the book: each page's
 * findings, its links and resources (in the book, listed, in the spine),
 * and the fragments it links to, once all pages are read. */
#include "check_internal.h"

#include "mem.h"
#include "sanitize.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_remote(const char *url)
{
    return strncasecmp(url, "http:", 5) == 0 || strncasecmp(url, "https:", 6) == 0;
}

/* What EPUB 3 lets a book leave on the web: audio, video and fonts. */
static bool may_be_remote(const char *media_type)
{
    return strncmp(media_type, "audio/", 6) == 0 || strncmp(media_type, "video/", 6) == 0 ||
           strncmp(media_type, "font/", 5) == 0 ||
           strncmp(media_type, "application/font-", 17) == 0 ||
           strcmp(media_type, "application/vnd.ms-opentype") == 0;
}

/* A remote reference: allowed (for what it is, or what the manifest
 * says it is) and declared? Its item, or NULL. */
static const item *check_remote(checker *ck, entry *doc, const page_ref *ref)
{
    const char *url = ref->url;
    const item *it = ck->package ? octavo_check_remote_item(ck->package, url) : NULL;
    bool allowed = ck->epub3 && ((it && may_be_remote(it->media_type)) || ref->kind == REF_AUDIO ||
                                 ref->kind == REF_VIDEO || ref->kind == REF_FONT);
    if (!allowed) {
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "RSC-006", doc->name, ref->line,
            "remote resource \"%s\" is not allowed here; it must be in the book", url);
        return NULL;
    }
    if (strncasecmp(url, "http:", 5) == 0)
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "RSC-031", doc->name, ref->line,
                                 "remote resource \"%s\" should be fetched over https", url);
    if (!it)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-008", doc->name, ref->line,
                                 "referenced resource \"%s\" is not declared in the manifest", url);
    return it;
}

/* What the reference may be to, as its kind says (the target is in the
 * book and listed): a link to a content document in the spine (RSC-010,
 * RSC-011), an image with a fragment only when it is SVG (RSC-009). (A
 * style sheet's fragment is said before: RSC-013.) */
static void check_target_type(checker *ck, const entry *doc, const page_ref *ref,
                              const entry *target)
{
    const char *url = ref->url, *hash = strchr(url, '#');
    bool cfi = hash && strncmp(hash + 1, "epubcfi(", 8) == 0; /* (not checked) */
    if (ref->kind == REF_HYPERLINK && !cfi) {
        if (!octavo_check_is_content_type(target->media_type) &&
            !(ck->package && target->item &&
              octavo_check_fallback_reaches(ck->package, target->item,
                                            octavo_check_is_content_type)))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-010", doc->name, ref->line,
                                     "link to \"%s\", which is not a content document (%s)", url,
                                     target->media_type);
        else if (!target->in_spine)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-011", doc->name, ref->line,
                                     "link to \"%s\", which is not a spine item", url);
    } else if (ref->kind == REF_IMAGE && hash && !cfi &&
               strcmp(target->media_type, "image/svg+xml") != 0) {
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "RSC-009", doc->name, ref->line,
                                 "the image \"%s\" is not SVG, and should have no fragment", url);
    }
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether `path` is a manifest item's that is not in the zip: said once
 * already (RSC-001), as epubcheck does, not again for each reference. */
static bool declared_but_missing(checker *ck, const char *path)
{
    if (!ck->package || !ck->opf)
        return false;
    if (!ck->missing_listed) {
        ck->missing_listed = true;
        octavo_buf resolved = OCTAVO_BUF_INIT;
        size_t cap = 0;
        for (size_t i = 0; i < ck->package->count; i++) {
            const item *it = &ck->package->items[i];
            if (it->file || octavo_url_has_scheme(it->href) ||
                !octavo_url_resolve(ck->opf, it->href, strcspn(it->href, "#?"), &resolved))
                continue;
            ck->missing =
                octavo_xgrow(ck->missing, &cap, ck->missing_count + 1, sizeof *ck->missing);
            ck->missing[ck->missing_count++] = octavo_xstrdup(octavo_buf_cstr(&resolved));
        }
        octavo_buf_free(&resolved);
        if (ck->missing_count)
            qsort(ck->missing, ck->missing_count, sizeof *ck->missing, compare_paths);
    }
    return ck->missing_count &&
           bsearch(&path, ck->missing, ck->missing_count, sizeof *ck->missing, compare_paths);
}

/* The reference resolved: in the book (or allowed on the web), listed,
 * in the spine if a link. Its target's manifest item, or NULL. */
const item *octavo_check_reference(checker *ck, entry *doc, const page_ref *ref, octavo_buf *path,
                                   nav_reach *reach)
{
    const char *url = ref->url;
    bool hyperlink = ref->kind == REF_HYPERLINK;
    /* (a hyperlink or a cite may lead out of the book: no resource of it) */
    bool leads_out = hyperlink || ref->kind == REF_CITE;
    if (octavo_url_has_scheme(url))
        return !leads_out && is_remote(url) ? check_remote(ck, doc, ref) : NULL;
    unsigned line = ref->line;
    size_t path_len = strcspn(url, "#?");
    if (url[path_len] == '?')
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-033", doc->name, line,
                                 "a relative URL must not have a query: \"%s\"", url);
    const char *hash = strchr(url, '#');
    entry *target = doc;
    if (ref->kind == REF_STYLESHEET && hash)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-013", doc->name, line,
                                 "a style sheet's URL must not have a fragment: \"%s\"", url);
    if (path_len) {
        if (!octavo_url_resolve(doc->name, url, path_len, path) ||
            !(target = octavo_check_find_entry_n(ck, path->data, path->len))) {
            if (path->len && declared_but_missing(ck, octavo_buf_cstr(path)))
                return NULL;
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-007", doc->name, line,
                                     "referenced resource \"%s\" could not be found in the book",
                                     url);
            return NULL;
        }
        if (!target->media_type) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-008", doc->name, line,
                                     "referenced resource \"%s\" is not declared in the manifest",
                                     url);
            return NULL;
        }
        check_target_type(ck, doc, ref, target);
    }
    target->linked = target->linked || hyperlink;
    if (reach) {
        reach->files =
            octavo_xgrow(reach->files, &reach->cap, reach->count + 1, sizeof *reach->files);
        reach->files[reach->count++] = target;
    }
    /* (an SVG's fragment may be a view, svgView(...), not an id) */
    bool svg = strcmp(target->media_type, "image/svg+xml") == 0;
    if ((leads_out || (svg && ref->kind == REF_IMAGE)) && hash && hash[1] &&
        strncmp(hash + 1, "epubcfi(", 8) != 0 && !strchr(hash + 1, '(') &&
        (svg || strcmp(target->media_type, "application/xhtml+xml") == 0)) {
        ck->pending =
            octavo_xgrow(ck->pending, &ck->pending_cap, ck->pending_count + 1, sizeof *ck->pending);
        /* Fragments are percent-decoded like paths. */
        octavo_buf frag = OCTAVO_BUF_INIT;
        octavo_url_decode_into(hash + 1, strlen(hash + 1), &frag);
        ck->pending[ck->pending_count++] =
            (pending_fragment){(size_t)(target - ck->entries), octavo_buf_detach(&frag),
                               (size_t)(doc - ck->entries), line};
    }
    return target->item;
}

/* Whether the item, or its manifest fallbacks, is of a core media type. */
static bool is_core(const checker *ck, const item *it)
{
    return octavo_check_fallback_reaches(ck->package, it, octavo_check_is_core_media_type);
}

/* What a reference's target is, for its fallback: its media type, and
 * whether it or an item its manifest fallbacks reach is of a core media
 * type. A data URL is a resource of its own, of the type it says
 * (RFC 2397: text/plain when none), with no manifest fallback, as
 * EPUBCheck reads it. */
typedef struct target_type {
    const char *media_type; /* the item's, or data_type; NULL: not known */
    bool core;
    char data_type[64];
} target_type;

static void type_of_target(const checker *ck, const page_ref *ref, const item *it, target_type *t)
{
    t->media_type = NULL;
    if (it) {
        t->media_type = it->media_type;
        t->core = is_core(ck, it);
        return;
    }
    /* (CSS's data URLs are not checked: neither epubcheck-ts nor 4.2.6
     * does) */
    if (strncasecmp(ref->url, "data:", 5) != 0 || ref->from == 'c')
        return;
    const char *p;
    size_t n = octavo_check_media_type_essence(ref->url + 5, ";,", &p);
    if (n >= sizeof t->data_type)
        n = sizeof t->data_type - 1;
    for (size_t i = 0; i < n; i++)
        t->data_type[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
    t->data_type[n] = '\0';
    if (!n)
        snprintf(t->data_type, sizeof t->data_type, "text/plain");
    t->media_type = t->data_type;
    t->core = octavo_check_is_core_media_type(t->data_type);
}

/* Foreign resources (not of a core media type) need a fallback: in the
 * manifest, or in the page (another source of the same audio or video,
 * a picture's img; an object's content). `targets` are the references'
 * items (NULL: none checked, or a data URL). */
static void check_fallbacks(checker *ck, entry *doc, const page_facts *f,
                            const item *const *targets)
{
    /* A picture, audio or video has a core fallback when one of its
     * references is to a core media type. */
    bool *core_group = octavo_xcalloc(f->groups + 1, sizeof *core_group);
    target_type t;
    for (size_t i = 0; i < f->ref_count; i++) {
        if (!f->refs[i].group || f->refs[i].kind == REF_TRACK)
            continue;
        type_of_target(ck, &f->refs[i], targets[i], &t);
        if (t.media_type && t.core)
            core_group[f->refs[i].group] = true;
    }
    for (size_t i = 0; i < f->ref_count; i++) {
        const page_ref *ref = &f->refs[i];
        if (ref->kind == REF_HYPERLINK || ref->kind == REF_TRACK || ref->kind == REF_STYLESHEET ||
            ref->kind == REF_FONT || ref->kind == REF_CITE || ref->content_fallback)
            continue;
        type_of_target(ck, ref, targets[i], &t);
        if (!t.media_type)
            continue;
        if (ref->in == 'p') {
            /* (a picture's img, or its untyped source, must be of a core
             * type itself: its fallback is the picture's; a data URL's
             * type is not asked, as neither epubcheck-ts nor 4.2.6 does) */
            if (!targets[i] || octavo_check_is_core_media_type(t.media_type))
                continue;
            if (ref->from == 'i')
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-003", doc->name, ref->line,
                                         "the img of a picture must be of a core media type, "
                                         "not \"%s\" (%s)",
                                         ref->url, t.media_type);
            else if (ref->from == 's' && !ref->type)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-007", doc->name, ref->line,
                                         "the source \"%s\" of a picture is of a foreign media "
                                         "type (%s): it needs a type attribute",
                                         ref->url, t.media_type);
        } else if (ref->group && core_group[ref->group]) {
            continue;
        } else if (!t.core && !targets[i]) {
            /* (a data URL said by its type: its data may be megabytes) */
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-032", doc->name, ref->line,
                                     "a data URL is of a foreign media type (%s) and has no "
                                     "fallback",
                                     t.media_type);
        } else if (!t.core) {
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-032", doc->name, ref->line,
                                     "\"%s\" is of a foreign media type (%s) and has no fallback",
                                     ref->url, t.media_type);
        } else if (!octavo_check_is_core_media_type(t.media_type)) {
            /* (rescued by its manifest fallback: a content fallback, which
             * EPUB 3.4 calls outdated; EPUBCheck 5's usage OBS-001) */
            octavo_check_add_finding(ck->r, OCTAVO_INFO, "OBS-001", doc->name, ref->line,
                                     "the content fallback of \"%s\" (%s) in the manifest is an "
                                     "outdated feature; it may not be supported",
                                     ref->url, t.media_type);
        }
    }
    free(core_group);
}

/* What a source, embed or object's type attribute says its resource is
 * against what the manifest says (OPF-013, a warning: EPUBCheck 5's
 * checkMimetypeMatches), apart from parameters such as codecs. */
static void check_declared_types(checker *ck, const entry *doc, const page_facts *f,
                                 const item *const *targets)
{
    for (size_t i = 0; i < f->ref_count; i++) {
        const page_ref *ref = &f->refs[i];
        const item *it = targets[i];
        /* (an empty type says nothing: epubcheck-ts) */
        if (!it || !ref->type || !ref->type[strspn(ref->type, " \t")] ||
            octavo_check_same_media_type(ref->type, it->media_type))
            continue;
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "OPF-013", doc->name, ref->line,
                                 "resource \"%s\" is declared with media type \"%s\" in content, "
                                 "but has media type \"%s\" in the package document",
                                 ref->url, ref->type, it->media_type);
    }
}

/* The manifest properties an item may have because of what is in it. */
static const struct content_property {
    const char *name;
    unsigned use;     /* PAGE_USES_* */
    const char *what; /* for messages */
} content_properties[] = {
    {"mathml", PAGE_USES_MATHML, "MathML"},
    {"svg", PAGE_USES_SVG, "SVG"},
    {"scripted", PAGE_USES_SCRIPT, "a script"},
    {"switch", PAGE_USES_SWITCH, "epub:switch"},
    {"remote-resources", PAGE_USES_REMOTE, "a remote resource"},
};

/* The page's manifest item declares what the page uses (OPF-014), and
 * nothing it does not (OPF-015; OPF-018 for remote-resources). */
static void check_properties(checker *ck, entry *doc, const page_facts *f,
                             const item *const *targets)
{
    if (!ck->epub3 || !doc->item)
        return;
    unsigned uses = f->uses;
    bool stylesheets = false;
    for (size_t i = 0; i < f->ref_count; i++) {
        const page_ref *ref = &f->refs[i];
        stylesheets = stylesheets || ref->kind == REF_STYLESHEET;
        /* (whatever it is, even an image that may not be remote: EPUBCheck
         * 5's OPSHandler30.checkResourceURL, epubcheck-ts, 4.2.6) */
        if (ref->kind != REF_HYPERLINK && ref->kind != REF_STYLESHEET && ref->kind != REF_CITE &&
            is_remote(ref->url))
            uses |= PAGE_USES_REMOTE;
        /* (a style sheet's remote fonts are the page's too, as
         * epubcheck-ts reads EPUB 3.3; epubcheck 4.2.6 does not ask) */
        if (ref->kind == REF_STYLESHEET && targets[i] && targets[i]->file &&
            targets[i]->file->remote_refs)
            uses |= PAGE_USES_REMOTE;
    }
    const char *declared = doc->item->properties;
    octavo_buf unused = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < sizeof content_properties / sizeof *content_properties; i++) {
        const struct content_property *cp = &content_properties[i];
        bool has = declared && octavo_check_has_token(declared, cp->name);
        if ((uses & cp->use) && !has)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-014", doc->name, 0,
                                     "the page holds %s, but its manifest item does not "
                                     "declare the \"%s\" property",
                                     cp->what, cp->name);
        else if (has && !(uses & cp->use) && cp->use != PAGE_USES_REMOTE) {
            if (unused.len)
                octavo_buf_append(&unused, ", ", 2);
            octavo_buf_append(&unused, cp->name, strlen(cp->name));
        } else if (has && !(uses & cp->use) && cp->use == PAGE_USES_REMOTE && !stylesheets &&
                   !(uses & PAGE_USES_SCRIPT)) {
            /* (not said when a stylesheet, unchecked here, may load a
             * remote font, or a script remote data) */
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "OPF-018", doc->name, 0,
                                     "the manifest declares \"remote-resources\", but the page "
                                     "uses no remote resource");
        }
    }
    if (unused.len)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-015", doc->name, 0,
                                 "the manifest declares \"%s\", which the page does not use",
                                 octavo_buf_cstr(&unused));
    octavo_buf_free(&unused);
}

/* The dimensions a fixed-layout page's viewport must give, and the
 * keyword each may be instead of a number of pixels. */
static const struct viewport_dimension {
    const char *name, *keyword;
} viewport_dimensions[] = {
    {"width", "device-width"},
    {"height", "device-height"},
};

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A positive number: digits, perhaps a fraction. */
static bool is_positive_number(const char *s, size_t len)
{
    size_t digits = 0, dots = 0;
    bool nonzero = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' && !dots++)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return false;
        digits++;
        nonzero = nonzero || s[i] != '0';
    }
    return digits && nonzero;
}

/* What ends a name or a value of a viewport, and what separates them. */
static bool ends_token(char c)
{
    return !c || is_blank_char(c) || c == '=' || c == ',' || c == ';';
}

/* The viewport's "name=value" pairs (EPUB 3.3, D.1): told to `pair` in
 * order, or the first thing wrong with their syntax (NULL: none). */
static const char *parse_viewport(const char *s,
                                  void (*pair)(void *state, const char *name, size_t name_len,
                                               const char *value, size_t value_len),
                                  void *state)
{
    const char *p = s;
    while (is_blank_char(*p))
        p++;
    if (!*p)
        return "it is empty";
    if (*p == ',' || *p == ';')
        return "it starts with a separator";
    for (;;) {
        while (is_blank_char(*p))
            p++;
        if (*p == '=')
            return "a name is missing";
        const char *name = p;
        while (!ends_token(*p))
            p++;
        size_t name_len = (size_t)(p - name);
        while (is_blank_char(*p))
            p++;
        if (*p != '=')
            return "a value is missing";
        p++;
        while (is_blank_char(*p))
            p++;
        if (*p == '=')
            return "an \"=\" is unexpected";
        const char *value = p;
        while (!ends_token(*p))
            p++;
        if (*p == '=')
            return "an \"=\" is unexpected";
        /* (an empty width or height is said as no size, HTM-057, as in
         * EPUBCheck 5's fixed-layout scenarios) */
        if (p == value && !(name_len == 5 && strncmp(name, "width", 5) == 0) &&
            !(name_len == 6 && strncmp(name, "height", 6) == 0))
            return "a value is missing";
        pair(state, name, name_len, value, (size_t)(p - value));
        while (is_blank_char(*p))
            p++;
        if (!*p)
            return NULL;
        if (*p == ',' || *p == ';') {
            while (is_blank_char(*p) || *p == ',' || *p == ';')
                p++;
            if (!*p)
                return "it ends with a separator";
        }
    }
}

/* The dimensions a viewport gives, and how often. */
typedef struct viewport_size {
    const char *value[2];
    size_t value_len[2];
    unsigned count[2];
} viewport_size;

static void note_dimension(void *state, const char *name, size_t name_len, const char *value,
                           size_t value_len)
{
    viewport_size *vs = state;
    for (size_t d = 0; d < 2; d++)
        if (strlen(viewport_dimensions[d].name) == name_len &&
            strncmp(name, viewport_dimensions[d].name, name_len) == 0 && !vs->count[d]++) {
            vs->value[d] = value;
            vs->value_len[d] = value_len;
        }
}

/* A fixed-layout page says its size in a viewport meta element (HTM-046
 * none, HTM-047 unreadable, HTM-056 a dimension missing, HTM-057 not a
 * size, HTM-059 given twice). */
static void check_viewport(checker *ck, const entry *doc, const page_facts *f)
{
    if (!f->has_viewport) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-046", doc->name, 0,
                                 "a fixed-layout page must have a viewport meta element");
        return;
    }
    const char *s = f->viewport ? f->viewport : "";
    viewport_size vs = {0};
    const char *wrong = parse_viewport(s, note_dimension, &vs);
    if (wrong) {
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-047", doc->name, 0,
                                 "the viewport \"%s\" cannot be read: %s", s, wrong);
        return;
    }
    for (size_t d = 0; d < 2; d++) {
        const struct viewport_dimension *vd = &viewport_dimensions[d];
        if (!vs.count[d])
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-056", doc->name, 0,
                                     "the viewport does not give the page's %s", vd->name);
        else if (vs.count[d] > 1)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-059", doc->name, 0,
                                     "the viewport gives the page's %s more than once", vd->name);
        else if (!is_positive_number(vs.value[d], vs.value_len[d]) &&
                 !(vs.value_len[d] == strlen(vd->keyword) &&
                   strncmp(vs.value[d], vd->keyword, vs.value_len[d]) == 0))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-057", doc->name, 0,
                                     "the viewport's %s \"%.*s\" is not a size", vd->name,
                                     (int)vs.value_len[d], vs.value[d]);
    }
}

/* What EPUB 3 asks of a page's prolog: encoded in UTF-8 (HTM-058), a
 * doctype without public id, or with about:legacy-compat for its system
 * id (HTM-004), and none with external ids for another root (OPF-073). */
static void check_prolog(checker *ck, const entry *doc, const page_facts *f)
{
    if (f->encoding && strncasecmp(f->encoding, "UTF-16", 6) == 0)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-058", doc->name, 0,
                                 "HTML documents must be encoded in UTF-8, but UTF-16 was "
                                 "detected");
    if (f->doctype == 'i')
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "HTM-004", doc->name, f->doctype_line,
                                 "Irregular DOCTYPE: found \"%s\", expected \"<!DOCTYPE html>\"",
                                 f->doctype_id);
    else if (f->doctype == 'x')
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-073", doc->name, f->doctype_line,
                                 "External identifiers must not appear in the document type "
                                 "declaration");
}

/* The URI schemes IANA had registered when epubcheck took its list
 * (its URISchemes, with '.' for its '_'). */
static const char registered_schemes[] =
    " aaa aaas acap cap cid crid data dav dict dns fax file ftp go gopher h323 http https icap im "
    "imap info ipp irc iris iris.beep iris.xpc iris.xpcs iris.lwz javascript ldap mailto mid "
    "modem msrp msrps mtqp mupdate news nfs nntp opaquelocktoken pop pres rtsp service shttp sip "
    "sips snmp soap.beep soap.beeps tag tel telnet tftp thismessage tip tv urn vemmi xmlrpc.beep "
    "xmlrpc.beeps xmpp z39.50r z39.50s afs dtn iax mailserver pack tn3270 prospero snews "
    "videotex wais ";

/* A hyperlink to a URL of an unregistered scheme (HTM-025, a warning). */
static void check_scheme(checker *ck, const entry *doc, const page_ref *ref)
{
    if (!octavo_url_has_scheme(ref->url))
        return;
    char scheme[32];
    size_t n = strcspn(ref->url, ":");
    if (n < sizeof scheme) {
        for (size_t i = 0; i < n; i++)
            scheme[i] = (char)(ref->url[i] >= 'A' && ref->url[i] <= 'Z' ? ref->url[i] - 'A' + 'a'
                                                                        : ref->url[i]);
        scheme[n] = '\0';
    }
    if (n >= sizeof scheme || !octavo_check_in_words(registered_schemes, scheme))
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "HTM-025", doc->name, ref->line,
                                 "Non-registered URI scheme type found in href: \"%s\"", ref->url);
}

/* A link of the nav's toc, kept for the order of the toc (nav.c). */
static void note_toc_link(nav_reach *reach, entry *target, const page_ref *ref)
{
    const char *hash = strchr(ref->url, '#');
    char *fragment = NULL;
    if (hash && hash[1]) {
        octavo_buf frag = OCTAVO_BUF_INIT;
        octavo_url_decode_into(hash + 1, strlen(hash + 1), &frag);
        fragment = octavo_buf_detach(&frag);
    }
    reach->toc =
        octavo_xgrow(reach->toc, &reach->toc_cap, reach->toc_count + 1, sizeof *reach->toc);
    reach->toc[reach->toc_count++] =
        (toc_link){target, fragment, octavo_xstrdup(ref->url), ref->line};
}

void octavo_check_content(checker *ck, entry *doc, nav_reach *reach)
{
    page_facts local = {0};
    page_facts *f = &local;
    if (doc->facts) { /* read ahead: borrowed, not cleared */
        octavo_check_facts_view(doc->facts, f);
    } else {
        xml_source src;
        if (!octavo_check_open_source(ck, doc, &src, ck->r))
            return;
        octavo_check_scan_source(doc->name, &src, f, ck->names);
        octavo_check_close_source(&src);
    }
    octavo_check_merge_findings(ck->r, &f->findings);
    /* (libxml2 never reads them: no XML_PARSE_NOENT, DTDLOAD or network) */
    if (f->is_xhtml && f->external_entity && ck->epub3)
        octavo_check_add_finding(
            ck->r, OCTAVO_ERROR, "HTM-003", doc->name, f->external_line,
            "external entities are not allowed in EPUB 3 documents: \"%s\" is declared",
            f->external_entity);
    if (f->is_xhtml && ck->epub3) {
        check_prolog(ck, doc, f);
        octavo_check_merge_findings(ck->r, &f->epub3_findings);
    }
    if (f->is_xhtml) {
        octavo_buf path = OCTAVO_BUF_INIT;
        const item **targets = octavo_xcalloc(f->ref_count + 1, sizeof *targets);
        for (size_t i = 0; i < f->ref_count; i++) {
            const page_ref *ref = &f->refs[i];
            bool counts = doc->is_nav && (ref->nav == 't' || ref->nav == 'l');
            /* (the toc, page-list and landmarks lead into the book) */
            if (doc->is_nav && ref->nav && ref->nav != 'o' && octavo_url_has_scheme(ref->url) &&
                strncasecmp(ref->url, "data:", 5) != 0) {
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "NAV-010", doc->name, ref->line,
                                         "\"%s\" nav must not link to remote resources; found "
                                         "link to \"%s\"",
                                         ref->nav == 't'   ? "toc"
                                         : ref->nav == 'l' ? "landmarks"
                                                           : "page-list",
                                         ref->url);
                continue;
            }
            if (ref->kind == REF_HYPERLINK)
                check_scheme(ck, doc, ref);
            targets[i] = octavo_check_reference(ck, doc, ref, &path, counts ? reach : NULL);
            if (doc->is_nav && ref->nav == 't' && targets[i] && targets[i]->file)
                note_toc_link(reach, targets[i]->file, ref);
        }
        octavo_buf_free(&path);
        doc->has_css = f->has_css;
        for (size_t i = 0; i < f->ref_count; i++)
            doc->has_css = doc->has_css || f->refs[i].kind == REF_STYLESHEET;
        ck->scripted = ck->scripted || (f->uses & PAGE_USES_SCRIPT);
        if (ck->epub3 && doc->fixed_layout)
            check_viewport(ck, doc, f);
        if (ck->package) {
            check_fallbacks(ck, doc, f, targets);
            check_declared_types(ck, doc, f, targets);
            check_properties(ck, doc, f, targets);
        }
        free(targets);
        if (doc->is_nav) {
            reach->toc_navs += f->toc_navs;
            octavo_check_merge_findings(ck->r, &f->nav_findings);
        }
        /* The ids go to the entry, for the fragments: lent when they
         * were read ahead (kept until the check ends), else moved. */
        doc->ids = f->ids;
        doc->id_order = f->id_order;
        doc->id_count = f->id_count;
        doc->ids_lent = doc->facts != NULL;
        f->ids = NULL;
        f->id_order = NULL;
        f->id_count = 0;
        doc->parsed = true;
    }
    if (!doc->facts)
        octavo_check_page_facts_clear(&local);
}

void octavo_check_fragments(checker *ck)
{
    for (size_t i = 0; i < ck->pending_count; i++) {
        const pending_fragment *p = &ck->pending[i];
        const entry *target = &ck->entries[p->target];
        if (target->parsed && !octavo_check_ids_have(target->ids, target->id_count, p->fragment))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-012", ck->entries[p->from].name,
                                     p->line, "fragment \"%s\" is not defined in %s", p->fragment,
                                     target->name);
    }
}

void octavo_check_nonlinear_reached(checker *ck)
{
    if (!ck->epub3 || ck->scripted) /* (a script may link to it) */
        return;
    for (size_t i = 0; i < ck->entry_count; i++) {
        const entry *e = &ck->entries[i];
        if (e->nonlinear && !e->linked)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-096", e->name, 0,
                                     "non-linear content must be reachable, but no hyperlink "
                                     "leads to it");
    }
}
