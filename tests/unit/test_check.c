/* octavo check reads pages, the NCX and the package document as they
 * stream through libxml2, without trees: these books show it still finds
 * what a tree walk found, at the right lines, in files larger than one
 * piece of the stream. */
#include "buf.h"
#include "check.h"
#include "check_zip.h"
#include "diag.h"
#include "html_syntax.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

/* The package document with METADATA (dc:language and more) and MANIFEST
 * (items besides the nav, page and NCX). */
#define OPF(metadata, manifest)                                                                    \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "                             \
    "unique-identifier=\"pub-id\">\n"                                                              \
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"                                   \
    "<dc:identifier id=\"pub-id\">urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8</dc:identifier>\n" \
    "<dc:title>T</dc:title>\n" metadata                                                            \
    "<meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>\n"                            \
    "</metadata>\n"                                                                                \
    "<manifest>\n"                                                                                 \
    "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "                    \
    "properties=\"nav\"/>\n"                                                                       \
    "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"                \
    "<item id=\"ch1\" href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\"/>\n" manifest        \
    "</manifest>\n"                                                                                \
    "<spine toc=\"ncx\"><itemref idref=\"ch1\"/></spine>\n"                                        \
    "</package>\n"

#define GOOD_OPF OPF("<dc:language>en</dc:language>\n", "")

#define PAGE_HEAD                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"                  \
    "<head><title>T</title></head>\n<body>\n"
#define PAGE(body) PAGE_HEAD body "</body>\n</html>\n"

/* The toc is inside a section and the landmark inside a span: a link
 * belongs to the nav around it, however deep. */
#define GOOD_NAV                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "    \
    "xml:lang=\"en\" lang=\"en\">\n<head><title>C</title></head>\n<body>\n"                        \
    "<section><nav epub:type=\"toc\"><ol><li><a href=\"ch1.xhtml#top\">One</a></li></ol></nav>"    \
    "</section>\n"                                                                                 \
    "<nav epub:type=\"landmarks\"><ol><li><a epub:type=\"bodymatter\" "                            \
    "href=\"ch1.xhtml\"><span>One</span></a></li></ol></nav>\n"                                    \
    "</body>\n</html>\n"

#define GOOD_NCX                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"><head/>"               \
    "<docTitle><text>T</text></docTitle><navMap><navPoint id=\"n1\"><navLabel><text>One</text>"    \
    "</navLabel><content src=\"ch1.xhtml\"/></navPoint></navMap></ncx>\n"

static const char *book_path;
/* container.xml of the next book (CHECK_ZIP_CONTAINER unless a test says otherwise). */
static const char *container_xml = CHECK_ZIP_CONTAINER;

/* Writes a book of these files and returns octavo check's findings, one
 * "path:line: CODE" per line; *errors and *warnings get the counts. */
static char *check_book(const char *opf, const char *page, const char *nav, const char *ncx,
                        size_t *errors, size_t *warnings)
{
    const check_zip_file files[] = {{"mimetype", "application/epub+zip"},
                                    {"META-INF/container.xml", container_xml},
                                    {"EPUB/package.opf", opf},
                                    {"EPUB/nav.xhtml", nav},
                                    {"EPUB/toc.ncx", ncx},
                                    {"EPUB/ch1.xhtml", page}};
    return check_zip(book_path, files, sizeof files / sizeof *files, errors, warnings);
}

/* A page of `lines` paragraphs and then `tail`: several pieces of the
 * stream, and more lines than libxml2's nodes can number (65,535). */
static char *long_page(size_t lines, const char *tail)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_puts(&b, PAGE_HEAD); /* 4 lines */
    for (size_t i = 0; i < lines; i++)
        octavo_buf_puts(&b, "<p>Some text of a long chapter.</p>\n");
    octavo_buf_puts(&b, tail);
    octavo_buf_puts(&b, "</body>\n</html>\n");
    return octavo_buf_detach(&b);
}

/* `doc` with a doctype for `root` after its first line (the XML
 * declaration), declaring entities DECLS. */
static char *with_doctype(const char *doc, const char *root, const char *decls)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    const char *nl = strchr(doc, '\n');
    octavo_buf_append(&b, doc, (size_t)(nl - doc) + 1);
    octavo_buf_printf(&b, "<!DOCTYPE %s [\n%s]>\n", root, decls);
    octavo_buf_puts(&b, nl + 1);
    return octavo_buf_detach(&b);
}

/* "Billion laughs": l9 is a billion "lol"s, nine levels of ten
 * references (one line each). */
#define BOMB                                                                                       \
    "<!ENTITY l0 \"lol\">\n"                                                                       \
    "<!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"                                  \
    "<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"                                  \
    "<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"                                  \
    "<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"                                  \
    "<!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"                                  \
    "<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"                                  \
    "<!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"                                  \
    "<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"                                  \
    "<!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"

#define BOMB_FINDING                                                                               \
    "RSC-016 not well-formed: its entities loop or expand too far (the limit: 64000 "              \
    "expansions, 10 MB of text): an entity bomb?\n"

#define CROWDED_FINDING                                                                            \
    "RSC-016 not read: an element has more than 116 attributes, or more than 80 namespaces are "   \
    "in "                                                                                          \
    "scope\n"

/* A string of `n` copies of `c` between `before` and `after`. */
static char *long_token(const char *before, char c, size_t n, const char *after)
{
    size_t a = strlen(before), z = strlen(after);
    char *s = malloc(a + n + z + 1);
    if (!s)
        exit(1);
    memcpy(s, before, a);
    memset(s + a, c, n);
    memcpy(s + a + n, after, z + 1);
    return s;
}

/* `doc` with the first `at` replaced by `with`. */
static char *replaced(const char *doc, const char *at, const char *with)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    const char *p = strstr(doc, at);
    octavo_buf_append(&b, doc, (size_t)(p - doc));
    octavo_buf_puts(&b, with);
    octavo_buf_puts(&b, p + strlen(at));
    return octavo_buf_detach(&b);
}

/* `doc` with the first `at` replaced by `with` and then BOMB declared
 * in a doctype for `root`. */
static char *bombed(const char *doc, const char *at, const char *with, const char *root);

/* `doc` with `text` before the first `at`. */
static char *inserted(const char *doc, const char *at, const char *text)
{
    const char *p = strstr(doc, at);
    octavo_buf b = OCTAVO_BUF_INIT;
    octavo_buf_append(&b, doc, (size_t)(p - doc));
    octavo_buf_puts(&b, text);
    octavo_buf_puts(&b, p);
    return octavo_buf_detach(&b);
}

static char *bombed(const char *doc, const char *at, const char *with, const char *root)
{
    char *changed = replaced(doc, at, with);
    char *out = with_doctype(changed, root, BOMB);
    free(changed);
    return out;
}

/* The page with BODY (from line 5) has exactly one finding, WANT
 * ("line: CODE message", its start). */
#define ONE_FINDING(body, want)                                                                    \
    do {                                                                                           \
        char *got_ = check_book(GOOD_OPF, PAGE("<p id=\"top\">x</p>" body), GOOD_NAV, GOOD_NCX,    \
                                &errors, &warnings);                                               \
        CHECK_HAS(got_, "EPUB/ch1.xhtml:" want);                                                   \
        CHECK_INT(errors + warnings, 1);                                                           \
        free(got_);                                                                                \
    } while (0)

/* AddressSanitizer reserves terabytes of address space. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* octavo check accepts every form HTML's time element allows, and only
 * those (a false error on another tool's book is a wrong finding). */
static void test_datetime_forms(void)
{
    static const char *const valid[] = {"2020",
                                        "2020-02",
                                        "2020-02-29",
                                        "13:05",
                                        "--02-29",
                                        "2020-W09",
                                        "+08:00",
                                        "Z",
                                        "PT4H18M",
                                        "P2D",
                                        "4h 18m 3s",
                                        "2020-02-29 13:05",
                                        "2020-02-29T13:05:09.5+08:00",
                                        "PT1.5S"};
    static const char *const invalid[] = {
        "not a date", "P", "PT", "2020-13", "2020-02-30", "4x", "2020-W60", "--13-01", ""};
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
        if (!octavo_html_datetime(valid[i]))
            CHECK_STR("rejected", valid[i]);
    for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
        if (octavo_html_datetime(invalid[i]))
            CHECK_STR("accepted", invalid[i]);
}

int main(void)
{
#ifndef UNDER_ASAN
    /* Memory is bounded whatever the book: a check that builds a tree of
     * a file, or keeps one whole, fails here rather than swapping CI. */
    struct rlimit limit = {256u << 20, 256u << 20};
    setrlimit(RLIMIT_AS, &limit);
#endif
    char dir[] = "/tmp/octavo-test-check-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[64];
    snprintf(path, sizeof path, "%s/book.epub", dir);
    book_path = path;
    size_t errors, warnings;
    char *got;

    /* The book all the others break. */
    got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors,
                     &warnings);
    CHECK_STR(got, "");
    CHECK_INT(errors + warnings, 0);
    free(got);

    /* A page of 70,000 lines (2.5 MB): what its end says is found, at its
     * own line. */
    char *page = long_page(70000, "<p lang=\"en_US\" id=\"top\">x</p>\n<p id=\"top\">y</p>\n"
                                  "<a href=\"ch1.xhtml#nowhere\">z</a>\n");
    got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/ch1.xhtml:70005: RSC-005 lang \"en_US\" is not a well-formed");
    /* (each element of the id said, as epubcheck does) */
    CHECK_HAS(got, "EPUB/ch1.xhtml:0: RSC-005 Duplicate ID \"top\"\nEPUB/ch1.xhtml:0: RSC-005 "
                   "Duplicate ID \"top\"");
    CHECK_HAS(got, "EPUB/ch1.xhtml:70007: RSC-012 fragment \"nowhere\"");
    CHECK_INT(errors, 4);
    free(got);
    free(page);

    /* Findings are diags: a book with a broken link per line keeps the
     * first OCTAVO_DIAGS_MAX of them and counts them all. */
    octavo_buf links = OCTAVO_BUF_INIT;
    for (int i = 0; i < OCTAVO_DIAGS_MAX + 100; i++)
        octavo_buf_printf(&links, "<a href=\"ch1.xhtml#no%d\">x</a>\n", i);
    octavo_buf_puts(&links, "<p id=\"top\">t</p>\n");
    page = long_page(0, octavo_buf_cstr(&links));
    got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_INT(errors, OCTAVO_DIAGS_MAX + 100);
    size_t kept = 0;
    for (const char *p = got; (p = strstr(p, ": RSC-012 ")); p++)
        kept++;
    CHECK_INT(kept, OCTAVO_DIAGS_MAX);
    CHECK_HAS(got, "EPUB/ch1.xhtml:5: RSC-012 fragment \"no0\"");
    free(got);
    free(page);
    octavo_buf_free(&links);

    /* A page that is not well-formed says only that: nothing read before
     * the error counts. */
    got = check_book(GOOD_OPF, PAGE("<p lang=\"en_US\" id=\"top\">x</p>\n<p>y</q>\n"), GOOD_NAV,
                     GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/ch1.xhtml:6: RSC-016 not well-formed");
    CHECK_LACKS(got, "en_US");
    CHECK_INT(errors, 1);
    free(got);

    /* Not XHTML at the root: said once, its links not followed. */
    got = check_book(GOOD_OPF,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<a "
                     "xmlns=\"http://www.w3.org/1999/xhtml\" href=\"missing.xhtml\">x</a></svg>\n",
                     GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/ch1.xhtml:1: RSC-005 the root element must be html");
    CHECK_LACKS(got, "RSC-007");
    free(got);

    /* An entity the page declares itself is no error. */
    got = check_book(GOOD_OPF,
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY who \"Ann\">]>\n"
                     "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">"
                     "<head><title>T</title></head><body><p id=\"top\">&who;</p></body></html>\n",
                     GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_STR(got, "");
    free(got);

    /* The package document's text is all the text of an element, however
     * written; its lines are those of its elements. */
    got = check_book(OPF("<dc:language>zh-<![CDATA[Hant]]></dc:language>\n", ""),
                     PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_STR(got, "");
    free(got);
    got = check_book(OPF("<dc:language>en</dc:language>\n<dc:language>\n C \n</dc:language>\n", ""),
                     PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/package.opf:7: OPF-092 language tag \"C\" is not well-formed");
    CHECK_INT(errors, 1);
    free(got);

    /* Manifest items are checked; an unknown item among them too. */
    got = check_book(
        OPF("<dc:language>en</dc:language>\n",
            "<item id=\"ch1\" href=\"gone.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
            "<item href=\"x.css\"/>\n"),
        PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/package.opf:13: RSC-001 file \"gone.xhtml\" could not be found");
    CHECK_HAS(got, "EPUB/package.opf:14: RSC-005 element \"item\" missing required attribute "
                   "\"media-type\"");
    CHECK_HAS(got, "EPUB/package.opf:13: RSC-005 Duplicate ID \"ch1\"");
    free(got);

    /* The NCX: read for being well-formed. */
    got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV,
                     "<?xml version=\"1.0\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\">"
                     "\n<navMap>\n</ncx>\n",
                     &errors, &warnings);
    CHECK_HAS(got, "EPUB/toc.ncx:4: RSC-016 not well-formed");
    CHECK_INT(errors, 1);
    free(got);

    /* A toc nav that links nowhere in the spine: the page is not reached,
     * which epubcheck reports as a usage (OPF-058), neither error nor
     * warning: a book may leave pages out of its contents. */
    got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"),
                     "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                     "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"en\" lang=\"en\">"
                     "<head><title>C</title></head><body><nav epub:type=\"toc\" id=\"toc\"><ol><li>"
                     "<a href=\"#toc\">Me</a></li></ol></nav><nav epub:type=\"page-list\">"
                     "<ol><li><a href=\"ch1.xhtml\">1</a></li></ol></nav></body></html>\n",
                     GOOD_NCX, &errors, &warnings);
    CHECK_HAS(got, "EPUB/ch1.xhtml:0: OPF-058 spine item is not reached");
    CHECK_INT(errors + warnings, 0);
    free(got);

    /* Entity bombs, in each XML file of the book: said at the reference,
     * at once (they took minutes and gigabytes each). Nothing else is said:
     * the file is not read further. */
    {
        page = with_doctype(PAGE("<p id=\"top\">&l9;</p>\n"), "html", BOMB);
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:17: " BOMB_FINDING);
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(page);
        /* in an attribute value, where libxml2 always expands them */
        page = with_doctype(PAGE("<p id=\"top\" title=\"&l9;\">x</p>\n"), "html", BOMB);
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:17: " BOMB_FINDING);
        free(got);
        free(page);
        char *nav = bombed(GOOD_NAV, "<title>C</title>", "<title>&l9;</title>", "html");
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), nav, GOOD_NCX, &errors,
                         &warnings);
        CHECK_STR(got, "EPUB/nav.xhtml:15: " BOMB_FINDING);
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(nav);
        char *ncx = bombed(GOOD_NCX, "<text>T</text>", "<text>&l9;</text>", "ncx");
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, ncx, &errors,
                         &warnings);
        CHECK_STR(got, "EPUB/toc.ncx:14: " BOMB_FINDING);
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(ncx);
        char *opf = bombed(GOOD_OPF, "<dc:title>T", "<dc:title>&l9;", "package");
        got = check_book(opf, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors,
                         &warnings);
        CHECK_STR(got, "EPUB/package.opf:17: " BOMB_FINDING);
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(opf);
        char *container =
            bombed(CHECK_ZIP_CONTAINER, "<rootfiles>", "<rootfiles a=\"&l9;\">", "container");
        container_xml = container;
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors,
                         &warnings);
        CHECK_STR(got, "META-INF/container.xml:15: " BOMB_FINDING);
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(container);
        container_xml = CHECK_ZIP_CONTAINER;
        /* Entities that refer to each other: libxml2 finds the loop. */
        page = with_doctype(PAGE("<p id=\"top\">&a;</p>\n"), "html",
                            "<!ENTITY a \"x&b;\">\n<!ENTITY b \"y&a;\">\n");
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:9: " BOMB_FINDING);
        free(got);
        free(page);
        /* A page that uses its entity a thousand times is no bomb. */
        octavo_buf many = OCTAVO_BUF_INIT;
        octavo_buf_puts(&many, "<p id=\"top\">");
        for (int i = 0; i < 1000; i++)
            octavo_buf_puts(&many, "&who; ");
        octavo_buf_puts(&many, "</p>\n");
        char *body = octavo_buf_detach(&many);
        char *doc = inserted(PAGE(""), "</body>", body);
        page = with_doctype(doc, "html", "<!ENTITY who \"Ann &amp; Bob\">\n");
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "");
        free(got);
        free(page);
        free(doc);
        free(body);
    }

    /* External entities: never read, and not allowed in EPUB 3 (as
     * epubcheck's HTM-003); in EPUB 2 they are not said. */
    {
        page = with_doctype(PAGE("<p id=\"top\">&ext;</p>\n"), "html",
                            "<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n"
                            "<!ENTITY % pe SYSTEM \"http://example.com/x.dtd\">\n%pe;\n");
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:3: HTM-003 external entities are not allowed in EPUB 3 "
                       "documents: \"ext\" is declared\n");
        free(got);
        char *opf2 = replaced(GOOD_OPF, "version=\"3.0\"", "version=\"2.0\"");
        got = check_book(opf2, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_LACKS(got, "HTM-003");
        free(got);
        free(opf2);
        free(page);
    }

    /* Long tokens (600 KB: more than one of libxml2's reads, and more
     * than one of the pieces the push parser was given) in a page, the
     * package document and the NCX: read whole; nothing to say. */
    {
        char *cdata = long_token("<![CDATA[", 'x', 600000, "]]>");
        char *comment = long_token("<!--", 'x', 600000, "-->");
        char *attribute = long_token(" title=\"", 'x', 600000, "\"");
        /* where each goes: text in the page, the OPF's dc:title and the
         * NCX's docTitle; an attribute of a p, a guide reference and
         * navMap */
        const char *tokens[] = {cdata, comment, attribute};
        const char *page_at[] = {"</p>", "</p>", ">One.</p>"};
        const char *opf_at[] = {"</dc:title>", "</metadata>", "/></guide>"};
        const char *ncx_at[] = {"</docTitle>", "</docTitle>", "><navPoint"};
        for (size_t k = 0; k < 3; k++) {
            page = inserted(PAGE("<p id=\"top\">One.</p>\n"), page_at[k], tokens[k]);
            char *guided =
                inserted(GOOD_OPF, "</package>",
                         "<guide><reference type=\"text\" href=\"ch1.xhtml\"/></guide>\n");
            char *opf = inserted(guided, opf_at[k], tokens[k]);
            free(guided);
            char *ncx = inserted(GOOD_NCX, ncx_at[k], tokens[k]);
            got = check_book(opf, page, GOOD_NAV, ncx, &errors, &warnings);
            /* (but that the guide is outdated, a usage) */
            CHECK_STR(got, "EPUB/package.opf:15: OBS-001 the OPF 2 \"guide\" element is an "
                           "outdated feature; it may not be supported\n");
            free(got);
            free(page);
            free(opf);
            free(ncx);
        }
        free(cdata);
        free(comment);
        free(attribute);
    }

    /* One CDATA section of 30 MB (30 KB zipped): past libxml2's limit on
     * one token (10 MB), said at once. Read in pieces by the push parser,
     * it took minutes. */
    {
        char *cdata = long_token("<![CDATA[", 'x', 30 * 1000 * 1000, "]]>");
        page = inserted(PAGE("<p id=\"top\">One.</p>\n"), "</p>", cdata);
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:5: RSC-016 not well-formed: CData section too big found\n");
        CHECK_INT(errors + warnings, 1);
        free(got);
        free(page);
        free(cdata);
    }

    /* Elements with many attributes or namespaces: libxml2 compares each
     * attribute with every other, and looks prefixes up among all the
     * namespaces in scope. 116 attributes and 80 namespaces are read;
     * past that the page is refused, at the line libxml2 is at when it
     * asks for more of the page (a small page: its end). 100,000
     * attributes on one element (a 1 MB page) took over 30 s. */
    {
        static const struct {
            bool ns; /* namespaces, or attributes */
            size_t count;
            bool refused;
        } cases[] = {
            {false, 115, false},                                           /* (with id: 116) */
            {false, 116, true},  {false, 100000, true}, {true, 79, false}, /* (and XHTML's) */
            {true, 80, true},    {true, 100000, true},
        };
        for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
            octavo_buf attrs = OCTAVO_BUF_INIT;
            for (size_t i = 0; i < cases[k].count; i++) {
                if (cases[k].ns)
                    octavo_buf_printf(&attrs, " xmlns:a%zu=\"urn:%zu\"", i, i);
                else
                    octavo_buf_printf(&attrs, " a%zu=\"\"", i);
            }
            char *text = octavo_buf_detach(&attrs);
            page = inserted(PAGE("<p id=\"top\">One.</p>\n"), ">One.</p>", text);
            got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
            CHECK_STR(got, !cases[k].refused       ? ""
                           : cases[k].count > 1000 ? "EPUB/ch1.xhtml:5: " CROWDED_FINDING
                                                   : "EPUB/ch1.xhtml:8: " CROWDED_FINDING);
            free(got);
            free(page);
            free(text);
        }
        /* Through a doctype: the defaults it declares, and an entity's text
         * (which libxml2 parses apart). */
        octavo_buf decls = OCTAVO_BUF_INIT, tag = OCTAVO_BUF_INIT;
        octavo_buf_puts(&decls, "<!ATTLIST p");
        octavo_buf_puts(&tag, "<!ENTITY e \"<b");
        for (size_t i = 0; i < 117; i++) {
            octavo_buf_printf(&decls, " a%zu CDATA \"x\"", i);
            octavo_buf_printf(&tag, " a%zu=''", i);
        }
        octavo_buf_puts(&decls, ">\n");
        octavo_buf_puts(&tag, "/>\">\n");
        page = with_doctype(PAGE("<p id=\"top\">One.</p>\n"), "html", decls.data);
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:3: " CROWDED_FINDING);
        free(got);
        free(page);
        page = with_doctype(PAGE("<p id=\"top\">&e;</p>\n"), "html", tag.data);
        got = check_book(GOOD_OPF, page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:3: " CROWDED_FINDING);
        free(got);
        free(page);
        octavo_buf_free(&decls);
        octavo_buf_free(&tag);
    }

    /* container.xml of 2,500,000 elements (27 MB, 27 KB zipped) before its
     * rootfile: read as it streams by (as a tree it took 350 MB). They are
     * in an element container.xml may not have: said once, as Jing does. */
    {
        static const char junk[] = "<junkitem/>";
        size_t n = 2500000, k = sizeof junk - 1;
        char *many = malloc(n * k + 16);
        if (!many)
            return 1;
        memcpy(many, "<junk>", 6);
        for (size_t i = 0; i < n; i++)
            memcpy(many + 6 + i * k, junk, k);
        strcpy(many + 6 + n * k, "</junk>");
        char *container = inserted(CHECK_ZIP_CONTAINER, "<rootfile ", many);
        free(many);
        container_xml = container;
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), GOOD_NAV, GOOD_NCX, &errors,
                         &warnings);
        CHECK_STR(got, "META-INF/container.xml:3: RSC-005 element \"junk\" not allowed anywhere\n");
        free(got);
        free(container);
        container_xml = CHECK_ZIP_CONTAINER;
    }

    /* What the sanitizer keeps raw HTML to (issue #18, class 7), checked
     * again: first a page using each rule rightly, with no finding. */
    char *labelled_nav = replaced(
        GOOD_NAV, ">One</a></li></ol></nav>",
        "> One <span>1</span></a></li><li><a href=\"ch1.xhtml\" aria-label=\"One\"> </a>"
        "</li><li><a href=\"ch1.xhtml\"><img src=\"ch1.xhtml\" alt=\"One\"/></a></li></ol></nav>");
    got = check_book(
        GOOD_OPF,
        PAGE(
            "<p id=\"top\">x</p>\n"
            "<dl><dt>T</dt><dt>U</dt><dd>D</dd><dd>E</dd>\n<dt>V</dt><dd>F</dd></dl>\n"
            "<dl>\n<div><dt>A</dt><dd>B</dd></div>\n<div><dt>C</dt><dd>D</dd></div>\n</dl>\n<dl/>\n"
            "<figure><figcaption>C</figcaption><p>x</p></figure>\n"
            "<figure>\n<p>x</p>\n<figcaption>C</figcaption>\n</figure>\n<figure>y</figure>\n"
            "<p><ruby>\xe6\xbc\xa2<rp>(</rp><rt>kan</rt><rp>)</rp>\xe5\xad\x97<rt>ji</rt></ruby>"
            "<ruby>a<rt>b</rt><rp>(</rp></ruby></p>\n"
            "<table>\n<caption>C</caption>\n<colgroup span=\"2\"></colgroup>\n"
            "<colgroup><col span=\"1\"/><col/></colgroup>\n"
            "<thead><tr><th colspan=\"2\">H</th></tr></thead>\n"
            "<tbody><tr><td rowspan=\"0\">a</td><td colspan=\"1000\">b</td></tr></tbody>\n"
            "<tbody>\n<tr>\n<td rowspan=\"65534\">c</td></tr></tbody>\n"
            "<tfoot><tr><td>f</td><td>g</td></tr></tfoot>\n</table>\n"
            "<table><tr><td>1</td></tr><tr><th>2</th></tr></table>\n"
            "<ul>\n<li>a</li>\n</ul><ol><li>b</li></ol>\n"
            "<p>a<br/>b<wbr></wbr>c<br> </br></p><hr/>\n"
            "<p><time datetime=\"2020\">y</time><time datetime=\"2020-02\">m</time>"
            "<time datetime=\"13:05\">t</time><time datetime=\"13:05:09.123\">t</time>"
            "<ins datetime=\"2020-02-29T13:05:09.5+08:00\">i</ins>"
            "<del datetime=\"2020-02-29\">d</del><time datetime=\"2020-02-29T13:05Z\">z</time>"
            "</p>\n"
            "<p><a href=\"https://example.com/a%20b?q=1&amp;r=%C3%A9\">x</a>"
            "<q cite=\"https://example.com/\">q</q><a href=\"#top\"> </a></p>\n"),
        labelled_nav, GOOD_NCX, &errors, &warnings);
    CHECK_STR(got, "");
    free(got);
    free(labelled_nav);

    /* Content models, each at the line of what breaks it. */
    ONE_FINDING("<dl>\n<dd>D</dd></dl>\n", "6: RSC-005 element \"dd\" not allowed here; a dd must");
    ONE_FINDING("<dl><dt>T</dt>\n</dl>\n",
                "6: RSC-005 element \"dl\" incomplete; missing required element \"dd\"");
    ONE_FINDING("<dl><dt>T</dt><dd>D</dd>\n<div><dt>A</dt><dd>B</dd></div></dl>\n",
                "6: RSC-005 element \"div\" not allowed here");
    ONE_FINDING("<dl><div><dt>A</dt>\n<p>B</p><dd>C</dd></div></dl>\n",
                "6: RSC-005 element \"p\" not allowed here; \"div\" holds only dt and dd");
    ONE_FINDING("<dl>\nx<dt>T</dt><dd>D</dd></dl>\n", "6: RSC-005 text not allowed here; \"dl\"");
    ONE_FINDING("<figure><figcaption>a</figcaption><p>x</p>\n<figcaption>b</figcaption></figure>\n",
                "6: RSC-005 element \"figcaption\" not allowed here; a figure holds at most one");
    ONE_FINDING("<figure><p>x</p>\n<figcaption>c</figcaption>\n<p>y</p></figure>\n",
                "6: RSC-005 element \"figcaption\" not allowed here; it must be the first or last");
    ONE_FINDING("<p><ruby>a\n<rp>(</rp>b<rt>k</rt></ruby></p>\n",
                "6: RSC-005 element \"rp\" not allowed here; an rp must be just before or after");
    ONE_FINDING("<p><ruby>a<rt>k</rt>b\n<rp>(</rp></ruby></p>\n",
                "6: RSC-005 element \"rp\" not allowed here");
    ONE_FINDING("<table><tr><td>a</td></tr>\n<thead><tr><th>h</th></tr></thead></table>\n",
                "6: RSC-005 element \"thead\" not allowed here; a table holds caption?");
    ONE_FINDING("<table><caption>a</caption>\n<caption>b</caption><tr><td>x</td></tr></table>\n",
                "6: RSC-005 element \"caption\" not allowed here");
    ONE_FINDING("<table><tbody><tr><td>x</td></tr></tbody>\n<tr><td>y</td></tr></table>\n",
                "6: RSC-005 element \"tr\" not allowed here; a table holds tbody or tr, not both");
    ONE_FINDING("<table><tr><td>a</td></tr>\n<tfoot><tr><td>b</td></tr></tfoot>\n"
                "<tfoot><tr><td>c</td></tr></tfoot></table>\n",
                "7: RSC-005 element \"tfoot\" not allowed here");
    ONE_FINDING("<table><tr><td>a</td></tr>\nx</table>\n",
                "6: RSC-005 text not allowed here; \"table\" holds only caption");
    ONE_FINDING("<table><tbody>\n<td>a</td></tbody></table>\n",
                "6: RSC-005 element \"td\" not allowed here; \"tbody\" holds only tr elements");
    ONE_FINDING("<table><tr>\n<p>a</p></tr></table>\n",
                "6: RSC-005 element \"p\" not allowed here; \"tr\" holds only td and th");
    ONE_FINDING("<ul>\n<p>a</p></ul>\n",
                "6: RSC-005 element \"p\" not allowed here; \"ul\" holds only li elements");
    ONE_FINDING("<ol><li>a</li>\nb</ol>\n",
                "6: RSC-005 text not allowed here; \"ol\" holds only li");
    ONE_FINDING("<table><colgroup>\n<p>a</p></colgroup><tr><td>a</td></tr></table>\n",
                "6: RSC-005 element \"p\" not allowed here; \"colgroup\" holds only col");
    ONE_FINDING("<table><colgroup span=\"2\">\n<col/></colgroup><tr><td>a</td></tr></table>\n",
                "6: RSC-005 element \"col\" not allowed here; a colgroup with a span");
    ONE_FINDING("<p>a<br>\n<span>b</span></br></p>\n",
                "6: RSC-005 element \"span\" not allowed here; \"br\" must be empty");
    ONE_FINDING("<hr>\nb</hr>\n", "6: RSC-005 text not allowed here; \"hr\" must be empty");

    /* Attribute values. */
    ONE_FINDING("<table><tr>\n<td colspan=\"0\">a</td></tr></table>\n",
                "6: RSC-005 value of attribute \"colspan\" is invalid; it must be an integer "
                "from 1 to 1000, not \"0\"");
    ONE_FINDING("<table><tr>\n<td rowspan=\"65535\">a</td></tr></table>\n",
                "6: RSC-005 value of attribute \"rowspan\" is invalid");
    ONE_FINDING("<table><tr>\n<td rowspan=\"-0\">a</td></tr></table>\n",
                "6: RSC-005 value of attribute \"rowspan\" is invalid");
    ONE_FINDING("<table><colgroup>\n<col span=\"1001\"/></colgroup><tr><td>a</td></tr></table>\n",
                "6: RSC-005 value of attribute \"span\" is invalid");
    ONE_FINDING("<div>\n<p colspan=\"2\">a</p></div>\n",
                "6: RSC-005 attribute \"colspan\" not allowed on element \"p\"");
    ONE_FINDING("<table><tr>\n<td span=\"2\">a</td></tr></table>\n",
                "6: RSC-005 attribute \"span\" not allowed on element \"td\"");
    ONE_FINDING("<p>\n<time datetime=\"2020-13\">a</time></p>\n",
                "6: RSC-005 value of attribute \"datetime\" is invalid; \"2020-13\" is not a date");
    ONE_FINDING("<p>\n<ins datetime=\"yesterday\">a</ins></p>\n",
                "6: RSC-005 value of attribute \"datetime\" is invalid");
    ONE_FINDING("<p>\n<del datetime=\"2021-02-29\">a</del></p>\n",
                "6: RSC-005 value of attribute \"datetime\" is invalid");
    ONE_FINDING("<p>\n<del datetime=\"2020-02-29T24:00\">a</del></p>\n",
                "6: RSC-005 value of attribute \"datetime\" is invalid");
    ONE_FINDING("<p>\n<del datetime=\"2020-\">a</del></p>\n",
                "6: RSC-005 value of attribute \"datetime\" is invalid");

    /* URLs. */
    ONE_FINDING("<p>\n<a href=\"https://example.com/a b\">x</a></p>\n",
                "6: RSC-020 \"https://example.com/a b\" is not a valid URL");
    ONE_FINDING("<p>\n<a href=\"https://example.com/%zz\">x</a></p>\n",
                "6: RSC-020 \"https://example.com/%zz\" is not a valid URL");
    ONE_FINDING("<p>\n<a href=\"https://example.com/%4\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<q cite=\"https://example.com/&lt;\">x</q></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<q cite=\"https://example.com/&quot;\">x</q></p>\n", "6: RSC-020");
    /* URL attributes are trimmed (href=" " is the page itself); a data URL
     * is any text, but its media type needs a fallback as a file's does */
    ONE_FINDING("<p>\n<a href=\" \">a</a><img src=\"data:image/tiff;base64,SUkqAA==\" alt=\"x\"/>"
                "<img src=\"data:image/gif;utf8,&lt;?\" alt=\"y\"/></p>\n",
                "6: RSC-032");
    /* cite: a resource of the book when local, anything when remote */
    ONE_FINDING("<blockquote cite=\"https://example.com/q\"><p>a</p></blockquote>\n"
                "<p><q cite=\"missing.xhtml\">q</q></p>\n",
                "6: RSC-007");
    /* (a tab inside the URL; one at its end is trimmed, as HTML and
     * EPUBCheck read URLs) */
    ONE_FINDING("<p>\n<a href=\"https://example.com/a&#9;b\">x</a></p>\n", "6: RSC-020");
    /* what java.net.URI refuses, as epubcheck 4.2.6 does */
    ONE_FINDING("<p>\n<a href=\"https://hub.docker.com/\\_/busybox/\">x</a></p>\n",
                "6: RSC-020 \"https://hub.docker.com/\\_/busybox/\" is not a valid URL");
    ONE_FINDING("<p>\n<a href=\"https://example.com/a^b\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<a href=\"https://example.com/a`b\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<a href=\"https://example.com/{a|b}\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<a href=\"https://example.com/a[1]\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING("<p>\n<a href=\"https://example.com/a#b#c\">x</a></p>\n", "6: RSC-020");
    ONE_FINDING(
        "<p>\n<a href=\"https://[::1]/a#b\">x</a><a href=\"https://e.com/x\\y\">y</a></p>\n",
        "6: RSC-020 \"https://e.com/x\\y\" is not a valid URL"); /* an IPv6 host is one */

    /* A fixed-layout page's viewport, read as EPUB 3.3 D.1 says (the
     * scenarios of EPUBCheck 5's F-viewport-meta-tag/viewport-syntax
     * .feature; epubcheck-ts and 4.2.6 read it more loosely). */
    {
        static const struct {
            const char *viewport;
            bool readable;
        } viewports[] = {
            {"width=1200, height=600", true},
            {"width=1200   height=600", true},
            {"width=1200, ;height=600", true},
            {"  width = 1200 ;;; height\t=\t600 ", true},
            {"", false},
            {"width==1200, height=600", false},
            {"width=1200=1, height=600", false},
            {"width, height=600", false},
            {"width=1200 600, height=600", false},
            {"width=1200, height=600, p1=", false},
            {"=1200, height=600", false},
            {"width=1200, =600", false},
            {",width=1200, height=600", false},
            {"width=1200, height=600;", false},
        };
        for (size_t i = 0; i < sizeof viewports / sizeof *viewports; i++) {
            char head[160];
            snprintf(head, sizeof head, "<title>T</title><meta name=\"viewport\" content=\"%s\"/>",
                     viewports[i].viewport);
            char *fxl_page = replaced(PAGE("<p id=\"top\">One.</p>\n"), "<title>T</title>", head);
            got =
                check_book(OPF("<dc:language>en</dc:language>\n<meta property=\"rendition:layout\">"
                               "pre-paginated</meta>\n",
                               ""),
                           fxl_page, GOOD_NAV, GOOD_NCX, &errors, &warnings);
            bool said = strstr(got, "ch1.xhtml:0: HTM-047") != NULL;
            if (said == viewports[i].readable) {
                fprintf(stderr, "viewport \"%s\": expected %s, got: %s\n", viewports[i].viewport,
                        viewports[i].readable ? "no HTM-047" : "HTM-047", got);
                check_failures++;
            }
            free(got);
            free(fxl_page);
        }
    }

    /* The nav document's schema holds in the nav document only: another
     * page's navs are free. */
    got = check_book(GOOD_OPF,
                     PAGE("<p id=\"top\">One.</p>\n<nav epub:type=\"toc\" "
                          "xmlns:epub=\"http://www.idpf.org/2007/ops\"><p>Any</p></nav>\n"),
                     GOOD_NAV, GOOD_NCX, &errors, &warnings);
    CHECK_STR(got, "");
    free(got);
    {
        char *nav =
            replaced(GOOD_NAV, "<ol><li><a href=\"ch1.xhtml#top\">One</a></li></ol>", "<p>Any</p>");
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), nav, GOOD_NCX, &errors,
                         &warnings);
        CHECK_HAS(got, "EPUB/nav.xhtml:5: RSC-005 element \"p\" not allowed here; expected "
                       "element \"h1\" or \"h2\"");
        CHECK_HAS(got, "EPUB/nav.xhtml:5: RSC-005 element \"nav\" incomplete; missing required "
                       "element \"ol\"");
        free(got);
        free(nav);
    }

    /* The nav document's links need text; every page's title too. */
    {
        char *nav = replaced(
            GOOD_NAV, ">One</a></li></ol></nav>",
            "> </a></li><li><a href=\"ch1.xhtml\"><span> </span></a></li>"
            "<li><a href=\"ch1.xhtml\"><img src=\"ch1.xhtml\" alt=\" \"/></a></li></ol></nav>");
        got = check_book(GOOD_OPF, PAGE("<p id=\"top\">One.</p>\n"), nav, GOOD_NCX, &errors,
                         &warnings);
        CHECK_HAS(got, "EPUB/nav.xhtml:5: RSC-005 Anchors within nav elements must contain text");
        CHECK_HAS(got, "EPUB/nav.xhtml:5: RSC-005 Spans within nav elements must contain text");
        CHECK_INT(errors + warnings, 4);
        free(got);
        free(nav);
        char *titled =
            replaced(PAGE("<p id=\"top\">One.</p>\n"), "<title>T</title>", "<title>\n </title>");
        got = check_book(GOOD_OPF, titled, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:3: RSC-005 title must not be empty\n");
        free(got);
        free(titled);
        titled = replaced(PAGE("<p id=\"top\">One.</p>\n"), "<title>T</title>", "<title/>");
        got = check_book(GOOD_OPF, titled, GOOD_NAV, GOOD_NCX, &errors, &warnings);
        CHECK_STR(got, "EPUB/ch1.xhtml:3: RSC-005 title must not be empty\n");
        free(got);
        free(titled);
    }

    unlink(path);
    rmdir(dir);
    test_datetime_forms();
    CHECK_DONE();
}
