#include "book_fixture.h"
#include "check.h"
#include "image_size.h"
#include "render.h"
#include "resources.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <webp/encode.h>

static char dir[64];

static void write_file(const char *name, const void *bytes, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static void test_types(void)
{
#define TYPE_OF(literal) octavo_image_type(literal, sizeof literal - 1)
    CHECK_STR(TYPE_OF("\x89PNG\r\n\x1a\n...."), "image/png");
    CHECK_STR(TYPE_OF("\xFF\xD8\xFF\xE0"), "image/jpeg");
    CHECK_STR(TYPE_OF("GIF89a.."), "image/gif");
    CHECK_STR(TYPE_OF("RIFF\0\0\0\0WEBPVP8 "), "image/webp");
    CHECK_STR(TYPE_OF("\xEF\xBB\xBF <?xml version='1.0'?><svg>"), "image/svg+xml");
    CHECK(TYPE_OF("just text") == NULL);
    char *s = octavo_url_decode("a%20b%E4%B8%AD%zz%00c", 21);
    CHECK_STR(s, "a b中%zz%00c");
    free(s);
}

/* A PNG's signature and IHDR chunk (1x1, no CRC): all a reader needs to
 * know its size. */
#define PNG_HEAD "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0"

/* Whether an image's head says its size (what the builder keeps and
 * octavo check's PKG-021 asks). */
static void test_image_sizes(void)
{
#define SIZE_OF(type, literal, whole)                                                              \
    octavo_image_size_of(type, (const unsigned char *)literal, sizeof literal - 1, whole)
    CHECK_INT(SIZE_OF("image/png", PNG_HEAD, true), OCTAVO_IMAGE_SIZED);
    CHECK_INT(SIZE_OF("image/png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", true),
              OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/png", "\x89PNG\r\n\x1a\n\0\0\0\rIDAT\0\0\0\x01\0\0\0\x01", true),
              OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/gif", "GIF89a\x01\0\x01\0", true), OCTAVO_IMAGE_SIZED);
    CHECK_INT(SIZE_OF("image/gif", "GIF89a\x01\0", true), OCTAVO_IMAGE_UNSIZED);
    /* JPEG: APP0, fill bytes, then the frame header (SOF0) */
#define JFIF "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xFF\xFF\xC0\0\x0b", true), OCTAVO_IMAGE_SIZED);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xC2", true), OCTAVO_IMAGE_SIZED); /* progressive */
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xC4\0\x02\xFF\xD0\xFF\xC1", true),
              OCTAVO_IMAGE_SIZED); /* (a table and a restart marker before it) */
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xDA\0\x02", true), OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xD9", true), OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\x00", true), OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xE1\0\x01", true), OCTAVO_IMAGE_UNSIZED);
    /* cut inside a segment: the rest may say it, or the file ended */
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xFE\x10\0abc", false), OCTAVO_IMAGE_READ_MORE);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF\xFE\x10\0abc", true), OCTAVO_IMAGE_UNSIZED);
    CHECK_INT(SIZE_OF("image/jpeg", JFIF "\xFF", false), OCTAVO_IMAGE_READ_MORE);
    CHECK_INT(SIZE_OF("image/webp", "RIFF", true), OCTAVO_IMAGE_SIZED); /* (not looked at) */
#undef JFIF
#undef SIZE_OF
}

static void test_collect(void)
{
    write_file("dot.png", PNG_HEAD, sizeof PNG_HEAD - 1);
    write_file("same.png", PNG_HEAD, sizeof PNG_HEAD - 1);
    write_file("fake.png", "text", 4);
    write_file("cut.png", PNG_HEAD, 12); /* (no IHDR: no size) */
    char md[128];
    snprintf(md, sizeof md, "%s/a.md", dir);
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_source src = {.path = md, .name = "a.md", .root = dir};
    src.text = "# T\n\n![one](dot.png \"Caption\")\n\n![two](same.png) ![fake](fake.png) "
               "![out](../etc/passwd) ![abs](/etc/passwd) ![web](https://x.example/a.png) "
               "![gone](nope.png) ![cut](cut.png)\n";
    src.len = strlen(src.text);
    octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d);
    octavo_collect_images(&book, &d);
    CHECK_INT(book.image_count, 1); /* dot.png and same.png are one picture */
    CHECK_STR(book.images[0].media_type, "image/png");
    CHECK_INT(d.warnings, 6); /* fake, outside, absolute, remote, missing, cut */
    fixture_arrange(&book, &d);
    octavo_render_options opts = {.captions = true};
    char *x;
    size_t len;
    octavo_render_chapter(&book, &book.chapters[0], &opts, &x, &len, NULL, NULL, &d);
    CHECK_HAS(x, "<figure>");
    CHECK_HAS(x, "<figcaption>Caption</figcaption>");
    CHECK_HAS(x, "alt=\"one\"");
    CHECK_HAS(x, "<span class=\"image-missing\">fake</span>");
    CHECK_LACKS(x, "passwd\"");
    free(x);
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

/* The SVG `svg` as the book has it (NULL: not embedded), and the warnings
 * collecting it gave, in `said`. Caller frees. */
static char *svg_in_book(const char *svg, char *said, size_t size)
{
    write_file("p.svg", svg, strlen(svg));
    char md[128];
    snprintf(md, sizeof md, "%s/a.md", dir);
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_source src = {.path = md, .name = "a.md", .root = dir};
    src.text = "# T\n\n![p](p.svg)\n";
    src.len = strlen(src.text);
    octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d);
    octavo_collect_images(&book, &d);
    char *got = book.image_count ? strndup(book.images[0].data, book.images[0].len) : NULL;
    said[0] = '\0';
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].severity == OCTAVO_WARNING)
            snprintf(said + strlen(said), size - strlen(said), "%s\n", d.items[i].message);
    octavo_book_free(&book);
    octavo_diags_free(&d);
    return got;
}

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" "
#define XLINK    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "

static void test_svg(void)
{
    char said[1024];
    /* Entities: expanded when declared inside, never read after being freed. */
    char *got = svg_in_book("<!DOCTYPE svg [<!ENTITY a \"big\"><!ENTITY b \"&a;&a;\">]>" SVG_OPEN
                            "><rect class=\"&b;\" width=\"1\" height=\"1\"/><text>&a;</text></svg>",
                            said, sizeof said);
    CHECK_HAS(got, "<rect class=\"bigbig\" width=\"1\" height=\"1\"/><text>big</text>");
    CHECK_LACKS(got, "ENTITY");
    CHECK_STR(said, "");
    free(got);
    got = svg_in_book("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"svg11.dtd\">" SVG_OPEN
                      "><rect class=\"&u;\"/><text>&u;</text></svg>",
                      said, sizeof said);
    CHECK(got == NULL);
    CHECK_HAS(said, "not embedded: it uses an entity that is not declared");
    got = svg_in_book("<!DOCTYPE svg [<!ENTITY e SYSTEM \"/etc/passwd\">]>" SVG_OPEN
                      "><text>&e;</text></svg>",
                      said, sizeof said);
    CHECK(got == NULL);
    CHECK_HAS(said, "it declares an external entity");
    /* Not SVG. */
    got = svg_in_book("<svg><rect/></svg>", said, sizeof said);
    CHECK(got == NULL);
    CHECK_HAS(said, "no <svg> element in the SVG namespace");
    /* Active content and references out, the drawing kept. */
    got = svg_in_book(
        "<?xml-stylesheet href=\"http://x.example/s.css\"?>" SVG_OPEN XLINK
        "xml:base=\"http://x.example/\" onload=\"alert(1)\" width=\"9\">"
        "<script>alert(2)</script><handler>alert(3)</handler>"
        "<a xlink:href=\"javascript:alert(4)\"><animate values=\"javascript:x\"/>"
        "<set to=\"http://x.example/\"/><circle r=\"1\"/></a>"
        "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p>"
        "</foreignObject>"
        "<rect fill=\"url(http://x.example/#g)\" stroke=\"url(#g)\" "
        "filter=\"url(https://x.example/f)\" cursor=\"url(c.cur), auto\" "
        "style=\"fill: URL(http://x.example/p); stroke-width: 2\" width=\"1\" height=\"1\"/>"
        "<use xlink:href=\"http://x.example/u.svg#i\"/><use href=\"#local\"/>"
        "<image xlink:href=\"#local\" href=\"photo.png\" width=\"1\" height=\"1\"/>"
        "<style>@\\69mport 'http://x.example/i.css'; rect { fill: url(#g) }</style>"
        "<h:meta xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\"/>"
        "</svg>",
        said, sizeof said);
    CHECK_HAS(said, "image 'p.svg': processing instruction 'xml-stylesheet' and more left out");
    static const char *const gone[] = {"x.example", "alert",   "javascript", "script",
                                       "handler",   "animate", "<set",       "foreignObject",
                                       "xml:base",  "onload",  "refresh",    "mport",
                                       "photo",     "c.cur",   "<p ",        "<a "};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        CHECK_LACKS(got, gone[i]);
    CHECK_HAS(got, "<circle r=\"1\"/>");
    CHECK_HAS(got,
              "<rect stroke=\"url(#g)\" style=\" stroke-width: 2\" width=\"1\" height=\"1\"/>");
    CHECK_HAS(got, "<use/><use xlink:href=\"#local\"/>"); /* SVG 1.1: xlink */
    CHECK_HAS(got, "<image xlink:href=\"#local\" width=\"1\" height=\"1\"/>");
    CHECK_HAS(got, "<style> rect { fill: url(#g) }</style>");
    free(got);
    /* Each element keeps only its own attributes, and only where SVG 1.1
     * has it (epubcheck checks pictures against SVG 1.1). */
    got = svg_in_book(
        SVG_OPEN
        "><rect d=\"M0 0\" points=\"1\" paint-order=\"stroke\" "
        "width=\"1\" height=\"1\"/><linearGradient><stop offset=\"0\" transform=\"scale(2)\"/>"
        "</linearGradient><use href=\"#a\" " XLINK "xlink:href=\"#b\"/></svg>",
        said, sizeof said);
    CHECK_HAS(
        got, "<rect width=\"1\" height=\"1\"/><linearGradient><stop offset=\"0\"/></linearGradient>"
             "<use xlink:href=\"#a\"/>");
    CHECK_STR(said, "");
    free(got);
    got = svg_in_book(
        SVG_OPEN "><stop/><rect width=\"1\" height=\"1\"><circle/>text</rect><g>text<tspan/></g>"
                 "<text>kept<tspan>too</tspan></text></svg>",
        said, sizeof said);
    CHECK_HAS(got, "<rect width=\"1\" height=\"1\"/><g/><text>kept<tspan>too</tspan></text>");
    CHECK_HAS(said, "image 'p.svg': misplaced element 'stop' and more left out");
    free(got);
    /* Values SVG 1.1 enumerates, ids and required attributes, as
     * epubcheck checks them. */
    got = svg_in_book(SVG_OPEN
                      "version=\"9\" xml:lang=\"not a tag\"><rect id=\"1\" width=\"1\" "
                      "height=\"1\" fill-rule=\"bogus\"/><rect id=\"d\" width=\"1\" height=\"1\"/>"
                      "<rect id=\"d\" width=\"1\" height=\"1\" preserveAspectRatio=\"xMidYMid\"/>"
                      "<circle/><linearGradient id=\"g\" spreadMethod=\"pad\"><stop/>"
                      "</linearGradient><image width=\"1\" height=\"1\" "
                      "preserveAspectRatio=\"defer xMinYMax slice\"/></svg>",
                      said, sizeof said);
    CHECK_HAS(got, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/>"
                   "<rect id=\"d\" width=\"1\" height=\"1\"/><rect width=\"1\" height=\"1\"/>"
                   "<linearGradient id=\"g\" spreadMethod=\"pad\"/><image width=\"1\" "
                   "height=\"1\" preserveAspectRatio=\"defer xMinYMax slice\"/></svg>");
    CHECK_HAS(said, "image 'p.svg': invalid attribute 'version' and more left out");
    free(got);
    /* A cover is cleaned the same way; what went is said of the option. */
    {
        const char *svg =
            SVG_OPEN "><script>alert(1)</script><rect width=\"1\" height=\"1\"/></svg>";
        write_file("cover.svg", svg, strlen(svg));
        char path[128];
        snprintf(path, sizeof path, "%s/cover.svg", dir);
        octavo_book book = {0};
        octavo_diags d = OCTAVO_DIAGS_INIT;
        CHECK_INT(octavo_add_cover(&book, path, dir, "--cover", &d), OCTAVO_OK);
        CHECK_INT(d.warnings, 1);
        CHECK_STR(d.items[0].file, "--cover");
        CHECK_HAS(d.items[0].message, "element 'script' left out");
        CHECK_LACKS(book.images[0].data, "alert");
        octavo_book_free(&book);
        octavo_diags_free(&d);
    }
    /* An editor's own data goes without a word; the drawing stays. */
    got = svg_in_book("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                      "xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" "
                      "xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" "
                      "inkscape:version=\"1.2\" viewBox=\"0 0 9 9\">"
                      "<sodipodi:namedview pagecolor=\"#fff\"/><metadata><x/></metadata>"
                      "<g inkscape:label=\"Layer 1\" id=\"l\"><path d=\"M0 0L9 9\" "
                      "style=\"fill:none;stroke:#000\"/><text xml:space=\"preserve\" "
                      "xml:lang=\"en\"><![CDATA[a<b]]></text></g></svg>",
                      said, sizeof said);
    CHECK_STR(said, "");
    CHECK_HAS(got, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">");
    CHECK_HAS(got, "<g id=\"l\"><path d=\"M0 0L9 9\" style=\"fill:none;stroke:#000\"/>");
    CHECK_HAS(got, "<text xml:space=\"preserve\" xml:lang=\"en\">a&lt;b</text>");
    CHECK_LACKS(got, "inkscape");
    CHECK_LACKS(got, "metadata");
    free(got);
}

/* The pictures an SVG shows from files beside it are written into it
 * (readers load nothing an SVG image names); what cannot be is said,
 * with the first reason. */
static void test_svg_pictures(void)
{
    char said[1024];
    write_file("photo.png", PNG_HEAD, sizeof PNG_HEAD - 1);
    mkdir("/tmp/octavo-test-resources-outside", 0700);
    FILE *f = fopen("/tmp/octavo-test-resources-outside/secret.png", "wb");
    fwrite("\x89PNG\r\n\x1a\n\0\0\0\2", 1, 12, f);
    fclose(f);
    const char *inner = SVG_OPEN "><rect width=\"1\" height=\"1\"/></svg>";
    write_file("inner.svg", inner, strlen(inner));
    char *got =
        svg_in_book(SVG_OPEN XLINK "><image xlink:href=\"photo.png\" width=\"1\" height=\"1\"/>"
                                   "<image href=\"./photo.png#x\" width=\"2\" height=\"2\"/></svg>",
                    said, sizeof said);
    CHECK_STR(said, "");
    CHECK_HAS(
        got, "<image xlink:href=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAAA=\" "
             "width=\"1\" "
             "height=\"1\"/><image "
             "xlink:href=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAAA=\" "
             "width=\"2\" height=\"2\"/>");
    free(got);
    /* Missing, outside, remote, an SVG inside an SVG: left out and said. */
    got = svg_in_book(SVG_OPEN XLINK
                      "><image xlink:href=\"nope.png\" width=\"1\" height=\"1\"/>"
                      "<image href=\"../octavo-test-resources-outside/secret.png\" width=\"1\" "
                      "height=\"1\"/></svg>",
                      said, sizeof said);
    CHECK_LACKS(got, "href");
    CHECK_HAS(said, "image 'p.svg': picture 'nope.png': no such file (and more pictures it shows)");
    free(got);
    got = svg_in_book(SVG_OPEN "><image href=\"../octavo-test-resources-outside/secret.png\" "
                               "width=\"1\" height=\"1\"/></svg>",
                      said, sizeof said);
    CHECK_HAS(said, "secret.png': it is outside the source folder");
    CHECK_LACKS(got, "href");
    free(got);
    got = svg_in_book(SVG_OPEN "><image href=\"inner.svg\" width=\"1\" height=\"1\"/>"
                               "<image href=\"https://x.example/a.png\" width=\"1\" height=\"1\"/>"
                               "<image href=\"p.svg\" width=\"1\" height=\"1\"/></svg>",
                      said, sizeof said);
    CHECK_HAS(said, "picture 'inner.svg': an SVG image is not written into another");
    CHECK_LACKS(got, "href");
    free(got);
    /* One file named many times is read while the pictures fit in 6 MB. */
    char *big = calloc(1, 4u << 20);
    memcpy(big, PNG_HEAD, sizeof PNG_HEAD - 1);
    write_file("big.png", big, 4u << 20);
    free(big);
    got = svg_in_book(SVG_OPEN "><image href=\"big.png\" width=\"1\" height=\"1\"/>"
                               "<image href=\"big.png\" width=\"1\" height=\"1\"/></svg>",
                      said, sizeof said);
    CHECK_HAS(said, "picture 'big.png': the pictures inside one SVG image pass 6 MB in all");
    CHECK_HAS(got, "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA");
    free(got);
    if (system("rm -rf /tmp/octavo-test-resources-outside") != 0)
        CHECK(false);
}

/* A blank lossless WebP picture of w x h: a few hundred bytes that claim
 * millions of pixels. */
static void write_webp(const char *name, int w, int h)
{
    uint8_t *rgba = calloc((size_t)w * (size_t)h, 4), *webp = NULL;
    size_t len = WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &webp);
    CHECK(len > 0 && len < 4096);
    write_file(name, webp, len);
    WebPFree(webp);
    free(rgba);
}

/* Decoding pictures has a budget: each WebP picture at most 16
 * megapixels, and 64 in all, whatever the files weigh. */
static void test_picture_budget(void)
{
    write_webp("huge.webp", 7000, 7000);
    write_webp("edge.webp", 4096, 4096); /* 16 megapixels exactly: fine */
    for (int i = 1; i <= 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "big%d.webp", i);
        write_webp(name, 4096, 4096); /* 64 megapixels with edge.webp */
    }
    write_webp("last.webp", 1000, 1000); /* within the picture limit, past the book's */
    char md[128];
    snprintf(md, sizeof md, "%s/a.md", dir);
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    d.no_info = true;
    octavo_source src = {.path = md, .name = "a.md", .root = dir};
    src.text = "# T\n\n![h](huge.webp)\n\n![e](edge.webp) ![1](big1.webp) ![2](big2.webp)\n\n"
               "![3](big3.webp) ![l](last.webp)\n";
    src.len = strlen(src.text);
    octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d);
    octavo_collect_images(&book, &d);
    CHECK_INT(book.image_count, 1); /* the four blank pictures that fit are one PNG */
    CHECK_INT(d.warnings, 2);
    CHECK_INT(d.count, 2);
    CHECK_HAS(d.items[0].message, "'huge.webp' is not embedded: it is larger than 16 megapixels");
    CHECK_INT(d.items[0].line, 3);
    CHECK_HAS(d.items[1].message,
              "'last.webp' is not embedded: the book's WebP pictures pass 64 megapixels in all");
    CHECK_INT(d.items[1].line, 7);
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/octavo-test-resources-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    char *real = realpath(dir, NULL);
    snprintf(dir, sizeof dir, "%s", real);
    free(real);
    test_types();
    test_image_sizes();
    test_collect();
    test_svg();
    test_svg_pictures();
    test_picture_budget();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
