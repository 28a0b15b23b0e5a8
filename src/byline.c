#include "byline.h"

#include "buf.h"
#include "frontmatter.h"
#include "mem.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

typedef enum meta_field {
    FIELD_NONE,
    FIELD_SOURCE,
    FIELD_AUTHOR,
    FIELD_DATE,
    FIELD_TAGS
} meta_field;

/* Labels that articles saved from the web put in a leading quote. */
static meta_field field_named(const char *label, size_t len)
{
    static const struct {
        const char *label;
        meta_field field;
    } labels[] = {
        {"来源", FIELD_SOURCE},   {"來源", FIELD_SOURCE},     {"原文", FIELD_SOURCE},
        {"出处", FIELD_SOURCE},   {"出處", FIELD_SOURCE},     {"链接", FIELD_SOURCE},
        {"連結", FIELD_SOURCE},   {"原文链接", FIELD_SOURCE}, {"原文連結", FIELD_SOURCE},
        {"source", FIELD_SOURCE}, {"Source", FIELD_SOURCE},   {"url", FIELD_SOURCE},
        {"URL", FIELD_SOURCE},    {"作者", FIELD_AUTHOR},     {"译者", FIELD_AUTHOR},
        {"譯者", FIELD_AUTHOR},   {"author", FIELD_AUTHOR},   {"Author", FIELD_AUTHOR},
        {"日期", FIELD_DATE},     {"时间", FIELD_DATE},       {"時間", FIELD_DATE},
        {"发布时间", FIELD_DATE}, {"發布時間", FIELD_DATE},   {"date", FIELD_DATE},
        {"Date", FIELD_DATE},     {"标签", FIELD_TAGS},       {"標籤", FIELD_TAGS},
        {"tags", FIELD_TAGS},     {"Tags", FIELD_TAGS},       {"关键词", FIELD_TAGS},
        {"關鍵詞", FIELD_TAGS},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strlen(labels[i].label) == len && memcmp(labels[i].label, label, len) == 0)
            return labels[i].field;
    return FIELD_NONE;
}

/* One "label: value" line of a metadata quote, as a run of sibling inline
 * nodes [first, end). */
typedef struct meta_line {
    cmark_node *first, *end;
    meta_field field;
    size_t label_bytes; /* bytes of plain text up to and including the colon */
} meta_line;

static char *run_text(cmark_node *first, cmark_node *end)
{
    octavo_buf b = OCTAVO_BUF_INIT;
    for (cmark_node *n = first; n != end; n = cmark_node_next(n))
        octavo_node_append_text(n, &b);
    return octavo_buf_detach(&b);
}

/* Splits the quote's paragraphs at line breaks into lines and recognises
 * each as a metadata field. False when any line is not one (then the quote
 * is a real quotation). */
static bool read_meta_lines(cmark_node *quote, meta_line **lines, size_t *count)
{
    size_t cap = 0;
    *lines = NULL;
    *count = 0;
    for (cmark_node *p = cmark_node_first_child(quote); p; p = cmark_node_next(p)) {
        if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
            return false;
        cmark_node *start = cmark_node_first_child(p);
        while (start) {
            cmark_node *end = start;
            while (end && cmark_node_get_type(end) != CMARK_NODE_SOFTBREAK &&
                   cmark_node_get_type(end) != CMARK_NODE_LINEBREAK)
                end = cmark_node_next(end);
            char *text = run_text(start, end);
            octavo_span t = octavo_trim(text, strlen(text));
            size_t colon = 0, k = 0;
            uint32_t cp = 0;
            for (size_t i = 0; i < t.len; i += k) {
                k = octavo_utf8_decode(t.text + i, t.len - i, &cp);
                if (!k)
                    break;
                if (cp == ':' || cp == 0xFF1A) {
                    colon = i;
                    break;
                }
            }
            octavo_span label = octavo_trim(t.text, colon);
            meta_field field = colon ? field_named(label.text, label.len) : FIELD_NONE;
            size_t label_bytes = (size_t)(t.text - text) + colon + k;
            free(text);
            if (field == FIELD_NONE)
                return false;
            *lines = octavo_xgrow(*lines, &cap, *count + 1, sizeof **lines);
            (*lines)[(*count)++] = (meta_line){start, end, field, label_bytes};
            start = end ? cmark_node_next(end) : NULL;
        }
    }
    return *count > 0;
}

/* Moves the value part of a metadata line (after the label and colon) to
 * the end of `into`; returns false when the value is empty. */
static bool move_value(const meta_line *l, cmark_node *into)
{
    size_t skip = l->label_bytes;
    cmark_node *n = l->first;
    /* Drop the nodes that hold the label, cutting the one the colon is in. */
    while (n != l->end && skip > 0) {
        cmark_node *next = cmark_node_next(n);
        octavo_buf raw = OCTAVO_BUF_INIT;
        octavo_node_append_text(n, &raw);
        size_t len = raw.len;
        octavo_buf_free(&raw);
        if (len <= skip) {
            skip -= len;
            cmark_node_free(n);
            n = next;
            continue;
        }
        if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
            char *rest = octavo_xstrdup(cmark_node_get_literal(n) + skip);
            cmark_node_set_literal(n, rest);
            free(rest);
        }
        skip = 0;
    }
    bool any = false;
    cmark_node *first_moved = NULL;
    while (n != l->end) {
        cmark_node *next = cmark_node_next(n);
        char *text = octavo_node_text(n);
        any = any || *text;
        free(text);
        cmark_node_append_child(into, n);
        if (!first_moved)
            first_moved = n;
        n = next;
    }
    /* No space after the colon we put back. */
    if (first_moved && cmark_node_get_type(first_moved) == CMARK_NODE_TEXT) {
        const char *lit = cmark_node_get_literal(first_moved);
        octavo_span t = octavo_trim(lit, strlen(lit));
        char *trimmed = octavo_xstrndup(t.text, strlen(lit) - (size_t)(t.text - lit));
        cmark_node_set_literal(first_moved, trimmed);
        free(trimmed);
    }
    return any;
}

static void byline_separator(cmark_node *byline)
{
    if (cmark_node_first_child(byline))
        cmark_node_append_child(byline, octavo_text_node(" · ", strlen(" · ")));
}

/* Takes what a metadata quote says into the chapter. */
static void take_meta_value(octavo_chapter *c, const meta_line *l, cmark_node *value_start,
                            cmark_node *byline)
{
    for (cmark_node *n = value_start ? value_start : cmark_node_first_child(byline); n;
         n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        if (l->field == FIELD_SOURCE && !c->source_url && type == CMARK_NODE_LINK)
            c->source_url = octavo_xstrdup(cmark_node_get_url(n));
        if (l->field == FIELD_TAGS) {
            char *text = octavo_node_text(n);
            octavo_add_words(&c->tags, text, strlen(text));
            free(text);
        }
        if (l->field == FIELD_DATE && !c->date && type == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(n);
            octavo_span t = octavo_trim(lit, strlen(lit));
            if (t.len)
                c->date = octavo_xstrndup(t.text, t.len);
        }
        if (l->field == FIELD_AUTHOR) {
            char *text = octavo_node_text(n);
            if (*text)
                octavo_strings_add_unique(&c->authors, text);
            free(text);
        }
    }
}

/* The byline: front matter's authors and date, then the fields of a
 * leading metadata quote ("> 來源: …", "> 原文：[Amy](url) · 2026-02-16"),
 * which is removed from the body along with a rule right after it. Empty
 * fields ("**日期**: ") are left out. */
void octavo_find_byline(octavo_chapter *c)
{
    cmark_node *byline = cmark_node_new(CMARK_NODE_PARAGRAPH);
    octavo_buf fm = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < c->authors.count; i++) {
        if (i)
            octavo_buf_puts(&fm, ", ");
        octavo_buf_puts(&fm, c->authors.items[i]);
    }
    if (c->date) {
        if (fm.len)
            octavo_buf_puts(&fm, " · ");
        octavo_buf_puts(&fm, c->date);
    }
    if (fm.len)
        cmark_node_append_child(byline, octavo_text_node(fm.data, fm.len));
    octavo_buf_free(&fm);

    cmark_node *quote = cmark_node_first_child(c->body);
    meta_line *lines = NULL;
    size_t count = 0;
    if (quote && cmark_node_get_type(quote) == CMARK_NODE_BLOCK_QUOTE &&
        read_meta_lines(quote, &lines, &count)) {
        for (size_t i = 0; i < count; i++) {
            cmark_node *label = NULL;
            /* Keep the label as written ("來源："), in the text's language. */
            char *text = run_text(lines[i].first, lines[i].end);
            octavo_span t = octavo_trim(text, strlen(text));
            size_t label_len = lines[i].label_bytes - (size_t)(t.text - text);
            octavo_buf label_text = OCTAVO_BUF_INIT;
            octavo_buf_append(&label_text, t.text, label_len);
            if (label_len && t.text[label_len - 1] == ':')
                octavo_buf_putc(&label_text, ' '); /* "Source: x", but "來源：x" */
            label = octavo_text_node(label_text.data, label_text.len);
            octavo_buf_free(&label_text);
            free(text);
            cmark_node *before_value = cmark_node_last_child(byline);
            byline_separator(byline);
            cmark_node_append_child(byline, label);
            if (move_value(&lines[i], byline)) {
                take_meta_value(c, &lines[i], cmark_node_next(label), byline);
            } else {
                /* An empty field: take back its label (and separator). */
                while (cmark_node_last_child(byline) != before_value)
                    cmark_node_free(cmark_node_last_child(byline));
            }
        }
        cmark_node *after = cmark_node_next(quote);
        if (after && cmark_node_get_type(after) == CMARK_NODE_THEMATIC_BREAK)
            cmark_node_free(after);
        cmark_node_free(quote);
    }
    free(lines);
    if (cmark_node_first_child(byline))
        c->byline = byline;
    else
        cmark_node_free(byline);
}

/* A closing line such as "— 2025.11.1 于…", "(JER學家)" or "--Name". */
static bool looks_like_signature(const char *s, size_t len)
{
    if (octavo_utf8_length(s, len) > 60)
        return false;
    if (octavo_starts_with(s, len, "—") || octavo_starts_with(s, len, "--") ||
        octavo_starts_with(s, len, "——") || octavo_starts_with(s, len, "～") ||
        octavo_starts_with(s, len, "~"))
        return true;
    bool paren =
        (octavo_starts_with(s, len, "(") && s[len - 1] == ')') ||
        (octavo_starts_with(s, len, "（") && len >= 3 && memcmp(s + len - 3, "）", 3) == 0);
    return paren && octavo_utf8_length(s, len) <= 30;
}

void octavo_find_signature(octavo_chapter *c)
{
    cmark_node *last = cmark_node_last_child(c->body);
    if (!last || last == cmark_node_first_child(c->body) ||
        cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
        return;
    cmark_node *only = cmark_node_first_child(last);
    if (!only || cmark_node_next(only) || cmark_node_get_type(only) != CMARK_NODE_TEXT)
        return;
    const char *s = cmark_node_get_literal(only);
    if (looks_like_signature(s, strlen(s))) {
        c->signature = octavo_xstrdup(s);
        cmark_node_free(last);
    }
}
