#include "book_fixture.h"
#include "check.h"
#include "octavo/render.h"
#include "octavo/resources.h"

#include <stdio.h>
#include <stdlib.h>
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

static void test_collect(void)
{
    write_file("dot.png", "\x89PNG\r\n\x1a\n\0\0\0\0", 12);
    write_file("same.png", "\x89PNG\r\n\x1a\n\0\0\0\0", 12);
    write_file("fake.png", "text", 4);
    char md[128];
    snprintf(md, sizeof md, "%s/a.md", dir);
    octavo_book book = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_source src = {.path = md, .name = "a.md", .root = dir};
    src.text = "# T\n\n![one](dot.png \"Caption\")\n\n![two](same.png) ![fake](fake.png) "
               "![out](../etc/passwd) ![abs](/etc/passwd) ![web](https://x.example/a.png) "
               "![gone](nope.png)\n";
    src.len = strlen(src.text);
    octavo_understand(&src, OCTAVO_FORMAT_AUTO, &book, &d);
    octavo_collect_images(&book, &d);
    CHECK_INT(book.image_count, 1); /* dot.png and same.png are one picture */
    CHECK_STR(book.images[0].media_type, "image/png");
    CHECK_INT(d.warnings, 5); /* fake, outside, absolute, remote, missing */
    fixture_arrange(&book, &d);
    octavo_render_options opts = {.captions = true};
    char *x;
    size_t len;
    octavo_render_chapter(&book, &book.chapters[0], &opts, &x, &len, NULL, &d);
    CHECK_HAS(x, "<figure>");
    CHECK_HAS(x, "<figcaption>Caption</figcaption>");
    CHECK_HAS(x, "alt=\"one\"");
    CHECK_HAS(x, "<span class=\"image-missing\">fake</span>");
    CHECK_LACKS(x, "passwd\"");
    free(x);
    octavo_book_free(&book);
    octavo_diags_free(&d);
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
    test_collect();
    test_picture_budget();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
