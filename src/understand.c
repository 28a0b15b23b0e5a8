#include "understand.h"

#include "finish.h"
#include "frontmatter.h"
#include "lang.h"
#include "novel.h"
#include "pieces.h"
#include "plain.h"
#include "sanitize.h"
#include "text.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

/* ---- format ------------------------------------------------------------- */

octavo_format octavo_detect_format(const char *text, size_t len, const char **why)
{
    size_t headings = 0, other = 0;
    bool in_fence = false;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t n = (size_t)(e - p);
        while (n && (*p == ' ' || *p == '\t')) { /* nested list items are indented */
            p++;
            n--;
        }
        if (n >= 3 && (octavo_starts_with(p, n, "```") || octavo_starts_with(p, n, "~~~"))) {
            in_fence = !in_fence;
            other++;
        } else if (!in_fence) {
            size_t h = 0;
            while (h < n && p[h] == '#')
                h++;
            if (h >= 1 && h <= 6 && h < n && p[h] == ' ') {
                headings++;
                break; /* (that settles it) */
            } else if (n >= 1 && p[0] == '>')
                other++;
            else if (n >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ')
                other++;
            else if (n >= 3 &&
                     (octavo_starts_with(p, n, "---") || octavo_starts_with(p, n, "***")) &&
                     octavo_trim(p, n).len == 3)
                other++;
            else if (n >= 5 && p[0] == '!' && p[1] == '[' && memmem(p, n, "](", 2))
                other += 2; /* a picture on its own line: nothing else writes that */
            else if (memmem(p, n, "](", 2) || memmem(p, n, "**", 2) || memmem(p, n, "`", 1))
                other++;
        }
        p = e + 1;
    }
    if (headings) {
        *why = "Markdown: has # headings";
        return OCTAVO_FORMAT_MARKDOWN;
    }
    if (other >= 2) {
        *why = "Markdown: has Markdown lists, quotes, links, emphasis or code";
        return OCTAVO_FORMAT_MARKDOWN;
    }
    *why = "plain text: no Markdown structure found";
    return OCTAVO_FORMAT_PLAIN;
}

/* ---- Markdown ---------------------------------------------------------- */

void octavo_understand_prepare(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

static cmark_node *parse_markdown(const char *text, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
    static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, text, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    /* Inline nodes' text points into their block's buffer; the later
     * stages move inlines between blocks (repairs, bylines) and free
     * blocks, so every node must own its text first. */
    cmark_node_own(doc);
    return doc;
}

/* Repairs two things real Markdown files get wrong by accident:
 * - a "---" line right under a paragraph makes the whole paragraph a
 *   setext heading; a "heading" that is several sentences long is turned
 *   back into a paragraph followed by a rule;
 * - a one-line paragraph such as "1、创业公司：打不过就加入" is a heading
 *   (text saved from the web with front matter), unless `literal` (the
 *   format was given: --format, book.yaml). A numbered sentence such as
 *   "（1）如果要……必须非常小心。" stays the author's paragraph. */
static void repair_markdown_blocks(cmark_node *doc, bool literal)
{
    int section_level = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n);
            if (level > 1 && (!section_level || level < section_level))
                section_level = level;
        }
    if (!section_level)
        section_level = 2;

    cmark_node *n = cmark_node_first_child(doc);
    while (n) {
        cmark_node *next = cmark_node_next(n);
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HEADING &&
            cmark_node_get_end_line(n) > cmark_node_get_start_line(n)) {
            char *text = octavo_node_text(n);
            size_t len = strlen(text);
            if (octavo_utf8_length(text, len) > 2 * OCTAVO_HEADING_MAX_CHARS ||
                octavo_has_clause_punct(text, len)) {
                cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
                cmark_node *child;
                while ((child = cmark_node_first_child(n)) != NULL)
                    cmark_node_append_child(para, child);
                cmark_node_insert_before(n, para);
                cmark_node_insert_before(n, cmark_node_new(CMARK_NODE_THEMATIC_BREAK));
                cmark_node_free(n);
            }
            free(text);
        } else if (type == CMARK_NODE_PARAGRAPH && !literal) {
            cmark_node *only = cmark_node_first_child(n);
            if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_TEXT) {
                const char *s = cmark_node_get_literal(only);
                if (octavo_is_numbered_title(s, strlen(s))) {
                    cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
                    cmark_node_set_heading_level(h, section_level);
                    cmark_node_append_child(h, octavo_text_node(s, strlen(s)));
                    cmark_node_insert_before(n, h);
                    cmark_node_free(n);
                }
            }
        }
        n = next;
    }
}

/* ---- characters ------------------------------------------------------------ */

/* Replaces *value via `set` with a copy holding only XML characters;
 * returns the first dropped code point or 0. */
static uint32_t scrub(cmark_node *n, const char *value, int (*set)(cmark_node *, const char *))
{
    if (!value || !octavo_xml_needs_cleaning(value))
        return 0;
    uint32_t dropped;
    char *clean = octavo_xml_clean(value, &dropped);
    if (dropped)
        set(n, clean);
    free(clean);
    return dropped;
}

/* Sources were checked line by line, but Markdown entities can still make
 * characters XML forbids ("&#xFFFE;", "&#1;"): take them out of the tree,
 * saying where. */
static void scrub_characters(octavo_chapter *c, octavo_diags *d)
{
    cmark_iter *it = cmark_iter_new(c->body);
    cmark_event_type ev;
    size_t warned = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        uint32_t dropped = scrub(n, cmark_node_get_literal(n), cmark_node_set_literal);
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            uint32_t in_url = scrub(n, cmark_node_get_url(n), cmark_node_set_url);
            uint32_t in_title = scrub(n, cmark_node_get_title(n), cmark_node_set_title);
            dropped = dropped ? dropped : in_url ? in_url : in_title;
        } else if (type == CMARK_NODE_CODE_BLOCK) {
            uint32_t in_info = scrub(n, cmark_node_get_fence_info(n), cmark_node_set_fence_info);
            dropped = dropped ? dropped : in_info;
        }
        if (dropped && warned++ < 20) {
            int at = cmark_node_get_start_line(n);
            unsigned line_no = at > 0 ? (unsigned)(at + c->line_offset) : 0;
            if (dropped == 0xFFFD) /* cmark writes some entities as invalid bytes */
                octavo_diag_add(d, OCTAVO_WARNING, c->source_path, line_no, 0,
                                "dropped an entity that is not a valid character");
            else
                octavo_diag_add(d, OCTAVO_WARNING, c->source_path, line_no, 0,
                                "dropped character U+%04X that XML does not allow (written as "
                                "an entity)",
                                (unsigned)dropped);
        }
    }
    cmark_iter_free(it);
}

/* ---- limits --------------------------------------------------------------- */

/* Quotes and lists nested deeper than this make readers and validators
 * fail (they recurse); no real text needs it. */
#define MAX_NESTING 50

static octavo_status check_nesting(const octavo_chapter *c, octavo_diags *d)
{
    int depth = 0;
    cmark_iter *it = cmark_iter_new(c->body);
    cmark_event_type ev;
    octavo_status st = OCTAVO_OK;
    while (st == OCTAVO_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (type != CMARK_NODE_BLOCK_QUOTE && type != CMARK_NODE_LIST && type != CMARK_NODE_ITEM)
            continue;
        depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
        if (depth > MAX_NESTING) {
            int at = cmark_node_get_start_line(n);
            octavo_diag_add(d, OCTAVO_ERROR, c->source_path,
                            at > 0 ? (unsigned)(at + c->line_offset) : 0, 0,
                            "quotes and lists nested more than %d levels deep", MAX_NESTING / 2);
            st = OCTAVO_EINPUT;
        }
    }
    cmark_iter_free(it);
    return st;
}

/* How octavo_understand_novel was asked to go about a novel. */
typedef struct novel_request {
    bool forget;
    octavo_novel_plan **plan; /* or NULL */
} novel_request;

/* *whole is set when the source was a novel, understood to the end
 * (pieces cut, references found) slice by slice. */
static octavo_status understand_source(const octavo_source *src, octavo_format_choice format,
                                       const novel_request *how, octavo_book *book, bool *whole,
                                       octavo_diags *d)
{
    octavo_chapter *c = octavo_book_add_chapter(book);
    octavo_chapter_set_origin(c, src->path, src->root, src->real);
    octavo_split_text split;
    octavo_status st = octavo_split_front_matter(src, &split, d);
    if (st != OCTAVO_OK)
        return st;
    if (split.yaml && (st = octavo_apply_front_matter(&split, src, c, d)) != OCTAVO_OK)
        return st;

    const char *why;
    if (format == OCTAVO_FORMAT_FORCE_MARKDOWN) {
        c->format = OCTAVO_FORMAT_MARKDOWN;
        why = "Markdown: as --format says";
    } else if (format == OCTAVO_FORMAT_FORCE_PLAIN) {
        c->format = OCTAVO_FORMAT_PLAIN;
        why = "plain text: as --format says";
    } else if (split.yaml) {
        c->format = OCTAVO_FORMAT_MARKDOWN;
        why = "Markdown: has YAML front matter";
    } else {
        c->format = octavo_detect_format(split.body, split.body_len, &why);
    }
    c->line_offset = (int)split.body_line - 1;
    octavo_diag_add(d, OCTAVO_INFO, src->path, 0, 0, "%s", why);

    if (c->format == OCTAVO_FORMAT_MARKDOWN) {
        c->body = parse_markdown(split.body, split.body_len);
        repair_markdown_blocks(c->body, format == OCTAVO_FORMAT_FORCE_MARKDOWN);
    } else {
        octavo_plain_layout layout;
        octavo_plain_layout_make(split.body, split.body_len, &layout);
        size_t markers = octavo_novel_markers(&layout);
        if (markers >= 2 && !split.yaml) {
            octavo_chapter_free(c);
            book->chapter_count--; /* the whole file becomes several chapters */
            octavo_novel_understand(&layout, src, book, how->forget, how->plan);
            octavo_plain_layout_free(&layout);
            octavo_diag_add(d, OCTAVO_INFO, src->path, 0, 0,
                            "a novel: split at %zu chapter markers", markers);
            *whole = true;
            return OCTAVO_OK;
        }
        c->body = cmark_node_new(CMARK_NODE_DOCUMENT);
        octavo_plain_blocks(&layout, 0, layout.unit_count, c->body);
        octavo_plain_layout_free(&layout);
    }
    if ((st = check_nesting(c, d)) != OCTAVO_OK)
        return st;
    if (c->format == OCTAVO_FORMAT_MARKDOWN)
        scrub_characters(c, d);
    octavo_finish_chapter(c, src);
    octavo_lang_count(&c->stats, split.body, split.body_len);
    return OCTAVO_OK;
}

octavo_status octavo_understand_novel(const octavo_source *src, octavo_format_choice format,
                                      octavo_book *book, bool forget, octavo_novel_plan **plan,
                                      octavo_diags *d)
{
    if (plan)
        *plan = NULL;
    size_t first = book->chapter_count;
    novel_request how = {forget, plan};
    bool whole = false;
    octavo_status st = understand_source(src, format, &how, book, &whole, d);
    if (st != OCTAVO_OK || whole)
        return st;
    /* Markup makes a page a few times larger than its source at most:
     * small sources (nearly all) need no look. */
    if (src->len > OCTAVO_PIECE_BYTES / 8)
        octavo_cut_large_chapters(book, first);
    for (size_t i = first; i < book->chapter_count; i++)
        octavo_find_references(&book->chapters[i]);
    return OCTAVO_OK;
}

octavo_status octavo_understand(const octavo_source *src, octavo_format_choice format,
                                octavo_book *book, octavo_diags *d)
{
    return octavo_understand_novel(src, format, book, false, NULL, d);
}
