#include "pieces.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* About how many bytes of XHTML a block makes: its text and URLs, and
 * some markup per node. */
static size_t block_bytes(cmark_node *block)
{
    size_t n = 0;
    cmark_iter *it = cmark_iter_new(block);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *x = cmark_iter_get_node(it);
        const char *literal = cmark_node_get_literal(x), *url = cmark_node_get_url(x);
        n += 12 + (literal ? strlen(literal) : 0) + (url ? strlen(url) : 0);
    }
    cmark_iter_free(it);
    return n;
}

/* The top-level blocks of `body` that open a new piece: greedily, before
 * a block that would make the piece too large, or before a heading once
 * the piece is half full. NULL-terminated; NULL when the body fits. */
static cmark_node **piece_starts(cmark_node *body)
{
    cmark_node **starts = NULL;
    size_t count = 0, cap = 0, bytes = 0;
    for (cmark_node *b = cmark_node_first_child(body); b; b = cmark_node_next(b)) {
        if (cmark_node_get_type(b) == CMARK_NODE_FOOTNOTE_DEFINITION) {
            free(starts);
            return NULL;
        }
        size_t n = block_bytes(b);
        bool heading = cmark_node_get_type(b) == CMARK_NODE_HEADING;
        if (bytes &&
            (bytes + n > OCTAVO_PIECE_BYTES || (heading && bytes >= OCTAVO_PIECE_BYTES / 2))) {
            starts = octavo_xgrow(starts, &cap, count + 2, sizeof *starts);
            starts[count++] = b;
            starts[count] = NULL;
            bytes = 0;
        }
        bytes += n;
    }
    return starts;
}

/* Gives each chapter of `pieces` the sections whose headings its body
 * holds, in order (a heading's user data points at its section). */
static void share_sections(octavo_chapter *pieces, size_t count)
{
    octavo_section *all = pieces[0].sections;
    for (size_t i = 0; i < count; i++) {
        octavo_chapter *p = &pieces[i];
        size_t n = 0;
        cmark_iter *it = cmark_iter_new(p->body);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
            n += ev == CMARK_EVENT_ENTER &&
                 cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HEADING;
        p->sections = n ? octavo_xcalloc(n, sizeof *p->sections) : NULL;
        p->section_count = 0;
        cmark_iter_reset(it, p->body, CMARK_EVENT_ENTER);
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *h = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(h) != CMARK_NODE_HEADING)
                continue;
            octavo_section *s = &p->sections[p->section_count++];
            *s = *(octavo_section *)cmark_node_get_user_data(h);
            cmark_node_set_user_data(h, s);
        }
        cmark_iter_free(it);
    }
    free(all);
}

/* Cuts the chapter at `index` (the last of `book`) into pieces when its
 * page would be too large; the pieces follow it. */
static void cut_chapter(octavo_book *book, size_t index)
{
    cmark_node **starts = piece_starts(book->chapters[index].body);
    if (!starts)
        return;
    for (size_t k = 0; starts[k]; k++) {
        octavo_chapter *p = octavo_book_add_chapter(book);
        const octavo_chapter *c = &book->chapters[index];
        octavo_chapter_set_origin(p, c->source_path, c->source_root, c->source_real);
        p->format = c->format;
        p->line_offset = c->line_offset;
        p->title = octavo_xstrdup(c->title);
        p->title_origin = c->title_origin;
        p->part = c->part;
        p->depth = c->depth;
        p->piece = k + 1;
        p->starts_with_section = cmark_node_get_type(starts[k]) == CMARK_NODE_HEADING;
        p->body = cmark_node_new(CMARK_NODE_DOCUMENT);
        for (cmark_node *b = starts[k], *next; b && b != starts[k + 1]; b = next) {
            next = cmark_node_next(b);
            cmark_node_append_child(p->body, b); /* (unlinks it from the chapter) */
        }
    }
    octavo_chapter *c = &book->chapters[index];
    octavo_chapter *last = &book->chapters[book->chapter_count - 1];
    last->signature = c->signature; /* it closes the chapter */
    c->signature = NULL;
    share_sections(c, book->chapter_count - index);
    free(starts);
}

void octavo_cut_large_chapters(octavo_book *book, size_t first)
{
    size_t count = book->chapter_count - first;
    octavo_chapter *appended = octavo_xmalloc((count ? count : 1) * sizeof *appended);
    memcpy(appended, book->chapters + first, count * sizeof *appended);
    book->chapter_count = first;
    for (size_t i = 0; i < count; i++) {
        *octavo_book_add_chapter(book) = appended[i];
        cut_chapter(book, book->chapter_count - 1);
    }
    free(appended);
}
