#include "novel.h"

#include "finish.h"
#include "lang.h"
#include "mem.h"
#include "pieces.h"
#include "sanitize.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static octavo_chapter *new_segment(octavo_book *book, const octavo_source *src, size_t part,
                                   char *title, const char *origin)
{
    octavo_chapter *c = octavo_book_add_chapter(book);
    octavo_chapter_set_origin(c, src->path, src->root, src->real);
    c->format = OCTAVO_FORMAT_PLAIN;
    c->body = cmark_node_new(CMARK_NODE_DOCUMENT);
    c->part = part;
    c->title = title;
    c->title_origin = origin;
    return c;
}

static void finish_segment(octavo_chapter *c, const octavo_source *src)
{
    octavo_finish_chapter(c, src);
    char *text = octavo_node_text(c->body);
    octavo_lang_count(&c->stats, text, strlen(text));
    free(text);
}

/* "《书名》" alone on a line: the book's title, brackets off. */
static char *bracketed_title(const char *s, size_t len)
{
    static const char open[] = "《", close[] = "》";
    size_t o = sizeof open - 1, c = sizeof close - 1;
    if (len <= o + c || memcmp(s, open, o) != 0 || memcmp(s + len - c, close, c) != 0)
        return NULL;
    const char *inner = s + o;
    size_t n = len - o - c;
    if (memmem(inner, n, open, o) || memmem(inner, n, close, c))
        return NULL;
    return octavo_xstrndup(inner, n);
}

/* "书名：…" / "作者：…": a label of a web novel's header. */
static const char *header_value(const char *s, size_t len, const char *const *labels, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(labels[i]);
        if (len > n && memcmp(s, labels[i], n) == 0) {
            const char *v = s + n;
            size_t rest = len - n;
            size_t colon = octavo_starts_with(v, rest, "：") ? strlen("：")
                           : (rest && *v == ':')             ? 1
                                                             : 0;
            if (colon)
                return v + colon;
        }
    }
    return NULL;
}

/* What the text after a novel's header is called, in its script. */
static const char *intro_title(cmark_node *first)
{
    char *text = octavo_node_text(first);
    octavo_lang_stats stats = {0};
    octavo_lang_count(&stats, text, strlen(text));
    free(text);
    return stats.traditional > stats.simplified ? "簡介" : "简介";
}

/* Web novels begin with a header: "《书名》" or "书名：…", "作者：…". It
 * is the book's title and author, not a chapter: taken out of `doc` (as
 * long as whole paragraphs are header lines), into book->title (when not
 * set) and book->authors. Returns whether there was one. */
static bool take_novel_header(cmark_node *doc, octavo_book *book)
{
    static const char *const title_labels[] = {"书名", "書名"};
    static const char *const author_labels[] = {"作者", "作 者", "著者"};
    bool found = false;
    cmark_node *b = cmark_node_first_child(doc);
    while (b && cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH) {
        char *text = octavo_node_text(b);
        char *title = NULL, *author = NULL;
        bool all_header = *text != '\0';
        for (const char *p = text; *p && all_header;) {
            size_t n = strcspn(p, "\n");
            octavo_span l = octavo_trim(p, n);
            const char *v;
            char *t;
            if (!l.len) {
                /* blank */
            } else if (!title && (t = bracketed_title(l.text, l.len))) {
                title = t;
            } else if (!title && (v = header_value(l.text, l.len, title_labels, 2))) {
                octavo_span value = octavo_trim(v, (size_t)(l.text + l.len - v));
                title = bracketed_title(value.text, value.len);
                if (!title)
                    title = octavo_xstrndup(value.text, value.len);
            } else if (!author && (v = header_value(l.text, l.len, author_labels, 3))) {
                octavo_span value = octavo_trim(v, (size_t)(l.text + l.len - v));
                author = octavo_xstrndup(value.text, value.len);
            } else {
                all_header = false;
            }
            p += n + (p[n] ? 1 : 0);
        }
        free(text);
        if (!all_header || (!title && !author)) {
            free(title);
            free(author);
            break;
        }
        found = true;
        if (title && *title && !book->title)
            book->title = title;
        else
            free(title);
        if (author && *author)
            octavo_strings_add_unique(&book->authors, author);
        free(author);
        cmark_node *next = cmark_node_next(b);
        cmark_node_free(b);
        b = next;
    }
    return found;
}

/* A novel in one file: every chapter marker starts a chapter titled by
 * it, every volume marker a part; text before the first chapter of the
 * book (or of a part) is a chapter of its own: after the novel's header
 * (title, author), its introduction. `doc` holds the blocks of one slice
 * (see octavo_novel_understand), taken into chapters and freed; *part is the part
 * the slice starts in, and then the one it ends in. */
static void novel_slice(cmark_node *doc, const octavo_source *src, octavo_book *book, size_t *part,
                        bool header)
{
    octavo_chapter *current = NULL;
    cmark_node *b = cmark_node_first_child(doc);
    while (b) {
        cmark_node *next = cmark_node_next(b);
        char *text = cmark_node_get_type(b) == CMARK_NODE_HEADING ? octavo_node_text(b) : NULL;
        size_t len = text ? strlen(text) : 0;
        if (text && octavo_is_volume_marker(text, len)) {
            if (current)
                finish_segment(current, src);
            current = NULL;
            *part = octavo_book_add_part(book, text);
            free(text);
            cmark_node_free(b);
        } else if (text && octavo_is_chapter_marker(text, len)) {
            if (current)
                finish_segment(current, src);
            current = new_segment(book, src, *part, text, "chapter marker");
            cmark_node_free(b);
        } else {
            free(text);
            if (!current && *part)
                current =
                    new_segment(book, src, *part, octavo_xstrdup(book->parts[*part - 1].title),
                                "volume marker");
            else if (!current && header)
                current =
                    new_segment(book, src, 0, octavo_xstrdup(intro_title(b)), "the novel's header");
            else if (!current)
                current = new_segment(book, src, 0, NULL, NULL);
            cmark_node_append_child(current->body, b);
        }
        b = next;
    }
    /* (The next slice starts with a chapter marker, which ends it.) */
    if (current)
        finish_segment(current, src);
    cmark_node_free(doc);
}

/* One slice of a novel: its units, the part it starts in and the chapters
 * it made (both counted from the source's first). */
typedef struct novel_slice_info {
    size_t from, to;
    size_t part;
    size_t first, count;
} novel_slice_info;

struct octavo_novel_plan {
    octavo_plain_layout layout; /* points into the source's text */
    novel_slice_info *slices;
    size_t count, cap;
    octavo_strings parts; /* the novel's parts' titles, for making slices again */
};

/* Makes the chapters of units [from, to) into `book`: what the whole
 * novel would make of them, pieces cut and references found. */
static void understand_slice(const octavo_plain_layout *l, size_t from, size_t to,
                             const octavo_source *src, octavo_book *book, size_t *part)
{
    size_t first = book->chapter_count;
    cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
    octavo_plain_blocks(l, from, to, doc);
    bool header = from == 0 && take_novel_header(doc, book);
    novel_slice(doc, src, book, part, header);
    if (src->len > OCTAVO_PIECE_BYTES / 8) /* (as for any source) */
        octavo_cut_large_chapters(book, first);
    for (size_t i = first; i < book->chapter_count; i++)
        octavo_find_references(&book->chapters[i]);
}

size_t octavo_novel_markers(const octavo_plain_layout *l)
{
    size_t markers = 0;
    for (size_t i = 0; i < l->unit_count; i++)
        markers += octavo_plain_starts_chapter(&l->units[i]);
    return markers;
}

void octavo_novel_plan_free(octavo_novel_plan *plan)
{
    if (!plan)
        return;
    octavo_plain_layout_free(&plan->layout);
    free(plan->slices);
    octavo_strings_free(&plan->parts);
    free(plan);
}

/* A novel is understood a slice at a time, from one chapter marker to the
 * next, so that its whole tree is never in memory at once (a 50 MB novel's
 * took 160 MB); with `forget`, each slice's trees are freed once made.
 * The plan (if `plan` is not NULL) takes the layout, to make each slice
 * again. */
void octavo_novel_understand(octavo_plain_layout *l, const octavo_source *src, octavo_book *book,
                             bool forget, octavo_novel_plan **plan)
{
    octavo_novel_plan *p = octavo_xcalloc(1, sizeof *p);
    size_t base = book->chapter_count, base_parts = book->part_count, part = 0, start = 0;
    for (size_t i = 1; i <= l->unit_count; i++) {
        if (i < l->unit_count && !octavo_plain_starts_chapter(&l->units[i]))
            continue;
        size_t first = book->chapter_count, at_start = part;
        understand_slice(l, start, i, src, book, &part);
        for (size_t c = first; forget && c < book->chapter_count; c++)
            octavo_chapter_free_body(&book->chapters[c]);
        p->slices = octavo_xgrow(p->slices, &p->cap, p->count + 1, sizeof *p->slices);
        /* (Parts counted from the source's first, as chapters are.) */
        p->slices[p->count++] = (novel_slice_info){start, i, at_start ? at_start - base_parts : 0,
                                                   first - base, book->chapter_count - first};
        start = i;
    }
    if (plan) {
        for (size_t i = base_parts; i < book->part_count; i++)
            octavo_strings_add(&p->parts, book->parts[i].title);
        p->layout = *l;
        *l = (octavo_plain_layout){0};
        *plan = p;
    } else {
        octavo_novel_plan_free(p);
    }
}

size_t octavo_novel_slices(const octavo_novel_plan *plan)
{
    return plan->count;
}

void octavo_novel_slice_chapters(const octavo_novel_plan *plan, size_t k, size_t *first,
                                 size_t *count)
{
    *first = plan->slices[k].first;
    *count = plan->slices[k].count;
}

void octavo_understand_again(const octavo_source *src, const octavo_novel_plan *plan, size_t k,
                             octavo_book *book)
{
    const novel_slice_info *slice = &plan->slices[k];
    /* The parts before the slice, so that its own get their numbers. */
    for (size_t i = 0; i < slice->part; i++)
        octavo_book_add_part(book, plan->parts.items[i]);
    size_t part = slice->part;
    understand_slice(&plan->layout, slice->from, slice->to, src, book, &part);
}
