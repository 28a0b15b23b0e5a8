#include "book_fixture.h"
#include "check.h"
#include "nav.h"
#include "render.h"
#include "sanitize.h"
#include "url.h"

#include <libxml/parser.h>
#include <stdlib.h>

/* Renders the only chapter of a one-chapter book made from `text`. */
static char *render(const char *name, const char *text, octavo_diags *d)
{
    octavo_book book = {0};
    fixture_add(&book, name, text, d);
    fixture_arrange(&book, d);
    char *out;
    size_t len;
    octavo_render_chapter(&book, &book.chapters[0], NULL, &out, &len, NULL, NULL, d);
    /* Every document must be well-formed XML. */
    xmlDocPtr doc = xmlReadMemory(out, (int)len, "chapter.xhtml", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL);
    xmlFreeDoc(doc);
    octavo_book_free(&book);
    return out;
}

static void test_structure(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("a.md",
                     "---\ntitle: 標題 & <co>\nauthor: Amy\ndate: 2026-02-16\n---\n"
                     "Intro *em* **strong** `code` ~~gone~~.\n\n## FAANG\n\n> quote\n\n"
                     "- a\n- b\n\n3. three\n4. four\n\n```js\nlet a = 1 < 2;\n```\n\n---\n\n"
                     "line one  \nline two\n",
                     &d);
    CHECK_HAS(x, "<!DOCTYPE html>");
    CHECK_HAS(x, "xml:lang=\"en\" lang=\"en\"");
    CHECK_HAS(x, "<title>標題 &amp; &lt;co&gt;</title>");
    CHECK_HAS(x, "<h1 id=\"title\">標題 &amp; &lt;co&gt;</h1>");
    CHECK_HAS(x, "<p class=\"byline\">Amy · 2026-02-16</p>");
    CHECK_INT(d.warnings, 0);
    CHECK_HAS(x, "<em>em</em>");
    CHECK_HAS(x, "<strong>strong</strong>");
    CHECK_HAS(x, "<code>code</code>");
    CHECK_HAS(x, "<del>gone</del>");
    CHECK_HAS(x, "<h2 id=\"faang\">FAANG</h2>");
    CHECK_HAS(x, "<blockquote>");
    CHECK_HAS(x, "<li>a</li>"); /* tight list: no <p> */
    CHECK_HAS(x, "<ol start=\"3\">");
    CHECK_HAS(x, "<pre><code class=\"language-js\">let a = <span class=\"hl-number\">1</span> &lt; "
                 "<span class=\"hl-number\">2</span>;\n</code></pre>");
    CHECK_HAS(x, "<hr/>");
    CHECK_HAS(x, "line one<br/>line two");
    CHECK_HAS(x, "epub:type=\"chapter\"");
    CHECK_INT(d.warnings, 0);
    free(x);
    octavo_diags_free(&d);
}

static void test_links_and_html(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("l.md",
                     "# T\n\n[web](https://example.com \"t\") [local](other.md) "
                     "[js](javascript:alert(1)) ![pic](img.png)\n\n<script>alert(1)</script>\n\n"
                     "a <b onclick=\"x()\">b</b>\n",
                     &d);
    CHECK_HAS(x, "<a href=\"https://example.com\" title=\"t\">web</a>");
    CHECK_HAS(x, "<span>local</span>");
    CHECK_LACKS(x, "javascript:");
    CHECK_LACKS(x, "<script");
    CHECK_LACKS(x, "<b onclick");
    CHECK_LACKS(x, "alert");           /* a script's content goes with it */
    CHECK_HAS(x, "<p>a <b>b</b></p>"); /* allowed HTML stays, without its handler */
    CHECK_HAS(x, "<span class=\"image-missing\">pic</span></p>"); /* once */
    CHECK_INT(d.warnings, 4); /* local link, js link, <script>, onclick (images: resources.c) */
    free(x);
    octavo_diags_free(&d);
}

static void test_sanitizer(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("h.md",
                     "# T\n\n<div onmouseover=\"x()\"><p>kept <em>text</em></p>"
                     "<iframe src=\"http://evil\">gone</iframe><form><input></form>"
                     "<a href=\"javascript:alert(1)\">js</a> <a href=\"vbscript:x\">vb</a> "
                     "<a href=\"data:text/html,x\">data</a> <a href=\"https://ok.example\">ok</a>"
                     "<style>p{}</style><object data=\"x\"></object>&nbsp;&copy;"
                     "<ruby>漢<rt>かん</rt></ruby><li>stray</li><font color=red>f</font></div>\n\n"
                     "Inline <span onclick=\"x()\" style=\"color:red\" lang=\"zh-Hant\">繁</span> "
                     "<i>unclosed\n\n"
                     "## Heading <sup>2</sup>\n\nText.\n",
                     &d);
    CHECK_HAS(x, "<div><p>kept <em>text</em></p>");
    CHECK_LACKS(x, "iframe");
    CHECK_LACKS(x, "gone");
    CHECK_LACKS(x, "<form");
    CHECK_LACKS(x, "<input");
    CHECK_LACKS(x, "javascript:");
    CHECK_LACKS(x, "vbscript:");
    CHECK_LACKS(x, "data:");
    CHECK_HAS(x, "<a href=\"https://ok.example\">ok</a>");
    CHECK_LACKS(x, "<style");
    CHECK_LACKS(x, "<object");
    CHECK_LACKS(x, "onmouseover");
    CHECK_LACKS(x, "onclick");
    CHECK_LACKS(x, "style=");
    CHECK_HAS(x, "\u00a0\u00a9"); /* HTML entities become characters */
    CHECK_HAS(x, "<ruby>漢<rt>かん</rt></ruby>");
    CHECK_LACKS(x, "<li>"); /* an li outside a list is unwrapped */
    CHECK_HAS(x, "stray");
    CHECK_HAS(x, "f</div>"); /* <font> unwrapped, text kept */
    CHECK_HAS(x, "<span xml:lang=\"zh-Hant\" lang=\"zh-Hant\">繁</span>");
    CHECK_HAS(x, "<i>unclosed</i>");
    CHECK_HAS(x, "<h2 id=\"heading-2\">Heading <sup>2</sup></h2>");
    CHECK(d.warnings >= 8);
    free(x);
    octavo_diags_free(&d);
}

/* URLs become valid (RFC 3986) or are refused. */
static void test_url_repair(void)
{
    static const struct {
        const char *in, *out; /* out NULL: cannot be repaired */
    } cases[] = {
        {"https://example.com/a?b=c#d", "https://example.com/a?b=c#d"},
        {"http://example.com/a b", "http://example.com/a%20b"},
        {"http://example.com/\"q\"<>", "http://example.com/%22q%22%3C%3E"},
        {"http://example.com/ünï", "http://example.com/%C3%BCn%C3%AF"},
        {"http://example.com/%41%2f", "http://example.com/%41%2f"},
        {"http://example.com/%zz", NULL},
        {"http://example.com/100%", NULL},
        {"http://example.com/#a#b", "http://example.com/#a%23b"},
        {"http://example.com/[x]{y}|^`\\", "http://example.com/%5Bx%5D%7By%7D%7C%5E%60%5C"},
        {"http://a b/", NULL},
        {"http://a%20b/", NULL},
        {"http://a!b/", NULL},
        {"http://例え.jp/ü", "http://例え.jp/%C3%BC"},
        {"http://example.com:8080/", "http://example.com:8080/"},
        {"http://example.com:80x/", NULL},
        {"http://[::1]:80/", "http://[::1]:80/"},
        {"http://[zz]/", NULL},
        {"http://ex[a]mple/", NULL},
        {"http:///path", NULL},
        {"http://user name@host/", "http://user%20name@host/"},
        {"http://%C3%BC.example/", NULL},
        {"http://a@b@host/", "http://a%40b@host/"},
        {"mailto:José Ñ@example.com", "mailto:Jos%C3%A9%20%C3%91@example.com"},
        {"mailto:a@example.com?subject=a b", "mailto:a@example.com?subject=a%20b"},
        {"a b:c/d", "a%20b%3Ac/d"},
        {"x\x01\x7f", "x%01%7F"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = octavo_url_repair(cases[i].in);
        if (cases[i].out)
            CHECK_STR(got, cases[i].out);
        else if (got) {
            fprintf(stderr, "%s:%d: '%s' repaired as '%s', expected NULL\n", __FILE__, __LINE__,
                    cases[i].in, got);
            check_failures++;
        }
        free(got);
    }

    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("u.md",
                     "# T\n\n[a](<http://example.com/a b>) [b](http://example.com/%zz)\n\n"
                     "<http://example.com/\"q> <a href=\"https://example.com/x y\">c</a> "
                     "<a href=\"https://example.com/%zz\">d</a> "
                     "<q cite=\"https://example.com/c d\">e</q>\n",
                     &d);
    CHECK_HAS(x, "<a href=\"http://example.com/a%20b\">a</a>");
    CHECK_HAS(x, "<span>b</span>");
    CHECK_HAS(x, "<a href=\"http://example.com/%22q\">");
    CHECK_HAS(x, "<a href=\"https://example.com/x%20y\">c</a>");
    CHECK_HAS(x, "<a>d</a>");
    CHECK_HAS(x, "<q cite=\"https://example.com/c%20d\">e</q>");
    CHECK_LACKS(x, "%zz");
    CHECK_INT(d.warnings, 2);
    size_t invalid = 0;
    for (size_t i = 0; i < d.count; i++)
        invalid += strstr(d.items[i].message, "is not a valid URL") != NULL;
    CHECK_INT(invalid, 2);
    free(x);
    octavo_diags_free(&d);
}

/* What raw HTML keeps follows HTML's content models (as epubcheck
 * checks them): repaired where the intent is clear, the text kept. */
static void test_content_models(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x =
        render("m.md",
               "# T\n\n<dl><dd>d</dd><dt>t</dt></dl>\n\n"
               "<dl><dt>t1</dt><dt>t2</dt><dd>d1</dd>x</dl>\n\n"
               "<figure><figcaption>c1</figcaption><p>b</p><figcaption>c2</figcaption>"
               "</figure>\n\n"
               "<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt><rp>)</rp></ruby> "
               "<ruby><rt>r</rt>b</ruby></p>\n\n"
               "<table><tfoot><tr><td>f</td></tr></tfoot><caption>c</caption>"
               "<tr><td>r</td></tr><tbody><tr><td>b</td></tr></tbody>"
               "<thead><tr><th>h</th></tr></thead><thead><tr><th>h2</th></tr></thead>"
               "</table>\n\n"
               "<div><ul>t<li>i</li></ul><span id=\"s\"><p>p</p></span>"
               "<p>a<wbr>w</wbr>b</p><hr title=\"t\" colspan=\"2\"></div>\n\n"
               "<p><ins datetime=\"2021-02-29\">a</ins><ins datetime=\"2020-02-29 23:59Z\">b</ins>"
               "<del datetime=\"2020-01-01T24:00\">c</del><del datetime=\"0000-01-01\">d</del>"
               "</p>\n\n<table><tr><td colspan=\"1000\" rowspan=\"0\">a</td>"
               "<td colspan=\"1001\" rowspan=\"-1\">b</td><td colspan=\"007\">c</td></tr>"
               "</table>\n",
               &d);
    CHECK_HAS(x, "<div><div>d</div><div>t</div></div>"); /* dd first: plain blocks */
    CHECK_HAS(x, "<dl><dt>t1</dt><dt>t2</dt><dd>d1</dd><dd>x</dd></dl>");
    CHECK_HAS(x, "<figcaption>c1</figcaption>");
    CHECK_HAS(x, "<div>c2</div>");
    CHECK_HAS(x, "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby>");
    CHECK_HAS(x, "</ruby> rb</p>"); /* no base before the rt: all base, moved out */
    CHECK_HAS(x, "<caption>c</caption>");
    CHECK_LACKS(x, "<thead><tr><th>h2");
    CHECK_HAS(x, "<tbody>\n          <tr>\n            <td>r</td>");
    CHECK(strstr(x, "<caption>") < strstr(x, "<thead>"));
    CHECK(strstr(x, "<thead>") < strstr(x, "<tbody>"));
    CHECK(strstr(x, "<tbody>") < strstr(x, "<tfoot>"));
    CHECK_HAS(x, "<ul><li>t</li><li>i</li></ul>");
    CHECK_HAS(x, "<span id=\"s\">p</span>");
    CHECK_HAS(x, "a<wbr/>wb");
    CHECK_HAS(x, "<hr title=\"t\"/>");
    CHECK_HAS(x, "<ins>a</ins><ins datetime=\"2020-02-29 23:59Z\">b</ins><del>c</del><del>d</del>");
    CHECK_HAS(x, "<td colspan=\"1000\" rowspan=\"0\">a</td>");
    CHECK_HAS(x, "<td>b</td>");
    CHECK_HAS(x, "<td colspan=\"7\">c</td>");
    free(x);
    octavo_diags_free(&d);
}

static void test_footnotes_and_tables(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("f.md",
                     "# T\n\nText[^n] and again[^n].\n\n[^n]: The note.\n\n"
                     "| A | B |\n|:--|--:|\n| 1 | 2 |\n",
                     &d);
    CHECK_HAS(x, "epub:type=\"noteref\"");
    CHECK_HAS(x, "href=\"#fn-1\"");
    CHECK_HAS(x, "id=\"fnref-1\"");
    CHECK_HAS(x, "<aside id=\"fn-1\" epub:type=\"footnote\" role=\"doc-footnote\">");
    CHECK_HAS(x, "href=\"#fnref-1\"");
    CHECK_HAS(x, "<thead>");
    CHECK_HAS(x, "<th scope=\"col\" style=\"text-align: left\">A</th>");
    CHECK_HAS(x, "<td style=\"text-align: right\">2</td>");
    /* the back-link target exists exactly once */
    const char *first = strstr(x, "id=\"fnref-1\"");
    CHECK(first && !strstr(first + 1, "id=\"fnref-1\""));
    free(x);
    octavo_diags_free(&d);
}

/* A paragraph with raw HTML goes through the sanitizer whole, footnote
 * references included: cmark names their targets by label ("#fn-s",
 * "fnref-s-2"), the book by number. */
static void test_footnotes_beside_raw_html(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("f.md",
                     "# T\n\ntext[^s]<!-- c -->. again[^s] <b>b</b>[^t] "
                     "<a data-footnote-ref href=\"#fn-9\">9</a>\n\n[^s]: One.\n[^t]: Two.\n",
                     &d);
    CHECK_HAS(x, "text<sup><a href=\"#fn-1\" id=\"fnref-1\" epub:type=\"noteref\"");
    CHECK_HAS(x, "again<sup><a href=\"#fn-1\" epub:type=\"noteref\"");
    CHECK_HAS(x, "<b>b</b><sup><a href=\"#fn-2\" id=\"fnref-2\" epub:type=\"noteref\"");
    CHECK_HAS(x, "<aside id=\"fn-2\"");
    CHECK_LACKS(x, "fn-s");
    CHECK_LACKS(x, "#fn-9"); /* a forged reference to no note leads nowhere */
    CHECK_INT(d.warnings, 0);
    free(x);
    octavo_diags_free(&d);
}

/* A cell with raw HTML is sanitized from its content: nothing of it is
 * dropped, and the cell itself is octavo's. */
static void test_raw_html_in_cells(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("t.md", "# T\n\n| a | b |\n|---|---|\n| x<br>y | <b>z</b> and <i>q |\n", &d);
    CHECK_HAS(x, "<td>x<br/>y</td>");
    CHECK_HAS(x, "<td><b>z</b> and <i>q</i></td>");
    CHECK_INT(d.warnings, 0);
    free(x);
    octavo_diags_free(&d);
}

/* An autolink's backslash escapes are the writer's Markdown, not part of
 * the URL (cmark-gfm would link to ".../%5C_/..."), with or without raw
 * HTML beside it. */
static void test_escaped_autolinks(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("a.md",
                     "# T\n\nhttps://hub.docker.com/\\_/busybox/ and www.a.org/x\\_y\n\n"
                     "<b>b</b> https://a.org/\\*z\\* [t](https://a.org/q\\\\)\n",
                     &d);
    CHECK_HAS(
        x, "<a href=\"https://hub.docker.com/_/busybox/\">https://hub.docker.com/_/busybox/</a>");
    CHECK_HAS(x, "<a href=\"http://www.a.org/x_y\">www.a.org/x_y</a>");
    CHECK_HAS(x, "<a href=\"https://a.org/*z\">https://a.org/*z</a>* "); /* cmark trims the last */
    CHECK_HAS(x, "<a href=\"https://a.org/q%5C\">t</a>");                /* a link as written */
    CHECK_INT(d.warnings, 0);
    free(x);
    octavo_diags_free(&d);
}

/* cmark ends an HTML block at a blank line: a raw figure's pieces, and
 * the Markdown between them, are one figure again. */
static void test_split_raw_figure(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("f.md",
                     "# T\n\n<figure>\n\n![alt](p.png)\n\n<figcaption>The caption</figcaption>\n\n"
                     "</figure>\n\nAfter.\n\n<figure>\n\nNever closed.\n",
                     &d);
    CHECK_HAS(x, "<figure>\n        <p><span class=\"image-missing\">alt</span></p>");
    CHECK_HAS(x, "<figcaption>The caption</figcaption>\n      </figure>");
    CHECK_HAS(x, "<p>After.</p>");
    CHECK_HAS(x, "<figure/>\n      <p>Never closed.</p>"); /* nothing to join it to */
    free(x);
    octavo_diags_free(&d);
}

/* Checks that the <pre> elements under `n`, in order, hold texts[*i]... */
static void pre_texts_are(xmlNodePtr n, const char *const *texts, size_t *i)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "pre") == 0) {
            xmlChar *text = xmlNodeGetContent(n);
            CHECK_STR((const char *)text, texts[(*i)++]);
            xmlFree(text);
        } else {
            pre_texts_are(n->children, texts, i);
        }
    }
}

/* Highlighted code is the code: the rendered <pre>, its tags taken out,
 * is the block as written. */
static void test_highlighted_code_is_the_code(void)
{
    static const char *const blocks[][2] = {
        {"c", "/* a < b\n   && c */\nint main(void) { return '\\0' < 1 ? \"&amp;\" : 0; }\n"},
        {"python", "def f(x):  # note\n    return \"\"\"a\n<b>\"\"\" if x else 'c'\n"},
        {"rust", "fn main() { let s = \"\\t\"; } // end\n\n"},
        {"sh", "for f in *.md; do echo \"$f\" >&2; done\n"},
        {"unknown-lang", "<x> & y\n"},
    };
    octavo_buf md = OCTAVO_BUF_INIT;
    octavo_buf_puts(&md, "# T\n\n");
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        octavo_buf_printf(&md, "```%s\n%s```\n\n", blocks[i][0], blocks[i][1]);
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("c.md", octavo_buf_cstr(&md), &d);
    CHECK_HAS(x, "<span class=\"hl-keyword\">return</span>");
    xmlDocPtr doc = xmlReadMemory(x, (int)strlen(x), "c.xhtml", NULL, XML_PARSE_NONET);
    const char *texts[8];
    size_t i = 0;
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        texts[k] = blocks[k][1];
    pre_texts_are(xmlDocGetRootElement(doc), texts, &i);
    CHECK_INT(i, sizeof blocks / sizeof *blocks);
    xmlFreeDoc(doc);
    free(x);
    octavo_buf_free(&md);
    octavo_diags_free(&d);
}

static void test_cjk_has_no_spaces(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *x = render("c.md", "# 标题\n\n中文硬换行\n的段落。\n", &d);
    CHECK_HAS(x, "<p>中文硬换行的段落。</p>");
    CHECK_HAS(x, "lang=\"zh-Hans\"");
    free(x);
    octavo_diags_free(&d);
}

static void test_nav(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_book book = {0};
    fixture_add(&book, "a.md", "# One\n\ntext\n\n## A\n\nx\n\n### A1\n\nx\n\n## B\n\nx\n", &d);
    fixture_add(&book, "b.md", "# Two\n\n### Deep first\n\nx\n\n## Shallow\n\nx\n", &d);
    fixture_arrange(&book, &d);
    char *nav, *ncx;
    size_t len;
    octavo_render_nav(&book, 3, true, &nav, &len);
    xmlDocPtr doc = xmlReadMemory(nav, (int)len, "nav.xhtml", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL);
    xmlFreeDoc(doc);
    CHECK_HAS(nav, "epub:type=\"toc\"");
    CHECK_HAS(nav, "epub:type=\"landmarks\"");
    CHECK_HAS(nav, "<a href=\"text/ch001.xhtml\">One</a>");
    CHECK_HAS(nav, "<a href=\"text/ch001.xhtml#a\">A</a>");
    CHECK_HAS(nav, "<a href=\"text/ch001.xhtml#a1\">A1</a>");
    CHECK_HAS(nav, "<a href=\"text/ch002.xhtml#shallow\">Shallow</a>");
    /* No item may hold two lists. */
    CHECK_LACKS(nav, "</ol>\n              <ol>");
    free(nav);

    octavo_render_nav(&book, 1, true, &nav, &len);
    CHECK_LACKS(nav, "#a\"");
    free(nav);

    octavo_render_ncx(&book, 2, &ncx, &len);
    doc = xmlReadMemory(ncx, (int)len, "toc.ncx", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL);
    xmlFreeDoc(doc);
    CHECK_HAS(ncx, "<meta name=\"dtb:uid\" content=\"urn:uuid:");
    CHECK_HAS(ncx, "playOrder=\"1\"");
    CHECK_HAS(ncx, "<content src=\"text/ch001.xhtml#b\"/>");
    CHECK_LACKS(ncx, "#a1");
    free(ncx);
    CHECK_STR(octavo_contents_label("zh-Hant"), "目錄");
    CHECK_STR(octavo_contents_label("zh-Hans"), "目录");
    CHECK_STR(octavo_contents_label("en"), "Contents");
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

/* Vertical writing: one- and two-digit numbers upright, nothing else. */
static void test_vertical_numbers(void)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_book book = {0};
    fixture_add(&book, "v.md", "# 直\n\n12月3日，2025年，A4 紙，v1.2 版，第 7 章。`12`\n", &d);
    fixture_arrange(&book, &d);
    octavo_render_options opts = {.vertical = true};
    char *x;
    size_t len;
    octavo_render_chapter(&book, &book.chapters[0], &opts, &x, &len, NULL, NULL, &d);
    CHECK_HAS(x, "<span class=\"tcy\">12</span>月<span class=\"tcy\">3</span>日");
    CHECK_HAS(x, "，2025年，A4 紙，v1.2 版，第 <span class=\"tcy\">7</span> 章");
    CHECK_HAS(x, "<code>12</code>");
    free(x);
    octavo_book_free(&book);
    octavo_diags_free(&d);
}

int main(void)
{
    test_vertical_numbers();
    test_structure();
    test_links_and_html();
    test_sanitizer();
    test_url_repair();
    test_content_models();
    test_footnotes_and_tables();
    test_footnotes_beside_raw_html();
    test_raw_html_in_cells();
    test_escaped_autolinks();
    test_split_raw_figure();
    test_highlighted_code_is_the_code();
    test_cjk_has_no_spaces();
    test_nav();
    CHECK_DONE();
}
