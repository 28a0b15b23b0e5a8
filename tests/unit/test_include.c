#include "../tools/scratch.h"
#include "check.h"
#include "include.h"
#include "mem.h"

#include <stdlib.h>
#include <unistd.h>

static char folder[64];

/* The text of "<folder>/a.md" holding `text`, expanded. */
static char *expand_mapped(const char *text, octavo_include_map *map, octavo_diags *d)
{
    char path[128], *root = realpath(folder, NULL);
    snprintf(path, sizeof path, "%s/a.md", folder);
    scratch_write(folder, "a.md", text, strlen(text));
    size_t len;
    char *out = octavo_include_expand(path, root, text, strlen(text), &len, map, d);
    CHECK_INT(strlen(out), len);
    free(root);
    return out;
}

static char *expand(const char *text, octavo_diags *d)
{
    octavo_include_map map = {0};
    char *out = expand_mapped(text, &map, d);
    octavo_include_map_free(&map);
    return out;
}

/* Lines of the expanded text lead back to the chapter as written: what an
 * include brought in to its directive's line, the rest by their distance,
 * and a warning about a later directive to that directive's line. */
static void test_line_map(void)
{
    scratch_write(folder, "n.txt", "one\ntwo\nthree\nfour\n", 19);
    octavo_include_map map = {0};
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out = expand_mapped("a\n{{#include n.txt}}\nb\n{{#include missing.txt}}\nc\n", &map, &d);
    /* (the included file's last line end is the directive's) */
    CHECK_STR(out, "a\none\ntwo\nthree\nfour\nb\n{{#include missing.txt}}\nc\n");
    unsigned want[] = {0, 1, 2, 2, 2, 2, 3, 4, 5};
    for (unsigned line = 1; line < sizeof want / sizeof *want; line++)
        CHECK_INT(octavo_include_map_original(&map, line), want[line]);
    CHECK_INT(d.count, 1);
    if (d.count)
        CHECK_INT(octavo_include_map_original(&map, d.items[0].line), 4);
    free(out);
    octavo_include_map_free(&map);
    octavo_diags_free(&d);
}

static void test_ranges_and_anchors(void)
{
    const char *lines = "one\ntwo\nthree\nfour\n";
    scratch_write(folder, "n.txt", lines, strlen(lines));
    const char *rs = "# fn hidden() {}\n"
                     "// ANCHOR: all\n"
                     "fn shown() {}\n"
                     "    # let x = 1;\n"
                     "#[derive(Debug)]\n"
                     "// ANCHOR: inner\n"
                     "struct S;\n"
                     "// ANCHOR_END: inner\n"
                     "// ANCHOR_END: all\n";
    scratch_write(folder, "l.rs", rs, strlen(rs));
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"{{#include n.txt}}", "one\ntwo\nthree\nfour"},
        {"{{#include n.txt:2:3}}", "two\nthree"},
        {"{{#include n.txt:3:}}", "three\nfour"},
        {"{{#include n.txt::2}}", "one\ntwo"},
        {"{{#include n.txt:2}}", "two"},
        {"a {{#include n.txt:2}} b\n", "a two b\n"},
        {"{{#include l.rs:inner}}", "struct S;"},
        {"{{#include l.rs:all}}", "fn shown() {}\n    # let x = 1;\n#[derive(Debug)]\nstruct S;"},
        {"{{#rustdoc_include l.rs:all}}", "fn shown() {}\n#[derive(Debug)]\nstruct S;"},
        {"{{#rustdoc_include l.rs}}", "fn shown() {}\n#[derive(Debug)]\nstruct S;"},
        {"\\{{#include n.txt}}", "{{#include n.txt}}"},
        {"{{ #include n.txt:1 }} {{ not}} {{", "one {{ not}} {{"},
        {"\\{{ #include n.txt:1}}", "\\one"},
        {"{{#other n.txt}} {{#include}} {{#include n.txt",
         "{{#other n.txt}} {{#include}} {{#include n.txt"},
        {"{{#title The Title}}\n\nText.\n", "# The Title\n\nText.\n"},
        {"{{#title The Title}}\n# Heading\n", "\n# Heading\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        octavo_diags d = OCTAVO_DIAGS_INIT;
        char *out = expand(cases[i].in, &d);
        CHECK_STR(out, cases[i].out);
        CHECK_INT(d.count, 0);
        free(out);
        octavo_diags_free(&d);
    }
}

static void test_refused(void)
{
    static const struct {
        const char *in, *message;
    } cases[] = {
        {"x\n{{#include l.rs:nowhere}}", "cannot include l.rs: no anchor 'nowhere' in it"},
        {"{{#include missing.txt}}", "cannot include missing.txt: no such file"},
        {"{{#include /etc/passwd}}", "cannot include /etc/passwd: outside the book's folder"},
        {"{{#include ../../../../../../../etc/passwd}}", "outside the book's folder"},
        {"{{#include a.md}}", "cannot include a.md: it would include itself"},
        {"{{#include bin.dat}}", "cannot include bin.dat: not UTF-8 text"},
        {"{{#include .}}", "cannot include .: not a regular file"},
    };
    scratch_write(folder, "bin.dat", "\xff\xfe\0x", 4);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        octavo_diags d = OCTAVO_DIAGS_INIT;
        char *out = expand(cases[i].in, &d);
        CHECK_STR(out, cases[i].in); /* the directive stays as written */
        CHECK_INT(d.count, 1);
        CHECK_HAS(d.count ? d.items[0].message : NULL, cases[i].message);
        CHECK_INT(d.count ? d.items[0].line : 0, i == 0 ? 2 : 1);
        free(out);
        octavo_diags_free(&d);
    }
}

static void test_bounds(void)
{
    /* A chain of includes deeper than the bound (the chapter counts) stops
     * there. */
    for (int i = 0; i < OCTAVO_INCLUDE_MAX_DEPTH + 3; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "c%d.inc", i);
        snprintf(text, sizeof text, "%d {{#include c%d.inc}}\n", i, i + 1);
        scratch_write(folder, name, text, strlen(text));
    }
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *out = expand("{{#include c0.inc}}", &d);
    CHECK_INT(d.count, 1);
    CHECK_HAS(d.count ? d.items[0].message : NULL, "includes nest too deep");
    CHECK_HAS(out, "0 1 2 3 4 5 6 7 8 {{#include c9.inc}}");
    free(out);
    octavo_diags_free(&d);

    /* Two includes of 9 MB: the second would pass the 16 MB a chapter may
     * take, and is refused. */
    size_t big = 9u << 20;
    char *text = octavo_xmalloc(big);
    memset(text, 'x', big);
    for (size_t i = 80; i < big; i += 80)
        text[i] = '\n';
    scratch_write(folder, "big.txt", text, big);
    free(text);
    octavo_include_map map = {0};
    out = expand_mapped("{{#include big.txt}}\n{{#include big.txt}}\n", &map, &d);
    CHECK_INT(d.count, 1);
    CHECK_HAS(d.count ? d.items[0].message : NULL,
              "cannot include big.txt: the chapter would take more than 16 MB");
    /* (at a line of the expanded text, which is the chapter's line 2) */
    CHECK_INT(d.count ? octavo_include_map_original(&map, d.items[0].line) : 0, 2);
    CHECK(strlen(out) < big + 100);
    free(out);
    octavo_include_map_free(&map);
    octavo_diags_free(&d);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/octavo-test-include-XXXXXX");
    if (!mkdtemp(folder))
        abort();
    test_ranges_and_anchors();
    test_line_map();
    test_refused();
    test_bounds();
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", folder);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", folder);
    CHECK_DONE();
}
