/* preview.c — octavo toc: the book as it would be built, as text. */
#include "preview.h"

#include "build.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The text of a chapter in characters, for the preview. */
static size_t chapter_characters(const octavo_chapter *c)
{
    char *text = octavo_node_text(c->body);
    size_t n = octavo_utf8_length(text, strlen(text));
    free(text);
    return n;
}

/* Ends the line being made in `line` and adds it to `out`, made safe for
 * a terminal one line at a time: a newline in a title or file name must
 * not make a line of its own. */
static void preview_line(octavo_buf *line, octavo_buf *out)
{
    octavo_printable(octavo_buf_cstr(line), false, out);
    octavo_buf_putc(out, '\n');
    octavo_buf_clear(line);
}

octavo_status octavo_preview(const octavo_build_options *opts, octavo_buf *out, octavo_diags *d)
{
    size_t first_message = d->count;
    octavo_made_book m;
    octavo_status st = octavo_make_book(opts, false, &m, d);
    if (st == OCTAVO_OK) {
        const octavo_book *b = &m.book;
        octavo_buf line = OCTAVO_BUF_INIT;
        octavo_buf_printf(&line, "%s", b->title);
        if (b->subtitle)
            octavo_buf_printf(&line, ": %s", b->subtitle);
        for (size_t i = 0; i < b->authors.count; i++)
            octavo_buf_printf(&line, "%s%s", i ? ", " : " — ", b->authors.items[i]);
        octavo_buf_printf(&line, " [%s]", b->languages.items[0]);
        preview_line(&line, out);
        size_t number = 0;
        for (size_t i = 0; i < b->chapter_count; i++) {
            const octavo_chapter *c = &b->chapters[i];
            if (c->piece)
                continue; /* counted with its chapter */
            const octavo_part *p = octavo_part_opening_at(b, i);
            if (p) {
                octavo_buf_printf(&line, "  %s", p->title);
                preview_line(&line, out);
            }
            size_t characters = chapter_characters(c), pieces = 1;
            for (; i + pieces < b->chapter_count && b->chapters[i + pieces].piece; pieces++)
                characters += chapter_characters(&b->chapters[i + pieces]);
            int indent = 2 + 2 * ((c->part ? 1 : 0) + c->depth);
            octavo_buf_printf(&line, "%*s%3zu. %s  (%s, %s, %zu characters", indent, "", ++number,
                              c->title, c->source_path, c->lang, characters);
            if (pieces > 1)
                octavo_buf_printf(&line, ", %zu pages", pieces);
            octavo_buf_puts(&line, ")");
            preview_line(&line, out);
        }
        octavo_buf_free(&line);
    }
    octavo_sources_fix_lines(&m.sources, d, first_message);
    octavo_made_book_free(&m);
    return st;
}
