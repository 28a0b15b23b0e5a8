#include "document.h"

#include "mem.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void octavo_strings_add(octavo_strings *list, const char *s)
{
    list->items = octavo_xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
    list->items[list->count++] = octavo_xstrdup(s);
}

void octavo_strings_add_unique(octavo_strings *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], s) == 0)
            return;
    octavo_strings_add(list, s);
}

void octavo_strings_free(octavo_strings *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    *list = (octavo_strings){0};
}

octavo_chapter *octavo_book_add_chapter(octavo_book *book)
{
    book->chapters = octavo_xgrow(book->chapters, &book->chapter_cap, book->chapter_count + 1,
                                  sizeof *book->chapters);
    octavo_chapter *c = &book->chapters[book->chapter_count++];
    memset(c, 0, sizeof *c);
    return c;
}

void octavo_book_fit(octavo_book *book, size_t chapters)
{
    size_t cap = chapters > book->chapter_count ? chapters : book->chapter_count;
    if (cap == book->chapter_cap || cap == 0)
        return;
    book->chapters = octavo_xrealloc(book->chapters, cap * sizeof *book->chapters);
    book->chapter_cap = cap;
}

size_t octavo_book_add_part(octavo_book *book, const char *title)
{
    book->parts =
        octavo_xgrow(book->parts, &book->part_cap, book->part_count + 1, sizeof *book->parts);
    book->parts[book->part_count] = (octavo_part){octavo_xstrdup(title), NULL, NULL};
    return ++book->part_count;
}

void octavo_book_take(octavo_book *into, octavo_book *from)
{
    size_t parts_before = into->part_count;
    for (size_t i = 0; i < from->part_count; i++) {
        into->parts =
            octavo_xgrow(into->parts, &into->part_cap, into->part_count + 1, sizeof *into->parts);
        into->parts[into->part_count++] = from->parts[i];
    }
    from->part_count = 0;
    for (size_t i = 0; i < from->chapter_count; i++) {
        octavo_chapter *c = octavo_book_add_chapter(into);
        *c = from->chapters[i];
        if (c->part)
            c->part += parts_before;
    }
    from->chapter_count = 0;
    if (!into->title) {
        into->title = from->title;
        from->title = NULL;
    }
    for (size_t i = 0; i < from->authors.count; i++)
        octavo_strings_add_unique(&into->authors, from->authors.items[i]);
    octavo_book_free(from);
}

const octavo_part *octavo_part_opening_at(const octavo_book *book, size_t i)
{
    size_t part = book->chapters[i].part;
    if (!part || (i > 0 && book->chapters[i - 1].part == part))
        return NULL;
    return &book->parts[part - 1];
}

unsigned octavo_source_line(const octavo_chapter *c, cmark_node *n)
{
    int line = cmark_node_get_start_line(n);
    return line > 0 ? (unsigned)(line + c->line_offset) : 0;
}

void octavo_chapter_set_origin(octavo_chapter *c, const char *path, const char *root,
                               const char *real)
{
    c->source_path = octavo_xstrdup(path);
    c->source_root = root ? octavo_xstrdup(root) : NULL;
    c->source_real = real ? octavo_xstrdup(real) : NULL;
}

void octavo_chapter_free(octavo_chapter *c)
{
    free(c->source_path);
    free(c->source_root);
    free(c->source_real);
    free(c->title);
    free(c->heading);
    octavo_strings_free(&c->authors);
    free(c->date);
    free(c->description);
    free(c->source_url);
    octavo_strings_free(&c->tags);
    if (c->byline)
        cmark_node_free(c->byline);
    free(c->signature);
    free(c->lang);
    if (c->body)
        cmark_node_free(c->body);
    for (size_t i = 0; i < c->section_count; i++) {
        free(c->sections[i].title);
        free(c->sections[i].id);
    }
    free(c->sections);
    for (size_t i = 0; i < c->html_ref_count; i++) {
        free(c->html_refs[i].written);
        free(c->html_refs[i].becomes);
    }
    free(c->html_refs);
    for (size_t i = 0; i < c->markdown_ref_count; i++) {
        free(c->markdown_refs[i].written);
        free(c->markdown_refs[i].becomes);
    }
    free(c->markdown_refs);
    free(c->file_name);
    free(c->id);
    memset(c, 0, sizeof *c);
}

void octavo_chapter_free_body(octavo_chapter *c)
{
    if (c->body)
        cmark_node_free(c->body);
    c->body = NULL;
    for (size_t k = 0; k < c->section_count; k++)
        c->sections[k].node = NULL;
    for (size_t k = 0; k < c->markdown_ref_count; k++)
        c->markdown_refs[k].node = NULL;
}

bool octavo_chapter_take_body(octavo_chapter *into, octavo_chapter *again)
{
    if (into->body || !again->body || into->section_count != again->section_count ||
        into->markdown_ref_count != again->markdown_ref_count)
        return false;
    for (size_t k = 0; k < into->section_count; k++)
        if (strcmp(into->sections[k].title, again->sections[k].title) != 0)
            return false;
    for (size_t k = 0; k < into->markdown_ref_count; k++)
        if (strcmp(into->markdown_refs[k].written, again->markdown_refs[k].written) != 0)
            return false;
    into->body = again->body;
    again->body = NULL;
    for (size_t k = 0; k < into->section_count; k++) {
        into->sections[k].node = again->sections[k].node;
        cmark_node_set_user_data(into->sections[k].node, &into->sections[k]);
    }
    for (size_t k = 0; k < into->markdown_ref_count; k++) {
        into->markdown_refs[k].node = again->markdown_refs[k].node;
        cmark_node_set_user_data(into->markdown_refs[k].node, &into->markdown_refs[k]);
    }
    return true;
}

void octavo_book_free(octavo_book *book)
{
    for (size_t i = 0; i < book->chapter_count; i++)
        octavo_chapter_free(&book->chapters[i]);
    free(book->chapters);
    for (size_t i = 0; i < book->part_count; i++) {
        free(book->parts[i].title);
        free(book->parts[i].file_name);
        free(book->parts[i].id);
    }
    free(book->parts);
    for (size_t i = 0; i < book->image_count; i++) {
        free(book->images[i].path);
        free(book->images[i].id);
        free(book->images[i].data);
    }
    free(book->images);
    free(book->title);
    octavo_strings_free(&book->authors);
    free(book->subtitle);
    free(book->publisher);
    free(book->rights);
    free(book->description);
    free(book->date);
    free(book->source_url);
    octavo_strings_free(&book->subjects);
    octavo_strings_free(&book->languages);
    free(book->identifier);
    memset(book, 0, sizeof *book);
}

void octavo_node_append_text(cmark_node *node, octavo_buf *out)
{
    /* Iterate rather than recurse: nesting depth is the input's choice. */
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            octavo_buf_puts(out, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            octavo_buf_putc(out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

char *octavo_node_text(cmark_node *node)
{
    octavo_buf out = OCTAVO_BUF_INIT;
    octavo_node_append_text(node, &out);
    size_t len = out.len;
    const char *text = octavo_trim_space(octavo_buf_cstr(&out), &len);
    char *result = octavo_xstrndup(text, len);
    octavo_buf_free(&out);
    return result;
}

cmark_node *octavo_text_node(const char *s, size_t len)
{
    cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
    char *copy = octavo_xstrndup(s, len);
    cmark_node_set_literal(t, copy);
    free(copy);
    return t;
}
