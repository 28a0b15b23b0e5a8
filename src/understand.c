#include "understand.h"

#include "buf.h"
#include "lang.h"
#include "mem.h"
#include "sanitize.h"
#include "text.h"
#include "yaml_tree.h"

#include <cmark-gfm-core-extensions.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Longest line (in characters) that can still be a heading or a title. */
#define HEADING_MAX_CHARS 30
/* Widest derived title (CJK characters count two) before it is cut with
 * an ellipsis: about 20 Chinese characters. */
#define DERIVED_TITLE_MAX_WIDTH 44

/* ---- small text helpers ------------------------------------------------ */

typedef struct line {
    const char *text; /* trimmed of surrounding white space */
    size_t len;
} line;

static line trim(const char *s, size_t len)
{
    const char *t = octavo_trim_space(s, &len);
    return (line){t, len};
}

static bool contains_clause_punct(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k)
            return false;
        if (octavo_is_clause_punct(cp))
            return true;
        i += k;
    }
    return false;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

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
    if (starts_with(s, len, "第")) {
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

/* "第一卷 …", "第2部", "Volume 3", "Volume IV": the start of a part. */
static bool is_volume_marker(const char *s, size_t len)
{
    if (starts_with(s, len, "第")) {
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

/* "第三章 …", "第十回", "Chapter 2 …" (but not a part marker). */
static bool is_chapter_marker(const char *s, size_t len)
{
    return is_numbered_heading(s, len) && !is_volume_marker(s, len) &&
           (starts_with(s, len, "第") || strncasecmp(s, "chapter ", 8) == 0);
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

/* What kind of heading a short line reads as: a topic heading (a numbered
 * heading, or a few words without clause punctuation), a lead-in label
 * ("最可能的薪酬結構:", a few words ending in a colon, introducing what
 * follows), or none. */
typedef enum heading_kind { NOT_HEADING, TOPIC_HEADING, LEAD_IN_HEADING } heading_kind;

static heading_kind classify_heading(const char *s, size_t len)
{
    size_t chars = octavo_utf8_length(s, len);
    if (chars == 0)
        return NOT_HEADING;
    int n;
    if (list_marker(s, len, &n))
        return NOT_HEADING;
    if (is_numbered_heading(s, len))
        return chars <= HEADING_MAX_CHARS + 10 ? TOPIC_HEADING : NOT_HEADING;
    if (chars > HEADING_MAX_CHARS)
        return NOT_HEADING;
    if (!contains_clause_punct(s, len))
        return TOPIC_HEADING;
    if (ends_with_colon(s, len) && chars > 1) {
        uint32_t cp;
        size_t last = octavo_utf8_decode_last(s, len, &cp);
        if (!contains_clause_punct(s, len - last))
            return LEAD_IN_HEADING;
    }
    return NOT_HEADING;
}

static bool looks_like_heading(const char *s, size_t len)
{
    return classify_heading(s, len) == TOPIC_HEADING;
}

/* A closing line such as "— 2025.11.1 于…", "(JER學家)" or "--Name". */
static bool looks_like_signature(const char *s, size_t len)
{
    if (octavo_utf8_length(s, len) > 60)
        return false;
    if (starts_with(s, len, "—") || starts_with(s, len, "--") || starts_with(s, len, "——") ||
        starts_with(s, len, "～") || starts_with(s, len, "~"))
        return true;
    bool paren = (starts_with(s, len, "(") && s[len - 1] == ')') ||
                 (starts_with(s, len, "（") && len >= 3 && memcmp(s + len - 3, "）", 3) == 0);
    return paren && octavo_utf8_length(s, len) <= 30;
}

/* ---- the node tree ------------------------------------------------------ */

static cmark_node *new_text(const char *s, size_t len)
{
    cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
    char *copy = octavo_xstrndup(s, len);
    cmark_node_set_literal(t, copy);
    free(copy);
    return t;
}

static cmark_node *new_block(cmark_node_type type, const char *s, size_t len)
{
    cmark_node *b = cmark_node_new(type);
    cmark_node_append_child(b, new_text(s, len));
    return b;
}

/* The last (or first) character of the text that ends (or starts) a node,
 * looking inside emphasis, links and code. 0 when there is none. */
static uint32_t edge_char(cmark_node *n, bool last)
{
    while (n) {
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            const char *s = cmark_node_get_literal(n);
            size_t len = strlen(s);
            uint32_t cp = 0;
            if (!len)
                return 0;
            if (last ? octavo_utf8_decode_last(s, len, &cp) : octavo_utf8_decode(s, len, &cp))
                return cp;
            return 0;
        }
        n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
    }
    return 0;
}

/* Chinese is written without spaces: a soft line break between two CJK
 * characters (hard-wrapped text) must vanish instead of becoming a space,
 * which is what pandoc and mdBook render; so must one next to full-width
 * punctuation ("中文，\nEnglish"). */
static void join_cjk_lines(cmark_node *root)
{
    cmark_node **doomed = NULL;
    size_t count = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK)
            continue;
        uint32_t before = edge_char(cmark_node_previous(n), true);
        uint32_t after = edge_char(cmark_node_next(n), false);
        if ((octavo_is_cjk(before) && octavo_is_cjk(after)) || octavo_is_cjk_punct(before) ||
            octavo_is_cjk_punct(after)) {
            doomed = octavo_xgrow(doomed, &cap, count + 1, sizeof *doomed);
            doomed[count++] = n;
        }
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < count; i++)
        cmark_node_free(doomed[i]);
    free(doomed);
}

/* ---- front matter -------------------------------------------------------- */

static bool is_fence(const char *s, size_t len, const char *fence)
{
    line t = trim(s, len);
    return t.len == 3 && memcmp(t.text, fence, 3) == 0 && s[0] == fence[0];
}

static bool looks_like_yaml_start(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '-' && s[1] == ' ')
        return true;
    size_t i = 0;
    if (i < len && (s[i] == '"' || s[i] == '\''))
        return memchr(s, ':', len) != NULL;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == ' '))
        i++;
    return i > 0 && i < len && s[i] == ':';
}

typedef struct split_text {
    const char *yaml;
    size_t yaml_len;
    unsigned yaml_line;
    const char *body;
    size_t body_len;
    unsigned body_line; /* line of the source the body starts on */
} split_text;

static octavo_status split_front_matter(const octavo_source *src, split_text *out, octavo_diags *d)
{
    const char *s = src->text, *end = src->text + src->len;
    *out = (split_text){NULL, 0, 0, s, src->len, 1};
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *first_end = nl ? nl : end;
    if (!is_fence(s, (size_t)(first_end - s), "---") || !nl)
        return OCTAVO_OK;

    /* The first non-blank line inside must look like YAML; otherwise this
     * "---" is a Markdown thematic break. */
    const char *p = nl + 1;
    unsigned lineno = 2;
    bool yaml_like = false, seen_content = false;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t len = (size_t)(e - p);
        if (is_fence(p, len, "---") || is_fence(p, len, "...")) {
            if (!seen_content || yaml_like) {
                out->yaml = nl + 1;
                out->yaml_len = (size_t)(p - (nl + 1));
                out->yaml_line = 2;
                out->body = e < end ? e + 1 : end;
                out->body_len = (size_t)(end - out->body);
                out->body_line = lineno + 1;
            }
            return OCTAVO_OK;
        }
        if (!seen_content && trim(p, len).len) {
            seen_content = true;
            yaml_like = looks_like_yaml_start(p, len);
            if (!yaml_like)
                return OCTAVO_OK;
        }
        p = e + 1;
        lineno++;
    }
    if (yaml_like) {
        octavo_diag_add(d, OCTAVO_ERROR, src->path, 1, 1,
                        "front matter is not closed: add a line '---' after it");
        return OCTAVO_EINPUT;
    }
    return OCTAVO_OK;
}

/* Adds the words of "a, b，c d" (split at commas and spaces) to `list`. */
static void add_words(octavo_strings *list, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i, k;
        while (i < len) {
            uint32_t cp;
            k = octavo_utf8_decode(s + i, len - i, &cp);
            if (!k || octavo_is_space(cp) || cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == '#')
                break;
            i += k;
        }
        if (i > start) {
            char *word = octavo_xstrndup(s + start, i - start);
            octavo_strings_add_unique(list, word);
            free(word);
        }
        if (i < len) {
            uint32_t cp;
            k = octavo_utf8_decode(s + i, len - i, &cp);
            i += k ? k : 1;
        }
    }
}

static bool want_text(const octavo_yaml_node *v, const char *key, const char *file, octavo_diags *d)
{
    if (v->kind == OCTAVO_YAML_SCALAR)
        return true;
    octavo_diag_add(d, OCTAVO_ERROR, file, v->line, v->col, "'%s' must be text, not a %s", key,
                    v->kind == OCTAVO_YAML_MAPPING ? "mapping" : "list");
    return false;
}

static octavo_status apply_front_matter(const split_text *split, const octavo_source *src,
                                        octavo_chapter *c, octavo_diags *d)
{
    octavo_yaml_node *root;
    octavo_status st =
        octavo_yaml_load(split->yaml, split->yaml_len, src->path, split->yaml_line, &root, d);
    if (st != OCTAVO_OK)
        return st;
    if (!root)
        return OCTAVO_OK;
    if (root->kind != OCTAVO_YAML_MAPPING) {
        octavo_diag_add(d, OCTAVO_ERROR, src->path, root->line, root->col,
                        "front matter must be keys and values such as 'title: ...'");
        octavo_yaml_free(root);
        return OCTAVO_EINPUT;
    }
    for (size_t i = 0; i + 1 < root->count; i += 2) {
        const char *key = root->items[i]->value;
        const octavo_yaml_node *v = root->items[i + 1];
        if (octavo_yaml_is_null(v))
            continue;
        if (strcmp(key, "title") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else if (trim(v->value, strlen(v->value)).len) {
                line t = trim(v->value, strlen(v->value));
                c->title = octavo_xstrndup(t.text, t.len);
                c->title_origin = "front matter";
            }
        } else if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0) {
            if (v->kind == OCTAVO_YAML_SEQUENCE) {
                for (size_t j = 0; j < v->count; j++) {
                    if (!want_text(v->items[j], key, src->path, d))
                        st = OCTAVO_EINPUT;
                    else if (*v->items[j]->value)
                        octavo_strings_add_unique(&c->authors, v->items[j]->value);
                }
            } else if (!want_text(v, key, src->path, d)) {
                st = OCTAVO_EINPUT;
            } else {
                octavo_strings_add_unique(&c->authors, v->value);
            }
        } else if (strcmp(key, "date") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else
                c->date = octavo_xstrdup(v->value);
        } else if (strcmp(key, "description") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else
                c->description = octavo_xstrdup(v->value);
        } else if (strcmp(key, "tags") == 0 || strcmp(key, "keywords") == 0) {
            if (v->kind == OCTAVO_YAML_SEQUENCE) {
                for (size_t j = 0; j < v->count; j++) {
                    if (!want_text(v->items[j], key, src->path, d))
                        st = OCTAVO_EINPUT;
                    else if (*v->items[j]->value)
                        octavo_strings_add_unique(&c->tags, v->items[j]->value);
                }
            } else if (!want_text(v, key, src->path, d)) {
                st = OCTAVO_EINPUT;
            } else {
                add_words(&c->tags, v->value, strlen(v->value));
            }
        } else if (strcmp(key, "source") == 0 || strcmp(key, "url") == 0) {
            if (!want_text(v, key, src->path, d))
                st = OCTAVO_EINPUT;
            else if (!c->source_url)
                c->source_url = octavo_xstrdup(v->value);
        } else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0) {
            if (!want_text(v, key, src->path, d)) {
                st = OCTAVO_EINPUT;
            } else if (!octavo_lang_is_valid(v->value)) {
                octavo_diag_add(d, OCTAVO_WARNING, src->path, v->line, v->col,
                                "'%s' is not a BCP 47 language tag; detecting the language "
                                "instead",
                                v->value);
            } else {
                free(c->lang);
                c->lang = octavo_xstrdup(v->value);
            }
        }
        /* Other keys (tags, source, ...) are metadata for later stages and
         * never part of the text. */
    }
    octavo_yaml_free(root);
    return st;
}

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
        if (n >= 3 && (starts_with(p, n, "```") || starts_with(p, n, "~~~"))) {
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
            else if (n >= 3 && (starts_with(p, n, "---") || starts_with(p, n, "***")) &&
                     trim(p, n).len == 3)
                other++;
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
 * - a one-line paragraph such as "1、创业公司：打不过就加入" is a heading. */
static void repair_markdown_blocks(cmark_node *doc)
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
            if (octavo_utf8_length(text, len) > 2 * HEADING_MAX_CHARS ||
                contains_clause_punct(text, len)) {
                cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
                cmark_node *child;
                while ((child = cmark_node_first_child(n)) != NULL)
                    cmark_node_append_child(para, child);
                cmark_node_insert_before(n, para);
                cmark_node_insert_before(n, cmark_node_new(CMARK_NODE_THEMATIC_BREAK));
                cmark_node_free(n);
            }
            free(text);
        } else if (type == CMARK_NODE_PARAGRAPH) {
            cmark_node *only = cmark_node_first_child(n);
            if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_TEXT) {
                const char *s = cmark_node_get_literal(only);
                if (is_numbered_heading(s, strlen(s)) &&
                    octavo_utf8_length(s, strlen(s)) <= HEADING_MAX_CHARS + 10) {
                    cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
                    cmark_node_set_heading_level(h, section_level);
                    cmark_node_append_child(h, new_text(s, strlen(s)));
                    cmark_node_insert_before(n, h);
                    cmark_node_free(n);
                }
            }
        }
        n = next;
    }
}

/* ---- plain text --------------------------------------------------------- */

typedef struct line_list {
    line *items;
    size_t count, cap;
} line_list;

static void split_lines(const char *text, size_t len, line_list *out)
{
    const char *p = text, *end = text + len;
    while (p <= end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        out->items = octavo_xgrow(out->items, &out->cap, out->count + 1, sizeof *out->items);
        out->items[out->count++] = trim(p, (size_t)(e - p));
        p = e + 1;
    }
}

/* Lines of a block look hard-wrapped when every line but the last is long
 * and about as long as the longest one. */
static bool hard_wrapped(const line *l, size_t n)
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

/* A unit is what becomes one block: a line in one-paragraph-per-line text,
 * a run of lines between blank lines otherwise. */
typedef struct unit {
    const line *lines;
    size_t count;
} unit;

static cmark_node *paragraph_of(const unit *u)
{
    cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
    bool soft = hard_wrapped(u->lines, u->count);
    for (size_t i = 0; i < u->count; i++) {
        if (i)
            cmark_node_append_child(
                p, cmark_node_new(soft ? CMARK_NODE_SOFTBREAK : CMARK_NODE_LINEBREAK));
        cmark_node_append_child(p, new_text(u->lines[i].text, u->lines[i].len));
    }
    return p;
}

static bool unit_is_list_item(const unit *u, int *number)
{
    return u->count == 1 && list_marker(u->lines[0].text, u->lines[0].len, number);
}

/* Plain text laid out before any tree is made: its lines, and the units
 * that become its blocks. A novel's tree is made from it a slice of units
 * at a time. */
typedef struct plain_layout {
    line_list all;
    unit *units;
    size_t unit_count;
} plain_layout;

static void plain_layout_make(const char *text, size_t len, plain_layout *out)
{
    line_list all = {0};
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

    unit *units = octavo_xmalloc((nonblank ? nonblank : 1) * sizeof *units);
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
        units[unit_count++] = (unit){&all.items[i], j - i};
        i = j;
    }
    *out = (plain_layout){all, units, unit_count};
}

static void plain_layout_free(plain_layout *l)
{
    free(l->units);
    free(l->all.items);
}

/* A unit that is a chapter or volume marker line: always a heading of its
 * own, never inside a list (see plain_blocks). */
static bool is_marker_unit(const unit *u)
{
    return u->count == 1 &&
           octavo_utf8_length(u->lines[0].text, u->lines[0].len) <= HEADING_MAX_CHARS + 10 &&
           (is_chapter_marker(u->lines[0].text, u->lines[0].len) ||
            is_volume_marker(u->lines[0].text, u->lines[0].len));
}

/* Appends to `doc` the blocks of units [from, to) as the whole text makes
 * them: a slice ends before a marker unit, which no list runs across. */
static void plain_blocks(const plain_layout *l, size_t from, size_t to, cmark_node *doc)
{
    const unit *units = l->units;
    size_t unit_count = l->unit_count;
    for (size_t i = from; i < to; i++) {
        const unit *u = &units[i];
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
                const line *ln = &units[i].lines[0];
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
        if (is_marker_unit(u)) {
            cmark_node *h = new_block(CMARK_NODE_HEADING, u->lines[0].text, u->lines[0].len);
            cmark_node_set_heading_level(
                h, is_volume_marker(u->lines[0].text, u->lines[0].len) ? 1 : 2);
            cmark_node_append_child(doc, h);
            continue;
        }
        /* A line right after one ending in a colon is what that line
         * announced (an item, an example), not a heading. */
        const unit *prev = i > 0 ? &units[i - 1] : NULL;
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

/* ---- title, signature and sections -------------------------------------- */

/* A title from the first sentence: cut at the first clause punctuation,
 * and, when even that is too wide, at a word (or, in CJK text, character)
 * boundary with an ellipsis. Width counts a CJK character as two. */
static char *title_from_sentence(const char *s, size_t len)
{
    size_t i = 0, width = 0, last_break = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = octavo_utf8_decode(s + i, len - i, &cp);
        if (!k || octavo_is_clause_punct(cp) || cp == '\n')
            break;
        width += octavo_is_cjk(cp) ? 2 : 1;
        if (octavo_is_cjk(cp) || cp == ' ')
            last_break = octavo_is_cjk(cp) ? i + k : i;
        if (width > DERIVED_TITLE_MAX_WIDTH) {
            line t = trim(s, last_break ? last_break : i);
            octavo_buf b = OCTAVO_BUF_INIT;
            octavo_buf_append(&b, t.text, t.len);
            octavo_buf_puts(&b, "…");
            return octavo_buf_detach(&b);
        }
        i += k;
    }
    line t = trim(s, i);
    return t.len ? octavo_xstrndup(t.text, t.len) : NULL;
}

static char *title_from_file_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t len = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    char *stem = octavo_xstrndup(name, len);
    /* A file name is any bytes but '/': not always UTF-8, and it may hold
     * controls XML cannot (an escape sequence, a carriage return). */
    char *t = octavo_xml_clean(stem, NULL);
    free(stem);
    for (char *p = t; *p; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    line tr = trim(t, strlen(t));
    char *result = octavo_xstrndup(tr.text, tr.len);
    free(t);
    if (!*result) {
        free(result);
        result = octavo_xml_clean(name, NULL);
    }
    return *result ? result : (free(result), octavo_xstrdup("Untitled"));
}

/* Takes the chapter title from the body when front matter gave none: the
 * first block if it is a level-1 heading or a short unpunctuated line
 * (it is then removed, since the title is shown as the chapter's h1),
 * else the first sentence, else the file name. */
static void find_title(octavo_chapter *c, const octavo_source *src)
{
    cmark_node *first = cmark_node_first_child(c->body);
    cmark_node_type type = first ? cmark_node_get_type(first) : CMARK_NODE_NONE;
    bool heading1 = type == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1;
    if (c->title) {
        /* "# 留下的代价" under "title: 留下的代价" would show the title twice. */
        if (heading1) {
            char *text = octavo_node_text(first);
            if (strcmp(text, c->title) == 0)
                cmark_node_free(first);
            free(text);
        }
        return;
    }
    if (heading1) {
        c->title = octavo_node_text(first);
        c->title_origin = "heading";
        cmark_node_free(first);
        if (*c->title)
            return;
        free(c->title);
        c->title = NULL;
        first = cmark_node_first_child(c->body);
        type = first ? cmark_node_get_type(first) : CMARK_NODE_NONE;
    }
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
        char *text = octavo_node_text(first);
        size_t len = strlen(text);
        bool one_line = !memchr(text, '\n', len) && cmark_node_next(first) != NULL;
        cmark_node *only = cmark_node_first_child(first);
        one_line = one_line && only && !cmark_node_next(only);
        if (one_line && len && looks_like_heading(text, len)) {
            c->title = text;
            c->title_origin = "first line";
            cmark_node_free(first);
            return;
        }
        if (type == CMARK_NODE_PARAGRAPH)
            c->title = title_from_sentence(text, len);
        free(text);
        if (c->title) {
            c->title_origin = "first sentence";
            return;
        }
    }
    c->title = title_from_file_name(src->name);
    c->title_origin = "file name";
}

static void find_signature(octavo_chapter *c)
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

/* Lists the headings of the body as sections, with levels shifted so the
 * shallowest becomes h2 (the chapter title is the only h1). */
static void find_sections(octavo_chapter *c)
{
    size_t count = 0;
    int shallowest = 7;
    cmark_iter *it = cmark_iter_new(c->body);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
            count++;
            int level = cmark_node_get_heading_level(n);
            if (level < shallowest)
                shallowest = level;
        }
    }
    cmark_iter_free(it);
    c->sections = count ? octavo_xcalloc(count, sizeof *c->sections) : NULL;
    it = cmark_iter_new(c->body);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
            continue;
        octavo_section *s = &c->sections[c->section_count++];
        int level = cmark_node_get_heading_level(n) - shallowest + 2;
        s->level = level > 6 ? 6 : level;
        s->title = octavo_node_text(n);
        s->node = n;
        cmark_node_set_user_data(n, s);
    }
    cmark_iter_free(it);
}

/* ---- byline ------------------------------------------------------------- */

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
            line t = trim(text, strlen(text));
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
            line label = trim(t.text, colon);
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
        line t = trim(lit, strlen(lit));
        char *trimmed = octavo_xstrndup(t.text, strlen(lit) - (size_t)(t.text - lit));
        cmark_node_set_literal(first_moved, trimmed);
        free(trimmed);
    }
    return any;
}

static void byline_separator(cmark_node *byline)
{
    if (cmark_node_first_child(byline))
        cmark_node_append_child(byline, new_text(" · ", strlen(" · ")));
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
            add_words(&c->tags, text, strlen(text));
            free(text);
        }
        if (l->field == FIELD_DATE && !c->date && type == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(n);
            line t = trim(lit, strlen(lit));
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
static void find_byline(octavo_chapter *c)
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
        cmark_node_append_child(byline, new_text(fm.data, fm.len));
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
            line t = trim(text, strlen(text));
            size_t label_len = lines[i].label_bytes - (size_t)(t.text - text);
            octavo_buf label_text = OCTAVO_BUF_INIT;
            octavo_buf_append(&label_text, t.text, label_len);
            if (label_len && t.text[label_len - 1] == ':')
                octavo_buf_putc(&label_text, ' '); /* "Source: x", but "來源：x" */
            label = new_text(label_text.data, label_text.len);
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

/* ---- the stage ---------------------------------------------------------- */

/* Completes a chapter whose body is built: title, byline, signature,
 * Chinese line joining, sections. */
static void finish_chapter(octavo_chapter *c, const octavo_source *src)
{
    find_title(c, src);
    find_byline(c);
    find_signature(c);
    join_cjk_lines(c->body);
    find_sections(c);
}

/* Which file the chapter comes from, as the source says. */
static void take_origin(octavo_chapter *c, const char *path, const char *root, const char *real)
{
    c->source_path = octavo_xstrdup(path);
    c->source_root = root ? octavo_xstrdup(root) : NULL;
    c->source_real = real ? octavo_xstrdup(real) : NULL;
}

static octavo_chapter *new_segment(octavo_book *book, const octavo_source *src, size_t part,
                                   char *title, const char *origin)
{
    octavo_chapter *c = octavo_book_add_chapter(book);
    take_origin(c, src->path, src->root, src->real);
    c->format = OCTAVO_FORMAT_PLAIN;
    c->body = cmark_node_new(CMARK_NODE_DOCUMENT);
    c->part = part;
    c->title = title;
    c->title_origin = origin;
    return c;
}

static void finish_segment(octavo_chapter *c, const octavo_source *src)
{
    finish_chapter(c, src);
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
            size_t colon = starts_with(v, rest, "：") ? strlen("：") : (rest && *v == ':') ? 1 : 0;
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
            line l = trim(p, n);
            const char *v;
            char *t;
            if (!l.len) {
                /* blank */
            } else if (!title && (t = bracketed_title(l.text, l.len))) {
                title = t;
            } else if (!title && (v = header_value(l.text, l.len, title_labels, 2))) {
                line value = trim(v, (size_t)(l.text + l.len - v));
                title = bracketed_title(value.text, value.len);
                if (!title)
                    title = octavo_xstrndup(value.text, value.len);
            } else if (!author && (v = header_value(l.text, l.len, author_labels, 3))) {
                line value = trim(v, (size_t)(l.text + l.len - v));
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
 * (see understand_novel), taken into chapters and freed; *part is the part
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
        if (text && is_volume_marker(text, len)) {
            if (current)
                finish_segment(current, src);
            current = NULL;
            *part = octavo_book_add_part(book, text);
            free(text);
            cmark_node_free(b);
        } else if (text && is_chapter_marker(text, len)) {
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

static void cut_large_chapters(octavo_book *book, size_t first);

/* One slice of a novel: its units, the part it starts in and the chapters
 * it made (both counted from the source's first). */
typedef struct novel_slice_info {
    size_t from, to;
    size_t part;
    size_t first, count;
} novel_slice_info;

struct octavo_novel_plan {
    plain_layout layout; /* points into the source's text */
    novel_slice_info *slices;
    size_t count, cap;
    octavo_strings parts; /* the novel's parts' titles, for making slices again */
};

/* Makes the chapters of units [from, to) into `book`: what the whole
 * novel would make of them, pieces cut and references found. */
static void understand_slice(const plain_layout *l, size_t from, size_t to,
                             const octavo_source *src, octavo_book *book, size_t *part)
{
    size_t first = book->chapter_count;
    cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
    plain_blocks(l, from, to, doc);
    bool header = from == 0 && take_novel_header(doc, book);
    novel_slice(doc, src, book, part, header);
    if (src->len > OCTAVO_PIECE_BYTES / 8) /* (as for any source) */
        cut_large_chapters(book, first);
    for (size_t i = first; i < book->chapter_count; i++)
        octavo_find_references(&book->chapters[i]);
}

/* A unit that starts a chapter of a novel. */
static bool is_chapter_unit(const unit *u)
{
    return is_marker_unit(u) && is_chapter_marker(u->lines[0].text, u->lines[0].len);
}

void octavo_novel_plan_free(octavo_novel_plan *plan)
{
    if (!plan)
        return;
    plain_layout_free(&plan->layout);
    free(plan->slices);
    octavo_strings_free(&plan->parts);
    free(plan);
}

/* A novel is understood a slice at a time, from one chapter marker to the
 * next, so that its whole tree is never in memory at once (a 50 MB novel's
 * took 160 MB); with `forget`, each slice's trees are freed once made.
 * The plan (if `plan` is not NULL) takes the layout, to make each slice
 * again. */
static void understand_novel(plain_layout *l, const octavo_source *src, octavo_book *book,
                             bool forget, octavo_novel_plan **plan)
{
    octavo_novel_plan *p = octavo_xcalloc(1, sizeof *p);
    size_t base = book->chapter_count, base_parts = book->part_count, part = 0, start = 0;
    for (size_t i = 1; i <= l->unit_count; i++) {
        if (i < l->unit_count && !is_chapter_unit(&l->units[i]))
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
        *l = (plain_layout){0};
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
    take_origin(c, src->path, src->root, src->real);
    split_text split;
    octavo_status st = split_front_matter(src, &split, d);
    if (st != OCTAVO_OK)
        return st;
    if (split.yaml && (st = apply_front_matter(&split, src, c, d)) != OCTAVO_OK)
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
        repair_markdown_blocks(c->body);
    } else {
        plain_layout layout;
        plain_layout_make(split.body, split.body_len, &layout);
        size_t markers = 0;
        for (size_t i = 0; i < layout.unit_count; i++)
            markers += is_chapter_unit(&layout.units[i]);
        if (markers >= 2 && !split.yaml) {
            octavo_chapter_free(c);
            book->chapter_count--; /* the whole file becomes several chapters */
            understand_novel(&layout, src, book, how->forget, how->plan);
            plain_layout_free(&layout);
            octavo_diag_add(d, OCTAVO_INFO, src->path, 0, 0,
                            "a novel: split at %zu chapter markers", markers);
            *whole = true;
            return OCTAVO_OK;
        }
        c->body = cmark_node_new(CMARK_NODE_DOCUMENT);
        plain_blocks(&layout, 0, layout.unit_count, c->body);
        plain_layout_free(&layout);
    }
    if ((st = check_nesting(c, d)) != OCTAVO_OK)
        return st;
    if (c->format == OCTAVO_FORMAT_MARKDOWN)
        scrub_characters(c, d);
    finish_chapter(c, src);
    octavo_lang_count(&c->stats, split.body, split.body_len);
    return OCTAVO_OK;
}

/* ---- pieces of large chapters ------------------------------------------ */

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
        take_origin(p, c->source_path, c->source_root, c->source_real);
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

/* Cuts every large chapter appended since `first`, keeping the order. */
static void cut_large_chapters(octavo_book *book, size_t first)
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
        cut_large_chapters(book, first);
    for (size_t i = first; i < book->chapter_count; i++)
        octavo_find_references(&book->chapters[i]);
    return OCTAVO_OK;
}

octavo_status octavo_understand(const octavo_source *src, octavo_format_choice format,
                                octavo_book *book, octavo_diags *d)
{
    return octavo_understand_novel(src, format, book, false, NULL, d);
}
