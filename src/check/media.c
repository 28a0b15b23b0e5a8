/* media.c — media overlays (EPUB 3.3 section 9): the package's media:*
 * metadata and media-overlay attributes, and each overlay (SMIL)
 * document, read as it streams by: its elements against the schema (a
 * table), its clips' times, its text against the pages it narrates. */
#include "check_internal.h"

#include "mem.h"
#include "url.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_SMIL   "http://www.w3.org/ns/SMIL"
#define NS_OPS    "http://www.idpf.org/2007/ops"
#define SMIL_TYPE "application/smil+xml"

/* ---- clock values --------------------------------------------------------- */

static size_t read_digits(const char **p, double *value)
{
    size_t n = 0;
    for (*value = 0; isdigit((unsigned char)**p); (*p)++, n++)
        *value = *value * 10 + (**p - '0');
    return n;
}

/* An optional ".digits" (at least one digit after the point). */
static bool read_fraction(const char **p, double *value)
{
    *value = 0;
    if (**p != '.')
        return true;
    (*p)++;
    double scale = 1;
    size_t n = 0;
    for (; isdigit((unsigned char)**p); (*p)++, n++)
        *value += (**p - '0') * (scale /= 10);
    return n > 0;
}

/* Two digits, 00 to 59 (minutes or seconds of a clock value). */
static bool read_sixty(const char **p, double *value)
{
    const char *s = *p;
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[0] > '5')
        return false;
    *value = (s[0] - '0') * 10 + (s[1] - '0');
    *p += 2;
    return true;
}

/* A SMIL 3 clock value, as the overlay schema's pattern reads it: full
 * (h+:mm:ss.f), partial (mm:ss.f) or a timecount (n.f with h, min, s or
 * ms, seconds without). Its milliseconds in *ms. */
static bool parse_clock(const char *value, double *ms)
{
    while (isspace((unsigned char)*value))
        value++;
    size_t len = strlen(value);
    while (len && isspace((unsigned char)value[len - 1]))
        len--;
    char *copy = octavo_xstrndup(value, len);
    const char *p = copy;
    double first, minutes, seconds, fraction;
    size_t n = read_digits(&p, &first);
    bool ok = n > 0;
    if (ok && *p != ':') {
        static const struct {
            const char *unit;
            double ms;
        } units[] = {{"", 1000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}, {"ms", 1}};
        ok = read_fraction(&p, &fraction);
        size_t u = 0;
        while (ok && u < sizeof units / sizeof *units && strcmp(p, units[u].unit) != 0)
            u++;
        ok = ok && u < sizeof units / sizeof *units;
        if (ok)
            *ms = (first + fraction) * units[u].ms;
    } else if (ok) {
        p++;
        bool full = strchr(p, ':') != NULL;
        if (full) { /* hours: any digits */
            ok = read_sixty(&p, &minutes) && *p++ == ':';
        } else { /* the first part was minutes */
            ok = n == 2 && first < 60;
            minutes = first, first = 0;
        }
        ok = ok && read_sixty(&p, &seconds) && read_fraction(&p, &fraction) && !*p;
        if (ok)
            *ms = ((first * 60 + minutes) * 60 + seconds + fraction) * 1000;
    }
    free(copy);
    return ok;
}

/* ---- the overlay schema --------------------------------------------------- */

enum { SM_SMIL, SM_HEAD, SM_METADATA, SM_BODY, SM_SEQ, SM_PAR, SM_TEXT, SM_AUDIO, SM_COUNT };
#define BIT(el) (1u << (el))

/* What each element of an overlay may be in, have and hold (epubcheck's
 * media-overlay-30.rnc). Attributes are space-separated, "epub:" for the
 * OPS namespace's; attributes of other namespaces are not looked at. */
static const struct smil_rule {
    const char *name;
    unsigned parents;   /* 0: the root */
    bool once;          /* at most one in its parent */
    unsigned not_after; /* siblings it must not follow */
    unsigned needs;     /* children it must have (one of) */
    const char *required, *optional;
} smil_rules[SM_COUNT] = {
    [SM_SMIL] = {"smil", 0, true, 0, BIT(SM_BODY), "version", "id epub:prefix"},
    [SM_HEAD] = {"head", BIT(SM_SMIL), true, BIT(SM_BODY), 0, "", "id"},
    [SM_METADATA] = {"metadata", BIT(SM_HEAD), true, 0, 0, "", "id"},
    [SM_BODY] = {"body", BIT(SM_SMIL), true, 0, BIT(SM_SEQ) | BIT(SM_PAR), "",
                 "id epub:type epub:textref"},
    [SM_SEQ] = {"seq", BIT(SM_BODY) | BIT(SM_SEQ), false, 0, BIT(SM_SEQ) | BIT(SM_PAR),
                "epub:textref", "id epub:type"},
    [SM_PAR] = {"par", BIT(SM_BODY) | BIT(SM_SEQ), false, 0, BIT(SM_TEXT), "", "id epub:type"},
    [SM_TEXT] = {"text", BIT(SM_PAR), true, 0, 0, "src", "id"},
    [SM_AUDIO] = {"audio", BIT(SM_PAR), true, 0, 0, "src", "id clipBegin clipEnd"},
};

/* The prefixes epub:type may use undeclared (EPUB 3.3, D.3). */
static const char reserved_prefixes[] =
    "a11y dcterms marc media onix rendition schema xsd msv prism";

/* One element open in an overlay. */
typedef struct smil_frame {
    int el;
    unsigned seen; /* BIT()s of its children so far */
    bool rejected; /* a child was not allowed (so it is not also incomplete) */
    bool text_said;
} smil_frame;

/* The whole book's overlays, as they are read. */
typedef struct overlays {
    checker *ck;
    const char *opf;
    const item **owner; /* per entry: the first overlay whose text is in it */
    size_t *seen_by;    /* per entry: 1 + the index of the last overlay that named it */
} overlays;

/* An id in an overlay, and its line. */
/* One overlay document being read. */
typedef struct smil_state {
    overlays *all;
    entry *doc;
    const item *overlay;
    size_t index;
    smil_frame *open;
    size_t depth, cap;
    size_t skip;     /* depth inside an element whose content is not checked */
    char *prefixes;  /* the root's epub:prefix */
    located_id *ids; /* (id-unique.sch) */
    size_t id_count, id_cap;
    bool remote;     /* it plays remote audio */
    octavo_buf path; /* (scratch) */
} smil_state;

/* A finding against the overlay schema (RSC-005). */
__attribute__((format(printf, 3, 4))) static void say(smil_state *st, unsigned line,
                                                      const char *fmt, ...)
{
    octavo_buf message = OCTAVO_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    octavo_buf_vprintf(&message, fmt, ap);
    va_end(ap);
    octavo_check_add_finding(st->all->ck->r, OCTAVO_ERROR, "RSC-005", st->doc->name, line, "%s",
                             octavo_buf_cstr(&message));
    octavo_buf_free(&message);
}

/* Whether `prefixes` (epub:prefix: "name: uri ...") declares `name`. */
static bool declares(const char *prefixes, const char *name, size_t len)
{
    for (const char *p = prefixes; p && *p;) {
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, " \t\r\n");
        if (n == len + 1 && p[len] == ':' && strncmp(p, name, len) == 0)
            return true;
        p += n;
    }
    return false;
}

static void check_epub_type(smil_state *st, const char *types, unsigned line)
{
    for (const char *p = types; *p;) {
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, " \t\r\n");
        const char *colon = memchr(p, ':', n);
        if (colon) {
            size_t len = (size_t)(colon - p);
            char *prefix = octavo_xstrndup(p, len);
            if (!declares(st->prefixes, prefix, len) &&
                !octavo_check_has_token(reserved_prefixes, prefix))
                octavo_check_add_finding(st->all->ck->r, OCTAVO_ERROR, "OPF-028", st->doc->name,
                                         line, "Undeclared prefix: \"%s\"", prefix);
            free(prefix);
        }
        p += n;
    }
}

/* The file `url` names, relative to the overlay (NULL: not found, said;
 * or remote: not looked at). */
static entry *target_of(smil_state *st, const char *url, unsigned line)
{
    checker *ck = st->all->ck;
    if (octavo_url_has_scheme(url)) {
        st->remote = st->remote || octavo_url_is_external(url);
        return NULL;
    }
    size_t len = strcspn(url, "#?");
    entry *target = NULL;
    if (!len)
        target = st->doc;
    else if (octavo_url_resolve(st->doc->name, url, len, &st->path))
        target = octavo_check_find_entry_n(ck, st->path.data ? st->path.data : "", st->path.len);
    if (!target)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-007", st->doc->name, line,
                                 "referenced resource \"%s\" could not be found in the book", url);
    else if (!target->media_type)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-008", st->doc->name, line,
                                 "referenced resource \"%s\" is not declared in the manifest", url);
    return target && target->media_type ? target : NULL;
}

/* A text src or epub:textref: the page it narrates, which this overlay
 * alone may narrate; an element of it. */
static void check_text(smil_state *st, const char *url, unsigned line)
{
    entry *target = target_of(st, url, line);
    if (!target)
        return;
    checker *ck = st->all->ck;
    size_t t = (size_t)(target - ck->entries);
    if (st->all->seen_by[t] != st->index + 1) {
        st->all->seen_by[t] = st->index + 1;
        if (!st->all->owner[t])
            st->all->owner[t] = st->overlay;
        else if (target->item)
            octavo_check_add_finding(
                ck->r, OCTAVO_ERROR, "MED-011", st->all->opf, target->item->line,
                "EPUB Content Document \"%s\" is referenced from several Media Overlay Documents",
                target->name);
    }
    const char *hash = strchr(url, '#');
    if (!hash || !hash[1])
        return;
    bool svg = strcmp(target->media_type, "image/svg+xml") == 0;
    if (svg) {
        /* (an id, or svgView(...); SVG ids are not read) */
        if (strncmp(hash + 1, "svgView(", 8) != 0 && strpbrk(hash + 1, "(=,"))
            octavo_check_add_finding(ck->r, OCTAVO_WARNING, "MED-018", st->doc->name, line,
                                     "URL fragment should be an SVG fragment identifier, but "
                                     "found '%s'",
                                     hash);
    } else if (strchr(hash, '(')) {
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "MED-017", st->doc->name, line,
                                 "URL fragment should indicate an element ID, but found '%s'",
                                 hash);
    } else if (strcmp(target->media_type, "application/xhtml+xml") == 0) {
        /* (checked with the pages' links, once all are read) */
        ck->pending =
            octavo_xgrow(ck->pending, &ck->pending_cap, ck->pending_count + 1, sizeof *ck->pending);
        octavo_buf frag = OCTAVO_BUF_INIT;
        octavo_url_decode_into(hash + 1, strlen(hash + 1), &frag);
        ck->pending[ck->pending_count++] =
            (pending_fragment){t, octavo_buf_detach(&frag), (size_t)(st->doc - ck->entries), line};
    }
}

/* EPUB 3.3's core audio types, which an overlay's clips must be. */
static bool is_overlay_audio(const char *media_type)
{
    return strcmp(media_type, "audio/mpeg") == 0 || strcmp(media_type, "audio/mp4") == 0 ||
           strncmp(media_type, "audio/ogg", 9) == 0 || strcmp(media_type, "audio/opus") == 0;
}

static void check_audio(smil_state *st, const xmlChar **attrs, int count, unsigned line)
{
    checker *ck = st->all->ck;
    char *src = octavo_check_attribute(attrs, count, "src", NULL);
    if (src) {
        const char *hash = strchr(src, '#');
        if (hash && hash[1])
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-014", st->doc->name, line,
                                     "Media overlay audio file URLs must not have a fragment: "
                                     "\"%s\"",
                                     src);
        entry *target = target_of(st, src, line);
        if (target && !is_overlay_audio(target->media_type))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-005", st->doc->name, line,
                                     "Media Overlay audio reference \"%s\" to non-standard audio "
                                     "type \"%s\"",
                                     src, target->media_type);
    }
    free(src);
    static const char *const names[2] = {"clipBegin", "clipEnd"};
    double at[2] = {0, 0};
    bool valid[2] = {true, false};
    for (int i = 0; i < 2; i++) {
        char *v = octavo_check_attribute(attrs, count, names[i], NULL);
        if (v) {
            valid[i] = parse_clock(v, &at[i]);
            if (!valid[i])
                say(st, line, "Invalid SMIL clock value \"%s\" in %s attribute", v, names[i]);
        }
        free(v);
    }
    if (valid[0] && valid[1] && at[0] > at[1])
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-008", st->doc->name, line,
                                 "The time specified in the clipBegin attribute must not be "
                                 "after clipEnd");
    else if (valid[0] && valid[1] && at[0] == at[1])
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-009", st->doc->name, line,
                                 "The time specified in the clipBegin attribute must not be the "
                                 "same as clipEnd");
}

/* Its attributes: those its rule names, the required ones there. */
static void check_attributes(smil_state *st, const struct smil_rule *rule, const xmlChar **attrs,
                             int count, unsigned line)
{
    char key[80];
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * ATTR_FIELDS;
        const char *ns = (const char *)a[ATTR_NS], *name = (const char *)a[ATTR_NAME];
        if (ns && strcmp(ns, NS_OPS) != 0)
            continue;
        snprintf(key, sizeof key, "%s%s", ns ? "epub:" : "", name);
        if (!octavo_check_has_token(rule->required, key) &&
            !octavo_check_has_token(rule->optional, key))
            say(st, line, "attribute \"%s\" not allowed here (element \"%s\")", key, rule->name);
    }
    for (const char *p = rule->required; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        bool epub = strncmp(key, "epub:", 5) == 0;
        char *v = octavo_check_attribute(attrs, count, epub ? key + 5 : key, epub ? NS_OPS : NULL);
        if (!v)
            say(st, line, "element \"%s\" missing required attribute \"%s\"", rule->name, key);
        free(v);
        p += n + strspn(p + n, " ");
    }
}

static void smil_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    smil_state *st = octavo_check_parse_state(ctx);
    unsigned line = octavo_check_parse_line(ctx);
    if (st->skip || (st->depth && st->open[st->depth - 1].el == SM_METADATA)) {
        st->skip++; /* (metadata holds any elements) */
        return;
    }
    const char *name = (const char *)localname;
    int el = -1;
    if (uri && strcmp((const char *)uri, NS_SMIL) == 0)
        for (int i = 0; i < SM_COUNT && el < 0; i++)
            if (strcmp(name, smil_rules[i].name) == 0)
                el = i;
    smil_frame *parent = st->depth ? &st->open[st->depth - 1] : NULL;
    const struct smil_rule *rule = el >= 0 ? &smil_rules[el] : NULL;
    bool ok = rule && (parent ? (rule->parents & BIT(parent->el)) != 0 : el == SM_SMIL);
    if (ok && parent &&
        ((rule->once && (parent->seen & BIT(el))) || (parent->seen & rule->not_after)))
        ok = false;
    if (!ok) {
        say(st, line, "element \"%s\" not allowed here%s", name,
            parent ? "" : "; the root must be smil in the SMIL namespace");
        if (parent)
            parent->rejected = true;
        st->skip = 1;
        return;
    }
    if (parent)
        parent->seen |= BIT(el);
    st->open = octavo_xgrow(st->open, &st->cap, st->depth + 1, sizeof *st->open);
    st->open[st->depth++] = (smil_frame){.el = el};
    check_attributes(st, rule, attrs, nb_attributes, line);

    char *v;
    if ((v = octavo_check_attribute(attrs, nb_attributes, "id", NULL))) {
        st->ids = octavo_xgrow(st->ids, &st->id_cap, st->id_count + 1, sizeof *st->ids);
        st->ids[st->id_count++] = (located_id){v, line};
    }
    if (el == SM_SMIL) {
        st->prefixes = octavo_check_attribute(attrs, nb_attributes, "prefix", NS_OPS);
        if ((v = octavo_check_attribute(attrs, nb_attributes, "version", NULL)) &&
            strcmp(v, "3.0") != 0)
            say(st, line, "value of attribute \"version\" is invalid; must be equal to \"3.0\"");
        free(v);
    }
    if ((el == SM_BODY || el == SM_SEQ || el == SM_PAR) &&
        (v = octavo_check_attribute(attrs, nb_attributes, "type", NS_OPS))) {
        check_epub_type(st, v, line);
        free(v);
    }
    if ((el == SM_BODY || el == SM_SEQ) &&
        (v = octavo_check_attribute(attrs, nb_attributes, "textref", NS_OPS))) {
        check_text(st, v, line);
        free(v);
    }
    if (el == SM_TEXT && (v = octavo_check_attribute(attrs, nb_attributes, "src", NULL))) {
        check_text(st, v, line);
        free(v);
    }
    if (el == SM_AUDIO)
        check_audio(st, attrs, nb_attributes, line);
}

static void smil_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    smil_state *st = octavo_check_parse_state(ctx);
    if (st->skip) {
        st->skip--;
        return;
    }
    if (!st->depth)
        return;
    const smil_frame *f = &st->open[--st->depth];
    const struct smil_rule *rule = &smil_rules[f->el];
    if (rule->needs && !(f->seen & rule->needs) && !f->rejected)
        say(st, octavo_check_parse_line(ctx), "element \"%s\" incomplete; missing required %s",
            rule->name, f->el == SM_PAR ? "element \"text\"" : "element \"par\" or \"seq\"");
}

/* Text is allowed in metadata only. */
static void smil_text(void *ctx, const xmlChar *text, int len)
{
    smil_state *st = octavo_check_parse_state(ctx);
    if (st->skip || !st->depth || st->open[st->depth - 1].el == SM_METADATA)
        return;
    smil_frame *f = &st->open[st->depth - 1];
    for (int i = 0; i < len && !f->text_said; i++)
        if (!isspace(text[i])) {
            f->text_said = true;
            say(st, octavo_check_parse_line(ctx), "text not allowed here (element \"%s\")",
                smil_rules[f->el].name);
        }
}

static void check_ids(smil_state *st)
{
    octavo_check_duplicate_ids(st->ids, st->id_count, st->doc->name, st->all->ck->r);
    for (size_t i = 0; i < st->id_count; i++)
        free(st->ids[i].id);
    free(st->ids);
}

/* ---- the package ---------------------------------------------------------- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* media:duration (clock values; the book's, each overlay's, and their
 * sum), media:active-class and media:playback-active-class (once, one
 * class name, not refining), and the items' media-overlay attributes
 * (package-30.sch). */
static void check_package(checker *ck, const char *opf, const package_doc *doc,
                          const package_info *p)
{
    const char **refined = octavo_xmalloc((doc->meta_count + 1) * sizeof *refined);
    size_t refined_count = 0, actives[2] = {0, 0};
    bool total_set = false, total_valid = false;
    double total = 0, sum = 0;
    for (size_t i = 0; i < doc->meta_count; i++) {
        const opf_meta *m = &doc->metas[i];
        if (m->kind != 'm' || !m->property)
            continue;
        if (strcmp(m->property, "media:duration") == 0) {
            char *v = octavo_check_trimmed(octavo_buf_cstr(&m->text));
            double ms = 0;
            bool valid = parse_clock(v, &ms);
            free(v);
            if (!valid)
                octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                         "The value of the \"media:duration\" property must be a "
                                         "valid SMIL3 clock value");
            if (m->refines) {
                refined[refined_count++] = m->refines;
                sum += valid ? ms : 0;
            } else {
                total_set = true;
                total_valid = valid;
                total = ms;
            }
            continue;
        }
        int a = strcmp(m->property, "media:active-class") == 0            ? 0
                : strcmp(m->property, "media:playback-active-class") == 0 ? 1
                                                                          : -1;
        if (a < 0)
            continue;
        const char *name = a ? "playback-active-class" : "active-class";
        if (m->refines)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                     "@refines must not be used with the media:%s property", name);
        char *v = octavo_check_trimmed(octavo_buf_cstr(&m->text));
        if (strpbrk(v, " \t\r\n"))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                     "the '%s' property must define a single class name", name);
        free(v);
        if (++actives[a] == 2)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, m->line,
                                     "The '%s' property must not occur more than one time in the "
                                     "package metadata",
                                     name);
    }
    if (refined_count)
        qsort(refined, refined_count, sizeof *refined, compare_strings);

    bool overlaid = false;
    octavo_buf key = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < p->count; i++) {
        const item *it = &p->items[i];
        if (!it->media_overlay)
            continue;
        overlaid = true;
        const item *mo = octavo_check_item_by_id(p, it->media_overlay);
        if (!mo || strcmp(mo->media_type, SMIL_TYPE) != 0)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, it->line,
                                     "media overlay items must be of the \"" SMIL_TYPE
                                     "\" type (given type was \"%s\")",
                                     mo ? mo->media_type : "");
        if (!octavo_check_is_content_type(it->media_type))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, it->line,
                                     "The media-overlay attribute is only allowed on XHTML and "
                                     "SVG content documents.");
        octavo_buf_clear(&key);
        octavo_buf_printf(&key, "#%s", it->media_overlay);
        const char *k = octavo_buf_cstr(&key);
        if (!refined_count ||
            !bsearch(&k, refined, refined_count, sizeof *refined, compare_strings))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, it->line,
                                     "item media:duration meta element not set (expecting: meta "
                                     "property='media:duration' refines='#%s')",
                                     it->media_overlay);
    }
    octavo_buf_free(&key);
    free(refined);
    if (overlaid && !total_set)
        octavo_check_add_finding(ck->r, OCTAVO_ERROR, "RSC-005", opf, 0,
                                 "global media:duration meta element not set");
    /* (epubcheck allows a second's difference) */
    if (total_valid && refined_count && (total - sum > 1000 || sum - total > 1000))
        octavo_check_add_finding(ck->r, OCTAVO_WARNING, "MED-016", opf, 0,
                                 "Media Overlays total duration should be the sum of the "
                                 "durations of all Media Overlays documents.");
}

/* Each page an overlay narrates names it, and each overlay a page names
 * narrates it (MED-010, MED-012, MED-013: per page, as epubcheck's
 * OPFChecker30 says them, at its manifest item). */
static void check_pages(checker *ck, const char *opf, const package_info *p, const overlays *all)
{
    for (size_t i = 0; i < p->count; i++) {
        const item *it = &p->items[i];
        if (!it->file)
            continue;
        const item *owner = all->owner[it->file - ck->entries], *mo;
        if (owner && !it->media_overlay)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-010", opf, it->line,
                                     "EPUB Content Document \"%s\" referenced from a Media Overlay "
                                     "must specify the \"media-overlay\" attribute",
                                     it->href);
        else if (owner && strcmp(owner->id, it->media_overlay) != 0)
            octavo_check_add_finding(
                ck->r, OCTAVO_ERROR, "MED-012", opf, it->line,
                "The \"media-overlay\" attribute of \"%s\" does not match the "
                "ID of the Media Overlay that refers to this document (\"%s\")",
                it->href, owner->id);
        else if (!owner && it->media_overlay && octavo_check_is_content_type(it->media_type) &&
                 (mo = octavo_check_item_by_id(p, it->media_overlay)) &&
                 strcmp(mo->media_type, SMIL_TYPE) == 0)
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "MED-013", opf, it->line,
                                     "Media Overlay Document referenced from the \"media-overlay\" "
                                     "attribute does not contain a reference to \"%s\"",
                                     it->href);
    }
}

void octavo_check_media(checker *ck, const char *opf, const package_doc *doc, const package_info *p)
{
    check_package(ck, opf, doc, p);
    overlays all = {.ck = ck,
                    .opf = opf,
                    .owner = octavo_xcalloc(ck->entry_count + 1, sizeof *all.owner),
                    .seen_by = octavo_xcalloc(ck->entry_count + 1, sizeof *all.seen_by)};
    static const xml_callbacks callbacks = {smil_start, smil_end, smil_text, NULL, NULL};
    for (size_t i = 0; i < p->count; i++) {
        const item *it = &p->items[i];
        if (!it->file || strcmp(it->media_type, SMIL_TYPE) != 0)
            continue;
        smil_state st = {
            .all = &all, .doc = it->file, .overlay = it, .index = i, .path = OCTAVO_BUF_INIT};
        octavo_check_stream_entry(ck, it->file, &callbacks, &st, ck->r);
        check_ids(&st);
        if (st.remote &&
            !(it->properties && octavo_check_has_token(it->properties, "remote-resources")))
            octavo_check_add_finding(ck->r, OCTAVO_ERROR, "OPF-014", opf, it->line,
                                     "The \"remote-resources\" property must be set on the media "
                                     "overlay item \"%s\" because it references remote audio "
                                     "resources",
                                     it->href);
        free(st.open);
        free(st.prefixes);
        octavo_buf_free(&st.path);
    }
    check_pages(ck, opf, p, &all);
    free(all.owner);
    free(all.seen_by);
}
