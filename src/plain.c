#include "plain.h"

#include "document.h"
#include "mem.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Skips one character of `set` (a string of UTF-8 characters) at s. */
static size_t skip_one_of(const char *s, size_t len, const char *set)
{
    uint32_t cp, want;
    size_t k = octavo_utf8_decode(s, len, &cp);
    if (!k)
        return 0;
    for (size_t i = 0; set[i];) {
        size_t m = octavo_utf8_decode(set + i, strlen(set + i), &want);
        if (want == cp)
            return k;
        i += m;
    }
    return 0;
}

static const char chinese_numerals[] = "一二三四五六七八九十百千零〇两";

/* "1、", "一、", "（一）", "(1)", "第三章", "第十回", "Chapter 2": the ways
 * Chinese and English texts number their headings. */
static bool is_numbered_heading(const char *s, size_t len)
{
    size_t i = 0, k;
    if (octavo_starts_with(s, len, "第")) {
        i = 3;
        size_t digits = 0;
        while (i < len && ((k = skip_one_of(s + i, len - i, chinese_numerals)) ||
                           (isdigit((unsigned char)s[i]) && (k = 1)))) {
            i += k;
            digits++;
        }
        return digits && skip_one_of(s + i, len - i, "章回节節卷部篇集幕");
    }
    if (len > 8 && strncasecmp(s, "chapter ", 8) == 0)
        return isdigit((unsigned char)s[8]) || isupper((unsigned char)s[8]);
    size_t open = skip_one_of(s, len, "（(");
    i = open;
    size_t digits = 0;
    while (i < len && ((k = skip_one_of(s + i, len - i, chinese_numerals)) ||
                       (isdigit((unsigned char)s[i]) && (k = 1)))) {
        i += k;
        digits++;
    }
    if (!digits || digits > 3)
        return false;
    if (open)
        return skip_one_of(s + i, len - i, "）)") && i + 3 < len;
    return skip_one_of(s + i, len - i, "、") && i + 3 < len;
}

bool octavo_is_numbered_title(const char *s, size_t len)
{
    uint32_t cp = 0;
    octavo_utf8_decode_last(s, len, &cp);
    bool sentence = cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == 0x3002 ||
                    cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == 0x2026;
    return is_numbered_heading(s, len) &&
           octavo_utf8_length(s, len) <= OCTAVO_HEADING_MAX_CHARS + 10 && !sentence;
}

bool octavo_is_volume_marker(const char *s, size_t len)
{
    if (octavo_starts_with(s, len, "第")) {
        size_t i = 3, k, digits = 0;
        while (i < len && ((k = skip_one_of(s + i, len - i, chinese_numerals)) ||
                           (isdigit((unsigned char)s[i]) && (k = 1)))) {
            i += k;
            digits++;
        }
        return digits && skip_one_of(s + i, len - i, "卷部集册冊");
    }
    if (len <= 7 || strncasecmp(s, "volume ", 7) != 0)
        return false;
    size_t i = 7;
    while (i < len && (isdigit((unsigned char)s[i]) || strchr("IVXLC", s[i])))
        i++;
    return i > 7 && (i == len || s[i] == ' ' || s[i] == ':' || s[i] == '.');
}

bool octavo_is_chapter_marker(const char *s, size_t len)
{
    return is_numbered_heading(s, len) && !octavo_is_volume_marker(s, len) &&
           (octavo_starts_with(s, len, "第") || strncasecmp(s, "chapter ", 8) == 0);
}

/* "1. text", "2) text", "3．text": an item of a numbered list. Returns the
 * length of the marker (with following spaces) and the number. */
static size_t list_marker(const char *s, size_t len, int *number)
{
    size_t i = 0;
    int n = 0;
    while (i < len && i < 4 && isdigit((unsigned char)s[i]))
        n = n * 10 + (s[i++] - '0');
    if (i == 0 || i == 4 || i >= len)
        return 0;
    size_t k = skip_one_of(s + i, len - i, ".)．");
    if (!k)
        return 0;
    i += k;
    while (i < len && s[i] == ' ')
        i++;
    if (i >= len)
        return 0;
    *number = n;
    return i;
}

/* Whether s ends with a colon (":" or "："). */
static bool ends_with_colon(const char *s, size_t len)
{
    uint32_t cp;
    return octavo_utf8_decode_last(s, len, &cp) && (cp == ':' || cp == 0xFF1A);
}

/* A line drawn to separate scenes ("---", "* * *", "※※※", "————"): three
 * or more marks and nothing else. It is a break, never a title. */
static bool is_separator_line(const char *s, size_t len)
{
    static const uint32_t marks[] = {'-',    '*',    '_',    '=',    '~',    '#',    '+',
                                     0x00B7, 0x2022, 0x2014, 0x2013, 0x2500, 0x2501, 0xFF0A,
                                     0x203B, 0x2606, 0x2605, 0x25C6, 0x25C7, 0x25CB, 0x25CF};
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = octavo_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
        if (cp == ' ' || cp == '\t' || cp == 0x3000)
            continue;
        bool mark = false;
        for (size_t k = 0; k < sizeof marks / sizeof *marks && !mark; k++)
            mark = cp == marks[k];
        if (!mark)
            return false;
        count++;
    }
    return count >= 3;
}

/* What kind of heading a short line reads as: a topic heading (a numbered
 * heading, or a few words without clause punctuation), a lead-in label
 * ("最可能的薪酬結構:", a few words ending in a colon, introducing what
 * follows), or none. */
typedef enum heading_kind { NOT_HEADING, TOPIC_HEADING, LEAD_IN_HEADING } heading_kind;

static heading_kind classify_heading(const char *s, size_t len)
{
    size_t chars = octavo_utf8_length(s, len);
    if (chars == 0 || is_separator_line(s, len))
        return NOT_HEADING;
    int n;
    if (list_marker(s, len, &n))
        return NOT_HEADING;
    if (is_numbered_heading(s, len))
        return chars <= OCTAVO_HEADING_MAX_CHARS + 10 ? TOPIC_HEADING : NOT_HEADING;
    if (chars > OCTAVO_HEADING_MAX_CHARS)
        return NOT_HEADING;
    if (!octavo_has_clause_punct(s, len))
        return TOPIC_HEADING;
    if (ends_with_colon(s, len) && chars > 1) {
        uint32_t cp;
        size_t last = octavo_utf8_decode_last(s, len, &cp);
        if (!octavo_has_clause_punct(s, len - last))
            return LEAD_IN_HEADING;
    }
    return NOT_HEADING;
}

bool octavo_looks_like_heading(const char *s, size_t len)
{
    return classify_heading(s, len) == TOPIC_HEADING;
}

static cmark_node *new_block(cmark_node_type type, const char *s, size_t len)
{
    cmark_node *b = cmark_node_new(type);
    cmark_node_append_child(b, octavo_text_node(s, len));
    return b;
}

static void split_lines(const char *text, size_t len, octavo_plain_lines *out)
{
    const char *p = text, *end = text + len;
    while (p <= end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        out->items = octavo_xgrow(out->items, &out->cap, out->count + 1, sizeof *out->items);
        out->items[out->count++] = octavo_trim(p, (size_t)(e - p));
        p = e + 1;
    }
}

/* Lines of a block look hard-wrapped when every line but the last is long
 * and about as long as the longest one. */
static bool hard_wrapped(const octavo_span *l, size_t n)
{
    if (n < 2)
        return false;
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = octavo_utf8_length(l[i].text, l[i].len);
        if (c > longest)
            longest = c;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        size_t c = octavo_utf8_length(l[i].text, l[i].len);
        if (c < 30 || c * 10 < longest * 7)
            return false;
    }
    return true;
}

static cmark_node *paragraph_of(const octavo_plain_unit *u)
{
    cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
    bool soft = hard_wrapped(u->lines, u->count);
    for (size_t i = 0; i < u->count; i++) {
        if (i)
            cmark_node_append_child(
                p, cmark_node_new(soft ? CMARK_NODE_SOFTBREAK : CMARK_NODE_LINEBREAK));
        cmark_node_append_child(p, octavo_text_node(u->lines[i].text, u->lines[i].len));
    }
    return p;
}

static bool unit_is_list_item(const octavo_plain_unit *u, int *number)
{
    return u->count == 1 && list_marker(u->lines[0].text, u->lines[0].len, number);
}

void octavo_plain_layout_make(const char *text, size_t len, octavo_plain_layout *out)
{
    octavo_plain_lines all = {0};
    split_lines(text, len, &all);

    /* One paragraph per line when the text has (almost) no blank lines
     * between its lines, as text copied from web pages does. */
    size_t nonblank = 0, blocks = 0;
    for (size_t i = 0; i < all.count; i++)
        if (all.items[i].len) {
            nonblank++;
            if (i == 0 || !all.items[i - 1].len)
                blocks++;
        }
    bool line_per_paragraph = ((blocks == 1 && nonblank > 1) || blocks * 3 < nonblank) &&
                              !hard_wrapped(all.items, all.count);

    octavo_plain_unit *units = octavo_xmalloc((nonblank ? nonblank : 1) * sizeof *units);
    size_t unit_count = 0;
    for (size_t i = 0; i < all.count;) {
        if (!all.items[i].len) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (!line_per_paragraph)
            while (j < all.count && all.items[j].len)
                j++;
        units[unit_count++] = (octavo_plain_unit){&all.items[i], j - i};
        i = j;
    }
    *out = (octavo_plain_layout){all, units, unit_count};
}

void octavo_plain_layout_free(octavo_plain_layout *l)
{
    free(l->units);
    free(l->all.items);
}

/* A unit that is a chapter or volume marker line: always a heading of its
 * own, never inside a list (see octavo_plain_blocks). */
static bool is_marker_unit(const octavo_plain_unit *u)
{
    return u->count == 1 &&
           octavo_utf8_length(u->lines[0].text, u->lines[0].len) <= OCTAVO_HEADING_MAX_CHARS + 10 &&
           (octavo_is_chapter_marker(u->lines[0].text, u->lines[0].len) ||
            octavo_is_volume_marker(u->lines[0].text, u->lines[0].len));
}

void octavo_plain_blocks(const octavo_plain_layout *l, size_t from, size_t to, cmark_node *doc)
{
    const octavo_plain_unit *units = l->units;
    size_t unit_count = l->unit_count;
    for (size_t i = from; i < to; i++) {
        const octavo_plain_unit *u = &units[i];
        int number, next_number;
        bool list_here = unit_is_list_item(u, &number) && i + 1 < to &&
                         unit_is_list_item(&units[i + 1], &next_number) &&
                         next_number == number + 1;
        if (list_here) {
            cmark_node *list = cmark_node_new(CMARK_NODE_LIST);
            cmark_node_set_list_type(list, CMARK_ORDERED_LIST);
            cmark_node_set_list_start(list, number);
            int expect = number;
            size_t item_chars = 0, items = 0;
            while (i < to && unit_is_list_item(&units[i], &number) && number == expect) {
                const octavo_span *ln = &units[i].lines[0];
                size_t skip = list_marker(ln->text, ln->len, &number);
                cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);
                cmark_node_append_child(
                    item, new_block(CMARK_NODE_PARAGRAPH, ln->text + skip, ln->len - skip));
                cmark_node_append_child(list, item);
                item_chars += octavo_utf8_length(ln->text + skip, ln->len - skip);
                items++;
                expect++;
                i++;
            }
            i--;
            /* Items as long as paragraphs are set as paragraphs. */
            cmark_node_set_list_tight(list, item_chars / items < 40);
            cmark_node_append_child(doc, list);
            continue;
        }
        if (u->count == 1 && is_separator_line(u->lines[0].text, u->lines[0].len)) {
            cmark_node_append_child(doc, cmark_node_new(CMARK_NODE_THEMATIC_BREAK));
            continue;
        }
        if (is_marker_unit(u)) {
            cmark_node *h = new_block(CMARK_NODE_HEADING, u->lines[0].text, u->lines[0].len);
            cmark_node_set_heading_level(
                h, octavo_is_volume_marker(u->lines[0].text, u->lines[0].len) ? 1 : 2);
            cmark_node_append_child(doc, h);
            continue;
        }
        /* A line right after one ending in a colon is what that line
         * announced (an item, an example), not a heading. */
        const octavo_plain_unit *prev = i > 0 ? &units[i - 1] : NULL;
        bool after_colon = prev && ends_with_colon(prev->lines[prev->count - 1].text,
                                                   prev->lines[prev->count - 1].len);
        bool between_text = prev && i + 1 < unit_count && !after_colon;
        heading_kind kind = u->count == 1 && between_text
                                ? classify_heading(u->lines[0].text, u->lines[0].len)
                                : NOT_HEADING;
        if (kind != NOT_HEADING) {
            cmark_node *h = new_block(CMARK_NODE_HEADING, u->lines[0].text, u->lines[0].len);
            cmark_node_set_heading_level(h, kind == TOPIC_HEADING ? 2 : 3);
            cmark_node_append_child(doc, h);
            continue;
        }
        cmark_node_append_child(doc, paragraph_of(u));
    }
}

bool octavo_plain_starts_chapter(const octavo_plain_unit *u)
{
    return is_marker_unit(u) && octavo_is_chapter_marker(u->lines[0].text, u->lines[0].len);
}
