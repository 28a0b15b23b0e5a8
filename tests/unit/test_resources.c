#include "book_fixture.h"
#include "check.h"
#include "octavo/render.h"
#include "octavo/resources.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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
    CHECK_INT(d.warnings, 5);       /* fake, outside, absolute, remote, missing */
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
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
