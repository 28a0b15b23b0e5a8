/* Fuzzes the whole text path: understand (front matter, Markdown or plain
 * text, titles, bylines, novels), arrange, and rendering of every chapter,
 * part page, nav and NCX. Every document rendered must be well-formed XML:
 * anything else aborts. */
#include "arrange.h"
#include "nav.h"
#include "render.h"
#include "sanitize.h"
#include "source.h"
#include "text.h"
#include "understand.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void must_parse(char *xml, size_t len)
{
    xmlDocPtr doc =
        xmlReadMemory(xml, (int)len, "out.xhtml", NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!doc)
        abort();
    xmlFreeDoc(doc);
    free(xml);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    octavo_diags d = OCTAVO_DIAGS_INIT;
    char *text;
    size_t len;
    /* Sources reach understand normalised; give it what the source stage
     * would. */
    if (octavo_source_normalise("f.md", (const char *)data, size, &text, &len, &d) != OCTAVO_OK) {
        octavo_diags_free(&d);
        return 0;
    }
    octavo_source src = {.path = "f.md", .name = "f.md", .text = text, .len = len};
    octavo_book book = {0};
    for (int format = OCTAVO_FORMAT_AUTO; format <= OCTAVO_FORMAT_FORCE_PLAIN; format++) {
        if (octavo_understand(&src, (octavo_format_choice)format, &book, &d) != OCTAVO_OK)
            continue;
    }
    if (!octavo_diags_has_errors(&d) && book.chapter_count) {
        octavo_arrange_options opts = {.fallback_title = "fuzz", .modified = 0};
        octavo_arrange(&book, &opts, &d);
        char *out;
        size_t out_len;
        /* Half the inputs vertical, every chapter with its line map. One
         * highlighter for the run, as for a build: reading a language's
         * definitions for every input would be most of the run. */
        static octavo_highlighter *highlighter;
        if (!highlighter)
            highlighter = octavo_highlighter_new();
        octavo_render_options render = {.vertical = size % 2 == 1, .highlighter = highlighter};
        for (size_t i = 0; i < book.chapter_count; i++) {
            octavo_line_map lines = {0};
            octavo_render_chapter(&book, &book.chapters[i], &render, &out, &out_len, &lines, NULL, &d);
            must_parse(out, out_len);
            octavo_line_map_free(&lines);
        }
        for (size_t i = 0; i < book.part_count; i++) {
            octavo_render_part(&book, &book.parts[i], &out, &out_len);
            must_parse(out, out_len);
        }
        octavo_render_nav(&book, 6, true, &out, &out_len);
        must_parse(out, out_len);
        octavo_render_ncx(&book, 6, &out, &out_len);
        must_parse(out, out_len);
    }
    octavo_book_free(&book);
    octavo_diags_free(&d);
    free(text);
    return 0;
}
