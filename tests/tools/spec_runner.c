/* spec_runner — runs the examples of tests/spec/ files through the real
 * pipeline and compares what the chapter's page holds with what the
 * example expects (the idea of cmark's spec.txt).
 *
 * An example:
 *
 *   ```````````````````````````````` example --name notes.txt --format plain
 *   source text (a → is a tab)
 *   .
 *   expected content of the chapter's <body>
 *   ! warning or error, as octavo_diag_format writes it
 *   ````````````````````````````````
 *
 * Options after "example": --name FILE (default "chapter.md"), --format
 * markdown|plain (default: decided by content), --captions, --vertical,
 * --lang TAG (the book's language, as --lang). The source goes through
 * the source stage's normalisation, understand, the images, arrange and
 * render, as a one-chapter book made from the folder given by --root
 * (where images are looked for). The expected output is "lang: TAG", the
 * page's xml:lang (the page must be well-formed XML), then the text
 * between <body ...> and </body> with white space at its ends trimmed
 * (nothing else is normalised), then one "! " line per warning or error. When
 * understanding fails the page is not made and only the "! " lines are
 * compared. Lines outside examples are comments; "# BUG: why" before an
 * example says its expected output is today's, known to be wrong.
 *
 * Usage: spec_runner --root DIR SPEC.txt...       exit 1 on any mismatch
 *        spec_runner --root DIR --actual SPEC.txt  print each example with
 *                                                  today's output, to review
 */
#include "arrange.h"
#include "render.h"
#include "resources.h"
#include "source.h"
#include "understand.h"

#include <libxml/parser.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FENCE_MIN 3

typedef struct example {
    const char *spec;
    unsigned line; /* of the opening fence */
    char *options; /* the text after "example" */
    octavo_buf input, expected;
    bool bug;
} example;

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    octavo_buf b = OCTAVO_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        octavo_buf_append(&b, chunk, n);
    fclose(f);
    return octavo_buf_detach(&b);
}

/* The number of backticks a fence line starts with (0: not a fence). */
static size_t fence_length(const char *line)
{
    size_t n = strspn(line, "`");
    return n >= FENCE_MIN ? n : 0;
}

/* Appends a line of the input, each "→" a tab (as in cmark's spec). */
static void add_input_line(octavo_buf *b, const char *line, size_t len)
{
    static const char arrow[] = "\xe2\x86\x92";
    for (size_t i = 0; i < len; i++) {
        if (i + 3 <= len && memcmp(line + i, arrow, 3) == 0) {
            octavo_buf_putc(b, '\t');
            i += 2;
        } else {
            octavo_buf_putc(b, line[i]);
        }
    }
    octavo_buf_putc(b, '\n');
}

/* The value of option `name` in `options` ("--name value"), copied into
 * `out`; false when absent. */
static bool option_value(const char *options, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    for (const char *p = strstr(options, name); p; p = strstr(p + 1, name)) {
        bool starts = p == options || p[-1] == ' ';
        if (!starts || p[n] != ' ')
            continue;
        const char *v = p + n + 1;
        size_t len = strcspn(v, " ");
        if (len == 0 || len >= size)
            return false;
        memcpy(out, v, len);
        out[len] = '\0';
        return true;
    }
    return false;
}

static bool option_flag(const char *options, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strstr(options, name); p; p = strstr(p + 1, name))
        if ((p == options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* What the pipeline makes of the example: the body's content and the
 * diagnostics, in the expected output's form. */
static char *run_example(const example *ex, const char *root)
{
    char name[256] = "chapter.md", format_name[32] = "", lang[64] = "";
    option_value(ex->options, "--name", name, sizeof name);
    option_value(ex->options, "--format", format_name, sizeof format_name);
    bool has_lang = option_value(ex->options, "--lang", lang, sizeof lang);
    octavo_format_choice format = OCTAVO_FORMAT_AUTO;
    if (strcmp(format_name, "plain") == 0)
        format = OCTAVO_FORMAT_FORCE_PLAIN;
    else if (strcmp(format_name, "markdown") == 0)
        format = OCTAVO_FORMAT_FORCE_MARKDOWN;

    octavo_diags d = OCTAVO_DIAGS_INIT;
    octavo_book book = {0};
    octavo_buf out = OCTAVO_BUF_INIT;
    char *text = NULL;
    size_t len = 0;
    octavo_status st =
        octavo_source_normalise(name, ex->input.data, ex->input.len, &text, &len, &d);
    if (st == OCTAVO_OK) {
        octavo_source src = {.path = name,
                             .name = name,
                             .text = text,
                             .len = len,
                             .encoding = "UTF-8",
                             .root = (char *)root,
                             .real = NULL};
        st = octavo_understand(&src, format, &book, &d);
    }
    if (st == OCTAVO_OK) {
        octavo_collect_images(&book, &d);
        octavo_arrange_options arrange = {
            .fallback_title = "folder", .lang = has_lang ? lang : NULL, .modified = 1700000000};
        st = octavo_arrange(&book, &arrange, &d);
    }
    if (st == OCTAVO_OK && book.chapter_count > 0) {
        book.vertical = option_flag(ex->options, "--vertical");
        octavo_render_options opts = {.captions = option_flag(ex->options, "--captions"),
                                      .vertical = book.vertical};
        char *page;
        size_t page_len;
        octavo_render_chapter(&book, &book.chapters[0], &opts, &page, &page_len, NULL, NULL, &d);
        /* The page must be XML; its language comes first. */
        xmlDocPtr doc = xmlReadMemory(page, (int)page_len, "page.xhtml", NULL, XML_PARSE_NONET);
        xmlChar *page_lang = doc ? xmlNodeGetLang(xmlDocGetRootElement(doc)) : NULL;
        octavo_buf_printf(&out, "lang: %s\n",
                          doc ? (page_lang ? (const char *)page_lang : "(none)")
                              : "(not well-formed XML)");
        xmlFree(page_lang);
        xmlFreeDoc(doc);
        const char *body = strstr(page, "<body");
        const char *end = body ? strstr(body, "</body>") : NULL;
        if (body && end && (body = strchr(body, '>')) != NULL && body < end) {
            body++;
            while (body < end && strchr(" \t\n", *body))
                body++;
            while (end > body && strchr(" \t\n", end[-1]))
                end--;
            octavo_buf_append(&out, body, (size_t)(end - body));
            octavo_buf_putc(&out, '\n');
        } else {
            octavo_buf_puts(&out, "(no <body> in the page)\n");
        }
        free(page);
    }
    for (size_t i = 0; i < d.count; i++) {
        if (d.items[i].severity == OCTAVO_INFO)
            continue;
        octavo_buf_puts(&out, "! ");
        octavo_diag_format(&d.items[i], &out);
        octavo_buf_putc(&out, '\n');
    }
    free(text);
    octavo_book_free(&book);
    octavo_diags_free(&d);
    return octavo_buf_detach(&out);
}

/* Runs (or, with `actual`, prints) every example of `spec`; returns the
 * number of mismatches, or -1 when the file cannot be read or parsed. */
static int run_spec(const char *spec, const char *path, const char *root, bool actual,
                    int *examples, int *bugs)
{
    char *text = path ? slurp(path) : NULL;
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", spec);
        return -1;
    }
    int failures = 0, number = 0;
    unsigned line_no = 0;
    bool bug_pending = false;
    example ex = {0};
    enum { OUTSIDE, INPUT, EXPECTED } where = OUTSIDE;
    size_t fence = 0;
    for (char *line = text; line && *line;) {
        char *next = strchr(line, '\n');
        size_t len = next ? (size_t)(next - line) : strlen(line);
        if (next)
            *next = '\0';
        line_no++;
        if (where == OUTSIDE) {
            size_t f = fence_length(line);
            if (f && strncmp(line + f, " example", 8) == 0) {
                ex = (example){.spec = spec, .line = line_no, .bug = bug_pending};
                ex.options = line + f + 8;
                fence = f;
                where = INPUT;
                bug_pending = false;
            } else if (strncmp(line, "# BUG:", 6) == 0) {
                bug_pending = true;
            }
            if (actual)
                printf("%s\n", line);
        } else if (where == INPUT && strcmp(line, ".") == 0) {
            where = EXPECTED;
        } else if (where == INPUT) {
            add_input_line(&ex.input, line, len);
        } else if (fence_length(line) == fence && line[fence] == '\0') {
            char *got = run_example(&ex, root);
            const char *want = ex.expected.data ? ex.expected.data : "";
            number++;
            (*examples)++;
            *bugs += ex.bug;
            if (actual) {
                fwrite(ex.input.data ? ex.input.data : "", 1, ex.input.len, stdout);
                printf(".\n%s%s\n", got, line);
            } else if (strcmp(got, want) != 0) {
                failures++;
                printf("%s:%u: example %d%s\n--- input\n%s--- expected\n%s--- actual\n%s\n", spec,
                       ex.line, number, ex.bug ? " (a known bug: # BUG)" : "",
                       ex.input.data ? ex.input.data : "", want, got);
            }
            free(got);
            octavo_buf_free(&ex.input);
            octavo_buf_free(&ex.expected);
            where = OUTSIDE;
        } else {
            octavo_buf_append(&ex.expected, line, len);
            octavo_buf_putc(&ex.expected, '\n');
        }
        line = next ? next + 1 : NULL;
    }
    if (where != OUTSIDE) {
        fprintf(stderr, "%s:%u: example not closed\n", spec, ex.line);
        octavo_buf_free(&ex.input);
        octavo_buf_free(&ex.expected);
        failures = -1;
    }
    free(text);
    return failures;
}

int main(int argc, char **argv)
{
    const char *root_arg = NULL;
    bool actual = false;
    int first = 1;
    for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
        if (strcmp(argv[first], "--root") == 0 && first + 1 < argc)
            root_arg = argv[++first];
        else if (strcmp(argv[first], "--actual") == 0)
            actual = true;
        else
            break;
    }
    if (!root_arg || first >= argc) {
        fprintf(stderr, "usage: spec_runner --root DIR [--actual] SPEC.txt...\n");
        return 2;
    }
    /* Spec paths are taken before moving into the root, where the
     * example's file is (so images are found and messages name it alone). */
    char **specs = calloc((size_t)(argc - first), sizeof *specs);
    for (int i = first; i < argc; i++)
        specs[i - first] = realpath(argv[i], NULL);
    char *root = realpath(root_arg, NULL);
    if (!root || chdir(root) != 0) {
        fprintf(stderr, "%s: no such folder\n", root_arg);
        return 2;
    }
    octavo_understand_prepare();
    int status = 0, examples = 0, bugs = 0, failures = 0;
    for (int i = first; i < argc; i++) {
        int n = run_spec(argv[i], specs[i - first], root, actual, &examples, &bugs);
        if (n != 0)
            status = 1;
        if (n > 0)
            failures += n;
    }
    if (!actual)
        printf("%d examples, %d failed, %d known bugs (# BUG)\n", examples, failures, bugs);
    for (int i = first; i < argc; i++)
        free(specs[i - first]);
    free(specs);
    free(root);
    return status;
}
