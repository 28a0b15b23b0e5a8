/* test_highlight: every code block of the highlight fixture (argv[1]) comes
 * out of the highlighter as its own text, byte for byte, in pieces of
 * the kinds its language has; unknown languages, none, and code too
 * large are left plain. */
#include "check.h"
#include "diag.h"
#include "highlight.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

typedef struct collected {
    octavo_buf text;
    size_t keywords, comments, strings, pieces;
} collected;

static void collect(void *ctx, const char *kind, const char *text, size_t len)
{
    collected *c = ctx;
    octavo_buf_append(&c->text, text, len);
    c->pieces++;
    if (kind && strcmp(kind, "keyword") == 0)
        c->keywords++;
    if (kind && strcmp(kind, "comment") == 0)
        c->comments++;
    if (kind && strcmp(kind, "string") == 0)
        c->strings++;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    octavo_buf b = OCTAVO_BUF_INIT;
    char chunk[4096];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        octavo_buf_append(&b, chunk, n);
    if (f)
        fclose(f);
    octavo_buf_puts(&b, "");
    return octavo_buf_detach(&b);
}

/* Each fenced block of `md` ("```lang\n...```"): highlighted when its
 * language is one of `known`, each time its own text. */
static void test_fixture(octavo_highlighter *h, const char *md)
{
    static const char *const known[] = {"c", "python", "rust", "js", "sh"};
    size_t blocks = 0, highlighted = 0;
    for (const char *p = strstr(md, "```"); p; p = strstr(p, "```")) {
        const char *lang = p + 3, *eol = strchr(lang, '\n');
        const char *end = eol ? strstr(eol + 1, "```") : NULL;
        if (!end)
            break;
        char *language = octavo_xstrndup(lang, (size_t)(eol - lang));
        char *code = octavo_xstrndup(eol + 1, (size_t)(end - eol - 1));
        bool is_known = false;
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            is_known = is_known || strcmp(language, known[i]) == 0;
        octavo_diags d = OCTAVO_DIAGS_INIT;
        collected c = {.text = OCTAVO_BUF_INIT};
        bool done = octavo_highlight(h, language, code, collect, &c, "code.md", 1, &d);
        CHECK_INT(done, is_known);
        if (done) {
            highlighted++;
            CHECK_STR(octavo_buf_cstr(&c.text), code);
            CHECK(c.keywords > 0 && c.comments > 0 && c.pieces > 3);
        } else {
            CHECK_INT(c.pieces, 0);
        }
        CHECK_INT(d.count, 0);
        octavo_buf_free(&c.text);
        octavo_diags_free(&d);
        free(language);
        free(code);
        blocks++;
        p = end + 3;
    }
    CHECK_INT(blocks, 7);
    CHECK_INT(highlighted, 5);
}

static void test_limits_and_state(octavo_highlighter *h)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    /* a comment open across lines stays one, a span a line; an alias
     * lang.map lacks */
    collected c = {.text = OCTAVO_BUF_INIT};
    const char *code = "/* one\n   two */ int x = \"s\";\n\n";
    CHECK(octavo_highlight(h, "C++", code, collect, &c, "f.md", 1, &d));
    CHECK_STR(octavo_buf_cstr(&c.text), code);
    CHECK(c.comments == 2 && c.strings == 1);
    octavo_buf_free(&c.text);
    /* too large, a line too long, no code, a name that is a path */
    char *big = octavo_xmalloc(OCTAVO_HIGHLIGHT_MAX_BYTES + 2);
    memset(big, 'x', OCTAVO_HIGHLIGHT_MAX_BYTES + 1);
    big[OCTAVO_HIGHLIGHT_MAX_BYTES + 1] = '\0';
    for (size_t i = 0; i < OCTAVO_HIGHLIGHT_MAX_BYTES; i += 100)
        big[i] = '\n';
    c = (collected){.text = OCTAVO_BUF_INIT};
    CHECK(!octavo_highlight(h, "c", big, collect, &c, "f.md", 1, &d));
    big[OCTAVO_HIGHLIGHT_MAX_LINE + 10] = '\0';
    big[0] = 'x';
    for (size_t i = 0; i < OCTAVO_HIGHLIGHT_MAX_LINE + 10; i++)
        big[i] = 'x';
    CHECK(!octavo_highlight(h, "c", big, collect, &c, "f.md", 1, &d));
    CHECK(!octavo_highlight(h, "c", "", collect, &c, "f.md", 1, &d));
    CHECK(!octavo_highlight(h, "../../etc/passwd", "x\n", collect, &c, "f.md", 1, &d));
    CHECK(!octavo_highlight(h, "c.lang", "x\n", collect, &c, "f.md", 1, &d));
    CHECK(!octavo_highlight(NULL, "c", "x\n", collect, &c, "f.md", 1, &d));
    CHECK_INT(c.pieces, 0);
    CHECK_INT(d.count, 0);
    free(big);
    octavo_diags_free(&d);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_highlight FIXTURE.md\n");
        return 2;
    }
    char *md = read_all(argv[1]);
    CHECK(*md);
    octavo_highlighter *h = octavo_highlighter_new();
    CHECK(h != NULL);
    test_fixture(h, md);
    test_limits_and_state(h);
    octavo_highlighter_free(h);
    free(md);
    CHECK_DONE();
}
