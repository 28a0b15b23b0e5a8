/* octavo check reads media overlays as they stream by: an overlay larger
 * than one piece of the stream, with more lines than libxml2's nodes can
 * number, has what its end says found at its own line, and a check of it
 * keeps no more than a piece in memory. */
#include "buf.h"
#include "check.h"
#include "check_zip.h"
#include "diag.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define OPF                                                                                        \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "                             \
    "unique-identifier=\"pub-id\">\n"                                                              \
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"                                   \
    "<dc:identifier id=\"pub-id\">urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8</dc:identifier>\n" \
    "<dc:title>T</dc:title><dc:language>en</dc:language>\n"                                        \
    "<meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>\n"                            \
    "<meta property=\"media:duration\">0:00:01</meta>\n"                                           \
    "<meta property=\"media:duration\" refines=\"#mo\">0:00:01</meta>\n"                           \
    "</metadata>\n<manifest>\n"                                                                    \
    "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "                    \
    "properties=\"nav\"/>\n"                                                                       \
    "<item id=\"ch1\" href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\" "                    \
    "media-overlay=\"mo\"/>\n"                                                                     \
    "<item id=\"mo\" href=\"ch1.smil\" media-type=\"application/smil+xml\"/>\n"                    \
    "<item id=\"a\" href=\"a.mp3\" media-type=\"audio/mpeg\"/>\n"                                  \
    "</manifest>\n<spine><itemref idref=\"ch1\"/></spine>\n</package>\n"

#define NAV                                                                                        \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "    \
    "xml:lang=\"en\" lang=\"en\">\n<head><title>C</title></head>\n<body>\n"                        \
    "<nav epub:type=\"toc\"><ol><li><a href=\"ch1.xhtml\">One</a></li></ol></nav>\n"               \
    "</body>\n</html>\n"

#define PAGE                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"                  \
    "<head><title>T</title></head>\n<body>\n<p id=\"top\">One.</p>\n</body>\n</html>\n"

#define PAR                                                                                        \
    "<par><text src=\"ch1.xhtml#top\"/>"                                                           \
    "<audio src=\"a.mp3\" clipBegin=\"0s\" clipEnd=\"0.5s\"/></par>\n"

static const char *book_path;

/* A book whose overlay has `pars` good pars (one line each, from line 4)
 * and then `tail`; octavo check's findings, one "path:line: CODE" per
 * line, and their count in *count. */
static char *check_overlay(size_t pars, const char *tail, size_t *count)
{
    octavo_buf smil = OCTAVO_BUF_INIT;
    octavo_buf_puts(&smil, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<smil xmlns=\"http://www.w3.org/ns/SMIL\" version=\"3.0\">\n"
                           "<body>\n");
    for (size_t i = 0; i < pars; i++)
        octavo_buf_puts(&smil, PAR);
    octavo_buf_puts(&smil, tail);
    octavo_buf_puts(&smil, "</body>\n</smil>\n");
    static const char audio[] = "\xff\xfb\x90\x64";
    const check_zip_file files[] = {{"mimetype", "application/epub+zip"},
                                    {"META-INF/container.xml", CHECK_ZIP_CONTAINER},
                                    {"EPUB/package.opf", OPF},
                                    {"EPUB/nav.xhtml", NAV},
                                    {"EPUB/ch1.xhtml", PAGE},
                                    {"EPUB/ch1.smil", octavo_buf_cstr(&smil)},
                                    {"EPUB/a.mp3", audio}};
    size_t errors, warnings;
    char *found = check_zip(book_path, files, sizeof files / sizeof *files, &errors, &warnings);
    octavo_buf_free(&smil);
    *count = errors + warnings;
    return found;
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

int main(void)
{
#ifndef UNDER_ASAN
    /* (the overlay is 7 MB, and its check must not hold it, nor a tree) */
    struct rlimit limit = {256u << 20, 256u << 20};
    setrlimit(RLIMIT_AS, &limit);
#endif
    char dir[] = "/tmp/octavo-test-check-media-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[80];
    snprintf(path, sizeof path, "%s/book.epub", dir);
    book_path = path;
    size_t count;

    char *got = check_overlay(1, "", &count);
    CHECK_STR(got, "");
    CHECK_INT(count, 0);
    free(got);

    /* 70,000 pars, then a clip that ends where it begins, a clock value
     * that is none, and text whose element is not in the page. */
    got = check_overlay(70000,
                        "<par><text src=\"ch1.xhtml#top\"/>"
                        "<audio src=\"a.mp3\" clipBegin=\"1s\" clipEnd=\"00:01\"/></par>\n"
                        "<par><text src=\"ch1.xhtml#top\"/>"
                        "<audio src=\"a.mp3\" clipBegin=\"1sec\"/></par>\n"
                        "<par><text src=\"ch1.xhtml#nowhere\"/><audio src=\"a.mp3\"/></par>\n",
                        &count);
    CHECK_HAS(got, "EPUB/ch1.smil:70004: MED-009 ");
    CHECK_HAS(got, "EPUB/ch1.smil:70005: RSC-005 Invalid SMIL clock value \"1sec\"");
    CHECK_HAS(got, "EPUB/ch1.smil:70006: RSC-012 ");
    CHECK_INT(count, 3);
    free(got);

    unlink(path);
    rmdir(dir);
    return check_failures ? 1 : 0;
}
