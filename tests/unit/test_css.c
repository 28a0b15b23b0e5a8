#include "check.h"
#include "css.h"

#include <stdlib.h>

/* The types of the tokens of `css`, one letter each. */
static char *types(const char *css)
{
    static const char letters[] = "$ifahsSuUdnpDwCc:;,[](){}/B";
    static char out[128];
    octavo_css_lexer lx;
    octavo_css_lexer_init(&lx, css, strlen(css), 1);
    size_t n = 0;
    octavo_css_token t;
    do {
        octavo_css_next(&lx, &t);
        out[n++] = letters[t.type];
    } while (t.type != OCTAVO_CSS_EOF && n < sizeof out - 1);
    out[n] = '\0';
    return out;
}

/* The value of the first token of `css` that is of type `type`. */
static const char *value(const char *css, octavo_css_token_type type)
{
    static char buf[64];
    octavo_css_lexer lx;
    octavo_css_lexer_init(&lx, css, strlen(css), 1);
    octavo_css_token t;
    do
        octavo_css_next(&lx, &t);
    while (t.type != type && t.type != OCTAVO_CSS_EOF);
    octavo_css_token_value(css, &t, buf, sizeof buf);
    return buf;
}

static void test_tokens(void)
{
    CHECK_STR(types("a{b:c}"), "i{i:i}$");
    CHECK_STR(types("@media x"), "awi$");
    CHECK_STR(types("url(x.png)"), "u$");
    CHECK_STR(types("url( \"x.png\" )"), "fwsw)$");
    CHECK_STR(types("url(\"a)b\")"), "fs)$");
    CHECK_STR(types("url(a b)"), "U$");
    CHECK_STR(types("\\75 rl(x)"), "u$");
    CHECK_STR(types("\"open\nx"), "Swi$");
    CHECK_STR(types("/* c */x"), "/i$");
    CHECK_STR(types("/* open"), "B$");
    CHECK_STR(types("1px 50% -2.5e3 +.5"), "Dwpwnwn$");
    CHECK_STR(types("#id <!-- --> !"), "hwCwcwd$");
    CHECK_STR(value("@\\69mport x;", OCTAVO_CSS_AT_KEYWORD), "import");
    CHECK_STR(value("\\75 RL(x)", OCTAVO_CSS_URL), "x");
    CHECK_STR(value("url(  a\\29 b  )", OCTAVO_CSS_URL), "a)b");
    CHECK_STR(value("'it\\'s \\\n on'", OCTAVO_CSS_STRING), "it's  on");
    CHECK_STR(value("im\\61 ge-set(", OCTAVO_CSS_FUNCTION), "image-set");
    CHECK_STR(value("\\0 x", OCTAVO_CSS_IDENT), "\xEF\xBF\xBDx");
    /* Lines are counted from the first one given. */
    octavo_css_lexer lx;
    octavo_css_lexer_init(&lx, "a\n/* x\n */ b", 12, 5);
    octavo_css_token t;
    for (int i = 0; i < 4; i++)
        octavo_css_next(&lx, &t);
    CHECK_INT(t.type, OCTAVO_CSS_WHITESPACE);
    octavo_css_next(&lx, &t);
    CHECK_INT(t.type, OCTAVO_CSS_IDENT);
    CHECK_INT(t.line, 7);
}

/* The stylesheet `css` judged: what stays, and the warnings in `said`. */
static char *clean(const char *css, octavo_css_kind kind, bool local, char *said, size_t size)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_css_clean(css, strlen(css), kind, local, "s.css", 1, &out, &d);
    said[0] = '\0';
    for (size_t i = 0; i < d.count; i++) {
        octavo_buf m = OCTAVO_BUF_INIT;
        octavo_diag_format(&d.items[i], &m);
        snprintf(said + strlen(said), size - strlen(said), "%s\n", octavo_buf_cstr(&m));
        octavo_buf_free(&m);
    }
    octavo_diags_free(&d);
    octavo_buf_putc(&out, '\0');
    return octavo_buf_detach(&out);
}

#define CLEAN(css, want, warning)                                                                  \
    do {                                                                                           \
        char said_[1024];                                                                          \
        char *got_ = clean(css, OCTAVO_CSS_STYLESHEET, false, said_, sizeof said_);                \
        CHECK_STR(got_, want);                                                                     \
        if (*(warning))                                                                            \
            CHECK_HAS(said_, warning);                                                             \
        else                                                                                       \
            CHECK_STR(said_, "");                                                                  \
        free(got_);                                                                                \
    } while (0)

static void test_clean(void)
{
    /* What is fine stays as written. */
    CLEAN("h2 { color: inherit; }\n", "h2 { color: inherit; }\n", "");
    CLEAN("@media print { p { margin: 0 } }", "@media print { p { margin: 0 } }", "");
    CLEAN("p::before { content: \"a)b\" } p { position: fixed }",
          "p::before { content: \"a)b\" } p { position: fixed }", "");
    /* @import, however escaped. */
    CLEAN("@import 'x.css';\np{}", "\np{}", "s.css:1: warning: @import dropped");
    CLEAN("a{}\n@\\69mport url(x.css);", "a{}\n", "s.css:2: warning: @import dropped");
    CLEAN("@IMPORT \"x\"; b{}", " b{}", "@import dropped");
    /* Anything that names a file: the whole declaration. */
    CLEAN("p { color: red; background: url(x.png) }", "p { color: red;  }",
          "s.css:1: warning: 'background' dropped: pictures and fonts");
    CLEAN("p { background: \\75 rl(x.png); color: red }", "p {  color: red }", "'background'");
    CLEAN("p { background: URL(x.png) }", "p {  }", "'background'");
    CLEAN("p { content: url(\"a)b\"); color: red }", "p {  color: red }", "'content'");
    CLEAN("p { background: image-set(\"a.png\" 1x) }", "p {  }", "'background'");
    CLEAN("p { background: -webkit-image-set(\"a.png\" 1x) }", "p {  }", "'background'");
    CLEAN("p { background: cross-fade(url(a), url(b)) }", "p {  }", "'background'");
    CLEAN("p { background: src(\"a.png\") }", "p {  }", "'background'");
    CLEAN("p { background: url(#frag) }", "p {  }", "'background'");
    CLEAN("p { background: url() }", "p {  }", "'background'");
    CLEAN("@font-face { font-family: F; src: url(f.woff) }\np{}", "\np{}",
          "s.css:1: warning: @font-face dropped");
    CLEAN("@media screen { p { cursor: url(c.cur), auto; color: red } }",
          "@media screen { p {  color: red } }", "'cursor'");
    CLEAN("@document url(http://x/) { p {} }", "", "@document dropped");
    /* What epubcheck rejects. */
    CLEAN("p { direction: rtl; unicode-bidi: embed; color: red }", "p {   color: red }",
          "'direction' dropped");
    CLEAN("@charset \"utf-8\"; p{}", " p{}", "@charset dropped");
    CLEAN("@namespace svg url(http://www.w3.org/2000/svg); p{}", " p{}", "@namespace dropped");
    /* Syntax errors: the declaration or rule, whole; blocks are closed. */
    CLEAN("p { color: \"open\n; margin: 0 }", "p {  margin: 0 }",
          "s.css:1: warning: CSS syntax error: a string is not closed on its line");
    CLEAN("p { color: red", "p { color: red\n}", "");
    CLEAN("@media x { p { color: red", "@media x { p { color: red\n}\n}", "");
    CLEAN("p { color red; margin: 0 }", "p {  margin: 0 }", "a property has no ':'");
    CLEAN("p { color: ; margin: 0 }", "p {  margin: 0 }", "a property has no value");
    CLEAN("p { color: f(; } q { }", "p { } q { }", "a bracket is not opened or not closed");
    CLEAN("p { a: b) } q{}", "p {  } q{}", "a bracket");
    CLEAN("} p{}", " p{}", "a '}' closes nothing");
    CLEAN("color: red; p{}", " p{}", "text that is not a rule");
    CLEAN("p{} /* open", "p{} ", "a comment is not closed");
    CLEAN("h1 { l/* open", "h1 { \n}", "a property has no ':'"); /* found by fuzz_css */
    CLEAN("p { a: b { c: d } }", "p {  }", "a declaration holds a block");
    CLEAN("p { a: \\", "p { \n}", "a backslash escapes nothing");
    CLEAN("p { a: url(x y) }", "p {  }", "a url(...) is not well-formed");
    /* What epubcheck's CSS parser rejects: selectors and stray ";". */
    CLEAN("{ color: red } p{}", " p{}", "a selector is empty");
    CLEAN("p , { a: b } h1 + { a: b } >p{} p > > a{}", "   ", "ends in a combinator");
    CLEAN(".{} p. a{} .a{}", "  .a{}", "a '.' has no class name after it");
    CLEAN("p::{} p:not(){} a:hover::before{}", "  a:hover::before{}",
          "has nothing in its brackets");
    CLEAN("p { color: red; ; } q { ; a: b }", "p { color: red;  } q {  a: b }", "");
    CLEAN("@media x { a: b } r{}", "@media x { } r{}", "text that is not a rule");
    CLEAN("p { @import 'x'; a: b }", "p {  a: b }", "an at-rule among declarations");
    CLEAN("@page { margin: 0; @top-center { content: 'T' } }", "@page { margin: 0;  }",
          "an at-rule among declarations");
    /* A style attribute. */
    char said[512];
    char *got = clean("fill: URL(http://x/); stroke: url(#g)", OCTAVO_CSS_DECLARATIONS, true, said,
                      sizeof said);
    CHECK_STR(got, " stroke: url(#g)");
    CHECK_HAS(said, "'fill' dropped");
    free(got);
}

static void test_nesting_and_size(void)
{
    /* Deep nesting is cut off, not followed: no recursion without end. */
    size_t n = 100000;
    char *deep = malloc(n * 10 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(deep + len, "@media x{");
    octavo_buf out = OCTAVO_BUF_INIT;
    octavo_css_clean(deep, len, OCTAVO_CSS_STYLESHEET, false, "s.css", 1, &out, NULL);
    CHECK(out.len < 1000);
    octavo_buf_free(&out);
    len = 0;
    len += (size_t)sprintf(deep, "p { a: ");
    for (size_t i = 0; i < n; i++)
        deep[len++] = '(';
    octavo_css_clean(deep, len, OCTAVO_CSS_STYLESHEET, false, "s.css", 1, &out, NULL);
    CHECK_STR(octavo_buf_cstr(&out), "p { \n}");
    octavo_buf_free(&out);
    free(deep);
}

static void test_values(void)
{
#define SAFE(v, local) octavo_css_value_is_safe(v, strlen(v), local)
    CHECK(SAFE("url(#g)", true));
    CHECK(SAFE("url('#g') red", true));
    CHECK(!SAFE("url(#g)", false));
    CHECK(!SAFE("url(http://x/#g)", true));
    CHECK(!SAFE("URL(http://x/)", true));
    CHECK(!SAFE("\\75 rl(http://x/)", true));
    CHECK(!SAFE("image-set('a.png' 1x)", true));
    CHECK(!SAFE("'open", true));
    CHECK(SAFE("M 10,10 L 20 20 z", true));
    CHECK(SAFE("'Noto Serif', serif", true));
}

int main(void)
{
    test_tokens();
    test_clean();
    test_nesting_and_size();
    test_values();
    CHECK_DONE();
}
