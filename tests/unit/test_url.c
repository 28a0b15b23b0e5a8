/* The url module: one decoder and one resolver for the builder and the
 * checker. */
#include "check.h"
#include "url.h"

#include <stdlib.h>

static void test_decode(void)
{
    char *s = octavo_url_decode("a%20b%E4%B8%AD%zz%00c%4", 23);
    CHECK_STR(s, "a b中%zz%00c%4"); /* %00 stays: a path never holds a NUL */
    free(s);
}

static void test_resolve(void)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    CHECK(octavo_url_resolve("EPUB/text/ch1.xhtml", "../images/a%20b.png", 19, &out));
    CHECK_STR(octavo_buf_cstr(&out), "EPUB/images/a b.png");
    CHECK(octavo_url_resolve("EPUB/text/ch1.xhtml", "./ch2.xhtml#x", 11, &out));
    CHECK_STR(octavo_buf_cstr(&out), "EPUB/text/ch2.xhtml");
    CHECK(!octavo_url_resolve("EPUB/nav.xhtml", "../../etc/passwd", 16, &out));
    /* 300 segments, then 299 ".." back: every segment is remembered, not
     * only the first 256, so the path lands on the right one. */
    octavo_buf href = OCTAVO_BUF_INIT;
    for (int i = 0; i < 300; i++)
        octavo_buf_printf(&href, "d%d/", i);
    for (int i = 0; i < 299; i++)
        octavo_buf_puts(&href, "../");
    octavo_buf_puts(&href, "x.xhtml");
    CHECK(octavo_url_resolve("EPUB/a.xhtml", href.data, href.len, &out));
    CHECK_STR(octavo_buf_cstr(&out), "EPUB/d0/x.xhtml");
    octavo_buf_free(&href);
    octavo_buf_free(&out);
}

static void test_schemes(void)
{
    CHECK(octavo_url_has_scheme("https://a.example/"));
    CHECK(octavo_url_has_scheme("javascript:x"));
    CHECK(!octavo_url_has_scheme("a/b:c"));
    CHECK(octavo_url_is_external("mailto:a@b.example"));
    CHECK(!octavo_url_is_external("https://"));
    char *r = octavo_url_repair("http://a.example/a b\"c");
    CHECK_STR(r, "http://a.example/a%20b%22c");
    free(r);
    CHECK(octavo_url_repair("http://a.example/%zz") == NULL);
}

int main(void)
{
    test_decode();
    test_resolve();
    test_schemes();
    CHECK_DONE();
}
