/* epub_inspect — checks an EPUB the way the end-to-end tests need and
 * prints a report of what it contains, one fact per line:
 *
 *   chapters: N
 *   toc: N TITLE            (a chapter in the nav, in order)
 *   section: TITLE          (an entry nested under a chapter)
 *   nav: TITLE              (every toc entry in order, indented two spaces
 *                            per level of nesting)
 *   lang: PATH TAG          (the language of each content document)
 *   dc:language: TAG
 *   dc:title: TITLE
 *   dc:creator: NAME        (and dc:subject, dc:source, dc:date,
 *                            dc:description when present)
 *   dc:identifier: ID
 *   dcterms:modified: TIME
 *   paragraphs: PATH N      (<p> elements in a content document)
 *   figcaption: PATH TEXT
 *   page-progression-direction: rtl   (when the spine sets it)
 *   css: HREF               (each stylesheet in the manifest)
 *   font: HREF TYPE         (each embedded font)
 *   font-missing: N         (characters of the pages' text the fonts lack)
 *   subheadings: PATH N     (h2-h6)
 *   longest-heading: PATH N (characters in its longest heading)
 *   han-space-han: PATH N   (white space between two Han characters in a
 *                            paragraph: a line break turned into a space)
 *
 * Checks (any failure prints "FAIL: ..." and makes the exit status 1):
 * mimetype first, stored, exact; container.xml points at an OPF; every
 * .xhtml/.opf/.ncx/.xml parses as XML; the OPF has identifier, title,
 * language and dcterms:modified; every dc:language and xml:lang/lang is a
 * valid BCP 47 tag, and xml:lang equals lang; every spine item is linked
 * from the nav's toc (at any depth), in spine order; every fragment a
 * nested toc entry points at exists; every link between pages leads to a
 * file and id of the book (printed as "link: PAGE HREF"); the NCX, when there is one, has
 * the same entries as the nav's toc, in the same order and nesting.
 *
 * Usage: epub_inspect BOOK.epub
 *        epub_inspect --contains TEXT BOOK.epub
 *            exit 0 when some file in the book contains TEXT, else 1
 */
#include "lang.h"
#include "text.h"

#include <hb.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static int failures;

/* Pages before the text (cover, title page): in the spine, not chapters,
 * not in the toc. */
static char front_pages[8][256];
static int front_page_count;

static bool is_front_page(const char *path)
{
    for (int i = 0; i < front_page_count; i++)
        if (strcmp(front_pages[i], path) == 0)
            return true;
    return false;
}

__attribute__((format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failures++;
}

static char *read_entry(zip_t *za, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(za, name, 0, &st) != 0)
        return NULL;
    zip_file_t *f = zip_fopen(za, name, 0);
    if (!f)
        return NULL;
    char *data = malloc(st.size + 1);
    zip_int64_t n = zip_fread(f, data, st.size);
    zip_fclose(f);
    if (n < 0 || (zip_uint64_t)n != st.size) {
        free(data);
        return NULL;
    }
    data[st.size] = '\0';
    *len = st.size;
    return data;
}

static xmlDocPtr parse_entry(zip_t *za, const char *name)
{
    size_t len;
    char *data = read_entry(za, name, &len);
    if (!data) {
        fail("%s: missing from the zip", name);
        return NULL;
    }
    /* XML_PARSE_HUGE: a 100 MB paragraph is well-formed, only beyond the
     * parser's default safety limit for one text node. */
    xmlDocPtr doc =
        xmlReadMemory(data, (int)len, name, NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    free(data);
    if (!doc)
        fail("%s: not well-formed XML", name);
    return doc;
}

static xmlXPathObjectPtr query(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "opf", BAD_CAST "http://www.idpf.org/2007/opf");
    xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
    xmlXPathRegisterNs(ctx, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
    xmlXPathRegisterNs(ctx, BAD_CAST "epub", BAD_CAST "http://www.idpf.org/2007/ops");
    xmlXPathRegisterNs(ctx, BAD_CAST "c",
                       BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:container");
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    return result;
}

static int count(xmlXPathObjectPtr r)
{
    return r && r->nodesetval ? r->nodesetval->nodeNr : 0;
}

static char *text_of(xmlNodePtr n)
{
    return (char *)xmlNodeGetContent(n);
}

static char *attr(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

/* A toc entry as the nav or the NCX gives it. */
typedef struct toc_line {
    int depth;
    char *title, *href;
} toc_line;

typedef struct toc_lines {
    toc_line *items;
    int count, cap;
} toc_lines;

static void toc_lines_add(toc_lines *t, int depth, char *title, char *href)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->items = realloc(t->items, (size_t)t->cap * sizeof *t->items);
    }
    t->items[t->count++] = (toc_line){depth, title, href};
}

static void toc_lines_free(toc_lines *t)
{
    for (int i = 0; i < t->count; i++) {
        xmlFree(t->items[i].title);
        xmlFree(t->items[i].href);
    }
    free(t->items);
}

static bool is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* <ol><li><a/><ol>...</ol></li></ol> */
static void nav_lines(xmlNodePtr ol, int depth, toc_lines *out)
{
    for (xmlNodePtr li = ol->children; li; li = li->next) {
        if (!is_element(li, "li"))
            continue;
        for (xmlNodePtr c = li->children; c; c = c->next) {
            if (is_element(c, "a") || is_element(c, "span"))
                toc_lines_add(out, depth, text_of(c), attr(c, "href"));
            else if (is_element(c, "ol"))
                nav_lines(c, depth + 1, out);
        }
    }
}

/* <navPoint><navLabel><text/></navLabel><content src/><navPoint/>...</navPoint> */
static void ncx_lines(xmlNodePtr parent, int depth, toc_lines *out)
{
    for (xmlNodePtr p = parent->children; p; p = p->next) {
        if (!is_element(p, "navPoint"))
            continue;
        char *title = NULL, *src = NULL;
        for (xmlNodePtr c = p->children; c; c = c->next) {
            if (is_element(c, "navLabel") && !title)
                title = text_of(c);
            else if (is_element(c, "content") && !src)
                src = attr(c, "src");
        }
        toc_lines_add(out, depth, title, src);
        ncx_lines(p, depth + 1, out);
    }
}

static char *trimmed(char *s)
{
    if (!s)
        return (char *)"";
    while (*s == ' ' || *s == '\n' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Prints the nav's toc as a tree and checks the NCX says the same. */
static void report_toc_tree(xmlDocPtr nav, zip_t *za, xmlDocPtr opf, const char *base)
{
    toc_lines from_nav = {0}, from_ncx = {0};
    xmlXPathObjectPtr r = query(nav, "//h:nav[@epub:type='toc']/h:ol");
    if (count(r))
        nav_lines(r->nodesetval->nodeTab[0], 0, &from_nav);
    xmlXPathFreeObject(r);
    for (int i = 0; i < from_nav.count; i++)
        printf("nav: %*s%s\n", 2 * from_nav.items[i].depth, "", trimmed(from_nav.items[i].title));

    r = query(opf, "//opf:item[@media-type='application/x-dtbncx+xml']/@href");
    if (count(r)) {
        char *href = text_of(r->nodesetval->nodeTab[0]);
        char path[1024];
        snprintf(path, sizeof path, "%s%s", base, href);
        xmlFree(href);
        xmlDocPtr ncx = parse_entry(za, path);
        xmlNodePtr root = ncx ? xmlDocGetRootElement(ncx) : NULL;
        for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
            if (is_element(c, "navMap"))
                ncx_lines(c, 0, &from_ncx);
        if (from_ncx.count != from_nav.count)
            fail("ncx: %d entries, the nav has %d", from_ncx.count, from_nav.count);
        for (int i = 0; i < from_ncx.count && i < from_nav.count; i++) {
            toc_line *a = &from_nav.items[i], *b = &from_ncx.items[i];
            if (a->depth != b->depth || strcmp(trimmed(a->title), trimmed(b->title)) != 0 ||
                strcmp(a->href ? a->href : "", b->href ? b->href : "") != 0) {
                fail("ncx: entry %d is '%s' (%s) at depth %d, the nav has '%s' (%s) at depth %d",
                     i + 1, trimmed(b->title), b->href ? b->href : "", b->depth, trimmed(a->title),
                     a->href ? a->href : "", a->depth);
                break;
            }
        }
        if (ncx)
            xmlFreeDoc(ncx);
    }
    xmlXPathFreeObject(r);
    toc_lines_free(&from_nav);
    toc_lines_free(&from_ncx);
}

static void check_mimetype(zip_t *za)
{
    const char *first = zip_get_name(za, 0, 0);
    if (!first || strcmp(first, "mimetype") != 0) {
        fail("mimetype is not the first entry");
        return;
    }
    zip_stat_t st;
    zip_stat_index(za, 0, 0, &st);
    if (st.comp_method != ZIP_CM_STORE)
        fail("mimetype is compressed");
    size_t len;
    char *data = read_entry(za, "mimetype", &len);
    if (!data || len != 20 || memcmp(data, "application/epub+zip", 20) != 0)
        fail("mimetype content is not application/epub+zip");
    free(data);
}

/* Every element's xml:lang and lang valid, equal where both are set. */
static void check_langs(xmlDocPtr doc, const char *name, bool report_root)
{
    xmlXPathObjectPtr r = query(doc, "/descendant::*[@xml:lang or @lang]");
    for (int i = 0; i < count(r); i++) {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        char *xl = (char *)xmlNodeGetLang(n);
        char *l = attr(n, "lang");
        xmlChar *own_xl = xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
        if (own_xl && !octavo_lang_is_valid((char *)own_xl))
            fail("%s: xml:lang=\"%s\" is not a valid BCP 47 tag", name, own_xl);
        if (l && !octavo_lang_is_valid(l))
            fail("%s: lang=\"%s\" is not a valid BCP 47 tag", name, l);
        if (own_xl && l && strcmp((char *)own_xl, l) != 0)
            fail("%s: xml:lang=\"%s\" but lang=\"%s\"", name, own_xl, l);
        if (report_root && n == xmlDocGetRootElement(doc))
            printf("lang: %s %s\n", name, own_xl ? (char *)own_xl : "(none)");
        xmlFree(own_xl);
        xmlFree(xl);
        xmlFree(l);
    }
    xmlXPathFreeObject(r);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (report_root && root && strcmp((char *)root->name, "html") == 0 &&
        (!xmlHasNsProp(root, BAD_CAST "lang", XML_XML_NAMESPACE) ||
         !xmlHasProp(root, BAD_CAST "lang")))
        fail("%s: <html> lacks xml:lang or lang", name);
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Counts Han, white space, Han in a text node's content. */
static int han_gaps(const char *s)
{
    int gaps = 0;
    uint32_t prev = 0;
    bool space_after_han = false;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k)
            break;
        i += k;
        if (cp == ' ' || cp == '\n' || cp == '\t') {
            space_after_han = space_after_han || is_han(prev);
            continue;
        }
        if (space_after_han && is_han(cp))
            gaps++;
        space_after_han = false;
        prev = cp;
    }
    return gaps;
}

static void report_structure(xmlDocPtr doc, const char *name, zip_t *za)
{
    /* Every picture a page shows must be in the book. */
    xmlXPathObjectPtr imgs = query(doc, "/descendant::h:img/@src");
    char base[512] = "";
    const char *slash = strrchr(name, '/');
    if (slash)
        snprintf(base, sizeof base, "%.*s/", (int)(slash - name), name);
    for (int i = 0; i < count(imgs); i++) {
        char *src = text_of(imgs->nodesetval->nodeTab[i]);
        char path[1024];
        snprintf(path, sizeof path, "%s%s", base, src);
        /* resolve "dir/../x" */
        char *dots;
        while ((dots = strstr(path, "/../")) != NULL) {
            char *start = dots;
            while (start > path && start[-1] != '/')
                start--;
            memmove(start, dots + 4, strlen(dots + 4) + 1);
        }
        if (zip_name_locate(za, path, 0) < 0)
            fail("%s: <img src=\"%s\"> is not in the book", name, src);
        printf("img: %s %s\n", name, src);
        xmlFree(src);
    }
    xmlXPathFreeObject(imgs);

    xmlXPathObjectPtr r = query(doc, "/h:html/h:body/descendant::h:figcaption");
    for (int i = 0; i < count(r); i++) {
        char *t = text_of(r->nodesetval->nodeTab[i]);
        printf("figcaption: %s %s\n", name, t);
        xmlFree(t);
    }
    xmlXPathFreeObject(r);
    /* Each page shows its chapter's title once: its h1s, for fixtures to
     * name. */
    r = query(doc, "/h:html/h:body/descendant::h:h1");
    for (int i = 0; i < count(r); i++) {
        char *t = text_of(r->nodesetval->nodeTab[i]);
        printf("h1: %s %s\n", name, t);
        xmlFree(t);
    }
    xmlXPathFreeObject(r);
    r = query(doc, "/h:html/h:body/descendant::h:p");
    printf("paragraphs: %s %d\n", name, count(r));
    xmlXPathFreeObject(r);
    /* Explicit descendant:: steps and one predicate instead of "//" and
     * "|": libxml2 2.9 merges node sets for those in quadratic time, which
     * a 100,000-heading book makes minutes. */
    r = query(
        doc, "/h:html/h:body/descendant::*[self::h:h2 or self::h:h3 or self::h:h4 or self::h:h5 or "
             "self::h:h6]");
    printf("subheadings: %s %d\n", name, count(r));
    xmlXPathFreeObject(r);
    r = query(
        doc, "/h:html/h:body/descendant::*[self::h:h1 or self::h:h2 or self::h:h3 or self::h:h4 or "
             "self::h:h5 or self::h:h6]");
    size_t longest = 0;
    for (int i = 0; i < count(r); i++) {
        char *t = text_of(r->nodesetval->nodeTab[i]);
        size_t n = octavo_utf8_length(t, strlen(t));
        if (n > longest)
            longest = n;
        xmlFree(t);
    }
    printf("longest-heading: %s %zu\n", name, longest);
    xmlXPathFreeObject(r);
    r = query(doc, "/h:html/h:body/descendant::text()[ancestor::h:p]");
    int gaps = 0;
    for (int i = 0; i < count(r); i++)
        gaps += han_gaps((const char *)r->nodesetval->nodeTab[i]->content);
    printf("han-space-han: %s %d\n", name, gaps);
    xmlXPathFreeObject(r);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The part of an href before '#'. */
static char *file_part(const char *href)
{
    size_t n = strcspn(href, "#");
    char *f = malloc(n + 1);
    memcpy(f, href, n);
    f[n] = '\0';
    return f;
}

static int contains(const char *text, const char *book)
{
    int err;
    zip_t *za = zip_open(book, ZIP_RDONLY, &err);
    if (!za)
        return 2;
    int found = 1;
    for (zip_int64_t i = 0; found && i < zip_get_num_entries(za, 0); i++) {
        size_t len;
        char *data = read_entry(za, zip_get_name(za, (zip_uint64_t)i, 0), &len);
        if (data && memmem(data, len, text, strlen(text)))
            found = 0;
        free(data);
    }
    zip_close(za);
    return found;
}

/* The manifest as id -> href, sorted by id, to look up each spine item
 * without a query per item (10,000 chapters). */
typedef struct manifest_entry {
    char *id, *href, *type;
} manifest_entry;

static int compare_entry(const void *a, const void *b)
{
    return strcmp(((const manifest_entry *)a)->id, ((const manifest_entry *)b)->id);
}

/* The ids of one content document, sorted, so checking every toc
 * fragment stays fast with 100,000 headings. */
typedef struct id_index {
    char path[1024];
    char **ids;
    int count;
} id_index;

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void id_index_free(id_index *x)
{
    for (int i = 0; i < x->count; i++)
        xmlFree(x->ids[i]);
    free(x->ids);
    x->ids = NULL;
    x->count = 0;
    x->path[0] = '\0';
}

static void id_index_load(id_index *x, zip_t *za, const char *path)
{
    if (strcmp(x->path, path) == 0)
        return;
    id_index_free(x);
    snprintf(x->path, sizeof x->path, "%s", path);
    xmlDocPtr doc = parse_entry(za, path);
    if (!doc)
        return;
    xmlXPathObjectPtr r = query(doc, "/descendant::*/@id");
    x->count = count(r);
    x->ids = calloc((size_t)x->count + 1, sizeof *x->ids);
    for (int i = 0; i < x->count; i++)
        x->ids[i] = text_of(r->nodesetval->nodeTab[i]);
    qsort(x->ids, (size_t)x->count, sizeof *x->ids, compare_str);
    xmlXPathFreeObject(r);
    xmlFreeDoc(doc);
}

static bool id_index_has(const id_index *x, const char *id);

/* Every link inside the book leads to a file of the book and to an id
 * that file has; every id of a file is unique. Links to other files are
 * reported: "link: EPUB/text/ch002.xhtml ch001.xhtml#the-end". */
static void check_links(xmlDocPtr doc, const char *name, zip_t *za)
{
    char dir[512] = "";
    const char *slash = strrchr(name, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s/", (int)(slash - name), name);
    xmlXPathObjectPtr ids = query(doc, "/descendant::*/@id");
    char **sorted = calloc((size_t)count(ids) + 1, sizeof *sorted);
    for (int i = 0; i < count(ids); i++)
        sorted[i] = text_of(ids->nodesetval->nodeTab[i]);
    qsort(sorted, (size_t)count(ids), sizeof *sorted, compare_str);
    for (int i = 1; i < count(ids); i++)
        if (strcmp(sorted[i - 1], sorted[i]) == 0)
            fail("%s: id '%s' is used twice", name, sorted[i]);
    for (int i = 0; i < count(ids); i++)
        xmlFree(sorted[i]);
    free(sorted);
    xmlXPathFreeObject(ids);

    id_index targets = {0};
    xmlXPathObjectPtr links = query(doc, "/descendant::h:a/@href");
    for (int i = 0; i < count(links); i++) {
        char *href = text_of(links->nodesetval->nodeTab[i]);
        if (strchr(href, ':')) { /* http:, mailto: */
            xmlFree(href);
            continue;
        }
        char *file = file_part(href);
        const char *frag = strchr(href, '#');
        char path[1024];
        if (*file)
            snprintf(path, sizeof path, "%s%s", dir, file);
        else
            snprintf(path, sizeof path, "%s", name);
        if (*file && !ends_with(name, "nav.xhtml"))
            printf("link: %s %s\n", name, href);
        if (zip_name_locate(za, path, 0) < 0) {
            fail("%s: link '%s' leads to no file of the book", name, href);
        } else if (frag && frag[1]) {
            id_index_load(&targets, za, path);
            if (!id_index_has(&targets, frag + 1))
                fail("%s: link '%s': no such id in %s", name, href, path);
        }
        free(file);
        xmlFree(href);
    }
    xmlXPathFreeObject(links);
    id_index_free(&targets);
}

static bool id_index_has(const id_index *x, const char *id)
{
    return x->count && bsearch(&id, x->ids, (size_t)x->count, sizeof *x->ids, compare_str);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--contains") == 0)
        return contains(argv[2], argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: epub_inspect BOOK.epub | --contains TEXT BOOK.epub\n");
        return 2;
    }
    int err;
    zip_t *za = zip_open(argv[1], ZIP_RDONLY, &err);
    if (!za) {
        printf("FAIL: %s: not a zip file\n", argv[1]);
        return 1;
    }
    check_mimetype(za);

    /* Every XML file must parse; content documents get language checks. */
    zip_int64_t entries = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < entries; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        if (name[0] == '/' || strstr(name, "../"))
            fail("%s: unsafe path in the zip", name);
        if (!ends_with(name, ".xhtml") && !ends_with(name, ".opf") && !ends_with(name, ".ncx") &&
            !ends_with(name, ".xml"))
            continue;
        xmlDocPtr doc = parse_entry(za, name);
        if (doc) {
            check_langs(doc, name, ends_with(name, ".xhtml"));
            if (ends_with(name, ".xhtml")) {
                report_structure(doc, name, za);
                check_links(doc, name, za);
                xmlXPathObjectPtr front = query(
                    doc, "/descendant::h:section[@epub:type='cover' or @epub:type='titlepage']");
                if (count(front) && front_page_count < 8) {
                    snprintf(front_pages[front_page_count++], 256, "%s", name);
                    printf("front page: %s\n", name);
                }
                xmlXPathFreeObject(front);
            }
            xmlFreeDoc(doc);
        }
    }

    xmlDocPtr container = parse_entry(za, "META-INF/container.xml");
    if (!container)
        return 1;
    xmlXPathObjectPtr r = query(container, "//c:rootfile/@full-path");
    if (count(r) != 1) {
        fail("container.xml has no rootfile");
        return 1;
    }
    char *opf_path = text_of(r->nodesetval->nodeTab[0]);
    xmlXPathFreeObject(r);
    xmlFreeDoc(container);
    xmlDocPtr opf = parse_entry(za, opf_path);
    if (!opf)
        return 1;
    /* Folder of the OPF, to resolve manifest hrefs. */
    char base[512] = "";
    const char *slash = strrchr(opf_path, '/');
    if (slash)
        snprintf(base, sizeof base, "%.*s/", (int)(slash - opf_path), opf_path);

    const char *required[][2] = {{"dc:identifier", "//dc:identifier"},
                                 {"dc:title", "//dc:title"},
                                 {"dc:language", "//dc:language"},
                                 {"dcterms:modified", "//opf:meta[@property='dcterms:modified']"}};
    for (size_t i = 0; i < 4; i++) {
        r = query(opf, required[i][1]);
        if (count(r) == 0)
            fail("package: no %s", required[i][0]);
        for (int j = 0; j < count(r); j++) {
            char *v = text_of(r->nodesetval->nodeTab[j]);
            if (strcmp(required[i][0], "dc:language") == 0 && !octavo_lang_is_valid(v))
                fail("package: dc:language \"%s\" is not a valid BCP 47 tag", v);
            printf("%s: %s\n", required[i][0], v);
            xmlFree(v);
        }
        xmlXPathFreeObject(r);
    }
    const char *optional[] = {"creator",     "subject",   "source", "date",
                              "description", "publisher", "rights"};
    for (size_t i = 0; i < sizeof optional / sizeof *optional; i++) {
        char expr[32];
        snprintf(expr, sizeof expr, "//dc:%s", optional[i]);
        r = query(opf, expr);
        for (int j = 0; j < count(r); j++) {
            char *v = text_of(r->nodesetval->nodeTab[j]);
            printf("dc:%s: %s\n", optional[i], v);
            xmlFree(v);
        }
        xmlXPathFreeObject(r);
    }

    /* The cover as Apple Books, Kindle and EPUB 3 readers look for it. */
    r = query(opf, "//opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]");
    if (count(r) > 1)
        fail("package: %d cover-image items", count(r));
    if (count(r) == 1) {
        char *href = attr(r->nodesetval->nodeTab[0], "href");
        char *id = attr(r->nodesetval->nodeTab[0], "id");
        printf("cover-image: %s\n", href);
        char expr[256];
        snprintf(expr, sizeof expr, "//opf:meta[@name='cover' and @content='%s']", id);
        xmlXPathObjectPtr meta = query(opf, expr);
        if (count(meta) != 1)
            fail("package: no <meta name=\"cover\" content=\"%s\"/> for the cover", id);
        xmlXPathFreeObject(meta);
        xmlXPathObjectPtr first = query(opf, "//opf:spine/opf:itemref[1]/@idref");
        char *first_id = count(first) ? text_of(first->nodesetval->nodeTab[0]) : NULL;
        if (!first_id || strcmp(first_id, "cover") != 0)
            fail("spine: the cover page is not first");
        xmlFree(first_id);
        xmlXPathFreeObject(first);
        xmlFree(href);
        xmlFree(id);
    }
    xmlXPathFreeObject(r);

    r = query(opf, "//opf:spine/@page-progression-direction");
    if (count(r)) {
        char *dir = text_of(r->nodesetval->nodeTab[0]);
        printf("page-progression-direction: %s\n", dir);
        xmlFree(dir);
    }
    xmlXPathFreeObject(r);
    r = query(opf, "//opf:item[@media-type='text/css']/@href");
    for (int i = 0; i < count(r); i++) {
        char *href = text_of(r->nodesetval->nodeTab[i]);
        printf("css: %s\n", href);
        xmlFree(href);
    }
    xmlXPathFreeObject(r);

    /* Embedded fonts must cover every character of every page's text. */
    r = query(opf, "//opf:item[starts-with(@media-type, 'font/') or "
                   "@media-type='application/font-sfnt' or "
                   "@media-type='application/vnd.ms-opentype']");
    if (count(r)) {
        hb_set_t *covered = hb_set_create();
        for (int i = 0; i < count(r); i++) {
            char *href = attr(r->nodesetval->nodeTab[i], "href");
            char *type = attr(r->nodesetval->nodeTab[i], "media-type");
            printf("font: %s %s\n", href, type);
            char path[1024];
            snprintf(path, sizeof path, "%s%s", base, href);
            size_t len;
            char *data = read_entry(za, path, &len);
            if (data) {
                hb_blob_t *blob =
                    hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
                hb_face_t *face = hb_face_create(blob, 0);
                hb_face_collect_unicodes(face, covered);
                hb_face_destroy(face);
                hb_blob_destroy(blob);
                free(data);
            }
            xmlFree(href);
            xmlFree(type);
        }
        int missing = 0;
        for (zip_int64_t k = 0; k < zip_get_num_entries(za, 0); k++) {
            const char *entry = zip_get_name(za, (zip_uint64_t)k, 0);
            if (!ends_with(entry, ".xhtml"))
                continue;
            xmlDocPtr page = parse_entry(za, entry);
            if (!page)
                continue;
            char *text = text_of(xmlDocGetRootElement(page));
            size_t n = strlen(text);
            for (size_t at = 0; at < n;) {
                uint32_t cp;
                size_t step = octavo_utf8_decode(text + at, n - at, &cp);
                if (!step)
                    step = 1;
                else if (cp > 0x20 && !hb_set_has(covered, cp)) {
                    if (missing < 5)
                        fail("%s: U+%04X is not in the embedded font", entry, cp);
                    missing++;
                    hb_set_add(covered, cp); /* once */
                }
                at += step;
            }
            xmlFree(text);
            xmlFreeDoc(page);
        }
        printf("font-missing: %d\n", missing);
        hb_set_destroy(covered);
    }
    xmlXPathFreeObject(r);

    /* The nav document and the spine. */
    r = query(opf, "//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]/@href");
    if (count(r) != 1) {
        fail("package: %d nav items", count(r));
        return 1;
    }
    char *nav_href = text_of(r->nodesetval->nodeTab[0]);
    xmlXPathFreeObject(r);
    char nav_path[1024];
    snprintf(nav_path, sizeof nav_path, "%s%s", base, nav_href);
    xmlDocPtr nav = parse_entry(za, nav_path);
    if (!nav)
        return 1;
    report_toc_tree(nav, za, opf, base);
    xmlXPathObjectPtr chapters = query(nav, "//h:nav[@epub:type='toc']/h:ol/h:li/h:a");
    xmlXPathObjectPtr sections =
        query(nav, "//h:nav[@epub:type='toc']/h:ol/h:li/h:ol/descendant::h:a");
    xmlXPathObjectPtr links = query(nav, "//h:nav[@epub:type='toc']/descendant::h:a");
    xmlXPathObjectPtr spine = query(opf, "//opf:spine/opf:itemref/@idref");
    int toc_index = 0, spine_chapters = 0;
    xmlXPathObjectPtr items = query(opf, "//opf:manifest/opf:item");
    int item_count = count(items);
    manifest_entry *manifest = calloc((size_t)item_count + 1, sizeof *manifest);
    for (int i = 0; i < item_count; i++) {
        manifest[i].id = attr(items->nodesetval->nodeTab[i], "id");
        manifest[i].href = attr(items->nodesetval->nodeTab[i], "href");
        manifest[i].type = attr(items->nodesetval->nodeTab[i], "media-type");
        if (manifest[i].type && strncmp(manifest[i].type, "image/", 6) == 0)
            printf("image: %s %s\n", manifest[i].href ? manifest[i].href : "", manifest[i].type);
        if (!manifest[i].id)
            manifest[i].id = (char *)xmlStrdup(BAD_CAST "");
    }
    xmlXPathFreeObject(items);
    qsort(manifest, (size_t)item_count, sizeof *manifest, compare_entry);
    for (int i = 0; i < count(spine); i++) {
        char *idref = text_of(spine->nodesetval->nodeTab[i]);
        manifest_entry key = {.id = idref};
        const manifest_entry *item =
            bsearch(&key, manifest, (size_t)item_count, sizeof *manifest, compare_entry);
        if (!item || !item->href) {
            fail("spine idref %s has no manifest item", idref);
        } else if (strcmp(item->href, nav_href) != 0) {
            const char *href = item->href;
            char full[1024];
            snprintf(full, sizeof full, "%s%s", base, href);
            if (is_front_page(full)) {
                xmlFree(idref);
                continue;
            }
            spine_chapters++;
            /* This spine item must be the next chapter in the toc. */
            bool found = false;
            while (toc_index < count(links) && !found) {
                char *a_href = attr(links->nodesetval->nodeTab[toc_index], "href");
                char *f = file_part(a_href);
                found = strcmp(f, href) == 0;
                free(f);
                xmlFree(a_href);
                toc_index++;
            }
            if (!found)
                fail("spine item %s is not in the toc (in spine order)", href);
        }
        xmlFree(idref);
    }
    for (int i = 0; i < item_count; i++) {
        xmlFree(manifest[i].id);
        xmlFree(manifest[i].href);
        xmlFree(manifest[i].type);
    }
    free(manifest);
    printf("chapters: %d\n", spine_chapters);
    for (int i = 0; i < count(chapters); i++) {
        char *t = text_of(chapters->nodesetval->nodeTab[i]);
        printf("toc: %d %s\n", i + 1, t);
        xmlFree(t);
    }
    id_index ids = {0};
    for (int i = 0; i < count(sections); i++) {
        char *t = text_of(sections->nodesetval->nodeTab[i]);
        char *href = attr(sections->nodesetval->nodeTab[i], "href");
        printf("section: %s\n", t);
        /* The fragment must exist in its file. */
        char *f = file_part(href);
        const char *frag = strchr(href, '#');
        char path[1024];
        snprintf(path, sizeof path, "%s%s", base, f);
        id_index_load(&ids, za, path);
        if (frag && !id_index_has(&ids, frag + 1))
            fail("toc link %s: no such id", href);
        free(f);
        xmlFree(href);
        xmlFree(t);
    }
    id_index_free(&ids);
    xmlXPathFreeObject(chapters);
    xmlXPathFreeObject(sections);
    xmlXPathFreeObject(spine);
    xmlXPathFreeObject(links);
    xmlFreeDoc(nav);
    xmlFreeDoc(opf);
    xmlFree(nav_href);
    xmlFree(opf_path);
    zip_close(za);
    return failures ? 1 : 0;
}
