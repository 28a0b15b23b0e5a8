/* octavo check's CSS reader (src/check/css.c): what it finds in style
 * sheets and style attributes, the URLs it hands on, and that hostile
 * text (deep nesting, long runs of one token) is read in linear time. */
#include "check.h"
#include "check/check_internal.h"

#include <stdlib.h>
#include <time.h>

/* The URLs a sheet refers to, "kind:url" joined by spaces. */
typedef struct refs {
    octavo_buf text;
    size_t count;
} refs;

static void collect(void *state, const char *url, unsigned line, ref_kind kind)
{
    refs *r = state;
    octavo_buf_printf(&r->text, "%s%c:%s@%u", r->count ? " " : "",
                      kind == REF_FONT         ? 'f'
                      : kind == REF_STYLESHEET ? 's'
                                               : 'g',
                      url, line);
    r->count++;
}

/* Reads `css`; returns how many findings have `code`, and the URLs in
 * *urls (the caller frees). */
static size_t count_code(const char *css, bool declarations, const char *code, char **urls)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    refs r = {OCTAVO_BUF_INIT, 0};
    octavo_check_css_text("t.css", css, strlen(css), 1, declarations, true, &d, collect, &r);
    size_t n = 0;
    for (size_t i = 0; i < d.count; i++)
        n += strcmp(d.items[i].code, code) == 0;
    octavo_diags_free(&d);
    if (urls)
        *urls = octavo_buf_detach(&r.text);
    else
        octavo_buf_free(&r.text);
    return n;
}

static size_t all_findings(const char *css, bool declarations)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_check_css_text("t.css", css, strlen(css), 1, declarations, true, &d, NULL, NULL);
    size_t n = d.errors + d.warnings; /* (not INFO: CSS-028) */
    octavo_diags_free(&d);
    return n;
}

static void test_valid(void)
{
    const char *good[] = {
        "@charset \"utf-8\";\n@namespace epub \"http://www.idpf.org/2007/ops\";\n"
        "div[epub|type = \"chapter\"] { padding: 2em; }",
        "p:nth-child(even) > span::before { content: \"\\201C\"; }",
        "@media screen and (min-width: 30em) { p { margin: 0 } @supports (display: grid) { a "
        "{} } }",
        "@page :first { margin: 1em; @top-center { content: \"x\" } }",
        "@keyframes spin { from { opacity: 0 } 50% { opacity: 1 } }",
        "<!-- p { color: red } -->",
        "p { font-size: 0; background: url( 'a.png' ) no-repeat; }",
        "@font-face { font-family: x; src: url(a.woff) format(\"woff\"), local(x); }",
        "@unknown foo { anything { goes } here }",
        "p { color: red;; ; }",
        "",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        size_t n = all_findings(good[i], false);
        if (n)
            fprintf(stderr, "findings in valid CSS: %s\n", good[i]);
        CHECK_INT(n, 0);
    }
    CHECK_INT(all_findings("color: red; background: url(a.png)", true), 0);
}

static void test_syntax(void)
{
    /* A rule read as a declaration, and a block not closed at the end. */
    CHECK_INT(count_code("body { color: black;\np { font-size: inherit; }\nh4 { font-size: 1em;\n",
                         false, "CSS-008", NULL),
              2);
    /* An at-rule in a declaration block: skipped to the next ';', so that
     * the declarations after it (and the URL) are read. */
    char *urls = NULL;
    CHECK_INT(count_code("p { font-size: inherit;\n@font-face { font-family: \"F\";\n"
                         "src: url(F.otf); }",
                         false, "CSS-008", &urls),
              1);
    CHECK_STR(urls, "g:F.otf@3");
    free(urls);
    CHECK_INT(count_code("p { content: \"open\n}", false, "CSS-008", NULL), 1);
    CHECK_INT(count_code("p { color: red } /* open", false, "CSS-008", NULL), 1);
    CHECK_INT(count_code("p { color: red } }", false, "CSS-008", NULL), 1);
    CHECK_INT(count_code("p", false, "CSS-008", NULL), 1);
    CHECK_INT(count_code("color red", true, "CSS-008", NULL), 1);
}

static void test_rules(void)
{
    CHECK_INT(count_code("body { direction: rtl; UNICODE-BIDI: embed }", false, "CSS-001", NULL),
              2);
    CHECK_INT(count_code("direction: ltr", true, "CSS-001", NULL), 1);
    CHECK_INT(count_code("@font-face { }", false, "CSS-019", NULL), 1);
    CHECK_INT(count_code("@font-face { src: url(\"\") }", false, "CSS-002", NULL), 1);
    CHECK_INT(count_code("p { background: url() }", false, "CSS-002", NULL), 1);
    CHECK_INT(count_code("@import \"\";", false, "CSS-002", NULL), 1);
}

static void test_references(void)
{
    char *urls = NULL;
    count_code("@import \"a.css\";\n@import url(b.css) screen;\n"
               "@namespace svg url(http://www.w3.org/2000/svg);\n"
               "@font-face { src: url(f.woff) format('woff'), url(\"g.otf\"); }\n"
               "p { background: url(#frag), URL( 'i.png' ); list-style: url(\\6c .png) }",
               false, "-", &urls);
    CHECK_STR(urls, "s:a.css@1 s:b.css@2 f:f.woff@4 f:g.otf@4 g:i.png@5 g:l.png@5");
    free(urls);
}

/* Hostile text: each is read in well under a second, whatever its size
 * (nesting deeper than the reader follows is skipped, not recursed). */
static void test_hostile(void)
{
    const size_t n = 500000; /* (quadratic work would take hours) */
    const char *units[] = {"{",  "@media{", "p{a:",        "(",     "url(",
                           "/*", "\"",      "@font-face{", "p{@x;", "}"};
    char *css = malloc(n * 12 + 1);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t len = strlen(units[u]), at = 0;
        for (size_t i = 0; i < n; i++, at += len)
            memcpy(css + at, units[u], len);
        css[at] = '\0';
        clock_t start = clock();
        for (int mode = 0; mode < 2; mode++) {
            octavo_diags d = OCTAVO_DIAGS_INIT;
            octavo_check_css_text("t.css", css, at, 1, mode, true, &d, NULL, NULL);
            octavo_diags_free(&d);
        }
        double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
        if (seconds > 10)
            fprintf(stderr, "\"%s\" x %zu: %.1f s\n", units[u], n, seconds);
        CHECK(seconds <= 10);
    }
    free(css);
}

int main(void)
{
    test_valid();
    test_syntax();
    test_rules();
    test_references();
    test_hostile();
    return check_failures ? 1 : 0;
}
